"""Where the parts of a news page are: site menus, headline, date, first paragraph, tag footer.

A country-office article is the site's menus (in English, French or Spanish, or none), the
headline, perhaps a category line ("News - Local"), a standfirst or a date line ("Posted on
11 November 2022", or a place line over a date line), then the body, opened by a dateline
("Ha Noi, November 29, 2021 – ...") or, under a date line, by its place alone ("Suva – ...")
or a dateline of its own ("San Salvador, 3 de marzo de 2022. ..."). With no date anywhere, the
first paragraph under the headline may still open with its place ("Accra – ...").
A footer of tags ("Region / Asia and the Pacific / Country / Thailand", ``news_tags``) may close
the page; the site's menus are found by ``site_menus``. Lists of links to other stories
("Related stories", ``related_links``) are no part of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg.parse.casing import is_sentence_cased, is_title_cased
from kg.parse.datelines import (
    Dateline,
    is_place_line,
    match_dateline,
    match_place_opening,
    match_undated_place_opening,
)
from kg.parse.fields import has_bullet, label_key
from kg.parse.lines import Line
from kg.parse.news_tags import footer_start
from kg.parse.page_footer import SENTENCE_END
from kg.parse.related_links import without_related_links
from kg.parse.site_menus import has_iom_menu, header_end, is_header_line

_DIGIT = re.compile(r"\d")
# What a category line under the headline opens with: "News - Local", "Press Release | Global".
_CATEGORIES = frozenset(label_key(entry) for entry in (
    "News", "Latest news", "Press release", "Press releases", "Press briefing note", "Story",
    "Stories", "Feature", "Features", "Blog", "Update", "Updates", "Article", "Statement",
    "Media centre", "Media advisory", "Actualité", "Actualités", "Nouvelles",
    "Communiqué de presse", "Communiqués de presse", "Récit", "Récits", "Déclaration", "Noticia",
    "Noticias", "Comunicado de prensa", "Comunicados de prensa", "Historia", "Historias",
    "Declaración"))
_CATEGORY_PARTS = re.compile(r"\s+[-–—|/·>»]\s+|\s*[|·>»]\s*")
_CATEGORY_CHARACTERS = 60
_HEADLINE_END = re.compile(r"[.…:;][\"'”’»)\]]*$")
_SHORT_LINE = 40
_MAX_TITLE_CHARACTERS = 250
_DATELINE_SEARCH_LINES = 40
_PROSE_WORDS = 8


@dataclass
class ArticleLayout:
    """Line indexes of a news page's parts; the body is ``standfirst``, then ``opening`` (the
    first paragraph's text after its dateline or place), then ``lines[body_start:footer]``."""

    header_end: int
    footer: int
    title: int | None = None
    dateline: Dateline | None = None
    date_line: int | None = None
    place: str | None = None
    opening: Line | None = None
    dateline_opens_text: bool = False
    body_start: int = 0
    standfirst: list[Line] = field(default_factory=list)
    other_title: Line | None = None  # a second line that could be the headline


def _is_category(text: str) -> bool:
    return len(text) <= _CATEGORY_CHARACTERS and label_key(
        _CATEGORY_PARTS.split(text, maxsplit=1)[0]) in _CATEGORIES


def _is_field_value(lines: list[Line], index: int) -> bool:
    """True when the line is the value of the label line above it ("Closing date:")."""
    return index > 0 and lines[index - 1].text.endswith(":") and len(lines[index - 1].text) < 60


def _find_dateline(lines: list[Line], start: int, stop: int) -> tuple[int, Dateline, int] | None:
    """(index of the dateline's line, the dateline, how many lines it spans)."""
    for index in range(start, min(stop, start + _DATELINE_SEARCH_LINES)):
        text = lines[index].text
        dateline = match_dateline(text)
        if dateline is not None and not _is_field_value(lines, index):
            return index, dateline, 1
        if text.endswith(",") and index + 1 < stop:  # "Ha Noi," / "29 November 2021 – ..."
            dateline = match_dateline(f"{text} {lines[index + 1].text}")
            if dateline is not None and dateline.end > len(text):
                return index, dateline, 2
    return None


def looks_like_title(text: str) -> bool:
    """True when the line could be a headline: not over long, not a long sentence."""
    return len(text) <= _MAX_TITLE_CHARACTERS and not (
        text.endswith(".") and text.count(" ") >= 12)


def _choose_title(lines: list[Line], candidates: list[int], layout: ArticleLayout) -> None:
    """The headline among the lines above the article: the nearest, unless it is a standfirst
    under a headline; when either could be the headline, the other is kept for a warning."""
    if not candidates:
        return
    layout.title = candidates[-1]
    if len(candidates) < 2:
        return
    upper, lower = lines[candidates[-2]].text, lines[candidates[-1]].text
    if (not looks_like_title(upper) or _HEADLINE_END.search(upper) or upper.count(" ") < 2
            or is_title_cased(lower)):
        return
    if lower.endswith(".") or (is_title_cased(upper) and is_sentence_cased(lower)):
        layout.title = candidates[-2]
        layout.standfirst = [lines[candidates[-1]]]
    elif is_sentence_cased(lower):
        layout.other_title = lines[candidates[-2]]


def _title_candidates(lines: list[Line], start: int, end: int) -> list[int]:
    return [index for index in range(start, end)
            if not is_header_line(lines, index) and not _is_category(lines[index].text)]


def _is_prose(text: str) -> bool:
    return len(text.split()) >= _PROSE_WORDS


def _is_headline_above_text(lines: list[Line], index: int, end: int) -> bool:
    """True when the line reads as a headline with the article's text under it."""
    if index + 1 >= end:
        return False
    text, below = lines[index].text, lines[index + 1].text
    return (looks_like_title(text) and not SENTENCE_END.search(text)
            and not below[:1].islower())


def _is_place_under_headline(lines: list[Line], index: int, above: list[int]) -> bool:
    """True when the line is a place name alone ("Almaty") under a longer headline."""
    text = lines[index].text
    return (bool(above) and is_place_line(text) and text.count(" ") < 3
            and lines[above[-1]].text.count(" ") >= 3)


def _read_date_line(lines: list[Line], layout: ArticleLayout, index: int, after: int) -> None:
    """Title, place and opening around a date line standing alone ("Posted on 11 November
    2022"): a place line may sit above it, the headline below it, the place (alone or in a
    dateline) open the text; the date is the date line's."""
    end = index
    if layout.place is None and index - 1 > layout.header_end and _is_place_under_headline(
            lines, index - 1, _title_candidates(lines, layout.header_end, index - 1)):
        layout.place, end = lines[index - 1].text, index - 1
    candidates = _title_candidates(lines, layout.header_end, end)
    if not candidates and _is_headline_above_text(lines, after, layout.footer):
        layout.title, after = after, after + 1
    else:
        _choose_title(lines, candidates, layout)
    opened = match_place_opening(lines[after].text) if after < layout.footer else None
    if opened is not None and layout.place is None:
        layout.place = opened[0]
        layout.opening = Line(lines[after].number, lines[after].text[opened[1]:])
        after += 1
    layout.body_start = after


def _with_undated_place(lines: list[Line], layout: ArticleLayout) -> ArticleLayout:
    """The layout of a page with no dateline whose first paragraph under the headline opens
    with its place and a dash ("Accra – The Ghana Immigration Service ..."), when prose follows:
    the place read, the text after the dash the opening; any other page's layout as it is."""
    index = layout.body_start
    opened = match_undated_place_opening(lines[index].text) if index < layout.footer else None
    if opened is None:
        return layout
    undated = replace(layout, place=opened[0], body_start=index + 1,
                      opening=Line(lines[index].number, lines[index].text[opened[1]:]))
    return undated if _is_prose(_first_paragraph(lines, undated)) else layout


def locate_article(lines: list[Line], stop: int | None = None) -> ArticleLayout:
    """The parts of a news page; a dateline is looked for above line ``stop`` only."""
    start = header_end(lines)
    footer = footer_start(lines, start + 1)
    layout = ArticleLayout(start, footer, body_start=start)
    located = _find_dateline(lines, start, min(footer, len(lines) if stop is None else stop))
    if located is None:
        first = next(iter(_title_candidates(lines, start, min(start + 3, len(lines)))), start)
        if first < len(lines) and looks_like_title(lines[first].text):
            layout.title, layout.body_start = first, first + 1
            return _with_undated_place(lines, layout)
        return layout
    index, dateline, spans = located
    layout.dateline, layout.date_line, layout.place = dateline, index, dateline.place
    opening = " ".join(line.text for line in lines[index:index + spans])[dateline.end:]
    if not opening.strip():
        _read_date_line(lines, layout, index, index + spans)
        return layout
    _choose_title(lines, _title_candidates(lines, start, index), layout)
    layout.dateline_opens_text = True
    # Numbered as its line, so that hard-wrapped text runs on into it.
    layout.opening = Line(lines[index + spans - 1].number, opening)
    layout.body_start = index + spans
    return layout


def body_lines(lines: list[Line], layout: ArticleLayout) -> list[Line]:
    """The article's lines after its dateline or place, up to the tag footer, without the
    lists of links to other stories."""
    rest = without_related_links(lines[layout.body_start:layout.footer])
    return [layout.opening, *rest] if layout.opening and layout.opening.text.strip() else rest


def paragraphs(lines: list[Line], *, opened: bool = False) -> list[str]:
    """The lines joined into paragraphs: a line that ends no sentence runs on into the next
    line when that line follows it directly in the file (hard-wrapped text). ``opened``: the
    first line is the rest of a longer one (the text after a dateline), so it runs on as a
    full line does even when the rest is short."""
    joined: list[list[str]] = []
    previous: Line | None = None
    for line in lines:
        runs_on = (
            previous is not None and line.number == previous.number + 1
            and not SENTENCE_END.search(previous.text) and not has_bullet(line.text)
            and (len(previous.text) >= _SHORT_LINE or line.text[:1].islower()
                 or (opened and previous is lines[0]))
        )
        if runs_on:
            joined[-1].append(line.text)
        else:
            joined.append([line.text])
        previous = line
    return [_joined_lines(parts) for parts in joined]


_WRAPPED_AT_HYPHEN = re.compile(r"\w-$")


def _joined_lines(parts: list[str]) -> str:
    """A paragraph's lines joined by spaces; a line wrapped after a word's hyphen
    ("counter-" over "trafficking") runs on with no space, the hyphen kept."""
    text = parts[0]
    for part in parts[1:]:
        text += part if _WRAPPED_AT_HYPHEN.search(text) else " " + part
    return text


def body_paragraphs(lines: list[Line], layout: ArticleLayout, limit: int | None = None
                    ) -> list[str]:
    """The paragraphs of the article's body (of its first ``limit`` lines)."""
    body = body_lines(lines, layout)[:limit]
    opened = bool(body) and layout.opening is not None and body[0] is layout.opening
    return paragraphs(body, opened=opened)


def _first_paragraph(lines: list[Line], layout: ArticleLayout) -> str:
    found = body_paragraphs(lines, layout, 8)
    return found[0] if found else ""


def opens_with_dateline(lines: list[Line], stop: int) -> bool:
    """True when a paragraph of prose above line ``stop`` (the first field label) opens with
    a dateline, or with its place under a date line: the page is an article, whatever tags
    follow it. A date line over plain prose is not enough ("Updated 14 March 2024")."""
    if not any(_DIGIT.search(line.text) for line in lines[:stop]) or _find_dateline(
            lines, header_end(lines), stop) is None:
        return False  # no dateline above the fields (project pages): no need to look further
    layout = locate_article(lines, stop)
    return (layout.dateline is not None and layout.opening is not None
            and _is_prose(_first_paragraph(lines, layout)))


def looks_like_news(lines: list[Line]) -> bool:
    """True when a page with no project fields reads as an article: a dateline opening a
    paragraph; a date line with a headline and prose; with no date, a headline over prose opened
    by its place and a dash ("Accra – ..."), or, under an IOM site's menus, a headline and at
    least two paragraphs of prose."""
    layout = locate_article(lines)
    if layout.dateline is not None:
        return layout.dateline_opens_text or (
            layout.title is not None and _is_prose(_first_paragraph(lines, layout)))
    if layout.place is not None:  # with no date, a place and a dash open prose under a headline
        return True
    if not has_iom_menu(lines, layout.header_end) or layout.title is None:
        return False
    prose = [line for line in lines[layout.body_start:layout.footer]
             if line.text.count(" ") >= 15 and SENTENCE_END.search(line.text)]
    return len(prose) >= 2
