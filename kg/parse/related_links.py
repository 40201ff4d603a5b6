"""Lists of links to other stories on a news page: "Related stories", "Voir aussi", "Noticias
relacionadas" and the like, closing the page, set in a sidebar or in the middle of the text.

A block opens with its heading ("Related news", "More news from IOM Pacific", "See also:"; or
one link after the heading's colon, "See also: Fiji Opens ...") and runs over the entries
under it: story titles (bulleted or not), dates, "Read more" links, short lines, and teasers.
It ends where that list ends, at the first prose that is no teaser: the article's text again.

The lines under the heading are read in units: a line with those it runs on into as
hard-wrapped prose: the next line follows it directly and opens in lower case, or the line ends
with a comma, a hyphen or a word such as "of", "the", "et", "del" (a wrap at a word), or it
leaves a quotation mark or a parenthesis open, or it is full: it fits the page's wrap width
(three characters over the longest line wrapped at a word) and the next line's first word
would not have fitted after it. A unit is prose when it ends a sentence in eight words or
more, or, not in Title Case, ends one in five or more or runs over several lines in eight.
Prose belongs to the block only as
- an introduction right under the heading, with entries after it;
- a teaser right under a title (and its date), with the list going on after it (a title, a
  date, "Read more"), or in a block whose entries carry teasers: a second title with no teaser
  between says they do not, and where the first teaser follows its title with no blank line,
  prose after a blank line is no teaser.
So a blank line then a paragraph, a wrapped paragraph right under the last title, or one
paragraph alone after a list of titles are the article's. The titles name other stories'
places, so a block is neither the article's text nor where its countries come from.

In HTML a list may have no heading, only a class or id ("related-stories", "see-also",
"field--name-field-related-content"): ``is_related_container`` tells ``html_text`` which
containers to leave out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.parse.casing import is_title_cased
from kg.parse.fields import has_bullet, label_key
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
# A line ending so goes on in the next; a line ending otherwise is wrapped mid-sentence when
# it ends with a comma, a hyphen or a word no title ends with.
_CLAUSE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_OPEN_END = re.compile(
    r"(?:[,(\-–—]|(?<![\w'’])(?i:the|a|an|of|and|or|to|in|on|at|by|for|with|from|as|that|which"
    r"|who|its|their|le|la|les|un|une|des|du|de|et|ou|à|au|aux|en|par|pour|sur|avec|dans|que"
    r"|qui|el|los|las|una|del|y|o|al|con|por|para))$")
# Prose ends a sentence; a line cut short with "…" is a listing's title or teaser.
_PROSE_END = re.compile(r"[.!?][\"'”’»)\]]*$")
_LINK_WORDS = frozenset(label_key(words) for words in (
    "Read more", "Read the story", "Learn more", "Continue reading", "More", "Lire la suite",
    "En savoir plus", "Lire plus", "Leer más", "Ver más", "Seguir leyendo", "Más"))
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DATE_WORDS = 6  # "Posted on Monday, 12 February 2024"
_SHORT_WORDS = 4
_WIDTH_SLACK = 3
# Containers whose class or id marks them as a list of links to other stories, with no
# heading needed: the words of the phrases, a noun "related" may take, and the words that may
# follow the phrase in a class name ("block-views-block-related-news-block-1").
_RELATED_TAGS = frozenset({"aside", "section", "div", "ul", "ol", "dl", "article"})
_RELATED_PHRASES = (("related",), ("see", "also"), ("read", "more"), ("more", "news"),
                    ("more", "stories"))
_RELATED_HINTS = ("related", "also", "more")
_RELATED_NOUNS = frozenset({"stories", "story", "news", "content", "contents", "articles",
                            "article", "posts", "links", "items", "reading"})
_STRUCTURE_WORDS = frozenset({"block", "list", "wrapper", "container", "region", "section",
                              "view", "views", "items", "item", "field", "cards", "grid",
                              "sidebar", "teasers"})
_NAME_WORDS = re.compile(r"[a-z]+|\d+")


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


def is_related_container(tag: str, attrs: dict[str, str | None]) -> bool:
    """True for a container (``<aside>``, ``<section>``, ``<div>``, a list, an ``<article>``
    card) whose class or id names a list of links to other stories (see
    ``_names_related_list``)."""
    if tag not in _RELATED_TAGS or not attrs:
        return False
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
    return any(word in names for word in _RELATED_HINTS) and any(
        _names_related_list(name) for name in names.split())


def _names_related_list(name: str) -> bool:
    """True for a class or id whose words hold "related" (perhaps with a noun: "related-news",
    "field--name-field-related-content"), "see-also", "read-more", "more-news" or
    "more-stories", followed by structural words or numbers alone ("block-related-news-block-1",
    "related_posts__list"); not "related-countries" (tags) nor "related-content-enabled"."""
    words = _NAME_WORDS.findall(name)
    for start in range(len(words)):
        for phrase in _RELATED_PHRASES:
            end = start + len(phrase)
            if tuple(words[start:end]) != phrase:
                continue
            if phrase == ("related",) and end < len(words) and words[end] in _RELATED_NOUNS:
                end += 1
            if all(word in _STRUCTURE_WORDS or word.isdigit() for word in words[end:]):
                return True
    return False


def _runs_on(lines: list[Line], index: int) -> bool:
    """True when the line at ``index`` is plainly hard-wrapped prose going on in the next
    line (see ``_wraps_at_word``), or leaves a quotation mark or parenthesis open there ("the
    project “Safe Seafaring")."""
    return _wraps_at_word(lines, index) or (
        _may_run_on(lines, index) and _leaves_open(lines[index].text))


def _wraps_at_word(lines: list[Line], index: int) -> bool:
    """True when the next line follows the line at ``index`` directly, opens with no bullet,
    and either opens in lower case or follows a line ending mid-sentence (a comma, a hyphen,
    "of", "the", "et", "del" ...): a line wrapped at about the text's width."""
    if not _may_run_on(lines, index):
        return False
    return (lines[index + 1].text[:1].islower()
            or _OPEN_END.search(lines[index].text) is not None)


def _leaves_open(text: str) -> bool:
    """True when the line opens a quotation or parenthesis it does not close."""
    return (text.count("“") > text.count("”") or text.count("«") > text.count("»")
            or text.count("(") > text.count(")") or text.count('"') % 2 == 1)


def _may_run_on(lines: list[Line], index: int) -> bool:
    """True when the next line follows the line at ``index`` directly, with no bullet, and the
    line ends no sentence or clause."""
    if index + 1 >= len(lines):
        return False
    upper, lower = lines[index], lines[index + 1]
    return (lower.number == upper.number + 1 and not _CLAUSE_END.search(upper.text)
            and not has_bullet(lower.text))


def _wrap_width(lines: list[Line]) -> int | None:
    """About the width the text is wrapped at: the longest line wrapped at a word (see
    ``_wraps_at_word``; an open quotation may end a short line), and a few characters more, as
    the longest wrapped line may fall short of the width; None when no line is (the text is not
    hard-wrapped)."""
    longest = max((len(lines[index].text) for index in range(len(lines) - 1)
                   if _wraps_at_word(lines, index)), default=None)
    return None if longest is None else longest + _WIDTH_SLACK


def _fills_line(lines: list[Line], index: int, width: int | None) -> bool:
    """True when the line at ``index`` may run on and is full: it fits ``width``, and the next
    line's first word would not have fitted after it (so "... the project “Safe Seafaring for
    Pacific Workers”" over "(2023-2025), funded by ..." is one paragraph, not a title). A line
    longer than the width was not wrapped at it."""
    if width is None or not _may_run_on(lines, index):
        return False
    length = len(lines[index].text)
    return length <= width < length + 1 + len(lines[index + 1].text.split(maxsplit=1)[0])


def _unit_end(lines: list[Line], index: int, width: int | None) -> int:
    """Index after the unit opening at ``index``: the line and those it runs on into."""
    while _runs_on(lines, index) or _fills_line(lines, index, width):
        index += 1
    return index + 1


def _unit_kind(lines: list[Line], start: int, stop: int) -> str:
    """"prose" (a teaser or the article's text), "detail" (a date, "Read more"), "short" (a
    few words, such as a subheading) or "title" (a bulleted line or any other line)."""
    if has_bullet(lines[start].text):
        return "title"
    text = " ".join(line.text for line in lines[start:stop])
    words = text.count(" ") + 1
    if label_key(text) in _LINK_WORDS or (words <= _DATE_WORDS and _YEAR.search(text)):
        return "detail"
    if words <= _SHORT_WORDS:
        return "short"
    sentence = _PROSE_END.search(text) is not None
    if sentence and words >= _SENTENCE_WORDS:
        return "prose"  # whatever its case: names may capitalise most of its words
    wrapped = stop - start > 1 and words >= _SENTENCE_WORDS
    return "prose" if (wrapped or sentence) and not is_title_cased(text) else "title"


@dataclass
class _Block:
    """What the block under a heading has shown so far, to tell its teasers from the article.

    ``teasers``: whether its entries carry teasers (None until known: a second title with no
    teaser between says no); ``after_title``: a title came since the last prose; ``attached``:
    whether the first teaser follows its title with no blank line between.
    """

    units: int = 0
    titles: int = 0
    teasers: bool | None = None
    after_title: bool = False
    attached: bool | None = None
    last_number: int = 0

    def add(self, kind: str, first: Line, last: Line) -> None:
        """Note a unit of the block, from its ``first`` line to its ``last``."""
        if kind == "title":
            self.titles += 1
            if self.titles == 2 and self.teasers is None:
                self.teasers = False
            self.after_title = True
        elif kind == "prose" and self.units:  # a teaser
            if self.attached is None:
                self.attached = first.number == self.last_number + 1
            self.teasers, self.after_title = True, False
        self.units += 1
        self.last_number = last.number

    def takes_prose(self, first: Line, next_kind: str | None) -> bool:
        """True for prose, opening at ``first``, that is part of the block: an introduction
        under the heading, or a teaser under a title; either with the list going on after it
        (a title, a date, a "Read more"), or a teaser of a block whose entries carry teasers."""
        goes_on = next_kind in ("title", "detail")
        if self.units == 0:
            return goes_on
        if not self.after_title or self.teasers is False:
            return False
        if self.attached and first.number > self.last_number + 1:
            return False  # a blank line, where the teasers so far follow their titles directly
        return bool(self.teasers) or goes_on


def _block_end(lines: list[Line], heading: int, width: int | None) -> int:
    """Index of the first line after the block under the heading at ``heading``: the first
    prose that is neither an introduction nor a teaser (see ``_Block``), or the end. Lines are
    read in units, a hard-wrapped paragraph (at ``width``) being one."""
    block = _Block()
    index = heading + 1
    while index < len(lines):
        stop = _unit_end(lines, index, width)
        kind = _unit_kind(lines, index, stop)
        if kind == "prose":
            next_kind = (_unit_kind(lines, stop, _unit_end(lines, stop, width))
                         if stop < len(lines) else None)
            if not block.takes_prose(lines[index], next_kind):
                return index
        block.add(kind, lines[index], lines[stop - 1])
        index = stop
    return index


def without_related_links(lines: list[Line]) -> list[Line]:
    """The lines without the blocks of links to other stories among them. A heading with no
    link under it (and none after its colon), or whose line runs on into the next as wrapped
    prose ("See also: the guide the centre wrote," over "which explains ..."), is left where
    it is."""
    kept: list[Line] = []
    index = 0
    width: int | None = None
    measured = False  # the wrap width is measured at the first heading only
    while index < len(lines):
        text = lines[index].text
        if (len(text) <= _HEADING_CHARACTERS or ":" in text[:_HEADING_CHARACTERS]) \
                and is_related_heading(text) and not _runs_on(lines, index):
            if not measured:
                width, measured = _wrap_width(lines), True
            end = _block_end(lines, index, width)
            if end > index + 1 or text.partition(":")[2].strip():
                index = end
                continue
        kept.append(lines[index])
        index += 1
    return kept
