"""Lists of links to other stories on a news page: "Related stories", "Voir aussi", "Noticias
relacionadas" and the like, closing the page or set in a sidebar (an HTML ``<aside>``).

A block opens with its heading ("Related news", "More news from IOM Pacific", "See also:"; or
one link after the heading's colon, "See also: Fiji Opens ...") and runs over the story titles,
dates, bullets, "Read more" links and one-sentence teasers under it. Two full sentences in a
row are the article's text again, and end the block. The titles name other stories' places,
so a block is neither the article's text nor where its countries come from.
"""

from __future__ import annotations

import re

from kg.parse.fields import label_key
from kg.parse.lines import Line

_HEADINGS = (
    # English
    "Related", "Related stories", "Related story", "Related news", "Related articles",
    "Related content", "Related links", "Related posts", "See also", "More news", "More stories",
    "Read more", "Read also", "Also read", "Latest news", "Other news", "You may also like",
    "You might also like",
    # French
    "Articles liés", "Articles connexes", "Actualités liées", "Contenu lié", "Contenus liés",
    "Histoires liées", "Récits liés", "Voir aussi", "Voir également", "À lire aussi",
    "Lire aussi", "À lire également", "Lire la suite", "Plus d'actualités", "Autres actualités",
    "Dernières actualités", "Sur le même sujet",
    # Spanish
    "Noticias relacionadas", "Historias relacionadas", "Artículos relacionados",
    "Contenido relacionado", "Enlaces relacionados", "Ver también", "Véase también",
    "Lea también", "Lee también", "Leer más", "Más noticias", "Otras noticias",
    "Últimas noticias",
)
# A heading alone, or followed by where the stories come from ("More news from IOM Pacific").
_HEADING_KEY = re.compile(
    "^(?:" + "|".join(sorted((re.escape(label_key(heading)) for heading in _HEADINGS),
                             key=len, reverse=True))
    + r")(?: (?:from|on|in|de|du|des|d|sur|en|del|sobre) [a-z0-9 ]{1,40})?$")
_HEADING_CHARACTERS = 60
_SENTENCE_END = re.compile(r"[.…][\"'”’»)\]]*$")
_SENTENCE_WORDS = 8


def _is_sentence(text: str) -> bool:
    """A full sentence of prose (a teaser or the article's text), not a story title or date."""
    return text.count(" ") + 1 >= _SENTENCE_WORDS and _SENTENCE_END.search(text) is not None


def is_related_heading(text: str) -> bool:
    """True for the heading of a list of links to other stories ("Related stories", "Voir
    aussi :"), also with one link after its colon ("See also: Fiji Opens ...")."""
    head, colon, rest = text.partition(":")
    if len(head) > _HEADING_CHARACTERS or (colon and _is_sentence(rest.strip())):
        return False
    return _HEADING_KEY.match(label_key(head)) is not None


def _block_end(lines: list[Line], heading: int) -> int:
    """Index of the first line after the block under the heading at ``heading``: the first of
    two sentences in a row, or the end of ``lines``."""
    index = heading + 1
    while index < len(lines):
        if (_is_sentence(lines[index].text) and index + 1 < len(lines)
                and _is_sentence(lines[index + 1].text)):
            break
        index += 1
    return index


def without_related_links(lines: list[Line]) -> list[Line]:
    """The lines without the blocks of links to other stories among them. A heading with no
    link under it (and none after its colon) is left where it is."""
    kept: list[Line] = []
    index = 0
    while index < len(lines):
        text = lines[index].text
        if (len(text) <= _HEADING_CHARACTERS or ":" in text[:_HEADING_CHARACTERS]) \
                and is_related_heading(text):
            end = _block_end(lines, index)
            if end > index + 1 or text.partition(":")[2].strip():
                index = end
                continue
        kept.append(lines[index])
        index += 1
    return kept
