"""Results under an "Outcome 1: ..." heading that carries its own text: the list below it."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import parse_text

from kg.parse.narrative import parse_results_chain
from kg.records import Outcome, Output

_FIELDS = (
    "Water Points for Pastoralist Migrants in Northern Kenya\n"
    "Project Type: Migration Environment and Climate Change\n"
    "Budget: USD 280,000\n"
    "Coverage: National\n"
    "Year: 2021\n"
    "IDF Region: Africa\n"
    "Prima ID: KE10P0871\n"
    "Benefiting Member States: Kenya\n\n")


def test_dotted_outputs_under_an_outcome_heading_with_text_are_its_outputs(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, _FIELDS + (
        "Herders moving with their animals compete for scarce water in Marsabit.\n\n"
        "Outcome 1: County water offices plan water points along migration routes.\n"
        "1.1 A map of seasonal routes and water points is drawn with herders.\n"
        "1.2 County planners are trained to use the route map.\n\n"
        "Outcome 2: Conflicts over water are settled by local committees.\n"
        "2.1 Ten peace committees receive mediation training.\n"))
    assert record.outcomes == [
        Outcome("1", "County water offices plan water points along migration routes", [
            Output("1.1", "A map of seasonal routes and water points is drawn with herders"),
            Output("1.2", "County planners are trained to use the route map")]),
        Outcome("2", "Conflicts over water are settled by local committees", [
            Output("2.1", "Ten peace committees receive mediation training")]),
    ]
    assert record.outputs == [] and record.issues == []


def test_html_paragraph_of_dotted_outputs_under_an_outcome_paragraph(tmp_path: Path) -> None:
    page = (
        "<html><body><h1>Water Points for Pastoralist Migrants in Northern Kenya</h1>\n"
        "<p>Prima ID: KE10P0871<br>Budget: USD 280,000<br>Benefiting Member States: Kenya</p>\n"
        "<p>Herders moving with their animals compete for scarce water in Marsabit.</p>\n"
        "<p>Outcome 1. County water offices plan water points along migration routes.</p>\n"
        "<p>1.1 A map of seasonal routes is drawn with herders.<br>\n"
        "1.2 County planners are trained to use the map.</p>\n"
        "</body></html>\n")
    record = parse_text(tmp_path, page, name="page.html")
    assert record.outcomes == [
        Outcome("1", "County water offices plan water points along migration routes", [
            Output("1.1", "A map of seasonal routes is drawn with herders"),
            Output("1.2", "County planners are trained to use the map")])]
    assert record.issues == []


def test_single_dotted_output_under_an_outcome_heading_is_an_output_not_the_outcome() -> None:
    chain = parse_results_chain(
        "Outcome 1\n"
        "1.1 Water committees keep records of each borehole they manage.\n"
        "Outcome 2: Herders know where water is available in a drought.\n"
        "2.1 An SMS alert on water points is sent to registered herders.\n")
    assert chain.outcomes == [
        Outcome("1", None, [
            Output("1.1", "Water committees keep records of each borehole they manage")]),
        Outcome("2", "Herders know where water is available in a drought", [
            Output("2.1", "An SMS alert on water points is sent to registered herders")]),
    ]
    assert chain.issues == []


@pytest.mark.parametrize("heading", ["Outcome 1.0:", "Immediate Outcome 1 –", "Efecto 1:"])
def test_outputs_under_a_qualified_or_zero_numbered_outcome_heading(heading: str) -> None:
    chain = parse_results_chain(
        f"{heading} Herders know where water is available in a drought\n"
        "1.1 An SMS alert on water points is sent to registered herders\n"
        "1.2 Radio stations broadcast water news each week\n")
    assert chain.outcomes == [Outcome("1", "Herders know where water is available in a drought", [
        Output("1.1", "An SMS alert on water points is sent to registered herders"),
        Output("1.2", "Radio stations broadcast water news each week")])]
    assert chain.issues == []


@pytest.mark.parametrize("items", [
    "a) Twelve boreholes are repaired;\nb) Each borehole has a trained caretaker.\n",
    "(a) Twelve boreholes are repaired;\n(b) Each borehole has a trained caretaker.\n",
    "• Twelve boreholes are repaired\n• Each borehole has a trained caretaker\n",
    "2.1 Twelve boreholes are repaired\n2.2 Each borehole has a trained caretaker\n",
    "a) Twelve boreholes are repaired.\n",
], ids=["lettered", "lettered-in-brackets", "bullets", "another-outcome", "one-letter"])
def test_a_list_under_an_outcome_heading_not_numbered_as_its_outputs_is_reported(
        items: str) -> None:
    # Letters or bullets may as well be activities or indicators, as under a bare heading.
    chain = parse_results_chain(
        "Outcome 1: Pastoralist families have water within a day's walk.\n" + items
        + "Herders were consulted on where the boreholes should be.\n", first_line=20)
    assert chain.outcomes == [
        Outcome("1", "Pastoralist families have water within a day's walk", [])]
    [issue] = chain.issues
    assert (issue.field, issue.line, issue.severity) == ("outcomes", 20, "warning")
    assert "Outcome 1" in issue.message and "1.1" in issue.message


def test_html_lettered_items_under_a_bold_outcome_heading_are_reported(tmp_path: Path) -> None:
    page = (
        "<html><body><h1>Water Points for Pastoralist Migrants in Northern Kenya</h1>\n"
        "<p><strong>Prima ID</strong>: KE10P0871</p>\n"
        "<p><strong>Benefiting Member States</strong>: Kenya</p>\n"
        "<p>Herders moving with their animals compete for scarce water in Marsabit.</p>\n"
        "<p><strong>Outcome 1</strong>: Pastoralist families have water close by.</p>\n"
        "<p>(a) Twelve boreholes are repaired;<br>(b) caretakers are trained.</p>\n"
        "</body></html>\n")
    record = parse_text(tmp_path, page, name="page.html")
    assert record.outcomes == [Outcome("1", "Pastoralist families have water close by", [])]
    assert [(issue.field, issue.severity) for issue in record.issues] == [
        ("outcomes", "warning")]


def test_hard_wrapped_heading_lines_keep_their_text_and_the_outputs_under_them(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, _FIELDS + (
        "Objective: To reduce conflicts over water between herders and farmers\n"
        "in Marsabit county through joint planning of water points.\n"
        "Outcome 1: County water offices plan water points along the seasonal\n"
        "migration routes of herders.\n"
        "1.1 A map of seasonal routes and water points is drawn with herders and\n"
        "farmers.\n"
        "1.2 County planners are trained to use the route map.\n"))
    assert record.objective == ("To reduce conflicts over water between herders and farmers in "
                                "Marsabit county through joint planning of water points")
    assert record.outcomes == [
        Outcome("1", "County water offices plan water points along the seasonal migration "
                "routes of herders", [
                    Output("1.1", "A map of seasonal routes and water points is drawn with "
                           "herders and farmers"),
                    Output("1.2", "County planners are trained to use the route map")])]
    assert record.issues == []


@pytest.mark.parametrize("heading", ["Objective:", "Objectives"])
def test_a_hard_wrapped_objective_under_its_heading_is_kept_whole(
        tmp_path: Path, heading: str) -> None:
    record = parse_text(tmp_path, _FIELDS + (
        f"{heading}\nTo reduce conflicts over water between herders and farmers\n"
        "in Marsabit county through joint planning of water points.\n"
        "Outcomes:\n1. County water offices plan water points along migration routes.\n"))
    assert record.objective == ("To reduce conflicts over water between herders and farmers in "
                                "Marsabit county through joint planning of water points")
    assert [outcome.label for outcome in record.outcomes] == ["1"]


def test_an_indented_line_under_a_heading_continues_it_but_an_item_does_not() -> None:
    chain = parse_results_chain(
        "Outcome 1: Officials apply standard procedures at the\n"
        "    Ministry of Interior's border posts.\n"
        "1.1 Procedures are drafted.\n")
    assert chain.outcomes == [
        Outcome("1", "Officials apply standard procedures at the Ministry of Interior's border "
                "posts", [Output("1.1", "Procedures are drafted")])]


def test_a_paragraph_under_a_heading_without_a_full_stop_is_not_its_text() -> None:
    chain = parse_results_chain("Outcome 1: Improved border management\n"
                                "The project will train officers at two posts.\n")
    assert chain.outcomes == [Outcome("1", "Improved border management")]
