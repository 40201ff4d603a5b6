"""Reading a SPARQL 1.1 Protocol query request: GET, POST form or POST sparql-query body.

Only queries are taken. An update (the ``update`` parameter, an update body, or update
keywords in the query) and a federated query (SERVICE, which would make this server fetch
other URLs) are refused with 403; a query over the size limit with 413.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.requests import Request

from kg.query.lexer import code_only

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"

# A keyword is a word not glued to a variable, prefixed name or blank node label. SERVICE is
# matched broadly (a miss would let the server fetch URLs); update keywords only decide 403
# over 400, since the endpoint never runs updates at all.
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)
_UPDATE = re.compile(r"(?<![\w?$:@.-])(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)"
                     r"(?![\w:-])", re.IGNORECASE)


@dataclass(frozen=True)
class SparqlRequest:
    """A query and the dataset its protocol parameters name (default-graph-uri,
    named-graph-uri), which win over its FROM clauses; with neither, its FROM clauses, and
    without those the union of all named graphs."""

    query: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


class QueryRefused(HTTPException):
    """A query the endpoint will not run, with its text (for the form showing the refusal)."""

    def __init__(self, status_code: int, detail: str, query: str) -> None:
        super().__init__(status_code, detail)
        self.query = query


def refuse_unsafe(query: str) -> None:
    """403 for update operations and SERVICE clauses (SERVICE looked for with and without
    IRIs blanked out: no IRI, comment or string hides it from both readings)."""
    code = code_only(query)
    if _UPDATE.search(code):
        raise QueryRefused(403, "this endpoint answers queries only; updates are refused", query)
    if _SERVICE.search(code) or _SERVICE.search(code_only(query, iris=False)):
        raise QueryRefused(403, "federated queries (SERVICE) are refused by this endpoint",
                           query)


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"the query is larger than the limit of {limit} bytes")


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, 413 as soon as it passes ``limit`` bytes (declared or actual)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, "the request is not valid UTF-8") from exc


def _from_pairs(pairs: list[tuple[str, str]], limit: int) -> SparqlRequest:
    names = [name for name, _ in pairs]
    if "update" in names:
        raise HTTPException(403, "this endpoint answers queries only; updates are refused")
    queries = [value for name, value in pairs if name == "query"]
    if len(queries) != 1:
        raise HTTPException(400, "give exactly one 'query' parameter")
    return _checked(queries[0], limit,
                    [v for n, v in pairs if n == "default-graph-uri"],
                    [v for n, v in pairs if n == "named-graph-uri"])


def _checked(query: str, limit: int, default_graphs: list[str],
             named_graphs: list[str]) -> SparqlRequest:
    if len(query.encode("utf-8")) > limit:
        raise _too_large(limit)
    if not query.strip():
        raise HTTPException(400, "the query is empty")
    refuse_unsafe(query)
    return SparqlRequest(query, default_graphs, named_graphs)


async def read_sparql_request(request: Request, limit: int) -> SparqlRequest | None:
    """The query of a GET, HEAD or POST request; None for a GET or HEAD without one (the
    form page). HEAD reads its query as GET does; the server sends no body."""
    if request.method in ("GET", "HEAD"):
        pairs = parse_qsl(request.url.query, keep_blank_values=True)
        if not any(name in ("query", "update") for name, _ in pairs):
            return None
        return _from_pairs(pairs, limit)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body_limit = limit * 3 + 4096  # %-encoding may triple the query's size
    if media == FORM:
        body = await read_body(request, body_limit)
        return _from_pairs(parse_qsl(_decode(body), keep_blank_values=True), limit)
    if media == QUERY_BODY:
        body = await read_body(request, limit)
        pairs = parse_qsl(request.url.query, keep_blank_values=True)
        return _checked(_decode(body), limit,
                        [v for n, v in pairs if n == "default-graph-uri"],
                        [v for n, v in pairs if n == "named-graph-uri"])
    if media == UPDATE_BODY:
        raise HTTPException(403, "this endpoint answers queries only; updates are refused")
    raise HTTPException(415, f"POST a query as {FORM} or {QUERY_BODY}")
