"""HTML tables of project fields: a vertical table (a label cell and a value cell per row) and a
horizontal one (labels in a row, their values in the row under it) give the same fields, while a
table of other data is left as it reads."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from page_helpers import iso3s, parse_text

from kg.parse.html_text import html_lines
from kg.records import Budget, ProjectPage

_NARRATIVE = """\
<h2>Narrative</h2>
<p>Seasonal farm workers who cross between Lesotho and South Africa rarely carry their health
records, and clinics on either side of the border cannot see past treatment.</p>
<p>Expected outcomes</p>
<ol>
<li>Clinics on both sides of the border refer mobile workers to each other.</li>
<li>Mobile workers keep a copy of their own health records.</li>
</ol>
"""


def project_page(fields: str, narrative: str = _NARRATIVE) -> str:
    """A Lesotho project page with ``fields`` under its title and ``narrative`` under them."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>Project | IOM Development Fund"
            "</title></head>\n<body>\n<main>\n"
            "<h1>Cross-Border Health Referral for Mobile Farm Workers</h1>\n"
            f"{fields}{narrative}</main>\n</body></html>\n")


def texts(html: str) -> list[str]:
    return [line.text for line in html_lines(html)]


def assert_fields_read(record: ProjectPage) -> None:
    """The fields every page of these tests gives, read in full and without issues."""
    assert record.title == "Cross-Border Health Referral for Mobile Farm Workers"
    assert record.project_type == "Migration Health"
    assert record.budget == Budget(Decimal("180000"), "USD")
    assert (record.coverage, record.year, record.status) == ("Regional", 2022, "Active")
    assert (record.idf_region, record.prima_id) == ("Africa", "LS10P0127")
    assert iso3s(record) == ["LSO", "ZAF"]
    assert [outcome.label for outcome in record.outcomes] == ["1", "2"]
    assert record.issues == []


_HORIZONTAL_HEADED = """\
<table class="project-facts">
<thead>
<tr><th>Project Type</th><th>Budget Amount (USD)</th><th>Coverage</th><th>Year</th>
<th>Status</th></tr>
</thead>
<tbody>
<tr><td>Migration Health</td><td>180,000.00</td><td>Regional</td><td>2022</td>
<td>Active</td></tr>
</tbody>
</table>
<table class="project-facts">
<tr><td>IDF Region</td><td>Prima ID</td><td>Benefiting Member States</td></tr>
<tr><td>Africa</td><td>LS10P0127</td><td>Lesotho<br>South Africa</td></tr>
</table>
"""

_HORIZONTAL_STACKED = """\
<table>
<tr><th><strong>Project Type</strong></th><th>Budget Amount (USD)</th><th>Coverage</th>
<th>Year</th></tr>
<tr><td>Migration Health</td><td>180,000.00</td><td>Regional</td><td>2022</td></tr>
<tr><th>Status:</th><th>IDF Region</th><th>Prima ID</th><th>Benefiting Member States</th></tr>
<tr><td>Active</td><td>Africa</td><td>LS10P0127</td>
<td><ul><li>Lesotho</li><li>South Africa</li></ul></td></tr>
</table>
"""

_VERTICAL = """\
<table>
<tr><th>Project Type</th><td>Migration Health</td></tr>
<tr><th>Budget Amount (USD)</th><td>180,000.00</td></tr>
<tr><th>Coverage</th><td>Regional</td></tr>
<tr><th>Year</th><td>2022</td></tr>
<tr><th>Status</th><td>Active</td></tr>
<tr><th>IDF Region</th><td>Africa</td></tr>
<tr><th>Prima ID</th><td>LS10P0127</td></tr>
<tr><th>Benefiting Member States</th><td>Lesotho, South Africa</td></tr>
</table>
"""


@pytest.mark.parametrize("fields", [_HORIZONTAL_HEADED, _HORIZONTAL_STACKED, _VERTICAL],
                         ids=["horizontal-thead", "horizontal-stacked-rows", "vertical"])
def test_fields_in_a_horizontal_or_vertical_table_are_read(tmp_path: Path, fields: str) -> None:
    assert_fields_read(parse_text(tmp_path, project_page(fields), name="page.html"))


def test_a_horizontal_table_reads_as_label_lines_over_value_lines() -> None:
    html = ("<table><tr><th>Project Type</th><th>Budget</th><th>Year</th></tr>\n"
            "<tr><td>Migration Health</td><td>USD 180,000</td><td>2022</td></tr></table>")
    assert texts(html) == ["Project Type", "Migration Health", "Budget", "USD 180,000", "Year",
                           "2022"]
    assert [line.number for line in html_lines(html)] == [1, 2, 1, 2, 1, 2]


def test_a_horizontal_table_without_its_optional_end_tags_is_read_alike() -> None:
    html = ("<table><tr><th>Prima ID<th>Status\n<tr><td>LS10P0127<td>Active\n</table>"
            "<p>Clinics refer mobile workers.</p>")
    assert texts(html) == ["Prima ID", "LS10P0127", "Status", "Active",
                           "Clinics refer mobile workers."]


def test_an_empty_value_cell_leaves_its_label_without_a_value(tmp_path: Path) -> None:
    fields = _HORIZONTAL_HEADED.replace("<td>2022</td>", "<td></td>")
    html = project_page(fields)
    lines = texts(html)
    assert lines[lines.index("Year") + 1] == "Status"
    record = parse_text(tmp_path, html, name="page.html")
    assert record.year is None
    assert (record.project_type, record.status, record.prima_id) == (
        "Migration Health", "Active", "LS10P0127")


def test_an_unknown_column_among_known_ones_is_reported_and_the_rest_read(
        tmp_path: Path) -> None:
    fields = _HORIZONTAL_HEADED.replace("<th>Status</th>", "<th>Status</th><th>Donor</th>")
    fields = fields.replace("<td>Active</td>", "<td>Active</td><td>Government of Lesotho</td>")
    record = parse_text(tmp_path, project_page(fields), name="page.html")
    issues, record.issues = record.issues, []
    assert_fields_read(record)
    assert [(issue.field, issue.line, issue.severity) for issue in issues] == [
        ("Donor", 9, "warning")]  # its header cell's line
    assert "Government of Lesotho" in issues[0].message


@pytest.mark.parametrize(("table", "lines"), [
    # a data table: its header row is not field labels
    ("<table><tr><th>District</th><th>Workers referred</th></tr>"
     "<tr><td>Maseru</td><td>120</td></tr></table>",
     ["District", "Workers referred", "Maseru", "120"]),
    # a header row of field labels over several rows of data: a list of projects, not fields
    ("<table><tr><th>Year</th><th>Budget</th></tr><tr><td>2020</td><td>USD 90,000</td></tr>"
     "<tr><td>2021</td><td>USD 110,000</td></tr></table>",
     ["Year", "Budget", "2020", "USD 90,000", "2021", "USD 110,000"]),
    # labels but one value cell fewer
    ("<table><tr><th>Year</th><th>Budget</th></tr><tr><td colspan=\"2\">2020</td></tr></table>",
     ["Year", "Budget", "2020"]),
    # one label cell is two lines
    ("<table><tr><th>Year</th><th>Budget<br>(approved)</th></tr>"
     "<tr><td>2020</td><td>USD 90,000</td></tr></table>",
     ["Year", "Budget", "(approved)", "2020", "USD 90,000"]),
    # one known label among words: a table of other data
    ("<table><tr><th>Year</th><th>Clinics</th><th>Workers referred</th></tr>"
     "<tr><td>2020</td><td>4</td><td>120</td></tr></table>",
     ["Year", "Clinics", "Workers referred", "2020", "4", "120"]),
    # known labels, and a header cell that reads as a value, not a label
    ("<table><tr><th>Year</th><th>Budget</th><th>Phase 2 (2021)</th></tr>"
     "<tr><td>2020</td><td>USD 90,000</td><td>USD 40,000</td></tr></table>",
     ["Year", "Budget", "Phase 2 (2021)", "2020", "USD 90,000", "USD 40,000"]),
], ids=["data-table", "many-data-rows", "short-value-row", "two-line-label",
        "one-known-label", "value-in-header"])
def test_a_table_that_is_not_a_horizontal_field_table_reads_row_by_row(
        table: str, lines: list[str]) -> None:
    assert texts(table) == lines


def test_a_data_table_in_the_narrative_stays_in_it(tmp_path: Path) -> None:
    narrative = _NARRATIVE + (
        "<table><tr><th>District</th><th>Clinics</th></tr>\n"
        "<tr><td>Maseru</td><td>4</td></tr>\n<tr><td>Leribe</td><td>2</td></tr></table>\n")
    record = parse_text(tmp_path, project_page(_VERTICAL, narrative), name="page.html")
    assert_fields_read(record)
    assert record.narrative is not None
    assert record.narrative.endswith("District\nClinics\nMaseru\n4\nLeribe\n2")


def test_a_table_with_a_country_column_beside_others_reads_a_row_a_line() -> None:
    table = ("<table>\n<tr><th>Country</th><th>Focal ministry</th></tr>\n"
             "<tr><td>Lesotho</td><td>Ministry of Health</td></tr>\n"
             "<tr><td>South Africa</td><td></td></tr>\n</table>")
    assert [(line.number, line.text) for line in html_lines(table)] == [
        (2, "Country\tFocal ministry"), (3, "Lesotho\tMinistry of Health"), (4, "South Africa\t")]


@pytest.mark.parametrize(("table", "lines"), [
    # one column: its cells read as lines already
    ("<table><tr><th>Country</th></tr><tr><td>Lesotho</td></tr></table>",
     ["Country", "Lesotho"]),
    # no country column
    ("<table><tr><th>District</th><th>Clinics</th></tr><tr><td>Maseru</td><td>4</td></tr>"
     "</table>", ["District", "Clinics", "Maseru", "4"]),
    # rows of unequal length
    ("<table><tr><th>Country</th><th>Ministry</th></tr><tr><td>Lesotho</td></tr></table>",
     ["Country", "Ministry", "Lesotho"]),
], ids=["one-column", "no-country-column", "short-row"])
def test_other_tables_naming_countries_read_cell_by_cell(table: str, lines: list[str]) -> None:
    assert texts(table) == lines
