"""The served site's shared parts: settings, the store reader, templates and the query runner."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import jinja2
import pyoxigraph as ox
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from kg.namespaces import DEFAULT_BASE, VOC
from kg.serve.graph import GraphReader
from kg.serve.hosts import LOOPBACK_HOSTS
from kg.serve.iris import IriMap
from kg.serve.languages import PAGE_LANGUAGE, lang_attribute, language_of
from kg.serve.runner import (
    Job,
    QueryRunner,
    QueryTimeout,
    ResultTooLarge,
    ServerBusy,
    WorkerDied,
)
from kg.store import close_reader

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
T = TypeVar("T")
BUSY_RETRY_SECONDS = 1
"""What a 503 for a server busy with other queries asks the client to wait (``Retry-After``)."""


@dataclass(frozen=True)
class ServeSettings:
    """What `kg serve` can be told: the base IRI, the limits on queries, and the Host names it
    answers to (kg.serve.hosts; ``serve`` adds the address it listens on)."""

    base: str = DEFAULT_BASE
    timeout: float = 30.0
    max_query_bytes: int = 64 * 1024
    max_rows: int = 100_000
    max_running: int = 4
    hosts: tuple[str, ...] = LOOPBACK_HOSTS


def template_env() -> jinja2.Environment:
    """The Jinja2 environment of the site's templates (HTML autoescaped), with the filters that
    mark the language of a text: ``{{ text|language|lang_attr }}`` writes `` lang="fr"``."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["language"] = language_of
    env.filters["lang_attr"] = lang_attribute
    env.globals["page_language"] = PAGE_LANGUAGE
    return env


def root_of(request: Request) -> str:
    """The path the app is mounted at ("" at the server's root)."""
    return str(request.scope.get("root_path", "")).rstrip("/")


Reopen = Callable[[ox.Store], ox.Store | None]
"""Given the served store, a newer one to serve instead, or None."""


class Site:
    """Everything a route needs: the store, its reader, the templates and the query runner."""

    def __init__(self, store: ox.Store, settings: ServeSettings,
                 reopen: Reopen | None = None) -> None:
        self.store = store
        self.settings = settings
        self.iris = IriMap.for_base(settings.base)
        self.graph = GraphReader(store, self.iris, max_rows=settings.max_rows)
        self.templates = Jinja2Templates(env=template_env())
        self.runner = QueryRunner(settings.timeout, settings.max_running)
        self._cache: dict[str, tuple[float, Any]] = {}
        self._cache_lock = threading.Lock()
        self._reopen = reopen
        self._reopen_lock = threading.Lock()

    def follow_writes(self) -> bool:
        """Serve the newer store ``reopen`` gives, if any (forgetting what was cached); True
        when it changed. Requests already running finish on the store they started with."""
        if self._reopen is None:
            return False
        with self._reopen_lock:
            newer = self._reopen(self.store)
            if newer is None:
                return False
            old, self.store = self.store, newer
            self.graph = GraphReader(newer, self.iris, max_rows=self.settings.max_rows)
            with self._cache_lock:
                self._cache.clear()
        close_reader(old)
        return True

    def cached(self, key: str, make: Callable[[], T], seconds: float = 300.0) -> T:
        """``make()``, remembered for ``seconds`` (the served store is read-only)."""
        now = time.monotonic()
        with self._cache_lock:
            hit = self._cache.get(key)
        if hit is not None and now - hit[0] < seconds:
            return hit[1]
        value = make()
        with self._cache_lock:
            self._cache[key] = (now, value)
        return value

    def reader(self, request: Request) -> GraphReader:
        """The graph reader making links for this request's mount path."""
        return self.graph.at_root(root_of(request))

    def nav(self, root: str) -> list[tuple[str, str]]:
        """The main navigation: lists of things, concept schemes, queries and the endpoint."""
        def concept(scheme: str) -> str:
            return self.iris.href(f"{VOC.iri}{scheme}", root)

        return [("Projects", f"{root}/project/"), ("Member states", f"{root}/member-state/"),
                ("Organisations", f"{root}/organisation/"),
                ("Project types", concept("project-type")),
                ("IDF regions", concept("idf-region")), ("Sources", f"{root}/page/"),
                ("Saved queries", f"{root}/saved"), ("SPARQL", f"{root}/sparql"),
                ("Ontology", f"{root}/ontology")]

    def render(self, request: Request, name: str, context: dict[str, Any],
               status_code: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
        """A page from template ``name``; the context gets ``root`` and ``nav``."""
        root = root_of(request)
        context = {"root": root, "nav": self.nav(root), **context}
        return self.templates.TemplateResponse(request, name, context, status_code=status_code,
                                               headers=headers)

    async def run(self, job: Job[T]) -> T:
        """Run ``job`` on the served store with the query deadline (in a worker process that
        is killed past it, see kg.serve.runner): 503 past it or when busy (then with
        ``Retry-After``), 400 for bad SPARQL, 500 when its worker dies."""
        try:
            return await self.runner.run_job(self.store, job)
        except ServerBusy as exc:  # a slot frees when a query ends: asking again soon may do
            raise HTTPException(503, str(exc), headers={"Retry-After": str(BUSY_RETRY_SECONDS)}
                                ) from exc
        except (QueryTimeout, ResultTooLarge) as exc:
            raise HTTPException(503, str(exc)) from exc
        except SyntaxError as exc:
            raise HTTPException(400, f"SPARQL syntax error: {exc}") from exc
        except WorkerDied as exc:
            raise HTTPException(500, str(exc)) from exc
