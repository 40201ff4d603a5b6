"""Issue messages quote a page's text whole when short and cut it when long, so a scrape whose
lines ran together gives a message a person can read, still naming its file, line and field."""

from __future__ import annotations

from pathlib import Path

from page_helpers import parse_text

from kg.parse.quoting import QUOTE_LIMIT, quoted


def test_short_text_is_quoted_whole() -> None:
    assert quoted("GE10P03") == "'GE10P03'"
    assert quoted("x" * QUOTE_LIMIT) == repr("x" * QUOTE_LIMIT)


def test_long_text_is_cut_and_its_length_given() -> None:
    text = "A" * 2_000_000
    assert quoted(text) == f"{'A' * QUOTE_LIMIT + '…'!r} (2,000,000 characters)"


def test_a_huge_field_value_gives_a_short_message_naming_its_line(tmp_path: Path) -> None:
    # Labels over their values, as the scrapes lay fields out; two values ran on for pages.
    record = parse_text(tmp_path, (
        "Our Work\nStrengthening Consular Protection for Workers in the Gulf\n"
        "Project Type\nLabour Mobility and Human Development\n"
        f"Budget Amount (USD)\n{'12,000 ' * 5_000}\nYear\n2022\nPrima ID\n{'NP10P' * 4_000}\n"
        "Benefiting Member States\nNepal, Sri Lanka\n"
        "Consular officers in the Gulf see workers only once their contracts have gone wrong.\n"))
    by_field = {issue.field: issue for issue in record.issues}
    prima = by_field["prima_id"]
    assert prima.line == 10 and prima.severity == "error"
    assert prima.message.startswith(f"{('NP10P' * 4_000)[:QUOTE_LIMIT] + '…'!r} (20,000 "
                                    "characters) is not a Prima ID")
    assert len(prima.message) < 300
    assert record.prima_id is None
    amounts = by_field["page"]  # too long to be the budget: text among the fields
    assert amounts.line == 6 and amounts.message.endswith("(34,999 characters)")
    assert len(amounts.message) < 300
