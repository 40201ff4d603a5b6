"""Words as the country gazetteer (kg.reference.countries) compares them, and names as pages
write them.

A word is compared folded: without case, accents or a footnote mark, with the apostrophes and
hyphens pages type read as the reference list's ("Côte d’Ivoire", "Guinea‑Bissau"), "&" as
"and" and "St." as "Saint". In prose a name may end in the possessive mark ("Fiji's", "the
Philippines'"), which is no part of it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN = re.compile(r"[^\s,;/]+|[,;/]")
# Words that are written several ways inside country names.
WORD_FORMS = {"&": "and", "st": "saint"}
# Left out at either end of a word before it is compared: "Fiji.", "(Vanuatu)", "[Tonga]".
EDGE_PUNCTUATION = ".:!?\"“”«»()[]"
# Characters pages type for the reference lists' apostrophe and hyphen: "Côte d’Ivoire",
# "Guinea‑Bissau" with a non-breaking hyphen (U+2011) or the Unicode hyphen (U+2010).
_APOSTROPHES = "’‘`´"
_CHARACTER_FORMS = str.maketrans({**dict.fromkeys(_APOSTROPHES, "'"),
                                  "\u2010": "-", "\u2011": "-"})
# An en dash typed for a hyphen, between letters ("Multi–national"); between digits it joins
# years ("2021–22") and between spaces it separates ("Fiji – Tonga"), and stays.
_DASH_IN_WORD = re.compile(r"(?<=[^\W\d_])\u2013(?=[^\W\d_])")
# A footnote mark closing a name: "*", "†", "‡", or a number of one or two digits against its
# letters ("Serbia¹" folds to "serbia1", as "Serbia<sup>1</sup>" reads).
_FOOTNOTE_MARK = re.compile(r"(?<=[^\W\d_])(?:[*†‡]+|\d{1,2})$")
_FOOTNOTE_ENDS = frozenset("*†‡0123456789")
# The possessive mark ending a word as written, before any closing punctuation: "Fiji's",
# "Viet Nam’s", "the Philippines'" (a bare apostrophe after an "s").
_POSSESSIVE_AS_WRITTEN = re.compile(
    rf"(?<=[^\W\d_])(?:['{_APOSTROPHES}][sS]|(?<=[sS])['{_APOSTROPHES}])"
    rf"(?=[{re.escape(EDGE_PUNCTUATION)}]*$)")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent-, apostrophe- and hyphen-insensitive key for a word (cached: words recur)."""
    text = text.translate(_CHARACTER_FORMS).strip(EDGE_PUNCTUATION)
    if text.isascii():
        return text.casefold()
    if "\u2013" in text:
        text = _DASH_IN_WORD.sub("-", text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def as_written(span: str) -> str:
    """A name as the page writes it, without the punctuation around it ("Nepal." -> "Nepal",
    "“Trinidad and Tobago”" -> "Trinidad and Tobago") but with the bracket that closes one it
    opens ("Iran (Islamic Republic of)") and the full stop of an abbreviation ("U.S.")."""
    name = span.strip(EDGE_PUNCTUATION)
    rest = span[len(span) - len(span.lstrip(EDGE_PUNCTUATION)) + len(name):]
    while name.count("(") > name.count(")") and rest.startswith(")"):
        name, rest = name + ")", rest[1:]
    if rest.startswith(".") and "." in name.rsplit(None, 1)[-1]:
        name += "."
    return name


@lru_cache(maxsize=65536)
def match_word(word: str) -> str:
    """A word as the gazetteer compares it: folded, with "&" as "and" and "St." as "saint",
    and without a footnote mark ("Serbia¹", "Serbia1" from "Serbia<sup>1</sup>", "Kosovo*")."""
    folded = fold(word)
    if folded[-1:] in _FOOTNOTE_ENDS:
        folded = _FOOTNOTE_MARK.sub("", folded)
    return WORD_FORMS.get(folded, folded)


@lru_cache(maxsize=65536)
def without_possessive(key: str) -> str:
    """A compared word (``match_word``) without the possessive mark ending it: "fiji's" ->
    "fiji", "philippines'" -> "philippines"; other words unchanged ("d'ivoire")."""
    if key.endswith("'s"):
        return key[:-2]
    if key.endswith("s'"):
        return key[:-1]
    return key


def written_without_possessive(word: str) -> str:
    """A word as written without the possessive mark ending it: "Fiji's." -> "Fiji."."""
    return _POSSESSIVE_AS_WRITTEN.sub("", word, count=1)


def tokens(text: str) -> list[str]:
    """Words and list separators of a line, in order."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


def token_spans(text: str) -> list[tuple[int, int]]:
    """Where each of ``tokens(text)`` lies in ``text`` (already NFC-normalised)."""
    return [found.span() for found in _TOKEN.finditer(text)]


@lru_cache(maxsize=16384)
def name_key(name: str) -> tuple[str, ...]:
    """A whole name as the gazetteer indexes it: its words as compared (cached: names recur)."""
    return tuple(match_word(t) for t in tokens(name))
