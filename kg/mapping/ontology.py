"""The ontology and concept schemes as quads, so a build carries the terms it uses."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, parse

from kg.errors import DataError
from kg.paths import ontology_dir

ONTOLOGY_FILES = ("iom.ttl", "vocabularies.ttl", "statistics.ttl")


@cache
def _ontology_triples(folder: Path) -> tuple[Triple, ...]:
    triples: list[Triple] = []
    for name in ONTOLOGY_FILES:
        path = folder / name
        try:
            triples.extend(quad.triple for quad in parse(path=path, format=RdfFormat.TURTLE))
        except SyntaxError as exc:
            raise DataError(f"not valid Turtle: {exc.msg}", path=str(path),
                            line=exc.lineno) from exc
        except OSError as exc:
            raise DataError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    return tuple(triples)


def ontology_quads(graph_iri: str | NamedNode) -> list[Quad]:
    """Every triple of the ontology files (``ONTOLOGY_FILES``) in the named graph
    ``graph_iri`` (by convention ``B/graph/ontology``, see ``mint_graph_iri``)."""
    graph = graph_iri if isinstance(graph_iri, NamedNode) else NamedNode(graph_iri)
    return [Quad(t.subject, t.predicate, t.object, graph)
            for t in _ontology_triples(ontology_dir())]
