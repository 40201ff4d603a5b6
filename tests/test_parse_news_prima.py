"""Prima IDs in news articles: a project named by its Prima ID alone ("the project GE10P0377"),
and values shaped almost like a Prima ID ("GE10P377"), which are reported, not kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import parse_article

from kg.parse.news import find_projects
from kg.records import ProjectMention

MENU = "Who We Are\nOur Work\n"
BALKANS = "Strengthening Border Management in the Western Balkans"
ACRONYMS = frozenset({"IOM", "OIM"})


def by_id(prima_id: str, start: int | None = None, end: int | None = None,
          acronym: str | None = None) -> ProjectMention:
    """A mention that gives a Prima ID and no title."""
    return ProjectMention("", acronym, start, end, prima_id)


# --- A Prima ID alone names a project ------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Twelve crossing points in Albania were refitted under the project GE10P0377 last year.",
     [by_id("GE10P0377")]),
    ("The patrol boats were handed over under Prima ID GE10P0377 to the border police.",
     [by_id("GE10P0377")]),
    ("Forty shelter staff were trained in Port Vila (Prima ID: VU10P0543).",
     [by_id("VU10P0543")]),
    ("Officials from five ministries met in Dakar for the IDF project CT10P0048 on Tuesday.",
     [by_id("CT10P0048")]),
    ("The new register was the first result of project no. KE10P0233.", [by_id("KE10P0233")]),
    ("Les agents ont été formés dans le cadre du projet CT10P0048, financé par l'OIM.",
     [by_id("CT10P0048")]),
    ("Les formations se poursuivront en 2025 (ID Prima : CT10P0048).", [by_id("CT10P0048")]),
    ("Los inspectores se capacitaron en el marco del proyecto GT10P0231 durante marzo.",
     [by_id("GT10P0231")]),
    ("The project GE10P0377 (SBM, 2019–2021) equipped eleven crossing points.",
     [by_id("GE10P0377", 2019, 2021, "SBM")]),
])
def test_a_prima_id_introduced_as_a_project_id_names_a_project(
        text: str, expected: list[ProjectMention]) -> None:
    assert find_projects(text, ACRONYMS) == expected


@pytest.mark.parametrize("text", [
    "The ferry GE10P0377 left the port of Durrës at noon.",
    "Officers scanned 4,000 passports with code GE10P0377 printed on the form.",
])
def test_a_prima_id_shaped_code_not_introduced_as_one_names_no_project(text: str) -> None:
    assert find_projects(text, ACRONYMS) == []


@pytest.mark.parametrize("bracket", ["(Prima ID: VU10P0543)", "(IDF, Prima ID VU10P0543)"])
def test_the_development_fund_before_a_prima_id_is_not_the_project_title(bracket: str) -> None:
    text = ("Forty shelter staff were trained in Port Vila, with funding from the IOM Development "
            f"Fund {bracket}.")
    assert find_projects(text, ACRONYMS) == [by_id("VU10P0543")]


def test_a_prima_id_given_alone_and_after_the_title_is_one_project() -> None:
    text = (f"Border police trained under the project GE10P0377 now patrol together. The "
            f"project “{BALKANS}” (Prima ID GE10P0377) ends in June.")
    assert find_projects(text, ACRONYMS) == [
        ProjectMention(BALKANS, None, None, None, "GE10P0377")]


def test_two_prima_ids_given_alone_are_two_projects() -> None:
    text = ("The project GE10P0377 refitted the crossing points and the project RS10P0402 "
            "trained the officers who work there.")
    assert find_projects(text, ACRONYMS) == [by_id("GE10P0377"), by_id("RS10P0402")]


def test_an_article_naming_a_project_by_its_prima_id_has_that_mention(tmp_path: Path) -> None:
    record = parse_article(tmp_path, MENU + "Vanuatu Shelters Ready for Cyclone Season\n"
                     "Port Vila, 2 October 2024 – Forty staff of three shelters in Vanuatu "
                     "finished a course on caring for survivors of trafficking, part of the "
                     "project VU10P0543 funded by the IOM Development Fund.\n"
                     "The Ministry of Internal Affairs will run the next course itself.\n")
    assert record.projects == [by_id("VU10P0543")]
    assert record.issues == []


# --- Values shaped almost like a Prima ID are reported ---------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    (f"Six crossing points were refitted under the project “{BALKANS}” (Prima ID GE10P377).",
     [ProjectMention(BALKANS)]),
    (f"Six crossing points were refitted under the project “{BALKANS}” (GE10X0377).",
     [ProjectMention(BALKANS)]),
    ("Twelve crossing points were refitted under the project GE10P03771 last year.", []),
])
def test_a_value_almost_shaped_like_a_prima_id_is_not_kept_as_one(
        text: str, expected: list[ProjectMention]) -> None:
    assert find_projects(text, ACRONYMS) == expected


def test_a_value_almost_shaped_like_a_prima_id_is_reported_with_its_line(
        tmp_path: Path) -> None:
    record = parse_article(tmp_path, MENU + "Border Police Patrol Together for the First Time\n"
                     "Tirana, 3 May 2023 – Border police from Albania and Montenegro patrolled "
                     "the lake shore together for the first time.\n"
                     f"The patrols belong to the project “{BALKANS}” (Prima ID GE10P377).\n")
    assert record.projects == [ProjectMention(BALKANS)]
    [issue] = record.issues
    assert (issue.field, issue.line, issue.severity) == ("prima_id", 5, "warning")
    assert "'GE10P377'" in issue.message


def test_the_prima_id_pattern_is_the_one_the_shapes_check() -> None:
    shapes = (Path(__file__).resolve().parents[1] / "shapes" / "project.ttl").read_text()
    assert 'sh:pattern "^[A-Z]{2}[0-9]{2}P[0-9]{4}$"' in shapes
    for value, kept in (("GE10P0377", True), ("GE10P377", False), ("GE10P03771", False),
                        ("GE10Q0377", False)):
        found = find_projects(f"The project “{BALKANS}” (Prima ID {value}) ends.")
        assert (found[0].prima_id == value) is kept, value
