"""Datelines on whole pages: a place given with its country, and a dateline under a date line."""

from __future__ import annotations

from pathlib import Path

from page_helpers import parse_article

from kg.parse import parse_page
from kg.records import NewsArticle
from kg.sources import read_source

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pages"


def iso3s(record: NewsArticle) -> list[str]:
    return [country.iso3 for country in record.countries]


def fixture_article(name: str) -> NewsArticle:
    record = parse_page(read_source(FIXTURES / name))
    assert isinstance(record, NewsArticle), f"parsed as {record.kind}"
    return record


# --- 1. "City, Country – date –": the country set off by a dash -------------------------------

NOUAKCHOTT = (
    "Mauritania and Mali Open a Shared Register of Returnees\n\n"
    "Nouakchott, Mauritania – 21 September 2023 – Civil registry officers from Mauritania and "
    "Mali entered the first returnees into a shared register this week, with support from IOM "
    "under the project \"Registering Returnees in the Sahel\" (MR10P0123).\n\n"
    "The register lets both countries follow up on people who cross the border again.\n"
)


def test_a_place_and_its_country_before_a_dashed_date_open_an_article(tmp_path: Path) -> None:
    record = parse_article(tmp_path, NOUAKCHOTT)
    assert (record.title, record.published, record.place) == (
        "Mauritania and Mali Open a Shared Register of Returnees", "2023-09-21",
        "Nouakchott, Mauritania")
    assert record.body is not None and record.body.startswith("Civil registry officers")
    assert [project.prima_id for project in record.projects] == ["MR10P0123"]
    assert iso3s(record) == ["MRT", "MLI"]
    assert record.issues == []


def test_hyphens_may_set_off_the_country_and_the_date(tmp_path: Path) -> None:
    record = parse_article(tmp_path, NOUAKCHOTT.replace(" – ", " - "))
    assert (record.published, record.place) == ("2023-09-21", "Nouakchott, Mauritania")
    assert record.body is not None and record.body.startswith("Civil registry officers")


def test_french_place_and_country_before_a_dashed_date(tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "Des agents de santé formés au suivi des déplacés\n\n"
        "Goma, RDC – 4 mars 2020 – Trente agents de santé du Nord-Kivu ont suivi cette semaine "
        "une formation au suivi des personnes déplacées, avec l'appui de l'OIM.\n")
    assert (record.published, record.place, record.language) == ("2020-03-04", "Goma, RDC", "fr")
    assert record.body is not None and record.body.startswith("Trente agents de santé")


def test_audit_page_with_place_country_and_dashed_date_is_an_article() -> None:
    record = fixture_article("news_place_country_dash_date.txt")
    assert (record.title, record.published, record.place) == (
        "Senegal and Guinea Agree on Joint Reintegration Referral Procedures", "2022-04-12",
        "Dakar, Senegal")
    assert [project.prima_id for project in record.projects] == ["SN10P0210"]
    assert iso3s(record) == ["SEN", "GIN"]
    assert record.issues == []
