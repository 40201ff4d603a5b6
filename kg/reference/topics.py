"""What an outcome or output does and for whom: two small SKOS schemes, activities ("training",
"awareness raising") and target groups ("law enforcement", "returnees").

Loaded from ``topics.csv`` beside this module: each topic has English, French and Spanish
labels and, per language, the words and phrases that name it in a page's results ("train",
"capacity building"; "formation", "renforcement des capacités"). The ontology's schemes
(``ontology/vocabularies.ttl``) hold the same concepts; a test keeps the two in step.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from kg.paths import reference_dir
from kg.reference.countries import fold

TOPIC_SCHEMES = ("activity", "target-group")
LANGUAGES = ("en", "fr", "es")


@dataclass(frozen=True)
class Topic:
    """One topic: its scheme and code, a label and the phrases that name it per language."""

    scheme: str
    code: str
    labels: dict[str, str]
    phrases: dict[str, tuple[str, ...]]


@cache
def load_topics() -> tuple[Topic, ...]:
    """Every topic of both schemes, in file order."""
    with (reference_dir() / "topics.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            Topic(scheme=row["scheme"], code=row["code"],
                  labels={language: row[f"label_{language}"] for language in LANGUAGES},
                  phrases={language: tuple(p for p in row[f"phrases_{language}"].split("|") if p)
                           for language in LANGUAGES})
            for row in csv.DictReader(handle)
        )


def topic_code(scheme: str, name: str) -> str | None:
    """The code of the topic of ``scheme`` that ``name`` names: its code or a label in any
    language, in any case and with or without accents; None when none does."""
    key = fold(name.strip())
    for topic in load_topics():
        if topic.scheme == scheme and key in {fold(topic.code), *map(fold, topic.labels.values())}:
            return topic.code
    return None
