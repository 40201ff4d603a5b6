"""Read the field block of a page that lists bare values in the site's fixed field order.

Each value is recognised by its shape or value list (a year, an amount, a status, a Prima ID,
a list of countries...) and placed at the first field in order, from the last one filled, that
accepts it. Values recognised by nothing fill the gaps between recognised ones, preferring the
fields whose values come from a value list.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.parse.fields import (
    FIELD_ORDER,
    FieldBlock,
    RawField,
    is_heading,
    is_prose,
    is_separator,
    is_value_shaped,
    strip_bullet,
)
from kg.parse.labeled import continues_member_states, reads_as_state_list
from kg.parse.lines import Line
from kg.parse.quoting import quoted
from kg.parse.values import (
    PRIMA_ID,
    PROJECTS_ID,
    find_value_concept,
    is_country_line,
    is_placeholder,
    is_year_only,
    parse_budget,
    parse_year,
)
from kg.records import ParseIssue

_POSITION = {name: position for position, name in enumerate(FIELD_ORDER)}
_MEMBER_STATES = _POSITION["member_states"]
_MEMBER_STATES_ONLY = frozenset({"member_states"})
_YEARS = frozenset({"start_year", "end_year", "year"})
_SCHEMES = {"status": "status", "project_type": "project-type", "coverage": "coverage",
            "idf_region": "idf-region"}
# Which field an unrecognised value most likely fills: value-list fields first.
_GAP_PREFERENCE = ("status", "project_type", "coverage", "idf_region", "projects_id", "prima_id",
                   "budget", "start_year", "end_year", "year", "member_states")
_STRONG = frozenset({"budget", "prima_id", "projects_id", "status", "project_type"})
_WINDOW = 8
_MIN_RUN = 3
_MAX_VALUE_WORDS = 12
_TYPE_WORDS = 3  # an unknown value of this many words, where status and type are missing, is a type


def value_fields(text: str) -> frozenset[str]:
    """The fields a bare value could fill, judged by its shape and the value lists; a long line
    or a sentence can only be a list of member states (regional projects list 15 to 30)."""
    text = strip_bullet(text)
    if text.count(" ") >= _MAX_VALUE_WORDS or is_prose(text):
        return _MEMBER_STATES_ONLY if reads_as_state_list(text) else frozenset()
    fits: set[str] = set()
    if parse_year(text) is not None:
        fits |= _YEARS
    elif not is_year_only(text) and parse_budget(text) is not None:
        fits.add("budget")
    for name, scheme in _SCHEMES.items():
        if find_value_concept(scheme, text) is not None:
            fits.add(name)
    if PRIMA_ID.match(text):
        fits.add("prima_id")
    elif PROJECTS_ID.match(text):
        fits.add("projects_id")
    if not fits and is_country_line(text):
        fits.add("member_states")
    return frozenset(fits)


def find_value_block(lines: list[Line]) -> int | None:
    """Index of the first bare field value with at least two more close after it, or None."""
    kinds: list[frozenset[str] | None] = [None] * len(lines)

    def kind(index: int) -> frozenset[str]:
        if kinds[index] is None:
            kinds[index] = value_fields(lines[index].text)
        return kinds[index] or frozenset()

    texts = [i for i in range(len(lines)) if not is_separator(lines[i].text)]
    for place, index in enumerate(texts):
        if not kind(index) or _in_menu_run(kind, texts, place):
            continue
        window = [i for i in range(index, min(len(lines), index + _WINDOW))
                  if not is_separator(lines[i].text)]
        found = [kind(i) for i in window if kind(i)]
        if len(found) >= _MIN_RUN and any(fits & _STRONG for fits in found):
            return index
    return None


def _in_menu_run(kind: Callable[[int], frozenset[str]], texts: list[int], place: int) -> bool:
    """True when the line at ``texts[place]`` sits in a run of values of one list field
    ("Africa" / "Asia and the Pacific" / "Europe": a region menu): in the site's order no list
    field follows itself (years and member states may, and are not counted)."""
    fits = kind(texts[place])
    if fits & (_YEARS | {"member_states"}):
        return False
    return any(0 <= near < len(texts) and kind(texts[near]) == fits
               for near in (place - 1, place + 1))


def _fill_gap(block: FieldBlock, pending: list[Line], low: int, high: int) -> None:
    """Give unrecognised values to the free fields between positions ``low`` and ``high``."""
    if not pending:
        return
    free = [name for name in _GAP_PREFERENCE if low <= _POSITION[name] < high]
    if len(pending) == 1 and {"status", "project_type"} <= set(free) and \
            len(pending[0].text.split()) >= _TYPE_WORDS:
        free.remove("project_type")  # a status is a word or two; a longer name is a type
        free.insert(0, "project_type")
    chosen = sorted(free[: len(pending)], key=_POSITION.__getitem__)
    for name, line in zip(chosen, pending, strict=False):
        block.fields.append(RawField(name, None, [line]))
    for line in pending[len(chosen):]:
        block.issues.append(ParseIssue(
            "page", f"unrecognised value among the fields: {quoted(line.text)}", line.number,
            "warning"))
    pending.clear()


def read_value_block(lines: list[Line], start: int) -> FieldBlock:
    """The bare values from ``start`` (the first one after the title) up to the narrative."""
    block = FieldBlock(start=start, end=len(lines))
    pending: list[Line] = []
    position = _POSITION["start_year"]
    index = start
    while index < len(lines):
        line = lines[index]
        if is_separator(line.text):
            index += 1
            continue
        if position == _MEMBER_STATES and block.fields and \
                block.fields[-1].name == "member_states":
            if not continues_member_states(lines, index):
                break
            block.fields[-1].values.append(line)
            index += 1
            continue
        if is_placeholder(strip_bullet(line.text)):
            pending.append(line)
            index += 1
            continue
        fits = value_fields(line.text)
        target = next((name for name in FIELD_ORDER[position:] if name in fits), None)
        if target is not None:
            _fill_gap(block, pending, position, _POSITION[target])
            block.fields.append(RawField(target, None, [line]))
            position = min(_POSITION[target] + 1, _MEMBER_STATES)
        elif fits:
            block.issues.append(ParseIssue(
                "page", f"value out of the usual field order: {quoted(line.text)}", line.number,
                "warning"))
        elif is_value_shaped(line.text) and not is_heading(line.text):
            pending.append(line)
        else:
            break
        index += 1
    _fill_gap(block, pending, position, len(FIELD_ORDER))
    block.end = index
    return block
