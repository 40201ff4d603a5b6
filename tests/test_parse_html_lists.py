"""HTML lists read like the lists of a text page: each item opens with a bullet or its number,
so outcomes and outputs listed in ``<ul>``/``<ol>`` are read, while field lists, member states
in a list and link lists keep reading as they did."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from page_helpers import iso3s, parse_text

from kg.parse.html_text import html_lines
from kg.parse.lines import page_lines
from kg.parse.news import parse_news_article
from kg.records import Budget, ProjectMention, ProjectPage
from kg.sources import read_source

_FIELDS = """\
<table>
<tr><th>Project Type</th><td>Labour Mobility and Human Development</td></tr>
<tr><th>Budget Amount (USD)</th><td>250,000.00</td></tr>
<tr><th>Coverage</th><td>National</td></tr>
<tr><th>Year</th><td>2023</td></tr>
<tr><th>Status</th><td>Active</td></tr>
<tr><th>IDF Region</th><td>Asia and the Pacific</td></tr>
<tr><th>Prima ID</th><td>FJ10P0212</td></tr>
<tr><th>Benefiting Member States</th><td>Fiji</td></tr>
</table>
"""


def project_page(narrative: str, fields: str = _FIELDS) -> str:
    """A Fiji project page with its fields in a table and ``narrative`` under them."""
    return ("<html><head><title>Seasonal Work Pathways | IOM Development Fund</title></head>"
            "<body>\n<h1>Seasonal Work Pathways for Rural Fiji</h1>\n"
            f"{fields}<h2>Narrative</h2>\n{narrative}</body></html>\n")


def texts(html: str) -> list[str]:
    return [line.text for line in html_lines(html)]


def results(record: ProjectPage) -> list[tuple[str, str | None, list[tuple[str, str]]]]:
    return [(outcome.label, outcome.text,
             [(output.label, output.text) for output in outcome.outputs])
            for outcome in record.outcomes]


# --- what html_lines writes -----------------------------------------------------------------


def test_unordered_list_items_open_with_a_bullet() -> None:
    assert texts("<ul><li>Suva</li><li> Lautoka </li></ul>") == ["- Suva", "- Lautoka"]


def test_ordered_list_items_are_numbered_from_the_start_attribute_and_li_values() -> None:
    html = ('<ol start="4"><li>four</li><li>five</li><li value="9">nine</li><li>ten</li></ol>'
            "<ol><li>one</li><li>two</li></ol>")
    assert texts(html) == ["4. four", "5. five", "9. nine", "10. ten", "1. one", "2. two"]


def test_nested_lists_count_on_their_own_and_are_indented_by_depth() -> None:
    html = ("<ol><li>Train officers<ol><li>Design the course<ul><li>with the academy</li></ul>"
            "</li><li>Run it</li></ol></li>"
            "<li>Equip posts<ul><li>Scanners</li><li>1.2 Radios</li></ul></li><li>Review</li></ol>")
    assert texts(html) == ["1. Train officers", "  1. Design the course", "    - with the academy",
                           "  2. Run it", "2. Equip posts", "  - Scanners", "  1.2 Radios",
                           "3. Review"]


def test_nested_labels_countries_and_results_headings_are_not_indented() -> None:
    html = ("<ul><li>Fields<ul><li><strong>Budget</strong> 200,000</li><li>Fiji</li>"
            "<li>Output 1.1: Desks open</li></ul></li></ul>")
    assert texts(html) == ["- Fields", "Budget", "200,000", "Fiji", "Output 1.1: Desks open"]


def test_a_list_under_an_unmarked_item_is_not_indented() -> None:
    html = ("<ul><li>Prima ID<ul><li>FJ10P0212</li></ul></li><li><ol><li>Suva</li></ol></li>"
            "<li>Budget<ol><li>USD 250,000</li></ol></li></ul>")
    assert texts(html) == ["Prima ID", "- FJ10P0212", "1. Suva", "Budget", "1. USD 250,000"]


def test_list_item_without_a_list_opens_with_a_bullet() -> None:
    assert texts("<div><li>Nadi</li></div>") == ["- Nadi"]


def test_only_the_first_line_of_a_list_item_is_marked() -> None:
    html = ("<ol><li>Officers trained<br>in three provinces<p>with a manual</p></li>"
            "<li><p>Posts equipped</p></li></ol>")
    assert texts(html) == ["1. Officers trained", "in three provinces", "with a manual",
                           "2. Posts equipped"]


@pytest.mark.parametrize("item", [
    "- Officers trained", "• Officers trained", "* Officers trained", "1. Officers trained",
    "(a) Officers trained", "b) Officers trained", "iv. Officers trained",
    "1.2: Officers trained", "2.1 Officers trained", "Output 1: Officers trained",
    "Outcome 2 – Officers trained", "Produit 1.1 : Agents formés", "Efecto 1: Agentes formados",
    "Resultado 2. Agentes formados", "Expected outputs",
])
def test_list_item_that_opens_with_its_own_marker_is_not_marked_again(item: str) -> None:
    assert texts(f"<ol><li>{item}</li></ol><ul><li>{item}</li></ul>") == [item, item]


def test_list_item_opening_with_a_letter_or_results_word_in_a_sentence_is_marked() -> None:
    html = "<ol><li>A referral directory is published</li><li>Results are shared</li></ol>"
    assert texts(html) == ["1. A referral directory is published", "2. Results are shared"]


def test_label_markup_in_a_list_item_stays_an_unmarked_label_line() -> None:
    html = ("<ul><li><strong>Budget</strong> 200,000</li><li><b>Year:</b> 2023</li>"
            '<li><span class="label">Coverage</span> National</li><li>Budget: 200,000</li>'
            "</ul>")
    assert texts(html) == ["Budget", "200,000", "Year:", "2023", "Coverage", "National",
                           "- Budget: 200,000"]


def test_bold_first_words_of_a_sentence_stay_in_their_list_item_or_cell() -> None:
    html = ("<ul><li><strong>Returnees</strong> have access to counselling in Suva</li>"
            "<li><b>Labour officers</b> are trained, <em>twice</em></li>"
            "<li><strong>Women</strong> (aged 18 to 35) find seasonal work</li></ul>"
            "<table><tr><td><b>Employers</b> sign a code of conduct</td></tr></table>")
    assert texts(html) == ["- Returnees have access to counselling in Suva",
                           "- Labour officers are trained, twice",
                           "- Women (aged 18 to 35) find seasonal work",
                           "Employers sign a code of conduct"]


def test_bold_label_before_a_colon_or_a_value_still_ends_its_line() -> None:
    html = ("<ul><li><strong>Budget</strong>: USD 250,000</li>"
            "<li><strong>Coverage</strong><span>: National</span></li>"
            "<li><strong>Implementing Partner</strong> Ministry of Employment</li>"
            "<li><strong>Donor</strong></li><li><strong>Output 1.1</strong> desks open</li></ul>")
    assert texts(html) == ["Budget", "USD 250,000", "Coverage", "National",
                           "Implementing Partner", "Ministry of Employment", "Donor",
                           "Output 1.1", "desks open"]


def test_a_field_label_alone_or_countries_alone_in_a_list_item_are_not_marked() -> None:
    html = ("<ul><li>Benefiting Member States<ol><li>Fiji</li><li>Cook Islands, Niue</li>"
            "</ol></li><li>Fiji Water exports</li></ul>")
    assert texts(html) == ["Benefiting Member States", "Fiji", "Cook Islands, Niue",
                           "- Fiji Water exports"]


# --- what the parser reads from them -------------------------------------------------------


def test_html_bulleted_outcomes_and_numbered_outputs_are_read(tmp_path: Path) -> None:
    record = parse_text(tmp_path, project_page(
        "<p>Objective: To open safe seasonal work pathways for rural workers in Fiji.</p>\n"
        "<p>Expected outcomes</p>\n<ul>\n"
        "<li>Rural workers know how to apply for seasonal work abroad.</li>\n"
        "<li>Recruiters follow a code of conduct agreed with the ministry.</li>\n</ul>\n"
        "<p>Outputs</p>\n<ol>\n<li>Information desks open in four districts.</li>\n"
        "<li>A code of conduct for recruiters is drafted.</li>\n</ol>\n"), name="page.html")
    assert results(record) == [
        ("1", "Rural workers know how to apply for seasonal work abroad", []),
        ("2", "Recruiters follow a code of conduct agreed with the ministry", []),
    ]
    assert [(output.label, output.text) for output in record.outputs] == [
        ("1", "Information desks open in four districts"),
        ("2", "A code of conduct for recruiters is drafted"),
    ]
    assert record.objective == "To open safe seasonal work pathways for rural workers in Fiji"
    assert record.issues == []


def test_html_numbered_outputs_keep_the_numbers_of_their_start(tmp_path: Path) -> None:
    record = parse_text(tmp_path, project_page(
        "<h3>Outputs</h3>\n<ol start=\"3\">\n<li>Pre-departure briefings are held.</li>\n"
        "<li>Returnees are surveyed on their earnings.</li>\n</ol>\n"), name="page.html")
    assert [(output.label, output.text) for output in record.outputs] == [
        ("3", "Pre-departure briefings are held"),
        ("4", "Returnees are surveyed on their earnings"),
    ]


def test_html_bullets_nested_in_a_numbered_output_are_part_of_it(tmp_path: Path) -> None:
    record = parse_text(tmp_path, project_page(
        "<p>Outputs</p>\n<ol>\n<li>Labour officers are trained to vet overseas employers\n"
        "<ul><li>two workshops in Suva</li><li>a refresher course online</li></ul></li>\n"
        "<li>A pre-departure handbook is printed in Fijian and Hindi.</li>\n</ol>\n"),
        name="page.html")
    assert [(output.label, output.text) for output in record.outputs] == [
        ("1", "Labour officers are trained to vet overseas employers: two workshops in Suva; "
              "a refresher course online"),
        ("2", "A pre-departure handbook is printed in Fijian and Hindi"),
    ]
    assert record.issues == []


def test_html_numbered_list_nested_in_a_bulleted_outcome_is_part_of_it(tmp_path: Path) -> None:
    record = parse_text(tmp_path, project_page(
        "<h3>Expected outcomes</h3>\n<ul>\n"
        "<li>Rural workers apply for seasonal work through licensed channels only\n"
        "<ol><li>district information days</li><li>a free telephone hotline</li></ol></li>\n"
        "<li>Returning workers invest their savings in local businesses.</li>\n</ul>\n"),
        name="page.html")
    assert results(record) == [
        ("1", "Rural workers apply for seasonal work through licensed channels only: district "
              "information days; a free telephone hotline", []),
        ("2", "Returning workers invest their savings in local businesses", []),
    ]
    assert record.issues == []


def test_html_numbered_list_nested_in_a_numbered_output_is_part_of_it(tmp_path: Path) -> None:
    record = parse_text(tmp_path, project_page(
        "<h3>Outputs</h3>\n<ol>\n<li>Labour officers are trained to vet overseas employers\n"
        "<ol><li>two workshops in Suva</li><li>a refresher course online</li></ol></li>\n"
        "<li>A pre-departure handbook is printed in Fijian and Hindi.</li>\n</ol>\n"),
        name="page.html")
    assert [(output.label, output.text) for output in record.outputs] == [
        ("1", "Labour officers are trained to vet overseas employers: two workshops in Suva; "
              "a refresher course online"),
        ("2", "A pre-departure handbook is printed in Fijian and Hindi"),
    ]
    assert record.issues == []


def test_html_bullets_nested_in_a_bulleted_outcome_are_part_of_it(tmp_path: Path) -> None:
    record = parse_text(tmp_path, project_page(
        "<p>Expected outcomes</p>\n<ul>\n"
        "<li>Rural workers apply for seasonal work through licensed channels only\n"
        "<ul><li>district information days<ul><li>in Ba and Nadroga</li></ul></li>"
        "<li>a free telephone hotline</li></ul></li>\n"
        "<li>Returning workers invest their savings in local businesses.</li>\n</ul>\n"),
        name="page.html")
    assert results(record) == [
        ("1", "Rural workers apply for seasonal work through licensed channels only: district "
              "information days; in Ba and Nadroga; a free telephone hotline", []),
        ("2", "Returning workers invest their savings in local businesses", []),
    ]
    assert record.outputs == [] and record.issues == []


def test_html_dotted_outputs_nested_in_a_numbered_outcome_are_still_its_outputs(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, project_page(
        "<h3>Expected results</h3>\n<ol>\n"
        "<li>Rural workers choose safe seasonal work\n<ol>"
        "<li>1.1 Information desks open in four districts</li>"
        "<li>1.2 Recruiters sign a code of conduct<ol><li>drafted with the ministry</li></ol>"
        "</li></ol></li>\n"
        "<li>Returning workers invest their savings\n<ol>"
        "<li>2.1 Savings groups meet in each village</li></ol></li>\n</ol>\n"),
        name="page.html")
    assert results(record) == [
        ("1", "Rural workers choose safe seasonal work", [
            ("1.1", "Information desks open in four districts"),
            ("1.2", "Recruiters sign a code of conduct: drafted with the ministry")]),
        ("2", "Returning workers invest their savings", [
            ("2.1", "Savings groups meet in each village")]),
    ]
    assert record.outputs == [] and record.issues == []


def test_html_outcomes_opening_with_bold_words_are_read_whole(tmp_path: Path) -> None:
    record = parse_text(tmp_path, project_page(
        "<h3>Expected outcomes</h3>\n<ul>\n"
        "<li><strong>Returnees</strong> have access to reintegration counselling in their "
        "districts.</li>\n"
        "<li><strong>Recruitment agencies</strong> follow a code of conduct agreed with the "
        "ministry.</li>\n</ul>\n"), name="page.html")
    assert results(record) == [
        ("1", "Returnees have access to reintegration counselling in their districts", []),
        ("2", "Recruitment agencies follow a code of conduct agreed with the ministry", []),
    ]
    assert record.issues == []


def test_html_list_of_results_headings_is_not_numbered_twice(tmp_path: Path) -> None:
    record = parse_text(tmp_path, project_page(
        "<ol>\n<li>Outcome 1: Rural workers know how to apply for seasonal work abroad.</li>\n"
        "<li>Output 1.1: Information desks open in four districts.</li>\n</ol>\n"),
        name="page.html")
    assert results(record) == [
        ("1", "Rural workers know how to apply for seasonal work abroad",
         [("1.1", "Information desks open in four districts")]),
    ]


def test_html_field_list_items_are_still_read_as_fields(tmp_path: Path) -> None:
    fields = ("<ul>\n<li><strong>Project Type</strong> Labour Mobility and Human Development</li>"
              "\n<li>Budget: USD 250,000</li>\n<li><b>Coverage:</b> National</li>\n"
              "<li>Year: 2023</li>\n<li><span class=\"label\">Prima ID</span> FJ10P0212</li>\n"
              "<li>Benefiting Member States: Fiji</li>\n</ul>\n")
    record = parse_text(tmp_path, project_page(
        "<p>Few rural workers hear of seasonal work schemes in time to apply.</p>\n", fields),
        name="page.html")
    assert record.project_type == "Labour Mobility and Human Development"
    assert record.budget == Budget(Decimal("250000"), "USD")
    assert (record.coverage, record.year, record.prima_id) == ("National", 2023, "FJ10P0212")
    assert iso3s(record) == ["FJI"]
    assert record.narrative == ("Narrative\n"
                                "Few rural workers hear of seasonal work schemes in time to apply.")
    assert record.issues == []


def test_html_field_values_listed_under_their_label_item_are_read(tmp_path: Path) -> None:
    fields = "".join(f"<li>{label}<ul><li>{value}</li></ul></li>\n" for label, value in [
        ("Project Type", "Labour Mobility and Human Development"), ("Budget", "USD 250,000"),
        ("Status", "Active"), ("Prima ID", "FJ10P0212"), ("Benefiting Member States", "Fiji")])
    record = parse_text(tmp_path, project_page(
        "<p>Few rural workers hear of seasonal work schemes in time to apply.</p>\n",
        f"<ul>\n{fields}</ul>\n"), name="page.html")
    assert record.project_type == "Labour Mobility and Human Development"
    assert record.budget == Budget(Decimal("250000"), "USD")
    assert (record.status, record.prima_id) == ("Active", "FJ10P0212")
    assert iso3s(record) == ["FJI"]
    assert record.issues == []


@pytest.mark.parametrize("states", [
    "<dt>Benefiting Member States</dt><dd><ul><li>Fiji</li><li>Tonga</li><li>Samoa</li></ul></dd>",
    "<dt>Benefiting Member States</dt><dd><ol><li>Fiji</li><li>Tonga</li><li>Samoa</li></ol></dd>",
    "<dt><ul><li>Benefiting Member States<ul><li>Fiji</li><li>Tonga</li><li>Samoa</li></ul>"
    "</li></ul></dt>",
], ids=["dd-ul", "dd-ol", "li-label-nested-ul"])
def test_html_member_states_in_a_list_are_all_read(tmp_path: Path, states: str) -> None:
    fields = ("<dl>\n<dt>Project Type</dt><dd>Labour Mobility and Human Development</dd>\n"
              "<dt>Coverage</dt><dd>Regional</dd>\n<dt>Prima ID</dt><dd>FJ10P0212</dd>\n"
              f"{states}\n</dl>\n")
    record = parse_text(tmp_path, project_page(
        "<p>Few rural workers hear of seasonal work schemes in time to apply.</p>\n", fields),
        name="page.html")
    assert iso3s(record) == ["FJI", "TON", "WSM"]
    assert record.narrative == ("Narrative\n"
                                "Few rural workers hear of seasonal work schemes in time to apply.")
    assert record.issues == []


def test_html_menu_list_outside_nav_is_not_taken_for_the_title(tmp_path: Path) -> None:
    page = project_page("<p>Few rural workers hear of seasonal work schemes in time.</p>\n")
    page = page.replace("<h1>Seasonal Work Pathways for Rural Fiji</h1>\n",
                        '<ul class="menu"><li><a href="/">Home</a></li><li><a href="/who">Who we '
                        "are</a></li><li><a href=\"/projects\">Projects</a></li></ul>\n"
                        "<h2>Seasonal Work Pathways for Rural Fiji</h2>\n")
    record = parse_text(tmp_path, page, name="page.html")
    assert record.title == "Seasonal Work Pathways for Rural Fiji"
    assert record.prima_id == "FJ10P0212"


_NEWS = """\
<!DOCTYPE html>
<html lang="en"><head><title>News | IOM Samoa</title></head>
<body>
<ul class="site-menu"><li><a href="/who-we-are">Who We Are</a></li>
<li><a href="/our-work">Our Work</a></li><li><a href="/news">News</a></li></ul>
<main>
<h1>Samoan Seasonal Workers Receive Pre-Departure Briefings</h1>
<p>Apia, 9 May 2024 &ndash; Forty seasonal workers from Samoa bound for farms in Australia
attended a two-day briefing on their rights, pay slips and health insurance, organised by IOM
with the Ministry of Commerce, Industry and Labour.</p>
<p>The briefings belong to the project &ldquo;Fair Seasonal Work in the Pacific&rdquo;
(2023-2025), funded by the Government of Australia.</p>
<h2>Related news</h2>
<ul class="related">
<li><a href="/news/1">Tongan workers return with new skills</a></li>
<li><a href="/news/2">Labour mobility ministers meet in Nadi</a></li>
<li><a href="/news/3">New guide for employers of Pacific workers</a></li>
</ul>
</main>
</body></html>
"""


def test_html_news_article_with_a_menu_and_related_links_in_lists_is_read(
        tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text(_NEWS, encoding="utf-8")
    page = read_source(path)
    article = parse_news_article(page, page_lines(page))
    assert article.title == "Samoan Seasonal Workers Receive Pre-Departure Briefings"
    assert (article.published, article.place) == ("2024-05-09", "Apia")
    assert [country.iso3 for country in article.countries] == ["WSM", "AUS"]
    assert article.projects == [ProjectMention("Fair Seasonal Work in the Pacific", None,
                                               2023, 2025)]
    assert article.body is not None and article.body.startswith("Forty seasonal workers")
