"""News articles: headers in three languages, titles, datelines, bodies and what they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.parse import parse_page
from kg.parse.datelines import match_dateline
from kg.parse.lines import Line, page_lines
from kg.parse.news import find_projects, looks_like_news, paragraphs, parse_news_article
from kg.records import NewsArticle, Organisation, ProjectMention, Source
from kg.reference.countries import gazetteer
from kg.sources import SourceText, read_source

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
IOM = "International Organization for Migration"


def parse_file(path: Path) -> NewsArticle:
    page = read_source(path)
    return parse_news_article(page, page_lines(page))


def parse_text(text: str) -> NewsArticle:
    page = SourceText(Source(path="inline.txt", sha256="0" * 64), text)
    return parse_news_article(page, page_lines(page))


def countries(article: NewsArticle) -> list[str]:
    return [country.iso3 for country in article.countries]


def test_viet_nam_seed_article_is_read_whole(seeds_dir: Path) -> None:
    article = parse_file(next(seeds_dir.glob("004_*.txt")))
    assert article.title == ("An Interagency Approach to Combat Human Trafficking and Tackle "
                             "Modern Slavery from Viet Nam")
    assert (article.published, article.place, article.language) == ("2021-11-29", "Ha Noi", "en")
    assert article.body is not None
    assert article.body.startswith("The International Organization for Migration (IOM), in ")
    assert article.projects == [ProjectMention("Tackling Modern Slavery from Viet Nam", "TMSV",
                                               2018, 2021)]
    assert article.organisations == [
        Organisation(IOM, "implementing", "IOM"),
        Organisation("Ministry of Public Security", "partner"),
        Organisation("UK Home Office", "funding"),
        Organisation("British Council", "implementing"),
        Organisation("World Vision International", "implementing"),
    ]
    assert countries(article) == ["VNM"]  # "UK Home Office" names an organisation, not the UK
    assert article.issues == []


def test_seed_article_body_leaves_out_the_site_header(seeds_dir: Path) -> None:
    article = parse_file(next(seeds_dir.glob("004_*.txt")))
    assert article.body is not None
    assert "WHO WE ARE" not in article.body and "2030 Agenda" not in article.body


@pytest.mark.parametrize(("text", "place", "published", "language"), [
    ("Ha Noi, November 29, 2021 – IOM met", "Ha Noi", "2021-11-29", "en"),
    ("Ha Noi, 29 November 2021 – IOM met", "Ha Noi", "2021-11-29", "en"),
    ("HANOI 2 October 2024 – IOM met", "Hanoi", "2024-10-02", "en"),
    ("Lao Cai, 11/2017 – IOM met", "Lao Cai", "2017-11", None),
    ("Cambodia, 4th and 5th October 2016 – IOM met", "Cambodia", "2016-10-04", "en"),
    ("Geneva/Bangkok, 3 May 2019 – IOM met", "Geneva/Bangkok", "2019-05-03", "en"),
    ("GENEVA / BANGKOK, 3 May 2019 – IOM met", "Geneva/Bangkok", "2019-05-03", "en"),
    ("Dakar, le 12 mars 2019 – L'OIM a", "Dakar", "2019-03-12", "fr"),
    ("Ciudad de Guatemala, 5 de mayo de 2020 – La OIM", "Ciudad de Guatemala", "2020-05-05",
     "es"),
    ("Quito, 12 de diciembre del 2019 – La OIM", "Quito", "2019-12-12", "es"),
    ("Suva, Sept. 3, 2022: IOM met", "Suva", "2022-09-03", "en"),
    ("Port-au-Prince, 2021-05-04 – IOM met", "Port-au-Prince", "2021-05-04", None),
    ("29 November 2021 – IOM met", None, "2021-11-29", "en"),
    ("Kumasi – 12 March 2021: IOM met", "Kumasi", "2021-03-12", "en"),
    ("Ciudad de Panamá, 3 de marzo de 2021. La OIM", "Ciudad de Panamá", "2021-03-03", "es"),
    ("Lima, 8 de julio de 2021.- La OIM", "Lima", "2021-07-08", "es"),
    ("Dili, Timor-Leste, 9 June 2022 – IOM met", "Dili, Timor-Leste", "2022-06-09", "en"),
    # the country set off by a dash, as the date is
    ("Dakar, Senegal – 12 April 2022 – IOM met", "Dakar, Senegal", "2022-04-12", "en"),
    ("Kampala, Uganda - 4 March 2020 - IOM met", "Kampala, Uganda", "2020-03-04", "en"),
    ("Kinshasa, RDC – 4 mars 2020 – L'OIM a", "Kinshasa, RDC", "2020-03-04", "fr"),
    ("Washington, D.C., 5 April 2023 – IOM met", "Washington, D.C.", "2023-04-05", "en"),
    ("Ouagadougou, 5th of April 2023 – IOM met", "Ouagadougou", "2023-04-05", "en"),
    ("Niamey (Niger), le 2 juin 2022 – L'OIM a", "Niamey (Niger)", "2022-06-02", "fr"),
    ("Monday, 14 February 2023 – IOM met", None, "2023-02-14", "en"),
    ("Apia, Tuesday 7 June 2022 – IOM met", "Apia", "2022-06-07", "en"),
    ("Lundi 3 octobre 2022 – L'OIM a", None, "2022-10-03", "fr"),
    # places whose name opens with an article
    ("La Paz, 8 de junio de 2014 – La OIM", "La Paz", "2014-06-08", "es"),
    ("The Hague, 3 May 2019 – IOM met", "The Hague", "2019-05-03", "en"),
    ("Le Caire, le 2 juin 2022 – L'OIM a", "Le Caire", "2022-06-02", "fr"),
    ("El Alto, 5 de mayo de 2020 – La OIM", "El Alto", "2020-05-05", "es"),
    # a weekday and the date before the place
    ("Monday, 3 May 2021, Bishkek – IOM met", "Bishkek", "2021-05-03", "en"),
    ("Friday, May 7, 2021, Osh, Kyrgyzstan – IOM met", "Osh, Kyrgyzstan", "2021-05-07", "en"),
    ("Lundi 3 mai 2021, Dakar – L'OIM a", "Dakar", "2021-05-03", "fr"),
    ("Lunes, 3 de mayo de 2021, Lima – La OIM", "Lima", "2021-05-03", "es"),
    ("Domingo, 2 de mayo de 2021, Santo Domingo – La OIM", "Santo Domingo", "2021-05-02", "es"),
    # places whose names hold joining words
    ("Santa Cruz de la Sierra, 3 de mayo de 2021 – La OIM", "Santa Cruz de la Sierra",
     "2021-05-03", "es"),
    ("Santiago de los Caballeros, 3 de mayo de 2021 – La OIM", "Santiago de los Caballeros",
     "2021-05-03", "es"),
    ("Dar es Salaam, 3 May 2021 – IOM met", "Dar es Salaam", "2021-05-03", "en"),
    ("Abidjan, Côte d'Ivoire, 3 mai 2021 – L'OIM a", "Abidjan, Côte d'Ivoire", "2021-05-03",
     "fr"),
    ("Port of Spain, Trinidad and Tobago, 3 May 2021 – IOM met",
     "Port of Spain, Trinidad and Tobago", "2021-05-03", "en"),
    ("Brazzaville, Republic of the Congo, 3 May 2021 – IOM met",
     "Brazzaville, Republic of the Congo", "2021-05-03", "en"),
    # set in capitals: the joining words stay in lower case
    ("PORT OF SPAIN, 3 May 2021 – IOM met", "Port of Spain", "2021-05-03", "en"),
    ("RIO DE JANEIRO, 3 May 2021 – IOM met", "Rio de Janeiro", "2021-05-03", "en"),
    ("SANTA CRUZ DE LA SIERRA, 3 de mayo de 2021 – La OIM", "Santa Cruz de la Sierra",
     "2021-05-03", "es"),
    ("DAR ES SALAAM, TANZANIA, 3 May 2021 – IOM met", "Dar es Salaam, Tanzania", "2021-05-03",
     "en"),
    ("ABIDJAN, CÔTE D'IVOIRE, 3 mai 2021 – L'OIM a", "Abidjan, Côte d'Ivoire", "2021-05-03",
     "fr"),
    ("PORT-AU-PRINCE, 4 May 2021 – IOM met", "Port-au-Prince", "2021-05-04", "en"),
    ("PORT OF SPAIN, TRINIDAD AND TOBAGO, 3 May 2021 – IOM met",
     "Port of Spain, Trinidad and Tobago", "2021-05-03", "en"),
    ("LA PAZ, 8 de junio de 2014 – La OIM", "La Paz", "2014-06-08", "es"),
    ("N'DJAMENA, 3 mai 2021 – L'OIM a", "N'Djamena", "2021-05-03", "fr"),
])
def test_dateline_forms_give_place_and_iso_date(text: str, place: str | None, published: str,
                                                language: str | None) -> None:
    dateline = match_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.published, dateline.language) == (place, published, language)
    assert dateline.problem is None
    assert text[dateline.end:].startswith(("IOM", "L'OIM", "La OIM"))


@pytest.mark.parametrize(("text", "place"), [
    ("Cairo, 7 March - IOM met", "Cairo"),
    ("Cairo, March 7 – IOM met", "Cairo"),
    ("(21/05) – IOM met", None),
    ("Tunis (21/05) – IOM met", "Tunis"),
])
def test_dateline_without_a_year_records_no_date(text: str, place: str | None) -> None:
    dateline = match_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.published) == (place, None)
    assert dateline.problem is not None and "no year" in dateline.problem


@pytest.mark.parametrize("text", [
    "On 3 September 2024, the Ministry launched its plan.",
    "In Fiji, the task falls to the police.",
    "The project started in 2019 and ends in 2022.",
    "La semaine dernière, 40 agents ont été formés.",
    "Le 2 juin 2022, l'OIM a formé 40 agents.",
    "El pasado 8 de junio de 2014 la OIM presentó el plan.",
    "Monday, 3 May 2021, the Ministry launched its plan.",
    "Monday, 3 May 2021, Ministers met in Bishkek.",
    "Friday, 7 May 2021, Background – The project began.",
])
def test_sentences_that_merely_start_with_a_date_or_place_are_not_datelines(text: str) -> None:
    assert match_dateline(text) is None


@pytest.mark.parametrize(("text", "published"), [
    ("Posted on 11 November 2022", "2022-11-11"),
    ("Published 3 March 2021", "2021-03-03"),
    ("Publié le 12 mai 2020", "2020-05-12"),
    ("Publicado el 4 de agosto de 2021", "2021-08-04"),
])
def test_posted_on_line_gives_the_date_and_no_place(text: str, published: str) -> None:
    dateline = match_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.published, dateline.end) == (None, published, len(text))


@pytest.mark.parametrize("text", ["Monday", "Wednesday, the office reopened."])
def test_a_weekday_is_not_a_place(text: str) -> None:
    assert match_dateline(text) is None


def test_dateline_with_no_year_is_a_warning_and_keeps_the_place() -> None:
    article = parse_file(PAGES / "news_no_year.txt")
    assert (article.title, article.place, article.published) == (
        "Egypt Hosts Regional Dialogue on Migrant Health", "Cairo", None)
    [issue] = article.issues
    assert (issue.field, issue.line, issue.severity) == ("published", 4, "warning")
    assert issue.message == "the dateline 'Cairo, 7 March' gives no year; the date is not recorded"


def test_dateline_date_that_does_not_exist_is_an_error() -> None:
    article = parse_text("Flood Response Expands\nPort-au-Prince, 31 February 2020 – IOM teams "
                         "reached three more communes this week.\n")
    assert article.published is None
    assert [(issue.field, issue.severity) for issue in article.issues] == [("published", "error")]


def test_english_header_is_skipped_and_dateline_read() -> None:
    article = parse_file(PAGES / "news_english_header.txt")
    assert article.title == "Viet Nam and IOM Review Five Years of Safer Labour Migration"
    assert (article.published, article.place, article.language) == ("2024-10-02", "Hanoi", "en")
    assert article.projects == [ProjectMention("Safe Labour Migration from Viet Nam", "SLMV",
                                               2019, 2024)]
    assert article.organisations == [
        Organisation(IOM, "implementing", "IOM"),
        Organisation("Department of Overseas Labour", None, "DOLAB"),
        Organisation("Ministry of Labour, Invalids and Social Affairs"),
        Organisation("European Union", "funding", "EU"),
        Organisation("Viet Nam Women's Union", "partner"),
        Organisation("Vietnam General Confederation of Labour", "partner"),
    ]
    assert countries(article) == ["VNM"]
    assert article.issues == []


def test_french_header_and_dateline_give_a_french_article() -> None:
    article = parse_file(PAGES / "news_french.txt")
    assert article.title == "Le Sénégal renforce l'identification des victimes de la traite"
    assert (article.published, article.place, article.language) == ("2019-03-12", "Dakar", "fr")
    assert article.projects == [ProjectMention(
        "Renforcer l'identification des victimes de la traite au Sénégal", None, 2019, 2021)]
    assert article.organisations == [
        Organisation(IOM, "implementing", "IOM"),
        Organisation("Ministère de la Justice"),
        Organisation("European Union", "funding", "EU"),
        Organisation("Cellule nationale de lutte contre la traite des personnes", "partner",
                     "CNLTP"),
    ]
    assert countries(article) == ["SEN"]


def test_spanish_header_and_dateline_give_a_spanish_article() -> None:
    article = parse_file(PAGES / "news_spanish.txt")
    assert article.title == "Guatemala fortalece la protección de personas migrantes retornadas"
    assert (article.published, article.place, article.language) == (
        "2020-05-05", "Ciudad de Guatemala", "es")
    assert article.projects == [ProjectMention(
        "Reintegración Sostenible de Personas Retornadas", "RESPIRA", 2018, 2020)]
    assert [(org.name, org.role) for org in article.organisations] == [
        (IOM, "implementing"),
        ("Ministerio de Trabajo y Previsión Social", None),
        ("Gobierno de los Estados Unidos", "funding"),
        ("Secretaría de Bienestar Social", "partner"),
        ("Consejo Nacional de Atención al Migrante de Guatemala", "partner"),
    ]
    assert countries(article) == ["GTM", "USA"]


def test_language_comes_from_the_header_when_the_dateline_has_no_month_name() -> None:
    article = parse_text("Qui sommes-nous\nNotre travail\nAgir\nUn nouveau centre pour les "
                         "migrants à Agadez\nAgadez, 12/03/2019 – L'OIM a ouvert un centre "
                         "d'accueil pour les migrants de retour.\n")
    assert (article.language, article.published, article.place) == ("fr", "2019-03-12", "Agadez")


def test_text_page_without_a_header_starts_with_its_title() -> None:
    article = parse_file(PAGES / "news_no_header.txt")
    assert article.title == ("Bangladesh and Thailand Agree on a Joint Approach to Protect "
                             "Migrant Workers")
    assert (article.published, article.place) == ("2019-05-03", "Geneva/Bangkok")
    assert [org.name for org in article.organisations] == [IOM, "International Labour Organization"]
    assert countries(article) == ["BGD", "THA"]


def test_hard_wrapped_paragraphs_are_joined_before_reading() -> None:
    article = parse_file(PAGES / "news_hard_wrapped.txt")
    assert (article.title, article.place, article.published) == (
        "Solomon Islands Police Train on Victim Identification", "Honiara", "2023-02-14")
    assert article.body is not None
    assert article.body.split("\n") == [
        "Thirty officers of the Royal Solomon Islands Police Force completed a week-long course "
        "on identifying victims of trafficking, organized by IOM with funding from the "
        "Government of Australia.",
        'The course was delivered under the project "Strengthening Border Management in '
        'Solomon Islands" (2021-2023) and followed a national referral workshop held in Gizo.',
    ]
    assert article.projects == [ProjectMention(
        "Strengthening Border Management in Solomon Islands", None, 2021, 2023)]
    assert [(org.name, org.role) for org in article.organisations] == [
        ("Royal Solomon Islands Police Force", None),
        (IOM, None),
        ("Government of Australia", "funding"),
    ]


def test_subheadings_in_capitals_name_only_known_organisations() -> None:
    article = parse_text(
        "Fiji Opens a Job Centre for Returning Workers\n"
        "Suva, 4 March 2024 – IOM and the Ministry of Employment opened a job centre for "
        "returning workers on Monday.\n"
        "A NEW CENTRE FOR MIGRANTS OPENS IN SUVA\n"
        "The centre offers counselling and referrals to clinics.\n"
        "IOM AND UN WOMEN LAUNCH A CAMPAIGN\n"
        "The campaign against recruitment fraud runs for six months.\n")
    assert article.body is not None and "A NEW CENTRE FOR MIGRANTS OPENS IN SUVA" in article.body
    assert article.organisations == [
        Organisation(IOM, None, "IOM"),
        Organisation("Ministry of Employment"),
        Organisation("UN Women"),
    ]
    assert countries(article) == ["FJI"]


def test_article_without_dateline_has_no_date_and_a_warning() -> None:
    article = parse_file(PAGES / "news_no_dateline.txt")
    assert article.title == "Community Radio Brings Safe Migration Messages to Rural Cambodia"
    assert (article.published, article.place) == (None, None)
    assert article.body is not None and article.body.startswith("Listeners in three provinces")
    [issue] = article.issues
    assert (issue.field, issue.line, issue.severity) == ("published", 6, "warning")


def test_html_article_is_read_like_a_text_one() -> None:
    article = parse_file(PAGES / "news_article.html")
    assert article.title == "Tongan Officials Complete Training on Labour Mobility Data"
    assert (article.published, article.place) == ("2023-07-18", "Nuku'alofa")
    assert article.projects == [ProjectMention("Strengthening Migration Governance in Tonga",
                                               None, 2022, 2024)]
    assert Organisation("Government of New Zealand", "funding") in article.organisations
    assert countries(article) == ["TON", "NZL"]


def test_dateline_line_with_no_title_before_it_is_an_error() -> None:
    article = parse_text("Suva, 3 May 2022 – IOM and the Government of Fiji opened a migrant "
                         "resource centre in Lautoka.\n")
    assert article.title is None and article.published == "2022-05-03"
    assert [(issue.field, issue.severity) for issue in article.issues] == [("title", "error")]


def test_projects_named_with_acronym_and_years_in_several_forms() -> None:
    text = ("IOM closed Tackling Modern Slavery from Viet Nam (TMSV, 2018–2021) this week; TMSV "
            "reached 5,000 people. Results of the Migrant Resource Centres project (2019-22) "
            "were shared with the Safe Journeys programme (SJP) and the project called "
            "“Youth Mobility Pathways”.")
    assert find_projects(text) == [
        ProjectMention("Tackling Modern Slavery from Viet Nam", "TMSV", 2018, 2021),
        ProjectMention("Migrant Resource Centres", None, 2019, 2022),
        ProjectMention("Safe Journeys", "SJP", None, None),
        ProjectMention("Youth Mobility Pathways", None, None, None),
    ]


def test_citations_and_quotes_are_not_projects() -> None:
    text = ("According to the International Labour Organization (ILO, 2017–2019), wages fell. "
            "“We are committed to this work,” she said.")
    assert find_projects(text, frozenset({"ILO"})) == []


def test_paragraphs_join_only_lines_that_run_on() -> None:
    lines = [Line(1, "IOM trained forty border officers in the north of the"),
             Line(2, "country this week."), Line(3, "A second course follows in May."),
             Line(5, "- Pre-departure orientation"), Line(6, "- Referral of victims")]
    assert paragraphs(lines) == [
        "IOM trained forty border officers in the north of the country this week.",
        "A second course follows in May.", "- Pre-departure orientation",
        "- Referral of victims"]


@pytest.mark.parametrize("name", [
    "news_english_header.txt", "news_french.txt", "news_spanish.txt", "news_no_header.txt",
    "news_hard_wrapped.txt", "news_no_dateline.txt", "news_no_year.txt", "news_article.html",
])
def test_news_pages_look_like_news(name: str) -> None:
    page = read_source(PAGES / name)
    assert looks_like_news(page_lines(page))


def test_menu_and_short_values_do_not_look_like_news() -> None:
    lines = [Line(n, text) for n, text in enumerate(
        ["Who We Are", "Our Work", "Strengthening Border Data", "2021", "2024", "Active",
         "300000.00", "Regional"], start=1)]
    assert not looks_like_news(lines)


def test_example_articles_name_example_projects() -> None:
    examples = Path(__file__).resolve().parents[1] / "examples" / "pages"
    project_titles = {parse_page(read_source(path)).title
                      for path in examples.iterdir() if not path.name.startswith("news_")}
    articles = [parse_file(path) for path in sorted(examples.glob("news_*.txt"))]
    assert len(articles) == 2
    for article in articles:
        assert article.issues == [] and article.published is not None
        assert any(project.name in project_titles for project in article.projects)


def test_same_page_gives_the_same_article_twice(seeds_dir: Path) -> None:
    path = next(seeds_dir.glob("004_*.txt"))
    assert parse_file(path) == parse_file(path)


@pytest.mark.parametrize(("text", "expected"), [
    ("IOM opened an office in Port of Spain, Trinidad and Tobago.", ["TTO"]),
    ("The talks in Port of Spain ended.", []),
    ("Fishers of the Gulf of Guinea and the Niger Delta met officials from Ghana.", ["GHA"]),
    ("Returnees from New Mexico and the Jordan Valley arrived in Mexico and Jordan.",
     ["MEX", "JOR"]),
    ("Partners in Guinea-Bissau and Guinea signed the plan.", ["GNB", "GIN"]),
    ("Papua New Guinea and Spain signed the plan.", ["PNG", "ESP"]),
])
def test_places_whose_names_hold_a_country_are_not_that_country(
        text: str, expected: list[str]) -> None:
    assert [state.iso3 for state in gazetteer().mentions(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Seafarers from Kiribati trained at sea (with trainers from Fiji) this week.",
     ["KIR", "FJI"]),
    ("Support came from the Ministry of Labour (Vanuatu).", ["VUT"]),
    ("Officials [Tonga] and partners (Papua New Guinea, Solomon Islands) met.",
     ["TON", "PNG", "SLB"]),
    ("Delegates of Bolivia (Plurinational State of) and Peru met.", ["BOL", "PER"]),
    ("The plan (2021) was signed.", []),
])
def test_a_country_in_parentheses_or_brackets_is_a_mention(text: str,
                                                            expected: list[str]) -> None:
    assert [state.iso3 for state in gazetteer().mentions(text)] == expected


def test_a_place_naming_a_country_in_an_article_is_not_a_mention_of_it() -> None:
    article = parse_text("Flooding in Port of Spain\n\nPort of Spain, 3 March 2022 – Heavy rain "
                         "hit Port of Spain on Monday, IOM said.\n")
    assert article.place == "Port of Spain"
    assert "ESP" not in countries(article)


def test_country_names_repeated_through_long_prose_are_each_found_once() -> None:
    # How fast this runs is measured by bench/ (news articles are part of every build).
    text = " ".join(["Officials from Fiji, Tonga and Viet Nam met in Port of Spain."] * 400)
    found = gazetteer().mentions(text)
    assert [state.iso3 for state in found] == ["FJI", "TON", "VNM"]


HEADS = frozenset({"office", "ministry", "embassy", "government", "force"})


@pytest.mark.parametrize(("text", "expected"), [
    ("Funding from the UK Home Office reached shelters in Viet Nam.", ["VNM"]),
    ("The USA Embassy in Suva hosted officials from Fiji.", ["FJI"]),
    ("Officers of the UK Border Force trained staff in Tonga.", ["TON"]),
    ("A UK Government grant supports returnees in the DRC.", ["COD"]),
    # Not an organisation's name: the acronym names the country.
    ("Nurses recruited in the UK returned to Fiji.", ["GBR", "FJI"]),
    ("Talks between the UK and Viet Nam resumed.", ["GBR", "VNM"]),
    ("Returnees from the UK. Office staff in Fiji met them.", ["GBR", "FJI"]),
    ("UK Aid Direct and Tonga signed the agreement.", ["GBR", "TON"]),
    # A full country name before an organisation word still names the country.
    ("The Viet Nam Ministry of Public Security chaired the meeting.", ["VNM"]),
    # The possessive mark is no part of either name: "UK's Home Office" reads "UK Home Office".
    ("Funding from the UK Home Office's grant scheme reached Viet Nam.", ["VNM"]),
    ("Funding from the UK's Home Office reached shelters in Viet Nam.", ["VNM"]),
    ("Nurses recruited in the UK's hospitals returned to Fiji.", ["GBR", "FJI"]),
    ("The Philippines' Embassy in Suva hosted officials from Fiji.", ["PHL", "FJI"]),
])
def test_a_country_acronym_opening_an_organisation_name_is_not_a_mention(
        text: str, expected: list[str]) -> None:
    found = gazetteer().mentions(text, organisation_heads=HEADS)
    assert [state.iso3 for state in found] == expected


def test_an_article_funded_by_the_uk_home_office_does_not_mention_the_uk() -> None:
    article = parse_text(
        "Safe Migration Hotline Expands to Northern Provinces\n\n"
        "Ha Noi, 14 June 2022 – The hotline run by IOM with the Ministry of Labour, Invalids and "
        "Social Affairs will reach six more provinces, thanks to funding from the UK Home "
        "Office.\n\nCallers from Lao Cai and Ha Giang can now ask about recruitment fees and "
        "labour contracts before they leave Viet Nam.\n")
    assert Organisation("UK Home Office", "funding") in article.organisations
    assert countries(article) == ["VNM"]


def test_an_article_naming_countries_in_the_possessive_mentions_them() -> None:
    article = parse_text(
        "Coast Guards Train on Rescue at Sea\n\nManila, 9 August 2023 – Officers of the "
        "Philippines' coast guard and of Viet Nam’s border guard practised boarding drills "
        "this week. Indonesia's navy sent two observers.\n")
    assert countries(article) == ["PHL", "VNM", "IDN"]


def test_an_article_naming_the_uk_itself_mentions_it() -> None:
    article = parse_text(
        "Returnees Welcomed Home\n\nHa Noi, 2 May 2023 – Forty workers returned from the UK "
        "this week with support from the UK Home Office and IOM Viet Nam.\n")
    assert countries(article) == ["GBR", "VNM"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Traders joined the Mobility and Health along the Congo River project (2022-2024) in May.",
     ProjectMention("Mobility and Health along the Congo River", None, 2022, 2024)),
    ("Officers from the Cooperation between Border Agencies project (CBA) met in Skopje.",
     ProjectMention("Cooperation between Border Agencies", "CBA", None, None)),
    ("It was run under the Coastal Livelihoods Recovery (CLR) project, which ends in June.",
     ProjectMention("Coastal Livelihoods Recovery", "CLR", None, None)),
    ("It built on the IOM project Safer Recruitment in Nepal (2019-2021), funded by the IDF.",
     ProjectMention("Safer Recruitment in Nepal", None, 2019, 2021)),
    # A Prima ID marks the title, and is kept as the project's Prima ID, not as its acronym.
    ("Guides came from the project Planned Relocation in Tuvalu (TV10P0042), funded by the IDF.",
     ProjectMention("Planned Relocation in Tuvalu", None, None, None, "TV10P0042")),
])
def test_projects_named_before_and_after_the_word_project(
        text: str, expected: ProjectMention) -> None:
    assert find_projects(text, frozenset({"IOM", "IDF"})) == [expected]


def test_a_project_name_does_not_run_across_lines() -> None:
    assert find_projects("Development Fund project\nStatus Active\nBudget Amount (USD) 300") == []


BALKANS = "Strengthening Border Management in the Western Balkans"


@pytest.mark.parametrize(("text", "expected"), [
    (f"Border police from Albania and Montenegro patrolled together for the first time under "
     f"the project “{BALKANS}” (Prima ID GE10P0377), funded by the IOM Development Fund.",
     ProjectMention(BALKANS, None, None, None, "GE10P0377")),
    (f"Six crossing points were refitted under the project ‘{BALKANS}’ (Prima ID GE10P0377).",
     ProjectMention(BALKANS, None, None, None, "GE10P0377")),
    (f"Six crossing points were refitted under the project '{BALKANS}' (GE10P0377) last year.",
     ProjectMention(BALKANS, None, None, None, "GE10P0377")),
    ("Officers said the project 'Migrants' Rights at the Border' (GE10P0377) helped them.",
     ProjectMention("Migrants' Rights at the Border", None, None, None, "GE10P0377")),
    (f"Shift logs are now shared between crossing points, a result of the “{BALKANS}” project "
     f"(PX.0123 / GE10P0377).",
     ProjectMention(BALKANS, None, None, None, "GE10P0377")),
    (f"Forty officers were trained by the IOM project {BALKANS} (Prima ID: GE10P0377) in Tirana.",
     ProjectMention(BALKANS, None, None, None, "GE10P0377")),
    (f"In Podgorica, {BALKANS} (SBM-WB, GE10P0377) handed over six document scanners.",
     ProjectMention(BALKANS, "SBM-WB", None, None, "GE10P0377")),
    (f"Since 2019, {BALKANS} (GE10P0377, 2019–2021) has equipped eleven crossing points.",
     ProjectMention(BALKANS, None, 2019, 2021, "GE10P0377")),
    ("Les agents ont été formés dans le cadre du projet « Renforcement de la lutte contre la "
     "traite au Sahel » (ID Prima CT10P0048), financé par le Fonds de l'OIM.",
     ProjectMention("Renforcement de la lutte contre la traite au Sahel", None, None, None,
                    "CT10P0048")),
])
def test_a_prima_id_in_the_brackets_after_a_project_name_is_kept(
        text: str, expected: ProjectMention) -> None:
    assert find_projects(text, frozenset({"IOM", "OIM"})) == [expected]


def test_a_project_named_twice_keeps_the_prima_id_given_once() -> None:
    text = (f"The “{BALKANS}” project (GE10P0377) opened a joint patrol office in Shkodër. "
            f"Officers said {BALKANS} (SBM-WB, 2019–2021) had changed how they share shift "
            "logs.")
    assert find_projects(text) == [ProjectMention(BALKANS, "SBM-WB", 2019, 2021, "GE10P0377")]


def test_a_project_without_a_prima_id_has_none() -> None:
    text = f"Forty officers were trained by the IOM project {BALKANS} (SBM-WB) in Tirana."
    assert find_projects(text, frozenset({"IOM"})) == [
        ProjectMention(BALKANS, "SBM-WB", None, None, None)]


def test_a_dateline_line_wrapped_inside_a_name_runs_on_into_the_next_line() -> None:
    # What follows the dateline is short, but its line was a full one: the name goes on below.
    article = parse_text(
        "Border Officials Review Migration Data\n"
        "Sarajevo, 6 April 2021 – Officials of the Ministry of Foreign\n"
        "Affairs of Bosnia and Herzegovina visited two border posts to try\n"
        "the new procedures, IOM said.\n")
    assert article.body == (
        "Officials of the Ministry of Foreign Affairs of Bosnia and Herzegovina visited two "
        "border posts to try the new procedures, IOM said.")
    assert article.organisations[0].name == "Ministry of Foreign Affairs of Bosnia and Herzegovina"


def test_a_line_wrapped_after_a_words_hyphen_runs_on_without_a_space() -> None:
    article = parse_text(
        "Officers Train on Victim Referral\n"
        "San José, 3 March 2022 – The activity is part of the project “Strengthening counter-\n"
        "trafficking coordination in Costa Rica (phase 4)”, funded by the IOM Development Fund,\n"
        "and of a national plan - the second one - on referral.\n")
    assert article.body == (
        "The activity is part of the project “Strengthening counter-trafficking coordination in "
        "Costa Rica (phase 4)”, funded by the IOM Development Fund, and of a national plan - the "
        "second one - on referral.")
    assert [project.name for project in article.projects] == [
        "Strengthening counter-trafficking coordination in Costa Rica (phase 4)"]


def test_an_article_naming_who_by_its_acronym_names_the_world_health_organization() -> None:
    article = parse_text(
        "Health Screening Reaches Border Posts\n\n"
        "Honiara, 12 April 2023 – IOM trained nurses at four border posts this week, working "
        "with WHO and the Ministry of Health.\n\n"
        "The screening forms were drafted with support from WHO.\n")
    assert article.organisations == [
        Organisation(IOM, None, "IOM"),
        Organisation("World Health Organization", None, "WHO"),
        Organisation("Ministry of Health"),
    ]


def test_an_article_with_a_heading_in_capitals_names_no_who() -> None:
    article = parse_text(
        "Health Screening Reaches Border Posts\n\n"
        "Honiara, 12 April 2023 – IOM trained nurses at four border posts this week.\n\n"
        "WHO BENEFITS\n\n"
        "Travellers who cross at the four posts, and the nurses who screen them.\n")
    assert [org.name for org in article.organisations] == [IOM]


def test_an_article_naming_north_macedonia_by_its_former_name_mentions_it() -> None:
    article = parse_text(
        "Border Officers Trained on Migrant Protection\n\n"
        "Skopje, 4 May 2016 – Forty border officers of the former Yugoslav Republic of "
        "Macedonia completed a course on protection screening with IOM this week.\n\n"
        "Trainers from Serbia joined the last two sessions.\n")
    assert countries(article) == ["MKD", "SRB"]
    assert article.countries[0].name == "the former Yugoslav Republic of Macedonia"
