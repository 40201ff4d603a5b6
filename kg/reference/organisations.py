"""Well-known organisations: canonical name, acronym and the other names pages use.

From ``organisations.csv`` shipped beside this module (see PROVENANCE.md), so that "IOM" on one
page and "International Organization for Migration" on another are one organisation.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from kg.paths import reference_dir


@dataclass(frozen=True)
class KnownOrganisation:
    """One row of the table: the name the graph uses, its acronym, and its other names."""

    name: str
    acronym: str | None
    aliases: tuple[str, ...]


@cache
def known_organisations() -> tuple[KnownOrganisation, ...]:
    """Rows of the shipped organisations.csv, in file order."""
    with (reference_dir() / "organisations.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            KnownOrganisation(row["name"], row["acronym"] or None,
                              tuple(alias for alias in row["aliases"].split("|") if alias))
            for row in csv.DictReader(handle)
        )


@cache
def canonical_names() -> dict[str, tuple[str, str | None]]:
    """Every name and alias of the table -> (the name the graph uses, its acronym)."""
    return {alias: (known.name, known.acronym) for known in known_organisations()
            for alias in (known.name, *known.aliases)}
