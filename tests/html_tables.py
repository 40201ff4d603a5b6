"""A helper the `kg serve` tests share: the tables of an HTML page as a screen reader meets them,
their caption, and each cell's kind (header with its scope, or data), text and links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    """One cell: "th" or "td", its scope (a header's), its text and the hrefs of its links."""

    tag: str
    scope: str = ""
    text: str = ""
    hrefs: list[str] = field(default_factory=list)


@dataclass
class Table:
    """A table's caption and rows of cells, header rows included."""

    caption: str = ""
    rows: list[list[Cell]] = field(default_factory=list)

    def body(self) -> list[list[Cell]]:
        """The rows after the first (the column headers)."""
        return self.rows[1:]


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.cell: Cell | None = None
        self.in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.tables.append(Table())
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("th", "td") and self.tables:
            self.cell = Cell(tag, found.get("scope") or "")
            self.tables[-1].rows[-1].append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.cell.hrefs.append(found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self.in_caption = False
        elif tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.in_caption:
            self.tables[-1].caption += data
        elif self.cell is not None:
            self.cell.text += data


def html_tables(page: str) -> list[Table]:
    """Every table of ``page``, in page order."""
    reader = _TableReader()
    reader.feed(page)
    return reader.tables
