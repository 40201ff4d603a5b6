"""How issue messages quote a page's text: as Python writes a string, cut when long."""

from __future__ import annotations

QUOTE_LIMIT = 100
"""The most characters of a page's text an issue message quotes; a longer text (a scrape whose
lines ran together) is cut there, and the message says how long it was."""


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` quoted (``repr``): whole up to ``limit`` characters, else its first ``limit``
    characters, "…" and its length ("'AAAA…' (2,000,000 characters)")."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit] + '…'!r} ({len(text):,} characters)"
