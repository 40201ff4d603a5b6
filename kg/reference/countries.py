"""Country gazetteer: every name a page may use -> ISO 3166 codes and Wikidata item.

Built from ``countries.csv`` shipped beside this module (see PROVENANCE.md): ISO English,
French and Spanish names plus the UN and IOM variants. Matching works on token sequences,
longest match first, so "Trinidad and Tobago Saint Vincent and the Grenadines" splits right;
"&" reads as "and" and "St."/"St" as "Saint", so "St. Kitts & Nevis" needs no variant of its own
(words are compared as ``kg.reference.country_words`` folds them).
Places whose names hold a country's name ("Port of Spain", "Gulf of Guinea") are known too, so
prose that names them does not mention the country; nor does a country acronym that opens an
organisation's name ("UK Home Office").
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kg.paths import reference_dir
from kg.records import MemberState
from kg.reference.country_words import (
    EDGE_PUNCTUATION,
    WORD_FORMS,
    as_written,
    match_word,
    name_key,
    token_spans,
    tokens,
    without_possessive,
    written_without_possessive,
)
from kg.reference.country_words import fold as fold  # re-exported for the modules folding words

# In a list of countries: what ends an unknown span, and what only joins names ("Mali et la
# Mauritanie", "Guatemala y El Salvador", "Indonesia and the Philippines").
_LIST_BREAKS = frozenset({",", ";", "/"})
_JOINERS = frozenset({"and", "et", "y", "&", "-", "–", "—", "•", "*"})
_ARTICLES = frozenset({"the", "la", "le", "les", "el", "los", "las"})
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
# A long name ending in a short one: "Republic of Korea", "Democratic Republic of the Congo".
_LONG_FORM = re.compile(r"^(?P<long>[^,]+? of(?: the)?) (?P<short>[^,]+)$")


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


def _name_forms(name: str) -> set[str]:
    """A name, its un-inverted form ("Korea, Republic of" -> "Republic of Korea") and the form
    with its long part after the short name, as ISO and UN lists write it in brackets: "Korea
    (Republic of)", "Congo (the Democratic Republic of the)", "Eswatini (Kingdom of)" (brackets
    are no part of a name's key, so these are "Korea Republic of" and so on)."""
    forms = {name}
    if ", " in name:
        head, _, tail = name.partition(", ")
        forms.add(f"{tail} {head}")
    for form in list(forms):
        for article in ("The ", "the ", "La ", "Le ", "L'", "Les "):
            if form.startswith(article):
                forms.add(form[len(article):])
    for form in list(forms):
        if (long_form := _LONG_FORM.match(form)) is not None:
            short, long = long_form["short"], long_form["long"]
            forms.update((f"{short} {long}", f"{short} the {long}"))
    return forms


class _TokenIndex:
    """Names as folded token sequences, found by their first token, longest name first."""

    def __init__(self) -> None:
        self.names: dict[tuple[str, ...], Country | None] = {}
        self.longest_by_first: dict[str, int] = {}

    def add(self, name: str, value: Country | None) -> bool:
        key = name_key(name)
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

    def match_in_prose(self, folded: list[str], bare: list[str],
                       start: int) -> tuple[int, Country | None, bool] | None:
        """(size, value, whether its last word carries the possessive mark) of the longest name
        starting at ``folded[start]``, the mark no part of it: ``bare`` holds the words without
        it ("Viet Nam's" is "Viet Nam"; "Lao People's Democratic Republic" is matched whole)."""
        firsts = self.longest_by_first
        longest = max(firsts.get(folded[start], 0), firsts.get(bare[start], 0))
        names = self.names
        for size in range(min(longest, len(folded) - start), 0, -1):
            key = tuple(folded[start:start + size])
            if key in names:
                return size, names[key], False
            last = bare[start + size - 1]
            if last != key[-1] and (key := (*key[:-1], last)) in names:
                return size, names[key], True
        return None


class _ListReading:
    """One line being split into countries: its words, the states found, the unknown spans."""

    def __init__(self, text: str) -> None:
        self.text = unicodedata.normalize("NFC", text)
        self.spans = token_spans(self.text)
        self.keys = [match_word(self.text[start:end]) for start, end in self.spans]
        self.found: list[MemberState] = []
        self.unknown: list[str] = []
        self.run: list[int] = []  # indexes of the words of the unknown span being read
        self.free_from = 0  # the first word no country or list break has taken

    def written(self, first: int, last: int) -> str:
        """Words ``first`` to ``last - 1`` as the page writes them (see ``as_written``)."""
        return as_written(self.text[self.spans[first][0]:self.spans[last - 1][1]])

    def take(self, country: Country, first: int, last: int) -> None:
        """Record the country named by words ``first`` to ``last - 1``."""
        self.close_run()
        self.found.append(country.member_state(self.written(first, last)))
        self.free_from = last

    def add_unknown(self, index: int) -> None:
        """Add a word no country matched to the unknown span, with any article just before."""
        start = index
        if not self.run:
            while start > self.free_from and self.keys[start - 1] in _ARTICLES:
                start -= 1
        self.run.extend(range(start, index + 1))

    def close_run(self) -> None:
        """End the unknown span being read, if any, and keep it for the caller to report."""
        if self.run:
            self.unknown.append(self.written(self.run[0], self.run[-1] + 1))
            self.run = []


def _opens_in_lower_case(name: str) -> bool:
    """True for a name the table writes with a lower-case word first, an article apart: "the
    former Yugoslav Republic of Macedonia", "occupied Palestinian territory"."""
    words = name.split()
    first = next((word for word in words if word.casefold() not in _ARTICLES), "")
    return first[:1].islower()


class Gazetteer:
    """Lookup of country names (any language, any variant) by token sequence."""

    def __init__(self, countries: list[Country],
                 places: tuple[str, ...] = PLACES_NAMING_A_COUNTRY) -> None:
        self.countries = {c.iso3: c for c in countries}
        self._index = _TokenIndex()
        self._places = _TokenIndex()
        # Names written in lower case, found so in prose too, whole (with or without "the").
        self._lower_case = _TokenIndex()
        # English names and variants first: on a clash, the first writer wins.
        for attr in ("name", "variants", "name_fr", "name_es"):
            for country in countries:
                names = getattr(country, attr)
                for name in names if isinstance(names, tuple) else (names,):
                    forms = _name_forms(name)
                    for form in forms:
                        self._index.add(form, country)
                    if _opens_in_lower_case(name):
                        for form in filter(_opens_in_lower_case, forms):
                            if self._index.names.get(name_key(form)) is country:
                                self._lower_case.add(form, country)
        for place in places:
            self._places.add(place, None)
        self._heads = self._longer_name_heads()
        # every word a name, a joining word or an article can hold, as written in lower case
        self._vocabulary = frozenset(word for key in self._index.names for word in key) | \
            _JOINERS | _ARTICLES | frozenset(WORD_FORMS)

    def may_be_list(self, text: str) -> bool:
        """False when ``text`` cannot be a list of countries with at most one unknown word per
        two countries, found without a lookup (a paragraph of prose): a lower-case word that is
        in no country's name, nor a joining word or an article, is unknown whatever the rest,
        and every country takes at least one of the other words."""
        words = text.split()
        lower = list(filter(str.islower, filter(str.isalpha, filter(str.isascii, words))))
        unknown = len(lower) - sum(map(self._vocabulary.__contains__, lower))
        # at most this many words once "," ";" "/" split them (each splits one word in two)
        most_words = len(words) + sum(map(text.count, _LIST_BREAKS))
        return 3 * unknown <= most_words

    def lookup(self, name: str) -> Country | None:
        """The country a whole name denotes, or None."""
        return self._index.names.get(name_key(name))

    def split(self, text: str) -> tuple[list[MemberState], list[str]]:
        """Split a list of countries written on one line ("Fiji Tonga Vanuatu").

        Returns the states found (in page order, duplicates kept) and the spans of text
        that matched no country, as the page writes them, so the caller can report them.
        Joining words and articles between names ("Mali et la Mauritanie") are skipped.
        """
        reading = _ListReading(text)
        index = 0
        while index < len(reading.keys):
            index = self._split_step(reading, index)
        reading.close_run()
        return reading.found, reading.unknown

    def _split_step(self, reading: _ListReading, index: int) -> int:
        """Read the name or word at ``index``; the index after it."""
        match = self._index.match(reading.keys, index)
        if match is not None:
            size, country = match
            assert country is not None
            if self._ends_longer_name(reading, index, size, country):
                reading.run.extend(range(index, index + size))
            else:
                reading.take(country, index, index + size)
            return index + size
        key = reading.keys[index]
        if key in _LIST_BREAKS:
            reading.close_run()
            reading.free_from = index + 1
        elif key and key not in _JOINERS and key not in _ARTICLES:  # "" for lone punctuation
            reading.add_unknown(index)
        return index + 1

    def _ends_longer_name(self, reading: _ListReading, index: int, size: int,
                          country: Country) -> bool:
        """True when the unknown words just before ``index`` and the country there look like
        a longer name of another country ("Democratic Rep. of" + "Congo", "Papua" + "Guinea"):
        then the country alone is not what the page names."""
        run, keys = reading.run, reading.keys
        if not run or any(key not in _ARTICLES for key in keys[run[-1] + 1:index]):
            return False
        heads = self._heads.get(tuple(keys[index:index + size]))
        if not heads:
            return False
        return any(iso3 != country.iso3 for word in run for iso3 in heads.get(keys[word], ()))

    def _longer_name_heads(self) -> dict[tuple[str, ...], dict[str, set[str]]]:
        """For each name that ends a longer name, the first words of those longer names and
        their countries: ("congo",) -> {"democratic": {"COD"}, "republic": {"COG"}, ...}."""
        heads: dict[tuple[str, ...], dict[str, set[str]]] = {}
        names = self._index.names
        for key, country in names.items():
            assert country is not None
            first = next((i for i, word in enumerate(key) if word not in _ARTICLES), len(key))
            for size in range(1, len(key) - first):
                if key[-size:] in names:
                    heads.setdefault(key[-size:], {}).setdefault(key[first], set()).add(
                        country.iso3)
        return heads

    def mentions(self, text: str, *,
                 organisation_heads: frozenset[str] = frozenset()) -> list[MemberState]:
        """Countries named in running prose, in first-mention order: capitalised names, and
        the few names the table writes in lower case, whole ("the former Yugoslav Republic of
        Macedonia"; "the former" or "Republic of" alone names nothing). A name in the
        possessive is found without its mark: "Fiji's", "Viet Nam’s", "the Philippines'".

        A place whose name holds a country's ("Port of Spain") is not a mention of it, nor is
        a country acronym opening an organisation's name: "UK" in "the UK Home Office", where
        one of ``organisation_heads`` (folded words that head organisation names: "office",
        "ministry", "embassy") follows among the next few capitalised words.
        """
        words = tokens(text)
        folded = list(map(match_word, words))
        bare = list(map(without_possessive, folded))
        seen: dict[str, MemberState] = {}
        # Most words start no name: looking their first word up skips the matchers' calls.
        place_firsts, name_firsts = self._places.longest_by_first, self._index.longest_by_first
        lower_case_firsts = self._lower_case.longest_by_first
        i = 0
        while i < len(words):
            first, first_bare = folded[i], bare[i]
            if first in place_firsts or first_bare in place_firsts:
                place = self._places.match_in_prose(folded, bare, i)
                if place is not None:
                    i += place[0]
                    continue
            match = None
            if (first in name_firsts or first_bare in name_firsts) and \
                    words[i].strip(EDGE_PUNCTUATION)[:1].isupper():
                match = self._index.match_in_prose(folded, bare, i)
            elif first in lower_case_firsts:
                match = self._lower_case.match_in_prose(folded, bare, i)
            if match is None:
                i += 1
                continue
            size, country, possessive = match
            assert country is not None
            if size > 1 or not _opens_organisation_name(words, bare, i, organisation_heads):
                named = words[i:i + size]
                if possessive:
                    named[-1] = written_without_possessive(named[-1])
                written = " ".join(named).replace(" ,", ",").replace(" ;", ";")
                seen.setdefault(country.iso3, country.member_state(as_written(written)))
            i += size
        return list(seen.values())


def _opens_organisation_name(words: list[str], bare: list[str], index: int,
                             heads: frozenset[str]) -> bool:
    """True when ``words[index]`` is an acronym ("UK") directly followed by capitalised words
    that reach a head word ("Home Office") within a few words, in the same sentence; possessive
    marks are no part of the name ("the UK's Home Office", "the UK Home Office's")."""
    # an opening quote may come before the acronym
    acronym = written_without_possessive(words[index]).lstrip(EDGE_PUNCTUATION)
    if not heads or len(acronym) > _ACRONYM_LENGTH or not (acronym.isalpha() and acronym.isupper()):
        return False
    for after in range(index + 1, min(index + 1 + _ACRONYM_NAME_WORDS, len(words))):
        if not words[after][:1].isupper():
            return False
        if bare[after] in heads:
            return True
        if words[after] != words[after].rstrip(EDGE_PUNCTUATION):
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
