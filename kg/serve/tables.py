"""SELECT results as HTML tables: IRIs linked (to their page here when the app serves them),
at most HTML_ROWS rows of them, since a page of a hundred thousand rows is tens of megabytes."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.query.results import QueryResult
from kg.serve.graph import GraphReader
from kg.serve.views import TermView, term_view

NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{name}" for name in (
    "integer", "decimal", "double", "float", "int", "long", "gYear")}
MAX_LABELLED = 2000
HTML_ROWS = 1000


@dataclass(frozen=True)
class Cell:
    """One table cell: the term (None when unbound) and whether it aligns as a number."""

    term: TermView | None
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """Column names, rows of cells, and how many rows the result has (``rows`` may hold only
    the first of them)."""

    columns: list[str]
    rows: list[list[Cell]]
    total: int = 0

    @property
    def cut(self) -> bool:
        """True when the table shows only the first rows of the result."""
        return self.total > len(self.rows)


def result_table(reader: GraphReader, result: QueryResult, limit: int = HTML_ROWS) -> Table:
    """The result's first ``limit`` rows as a table; IRIs show their labels (for up to
    MAX_LABELLED distinct IRIs)."""
    shown = result.rows[:limit]
    iris = {term.value for row in shown for term in row.values()
            if isinstance(term, ox.NamedNode)}
    labels = reader.labels(iris) if len(iris) <= MAX_LABELLED else {}
    rows = []
    for row in shown:
        cells = []
        for name in result.variables:
            term = row.get(name)
            if term is None:
                cells.append(Cell(None))
                continue
            numeric = isinstance(term, ox.Literal) and term.datatype.value in NUMERIC
            view = term_view(reader, term, labels)
            if isinstance(term, ox.NamedNode):
                view = TermView(view.text, view.href, "", term.value, view.lang)
            else:
                view = TermView(view.text, lang=view.lang)
            cells.append(Cell(view, numeric))
        rows.append(cells)
    return Table(list(result.variables), rows, len(result.rows))
