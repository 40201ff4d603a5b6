"""A page as numbered lines of text: the common input of every parser.

Plain-text scrapes keep their own line numbers; HTML pages are turned into text lines that keep
the line number of the HTML source they came from, so issues point into the real file. Lines are
stripped; ``indented_lines`` gives a text page's lines their indentation back for the readers
that need it (the results reader nests an indented list item under the item above it, as HTML
lines carry a nested list's depth as indentation already).
"""

from __future__ import annotations

from typing import NamedTuple

from kg.sources import SourceText

_TAB_WIDTH = 8  # columns a tab stop spans, as terminals and text browsers render them


class Line(NamedTuple):
    """One non-blank line of page text; ``number`` is 1-based in the source file.

    A named tuple rather than a frozen dataclass: pages are read as thousands of lines, and
    tuples are several times cheaper to make.
    """

    number: int
    text: str


def page_lines(page: SourceText) -> list[Line]:
    """The page's non-blank lines, stripped, with their source line numbers."""
    if page.is_html:
        from kg.parse.html_text import html_lines  # HTML support lives in its own module

        return html_lines(page.text)
    new = tuple.__new__  # Line(number, text) without NamedTuple's Python-level __new__
    return [
        new(Line, (number, stripped))
        for number, raw in enumerate(page.text.split("\n"), start=1)
        if (stripped := raw.strip())
    ]


def indented_lines(page: SourceText, lines: list[Line]) -> list[Line]:
    """``lines`` of a text page with their source line's indentation put back, as spaces (a tab
    to the next tab stop); HTML lines, indented by list depth already, are returned as they are.
    """
    if page.is_html or not lines:
        return lines
    raw_lines = page.text.split("\n")
    return [_indented(line, raw_lines[line.number - 1]) if line.number <= len(raw_lines)
            else line for line in lines]


def _indented(line: Line, raw: str) -> Line:
    """``line`` indented as ``raw``, the source line it was stripped from (if it was)."""
    text = raw.lstrip()
    indent = raw[:len(raw) - len(text)]
    if not indent or text.rstrip() != line.text:
        return line
    width = len(indent.expandtabs(_TAB_WIDTH))
    return Line(line.number, " " * width + line.text)
