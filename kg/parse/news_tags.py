"""The tag footer closing a news page ("Region / Asia and the Pacific / Country / Thailand"), and
which tag words no place's name holds.

A tag stands on its line ("Country") or holds its value ("Country: Thailand"); the country tags'
values name countries the article is about, up to the next tag or list of related stories
(``related_links``). Some tag words ("Topics", "Thèmes", "Country") are never part of a place's
name, so a dash setting one off opens no dateline (``datelines``); others are places too ("Tema",
a port city of Ghana; "Pays de la Loire"; "Estado de México"), and stay out of that list.
"""

from __future__ import annotations

from kg.parse.fields import label_key
from kg.parse.lines import Line
from kg.parse.page_footer import closing_block_start
from kg.parse.related_links import is_related_heading


def _keys(*words: str) -> frozenset[str]:
    return frozenset(label_key(word) for word in words)


# Tag words no place's name holds, in country tags and in the others.
_NOT_PLACE_COUNTRY_TAGS = _keys("Country", "Countries")
_NOT_PLACE_OTHER_TAGS = _keys(
    "Theme", "Themes", "Topic", "Topics", "Tag", "Tags", "Keywords", "Category", "Thème", "Thèmes",
    "Temas")
NOT_PLACE_TAG_WORDS = _NOT_PLACE_COUNTRY_TAGS | _NOT_PLACE_OTHER_TAGS
# Tags in a page's footer; the country ones name countries the article is about.
COUNTRY_TAGS = _NOT_PLACE_COUNTRY_TAGS | _keys(
    "Related country", "Related countries", "Pays", "País", "Países")
TAGS = COUNTRY_TAGS | _NOT_PLACE_OTHER_TAGS | _keys(
    "Region", "Regions", "Related region", "Related regions", "Type", "Content type", "Status",
    "Categories", "Région", "Régions", "Thématique", "Thématiques", "Sujets", "Mots-clés",
    "Statut", "Región", "Regiones", "Tema", "Etiquetas", "Tipo", "Categoría", "Estado")


def tag(text: str) -> tuple[str, str | None] | None:
    """(tag, value on the same line) of a footer tag line ("Country", "Country: Thailand")."""
    key = label_key(text)
    if key in TAGS:
        return key, None
    label, colon, value = text.partition(":")
    if colon and value.strip() and label_key(label) in TAGS:
        return label_key(label), value.strip()
    return None


def _is_tag(text: str) -> bool:
    return tag(text) is not None


def footer_start(lines: list[Line], start: int) -> int:
    """Index of the first line of the tag footer closing the page (``len(lines)`` if none):
    the page ends in tag lines and short values, the first a tag."""
    return closing_block_start(lines, start, _is_tag)


def footer_countries(lines: list[Line]) -> list[str]:
    """The values of a footer's country tags ("Thailand" under "Country"), up to the next tag
    or list of related stories."""
    values: list[str] = []
    current: str | None = None
    for line in lines:
        tagged = tag(line.text)
        if tagged is not None:
            current = tagged[0]
            if tagged[1] and current in COUNTRY_TAGS:
                values.append(tagged[1])
        elif current in COUNTRY_TAGS and is_related_heading(line.text):
            current = None
        elif current in COUNTRY_TAGS:
            values.append(line.text)
    return values
