"""Country gazetteer: every name a page may use -> ISO 3166 codes and Wikidata item.

Built from ``countries.csv`` shipped beside this module (see PROVENANCE.md): ISO English,
French and Spanish names plus the UN and IOM variants. Matching works on token sequences,
longest match first, so "Trinidad and Tobago Saint Vincent and the Grenadines" splits right.
Places whose names hold a country's name ("Port of Spain", "Gulf of Guinea") are known too, so
prose that names them does not mention the country; nor does a country acronym that opens an
organisation's name ("UK Home Office").
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.paths import reference_dir
from kg.records import MemberState

_TOKEN = re.compile(r"[^\s,;/]+|[,;/]")
_SEPARATORS = frozenset({",", ";", "/", "and", "et", "y", "&", "-", "–", "—", "•", "*"})
_EDGE_PUNCTUATION = ".:!?\"“”«»"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
# Places named after (or containing the name of) a country that are not that country.
PLACES_NAMING_A_COUNTRY = (
    "Port of Spain", "Niger Delta", "Gulf of Guinea", "Gulf of Mexico", "New Mexico",
    "New Jersey", "Jordan Valley", "Lake Chad", "Lake Chad Basin",
)
# A country acronym (all capitals, at most this long: "UK", "USA", "DRC") opens an
# organisation's name when a word that heads names comes within _ACRONYM_NAME_WORDS
# capitalised words after it: "UK Home Office", "USA Embassy".
_ACRONYM_LENGTH = 4
_ACRONYM_NAME_WORDS = 3


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


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent- and apostrophe-insensitive key for a word (cached: words recur a lot)."""
    text = text.translate(_APOSTROPHES).strip(_EDGE_PUNCTUATION)
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def tokens(text: str) -> list[str]:
    """Words and list separators of a line, in order."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=16384)
def name_key(name: str) -> tuple[str, ...]:
    """A whole name as the gazetteer indexes it: its folded tokens (cached: names recur)."""
    return tuple(fold(t) for t in tokens(name))


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


class _TokenIndex:
    """Names as folded token sequences, found by their first token, longest name first."""

    def __init__(self) -> None:
        self.names: dict[tuple[str, ...], Country | None] = {}
        self.longest_by_first: dict[str, int] = {}

    def add(self, name: str, value: Country | None) -> bool:
        key = tuple(fold(t) for t in tokens(name))
        if not key or key in self.names:
            return False
        self.names[key] = value
        self.longest_by_first[key[0]] = max(self.longest_by_first.get(key[0], 0), len(key))
        return True

    def match(self, folded: list[str], start: int) -> tuple[int, Country | None] | None:
        """(size, value) of the longest name starting at ``folded[start]``, or None."""
        longest = self.longest_by_first.get(folded[start])
        if longest is None:
            return None
        names = self.names
        for size in range(min(longest, len(folded) - start), 0, -1):
            key = tuple(folded[start:start + size])
            if key in names:
                return size, names[key]
        return None


class Gazetteer:
    """Lookup of country names (any language, any variant) by token sequence."""

    def __init__(self, countries: list[Country],
                 places: tuple[str, ...] = PLACES_NAMING_A_COUNTRY) -> None:
        self.countries = {c.iso3: c for c in countries}
        self._index = _TokenIndex()
        self._places = _TokenIndex()
        # English names and variants first: on a clash, the first writer wins.
        for attr in ("name", "variants", "name_fr", "name_es"):
            for country in countries:
                names = getattr(country, attr)
                for name in names if isinstance(names, tuple) else (names,):
                    for form in _name_forms(name):
                        self._index.add(form, country)
        for place in places:
            self._places.add(place, None)

    def lookup(self, name: str) -> Country | None:
        """The country a whole name denotes, or None."""
        return self._index.names.get(name_key(name))

    def split(self, text: str) -> tuple[list[MemberState], list[str]]:
        """Split a list of countries written on one line ("Fiji Tonga Vanuatu").

        Returns the states found (in page order, duplicates kept) and the spans of text
        that matched no country, so the caller can report them.
        """
        words = tokens(text)
        folded = [fold(word) for word in words]
        found: list[MemberState] = []
        unknown: list[str] = []
        pending: list[str] = []
        i = 0
        while i < len(words):
            match = self._index.match(folded, i)
            if match is None:
                if folded[i] not in _SEPARATORS:
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
            assert country is not None
            found.append(country.member_state(" ".join(words[i:i + size])))
            i += size
        if pending:
            unknown.append(" ".join(pending))
        return found, unknown

    def mentions(self, text: str, *,
                 organisation_heads: frozenset[str] = frozenset()) -> list[MemberState]:
        """Countries named in running prose (capitalised names only), in first-mention order.

        A place whose name holds a country's ("Port of Spain") is not a mention of it, nor is
        a country acronym opening an organisation's name: "UK" in "the UK Home Office", where
        one of ``organisation_heads`` (folded words that head organisation names: "office",
        "ministry", "embassy") follows among the next few capitalised words.
        """
        words = tokens(text)
        folded = [fold(word) for word in words]
        seen: dict[str, MemberState] = {}
        i = 0
        while i < len(words):
            place = self._places.match(folded, i)
            if place is not None:
                i += place[0]
                continue
            match = None
            if words[i].strip(_EDGE_PUNCTUATION)[:1].isupper():
                match = self._index.match(folded, i)
            if match is None:
                i += 1
                continue
            size, country = match
            assert country is not None
            if size > 1 or not _opens_organisation_name(words, folded, i, organisation_heads):
                seen.setdefault(country.iso3, country.member_state(" ".join(words[i:i + size])))
            i += size
        return list(seen.values())


def _opens_organisation_name(words: list[str], folded: list[str], index: int,
                             heads: frozenset[str]) -> bool:
    """True when ``words[index]`` is an acronym ("UK") directly followed by capitalised words
    that reach a head word ("Home Office") within a few words, in the same sentence."""
    acronym = words[index].lstrip(_EDGE_PUNCTUATION)  # an opening quote may come before it
    if not heads or len(acronym) > _ACRONYM_LENGTH or not (acronym.isalpha() and acronym.isupper()):
        return False
    for after in range(index + 1, min(index + 1 + _ACRONYM_NAME_WORDS, len(words))):
        if not words[after][:1].isupper():
            return False
        if folded[after] in heads:
            return True
        if words[after] != words[after].rstrip(_EDGE_PUNCTUATION):
            return False  # the sentence (or a quotation) ends before any head word
    return False


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
