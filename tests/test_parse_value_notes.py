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
    "300,000 (two hundred thousand) USD",  # words that say another amount
    "USD 150,000 (three hundred thousand from the Fund)",  # an amount of its own in words
    "USD 150,000 (IDF share: 100,000)",  # an amount of its own
    "USD 150,000 (phase 2)",  # digits: no telling what they count
    "USD 150,000 (in euros)",  # another currency
    "USD 150,000 (IDF contribution) (co-funded)",  # two notes
    "USD 150,000 (IDF (core) contribution)",  # brackets in brackets
])
def test_a_bracket_holding_a_value_of_its_own_leaves_the_budget_unread(
        tmp_path: Path, value: str) -> None:
    record = parse_text(tmp_path, budget_page(value))
    assert record.budget is None
    assert budget_issues(record) == [("error", 9, f"unreadable budget {value!r}")]


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
