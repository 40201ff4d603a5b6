"""Site navigation before a page's title, and the title itself.

The title is the last line before the first field block (separators skipped), passing over
what some pages put between the two: an unknown field set off by separators ("Donor" /
"Government of Italy"), or without separators when its label is one IOM pages give for what the
record does not hold ("Donor", "Implementing Partner"), and a note on the page's date ("Last
updated 14 March 2024"), which are reported; and a heading over the fields ("Project details").
A page that gives its text before its fields (a sidebar of fields after the body) has prose
right above them: then the title is the line above that text, and the text is the page's.
Navigation is recognised by its shape (list bullets, menu entries repeated twice, blurbs that
are sentences) and, as a last check, by the menu entries the IOM sites use in English, French
and Spanish.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kg.parse.fields import (
    has_bullet,
    is_heading,
    is_label_shaped,
    is_prose,
    is_separator,
    is_value_shaped,
    label_key,
    label_text,
)
from kg.parse.lines import Line
from kg.parse.quoting import quoted
from kg.parse.result_patterns import is_results_heading
from kg.records import ParseIssue

_MENU_ENTRIES = frozenset(label_key(entry) for entry in (
    # English
    "Who we are", "About", "About us", "About IOM", "Our Work", "What We Do", "Where we work",
    "Partnerships", "Highlights", "Take Action", "Work with us", "Get involved",
    "Data and Research", "Data and Resources", "2030 Agenda", "IOM Global", "News", "Media",
    "Media Centre", "Stories", "Contact", "Contact us", "Home", "Careers", "Jobs", "Donate",
    "Search", "Menu", "Main menu", "Skip to main content", "Projects", "Publications",
    "Resources", "Events", "Languages", "English", "Français", "Español", "Share",
    # French
    "Qui sommes-nous", "À propos", "À propos de l'OIM", "Notre action", "Notre travail",
    "Ce que nous faisons", "Où nous travaillons", "Partenariats", "Faits marquants", "Agir",
    "Travailler avec nous", "S'impliquer", "Impliquez-vous", "Données et recherche",
    "Agenda 2030", "Actualités", "Accueil", "Médias", "Nous contacter", "Projets",
    "Faire un don", "Recherche", "Partager",
    # Spanish
    "Quiénes somos", "Acerca de", "Acerca de la OIM", "Nuestro trabajo", "Qué hacemos",
    "Dónde trabajamos", "Alianzas", "Asociaciones", "Destacados", "Actúe", "Tome acción",
    "Trabaje con nosotros", "Participe", "Involúcrese", "Datos e investigación", "Noticias",
    "Inicio", "Medios", "Contacto", "Proyectos", "Donar", "Buscar", "Compartir",
))

# Labels of fields that IOM pages give and the record does not hold; between the title and the
# fields, such a label over its value is that field even without separators around it. Labels
# that are also menu entries ("Partners") are left out: there the line would be the title.
_OTHER_FIELD_LABELS = frozenset(label_key(label) for label in (
    "Donor", "Donors", "Funded by", "Funding",
    "Implementing Partner", "Implementing Partners", "Implementing Agency",
    "Implementing Organization", "Implementing Organisation",
    "Bailleur de fonds", "Bailleurs de fonds", "Donateur", "Donateurs", "Financé par",
    "Partenaire de mise en œuvre", "Partenaires de mise en œuvre",
    "Donante", "Donantes", "Financiado por",
    "Socio ejecutor", "Socios ejecutores", "Socio implementador", "Socios implementadores",
))

# Headings a site puts over the fields, when they come after the page's text (in a sidebar).
_FIELD_HEADINGS = frozenset(label_key(heading) for heading in (
    "Project details", "Project information", "Project info", "Project facts", "Project data",
    "Key facts", "Fact sheet", "At a glance", "Details",
    "Détails du projet", "Informations sur le projet", "Fiche du projet", "Fiche projet",
    "Données du projet", "En bref",
    "Detalles del proyecto", "Información del proyecto", "Ficha del proyecto",
    "Datos del proyecto", "Ficha técnica",
))

_SHORT_ENTRY_WORDS = 4
_HEADING_WORDS = 3  # a narrative heading between paragraphs ("Background") is this short
# "1. ...", "(a) ...", "iv) ...": an item of a list in a page's text.
_LIST_ITEM = re.compile(r"^\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{2,4})[.):]?\s", re.IGNORECASE)
# "Last updated 14 March 2024", "Mis à jour le 3 mars 2024", "Actualizado el 3 de marzo de 2024"
_DATE_NOTE = re.compile(
    r"^(?:last\s+)?(?:updated|modified|published|posted)\b|^(?:derni[eè]re\s+)?mis[e]?\s+[àa]"
    r"\s+jour\b|^(?:[uú]ltima\s+)?actualiza(?:do|ci[oó]n)\b", re.IGNORECASE)


def is_navigation(lines: list[Line], index: int) -> bool:
    """True when the line at ``index`` looks like a site menu entry or menu blurb."""
    text = lines[index].text
    if has_bullet(text) or is_prose(text):
        return True
    if label_key(text) in _MENU_ENTRIES:
        return True
    short = text.count(" ") < _SHORT_ENTRY_WORDS
    return short and index > 0 and lines[index - 1].text == text


class PageHead(NamedTuple):
    """What a project page gives above its fields: its title (None when none is read), the
    warnings about what was passed over, and its text when it comes before the fields."""

    title: Line | None
    issues: list[ParseIssue]
    text: list[Line]


def read_title(lines: list[Line], first_field: int) -> PageHead:
    """The page title and a warning for each thing passed over between it and the first field:
    an unknown field set off by separators, and a note on the page's date; and one saying why
    there is no title, when none is read (the line above the fields reads as navigation).

    Prose right above the fields (a heading over them aside) is the page's text when a title
    sits above it: "Title" / paragraphs / "Project details" / fields gives that title and text.
    """
    issues: list[ParseIssue] = []
    index = nearest_text(lines, first_field)
    if index is not None and label_key(lines[index].text) in _FIELD_HEADINGS:
        index = nearest_text(lines, index)
    if index is not None and is_prose(lines[index].text):
        text_above = _text_above(lines, index)
        if text_above is not None:
            return PageHead(lines[text_above[0]], issues, text_above[1])
    while index is not None:
        text = lines[index].text
        above = nearest_text(lines, index)
        if above is not None and _DATE_NOTE.match(text):
            issues.append(ParseIssue("page", f"a note between the title and the fields, not "
                                     f"read: {quoted(text)}", lines[index].number, "warning"))
            index = above
            continue
        field_above = nearest_text(lines, above) if above is not None else None
        if (above is not None and field_above is not None
                and (_is_framed_field(lines, above, index) or _is_other_field(lines, above, index))
                and not is_navigation(lines, field_above)):
            label = label_text(lines[above].text)
            issues.append(ParseIssue(
                label, f"unknown field label {quoted(label)} with value {quoted(text)}",
                lines[above].number, "warning"))
            index = field_above
            continue
        if is_navigation(lines, index):
            issues.append(ParseIssue("title", f"no title read: the line above the fields, "
                                     f"{quoted(text)}, reads as the site's navigation",
                                     lines[index].number, "warning"))
            return PageHead(None, issues, [])
        return PageHead(lines[index], issues, [])
    issues.append(ParseIssue("title", "no title read: no line above the fields", None,
                             "warning"))
    return PageHead(None, issues, [])


def _text_above(lines: list[Line], last: int) -> tuple[int, list[Line]] | None:
    """(index of the title, the text's lines) for a page whose text ends with the prose line
    at ``last``, just above its fields: the text runs up over prose, short headings, results
    headings and list items to the title, a line that is not navigation; else None."""
    top = last
    while (above := nearest_text(lines, top)) is not None and _is_text_line(lines[above].text):
        top = above
    title = nearest_text(lines, top)
    if title is None or is_navigation(lines, title):
        return None
    return title, [line for line in lines[top:last + 1] if not is_separator(line.text)]


def _is_text_line(text: str) -> bool:
    """True for a line of a page's text rather than its title: a sentence, a short heading
    ("Background"), a results heading ("Outcome 1: ...", "Expected outputs") or a list item."""
    return (is_prose(text) or is_results_heading(text) or _LIST_ITEM.match(text) is not None
            or (text.count(" ") < _HEADING_WORDS and is_heading(text)))


def nearest_text(lines: list[Line], index: int, step: int = -1) -> int | None:
    """The index of the nearest line from ``index`` in direction ``step`` (-1: before it, 1:
    after it) that is not a separator, or None."""
    index += step
    while 0 <= index < len(lines):
        if not is_separator(lines[index].text):
            return index
        index += step
    return None


def _is_framed_field(lines: list[Line], label: int, value: int) -> bool:
    """True for a label line right over its value, with a separator just above the label:
    "-" / "Donor" / "Government of Italy", as the site sets off each field."""
    return (value == label + 1 and label > 0 and is_separator(lines[label - 1].text)
            and is_label_shaped(lines[label].text) and is_value_shaped(lines[value].text)
            and not is_navigation(lines, label))


def _is_other_field(lines: list[Line], label: int, value: int) -> bool:
    """True for a label of a field the record does not hold right over its value: "Donor" /
    "Government of Germany", "Funded by" / "European Union"."""
    return (value == label + 1 and label_key(label_text(lines[label].text)) in _OTHER_FIELD_LABELS
            and is_value_shaped(lines[value].text))
