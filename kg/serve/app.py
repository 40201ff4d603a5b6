"""The ASGI app of `kg serve`: routes, CORS, security headers and error pages."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus

import anyio.to_thread
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.errors import KgError, StoreError, UsageError
from kg.serve.hosts import HostCheck
from kg.serve.named_graphs import named_graph, ontology_version
from kg.serve.negotiation import NEGOTIATED, preferred
from kg.serve.ontology import ontology
from kg.serve.pages import index, search_page
from kg.serve.resources import resource
from kg.serve.saved import saved_list, saved_query
from kg.serve.site import STATIC, Reopen, ServeSettings, Site
from kg.serve.sparql import sparql

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")


class _ResponseHeaders:
    """ASGI middleware that may change the headers of each HTTP response as it starts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def change(self, scope: Scope, headers: MutableHeaders) -> None:
        """Change the headers of the response to the request ``scope``."""
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_changed(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.change(scope, MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_changed)


class SecurityHeaders(_ResponseHeaders):
    """Adds nosniff and, on HTML, a Content-Security-Policy allowing nothing but this site."""

    def change(self, scope: Scope, headers: MutableHeaders) -> None:
        """nosniff and the referrer policy everywhere, the CSP on HTML."""
        headers.append("x-content-type-options", "nosniff")
        headers.append("referrer-policy", "same-origin")
        if headers.get("content-type", "").startswith("text/html"):
            headers.append("content-security-policy", CSP)


class VaryByAccept(_ResponseHeaders):
    """Adds ``Vary: Accept`` to the response of a request whose answer was negotiated
    (kg.serve.negotiation.preferred), keeping the header's other names (CORS adds Origin)."""

    def change(self, scope: Scope, headers: MutableHeaders) -> None:
        """Accept among the names of Vary, when the answer was negotiated."""
        if not scope.get("state", {}).get(NEGOTIATED):
            return
        names = [n.strip() for n in headers.get("vary", "").split(",") if n.strip()]
        if not any(n.lower() in ("accept", "*") for n in names):
            headers["vary"] = ", ".join([*names, "Accept"])


class FollowWrites:
    """Before each request, moves the site to the snapshot a finished `kg build` published."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            site: Site = scope["app"].state.site
            site.follow_writes()
        await self.app(scope, receive, send)


async def http_error(request: Request, exc: Exception) -> Response:
    """An error as a short page for browsers, as plain text for programs."""
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    message = exc.detail or HTTPStatus(status).phrase
    headers = dict(exc.headers or {})
    if preferred(request, ("text/plain", "text/html")) == "text/html":
        site: Site = request.app.state.site
        return site.render(request, "error.html", {
            "title": f"{status} {HTTPStatus(status).phrase}", "status": status,
            "reason": HTTPStatus(status).phrase, "message": message},
            status_code=status, headers=headers)
    return PlainTextResponse(f"{message}\n", status_code=status, headers=headers)


async def library_error(request: Request, exc: Exception) -> Response:
    """Library errors at the edge: bad input 400, store trouble 503, anything else 500."""
    status = 400 if isinstance(exc, UsageError) else 503 if isinstance(exc, StoreError) else 500
    return await http_error(request, HTTPException(status, str(exc)))


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    """Start the query worker processes with the server, and stop them with it."""
    site: Site = app.state.site
    await anyio.to_thread.run_sync(site.runner.warm, site.store)
    try:
        yield
    finally:
        site.runner.close()


def create_app(store: ox.Store, settings: ServeSettings | None = None,
               reopen: Reopen | None = None) -> Starlette:
    """The app serving ``store``: SPARQL endpoint, linked-data resources, pages and docs.

    It answers requests for the Host names of ``settings.hosts`` only (400 otherwise; tests
    add Starlette's "testserver"). With ``reopen`` (see Site), each request first moves to the
    newer store it gives."""
    routes = [
        Route("/", index, name="index"),
        Route("/search", search_page, name="search"),
        Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
        Route("/saved", saved_list, name="saved-list"),
        Route("/saved/{name}", saved_query, name="saved"),
        Route("/ontology", ontology, name="ontology"),
        Route("/ontology/{version}", ontology_version, name="ontology-version"),
        Route("/graph/{name}", named_graph, name="named-graph"),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/{path:path}", resource, name="resource"),
    ]
    settings = settings or ServeSettings()
    middleware = [
        Middleware(HostCheck, hosts=settings.hosts),
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "OPTIONS"],
                   allow_headers=["Accept", "Content-Type"], max_age=600,
                   expose_headers=["ETag", "Link", "Content-Location"]),
        Middleware(SecurityHeaders),
        Middleware(VaryByAccept),
        Middleware(FollowWrites),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, KgError: library_error})
    app.state.site = Site(store, settings, reopen)
    return app
