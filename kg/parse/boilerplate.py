"""Site navigation before a page's title, and the title itself.

The title is the last line before the first field block (separators skipped). Navigation is
recognised by its shape (list bullets, menu entries repeated twice, blurbs that are sentences)
and, as a last check, by the menu entries the IOM sites use in English, French and Spanish.
"""

from __future__ import annotations

from kg.parse.fields import has_bullet, is_prose, is_separator, label_key
from kg.parse.lines import Line

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

_SHORT_ENTRY_WORDS = 4


def is_navigation(lines: list[Line], index: int) -> bool:
    """True when the line at ``index`` looks like a site menu entry or menu blurb."""
    text = lines[index].text
    if has_bullet(text) or is_prose(text):
        return True
    if label_key(text) in _MENU_ENTRIES:
        return True
    short = text.count(" ") < _SHORT_ENTRY_WORDS
    return short and index > 0 and lines[index - 1].text == text


def find_title(lines: list[Line], first_field: int) -> Line | None:
    """The page title: the last line before the first field, unless that line is navigation."""
    for index in range(first_field - 1, -1, -1):
        if is_separator(lines[index].text):
            continue
        return None if is_navigation(lines, index) else lines[index]
    return None
