"""Search over the titles, narratives and Prima IDs of projects and news articles.

Case, accents and apostrophes do not matter: "cote d'ivoire" finds "Côte d’Ivoire", "mecanismes"
finds "mécanismes", "Migración" finds "migracion", "tt10p0412" finds TT10P0412. Each word of the
query is folded as the gazetteer folds names (kg.reference.countries.fold) and becomes a regular
expression in which each letter stands for every letter that folds to it ("cote" ->
``c[oòóôõöō…]t[eèéêëē…]``), so the texts are matched as they are written: SPARQL has no accent
folding, and REGEX over a literal costs the store what CONTAINS(LCASE(...)) did. The store
narrows the candidates to those whose title, narrative or Prima ID matches the longest word (the
pattern written as a literal by pyoxigraph, never pasted); every word must then match one of
them. Prima ID matches rank first, then title matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from kg.reference.countries import fold
from kg.serve.graph import GraphReader, Link
from kg.serve.languages import language_of, literal_text

MAX_QUERY = 200
MAX_WORDS = 8
SNIPPET = 90
# The characters a folded letter stands for are looked for here: Latin letters with their
# accents, and the apostrophes and hyphens fold reads as ' and -.
_FOLDED_RANGES = ((0x20, 0x250), (0x1E00, 0x1F00), (0x2010, 0x2012), (0x2018, 0x201A))
# Escaped with a backslash, which both Python's and Oxigraph's (Rust) regular expressions read
# as the character itself ("<" and ">" are not: Rust reads \< as a word boundary).
_SPECIAL = frozenset("\\.^$*+?{}[]|()#&~-")
_WEIGHTS = {"id": 3, "title": 2, "text": 1}


@dataclass(frozen=True)
class Hit:
    """A found project or article, with the passage around the first match and the language
    tag of the text it is from ("" for none, or for texts in several languages)."""

    link: Link
    kind: str
    score: int
    snippet: list[tuple[str, bool]]
    language: str = ""


def words_of(query: str) -> list[str]:
    """The folded words of a query (at most MAX_WORDS, query cut at MAX_QUERY chars)."""
    words = (fold(word) for word in query[:MAX_QUERY].split())
    return [word for word in dict.fromkeys(words) if word][:MAX_WORDS]


@cache
def _variants() -> dict[str, str]:
    """For each character a folded word may hold, every character that folds to it."""
    found: dict[str, list[str]] = defaultdict(list)
    for start, end in _FOLDED_RANGES:
        for code in range(start, end):
            char = chr(code)
            if unicodedata.category(char).startswith("C"):
                continue
            key = fold(char)
            if len(key) == 1:
                found[key].append(char)
    return {key: "".join(chars) for key, chars in found.items() if len(chars) > 1}


def _literal(char: str) -> str:
    return "\\" + char if char in _SPECIAL else char


def word_pattern(word: str) -> str:
    """A regular expression, in syntax Python and Oxigraph read alike, matching the folded
    ``word`` however a text writes it (with the "i" flag for letters beyond Latin)."""
    variants = _variants()
    return "".join(f"[{''.join(_literal(c) for c in variants[char])}]" if char in variants
                   else _literal(char) for char in word)


def snippet(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[str, bool]]:
    """A passage of ``text`` around the first match, as (part, is_match) pieces."""
    found = [match.start() for pattern in patterns if (match := pattern.search(text))]
    if not found:
        return [(text[: SNIPPET * 2] + ("…" if len(text) > SNIPPET * 2 else ""), False)]
    first = min(found)
    start = max(first - SNIPPET, 0)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(first + SNIPPET, len(text))
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space > first else end
    passage, pieces, i = text[start:end], [], 0
    while i < len(passage):
        matches = [match for pattern in patterns if (match := pattern.search(passage, i))]
        if not matches:
            pieces.append((passage[i:], False))
            break
        match = min(matches, key=lambda m: (m.start(), m.start() - m.end()))
        if match.start() > i:
            pieces.append((passage[i:match.start()], False))
        pieces.append((match.group(), True))
        i = match.end()
    if start > 0:
        pieces.insert(0, ("…", False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces


def search(reader: GraphReader, query: str, limit: int = 50) -> list[Hit]:
    """Projects and news articles whose title, narrative or Prima ID holds every word of
    ``query``, whatever its case, accents and apostrophes."""
    words = words_of(query)
    if not words:
        return []
    patterns = [re.compile(word_pattern(word), re.IGNORECASE) for word in words]
    key = ox.Literal(word_pattern(max(words, key=len)))
    rows = reader.select(f"""
        SELECT DISTINCT ?s ?kind ?part ?text WHERE {{
          {{ SELECT DISTINCT ?s WHERE {{
            {{ ?s dcterms:title ?match }} UNION {{ ?s dcterms:description ?match }}
            UNION {{ ?s iom:primaId ?match }}
            FILTER(REGEX(?match, {key}, "i"))
          }} }}
          VALUES (?class ?kind) {{ (iom:Project "project") (iom:NewsArticle "news article") }}
          ?s a ?class .
          VALUES (?field ?part) {{ (dcterms:title "title") (dcterms:description "text")
                                   (iom:primaId "id") }}
          ?s ?field ?text .
        }}""")
    parts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    kinds: dict[str, str] = {}
    for row in rows:
        iri = row["s"].value
        kinds.setdefault(iri, row["kind"].value)
        text = row["text"]
        parts[iri][row["part"].value].append(
            literal_text(text) if isinstance(text, ox.Literal) else text.value)
    hits = []
    for iri, kind in kinds.items():
        fields = {name: " ".join(sorted(parts[iri][name])) for name in _WEIGHTS}
        found = {name: [bool(p.search(fields[name])) for p in patterns] for name in _WEIGHTS}
        if not all(any(found[name][i] for name in _WEIGHTS) for i in range(len(patterns))):
            continue
        score = sum(_WEIGHTS[name] * sum(found[name]) for name in _WEIGHTS)
        languages = {language_of(text) for text in parts[iri]["text"]}
        language = languages.pop() if len(languages) == 1 else ""
        hits.append((-score, fields["title"].casefold(), iri, kind, fields["text"], language))
    ranked = sorted(hits)[:limit]
    labels = reader.labels(iri for _, _, iri, _, _, _ in ranked)
    return [Hit(reader.link(iri, labels[iri]), kind, -score,
                snippet(text, patterns) if text else [], language)
            for score, _, iri, kind, text, language in ranked]
