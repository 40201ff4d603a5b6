"""A page as numbered lines of text: the common input of every parser.

Plain-text scrapes keep their own line numbers; HTML pages are turned into text lines that keep
the line number of the HTML source they came from, so issues point into the real file.
"""

from __future__ import annotations

from typing import NamedTuple

from kg.sources import SourceText


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
