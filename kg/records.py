"""Typed records the parser produces: plain data, no RDF.

Every field a page lacks stays ``None`` (or an empty list); nothing is guessed.
``to_dict`` gives the JSON shape `kg parse` prints.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Severity = Literal["error", "warning"]
Kind = Literal["project", "news"]


@dataclass(frozen=True)
class Source:
    """Where a record came from: the page's path (or URL) and the sha256 of its bytes."""

    path: str
    sha256: str
    encoding: str = "utf-8"
    media_type: str = "text/plain"


@dataclass(frozen=True)
class ParseIssue:
    """Something the parser could not read, or read with doubt; ``line`` is 1-based in the page."""

    field: str
    message: str
    line: int | None = None
    severity: Severity = "error"


@dataclass(frozen=True)
class Budget:
    """An amount of money: exact decimal and ISO 4217 currency code."""

    amount: Decimal
    currency: str = "USD"


@dataclass(frozen=True)
class MemberState:
    """A country named on a page, resolved against the gazetteer."""

    name: str
    iso3: str
    iso2: str | None = None
    m49: str | None = None
    wikidata: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Output:
    """A numbered output of a project ("1.1") with the narrative text that describes it, and
    the activities and target groups that text names (``kg.parse.topics``)."""

    label: str
    text: str
    # Derived from the text (and the page's language), so left out of comparisons.
    activities: list[str] = field(default_factory=list, compare=False)
    target_groups: list[str] = field(default_factory=list, compare=False)


@dataclass(frozen=True)
class Outcome:
    """An outcome ("1") with its text, the outputs that serve it, and the activities and target
    groups its text names."""

    label: str
    text: str | None = None
    outputs: list[Output] = field(default_factory=list)
    activities: list[str] = field(default_factory=list, compare=False)
    target_groups: list[str] = field(default_factory=list, compare=False)


@dataclass(frozen=True)
class Organisation:
    """An organisation named on a page.

    ``role`` is an IATI organisation role in lower case (funding, accountable, extending,
    implementing), ``partner``, or ``None`` when the text gives none.
    """

    name: str
    role: str | None = None
    acronym: str | None = None


@dataclass(frozen=True)
class ProjectMention:
    """A project a news article names: "Tackling Modern Slavery from Viet Nam (TMSV, 2018–2021)",
    "“Strengthening Border Management in the Western Balkans” (Prima ID GE10P0377)"."""

    name: str
    acronym: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    prima_id: str | None = None


@dataclass
class ProjectPage:
    """An IOM Development Fund project page."""

    source: Source
    title: str | None = None
    language: str = "en"
    project_type: str | None = None
    budget: Budget | None = None
    coverage: str | None = None
    year: int | None = None
    start_year: int | None = None
    end_year: int | None = None
    status: str | None = None
    idf_region: str | None = None
    prima_id: str | None = None
    projects_id: str | None = None
    member_states: list[MemberState] = field(default_factory=list)
    narrative: str | None = None
    objective: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
    kind: Kind = "project"


@dataclass
class NewsArticle:
    """A country-office news article about IOM projects."""

    source: Source
    title: str | None = None
    language: str = "en"
    published: str | None = None
    place: str | None = None
    body: str | None = None
    projects: list[ProjectMention] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    countries: list[MemberState] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
    kind: Kind = "news"


Record = ProjectPage | NewsArticle


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_dict(record: Record) -> dict[str, Any]:
    """The record as JSON-ready plain data (Decimal amounts become numbers)."""
    data = dataclasses.asdict(record)
    ordered = {"source": data.pop("source"), "kind": data.pop("kind")}
    ordered.update(data)
    return _plain(ordered)


def has_errors(record: Record) -> bool:
    """True when the parser reported at least one error-level issue for the record."""
    return any(issue.severity == "error" for issue in record.issues)
