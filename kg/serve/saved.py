"""``/saved`` and ``/saved/NAME``: the saved queries, run with parameters from the URL.

``/saved/projects-by-member-state?country=FJI`` answers an HTML table, CSV, TSV or SPARQL JSON
by ``Accept`` or ``?format=``; a parameter the query does not take, or of the wrong type, is a
400 with the reason (for a browser, on the query's page with its form). A browser opening a
query whose required parameter has no value gets the form to fill in. A 200 answer carries an
ETag and a GET naming it in ``If-None-Match`` gets 304 (kg.serve.caching).
"""

from __future__ import annotations

import re

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from kg.errors import DataError, UsageError
from kg.paths import queries_dir
from kg.query import format_results, list_saved_queries, load_saved_query
from kg.query.results import QueryResult
from kg.query.saved import SavedQuery
from kg.serve.caching import conditional
from kg.serve.evaluate import RunSaved
from kg.serve.negotiation import negotiate
from kg.serve.site import Site
from kg.serve.tables import result_table

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}\Z")
FORMATS = {"html": "text/html", "csv": "text/csv", "tsv": "text/tab-separated-values",
           "json": "application/sparql-results+json"}
OFFERS = ("text/html", "application/sparql-results+json", "application/json", "text/csv",
          "text/tab-separated-values")


def find_saved_query(name: str) -> SavedQuery:
    """The saved query called ``name`` (a plain name, never a path); 404 when there is none."""
    if not NAME.match(name) or not (queries_dir() / f"{name}.rq").is_file():
        raise HTTPException(404, f"no saved query called {name!r}; see /saved for the list")
    try:
        return load_saved_query(name)
    except DataError as exc:
        raise HTTPException(500, f"saved query {name!r} cannot be read: {exc}") from exc


def pick_format(request: Request) -> str:
    """The media type to answer in: ``?format=`` first, then the Accept header."""
    chosen = negotiate(request, OFFERS, FORMATS)
    return "application/sparql-results+json" if chosen == "application/json" else chosen


async def saved_list(request: Request) -> Response:
    """Every saved query with a form for its parameters."""
    site: Site = request.app.state.site
    try:
        queries = list_saved_queries()
    except DataError as exc:
        raise HTTPException(500, f"a saved query cannot be read: {exc}") from exc
    page = site.render(request, "saved_list.html", {"title": "Saved queries", "queries": queries})
    return conditional(request, page)


async def saved_query(request: Request) -> Response:
    """Run one saved query with the URL's parameters and answer in the negotiated format.

    A browser gets the query's form instead while a required parameter has no value, and the
    form again, its values kept, with the reason when a value does not fit."""
    site: Site = request.app.state.site
    query = find_saved_query(request.path_params["name"])
    media_type = pick_format(request)
    params = {k: v for k, v in request.query_params.items() if k != "format"}
    html = media_type == "text/html"
    if html and any(p.required and not params.get(p.name, "").strip() for p in query.params):
        return conditional(request, _page(request, query, params))
    try:
        answer = await site.run(RunSaved(query, params))
    except UsageError as exc:
        if html:
            return _page(request, query, params, error=str(exc), status_code=400)
        raise HTTPException(400, str(exc)) from exc
    except DataError as exc:
        raise HTTPException(500, str(exc)) from exc
    result = answer.rows()
    if result is None:
        raise HTTPException(500, f"saved query {query.name!r} is not a SELECT query")
    if html:
        page = await run_in_threadpool(_page, request, query, params, result)
        return conditional(request, page)
    fmt = {"text/csv": "csv", "text/tab-separated-values": "tsv"}.get(media_type, "json")
    body = await run_in_threadpool(format_results, result, fmt)
    return conditional(request, Response(body, media_type=media_type))


def _page(request: Request, query: SavedQuery, params: dict[str, str],
          result: QueryResult | None = None, error: str = "",
          status_code: int = 200) -> Response:
    """The query's page: its parameters' form holding ``params``, then the result as a table
    of its first rows with links to all of it as data (run in a thread: labelling takes a
    while), or ``error``, or neither while the form waits for values."""
    site: Site = request.app.state.site
    table = result_table(site.reader(request), result) if result is not None else None
    values = {p.name: params.get(p.name, p.default or "") for p in query.params}
    formats = {n: f"{request.url.path}?{_with_format(request, n)}" for n in ("csv", "tsv", "json")}
    return site.render(request, "saved.html", {
        "title": query.summary, "query": query, "table": table, "values": values,
        "error": error, "formats": list(formats.items()),
        "whole": [("CSV", formats["csv"]), ("JSON", formats["json"])]}, status_code=status_code)


def _with_format(request: Request, name: str) -> str:
    from urllib.parse import urlencode

    pairs = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
    return urlencode([*pairs, ("format", name)])
