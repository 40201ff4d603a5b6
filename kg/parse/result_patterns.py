"""The words and patterns of results headings ("Outcome 1:", "Expected outputs", "Résultat
attendu 1", "Objetivo específico"), and how a result's text is tidied, shared by the readers of
results on lines of their own (``result_headings``) and in running text (``result_markers``).
"""

from __future__ import annotations

import re

KIND_WORDS = {
    "objective": "objective", "objectif": "objective", "objetivo": "objective",
    "outcome": "outcome", "result": "outcome", "résultat": "outcome", "resultat": "outcome",
    "effet": "outcome", "resultado": "outcome", "efecto": "outcome",
    "output": "output", "produit": "output", "producto": "output", "extrant": "output",
    "impact": "impact", "impacto": "impact",
}
KIND = "|".join(sorted(KIND_WORDS, key=len, reverse=True))
NUMBER = r"\d{1,2}(?:\.\d{1,2})*"
# "1.0" names outcome 1: the outputs under it are 1.1, 1.2.
ZERO_PARTS = re.compile(r"(?:\.0+)+$")

_BULLET = r"(?:[•·▪◦‣►■➢*+]|[-–—](?=\s))?"
# Words that qualify a result before it ("Immediate Outcome") or after it ("Résultat attendu").
QUALIFIER_BEFORE = (r"(?:immediate|intermediate|specific|overall|general|main|key|expected"
                    r"|planned|intended|anticipated|project|development)")
QUALIFIER_AFTER = (r"(?:(?:attendu|sp[ée]cifique|g[ée]n[ée]ral|global|imm[ée]diat"
                   r"|interm[ée]diaire|principal|esperado|espec[íi]fico|general|inmediato"
                   r"|intermedio)(?:es|e|s|as|a)?|g[ée]n[ée]raux|principaux|globaux)(?!\w)")
_BEFORE = rf"(?:{QUALIFIER_BEFORE}[ \t]+)?"
_AFTER = rf"(?:[ \t]+{QUALIFIER_AFTER})?"
_LEAD = rf"[ \t]*{_BULLET}[ \t]*{_BEFORE}(?P<kind>{KIND})"
# "Outcome 1: text", "- Output 1.1 – text", "Outcome 1. text"; "Outcome 1" alone heads the
# line after it.
HEADING = re.compile(
    rf"{_LEAD}{_AFTER}(?:[ \t]+(?P<num>{NUMBER}))?"
    r"(?:(?:[ \t]*:|(?<=\d)[.)]|[ \t]+[-–—])[ \t]*(?P<text>\S.*)|(?:[ \t]*:|(?<=\d)\.)?[ \t]*$)",
    re.IGNORECASE,
)
# "Outcomes:", "Expected results", "Résultats attendus", "Output": a heading over a list.
LIST_HEADING = re.compile(rf"{_LEAD}(?P<plural>s)?{_AFTER}[ \t]*:?[ \t]*$", re.IGNORECASE)
# "Outcome A:", "Output I.1 -", "Immediate Outcome 1110:": a heading with a number not read.
ODD_NUMBER = re.compile(
    rf"{_LEAD}{_AFTER}[ \t]+(?P<num>[a-z](?:\.\d{{1,2}})*|[ivx]{{1,4}}(?:\.\d{{1,2}})*|\d{{3,}}"
    r"|\d{1,2}(?:\.\d{1,2})*[a-z])(?:[ \t]*:|[.)]|[ \t]+[-–—])",
    re.IGNORECASE,
)
EDGE = " ,;:–—-\t\n"
"""What a result's text loses at either end."""


def is_results_heading(line: str) -> bool:
    """True for a line that heads results ("Output 1.1: ...", "Efecto 2", "Expected outcomes"),
    numbered or not: a list item written so needs no number of its own."""
    return bool(HEADING.match(line) or LIST_HEADING.match(line) or ODD_NUMBER.match(line))


def squeeze(text: str) -> str:
    """Whitespace runs made one space, ends stripped (what ``\\s+`` -> " " then strip gives)."""
    return " ".join(text.split())


def trim(text: str) -> str | None:
    """Squeezed text without edge punctuation and final full stops or ellipses; None when
    nothing is left."""
    return text.strip(EDGE).rstrip(".…").strip(EDGE) or None


def tidy(text: str) -> str | None:
    """``trim(squeeze(text))``: a result's text as the chain keeps it."""
    return trim(squeeze(text))
