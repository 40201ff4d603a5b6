"""`kg serve` in a real browser: headless Chromium opens the index, sees the charts drawn,
follows a project link and sees the project's results chain, and saves a screenshot; it reads
a chart label's language from its ``lang``, and what Chromium's accessibility tree exposes of
the charts (a group of named links, reached by Tab, where a chart's bars link, each chart
followed by its data table's summary).

Needs Debian's Chromium at /usr/bin/chromium (`make test` installs it through
scripts/ensure-chromium.sh) and the `playwright` package, which drives it without downloading
a browser of its own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_serve import build_seed_store, serve_process

from kg.serve.charts import Bar, bar_chart
from kg.serve.languages import LangString

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

CHART_TITLES = ("Budget by IDF region and funding year (USD)", "Projects by project type",
                "Member states by budget (USD, top 15)")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Chromium is not installed at /usr/bin/chromium (run scripts/ensure-chromium.sh)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    store = build_seed_store(folder / "kg-store")
    with serve_process(store, folder / "kg-serve.log") as url:
        yield url


@pytest.fixture(scope="module")
def page(site: str) -> Iterator[Page]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      java_script_enabled=False)
        yield context.new_page()
        context.close()
        browser.close()


def test_a_reader_follows_a_project_link_and_sees_charts_and_results_chain(
        site: str, page: Page, tmp_path: Path) -> None:
    blocked: list[str] = []
    page.on("request", lambda request: blocked.append(request.url)
            if not request.url.startswith((site, "data:")) else None)

    page.goto(site + "/")
    assert page.title().startswith("IOM knowledge graph")
    charts = page.locator("svg.chart")
    assert charts.count() == 3
    for index in range(3):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 200 and box["height"] > 50
        assert charts.nth(index).locator("rect").count() > 0
    page.screenshot(path=str(tmp_path / "index.png"), full_page=True)

    page.locator("#recent ~ table a[href^='/project/']").first.click()
    page.wait_for_url(f"{site}/project/**")
    assert page.locator("h1").inner_text().strip()
    chain = page.locator("#results-chain + ol.chain")
    assert chain.is_visible()
    steps = chain.locator("li .level")
    assert steps.count() >= 1
    assert {steps.nth(i).inner_text().split()[0].lower() for i in range(steps.count())} & {
        "objective", "outcome", "output"}
    shot = tmp_path / "project.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert blocked == [], f"the pages asked for resources elsewhere: {blocked}"


def test_a_reader_goes_from_member_state_to_project_to_output(site: str, page: Page) -> None:
    page.goto(site + "/member-state/VUT")
    page.locator("#projects + table a[href='/project/VU10P0543']").click()
    page.wait_for_url(f"{site}/project/VU10P0543")
    page.locator("ol.chain a[href='/project/VU10P0543/output/1.1']").click()
    page.wait_for_url(f"{site}/project/VU10P0543/output/1.1")
    assert "Part of" in page.locator(".breadcrumb").inner_text()


def test_the_browser_knows_the_language_of_a_chart_label(page: Page) -> None:
    chart = bar_chart([Bar(LangString("Lutte contre la traite", "fr"), 2),
                       Bar(LangString("Lucha contra la trata", "es"), 1),
                       Bar(LangString("Counter Trafficking Projects", "en"), 1)],
                      chart_id="types", title="Projects by type", description="Ranked")
    page.set_content(f'<!doctype html><html lang="en"><body>{chart}</body></html>')
    assert page.locator("svg text:lang(fr)").all_text_contents() == ["Lutte contre la traite"]
    assert page.locator("svg text:lang(es)").all_text_contents() == ["Lucha contra la trata"]
    assert "Counter Trafficking Projects" in page.locator("svg text:lang(en)").all_text_contents()


def accessibility_tree(page: Page) -> dict[str, Any]:
    """Chromium's own accessibility tree of the page (CDP ``Accessibility.getFullAXTree``),
    as nested {"role", "name", "description", "children"}; an ignored node is left out, its
    children going to its parent."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = {n["nodeId"]: n for n in session.send("Accessibility.getFullAXTree")["nodes"]}
    finally:
        session.detach()

    def exposed(node: dict[str, Any]) -> list[dict[str, Any]]:
        children = [c for i in node.get("childIds", []) for c in exposed(nodes[i])]
        if node.get("ignored"):
            return children
        return [{"role": node["role"]["value"], "name": node.get("name", {}).get("value", ""),
                 "description": node.get("description", {}).get("value", ""),
                 "children": children}]

    return exposed(next(n for n in nodes.values() if "parentId" not in n))[0]


def descendants(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every node under ``node``, depth first."""
    for child in node["children"]:
        yield child
        yield from descendants(child)


def test_screen_readers_and_keyboards_get_each_linked_chart_bar(site: str, page: Page) -> None:
    page.goto(site + "/")
    nodes = list(descendants(accessibility_tree(page)))
    charts = {title: next(n for n in nodes if n["name"].startswith(title))
              for title in CHART_TITLES}
    budget, types, states = (charts[title] for title in CHART_TITLES)
    assert (budget["role"], budget["name"]) == ("image", CHART_TITLES[0])  # no links: a picture
    for chart, title in ((types, CHART_TITLES[1]), (states, CHART_TITLES[2])):
        # a group named by its <title>, described by its <desc>, holding its links and nothing
        # else: the ticks, bars and printed labels are hidden, the links' names saying it all
        assert (chart["role"], chart["name"]) == ("group", title)
        assert chart["description"].startswith(("Number of", "Total budget"))
        assert [(n["role"], n["children"]) for n in chart["children"]] == [
            ("link", [])] * len(chart["children"])
    assert [n["name"] for n in types["children"]] == [
        "Protection and Assistance to Vulnerable Migrants: 3 projects",
        "Counter Trafficking Projects: 1 project"]
    assert "Fiji: 800,000 USD" in [n["name"] for n in states["children"]]
    link = page.get_by_role("link", name="Counter Trafficking Projects: 1 project")
    assert link.get_attribute("href") == "/vocab/project-type/counter-trafficking"

    in_charts = page.locator("svg.chart a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert len(in_charts) == len(types["children"]) + len(states["children"])
    focused: list[str] = []
    for _ in range(80):  # Tab through the charts: every chart link takes the focus, in order,
        page.keyboard.press("Tab")  # and after each chart its data table's summary
        where = page.evaluate("() => { const a = document.activeElement; return"
                              " !a.closest('.charts') ? null : a.closest('svg.chart') ?"
                              " a.getAttribute('href') : a.tagName.toLowerCase() }")
        if where is None and focused:
            break
        focused += [where] if where else []
    assert [f for f in focused if f != "summary"] == in_charts
    assert focused[0] == "summary" and focused[-1] == "summary"
    assert focused.count("summary") == len(CHART_TITLES)


def test_a_chart_data_table_opens_as_a_table_named_by_its_caption(site: str, page: Page) -> None:
    page.goto(site + "/")
    tables = page.locator(".charts details.chart-data")
    assert tables.count() == len(CHART_TITLES)
    assert not page.get_by_role("table", name=CHART_TITLES[2]).is_visible()  # closed at first
    page.get_by_role("group", name=CHART_TITLES[2]).locator(
        "xpath=ancestor::div[1]//summary").click()
    table = page.get_by_role("table", name=CHART_TITLES[2])
    assert table.is_visible()
    fiji = table.get_by_role("row", name="Fiji")
    assert fiji.get_by_role("rowheader").get_by_role("link").get_attribute("href") == (
        "/member-state/FJI")
    assert fiji.get_by_role("cell").inner_text() == "800,000"
    assert table.get_by_role("columnheader").all_inner_texts() == ["Member state", "Budget (USD)"]
