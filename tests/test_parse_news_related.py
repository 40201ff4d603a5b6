"""Lists of links to other stories ("Related stories", "Voir aussi", "Noticias relacionadas")
at the end of a news page or in its sidebar: their titles are neither the article's text nor
what it is about."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import parse_article

from kg.records import NewsArticle

MENU = "Who We Are\nOur Work\nTake Action\n"

TONGA = (
    MENU + "Tongan Border Officers Begin Sharing Arrival Records Across Islands\n"
    "Nuku'alofa, 6 March 2024 – Eighteen immigration officers of the Ministry of Foreign "
    "Affairs completed a week of training on the new arrivals register, under the project "
    "“Border Data for the Outer Islands” (2023-2025), funded by the IOM Development Fund.\n"
    "The register links the ports of Vava'u and Ha'apai to the main office, so that officers "
    "across Tonga no longer wait for paper forms to arrive by boat.\n"
    "A second course for customs staff is planned for August.\n"
)
RELATED_EN = (
    "Related stories\n"
    "Fiji Opens Its First Labour Mobility Information Desk\n"
    "12 February 2024\n"
    "Vanuatu Communities Rehearse Cyclone Evacuation Routes\n"
    "30 January 2024\n"
    "Samoa and Australia Agree on Seasonal Worker Welfare Checks\n"
    "18 December 2023\n"
)


def iso3s(record: NewsArticle) -> list[str]:
    return [country.iso3 for country in record.countries]


def test_related_stories_at_the_end_of_a_page_name_no_country_of_the_article(
        tmp_path: Path) -> None:
    record = parse_article(tmp_path, TONGA + RELATED_EN)
    assert iso3s(record) == ["TON"]


def test_related_stories_are_not_read_as_the_article_text(tmp_path: Path) -> None:
    record = parse_article(tmp_path, TONGA + RELATED_EN)
    assert record.body is not None
    assert record.body.endswith("A second course for customs staff is planned for August.")
    assert "Related stories" not in record.body and "Cyclone" not in record.body


def test_a_country_the_article_names_still_counts_when_a_related_story_names_it_too(
        tmp_path: Path) -> None:
    text = TONGA.replace("planned for August.", "planned for August with trainers from Fiji.")
    record = parse_article(tmp_path, text + RELATED_EN)
    assert iso3s(record) == ["TON", "FJI"]


@pytest.mark.parametrize("heading", [
    "Related news", "RELATED STORIES", "See also:", "More news", "Read more", "Related content",
    "More news from IOM Pacific",
])
def test_each_english_heading_opens_a_related_block(tmp_path: Path, heading: str) -> None:
    record = parse_article(tmp_path, TONGA + RELATED_EN.replace("Related stories", heading))
    assert iso3s(record) == ["TON"]


def test_items_with_bullets_and_teasers_belong_to_the_block(tmp_path: Path) -> None:
    related = (
        "Related news\n"
        "- Kiribati Launches Its National Labour Migration Policy\n"
        "Officials in Tarawa presented the policy to employers and returning workers.\n"
        "Read more\n"
        "- Palau Trains Health Staff on Migrant Care\n"
        "Nurses from two hospitals learned to refer migrants to support services…\n"
        "Read more\n"
    )
    record = parse_article(tmp_path, TONGA + related)
    assert iso3s(record) == ["TON"]
    assert record.body is not None and "Tarawa" not in record.body


FRENCH = (
    "Qui sommes-nous\nNotre travail\n"
    "Des agents frontaliers nigériens formés à l'identification des victimes de la traite\n"
    "Niamey, 14 mai 2024 – Trente agents de la police des frontières ont suivi une formation "
    "de cinq jours sur l'identification et l'orientation des victimes de la traite, dans le "
    "cadre du projet « Protéger les victimes de la traite au Niger » (2023-2025).\n"
    "La formation a été financée par le Fonds de l'OIM pour le développement et conduite avec "
    "le ministère de l'Intérieur.\n"
)
SPANISH = (
    "Quiénes somos\nNuestro trabajo\n"
    "Inspectores laborales de Honduras aprenden a detectar el trabajo forzoso\n"
    "Tegucigalpa, 9 de abril de 2024 – Veinticinco inspectores de la Secretaría de Trabajo "
    "completaron un curso de tres días sobre las señales del trabajo forzoso entre los "
    "trabajadores migrantes agrícolas.\n"
    "El curso forma parte del proyecto «Contratación justa en la agricultura» (2023-2024), "
    "financiado por el Fondo de la OIM para el Desarrollo.\n"
)


@pytest.mark.parametrize(("text", "heading", "titles", "expected"), [
    (FRENCH, "Voir aussi", ("Le Mali lance un guichet pour les migrants de retour",
                            "Au Sénégal, des jeunes formés aux métiers du numérique"), ["NER"]),
    (FRENCH, "Articles liés", ("Le Tchad forme ses agents consulaires",
                               "Burkina Faso : des familles déplacées reçoivent des abris"),
     ["NER"]),
    (SPANISH, "Noticias relacionadas", ("Guatemala y México coordinan el retorno de menores",
                                        "El Salvador abre una oficina para personas retornadas"),
     ["HND"]),
    (SPANISH, "Más noticias", ("Panamá atiende a migrantes en Darién",
                               "Costa Rica capacita a funcionarios de migración"), ["HND"]),
])
def test_french_and_spanish_related_blocks_name_no_country_of_the_article(
        tmp_path: Path, text: str, heading: str, titles: tuple[str, str],
        expected: list[str]) -> None:
    record = parse_article(tmp_path, text + heading + "\n" + "\n".join(titles) + "\n")
    assert iso3s(record) == expected
    assert record.body is not None and titles[0] not in record.body


def test_country_tags_after_a_related_block_still_count(tmp_path: Path) -> None:
    record = parse_article(tmp_path, TONGA + RELATED_EN + "Region\nAsia and the Pacific\n"
                     "Country\nTonga\nNew Zealand\n")
    assert iso3s(record) == ["TON", "NZL"]


def test_a_related_block_after_the_country_tags_adds_no_country(tmp_path: Path) -> None:
    record = parse_article(tmp_path, TONGA + "Region\nAsia and the Pacific\nCountry\nTonga\n"
                     + RELATED_EN)
    assert iso3s(record) == ["TON"]


def test_article_text_after_a_related_sidebar_is_still_read(tmp_path: Path) -> None:
    text = TONGA + RELATED_EN + (
        "Officers from Niue will join the August course as observers, the ministry said.\n"
        "The register will be extended to the airport in Nuku'alofa by the end of the year.\n")
    record = parse_article(tmp_path, text)
    assert iso3s(record) == ["TON", "NIU"]
    assert record.body is not None and "Officers from Niue will join" in record.body
    assert "Vanuatu" not in record.body


def test_a_sentence_opening_with_see_also_is_article_text(tmp_path: Path) -> None:
    text = TONGA + ("See also the register's first report, which compares arrivals in Tonga "
                    "and Fiji over the last two years.\n"
                    "Copies are available from the ministry in Nuku'alofa.\n")
    record = parse_article(tmp_path, text)
    assert iso3s(record) == ["TON", "FJI"]


HTML_ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><title>News | IOM Tonga</title></head>
<body>
<nav><ul><li>Who We Are</li><li>Our Work</li></ul></nav>
<main>
<article>
<h1>Tongan Border Officers Begin Sharing Arrival Records Across Islands</h1>
<p>Nuku&#x27;alofa, 6 March 2024 &ndash; Eighteen immigration officers of the Ministry of
Foreign Affairs completed a week of training on the new arrivals register, funded by the IOM
Development Fund.</p>
<p>The register links the ports of Vava&#x27;u and Ha&#x27;apai to the main office, so
that officers across Tonga no longer wait for paper forms.</p>
</article>
<aside class="related">
<h2>Related stories</h2>
<div class="card"><h3><a href="/news/1">Fiji Opens Its First Labour Mobility Information
Desk</a></h3><p class="date">12 February 2024</p></div>
<div class="card"><h3><a href="/news/2">Vanuatu Communities Rehearse Cyclone Evacuation
Routes</a></h3><p class="date">30 January 2024</p></div>
</aside>
<section>
<h2>See also</h2>
<ul>
<li><a href="/news/3">Samoa and Australia Agree on Seasonal Worker Welfare Checks</a></li>
<li><a href="/news/4">Papua New Guinea Hosts Regional Labour Mobility Meeting</a></li>
</ul>
</section>
</main>
</body></html>
"""


def test_html_related_cards_and_lists_name_no_country_of_the_article(tmp_path: Path) -> None:
    record = parse_article(tmp_path, HTML_ARTICLE, "news.html")
    assert iso3s(record) == ["TON"]
    assert record.body is not None
    assert record.body.endswith("no longer wait for paper forms.")


def test_a_link_after_the_heading_colon_is_a_related_block_of_its_own(tmp_path: Path) -> None:
    text = TONGA + "See also: Fiji Opens Its First Labour Mobility Information Desk\n"
    record = parse_article(tmp_path, text)
    assert iso3s(record) == ["TON"]
    assert record.body is not None and "Information Desk" not in record.body


def test_a_heading_over_article_text_alone_is_left_in_the_text(tmp_path: Path) -> None:
    text = TONGA + ("Read more\n"
                    "Trainers from Fiji will lead the August course, the ministry said on Friday.\n"
                    "Officers who pass it will train their colleagues on the outer islands.\n")
    record = parse_article(tmp_path, text)
    assert iso3s(record) == ["TON", "FJI"]
    assert record.body is not None and "Read more" in record.body
