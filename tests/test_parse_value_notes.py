"""Values a page writes with a note beside them: a budget with a note in brackets or its amount
in words, and a budget line naming two amounts. The value is read when the note holds no value
of its own, and the note is quoted in a warning; a note that does is no value's, and the field
stays unread, with an error saying why."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from page_helpers import parse_text

from kg.records import Budget, ProjectPage


def budget_page(value: str) -> str:
    """A national project page whose budget, on line 9, is ``value``."""
    return ("Who we are\nOur Work\nLabour Migration Data in Jordan\n-\nProject Type\n"
            "Migration Policy and Research\n-\nBudget Amount (USD)\n" + value + "\n-\n"
            "Coverage\nNational\n-\nPrima ID\nJO10P0212\n-\nBenefiting Member States\nJordan\n"
            "The labour ministry will publish quarterly figures on work permits.\n")


def budget_issues(record: ProjectPage) -> list[tuple[str, int | None, str]]:
    return [(issue.severity, issue.line, issue.message) for issue in record.issues
            if issue.field == "budget"]


# --- a budget with a note in brackets -------------------------------------------------------


@pytest.mark.parametrize(("value", "budget", "note"), [
    ("USD 150,000 (IDF contribution)", Budget(Decimal(150000), "USD"), "IDF contribution"),
    ("USD 150,000 (phase II)", Budget(Decimal(150000), "USD"), "phase II"),
    ("(IDF share) USD 150,000", Budget(Decimal(150000), "USD"), "IDF share"),
    ("90 000 EUR (cofinancement, en euros)", Budget(Decimal(90000), "EUR"),
     "cofinancement, en euros"),
    ("USD 150,000 (une contribution du Fonds)", Budget(Decimal(150000), "USD"),
     "une contribution du Fonds"),
])
def test_a_budget_with_a_note_in_brackets_is_read_with_a_warning_quoting_it(
        tmp_path: Path, value: str, budget: Budget, note: str) -> None:
    record = parse_text(tmp_path, budget_page(value))
    assert record.budget == budget
    assert budget_issues(record) == [("warning", 9, (
        f"{value!r}: read as {budget.currency} {budget.amount}; the note in brackets, "
        f"{note!r}, is not kept"))]


@pytest.mark.parametrize(("value", "budget", "words"), [
    ("300,000 (three hundred thousand) USD", Budget(Decimal(300000), "USD"),
     "three hundred thousand"),
    ("USD 1,250,000 (one million two hundred and fifty thousand US dollars)",
     Budget(Decimal(1250000), "USD"),
     "one million two hundred and fifty thousand US dollars"),
    ("250 000 EUR (deux cent cinquante mille euros)", Budget(Decimal(250000), "EUR"),
     "deux cent cinquante mille euros"),
    ("USD 80,000 (quatre-vingt mille dollars)", Budget(Decimal(80000), "USD"),
     "quatre-vingt mille dollars"),
    ("USD 300.000,00 (trescientos mil dólares)", Budget(Decimal("300000.00"), "USD"),
     "trescientos mil dólares"),
])
def test_a_budget_with_the_same_amount_in_words_is_read_with_a_warning(
        tmp_path: Path, value: str, budget: Budget, words: str) -> None:
    record = parse_text(tmp_path, budget_page(value))
    assert record.budget == budget
    assert budget_issues(record) == [("warning", 9, (
        f"{value!r}: read as {budget.currency} {budget.amount}; the amount in words in "
        f"brackets, {words!r}, is the same and is not kept"))]


@pytest.mark.parametrize("value", [
    "USD 150,000 (three hundred thousand from the Fund)",  # an amount of its own in words
    "USD 150,000 (IDF share: 100,000)",  # an amount of its own
    "USD 150,000 (phase 2)",  # digits: no telling what they count
    "USD 150,000 (IDF contribution) (co-funded)",  # two notes
    "USD 150,000 (IDF (core) contribution)",  # brackets in brackets
])
def test_a_bracket_holding_a_value_of_its_own_leaves_the_budget_unread(
        tmp_path: Path, value: str) -> None:
    record = parse_text(tmp_path, budget_page(value))
    assert record.budget is None
    assert budget_issues(record) == [("error", 9, f"unreadable budget {value!r}")]


@pytest.mark.parametrize(("value", "digits", "words", "said"), [
    ("USD 350,000 (three hundred thousand)", "USD 350000", "three hundred thousand",
     "USD 300000"),
    ("300,000 (two hundred thousand) USD", "USD 300000", "two hundred thousand", "USD 200000"),
    ("USD 1,250,000 (one million two hundred thousand US dollars)", "USD 1250000",
     "one million two hundred thousand US dollars", "USD 1200000"),
    ("250 000 EUR (deux cent mille euros)", "EUR 250000", "deux cent mille euros",
     "EUR 200000"),
    ("USD 300.000,00 (trescientos cincuenta mil dólares)", "USD 300000.00",
     "trescientos cincuenta mil dólares", "USD 350000"),
])
def test_an_amount_in_words_that_disagrees_with_the_digits_is_unread_and_says_so(
        tmp_path: Path, value: str, digits: str, words: str, said: str) -> None:
    record = parse_text(tmp_path, budget_page(value))
    assert record.budget is None
    assert budget_issues(record) == [("error", 9, (
        f"unreadable budget {value!r}: the amount in digits, {digits}, and the amount in "
        f"words, {words!r}, which is {said}, disagree; none is kept: the parser cannot tell "
        "which is right"))]


def test_words_naming_another_currency_still_name_both_currencies(tmp_path: Path) -> None:
    record = parse_text(tmp_path, budget_page("USD 350,000 (three hundred thousand euros)"))
    assert record.budget is None
    [(severity, _, message)] = budget_issues(record)
    assert severity == "error" and "it names USD and EUR for one amount" in message


@pytest.mark.parametrize(("value", "warning"), [
    ("USD 350,000 (approx.)", "approximate amount 'USD 350,000 (approx.)': read as 350000"),
    ("USD 150,000 (EUR 135,000)", "the same money in another currency"),
    ("USD (350,000)", "parentheses mark a negative amount"),
])
def test_estimates_conversions_and_negatives_keep_their_own_warning(
        tmp_path: Path, value: str, warning: str) -> None:
    record = parse_text(tmp_path, budget_page(value))
    assert record.budget is not None
    [(severity, _, message)] = budget_issues(record)
    assert severity == "warning" and warning in message and "note" not in message


def test_a_currency_in_brackets_is_no_note(tmp_path: Path) -> None:
    record = parse_text(tmp_path, budget_page("150,000 (USD)"))
    assert record.budget == Budget(Decimal(150000), "USD")
    assert record.issues == []


# --- two amounts on one budget line ---------------------------------------------------------


@pytest.mark.parametrize(("value", "named"), [
    ("USD 150,000 + EUR 20,000", "it names 2 amounts in 2 currencies (USD 150000, EUR 20000)"),
    ("USD 150,000 and EUR 20,000", "it names 2 amounts in 2 currencies (USD 150000, EUR 20000)"),
    ("USD 150,000 + 20,000", "it names 2 amounts (USD 150000, USD 20000)"),
])
def test_a_budget_naming_two_amounts_stays_unread_and_says_so(
        tmp_path: Path, value: str, named: str) -> None:
    record = parse_text(tmp_path, budget_page(value))
    assert record.budget is None
    assert budget_issues(record) == [("error", 9, (
        f"unreadable budget {value!r}: {named}; none is kept: the parser neither adds them up "
        "nor chooses one"))]


def test_a_range_of_amounts_is_still_only_unreadable(tmp_path: Path) -> None:
    record = parse_text(tmp_path, budget_page("200,000 - 250,000"))
    assert record.budget is None
    assert budget_issues(record) == [("error", 9, "unreadable budget '200,000 - 250,000'")]


# --- a date with a note in brackets, an end date extended -----------------------------------


def dated_page(*field_lines: str) -> str:
    """A national project page with "Label: value" fields; ``field_lines`` start on line 3."""
    return "\n".join([
        "Our Work", "Reintegration Counselling in Addis Ababa", *field_lines,
        "Project Type: Return and Reintegration", "Coverage: National", "Prima ID: ET10P0301",
        "Benefiting Member States: Ethiopia",
        "Returnees will meet a counsellor within a week of their arrival.", ""])


def year_issues(record: ProjectPage) -> list[tuple[str, str, int | None, str]]:
    return [(issue.severity, issue.field, issue.line, issue.message) for issue in record.issues]


@pytest.mark.parametrize(("line", "field", "note"), [
    ("Year: 2021 (approved)", "year", "approved"),
    ("Start Date: March 2021 (signature)", "start_year", "signature"),
    ("End Date: 2021 (tentative)", "end_year", "tentative"),
    ("Année : 2021 (approuvé)", "year", "approuvé"),
    ("Fecha de inicio: (firma) marzo de 2021", "start_year", "firma"),
])
def test_a_date_with_a_note_in_brackets_keeps_its_year_with_a_warning(
        tmp_path: Path, line: str, field: str, note: str) -> None:
    record = parse_text(tmp_path, dated_page(line))
    assert getattr(record, field) == 2021
    written = line.split(":", 1)[1].strip()
    role = {"year": "funding year", "start_year": "start year", "end_year": "end year"}[field]
    assert year_issues(record) == [("warning", field, 3, (
        f"{written!r}: kept 2021 as the {role}; the note in brackets, {note!r}, is not kept"))]


def test_a_span_with_a_note_keeps_its_first_year_with_both_warnings(tmp_path: Path) -> None:
    record = parse_text(tmp_path, dated_page("Year: 2021/22 (approved)"))
    assert record.year == 2021
    assert [message for *_, message in year_issues(record)] == [
        "'2021/22 (approved)' spans 2021 to 2022; kept 2021 as the funding year, not 2022",
        "'2021/22 (approved)': kept 2021 as the funding year; the note in brackets, 'approved', "
        "is not kept"]


@pytest.mark.parametrize(("written", "first", "later", "year"), [
    ("February 2022 – extended to June 2022", "February 2022", "June 2022", 2022),
    ("June 2022 (extended until March 2023)", "June 2022", "March 2023", 2023),
    ("juin 2022, prolongé jusqu'au 31 mars 2023", "juin 2022", "31 mars 2023", 2023),
    ("juin 2022 - prolongée jusqu’à décembre 2023", "juin 2022", "décembre 2023", 2023),
    ("juin 2022, prolongé jusqu'en mars 2023", "juin 2022", "mars 2023", 2023),
    ("30 de junio de 2022 – ampliado hasta el 31 de marzo de 2023", "30 de junio de 2022",
     "31 de marzo de 2023", 2023),
    ("junio de 2022 (prorrogado hasta diciembre de 2022)", "junio de 2022",
     "diciembre de 2022", 2022),
])
def test_an_extended_end_date_keeps_the_later_year_and_names_the_first(
        tmp_path: Path, written: str, first: str, later: str, year: int) -> None:
    record = parse_text(tmp_path, dated_page("Start Date: March 2020", f"End Date: {written}"))
    assert (record.start_year, record.end_year) == (2020, year)
    assert year_issues(record) == [("warning", "end_year", 4, (
        f"{written!r}: the end date {first!r} was extended to {later!r}; kept {year}, the "
        "year of the later date, as the end year"))]


def test_an_extended_end_date_in_a_definition_list(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "<html><body><h1>Return Counselling in Sarajevo</h1><dl>"
        "<dt>Start Date</dt><dd>March 2020</dd>"
        "<dt>End Date</dt><dd>February 2022 &#8211; extended to June 2022</dd>"
        "<dt>Prima ID</dt><dd>BA10P0120</dd>"
        "<dt>Benefiting Member States</dt><dd>Bosnia and Herzegovina</dd></dl>"
        "<p>Returnees will find advice on documents at two municipal offices.</p>"
        "</body></html>"), name="page.html")
    assert (record.start_year, record.end_year) == (2020, 2022)
    assert [(i.severity, i.field) for i in record.issues] == [("warning", "end_year")]
    assert "'February 2022' was extended to 'June 2022'" in record.issues[0].message


@pytest.mark.parametrize("line", [
    "Year: 2021 (phase 2)",  # digits in the note
    "Year: 2021 (approved) (revised)",  # two notes
    "Year: 2021 approved",  # a note not in brackets
    "End Date: December 2023 – extended to June 2022",  # an extension running backwards
    "End Date: February 2022 – moved to June 2022",  # other words
    "End Date: February 2022, then June 2022",
    "End Date: 2021-2022 extended to 2023",  # a span extended
    "Start Date: March 2020 – extended to June 2020",  # an extension is an end date's
    "Year: 2021 (extended to 2022)",
])
def test_other_notes_beside_a_date_leave_it_unreadable(tmp_path: Path, line: str) -> None:
    record = parse_text(tmp_path, dated_page(line))
    assert (record.start_year, record.end_year, record.year) == (None, None, None)
    written = line.split(":", 1)[1].strip()
    field = {"Year": "year", "End Date": "end_year", "Start Date": "start_year"}[
        line.split(":")[0]]
    assert year_issues(record) == [("error", field, 3, f"unreadable year {written!r}")]
