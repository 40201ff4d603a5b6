"""Tag a result's text with the topics it names: what is done (training, awareness raising)
and for whom (law enforcement, returnees), from the phrases of ``kg.reference.topics``.

A phrase matches whole words, in any case and with or without accents, in the text's language
only (French "former" is to train; English "former" is not). Topics come in the table's order,
each once, so the same text always gives the same tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.reference.countries import fold
from kg.reference.topics import LANGUAGES, load_topics

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Topics:
    """The codes of the activities and target groups a text names."""

    activities: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()


def _words(text: str) -> list[str]:
    """The text's words, folded as the gazetteer folds them (case, accents)."""
    return _WORD.findall(fold(text))


@cache
def _phrases(language: str) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Per first word, the phrases of ``language`` that open with it, each with its topic's
    position in the table."""
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for position, topic in enumerate(load_topics()):
        for phrase in topic.phrases[language]:
            words = tuple(_words(phrase))
            index.setdefault(words[0], []).append((words, position))
    return index


def _positions(words: list[str], language: str) -> set[int]:
    """The table positions of the topics whose phrases ``words`` holds. Only the phrases
    opening with a word the text has are tried (a set intersection, not a walk over every
    word): tagging is on the path of every page a build reads."""
    phrases = _phrases(language)
    found: set[int] = set()
    for first in phrases.keys() & set(words):
        for phrase, position in phrases[first]:
            if position not in found and (len(phrase) == 1 or _holds(words, phrase)):
                found.add(position)
    return found


def _holds(words: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` (two words or more) occurs in ``words``, word for word."""
    start = 0
    while True:
        try:
            start = words.index(phrase[0], start)
        except ValueError:
            return False
        if tuple(words[start:start + len(phrase)]) == phrase:
            return True
        start += 1


def find_topics(text: str | None, language: str) -> Topics:
    """The topics ``text``, written in ``language`` (en, fr or es; else English), names."""
    if not text:
        return Topics()
    topics = load_topics()
    found = sorted(_positions(_words(text), language if language in LANGUAGES else "en"))
    return Topics(
        tuple(topics[p].code for p in found if topics[p].scheme == "activity"),
        tuple(topics[p].code for p in found if topics[p].scheme == "target-group"))
