"""Field labels of IOM Development Fund project pages (English, French, Spanish) and line shapes.

Maps every label a page may use to a canonical field name, and says which lines look like
labels, values, separators or prose, so that each layout reader shares one notion of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.parse.lines import Line
from kg.parse.values import (
    find_value_concept,
    folded_key,
    is_country_line,
    is_year_only,
    parse_budget,
    parse_year,
)
from kg.records import ParseIssue

# The order in which the site lists the fields; unlabeled pages rely on it. "duration", a
# span the start and end years are read from, is a labeled field only: a bare span is a start.
FIELD_ORDER: tuple[str, ...] = (
    "title", "start_year", "end_year", "status", "project_type", "budget", "coverage", "year",
    "idf_region", "prima_id", "projects_id", "member_states",
)

_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "title": {
        "en": ("Title", "Project Title", "Project Name"),
        "fr": ("Titre", "Titre du projet", "Intitulé du projet", "Nom du projet"),
        "es": ("Título", "Título del proyecto", "Nombre del proyecto"),
    },
    "start_year": {
        "en": ("Start Date", "Start Year", "Project Start", "Project Start Date", "Starting Date"),
        "fr": ("Date de début", "Année de début", "Date de démarrage", "Début du projet"),
        "es": ("Fecha de inicio", "Año de inicio", "Fecha de comienzo", "Inicio del proyecto"),
    },
    "end_year": {
        "en": ("End Date", "End Year", "Project End", "Project End Date", "Completion Date"),
        "fr": ("Date de fin", "Année de fin", "Date d'achèvement", "Fin du projet"),
        "es": ("Fecha de finalización", "Fecha de fin", "Fecha de término", "Fecha de conclusión",
               "Año de finalización", "Fin del proyecto"),
    },
    "duration": {
        "en": ("Duration", "Project Duration", "Implementation Period", "Project Period"),
        "fr": ("Durée", "Durée du projet", "Période de mise en œuvre", "Période de mise en oeuvre",
               "Période d'exécution"),
        "es": ("Duración", "Duración del proyecto", "Período de ejecución",
               "Período de implementación"),
    },
    "status": {
        "en": ("Project Status", "Status"),
        "fr": ("Statut du projet", "Statut", "État du projet"),
        "es": ("Estado del proyecto", "Estado", "Situación del proyecto"),
    },
    "project_type": {
        "en": ("Project Type", "Type of Project", "Type", "Project Category", "Thematic Area"),
        "fr": ("Type de projet", "Type du projet", "Type", "Catégorie de projet",
               "Domaine thématique"),
        "es": ("Tipo de proyecto", "Tipo", "Categoría del proyecto", "Área temática"),
    },
    "budget": {
        "en": ("Budget", "Budget Amount", "Total Budget", "Project Budget", "Budget Total"),
        "fr": ("Budget", "Montant du budget", "Budget total", "Montant total", "Budget du projet"),
        "es": ("Presupuesto", "Monto del presupuesto", "Importe del presupuesto",
               "Presupuesto total", "Presupuesto del proyecto"),
    },
    "coverage": {
        "en": ("Coverage", "Geographic Coverage", "Geographical Coverage"),
        "fr": ("Couverture", "Couverture géographique"),
        "es": ("Cobertura", "Cobertura geográfica"),
    },
    "year": {
        "en": ("Year", "Funding Year", "Year of Funding", "Approval Year"),
        "fr": ("Année", "Année de financement", "Année d'approbation"),
        "es": ("Año", "Año de financiación", "Año de financiamiento", "Año de aprobación"),
    },
    "idf_region": {
        "en": ("IDF Region", "Region", "IOM Development Fund Region"),
        "fr": ("Région FDI", "Région du FDI", "Région", "Région du Fonds"),
        "es": ("Región del FDI", "Región FDI", "Región", "Región del Fondo"),
    },
    "prima_id": {
        "en": ("Prima ID", "Prima Number", "Prima Code", "PRIMA Project ID"),
        "fr": ("ID Prima", "Identifiant Prima", "Numéro Prima", "Code Prima"),
        "es": ("ID Prima", "ID de Prima", "Identificador Prima", "Número Prima", "Código Prima"),
    },
    "projects_id": {
        "en": ("Projects ID", "Project ID", "Project Code", "Project Number"),
        "fr": ("Projet ID", "ID du projet", "ID projet", "Identifiant du projet", "Code du projet"),
        "es": ("Proyecto ID", "ID del proyecto", "ID de proyecto", "Código del proyecto",
               "Identificador del proyecto"),
    },
    "member_states": {
        "en": ("Benefiting Member States", "Benefiting Member State", "Member States",
               "Beneficiary Member States", "Benefiting Countries", "Beneficiary Countries"),
        "fr": ("Etat(s) membre(s) bénéficiaire(s)", "États membres bénéficiaires",
               "État membre bénéficiaire", "Pays bénéficiaires", "Pays bénéficiaire",
               "États membres"),
        "es": ("Estados miembros beneficiarios", "Estado(s) miembro(s) beneficiario(s)",
               "Estado miembro beneficiario", "Países beneficiarios", "País beneficiario",
               "Estados miembros"),
    },
}

_PLURAL_MARK = re.compile(r"\((?:s|es|x)\)")
_LABEL_CURRENCY = re.compile(
    r"\(\s*(?:in\s+|en\s+)?(?P<code>[A-Z]{3}|US\$|\$|€|£)\s*\)|\b(?:in|en)\s+(?P<word>[A-Z]{3})\b"
)
_CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP"}
_BULLET = re.compile(r"^(?:[•·▪◦‣►■➢]\s*|[*\-–—+]\s+)")
_BULLET_FIRST = frozenset("•·▪◦‣►■➢*-–—+")  # what a bullet starts with: other lines skip _BULLET
_SEPARATOR = re.compile(r"^[-–—_*•·=~|/\\.]+$")
_SEPARATOR_FIRST = frozenset("-–—_*•·=~|/\\.")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
# "Label: value", "Label:value" and "Label<tab>value" on one line; then "Label – value".
_INLINE = re.compile(r"^(?P<label>[^:\t]{2,60}?)(?:\s*:(?!//)|[ \t]*\t)\s*(?P<value>\S.*)$")
_INLINE_DASH = re.compile(r"^(?P<label>[^:\t]{2,60}?)[ \t]+[-–—][ \t]+(?P<value>\S.*)$")
# "Prima ID GE10P0377": what follows a label and a space must be a value of that field.
_GAP = re.compile(r"\s+")
_IDENTIFIER = re.compile(r"[A-Z0-9][\w.\-/]*\d[\w.\-/]*")
_YEAR_FIELDS = frozenset({"start_year", "end_year", "year", "duration"})
CONCEPT_SCHEMES = {"status": "status", "project_type": "project-type", "coverage": "coverage",
                   "idf_region": "idf-region"}
_HEADING_WORDS = frozenset({
    "background", "summary", "overview", "description", "context", "objective", "objectives",
    "introduction", "resume", "contexte", "objectif", "objectifs", "apercu", "descripcion",
    "resumen", "antecedentes", "contexto", "objetivo", "objetivos", "narrative", "results",
    "outcome", "outcomes", "output", "outputs", "result", "resultat", "resultats", "effet",
    "produit", "produits", "resultado", "resultados", "producto", "productos", "impact",
})

MAX_LABEL_WORDS = 6
MAX_VALUE_WORDS = 20
# Longer lines are narrative, except "Member States: ..." listing a region's 15 to 30 states.
MAX_LABEL_LINE = 200


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Etat(s) membre(s)" -> "etat membre"."""
    if "(" in text:
        text = _PLURAL_MARK.sub("", text)
    return folded_key(text)


def _build_label_index() -> dict[str, tuple[str, str | None]]:
    index: dict[str, tuple[str, str | None]] = {}
    for name, by_language in _LABELS.items():
        for language, labels in by_language.items():
            for label in labels:
                key = label_key(label)
                known = index.get(key)
                if known is None:
                    index[key] = (name, language)
                elif known[0] != name:
                    raise ValueError(f"label {label!r} names two fields")
                elif known[1] != language:
                    index[key] = (name, None)  # shared by languages: says nothing of the page's
    return index


_LABEL_INDEX = _build_label_index()
_LABEL_FIRST_WORDS = frozenset(key.split()[0] for key in _LABEL_INDEX)


@dataclass(frozen=True)
class LabelMatch:
    """A line recognised as a field label; ``value`` is set for "Label: value" on one line."""

    field: str
    language: str | None
    currency: str | None = None
    value: str | None = None


@dataclass
class RawField:
    """One field as the page wrote it: its label line (if any) and its value lines."""

    name: str
    label: Line | None
    values: list[Line]
    currency: str | None = None


@dataclass
class FieldBlock:
    """The fields of a project page with where they start and where the narrative begins."""

    start: int
    end: int
    fields: list[RawField] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)


def strip_bullet(text: str) -> str:
    """The line without a leading list bullet ("•", "*", "-")."""
    if not text or text[0] not in _BULLET_FIRST:
        return text
    return _BULLET.sub("", text, count=1)


def has_bullet(text: str) -> bool:
    """True when the line starts with a list bullet."""
    return bool(text) and text[0] in _BULLET_FIRST and _BULLET.match(text) is not None


def is_separator(text: str) -> bool:
    """True for lines that only separate blocks ("-", "---", "•")."""
    return bool(text) and text[0] in _SEPARATOR_FIRST and _SEPARATOR.match(text) is not None


def is_prose(text: str) -> bool:
    """True for a sentence of running text rather than a label or a value."""
    words = text.count(" ") + 1
    return words > 40 or (words > MAX_LABEL_WORDS and _SENTENCE_END.search(text) is not None)


def is_label_shaped(text: str) -> bool:
    """A short line with no final full stop: what a field label looks like."""
    return (len(text) <= 60 and text.count(" ") < MAX_LABEL_WORDS
            and _SENTENCE_END.search(text) is None and any(ch.isalpha() for ch in text))


def is_value_shaped(text: str) -> bool:
    """A line short enough, and not a sentence, to be a field's value."""
    return text.count(" ") < MAX_VALUE_WORDS and _is_short_value_shaped(text)


@lru_cache(maxsize=16384)
def _is_short_value_shaped(text: str) -> bool:
    """``is_value_shaped`` of a line short enough (cached: values recur across pages; long
    lines, never values, stay out of the cache)."""
    return not is_prose(text) and not is_separator(text)


def is_heading(text: str) -> bool:
    """True for a narrative heading such as "Background" or "Résumé du projet"."""
    return any(word in _HEADING_WORDS for word in label_key(text).split())


def _inline(text: str) -> re.Match[str] | None:
    """"Label: value", "Label:value", "Label<tab>value" or "Label – value" split in two.

    A dash splits only a line whose value is short, opens with no lower-case word and ends
    with no full stop ("Budget – USD 320,000", not "Budget – the key issue" or "Coverage –
    as the survey showed – was uneven."); lines without a colon, tab or spaced dash skip the
    regexes.
    """
    if ":" in text or "\t" in text:
        found = _INLINE.match(text)
        if found is not None:
            return found
    if " -" not in text and "–" not in text and "—" not in text:
        return None
    found = _INLINE_DASH.match(text)
    if found is None:
        return None
    value = found.group("value")
    if value[0].islower() or _SENTENCE_END.search(value) is not None:
        return None
    return found if is_value_shaped(value) else None


def _fits_field(name: str, value: str, currency: str | None, label: str) -> bool:
    """True when ``value`` reads as a value of field ``name``: a year (or span of years), a
    budget, a known concept, an identifier, countries, or (after a label of two words or more)
    a title."""
    if name in _YEAR_FIELDS:
        return parse_year(value) is not None
    if name == "budget":
        return not is_year_only(value) and parse_budget(value, currency) is not None
    if name in CONCEPT_SCHEMES:
        return find_value_concept(CONCEPT_SCHEMES[name], value) is not None
    if name in ("prima_id", "projects_id"):
        return _IDENTIFIER.fullmatch(value) is not None
    if name == "member_states":
        return is_country_line(value)
    return (" " in label.strip() and is_value_shaped(value)
            and _SENTENCE_END.search(value) is None)


def fits_field(name: str, value: str) -> bool:
    """True when ``value`` reads as a value of field ``name`` by its shape or value list (a
    year, a budget, a known concept, an identifier, countries); never for the title."""
    return _fits_field(name, value, None, "")


def _spaced_label(text: str) -> LabelMatch | None:
    """A line that opens with a known label and goes on, after a space, with a value that
    field can hold ("Budget Amount (USD) 420,000.00", "Prima ID GE10P0377"), or None.

    The longest known label is taken; prose that opens with a label word ("Budget
    constraints delayed ...", "Year 2020 brought ...") holds no such value and is left alone.
    """
    bare = strip_bullet(text)
    words = bare.split(None, 1)
    if len(words) < 2 or label_key(words[0]) not in _LABEL_FIRST_WORDS:
        return None
    gaps = [gap for gap in _GAP.finditer(bare, 0, 62) if gap.end() < len(bare)]
    for gap in reversed(gaps):
        label = bare[:gap.start()]
        if not (label[-1].isalnum() or label[-1] == ")"):
            continue
        name, currency = _label_currency(label)
        known = _LABEL_INDEX.get(label_key(name))
        if known is None:
            continue
        value = bare[gap.end():]
        if not _fits_field(known[0], value, currency, name):
            return None
        return LabelMatch(known[0], known[1], currency, value)
    return None


def _label_currency(label: str) -> tuple[str, str | None]:
    found = _LABEL_CURRENCY.search(label)
    if found is None:
        return label, None
    code = found.group("code") or found.group("word")
    return label[: found.start()] + label[found.end():], _CURRENCY_SIGNS.get(code, code)


@lru_cache(maxsize=16384)
def match_label(text: str) -> LabelMatch | None:
    """The known field label this line is ("Budget Amount (USD)", "• Prima ID:"), or None.

    A line "Label: value" (or "Label:value", "Label<tab>value", "Label – value", and "Label
    value" where the value fits the field) with a known label matches too, with ``value`` set; over
    MAX_LABEL_LINE characters, only the member states label does.
    """
    long_line = len(text) > MAX_LABEL_LINE
    bare = strip_bullet(text).rstrip(" :")
    if len(bare) <= 60:
        name, currency = _label_currency(bare)
        known = _LABEL_INDEX.get(label_key(name))
        if known is not None:
            return LabelMatch(known[0], known[1], currency)
    inline = _inline(strip_bullet(text))
    if inline is not None:
        name, currency = _label_currency(inline.group("label"))
        known = _LABEL_INDEX.get(label_key(name))
        if known is not None and (not long_line or known[0] == "member_states"):
            return LabelMatch(known[0], known[1], currency, inline.group("value").strip())
    return _spaced_label(text)


def split_inline(text: str) -> tuple[str, str] | None:
    """("Label", "value") for a line "Label: value" (or "Label<tab>value", "Label – value")
    whose label is short, else None."""
    inline = _inline(strip_bullet(text))
    if inline is None or not is_label_shaped(inline.group("label")):
        return None
    return inline.group("label").strip(), inline.group("value").strip()


def label_text(text: str) -> str:
    """A label as written, without bullet and final colon: the field name of an unknown label."""
    return strip_bullet(text).rstrip(" :").strip()
