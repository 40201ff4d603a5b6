"""Build a project page record from its field block, its title and its narrative.

Values are read and normalised here (years, budget, value-list concepts, member states); what
cannot be read becomes an issue naming the field, the line and the text, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import TypeVar

from kg.parse.boilerplate import read_title
from kg.parse.fields import CONCEPT_SCHEMES, FieldBlock, RawField, is_separator, strip_bullet
from kg.parse.lines import Line, indented_lines
from kg.parse.member_states import read_member_states
from kg.parse.narrative import parse_results_chain
from kg.parse.organisations import find_organisations
from kg.parse.quoting import quoted
from kg.parse.topics import find_topics
from kg.parse.value_notes import (
    ExtendedDates,
    parse_noted_budget,
    read_extension,
    split_note,
    unread_budget_reason,
)
from kg.parse.values import (
    NOT_ENDED,
    NOT_FIXED,
    PRIMA_ID_SHAPE,
    amount_in_parentheses,
    duration_dates,
    find_prima_ids,
    is_approximate,
    is_placeholder,
    open_span_start,
    parse_budget,
    parse_converted_budget,
    parse_year_span,
    pending_date,
    read_value_concept,
)
from kg.records import Outcome, Output, ParseIssue, ProjectPage
from kg.sources import SourceText

_LANGUAGES = ("en", "fr", "es")
ResultT = TypeVar("ResultT", Outcome, Output)


class _Reading:
    """The record being filled, with the issues and language hints found so far."""

    def __init__(self, page: SourceText) -> None:
        self.record = ProjectPage(source=page.source)
        self.issues: list[ParseIssue] = []
        self.languages: list[str] = []
        self.duration: tuple[Line, tuple[int, int | None]] | None = None  # its line, years
        self.extended: ExtendedDates | None = None  # the duration's extension, if it has one

    def error(self, field: str, message: str, line: int | None) -> None:
        self.issues.append(ParseIssue(field, message, line, "error"))

    def warning(self, field: str, message: str, line: int | None) -> None:
        self.issues.append(ParseIssue(field, message, line, "warning"))


def _value_line(raw: RawField) -> Line | None:
    """The field's value line without its bullet, or None when the page gives no value line."""
    if not raw.values:
        return None
    line = raw.values[0]
    text = strip_bullet(line.text).strip()
    return line if text == line.text else Line(line.number, text)


def _first_value(raw: RawField) -> Line | None:
    """The field's value line, or None when the page leaves it empty or says "N/A"."""
    line = _value_line(raw)
    return None if line is None or is_placeholder(line.text) else line


def _read_text(reading: _Reading, raw: RawField) -> None:
    value = _first_value(raw)
    if value is not None:
        setattr(reading.record, raw.name, value.text)


def _read_prima_id(reading: _Reading, raw: RawField) -> None:
    """Keep the Prima ID the value holds, reporting any text around it; a value that holds
    none (or two) is an error and is not kept, so the project is named as if the page gave none.
    """
    value = _first_value(raw)
    if value is None:
        return
    found = find_prima_ids(value.text)
    if len(found) != 1:
        reading.error("prima_id", _not_a_prima_id(value.text, found), value.number)
        return
    before, _, after = value.text.partition(found[0])
    rest = " ".join(part for part in (before.strip(), after.strip()) if part)
    if rest:
        reading.warning("prima_id", f"{quoted(value.text)}: kept the Prima ID "
                        f"{quoted(found[0])}; the text around it, {quoted(rest)}, is no part "
                        "of it", value.number)
    reading.record.prima_id = found[0]


def _not_a_prima_id(text: str, found: list[str]) -> str:
    """Why a Prima ID value is not kept: it names several, or none (as written)."""
    if found:
        return f"{quoted(text)} holds {len(found)} Prima IDs, {', '.join(found)}; none is kept"
    hint = "; IOM writes them in capitals" if find_prima_ids(text.upper()) else ""
    return f"{quoted(text)} is not a Prima ID ({PRIMA_ID_SHAPE}{hint}); it is not kept"


_YEAR_ROLES = {"start_year": "start year", "end_year": "end year", "year": "funding year"}


def _read_year(reading: _Reading, raw: RawField) -> None:
    """One year per field: of a span ("2021/22", "2022-2024") an end date keeps the last year,
    the others the first, and a warning says which year was not kept. A value saying the
    project has not ended or the date is not known yet ("Ongoing", "TBC") gives no year, with a
    warning saying so; a placeholder ("N/A") none, silently. A note in brackets ("2021
    (approved)") and the first date of an extended end date ("February 2022 – extended to June
    2022") are not kept, and a warning quotes them."""
    value = _value_line(raw)
    if value is None:
        return
    span = parse_year_span(value.text)
    note = None
    if span is None:
        if (_read_pending_date(reading, raw.name, value) or is_placeholder(value.text)
                or (raw.name == "end_year" and _read_extended_end(reading, value))):
            return
        noted = split_note(value.text)
        span = parse_year_span(noted[0]) if noted is not None else None
        if noted is None or span is None:
            reading.error(raw.name, f"unreadable year {quoted(value.text)}", value.number)
            setattr(reading.record, raw.name, None)
            return
        note = noted[1]
    kept, other = (span[1], span[0]) if raw.name == "end_year" else span
    role = _YEAR_ROLES[raw.name]
    if kept != other:
        reading.warning(raw.name, f"{quoted(value.text)} spans {span[0]} to {span[1]}; kept "
                        f"{kept} as the {role}, not {other}", value.number)
    if note is not None:
        reading.warning(raw.name, f"{quoted(value.text)}: kept {kept} as the {role}; the note "
                        f"in brackets, {quoted(note)}, is not kept", value.number)
    setattr(reading.record, raw.name, kept)


def _read_extended_end(reading: _Reading, value: Line) -> bool:
    """Keep the later date's year of an end date written with its extension ("February 2022 –
    extended to June 2022"), with a warning naming the first; True when the value is one."""
    extension = read_extension(value.text)
    if extension is None or extension.years[0] != extension.years[1]:
        return False
    _warn_extended(reading, quoted(value.text), extension, value.number)
    reading.record.end_year = extension.year
    return True


def _warn_extended(reading: _Reading, written: str, extension: ExtendedDates,
                   line: int) -> None:
    """Warn that the end year kept is the year an end date was extended to, naming that date."""
    reading.warning("end_year", f"{written}: the end date {quoted(extension.end)} was extended "
                    f"to {quoted(extension.later)}; kept {extension.year}, the year of the later "
                    "date, as the end year", line)


def _read_pending_date(reading: _Reading, name: str, value: Line) -> bool:
    """Report a date value that gives no year and is not wrong: "Ongoing" as an end date, "To
    be confirmed" as any date; True when the value is one."""
    pending = pending_date(value.text)
    role = _YEAR_ROLES[name]
    if pending == NOT_ENDED and name == "end_year":
        meaning = "the project has not ended yet"
    elif pending is not None and pending != NOT_ENDED:
        meaning = f"the {role} is not known yet"
    else:
        return False
    reading.warning(name, f"{quoted(value.text)} says {meaning}: there is no {role} to keep",
                    value.number)
    return True


def _read_duration(reading: _Reading, raw: RawField) -> None:
    """Keep the first and last years of a duration ("January 2021 – June 2023") for
    ``_apply_duration`` (a length in brackets beside them is left aside: "(30 months)"); a
    duration left open ("January 2021 – ongoing") gives its first year alone, one extended
    ("…, extended to June 2023") the year it was extended to as its last, and a length alone
    ("18 months") dates nothing: all three are reported."""
    value = _first_value(raw)
    if value is None:
        return
    dates = duration_dates(value.text)
    span: tuple[int, int | None] | None = parse_year_span(dates)
    if span is None and (start := open_span_start(dates)) is not None:
        reading.warning("duration", f"duration {quoted(value.text)} says the project has not "
                        f"ended: {start} is its start year, and there is no end year to keep",
                        value.number)
        span = (start, None)
    if span is None and (extended := read_extension(dates)) is not None:
        reading.extended, span = extended, (extended.years[0], extended.year)
    if span is None:
        reading.warning("duration", f"unreadable duration {quoted(value.text)}: no start or end "
                        "year read from it", value.number)
        return
    reading.duration = (value, span)


_DATE_LABELS = {"start_year": "start date", "end_year": "end date"}


def _apply_duration(reading: _Reading) -> None:
    """Fill the start and end years the page's dates leave null (absent, empty or unreadable,
    which stays an error) with the duration's first and last years; a year a date gives is
    kept, with a warning naming both years if they differ. An extended duration's end year
    kept (filled or given alike) is reported as an extended end date is."""
    if reading.duration is None:
        return
    value, span = reading.duration
    for name, year in zip(("start_year", "end_year"), span, strict=True):
        given = getattr(reading.record, name)
        if year is None:  # a duration left open ("2021 – ongoing") gives no end year
            continue
        if given is None:
            setattr(reading.record, name, year)
        if name == "end_year" and reading.extended is not None and given in (None, year):
            _warn_extended(reading, f"duration {quoted(value.text)}", reading.extended,
                           value.number)
        elif given not in (None, year):
            reading.warning("duration", f"duration {quoted(value.text)} gives {year} as the "
                            f"{_YEAR_ROLES[name]}, the {_DATE_LABELS[name]} {given}; kept "
                            f"{given}", value.number)


def _read_budget(reading: _Reading, raw: RawField) -> None:
    """The amount and currency of the budget field, with a warning for what is read but not
    kept, and an error when the value is unreadable; a budget not known yet ("TBC", "To be
    confirmed") is no budget, with a warning, as a date not known yet is."""
    value = _value_line(raw)
    if value is None:
        return
    if pending_date(value.text) == NOT_FIXED:
        reading.warning("budget", f"{quoted(value.text)} says the budget is not known yet: "
                        "there is no amount to keep", value.number)
        return
    if is_placeholder(value.text):
        return
    budget = parse_budget(value.text, raw.currency)
    converted = parse_converted_budget(value.text, raw.currency) if budget is None else None
    noted = (parse_noted_budget(value.text, raw.currency)
             if budget is None and converted is None else None)
    if converted is not None:
        budget, other = converted
        reading.warning("budget", f"{quoted(value.text)}: read as {budget.currency} "
                        f"{budget.amount}; the amount in brackets, {quoted(other)}, is the same "
                        "money in another currency and is not kept", value.number)
    elif noted is not None:
        budget = noted.budget
        what = ("the amount in words in brackets, {}, is the same and" if noted.in_words
                else "the note in brackets, {},")
        reading.warning("budget", f"{quoted(value.text)}: read as {budget.currency} "
                        f"{budget.amount}; {what.format(quoted(noted.note))} is not kept",
                        value.number)
    elif budget is None:
        reading.error("budget", unread_budget_reason(value.text, raw.currency), value.number)
    elif is_approximate(value.text):
        reading.warning("budget", f"approximate amount {quoted(value.text)}: read as "
                        f"{budget.amount}", value.number)
    elif budget.amount > 0 and amount_in_parentheses(value.text):
        reading.warning("budget", f"amount in parentheses {quoted(value.text)}: read as "
                        f"{budget.amount}, not -{budget.amount}; in accounting, parentheses mark "
                        "a negative amount", value.number)
    reading.record.budget = budget


def _read_concept(reading: _Reading, raw: RawField) -> None:
    value = _first_value(raw)
    if value is None:
        return
    concept, language = read_value_concept(CONCEPT_SCHEMES[raw.name], value.text)
    if concept is None:
        reading.warning(raw.name, f"unknown {raw.name.replace('_', ' ')} value "
                        f"{quoted(value.text)}", value.number)
        setattr(reading.record, raw.name, value.text)
        return
    if language is not None:
        reading.languages.append(language)
    setattr(reading.record, raw.name, concept.label_en)


def _read_member_states(reading: _Reading, raw: RawField) -> None:
    reading.issues.extend(read_member_states(raw.values, reading.record.member_states))


_READERS: dict[str, Callable[[_Reading, RawField], None]] = {
    "title": _read_text, "prima_id": _read_prima_id, "projects_id": _read_text,
    "start_year": _read_year, "end_year": _read_year, "year": _read_year,
    "duration": _read_duration,
    "budget": _read_budget, "status": _read_concept, "project_type": _read_concept,
    "coverage": _read_concept, "idf_region": _read_concept,
    "member_states": _read_member_states,
}


def _page_language(label_languages: list[str], value_languages: list[str]) -> str:
    """The language most labels are in; the values' language when labels say nothing; else en."""
    for votes in (label_languages, value_languages):
        if votes:
            return max(_LANGUAGES, key=votes.count)  # on a tie, the first in _LANGUAGES
    return "en"


def _narrative_for_chain(lines: list[Line]) -> str:
    """Narrative text whose n-th line is source line ``first_line + n`` (blank lines restored)."""
    parts = [lines[0].text]
    for previous, line in pairwise(lines):
        parts.append("\n" * max(1, line.number - previous.number))
        parts.append(line.text)
    return "".join(parts)


def _read_narrative(reading: _Reading, page: SourceText, lines: list[Line]) -> None:
    """Keep the narrative and read its results chain and organisations. The chain is read from
    the lines as the page indents them, so an item indented under a listed result is part of it.
    """
    record = reading.record
    record.narrative = "\n".join(line.text for line in lines)
    chain = parse_results_chain(_narrative_for_chain(indented_lines(page, lines)),
                                lines[0].number)
    record.objective = chain.objective
    record.outcomes = [_tagged(outcome, record.language) for outcome in chain.outcomes]
    record.outputs = [_tagged(output, record.language) for output in chain.outputs]
    reading.issues.extend(chain.issues)
    record.organisations = list(find_organisations(record.narrative))


def _tagged(result: ResultT, language: str) -> ResultT:
    """An outcome (its outputs too) or an output with the topics its text names (built
    directly: ``dataclasses.replace`` cost a tenth of tagging, on every page a build reads)."""
    topics = find_topics(result.text, language)
    if isinstance(result, Outcome):
        return Outcome(result.label, result.text,
                       [_tagged(output, language) for output in result.outputs],
                       list(topics.activities), list(topics.target_groups))
    return Output(result.label, result.text, list(topics.activities), list(topics.target_groups))


def _field_line(raw: RawField) -> int | None:
    """The line where a field is written: its label, else its value."""
    line = raw.label or (raw.values[0] if raw.values else None)
    return line.number if line is not None else None


def build_project_page(page: SourceText, lines: list[Line], block: FieldBlock) -> ProjectPage:
    """The project record of a page whose fields ``block`` holds."""
    reading = _Reading(page)
    reading.issues.extend(block.issues)
    seen: dict[str, RawField] = {}
    for raw in block.fields:
        earlier = seen.get(raw.name)
        if earlier is not None and raw.name != "member_states":
            shown = raw.values[0].text if raw.values else ""
            if (earlier.values[0].text if earlier.values else "") != shown:
                reading.warning(raw.name, "field given twice; kept the first value, not "
                                f"{quoted(shown)}", _field_line(raw))
            continue
        seen[raw.name] = raw
        _READERS[raw.name](reading, raw)
    _apply_duration(reading)
    record = reading.record
    text_above: list[Line] = []
    if "title" not in seen:
        title, passed_over, text_above = read_title(lines, block.start)
        record.title = title.text if title is not None else None
        reading.issues.extend(passed_over)
    if record.prima_id is None and not any(
            issue.field == "prima_id" and issue.severity == "error" for issue in reading.issues):
        given = seen.get("prima_id")
        reading.warning("prima_id", "no Prima ID on the page",
                        _field_line(given) if given is not None else None)
    record.language = _page_language(block.languages, reading.languages)
    narrative = text_above + [line for line in lines[block.end:] if not is_separator(line.text)]
    if narrative:
        _read_narrative(reading, page, narrative)
    record.issues = sorted(reading.issues, key=lambda issue: issue.line or 0)
    return record
