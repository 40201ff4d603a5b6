"""Organisation names closed by the acronym the text gives them, for names a run of capitalised
words does not hold whole: French and Spanish names keep their words in lower case ("Cellule
nationale de lutte contre la traite des personnes (CNLTP)"), and the acronym marks their end.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kg.parse.organisation_runs import is_acronym

_LOWER_CASE_HEADS = (
    r"(?:Ministère|Direction|Cellule|Comité|Agence|Institut|Conseil|Haut-Commissariat|"
    r"Observatoire|Réseau|Unité|Ministerio|Dirección|Comisión|Consejo|Instituto|Secretaría|Mesa|"
    r"Unidad|Oficina|Procuraduría|Fiscalía|Defensoría|Policía|Servicio|Agencia|Observatorio|"
    r"Centro|Académie|Academia)\b"
)
_NAMED_BY_ACRONYM = re.compile(
    rf"(?:(?<=\b[dlDL]['’])|(?<![\w'’]))(?P<name>{_LOWER_CASE_HEADS}[^().,;:!?\n“”\"«»]{{3,120}}?)"
    r"[ \t]*\((?P<acr>[A-Z][A-Za-z0-9&\-]*[A-Z0-9])\)"
)
_HEAD_INSIDE = re.compile(rf"(?<=[\s'’]){_LOWER_CASE_HEADS}")
# Cheap first look: _NAMED_BY_ACRONYM only runs over texts that have an acronym in parentheses.
_ACRONYM_IN_PARENTHESES = re.compile(r"\([A-Z][A-Za-z0-9&\-]*[A-Z0-9]\)")


class NamedByAcronym(NamedTuple):
    """A name as written (each run of spaces one space), its acronym, and where both stand."""

    name: str
    acronym: str
    start: int
    end: int  # after the acronym's closing parenthesis


def names_closed_by_acronyms(text: str) -> list[NamedByAcronym]:
    """Names headed by a French or Spanish organisation noun ("Ministère", "Consejo") and closed
    by an acronym in parentheses, in text order. When the acronym's first letter is not the
    name's, the name starts at the last head inside it that has that letter ("Ministère de X et
    la Cellule de Y (CY)" names "Cellule de Y")."""
    names: list[NamedByAcronym] = []
    if _ACRONYM_IN_PARENTHESES.search(text) is None:
        return names
    for found in _NAMED_BY_ACRONYM.finditer(text):
        start, acronym = found.start(), found.group("acr")
        if text[start] != acronym[0]:
            heads = _HEAD_INSIDE.finditer(text, start, found.start("acr"))
            inner = [m.start() for m in heads if text[m.start()] == acronym[0]]
            if not inner:
                continue
            start = inner[-1]
        if is_acronym(acronym):
            name = " ".join(text[start:found.end("name")].split())
            names.append(NamedByAcronym(name, acronym, start, found.end()))
    return names
