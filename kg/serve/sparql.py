"""``/sparql``: a SPARQL 1.1 Protocol query endpoint over the union of the named graphs.

SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in Turtle,
N-Triples or JSON-LD, by ``Accept`` or ``?format=``; a browser gets an HTML page showing the
first HTML_ROWS rows or triples, with links to the whole answer as data. A GET without a query
shows a form. Reading, labelling and writing an answer happen in a thread: a large one must not
hold up the event loop, and every other request with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from kg.export import sorted_triples
from kg.serve.evaluate import GRAPH_TYPES, Answer, Evaluate, serialize_answer, serialize_triples
from kg.serve.negotiation import negotiate, preferred
from kg.serve.protocol import QueryRefused, SparqlRequest, read_sparql_request
from kg.serve.site import Site, root_of
from kg.serve.tables import HTML_ROWS, result_table

EXAMPLE = """PREFIX iom: <https://kg.example.org/iom/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?project ?title ?year WHERE {
  ?project a iom:DevelopmentFundProject ;
           dcterms:title ?title ;
           iom:fundingYear ?year .
}
ORDER BY DESC(?year) ?title
LIMIT 20
"""
RESULT_OFFERS = ("application/sparql-results+json", "application/sparql-results+xml",
                 "text/csv", "text/tab-separated-values", "application/json", "application/xml",
                 "text/html")
GRAPH_OFFERS = (*GRAPH_TYPES, "text/html")
FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
           "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle",
           "nt": "application/n-triples", "jsonld": "application/ld+json", "html": "text/html"}
WHOLE_ANSWER = {"select": (("CSV", "csv"), ("JSON", "json")),
                "graph": (("Turtle", "ttl"), ("N-Triples", "nt"))}


def _pick(request: Request, answer: Answer) -> str:
    """The media type to answer in: ``?format=`` first, then the Accept header."""
    offers = GRAPH_OFFERS if answer.kind == "graph" else RESULT_OFFERS
    if answer.kind == "graph" and any(isinstance(t.object, ox.Triple) or isinstance(
            t.subject, ox.Triple) for t in answer.triples):
        # JSON-LD 1.1 has no form for RDF 1.2 triple terms (<<( s p o )>>)
        offers = tuple(offer for offer in offers if offer != "application/ld+json")
    return negotiate(request, offers, FORMATS, subject="this answer")


def answer_url(request: Request, parsed: SparqlRequest, fmt: str) -> str:
    """A GET link to the same query and dataset, answered in ``fmt`` (a FORMATS key)."""
    pairs = [("query", parsed.query), *(("default-graph-uri", g) for g in parsed.default_graphs),
             *(("named-graph-uri", g) for g in parsed.named_graphs), ("format", fmt)]
    return f"{root_of(request)}/sparql?{urlencode(pairs)}"


async def sparql(request: Request) -> Response:
    """Answer a SPARQL query (GET or POST); a GET without one gets the query form. A browser
    gets an error (bad syntax, refused, too slow) on the form, its query kept."""
    settings = request.app.state.site.settings
    try:
        parsed = await read_sparql_request(request, settings.max_query_bytes)
    except QueryRefused as exc:
        return error_page(request, exc.query, exc)
    if parsed is None:
        return form_page(request, EXAMPLE)
    try:
        return await _answer(request, parsed)
    except HTTPException as exc:
        return error_page(request, parsed.query, exc)


async def _answer(request: Request, parsed: SparqlRequest) -> Response:
    site: Site = request.app.state.site
    try:
        answer = await site.run(Evaluate(parsed, site.settings.max_rows))
    except ValueError as exc:
        raise HTTPException(400, f"bad graph IRI: {exc}") from exc
    except OSError as exc:
        raise HTTPException(500, f"cannot read the store: {exc}") from exc
    media_type = _pick(request, answer)
    if media_type == "text/html":
        return await run_in_threadpool(answer_page, request, parsed, answer)
    body = await run_in_threadpool(serialize_answer, answer, media_type)
    charset = "" if media_type == "application/ld+json" else "; charset=utf-8"
    return Response(body, headers={"Content-Type": media_type + charset})


def error_page(request: Request, query: str, exc: HTTPException) -> Response:
    """The form holding ``query`` with the error, for a browser (the error page app.http_error
    makes loses the query); ``exc`` raised again for a program."""
    if preferred(request, ("text/plain", "text/html")) != "text/html":
        raise exc
    return form_page(request, query, status_code=exc.status_code, error=exc.detail,
                     headers=exc.headers)


def answer_page(request: Request, parsed: SparqlRequest, answer: Answer) -> Response:
    """The answer as an HTML page: at most HTML_ROWS rows (labelled) or triples (as Turtle),
    with links to the whole answer as data when there are more."""
    site: Site = request.app.state.site
    rows = answer.rows()
    table = result_table(site.reader(request), rows) if rows is not None else None
    turtle, triples = "", (0, 0)
    if answer.kind == "graph":
        ordered = sorted_triples([ox.Quad(t.subject, t.predicate, t.object)
                                  for t in answer.triples])
        triples = (min(len(ordered), HTML_ROWS), len(ordered))
        turtle = serialize_triples(ordered[:HTML_ROWS], "text/turtle").decode("utf-8")
    whole = [(name, answer_url(request, parsed, fmt))
             for name, fmt in WHOLE_ANSWER.get(answer.kind, ())]
    return form_page(request, parsed.query, table=table, answer=answer, turtle=turtle,
                     triples=triples, whole=whole)


def form_page(request: Request, query: str, status_code: int = 200,
              headers: Mapping[str, str] | None = None, **context: object) -> Response:
    """The endpoint's page: the query form holding ``query``, and what ``context`` adds (an
    answer, or an ``error``)."""
    site: Site = request.app.state.site
    return site.render(request, "sparql.html", {
        "title": "SPARQL endpoint", "query": query, "table": None, "answer": None,
        "error": None, "html_rows": HTML_ROWS, **context}, status_code=status_code,
        headers=dict(headers or {}))
