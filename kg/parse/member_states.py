"""Read a project's benefiting member states from the value lines of its field.

Each line is split into countries by the gazetteer (``values.split_member_states``); a name it
does not know is an error naming the text as the page writes it, and a state listed twice is
kept once, with a warning.
"""

from __future__ import annotations

from kg.parse.fields import strip_bullet
from kg.parse.lines import Line
from kg.parse.quoting import quoted
from kg.parse.values import is_placeholder, split_member_states
from kg.records import MemberState, ParseIssue


def read_member_states(values: list[Line], states: list[MemberState]) -> list[ParseIssue]:
    """Add the states the value lines name to ``states`` (those a field given earlier on the
    page read, if any); the issues found."""
    issues: list[ParseIssue] = []
    for line in values:
        text = strip_bullet(line.text)
        if is_placeholder(text):
            continue
        found, unknown = split_member_states(text)
        issues.extend(ParseIssue("member_states", f"unknown member state {quoted(span)}",
                                 line.number, "error") for span in unknown)
        _add_states(found, states, line.number, issues)
    return issues


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
