"""Bulleted field blocks: a value written as a list item of its own under a bulleted label
(member states one per item, sub-bullets under the label), and a bulleted label whose value
cannot be read, which is reported rather than left empty while its text joins the narrative."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import iso3s, parse_text

from kg.records import ProjectPage

NARRATIVE = ("Seasonal farm workers who cross the Mekong borders rarely hold a written contract "
             "before they leave home.\n"
             "The project aims to give recruiters and workers one standard contract "
             "(Objective).\n")


def bulleted_page(label_bullet: str, state_bullet: str, states: list[str]) -> str:
    """A project page whose fields are bulleted and whose member states (line 7 on) are list
    items of their own."""
    items = "".join(f"{state_bullet}{state}\n" for state in states)
    return ("Fair Recruitment Along the Mekong Labour Corridors\n"
            f"{label_bullet}Project Type: Labour Mobility and Human Development\n"
            f"{label_bullet}Budget: USD 180,000\n"
            f"{label_bullet}Year: 2023\n"
            f"{label_bullet}Prima ID: TH10P0412\n"
            f"{label_bullet}Benefiting Member States:\n"
            f"{items}{NARRATIVE}")


def issue_lines(record: ProjectPage) -> list[tuple[str, str, int | None]]:
    return [(issue.severity, issue.field, issue.line) for issue in record.issues]


@pytest.mark.parametrize(("label_bullet", "state_bullet"), [
    ("• ", "  – "), ("• ", "• "), ("* ", "    - "), ("- ", "- "),
])
def test_bulleted_member_states_under_a_bulleted_label_are_read(
        tmp_path: Path, label_bullet: str, state_bullet: str) -> None:
    record = parse_text(tmp_path, bulleted_page(
        label_bullet, state_bullet, ["Cambodia", "Lao People's Democratic Republic", "Thailand"]))
    assert iso3s(record) == ["KHM", "LAO", "THA"]
    assert record.prima_id == "TH10P0412"
    assert record.issues == []
    assert record.narrative is not None and record.narrative.startswith("Seasonal farm workers")
    assert record.objective == "give recruiters and workers one standard contract"


def test_a_bulleted_unknown_name_among_bulleted_states_is_reported(tmp_path: Path) -> None:
    record = parse_text(tmp_path, bulleted_page("• ", "  – ", ["Cambodia", "Narnia", "Thailand"]))
    assert iso3s(record) == ["KHM", "THA"]
    assert [(issue.severity, issue.line, issue.message) for issue in record.issues] == [
        ("error", 8, "unknown member state 'Narnia'")]


def test_a_sub_bullet_under_a_bulleted_label_is_its_value(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Fair Recruitment Along the Mekong Labour Corridors\n"
        "• Coverage:\n  – Regional\n• Year:\n  – 2023\n• Prima ID:\n  – TH10P0412\n"
        "• Benefiting Member States:\n  – Cambodia\n  – Thailand\n" + NARRATIVE))
    assert (record.coverage, record.year, record.prima_id) == ("Regional", 2023, "TH10P0412")
    assert iso3s(record) == ["KHM", "THA"]
    assert record.issues == []


def test_an_empty_bullet_before_the_next_label_stays_silent(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Fair Recruitment Along the Mekong Labour Corridors\n"
        "• Projects ID\n• Prima ID\n  TH10P0412\n• Benefiting Member States\n  Thailand\n"
        + NARRATIVE))
    assert record.projects_id is None
    assert iso3s(record) == ["THA"]
    assert record.issues == []


def test_a_bulleted_label_whose_value_is_not_read_is_reported(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Fair Recruitment Along the Mekong Labour Corridors\n"
        "• Year: 2023\n• Prima ID: TH10P0412\n• Benefiting Member States:\n"
        "• the three Mekong states named in the agreement\n" + NARRATIVE))
    assert record.member_states == []
    assert issue_lines(record) == [("warning", "member_states", 4)]
    assert "'• the three Mekong states named in the agreement'" in record.issues[0].message


def test_a_last_empty_bullet_before_the_narrative_stays_silent(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Fair Recruitment Along the Mekong Labour Corridors\n"
        "• Year: 2023\n• Prima ID: TH10P0412\n• Projects ID\n" + NARRATIVE))
    assert record.projects_id is None
    assert record.issues == []
    assert record.narrative is not None and record.narrative.startswith("Seasonal farm workers")
