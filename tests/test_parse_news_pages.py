"""Whole news pages through ``parse_page``: which pages are articles, their titles, datelines,
tag footers and the projects they name; and pages that are neither articles nor projects."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import SEEDS_DIR

from kg.errors import DataError
from kg.parse import parse_page
from kg.records import NewsArticle, ProjectMention, ProjectPage
from kg.sources import read_source

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pages"
MENU = "Who We Are\nOur Work\n"


def parse(tmp_path: Path, text: str, name: str = "page.txt") -> ProjectPage | NewsArticle:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_page(read_source(path))


def article(tmp_path: Path, text: str, name: str = "page.txt") -> NewsArticle:
    record = parse(tmp_path, text, name)
    assert isinstance(record, NewsArticle), f"parsed as {record.kind}"
    return record


def fields_of(record: NewsArticle) -> tuple[str | None, str | None, str | None]:
    return record.title, record.published, record.place


def iso3s(record: NewsArticle) -> list[str]:
    return [country.iso3 for country in record.countries]


# --- 1. An article with a tag footer is an article --------------------------------------------

JORDAN_ARTICLE = (
    MENU + "Jordanian Labour Inspectors Learn to Spot Forced Labour\n"
    "Amman, 21 September 2022 – Forty labour inspectors from the Ministry of Labour finished a "
    "four-day course on recognising signs of forced labour among migrant farm workers.\n"
    "The course belongs to the Fair Recruitment in Agriculture project (2021-2023), backed by "
    "the IOM Development Fund.\n"
    "Inspectors will visit farms in the Jordan Valley together with IOM staff next month.\n"
)


def test_article_with_a_tag_footer_is_news_and_the_tags_stay_out_of_the_body(
        tmp_path: Path) -> None:
    record = article(tmp_path, JORDAN_ARTICLE + "Region\nMiddle East and North Africa\n"
                     "Country\nJordan\nThemes\nLabour Migration\n")
    assert fields_of(record) == ("Jordanian Labour Inspectors Learn to Spot Forced Labour",
                                 "2022-09-21", "Amman")
    assert record.body is not None
    assert record.body.startswith("Forty labour inspectors from the Ministry of Labour")
    assert record.body.endswith("together with IOM staff next month.")
    assert record.projects == [ProjectMention("Fair Recruitment in Agriculture", None, 2021, 2023)]
    assert iso3s(record) == ["JOR"]
    assert record.issues == []


def test_article_with_an_inline_metadata_footer_is_news(tmp_path: Path) -> None:
    record = article(tmp_path, JORDAN_ARTICLE + "Related Region: Middle East and North Africa\n"
                     "Country: Jordan\nType: Press Release\nStatus: Published\n")
    assert record.title == "Jordanian Labour Inspectors Learn to Spot Forced Labour"
    assert record.body is not None and "Press Release" not in record.body
    assert record.issues == []


def test_a_country_tag_feeds_the_countries_the_article_names(tmp_path: Path) -> None:
    record = article(tmp_path, MENU + "Water Points Repaired in Refugee Settlement\n"
                     "Kakuma, 4 May 2023 – Twelve water points serving new arrivals were repaired "
                     "this week by IOM engineers working with the county water office.\n"
                     "Residents took part in the work and will maintain the pumps themselves.\n"
                     "Country\nKenya\nThemes\nWater, Sanitation and Hygiene\n")
    assert iso3s(record) == ["KEN"]
    assert record.body is not None and record.body.endswith("maintain the pumps themselves.")


def project_pages() -> list[Path]:
    seeds = sorted(SEEDS_DIR.glob("00[0-3]_*.txt"))
    assert len(seeds) == 4, f"the four seed project pages are not in {SEEDS_DIR}"
    pages = [*seeds, *sorted(FIXTURES.glob("project_*")),
             *sorted(path for path in (ROOT / "examples" / "pages").iterdir()
                     if not path.name.startswith("news_"))]
    return pages


@pytest.mark.parametrize("path", project_pages(), ids=lambda path: path.name)
def test_project_pages_are_still_project_pages(path: Path) -> None:
    assert isinstance(parse_page(read_source(path)), ProjectPage)


# --- 2. Dateline forms on whole pages ------------------------------------------------------------

@pytest.mark.parametrize(("opening", "published", "place"), [
    ("Kumasi – 12 March 2021: Sixty young returnees", "2021-03-12", "Kumasi"),
    ("Dili, Timor-Leste, 9 June 2022 – Sixty young returnees", "2022-06-09", "Dili, Timor-Leste"),
    ("Monday, 14 February 2023 – Sixty young returnees", "2023-02-14", None),
])
def test_page_dateline_forms_give_date_and_place_without_a_warning(
        tmp_path: Path, opening: str, published: str, place: str | None) -> None:
    record = article(tmp_path, MENU + "Returnees Open Tailoring Workshops\n" + opening
                     + " opened tailoring workshops with grants from IOM this week.\n")
    assert fields_of(record) == ("Returnees Open Tailoring Workshops", published, place)
    assert record.body is not None and record.body.startswith("Sixty young returnees")
    assert record.issues == []


def test_spanish_dateline_ending_in_a_full_stop_and_dash(tmp_path: Path) -> None:
    record = article(tmp_path, "Quiénes somos\nNuestro trabajo\n"
                     "Paraguay aprueba su primera política migratoria\n"
                     "Asunción, 11 de agosto de 2021.- El Gobierno de Paraguay aprobó hoy su "
                     "primera política nacional de migraciones, con apoyo técnico de la OIM.\n")
    assert fields_of(record) == ("Paraguay aprueba su primera política migratoria",
                                 "2021-08-11", "Asunción")
    assert record.language == "es" and record.issues == []
    assert record.body is not None and record.body.startswith("El Gobierno de Paraguay")


def test_posted_on_line_gives_the_date_and_the_paragraph_its_place(tmp_path: Path) -> None:
    record = article(tmp_path, MENU + "Border Officers in Belize Trained on Asylum Referrals\n"
                     "Posted on 6 October 2022\n"
                     "Belmopan – Immigration officers from four border posts learned how to refer "
                     "people asking for asylum to the right national authority.\n"
                     "The training was delivered by IOM with the Refugees Department.\n")
    assert fields_of(record) == ("Border Officers in Belize Trained on Asylum Referrals",
                                 "2022-10-06", "Belmopan")
    assert record.body is not None and record.body.startswith("Immigration officers from four")
    assert record.issues == []


# --- 3. The title is the headline --------------------------------------------------------------

def test_place_on_its_own_line_above_the_date_is_the_place_not_the_title(tmp_path: Path) -> None:
    record = article(tmp_path, MENU + "Kyrgyz and Uzbek Officials Compare Returnee Data\n"
                     "Bishkek\n2 March 2022\n"
                     "Officials from Kyrgyzstan and Uzbekistan met this week to compare how they "
                     "count migrants who come home.\n")
    assert fields_of(record) == ("Kyrgyz and Uzbek Officials Compare Returnee Data",
                                 "2022-03-02", "Bishkek")
    assert record.body is not None and record.body.startswith("Officials from Kyrgyzstan")
    assert record.issues == []


def test_category_line_between_title_and_dateline_is_not_the_title(tmp_path: Path) -> None:
    record = article(tmp_path, MENU + "Fishing Crews in Ghana Learn Their Rights at Sea\n"
                     "Press Release - Country Office\n"
                     "Takoradi, 16 November 2022 – Fishers from three landing sites attended "
                     "sessions on labour rights and safe recruitment run by IOM.\n")
    assert fields_of(record) == ("Fishing Crews in Ghana Learn Their Rights at Sea",
                                 "2022-11-16", "Takoradi")
    assert record.issues == []


def test_standfirst_under_the_title_is_text_not_the_title(tmp_path: Path) -> None:
    record = article(tmp_path, MENU + "Samoa Opens Its First Labour Mobility Desk\n"
                     "A single office now advises workers before and after seasonal jobs abroad\n"
                     "Apia, 28 February 2023 – The Ministry of Commerce, Industry and Labour "
                     "opened a desk that advises workers on seasonal schemes, with IOM support.\n")
    assert fields_of(record) == ("Samoa Opens Its First Labour Mobility Desk", "2023-02-28",
                                 "Apia")
    assert record.body is not None
    assert record.body.startswith("A single office now advises workers before and after")
    assert "The Ministry of Commerce" in record.body
    assert record.issues == []


def test_date_line_above_the_title_gives_the_date_and_the_title(tmp_path: Path) -> None:
    record = article(tmp_path, "7 July 2022\nTonga Updates Its Disaster Displacement Plan\n"
                     "Nuku'alofa – The National Emergency Management Office presented an updated "
                     "plan for people displaced by cyclones, drafted with IOM.\n"
                     "Island councils will review the plan before the next cyclone season.\n")
    assert fields_of(record) == ("Tonga Updates Its Disaster Displacement Plan", "2022-07-07",
                                 "Nuku'alofa")
    assert record.body is not None and record.body.startswith("The National Emergency")
    assert record.issues == []


def test_two_lines_that_could_each_be_the_title_are_reported(tmp_path: Path) -> None:
    record = article(tmp_path, "Qui sommes-nous\nNotre action\n"
                     "Le Niger et le Mali échangent sur la protection des migrants\n"
                     "Une rencontre de deux jours réunit les services sociaux des deux pays\n"
                     "Niamey, le 9 mai 2022 – Les services sociaux du Niger et du Mali ont tenu "
                     "une réunion de travail avec l'appui de l'OIM.\n")
    assert record.published == "2022-05-09"
    [issue] = record.issues
    assert (issue.field, issue.severity) == ("title", "warning")
    assert "Une rencontre de deux jours" in issue.message


# --- 4. Projects an article names --------------------------------------------------------------

def test_project_mentions_in_page_text(tmp_path: Path) -> None:
    record = article(tmp_path, MENU + "Niger River Communities Prepare for Floods\n"
                     "Mopti, 30 June 2022 – Village committees along the river drew up flood "
                     "evacuation plans under the Livelihoods along the Niger River project "
                     "(2021-2023).\n"
                     "The plans follow the Safe Fishing Crews (SFC) project and build on the IOM "
                     "project Return and Reintegration in the Sahel (2019-2021).\n")
    assert record.projects == [
        ProjectMention("Livelihoods along the Niger River", None, 2021, 2023),
        ProjectMention("Safe Fishing Crews", "SFC", None, None),
        ProjectMention("Return and Reintegration in the Sahel", None, 2019, 2021),
    ]


# --- 5. Pages that are neither -------------------------------------------------------------------

def test_encyclopedia_page_is_not_an_article(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="neither a project page nor a news article"):
        parse(tmp_path, "Main page\nRandom article\nAbout\nLake Malawi\n"
              "Lake Malawi is a great rift lake shared by Malawi, Mozambique and Tanzania, and "
              "it is the fifth largest freshwater lake in the world by volume.\n"
              "The lake holds more species of fish than any other lake, most of them cichlids "
              "found nowhere else on Earth, which makes it a study site for biologists.\n")


def test_vacancy_notice_is_not_an_article(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="neither a project page nor a news article"):
        parse(tmp_path, "<html><body><nav><a href='/'>Home</a></nav>"
              "<h1>Vacancy: Data Officer</h1><ul>"
              "<li><strong>Duty station:</strong> Juba, South Sudan</li>"
              "<li><strong>Closing date:</strong> 30 June 2023</li>"
              "<li><strong>Grade:</strong> NO-A</li></ul>"
              "<p>IOM seeks a data officer for its displacement tracking team.</p>"
              "</body></html>", name="vacancy.html")


def test_headline_and_date_line_without_a_dateline_paragraph_are_an_article(
        tmp_path: Path) -> None:
    record = article(tmp_path, "Mobile Clinics Reach Remote Border Villages\n12 January 2024\n"
                     "Two mobile clinics run by IOM and the health ministry visited eleven "
                     "villages along the border during December.\n")
    assert (record.title, record.published, record.place) == (
        "Mobile Clinics Reach Remote Border Villages", "2024-01-12", None)


def test_short_headline_over_a_date_line_stays_the_title(tmp_path: Path) -> None:
    record = article(tmp_path, MENU + "Cyclone Hits Tonga\n14 January 2022\n"
                     "Teams from IOM and the National Emergency Management Office reached "
                     "families in shelters on two outer islands.\n")
    assert fields_of(record) == ("Cyclone Hits Tonga", "2022-01-14", None)


def test_project_page_with_an_updated_on_line_stays_a_project_page(tmp_path: Path) -> None:
    record = parse(tmp_path, "Who we are\nOur Work\nSafe Migration Counselling in Nepal\n"
                   "Updated 14 March 2024\nStart Date\nJanuary 2021\nEnd Date\nDecember 2023\n"
                   "Status\nActive\nBenefiting Member States\nNepal\n"
                   "Migrant workers leaving Nepal often sign contracts they have not read, and "
                   "the project trains counsellors in district offices to explain them.\n")
    assert isinstance(record, ProjectPage)
    assert record.start_year == 2021


def test_project_page_with_a_summary_under_its_updated_line_stays_a_project_page(
        tmp_path: Path) -> None:
    record = parse(tmp_path, "Who we are\nOur Work\nSafe Migration Counselling in Nepal\n"
                   "Updated 14 March 2024\n"
                   "District counsellors explain overseas job contracts to workers before they "
                   "sign them.\nStart Date\nJanuary 2021\nEnd Date\nDecember 2023\n"
                   "Status\nActive\nBenefiting Member States\nNepal\n")
    assert isinstance(record, ProjectPage)


# --- a site's footer closing the page -------------------------------------------------------

SITE_FOOTER = ("Share this page\nFacebook Twitter LinkedIn Email\nContact us\n"
               "Privacy policy | Terms of use\n© 2024 International Organization for Migration\n")


def test_a_site_footer_closing_an_article_is_no_part_of_its_body(tmp_path: Path) -> None:
    record = article(tmp_path, JORDAN_ARTICLE + SITE_FOOTER)
    assert record.body is not None
    assert record.body.endswith("together with IOM staff next month.")
    assert record.issues == []


def test_tags_above_a_site_footer_still_name_the_articles_countries(tmp_path: Path) -> None:
    record = article(tmp_path, JORDAN_ARTICLE + "Country\nJordan\nLebanon\n" + SITE_FOOTER)
    assert record.body is not None
    assert record.body.endswith("together with IOM staff next month.")
    assert iso3s(record) == ["JOR", "LBN"]
