"""Read the field block of a page whose fields carry labels.

Covers "label line, value line" blocks with or without "-" separator lines, bulleted labels
whose value is on the next line (or missing), "Label: value" on one line, and the label/value
lines HTML pages give (``<dt>/<dd>``, ``<strong>Label</strong> value``). Label-shaped lines
the parser does not know are reported, with their value, as warnings.
"""

from __future__ import annotations

from itertools import pairwise

from kg.parse.fields import (
    FieldBlock,
    LabelMatch,
    RawField,
    has_bullet,
    is_heading,
    is_label_shaped,
    is_separator,
    is_value_shaped,
    label_text,
    match_label,
    split_inline,
)
from kg.parse.lines import Line
from kg.parse.values import is_country_line
from kg.records import ParseIssue

_NEARBY_LINES = 12


def label_index(lines: list[Line]) -> list[LabelMatch | None]:
    """For each line, the known field label it holds (None for other lines)."""
    return [match_label(line.text) if len(line.text) <= 200 else None for line in lines]


def find_label_block(labels: list[LabelMatch | None]) -> tuple[int, int] | None:
    """(index of the first field label, number of label lines) or None when there are none.

    The first label is the first one with another label close after it, so that a menu entry
    that happens to read like a label ("Region") does not start the block.
    """
    positions = [index for index, match in enumerate(labels) if match is not None]
    if not positions:
        return None
    for position, following in pairwise(positions):
        if following - position <= _NEARBY_LINES:
            return position, len(positions)
    return positions[0], len(positions)


def _is_value_line(lines: list[Line], index: int, labels: list[LabelMatch | None],
                   label_line: Line) -> bool:
    if index >= len(lines) or labels[index] is not None:
        return False
    text = lines[index].text
    if is_separator(text) or not is_value_shaped(text):
        return False
    # In bulleted lists a value sits on its own indented line; a bullet starts the next item.
    return not (has_bullet(label_line.text) and has_bullet(text))


def continues_member_states(lines: list[Line], index: int,
                            labels: list[LabelMatch | None] | None = None) -> bool:
    """True when the line at ``index`` is one more entry of a one-per-line member state list.

    Lines naming only countries continue it; so does a short line the gazetteer does not know
    when it sits between countries or just before the narrative (reported later as unknown),
    but not one followed by a value (then it is a label) nor a narrative heading.
    """
    if index >= len(lines) or (labels is not None and labels[index] is not None):
        return False
    text = lines[index].text
    if is_separator(text) or not is_value_shaped(text):
        return False
    if is_country_line(text):
        return True
    if not is_label_shaped(text) or is_heading(text):
        return False
    following = lines[index + 1].text if index + 1 < len(lines) else None
    if following is None or is_separator(following):
        return True
    if labels is not None and labels[index + 1] is not None:
        return True
    if is_country_line(following):
        return True
    return not is_value_shaped(following)


def read_labeled_block(lines: list[Line], start: int,
                       labels: list[LabelMatch | None]) -> FieldBlock:
    """The labeled fields from ``start`` up to the narrative (the first line that is neither)."""
    block = FieldBlock(start=start, end=len(lines))
    last_label = max(index for index, match in enumerate(labels) if match is not None)
    index = start
    while index < len(lines):
        line, match = lines[index], labels[index]
        if is_separator(line.text):
            index += 1
        elif match is not None:
            index = _read_known_field(lines, index, match, labels, block)
        elif (after := _read_unknown_field(lines, index, labels, last_label, block)) is not None:
            index = after
        elif index < last_label:
            block.issues.append(ParseIssue(
                "page", f"unexpected text among the fields: {line.text!r}", line.number, "warning"))
            index += 1
        else:
            break
    block.end = index
    return block


def _read_known_field(lines: list[Line], index: int, match: LabelMatch,
                      labels: list[LabelMatch | None], block: FieldBlock) -> int:
    label_line = lines[index]
    if match.language:
        block.languages.append(match.language)
    if match.value is not None:
        value = Line(label_line.number, match.value)
        block.fields.append(RawField(match.field, label_line, [value], match.currency))
        return index + 1
    values: list[Line] = []
    index += 1
    if _is_value_line(lines, index, labels, label_line):
        values.append(lines[index])
        index += 1
        if match.field == "member_states":
            while continues_member_states(lines, index, labels):
                values.append(lines[index])
                index += 1
    block.fields.append(RawField(match.field, label_line, values, match.currency))
    return index


def _read_unknown_field(lines: list[Line], index: int, labels: list[LabelMatch | None],
                        last_label: int, block: FieldBlock) -> int | None:
    """Report a label the parser does not know, with its value; the index after it, or None."""
    text = lines[index].text
    inline = split_inline(text) if index < last_label else None
    if inline is not None:
        label, value, after = inline[0], inline[1], index + 1
    elif is_label_shaped(text) and _is_value_line(lines, index + 1, labels, lines[index]):
        if index > last_label and is_heading(text):
            return None  # a narrative heading and its first line, not a field
        label, value, after = label_text(text), lines[index + 1].text, index + 2
    else:
        return None
    block.issues.append(ParseIssue(
        label, f"unknown field label {label!r} with value {value!r}", lines[index].number,
        "warning"))
    return after
