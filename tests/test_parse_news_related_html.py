"""Related-story lists in HTML marked only by their class or id ("related-stories",
"field--name-field-related-content", "see-also", "read-more"), with no heading: their titles
and teasers are no part of the article, so the countries and projects they name are not its."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import parse_article, parse_text

from kg.parse.html_text import html_lines
from kg.records import NewsArticle, ProjectMention

ARTICLE = """\
<article class="node node--type-news">
<h1>Tongan Customs Officers Learn to Spot Forged Travel Documents</h1>
<p>Nuku&#x27;alofa, 11 April 2024 &ndash; Twenty-two customs and immigration officers from
across Tonga completed a five-day course on forged passports and visas, organized by IOM at
the international airport.</p>
<p>The course belongs to the project &ldquo;Document Security at Pacific Borders&rdquo;
(2023-2025), funded by the IOM Development Fund.</p>
</article>
"""
RELATED_UL = """\
<ul class="related-stories">
<li><a href="/news/1">Fiji Opens Its First Labour Mobility Information Desk</a></li>
<li><a href="/news/2">Vanuatu Communities Rehearse Cyclone Evacuation Routes</a></li>
</ul>
"""
RELATED_DRUPAL = """\
<div class="field field--name-field-related-content field--type-entity-reference">
  <div class="field__items">
    <div class="views-row">
      <h3><a href="/news/3">Samoa Trains Border Officers on Passenger Data</a></h3>
      <span class="date">4 March 2024</span>
      <p>Officers in Apia began using the system built under the project &ldquo;Border Data
      for the Outer Islands&rdquo; (2022-2024) with the Government of Australia.</p>
    </div>
    <div class="views-row">
      <h3><a href="/news/4">Kiribati Seafarers Learn Their Rights Before Boarding</a></h3>
      <span class="date">2 February 2024</span>
    </div>
  </div>
</div>
"""


def page(*parts: str, head: str = "") -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>News | IOM Tonga</title></head>\n"
            "<body>\n<nav><ul><li>Who We Are</li><li>Our Work</li></ul></nav>\n"
            f"{head}<main>\n{''.join(parts)}</main>\n</body></html>\n")


def iso3s(record: NewsArticle) -> list[str]:
    return [country.iso3 for country in record.countries]


OWN_PROJECT = [ProjectMention("Document Security at Pacific Borders", None, 2023, 2025)]


def test_a_list_classed_related_stories_names_no_country_of_the_article(tmp_path: Path) -> None:
    record = parse_article(tmp_path, page(ARTICLE, RELATED_UL), "news.html")
    assert iso3s(record) == ["TON"]
    assert record.body is not None and record.body.endswith("funded by the IOM Development Fund.")


def test_a_drupal_related_content_field_names_no_project_of_the_article(tmp_path: Path) -> None:
    record = parse_article(tmp_path, page(ARTICLE, RELATED_DRUPAL), "news.html")
    assert record.projects == OWN_PROJECT
    assert iso3s(record) == ["TON"]
    assert record.body is not None and "Apia" not in record.body


def test_a_related_sidebar_before_the_article_is_neither_its_title_nor_its_text(
        tmp_path: Path) -> None:
    sidebar = ('<aside class="related">\n<h3><a href="/news/1">Fiji Opens Its First Labour '
               "Mobility Information Desk</a></h3>\n</aside>\n")
    record = parse_article(tmp_path, page(sidebar, ARTICLE), "news.html")
    assert record.title == "Tongan Customs Officers Learn to Spot Forged Travel Documents"
    assert iso3s(record) == ["TON"]
    assert record.published == "2024-04-11"


@pytest.mark.parametrize("opening", [
    '<section class="block see-also">', '<div class="read-more">',
    '<div id="block-views-block-related-news-block-1">', '<aside class="c-related-articles">',
    '<div class="related_posts__list">',
])
def test_each_related_class_word_marks_a_related_list(tmp_path: Path, opening: str) -> None:
    tag = opening[1:opening.index(" ")]
    related = (f"{opening}\n<p><a href=\"/news/1\">Fiji Opens Its First Labour Mobility "
               f"Information Desk</a></p>\n</{tag}>\n")
    record = parse_article(tmp_path, page(ARTICLE, related), "news.html")
    assert iso3s(record) == ["TON"]


def test_the_heading_over_a_class_marked_list_goes_with_it(tmp_path: Path) -> None:
    record = parse_article(tmp_path, page(ARTICLE, "<h2>Related news</h2>\n", RELATED_UL),
                           "news.html")
    assert record.body is not None and "Related news" not in record.body
    assert record.body.endswith("funded by the IOM Development Fund.")


def test_country_tags_in_a_related_countries_field_still_count(tmp_path: Path) -> None:
    tags = ('<div class="field--name-field-related-countries">\n'
            '<div class="field__label">Related countries</div>\n'
            '<div class="field__item">Tonga</div>\n<div class="field__item">New Zealand</div>\n'
            "</div>\n")
    record = parse_article(tmp_path, page(ARTICLE, tags), "news.html")
    assert iso3s(record) == ["TON", "NZL"]


def test_classes_that_only_mention_related_keep_their_text(tmp_path: Path) -> None:
    body = ARTICLE.replace('class="node node--type-news"',
                           'class="node related-content-enabled"').replace(
        "organized by IOM at", 'organized by IOM with <a class="related-link" href="/x">'
        "trainers from Fiji</a> at")
    record = parse_article(tmp_path, page(body), "news.html")
    assert record.projects == OWN_PROJECT
    assert iso3s(record) == ["TON", "FJI"]


def test_html_lines_leave_out_class_marked_related_lists() -> None:
    lines = [line.text for line in html_lines(
        "<p>Officers were trained.</p><h2>See also</h2><ul class=\"related\"><li>Fiji</li></ul>"
        "<div class=\"related-countries\"><p>Tonga</p></div><p>More courses follow.</p>")]
    assert lines == ["Officers were trained.", "Tonga", "More courses follow."]


def test_a_related_list_on_a_project_page_is_not_its_narrative(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Document Security | IOM Development Fund</title></head><body>\n"
        "<h1>Document Security at Pacific Borders</h1>\n<dl>\n"
        "<dt>Project Type</dt><dd>Immigration and Border Management</dd>\n"
        "<dt>Budget Amount (USD)</dt><dd>300000.00</dd>\n<dt>Coverage</dt><dd>National</dd>\n"
        "<dt>Year</dt><dd>2023</dd>\n<dt>Prima ID</dt><dd>TO10P0301</dd>\n"
        "<dt>Benefiting Member States</dt><dd>Tonga</dd>\n</dl>\n"
        "<p>Forged documents are rarely detected at the smaller ports of entry.</p>\n"
        + RELATED_UL + "</body></html>\n")
    record = parse_text(tmp_path, html, name="page.html")
    assert record.narrative == "Forged documents are rarely detected at the smaller ports of entry."
    assert [state.iso3 for state in record.member_states] == ["TON"]
