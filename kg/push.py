"""`kg push`: copy the store's graph to a remote SPARQL 1.1 server as one named graph."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

import pyoxigraph as ox

from kg.export import union_triples
from kg.namespaces import DEFAULT_BASE
from kg.store.remote import Endpoint, push_triples


def default_remote_graph(base: str = DEFAULT_BASE) -> str:
    """The named graph `kg push` writes to and remote commands read by default."""
    return f"{base}graph/kg"


ProgressFactory = Callable[[int], AbstractContextManager[Callable[[int], None] | None]]


def push_store(store: ox.Store, endpoint: Endpoint, graph: str, *, batch_size: int = 50_000,
               use_graph_store: bool = True, progress: ProgressFactory | None = None) -> int:
    """Replace ``graph`` on the endpoint with the store's data and ontology; return triples sent.

    ``progress(total)`` may give a context manager yielding an ``advance(n)`` callback.
    """
    triples = union_triples(store, with_ontology=True)
    bar = progress(len(triples)) if progress else nullcontext(None)
    with bar as advance:
        return push_triples(endpoint, graph, triples, batch_size=batch_size,
                            use_graph_store=use_graph_store, progress=advance)
