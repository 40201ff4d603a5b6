"""Read a project's benefiting member states from the value lines of its field.

Each line is split into countries by the gazetteer (``values.split_member_states``); a name it
does not know is an error naming the text as the page writes it, and a state listed twice is
kept once, with a warning. A line may open with the name of the group the states belong to,
ending in a colon ("Caribbean countries: Jamaica, Barbados", "Pays du Sahel :" over the
states): the states after it are read, and a warning names the group, which the record does not
keep. A value that names every state rather than a list ("Global", "All IOM Member States",
"Tous les États membres", the coverage scheme's labels of global coverage) names no state: none
is read, and a warning says so (the list is not made up). A table of states (a row a line, its
cells tab-separated, as ``html_text`` writes a table with a country column and a table copied
from a browser reads) is read from the column its header row names ("Country", "Member State",
"Pays", "País"); what its other columns hold is not read, and one warning says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.parse.fields import label_key, match_label, strip_bullet
from kg.parse.lines import Line
from kg.parse.quoting import quoted
from kg.parse.values import is_country_line, is_placeholder, split_member_states
from kg.records import MemberState, ParseIssue
from kg.reference.vocabularies import find_concept

# "All IOM Member States", "Tous les États membres de l'OIM", "Todos los países" (as label_key
# writes them: lower case, no accents or punctuation).
_EVERY_STATE = re.compile(
    r"(?:global )?(?:all|tous les|toutes les|todos los|todas las) (?:the |les |los )?"
    r"(?:iom |oim )?(?:member states|member countries|states|countries|etats membres|pays membres"
    r"|etats|pays|estados miembros|paises miembros|estados|paises)"
    r"(?: (?:of (?:the )?iom|de l oim|de la oim))?")
_GROUP_WORDS = 6  # a group's name before a colon is this short: "Países de Centroamérica"
CELL_SEPARATOR = "\t"
"""What separates the cells of a table row written as one line."""
# What heads the country column of a table of member states.
_COUNTRY_COLUMNS = frozenset(label_key(name) for name in (
    "Country", "Countries", "Member State", "Member States", "Pays", "État membre",
    "États membres", "País", "Países", "Estado miembro", "Estados miembros"))


@dataclass
class _StatesTable:
    """A table of member states: its header row's line and cells, the index of its country
    column, and what the other columns' cells hold (not read)."""

    line: Line
    headers: list[str]
    column: int
    set_aside: list[str] = field(default_factory=list)

    def country_cell(self, text: str) -> str:
        """The country cell of a row, keeping the row's other cells aside."""
        cells = text.split(CELL_SEPARATOR)
        self.set_aside.extend(cell.strip() for index, cell in enumerate(cells)
                              if index != self.column and cell.strip())
        return cells[self.column].strip() if self.column < len(cells) else ""

    def issue(self) -> ParseIssue | None:
        """The warning that the other columns were not read, when they hold anything."""
        if not self.set_aside:
            return None
        others = [header for index, header in enumerate(self.headers) if index != self.column]
        named = ", ".join(quoted(header) for header in others if header.strip())
        columns = f"column {named} is" if len(others) == 1 else f"columns {named} are"
        return ParseIssue(
            "member_states", f"the member states are read from the table's "
            f"{quoted(self.headers[self.column])} column; its other {columns} not read: "
            f"{quoted('; '.join(self.set_aside))}", self.line.number, "warning")


def read_member_states(values: list[Line], states: list[MemberState]) -> list[ParseIssue]:
    """Add the states the value lines name to ``states`` (those a field given earlier on the
    page read, if any); the issues found."""
    issues: list[ParseIssue] = []
    table: _StatesTable | None = None
    for position, line in enumerate(values):
        text = strip_bullet(line.text)
        if position == 0 and (column := country_column(text)) is not None:
            table = _StatesTable(line, text.split(CELL_SEPARATOR), column)
            continue
        if table is not None and CELL_SEPARATOR in text:
            text = table.country_cell(text)
        if not text or is_placeholder(text):
            continue
        if _names_every_state(text):
            issues.append(ParseIssue(
                "member_states", f"{quoted(text)} names all member states rather than a list of "
                "them: no member state is read", line.number, "warning"))
            continue
        if (coverage := find_concept("coverage", text)) is not None:  # "Regional", "National"
            issues.append(ParseIssue(
                "member_states", f"{quoted(text)} names the project's coverage ({coverage.code}), "
                "not its member states: no member state is read", line.number, "warning"))
            continue
        group = _group_prefix(text, more_lines=position + 1 < len(values))
        if group is not None:
            issues.append(ParseIssue(
                "member_states", f"{quoted(group[0])} before the colon names the group of the "
                "states listed after it, not a state: the states are read, the group's name is "
                "not kept", line.number, "warning"))
            text = group[1]
            if not text:
                continue
        found, unknown = split_member_states(text)
        issues.extend(ParseIssue("member_states", f"unknown member state {quoted(span)}",
                                 line.number, "error") for span in unknown)
        _add_states(found, states, line.number, issues)
    if table is not None and (unread := table.issue()) is not None:
        issues.append(unread)
    return issues


def country_column(text: str) -> int | None:
    """The index of the cell that heads the country column when the line is the header row of
    a table of states, its cells tab-separated ("Country<tab>Focal ministry"; "Pays" alone
    heads a table of one column); None for other lines."""
    for index, cell in enumerate(text.split(CELL_SEPARATOR)):
        if label_key(cell) in _COUNTRY_COLUMNS:
            return index
        label = match_label(cell.strip())
        if label is not None and label.field == "member_states" and label.value is None:
            return index
    return None


def is_states_table_header(text: str) -> bool:
    """True for the header row of a table of states of several columns, written as one line."""
    return CELL_SEPARATOR in text and country_column(text) is not None


def is_table_row_under(header: str, text: str) -> bool:
    """True when ``text`` is a row of the table whose header row is ``header``: as many cells."""
    return CELL_SEPARATOR in text and text.count(CELL_SEPARATOR) == header.count(CELL_SEPARATOR)


def _add_states(found: list[MemberState], states: list[MemberState], line: int,
                issues: list[ParseIssue]) -> None:
    """Add each state found on a line to ``states``, once: a repeated one is a warning."""
    for state in found:
        if any(known.iso3 == state.iso3 for known in states):
            issues.append(ParseIssue("member_states",
                                     f"member state {quoted(state.name)} listed twice; kept once",
                                     line, "warning"))
        else:
            states.append(state)


def _group_prefix(text: str, *, more_lines: bool) -> tuple[str, str] | None:
    """(group, the text after its colon) when the line opens with the name of the group its
    states belong to, a few words ending in a colon that are no list of countries, with
    countries after it ("Caribbean countries: Jamaica, Barbados") or, when it ends the line,
    on the value lines under it ("Pays du Sahel :"); None for other lines."""
    head, colon, rest = text.partition(":")
    head, rest = head.strip(), rest.strip()
    if not colon or not head or head.count(" ") >= _GROUP_WORDS or is_country_line(head):
        return None
    if rest:
        return (head, rest) if split_member_states(rest)[0] else None
    return (head, rest) if more_lines else None


def _names_every_state(text: str) -> bool:
    """True for a value that names every state, not a list: "All IOM Member States", or a label
    of the coverage scheme's global concept ("Global", "Worldwide", "Mondial", "Mundial")."""
    if _EVERY_STATE.fullmatch(label_key(text)) is not None:
        return True
    coverage = find_concept("coverage", text)
    return coverage is not None and coverage.code == "global"
