"""Search over the titles and narratives of projects and news articles.

The store narrows the candidates to texts holding the longest word of the query (bound as a
literal, never pasted into the query); every word must then appear in the title or the text.
Title matches rank first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from kg.serve.graph import GraphReader, Link, values

MAX_QUERY = 200
MAX_WORDS = 8
SNIPPET = 90


@dataclass(frozen=True)
class Hit:
    """A found project or article, with the passage around the first match."""

    link: Link
    kind: str
    score: int
    snippet: list[tuple[str, bool]]


def words_of(query: str) -> list[str]:
    """The lower-cased words of a query (at most MAX_WORDS, query cut at MAX_QUERY chars)."""
    return list(dict.fromkeys(query[:MAX_QUERY].lower().split()))[:MAX_WORDS]


def snippet(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """A passage of ``text`` around the first word found, as (part, is_match) pieces."""
    lower = text.lower()
    found = [(lower.find(w), w) for w in words if lower.find(w) >= 0]
    if not found:
        return [(text[: SNIPPET * 2] + ("…" if len(text) > SNIPPET * 2 else ""), False)]
    first = min(found)[0]
    start = max(first - SNIPPET, 0)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(first + SNIPPET, len(text))
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space > first else end
    passage, pieces, i = text[start:end], [], 0
    lower_passage = passage.lower()
    while i < len(passage):
        matches = [(lower_passage.find(w, i), w) for w in words if lower_passage.find(w, i) >= 0]
        if not matches:
            pieces.append((passage[i:], False))
            break
        at, word = min(matches, key=lambda m: (m[0], -len(m[1])))
        if at > i:
            pieces.append((passage[i:at], False))
        pieces.append((passage[at:at + len(word)], True))
        i = at + len(word)
    if start > 0:
        pieces.insert(0, ("…", False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces


def search(reader: GraphReader, query: str, limit: int = 50) -> list[Hit]:
    """Projects and news articles whose title or narrative holds every word of ``query``."""
    words = words_of(query)
    if not words:
        return []
    key = max(words, key=len)
    rows = reader.select(f"""
        SELECT DISTINCT ?s ?kind ?field ?text WHERE {{
          {values('word', [ox.Literal(key)])}
          VALUES (?class ?kind) {{ (iom:Project "project") (iom:NewsArticle "news article") }}
          ?s a ?class .
          {{ ?s dcterms:title ?match }} UNION {{ ?s dcterms:description ?match }}
          FILTER(CONTAINS(LCASE(STR(?match)), ?word))
          VALUES ?field {{ dcterms:title dcterms:description }}
          ?s ?field ?text .
        }}""")
    titles: dict[str, list[str]] = defaultdict(list)
    texts: dict[str, list[str]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for row in rows:
        iri = row["s"].value
        kinds.setdefault(iri, row["kind"].value)
        bucket = titles if row["field"].value.endswith("title") else texts
        bucket[iri].append(row["text"].value)
    hits = []
    for iri, kind in kinds.items():
        title, text = " ".join(sorted(titles[iri])).lower(), " ".join(sorted(texts[iri]))
        if not all(w in title or w in text.lower() for w in words):
            continue
        score = sum(2 for w in words if w in title) + sum(1 for w in words if w in text.lower())
        hits.append((iri, kind, score, snippet(text, words) if text else []))
    labels = reader.labels(iri for iri, *_ in hits)
    ranked = sorted(hits, key=lambda h: (-h[2], labels[h[0]].casefold(), h[0]))[:limit]
    return [Hit(reader.link(iri, labels[iri]), kind, score, piece)
            for iri, kind, score, piece in ranked]
