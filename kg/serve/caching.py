"""Conditional GET: a strong ETag from the bytes of an answer, and ``304 Not Modified`` when the
request's ``If-None-Match`` names it (RFC 9110, sections 8.8.3 and 13.1.2).

The tag is a digest of the body, so the same store gives the same tag, every representation
(HTML, Turtle, JSON-LD...) has its own, and a store `kg build` replaced gives new ones. It costs
the work of making the answer but not the sending of it. Routes apply it to their 200 answers
(``conditional``); errors and ``/sparql`` answers carry no tag.
"""

from __future__ import annotations

import hashlib
import re

from starlette.requests import Request
from starlette.responses import Response

TAG_HEX_DIGITS = 32
"""The hex digits of the body's SHA-256 an entity-tag keeps (128 bits)."""
_OPAQUE_TAG = re.compile(r'(?:W/)?("[^"]*")')
KEPT_BY_304 = ("etag", "vary", "content-location", "cache-control", "expires", "date")
"""The headers a 304 repeats from the 200 it stands for (RFC 9110, section 15.4.5)."""


def entity_tag(body: bytes | memoryview) -> str:
    """The strong, quoted entity-tag of a body: a prefix of its SHA-256 in hex."""
    return f'"{hashlib.sha256(body).hexdigest()[:TAG_HEX_DIGITS]}"'


def none_match(header: str, tag: str) -> bool:
    """Whether an ``If-None-Match`` value names ``tag``: ``*``, or a tag in its list equal
    to it by weak comparison (``W/`` ignored on both sides)."""
    if header.strip() == "*":
        return True
    opaque = tag.removeprefix("W/")
    return any(found == opaque for found in _OPAQUE_TAG.findall(header))


def conditional(request: Request, response: Response) -> Response:
    """``response`` with the ETag of its body, or a bodiless 304 in its place when the
    request's ``If-None-Match`` names that tag; only a 200 to a GET or HEAD gets either."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    tag = entity_tag(response.body)
    response.headers["etag"] = tag
    header = ", ".join(request.headers.getlist("if-none-match"))
    if not header or not none_match(header, tag):
        return response
    kept = {name: value for name, value in response.headers.items() if name in KEPT_BY_304}
    return Response(status_code=304, headers=kept)
