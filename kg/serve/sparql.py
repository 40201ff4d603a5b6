"""``/sparql``: a SPARQL 1.1 Protocol query endpoint over the union of the named graphs.

SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in Turtle,
N-Triples or JSON-LD; a browser gets an HTML page. A GET without a query shows a form.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from kg.serve.evaluate import GRAPH_TYPES, Answer, Evaluate, serialize_answer
from kg.serve.negotiation import choose
from kg.serve.protocol import read_sparql_request
from kg.serve.site import Site
from kg.serve.tables import result_table

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


def _pick(request: Request, answer: Answer) -> str:
    offers = GRAPH_OFFERS if answer.kind == "graph" else RESULT_OFFERS
    chosen = choose(request.headers.get("accept"), offers)
    if chosen is None:
        raise HTTPException(406, f"this answer is available as {', '.join(offers)}")
    return chosen


async def sparql(request: Request) -> Response:
    """Answer a SPARQL query (GET or POST); a GET without one gets the query form."""
    site: Site = request.app.state.site
    settings = site.settings
    parsed = await read_sparql_request(request, settings.max_query_bytes)
    if parsed is None:
        return site.render(request, "sparql.html", {
            "title": "SPARQL endpoint", "query": EXAMPLE, "table": None, "answer": None})

    try:
        answer = await site.run(Evaluate(parsed, settings.max_rows))
    except ValueError as exc:
        raise HTTPException(400, f"bad graph IRI: {exc}") from exc
    except OSError as exc:
        raise HTTPException(500, f"cannot read the store: {exc}") from exc
    media_type = _pick(request, answer)
    headers = {"Vary": "Accept"}
    if media_type == "text/html":
        rows = answer.rows()
        table = result_table(site.reader(request), rows) if rows else None
        text = "" if answer.kind != "graph" else serialize_answer(
            answer, "text/turtle").decode("utf-8")
        return site.render(request, "sparql.html", {
            "title": "SPARQL endpoint", "query": parsed.query, "table": table,
            "answer": answer, "turtle": text}, headers=headers)
    body = serialize_answer(answer, media_type)
    charset = "" if media_type == "application/ld+json" else "; charset=utf-8"
    return Response(body, headers={**headers, "Content-Type": media_type + charset})
