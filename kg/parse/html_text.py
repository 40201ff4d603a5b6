"""Turn an HTML page into numbered text lines, with the standard library's HTML parser.

The content of the elements dropped by name (menus, header, footer, icons) is blanked out
before the parser walks the page (``html_regions``), line numbers kept.

Block elements and ``<br>`` end a line (not a ``<br>`` in the ``<h1>``, which breaks a
long title to fit, not in two); scripts, styles, navigation, the site's header (not an article's
``<header>``, which holds its headline) and footers are dropped;
entities are decoded. Label markup at the start of a line ends its own line, so
"``<li><strong>Budget</strong> 200,000</li>``" reads like a label line and a value line:
``<label>``, ``<span class="label">``, bold text elsewhere when it is a known field label (so
bold words opening a paragraph stay in it), and bold text opening a list item or table cell
unless the sentence runs on after it: "``<li><strong>Returnees</strong> have access</li>``"
stays one line, since a lower-case word (or "(", ",") follows and the bold words are neither a
known label, a results heading nor followed by a colon.
A list item's first line opens with "- " in a ``<ul>`` and with its number ("3. ") in an
``<ol>`` (from its ``start``, or an item's ``value``), as a text page writes its lists, so that
results listed under "Expected outcomes" are read; not when it is a label line, a field label
alone or countries alone (member states listed one per item), nor when it opens with a bullet,
a number or a results heading ("Output 1.1:") of its own. An item of a list nested in another
list's marked item is indented two spaces a level when its first line opens with a marker
(given or its own), as a text page indents sub-items, so that the results reader keeps "1."
under "1." in its item's text; a list under an unmarked item (a field label, "Budget" over
"- USD 200,000") is not. A field table or a table of member states is put in the order a text
page gives its lines (``html_tables``); any other table reads cell by cell. Each line keeps the
source line number where its text starts.
Breadcrumbs are navigation and dropped too; so are lists of links to other stories that only
their class or id marks ("related", "related-stories", "field--name-field-related-content",
"see-also", "read-more", "more-news": ``related_links.is_related_container``), with a
related-stories heading ("Related news") right above them, so their titles name no country or
project of the article (lists under a heading alone are left to ``related_links``). A page
whose body has no ``<h1>`` but in what is dropped (a site's name in its banner) gets its title
from the head (``og:title``, else ``<title>`` without the site name after " | ") as its first
line, where the parser looks for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from kg.parse.fields import match_label
from kg.parse.html_regions import blank_elements, blank_head
from kg.parse.html_tables import TableRow, field_table_order, states_table_rows
from kg.parse.lines import Line
from kg.parse.related_links import is_related_container, is_related_heading
from kg.parse.result_patterns import is_results_heading
from kg.parse.values import is_country_line
from kg.reference.countries import gazetteer

_BLOCK_TAGS = """
address article aside blockquote body br caption center dd details dialog div dl dt fieldset
figcaption figure form h1 h2 h3 h4 h5 h6 hr li main ol p pre section summary table tbody td
tfoot th thead tr ul
"""
_DROPPED_TAGS = """
script style nav header footer noscript template head title svg iframe select button object
canvas menu
"""
_DROPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
_VOID_TAGS = "area base br col embed hr img input link meta param source track wbr"
_BLOCK = frozenset(_BLOCK_TAGS.split())
_DROPPED = frozenset(_DROPPED_TAGS.split())
_VOID = frozenset(_VOID_TAGS.split())
_BLANKED = _DROPPED - {"head", "title", "script", "style"}
"""Dropped elements whose content is blanked before parsing (``html_regions``): not the head,
whose title may name the page, nor scripts and styles, which the parser skips unread."""
_SECTIONS = frozenset({"article", "aside", "main", "section"})
"""Elements whose ``<header>`` is their own (an article's headline), not the site's banner:
as for ARIA's banner landmark, only a header no such element holds is dropped."""
_SCOPED = frozenset({"header"})
_LINE_ENDING = _BLOCK | {"br", "hr"}
_EMPHASIS = frozenset({"strong", "b"})
_LIST_CELLS = frozenset({"li", "dt", "dd", "td", "th"})
_TABLE_PARTS = frozenset({"table", "tr", "td", "th"})
# What a list item may open with already: a bullet, "1.", "(a)", "b)", "iv.", "1.2:", "2.1".
_OWN_MARKER = re.compile(
    r"(?:[•·▪◦‣►■➢]|[*+\-–—](?=\s)|\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{2,5})[.):](?=\s|$)"
    r"|\d{1,3}(?:\.\d{1,3})+(?=\s|$))",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _OpenList:
    """An open ``<ul>`` or ``<ol>``: its next item's number (None in a ``<ul>``), the indent of
    its items' first lines, and whether its current item's first line took a marker."""

    next_number: int | None
    indent: str = ""
    item_marked: bool = False


class _LineCollector(HTMLParser):
    """Collects text lines as the parser walks the document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self._parts: list[str] = []
        self._has_text = False
        self._line_number: int | None = None
        self._open: list[tuple[str, bool, str | None]] = []  # (tag, dropped, label kind)
        self._dropped = 0
        self._after_label = False
        self._pending_label = False  # bold words opened the line: a label unless a sentence runs on
        self._lists: list[_OpenList] = []
        self._tables: list[list[TableRow]] = []  # per open table: its rows so far
        self._marker: str | None = None  # for the first line of the open list item
        self._in_title = False
        self._title_parts: list[str] = []
        self._title_line = 1
        self.og_title: Line | None = None
        self.page_title: Line | None = None  # <title>, without the site name after " | "
        self.has_h1 = False

    def _flush(self, label: bool = False) -> None:
        """End the line; a list item's first line takes its marker, unless it is a label (bold
        words alone in their line are one)."""
        if not self._parts:  # nothing since the last line ended (then no line number either)
            return
        label, self._pending_label = label or self._pending_label, False
        text = " ".join("".join(self._parts).split())
        if text and self._line_number is not None:
            marker, self._marker = self._marker, None
            if marker is not None and not label:
                text = self._marked(text, marker)
            self.lines.append(Line(self._line_number, text))
        self._parts.clear()
        self._has_text = False
        self._line_number = None

    def _marked(self, text: str, marker: str) -> str:
        """A list item's first line with its marker, indented by its depth; unmarked when it
        opens with a marker of its own (then only indented), a results heading, a field label
        alone or countries alone."""
        if _takes_marker(text):
            text = marker + text
        elif not _OWN_MARKER.match(text):
            return text
        if not self._lists:
            return text
        self._lists[-1].item_marked = True
        return self._lists[-1].indent + text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and self._in_h1():
                self._parts.append(" ")  # a title broken in two to fit: one line still
            elif tag in ("br", "hr"):
                self._flush()
                self._after_label = False
            elif tag == "meta" and ("property", "og:title") in attrs:
                self.og_title = Line(self.getpos()[0], dict(attrs).get("content") or "")
            return
        named = dict(attrs) if attrs else {}
        self.has_h1 = self.has_h1 or (tag == "h1" and not self._dropped)
        if tag == "title":
            self._in_title, self._title_line = True, self.getpos()[0]
        related = is_related_container(tag, named)
        dropped = ((tag in _DROPPED and not (tag in _SCOPED and self._in_a_section()))
                   or (named.get("role") or "") in _DROPPED_ROLES
                   or _is_breadcrumb(named) or related)
        if tag in _BLOCK:
            self._flush()
            self._after_label = False
        if related and not self._dropped:
            self._drop_related_heading()
        if tag in ("ul", "ol"):
            self._lists.append(self._open_list(tag, named.get("start")))
        elif tag == "li":
            self._marker = self._item_marker(named.get("value"))
        elif tag in _TABLE_PARTS:
            self._table_part(tag)
        self._open.append((tag, dropped, None if self._has_text else self._label_kind(tag, attrs)))
        self._dropped += dropped

    def _in_h1(self) -> bool:
        """Whether the page's title (``<h1>``) is open."""
        return any(name == "h1" for name, _, _ in self._open)

    def _in_a_section(self) -> bool:
        """Whether an article, a section, an aside or the main element is open."""
        return any(name in _SECTIONS for name, _, _ in self._open)

    def _drop_related_heading(self) -> None:
        """Leave out the line just written when it heads the related list that opens now
        ("<h2>Related news</h2><ul class="related">"); not inside a table, whose rows count
        their lines."""
        if self.lines and not self._tables and is_related_heading(self.lines[-1].text):
            self.lines.pop()

    def _table_part(self, tag: str) -> None:
        """Note where a table, a row or a cell starts among the lines."""
        if tag == "table":
            self._tables.append([])
        elif self._tables:
            rows = self._tables[-1]
            if tag == "tr" or not rows:
                rows.append(TableRow(len(self.lines)))
            if tag != "tr":
                rows[-1].cells.append(len(self.lines))

    def _close_table(self) -> None:
        """The innermost table has ended: a horizontal field table's lines are put in the order
        of a vertical one; a table of states (not inside another table, whose rows count
        lines) reads a row a line."""
        rows = self._tables.pop()
        ordered = field_table_order(self.lines, rows, len(self.lines))
        if ordered is None and not self._tables:
            ordered = states_table_rows(self.lines, rows, len(self.lines))
        if ordered is not None:
            self.lines[rows[0].start:] = ordered

    def _open_list(self, tag: str, start: str | None) -> _OpenList:
        """A list opening, indented a level deeper than the list whose marked item holds it."""
        parent = self._lists[-1] if self._lists else None
        indent = parent.indent + "  " if parent is not None and parent.item_marked else ""
        return _OpenList(_number(start, 1) if tag == "ol" else None, indent)

    def _item_marker(self, value: str | None) -> str:
        """"- " for an item of a ``<ul>`` (or of no list), "N. " for one of an ``<ol>``."""
        if not self._lists:
            return "- "
        items = self._lists[-1]
        items.item_marked = False
        if items.next_number is None:
            return "- "
        number = _number(value, items.next_number)
        items.next_number = number + 1
        return f"{number}. "

    def _label_kind(self, tag: str, attrs: list[tuple[str, str | None]]) -> str | None:
        """"sure" for label markup, "opening" for bold text in a list item or table cell (a
        label unless the sentence runs on after it), "maybe" for bold text elsewhere (a label
        only if known)."""
        if tag == "label":
            return "sure"
        if tag not in _EMPHASIS:
            if tag != "span":
                return None
            classes = " ".join(value or "" for name, value in attrs if name == "class")
            return "sure" if "label" in classes.lower() else None
        block = next((name for name, _, _ in reversed(self._open) if name in _BLOCK), None)
        return "opening" if block in _LIST_CELLS else "maybe"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.page_title = Line(self._title_line, "".join(self._title_parts).split(" | ")[0])
        if tag in _VOID:
            if tag in ("br", "hr") and not (tag == "br" and self._in_h1()):
                self._flush()
            return
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                break
        else:
            return  # a stray end tag: ignore it
        closes_item, closed_tables = False, 0
        for name, dropped, label_kind in reversed(self._open[depth:]):
            self._dropped -= dropped
            if label_kind and self._has_text and not self._dropped:
                self._end_label(label_kind)
            if name in ("ul", "ol"):
                self._lists.pop()
            closes_item = closes_item or name == "li"
            closed_tables += name == "table"
        del self._open[depth:]
        if tag in _BLOCK or closed_tables:
            self._flush()
            self._after_label = False
        if closes_item:
            self._marker = None
        for _ in range(closed_tables):
            self._close_table()

    def _end_label(self, kind: str) -> None:
        """At the end of label markup that opened the line: end the line when it is a label,
        or, for bold words that may open a sentence, leave it to the text after them."""
        text = "".join(self._parts).strip()
        if kind == "sure" or match_label(text) or (
                kind == "opening" and (text.endswith(":") or is_results_heading(text))):
            self._flush(label=True)
            self._after_label = True
        elif kind == "opening":
            self._pending_label = True

    def _resolve_label(self, data: str) -> None:
        """Bold words opening the line are a label (their line ends) unless ``data``, the
        first text after them, runs on as their sentence."""
        self._pending_label = False
        stripped = data.lstrip()
        if stripped[0] == ":":
            self._flush(label=True)
            self._after_label = True
        elif data[0].isspace() and not (stripped[0].islower() or stripped[0] in "(,;"):
            self._flush(label=True)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
        if self._dropped:
            return
        if self._pending_label and data.strip():
            self._resolve_label(data)
        if self._after_label:
            data = data.lstrip()
            if data.startswith(":"):
                data = data[1:]
            if not data.strip():
                return
            self._after_label = False
        stripped = data.lstrip()
        if not stripped:
            if self._parts:
                self._parts.append(" ")
            return
        if self._line_number is None:
            line, _offset = self.getpos()
            self._line_number = line + data[: len(data) - len(stripped)].count("\n")
        self._parts.append(data)
        self._has_text = True

    def close(self) -> None:
        super().close()
        self._flush()
        while self._tables:  # a table left open at the end of the page
            self._close_table()


def _number(text: str | None, default: int) -> int:
    """A list's ``start`` or an item's ``value`` ("3"), else ``default``."""
    text = (text or "").strip()
    return int(text) if text.isdigit() else default


def _takes_marker(text: str) -> bool:
    """False for an item that opens with a marker of its own ("1.", "(a)", "•", "Output 1:"),
    is a field label alone ("Benefiting Member States", its states listed under it) or names
    countries only (member states one per item read as one list, numbered or not)."""
    if _OWN_MARKER.match(text) or is_results_heading(text):
        return False
    label = match_label(text)
    if label is not None and label.value is None:
        return False
    return not (gazetteer().may_be_list(text) and is_country_line(text))


def _is_breadcrumb(attrs: dict[str, str | None]) -> bool:
    """True for a breadcrumb trail ("Home / Projects / Armenia"), by its class or ARIA label."""
    marks = f"{attrs.get('class') or ''} {attrs.get('aria-label') or ''}".lower()
    return "breadcrumb" in marks


def _may_give_title(meta: str) -> bool:
    """Whether a ``<meta>`` tag may be the page's ``og:title`` (an entity could spell it)."""
    return "title" in meta.lower() or "&" in meta


def blank_dropped_elements(html: str) -> str:
    """``html`` with the content of the elements dropped by name blanked out, and of the head
    all but its titles, line breaks kept: the collector reads the same lines from it, without
    walking a site's menus and style sheets."""
    return blank_elements(blank_head(html, _LINE_ENDING, _may_give_title), _BLANKED,
                          _LINE_ENDING, _SCOPED, _SECTIONS)


def html_lines(html: str) -> list[Line]:
    """The visible text of an HTML page as non-blank lines numbered by their HTML source line
    (the head's title first when the body has no ``<h1>``)."""
    collector = _LineCollector()
    collector.feed(blank_dropped_elements(html))
    collector.close()
    lines = collector.lines
    head = next((Line(title.number, " ".join(title.text.split()))
                 for title in (collector.og_title, collector.page_title)
                 if title is not None and title.text.strip()), None)
    if not collector.has_h1 and head is not None and lines:
        lines.insert(0, head)
    return lines
