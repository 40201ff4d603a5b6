"""Bar charts as SVG drawn on the server: no script, no external resource, accessible.

Each chart is named by its <title> (aria-labelledby) and described by its <desc>
(aria-describedby), with a tooltip per bar; bars given an href link to the page of what they
count. A chart without links is one picture (``role="img"``); one with links is a
``role="group"``, since an img's children are presentational in WAI-ARIA and would hide its
links: each link is named by its <title> ("Fiji: 800,000 USD"), and what only draws (axis
ticks, the bar and its printed label and value, which the name repeats) is ``aria-hidden``.
A label in another language than the page's (a LangString tagged @fr or @es) is drawn in a
``<text>`` with its ``lang``, as SVG 2 and HTML allow on any SVG element (kg.serve.languages).

A chart's numbers are given as a table too (DataTable: WCAG 1.1.1, the accessible-chart
pattern), built from the same bars or series as its drawing, so a person who cannot see the
drawing reads every value in full, and follows the same links.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from kg.serve.languages import lang_attribute, language_of

PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6d1f",
           "#555555")
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
CHAR_WIDTH = 6.6
ROW = 24


@dataclass(frozen=True)
class Bar:
    """One bar: what it counts, its value and, optionally, the page it links to."""

    label: str
    value: float
    href: str | None = None


@dataclass(frozen=True)
class Series:
    """One coloured part of every column of a stacked column chart."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class DataRow:
    """One row of a chart's data table: what a bar or column counts, the page it links to (if
    any), and its values."""

    label: str
    values: tuple[float, ...]
    href: str | None = None

    @property
    def cells(self) -> tuple[str, ...]:
        """The values as the table writes them: in full ("1,200,000"), not as the axis does."""
        return tuple(full_number(value) for value in self.values)


@dataclass(frozen=True)
class DataTable:
    """The numbers a chart draws, as an HTML table shows them: its caption (the chart's title),
    the heading of the row labels, the headings of the value columns, and the rows."""

    caption: str
    label_heading: str
    headings: tuple[str, ...]
    rows: tuple[DataRow, ...]


@dataclass(frozen=True)
class Chart:
    """A chart as a page shows it: the SVG drawing and its data table."""

    svg: Markup
    table: DataTable


def compact_number(value: float) -> str:
    """3 400 000 -> "3.4M", 250 000 -> "250k", 12 -> "12"."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            text = f"{value / size:.1f}".rstrip("0").rstrip(".")
            return text + suffix
    return f"{value:g}" if value != int(value) else str(int(value))


def full_number(value: float) -> str:
    """12345.5 -> "12,345.5"; whole numbers without decimals."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def nice_ticks(maximum: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``maximum`` (steps of 1, 2 or 5 times 10^n)."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    top = math.ceil(maximum / step - 1e-9) * step
    return [i * step for i in range(round(top / step) + 1)]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _lang(label: str) -> str:
    """`` lang="fr"`` for a label in a language other than the page's, else ""."""
    return str(lang_attribute(language_of(label)))


def _frame(chart_id: str, title: str, description: str, width: int, height: int,
           body: list[str], *, linked: bool = False) -> Markup:
    """The <svg> around ``body``: a group when it holds links (``linked``), else an img."""
    ident = escape(chart_id)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{ident}" '
            f'role="{"group" if linked else "img"}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" aria-labelledby="{ident}-title" '
            f'aria-describedby="{ident}-desc" {FONT}>'
            f'<title id="{ident}-title">{escape(title)}</title>'
            f'<desc id="{ident}-desc">{escape(description)}</desc>')
    return Markup(head + "".join(body) + "</svg>")


def _hidden(parts: list[str]) -> str:
    """What only draws (ticks, grid lines, a bar and its printed text), hidden from assistive
    technology."""
    return f'<g aria-hidden="true">{"".join(parts)}</g>' if parts else ""


def amount(value: float, unit: str = "", plural: str | None = None) -> str:
    """A value with its unit for a tooltip: "1 project", "2 projects", "12,345 USD" (``plural``
    is the unit's plural, when it has one)."""
    name = unit if value == 1 or plural is None else plural
    return f"{full_number(value)} {name}" if name else full_number(value)


def _bar(tip: str, href: str | None, marks: str) -> str:
    """One bar named by its tooltip ``tip``: as a link to ``href`` (its <title> names the link)
    or, without one, a group with that <title>."""
    named = f"<title>{escape(tip)}</title>{marks}"
    inner = f'<a href="{escape(href)}">{named}</a>' if href else named
    return f'<g class="bar">{inner}</g>'


def bar_chart(bars: Sequence[Bar], *, chart_id: str, title: str, description: str,
              unit: str = "", plural: str | None = None, width: int = 640) -> Markup:
    """Horizontal bars, one row per item, in the order given (rank them before); tooltips
    give each value with ``unit`` (``plural`` for values other than 1)."""
    label_chars = min(max((len(b.label) for b in bars), default=4), 34)
    left = int(label_chars * CHAR_WIDTH) + 12
    right = 64
    plot = max(width - left - right, 80)
    ticks = nice_ticks(max((b.value for b in bars), default=0))
    scale = plot / ticks[-1]
    top = 22
    height = top + ROW * max(len(bars), 1) + 8
    axis = []
    for tick in ticks:
        x = left + tick * scale
        axis.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 8}" '
                    f'stroke="#d0d0d0" stroke-width="1"/>'
                    f'<text x="{x:.1f}" y="{top - 8}" text-anchor="middle" fill="#444">'
                    f'{escape(compact_number(tick))}</text>')
    body = [_hidden(axis)]
    for index, item in enumerate(bars):
        y = top + index * ROW
        length = max(item.value * scale, 1.0 if item.value > 0 else 0.0)
        marks = _hidden([f'<text x="{left - 6}" y="{y + 16}" text-anchor="end" fill="#222"'
                         f'{_lang(item.label)}>{escape(_clip(item.label, 34))}</text>'
                         f'<rect x="{left}" y="{y + 4}" width="{length:.1f}" '
                         f'height="{ROW - 8}" fill="{PALETTE[0]}"/>'
                         f'<text x="{left + length + 4:.1f}" y="{y + 16}" fill="#222">'
                         f'{escape(compact_number(item.value))}</text>'])
        body.append(_bar(f"{item.label}: {amount(item.value, unit, plural)}", item.href, marks))
    if not bars:
        body.append(f'<text x="{left}" y="{top + 16}" fill="#444">No data</text>')
    return _frame(chart_id, title, description, width, height, body,
                  linked=any(item.href for item in bars))


def stacked_column_chart(categories: Sequence[str], series: Sequence[Series], *, chart_id: str,
                         title: str, description: str, unit: str = "",
                         width: int = 640, height: int = 320) -> Markup:
    """Columns per category (e.g. years), each stacked from the series (e.g. regions), with a
    legend above."""
    columns = 2
    legend_rows = math.ceil(len(series) / columns) if series else 0
    top = 16 + legend_rows * 18 + 12
    left, bottom, right = 52, 28, 12
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0))
    scale = plot_h / ticks[-1]
    body = []
    for index, item in enumerate(series):
        x = 8 + (index % columns) * ((width - 16) / columns)
        y = 14 + (index // columns) * 18
        body.append(f'<rect x="{x:.1f}" y="{y - 10}" width="12" height="12" '
                    f'fill="{PALETTE[index % len(PALETTE)]}"/>'
                    f'<text x="{x + 17:.1f}" y="{y}" fill="#222"{_lang(item.name)}>'
                    f'{escape(_clip(item.name, 44))}</text>')
    axis = []
    for tick in ticks:
        y = top + plot_h - tick * scale
        axis.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                    f'stroke="#d0d0d0" stroke-width="1"/>'
                    f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#444">'
                    f'{escape(compact_number(tick))}</text>')
    body.append(_hidden(axis))
    slot = plot_w / max(len(categories), 1)
    bar_w = max(min(slot * 0.7, 48), 2)
    label_every = max(math.ceil(34 / slot), 1)
    for c_index, category in enumerate(categories):
        x = left + c_index * slot + (slot - bar_w) / 2
        base = top + plot_h
        for s_index, item in enumerate(series):
            value = item.values[c_index]
            if value <= 0:
                continue
            h = value * scale
            base -= h
            tip = f"{category}, {item.name}: {amount(value, unit)}"
            body.append(f'<g class="bar"><title>{escape(tip)}</title>'
                        f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                        f'fill="{PALETTE[s_index % len(PALETTE)]}"/></g>')
        if c_index % label_every == 0:
            body.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 10}" '
                        f'text-anchor="middle" fill="#222"{_lang(category)}>'
                        f'{escape(category)}</text>')
    if not categories:
        body.append(f'<text x="{left + 8}" y="{top + 20}" fill="#444">No data</text>')
    return _frame(chart_id, title, description, width, height, body)


def bar_table(bars: Sequence[Bar], *, caption: str, label_heading: str,
              value_heading: str) -> DataTable:
    """The data table of ``bar_chart(bars)``: a row per bar, in its order, with its link."""
    return DataTable(caption, label_heading, (value_heading,),
                     tuple(DataRow(b.label, (b.value,), b.href) for b in bars))


def stacked_column_table(categories: Sequence[str], series: Sequence[Series], *, caption: str,
                         label_heading: str, total_heading: str = "Total") -> DataTable:
    """The data table of ``stacked_column_chart(categories, series)``: a row per category
    (column), a column per series and the category's total (the column's height)."""
    rows = []
    for index, category in enumerate(categories):
        values = tuple(item.values[index] for item in series)
        rows.append(DataRow(category, (*values, sum(values))))
    return DataTable(caption, label_heading, (*(item.name for item in series), total_heading),
                     tuple(rows))
