"""`kg serve`: the graph as linked data over HTTP.

A SPARQL 1.1 Protocol endpoint (``/sparql``), every minted IRI dereferenceable (Turtle,
JSON-LD, HTML), saved queries (``/saved/NAME``), server-rendered pages with SVG charts, and
the ontology's documentation (``/ontology``). ``create_app`` builds the ASGI app (tests use it
directly); ``serve`` runs it on uvicorn.
"""

from __future__ import annotations

import os

from kg.serve.app import create_app
from kg.serve.site import ServeSettings

__all__ = ["ServeSettings", "create_app", "serve"]


def serve(store_path: str | os.PathLike[str] | None = None, *, host: str = "127.0.0.1",
          port: int = 8000, settings: ServeSettings | None = None,
          log_level: str = "info") -> None:
    """Serve the store read-only on ``host:port`` until interrupted, moving to each snapshot a
    `kg build` publishes meanwhile."""
    from functools import partial

    import uvicorn

    from kg.store import newer_snapshot, open_store

    store = open_store(store_path, read_only=True)
    app = create_app(store, settings or ServeSettings(),
                     partial(newer_snapshot, path=store_path))
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False,
                proxy_headers=False)
