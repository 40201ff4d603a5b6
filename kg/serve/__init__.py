"""`kg serve`: the graph as linked data over HTTP.

A SPARQL 1.1 Protocol endpoint (``/sparql``), every minted IRI dereferenceable (Turtle,
JSON-LD, HTML), saved queries (``/saved/NAME``), server-rendered pages with SVG charts, and
the ontology's documentation (``/ontology``). ``create_app`` builds the ASGI app (tests use it
directly); ``serve`` runs it on uvicorn.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable

from kg.errors import KgError
from kg.serve.app import create_app
from kg.serve.site import ServeSettings

__all__ = ["ServeSettings", "create_app", "serve"]


def serve(store_path: str | os.PathLike[str] | None = None, *, host: str = "127.0.0.1",
          port: int = 8000, settings: ServeSettings | None = None,
          log_level: str = "info", ready: Callable[[str], None] | None = None) -> None:
    """Serve the store read-only on ``host:port`` until interrupted, moving to each snapshot a
    `kg build` publishes meanwhile; ``ready`` gets the URL once the store is open and the port
    bound. KgError (exit 3) when the port cannot be bound."""
    from functools import partial

    import uvicorn

    from kg.store import newer_snapshot, open_store

    store = open_store(store_path, read_only=True)
    app = create_app(store, settings or ServeSettings(),
                     partial(newer_snapshot, path=store_path))
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        listener = socket.create_server((host, port), family=family)
    except OSError as exc:
        raise KgError(f"{host}:{port}: cannot listen there: {exc.strerror or exc}") from exc
    if ready:
        ready(f"http://{host}:{port}/")
    config = uvicorn.Config(app, log_level=log_level, server_header=False, proxy_headers=False)
    with listener:
        uvicorn.Server(config).run(sockets=[listener])
