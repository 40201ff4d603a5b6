"""Values written with a note beside them: a budget with a note in brackets ("USD 150,000 (IDF
contribution)") or its amount in words ("300,000 (three hundred thousand) USD"), a budget line
naming several amounts ("USD 150,000 + EUR 20,000"), a date with a note in brackets ("2021
(approved)") and an end date or a duration with the date it was extended to ("February 2022 –
extended to June 2022", "January 2021 – December 2022, extended to June 2023").

Each reader returns None for text it does not take; the caller says what was kept and what
was not, in a warning, or keeps the value unread, with ``unread_budget_reason`` saying why for a
budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.parse.number_words import amount_in_words, names_an_amount
from kg.parse.quoting import quoted
from kg.parse.values import (
    currency_of_word,
    named_currencies,
    parse_budget,
    parse_year_span,
)
from kg.records import Budget
from kg.reference.countries import fold

_NOTE_WORD = re.compile(r"us\$|usd\$|[$€£]|[^\W\d_]+|-", re.IGNORECASE)
# Words around an amount in words that are no part of it: "three hundred thousand only".
_AMOUNT_FILLERS = frozenset({"only", "seulement", "de", "d", "del", "solamente"})
# Between two amounts on one budget line: "USD 150,000 + EUR 20,000", "… and EUR 20,000".
_AMOUNT_JOINS = re.compile(r"\s*[+&]\s*|\s+(?:plus|and|et|y)\s+", re.IGNORECASE)
_EXTENDED = (r"(?:extended\s+(?:to|until|till)"
             r"|prolong[ée]e?s?\s+(?:jusqu['’]\s*(?:à|au|a|en)\b|au\b)"
             r"|(?:ampliad|prorrogad)[oa]s?\s+hasta(?:\s+el)?)")
# "February 2022 – extended to June 2022", "juin 2022, prolongé jusqu'au 31 décembre 2022",
# "January 2021 – December 2022, extended to June 2023",
# "junio de 2022 (ampliado hasta diciembre de 2022)".
_EXTENSION = re.compile(
    rf"(?P<first>[^()]*?\d{{4}}[^()]*?)[\s,;:–—-]*(?P<open>\()?\s*{_EXTENDED}\s+"
    rf"(?P<later>[^()]*?\d{{4}}[^()]*?)\s*(?(open)\))\s*", re.IGNORECASE)
# Between the two dates of a span: "January 2021 – December 2022", "de 2021 à 2023".
_SPAN_JOIN = re.compile(r"\s*(?:[–—/-]|\b(?:to|until|till|through|au|à|a|al|hasta)\b)\s*",
                        re.IGNORECASE)


@dataclass(frozen=True)
class NotedBudget:
    """A budget read from a value with a note in brackets beside its amount."""

    budget: Budget
    note: str
    in_words: bool  # the note is the same amount written in words


@dataclass(frozen=True)
class ExtendedDates:
    """Dates written with the date they were extended to: "January 2021 – December 2022,
    extended to June 2023" (a duration), "February 2022 – extended to June 2022" (an end date)."""

    dates: str  # as first written: "January 2021 – December 2022"
    years: tuple[int, int]  # the first and last years of ``dates``
    end: str  # the end date of ``dates``: "December 2022"
    later: str  # the date they were extended to: "June 2023"
    year: int  # the year of ``later``


def split_note(text: str) -> tuple[str, str] | None:
    """The value and the note of a value with one note in brackets holding no digit: "2021
    (approved)" -> ("2021", "approved"), "300,000 (three hundred thousand) USD" -> ("300,000
    USD", "three hundred thousand"); else None."""
    opened, closed = text.find("("), text.find(")")
    if not 0 <= opened < closed or text.count("(") + text.count(")") != 2:
        return None
    note = text[opened + 1:closed].strip()
    if not note or any(ch.isdigit() for ch in note):
        return None
    return f"{text[:opened].strip()} {text[closed + 1:].strip()}".strip(), note


def split_extension(text: str) -> tuple[str, str] | None:
    """The first dates and the later one of dates written with their extension: "February 2022
    – extended to June 2022" -> ("February 2022", "June 2022"); also "extended until",
    "prolongé jusqu'à / jusqu'au / jusqu'en", "ampliado / prorrogado hasta", the extension in
    brackets or not. None for any other text."""
    found = _EXTENSION.fullmatch(text)
    if found is None:
        return None
    return found["first"].strip(), found["later"].strip()


def read_extension(text: str) -> ExtendedDates | None:
    """The dates and the later date of a value written with its extension (``split_extension``);
    None unless both read, the later date in one year that is not before the dates end."""
    extension = split_extension(text)
    if extension is None:
        return None
    dates, later = extension
    years, extended = parse_year_span(dates), parse_year_span(later)
    if years is None or extended is None or extended[0] != extended[1] or extended[0] < years[1]:
        return None
    return ExtendedDates(dates, years, _span_end(dates, years), later, extended[0])


def _span_end(dates: str, years: tuple[int, int]) -> str:
    """The end date of ``dates`` as written ("January 2021 – December 2022" -> "December
    2022"): ``dates`` when it is one date, its last year when no join splits it in two dates."""
    for join in _SPAN_JOIN.finditer(dates):
        end = dates[join.end():].strip()
        if (parse_year_span(dates[:join.start()]) == (years[0], years[0])
                and parse_year_span(end) == (years[1], years[1])):
            return end
    return dates if years[0] == years[1] else str(years[1])


def parse_noted_budget(text: str, currency: str | None = None) -> NotedBudget | None:
    """The budget of "USD 150,000 (IDF contribution)" or "300,000 (three hundred thousand)
    USD": the amount read without the note in brackets. None unless there is one note, the
    rest reads as a budget, and the note holds no digit, names no other currency and holds
    no number words but the same amount's ("(two hundred thousand)" beside 300,000: None)."""
    split = _budget_and_note(text, currency)
    if split is None:
        return None
    budget, note, words = split
    if not names_an_amount(words):
        return NotedBudget(budget, note, in_words=False)
    if amount_in_words(words) != budget.amount:
        return None
    return NotedBudget(budget, note, in_words=True)


def disagreeing_words(text: str, currency: str | None = None) -> tuple[Budget, str, int] | None:
    """The budget in digits, the note and the amount the note gives of a budget whose amount
    in words in brackets says another amount: "USD 350,000 (three hundred thousand)" -> (USD
    350000, "three hundred thousand", 300000). None for any other text."""
    split = _budget_and_note(text, currency)
    if split is None:
        return None
    budget, note, words = split
    in_words = amount_in_words(words) if names_an_amount(words) else None
    if in_words is None or in_words == budget.amount:
        return None
    return budget, note, in_words


def _budget_and_note(text: str, currency: str | None) -> tuple[Budget, str, list[str]] | None:
    """The budget, the note in brackets and the note's words (``_note_words``) of a budget
    written with one note; None unless the rest reads as a budget and the note names no other
    currency."""
    noted = split_note(text)
    budget = parse_budget(noted[0], currency) if noted is not None else None
    if noted is None or budget is None:
        return None
    words = _note_words(noted[1], budget.currency)
    return None if words is None else (budget, noted[1], words)


def _note_words(note: str, currency: str) -> list[str] | None:
    """The folded words of a budget's note but its currency's and fillers ("only"); None when
    the note names another currency than ``currency``."""
    words: list[str] = []
    for word in _NOTE_WORD.findall(note):
        named = currency_of_word(word)
        if named is not None and named != currency:
            return None
        if named is None and (folded := fold(word)) not in _AMOUNT_FILLERS:
            words.append(folded)
    return words


def several_amounts(text: str, currency: str | None = None) -> list[Budget] | None:
    """The amounts of a budget line naming two or more, joined by "+", "&", "plus", "and",
    "et" or "y" ("USD 150,000 + EUR 20,000"), each read as a budget; else None."""
    parts = _AMOUNT_JOINS.split(text)
    if len(parts) < 2:
        return None
    budgets = [parse_budget(part, currency) for part in parts]
    return [budget for budget in budgets if budget is not None] if all(budgets) else None


def unread_budget_reason(text: str, currency: str | None) -> str:
    """Why a budget value is not read, for its error: its amount in words says another amount
    than its digits (which is right, no one can tell), it names several amounts (which are
    neither added up nor chosen between) or one amount in two currencies, or it is unreadable."""
    if (disagreeing := disagreeing_words(text, currency)) is not None:
        budget, words, in_words = disagreeing
        return (f"unreadable budget {quoted(text)}: the amount in digits, {budget.currency} "
                f"{budget.amount}, and the amount in words, {quoted(words)}, which is "
                f"{budget.currency} {in_words}, disagree; none is kept: the parser cannot tell "
                "which is right")
    amounts = several_amounts(text, currency)
    if amounts is None:
        named = named_currencies(text)
        if len(named) > 1:
            return (f"unreadable budget {quoted(text)}: it names {' and '.join(named)} for one "
                    "amount; none is kept: the parser does not choose the currency")
        return f"unreadable budget {quoted(text)}"
    listed = ", ".join(f"{amount.currency} {amount.amount}" for amount in amounts)
    currencies = len({amount.currency for amount in amounts})
    kinds = f" in {currencies} currencies" if currencies > 1 else ""
    return (f"unreadable budget {quoted(text)}: it names {len(amounts)} amounts{kinds} "
            f"({listed}); none is kept: the parser neither adds them up nor chooses one")
