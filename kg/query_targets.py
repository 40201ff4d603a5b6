"""Open the target a command queries: the embedded store, or a remote endpoint's named graph."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kg.errors import UsageError
from kg.query.targets import LocalTarget, QueryTarget, RemoteTarget
from kg.store import opened_store
from kg.store.remote import Endpoint


@contextmanager
def open_target(store_path: str | None, endpoint: str | None, *, timeout: float = 60.0,
                graph: str | None = None) -> Iterator[QueryTarget]:
    """The remote endpoint (reading ``graph`` as its default graph) when given, else the store;
    UsageError for both, which would leave one of them unread."""
    if endpoint and store_path is not None:
        raise UsageError("both a store and an endpoint to query; give one")
    if endpoint:
        yield RemoteTarget(Endpoint(endpoint, timeout=timeout), default_graph=graph)
        return
    with opened_store(store_path, read_only=True) as store:
        yield LocalTarget(store)
