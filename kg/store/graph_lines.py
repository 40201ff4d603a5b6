"""Graphs read out of a store as N-Triples text, from its page-lines file where it can.

A page graph's lines come from the page-lines file (kg.store.page_lines) when the file holds
the lines of the digest the store's journal gives the graph; every other graph (derived graphs,
the ontology, pages built by an older kg, entries missing or damaged) is written by Oxigraph
from the store, on ``READ_THREADS`` threads. Both give the same lines for the same triples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pyoxigraph as ox

from kg.store.graphs import existing_pages
from kg.store.journal import (
    graphs_of,
    lines_digest_count,
    lines_digests,
    lines_update,
    page_digests,
    stored_digests,
    undigested_pages,
)
from kg.store.page_lines import PageLines, lines_digest

REFILL_BATCH = 1_000

READ_THREADS = 2
"""Threads reading graphs out of the store side by side: pyoxigraph lets go of the GIL while
it reads (one id-to-string look-up per term, most of the time)."""


def _dumped(store: ox.Store, graph: ox.NamedNode) -> bytes:
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)


def _on_threads(read: Callable[[ox.NamedNode], bytes],
                graphs: Iterable[ox.NamedNode]) -> Iterator[bytes]:
    """``read`` of each graph, in order, on ``READ_THREADS`` threads."""
    with ThreadPoolExecutor(READ_THREADS, thread_name_prefix="kg-read") as pool:
        yield from pool.map(read, graphs)


def _dumped_all(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> Iterator[bytes]:
    """Each graph's text written by Oxigraph, in order."""
    return _on_threads(partial(_dumped, store), graphs)


def graph_texts(store: ox.Store, graphs: list[ox.NamedNode],
                page_lines: PageLines | None) -> Iterator[bytes]:
    """The N-Triples text of each of ``graphs``, in their order."""
    digests = stored_digests(store) if page_lines is not None else {}

    def text(graph: ox.NamedNode) -> bytes:
        digest = digests.get(graph.value)
        kept = page_lines.get(digest) if page_lines is not None and digest else None
        return kept if kept is not None else _dumped(store, graph)

    yield from _on_threads(text, graphs)


def all_page_texts(store: ox.Store, page_lines: PageLines | None) -> Iterator[bytes]:
    """The N-Triples text of every page graph, in no set order: the page-lines file's entries
    in one pass, then the pages it lacks."""
    if page_lines is None:
        graphs = sorted(existing_pages(store).graph_iris)
        yield from _dumped_all(store, [ox.NamedNode(graph) for graph in graphs])
        return
    wanted = page_digests(store)
    found: set[str] = set()
    for digest, lines in page_lines.scan(wanted):
        found.add(digest)
        yield lines
    yield from _dumped_all(store, [*undigested_pages(store), *graphs_of(store, wanted - found)])


def refill(page_lines: PageLines, store: ox.Store) -> int:
    """Give the page-lines file the lines of every page graph whose digest it lacks (a file
    started afresh, or removed); return how many graphs. Oxigraph writes them from the store
    in its own order, so each is kept under the digest of those lines and the journal gives
    the graph that digest (exports sort each graph's lines: the same bytes either way)."""
    held = page_lines.digests()
    lacking = [ox.NamedNode(graph) for graph, digest in sorted(stored_digests(store).items())
               if digest not in held and store.contains_named_graph(ox.NamedNode(graph))]
    for start in range(0, len(lacking), REFILL_BATCH):
        graphs = lacking[start:start + REFILL_BATCH]
        entries = [(lines_digest(text), text) for text in _dumped_all(store, graphs)]
        page_lines.put(entries)
        store.update(lines_update(dict(zip(graphs, (d for d, _ in entries), strict=True))))
    return len(lacking)


SPARE_LINES = 0.1
"""The share of the page-lines file's entries no graph needs that a build leaves there..."""
SPARE_LINES_MIN = 100
"""... or their number, when that is more."""


def tidy_page_lines(page_lines: PageLines, store: ox.Store) -> None:
    """Drop the page-lines file's entries that no graph needs (pages replaced, pruned or
    mapped again) once they are more than ``SPARE_LINES``: counting both sides costs
    milliseconds, reading every digest back a second or so at 100k pages. When it holds fewer
    entries than graphs have digests (a file started afresh, or removed), give it the lines
    it lacks from the store (``refill``)."""
    needed = lines_digest_count(store)
    held = page_lines.count()
    if held > needed + max(SPARE_LINES_MIN, needed * SPARE_LINES):
        page_lines.keep_only(lines_digests(store))
    elif held < needed and page_lines.usable:
        refill(page_lines, store)
