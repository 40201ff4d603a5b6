"""`kg push`: copy the store's graph to a remote SPARQL 1.1 server as one named graph.

The graph is sent as the N-Triples lines `kg export` writes (kg.export.union_lines: page graphs
from the store's page-lines file where it holds them), never parsed into Python term objects.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

import pyoxigraph as ox

from kg.export import union_lines
from kg.namespaces import DEFAULT_BASE
from kg.store.page_lines import PageLines
from kg.store.remote import Endpoint, push_lines


def default_remote_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph `kg push` writes to and remote commands read by default."""
    return f"{base}graph/kg"


ProgressFactory = Callable[[int], AbstractContextManager[Callable[[int], None] | None]]


def push_store(store: ox.Store, endpoint: Endpoint, graph: str, *, batch_size: int = 50_000,
               use_graph_store: bool = True, progress: ProgressFactory | None = None,
               page_lines: PageLines | None = None) -> int:
    """Replace ``graph`` on the endpoint with the store's data and ontology; return triples sent.

    ``page_lines`` is the store's page-lines file, read in place of the store where it holds a
    page graph's lines (None: read every graph from the store). ``progress(total)`` may give a
    context manager yielding an ``advance(n)`` callback.
    """
    lines = union_lines(store, with_ontology=True, page_lines=page_lines)
    bar = progress(len(lines)) if progress else nullcontext(None)
    with bar as advance:
        return push_lines(endpoint, graph, lines, batch_size=batch_size,
                          use_graph_store=use_graph_store, progress=advance)
