"""Every layout IDF project pages use reads to the same fields: label/value blocks with and
without separators, bullets, bare values in the site's order, French and Spanish labels,
navigation before the title (or none), "Label: value" lines, and the same pages as HTML."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from page_helpers import iso3s, parse_file, parse_text

from kg.parse.html_text import html_lines
from kg.parse.lines import Line
from kg.records import Budget, ProjectPage


def issue_fields(record: ProjectPage) -> list[tuple[str, str]]:
    return [(issue.severity, issue.field) for issue in record.issues]


# --- plain-text layouts -------------------------------------------------------------------


def test_label_and_value_lines_without_separators_are_read(fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_no_separators.txt")
    assert record.title == "Strengthening Migration Data Systems in Central America"
    assert (record.start_year, record.end_year, record.year) == (2022, 2024, 2021)
    assert record.status == "Active"
    assert record.project_type == "Migration Policy and Research"
    assert record.budget == Budget(Decimal("250000"), "USD")
    assert record.coverage == "Regional"
    assert record.idf_region == "Latin America and the Caribbean"
    assert (record.prima_id, record.projects_id) == ("GT10P0231", "PR.0418")
    assert iso3s(record) == ["GTM", "HND", "SLV"]
    assert record.narrative is not None and record.narrative.startswith("The three governments")
    assert record.issues == []


def test_bulleted_labels_read_the_value_on_the_next_indented_line(
        fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_bullets.txt")
    assert record.title == "Enhancing Health Screening for Labour Migrants in Central Asia"
    assert (record.start_year, record.end_year, record.year) == (2019, 2021, 2019)
    assert record.status == "Completed"
    assert record.project_type == "Migration Health"  # written as the acronym "MH"
    assert record.budget == Budget(Decimal("200000.00"), "USD")
    assert record.coverage == "Multi-national"  # written "Multi-country"
    assert record.idf_region == "Europe"
    assert record.prima_id == "KZ10P0087"
    assert iso3s(record) == ["KAZ", "KGZ", "TJK"]  # one per line
    assert record.narrative is not None and record.narrative.startswith("Seasonal workers")


def test_bullet_with_an_empty_value_leaves_its_field_null(fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_bullets.txt")
    assert record.projects_id is None  # "• Projects ID" is followed by the next label
    assert iso3s(record) == ["KAZ", "KGZ", "TJK"]
    assert record.issues == []


def test_empty_bullets_in_a_row_are_all_null(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Piloting Consular Support for Migrant Workers\n"
        "* Start Date\n* End Date\n* Project Status\n    Active\n* Prima ID\n    PH10P0020\n"
        "* Benefiting Member States\n    Philippines\n"
        "Consular staff in the Gulf will use a new case log for workers who ask for help.\n"))
    assert (record.start_year, record.end_year) == (None, None)
    assert record.status == "Active"
    assert record.prima_id == "PH10P0020"
    assert iso3s(record) == ["PHL"]
    assert record.issues == []


def test_bare_values_in_the_site_order_are_recognised(fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_unlabeled.txt")
    assert record.title == "Supporting the Sustainable Reintegration of Returnees in Ghana"
    assert (record.start_year, record.end_year, record.year) == (2020, 2023, 2019)
    assert record.status == "Completed"
    assert record.project_type == "Return and Reintegration"
    assert record.budget == Budget(Decimal("1200000"), "USD")  # "US$ 1,200,000"
    assert record.coverage == "National"
    assert record.idf_region == "Africa"
    assert (record.prima_id, record.projects_id) == ("GH10P0412", "RR.0093")
    assert iso3s(record) == ["GHA"]
    assert record.narrative is not None and record.narrative.startswith("Many Ghanaians")
    assert record.issues == []


def test_bare_values_are_placed_by_shape_when_some_are_missing(tmp_path: Path) -> None:
    # No dates, no status, no Projects ID: the funding year comes after the coverage.
    record = parse_text(tmp_path, (
        "Who we are\n-\nOur Work\nSafe Migration Information Centres in Tonga\n-\n"
        "Protection and Assistance to Vulnerable Migrants\n-\n180,000\n-\nNational\n-\n2018\n-\n"
        "Asia and Oceania\n-\nTO10P0007\n-\nTonga\n"
        "Information desks will open on the two main islands for people planning to work.\n"))
    assert record.title == "Safe Migration Information Centres in Tonga"
    assert (record.start_year, record.end_year, record.status) == (None, None, None)
    assert record.year == 2018
    assert record.budget == Budget(Decimal("180000"), "USD")
    assert record.coverage == "National"
    assert (record.prima_id, record.projects_id) == ("TO10P0007", None)
    assert iso3s(record) == ["TON"]
    assert record.issues == []


def test_bare_start_year_without_end_year_keeps_end_null(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Border Health Posts in Timor-Leste\n2021\nActive\nMigration Health\nUSD 95,000\n"
        "National\n2020\nAsia and Oceania\nTL10P0019\nTimor-Leste\n"))
    assert (record.start_year, record.end_year, record.year) == (2021, None, 2020)
    assert record.status == "Active"
    assert iso3s(record) == ["TLS"]


def test_bare_member_states_one_per_line_are_all_kept(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Pacific Labour Mobility Dialogue\n2019\n2021\nCompleted\nLabour Mobility\n"
        "400000.00\nRegional\n2019\nAsia and Oceania\nFJ10P0499\nPX.0201\nFiji\nTonga\nVanuatu\n"
        "Labour ministries met each year to compare how seasonal work schemes were run.\n"))
    assert iso3s(record) == ["FJI", "TON", "VUT"]
    assert record.narrative is not None and record.narrative.startswith("Labour ministries")


def test_bare_value_nobody_knows_fills_the_gap_and_is_reported(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Rapid Assessment of Displacement in Chad\n2022\n2023\nUnder review\n"
        "Migration Policy and Research\n60,000\nNational\n2022\nAfrica\nTD10P0031\nChad\n"))
    assert record.status == "Under review"
    assert record.project_type == "Migration Policy and Research"
    assert issue_fields(record) == [("warning", "status")]
    assert "Under review" in record.issues[0].message
    assert record.issues[0].line == 4


def test_french_labels_and_values_are_normalised_to_english(fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_french.txt")
    assert record.language == "fr"
    assert record.title == "Renforcer la lutte contre la traite des personnes en Afrique de l'Ouest"
    assert (record.start_year, record.end_year, record.year) == (2018, 2021, 2017)
    assert record.status == "Completed"  # "Achevé"
    assert record.project_type == "Counter Trafficking Projects"  # "Lutte contre la traite"
    assert record.budget == Budget(Decimal("1200000.00"), "USD")  # "1 200 000,00"
    assert record.coverage == "Regional"  # "Régional"
    assert record.idf_region == "Africa"  # "Afrique"
    assert (record.prima_id, record.projects_id) == ("SN10P0117", "CT.0871")
    assert iso3s(record) == ["GIN", "MLI", "SEN"]  # "Guinée Mali Sénégal"
    assert record.issues == []


def test_french_ongoing_worldwide_values_are_understood(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Qui sommes-nous\nNotre action\nÉtude mondiale sur les envois de fonds\n"
        "Type de projet\nMigration et développement\nBudget\n75 000\nCouverture\nMonde\n"
        "Date de début\nmars 2022\nStatut du projet\nEn cours\nRégion FDI\nMonde\n"
        "ID Prima\nCH10P0100\nEtat(s) membre(s) bénéficiaire(s)\nSuisse, Maroc, Sénégal\n"))
    assert record.language == "fr"
    assert record.title == "Étude mondiale sur les envois de fonds"
    assert (record.status, record.coverage, record.idf_region) == ("Active", "Global", "Global")
    assert record.start_year == 2022
    assert record.budget == Budget(Decimal("75000"), "USD")
    assert iso3s(record) == ["CHE", "MAR", "SEN"]
    assert record.issues == []


def test_spanish_labels_and_values_are_normalised_to_english(fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_spanish.txt")
    assert record.language == "es"
    assert record.title == "Fortalecimiento de la gobernanza migratoria en la región andina"
    assert (record.start_year, record.end_year) == (2021, 2023)  # "01/03/2021", "2023-02-28"
    assert record.year == 2020
    assert record.status == "Active"  # "En curso"
    assert record.project_type == (
        "Technical Cooperation on Migration Management and Capacity Building")
    assert record.budget == Budget(Decimal("300000.00"), "USD")  # "300.000,00"
    assert record.idf_region == "Latin America and the Caribbean"
    assert (record.prima_id, record.projects_id) == ("PE10P0333", "QU8-805")
    assert iso3s(record) == ["PER", "ECU", "COL"]
    assert record.issues == []


def test_english_page_is_recorded_as_english(fixture_pages_dir: Path) -> None:
    assert parse_file(fixture_pages_dir / "project_no_separators.txt").language == "en"


def test_label_and_value_on_one_line_with_a_colon(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Diaspora Skills Transfer to Somalia\nProject Type: Migration and Development\n"
        "Budget Amount (USD): 210,000.00\nCoverage: National\nYear: 2017\nPrima ID: SO10P0055\n"
        "Benefiting Member States: Somalia\n"
        "Health professionals from the diaspora will take short assignments in hospitals.\n"))
    assert record.title == "Diaspora Skills Transfer to Somalia"
    assert record.project_type == "Migration and Development"
    assert record.budget == Budget(Decimal("210000.00"), "USD")
    assert (record.coverage, record.year, record.prima_id) == ("National", 2017, "SO10P0055")
    assert iso3s(record) == ["SOM"]
    assert record.issues == []


# --- navigation and title -----------------------------------------------------------------

FIELDS = ("Project Type\nMigration Health\nYear\n2021\nPrima ID\nLK10P0300\n"
          "Benefiting Member States\nSri Lanka\n")


@pytest.mark.parametrize("navigation", [
    "-\nWho we are\n-\nOur Work\nWhat We Do\nWhat We Do\n- Where we work\n- 2030 Agenda\n",
    "Who We Are\nAbout\nIOM Global\n-\nOur Work\nCross-cutting (Global)\n- Take Action\n",
    "Qui sommes-nous\nÀ propos\nNotre action\nOù nous travaillons\n",
    "Quiénes somos\nAcerca de\nNuestro trabajo\nDónde trabajamos\n",
    "Explore\nCountry Offices\nCountry Offices\nStories\n",
    "",
], ids=["seed-menus", "news-menus", "french", "spanish", "unlisted-menus", "no-navigation"])
def test_title_is_the_line_before_the_first_label_whatever_the_menus(
        tmp_path: Path, navigation: str) -> None:
    record = parse_text(tmp_path, navigation + "Health Checks for Departing Workers\n-\n" + FIELDS)
    assert record.title == "Health Checks for Departing Workers"
    assert record.project_type == "Migration Health"
    assert record.issues == []


def test_menu_entry_just_before_the_fields_is_not_taken_as_title(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Who we are\nOur Work\n- Data and Research\n" + FIELDS)
    assert record.title is None
    assert record.project_type == "Migration Health"


def test_labeled_title_wins_over_the_line_before_the_fields(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Home\nProject Title\nHealth Checks in Sri Lanka\n" + FIELDS)
    assert record.title == "Health Checks in Sri Lanka"


# --- HTML ---------------------------------------------------------------------------------


def test_html_definition_list_page_reads_like_the_text_page(fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_dl.html")
    assert record.title == "Improving Border Management Information Systems in the Western Balkans"
    assert (record.start_year, record.end_year, record.year) == (2020, 2022, 2019)
    assert record.status == "Completed"
    assert record.project_type == "Immigration and Border Management"
    assert record.budget == Budget(Decimal("350000.00"), "USD")  # "USD&nbsp;350,000.00"
    assert (record.coverage, record.idf_region) == ("Regional", "Europe")
    assert (record.prima_id, record.projects_id) == ("BA10P0044", "IB.0215")
    assert iso3s(record) == ["BIH", "MKD", "SRB"]
    assert record.issues == []


def test_html_scripts_styles_head_navigation_and_footer_are_dropped(
        fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_dl.html")
    assert record.narrative is not None
    assert record.narrative.splitlines() == [
        "Border police in the three countries record entries and exits in systems that cannot "
        "exchange data, so a traveller’s history stops at each frontier.",
        "The project helped the agencies agree on a common data format & connect their "
        "databases through a secure gateway.",
    ]


def test_html_list_items_with_strong_and_span_labels_are_read(fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_list.html")
    assert record.title == "Promoting Safe Labour Migration from Nepal to the Gulf"
    assert (record.start_year, record.end_year, record.year) == (2021, 2023, 2020)
    assert record.status == "Active"  # <span class="label">
    assert record.project_type == "Labour Mobility and Human Development"  # "LM"
    assert record.budget == Budget(Decimal("1200000"), "USD")  # "US$&nbsp;1.2 million"
    assert record.coverage == "National"  # <span class="field-label">
    assert record.idf_region == "Asia and Oceania"  # "Asia and the Pacific"
    assert (record.prima_id, record.projects_id) == ("NP10P0150", "LM.0377")
    assert iso3s(record) == ["NPL"]
    assert record.issues == []


def test_html_bold_words_opening_a_paragraph_stay_in_it(fixture_pages_dir: Path) -> None:
    record = parse_file(fixture_pages_dir / "project_list.html")
    assert record.narrative is not None
    assert record.narrative.splitlines()[0].startswith(
        "Recruitment fees remain the main reason why workers from Nepal fall into debt")


def test_html_lines_keep_the_source_line_of_their_text() -> None:
    html = ("<html>\n<body>\n<h1>Title\n  of page</h1>\n<dl><dt>Year</dt>\n<dd>\n  2021</dd>"
            "</dl>\n<p>First<br>second &amp; third</p>\n</body></html>\n")
    assert html_lines(html) == [
        Line(3, "Title of page"), Line(5, "Year"), Line(7, "2021"), Line(8, "First"),
        Line(8, "second & third"),
    ]


def test_html_issue_lines_point_into_the_html_source(tmp_path: Path) -> None:
    html = ("<html><body>\n<h1>Border Crossing Survey</h1>\n<dl>\n<dt>Project Type</dt>\n"
            "<dd>Migration Health</dd>\n<dt>Benefiting Member States</dt>\n"
            "<dd>Fiji Narnia</dd>\n</dl>\n</body></html>\n")
    record = parse_text(tmp_path, html, name="page.html")
    unknown = [issue for issue in record.issues if issue.field == "member_states"]
    assert [(issue.line, issue.severity) for issue in unknown] == [(7, "error")]
    assert "Narnia" in unknown[0].message


def test_html_table_rows_with_header_cells_are_read(tmp_path: Path) -> None:
    html = ("<html><body><h2>Seasonal Worker Welfare in Samoa</h2><table>"
            "<tr><th>Project Status</th><td>En curso</td></tr>"
            "<tr><th>Budget</th><td>EUR 80,000</td></tr>"
            "<tr><th>Benefiting Member States</th><td>Samoa</td></tr></table></body></html>")
    record = parse_text(tmp_path, html, name="page.html")
    assert record.title == "Seasonal Worker Welfare in Samoa"
    assert record.status == "Active"
    assert record.budget == Budget(Decimal("80000"), "EUR")
    assert iso3s(record) == ["WSM"]


# --- "Label value" on one line without ": " ----------------------------------------------

_MALI_FIELDS = (
    ("Start Date", "2019"), ("End Date", "2021"), ("Project Status", "Completed"),
    ("Project Type", "Immigration and Border Management"), ("Budget", "USD 320,000"),
    ("Coverage", "National"), ("Year", "2018"), ("IDF Region", "Africa"),
    ("Prima ID", "ML10P0096"), ("Projects ID", "IB.0288"), ("Benefiting Member States", "Mali"),
)
_MALI_NARRATIVE = (
    "Smugglers use remote crossings where officers have no way to check travel documents.\n"
    "The project will connect six border posts to the national database (Objective).\n")


def _assert_mali_fields(record: ProjectPage) -> None:
    assert record.title == "Border Post Data Systems in Mali"
    assert (record.start_year, record.end_year, record.year) == (2019, 2021, 2018)
    assert (record.status, record.coverage, record.idf_region) == (
        "Completed", "National", "Africa")
    assert record.project_type == "Immigration and Border Management"
    assert record.budget == Budget(Decimal("320000"), "USD")
    assert (record.prima_id, record.projects_id) == ("ML10P0096", "IB.0288")
    assert iso3s(record) == ["MLI"]
    assert record.narrative == _MALI_NARRATIVE.rstrip("\n")


@pytest.mark.parametrize("separator", ["\t", "\t\t", ":", " – ", " - ", " — ", "  –  "],
                         ids=["tab", "tabs", "colon-no-space", "en-dash", "hyphen", "em-dash",
                              "spaced-dash"])
def test_label_and_value_separated_by_a_tab_dash_or_bare_colon(tmp_path: Path,
                                                               separator: str) -> None:
    fields = "\n".join(f"{label}{separator}{value}" for label, value in _MALI_FIELDS)
    record = parse_text(tmp_path, (
        f"Who we are\nOur Work\nBorder Post Data Systems in Mali\n{fields}\n{_MALI_NARRATIVE}"))
    _assert_mali_fields(record)
    assert record.issues == []


def test_label_and_value_separated_by_a_space_are_read(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Who we are\nOur Work\nCommunity Health Workers for Mobile Populations in Zambia\n"
        "Start Date March 2020\nEnd Date February 2022\nProject Status Completed\n"
        "Project Type Migration Health\nBudget Amount (USD) 185,000.00\nCoverage National\n"
        "Year 2019\nIDF Region Africa\nPrima ID ZM10P0140\nProjects ID MH.0315\n"
        "Benefiting Member States Zambia\n"
        "Fishing camps on Lake Kariba move with the seasons and are far from any clinic.\n"
        "The project will train community health workers who travel with the camps "
        "(Objective).\n"))
    assert record.title == "Community Health Workers for Mobile Populations in Zambia"
    assert (record.start_year, record.end_year, record.year) == (2020, 2022, 2019)
    assert (record.status, record.project_type) == ("Completed", "Migration Health")
    assert record.budget == Budget(Decimal("185000.00"), "USD")
    assert (record.coverage, record.idf_region) == ("National", "Africa")
    assert (record.prima_id, record.projects_id) == ("ZM10P0140", "MH.0315")
    assert iso3s(record) == ["ZMB"]
    assert record.narrative is not None and record.narrative.startswith("Fishing camps")
    assert record.issues == []


def test_tab_after_a_label_among_label_lines_is_read(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Mobile Clinics at the Mozambique Border\nStart Date\n2020\nEnd Date\t2022\n"
        "Project Status\nActive\nDonor\tGovernment of Japan\nPrima ID:\u00a0MZ10P0181\n"
        "Benefiting Member States\nMozambique\n"
        "Travellers who fall ill at the crossing have to be driven two hours to a hospital.\n"))
    assert (record.start_year, record.end_year, record.status) == (2020, 2022, "Active")
    assert (record.prima_id, iso3s(record)) == ("MZ10P0181", ["MOZ"])
    assert [(issue.field, issue.line) for issue in record.issues] == [("Donor", 7)]


@pytest.mark.parametrize("prose", [
    "Budget constraints delayed the opening of two shelters.",
    "Budget 2021 was cut by a third",
    "Status of women migrants in the region remains precarious",
    "Year after year, the same routes are used by smugglers",
    "Year 2020 brought border closures that stranded workers",
    "Coverage – as the assessment showed – was uneven across the provinces.",
    "Budget - the main constraint",
    "Region by region, officials compared their data",
    "Project Type of support varied between districts",
    "Coverage National media covered the launch widely",
])
def test_prose_that_opens_with_a_label_word_stays_in_the_narrative(tmp_path: Path,
                                                                   prose: str) -> None:
    record = parse_text(tmp_path, (
        "Shelter Network for Trafficking Survivors in Kenya\nProject Status\nActive\n"
        "Budget\n250,000\nYear\n2021\nPrima ID\nKE10P0233\nBenefiting Member States\nKenya\n"
        f"Survivors of trafficking often have nowhere safe to stay after they are identified.\n"
        f"{prose}\n"))
    assert (record.status, record.year, record.prima_id) == ("Active", 2021, "KE10P0233")
    assert record.budget == Budget(Decimal("250000"), "USD")
    assert record.coverage is None and record.idf_region is None
    assert record.project_type is None
    assert record.narrative is not None and record.narrative.endswith(prose)
    assert record.issues == []


_FIELDS_AFTER_TITLE = (
    "Start Date\n2021\n-\nEnd Date\n2023\n-\nProject Status\nActive\n-\nProject Type\n"
    "Migration and Development\n-\nBudget Amount (USD)\n180000.00\n-\nCoverage\nNational\n-\n"
    "Year\n2021\n-\nIDF Region\nAfrica\n-\nPrima ID\nSN10P0275\n-\nBenefiting Member States\n"
    "Senegal\nYoung people in three regions will learn where to find reliable advice before they "
    "decide to migrate.\n")


def test_an_unknown_field_between_the_title_and_the_fields_is_reported_not_the_title(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Who we are\nOur Work\nSafe Migration Choices for Young "
                        "People in Senegal\n-\nDonor\nGovernment of Italy\n-\n"
                        + _FIELDS_AFTER_TITLE)
    assert record.title == "Safe Migration Choices for Young People in Senegal"
    assert [(i.field, i.message) for i in record.issues] == [
        ("Donor", "unknown field label 'Donor' with value 'Government of Italy'")]
    assert record.prima_id == "SN10P0275" and iso3s(record) == ["SEN"]


_FIELDS_WITHOUT_SEPARATORS = _FIELDS_AFTER_TITLE.replace("\n-\n", "\n")


@pytest.mark.parametrize(("label", "value"), [
    ("Donor", "Government of Germany"), ("Funded by", "European Union"),
    ("Implementing Partner", "Ministry of Labour and Social Protection"),
    ("Bailleur de fonds", "Gouvernement italien"), ("Donante", "Gobierno de España"),
])
def test_an_unknown_field_under_the_title_without_separators_is_reported_not_the_title(
        tmp_path: Path, label: str, value: str) -> None:
    record = parse_text(tmp_path, "Who we are\nOur Work\nSafe Migration Choices for Young "
                        f"People in Senegal\n{label}\n{value}\n" + _FIELDS_WITHOUT_SEPARATORS)
    assert record.title == "Safe Migration Choices for Young People in Senegal"
    assert [(i.field, i.message, i.line) for i in record.issues] == [
        (label, f"unknown field label '{label}' with value '{value}'", 4)]
    assert record.prima_id == "SN10P0275" and iso3s(record) == ["SEN"]


def test_a_duration_under_the_title_is_read_as_the_project_dates_not_the_title(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Who we are\nOur Work\nSafe Migration Choices for Young "
                        "People in Senegal\nDuration\nJanuary 2021 – June 2023\n"
                        + _FIELDS_WITHOUT_SEPARATORS)
    assert record.title == "Safe Migration Choices for Young People in Senegal"
    assert (record.start_year, record.end_year) == (2021, 2023)
    assert record.issues == []
    assert record.prima_id == "SN10P0275" and iso3s(record) == ["SEN"]


def test_a_menu_entry_over_the_title_is_not_taken_for_a_field_label(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "Who we are\nPartners\nSafe Migration Choices for Young "
                        "People in Senegal\n" + _FIELDS_WITHOUT_SEPARATORS)
    assert record.title == "Safe Migration Choices for Young People in Senegal"
    assert record.issues == []


@pytest.mark.parametrize("note", ["Last updated 14 March 2024", "Mis à jour le 3 mars 2024",
                                  "Actualizado el 3 de marzo de 2024"])
def test_a_date_note_under_the_title_is_reported_not_the_title(tmp_path: Path,
                                                               note: str) -> None:
    record = parse_text(tmp_path, "Who we are\nOur Work\nSafe Migration Choices for Young "
                        f"People in Senegal\n{note}\n-\n" + _FIELDS_AFTER_TITLE)
    assert record.title == "Safe Migration Choices for Young People in Senegal"
    assert [(i.field, i.severity) for i in record.issues] == [("page", "warning")]
    assert note in record.issues[0].message


def test_a_menu_entry_framed_by_separators_is_not_taken_for_a_field(tmp_path: Path) -> None:
    record = parse_text(tmp_path, "-\nOur Work\nSafe Migration Choices for Young People in "
                        "Senegal\n-\n" + _FIELDS_AFTER_TITLE)
    assert record.title == "Safe Migration Choices for Young People in Senegal"
    assert record.issues == []


_HTML_FIELDS = ("<dl><dt>Start Date</dt><dd>2020</dd><dt>End Date</dt><dd>2022</dd>"
                "<dt>Prima ID</dt><dd>AM10P0102</dd>"
                "<dt>Benefiting Member States</dt><dd>Armenia</dd></dl>\n"
                "<p>People planning to work abroad can now get advice before they leave.</p>")


@pytest.mark.parametrize(("head", "title"), [
    ('<meta property="og:title" content="Migrant Advice Centre in Yerevan">',
     "Migrant Advice Centre in Yerevan"),
    ("<title>Migrant Advice Centre in Yerevan | IOM Development Fund</title>",
     "Migrant Advice Centre in Yerevan"),
])
def test_an_html_page_without_h1_takes_its_title_from_the_head_not_the_breadcrumb(
        tmp_path: Path, head: str, title: str) -> None:
    page = (f"<html><head>{head}</head>\n<body>\n<div class=\"breadcrumb\"><a href=\"/\">Home"
            f"</a> / <a href=\"/projects\">Projects</a> / Armenia</div>\n{_HTML_FIELDS}\n"
            "</body></html>\n")
    record = parse_text(tmp_path, page, "page.html")
    assert record.title == title and record.prima_id == "AM10P0102"
    assert record.issues == []


def test_an_html_page_with_h1_keeps_it_as_its_title(tmp_path: Path) -> None:
    page = ("<html><head><title>Site page | IOM</title></head>\n<body>\n"
            f"<h1>Migrant Advice Centre in Yerevan</h1>\n{_HTML_FIELDS}\n</body></html>\n")
    assert parse_text(tmp_path, page, "page.html").title == "Migrant Advice Centre in Yerevan"


@pytest.mark.parametrize("h1", [
    "<h1>Promoting Ethical Recruitment<br>in the Philippines and Indonesia</h1>",
    "<h1>Promoting Ethical Recruitment <br/>\n  in the Philippines and Indonesia</h1>",
    "<h1><span>Promoting Ethical Recruitment</span><br><small>in the Philippines and "
    "Indonesia</small></h1>",
])
def test_a_title_broken_in_two_by_br_in_its_h1_is_one_title(tmp_path: Path, h1: str) -> None:
    page = f"<html><body>\n{h1}\n{_HTML_FIELDS}\n</body></html>\n"
    record = parse_text(tmp_path, page, "page.html")
    assert record.title == "Promoting Ethical Recruitment in the Philippines and Indonesia"
    assert record.prima_id == "AM10P0102" and record.issues == []


def test_br_outside_the_h1_still_ends_a_line() -> None:
    assert [line.text for line in html_lines("<h1>Title</h1><p>Budget<br>USD 200,000</p>")] == [
        "Title", "Budget", "USD 200,000"]


@pytest.mark.parametrize(("unknown", "field"), [("Integrated Border Management", "project_type"),
                                                ("Under review", "status")])
def test_an_unknown_bare_value_where_status_and_type_are_missing_goes_by_its_length(
        tmp_path: Path, unknown: str, field: str) -> None:
    record = parse_text(tmp_path, (
        f"Border Data Links in Central America\n2021\n2023\n{unknown}\nUSD 320,000.00\n"
        "Regional\n2020\nLatin America and the Caribbean\nGT10P0388\nGuatemala\nHonduras\n"))
    assert getattr(record, field) == unknown
    assert (record.status, record.project_type).count(None) == 1
    assert issue_fields(record) == [("warning", field)]


def test_a_region_menu_above_an_unlabeled_page_is_not_its_first_value(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Who We Are\nWhere we work\nAfrica\nAsia and the Pacific\nEurope\n"
        "Middle East and North Africa\nBetter Migration Figures for Malawi\n2021\n2023\nActive\n"
        "Migration Policy and Research\nUSD 210,000.00\nNational\n2020\nAfrica\nMW10P0334\n"
        "Malawi\nMinistries in Malawi keep their migration figures in separate formats and "
        "seldom exchange them.\n"))
    assert record.title == "Better Migration Figures for Malawi"
    assert (record.start_year, record.end_year, record.status) == (2021, 2023, "Active")
    assert record.idf_region == "Africa" and iso3s(record) == ["MWI"]
    assert record.issues == []


# --- a site menu holding a field label ----------------------------------------------------

@pytest.mark.parametrize(("menu", "fields", "states"), [
    ("Skip to main content\nHome\nAbout IOM\nMember States\nPartners\nNewsroom\nContact\n",
     "Prima ID: BA10P0150\nYear: 2022\nProject Type: Migration Policy\nCoverage: Regional\n"
     "Member States: Bosnia and Herzegovina, Serbia\n", ["BIH", "SRB"]),
    ("Accueil\nÀ propos de l'OIM\nÉtats membres\nPartenaires\nSalle de presse\nContact\n",
     "Prima ID\nBA10P0150\nAnnée\n2022\nCouverture\nRégionale\n"
     "États membres\nBosnie-Herzégovine\nSerbie\n", ["BIH", "SRB"]),
    ("Inicio\nAcerca de la OIM\nEstados miembros\nSocios\nSala de prensa\nContacto\n",
     "Prima ID\nBA10P0150\nAño\n2022\nCobertura\nRegional\n"
     "Estados miembros\nBosnia y Herzegovina\nSerbia\n", ["BIH", "SRB"]),
], ids=["english-inline", "french-lines", "spanish-lines"])
def test_a_member_states_menu_entry_does_not_open_the_fields(
        tmp_path: Path, menu: str, fields: str, states: list[str]) -> None:
    record = parse_text(tmp_path, (
        f"{menu}IOM Development Fund - Project Details\nCross-Border Labour Data in the Western "
        f"Balkans\n{fields}Labour offices on both sides of the border will share one set of "
        "records.\n"))
    assert record.title == "Cross-Border Labour Data in the Western Balkans"
    assert (record.prima_id, record.year, record.coverage) == ("BA10P0150", 2022, "Regional")
    assert iso3s(record) == states
    assert record.issues == []


def test_member_states_under_a_menu_with_countries_under_it_open_the_fields(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Home\nAbout IOM\nMember States\nBosnia and Herzegovina\nSerbia\nPrima ID\nBA10P0150\n"
        "Year\n2022\nLabour offices on both sides of the border will share one set of "
        "records.\n"))
    assert iso3s(record) == ["BIH", "SRB"]
    assert (record.prima_id, record.year) == ("BA10P0150", 2022)
    assert record.title is None


def test_a_field_with_an_unknown_value_under_a_menu_still_opens_the_fields(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Home\nContact\nProject Type\nCross-Border Data Exchange\nPrima ID\nBA10P0150\n"
        "Year\n2022\nBenefiting Member States\nSerbia\n"
        "Labour offices on both sides of the border will share one set of records.\n"))
    assert record.project_type == "Cross-Border Data Exchange"
    assert record.title is None
    assert (record.prima_id, iso3s(record)) == ("BA10P0150", ["SRB"])


# --- the page's text before its fields (a sidebar of fields after the body) ---------------

_BODY = ("The Ghana Immigration Service records arrivals on paper at most land borders.\n"
         "The project will digitise records at three crossings and train staff to use them.\n")
_SIDEBAR_FIELDS = ("Project Type\nImmigration and Border Management\nBudget Amount (USD)\n"
                   "260,000.00\nYear\n2021\nPrima ID\nGH10P0500\nBenefiting Member States\nGhana\n")


@pytest.mark.parametrize("heading", ["", "Project details\n", "Détails du projet\n",
                                     "Información del proyecto\n"])
def test_text_above_the_fields_is_the_narrative_under_the_title(
        tmp_path: Path, heading: str) -> None:
    record = parse_text(tmp_path, "Who we are\nOur Work\nImproving Migrant Data Management in "
                        f"Ghana\n{_BODY}{heading}{_SIDEBAR_FIELDS}")
    assert record.title == "Improving Migrant Data Management in Ghana"
    assert record.narrative == _BODY.strip()
    assert (record.prima_id, record.year, iso3s(record)) == ("GH10P0500", 2021, ["GHA"])
    assert record.issues == []


def test_text_above_the_fields_with_a_results_list_keeps_its_results(tmp_path: Path) -> None:
    body = ("The objective of the project is to modernise how arrivals are recorded in Ghana.\n"
            "Outcomes:\n1. Border officials record arrivals electronically.\n"
            "2. Officials share data with the statistics office every month.\n")
    record = parse_text(tmp_path, f"Home\nBorder Data in Ghana\n{body}-\n{_SIDEBAR_FIELDS}"
                        "Last reviewed in 2023 by the regional office of the Fund.\n")
    assert record.title == "Border Data in Ghana"
    assert record.objective == "modernise how arrivals are recorded in Ghana"
    assert [outcome.label for outcome in record.outcomes] == ["1", "2"]
    assert record.narrative is not None and record.narrative.startswith("The objective")
    assert record.narrative.endswith("Last reviewed in 2023 by the regional office of the Fund.")


def test_an_html_page_with_its_fields_in_a_sidebar_after_the_body_keeps_title_and_text(
        tmp_path: Path) -> None:
    page = ("<html><body><main>\n<h1>Improving Migrant Data Management in Ghana</h1>\n"
            "<div class=\"body\"><p>The Ghana Immigration Service records arrivals on paper at "
            "most land borders.</p>\n<p>The project will digitise records at three crossings "
            "and train staff to use them.</p></div>\n<aside>\n<h2>Project details</h2>\n<dl>\n"
            "<dt>Project Type</dt><dd>Immigration and Border Management</dd>\n"
            "<dt>Year</dt><dd>2021</dd>\n<dt>Prima ID</dt><dd>GH10P0500</dd>\n"
            "<dt>Benefiting Member States</dt><dd>Ghana</dd>\n</dl>\n</aside>\n</main>"
            "</body></html>\n")
    record = parse_text(tmp_path, page, "page.html")
    assert record.title == "Improving Migrant Data Management in Ghana"
    assert record.narrative == _BODY.strip()
    assert record.issues == []


def test_prose_above_the_fields_under_the_site_menu_is_still_no_title(tmp_path: Path) -> None:
    record = parse_text(tmp_path, f"Who we are\nOur Work\n{_BODY}{_SIDEBAR_FIELDS}")
    assert record.title is None and record.narrative is None
    assert [issue.field for issue in record.issues] == ["title"]


# --- a site's footer closing a text page ----------------------------------------------------

_FOOTER_FIELDS = ("Skip to main content\nMenu\nShare\nHome\nProjects\n"
                  "Safer Labour Migration from Sri Lanka\n"
                  "Project Type: Labour Mobility and Human Development\nYear: 2020\n"
                  "Prima ID: LK10P0155\nBenefiting Member States: Sri Lanka\n")
_FOOTER_TEXT = ("Prospective migrant workers often pay informal recruiters for jobs abroad.\n"
                "District offices will offer pre-departure briefings on safe recruitment.\n")
_FOOTERS = {
    "en": "Share this page\nFacebook Twitter LinkedIn Email\nContact us\n"
          "Privacy policy | Terms of use\n© 2024 International Organization for Migration\n",
    "fr": "Partager cette page\nFacebook X LinkedIn Courriel\nNous contacter\n"
          "Mentions légales · Politique de confidentialité\n"
          "© 2024 Organisation internationale pour les migrations\n",
    "es": "Compartir esta página\nFacebook Twitter LinkedIn Correo electrónico\nContáctenos\n"
          "Términos de uso | Política de privacidad\n"
          "© 2024 Organización Internacional para las Migraciones. Todos los derechos "
          "reservados.\n",
    "address": "Follow us\nFacebook\nYouTube\nContact us\n17 route des Morillons\n"
               "CH-1211 Geneva 19\nSwitzerland\nCopyright © IOM\n",
}


@pytest.mark.parametrize("footer", _FOOTERS.values(), ids=_FOOTERS.keys())
def test_a_site_footer_after_the_text_is_no_part_of_the_narrative(
        tmp_path: Path, footer: str) -> None:
    record = parse_text(tmp_path, _FOOTER_FIELDS + _FOOTER_TEXT + footer)
    assert record.narrative == _FOOTER_TEXT.strip()
    assert record.organisations == []
    assert (record.prima_id, iso3s(record), record.issues) == ("LK10P0155", ["LKA"], [])


def test_a_site_footer_right_after_the_fields_is_no_field(tmp_path: Path) -> None:
    record = parse_text(tmp_path, _FOOTER_FIELDS + _FOOTERS["en"])
    assert (record.year, iso3s(record), record.narrative) == (2020, ["LKA"], None)
    assert record.issues == []


@pytest.mark.parametrize("last", [
    "Recruiters advertise jobs on Facebook and WhatsApp groups.",
    "Share this page with district officers, who contact us with questions.",
])
def test_a_sentence_naming_a_social_network_or_sharing_stays_in_the_narrative(
        tmp_path: Path, last: str) -> None:
    record = parse_text(tmp_path, _FOOTER_FIELDS + _FOOTER_TEXT + last + "\n")
    assert record.narrative == _FOOTER_TEXT + last


def test_short_lines_ending_the_narrative_without_a_footer_stay_in_it(tmp_path: Path) -> None:
    ending = "Outputs:\n- Briefings in ten districts\n- A hotline for migrant workers\n"
    record = parse_text(tmp_path, _FOOTER_FIELDS + _FOOTER_TEXT + ending)
    assert record.narrative == _FOOTER_TEXT + ending.strip()


def test_a_share_entry_in_the_menu_above_the_fields_ends_nothing(tmp_path: Path) -> None:
    record = parse_text(tmp_path, _FOOTER_FIELDS)
    assert record.title == "Safer Labour Migration from Sri Lanka"
    assert (record.prima_id, iso3s(record), record.narrative) == ("LK10P0155", ["LKA"], None)


@pytest.mark.parametrize("ending", [
    "Expected outputs:\n(a) Briefings in ten districts\n(b) A hotline for migrant workers\n"
    "(c) Officers trained in three districts\n",
    "Contact\nDistrict Secretariat, Kurunegala\n",
])
def test_a_lettered_list_or_a_contact_ending_the_narrative_stays_in_it(
        tmp_path: Path, ending: str) -> None:
    record = parse_text(tmp_path, _FOOTER_FIELDS + _FOOTER_TEXT + ending)
    assert record.narrative == _FOOTER_TEXT + ending.strip()
