"""Results of the compiled engine as pyshacl would write them, and the report built from them.

A ``RawResult`` holds the terms pyshacl puts in a ``sh:ValidationResult``; ``build_report``
writes the same SHACL results graph pyshacl writes (blank-node shapes and paths copied from
the shapes graph), then the same ``ValidationResult`` list the pyshacl path derives from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pyshacl.rdfutil import clone_blank_node
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.validate.context_batch import FocusContext
from kg.validate.engine import SEVERITIES
from kg.validate.model import ValidationReport, ValidationResult
from kg.validate.results_graph import canonical_results_graph
from kg.validate.terms import compact, show_path, show_term

ALLOWED = (SH.Warning, SH.Info)
"""Severities that do not break conformance (pyshacl's allow_warnings and allow_infos)."""


@dataclass(frozen=True)
class RawResult:
    """One sh:ValidationResult: the focus node, the shape and component, what was found."""

    focus: Node
    shape: Node
    component: URIRef
    severity: Node
    messages: tuple[Literal, ...]
    path: Node | None = None
    value: Node | None = None
    source_constraint: Node | None = None
    details: tuple[RawResult, ...] = ()
    check: str = field(default="", compare=False)


def best_message(messages: Iterable[Node]) -> str:
    """The English (or untagged) message, the first by text; as the pyshacl path picks it."""
    found = [m for m in messages if isinstance(m, Literal)]
    if not found:
        return "constraint not met"
    return str(min(found, key=lambda m: (m.language not in (None, "en"), str(m))))


class _Writer:
    """Writes results into one graph, copying blank nodes of the shapes graph once each."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self.graph = Graph()
        self._copied: dict[Node, Node] = {}

    def shape_node(self, node: Node) -> Node:
        if not isinstance(node, BNode):
            return node
        if node not in self._copied:
            self._copied[node] = clone_blank_node(self.shapes, node, self.graph, keepid=True)
        return self._copied[node]

    def write(self, result: RawResult) -> BNode:
        node = BNode()
        add = self.graph.add
        add((node, RDF.type, SH.ValidationResult))
        add((node, SH.sourceConstraintComponent, result.component))
        add((node, SH.sourceShape, self.shape_node(result.shape)))
        add((node, SH.resultSeverity, result.severity))
        add((node, SH.focusNode, result.focus))
        if result.value is not None:
            add((node, SH.value, result.value))
        if result.path is not None:
            add((node, SH.resultPath, self.shape_node(result.path)))
        if result.source_constraint is not None:
            add((node, SH.sourceConstraint, self.shape_node(result.source_constraint)))
        for message in result.messages:
            add((node, SH.resultMessage, message))
        for detail in result.details:
            add((node, SH.detail, self.write(detail)))
        return node


def results_graph(results: Sequence[RawResult], shapes: Graph) -> Graph:
    """The SHACL results graph pyshacl would write for ``results``, made canonical."""
    writer = _Writer(shapes)
    report = BNode()
    conforms = not any(r.severity not in ALLOWED for r in results)
    writer.graph.add((report, RDF.type, SH.ValidationReport))
    writer.graph.add((report, SH.conforms, Literal(conforms)))
    for result in results:
        writer.graph.add((report, SH.result, writer.write(result)))
    return canonical_results_graph(writer.graph)


def to_validation_result(raw: RawResult, context: FocusContext,
                         shapes: Graph) -> ValidationResult:
    """The report line for one result, with the project and page of its focus node."""
    focus = raw.focus
    constraint = raw.source_constraint
    return ValidationResult(
        severity=SEVERITIES.get(raw.severity, "violation"),
        focus=str(focus),
        message=best_message(raw.messages),
        shape=show_term(raw.shape) if isinstance(raw.shape, URIRef) else "[]",
        constraint=compact(str(constraint)) if isinstance(constraint, URIRef)
        else show_term(raw.component),
        path=show_path(shapes, raw.path) if raw.path is not None else None,
        value=show_term(raw.value) if raw.value is not None else None,
        focus_type=context.focus_type,
        project=context.project,
        source_path=context.source_path,
    )


def build_report(results: Sequence[RawResult], contexts: Mapping[Node, FocusContext],
                 shapes: Graph) -> ValidationReport:
    """The report of ``results``: sorted lines, conformance and the SHACL results graph."""
    found = [to_validation_result(raw, contexts[raw.focus], shapes) for raw in results]
    found.sort(key=ValidationResult.sort_key)
    conforms = not any(result.severity == "violation" for result in found)
    return ValidationReport(conforms=conforms, results=found,
                            make_graph=lambda: results_graph(results, shapes))
