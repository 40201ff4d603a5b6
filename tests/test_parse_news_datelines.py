"""Datelines on whole pages: a place given with its country, a dateline under a date line, and
a place opening an article that gives no date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from page_helpers import parse_article

from kg.cli import main
from kg.errors import DataError
from kg.parse import parse_page
from kg.records import NewsArticle, ProjectPage
from kg.sources import SourceText, read_source

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


# --- 2. The country a dateline names is one the article names ----------------------------------

def test_the_country_of_a_dateline_is_among_the_articles_countries(tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "Fishers Learn to Read Weather Warnings\n\n"
        "Kisumu, Kenya, 9 March 2023 – Forty fishers from six beaches around the lake learned "
        "this week how to read the warnings that the county sends by text message.\n\n"
        "The sessions will move to the islands in April.\n")
    assert record.place == "Kisumu, Kenya"
    assert iso3s(record) == ["KEN"]


def test_a_dateline_country_comes_before_those_the_body_names(
        tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "Labour Inspectors Meet Their Neighbours\n\n"
        "Amman, Jordan – 2 October 2022 – Labour inspectors from Lebanon spent three days with "
        "their Jordanian colleagues, and inspectors from Iraq will follow in November.\n")
    assert record.place == "Amman, Jordan"
    assert iso3s(record) == ["JOR", "LBN", "IRQ"]


def test_a_dateline_country_named_again_in_the_body_is_listed_once(tmp_path: Path) -> None:
    record = parse_article(tmp_path, NOUAKCHOTT)
    assert iso3s(record) == ["MRT", "MLI"]


def test_a_dateline_place_whose_name_holds_a_country_names_no_other(tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "Shelters Prepare for the Rainy Season\n\n"
        "Port of Spain, 3 June 2022 – Shelter staff reviewed their plans for the rainy season "
        "with IOM this week.\n")
    assert record.place == "Port of Spain" and iso3s(record) == []


def test_audit_page_whose_dateline_alone_names_the_country() -> None:
    record = fixture_article("news_dateline_country_only.txt")
    assert record.place == "Tegucigalpa, Honduras"
    assert iso3s(record) == ["HND"]


# --- 3. A dateline under a date line gives the article its place -------------------------------

def test_a_dateline_under_a_date_line_gives_the_place_and_opens_the_text(tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "Midwives Trained in Border Districts\n14 June 2023\n"
        "Blantyre, 14 June 2023 – Twenty midwives from border districts finished a course on "
        "caring for women on the move.\n"
        "A second group starts in August.\n")
    assert (record.title, record.published, record.place) == (
        "Midwives Trained in Border Districts", "2023-06-14", "Blantyre")
    assert record.body is not None and record.body.startswith("Twenty midwives")
    assert record.issues == []


def test_a_spanish_dateline_closed_by_a_full_stop_under_an_html_date(tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "<html><body><h1>Municipios del occidente preparan albergues</h1>"
        "<div class='date'><time datetime='2022-08-08'>8 de agosto de 2022</time></div>"
        "<p>Santa Ana, 8 de agosto de 2022. Doce municipios del occidente del país revisaron "
        "sus planes de albergue con la OIM antes de la temporada de lluvias.</p>"
        "<p>Los planes se pondrán a prueba en septiembre.</p></body></html>", name="page.html")
    assert (record.published, record.place, record.language) == ("2022-08-08", "Santa Ana", "es")
    assert record.body is not None and record.body.startswith("Doce municipios")


def test_the_date_line_keeps_its_date_when_the_dateline_under_it_gives_another(
        tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "Returnees Open a Bakery\nPosted on 12 May 2022\n"
        "Lilongwe, Malawi, 10 May 2022 – Six women who came home from abroad opened a bakery "
        "with a grant from IOM.\n")
    assert (record.published, record.place) == ("2022-05-12", "Lilongwe, Malawi")
    assert iso3s(record) == ["MWI"]
    assert record.body is not None and record.body.startswith("Six women")


def test_audit_page_with_a_date_field_over_its_dateline_has_a_place() -> None:
    record = fixture_article("news_date_line_over_dateline_es.html")
    assert (record.published, record.place) == ("2022-03-03", "San Salvador")
    assert record.body is not None and record.body.startswith("Las autoridades de migración")
    assert iso3s(record) == ["GTM", "HND", "SLV"]


# --- 4. No date anywhere: the place opening the first paragraph, and a warning ----------------

ACCRA = (
    "Ghana Strengthens Border Management with New Training Centre\n\n"
    "Accra – The Ghana Immigration Service, with support from the International Organization "
    "for Migration (IOM), opened a training centre for border officials this week. The centre "
    "will train two hundred officers each year in document examination and the identification "
    "of victims of trafficking.\n\n"
    "The training centre is part of the project \"Enhancing Border Management in Ghana\", funded "
    "by the IOM Development Fund. Officers from the regional commands will take part in the "
    "first courses, which start next month.\n"
)


def test_a_place_and_a_dash_opening_an_undated_article_give_its_place(tmp_path: Path) -> None:
    record = parse_article(tmp_path, ACCRA)
    assert (record.title, record.published, record.place, record.language) == (
        "Ghana Strengthens Border Management with New Training Centre", None, "Accra", "en")
    assert record.body is not None
    assert record.body.startswith("The Ghana Immigration Service, with support from")
    assert record.body.endswith("which start next month.")
    assert [project.name for project in record.projects] == [
        "Enhancing Border Management in Ghana"]
    assert [org.name for org in record.organisations] == [
        "Ghana Immigration Service", "International Organization for Migration"]
    assert iso3s(record) == ["GHA"]
    [issue] = record.issues
    assert (issue.field, issue.line, issue.severity) == ("published", 3, "warning")
    assert issue.message == ("the dateline gives the place ('Accra') but no date: the article's "
                             "date is not given")


def test_a_place_named_like_a_heading_word_in_another_language_is_a_place(
        tmp_path: Path) -> None:
    # "Tema" is "topic" in Spanish, and a port city of Ghana
    record = parse_article(tmp_path, ACCRA.replace("Accra – ", "Tema – "))
    assert (record.published, record.place) == (None, "Tema")
    assert record.body is not None and record.body.startswith("The Ghana Immigration Service")


def test_kg_parse_reads_an_undated_article_opened_by_its_place_with_a_warning_only(
        tmp_path: Path) -> None:
    page = tmp_path / "accra.txt"
    page.write_text(ACCRA, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(page)], catch_exceptions=False)
    assert result.exit_code == 0, "a missing date is a warning: the page itself was read"
    [record] = json.loads(result.stdout)
    assert (record["kind"], record["place"], record["published"]) == ("news", "Accra", None)
    assert "accra.txt:3: published: the dateline gives the place ('Accra') but no date" in (
        result.stderr)


def test_an_undated_place_with_its_country_is_read_as_a_dateline_reads_it(tmp_path: Path) -> None:
    undated = parse_article(tmp_path, ACCRA.replace("Accra – ", "ACCRA, Ghana — "))
    dated = parse_article(tmp_path, ACCRA.replace("Accra – ", "ACCRA, Ghana, 3 May 2024 — "),
                          name="dated.txt")
    assert dated.place is not None and dated.published == "2024-05-03"
    assert (undated.title, undated.place, undated.body, undated.published) == (
        dated.title, dated.place, dated.body, None)
    assert iso3s(undated) == ["GHA"]
    assert [issue.field for issue in undated.issues] == ["published"]


def test_a_french_article_opened_by_its_place_and_country_in_brackets(tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "Le Sénégal ouvre un centre d'accueil pour les migrants de retour\n\n"
        "Dakar (Sénégal) – L'Organisation internationale pour les migrations (OIM) et la "
        "Direction générale d'appui aux Sénégalais de l'extérieur ont inauguré cette semaine un "
        "centre d'accueil pour les migrants de retour.\n\n"
        "Le centre relève du projet « Réintégration durable au Sénégal », financé par le Fonds de "
        "l'OIM pour le développement. Il offrira des conseils et un soutien psychosocial.\n")
    assert (record.published, record.place, record.language) == (None, "Dakar (Sénégal)", "fr")
    assert record.body is not None and record.body.startswith("L'Organisation internationale")
    assert [project.name for project in record.projects] == ["Réintégration durable au Sénégal"]
    assert iso3s(record) == ["SEN"]
    assert [(issue.field, issue.line) for issue in record.issues] == [("published", 3)]


def test_a_spanish_article_opened_by_its_place_and_country(tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "Honduras abre un centro para personas migrantes retornadas\n\n"
        "San Pedro Sula, Honduras – La Organización Internacional para las Migraciones (OIM) y la "
        "Secretaría de Relaciones Exteriores abrieron esta semana un centro de atención para "
        "personas migrantes retornadas en el aeropuerto.\n\n"
        "El centro forma parte del proyecto \"Reintegración sostenible en Honduras\", financiado "
        "por el Fondo de la OIM para el Desarrollo.\n")
    assert (record.published, record.place, record.language) == (
        None, "San Pedro Sula, Honduras", "es")
    assert record.body is not None and record.body.startswith("La Organización Internacional")
    assert [project.name for project in record.projects] == [
        "Reintegración sostenible en Honduras"]
    assert iso3s(record) == ["HND"]
    assert [(issue.field, issue.line) for issue in record.issues] == [("published", 3)]


@pytest.mark.parametrize("heading", [
    "Background", "Summary", "Update", "Objective", "Project Background", "Contexte",
    "Objectif", "Résumé", "Antecedentes", "Resumen", "Actualización", "Nota", "IOM", "March",
    "Topics", "Country", "Thèmes", "Temas",  # tag words, as a page's footer holds them
])
def test_a_heading_set_off_by_a_dash_makes_no_undated_article(tmp_path: Path,
                                                               heading: str) -> None:
    with pytest.raises(DataError, match="neither a project page nor a news article"):
        parse_page(_written(tmp_path, (
            "Community Policing in Border Towns\n\n"
            f"{heading} – The project worked with police stations in four border towns to build "
            "trust between officers and the migrant communities they serve.\n\n"
            "A second phase added courses on referring victims of trafficking and on the rights "
            "of migrant children.\n")))


def test_a_heading_set_off_by_a_dash_under_iom_menus_is_no_place(tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "Who we are\nOur Work\nCommunity Policing in Border Towns\n"
        "Background – The project worked with police stations in four border towns to build "
        "trust between officers and the migrant communities they serve.\n"
        "A second phase added courses on referring victims of trafficking and on the rights of "
        "migrant children in every one of the four towns.\n")
    assert (record.title, record.place, record.published) == (
        "Community Policing in Border Towns", None, None)
    assert record.body is not None and record.body.startswith("Background – The project")
    assert [issue.message for issue in record.issues] == [
        "no dateline: the article's date and place are not given"]


def test_a_project_page_whose_narrative_opens_with_objective_and_a_dash_stays_a_project(
        tmp_path: Path) -> None:
    record = parse_page(_written(tmp_path, (
        "Safe Labour Migration Counselling in Nepal\n"
        "Objective – To strengthen the capacity of district offices to counsel prospective "
        "migrant workers before they leave the country.\n"
        "Benefiting Member States: Nepal\n"
        "Output 1.1 – District counsellors are trained to explain overseas job contracts.\n")))
    assert isinstance(record, ProjectPage)
    assert [state.iso3 for state in record.member_states] == ["NPL"]


@pytest.mark.parametrize("place", [
    "Santa Cruz de la Sierra", "Santiago de los Caballeros", "Dar es Salaam", "Port of Spain",
    "Bandar Seri Begawan", "Rio de Janeiro", "Ciudad del Este", "Abidjan, Côte d'Ivoire",
    "Port of Spain, Trinidad and Tobago", "Kinshasa, Democratic Republic of the Congo",
])
def test_a_place_whose_name_holds_joining_words_opens_an_undated_article(
        tmp_path: Path, place: str) -> None:
    record = parse_article(tmp_path, ACCRA.replace("Accra – ", f"{place} – "))
    assert (record.published, record.place) == (None, place)
    assert record.body is not None and record.body.startswith("The Ghana Immigration Service")
    [issue] = record.issues
    assert (issue.field, issue.line, issue.severity) == ("published", 3, "warning")
    assert issue.message == (f"the dateline gives the place ({place!r}) but no date: the "
                             "article's date is not given")


@pytest.mark.parametrize("heading", [
    "Contexte de la Mission", "Antecedentes del Proyecto", "Background of the Project",
    "Objectives and Results",
])
def test_a_heading_with_joining_words_set_off_by_a_dash_is_no_place(tmp_path: Path,
                                                                     heading: str) -> None:
    with pytest.raises(DataError, match="neither a project page nor a news article"):
        parse_page(_written(tmp_path, ACCRA.replace("Accra – ", f"{heading} – ")))


PERSON = (
    "Who we are\nOur Work\nGhana Opens a Training Centre for Border Officials\n"
    "{opening} the centre will train two hundred officers each year in document "
    "examination.\n"
    "The training centre is part of a project funded by the IOM Development Fund, and officers "
    "from the regional commands will take part in the first courses next month.\n"
)


@pytest.mark.parametrize("opening", [
    "Amina Yusuf – IOM's Chief of Mission in Ghana – said on Monday that",
    "Jean Kaboré – Chef de mission de l'OIM au Ghana – a déclaré lundi que",
    "María López – Jefa de Misión de la OIM en Ghana – dijo el lunes que",
])
def test_a_persons_name_set_off_like_a_place_before_what_they_said_is_no_place(
        tmp_path: Path, opening: str) -> None:
    record = parse_article(tmp_path, PERSON.format(opening=opening))
    assert (record.title, record.place, record.published) == (
        "Ghana Opens a Training Centre for Border Officials", None, None)
    assert record.body is not None and record.body.startswith(opening)
    assert [issue.message for issue in record.issues] == [
        "no dateline: the article's date and place are not given"]


def test_a_persons_name_under_a_date_line_is_no_place(tmp_path: Path) -> None:
    record = parse_article(tmp_path, PERSON.format(
        opening="Posted on 3 May 2021\n"
                "Amina Yusuf – IOM's Chief of Mission in Ghana – said on Monday that"))
    assert (record.title, record.place, record.published) == (
        "Ghana Opens a Training Centre for Border Officials", None, "2021-05-03")
    assert record.body is not None and record.body.startswith("Amina Yusuf – IOM's Chief")


def test_a_place_followed_by_a_persons_words_is_still_the_place(tmp_path: Path) -> None:
    record = parse_article(tmp_path, PERSON.format(
        opening="Accra – IOM's Chief of Mission in Ghana said on Monday that"))
    assert (record.place, record.published) == ("Accra", None)
    assert record.body is not None and record.body.startswith("IOM's Chief of Mission")


# --- 5. A weekday and the date before the place -----------------------------------------------

@pytest.mark.parametrize(("title", "opening", "published", "place", "language"), [
    ("Kyrgyzstan Opens Its First Migrant Resource Centre",
     "Monday, 3 May 2021, Bishkek – The Ministry of Labour opened the country's first migrant "
     "resource centre, with support from IOM, to advise people before they leave to work "
     "abroad.", "2021-05-03", "Bishkek", "en"),
    ("Le Sénégal forme ses agents consulaires à l'accueil des migrants",
     "Lundi 3 mai 2021, Dakar – Quarante agents consulaires ont suivi cette semaine une "
     "formation à l'accueil des migrants de retour, avec l'appui de l'OIM.",
     "2021-05-03", "Dakar", "fr"),
    ("El Perú abre un centro de orientación para personas migrantes",
     "Lunes, 3 de mayo de 2021, Lima – El Gobierno del Perú abrió esta semana un centro de "
     "orientación para personas migrantes, con el apoyo de la OIM.",
     "2021-05-03", "Lima", "es"),
    ("República Dominicana capacita a su policía fronteriza",
     "Domingo, 2 de mayo de 2021, Santo Domingo – Cuarenta agentes de la policía fronteriza "
     "terminaron esta semana un curso sobre trata de personas, con el apoyo de la OIM.",
     "2021-05-02", "Santo Domingo", "es"),
])
def test_a_weekday_and_date_before_the_place_open_an_article(
        tmp_path: Path, title: str, opening: str, published: str, place: str,
        language: str) -> None:
    record = parse_article(tmp_path, f"{title}\n\n{opening}\n")
    assert (record.title, record.published, record.place, record.language) == (
        title, published, place, language)
    assert record.body == opening.split(" – ", 1)[1]
    assert record.issues == []


def test_a_weekday_date_and_place_with_its_country_name_the_country(tmp_path: Path) -> None:
    record = parse_article(
        tmp_path, "Returnees in Southern Kyrgyzstan Open Sewing Workshops\n\n"
        "Friday, May 7, 2021, Osh, Kyrgyzstan – Sixty young returnees opened sewing workshops "
        "this week with small grants from IOM.\n")
    assert (record.published, record.place) == ("2021-05-07", "Osh, Kyrgyzstan")
    assert iso3s(record) == ["KGZ"]
    assert record.body is not None and record.body.startswith("Sixty young returnees")


def _written(tmp_path: Path, text: str) -> SourceText:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return read_source(path)
