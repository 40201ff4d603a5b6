"""Field values a page writes in a form that says more than one value holds: a span of years
where one year is stored, and an amount in parentheses that accounting reads as a negative; and
dates that say there is no year yet ("Ongoing", "TBC"). What is kept is said in a warning naming
the field; nothing is dropped silently."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from page_helpers import parse_text

from kg.parse.values import amount_in_parentheses, parse_year, parse_year_span
from kg.records import Budget, ProjectPage


def labeled_page(*field_lines: str) -> str:
    """A national project page with "Label: value" fields; ``field_lines`` start on line 3."""
    return "\n".join([
        "Where we work",
        "Strengthening Border Management in Saint Lucia",
        *field_lines,
        "Project Type: Immigration and Border Management",
        "Coverage: National",
        "IDF Region: Latin America and the Caribbean",
        "Prima ID: LC10P0031",
        "Benefiting Member States: Saint Lucia",
        "Immigration officers at the two airports will be trained to use a new arrivals system.",
        "",
    ])


def issues(record: ProjectPage) -> list[tuple[str, str, int | None]]:
    return [(issue.severity, issue.field, issue.line) for issue in record.issues]


# --- years: the reader ---------------------------------------------------------------------


@pytest.mark.parametrize(("written", "span"), [
    ("2021", (2021, 2021)),
    ("2021/22", (2021, 2022)),
    ("2021-22", (2021, 2022)),
    ("2021–22", (2021, 2022)),
    ("2021/2022", (2021, 2022)),
    ("2021 - 2023", (2021, 2023)),
    ("FY2021/22", (2021, 2022)),
    ("FY 2021-2022", (2021, 2022)),
    ("2009/10", (2009, 2010)),
    ("2009-10", (2009, 2009)),  # ISO year and month: October 2009
    ("March 2021 – February 2023", (2021, 2023)),
    ("01/03/2021 - 31/12/2022", (2021, 2022)),
    ("01/03/2021 - 31/12/2021", (2021, 2021)),
    ("2021-03", (2021, 2021)),
    ("2021-03-01", (2021, 2021)),
    ("01/03/2021", (2021, 2021)),
])
def test_year_span_gives_its_first_and_last_year(written: str, span: tuple[int, int]) -> None:
    assert parse_year_span(written) == span
    assert parse_year(written) == span[0]


@pytest.mark.parametrize("written", ["2024-2021", "2021/15", "2019, 2020 and 2021", "FY21/22"])
def test_year_spans_that_run_backwards_or_list_years_are_unreadable(written: str) -> None:
    assert parse_year_span(written) is None
    assert parse_year(written) is None


# --- years: the record --------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2021/22", "2021/2022", "2021-22", "FY2021/22"])
def test_funding_year_span_keeps_its_first_year_with_a_warning(tmp_path: Path,
                                                                written: str) -> None:
    record = parse_text(tmp_path, labeled_page(f"Year: {written}"))
    assert record.year == 2021
    assert issues(record) == [("warning", "year", 3)]
    message = record.issues[0].message
    assert written in message and "kept 2021" in message and "not 2022" in message


def test_end_date_written_as_a_range_keeps_its_last_year(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Start Date: 2022", "End Date: 2022-2024"))
    assert (record.start_year, record.end_year) == (2022, 2024)
    assert issues(record) == [("warning", "end_year", 4)]
    assert "kept 2024" in record.issues[0].message and "not 2022" in record.issues[0].message


def test_start_date_written_as_a_range_keeps_its_first_year(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Start Date: March 2021 – February 2023"))
    assert record.start_year == 2021
    assert issues(record) == [("warning", "start_year", 3)]
    assert "kept 2021" in record.issues[0].message and "not 2023" in record.issues[0].message


@pytest.mark.parametrize("written", ["2021-03", "2019-10", "2021-03-01", "01/03/2021"])
def test_a_date_with_its_month_is_no_span(tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, labeled_page(f"Start Date: {written}"))
    assert record.start_year == int(written[-4:] if written[2] == "/" else written[:4])
    assert record.issues == []


def test_year_range_running_backwards_is_an_error(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Year: 2024-2021"))
    assert record.year is None
    assert issues(record) == [("error", "year", 3)]


def test_bare_year_span_on_an_unlabeled_page_is_reported(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "\n".join([
        "Migration Data Dialogue for the Eastern Caribbean", "2021", "2023", "Active",
        "Migration Policy and Research", "USD 150,000", "Regional", "2020/21",
        "Latin America and the Caribbean", "LC10P0040", "Saint Lucia, Grenada", ""]))
    assert (record.start_year, record.end_year, record.year) == (2021, 2023, 2020)
    assert issues(record) == [("warning", "year", 8)]


def test_bare_period_under_the_title_of_an_unlabeled_page_is_its_start_year(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, "\n".join([
        "Migration Data Dialogue for the Eastern Caribbean", "2021-2023", "Active",
        "Migration Policy and Research", "USD 150,000", "Regional", "2020",
        "Latin America and the Caribbean", "LC10P0040", "Saint Lucia, Grenada", ""]))
    assert record.title == "Migration Data Dialogue for the Eastern Caribbean"
    assert (record.start_year, record.end_year, record.year) == (2021, None, 2020)
    assert issues(record) == [("warning", "start_year", 2)]
    assert "not 2023" in record.issues[0].message


# --- dates that give no year yet ----------------------------------------------------------


@pytest.mark.parametrize("written", ["Ongoing", "Ongoing project", "En cours", "En curso",
                                     "Present", "To date", "À ce jour", "A la fecha"])
def test_an_end_date_saying_the_project_goes_on_is_no_year_with_a_warning(
        tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, labeled_page("Start Date: 15/06/2021", f"End Date: {written}"))
    assert (record.start_year, record.end_year) == (2021, None)
    assert issues(record) == [("warning", "end_year", 4)]
    assert record.issues[0].message == (f"{written!r} says the project has not ended yet: there "
                                        "is no end year to keep")


@pytest.mark.parametrize("written", ["TBC", "To be confirmed", "À confirmer", "Por confirmar",
                                     "TBD", "to be determined"])
def test_a_date_not_known_yet_is_no_year_with_a_warning(tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, labeled_page(f"Start Date: {written}", f"End Date: {written}",
                                               f"Year: {written}"))
    assert (record.start_year, record.end_year, record.year) == (None, None, None)
    assert issues(record) == [("warning", "start_year", 3), ("warning", "end_year", 4),
                              ("warning", "year", 5)]
    assert record.issues[1].message == (f"{written!r} says the end year is not known yet: there "
                                        "is no end year to keep")
    assert "the funding year is not known yet" in record.issues[2].message


@pytest.mark.parametrize("written", ["N/A", "-", "Not available"])
def test_a_placeholder_date_is_still_no_year_without_an_issue(tmp_path: Path,
                                                              written: str) -> None:
    record = parse_text(tmp_path, labeled_page("Start Date: 2021", f"End Date: {written}"))
    assert (record.start_year, record.end_year) == (2021, None)
    assert record.issues == []


@pytest.mark.parametrize(("label", "written"), [
    ("Start Date", "Ongoing"), ("Year", "En cours"), ("End Date", "Ongoing since 2021"),
    ("End Date", "Not ongoing")])
def test_other_words_for_a_date_are_still_unreadable(tmp_path: Path, label: str,
                                                     written: str) -> None:
    record = parse_text(tmp_path, labeled_page(f"{label}: {written}"))
    assert (record.start_year, record.end_year, record.year) == (None, None, None)
    assert [(i.severity, i.message) for i in record.issues] == [
        ("error", f"unreadable year {written!r}")]


def test_a_duration_still_gives_the_end_year_an_ongoing_end_date_leaves_empty(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("End Date: Ongoing", "Duration: 2021-2023"))
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert issues(record) == [("warning", "end_year", 3)]


# --- budgets in parentheses ---------------------------------------------------------------


@pytest.mark.parametrize(("written", "amount"), [
    ("(350,000)", "350000"),
    ("USD (350,000)", "350000"),
    ("(USD 350,000.00)", "350000.00"),
    ("(350 000) USD", "350000"),
    ("US$ (1.2 million)", "1200000"),
])
def test_amount_in_parentheses_is_read_with_a_warning(tmp_path: Path, written: str,
                                                      amount: str) -> None:
    assert amount_in_parentheses(written)
    record = parse_text(tmp_path, labeled_page(f"Budget: {written}"))
    assert record.budget == Budget(Decimal(amount), "USD")
    assert issues(record) == [("warning", "budget", 3)]
    message = record.issues[0].message
    assert written in message and "parentheses" in message and "negative" in message


@pytest.mark.parametrize("written", ["USD 350,000", "350,000 (USD)", "(USD) 350,000",
                                     "USD -350,000"])
def test_parentheses_not_around_the_amount_give_no_warning(tmp_path: Path, written: str) -> None:
    assert not amount_in_parentheses(written)
    record = parse_text(tmp_path, labeled_page(f"Budget: {written}"))
    assert record.budget is not None and abs(record.budget.amount) == 350000
    assert record.issues == []


def test_currency_in_the_label_parentheses_gives_no_warning(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Budget Amount (USD)", "350000.00"))
    assert record.budget == Budget(Decimal("350000.00"), "USD")
    assert record.issues == []


def test_bare_amount_in_parentheses_on_an_unlabeled_page_is_reported(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "\n".join([
        "Return Counselling in Bosnia and Herzegovina", "2019", "2020", "Completed",
        "Return and Reintegration", "(120,000.00)", "National", "2019", "Europe", "BA10P0012",
        "Bosnia and Herzegovina", ""]))
    assert record.budget == Budget(Decimal("120000.00"), "USD")
    assert issues(record) == [("warning", "budget", 6)]


# --- approximate amounts and spans written in words --------------------------------------


@pytest.mark.parametrize(("written", "amount"), [
    ("USD 350,000 (approx.)", Decimal(350000)),
    ("approximately USD 1.2 million", Decimal(1200000)),
    ("USD 200,000 (estimated)", Decimal(200000)),
    ("environ 300 000 EUR", Decimal(300000)),
    ("aprox. USD 250.000", Decimal(250000)),
])
def test_an_approximate_budget_is_read_with_a_warning(tmp_path: Path, written: str,
                                                      amount: Decimal) -> None:
    record = parse_text(tmp_path, labeled_page(f"Budget: {written}"))
    assert record.budget is not None and record.budget.amount == amount
    assert ("warning", "budget", 3) in issues(record)
    assert any("approximate" in issue.message for issue in record.issues)


def test_an_exact_budget_gets_no_approximation_warning(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Budget: USD 350,000"))
    assert record.budget == Budget(Decimal(350000), "USD")
    assert issues(record) == []


@pytest.mark.parametrize(("written", "span"), [
    ("2021 to 2023", (2021, 2023)),
    ("de 2021 à 2023", (2021, 2023)),
    ("de 2021 a 2023", (2021, 2023)),
    ("2019 until 2021", (2019, 2021)),
])
def test_a_span_of_years_written_in_words_is_read(written: str, span: tuple[int, int]) -> None:
    assert parse_year_span(written) == span


def test_words_that_join_no_two_years_are_still_unreadable() -> None:
    assert parse_year_span("2021 to") is None
    assert parse_year_span("2023 to 2021") is None


# --- one amount, two currencies ------------------------------------------------------------


@pytest.mark.parametrize("written", ["USD 150,000 (EUR)", "EUR 150,000 USD", "US$ 150,000 €",
                                     "150 000 euros (USD)", "USD 150,000 (in euros)"])
def test_one_amount_in_two_currencies_is_unread_and_names_both(tmp_path: Path,
                                                               written: str) -> None:
    record = parse_text(tmp_path, labeled_page(f"Budget: {written}"))
    assert record.budget is None
    assert issues(record) == [("error", "budget", 3)]
    message = record.issues[0].message
    assert written in message
    assert "USD and EUR" in message or "EUR and USD" in message


@pytest.mark.parametrize("written", ["US$ 150,000 USD", "150 000 € EUR", "USD 150,000 (USD)"])
def test_one_currency_named_twice_is_still_read(tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, labeled_page(f"Budget: {written}"))
    assert record.budget is not None and record.budget.amount == 150000
    assert record.budget.currency == ("EUR" if "€" in written else "USD")
