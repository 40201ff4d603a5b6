"""Content negotiation: which of the media types a route offers the request's Accept prefers.

A request negotiated through ``preferred`` is marked, so that its response, error pages too,
says ``Vary: Accept`` (kg.serve.app.VaryByAccept): a cache must not give a browser's page to a
program asking for Turtle, or a 404 for Turtle to a browser.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from starlette.exceptions import HTTPException
from starlette.requests import Request

NEGOTIATED = "kg_negotiated"
"""The key of the request's state (``scope["state"]``) set when its answer depends on Accept."""


def parse_accept(header: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their quality (parameters other than q dropped)."""
    ranges: list[tuple[str, float]] = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        if "/" not in media:
            media = "*/*" if media == "*" else f"{media}/*"
        quality = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((media, quality))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching ``offer``; 0 when none matches."""
    kind = offer.split("/", 1)[0]
    best, specificity = 0.0, -1
    for media, quality in ranges:
        if media == offer:
            rank = 2
        elif media == f"{kind}/*":
            rank = 1
        elif media == "*/*":
            rank = 0
        else:
            continue
        if rank > specificity:
            best, specificity = quality, rank
    return best


def choose(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the Accept header prefers (ties go to the earlier offer); the first offer when
    there is no header, None when the header accepts none of them."""
    if not offers:
        return None
    if not accept or not accept.strip():
        return offers[0]
    ranges = parse_accept(accept)
    scored = [(_quality(offer, ranges), -index, offer) for index, offer in enumerate(offers)]
    quality, _, offer = max(scored)
    return offer if quality > 0 else None


def preferred(request: Request, offers: Sequence[str]) -> str | None:
    """``choose`` for the request's Accept header, marking its response as varying by Accept."""
    request.scope.setdefault("state", {})[NEGOTIATED] = True
    return choose(request.headers.get("accept"), offers)


def negotiate(request: Request, offers: Sequence[str], formats: Mapping[str, str], *,
              subject: str = "") -> str:
    """The media type to answer in: ``?format=`` (a key of ``formats``) first, then the Accept
    header (``preferred``); 400 for a format that is not offered, 406 when Accept takes none.
    ``subject`` ("this answer") names what the messages speak of."""
    asked = request.query_params.get("format")
    if asked is not None:
        if formats.get(asked) not in offers:
            names = [name for name, media in formats.items() if media in offers]
            about = f" for {subject}" if subject else ""
            raise HTTPException(400, f"format must be one of {', '.join(names)}{about}")
        return formats[asked]
    chosen = preferred(request, offers)
    if chosen is None:
        what = f"{subject} is " if subject else ""
        raise HTTPException(406, f"{what}available as {', '.join(offers)}")
    return chosen
