"""Validate the graph with the SHACL shapes of shapes/ and report what breaks them.

``validate_graph`` runs the shapes (pyshacl, the reference) over a graph that holds the data
and, ideally, the ontology; each result names the project and page it concerns.
``validate_store_compiled`` and ``validate_graph_compiled`` give the same report by running
the shapes as SPARQL queries inside Oxigraph (kg.validate.compiled), much faster on large
stores. ``format_text``, ``format_json`` and ``format_turtle`` write the report.
"""

from __future__ import annotations

from kg.validate.compiled import (
    UnsupportedShapes,
    validate_graph_compiled,
    validate_store_compiled,
)
from kg.validate.engine import validate_graph
from kg.validate.model import ProjectRef, ValidationReport, ValidationResult
from kg.validate.report import format_json, format_text, format_turtle, summary_line
from kg.validate.resources import load_ontology, load_shapes, shape_files

__all__ = [
    "ProjectRef",
    "UnsupportedShapes",
    "ValidationReport",
    "ValidationResult",
    "format_json",
    "format_text",
    "format_turtle",
    "load_ontology",
    "load_shapes",
    "shape_files",
    "summary_line",
    "validate_graph",
    "validate_graph_compiled",
    "validate_store_compiled",
]
