"""The block of lines that closes a page, found from its end up: a site's footer, a news page's
tags.

The page ends in the block's lines, marked ones (a tag: "Country", "Region: Asia"; a line of the
site's footer: "Share this page", "Facebook Twitter LinkedIn", "Privacy policy | Terms of use",
"© 2024 International Organization for Migration") and short lines that end no sentence (a
tag's value, a line of the site's address), the block's first line a marked one; a long line or
one that ends a sentence above them is the text's, so a sentence that names Facebook stays in
it. A site's footer closes a text page as ``<footer>`` does an HTML one, whose content the HTML
reader drops (``html_text``): it is no part of the page's text (``site_footer_start``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.parse.fields import label_key
from kg.parse.lines import Line

SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SHORT_LINE = 80  # characters: an unmarked line of the block (a tag's value) is no longer
# Unmarked lines in a row a site's footer holds at most (an address); more, and they are the
# page's own (a field block's values, with a menu's "Share" above them).
_FOOTER_GAP = 3

# Lines of a site's footer, as ``label_key`` writes them (lower case, no accents or punctuation).
_FOOTER_LINES = frozenset(label_key(text) for text in (
    "Share", "Share this", "Share this page", "Share this article", "Share this story",
    "Share on", "Follow us", "Follow IOM", "Follow us on", "Back to top",
    "Partager", "Partager cette page", "Partager cet article", "Partager sur", "Suivez-nous",
    "Suivez l'OIM", "Retour en haut", "Haut de page",
    "Compartir", "Compartir esta página", "Compartir este artículo", "Compartir en", "Síguenos",
    "Siga a la OIM", "Volver arriba", "Ir arriba",
))
# Links a footer lists, alone on a line or several separated by "|", "·", "•" or "/".
_FOOTER_LINKS = frozenset(label_key(text) for text in (
    "Terms of use", "Terms and conditions", "Privacy policy", "Privacy notice", "Privacy",
    "Cookie policy", "Cookies", "Cookie settings", "Disclaimer", "Accessibility", "Sitemap",
    "Site map", "Contact", "Contact us", "Fraud alert", "Fraud warning", "Copyright",
    "Mentions légales", "Conditions d'utilisation", "Politique de confidentialité",
    "Avis de confidentialité", "Confidentialité", "Accessibilité", "Plan du site",
    "Nous contacter", "Contactez-nous", "Avertissement", "Alerte à la fraude",
    "Aviso legal", "Términos de uso", "Condiciones de uso", "Términos y condiciones",
    "Política de privacidad", "Aviso de privacidad", "Privacidad", "Accesibilidad",
    "Mapa del sitio", "Contacto", "Contáctenos", "Alerta de fraude",
    "EN", "FR", "ES", "English", "Français", "Español",
))
# Links that are a footer's only among others ("Contact | Privacy policy", "EN | FR | ES"):
# alone, "Contact" may head a project's own contact.
_LINKS_AMONG_OTHERS = frozenset(label_key(text) for text in (
    "Contact", "Contacto", "EN", "FR", "ES", "English", "Français", "Español"))
_LINK_SEPARATORS = re.compile(r"\s*[|·•/]\s*")
# Buttons to share a page: social networks, with the words beside them ("E-mail", "Copy link",
# "Correo electrónico"); a line of them names one network at least.
_NETWORKS = frozenset({"facebook", "twitter", "x", "linkedin", "instagram", "youtube", "flickr",
                       "whatsapp", "telegram", "tiktok"})
_SHARE_WORDS = _NETWORKS | frozenset({
    "email", "e", "mail", "courriel", "correo", "electronico", "print", "imprimer", "imprimir",
    "copy", "link", "copier", "le", "lien", "copiar", "enlace"})
# "Copyright IOM", "(c) 2024 IOM" (not "(c) Officers trained", an item of a lettered list)
_COPYRIGHT_OPENING = re.compile(r"copyright\b|\(c\)\s*\d{4}", re.IGNORECASE)
_RIGHTS_RESERVED = ("all rights reserved", "tous droits réservés", "todos los derechos reservados")


def closing_block_start(lines: list[Line], start: int, is_mark: Callable[[str], bool],
                        max_gap: int | None = None) -> int:
    """Index of the first line of the block closing the page after line ``start``: from the
    end up, lines ``is_mark`` accepts and short lines ending no sentence (at most ``max_gap`` in
    a row, if given), the first a marked one (``len(lines)`` if none)."""
    first = len(lines)
    gap = 0
    index = len(lines) - 1
    while index > start:
        text = lines[index].text
        if is_mark(text):
            first, gap = index, 0
        elif len(text) > _SHORT_LINE or SENTENCE_END.search(text):
            break
        elif max_gap is not None:
            gap += 1
            if gap > max_gap:
                break
        index -= 1
    return first


def is_site_footer_line(text: str) -> bool:
    """True for a line of a site's footer, in English, French or Spanish: a share or follow
    line ("Share this page", "Partager cette page"), social networks ("Facebook Twitter
    LinkedIn Email"), footer links ("Privacy policy | Terms of use", "Mentions légales",
    "Contacto") or a copyright line ("© 2024 International Organization for Migration")."""
    if "©" in text or _COPYRIGHT_OPENING.match(text) is not None or text.rstrip(
            " .").lower().endswith(_RIGHTS_RESERVED):
        return True
    if len(text) > _SHORT_LINE:  # the last line of most pages: a sentence, looked at no further
        return False
    key = label_key(text)
    if key in _FOOTER_LINES or (key in _FOOTER_LINKS and key not in _LINKS_AMONG_OTHERS):
        return True
    words = key.split()
    if all(word in _SHARE_WORDS for word in words) and any(word in _NETWORKS for word in words):
        return True
    if "|" not in text and "·" not in text and "•" not in text and "/" not in text:
        return False
    parts = _LINK_SEPARATORS.split(text)
    return len(parts) > 1 and all(label_key(part) in _FOOTER_LINKS for part in parts if part)


def site_footer_start(lines: list[Line], start: int = 0) -> int:
    """Index of the first line of the site's footer closing the page below line ``start`` (its
    last field label), ``len(lines)`` if none."""
    return closing_block_start(lines, start, is_site_footer_line, _FOOTER_GAP)
