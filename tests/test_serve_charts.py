"""`kg serve`'s SVG charts (kg.serve.charts) as assistive technology gets them: a chart whose
bars link is a named group of named links, its drawing hidden; a chart without links is one
image. test_serve_browser.py checks what Chromium exposes of the index's charts. Each chart of
the index comes with its numbers as a table (in full, with the same links).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from html_tables import Table, html_tables
from starlette.testclient import TestClient

from kg.serve.charts import Bar, Series, bar_chart, bar_table, stacked_column_chart
from kg.serve.languages import LangString
from kg.serve.site import template_env

SVG = "{http://www.w3.org/2000/svg}"
HTML = {"accept": "text/html"}


def parsed(svg: str) -> tuple[ET.Element, dict[ET.Element, ET.Element]]:
    """The chart's <svg> element and each of its elements' parent."""
    root = ET.fromstring(svg)
    return root, {child: parent for parent in root.iter() for child in parent}


def hidden(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> bool:
    """True when ``element`` or an ancestor has aria-hidden="true"."""
    while element is not None:
        if element.get("aria-hidden") == "true":
            return True
        element = parents.get(element)
    return False


def charts_of(page: str) -> list[str]:
    """The inline <svg> charts of an HTML page."""
    return re.findall(r'<svg [^>]*class="chart".*?</svg>', page, flags=re.S)


def assert_named_by_title_and_desc(svg: ET.Element) -> None:
    """The chart's name is its <title> alone and its description its <desc>."""
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby") == title.get("id") == f"{svg.get('id')}-title"
    assert svg.get("aria-describedby") == desc.get("id") == f"{svg.get('id')}-desc"


def assert_group_of_named_links(svg: ET.Element, parents: dict[ET.Element, ET.Element]) -> None:
    """A chart with links: a group whose links are named by their <title> and exposed, whose
    drawing (ticks, bars, their printed text) is hidden."""
    assert svg.get("role") == "group"
    assert_named_by_title_and_desc(svg)
    links = list(svg.iter(f"{SVG}a"))
    assert links
    for link in links:
        assert not hidden(link, parents)
        assert link[0].tag == f"{SVG}title" and re.fullmatch(r".+: [\d,.]+( \w+)?", link[0].text)
    for drawn in (*svg.iter(f"{SVG}text"), *svg.iter(f"{SVG}rect"), *svg.iter(f"{SVG}line")):
        assert hidden(drawn, parents), ET.tostring(drawn)


def test_a_chart_with_links_is_a_group_of_named_links_its_drawing_hidden() -> None:
    svg, parents = parsed(str(bar_chart(
        [Bar("Fiji <&>", 800000, "/member-state/FJI"), Bar("Tonga", 400000)],
        chart_id="c", title="Budget", description="Ranked", unit="USD")))
    assert_group_of_named_links(svg, parents)
    link = next(svg.iter(f"{SVG}a"))
    assert (link.get("href"), link[0].text) == ("/member-state/FJI", "Fiji <&>: 800,000 USD")
    unlinked = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "bar"][1]
    assert unlinked[0].tag == f"{SVG}title" and unlinked[0].text == "Tonga: 400,000 USD"
    assert not hidden(unlinked, parents)


def test_a_chart_without_links_stays_one_image() -> None:
    bars = str(bar_chart([Bar("Health", 2), Bar("Border", 1)], chart_id="b", title="Types",
                         description="Ranked", unit="project", plural="projects"))
    columns = str(stacked_column_chart(["2020", "2021"], [Series("Africa", (1.0, 2.0))],
                                       chart_id="s", title="Budget", description="Stacked"))
    for svg in (bars, columns):
        root, _ = parsed(svg)
        assert root.get("role") == "img"
        assert_named_by_title_and_desc(root)
        assert not list(root.iter(f"{SVG}a"))


def test_the_index_charts_that_link_are_groups_of_named_links(client: TestClient) -> None:
    charts = {root.get("id"): (root, parents)
              for root, parents in map(parsed, charts_of(client.get("/", headers=HTML).text))}
    assert set(charts) == {"chart-budget-region-year", "chart-projects-by-type",
                           "chart-member-states-by-budget"}
    assert charts["chart-budget-region-year"][0].get("role") == "img"  # no links
    assert_named_by_title_and_desc(charts["chart-budget-region-year"][0])
    for chart in ("chart-projects-by-type", "chart-member-states-by-budget"):
        assert_group_of_named_links(*charts[chart])
    names = {link.get("href"): link[0].text
             for link in charts["chart-projects-by-type"][0].iter(f"{SVG}a")}
    assert names["/vocab/project-type/counter-trafficking"] == (
        "Counter Trafficking Projects: 1 project")


def charts_and_tables(page: str) -> dict[str, tuple[ET.Element, Table]]:
    """Each chart of an HTML page by id, with the data table that follows it."""
    found = re.findall(r'(<svg [^>]*class="chart".*?</svg>).*?'
                       r'(<details class="chart-data">.*?</details>)', page, flags=re.S)
    return {svg.get("id"): (svg, table) for svg, table in (
        (parsed(chart)[0], *html_tables(details)) for chart, details in found)}


def tooltips(svg: ET.Element) -> dict[str, tuple[str, list[str]]]:
    """What each bar of a chart says it counts ("Fiji", "2020, Africa"), its number as the
    tooltip writes it in full ("800,000"), and its link (none, or one href)."""
    found = {}
    for bar in svg.iter(f"{SVG}g"):
        if bar.get("class") != "bar":
            continue
        link = bar.find(f"{SVG}a")
        title = (link if link is not None else bar).find(f"{SVG}title").text
        label, value = title.rsplit(": ", 1)
        found[label] = (value.split(" ")[0], [link.get("href")] if link is not None else [])
    return found


def assert_headed(table: Table) -> None:
    """Column headers in the first row, a row header opening every other row, data after it."""
    assert [(c.tag, c.scope) for c in table.rows[0]] == [("th", "col")] * len(table.rows[0])
    for row in table.body():
        assert [(c.tag, c.scope) for c in row] == [("th", "row")] + [("td", "")] * (
            len(table.rows[0]) - 1)


def test_the_index_gives_each_chart_its_numbers_as_a_data_table(client: TestClient) -> None:
    charts = charts_and_tables(client.get("/", headers=HTML).text)
    assert set(charts) == {"chart-budget-region-year", "chart-projects-by-type",
                           "chart-member-states-by-budget"}
    for svg, table in charts.values():
        assert table.caption == svg.find(f"{SVG}title").text
        assert_headed(table)
    for chart in ("chart-projects-by-type", "chart-member-states-by-budget"):
        svg, table = charts[chart]
        # a row per bar, in the bars' order, its value in full and its link the bar's
        assert [(row[0].text, (row[1].text, row[0].hrefs)) for row in table.body()] == list(
            tooltips(svg).items())
    svg, table = charts["chart-budget-region-year"]
    regions = [cell.text for cell in table.rows[0][1:-1]]
    assert table.rows[0][-1].text == "Total" and regions
    cells = {f"{row[0].text}, {region}": cell.text
             for row in table.body() for region, cell in zip(regions, row[1:-1], strict=True)}
    drawn = {segment: value for segment, (value, _) in tooltips(svg).items()}
    # every segment the chart draws has its number in the table; the table's others are 0
    assert drawn == {segment: value for segment, value in cells.items() if value != "0"}
    assert "400,000" in drawn.values()
    for row in table.body():
        numbers = [int(cell.text.replace(",", "")) for cell in row[1:]]
        assert numbers[-1] == sum(numbers[:-1]) > 0


def test_a_data_table_marks_a_label_in_another_language() -> None:
    table = bar_table([Bar(LangString("Lutte contre la traite", "fr"), 2, "/vocab/x"),
                       Bar("Border management", 1234567)],
                      caption="Types", label_heading="Project type", value_heading="Projects")
    macros = template_env().get_template("_macros.html").module
    page = str(macros.chart_data(table))
    assert '<a href="/vocab/x" lang="fr">Lutte contre la traite</a>' in page
    assert '<td class="num">1,234,567</td>' in page
    (read,) = html_tables(page)
    assert read.caption == "Types"
    assert [[c.text for c in row] for row in read.rows] == [
        ["Project type", "Projects"], ["Lutte contre la traite", "2"],
        ["Border management", "1,234,567"]]
