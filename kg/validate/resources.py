"""Load the SHACL shapes (shapes/*.ttl) and the ontology with its concept schemes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from kg.errors import KgError
from kg.mapping.ontology import ONTOLOGY_FILES
from kg.paths import ontology_dir, shapes_dir


def _parse_turtle(paths: Iterable[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except OSError as exc:
            raise KgError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
            raise KgError(f"{path}: not valid Turtle: {exc}") from exc
    return graph


def shape_files(folder: Path | None = None) -> list[Path]:
    """The shapes files, sorted by name; KgError when there are none."""
    folder = folder or shapes_dir()
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise KgError(f"{folder}: no SHACL shapes (*.ttl) found")
    return files


def load_shapes(folder: Path | None = None) -> Graph:
    """Every shape of shapes/ (or ``folder``) in one graph."""
    return _parse_turtle(shape_files(folder))


def load_ontology(folder: Path | None = None) -> Graph:
    """The ontology files (``ONTOLOGY_FILES``) in one graph: the class hierarchy that subclass
    targets need and the concept schemes the scheme rules check."""
    folder = folder or ontology_dir()
    return _parse_turtle(folder / name for name in ONTOLOGY_FILES)
