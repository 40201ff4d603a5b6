"""HTML pages that are not a single resource: the index with counts and charts, and search."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from kg.serve import stats
from kg.serve.graph import GraphReader
from kg.serve.search import search
from kg.serve.site import Site
from kg.serve.views import ordered_projects, rows_of_projects

SEARCH_LIMIT = 50
LATEST = 10


def index(request: Request) -> Response:
    """The start page: what the graph holds, three charts with their data tables, and the
    latest projects."""
    site: Site = request.app.state.site
    reader = site.reader(request)
    context = site.cached(f"index:{reader.root}", lambda: _index_context(reader))
    return site.render(request, "index.html", context)


def _index_context(reader: GraphReader) -> dict[str, Any]:
    charts = [
        (stats.budget_by_region_year(reader),
         "Total budget per funding year, by IDF region. Hover a segment for its amount, "
         "or open the data table."),
        (stats.projects_by_type(reader),
         "Number of projects per project type; each bar links to the type's page."),
        (stats.member_states_by_budget(reader),
         "Member states ranked by the total budget of the projects benefiting them; "
         "each bar links to the member state's page."),
    ]
    latest = rows_of_projects(reader, ordered_projects(
        reader, "?project a iom:DevelopmentFundProject")[:LATEST])
    return {"title": "IOM knowledge graph", "counts": stats.counts(reader), "charts": charts,
            "latest": latest}


def search_page(request: Request) -> Response:
    """``/search?q=words``: projects and news whose title, narrative or Prima ID holds every
    word, whatever its case, accents and apostrophes."""
    site: Site = request.app.state.site
    query = request.query_params.get("q", "").strip()
    hits = search(site.reader(request), query, SEARCH_LIMIT) if query else []
    return site.render(request, "search.html", {
        "title": f"Search: {query}" if query else "Search", "q": query, "hits": hits,
        "limit": SEARCH_LIMIT})
