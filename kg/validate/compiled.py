"""The compiled engine: the SHACL shapes run as SPARQL queries inside Oxigraph.

Every constraint of every shape becomes one or two queries over the store's union of graphs
(``use_default_graph_as_union``), run on a few threads (Oxigraph releases the GIL); a little
Python turns the answers into the results pyshacl reports, with the same messages, so
``validate_store_compiled`` and ``validate_graph`` (pyshacl, the reference) give the same
report. Shapes using SHACL this engine does not compile raise ``UnsupportedShapes``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph

from kg.validate.checks import (
    Check,
    ClassCheck,
    Env,
    Focus,
    HasValueCheck,
    MaxCountCheck,
    MinCountCheck,
    NodeCheck,
    TargetFocus,
    UniqueLangCheck,
    ValueCheck,
    ValueFocus,
    with_nested,
)
from kg.validate.context_batch import focus_contexts
from kg.validate.model import ValidationReport
from kg.validate.raw_results import RawResult, build_report
from kg.validate.resources import load_ontology, load_shapes
from kg.validate.shape_model import (
    VALUE_KINDS,
    CompiledShape,
    Constraint,
    ShapeModel,
    UnsupportedShapes,
    compile_shapes,
)
from kg.validate.sparql_check import SparqlCheck
from kg.validate.sparql_text import flagged_values, iris
from kg.validate.store_view import StoreView, to_ox

__all__ = ["UnsupportedShapes", "compile_shapes", "run_checks", "validate_graph_compiled",
           "validate_store_compiled"]

SIMPLE = {"minCount": MinCountCheck, "maxCount": MaxCountCheck, "uniqueLang": UniqueLangCheck}


class Planner:
    """Turns the shapes into checks: each constraint of each shape on its focus nodes."""

    def __init__(self, model: ShapeModel) -> None:
        self.model = model

    def plan(self) -> list[Check]:
        """The checks of every active shape that has targets."""
        checks = [check for root in self.model.roots
                  for check in self.shape_checks(root, TargetFocus(root.targets))]
        share_value_queries(checks)
        return checks

    def shape_checks(self, shape: CompiledShape, focus: Focus) -> list[Check]:
        """The checks of ``shape`` and of its property shapes, on ``focus``."""
        if shape.pyshape.deactivated:
            return []
        checks = [c for constraint in shape.constraints for c in self.checks(constraint, focus)]
        for prop in shape.properties:
            checks.extend(self.shape_checks(prop, focus))
        return checks

    def checks(self, constraint: Constraint, focus: Focus) -> list[Check]:
        """The checks of one constraint component."""
        kind, component = constraint.kind, constraint.component
        if kind in VALUE_KINDS:
            return [ValueCheck(constraint, focus)]
        if kind in SIMPLE:
            return [SIMPLE[kind](constraint, focus)]
        if kind == "class":
            return [ClassCheck(constraint, focus, cls=str(c)) for c in component.class_rules]
        if kind == "hasValue":
            return [HasValueCheck(constraint, focus, value=v)
                    for v in sorted(component.has_value_set, key=str)]
        if kind == "node":
            assert constraint.shape.path is not None
            inner = ValueFocus(constraint.shape.path)
            return [NodeCheck(constraint, focus,
                              nested=self.shape_checks(self.model.shapes[node], inner),
                              nested_key=self.model.shapes[node].key)
                    for node in component.node_shapes]
        if kind == "sparql":
            return [SparqlCheck(constraint, focus, helper=helper)
                    for helper in sorted(component.sparql_constraints, key=lambda h: str(h.node))
                    if not helper.deactivated]
        raise UnsupportedShapes(f"no compiled check for sh:{kind}")


def _value_checks(checks: Iterable[Check]) -> Iterable[ValueCheck]:
    return (check for check in with_nested(checks) if isinstance(check, ValueCheck))


def share_value_queries(checks: list[Check]) -> None:
    """Give the value-level checks of each path one shared query (one pass over its values)."""
    by_path: dict[tuple[str, bool], list[ValueCheck]] = {}
    for check in _value_checks(checks):
        by_path.setdefault((check.path.predicate, check.path.inverse), []).append(check)
    for group in by_path.values():
        filters = list(dict.fromkeys(check.prefilter for check in group))
        query = flagged_values(group[0].path, filters)
        for check in group:
            check.shared = (query, f"f{filters.index(check.prefilter)}")


def _classes(model: ShapeModel) -> set[str]:
    classes = {c for shape in model.shapes.values() for c in shape.targets.classes}
    for constraint in model.constraints():
        if constraint.kind == "class":
            classes |= {str(c) for c in constraint.component.class_rules}
    return classes


def class_closures(store: ox.Store, classes: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each class with its subclasses (rdfs:subClassOf*, any graph)."""
    wanted = sorted(set(classes))
    closures: dict[str, set[str]] = {c: {c} for c in wanted}
    if wanted:
        query = (f"SELECT ?c ?sub WHERE {{ VALUES ?c {{ {iris(wanted)} }} "
                 "?sub <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?c }")
        for row in store.query(query, use_default_graph_as_union=True):
            if isinstance(row["sub"], ox.NamedNode):
                closures[row["c"].value].add(row["sub"].value)
    return {c: frozenset(subs) for c, subs in closures.items()}


def default_threads() -> int:
    """Threads for the queries: $KG_VALIDATE_THREADS, else one per core, at most four.

    Oxigraph answers the queries without holding the GIL, so threads pay. rdflib's SPARQL
    parser (pyparsing) is not thread-safe, so the one place the checks call it,
    ``sparql_check.query_algebra``, parses under a lock.
    """
    configured = os.environ.get("KG_VALIDATE_THREADS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, min(4, os.cpu_count() or 1))


def run_checks(store: ox.Store, model: ShapeModel, *, threads: int | None = None,
               checks: list[Check] | None = None) -> list[RawResult]:
    """The results of ``checks`` (default: every shape on its targets) over ``store``."""
    checks = Planner(model).plan() if checks is None else checks
    env = Env(store, StoreView(store), class_closures(store, _classes(model)))
    workers = threads or default_threads()
    if workers <= 1:
        return [result for check in checks for result in check.results(env)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        found = list(pool.map(lambda check: check.results(env), checks))
    return [result for results in found for result in results]


def validate_store_compiled(store: ox.Store, shapes: Graph | None = None, *,
                            threads: int | None = None) -> ValidationReport:
    """Validate everything ``store`` holds (its union of graphs) with the compiled shapes."""
    model = compile_shapes(shapes if shapes is not None else load_shapes())
    results = run_checks(store, model, threads=threads)
    contexts = focus_contexts(store, {r.focus for r in results})
    return build_report(results, contexts, model.graph)


def _triples(data: Graph | Dataset) -> Graph:
    if isinstance(data, Dataset) or getattr(data, "context_aware", False):
        merged = Graph()
        for s, p, o, *_ in data.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged
    return data


def load_into_store(data: Graph | Dataset) -> ox.Store:
    """An in-memory store holding ``data`` and, when it lacks them, the ontology and schemes."""
    store = ox.Store()
    store.load(_triples(data).serialize(format="nt", encoding="utf-8"),
               format=ox.RdfFormat.N_TRIPLES)
    return with_ontology(store)


def with_ontology(store: ox.Store) -> ox.Store:
    """``store`` with the ontology and concept schemes added (in a graph of their own) unless
    its default graph holds every ground triple of them already, as pyshacl is given them."""
    ontology = load_ontology()
    held = all(ox.Quad(*(to_ox(term) for term in triple)) in store for triple in ontology
               if not any(isinstance(term, BNode) for term in triple))
    if not held:
        store.load(ontology.serialize(format="nt", encoding="utf-8"),
                   format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:iom-kg:ontology"))
    return store


def validate_graph_compiled(data: Graph | Dataset, shapes: Graph | None = None, *,
                            threads: int | None = None) -> ValidationReport:
    """As ``validate_graph`` (pyshacl), with the compiled engine on an in-memory store."""
    return validate_store_compiled(load_into_store(data), shapes, threads=threads)
