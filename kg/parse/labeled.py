"""Read the field block of a page whose fields carry labels.

Covers "label line, value line" blocks with or without "-" separator lines, bulleted labels
whose value is on the next line (or missing, or a list item of its own when it is what the
field holds: "• Benefiting Member States:" over "– Palau"), "Label: value" on one line (a list
of member states running on to the lines under it when it breaks off on a comma or "and", or
when they read as countries), a table of states under its label (a row a line, its cells
tab-separated: ``member_states``), and the label/value lines HTML pages give (``<dt>/<dd>``,
``<strong>Label</strong> value``). Label-shaped lines the parser does not know are reported,
with their value, as warnings; so is a label left without a value whose next short line starts
the narrative.
"""

from __future__ import annotations

from itertools import pairwise

from kg.parse.boilerplate import is_navigation, nearest_text
from kg.parse.fields import (
    FieldBlock,
    LabelMatch,
    RawField,
    fits_field,
    has_bullet,
    is_heading,
    is_label_shaped,
    is_prose,
    is_separator,
    is_value_shaped,
    label_key,
    label_text,
    match_label,
    split_inline,
    strip_bullet,
)
from kg.parse.lines import Line
from kg.parse.member_states import is_states_table_header, is_table_row_under
from kg.parse.quoting import quoted
from kg.parse.values import is_country_line, split_member_states
from kg.records import ParseIssue
from kg.reference.countries import gazetteer

_NEARBY_LINES = 12
_LIST_JOINS = frozenset({"and", "&", "et", "y", "e"})
# Headings that open a page's narrative besides those ``is_heading`` knows: a line with one of
# these words, or opening with one of the openers, ends a list of member states.
_SECTION_WORDS = frozenset({
    "challenge", "challenges", "rationale", "approach", "justification", "problem", "purpose",
    "goal", "goals", "activities", "beneficiaries", "partners", "achievements", "highlights",
    "defi", "defis", "enjeux", "approche", "justificatif", "activites", "desafio", "desafios",
    "reto", "retos", "enfoque", "justificacion", "actividades", "beneficiarios",
})
_SECTION_OPENERS = frozenset({
    "the", "a", "an", "our", "about", "why", "how", "what", "le", "la", "les", "l", "notre", "nos",
    "el", "los", "las", "nuestro", "nuestra", "nuestros", "sobre", "acerca",
})


def label_index(lines: list[Line]) -> list[LabelMatch | None]:
    """For each line, the known field label it holds (None for other lines)."""
    return [match_label(line.text) for line in lines]


def reads_as_state_list(text: str) -> bool:
    """True when the gazetteer reads the line as a list of countries, however long (regional
    projects list 15 to 30 states): it finds countries, and few other words."""
    text = strip_bullet(text)
    if not gazetteer().may_be_list(text):  # prose: no need to look each word up
        return False
    found, unknown = split_member_states(text)
    return bool(found) and 2 * sum(len(span.split()) for span in unknown) <= len(found)


def _is_section_heading(text: str) -> bool:
    """True for a narrative heading: "Background", "The Challenge", "Rationale", "Le défi"."""
    words = label_key(text).split()
    return is_heading(text) or (bool(words) and (
        words[0] in _SECTION_OPENERS or any(word in _SECTION_WORDS for word in words)))


def find_label_block(lines: list[Line],
                     labels: list[LabelMatch | None]) -> tuple[int, int] | None:
    """(index of the first field label, number of label lines) or None when there are none.

    The first label is the first one with another label close after it, so that a menu entry
    that happens to read like a label ("Region") does not start the block, and that is not
    itself an entry of the site's menu ("Member States" between "About IOM" and "Partners").
    """
    positions = [index for index, match in enumerate(labels) if match is not None]
    if not positions:
        return None
    for position, following in pairwise(positions):
        if following - position <= _NEARBY_LINES and not _is_menu_label(lines, position, labels):
            return position, len(positions)
    return positions[0], len(positions)


def _is_menu_label(lines: list[Line], index: int, labels: list[LabelMatch | None]) -> bool:
    """True when the label line at ``index`` is an entry of the site's menu, not a field: it
    has no value of its own, the line above it reads as navigation, the line under it is no
    value of its field ("Partners" under "Member States"), and no field follows that line, as
    one would after a label and its value."""
    match = labels[index]
    if match is None or match.value is not None:
        return False
    above = nearest_text(lines, index, -1)
    under = nearest_text(lines, index, 1)
    if above is None or under is None or labels[under] is not None:
        return False
    after = under + 1
    if after < len(lines) and (labels[after] is not None or is_separator(lines[after].text)):
        return False
    return is_navigation(lines, above) and not fits_field(match.field, lines[under].text)


def _is_value_line(lines: list[Line], index: int, labels: list[LabelMatch | None],
                   label_line: Line, field: str | None = None) -> bool:
    """True when the line at ``index`` is the value of the label on ``label_line``; a list of
    member states is one whatever its length or final full stop."""
    if index >= len(lines) or labels[index] is not None:
        return False
    text = lines[index].text
    if is_separator(text):
        return False
    if not is_value_shaped(text) and not (field == "member_states" and reads_as_state_list(text)):
        return False
    # In bulleted lists a value sits on its own indented line; a bullet starts the next item,
    # unless that item is what the label's field holds.
    return not (has_bullet(label_line.text) and has_bullet(text)) or \
        _is_bulleted_value(lines, index, labels, field)


def _is_bulleted_value(lines: list[Line], index: int, labels: list[LabelMatch | None],
                       field: str | None) -> bool:
    """True when the list item at ``index``, under a bulleted label of ``field``, is that
    field's value rather than the next item: a member state (or a name among them) under the
    member states, a year, an amount, a known value or an identifier under the others."""
    if field == "member_states":
        return continues_member_states(lines, index, labels)
    return field is not None and fits_field(field, strip_bullet(lines[index].text))


def continues_member_states(lines: list[Line], index: int,
                            labels: list[LabelMatch | None] | None = None) -> bool:
    """True when the line at ``index`` is one more entry of a member state list.

    Lines the gazetteer reads as countries continue it, however long; so does a short line it
    does not know when it sits between countries or just before the narrative (reported later
    as unknown), but not a field label, a "Label: value" line, one followed by a value (then it
    is a label) nor a narrative heading.
    """
    if index >= len(lines) or (labels is not None and labels[index] is not None):
        return False
    text = lines[index].text
    if is_separator(text) or (split_inline(text) is not None and not is_country_line(text)):
        return False
    if reads_as_state_list(text):
        return True
    if not is_value_shaped(text) or not is_label_shaped(text) or _is_section_heading(text):
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
    empty: RawField | None = None  # the field just read, when it has no value
    while index < len(lines):
        line, match = lines[index], labels[index]
        if is_separator(line.text):
            index += 1
            continue
        if match is not None:
            index = _read_known_field(lines, index, match, labels, block)
            empty = block.fields[-1] if not block.fields[-1].values else None
            continue
        if (after := _read_unknown_field(lines, index, labels, last_label, block)) is not None:
            index = after
        elif index < last_label:
            block.issues.append(ParseIssue(
                "page", f"unexpected text among the fields: {quoted(line.text)}", line.number,
                "warning"))
            index += 1
        else:
            if empty is not None and not is_prose(line.text):
                block.issues.append(_lost_value(empty, line))
            break
        empty = None
    block.end = index
    return block


def _lost_value(raw: RawField, line: Line) -> ParseIssue:
    """The warning for a field left without a value while the short line after it, not read as
    its value (a list item that is not what the field holds), starts the narrative."""
    label = raw.label or line
    return ParseIssue(raw.name, f"no value read for {quoted(label_text(label.text))}: the line "
                      f"after it, {quoted(line.text)}, is not one and starts the narrative",
                      label.number, "warning")


def _read_known_field(lines: list[Line], index: int, match: LabelMatch,
                      labels: list[LabelMatch | None], block: FieldBlock) -> int:
    label_line = lines[index]
    if match.language:
        block.languages.append(match.language)
    if match.value is not None:
        values = [Line(label_line.number, match.value)]
        index += 1
        if match.field == "member_states":
            while (continues_member_states(lines, index, labels)
                   and (_runs_on(values[-1].text) or reads_as_state_list(lines[index].text))):
                values.append(lines[index])
                index += 1
        block.fields.append(RawField(match.field, label_line, values, match.currency))
        return index
    values: list[Line] = []
    index += 1
    if _is_value_line(lines, index, labels, label_line, match.field):
        values.append(lines[index])
        index += 1
        if match.field == "member_states" and is_states_table_header(values[0].text):
            while (index < len(lines) and labels[index] is None
                   and is_table_row_under(values[0].text, lines[index].text)):
                values.append(lines[index])
                index += 1
        elif match.field == "member_states":
            while continues_member_states(lines, index, labels):
                values.append(lines[index])
                index += 1
    block.fields.append(RawField(match.field, label_line, values, match.currency))
    return index


def _runs_on(text: str) -> bool:
    """True when a list of names breaks off unfinished: "Albania, Montenegro," or "... and"."""
    text = text.rstrip()
    return text.endswith((",", ";")) or text.rsplit(" ", 1)[-1].casefold() in _LIST_JOINS


def _read_unknown_field(lines: list[Line], index: int, labels: list[LabelMatch | None],
                        last_label: int, block: FieldBlock) -> int | None:
    """Report a label the parser does not know, with its value; the index after it, or None."""
    text = lines[index].text
    inline = split_inline(text)
    if inline is not None and index > last_label and not _is_trailing_field(*inline):
        inline = None
    if inline is not None:
        label, value, after = inline[0], inline[1], index + 1
    elif is_label_shaped(text) and _is_value_line(lines, index + 1, labels, lines[index]):
        if index > last_label and is_heading(text):
            return None  # a narrative heading and its first line, not a field
        label, value, after = label_text(text), lines[index + 1].text, index + 2
    else:
        return None
    block.issues.append(ParseIssue(
        label, f"unknown field label {quoted(label)} with value {quoted(value)}",
        lines[index].number, "warning"))
    return after


def _is_trailing_field(label: str, value: str) -> bool:
    """True when a "Label: value" line just after the last known field is one more field
    ("Donor: IOM Development Fund"), not the narrative's first heading ("Outcome 1: ...",
    "Efecto 1: ...": field labels hold no number) or sentence."""
    return (not is_heading(label) and not any(ch.isdigit() for ch in label)
            and is_value_shaped(value))
