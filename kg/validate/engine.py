"""Run the SHACL shapes over a graph with pyshacl and turn its results into a report."""

from __future__ import annotations

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH

from kg.errors import KgError
from kg.validate.context import Context
from kg.validate.model import Severity, ValidationReport, ValidationResult
from kg.validate.prepared import PreparedQueryGraph, view_of
from kg.validate.resources import load_ontology, load_shapes
from kg.validate.results_graph import canonical_results_graph
from kg.validate.terms import compact, show_path, show_term

SEVERITIES: dict[object, Severity] = {
    SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info",
}
"""SHACL severities; any other (custom) severity counts as a violation."""


def _holds(data: Graph, ontology: Graph) -> bool:
    """True when every ground triple of the ontology is already in the data."""
    return all(triple in data for triple in ontology
               if not any(isinstance(term, BNode) for term in triple))


def _prepare(data: Graph | Dataset, ontology: Graph) -> Graph:
    """The one graph to validate: the data and the ontology with its concept schemes.

    A store's graph already holds the ontology and is validated as it is, without a copy.
    Otherwise the triples are copied into a new graph with the ontology: pyshacl's own
    ``ont_graph`` mixes in only RDFS/OWL axioms, not the SKOS concepts the scheme rules need.
    A dataset's graphs (default and named) are merged.
    """
    multigraph = isinstance(data, Dataset) or getattr(data, "context_aware", False)
    if not multigraph and _holds(data, ontology):
        return view_of(data)
    graph = PreparedQueryGraph()
    for s, p, o, *_ in (data.quads((None, None, None, None)) if multigraph else data):
        graph.add((s, p, o))
    if not _holds(graph, ontology):
        graph += ontology
    return graph


def _message(results: Graph, node: BNode) -> str:
    messages = [m for m in results.objects(node, SH.resultMessage) if isinstance(m, Literal)]
    if not messages:
        return "constraint not met"
    best = min(messages, key=lambda m: (m.language not in (None, "en"), str(m)))
    return str(best)


def _result(results: Graph, node: BNode, context: Context) -> ValidationResult:
    focus = results.value(node, SH.focusNode)
    severity = results.value(node, SH.resultSeverity)
    shape = results.value(node, SH.sourceShape)
    component = results.value(node, SH.sourceConstraintComponent)
    constraint = results.value(node, SH.sourceConstraint)
    path = results.value(node, SH.resultPath)
    value = results.value(node, SH.value)
    project = context.project_of(focus) if focus is not None else None
    return ValidationResult(
        severity=SEVERITIES.get(severity, "violation"),
        focus=str(focus),
        message=_message(results, node),
        shape=show_term(shape) if isinstance(shape, URIRef) else "[]",
        constraint=compact(str(constraint)) if isinstance(constraint, URIRef)
        else show_term(component),
        path=show_path(results, path) if path is not None else None,
        value=show_term(value) if value is not None else None,
        focus_type=context.focus_type(focus) if focus is not None else None,
        project=context.project_ref(project) if project is not None else None,
        source_path=context.source_path(focus, project) if focus is not None else None,
    )


def validate_graph(data: Graph | Dataset, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against the shapes of shapes/ (or ``shapes``).

    The ontology and concept schemes are added when the data lacks them (on a copy); no
    inference is run, so a wrongly typed value is reported rather than silently retyped.
    KgError when the shapes or ontology cannot be read or pyshacl cannot run them.
    """
    ontology = load_ontology()
    shapes = shapes if shapes is not None else load_shapes()
    graph = _prepare(data, ontology)
    try:
        _, results, _ = pyshacl.validate(
            graph, shacl_graph=shapes, inference="none",
            advanced=False, allow_warnings=True, allow_infos=True,
        )
    except ReportableRuntimeError as exc:
        raise KgError(f"SHACL validation could not run: {exc.message}") from exc
    except Exception as exc:  # rdflib raises bare Exceptions for bad SPARQL in a shape
        raise KgError(f"SHACL validation could not run: {exc}") from exc
    context = Context(graph, ontology)
    found = [_result(results, node, context)
             for report in results.subjects(RDF.type, SH.ValidationReport)
             for node in results.objects(report, SH.result)]
    found.sort(key=ValidationResult.sort_key)
    conforms = not any(result.severity == "violation" for result in found)
    return ValidationReport(conforms=conforms, results=found,
                            graph=canonical_results_graph(results))
