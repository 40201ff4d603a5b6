"""Markers that close a clause in a narrative: "... by training officers (Output 1.1)".

A marker names the result the clause before it describes, back to the start of its sentence or
to the marker before it in the same sentence; connectors ("and", "by", "through") and lead-ins
("The project will", "This will be achieved by") that open the clause are not kept.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.parse.result_headings import KIND, KIND_WORDS, NUMBER, FoundResult, squeeze, trim

# "(Output 1.1)": the marker closes the clause before it.
_MARKER = re.compile(rf"\(\s*(?P<kind>{KIND})(?:\s+(?P<num>{NUMBER}))?\s*\)", re.IGNORECASE)
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
    r"|esto\s+se\s+(?:logrará|conseguirá)\s+(?:mediante|a\s+través\s+de|por\s+medio\s+de)\s+)?",
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


def marked_results(text: str, starts: list[int]) -> list[FoundResult]:
    """The results the markers in ``text`` name; ``starts`` are its sentences' offsets."""
    found: list[FoundResult] = []
    previous_end: int | None = None
    for marker in _MARKER.finditer(text):
        sentence_start = starts[bisect_right(starts, marker.start()) - 1]
        after_marker = previous_end is not None and previous_end >= sentence_start
        begin = previous_end if after_marker and previous_end is not None else sentence_start
        clause = _clause(text[begin:marker.start()], after_marker)
        kind = KIND_WORDS[marker.group("kind").casefold()]
        found.append(FoundResult(kind, marker.group("num"), clause, marker.start(), marker.group()))
        previous_end = marker.end()
    return found
