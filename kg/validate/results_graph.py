"""Make pyshacl's results graph canonical: same validation, same triples, same Turtle.

pyshacl writes the report and each result as blank nodes with random labels. Here the report
becomes ``urn:iom-kg:validation:report`` and each result an IRI named by a hash of its content;
other blank nodes (paths, shapes copied into sh:detail) are copied fresh, once per use, so a
Turtle writer inlines them as ``[ ... ]``.
"""

from __future__ import annotations

import hashlib

from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.validate.terms import DISPLAY_PREFIXES

REPORT_IRI = URIRef("urn:iom-kg:validation:report")
RESULT_PREFIX = "urn:iom-kg:validation:result:"


class _Canon:
    def __init__(self, source: Graph) -> None:
        self.source = source
        self.target = Graph()
        self._keys: dict[Node, str] = {}
        self._results: dict[Node, URIRef] = {}

    def key(self, node: Node, trail: frozenset[Node] = frozenset()) -> str:
        """A text that is the same for two nodes exactly when their descriptions are."""
        if not isinstance(node, BNode):
            return node.n3()
        if node in trail:
            return "[cycle]"
        if node not in self._keys:
            lines = sorted(f"{p.n3()} {self.key(o, trail | {node})}"
                           for p, o in self.source.predicate_objects(node))
            self._keys[node] = "[" + " ; ".join(lines) + "]"
        return self._keys[node]

    def copy(self, node: Node) -> Node:
        """The node in the target graph (results as hashed IRIs), with its description."""
        if not isinstance(node, BNode):
            return node
        if (node, RDF.type, SH.ValidationResult) in self.source:
            if node not in self._results:
                digest = hashlib.sha256(self.key(node).encode("utf-8")).hexdigest()[:16]
                self._results[node] = iri = URIRef(RESULT_PREFIX + digest)
                self._describe(node, iri)
            return self._results[node]
        fresh = BNode()
        self._describe(node, fresh)
        return fresh

    def _describe(self, node: Node, as_node: Node) -> None:
        for predicate, value in self.source.predicate_objects(node):
            self.target.add((as_node, predicate, self.copy(value)))


def canonical_results_graph(results: Graph) -> Graph:
    """The SHACL results graph with stable IRIs for the report and its results."""
    canon = _Canon(results)
    target = canon.target
    for prefix, namespace in sorted(DISPLAY_PREFIXES.items()):
        target.bind(prefix, namespace, override=True)
    for report in results.subjects(RDF.type, SH.ValidationReport):
        for predicate, value in results.predicate_objects(report):
            target.add((REPORT_IRI, predicate, canon.copy(value)))
    return target
