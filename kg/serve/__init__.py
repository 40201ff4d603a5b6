"""`kg serve`: the graph as linked data over HTTP.

A SPARQL 1.1 Protocol endpoint (``/sparql``), every minted IRI dereferenceable (Turtle,
JSON-LD, HTML), saved queries (``/saved/NAME``), server-rendered pages with SVG charts, and
the ontology's documentation (``/ontology``). ``create_app`` builds the ASGI app (tests use it
directly); ``serve`` runs it on uvicorn.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
from collections.abc import Callable, Iterator

import pyoxigraph as ox
import uvicorn

from kg.errors import KgError
from kg.serve.app import create_app
from kg.serve.hosts import allowed_hosts, host_name, is_loopback
from kg.serve.site import ServeSettings, Site

__all__ = ["ServeSettings", "create_app", "is_loopback", "serve"]


class _Server(uvicorn.Server):
    """uvicorn's server, which Ctrl-C (SIGINT) or SIGTERM stops gracefully, a second Ctrl-C at
    once; unlike uvicorn's own, it does not raise the signal again once stopped, which made
    `kg serve` end as interrupted (exit 3) when stopped the way it is meant to be."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """Route SIGINT and SIGTERM to ``handle_exit`` while serving (main thread only)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.signal(sig, self.handle_exit)
                    for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown, then the app's own even after a second Ctrl-C, which skips it
        in uvicorn (the app would be cancelled with a traceback); it only stops the workers."""
        await super().shutdown(sockets)
        if self.force_exit:
            await self.lifespan.shutdown()


def serve(store_path: str | os.PathLike[str] | None = None, *, host: str = "127.0.0.1",
          port: int = 8000, settings: ServeSettings | None = None,
          log_level: str = "info", ready: Callable[[str], None] | None = None,
          store: ox.Store | None = None) -> None:
    """Serve the store read-only on ``host:port`` until Ctrl-C or SIGTERM (then return, the
    query worker processes stopped and reaped), moving to each snapshot a `kg build`
    publishes meanwhile; ``ready`` gets the URL once the store is open and the port bound.
    ``store`` is the store at ``store_path`` already opened read-only (`kg serve` reads its
    base IRI first), else it is opened here. Requests must name ``host``, a loopback name or
    one of ``settings.hosts`` as their Host (see kg.serve.hosts). KgError (exit 3) when the
    port cannot be bound."""
    from dataclasses import replace
    from functools import partial

    from kg.store import newer_snapshot, open_store

    settings = settings or ServeSettings()
    settings = replace(settings, hosts=allowed_hosts(host, settings.hosts))
    store = store if store is not None else open_store(store_path, read_only=True)
    app = create_app(store, settings, partial(newer_snapshot, path=store_path))
    site: Site = app.state.site
    try:
        try:
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            listener = socket.create_server((host, port), family=family)
        except OSError as exc:
            raise KgError(f"{host}:{port}: cannot listen there: {exc.strerror or exc}") from exc
        if ready:
            ready(f"http://{host_name(host)}:{port}/")
        config = uvicorn.Config(app, log_level=log_level, server_header=False,
                                proxy_headers=False)
        with listener:
            _Server(config).run(sockets=[listener])
    except KeyboardInterrupt:  # Ctrl-C before uvicorn takes the signal over: a stop all the same
        pass
    finally:
        site.runner.close()  # the app's shutdown does it, unless a second Ctrl-C skipped that
