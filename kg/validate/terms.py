"""Show RDF terms and SHACL paths compactly (``iom:primaId``, ``'XX'``, ``^iom:hasOutput``)."""

from __future__ import annotations

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from kg.namespaces import PREFIXES

SHAPES_NS = "https://kg.example.org/iom/shapes#"
DISPLAY_PREFIXES: dict[str, str] = {**PREFIXES, "sh": str(SH), "iomsh": SHAPES_NS}
_BY_LENGTH = sorted(DISPLAY_PREFIXES.items(), key=lambda item: -len(item[1]))


def compact(iri: str) -> str:
    """``prefix:local`` for an IRI in a known namespace, else ``<iri>``."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def show_term(term: object) -> str:
    """An IRI compacted, a literal quoted with its language or non-string datatype."""
    if isinstance(term, URIRef):
        return compact(str(term))
    if isinstance(term, Literal):
        text = "'" + str(term).replace("\\", "\\\\").replace("'", "\\'") + "'"
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{compact(str(term.datatype))}"
        return text
    if isinstance(term, BNode):
        return "[]"
    return str(term)


def show_path(graph: Graph, path: object) -> str:
    """A SHACL property path in SPARQL property-path syntax."""
    if not isinstance(path, BNode):
        return show_term(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + show_path(graph, inverse)
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"),
                              (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return f"({show_path(graph, inner)}){suffix}"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(show_path(graph, p) for p in graph.items(alternatives)) + ")"
    if graph.value(path, RDF.first) is not None:
        return "/".join(show_path(graph, p) for p in graph.items(path))
    return "[]"
