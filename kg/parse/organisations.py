"""Organisations named in running text: ministries, police units, UN agencies, NGOs, donors.

A name is a run of capitalised words that either is a well-known organisation (canonical name
and acronym from kg/reference/organisations.csv, so "IOM" on one page and "Programme des
Nations Unies pour le développement (PNUD)" on another are one node) or is headed by an
organisation noun ("Ministry of ...", "... Unit", "British Council") and is no country's name
("Russian Federation"). In a run set in capitals ("THE MINISTRY OF LABOUR OPENS A NEW OFFICE")
words cannot tell a name from a heading: only known names count there, and a name its acronym
closes ("MINISTRY OF LABOUR (MOL)"). Roles come from the words
around a name ("funded by", "in coordination with", "X, together with Y, implemented"): see
``organisation_roles``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from kg.parse.organisation_acronyms import names_closed_by_acronyms
from kg.parse.organisation_roles import find_roles
from kg.parse.organisation_runs import (
    CANONICAL,
    RUN,
    Token,
    in_capitals,
    is_acronym,
    known_organisation,
    of_follows,
    run_tokens,
    tokens_at,
    trim_connectors,
)
from kg.parse.organisation_words import (
    AND_WORDS,
    END_HEADS,
    GENERIC,
    GOVERNMENT,
    INITIAL_HEADS,
    OF_WORDS,
    OPENERS,
    PROGRAMME_HEADS,
)
from kg.parse.values import is_country_line
from kg.records import Organisation
from kg.reference.countries import gazetteer

_IOM = "International Organization for Migration"
_FOLDED = {alias.casefold(): known for alias, known in CANONICAL.items()}
# "Ministry of Gender, Children and Social Protection": a ministry's list of portfolios.
_MINISTRY_OF = re.compile(r"\b(?:Ministry|Ministère|Ministerio|Department|Secretaría)[ \t]+"
                          r"(?:of|de|des|du|del)\b")
_PORTFOLIO_LIST = re.compile(
    r"(?:,[ \t]+[A-ZÀ-Þ][\w\-]*(?:[ \t]+[A-ZÀ-Þ][\w\-]*)*)+,?[ \t]+(?:and|&|et|y)[ \t]+"
    r"[A-ZÀ-Þ][\w\-]*(?:[ \t]+[A-ZÀ-Þ][\w\-]*)*"
)
_ACRONYM = re.compile(r"[ \t]*\(\s*(?P<acr>[A-Z][A-Za-z0-9&\-]*[A-Z0-9])\s*\)")


@dataclass(slots=True)
class _Mention:
    key: str
    name: str
    acronym: str | None
    start: int
    end: int  # end of the whole run and its acronym: where a list of names continues


class _RunName(NamedTuple):
    """A name read in a run of capitalised words (offsets as its tokens')."""

    key: str
    name: str
    acronym: str | None
    start: int
    chunk_end: int  # where the last token of the name's chunk ends
    last: bool  # the chunk is the run's last


class _Finder:
    """Scans one text: its runs of capitalised words, acronyms it defines, and role cues."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.acronyms: dict[str, tuple[str, str, str | None]] = {}  # acronym -> key, name, acr
        self.mentions: list[_Mention] = []

    def _run_end(self, run: re.Match[str]) -> int:
        """Where a run ends, taking in a ministry's comma-separated portfolios."""
        if _MINISTRY_OF.search(run.group()) is None:
            return run.end()
        portfolios = _PORTFOLIO_LIST.match(self.text, run.end())
        if portfolios is None or any(
                token.kind == "known" or token.key in END_HEADS or token.key in INITIAL_HEADS
                or token.text in self.acronyms
                for token in tokens_at(portfolios.group(), portfolios.start())):
            return run.end()
        return portfolios.end()

    def _named_by_acronym(self) -> list[tuple[_Mention, str]]:
        """Names closed by the acronym the text gives them, each with that acronym; a known
        name ("Haut-Commissariat ... réfugiés (HCR)") is its organisation, with its acronym."""
        mentions: list[tuple[_Mention, str]] = []
        for found in names_closed_by_acronyms(self.text):
            name, known = _FOLDED.get(found.name.casefold(), (found.name, None))
            mentions.append((_Mention(name.casefold(), name, known or found.acronym, found.start,
                                      found.end), found.acronym))
        return mentions

    def scan(self) -> list[_Mention]:
        named = self._named_by_acronym()
        covered_until = 0
        runs = RUN.finditer(self.text)
        while (run := next(runs, None)) is not None:
            if self._lone_unknown_word(run.group()):
                continue  # most runs are the first word of a sentence
            run_end = self._run_end(run)
            if run_end > run.end():  # a ministry's portfolios joined the run: go on after them
                runs = RUN.finditer(self.text, run_end)
            while named and named[0][0].start <= run.start():
                mention, defined = named.pop(0)
                covered_until = max(covered_until, mention.end)
                self._define(mention, defined)
                self.mentions.append(mention)
            if run.start() < covered_until:
                continue
            acronym = _ACRONYM.match(self.text, run_end)
            defined = acronym.group("acr") if acronym and is_acronym(acronym["acr"]) else None
            end = acronym.end() if acronym else run_end
            before = self.text[max(0, run.start() - 4):run.start()].rstrip(" \t\"'“‘(")
            sentence_initial = not before or before[-1] in ".!?:\n"
            text = self.text[run.start():run_end]
            names_programme = text.rsplit(None, 1)[-1].casefold() in PROGRAMME_HEADS
            if in_capitals(text):
                names = self._read_capitals(tokens_at(text, run.start()), sentence_initial,
                                            defined)
                base = 0
            elif self.acronyms and any(t.text in self.acronyms for t in run_tokens(text)):
                names = self._read_run(tokens_at(text, run.start()), sentence_initial)
                base = 0
            else:  # the run names no acronym this text defines: its reading is the usual one
                names, base = _run_names(text, sentence_initial), run.start()
            for name in names:
                chunk_end = name.chunk_end + base
                # A verb after the run is the name's when the name ends the run, or when the
                # words dropped after it are one of its units ("IOM Development Fund funded"),
                # not a programme holding its name ("IOM Joint Initiative ... Programme funded").
                ends_run = name.last and (chunk_end == run_end or not names_programme)
                mention = _Mention(name.key, name.name, name.acronym, name.start + base,
                                   end if ends_run else chunk_end)
                if name.last and defined and chunk_end == run_end:
                    self._define(mention, defined)
                self.mentions.append(mention)
        for mention, defined in named:
            self._define(mention, defined)
            self.mentions.append(mention)
        return self.mentions

    def _read_run(self, tokens: list[Token], sentence_initial: bool) -> list[_RunName]:
        """The names in a run's tokens, each with where its chunk ends and whether that chunk
        is the run's last."""
        found = self._chunks(tokens, sentence_initial)
        names = []
        for number, chunk in enumerate(found):
            mention = self._classify(chunk)
            if mention is not None:
                names.append(_RunName(mention.key, mention.name, mention.acronym, mention.start,
                                      chunk[-1].end, number == len(found) - 1))
        return names

    def _read_capitals(self, tokens: list[Token], sentence_initial: bool,
                       acronym: str | None) -> list[_RunName]:
        """The names in a run set in capitals: the known organisation each chunk holds ("IOM
        AND UN WOMEN LAUNCH ..."), or the name ``acronym``, given right after the run, closes
        and that starts with its letter ("THE MINISTRY OF LABOUR (MOL)"). No other: "MINISTRY
        OF LABOUR OPENS A NEW OFFICE" could end at any word."""
        found = self._chunks(tokens, sentence_initial)
        names = []
        for number, chunk in enumerate(found):
            last = number == len(found) - 1
            mention = None
            if acronym and last and chunk[-1] == tokens[-1]:
                mention = self._classify(chunk)
                if mention is not None and mention.name[:1] != acronym[:1]:
                    mention = None
            if mention is None:
                known = next((t for t in chunk if t.kind == "known" or t.text in self.acronyms),
                             None)
                mention = self._classify([known]) if known else None
            if mention is not None:
                names.append(_RunName(mention.key, mention.name, mention.acronym, mention.start,
                                      chunk[-1].end, last))
        return names

    def _lone_unknown_word(self, run: str) -> bool:
        """True for a run of one word that is no known name or acronym: it names nothing."""
        if " " in run or "\t" in run:
            return False
        bare = run[:-2] if run.endswith(("'s", "’s")) else run
        return known_organisation(bare) is None and bare not in self.acronyms

    def _define(self, mention: _Mention, acronym: str) -> None:
        if acronym not in self.acronyms:
            mention.acronym = mention.acronym or acronym
            self.acronyms[acronym] = (mention.key, mention.name, mention.acronym)

    def _starts_org(self, token: Token) -> bool:
        return (token.kind == "known" or token.text in self.acronyms
                or token.key in INITIAL_HEADS)

    def _next_is_org(self, tokens: list[Token], start: int) -> bool:
        """True when the tokens after an "and" open a name of their own."""
        rest = trim_connectors(tokens[start:])
        if not rest:
            return False
        if self._starts_org(rest[0]):
            return True
        stop = next((i for i, t in enumerate(rest) if t.key in AND_WORDS), len(rest))
        return self._classify(trim_connectors(rest[:stop])) is not None

    def _complete(self, chunk: list[Token]) -> bool:
        last = chunk[-1]
        if last.possessive:
            return False
        if last.kind == "known" or last.text in self.acronyms:
            return True
        return last.key in END_HEADS and self._classify(chunk) is not None

    def _chunks(self, tokens: list[Token], sentence_initial: bool) -> list[list[Token]]:
        """Split a run into name candidates at "and" + new name, dropping juxtaposed tails."""
        first = tokens[0] if tokens else None
        if sentence_initial and first and first.kind == "word" and first.key.endswith("ing"):
            tokens = tokens[1:]  # "Partnering with ...", "Building on ..."
        while tokens and (tokens[0].kind == "connector" or (
                tokens[0].kind == "word" and tokens[0].key in OPENERS)):
            tokens = tokens[1:]
        chunks: list[list[Token]] = []
        current: list[Token] = []
        in_tail = False
        for index, token in enumerate(tokens):
            if token.kind == "connector":
                if (token.key in AND_WORDS and (in_tail or (current and self._classify(current)))
                        and self._next_is_org(tokens, index + 1)):
                    if current and not in_tail:
                        chunks.append(current)
                    current, in_tail = [], False
                    continue
                if not in_tail and current:
                    current.append(token)
                continue
            if in_tail:
                if token.kind == "known":
                    current, in_tail = [token], False
                continue
            if current and current[-1].kind != "connector" and token.key not in END_HEADS \
                    and self._complete(current):
                chunks.append(current)
                current, in_tail = [], token.kind != "known"
                if token.kind == "known":
                    current = [token]
                continue
            current.append(token)
        if current and not in_tail:
            chunks.append(current)
        return [trim_connectors(chunk) for chunk in chunks if trim_connectors(chunk)]

    def _without_leading_country(self, chunk: list[Token]) -> list[Token]:
        """ "Vanuatu Ministry of Internal Affairs" -> "Ministry of Internal Affairs"."""
        for size in range(1, min(4, len(chunk) - 2)):
            if (chunk[size].key in INITIAL_HEADS and chunk[size + 1].key in OF_WORDS
                    and all(t.kind == "word" for t in chunk[:size])
                    and gazetteer().lookup(self._span_name(chunk[:size])) is not None):
                return chunk[size:]
        return chunk

    def _without_trailing_country(self, chunk: list[Token]) -> list[Token]:
        """ "Ministry of Health Vanuatu" -> "Ministry of Health".

        A country after "of" is the name's complement and stays, whole: "Immigration
        Department of South Sudan" keeps "South Sudan", not only "South".
        """
        for size in range(min(5, len(chunk) - 1), 0, -1):
            tail = chunk[-size:]
            if (tail[0].kind != "word" or tail[-1].kind != "word"
                    or any(t.kind == "known" for t in tail)
                    or gazetteer().lookup(self._span_name(tail)) is None):
                continue
            if chunk[-size - 1].kind == "word" and size <= len(chunk) - 3:
                return chunk[:-size]
            return chunk
        return chunk

    def _span_name(self, chunk: list[Token]) -> str:
        """The text from the chunk's first token to its last, each run of spaces one space
        (tokens start and end on a non-space, so this is what ``\\s+`` -> " " gives)."""
        return " ".join(self.text[chunk[0].start:chunk[-1].end].split())

    def _classify(self, chunk: list[Token]) -> _Mention | None:
        """The organisation this candidate names, or None when it names none."""
        words = [token for token in chunk if token.kind != "connector"]
        if not words:
            return None
        inner = [i for i, token in enumerate(chunk[:-1]) if token.possessive]
        if inner:
            cut = inner[-1] + 1
            owner = [t for t in chunk[:cut] if t.kind != "connector"]
            if any(t.kind == "known" or t.text in self.acronyms for t in owner):
                return self._classify(trim_connectors(chunk[:cut]))  # "IOM's Development Fund"
            if all(t.key in GENERIC or t.key in END_HEADS for t in owner):
                rest = trim_connectors(chunk[cut:])  # "the Police Force's Transnational ..."
                return self._classify(rest) if rest else None
        if len(words) == 1 and words[0].kind == "known":
            name, acronym = known_organisation(words[0].text) or (words[0].text, None)
            return _Mention(name.casefold(), name, acronym, chunk[0].start, chunk[-1].end)
        if len(words) == 1 and words[0].text in self.acronyms:
            key, name, acronym = self.acronyms[words[0].text]
            return _Mention(key, name, acronym, chunk[0].start, chunk[-1].end)
        named = self._by_head(chunk)
        if named is not None and is_country_line(named.name):
            named = None  # "Russian Federation", "Union of the Comoros": countries' names
        return named or self._first_known(words)

    def _first_known(self, words: list[Token]) -> _Mention | None:
        for token in words:
            if token.kind == "known":
                return self._classify([token])
        return None

    def _by_head(self, chunk: list[Token]) -> _Mention | None:
        chunk = self._without_leading_country(chunk)
        last = chunk[-1]
        for index, token in enumerate(chunk[:-2]):
            if token.key not in INITIAL_HEADS or not of_follows(chunk, index + 1):
                continue
            if index <= 2 and all(t.kind == "word" for t in chunk[:index]):
                return self._headed_by_first(chunk, index)  # "Royal Government of Cambodia"
            if chunk[index - 1].kind == "connector":  # "Capacity of the Government of X"
                return self._by_head(chunk[index:])
            break
        if last.key in END_HEADS and last.kind == "word":
            qualifiers = [t for t in chunk[:-1] if t.kind != "connector"]
            if last.key in GOVERNMENT:
                place = self._span_name(chunk[:-1]) if qualifiers else ""
                if place and gazetteer().lookup(place) is not None:
                    name = f"{last.text} of {place}"
                    return _Mention(name.casefold(), name, None, chunk[0].start, last.end)
                return None
            if any(t.key not in GENERIC and t.key not in END_HEADS for t in qualifiers):
                name = self._span_name(chunk)
                return _Mention(name.casefold(), name, None, chunk[0].start, last.end)
        return None

    def _headed_by_first(self, chunk: list[Token], head: int) -> _Mention | None:
        of_word = next(i for i in range(head + 1, len(chunk)) if chunk[i].key in OF_WORDS)
        complement = trim_connectors(chunk[of_word + 1:])
        if not complement:
            return None
        if chunk[head].key in GOVERNMENT:
            place = self._span_name(complement)
            for article in ("the ", "la ", "le ", "el ", "los ", "las ", "les ", "l'", "l’"):
                place = place[len(article):] if place.casefold().startswith(article) else place
            if gazetteer().lookup(place) is None:
                return None
        else:
            chunk = self._without_trailing_country(chunk)
        name = self._span_name(chunk)
        return _Mention(name.casefold(), name, None, chunk[0].start, chunk[-1].end)


@lru_cache(maxsize=4096)
def _run_names(run: str, sentence_initial: bool) -> tuple[_RunName, ...]:
    """The names in a run that names no acronym its text defines, at offsets from the run's
    start: then they depend on the run alone (cached: names recur across pages)."""
    return tuple(_Finder(run)._read_run(tokens_at(run, 0), sentence_initial))


def find_organisations(text: str, iom_role: str | None = "implementing") -> list[Organisation]:
    """Organisations the text names, in first-mention order, one per organisation.

    Each carries the acronym the text defines for it and the first role the text gives it;
    IOM with no role in the text gets ``iom_role`` (IOM implements the projects its pages show).
    """
    mentions = _Finder(text).scan()
    roles = find_roles(text, mentions)
    found: dict[str, list[str | None]] = {}  # key -> [name, acronym, role]
    by_acronym: dict[str, str] = {}
    for mention, role in zip(mentions, roles, strict=True):
        key = by_acronym.get(mention.acronym or "", mention.key)
        entry = found.setdefault(key, [mention.name, mention.acronym, None])
        entry[1] = entry[1] or mention.acronym
        entry[2] = entry[2] or role
        if entry[1]:
            by_acronym.setdefault(entry[1], key)
    organisations = []
    for name, acronym, role in found.values():
        if name == _IOM and role is None:
            role = iom_role
        organisations.append(Organisation(name=name or "", role=role, acronym=acronym))
    return organisations
