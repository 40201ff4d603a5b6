"""`kg export`: the graph as Turtle, N-Triples, TriG or JSON-LD, byte-for-byte deterministic.

Each exported graph is read as N-Triples lines, from the store's page-lines file where it holds
the graph's lines (kg.store.page_lines: the build keeps them, and reading them is many times
cheaper than reading every term back out of Oxigraph), else written by Oxigraph. The lines are
sorted as bytes before the final serialisation, so the same pages give the same bytes whatever
order they were built in. Turtle (by Oxigraph) and JSON-LD (``kg.export_jsonld``) are written
a run of whole subjects at a time, side by side in worker processes (kg.export_runs), and the
runs joined: the same bytes as one serialisation. Framed JSON-LD (one tree per project) is
written by ``kg.export_framed``.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from itertools import chain, groupby
from typing import IO

import pyoxigraph as ox

from kg.cores import usable_cores
from kg.export_framed import write_framed_jsonld
from kg.export_jsonld import write_jsonld
from kg.export_runs import subject_runs, texts_of_runs
from kg.namespaces import PREFIXES
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
        write_jsonld(lines, output)
    elif fmt is ExportFormat.JSONLD_FRAMED:
        write_framed_jsonld(lines, output)
    else:
        write_turtle(lines, output)
    return len(lines)


TURTLE_RUN = 200_000
"""Sorted N-Triples lines (about 32 MB) turned into Turtle by one task."""


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


def write_turtle(lines: list[bytes], output: IO[bytes]) -> None:
    """Sorted N-Triples ``lines`` as Turtle, written by Oxigraph: in one go for a small graph,
    else in runs of whole subjects side by side in worker processes, joined with each run's
    ``@prefix`` head dropped but the first's (the same bytes as one serialisation)."""
    runs = subject_runs(lines, TURTLE_RUN)
    workers = max(1, min(usable_cores(), len(runs)))
    if workers == 1:
        output.write(_turtle(b"".join(lines)))
        return
    head = _turtle_prefix_lines()
    for number, text in enumerate(texts_of_runs(_turtle, lines, runs, workers)):
        if number and not text.startswith(head):
            raise RuntimeError("Oxigraph's Turtle head changed: runs cannot be joined")
        output.write(text if number == 0 else memoryview(text)[len(head):])
