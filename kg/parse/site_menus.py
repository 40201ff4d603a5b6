"""The site's menus over a news page ("Who we are", "Our Work", "Qui sommes-nous", "Noticias"):
where they end, whether they are an IOM site's, and the language their entries give away.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.parse.fields import has_bullet, is_separator, label_key
from kg.parse.lines import Line

# Menu entries of the IOM sites, with the language each one gives away (None: any language).
MENU_LANGUAGES: dict[str, str | None] = {}
for _language, _entries in (
    ("en", ("Who we are", "About", "About us", "About IOM", "IOM Global", "Our Work",
            "What We Do", "Where we work", "Partnerships", "Highlights", "Take Action",
            "Work with us", "Get involved", "Data and Research", "Data and Resources",
            "Cross-cutting (Global)", "News", "Media", "Media Centre", "Press Releases", "Stories",
            "Contact", "Contact us", "Home", "Careers", "Donate", "Search", "Menu",
            "Skip to main content", "Publications", "Resources", "Events", "Share")),
    ("fr", ("Qui sommes-nous", "À propos", "À propos de l'OIM", "OIM Mondial", "Notre action",
            "Notre travail", "Ce que nous faisons", "Où nous travaillons", "Partenariats",
            "Faits marquants", "Agir", "Passer à l'action", "Travailler avec nous",
            "S'impliquer", "Données et recherche", "Données et ressources",
            "Transversal (Mondial)", "Actualités", "Communiqués de presse", "Accueil",
            "Nous contacter", "Faire un don", "Recherche", "Partager", "Agenda 2030")),
    ("es", ("Quiénes somos", "Acerca de", "Acerca de la OIM", "OIM Global", "Nuestro trabajo",
            "Qué hacemos", "Dónde trabajamos", "Alianzas", "Destacados", "Actúe", "Tome acción",
            "Trabaje con nosotros", "Participe", "Involúcrese", "Datos e investigación",
            "Datos y recursos", "Transversal (Global)", "Noticias", "Comunicados de prensa",
            "Inicio", "Contacto", "Donar", "Buscar", "Compartir", "Agenda 2030")),
    (None, ("2030 Agenda", "English", "Français", "Español")),
):
    for _entry in _entries:
        MENU_LANGUAGES[label_key(_entry)] = (
            None if label_key(_entry) in MENU_LANGUAGES else _language)
# Entries any web site has; the others give an IOM site away.
_ANY_SITE_MENU = frozenset(label_key(entry) for entry in (
    "About", "About us", "Contact", "Contact us", "Home", "Careers", "Donate", "Search", "Menu",
    "Skip to main content", "Publications", "Resources", "Events", "Share", "News", "Media",
    "Stories", "Highlights", "Partnerships", "English", "Français", "Español", "Accueil",
    "Recherche", "Partager", "Inicio", "Contacto", "Buscar", "Compartir", "Donar", "Acerca de",
    "À propos", "Actualités", "Noticias"))
# A menu entry glued to the blurb under it: "WHO WE AREThe International Organization ...".
_GLUED_MENU = re.compile(
    "|".join(re.escape(entry) for entry in sorted(
        ("Who we are", "Our Work", "Qui sommes-nous", "Notre travail", "Notre action",
         "Quiénes somos", "Nuestro trabajo", "What We Do", "Ce que nous faisons", "Qué hacemos"),
        key=len, reverse=True)),
    re.IGNORECASE,
)
_SHORT_LINE = 40  # characters: a repeated menu line is shorter


def is_header_line(lines: list[Line], index: int) -> bool:
    """True for a line of the site's menus: a menu entry, or a short line the same as a line
    beside it."""
    text = lines[index].text
    if _is_menu_line(text):
        return True
    short = len(text) < _SHORT_LINE and text.count(" ") < 4
    neighbours = [lines[i].text for i in (index - 1, index + 1) if 0 <= i < len(lines)]
    return short and text in neighbours


@lru_cache(maxsize=4096)
def _is_menu_line(text: str) -> bool:
    """True for a separator, a bullet item or a menu entry (cached: menus recur across pages)."""
    if is_separator(text) or has_bullet(text) or label_key(text) in MENU_LANGUAGES:
        return True
    glued = _GLUED_MENU.match(text)
    return glued is not None and text[glued.end():glued.end() + 1].isupper()


def header_end(lines: list[Line]) -> int:
    """Index of the first line after the site's menus."""
    index = 0
    while index < len(lines) and is_header_line(lines, index):
        index += 1
    return index


def has_iom_menu(lines: list[Line], end: int) -> bool:
    """True when the menus before ``end`` hold an entry only IOM sites have ("Who we are")."""
    keys = (label_key(line.text) for line in lines[:end])
    return any(key in MENU_LANGUAGES and key not in _ANY_SITE_MENU for key in keys)
