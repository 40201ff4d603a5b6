"""`kg export`: the graph as Turtle, N-Triples, TriG or JSON-LD, byte-for-byte deterministic.

Triples are sorted before serialisation, so the same pages give the same bytes whatever order
they were built in. JSON-LD is compacted with ``ontology/context.jsonld`` (inlined, so any
JSON-LD processor reads it offline).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import StrEnum
from functools import cache
from typing import IO, Any

import pyoxigraph as ox
from pyld import jsonld

from kg.namespaces import PREFIXES
from kg.paths import ontology_dir
from kg.store.graphs import derived_graphs, existing_pages, ontology_graphs


class ExportFormat(StrEnum):
    """Formats `kg export` writes."""

    TURTLE = "turtle"
    NT = "nt"
    TRIG = "trig"
    JSONLD = "jsonld"

    @property
    def suffix(self) -> str:
        """File name suffix for the format."""
        return {"turtle": ".ttl", "nt": ".nt", "trig": ".trig", "jsonld": ".jsonld"}[self.value]


def _sort_key(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> tuple[str, str]:
    return (type(term).__name__, str(term))


def data_quads(store: ox.Store, *, with_ontology: bool = False) -> list[ox.Quad]:
    """The quads of every page graph and the links graph (and of the ontology graph when
    asked), sorted by graph, subject, predicate, object. The build log is never exported."""
    graphs = set(existing_pages(store).graph_iris) | derived_graphs(store)
    if with_ontology:
        graphs |= ontology_graphs(store)
    quads = [q for q in store.quads_for_pattern(None, None, None)
             if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in graphs]
    quads.sort(key=lambda q: (str(q.graph_name), _sort_key(q.subject), str(q.predicate),
                              _sort_key(q.object)))
    return quads


def sorted_triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    """Distinct triples of ``quads`` (the union of their graphs), sorted."""
    triples = {q.triple for q in quads}
    return sorted(triples, key=lambda t: (_sort_key(t.subject), str(t.predicate),
                                          _sort_key(t.object)))


@cache
def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context shipped in ontology/context.jsonld."""
    with (ontology_dir() / "context.jsonld").open(encoding="utf-8") as handle:
        return json.load(handle)["@context"]


def _expanded_value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"@id": term.value}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return {"@value": term.value}
    return {"@value": term.value, "@type": term.datatype.value}


def expanded_jsonld(triples: list[ox.Triple]) -> list[dict[str, Any]]:
    """Expanded JSON-LD node objects, one per subject, in triple order."""
    nodes: dict[str, dict[str, Any]] = {}
    for triple in triples:
        subject = triple.subject
        key = subject.value if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"
        node = nodes.setdefault(key, {"@id": key})
        if triple.predicate.value == PREFIXES["rdf"] + "type" and isinstance(
                triple.object, ox.NamedNode):
            node.setdefault("@type", []).append(triple.object.value)
        else:
            node.setdefault(triple.predicate.value, []).append(_expanded_value(triple.object))
    return list(nodes.values())


def _canonical_json(document: Any) -> Any:
    """Sort @graph nodes by @id and every list of values, so output never depends on input order."""
    if isinstance(document, dict):
        return {k: _canonical_json(v) for k, v in document.items()}
    if isinstance(document, list):
        items = [_canonical_json(v) for v in document]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return document


def to_jsonld(triples: list[ox.Triple]) -> bytes:
    """Compacted JSON-LD with the project's context, deterministic bytes."""
    context = jsonld_context()
    compacted = jsonld.compact(expanded_jsonld(triples), {"@context": context},
                               options={"graph": True})
    body = {k: v for k, v in compacted.items() if k != "@context"}
    document = {"@context": context, **_canonical_json(body)}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def serialise(quads: list[ox.Quad], fmt: ExportFormat) -> bytes:
    """Serialise sorted quads in ``fmt``; Turtle, N-Triples and JSON-LD hold the union graph."""
    if fmt is ExportFormat.TRIG:
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    triples = sorted_triples(quads)
    if fmt is ExportFormat.JSONLD:
        return to_jsonld(triples)
    if fmt is ExportFormat.NT:
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def export(store: ox.Store, fmt: ExportFormat, output: IO[bytes], *,
           with_ontology: bool = False) -> int:
    """Write the store's graph to ``output``; return the number of triples (or quads for TriG)."""
    quads = data_quads(store, with_ontology=with_ontology)
    output.write(serialise(quads, fmt))
    return len(quads) if fmt is ExportFormat.TRIG else len({q.triple for q in quads})


def iter_formats() -> Iterator[str]:
    """Format names for the CLI."""
    return (f.value for f in ExportFormat)
