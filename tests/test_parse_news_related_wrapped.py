"""Related-story lists inside hard-wrapped text articles: the block ends where its list of
titles, dates, "Read more" links and teasers ends, so the article text after it (a wrapped
paragraph, one paragraph alone) is read as the article's."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import parse_article

from kg.records import NewsArticle, ProjectMention

HEADER = ("Who We Are\nOur Work\nTake Action\n\n"
          "Kiribati Seafarers Learn Their Rights Before Boarding\n\n")
OPENING = (
    "Tarawa, 4 June 2024 – Forty young seafarers from the outer islands of\n"
    "Kiribati completed a two-week course on contracts, wages and safety at\n"
    "sea, organized by IOM with the Marine Training Centre.\n")
PROJECT = (
    "The course is part of the project “Safe Seafaring for Pacific Workers”\n"
    "(2023-2025), funded by the IOM Development Fund, which also trains\n"
    "recruitment agents in Betio to explain contracts before they are\n"
    "signed.\n")
MENTORS = (
    "Graduates will join a mentoring network run by returned seafarers,\n"
    "who meet the trainees once a month at the training centre.\n")

BULLETED = (
    "Related stories\n"
    "- Fiji Opens Its First Labour Mobility Information Desk\n"
    "- Vanuatu Communities Rehearse Cyclone Evacuation Routes\n"
    "- Samoa and Australia Agree on Seasonal Worker Welfare Checks\n")
DATED = (
    "Related news\n"
    "Fiji Opens Its First Labour Mobility Information Desk\n"
    "12 February 2024\n"
    "Vanuatu Communities Rehearse Cyclone Evacuation Routes\n"
    "30 January 2024\n")
TEASERS = (
    "See also\n"
    "\n"
    "  * Tuvalu Trains Its First Labour Attachés for Overseas Posts\n"
    "    Six officials from Funafuti learned how to handle complaints from\n"
    "    workers in New Zealand and Australia.\n"
    "    Read more\n"
    "  * Nauru Drafts a Code of Conduct for Recruitment Agents\n"
    "    The draft, written with employers, under the project “Fair\n"
    "    Recruitment in Micronesia” (2022-2024), goes to cabinet in July.\n"
    "    Read more\n")


def iso3s(record: NewsArticle) -> list[str]:
    return [country.iso3 for country in record.countries]


def body(record: NewsArticle) -> str:
    assert record.body is not None
    return record.body


@pytest.mark.parametrize("related", [BULLETED, DATED, TEASERS], ids=["bulleted", "dated",
                                                                      "teasers"])
def test_wrapped_paragraphs_after_a_block_between_blank_lines_are_the_article(
        tmp_path: Path, related: str) -> None:
    record = parse_article(tmp_path, HEADER + OPENING + "\n" + related + "\n" + PROJECT + "\n"
                     + MENTORS)
    assert iso3s(record) == ["KIR"]
    assert "mentoring network run by returned seafarers" in body(record)
    assert record.projects == [ProjectMention("Safe Seafaring for Pacific Workers", None,
                                              2023, 2025)]
    assert "Vanuatu" not in body(record) and "Tuvalu" not in body(record)


@pytest.mark.parametrize("related", [BULLETED, DATED, TEASERS], ids=["bulleted", "dated",
                                                                      "teasers"])
def test_wrapped_paragraphs_right_under_a_block_are_the_article(tmp_path: Path,
                                                                related: str) -> None:
    related = related.replace("\n\n", "\n")
    record = parse_article(tmp_path, HEADER + OPENING + related + PROJECT + MENTORS)
    assert iso3s(record) == ["KIR"]
    assert "the project “Safe Seafaring for Pacific Workers”" in body(record)
    assert body(record).endswith("who meet the trainees once a month at the training centre.")


def test_one_wrapped_paragraph_after_a_block_is_the_article_not_a_teaser(
        tmp_path: Path) -> None:
    record = parse_article(tmp_path, HEADER + OPENING + PROJECT + "\n" + DATED + "\n" + MENTORS)
    assert "mentoring network" in body(record)
    assert iso3s(record) == ["KIR"]


def test_one_sentence_line_after_a_block_is_the_article_not_a_teaser(tmp_path: Path) -> None:
    record = parse_article(tmp_path, HEADER + OPENING + PROJECT + DATED
                     + "Trainers from Tonga will lead the second course in September.\n")
    assert body(record).endswith("Trainers from Tonga will lead the second course in September.")
    assert iso3s(record) == ["KIR", "TON"]


def test_teasers_of_a_block_closing_the_page_stay_in_the_block(tmp_path: Path) -> None:
    teasers = (
        "Related news\n"
        "- Tuvalu Trains Its First Labour Attachés for Overseas Posts\n"
        "Six officials from Funafuti learned how to handle complaints from\n"
        "workers in New Zealand and Australia.\n"
        "- Nauru Drafts a Code of Conduct for Recruitment Agents\n"
        "The draft, written with employers, under the project “Fair\n"
        "Recruitment in Micronesia” (2022-2024), goes to cabinet in July.\n")
    record = parse_article(tmp_path, HEADER + OPENING + PROJECT + "\n" + teasers)
    assert iso3s(record) == ["KIR"]
    assert [mention.name for mention in record.projects] == ["Safe Seafaring for Pacific Workers"]
    assert "Funafuti" not in body(record) and "cabinet" not in body(record)


def test_article_text_after_the_last_teaser_is_the_article(tmp_path: Path) -> None:
    record = parse_article(tmp_path, HEADER + OPENING + TEASERS.replace("    Read more\n", "")
                     + "\n" + PROJECT + "\n" + MENTORS)
    assert [mention.name for mention in record.projects] == ["Safe Seafaring for Pacific Workers"]
    assert "mentoring network" in body(record)
    assert iso3s(record) == ["KIR"]


def test_a_list_of_titles_takes_no_teaser_after_its_second_title(tmp_path: Path) -> None:
    # The titles carry no teasers, so the paragraph after them is the article's, even when a
    # subheading (a line like a title) follows it.
    record = parse_article(tmp_path, HEADER + OPENING + "\n" + BULLETED + "\n" + PROJECT
                     + "\nMentors for the outer islands\n\n" + MENTORS)
    assert "Safe Seafaring for Pacific Workers" in body(record)
    assert "mentoring network" in body(record)


def test_french_wrapped_article_around_a_voir_aussi_block(tmp_path: Path) -> None:
    text = (
        "Qui sommes-nous\nNotre travail\n\n"
        "Des gardes-côtes sénégalais formés au sauvetage en mer\n\n"
        "Dakar, 3 juin 2024 – Vingt gardes-côtes de la Marine nationale ont\n"
        "suivi une formation de dix jours sur le sauvetage des migrants en mer,\n"
        "organisée par l'OIM.\n\n"
        "Voir aussi\n"
        "Le Mali lance un guichet pour les migrants de retour\n"
        "En Mauritanie, des pêcheurs formés aux premiers secours\n\n"
        "La formation s'inscrit dans le projet « Sauver des vies en mer au\n"
        "Sénégal » (2023-2025), financé par le Fonds de l'OIM pour le\n"
        "développement.\n")
    record = parse_article(tmp_path, text)
    assert iso3s(record) == ["SEN"]
    assert "Sauver des vies en mer au Sénégal" in body(record)
    assert "Mauritanie" not in body(record)


def test_a_see_also_line_running_on_into_the_next_is_article_text(tmp_path: Path) -> None:
    text = HEADER + OPENING + (
        "See also: the guide the centre wrote with seafarers from Tonga,\n"
        "which explains each clause of a standard contract.\n") + MENTORS
    record = parse_article(tmp_path, text)
    assert "the guide the centre wrote with seafarers from Tonga" in body(record)
    assert iso3s(record) == ["KIR", "TON"]


def test_an_introduction_line_under_the_heading_belongs_to_the_block(tmp_path: Path) -> None:
    related = ("More news\n"
               "Stories from IOM offices across the Pacific, updated every week.\n"
               "- Fiji Opens Its First Labour Mobility Information Desk\n"
               "- Vanuatu Communities Rehearse Cyclone Evacuation Routes\n")
    record = parse_article(tmp_path, HEADER + OPENING + PROJECT + "\n" + related)
    assert iso3s(record) == ["KIR"]
    assert "Pacific, updated" not in body(record)


def test_titles_dates_and_wrapped_teasers_right_above_the_article_stay_in_the_block(
        tmp_path: Path) -> None:
    related = (
        "Related news\n"
        "Fiji Opens Its First Labour Mobility Information Desk\n"
        "12 February 2024\n"
        "Officials in Suva opened the desk to advise\n"
        "workers leaving for Australia.\n"
        "Vanuatu Communities Rehearse Cyclone Evacuation Routes\n"
        "30 January 2024\n"
        "Villagers on Tanna walked the new routes with\n"
        "the disaster office.\n")
    record = parse_article(tmp_path, HEADER + OPENING + related + PROJECT + MENTORS)
    assert iso3s(record) == ["KIR"]
    assert "Suva" not in body(record) and "Tanna" not in body(record)
    assert "the project “Safe Seafaring for Pacific Workers”" in body(record)


def test_a_title_longer_than_the_wrap_width_is_still_a_title(tmp_path: Path) -> None:
    related = ("Voir aussi\n"
               "Le Mali lance un guichet pour les migrants de retour à Bamako et dans les régions\n"
               "Au Sénégal, des jeunes formés aux métiers du numérique\n")
    record = parse_article(tmp_path, HEADER + OPENING + PROJECT + "\n" + related)
    assert iso3s(record) == ["KIR"]
    assert body(record).endswith("explain contracts before they are signed.")


def test_a_sentence_full_of_names_after_a_block_is_the_article(tmp_path: Path) -> None:
    text = HEADER + OPENING + DATED + (
        "Trainers came from the Marine Training Centre, the Kiribati Seafarers Union and the "
        "South Pacific Marine Services Agency in Betio.\n"
        "A second course is planned for the outer islands in September.\n")
    record = parse_article(tmp_path, text)
    assert "the Kiribati Seafarers Union" in body(record)
    assert body(record).endswith("planned for the outer islands in September.")


def test_a_wrapped_paragraph_whose_first_line_leaves_a_quotation_open_is_the_article(
        tmp_path: Path) -> None:
    text = HEADER + OPENING + BULLETED + (
        "The course opens the project “Safe Seafaring\n"
        "For Pacific Workers” (2023-2025), which the IOM Development Fund\n"
        "finances.\n")
    record = parse_article(tmp_path, text)
    assert body(record).endswith("The course opens the project “Safe Seafaring For Pacific "
                                 "Workers” (2023-2025), which the IOM Development Fund finances.")
    assert [mention.name for mention in record.projects] == ["Safe Seafaring For Pacific Workers"]
