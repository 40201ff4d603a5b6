"""Runs of capitalised words in running text, and the tokens an organisation's name is read
from (kg.parse.organisations).

A run is a stretch of capitalised words joined by connectors ("Ministry of Interior and
Administration"); its tokens are the known organisation names and aliases it holds
(kg/reference/organisations.csv, each one token however many words it has), the connectors
("of", "de", "d'") and the other words, each with its offsets and whether it is possessive.
An acronym that is also a word ("WHO") is a word, not the organisation, beside other words in
capitals ("WHO WE ARE", "WHO BENEFITS"); "UN" is the French or Spanish article before one
("UN PROJET POUR LES JEUNES") unless the capitals are English ("IOM AND UN PARTNERS ...").
In a run set in capitals (a headline, a heading, a banner) the known names are compared in
capitals ("INTERNATIONAL ORGANIZATION FOR MIGRATION", "UN WOMEN", "ONU-HABITAT").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from kg.parse.organisation_words import (
    ARTICLE_ACRONYMS,
    CONNECTORS,
    ENGLISH_WORDS,
    OF_WORDS,
    WORD_ACRONYMS,
)
from kg.parse.patterns import any_of, rest_of_any
from kg.reference.organisations import canonical_names

CANONICAL = canonical_names()
"""Every known organisation name and alias -> its canonical name and acronym."""
_IN_CAPITALS = {alias.upper(): known for alias, known in CANONICAL.items()}
"""The same, each name written in capitals ("UN WOMEN"), for runs set in capitals."""
_ALIASES = any_of(CANONICAL)
_CAPITAL = "[A-ZÀ-ÖØ-Þ]"
if not all(re.match(_CAPITAL, alias) for alias in CANONICAL):
    raise ValueError("every known organisation name and alias must start with a capital letter")

# Lower-case adjectives French and Spanish ministry names carry ("Affaires étrangères").
_NAME_ADJECTIVES = (
    "étrangères|extérieures|sociales?|sociaux|nationale|publique|pública|público|"
    "professionnelle|exteriores|humanitaires?|civile|migratoires?|rurale?|humanos|sociales"
)
# A word of a name after its first letter, a capital: the rest of a known name (as the table
# writes it or in capitals: "ONU-HABITAT" is one word, not "ONU"), or of any word.
# (Patterns open with that capital's class so that searches skip other characters fast.)
_WORD_REST = (
    rf"(?:{rest_of_any([*CANONICAL, *_IN_CAPITALS])}(?:['’]s)?(?![\w'’])|[\w\-]*(?:['’]s\b)?"
    rf"(?:[ \t]+(?:{_NAME_ADJECTIVES})\b)*)"
)
_WORD = _CAPITAL + _WORD_REST
_CONNECTOR = (r"(?:of|for|on|and|the|against|de|des|du|la|les|del|el|los|las|y|et|pour|para"
              r"|contra|al|au|aux|&)")
_LONGEST_NAME_WORDS = 16  # a longer run of capitals is a heading or a list, read in pieces
RUN = re.compile(  # a run of capitalised words and the connectors between them
    rf"{_CAPITAL}(?:(?<=\b[dlDL]['’].)|(?<![\w'’\-].)){_WORD_REST}"
    rf"(?:(?:[ \t]+{_CONNECTOR})*[ \t]+(?:[dl]['’])?{_WORD}){{0,{_LONGEST_NAME_WORDS}}}"
)
_TOKEN = re.compile(
    rf"(?P<known>(?:{_ALIASES}))(?P<kposs>['’]s)?(?![\w'’])|(?P<elided>[dl]['’])(?=\w)"
    r"|(?P<word>[^\s]+)"
)
_TOKEN_IN_CAPITALS = re.compile(
    rf"(?P<known>(?:{any_of(_IN_CAPITALS)}))(?P<kposs>['’]S)?(?![\w'’])"
    r"|(?P<elided>[DL]['’])(?=\w)|(?P<word>[^\s]+)"
)


class Token(NamedTuple):
    """One token of a run, with its offsets in the text."""

    text: str
    start: int
    end: int
    kind: str  # "known", "word", "connector"
    possessive: bool
    key: str  # text.casefold()


def in_capitals(run: str) -> bool:
    """True for a run set in capitals ("IOM AND UN WOMEN LAUNCH A CAMPAIGN"): no lower-case
    letter, so its words cannot tell a name from a heading."""
    return not any(character.islower() for character in run)


def known_organisation(text: str) -> tuple[str, str | None] | None:
    """The canonical name and acronym of the known organisation ``text`` names: as the table
    writes one of its names, or in capitals ("UN WOMEN"); None when it names none."""
    return CANONICAL.get(text) or _IN_CAPITALS.get(text)


def tokens_at(run: str, base: int) -> list[Token]:
    """The tokens of ``run``, a run of words that starts at offset ``base`` of the text."""
    if not base:
        return list(run_tokens(run))
    new = tuple.__new__  # Token(...) without NamedTuple's Python-level __new__
    return [new(Token, (text, start + base, end + base, kind, possessive, key))
            for text, start, end, kind, possessive, key in run_tokens(run)]


@lru_cache(maxsize=4096)
def run_tokens(run: str) -> tuple[Token, ...]:
    """The tokens of ``run`` at offsets from its start (cached: names recur across pages)."""
    if " " not in run and "\t" not in run:  # one word: no alias or connector to look for
        bare = run[:-2] if run.endswith(("'s", "’s")) else run
        kind = "known" if known_organisation(bare) else "word"
        return (Token(bare, 0, len(bare), kind, bare != run, bare.casefold()),)
    tokens = []
    for match in (_TOKEN_IN_CAPITALS if in_capitals(run) else _TOKEN).finditer(run):
        start, end = match.span()
        if match.group("known"):
            text = match.group("known")
            tokens.append(Token(text, start, start + len(text), "known", bool(match["kposs"]),
                                 text.casefold()))
            continue
        text = match.group()
        key = text.casefold()
        if match.group("elided") or key in CONNECTORS:
            tokens.append(Token(text, start, end, "connector", False, key))
            continue
        possessive = text.endswith(("'s", "’s"))
        if possessive:
            text, end = text[:-2], end - 2
        tokens.append(Token(text, start, end, "word", possessive, text.casefold()))
    return tuple(_words_in_capitals(tokens))


def _words_in_capitals(tokens: list[Token]) -> list[Token]:
    """The tokens, with an acronym that is also a word ("WHO") read as a word where a word in
    capitals that names no organisation stands beside it ("WHO WE ARE", "WHO BENEFITS"); a
    code with digits ("WHO COVID-19 guidance") is no such word. An article ("UN") is a word
    only before such a word, in a run holding no English word ("UN NOUVEAU CENTRE")."""
    for index, token in enumerate(tokens):
        if token.kind != "known" or token.text not in WORD_ACRONYMS:
            continue
        if token.text not in ARTICLE_ACRONYMS:
            beside = tokens[max(0, index - 1):index] + tokens[index + 1:index + 2]
        elif any(other.key in ENGLISH_WORDS for other in tokens):
            continue
        else:
            beside = tokens[index + 1:index + 2]
        if any(other.kind != "known" and other.text.isupper() and other.text.isalpha()
               for other in beside):
            tokens[index] = token._replace(kind="word")
    return tokens


def of_follows(chunk: list[Token], index: int) -> bool:
    """True when "of" (or "de") comes next, maybe after an adjective ("Consejo Nacional de")."""
    if chunk[index].key in OF_WORDS:
        return True
    return (chunk[index].kind == "word" and index + 2 < len(chunk)
            and chunk[index + 1].key in OF_WORDS)


def is_acronym(text: str) -> bool:
    """Whether ``text`` reads as an acronym: two capitals or more ("IOM", "UNODC", "MoI")."""
    return sum(ch.isupper() for ch in text) >= 2


def trim_connectors(chunk: list[Token]) -> list[Token]:
    """``chunk`` without the connectors it opens or closes with ("of", "and", "de")."""
    start, end = 0, len(chunk)
    while start < end and chunk[start].kind == "connector":
        start += 1
    while end > start and chunk[end - 1].kind == "connector":
        end -= 1
    return chunk[start:end]
