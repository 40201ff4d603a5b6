"""A page as numbered lines of text: the common input of every parser.

Plain-text scrapes keep their own line numbers; HTML pages are turned into text lines that keep
the line number of the HTML source they came from, so issues point into the real file.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.sources import SourceText


@dataclass(frozen=True)
class Line:
    """One non-blank line of page text; ``number`` is 1-based in the source file."""

    number: int
    text: str


def page_lines(page: SourceText) -> list[Line]:
    """The page's non-blank lines, stripped, with their source line numbers."""
    if page.is_html:
        from kg.parse.html_text import html_lines  # HTML support lives in its own module

        return html_lines(page.text)
    return [
        Line(number, stripped)
        for number, raw in enumerate(page.text.split("\n"), start=1)
        if (stripped := raw.strip())
    ]
