"""Country gazetteer: every name a page may use -> ISO 3166 codes and Wikidata item.

Built from ``countries.csv`` shipped beside this module (see PROVENANCE.md): ISO English,
French and Spanish names plus the UN and IOM variants. Matching works on token sequences,
longest match first, so "Trinidad and Tobago Saint Vincent and the Grenadines" splits right.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kg.paths import reference_dir
from kg.records import MemberState

_TOKEN = re.compile(r"[^\s,;/]+|[,;/]")
_SEPARATORS = frozenset({",", ";", "/", "and", "et", "y", "&", "-", "–", "—", "•", "*"})
_EDGE_PUNCTUATION = ".:!?\"“”«»"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


@dataclass(frozen=True)
class Country:
    """One row of the reference table."""

    iso3: str
    iso2: str
    m49: str | None
    name: str
    name_fr: str
    name_es: str
    wikidata: str | None
    variants: tuple[str, ...]

    def member_state(self, as_written: str) -> MemberState:
        """This country as a record field, keeping the name as the page wrote it."""
        return MemberState(name=as_written, iso3=self.iso3, iso2=self.iso2, m49=self.m49,
                           wikidata=self.wikidata, label=self.name)


def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key for a word."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).strip(_EDGE_PUNCTUATION))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def tokens(text: str) -> list[str]:
    """Words and list separators of a line, in order."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


def _name_forms(name: str) -> set[str]:
    """A name and its un-inverted form: "Korea, Republic of" -> "Republic of Korea"."""
    forms = {name}
    if ", " in name:
        head, _, tail = name.partition(", ")
        forms.add(f"{tail} {head}")
    for form in list(forms):
        for article in ("The ", "the ", "La ", "Le ", "L'", "Les "):
            if form.startswith(article):
                forms.add(form[len(article):])
    return forms


class Gazetteer:
    """Lookup of country names (any language, any variant) by token sequence."""

    def __init__(self, countries: list[Country]) -> None:
        self.countries = {c.iso3: c for c in countries}
        self._index: dict[tuple[str, ...], Country] = {}
        self._longest = 1
        # English names and variants first: on a clash, the first writer wins.
        for attr in ("name", "variants", "name_fr", "name_es"):
            for country in countries:
                names = getattr(country, attr)
                for name in names if isinstance(names, tuple) else (names,):
                    for form in _name_forms(name):
                        key = tuple(fold(t) for t in tokens(form))
                        if key and key not in self._index:
                            self._index[key] = country
                            self._longest = max(self._longest, len(key))

    def lookup(self, name: str) -> Country | None:
        """The country a whole name denotes, or None."""
        return self._index.get(tuple(fold(t) for t in tokens(name)))

    def _match_at(self, words: list[str], start: int,
                  case_sensitive: bool) -> tuple[int, Country] | None:
        if case_sensitive and not words[start].strip(_EDGE_PUNCTUATION)[:1].isupper():
            return None
        for size in range(min(self._longest, len(words) - start), 0, -1):
            key = tuple(fold(w) for w in words[start:start + size])
            country = self._index.get(key)
            if country is not None:
                return size, country
        return None

    def split(self, text: str) -> tuple[list[MemberState], list[str]]:
        """Split a list of countries written on one line ("Fiji Tonga Vanuatu").

        Returns the states found (in page order, duplicates kept) and the spans of text
        that matched no country, so the caller can report them.
        """
        words = tokens(text)
        found: list[MemberState] = []
        unknown: list[str] = []
        pending: list[str] = []
        i = 0
        while i < len(words):
            match = self._match_at(words, i, case_sensitive=False)
            if match is None:
                if fold(words[i]) not in _SEPARATORS:
                    pending.append(words[i])
                elif pending and words[i] in {",", ";", "/"}:
                    unknown.append(" ".join(pending))
                    pending = []
                i += 1
                continue
            if pending:
                unknown.append(" ".join(pending))
                pending = []
            size, country = match
            found.append(country.member_state(" ".join(words[i:i + size])))
            i += size
        if pending:
            unknown.append(" ".join(pending))
        return found, unknown

    def mentions(self, text: str) -> list[MemberState]:
        """Countries named in running prose (capitalised names only), in first-mention order."""
        words = tokens(text)
        seen: dict[str, MemberState] = {}
        i = 0
        while i < len(words):
            match = self._match_at(words, i, case_sensitive=True)
            if match is None:
                i += 1
                continue
            size, country = match
            seen.setdefault(country.iso3, country.member_state(" ".join(words[i:i + size])))
            i += size
        return list(seen.values())


def load_countries() -> list[Country]:
    """Rows of the shipped countries.csv."""
    with (reference_dir() / "countries.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Country(
                iso3=row["iso3"], iso2=row["iso2"], m49=row["m49"] or None, name=row["name"],
                name_fr=row["name_fr"], name_es=row["name_es"], wikidata=row["wikidata"] or None,
                variants=tuple(v for v in row["variants"].split("|") if v),
            )
            for row in csv.DictReader(handle)
        ]


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built once."""
    return Gazetteer(load_countries())
