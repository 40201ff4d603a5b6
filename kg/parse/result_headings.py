"""Results a narrative names on lines of their own: "Outcome 1: ..." headings, and the numbered,
lettered or bulleted lists under an "Outcomes:" or "Expected results" heading.

The first item of a list sets its marker kind (number, dotted number, letter, roman numeral or
bullet); an item of another kind, or one indented deeper than the first (an ``<ol>`` nested in
an ``<ol>`` item: see ``html_text``; "   1." under "1." on a text page, whose indentation
``lines.indented_lines`` keeps), is a sub-item of the item above it, kept in its text, so a
nested list still lists one result per outer item. A dotted number is always an item: "1.1"
under "1." names output 1.1 of outcome 1. A line that is no item continues the item above it
when it runs on in lower case or is indented deeper than that item's marker (a hanging indent);
so does a line under a heading's text or under an objective ("Outcome 1: Officials apply ... at
the main" over "crossing points."), as a text page wraps them.

Headings may carry a qualifier ("Immediate Outcome 1", "Résultat attendu 1", "Objetivo
específico") and end their number with ":", ".", ")" or a dash. The items under an outcome's
heading, whether it has text of its own ("Outcome 1: ...") or stands alone, are its outputs
when numbered 1.1, 1.2 (one item of another kind under "Outcome 1" alone is its text); lettered
or bulleted items may as well be activities, so they are not read. A results heading whose
results cannot be read (no list under it, a list not numbered as its outputs, a number such as
"A" or "1110") is returned as unread, for the caller to report. The headings' words and
patterns are in ``result_patterns``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.parse.result_patterns import (
    HEADING,
    KIND_WORDS,
    LIST_HEADING,
    ODD_NUMBER,
    ZERO_PARTS,
    is_results_heading,
    tidy,
)

# "1.", "(2)", "1.1", "a)", "(b)", "iv.", "•": an item of a list under a results heading.
_ITEM = re.compile(
    r"[ \t]*(?:\(?(?P<num>\d{1,2}(?:\.\d{1,2})*)[.)]|(?P<dotted>\d{1,2}(?:\.\d{1,2})+)"
    r"|\(?(?:[a-z]|[ivx]{2,4})[.)]|[•·▪◦‣►■➢*+]|[-–—])[ \t]+(?P<text>\S.*)",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(r"[ \t]*[a-zß-ÿ]")
_ITEM_TAIL = re.compile(r"[;,]?\s+(?:and|or|et|ou|y|o)$", re.IGNORECASE)


@dataclass(slots=True)
class FoundResult:
    """One result the narrative names, before numbering is checked.

    ``listed`` marks an item of a list whose number is its place in the list ("b)" is 2), so
    an output's outcome comes from the heading the list sits under.
    """

    kind: str
    number: str | None
    text: str | None
    offset: int
    marker: str
    listed: bool = False


@dataclass(slots=True)
class UnreadHeading:
    """A results heading (or marker: "(Outcome I)") whose results were not read, and why
    (``problem``).

    With ``end`` set, the heading is reported only if no result was read between it and
    ``end`` (prose with "(Output 1.1)" markers may follow an "Expected outputs" heading).
    """

    kind: str
    offset: int
    line: str
    problem: str
    end: int | None = None


def _lines(text: str) -> list[tuple[int, str]]:
    """Each line of ``text`` with the offset where it starts."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return lines


def _next_text(lines: list[tuple[int, str]], index: int) -> int | None:
    """The index of the first non-blank line from ``index``, or None."""
    while index < len(lines):
        if lines[index][1].strip():
            return index
        index += 1
    return None


@dataclass(slots=True)
class _Item:
    """A list item: where it starts, its number ("1", "1.1"; None for "a)" or "•"), what
    precedes its text ("1.", "(b)", "•") and its text with any continuation lines; with the
    indent and marker kind of its line, and the texts of the sub-items under it."""

    offset: int
    number: str | None
    tag: str
    text: str
    indent: int = 0
    kind: str = "bullet"
    details: list[str] = field(default_factory=list)

    def add_line(self, line: str) -> None:
        """A continuation line, of the item's text or of its last sub-item."""
        if self.details:
            self.details[-1] += " " + line.strip()
        else:
            self.text += " " + line.strip()

    def full_text(self) -> str:
        """The item's text, then its sub-items after a colon, separated by semicolons
        ("Officers are trained: two courses in Suva; one refresher online")."""
        details = [text for text in map(_item_text, self.details) if text]
        if not details:
            return self.text
        head = _item_text(self.text)
        return f"{head}: {'; '.join(details)}" if head else "; ".join(details)


def _item_text(text: str) -> str | None:
    """An item's text as a result keeps it: no "; and" closing it, no edge punctuation."""
    return tidy(_ITEM_TAIL.sub("", text.rstrip()))


def _item(offset: int, line: str) -> _Item | None:
    """The list item the line is, unless it is a results heading itself ("• Output 1.1: x")."""
    item = _ITEM.match(line)
    if item is None:
        return None
    heading = HEADING.match(line)
    if heading is not None and (heading.group("num") or heading.group("text")):
        return None
    tag = line[:item.start("text")].strip()
    number = item.group("num") or item.group("dotted")
    return _Item(offset, number, tag, item.group("text"), _indent(line), _marker_kind(tag, number))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _continues(line: str, item: _Item) -> bool:
    """True for a line (not an item) that goes on with ``item``'s text: a hard-wrapped line
    running on in lower case, or one indented deeper than the item's marker (a hanging indent,
    "1. Staff of the" over "   Ministry of Labour are trained"), unless it heads results."""
    if _CONTINUATION.match(line):
        return True
    return _indent(line) > item.indent and not is_results_heading(line)


def _marker_kind(tag: str, number: str | None) -> str:
    """"number" for "1." or "(2)", "dotted" for "1.1", "letter" for "(b)", "roman" for "iv."
    (and for a lone "i", "v" or "x": see ``_is_next_letter``), else "bullet"."""
    if number is not None:
        return "dotted" if "." in number else "number"
    name = tag.strip("().")
    if not name.isalpha():
        return "bullet"
    return "roman" if not name.casefold().strip("ivx") else "letter"


def _is_next_letter(item: _Item, items: list[_Item]) -> bool:
    """True for "i)" (or "v)", "x)") after "h)" in a lettered list (at the list's indent, as
    ``_is_sub_item`` asks first): its ninth item, not the first of roman sub-items."""
    letter, last = item.tag.strip("().").casefold(), items[-1].tag.strip("().").casefold()
    return (item.kind == "roman" and items[0].kind == "letter" and len(letter) == len(last) == 1
            and ord(letter) == ord(last) + 1)


def _is_sub_item(item: _Item, items: list[_Item]) -> bool:
    """True for an item indented deeper than the list's first item, or of another marker kind
    than it: a detail of the item above it. A dotted number ("1.1" under "1.") names a result
    of its own, so never."""
    if not items or item.kind == "dotted":
        return False
    if item.indent > items[0].indent:
        return True
    return item.kind != items[0].kind and not _is_next_letter(item, items)


class _LineReader:
    """Walks the lines of a narrative, collecting headed and listed results."""

    def __init__(self, text: str) -> None:
        self.lines = _lines(text)
        self.length = len(text)
        self.found: list[FoundResult] = []
        self.unread: list[UnreadHeading] = []
        self._list_starts: list[int] = []

    def read(self) -> None:
        index = 0
        while index < len(self.lines):
            index = self._read_line(index)
        self._close_sections()

    def _read_line(self, index: int) -> int:
        offset, line = self.lines[index]
        heading = LIST_HEADING.match(line)
        if heading is not None and KIND_WORDS[heading.group("kind").casefold()] != "impact":
            self._list_starts.append(offset)
            after = self._read_list(index, heading)
            if after is not None:
                return after
        found = HEADING.match(line)
        if found is not None:
            return self._read_heading(index, found)
        if (odd := ODD_NUMBER.match(line)) is not None:
            kind = KIND_WORDS[odd.group("kind").casefold()]
            if kind != "impact":
                self.unread.append(UnreadHeading(kind, offset, line.strip(),
                                                 f"the {kind} is not numbered as 1 or 1.1"))
        return index + 1

    def _read_list(self, index: int, heading: re.Match[str]) -> int | None:
        """Read the items under a list heading; the index after them, or None when there are
        none and the heading is to be read as a plain heading."""
        kind = KIND_WORDS[heading.group("kind").casefold()]
        offset, line = self.lines[index]
        items, after = self._items(index + 1)
        if not items:
            if heading.group("plural") is None:
                return None  # a bare "Objective" or "Outcome" line: read as a heading
            if kind == "objective":  # "Objectives" over a line of text
                text = self._next_line_text(index)
                if text is not None:
                    self.found.append(FoundResult(kind, None, tidy(text), offset, line.strip()))
                return index + 1
            self.unread.append(UnreadHeading(
                kind, offset, line.strip(),
                f"no numbered, lettered or bulleted list of {kind}s follows", self.length))
            return index + 1
        marker = line.strip().rstrip(":").strip()
        for position, item in enumerate(items, start=1):
            self.found.append(_listed(kind, position, item, marker))
        return after

    def _items(self, index: int) -> tuple[list[_Item], int]:
        """The list items from ``index`` on (blank lines between them allowed), their
        continuation lines folded in, and the index after the list."""
        items: list[_Item] = []
        while (next_index := _next_text(self.lines, index)) is not None:
            offset, line = self.lines[next_index]
            item = _item(offset, line)
            if item is not None and _is_sub_item(item, items):
                items[-1].details.append(item.text)
            elif item is not None:
                items.append(item)
            elif items and next_index == index and _continues(line, items[-1]):
                items[-1].add_line(line)
            else:
                break
            index = next_index + 1
        return items, index

    def _read_heading(self, index: int, heading: re.Match[str]) -> int:
        """A heading line, and the index after it; "Outcome 1" alone takes the next line (or
        the one list item under it) as its text. A list under an outcome's heading, with or
        without text ("Outcome 1: ..."), gives its outputs when numbered 1.1, 1.2."""
        kind = KIND_WORDS[heading.group("kind").casefold()]
        offset, marker = self.lines[index][0], heading.group().strip()
        number, body = heading.group("num"), heading.group("text")
        outcome = ZERO_PARTS.sub("", number) if kind == "outcome" and number else None
        if body is not None:  # "Outcome 1: Officials apply ... at the main" / "crossings."
            body, index = self._wrapped(index, body)
        items, after = (self._items(index + 1) if body is None or outcome is not None
                        else ([], index + 1))
        if outcome is not None and (body is not None or len(items) > 1
                                    or _are_outputs(items, outcome)):
            text = tidy(body) if body is not None else None
            self.found.append(FoundResult(kind, number, text, offset, marker))
            if items:  # named "Outcome 1" in issues, not by the text its line goes on with
                name = marker if body is None else heading.group()[:heading.end("num")].strip()
                self._outcome_items(items, outcome, offset, name)
            return after
        if items:
            body = items[0].full_text()
        elif body is None:
            body = self._next_line_text(index)
        if body is not None:
            self.found.append(FoundResult(kind, number, tidy(body), offset, marker))
        return after if items else index + 1

    def _outcome_items(self, items: list[_Item], number: str, offset: int,
                       marker: str) -> None:
        """The list under an "Outcome 1" heading: its outputs when numbered 1.1, 1.2;
        reported when not, since bullets may as well be activities or indicators."""
        if _are_outputs(items, number):
            self.found.extend(_listed("output", 0, item, marker.rstrip(":")) for item in items)
        else:
            self.unread.append(UnreadHeading(
                "outcome", offset, marker,
                f"the list under it is not numbered as its outputs ({number}.1, {number}.2)"))

    def _next_line_text(self, index: int) -> str | None:
        """The next non-blank line with the lines it wraps onto, unless it is a results heading
        of its own."""
        next_index = _next_text(self.lines, index + 1)
        if next_index is None:
            return None
        next_line = self.lines[next_index][1]
        if HEADING.match(next_line) or LIST_HEADING.match(next_line):
            return None
        return self._wrapped(next_index, next_line)[0]

    def _wrapped(self, index: int, text: str) -> tuple[str, int]:
        """``text``, the text of line ``index``, with the lines right under it that continue
        it (a hard-wrapped line: see ``_continues``; no list item), and the index of its last
        line."""
        indent = _indent(self.lines[index][1])
        while index + 1 < len(self.lines):
            offset, line = self.lines[index + 1]
            if not line.strip() or _item(offset, line) is not None or not (
                    _CONTINUATION.match(line)
                    or (_indent(line) > indent and not is_results_heading(line))):
                break
            text += " " + line.strip()
            index += 1
        return text, index

    def _close_sections(self) -> None:
        """End each listless heading's section at the next list heading after it."""
        for unread in self.unread:
            if unread.end is not None:
                unread.end = next((start for start in self._list_starts if start > unread.offset),
                                  self.length)


def _are_outputs(items: list[_Item], number: str) -> bool:
    """True for items all numbered as outputs of outcome ``number`` (1.1, 1.2 under 1)."""
    return bool(items) and all(item.number is not None and item.number.startswith(f"{number}.")
                               for item in items)


def _listed(kind: str, position: int, item: _Item, marker: str) -> FoundResult:
    """A list item as a result: dotted numbers are outputs ("1.1" under "Expected results"),
    other items are numbered by their place in the list."""
    text = _item_text(item.full_text())
    label = f"{marker} {item.tag}"
    if item.number is not None and "." in item.number:
        dotted_kind = "output" if kind == "outcome" else kind
        return FoundResult(dotted_kind, item.number, text, item.offset, label)
    return FoundResult(kind, item.number or str(position), text, item.offset, label, listed=True)


def line_results(text: str) -> tuple[list[FoundResult], list[UnreadHeading]]:
    """The results named by heading lines and lists, and the results headings not read."""
    reader = _LineReader(text)
    reader.read()
    return reader.found, reader.unread
