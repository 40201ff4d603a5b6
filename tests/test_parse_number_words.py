"""Amounts written in words in English, French and Spanish, as a page may write a budget beside
its digits ("300,000 (three hundred thousand) USD")."""

from __future__ import annotations

import pytest

from kg.parse.number_words import amount_in_words, names_an_amount


@pytest.mark.parametrize(("words", "amount"), [
    ("three hundred and fifty thousand", 350000),
    ("one million two hundred thousand", 1200000),
    ("deux - cent - mille", 200000),
    ("quatre - vingt - dix mille", 90000),
    ("soixante - dix", 70),
    ("vingt et un mille", 21000),
    ("un millon doscientos mil", 1200000),
    ("trescientos cincuenta mil", 350000),
])
def test_an_amount_in_words_is_read(words: str, amount: int) -> None:
    assert amount_in_words(words.split()) == amount


@pytest.mark.parametrize("words", ["idf contribution", "and", "-", "", "three hundred idf"])
def test_words_that_write_no_amount_are_none(words: str) -> None:
    assert amount_in_words(words.split()) is None


@pytest.mark.parametrize(("words", "names"), [
    ("three hundred thousand", True), ("mille", True), ("une contribution", False),
    ("one-off grant", False), ("idf contribution", False)])
def test_an_article_alone_names_no_amount(words: str, names: bool) -> None:
    assert names_an_amount(words.split()) is names
