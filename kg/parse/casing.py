"""How a line is capitalised: Title Case, as headlines and story titles are often written, or
sentence case, as prose is. Words of fewer than four letters and the first word are not
counted, so "of", "the" and a sentence's capital do not sway the answer."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_TITLE_SHARE = 0.6
_SENTENCE_SHARE = 0.34


def _capitalised_share(text: str) -> float | None:
    """The share of capitalised words among the longer words after the first (None: too few)."""
    words = [word for word in _WORD.findall(text)[1:] if len(word) >= 4]
    return sum(word[0].isupper() for word in words) / len(words) if len(words) >= 2 else None


def is_title_cased(text: str) -> bool:
    """True when most longer words are capitalised ("Fiji Opens Its First Information Desk")."""
    share = _capitalised_share(text)
    return share is not None and share >= _TITLE_SHARE


def is_sentence_cased(text: str) -> bool:
    """True when few longer words are capitalised ("Fiji opens its first information desk")."""
    share = _capitalised_share(text)
    return share is not None and share <= _SENTENCE_SHARE
