"""`kg export`: the graph as Turtle, N-Triples, TriG or JSON-LD, byte-for-byte deterministic.

Oxigraph writes each exported graph as N-Triples; the lines are sorted as bytes before the
final serialisation, so the same pages give the same bytes whatever order they were built in.
JSON-LD is compacted with ``ontology/context.jsonld`` (inlined, so any JSON-LD processor reads
it offline), by pyld, in chunks of nodes on worker processes; framed JSON-LD (one tree per
project) is written by ``kg.export_framed``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from enum import StrEnum
from functools import cache, partial
from itertools import groupby
from typing import IO, Any

import pyoxigraph as ox
from pyld import jsonld

from kg.cores import usable_cores
from kg.namespaces import PREFIXES
from kg.paths import ontology_dir
from kg.store.graphs import derived_graphs, existing_pages, ontology_graphs


class ExportFormat(StrEnum):
    """Formats `kg export` writes."""

    TURTLE = "turtle"
    NT = "nt"
    TRIG = "trig"
    JSONLD = "jsonld"
    JSONLD_FRAMED = "jsonld-framed"

    @property
    def suffix(self) -> str:
        """File name suffix for the format."""
        return {"turtle": ".ttl", "nt": ".nt", "trig": ".trig", "jsonld": ".jsonld",
                "jsonld-framed": ".jsonld"}[self.value]


def _sort_key(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> tuple[str, str]:
    return (type(term).__name__, str(term))


def exported_graphs(store: ox.Store, *, with_ontology: bool = False) -> list[ox.NamedNode]:
    """The page graphs and derived graphs (and the ontology graphs when asked), sorted by IRI.

    The build log is never exported."""
    graphs = set(existing_pages(store).graph_iris) | derived_graphs(store)
    if with_ontology:
        graphs |= ontology_graphs(store)
    return [ox.NamedNode(iri) for iri in sorted(graphs)]


def _graph_lines(store: ox.Store, graph: ox.NamedNode) -> list[bytes]:
    """The N-Triples lines of one graph, written by Oxigraph."""
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph).splitlines(keepends=True)


DUMP_THREADS = 2
"""Threads reading graphs out of the store side by side: pyoxigraph lets go of the GIL while it
reads, and reading (one id-to-string lookup per term) is most of an export's time."""


def _lines_by_graph(store: ox.Store, graphs: list[ox.NamedNode]) -> Iterator[list[bytes]]:
    """Each graph's N-Triples lines, in the order of ``graphs``, read on ``DUMP_THREADS``."""
    with ThreadPoolExecutor(DUMP_THREADS, thread_name_prefix="kg-export") as pool:
        yield from pool.map(partial(_graph_lines, store), graphs)


def _sorted_union_lines(store: ox.Store, *, with_ontology: bool) -> list[bytes]:
    """The distinct N-Triples lines of the exported graphs, sorted as bytes.

    Oxigraph writes the lines and Python only sorts bytes: far cheaper than making a Python
    term object per triple. Sorting first and dropping neighbours that repeat needs no set of
    every line beside the list."""
    lines: list[bytes] = []
    for graph_lines in _lines_by_graph(store, exported_graphs(store, with_ontology=with_ontology)):
        lines.extend(graph_lines)
    lines.sort()
    return [line for line, _ in groupby(lines)]


def union_ntriples(store: ox.Store, *, with_ontology: bool = False) -> bytes:
    """The distinct triples of the exported graphs as N-Triples, one line each, lines sorted."""
    return b"".join(_sorted_union_lines(store, with_ontology=with_ontology))


def dataset_nquads(store: ox.Store, *, with_ontology: bool = False) -> bytes:
    """The exported graphs as N-Quads: graph by graph in IRI order, lines sorted in each."""
    graphs = exported_graphs(store, with_ontology=with_ontology)
    parts: list[bytes] = []
    for graph, graph_lines in zip(graphs, _lines_by_graph(store, graphs), strict=True):
        suffix = f" {graph} .\n".encode()
        parts.extend(line[:-3] + suffix for line in sorted(graph_lines))
    return b"".join(parts)


def data_quads(store: ox.Store, *, with_ontology: bool = False) -> list[ox.Quad]:
    """The quads of the exported graphs, sorted by graph, then as N-Quads lines."""
    return list(ox.parse(dataset_nquads(store, with_ontology=with_ontology),
                         format=ox.RdfFormat.N_QUADS))


def union_triples(store: ox.Store, *, with_ontology: bool = False) -> list[ox.Triple]:
    """The distinct triples of the exported graphs, sorted as N-Triples lines."""
    return list(ox.parse(union_ntriples(store, with_ontology=with_ontology),
                         format=ox.RdfFormat.N_TRIPLES))


def sorted_triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    """Distinct triples of ``quads`` (the union of their graphs), sorted (for small graphs)."""
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


COMPACT_CHUNK = 5_000
"""Node objects compacted per task; tasks run in worker processes when there are several."""


def _compacted_graph(nodes: list[dict[str, Any]]) -> list[Any]:
    """The ``@graph`` of ``nodes`` compacted with the project's context (runs in workers)."""
    # The input is already in expanded form: pyld need not expand it again (half its time).
    compacted = jsonld.compact(nodes, {"@context": jsonld_context()},
                               options={"graph": True, "skipExpansion": True})
    return compacted["@graph"]


def _compaction_workers(chunks: int) -> int:
    return max(1, min(usable_cores(), chunks))


def to_jsonld(triples: list[ox.Triple]) -> bytes:
    """Compacted JSON-LD with the project's context, deterministic bytes.

    pyld compacts each node object on its own (they are flat: one per subject, values refer
    to other nodes by ``@id``), so chunks of nodes are compacted side by side in worker
    processes and their ``@graph`` lists joined: the same document as one compaction, sooner.
    """
    nodes = expanded_jsonld(triples)
    chunks = [nodes[start:start + COMPACT_CHUNK] for start in range(0, len(nodes), COMPACT_CHUNK)]
    workers = _compaction_workers(len(chunks))
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_compacted_graph, chunks))
    else:
        parts = [_compacted_graph(chunk) for chunk in chunks] or [[]]
    graph = [node for part in parts for node in part]
    document = {"@context": jsonld_context(), **_canonical_json({"@graph": graph})}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def export(store: ox.Store, fmt: ExportFormat, output: IO[bytes], *,
           with_ontology: bool = False) -> int:
    """Write the store's graph to ``output``; return the number of triples (or quads for TriG).

    Turtle, N-Triples and both JSON-LD forms hold the union of the exported graphs; TriG keeps
    each graph.
    """
    if fmt is ExportFormat.TRIG:
        nquads = dataset_nquads(store, with_ontology=with_ontology)
        output.write(ox.serialize(ox.parse(nquads, format=ox.RdfFormat.N_QUADS),
                                  format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
        return nquads.count(b"\n")
    lines = _sorted_union_lines(store, with_ontology=with_ontology)
    if fmt is ExportFormat.NT:
        output.writelines(lines)
    elif fmt is ExportFormat.JSONLD:
        output.write(to_jsonld(list(_parsed_triples(lines))))
    elif fmt is ExportFormat.JSONLD_FRAMED:
        from kg.export_framed import to_framed_jsonld  # it imports this module

        output.write(to_framed_jsonld(list(_parsed_triples(lines))))
    else:
        ox.serialize(_parsed_triples(lines), output, format=ox.RdfFormat.TURTLE,
                     prefixes=PREFIXES)
    return len(lines)


PARSE_CHUNK = 100_000
"""N-Triples lines parsed at a time when streaming sorted lines back into triples."""


def _parsed_triples(lines: list[bytes]) -> Iterable[ox.Triple]:
    """The triples of sorted N-Triples ``lines``, in order, parsed a chunk at a time (so the
    whole document never sits in memory twice)."""
    for start in range(0, len(lines), PARSE_CHUNK):
        yield from ox.parse(b"".join(lines[start:start + PARSE_CHUNK]),
                            format=ox.RdfFormat.N_TRIPLES)


def iter_formats() -> Iterator[str]:
    """Format names for the CLI."""
    return (f.value for f in ExportFormat)
