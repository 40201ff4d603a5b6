"""Finding the project a news article names among the project pages known.

A mention that gives a Prima ID matches the one project with that Prima ID, whatever its
title, acronym and years say: IOM gives each project its own. Without one, or when no page has
it, a mention matches a project by title (case-, accent- and punctuation-insensitive), else by
acronym: the acronym is tried when the title finds no single project. Among the candidates, a
page whose known years equal every year the mention gives wins over pages whose years are
merely unknown: exactly one such page is the answer, several are ambiguous. With none, the
answer is the one candidate whose years do not contradict the mention's; several (or none)
leave the mention unmatched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg.mapping.iris import mint_project_iri, normalise_base
from kg.namespaces import DEFAULT_BASE
from kg.records import ProjectMention, ProjectPage, Record
from kg.reference.countries import gazetteer

_NOT_WORD = re.compile(r"[\W_]+")
_TITLE_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,15})\s*\)")
_COUNTRY_PREFIX = re.compile(r"^([^:]{2,60}):\s+(.+)$")


def normalise_title(title: str) -> str:
    """Key for comparing titles: accents, case and punctuation ignored, "&" read as "and"."""
    text = title.replace("&", " and ").casefold()
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", text).strip()


def title_keys(title: str) -> set[str]:
    """The keys a page title is found by: as written, without a trailing "(ACRONYM)", and
    without a leading "Country: "."""
    keys = {title, _TITLE_ACRONYM.sub(" ", title)} if "(" in title else {title}
    prefixed = _COUNTRY_PREFIX.match(title) if ":" in title else None
    if prefixed and gazetteer().lookup(prefixed.group(1)) is not None:
        keys |= {prefixed.group(2), _TITLE_ACRONYM.sub(" ", prefixed.group(2))}
    return {key for key in map(normalise_title, keys) if key}


def title_acronyms(title: str) -> set[str]:
    """Acronyms a title gives in parentheses with at least two capitals ("(TMSV)")."""
    return {
        match.upper() for match in _TITLE_ACRONYM.findall(title)
        if sum(ch.isupper() for ch in match) >= 2
    } if "(" in title else set()


@dataclass(frozen=True)
class IndexedProject:
    """A project page as the index knows it: IRI and years."""

    iri: NamedNode
    start_year: int | None
    end_year: int | None

    def fits_years(self, mention: ProjectMention) -> bool:
        """False only when a year is known on both sides and differs."""
        return not (
            (mention.start_year and self.start_year and mention.start_year != self.start_year)
            or (mention.end_year and self.end_year and mention.end_year != self.end_year)
        )

    def matches_years(self, mention: ProjectMention) -> bool:
        """True when the mention gives a year and every year it gives is the page's own."""
        pairs = ((mention.start_year, self.start_year), (mention.end_year, self.end_year))
        given = [(said, known) for said, known in pairs if said]
        return bool(given) and all(said == known for said, known in given)


@dataclass
class ProjectIndex:
    """Project IRIs by Prima ID, by normalised title and by acronym, for one base IRI."""

    base: str = DEFAULT_BASE
    by_title: dict[str, list[IndexedProject]] = field(default_factory=dict)
    by_acronym: dict[str, list[IndexedProject]] = field(default_factory=dict)
    by_prima_id: dict[str, NamedNode | None] = field(default_factory=dict)
    """The project with each Prima ID; None for a Prima ID several projects give."""
    prima_ids: dict[NamedNode, str] = field(default_factory=dict)
    iris: set[NamedNode] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.base = normalise_base(self.base)

    @classmethod
    def from_records(cls, records: Iterable[Record], base: str = DEFAULT_BASE) -> ProjectIndex:
        """An index of every project page among the records (news articles are skipped)."""
        index = cls(base)
        for record in records:
            if isinstance(record, ProjectPage):
                index.add(record)
        return index

    def add(self, record: ProjectPage) -> NamedNode:
        """Index one project page; returns its IRI."""
        iri = mint_project_iri(record, self.base)
        self.add_project(iri, record.title, record.start_year, record.end_year, record.prima_id)
        return iri

    def add_project(self, iri: NamedNode, title: str | None, start_year: int | None,
                    end_year: int | None, prima_id: str | None = None) -> None:
        """Index a project known by IRI, title, years and Prima ID (from a record or from the
        store)."""
        entry = IndexedProject(iri, start_year, end_year)
        self.iris.add(iri)
        if prima_id and (key := prima_id.strip().upper()):
            known = self.by_prima_id.get(key, iri)
            self.by_prima_id[key] = iri if known == iri else None
            self.prima_ids[iri] = key
        if title:
            for key in title_keys(title):
                self.by_title.setdefault(key, []).append(entry)
            for acronym in title_acronyms(title):
                self.by_acronym.setdefault(acronym, []).append(entry)

    def find(self, mention: ProjectMention) -> NamedNode | None:
        """The IRI of the one project the mention names, or None (none or several fit).

        The Prima ID decides when one project has it (``find_by_prima_id``); otherwise the
        name, acronym and years do (``find_by_name``).
        """
        return self.find_by_prima_id(mention) or self.find_by_name(mention)

    def find_by_prima_id(self, mention: ProjectMention) -> NamedNode | None:
        """The one project with the Prima ID the mention gives, or None."""
        prima_id = mention.prima_id.strip().upper() if mention.prima_id else ""
        return self.by_prima_id.get(prima_id) if prima_id else None

    def find_by_name(self, mention: ProjectMention) -> NamedNode | None:
        """The one project the mention's name, acronym and years fit, or None.

        The title is tried first; when it finds no single project (none has that title, or
        the years rule out or cannot tell apart those that do), the acronym is tried.
        """
        found = _single_fit(self.by_title.get(normalise_title(mention.name), []), mention)
        if found is None and mention.acronym:
            found = _single_fit(self.by_acronym.get(mention.acronym.strip().upper(), []),
                                mention)
        return found

    def __len__(self) -> int:
        return len(self.iris)


def _single_fit(candidates: list[IndexedProject], mention: ProjectMention) -> NamedNode | None:
    """The one candidate the mention's years pick: pages whose years agree with the mention's
    are preferred to pages with unknown years, so a page that gives no years does not make a
    dated mention ambiguous."""
    iris = {entry.iri for entry in candidates if entry.matches_years(mention)}
    if not iris:
        iris = {entry.iri for entry in candidates if entry.fits_years(mention)}
    return iris.pop() if len(iris) == 1 else None
