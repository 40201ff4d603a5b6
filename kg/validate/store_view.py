"""An Oxigraph store seen as rdflib terms: term conversion and a read-only triple view.

The compiled engine reads the store's union of graphs; ``StoreView`` answers the few
``objects``/``subjects`` lookups the result context needs (``kg.validate.context``) without
copying the store into rdflib. The union repeats a triple held by several graphs, so every
lookup is de-duplicated.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """The rdflib term for an Oxigraph term, as rdflib's N-Triples parser would build it."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The Oxigraph term for an rdflib term (a blank node keeps its label)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


class StoreView:
    """Read-only, de-duplicated ``objects``/``subjects`` over a store's union of graphs."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._objects: dict[tuple[Node, Node], list[Node]] = {}
        self._subjects: dict[tuple[Node, Node], list[Node]] = {}

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        """Distinct objects of ``subject predicate ?o`` in any graph."""
        if subject is None or predicate is None:
            raise ValueError("StoreView.objects needs a subject and a predicate")
        if isinstance(subject, Literal):
            return iter(())
        key = (subject, predicate)
        if key not in self._objects:
            quads = self.store.quads_for_pattern(to_ox(subject), to_ox(predicate), None, None)
            self._objects[key] = list(dict.fromkeys(to_rdflib(q.object) for q in quads))
        return iter(self._objects[key])

    def subjects(self, predicate: Node | None = None, obj: Node | None = None) -> Iterator[Node]:
        """Distinct subjects of ``?s predicate obj`` in any graph."""
        if predicate is None or obj is None:
            raise ValueError("StoreView.subjects needs a predicate and an object")
        key = (predicate, obj)
        if key not in self._subjects:
            quads = self.store.quads_for_pattern(None, to_ox(predicate), to_ox(obj), None)
            self._subjects[key] = list(dict.fromkeys(to_rdflib(q.subject) for q in quads))
        return iter(self._subjects[key])

    def types(self, node: Node) -> list[Node]:
        """The rdf:type values of ``node`` (any graph)."""
        return list(self.objects(node, URIRef(RDF_TYPE.value)))

    def has_object(self, subject: Node, predicate: Node) -> bool:
        """True when ``subject predicate ?o`` holds in some graph."""
        return next(self.objects(subject, predicate), None) is not None

    def has_subject(self, predicate: Node, obj: Node) -> bool:
        """True when ``?s predicate obj`` holds in some graph."""
        return next(self.subjects(predicate, obj), None) is not None
