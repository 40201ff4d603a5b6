"""`kg serve`'s SVG charts (kg.serve.charts) as assistive technology gets them: a chart whose
bars link is a named group of named links, its drawing hidden; a chart without links is one
image. test_serve_browser.py checks what Chromium exposes of the index's charts.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from starlette.testclient import TestClient

from kg.serve.charts import Bar, Series, bar_chart, stacked_column_chart

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
