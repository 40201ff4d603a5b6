"""A project narrative's results chain: its objective, outcomes and numbered outputs.

IDF narratives mark each result after the clause it names ("... by training officers
(Output 1.1)"; see ``result_markers``), head lines with it ("Outcome 1: ..."), list results
under a heading ("Outcomes:" then "1. ...", "(a) ..."; see ``result_headings``), or describe it
in prose ("the project's second outcome focuses on ..."). English, French and Spanish markers
are read alike.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from kg.parse.patterns import word_at_start
from kg.parse.quoting import quoted
from kg.parse.result_headings import FoundResult, UnreadHeading, line_results
from kg.parse.result_markers import OBJECTIVE_STATEMENT, marked_results
from kg.parse.result_patterns import KIND_WORDS, NUMBER, ZERO_PARTS, tidy
from kg.records import Outcome, Output, ParseIssue

_AIM_VERB = (
    r"(?:aims?\s+(?:to|at)|seeks?\s+to|focus(?:es)?\s+on|is\s+to|consists?\s+(?:of|in)|will"
    r"|intends?\s+to|targets?|vise\s+à|consiste\s+à|porte\s+sur|permettra\s+de|a\s+pour\s+but\s+de"
    r"|busca|pretende|se\s+centra\s+en|consiste\s+en|tiene\s+como\s+objetivo)\s+"
)
# "Outcome 2 aims to ..." / "Output 1.1 will ...".
_NUMBERED_PHRASE = re.compile(
    rf"(?P<kind>{word_at_start(KIND_WORDS)})\s+(?P<num>{NUMBER})\s+"
    rf"(?P<verb>{_AIM_VERB})"
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "premier": 1, "deuxième": 2, "troisième": 3, "quatrième": 4, "cinquième": 5,
    "primer": 1, "segundo": 2, "tercer": 3, "cuarto": 4, "quinto": 5,
}
_ORDINAL_OUTCOME = re.compile(
    rf"(?P<ord>{word_at_start(_ORDINALS)})\s+(?:outcome|résultat|effet|resultado)\b"
)
_RESULT_NOUNS = ("outcome", "output", "result", "résultat", "effet", "efecto", "produit",
                 "producto")
# Cheap first looks: a numbered phrase ends in a number and a verb (the number spelled
# ``\d\d?`` rather than ``\d{1,2}`` so that the search skips non-digits fast), an ordinal one
# holds one of these nouns; texts without them skip the full searches.
_NUMBERED_PHRASE_TAIL = re.compile(rf"\d\d?(?:\.\d{{1,2}})*\s+{_AIM_VERB}")
_ORDINAL_NOUNS = ("outcome", "résultat", "effet", "resultado")
_AIM_VERB_SEARCH = re.compile(rf"\b{_AIM_VERB}", re.IGNORECASE)
# "The first outcome is to ...", "... is that ...", "... est que ...", "... es que ...".
_WEAK_VERB_SEARCH = re.compile(r"\b(?:is|are|est|es)\s+(?:(?:to|that|que)\s+)?", re.IGNORECASE)
_OBJECTIVE_PHRASE = re.compile(rf"\b(?:{OBJECTIVE_STATEMENT})", re.IGNORECASE)

# A full stop (or an ellipsis, "…" or "...") before a capital, or a line break that does not
# split a hard-wrapped sentence. (Both branches open with the one class [.!?…\n], so the regex
# engine skips other characters.)
_SENTENCE_BREAK = re.compile(
    r"[.!?…\n](?:(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"“«(\[]?[A-Z0-9À-Þ])|(?<=\n)\s*(?=[^\sa-zß-ÿ]))")
_RUNS_ON = re.compile(r"[a-zß-ÿ,;:]")
_ABBREVIATIONS = frozenset({"mr", "ms", "mrs", "dr", "st", "e.g", "i.e", "no", "vs", "nos", "art"})


@dataclass
class ResultsChain:
    """The objective, outcomes (with their outputs) and outcome-less outputs of a narrative."""

    objective: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    outputs: list[Output] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for found in _SENTENCE_BREAK.finditer(text):
        if found.group()[:1] == "\n":
            index = found.start() - 1
            while index >= 0 and text[index] in " \t":
                index -= 1
            if index < 0 or not _RUNS_ON.match(text[index]):  # not a hard-wrapped sentence
                starts.append(found.end())
            continue
        word = text[text.rfind(" ", 0, found.start()) + 1:found.start()].lstrip("(\"“").casefold()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        starts.append(found.end())
    return starts


def _sentence_end(text: str, starts: list[int], offset: int) -> int:
    index = bisect_right(starts, offset)
    return starts[index] if index < len(starts) else len(text)


def _rest_of_sentence(text: str, starts: list[int], offset: int) -> str | None:
    return tidy(text[offset:_sentence_end(text, starts, offset)])


def _phrased(text: str, starts: list[int]) -> list[FoundResult]:
    found: list[FoundResult] = []
    lowered = text.lower()
    if not any(noun in lowered for noun in _RESULT_NOUNS):
        return found
    numbered = _NUMBERED_PHRASE.finditer(text) if _NUMBERED_PHRASE_TAIL.search(text) else ()
    for phrase in numbered:
        kind = KIND_WORDS[phrase.group("kind").casefold()]
        body = _rest_of_sentence(text, starts, phrase.end())
        found.append(FoundResult(kind, phrase.group("num"), body, phrase.start(),
                                 phrase.group().strip()))
    ordinal = (_ORDINAL_OUTCOME.finditer(text) if any(noun in text for noun in _ORDINAL_NOUNS)
               else ())
    for phrase in ordinal:
        end = _sentence_end(text, starts, phrase.end())
        verb = _AIM_VERB_SEARCH.search(text, phrase.end(), end) or _WEAK_VERB_SEARCH.search(
            text, phrase.end(), end)
        body = tidy(text[verb.end():end]) if verb is not None else None
        number = str(_ORDINALS[phrase.group("ord").casefold()])
        found.append(FoundResult("outcome", number, body, phrase.start(), phrase.group()))
    return found


def _stated_objective(text: str, starts: list[int]) -> FoundResult | None:
    phrase = _OBJECTIVE_PHRASE.search(text)
    if phrase is None:
        return None
    return FoundResult("objective", None, _rest_of_sentence(text, starts, phrase.end()),
                       phrase.start(), phrase.group().strip())


class _ChainBuilder:
    """Collects found results in page order, numbers them and reports clashes."""

    def __init__(self, text: str, first_line: int) -> None:
        self._text, self._first_line = text, first_line
        self.objective: str | None = None
        self.outcomes: dict[str, str | None] = {}
        self.outcome_outputs: dict[str, dict[str, str]] = {}
        self.loose_outputs: dict[str, str] = {}
        self.issues: list[ParseIssue] = []
        self._last_outcome: str | None = None
        self._listed_outcomes = 0  # outcomes in a row from one list: their outputs are loose
        self._newlines: list[int] | None = None

    def _warn(self, item: FoundResult | UnreadHeading, field_name: str, message: str) -> None:
        if self._newlines is None:
            self._newlines = [index for index, ch in enumerate(self._text) if ch == "\n"]
        line = self._first_line + bisect_left(self._newlines, item.offset)
        self.issues.append(ParseIssue(field_name, message, line, "warning"))

    def _outcome(self, label: str) -> None:
        self.outcomes.setdefault(label, None)
        self.outcome_outputs.setdefault(label, {})

    def add(self, item: FoundResult) -> None:
        if item.kind == "objective":
            if self.objective is None:
                self.objective = item.text
            elif item.text and item.text != self.objective:
                self._warn(item, "objective", f"{item.marker} names a second objective; "
                                              "the first is kept")
        elif item.kind == "outcome":
            self._add_outcome(item)
        elif item.kind == "output":
            self._add_output(item)

    def _add_outcome(self, item: FoundResult) -> None:
        label = ZERO_PARTS.sub("", item.number) if item.number else item.number
        if label is None:
            label = "1" if "1" not in self.outcomes else str(self._next_number(self.outcomes))
            if label != "1":
                self._warn(item, "outcomes", f"{item.marker} has no number; numbered {label} "
                                             "by its position")
        self._outcome(label)
        self._last_outcome = label
        self._listed_outcomes = self._listed_outcomes + 1 if item.listed else 0
        known = self.outcomes[label]
        if known is None:
            self.outcomes[label] = item.text
        elif item.text and item.text != known:
            self._warn(item, "outcomes", f"outcome {label} is described twice; the first text "
                                         "is kept")

    def _add_output(self, item: FoundResult) -> None:
        if not item.text:
            self._warn(item, "outputs", f"{item.marker} closes no text; the output is left out")
            return
        label = item.number
        if item.listed and label is not None and "." not in label:
            label = self._listed_output_label(label)
        elif label is None:
            parent = self._last_outcome
            siblings = self.outcome_outputs[parent] if parent else self.loose_outputs
            position = len(siblings) + 1
            label = f"{parent}.{position}" if parent else str(position)
            self._warn(item, "outputs", f"{item.marker} has no number; numbered {label} by its "
                                        "position")
        parent = label.split(".", 1)[0] if "." in label else None
        if parent is not None:
            self._outcome(parent)
        outputs = self.outcome_outputs[parent] if parent is not None else self.loose_outputs
        if label in outputs:
            if item.text != outputs[label]:
                self._warn(item, "outputs", f"output {label} is marked more than once; the first "
                                            "text is kept")
            return
        outputs[label] = item.text

    def _listed_output_label(self, position: str) -> str:
        """"1.2" for the second item of an output list under outcome 1; "2" when the list
        follows a list of several outcomes and so belongs to none of them."""
        parent = self._last_outcome if self._listed_outcomes <= 1 else None
        return f"{parent}.{position}" if parent is not None else position

    def report_unread(self, heading: UnreadHeading, found: list[FoundResult]) -> None:
        """Warn of a results heading or marker whose results were not read."""
        if heading.end is not None and any(
                heading.offset < item.offset < heading.end and item.kind in ("outcome", "output")
                for item in found):
            return
        field_name = "objective" if heading.kind == "objective" else f"{heading.kind}s"
        self._warn(heading, field_name, f"{quoted(heading.line)}: {heading.problem}; left out")

    @staticmethod
    def _next_number(labels: dict[str, str | None]) -> int:
        numbers = [int(label) for label in labels if label.isdigit()]
        return max(numbers, default=0) + 1

    def chain(self) -> ResultsChain:
        outcomes = [
            Outcome(label, self.outcomes[label], [
                Output(output, text)
                for output, text in sorted(self.outcome_outputs[label].items(),
                                           key=lambda pair: _number_key(pair[0]))
            ])
            for label in sorted(self.outcomes, key=_number_key)
        ]
        loose = [Output(label, text)
                 for label, text in sorted(self.loose_outputs.items(),
                                           key=lambda pair: _number_key(pair[0]))]
        return ResultsChain(self.objective, outcomes, loose, self.issues)


@lru_cache(maxsize=1024)
def _number_key(label: str) -> tuple[int, ...]:
    return tuple(int(part) for part in label.split(".") if part.isdigit())


def parse_results_chain(text: str, first_line: int = 1) -> ResultsChain:
    """Objective, outcomes and outputs named in a narrative; ``first_line`` numbers issue lines.

    A narrative with no results named gives an empty chain and no issue; a results heading
    whose results cannot be read ("Expected outputs" over prose, "Outcome A:") is a warning.
    """
    headed, unread = line_results(text)
    # A heading line is a sentence of its own, whatever punctuation it lacks.
    bounds = {item.offset for item in headed} | {
        text.find("\n", item.offset) + 1 for item in headed if "\n" in text[item.offset:]}
    starts = sorted(set(_sentence_starts(text)) | bounds)
    marked, unread_markers = marked_results(text, starts)
    found = marked + headed + _phrased(text, starts)
    found.sort(key=lambda item: item.offset)
    builder = _ChainBuilder(text, first_line)
    for item in found:
        builder.add(item)
    for heading in sorted(unread + unread_markers, key=lambda heading: heading.offset):
        builder.report_unread(heading, found)
    if builder.objective is None and ("bjecti" in text or "bjeti" in text):
        stated = _stated_objective(text, starts)
        if stated is not None:
            builder.add(stated)
    return builder.chain()
