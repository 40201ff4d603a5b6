"""The part of a store that decides the results of some nodes, copied into a small store.

A node's results depend on its own triples, on the triples pointing at it through the
predicates the shapes read backwards, on the classes of its values and, for values checked
against a nested shape (sh:node), on the values' own triples. Validating the copy gives the
same results for those nodes as validating the whole store; other nodes in the copy are
incomplete and their results are dropped. That holds for every check but those whose sh:sparql
constraint may read another node's triples than ``$this``'s (``beyond_focus``): callers run
those over the whole store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kg.validate.checks import Check, with_nested
from kg.validate.compiled import Planner
from kg.validate.shape_model import ShapeModel
from kg.validate.sparql_check import SparqlCheck, reads_other_nodes

BATCH = 2000
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
PROBE = ox.NamedNode("urn:iom-kg:validation:probe")
Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Reads:
    """Which predicates the shapes read backwards, and which lead to nested shapes."""

    inverse: frozenset[str]
    nested: frozenset[str]
    valued: frozenset[str]


def beyond_focus(model: ShapeModel) -> frozenset[str]:
    """The keys of the checks of ``model`` that may read the triples of other nodes than their
    focus node: a sh:sparql constraint that reads beyond ``$this``
    (kg.validate.sparql_check.reads_other_nodes), alone or inside a sh:node check, such as a
    uniqueness rule. No copy of a node's surroundings decides them, and no cached result of
    theirs stays true when another node changes: callers run them over the whole store."""
    return frozenset(check.key for check in Planner(model).plan() if any(
        isinstance(c, SparqlCheck) and reads_other_nodes(c.helper) for c in with_nested([check])))


def planned(model: ShapeModel, keys: frozenset[str], *, among: bool) -> list[Check]:
    """The checks of ``model`` whose keys are (``among``) or are not in ``keys``, planned
    afresh: a check remembers which nodes its store's targets hold."""
    return [check for check in Planner(model).plan() if (check.key in keys) == among]


def reads(model: ShapeModel) -> Reads:
    """What the shapes of ``model`` read around a focus node."""
    inverse = {p for s in model.shapes.values() for p in s.targets.objects_of}
    nested, valued = set(), set()
    for constraint in model.constraints():
        path = constraint.shape.path
        if path is None:
            continue
        if path.inverse:
            inverse.add(path.predicate)
        if constraint.kind in ("class", "node"):
            valued.add(path.predicate)
            if constraint.kind == "node":
                nested.add(path.predicate)
    return Reads(frozenset(inverse), frozenset(nested), frozenset(valued))


def _named(nodes: Iterable[Term]) -> list[Term]:
    return [n for n in nodes if not isinstance(n, ox.BlankNode)]


def _batches(nodes: Sequence[Term]) -> Iterator[str]:
    for start in range(0, len(nodes), BATCH):
        yield " ".join(str(n) for n in nodes[start:start + BATCH])


def _query(store: ox.Store, text: str) -> Iterator[list[Term]]:
    for row in store.query(text, use_default_graph_as_union=True):
        yield [row[i] for i in range(len(row))]


class _Copy:
    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.quads: set[ox.Quad] = set()

    def add(self, s: Term, p: ox.NamedNode, o: Term) -> None:
        self.quads.add(ox.Quad(s, p, o, ox.DefaultGraph()))  # type: ignore[arg-type]

    def outgoing(self, nodes: Sequence[Term]) -> set[Term]:
        """Copy every triple of ``nodes``; return their objects."""
        objects: set[Term] = set()
        named = sorted(_named(nodes), key=str)
        for values in _batches(named):
            for s, p, o in _query(self.store, f"SELECT DISTINCT ?s ?p ?o WHERE "
                                              f"{{ VALUES ?s {{ {values} }} ?s ?p ?o }}"):
                self.add(s, p, o)  # type: ignore[arg-type]
                objects.add(o)
        for node in nodes:
            if isinstance(node, ox.BlankNode):
                for quad in self.store.quads_for_pattern(node, None, None, None):
                    self.add(quad.subject, quad.predicate, quad.object)
                    objects.add(quad.object)
        return objects

    def incoming(self, nodes: Sequence[Term], predicates: Iterable[str]) -> set[Term]:
        """Copy the triples of ``predicates`` pointing at ``nodes``; return their subjects."""
        subjects: set[Term] = set()
        named = sorted((n for n in _named(nodes) if not isinstance(n, ox.Literal)), key=str)
        for predicate in sorted(predicates):
            p = ox.NamedNode(predicate)
            for values in _batches(named):
                for s, o in _query(self.store, f"SELECT DISTINCT ?s ?o WHERE "
                                               f"{{ VALUES ?o {{ {values} }} ?s {p} ?o }}"):
                    self.add(s, p, o)
                    subjects.add(s)
        return subjects

    def types(self, nodes: Iterable[Term]) -> None:
        """Copy the rdf:type triples of ``nodes``."""
        named = sorted((n for n in _named(nodes) if not isinstance(n, ox.Literal)), key=str)
        for values in _batches(named):
            for s, t in _query(self.store, f"SELECT DISTINCT ?s ?t WHERE "
                                           f"{{ VALUES ?s {{ {values} }} ?s a ?t }}"):
                self.add(s, RDF_TYPE, t)

    def subclasses(self) -> None:
        """Copy every rdfs:subClassOf triple (the class hierarchy targets and sh:class use)."""
        for quad in self.store.quads_for_pattern(None, SUBCLASS, None, None):
            self.add(quad.subject, quad.predicate, quad.object)


def neighbourhood(store: ox.Store, nodes: Iterable[Term], needs: Reads,
                  probes: dict[str, set[Term]] | None = None,
                  incoming: Iterable[str] = ()) -> ox.Store:
    """An in-memory store with what the shapes read to validate ``nodes``.

    ``probes`` maps a predicate to values that must be validated as its values (a probe
    node holds them), so the checks on that predicate report whether each value passes.
    ``incoming`` adds predicates whose triples pointing at ``nodes`` are copied too.
    """
    copy = _Copy(store)
    focus = sorted(set(nodes), key=str)
    values = copy.outgoing(focus) | copy.incoming(focus, needs.inverse | set(incoming))
    for predicate, found in (probes or {}).items():
        for value in found:
            copy.add(PROBE, ox.NamedNode(predicate), value)
            values.add(value)
    nested = {q.object for q in copy.quads if q.predicate.value in needs.nested}
    nested |= {v for p, found in (probes or {}).items() if p in needs.nested for v in found}
    nested_values = copy.outgoing(sorted(nested - set(focus), key=str))
    copy.types((values | nested_values) - set(focus))
    copy.subclasses()
    small = ox.Store()
    small.extend(copy.quads)
    return small
