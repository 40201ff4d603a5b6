"""Markers that close a clause in a narrative: "... by training officers (Output 1.1)".

A marker names the result the clause before it describes, back to the start of its sentence or
to the marker before it in the same sentence; connectors ("and", "by", "through") and lead-ins
("The project will", "This will be achieved by", "The project's objective is to") that open the
clause are not kept.

Markers may be qualified ("(Specific Objective)", "(Immediate Outcome 1)", "(Résultat attendu
1)"), end their number with a full stop ("(Output 1.1.)") and name several results of one kind,
each given the clause ("(Outputs 1.1 and 1.2)", "(Produits 1.1 et 1.2)", "(Output 1.1, Output
1.2)"). A marker whose results cannot be read ("(Outcome I)", "(Outputs 1.1-1.3)", "(Outcome 1;
Output 1.1)", "(Outputs)") is returned as unread, for the caller to report; it still ends the
next marker's clause. Brackets in which words follow the result word ("(Outcome Harvesting)")
are no marker.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.parse.result_headings import FoundResult, UnreadHeading
from kg.parse.result_patterns import (
    KIND,
    KIND_WORDS,
    NUMBER,
    QUALIFIER_AFTER,
    QUALIFIER_BEFORE,
    squeeze,
    trim,
)

# "(Output 1.1)", "(Output 1.1.)", "(Specific Objective)": a result word, maybe qualified, and
# its number (``num``); when the brackets hold more (``rest``: "(Outputs 1.1 and 1.2)"),
# ``_numbers`` reads all that follows the result word (``body``).
_MARKER = re.compile(
    rf"\(\s*(?:{QUALIFIER_BEFORE}\s+)?(?P<kind>{KIND})(?P<plural>s)?(?:\s+{QUALIFIER_AFTER})?"
    rf"(?![\w-])(?P<body>(?:\s+(?P<num>{NUMBER}))?\s*(?P<rest>[^()]{{0,60}}?))\.?\s*\)",
    re.IGNORECASE,
)
# One result in a marker's brackets: "1.1", "Output 1.2"; also "I", "A" and "1.1a", not read.
_PART = re.compile(
    rf"(?:(?:{QUALIFIER_BEFORE}\s+)?(?P<kind>{KIND})s?(?:\s+{QUALIFIER_AFTER})?\s+)?"
    r"(?P<num>\d[\w.]*|[ivx]{1,4}(?:\.\d{1,2})*(?!\w)|[a-z](?:\.\d{1,2})*(?!\w))\s*",
    re.IGNORECASE,
)
# What joins two results in the brackets: a list ("1.1 and 1.2", "1, 2") or a range ("1-3").
_JOIN = re.compile(r"(?:(?:[-–—,;&/]|(?:to|à|au|a|hasta|and|et|y)(?!\w))\s*)+", re.IGNORECASE)
_RANGE = re.compile(r"[-–—]|\b(?:to|à|au|a|hasta)\b", re.IGNORECASE)
_NUMBER = re.compile(NUMBER)
_KIND_NAMES = {"objective": "an objective", "outcome": "an outcome", "output": "an output",
               "impact": "an impact"}  # in the order a marker naming several is reported
_OBJECTIVE_QUALIFIER = r"(?:(?:overall|main|general|overarching|specific|primary)\s+)?"
# "The project's objective is to", "L'objectif du projet est de": the words of a sentence that
# states the objective, before it (narrative reads the rest of the sentence as the objective).
OBJECTIVE_STATEMENT = (
    rf"(?:(?:the|its)\s+{_OBJECTIVE_QUALIFIER}objective"
    r"\s+of\s+(?:the|this)\s+(?:project|programme|program|intervention)"
    r"|(?:the|this)\s+(?:project|programme|program|intervention)(?:['’]s)?\s+"
    rf"{_OBJECTIVE_QUALIFIER}objective)\s+is\s+(?:to\s+)?"
    r"|\bl['’]objectif\s+(?:(?:général|principal|global)\s+)?(?:du|de\s+ce)\s+projet\s+est\s+"
    r"(?:de\s+|d['’])?"
    r"|\bel\s+objetivo\s+(?:(?:general|principal)\s+)?(?:del|de\s+este)\s+proyecto\s+es\s+"
)
# Words that open the clause after an earlier marker and are not part of it.
_LEADING_CONNECTORS = re.compile(
    r"(?:\s+|[,;:–—-]|and\s+finally\b,?|and\s+(?:then|also|lastly)\b|as\s+well\s+as\b"
    r"|which\s+(?:will|would)\s+be\s+(?:achieved|done)\s+(?:by|through)\b"
    r"|(?:and|by|through|via|with|while|then|finally|lastly|also|thereby)\b,?"
    r"|et\s+enfin\b,?|ainsi\s+que\b|grâce\s+à\b|(?:et|par)\b|en\b(?=\s+\w+ant\b)"
    r"|y\s+finalmente\b,?|así\s+como\b|a\s+través\s+de\b|(?:y|mediante|por|con|avec)\b)*",
    re.IGNORECASE,
)
# Sentence openings that frame a clause rather than belong to it.
_LEAD_IN = re.compile(
    r"(?:(?:in\s+addition|additionally|furthermore|moreover|finally|lastly|to\s+(?:this|that)"
    r"\s+end|en\s+outre|enfin|además|por\s+último|finalmente)\s*,?\s*)?"
    r"(?:(?:this|the)\s+(?:project|programme|program|initiative|intervention)\s+(?:will|would|"
    r"shall|is\s+expected\s+to|aims\s+to|seeks\s+to|intends\s+to|plans\s+to|also\s+aims\s+to)"
    r"(?:\s+(?:also|then|further|additionally|furthermore))?\s+"
    r"|(?:it|iom)\s+will(?:\s+also)?\s+"
    r"|this\s+will\s+be\s+(?:achieved|done|accomplished|reached|realized|realised|pursued)\s+"
    r"(?:by|through|via)\s+(?:means\s+of\s+)?"
    r"|(?:the\s+)?(?:(?:overall|main|general)\s+)?objective\s+(?:of\s+(?:the|this)\s+project\s+)?"
    r"is\s+(?:to\s+)?"
    r"|(?:ce|le)\s+projet\s+(?:vise\s+à|va|permettra\s+de|cherche\s+à|a\s+pour\s+objectif\s+de)"
    r"(?:\s+(?:également|aussi|ensuite))?\s+"
    r"|cela\s+sera\s+(?:réalisé|atteint)\s+(?:en|par|grâce\s+à)\s+"
    r"|(?:il|elle)\s+(?:va\s+|permettra\s+de\s+)?(?:également\s+|aussi\s+)?"
    r"|(?:este|el)\s+proyecto\s+(?:busca|pretende|tiene\s+como\s+objetivo|va\s+a)"
    r"(?:\s+(?:también|además))?\s+"
    r"|esto\s+se\s+(?:logrará|conseguirá)\s+(?:mediante|a\s+través\s+de|por\s+medio\s+de)\s+"
    rf"|{OBJECTIVE_STATEMENT})?",
    re.IGNORECASE,
)
# "contribute to <impact> through <objective>": the marker closes the part after the means.
_CONTRIBUTE = re.compile(
    r"\bcontribut\w*\s+(?:to|towards)\s.*?\b(?:through|by|via)\s+(?!\d)"
    r"|\bcontribu\w*\s+(?:à|au|aux)\s.*?(?:\ben\s+(?=\w+ant\b)|\bpar\s+|\bgrâce\s+à\s+)"
    r"|\bcontribu\w*\s+(?:a|al)\s.*?\b(?:mediante|a\s+través\s+de|por\s+medio\s+de)\s+",
    re.IGNORECASE,
)


def _clause(raw: str, after_marker: bool) -> str | None:
    """The clause a marker closes, from the text between the sentence (or last marker) and it."""
    text = squeeze(raw)
    if after_marker:
        text = text[_LEADING_CONNECTORS.match(text).end():]
    text = text[_LEAD_IN.match(text).end():]
    if not after_marker and "ontribu" in text:
        means = _CONTRIBUTE.search(text)
        if means is not None:
            text = text[means.end():]
    return trim(text)


def _numbers(kind: str, body: str,
             plural: bool) -> tuple[str, list[str | None], str | None] | None:
    """The kind and numbers of the results a marker's brackets name after its result word
    ("1.1 and 1.2" in "(Outputs 1.1 and 1.2)"), and why they cannot be read if so (else None);
    None when the brackets go on with words ("(Outcome Harvesting)"): no marker."""
    rest = body.strip()
    if not rest:
        return (kind, [], f"it names no {kind} number") if plural else (kind, [None], None)
    numbers: list[str | None] = []
    kinds, ranged, odd, position = {kind}, False, False, 0
    if rest[0] in ",;/":  # "(Objective; Outcome 1)": the first result has no number
        numbers.append(None)
        position = _JOIN.match(rest).end()
    while True:
        part = _PART.match(rest, position)
        if part is None:
            return None
        if part.group("kind"):
            kinds.add(KIND_WORDS[part.group("kind").casefold()])
        number = part.group("num").rstrip(".")
        odd = odd or _NUMBER.fullmatch(number) is None
        numbers.append(number)
        if part.end() == len(rest):
            break
        join = _JOIN.match(rest, part.end())
        if join is None or join.end() == len(rest):
            return None
        ranged = ranged or _RANGE.search(join.group()) is not None
        position = join.end()
    if len(kinds) > 1:  # reported under the first that is no impact ("(Impact; Outcome 1)")
        names = [key for key in _KIND_NAMES if key in kinds]
        return names[0], [], f"it names {' and '.join(map(_KIND_NAMES.get, names))} together"
    if ranged:
        return kind, [], f"it names a range of {kind}s, not each one"
    if odd:
        return kind, [], f"the {kind} is not numbered as 1 or 1.1"
    return kind, numbers, None


def marked_results(text: str, starts: list[int]) -> tuple[list[FoundResult], list[UnreadHeading]]:
    """The results the markers in ``text`` name, and the markers not read (to be reported);
    ``starts`` are the offsets of its sentences. A marker not read still ends the clause
    after it, so that the next marker's clause does not take in its text."""
    found: list[FoundResult] = []
    unread: list[UnreadHeading] = []
    previous_end: int | None = None
    for marker in _MARKER.finditer(text):
        kind = KIND_WORDS[marker.group("kind").casefold()]
        numbers: list[str | None] = [marker.group("num")]  # the usual "(Output 1.1)"
        problem = None
        if marker.group("rest") or (marker.group("plural") and numbers[0] is None):
            named = _numbers(kind, marker.group("body"), bool(marker.group("plural")))
            if named is None:
                continue
            kind, numbers, problem = named
        if problem is not None:
            if kind != "impact":
                unread.append(UnreadHeading(kind, marker.start(), squeeze(marker.group()),
                                            problem))
            previous_end = marker.end()
            continue
        sentence_start = starts[bisect_right(starts, marker.start()) - 1]
        after_marker = previous_end is not None and previous_end >= sentence_start
        begin = previous_end if after_marker and previous_end is not None else sentence_start
        clause = _clause(text[begin:marker.start()], after_marker)
        for number in numbers:
            found.append(FoundResult(kind, number, clause, marker.start(), marker.group()))
        previous_end = marker.end()
    return found, unread
