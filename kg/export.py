"""`kg export`: the graph as Turtle, N-Triples, TriG or JSON-LD, byte-for-byte deterministic.

Each exported graph is read as N-Triples lines, from the store's page-lines file where it holds
the graph's lines (kg.store.page_lines: the build keeps them, and reading them is many times
cheaper than reading every term back out of Oxigraph), else written by Oxigraph. The lines are
sorted as bytes before the final serialisation, so the same pages give the same bytes whatever
order they were built in. Turtle is written by Oxigraph in runs of whole subjects, side by
side in worker processes, and the runs joined: the same bytes as one serialisation.
JSON-LD is compacted with ``ontology/context.jsonld`` (inlined, so any JSON-LD processor reads
it offline), by pyld, in chunks of nodes on worker processes; framed JSON-LD (one tree per
project) is written by ``kg.export_framed``.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from enum import StrEnum
from functools import cache
from itertools import chain, groupby
from typing import IO, Any

import pyoxigraph as ox
from pyld import jsonld

from kg.cores import usable_cores, worker_pool
from kg.namespaces import PREFIXES
from kg.paths import ontology_dir
from kg.store.graph_lines import all_page_texts, graph_texts
from kg.store.graphs import derived_graphs, existing_pages, ontology_graphs
from kg.store.page_lines import PageLines


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
    graphs = set(existing_pages(store).graph_iris) | set(_other_graphs(store, with_ontology))
    return [ox.NamedNode(iri) for iri in sorted(graphs)]


def _other_graphs(store: ox.Store, with_ontology: bool) -> list[str]:
    """The exported graphs that are not pages: derived graphs, the ontology when asked."""
    graphs = derived_graphs(store) | (ontology_graphs(store) if with_ontology else set())
    return sorted(graphs)


def union_lines(store: ox.Store, *, with_ontology: bool = False,
                page_lines: PageLines | None = None) -> list[bytes]:
    """The distinct N-Triples lines of the exported graphs, sorted as bytes.

    Python only sorts bytes: far cheaper than making a Python term object per triple. Sorting
    first and dropping neighbours that repeat needs no set of every line beside the list, and
    the lines are never joined into one text beside them."""
    others = [ox.NamedNode(graph) for graph in _other_graphs(store, with_ontology)]
    lines: list[bytes] = []
    for text in chain(all_page_texts(store, page_lines), graph_texts(store, others, None)):
        lines.extend(text.splitlines(keepends=True))
    lines.sort()
    return [line for line, _ in groupby(lines)]


def union_ntriples(store: ox.Store, *, with_ontology: bool = False,
                   page_lines: PageLines | None = None) -> bytes:
    """The distinct triples of the exported graphs as N-Triples, one line each, lines sorted."""
    return b"".join(union_lines(store, with_ontology=with_ontology, page_lines=page_lines))


def dataset_nquads(store: ox.Store, *, with_ontology: bool = False,
                   page_lines: PageLines | None = None) -> bytes:
    """The exported graphs as N-Quads: graph by graph in IRI order, lines sorted in each."""
    graphs = exported_graphs(store, with_ontology=with_ontology)
    parts: list[bytes] = []
    for graph, text in zip(graphs, graph_texts(store, graphs, page_lines), strict=True):
        suffix = f" {graph} .\n".encode()
        parts.extend(line[:-3] + suffix for line in sorted(text.splitlines(keepends=True)))
    return b"".join(parts)


def data_quads(store: ox.Store, *, with_ontology: bool = False) -> list[ox.Quad]:
    """The quads of the exported graphs, sorted by graph, then as N-Quads lines."""
    return list(ox.parse(dataset_nquads(store, with_ontology=with_ontology),
                         format=ox.RdfFormat.N_QUADS))


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
        with worker_pool(workers) as pool:
            parts = list(pool.map(_compacted_graph, chunks))
    else:
        parts = [_compacted_graph(chunk) for chunk in chunks] or [[]]
    graph = [node for part in parts for node in part]
    document = {"@context": jsonld_context(), **_canonical_json({"@graph": graph})}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def export(store: ox.Store, fmt: ExportFormat, output: IO[bytes], *,
           with_ontology: bool = False, page_lines: PageLines | None = None) -> int:
    """Write the store's graph to ``output``; return the number of triples (or quads for TriG).

    Turtle, N-Triples and both JSON-LD forms hold the union of the exported graphs; TriG keeps
    each graph. ``page_lines`` is the store's page-lines file, read in place of the store where
    it holds a graph's lines.
    """
    if fmt is ExportFormat.TRIG:
        nquads = dataset_nquads(store, with_ontology=with_ontology, page_lines=page_lines)
        output.write(ox.serialize(ox.parse(nquads, format=ox.RdfFormat.N_QUADS),
                                  format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
        return nquads.count(b"\n")
    lines = union_lines(store, with_ontology=with_ontology, page_lines=page_lines)
    if fmt is ExportFormat.NT:
        output.writelines(lines)
    elif fmt is ExportFormat.JSONLD:
        output.write(to_jsonld(list(_parsed_triples(lines))))
    elif fmt is ExportFormat.JSONLD_FRAMED:
        from kg.export_framed import to_framed_jsonld  # it imports this module

        output.write(to_framed_jsonld(list(_parsed_triples(lines))))
    else:
        write_turtle(lines, output)
    return len(lines)


PARSE_CHUNK = 100_000
"""N-Triples lines parsed at a time when streaming sorted lines back into triples."""


def _parsed_triples(lines: list[bytes]) -> Iterator[ox.Triple]:
    """The triples of N-Triples ``lines``, in order, parsed a chunk at a time (so the whole
    text never sits in memory beside the lines)."""
    for start in range(0, len(lines), PARSE_CHUNK):
        yield from ox.parse(b"".join(lines[start:start + PARSE_CHUNK]),
                            format=ox.RdfFormat.N_TRIPLES)


TURTLE_RUN = 200_000
"""Sorted N-Triples lines (about 32 MB) turned into Turtle by one task."""


def _subject_runs(lines: list[bytes], size: int) -> list[tuple[int, int]]:
    """``(start, end)`` indexes of runs of about ``size`` sorted N-Triples ``lines``, each
    ending with a subject's last line."""
    runs: list[tuple[int, int]] = []
    start = 0
    while start < len(lines):
        end = min(start + size, len(lines))
        subject = lines[end - 1][:lines[end - 1].index(b" ") + 1]
        while end < len(lines) and lines[end].startswith(subject):
            end += 1
        runs.append((start, end))
        start = end
    return runs


def _turtle(ntriples: bytes) -> bytes:
    """N-Triples text as Turtle, written by Oxigraph (runs in worker processes)."""
    return ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES),
                        format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


@cache
def _turtle_prefix_lines() -> bytes:
    """The ``@prefix`` lines Oxigraph writes at the head of every Turtle document."""
    probe = ox.Triple(ox.NamedNode("urn:x-kg:s"), ox.NamedNode("urn:x-kg:p"), ox.Literal("o"))
    text = ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return text[:text.index(b"<urn:x-kg:s>")]


def _turtle_runs(lines: list[bytes], runs: list[tuple[int, int]],
                 workers: int) -> Iterator[bytes]:
    """Each run as Turtle, in order, written side by side in ``workers`` processes; at most
    two runs per worker wait, so memory stays bounded. Where no worker process can be started,
    the remaining runs are written in this process."""
    done = 0
    try:
        with worker_pool(workers) as pool:
            pending: deque[Future[bytes]] = deque()
            for start, end in runs:
                pending.append(pool.submit(_turtle, b"".join(lines[start:end])))
                while pending and (len(pending) > 2 * workers or done + len(pending) == len(runs)):
                    yield pending.popleft().result()
                    done += 1
    except (OSError, BrokenProcessPool):
        pass  # no worker processes here (sandbox, resource limits, no main guard): go on here
    for start, end in runs[done:]:
        yield _turtle(b"".join(lines[start:end]))


def write_turtle(lines: list[bytes], output: IO[bytes]) -> None:
    """Sorted N-Triples ``lines`` as Turtle, written by Oxigraph: in one go for a small graph,
    else in runs of whole subjects side by side in worker processes, joined with each run's
    ``@prefix`` head dropped but the first's (the same bytes as one serialisation)."""
    runs = _subject_runs(lines, TURTLE_RUN)
    workers = max(1, min(usable_cores(), len(runs)))
    if workers == 1:
        output.write(_turtle(b"".join(lines)))
        return
    head = _turtle_prefix_lines()
    for number, text in enumerate(_turtle_runs(lines, runs, workers)):
        if number and not text.startswith(head):
            raise RuntimeError("Oxigraph's Turtle head changed: runs cannot be joined")
        output.write(text if number == 0 else memoryview(text)[len(head):])
