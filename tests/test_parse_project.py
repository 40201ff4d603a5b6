"""Project pages to records: every field of the seed pages, value variations (budgets, years,
identifiers, value lists, member states), the issues bad input gives, and parsing many files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from page_helpers import iso3s, parse_file, parse_text

from kg.errors import DataError
from kg.parse import ParseResult, parse_page, parse_paths
from kg.parse.lines import Line
from kg.records import Budget, NewsArticle, ProjectPage, has_errors
from kg.sources import SourceText, read_source

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "examples" / "pages"


def issues_of(record: ProjectPage, field: str) -> list[tuple[str, int | None]]:
    return [(issue.severity, issue.line) for issue in record.issues if issue.field == field]


def page_with(field_lines: str) -> str:
    """A small but complete project page whose fields include ``field_lines``."""
    return ("Who we are\nOur Work\nMigrant Resource Centre in Dushanbe\n-\n"
            "Project Type\nLabour Mobility\n-\n" + field_lines +
            "-\nPrima ID\nTJ10P0044\n-\nBenefiting Member States\nTajikistan\n"
            "The centre will advise people about legal ways to work in neighbouring countries.\n")


# --- the seed pages -------------------------------------------------------------------------


def seed(seed_paths: list[Path], number: int) -> ProjectPage:
    return parse_file(seed_paths[number])


def test_seed_000_fields(seed_paths: list[Path]) -> None:
    record = seed(seed_paths, 0)
    assert record.kind == "project"
    assert record.language == "en"
    assert record.title == ("Vanuatu: Piloting Implementation of the National Action Plan to "
                            "Combat Trafficking in Persons")
    assert record.project_type == "Protection and Assistance to Vulnerable Migrants"
    assert record.budget == Budget(Decimal("300000.00"), "USD")
    assert record.coverage == "National"
    assert record.year == 2024
    assert record.idf_region == "Asia and Oceania"
    assert record.prima_id == "VU10P0543"
    assert iso3s(record) == ["VUT"]
    # Not on this page: null, and not reported either.
    assert (record.start_year, record.end_year, record.status, record.projects_id) == (
        None, None, None, None)
    assert record.narrative is not None and record.narrative.startswith("On 3 September 2024")
    assert record.issues == []


def test_seed_001_fields(seed_paths: list[Path]) -> None:
    record = seed(seed_paths, 1)
    assert record.title == "Migrant Assistance and Protection in the Pacific"
    assert (record.start_year, record.end_year) == (2021, 2024)
    assert record.status == "Active"
    assert record.project_type == "Protection and Assistance to Vulnerable Migrants"
    assert record.budget == Budget(Decimal("400000.00"), "USD")
    assert record.coverage == "Regional"
    assert record.year == 2020
    assert record.idf_region == "Asia and Oceania"
    assert record.prima_id == "FJ10P0514"
    assert record.projects_id == "PX.0220"
    assert iso3s(record) == ["FJI", "TON", "VUT"]  # "Fiji Tonga Vanuatu" on one line
    assert [state.name for state in record.member_states] == ["Fiji", "Tonga", "Vanuatu"]
    assert record.language == "en"
    assert record.issues == []


def test_seed_002_fields(seed_paths: list[Path]) -> None:
    record = seed(seed_paths, 2)
    assert record.title == (
        "Strengthening States' Capacities and Enhancing Community Awareness to Prevent and "
        "Respond to Online and Technology-Facilitated Trafficking in Persons in Fiji and Vanuatu")
    assert (record.start_year, record.end_year) == (2024, 2025)
    assert record.status == "Active"
    assert record.project_type == "Protection and Assistance to Vulnerable Migrants"
    assert record.budget == Budget(Decimal("400000.00"), "USD")
    assert record.coverage == "Regional"
    assert record.year == 2023
    assert record.idf_region == "Asia and Oceania"
    assert record.prima_id == "FJ10P0532"
    assert record.projects_id == "PX.0472"
    assert iso3s(record) == ["FJI", "VUT"]
    assert record.narrative is not None and len(record.narrative.splitlines()) == 3
    assert record.issues == []


def test_seed_003_fields(seed_paths: list[Path]) -> None:
    record = seed(seed_paths, 3)
    assert record.title == ("Building the Capacity of the Government of Saint Lucia and "
                            "Promoting Awareness to Address Trafficking")
    assert (record.start_year, record.end_year) == (2016, 2019)
    assert record.status == "Completed"
    assert record.project_type == "Counter Trafficking Projects"
    assert record.budget == Budget(Decimal("105000.00"), "USD")
    assert record.coverage == "National"
    assert record.year == 2016
    assert record.idf_region == "Latin America and the Caribbean"
    assert record.prima_id == "GY10P0001"
    assert record.projects_id == "CT.1003"
    assert iso3s(record) == ["LCA"]
    assert record.issues == []


def test_seed_record_keeps_its_source(seed_paths: list[Path]) -> None:
    record = seed(seed_paths, 1)
    assert record.source.path.endswith("001_3d35783f8ae43f29.txt")
    assert len(record.source.sha256) == 64
    assert record.source.media_type == "text/plain"


def test_seed_news_article_goes_to_the_news_parser(
        seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.parse.news

    received: list[tuple[SourceText, list[Line]]] = []

    def parse_news_article(page: SourceText, lines: list[Line]) -> NewsArticle:
        received.append((page, lines))
        return NewsArticle(source=page.source, title=lines[0].text)

    monkeypatch.setattr(kg.parse.news, "parse_news_article", parse_news_article)
    record = parse_page(read_source(seed_paths[4]))
    assert isinstance(record, NewsArticle)
    assert len(received) == 1
    page, lines = received[0]
    assert page.source.path.endswith("004_34cabcb3ec87c021.txt")
    assert any(line.text.startswith("Ha Noi, November 29, 2021") for line in lines)


def test_seed_news_article_is_a_news_record(seed_paths: list[Path]) -> None:
    record = parse_page(read_source(seed_paths[4]))
    assert record.kind == "news"
    assert record.title == ("An Interagency Approach to Combat Human Trafficking and Tackle "
                            "Modern Slavery from Viet Nam")


# --- budgets, years, identifiers --------------------------------------------------------------


@pytest.mark.parametrize(("written", "amount", "currency"), [
    ("300000.00", "300000.00", "USD"),
    ("200,000", "200000", "USD"),
    ("USD 200,000.00", "200000.00", "USD"),
    ("US$ 1,200,000", "1200000", "USD"),
    ("1 200 000,00", "1200000.00", "USD"),
    ("1.200.000,00", "1200000.00", "USD"),
    ("US$ 1.2 million", "1200000", "USD"),
    ("USD 1,5 millions", "1500000", "USD"),
    ("EUR 50,000", "50000", "EUR"),
    ("75 000 €", "75000", "EUR"),
    ("CHF 120'000", "120000", "CHF"),
])
def test_budget_amounts_and_currencies(tmp_path: Path, written: str, amount: str,
                                       currency: str) -> None:
    record = parse_text(tmp_path, page_with(f"Budget Amount (USD)\n{written}\n"))
    assert record.budget == Budget(Decimal(amount), currency)
    assert record.issues == []


def test_budget_currency_named_by_the_label_is_used(tmp_path: Path) -> None:
    record = parse_text(tmp_path, page_with("Budget (EUR)\n50,000\n"))
    assert record.budget == Budget(Decimal("50000"), "EUR")


@pytest.mark.parametrize("written", ["200,000 - 250,000", "about 200,000 dollars or more"])
def test_unreadable_budget_is_an_error_with_the_raw_value(tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, page_with(f"Budget Amount (USD)\n{written}\n"))
    assert record.budget is None
    assert issues_of(record, "budget") == [("error", 9)]
    assert written in record.issues[0].message


@pytest.mark.parametrize("written", ["2021", "March 2021", "01/03/2021", "2021-03-01",
                                     "1er mars 2021", "1 de marzo de 2021"])
def test_start_and_end_dates_keep_only_the_year(tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, page_with(f"Start Date\n{written}\n-\nEnd Date\n{written}\n"))
    assert (record.start_year, record.end_year) == (2021, 2021)
    assert record.issues == []


def test_unreadable_year_is_an_error_with_the_raw_value(tmp_path: Path) -> None:
    record = parse_text(tmp_path, page_with("Year\nsecond half of the decade\n"))
    assert record.year is None
    assert issues_of(record, "year") == [("error", 9)]
    assert "second half of the decade" in record.issues[0].message


def test_funding_year_before_the_start_date_is_kept_without_issue(tmp_path: Path) -> None:
    record = parse_text(tmp_path, page_with("Start Date\n2023\n-\nYear\n2021\n"))
    assert (record.year, record.start_year) == (2021, 2023)
    assert record.issues == []


@pytest.mark.parametrize("written", ["PX.0220", "CT.1003", "QU8-805"])
def test_projects_ids_are_kept_as_written(tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, page_with(f"Projects ID\n{written}\n"))
    assert record.projects_id == written


@pytest.mark.parametrize("page_text", [
    "Some Project\nProject Type\nMigration Health\nYear\n2021\n",
    "Some Project\nProject Type\nMigration Health\nPrima ID\nN/A\nYear\n2021\n",
    "Some Project\n• Project Type\n   Migration Health\n• Prima ID\n• Year\n   2021\n",
], ids=["absent", "n/a", "empty-bullet"])
def test_missing_prima_id_is_null_with_a_warning(tmp_path: Path, page_text: str) -> None:
    record = parse_text(tmp_path, page_text)
    assert record.prima_id is None
    assert [(issue.severity, issue.field) for issue in record.issues] == [("warning", "prima_id")]


# --- value lists --------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "label"), [
    ("CT", "Counter Trafficking Projects"),
    ("Counter-Trafficking", "Counter Trafficking Projects"),
    ("PAVM", "Protection and Assistance to Vulnerable Migrants"),
    ("Migration Health (MH)", "Migration Health"),
    ("Lutte contre la traite", "Counter Trafficking Projects"),
])
def test_project_types_written_as_words_or_acronyms_are_normalised(
        tmp_path: Path, written: str, label: str) -> None:
    record = parse_text(tmp_path, page_with(f"Project Type\n{written}\n").replace(
        "Project Type\nLabour Mobility\n-\n", ""))
    assert record.project_type == label
    assert record.issues == []


@pytest.mark.parametrize("written", ["Under implementation", "En cours de mise en œuvre",
                                     "En cours de mise en oeuvre", "En ejecución", "In progress",
                                     "Implementation", "Ongoing"])
def test_a_status_saying_the_project_is_being_implemented_is_active(
        tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, page_with(f"Project Status\n{written}\n"))
    assert record.status == "Active"
    assert record.issues == []


@pytest.mark.parametrize(("field_label", "attribute", "written"), [
    ("Project Status", "status", "Awaiting signature"),
    ("Coverage", "coverage", "Sub-national"),
    ("IDF Region", "idf_region", "Antarctica"),
])
def test_unknown_value_list_entry_is_kept_raw_with_a_warning(
        tmp_path: Path, field_label: str, attribute: str, written: str) -> None:
    record = parse_text(tmp_path, page_with(f"{field_label}\n{written}\n"))
    assert getattr(record, attribute) == written
    assert issues_of(record, attribute) == [("warning", 9)]
    assert written in record.issues[0].message


# --- member states ------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "expected"), [
    ("Trinidad and Tobago Saint Vincent and the Grenadines Côte d'Ivoire", ["TTO", "VCT", "CIV"]),
    ("Bosnia and Herzegovina, North Macedonia, Serbia", ["BIH", "MKD", "SRB"]),
    ("Papua New Guinea\nSolomon Islands\nMarshall Islands", ["PNG", "SLB", "MHL"]),
    ("Guinée Mali Sénégal", ["GIN", "MLI", "SEN"]),
])
def test_member_states_on_one_line_with_commas_or_one_per_line(
        tmp_path: Path, written: str, expected: list[str]) -> None:
    page = page_with("").replace("Benefiting Member States\nTajikistan",
                                 f"Benefiting Member States\n{written}")
    record = parse_text(tmp_path, page)
    assert iso3s(record) == expected
    assert record.issues == []


def test_member_state_listed_twice_is_kept_once_with_a_warning(tmp_path: Path) -> None:
    page = page_with("").replace("Benefiting Member States\nTajikistan",
                                 "Benefiting Member States\nFiji Tonga Fiji")
    record = parse_text(tmp_path, page)
    assert iso3s(record) == ["FJI", "TON"]
    assert issues_of(record, "member_states") == [("warning", 13)]
    assert "Fiji" in record.issues[0].message


@pytest.mark.parametrize(("written", "line"), [
    ("Fiji Narnia Tonga", 13),
    ("Fiji, Narnia, Tonga", 13),
    ("Fiji\nNarnia\nTonga", 14),
    ("Fiji\nTonga\nNarnia", 15),
])
def test_unknown_member_state_is_an_error_naming_line_and_text(
        tmp_path: Path, written: str, line: int) -> None:
    page = page_with("").replace("Benefiting Member States\nTajikistan",
                                 f"Benefiting Member States\n{written}")
    record = parse_text(tmp_path, page)
    assert iso3s(record) == ["FJI", "TON"]
    assert issues_of(record, "member_states") == [("error", line)]
    assert "Narnia" in record.issues[0].message
    assert has_errors(record)


# --- unknown labels and the narrative ---------------------------------------------------------


def test_unknown_labels_are_warnings_naming_label_and_value(fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_unknown_labels.txt")
    reported = [(issue.field, issue.line, issue.severity) for issue in record.issues]
    assert reported == [("Donor", 8, "warning"), ("Implementing Partner", 13, "warning")]
    assert "Government of Switzerland" in record.issues[0].message
    assert "Bureau for Relations with Diaspora" in record.issues[1].message
    # The known fields around them are still read.
    assert record.budget == Budget(Decimal("150000.00"), "USD")
    assert (record.coverage, record.year, record.prima_id) == ("National", 2022, "MD10P0210")
    assert iso3s(record) == ["MDA"]


def test_unknown_label_after_the_last_field_is_still_reported(tmp_path: Path) -> None:
    text = page_with("").replace(
        "Tajikistan\n", "Tajikistan\nDonor\nGovernment of Japan\n")
    record = parse_text(tmp_path, text)
    assert [(issue.field, issue.line) for issue in record.issues] == [("Donor", 14)]
    assert record.narrative is not None and record.narrative.startswith("The centre will")


def test_narrative_sentences_and_headings_are_not_taken_for_labels(tmp_path: Path) -> None:
    text = page_with("").replace("Tajikistan\n", (
        "Tajikistan\nBackground\nMany young people leave each spring for seasonal work.\n"
        "Outcome 1\nReturnees use the centre.\nIt opened in 2021.\n"))
    record = parse_text(tmp_path, text)
    assert record.issues == []
    assert iso3s(record) == ["TJK"]
    assert record.narrative is not None
    assert record.narrative.splitlines()[:3] == [
        "Background", "Many young people leave each spring for seasonal work.", "Outcome 1"]


def test_narrative_is_the_text_after_the_fields(fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_french.txt")
    assert record.narrative is not None
    lines = record.narrative.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Les services de police")
    assert lines[1].startswith("Le projet a permis")


def test_page_without_narrative_has_null_narrative(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "A Project\nProject Type\nMigration Health\nYear\n2020\n")
    assert record.narrative is None
    assert record.outcomes == []


# --- page kinds and many files ------------------------------------------------------------------


def test_page_with_no_recognisable_fields_is_a_data_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "shopping.txt"
    path.write_text("Groceries\nMilk\nBread\nCall the plumber on Monday\n", encoding="utf-8")
    with pytest.raises(DataError, match="no recognisable fields") as caught:
        parse_page(read_source(path))
    assert caught.value.path is not None and caught.value.path.endswith("shopping.txt")


def test_bad_files_are_errors_and_the_other_pages_are_still_parsed(
        tmp_path: Path, fixture_pages_dir: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 20)
    (tmp_path / "c_unrecognisable.txt").write_text("Lorem\nIpsum\n", encoding="utf-8")
    good = fixture_pages_dir / "project_bullets.txt"
    (tmp_path / "d_project.txt").write_bytes(good.read_bytes())
    result = parse_paths([tmp_path, tmp_path / "missing-folder"])
    assert isinstance(result, ParseResult)
    assert [Path(record.source.path).name for record in result.records] == ["d_project.txt"]
    assert [Path(error.path or "").name for error in result.errors] == [
        "a_empty.txt", "b_binary.txt", "c_unrecognisable.txt", "missing-folder"]
    assert all(isinstance(error, DataError) for error in result.errors)


def test_records_are_sorted_by_path_and_same_titles_stay_apart(tmp_path: Path) -> None:
    body = ("Shared Title for Two Projects\nProject Type\nMigration Health\nPrima ID\n{}\n"
            "Year\n2020\n")
    (tmp_path / "z.txt").write_text(body.format("ZZ10P0002"), encoding="utf-8")
    (tmp_path / "a.txt").write_text(body.format("AA10P0001"), encoding="utf-8")
    result = parse_paths([tmp_path / "z.txt", tmp_path / "a.txt"])
    assert [Path(record.source.path).name for record in result.records] == ["a.txt", "z.txt"]
    assert [record.prima_id for record in result.records] == ["AA10P0001", "ZZ10P0002"]
    assert {record.title for record in result.records} == {"Shared Title for Two Projects"}


def test_the_same_file_named_twice_is_parsed_once(fixture_pages_dir: Path) -> None:
    page = fixture_pages_dir / "project_bullets.txt"
    assert len(parse_paths([page, fixture_pages_dir / "project_bullets.txt"]).records) == 1


def test_parsing_in_worker_processes_gives_the_same_result(
        tmp_path: Path, fixture_pages_dir: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    pages = sorted(fixture_pages_dir.glob("project_*"))
    serial = parse_paths([*pages, tmp_path], jobs=1)
    parallel = parse_paths([*pages, tmp_path], jobs=3)
    assert parallel.records == serial.records
    assert len(serial.records) == len(pages) >= 8
    assert [(error.path, error.reason) for error in parallel.errors] == [
        (error.path, error.reason) for error in serial.errors]
    assert [Path(error.path or "").name for error in parallel.errors] == ["empty.txt"]


def test_example_pages_parse_without_errors() -> None:
    paths = sorted(EXAMPLES_DIR.iterdir())
    assert len(paths) >= 4
    result = parse_paths(paths)
    assert result.errors == []
    for record in result.records:
        assert not has_errors(record), (record.source.path, record.issues)
    projects = [record for record in result.records if isinstance(record, ProjectPage)]
    assert len(projects) >= 4
    assert {record.language for record in projects} >= {"en", "fr", "es"}
    for record in projects:
        assert record.title and record.prima_id and record.member_states


MENU_THEN_FIELDS = ("-\nWho we are\n-\nOur Work\nWhat We Do\nWhat We Do\n-\nGet involved\n"
                    "- Data and Research\n-\nProject Type\nLabour Mobility and Human Development\n"
                    "Prima ID\nNP10P0601\nBenefiting Member States\nNepal\n"
                    "Recruitment agencies in Kathmandu will follow one code of conduct.\n")


def test_a_page_whose_title_is_missing_says_so_at_the_line_read_instead(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, MENU_THEN_FIELDS)
    assert record.title is None
    [issue] = [issue for issue in record.issues if issue.field == "title"]
    assert (issue.severity, issue.line) == ("warning", 9)
    assert "'- Data and Research', reads as the site's navigation" in issue.message


def test_a_title_line_that_ran_on_is_reported_not_dropped(tmp_path: Path) -> None:
    ran_on = "Fair Recruitment for Nepali Workers " * 5_000
    record = parse_text(tmp_path, MENU_THEN_FIELDS.replace("-\nProject Type",
                                                            f"{ran_on}\n-\nProject Type"))
    assert record.title is None
    [issue] = [issue for issue in record.issues if issue.field == "title"]
    assert issue.line == 10 and "(179,999 characters)" in issue.message


def test_a_page_with_no_line_above_its_fields_has_no_title_and_says_so(tmp_path: Path) -> None:
    record = parse_text(tmp_path, MENU_THEN_FIELDS[MENU_THEN_FIELDS.index("Project Type"):])
    assert record.title is None
    assert [(i.severity, i.line, i.message) for i in record.issues if i.field == "title"] == [
        ("warning", None, "no title read: no line above the fields")]


@pytest.mark.parametrize(("value", "budget", "other"), [
    ("USD 150,000 (EUR 135,000)", Budget(Decimal("150000"), "USD"), "'EUR 135,000'"),
    ("USD 250,000 (approx. EUR 230,000)", Budget(Decimal("250000"), "USD"),
     "'approx. EUR 230,000'"),
    ("EUR 1.2 million (USD 1.3 million)", Budget(Decimal("1200000"), "EUR"), "'USD 1.3 million'"),
])
def test_a_budget_with_its_amount_in_another_currency_keeps_the_first(
        tmp_path: Path, value: str, budget: Budget, other: str) -> None:
    record = parse_text(tmp_path, page_with(f"Budget\n{value}\n"))
    assert record.budget == budget
    [issue] = [issue for issue in record.issues if issue.field == "budget"]
    assert issue.severity == "warning" and issue.line == 9
    assert f"the amount in brackets, {other}, is the same money in another currency" in (
        issue.message)


@pytest.mark.parametrize("value", ["USD 150,000 (USD 150,000)", "USD 150,000 (150,000)"])
def test_brackets_naming_no_other_currency_leave_the_budget_unread(
        tmp_path: Path, value: str) -> None:
    record = parse_text(tmp_path, page_with(f"Budget\n{value}\n"))
    assert record.budget is None
    assert issues_of(record, "budget") == [("error", 9)]


@pytest.mark.parametrize("written", ["To be confirmed", "TBC", "TBD", "À confirmer",
                                     "Por confirmar"])
def test_a_budget_not_known_yet_is_no_budget_with_a_warning(tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, page_with(f"Budget Amount (USD)\n{written}\n"))
    assert record.budget is None
    assert issues_of(record, "budget") == [("warning", 9)]
    assert written in record.issues[0].message and "not known yet" in record.issues[0].message
