"""A project's dates given as one "Duration" field ("Duration" / "January 2021 – June 2023"):
its first and last years are the start and end years, unless the page dates them itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import iso3s, parse_text


def _issues(record: object) -> list[tuple[str, str, int | None]]:
    return [(issue.field, issue.severity, issue.line)
            for issue in record.issues]  # type: ignore[attr-defined]


_EN_FIELDS = ("Project Type\nLabour Mobility and Human Development\n-\nBudget Amount (USD)\n"
              "250,000.00\n-\nCoverage\nNational\n-\nPrima ID\nTJ10P0061\n-\n"
              "Benefiting Member States\nTajikistan\n"
              "Returning labour migrants in Khatlon will find advice on jobs and small business "
              "loans at two new district centres.\n")


@pytest.mark.parametrize("duration", [
    "Duration\nJanuary 2021 – June 2023\n",
    "Duration: January 2021 – June 2023\n",
    "Project Duration: 2021-2023\n",
    "Project Duration\n2021 to 2023\n",
    "• Duration:\n   March 2021 - June 2023\n",
    "Duration 2021-2023\n",
    "Duration\nJanuary 2021 – June 2023 (30 months)\n",
    "Duration: 30 months (January 2021 – June 2023)\n",
    "Project Duration\n2021-2023 (approx. three years)\n",
])
def test_a_duration_gives_the_start_and_end_years(tmp_path: Path, duration: str) -> None:
    record = parse_text(tmp_path, "Who we are\nOur Work\nReintegration Support for Returning "
                        f"Labour Migrants in Khatlon\n-\n{duration}-\n" + _EN_FIELDS)
    assert record.title == "Reintegration Support for Returning Labour Migrants in Khatlon"
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert record.prima_id == "TJ10P0061" and iso3s(record) == ["TJK"]
    assert record.issues == []


@pytest.mark.parametrize("duration", [
    "Implementation Period: January 2021 - December 2023\n",
    "Implementation period\nJanuary 2021 – December 2023\n",
    "Project Period: 2021-2023\n",
    "• Project Period:\n   March 2021 - June 2023\n",
])
def test_an_implementation_period_is_a_duration(tmp_path: Path, duration: str) -> None:
    record = parse_text(tmp_path, "Who we are\nOur Work\nReintegration Support for Returning "
                        f"Labour Migrants in Khatlon\n-\n{duration}-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert record.issues == []


def test_an_implementation_period_beside_other_inline_fields(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "\n".join([
        "Home > Projects > Detail", "Psychosocial Support for Returnees in Ethiopia",
        "Project Type: Return and Reintegration", "Implementation Period: January 2021 - "
        "December 2022", "Budget (USD): 275,000", "Coverage: National", "Year: 2020",
        "Prima ID: ET10P0317", "Benefiting Member States: Ethiopia",
        "Returnees will meet a counsellor in the week they arrive.", ""]))
    assert (record.start_year, record.end_year, record.year) == (2021, 2022, 2020)
    assert record.issues == []


def test_an_implementation_period_that_disagrees_with_the_dates_is_reported(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nStart Date\n2020\n-\n"
                        "Implementation Period\n2021-2023\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2020, 2023)
    assert _issues(record) == [("duration", "warning", 7)]


def test_prose_opening_with_implementation_period_is_no_field(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nStart Date\n2021\n-\n"
                        + _EN_FIELDS + "Implementation period was extended by one year to let "
                        "the district centres open.\n")
    assert (record.start_year, record.end_year) == (2021, None)
    assert record.narrative is not None and "Implementation period was extended" in (
        record.narrative)
    assert record.issues == []


def test_a_duration_of_one_year_is_both_the_start_and_the_end_year(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Border Health Screening in Nampula\n-\nDuration\n2022\n-\n"
                        + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2022, 2022)
    assert record.issues == []


def test_a_duration_in_a_definition_list(tmp_path: Path) -> None:
    page = ("<html><head><title>Labour Migration Data for Central Asia | IOM Development Fund"
            "</title></head><body><h1>Labour Migration Data for Central Asia</h1><dl>"
            "<dt>Duration</dt><dd>January 2021 – June 2023</dd>"
            "<dt>Budget Amount (USD)</dt><dd>300,000.00</dd>"
            "<dt>Prima ID</dt><dd>KG10P0037</dd>"
            "<dt>Benefiting Member States</dt><dd>Kyrgyzstan, Tajikistan</dd></dl>"
            "<p>Statistics offices will share one survey of labour migrants and publish its "
            "results every year.</p></body></html>")
    record = parse_text(tmp_path, page, name="page.html")
    assert record.title == "Labour Migration Data for Central Asia"
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert iso3s(record) == ["KGZ", "TJK"]
    assert record.issues == []


@pytest.mark.parametrize("duration", ["Durée\nde janvier 2021 à juin 2023\n",
                                      "Durée du projet : 2021-2023\n",
                                      "Durée\nde janvier 2021 à juin 2023 (30 mois)\n",
                                      "Période de mise en œuvre : janvier 2021 – juin 2023\n",
                                      "Période de mise en oeuvre\n2021-2023\n",
                                      "Période d'exécution\nde janvier 2021 à juin 2023\n"])
def test_a_french_duration(tmp_path: Path, duration: str) -> None:
    record = parse_text(tmp_path, (
        "Qui sommes-nous\nNotre action\nAppui à la réintégration des migrants de retour au "
        f"Sénégal\n-\n{duration}-\nType de projet\nMigration et développement\n-\n"
        "Budget\n200 000 USD\n-\nID Prima\nSN10P0288\n-\nÉtats membres bénéficiaires\n"
        "Sénégal\nLes migrants de retour recevront un appui pour créer une activité dans leur "
        "région d'origine.\n"))
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert record.language == "fr"
    assert record.issues == []


@pytest.mark.parametrize("duration", ["Duración\nenero de 2021 – junio de 2023\n",
                                      "Duración del proyecto: 2021-2023\n",
                                      "Duración\n30 meses (enero de 2021 – junio de 2023)\n",
                                      "Período de ejecución: enero de 2021 – junio de 2023\n",
                                      "Periodo de implementación\n2021-2023\n"])
def test_a_spanish_duration(tmp_path: Path, duration: str) -> None:
    record = parse_text(tmp_path, (
        "Quiénes somos\nNuestro trabajo\nFortalecimiento de la gestión migratoria en "
        f"Guatemala\n-\n{duration}-\nTipo de proyecto\nGestión de la inmigración y las "
        "fronteras\n-\nPresupuesto\nUSD 300.000\n-\nID Prima\nGT10P0101\n-\n"
        "Estados miembros beneficiarios\nGuatemala\nLas autoridades migratorias contarán con "
        "un sistema de registro en los puestos fronterizos del país.\n"))
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert record.language == "es"
    assert record.issues == []


def test_start_and_end_dates_are_kept_over_a_duration_that_disagrees(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nDuration\n"
                        "January 2021 – June 2023\n-\nStart Date\n2020\n-\nEnd Date\n2023\n-\n"
                        + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2020, 2023)
    assert _issues(record) == [("duration", "warning", 4)]
    message = record.issues[0].message
    assert "January 2021 – June 2023" in message and "2020" in message and "2021" in message


def test_start_and_end_dates_that_agree_with_the_duration_say_nothing(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nStart Date\n"
                        "March 2021\n-\nEnd Date\nJune 2023\n-\nDuration\n"
                        "March 2021 – June 2023\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert record.issues == []


def test_a_duration_fills_the_end_year_a_page_leaves_out(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nStart Date\n2021\n-\n"
                        "Duration\n2021-2023\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert record.issues == []


@pytest.mark.parametrize("written", ["18 months", "2 years", "24 mois", "(24 months)",
                                     "January 2021 – June 2023 (phase 2)",
                                     "2021 (12 months) 2023"])
def test_an_unreadable_duration_is_reported_and_fills_nothing(tmp_path: Path,
                                                             written: str) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nDuration\n"
                        f"{written}\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (None, None)
    assert _issues(record) == [("duration", "warning", 4)]
    assert written in record.issues[0].message


def test_a_duration_in_months_does_not_give_the_end_year_from_the_start(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nStart Date\n"
                        "September 2021\n-\nDuration\n18 months\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2021, None)
    assert _issues(record) == [("duration", "warning", 7)]


@pytest.mark.parametrize(("written", "start"), [
    ("January 2021 – ongoing", 2021), ("2021 - present", 2021), ("March 2022 – Ongoing", 2022),
    ("2021 to date", 2021), ("mars 2021 – en cours", 2021), ("enero de 2021 – a la fecha", 2021),
])
def test_a_duration_left_open_gives_the_start_year_and_no_end_year(
        tmp_path: Path, written: str, start: int) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nDuration\n"
                        f"{written}\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (start, None)
    assert _issues(record) == [("duration", "warning", 4)]
    assert record.issues[0].message == (
        f"duration {written!r} says the project has not ended: {start} is its start year, and "
        "there is no end year to keep")


def test_an_end_date_the_page_gives_stays_beside_a_duration_left_open(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nDuration\n"
                        "January 2021 – ongoing\n-\nEnd Date\nDecember 2024\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2021, 2024)


@pytest.mark.parametrize(("written", "start", "end", "original", "later"), [
    ("January 2021 – December 2022, extended to June 2023", 2021, 2023, "December 2022",
     "June 2023"),
    ("2021 – 2023 (extended to 2024)", 2021, 2024, "2023", "2024"),
    ("January 2021 – February 2022 – extended until June 2022", 2021, 2022, "February 2022",
     "June 2022"),
    ("janvier 2021 – décembre 2022, prolongé jusqu'en juin 2023", 2021, 2023,
     "décembre 2022", "juin 2023"),
    ("de janvier 2021 à décembre 2022 (prolongée jusqu'au 30 juin 2023)", 2021, 2023,
     "décembre 2022", "30 juin 2023"),
    ("enero de 2021 – diciembre de 2022, ampliado hasta junio de 2023", 2021, 2023,
     "diciembre de 2022", "junio de 2023"),
    ("01/03/2021 - 31/12/2022, extended to 30/06/2023", 2021, 2023, "31/12/2022",
     "30/06/2023"),
])
def test_an_extended_duration_keeps_the_later_end_year_and_names_the_first(
        tmp_path: Path, written: str, start: int, end: int, original: str, later: str) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nDuration\n"
                        f"{written}\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (start, end)
    assert _issues(record) == [("end_year", "warning", 4)]
    assert record.issues[0].message == (
        f"duration {written!r}: the end date {original!r} was extended to {later!r}; kept "
        f"{end}, the year of the later date, as the end year")


@pytest.mark.parametrize("duration", [
    "Duration: January 2021 – December 2022, extended to June 2023\n",
    "Durée : janvier 2021 – décembre 2022, prolongé jusqu'en juin 2023\n",
    "Duración: enero de 2021 – diciembre de 2022, ampliado hasta junio de 2023\n",
    "Duration\nJanuary 2021 – December 2022, extended to June 2023 (30 months)\n",
])
def test_an_extended_duration_on_one_line_with_its_label(tmp_path: Path, duration: str) -> None:
    record = parse_text(tmp_path, f"Reintegration Support in Khatlon\n-\n{duration}-\n"
                        + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert [(issue.field, issue.severity) for issue in record.issues] == [
        ("end_year", "warning")]
    assert "was extended to" in record.issues[0].message


def test_an_end_date_the_page_gives_is_kept_over_an_extended_duration(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nDuration\n"
                        "January 2021 – December 2022, extended to June 2023\n-\nEnd Date\n"
                        "December 2022\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2021, 2022)
    assert _issues(record) == [("duration", "warning", 4)]
    assert record.issues[0].message == (
        "duration 'January 2021 – December 2022, extended to June 2023' gives 2023 as the end "
        "year, the end date 2022; kept 2022")


def test_an_end_date_agreeing_with_an_extended_duration_keeps_the_warning(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nDuration\n"
                        "January 2021 – December 2022, extended to June 2023\n-\nEnd Date\n"
                        "June 2023\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert _issues(record) == [("end_year", "warning", 4)]


@pytest.mark.parametrize("written", [
    "January 2021 – December 2023, extended to June 2022",  # an extension running backwards
    "January 2021 – December 2022, extended to 2023-2024",  # extended to a span
    "January 2021 – December 2022, moved to June 2023",  # other words
    "January 2021 – ongoing, extended to June 2023",
])
def test_other_extended_durations_are_still_unreadable(tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, "Reintegration Support in Khatlon\n-\nDuration\n"
                        f"{written}\n-\n" + _EN_FIELDS)
    assert (record.start_year, record.end_year) == (None, None)
    assert _issues(record) == [("duration", "warning", 4)]
    assert record.issues[0].message.startswith(f"unreadable duration {written!r}")
