"""Nested lists on text pages: an item indented under a result is part of it, as an item of a
list nested in an HTML ``<li>`` is, and a text page gives the same results as its HTML twin.
Hard-wrapped lines, indented or not, still continue the item above them."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import parse_text

from kg.records import ProjectPage

_TEXT_FIELDS = """\
Who we are
Our Work
Safer Seasonal Work for Rural Fiji
-
Project Type
Labour Mobility and Human Development
-
Budget Amount (USD)
250000.00
-
Coverage
National
-
Year
2023
-
IDF Region
Asia and Oceania
-
Prima ID
FJ10P0212
-
Benefiting Member States
Fiji
Few rural workers hear of seasonal work schemes abroad in time to apply for them.
"""

_HTML_FIELDS = """\
<html><head><title>Safer Seasonal Work | IOM Development Fund</title></head><body>
<h1>Safer Seasonal Work for Rural Fiji</h1>
<dl>
<dt>Project Type</dt><dd>Labour Mobility and Human Development</dd>
<dt>Budget Amount (USD)</dt><dd>250000.00</dd>
<dt>Coverage</dt><dd>National</dd>
<dt>Year</dt><dd>2023</dd>
<dt>IDF Region</dt><dd>Asia and Oceania</dd>
<dt>Prima ID</dt><dd>FJ10P0212</dd>
<dt>Benefiting Member States</dt><dd>Fiji</dd>
</dl>
<p>Few rural workers hear of seasonal work schemes abroad in time to apply for them.</p>
"""

Chain = tuple[list[tuple[str, str | None, list[tuple[str, str | None]]]],
              list[tuple[str, str | None]]]


def chain(record: ProjectPage) -> Chain:
    """The record's outcomes (with their outputs) and loose outputs as plain tuples."""
    return ([(outcome.label, outcome.text,
              [(output.label, output.text) for output in outcome.outputs])
             for outcome in record.outcomes],
            [(output.label, output.text) for output in record.outputs])


def text_page(tmp_path: Path, narrative: str) -> ProjectPage:
    return parse_text(tmp_path, _TEXT_FIELDS + narrative)


def html_page(tmp_path: Path, narrative: str) -> ProjectPage:
    return parse_text(tmp_path, f"{_HTML_FIELDS}{narrative}</body></html>\n", name="page.html")


# --- the same marker kind nested by indentation ---------------------------------------------


def test_indented_numbers_under_a_numbered_output_are_part_of_it(tmp_path: Path) -> None:
    record = text_page(tmp_path, (
        "Expected outputs:\n"
        "1. Labour officers are trained to vet overseas employers\n"
        "   1. two workshops in Suva\n"
        "   2. a refresher course online\n"
        "2. A pre-departure handbook is printed in Fijian and Hindi.\n"))
    assert chain(record) == ([], [
        ("1", "Labour officers are trained to vet overseas employers: two workshops in Suva; "
              "a refresher course online"),
        ("2", "A pre-departure handbook is printed in Fijian and Hindi"),
    ])
    assert record.issues == []


def test_indented_bullets_under_a_bulleted_outcome_are_part_of_it(tmp_path: Path) -> None:
    record = text_page(tmp_path, (
        "Expected outcomes\n"
        "- Rural workers apply for seasonal work through licensed channels only\n"
        "    - district information days\n"
        "        - in Ba and Nadroga\n"
        "    - a free telephone hotline\n"
        "- Returning workers invest their savings in local businesses.\n"))
    assert chain(record) == ([
        ("1", "Rural workers apply for seasonal work through licensed channels only: district "
              "information days; in Ba and Nadroga; a free telephone hotline", []),
        ("2", "Returning workers invest their savings in local businesses", []),
    ], [])
    assert record.issues == []


def test_tab_indented_sub_items_are_part_of_their_item(tmp_path: Path) -> None:
    record = text_page(tmp_path, (
        "Outputs\n"
        "• Recruiters sign a code of conduct agreed with the ministry\n"
        "\t• drafted with three employer associations\n"
        "• Information desks open in four districts\n"))
    assert chain(record)[1] == [
        ("1", "Recruiters sign a code of conduct agreed with the ministry: drafted with three "
              "employer associations"),
        ("2", "Information desks open in four districts"),
    ]


def test_an_indented_list_keeps_its_items_at_its_own_indent(tmp_path: Path) -> None:
    record = text_page(tmp_path, (
        "Outputs:\n"
        "    1. Information desks open in four districts\n"
        "        1. two in Viti Levu\n"
        "    2. Recruiters sign a code of conduct\n"
        "3. A hotline for seasonal workers opens\n"))
    assert chain(record)[1] == [
        ("1", "Information desks open in four districts: two in Viti Levu"),
        ("2", "Recruiters sign a code of conduct"),
        ("3", "A hotline for seasonal workers opens"),
    ]


def test_indented_dotted_outputs_under_numbered_outcomes_stay_outputs(tmp_path: Path) -> None:
    record = text_page(tmp_path, (
        "Expected results\n"
        "1. Rural workers choose safe seasonal work\n"
        "   1.1 Information desks open in four districts\n"
        "   1.2 Recruiters sign a code of conduct\n"
        "       1. drafted with the ministry\n"
        "2. Returning workers invest their savings\n"
        "   2.1 Savings groups meet in each village\n"))
    assert chain(record) == ([
        ("1", "Rural workers choose safe seasonal work", [
            ("1.1", "Information desks open in four districts"),
            ("1.2", "Recruiters sign a code of conduct: drafted with the ministry")]),
        ("2", "Returning workers invest their savings", [
            ("2.1", "Savings groups meet in each village")]),
    ], [])
    assert record.issues == []


# --- text pages and their HTML twins give the same results ----------------------------------

_TWINS = [
    ("Outputs\n"
     "1. Labour officers are trained to vet overseas employers\n"
     "   1. two workshops in Suva\n"
     "   2. a refresher course online\n"
     "2. A pre-departure handbook is printed in Fijian and Hindi.\n",
     "<h3>Outputs</h3>\n<ol>\n<li>Labour officers are trained to vet overseas employers\n"
     "<ol><li>two workshops in Suva</li><li>a refresher course online</li></ol></li>\n"
     "<li>A pre-departure handbook is printed in Fijian and Hindi.</li>\n</ol>\n"),
    ("Expected outcomes\n"
     "- Rural workers apply for seasonal work through licensed channels only\n"
     "  1. district information days\n"
     "  2. a free telephone hotline\n"
     "- Returning workers invest their savings in local businesses.\n",
     "<h3>Expected outcomes</h3>\n<ul>\n"
     "<li>Rural workers apply for seasonal work through licensed channels only\n"
     "<ol><li>district information days</li><li>a free telephone hotline</li></ol></li>\n"
     "<li>Returning workers invest their savings in local businesses.</li>\n</ul>\n"),
    ("Expected outcomes\n"
     "1. Migrant workers know their rights before they leave\n"
     "    a) pre-departure sessions in every district\n"
     "    b) a mobile app in three languages\n"
     "2. Recruitment agencies are inspected every year\n"
     "Outputs\n"
     "- An inspection checklist for recruitment agencies\n"
     "    - tested in two districts\n"
     "- A public register of licensed agencies\n",
     "<h3>Expected outcomes</h3>\n<ol>\n<li>Migrant workers know their rights before they leave"
     "<ol><li>a) pre-departure sessions in every district</li>"
     "<li>b) a mobile app in three languages</li></ol></li>\n"
     "<li>Recruitment agencies are inspected every year</li>\n</ol>\n"
     "<h3>Outputs</h3>\n<ul>\n<li>An inspection checklist for recruitment agencies"
     "<ul><li>tested in two districts</li></ul></li>\n"
     "<li>A public register of licensed agencies</li>\n</ul>\n"),
]


@pytest.mark.parametrize(("text", "html"), _TWINS, ids=["ol-in-ol", "ol-in-ul", "mixed"])
def test_a_text_page_gives_the_results_of_its_html_twin(tmp_path: Path, text: str,
                                                        html: str) -> None:
    from_text, from_html = text_page(tmp_path, text), html_page(tmp_path, html)
    assert chain(from_text) == chain(from_html)
    assert chain(from_text)[0] or chain(from_text)[1]
    assert from_text.issues == from_html.issues == []


# --- hard-wrapped lines, indented or not, continue their item -------------------------------


def test_indented_wrapped_lines_continue_their_item(tmp_path: Path) -> None:
    record = text_page(tmp_path, (
        "Expected outputs:\n"
        "1. Labour officers of the three western provinces are trained to vet\n"
        "   overseas employers and their recruitment agents\n"
        "   1. two workshops in Suva, with officers from\n"
        "      the Ministry of Employment\n"
        "2. A pre-departure handbook is printed in Fijian and Hindi and handed\n"
        "   to every worker recruited through the scheme.\n"))
    assert chain(record)[1] == [
        ("1", "Labour officers of the three western provinces are trained to vet overseas "
              "employers and their recruitment agents: two workshops in Suva, with officers "
              "from the Ministry of Employment"),
        ("2", "A pre-departure handbook is printed in Fijian and Hindi and handed to every "
              "worker recruited through the scheme"),
    ]
    assert record.issues == []


def test_a_hanging_indent_continues_its_item_whatever_its_first_letter(
        tmp_path: Path) -> None:
    record = text_page(tmp_path, (
        "Outputs:\n"
        "1. Labour officers are trained together with staff of the\n"
        "   Ministry of Employment, Productivity and Industrial Relations\n"
        "2. A pre-departure handbook is printed in Fijian and Hindi\n"
        "The project builds on a 2019 survey of returned workers.\n"))
    assert chain(record)[1] == [
        ("1", "Labour officers are trained together with staff of the Ministry of Employment, "
              "Productivity and Industrial Relations"),
        ("2", "A pre-departure handbook is printed in Fijian and Hindi"),
    ]


def test_an_indented_results_heading_after_an_item_is_not_its_continuation(
        tmp_path: Path) -> None:
    record = text_page(tmp_path, (
        "Expected outcomes:\n"
        "1. Rural workers choose safe seasonal work\n"
        "   Output 1.1: Information desks open in four districts\n"
        "   Output 1.2: Recruiters sign a code of conduct\n"))
    assert chain(record) == ([
        ("1", "Rural workers choose safe seasonal work", [
            ("1.1", "Information desks open in four districts"),
            ("1.2", "Recruiters sign a code of conduct")]),
    ], [])


def test_unindented_wrapped_lines_and_sub_items_read_as_before(tmp_path: Path) -> None:
    record = text_page(tmp_path, (
        "Expected outputs:\n"
        "1. Consular staff are equipped to assist migrants in distress,\n"
        "through:\n"
        "a) a case management tool installed in six consulates;\n"
        "b) a manual on emergency repatriation, translated\n"
        "into Arabic and French; and\n"
        "2. An emergency fund for stranded migrants is set up.\n"))
    assert chain(record)[1] == [
        ("1", "Consular staff are equipped to assist migrants in distress, through: a case "
              "management tool installed in six consulates; a manual on emergency "
              "repatriation, translated into Arabic and French"),
        ("2", "An emergency fund for stranded migrants is set up"),
    ]


def test_the_narrative_text_keeps_its_lines_as_the_page_writes_them(tmp_path: Path) -> None:
    record = text_page(tmp_path, (
        "Outputs\n"
        "1. Labour officers are trained\n"
        "   1. two workshops in Suva\n"))
    assert record.narrative == (
        "Few rural workers hear of seasonal work schemes abroad in time to apply for them.\n"
        "Outputs\n1. Labour officers are trained\n1. two workshops in Suva")


def test_a_narrative_indented_throughout_reads_as_it_does_unindented(tmp_path: Path) -> None:
    narrative = (
        "The project objective is to open safe seasonal work pathways for rural\n"
        "workers. It will train labour officers to vet overseas employers (Output\n"
        "1.1) and print a pre-departure handbook (Output 1.2).\n"
        "Expected outcomes\n"
        "1. Rural workers know how to apply for seasonal work abroad\n"
        "and what it pays\n"
        "2. Recruiters follow a code of conduct agreed with the ministry\n"
        "Returning workers will be surveyed in 2025.\n")
    flat = text_page(tmp_path, narrative)
    indented = text_page(tmp_path, "".join(f"    {line}\n" for line in narrative.splitlines()))
    assert chain(indented) == chain(flat)
    assert indented.objective == flat.objective
    assert chain(flat)[0][0] == (
        "1", "Rural workers know how to apply for seasonal work abroad and what it pays",
        [("1.1", "train labour officers to vet overseas employers"),
         ("1.2", "print a pre-departure handbook")])
    assert indented.issues == flat.issues
