"""What a validation found: results with the project and page they concern, and the report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from rdflib import Graph

Severity = Literal["violation", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"violation": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class ProjectRef:
    """The project a result concerns: its IRI, Prima ID and title when the graph has them."""

    iri: str
    prima_id: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class ValidationResult:
    """One broken rule at one node.

    ``path``, ``value``, ``shape`` and ``constraint`` are compact (``iom:primaId``,
    ``'XX'``, ``iomsh:Project-primaId-pattern``, ``sh:PatternConstraintComponent``);
    ``focus`` is the full IRI of the node that breaks the rule.
    """

    severity: Severity
    focus: str
    message: str
    shape: str
    constraint: str
    path: str | None = None
    value: str | None = None
    focus_type: str | None = None
    project: ProjectRef | None = None
    source_path: str | None = None

    def sort_key(self) -> tuple[Any, ...]:
        """Violations first, then grouped by project and focus node."""
        return (SEVERITY_ORDER.get(self.severity, 9), self.project.iri if self.project else "~",
                self.focus, self.path or "", self.shape, self.constraint, self.value or "",
                self.message)

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready plain data (as ``dataclasses.asdict``, quicker)."""
        data = dict(self.__dict__)
        if self.project is not None:
            data["project"] = dict(self.project.__dict__)
        return data


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation: ``conforms`` is true when no result is a violation
    (warnings alone conform); ``graph`` is the SHACL results graph, which an engine may
    leave to ``make_graph`` to build on first use (only the Turtle report needs it)."""

    conforms: bool
    results: list[ValidationResult]
    graph: Graph | None = field(default=None, repr=False, compare=False)
    make_graph: Callable[[], Graph] | None = field(default=None, repr=False, compare=False)

    def shacl_graph(self) -> Graph:
        """The SHACL results graph (sh:ValidationReport), built now if it was deferred."""
        if self.graph is None:
            graph = self.make_graph() if self.make_graph is not None else Graph()
            object.__setattr__(self, "graph", graph)
        assert self.graph is not None
        return self.graph

    def count(self, severity: Severity) -> int:
        """How many results have this severity."""
        return sum(1 for result in self.results if result.severity == severity)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready plain data."""
        return {
            "conforms": self.conforms,
            "summary": {f"{name}s": self.count(name) for name in ("violation", "warning", "info")},
            "results": [result.to_dict() for result in self.results],
        }
