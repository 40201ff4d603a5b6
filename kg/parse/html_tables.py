"""Tables of an HTML page in the order a text page gives their lines.

A horizontal table of fields (a row of known field labels over a row of as many values, once or
in pairs of rows) reads as a vertical one, each label line over its value lines; a table whose
header row heads a country column ("Country", "Pays", "País") beside others reads a row a line,
its cells tab-separated, as a table copied from a browser does (``member_states``).
``html_text`` notes where each row and cell starts among its lines (``TableRow``) and, when a
table ends, asks here for the table's lines in their new order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.parse.fields import match_label
from kg.parse.lines import Line
from kg.parse.member_states import CELL_SEPARATOR, country_column


@dataclass(slots=True)
class TableRow:
    """A table row: the index of the first line it holds, and of the first line of each cell."""

    start: int
    cells: list[int] = field(default_factory=list)



def field_table_order(lines: list[Line], rows: list[TableRow], end: int) -> list[Line] | None:
    """The lines of a horizontal field table from its first row to ``end``, each label cell's
    line followed by its value cell's lines; None for any other table. Its rows go in pairs: a
    row of two or more cells, each a label alone, at least half of them and two known ones
    (an unknown column, "Donor", is reported by the field reader), over a row of as many
    cells."""
    if len(rows) < 2 or len(rows) % 2:
        return None
    ends = [row.start for row in rows[1:]] + [end]
    ordered: list[Line] = []
    for index in range(0, len(rows), 2):
        labels = _cell_spans(rows[index], ends[index])
        values = _cell_spans(rows[index + 1], ends[index + 1])
        if (labels is None or values is None or len(labels) < 2 or len(labels) != len(values)
                or not _is_label_row(lines, labels)):
            return None
        for label, value in zip(labels, values, strict=True):
            ordered.extend(lines[label.start:label.stop])
            ordered.extend(lines[value.start:value.stop])
    return ordered


def states_table_rows(lines: list[Line], rows: list[TableRow], end: int) -> list[Line] | None:
    """The lines of a table from its first row to ``end`` as one line a row, its cells
    tab-separated, when its first row heads a country column ("Country", "Pays", "País") beside
    others ("Focal ministry"), so the member states are read from their column
    (``member_states``); None for any other table. Every row has as many cells of one line at
    most; a row keeps the line number of its first cell's text."""
    if len(rows) < 2:
        return None
    ends = [row.start for row in rows[1:]] + [end]
    table = [_cell_spans(row, stop) for row, stop in zip(rows, ends, strict=True)]
    width = len(table[0] or ())
    if width < 2 or any(spans is None or len(spans) != width or any(len(span) > 1 for span in spans)
                        for spans in table):
        return None
    texts = [[lines[span.start].text if span else "" for span in spans or ()] for spans in table]
    if country_column(CELL_SEPARATOR.join(texts[0])) is None:
        return None
    return [Line(next(lines[span.start].number for span in spans or () if span),
                 CELL_SEPARATOR.join(cells))
            for spans, cells in zip(table, texts, strict=True) if any(cells)]


def _cell_spans(row: TableRow, end: int) -> list[range] | None:
    """Where each cell's lines are, or None when the row holds text outside its cells."""
    if not row.cells or row.cells[0] != row.start:
        return None
    return [range(start, stop) for start, stop in zip(row.cells, [*row.cells[1:], end],
                                                      strict=True)]


def _is_label_row(lines: list[Line], cells: list[range]) -> bool:
    """True for a row of cells of one line each that read as labels: known field labels alone
    ("Budget Amount (USD)"), two at least and half the cells, the others short words without
    figures or a full stop ("Donor", "Implementing partner")."""
    if any(len(span) != 1 for span in cells):
        return False
    texts = [lines[span.start].text for span in cells]
    known = sum(label is not None and label.value is None for label in map(match_label, texts))
    return known >= max(2, len(texts) / 2) and all(map(_may_be_a_label, texts))


def _may_be_a_label(text: str) -> bool:
    """Whether a table's header cell may be a field label the reader does not know."""
    label = match_label(text)
    if label is not None:
        return label.value is None
    return (len(text) <= 40 and len(text.split()) <= 5 and not text.endswith(".")
            and not any(character.isdigit() for character in text))
