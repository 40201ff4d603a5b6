"""The IOM Development Fund's value lists (project types, IDF regions, coverage, status, roles).

Loaded from ``vocabularies.csv`` beside this module; each concept has English, French and
Spanish labels, the spellings and acronyms pages use, and its IATI code where one fits.
The ontology's SKOS schemes (``ontology/vocabularies.ttl``) hold the same concepts; a test
keeps the two in step.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from kg.paths import reference_dir
from kg.reference.countries import fold

SCHEMES = ("project-type", "idf-region", "coverage", "status", "organisation-role", "result-type")
_SEPARATORS = re.compile(r"[\s\-–_]+")  # runs that a value's key reads as one space


@dataclass(frozen=True)
class Concept:
    """One value of a value list."""

    scheme: str
    code: str
    label_en: str
    label_fr: str
    label_es: str
    variants: tuple[str, ...]
    iati_codelist: str | None
    iati_code: str | None

    @property
    def labels(self) -> dict[str, str]:
        """Preferred label per language tag."""
        return {"en": self.label_en, "fr": self.label_fr, "es": self.label_es}


def _key(text: str) -> str:
    return _SEPARATORS.sub(" ", fold(text)).strip(" .")


@cache
def load_concepts() -> tuple[Concept, ...]:
    """Every concept of every scheme, in file order."""
    with (reference_dir() / "vocabularies.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            Concept(
                scheme=row["scheme"], code=row["code"], label_en=row["label_en"],
                label_fr=row["label_fr"], label_es=row["label_es"],
                variants=tuple(v for v in row["variants"].split("|") if v),
                iati_codelist=row["iati_codelist"] or None, iati_code=row["iati_code"] or None,
            )
            for row in csv.DictReader(handle)
        )


@cache
def _index() -> dict[tuple[str, str], Concept]:
    index: dict[tuple[str, str], Concept] = {}
    for concept in load_concepts():
        names = (concept.code, *concept.labels.values(), *concept.variants)
        for name in names:
            index.setdefault((concept.scheme, _key(name)), concept)
    return index


def find_concept(scheme: str, value: str) -> Concept | None:
    """The concept of ``scheme`` that ``value`` names (any language, variant, acronym), or None."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}")
    return _index().get((scheme, _key(value)))


def concept(scheme: str, code: str) -> Concept:
    """The concept with this code; KeyError if there is none."""
    for item in load_concepts():
        if item.scheme == scheme and item.code == code:
            return item
    raise KeyError(f"{scheme}/{code}")


def concepts(scheme: str) -> list[Concept]:
    """All concepts of one scheme."""
    return [item for item in load_concepts() if item.scheme == scheme]
