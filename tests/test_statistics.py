"""Budget statistics: the Data Cube a build computes, against sums over the pages' own triples."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_query_library import (
    BORDER,
    GUYANA,
    LATER_COPIES,
    NEWS,
    PACIFIC,
    project_fields,
    project_page,
)

from kg.build import build
from kg.mapping import map_records, statistics_graph
from kg.mapping.statistics import DATA_SETS
from kg.mapping.terms import canonical_decimal
from kg.parse import parse_paths
from kg.query import load_saved_query, run_query
from kg.store import open_store
from kg.store.journal import latest_change, wrote

PREFIXES = """
PREFIX iom: <https://kg.example.org/iom/ontology#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# A second counter-trafficking project in the Pacific in 2023: the cell counts two projects.
FIJI = project_page(
    "Safe Migration Desks for Fijian Job Seekers",
    project_fields("Counter Trafficking", "95000.50", "National", "2023", "2024", "Active",
                   "Asia and Oceania", "FJ10P0904", "Fiji"),
    "Job seekers answer offers posted online without knowing whether the agency is licensed.\n"
    "The project aims to help Fijian job seekers check offers before they leave (Objective).")
# No region and no member states: counted by project type, not by region and year.
NO_REGION = project_page(
    "Labour Migration Statistics Handbook",
    {"Project Type": "Labour Mobility and Human Development", "Budget Amount (USD)": "60000.00",
     "Year": "2022", "Prima ID": "LM10P0905"},
    "National statistics offices count labour migrants in different ways.\n"
    "The project aims to give them one handbook (Objective).")

# The pages' rows in the plainest SPARQL, counted and summed in Python: the reference the
# statistics must match, cell for cell (a fact stated by several pages counts once; a project
# whose pages give different budgets is counted, left out of the total and reported).
REFERENCE = {
    "budget-by-project-type": ("iom:refProjectType", "?project iom:projectType ?d0 ."),
    "budget-by-region-year": ("iom:refRegion iom:refYear",
                              "?project iom:idfRegion ?d0 ; iom:fundingYear ?d1 ."),
    "budget-by-type-region-year": (
        "iom:refProjectType iom:refRegion iom:refYear",
        "?project iom:projectType ?d0 ; iom:idfRegion ?d1 ; iom:fundingYear ?d2 ."),
    "budget-by-member-state": ("iom:refMemberState",
                               "?project iom:benefitingMemberState ?d0 ."),
}
INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")


def reference_cells(store: ox.Store, name: str) -> set[tuple]:
    """(dimension values…, currency, projects, total, conflicts) of every cell, from the
    pages' triples."""
    _, pattern = REFERENCE[name]
    width = pattern.count("?d")
    keys = " ".join(f"?d{i}" for i in range(width))
    query = PREFIXES + f"""
SELECT DISTINCT ?project {keys} ?amount ?currency WHERE {{
  ?project a iom:DevelopmentFundProject ; iom:budget ?budget . ?budget iom:amount ?amount .
  {pattern}
  OPTIONAL {{ ?budget iom:currency ?currency }}
}}"""
    rows = list(store.query(query, use_default_graph_as_union=True))
    budgets: dict[ox.Term, set[tuple]] = {}
    cells: dict[tuple, set[ox.Term]] = {}
    for row in rows:
        budgets.setdefault(row["project"], set()).add((row["amount"], row["currency"]))
        key = (*(row[f"d{i}"] for i in range(width)), row["currency"])
        cells.setdefault(key, set()).add(row["project"])
    found = set()
    for key, projects in cells.items():
        agreed = [next(iter(budgets[p])) for p in projects if len(budgets[p]) == 1]
        total = sum((Decimal(amount.value) for amount, _ in agreed), Decimal(0))
        conflicts = len(projects) - len(agreed)
        found.add((*key, ox.Literal(str(len(projects)), datatype=INTEGER),
                   ox.Literal(canonical_decimal(total), datatype=DECIMAL) if agreed else None,
                   ox.Literal(str(conflicts), datatype=INTEGER) if conflicts else None))
    return found


def stored_cells(store: ox.Store, name: str) -> set[tuple]:
    """The same tuples, read from the observations of data set ``name``."""
    dimensions, _ = REFERENCE[name]
    reads = " ".join(f"{d} ?d{i} ;" for i, d in enumerate(dimensions.split()))
    keys = " ".join(f"?d{i}" for i in range(len(dimensions.split())))
    query = PREFIXES + f"""
SELECT {keys} ?currency ?projects ?total ?conflicts WHERE {{
  ?cell qb:dataSet/qb:structure <https://kg.example.org/iom/vocab/statistics/{name}> ;
        {reads} iom:projectCount ?projects .
  OPTIONAL {{ ?cell iom:refCurrency ?currency }}
  OPTIONAL {{ ?cell iom:totalBudget ?total }}
  OPTIONAL {{ ?cell iom:conflictingBudgetCount ?conflicts }}
}}"""
    width = len(dimensions.split())
    return {tuple(row[i] for i in range(width + 4))
            for row in store.query(query, use_default_graph_as_union=True)}


def write_pages(folder: Path, pages: dict[str, str]) -> None:
    for name, text in pages.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five project pages and a news article; the Pacific page saved three times."""
    folder = tmp_path_factory.mktemp("statistics-pages")
    write_pages(folder, {"pacific": PACIFIC, "guyana": GUYANA, "border": BORDER, "fiji": FIJI,
                         "handbook": NO_REGION, "news": NEWS})
    for number, sentence in enumerate(LATER_COPIES, start=2):
        (folder / f"pacific-{number}.txt").write_text(PACIFIC + sentence + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store(pages: Path) -> ox.Store:
    built = ox.Store()
    build(built, [pages], jobs=1)
    return built


def test_statistics_graph_holds_every_data_set(store: ox.Store) -> None:
    graph = statistics_graph()
    sets = {q.subject.value for q in store.quads_for_pattern(
        None, ox.NamedNode("http://purl.org/linked-data/cube#structure"), None, graph)}
    assert sets == {f"https://kg.example.org/iom/statistics/{d.name}" for d in DATA_SETS}


@pytest.mark.parametrize("name", list(REFERENCE))
def test_each_cell_counts_and_sums_what_the_pages_say(store: ox.Store, name: str) -> None:
    expected = reference_cells(store, name)
    assert expected
    assert stored_cells(store, name) == expected


def test_a_project_stated_by_three_pages_counts_once_and_two_projects_share_a_cell(
        store: ox.Store) -> None:
    cells = stored_cells(store, "budget-by-type-region-year")
    pacific = [c for c in cells if c[1].value.endswith("/asia-oceania")
               and c[2].value == "2023"]
    assert [(c[4].value, c[5].value) for c in pacific] == [("2", "415000.5")]


def test_a_project_counts_for_each_member_state_it_benefits(store: ox.Store) -> None:
    cells = {c[0].value.rsplit("/", 1)[1]: int(c[2].value)
             for c in stored_cells(store, "budget-by-member-state")}
    assert cells == {"WSM": 1, "TON": 1, "FJI": 2, "KEN": 1, "UGA": 1, "GUY": 1}


def test_a_project_without_region_counts_by_type_only(store: ox.Store) -> None:
    by_type = {c[0].value.rsplit("/", 1)[1]: c[3].value
               for c in stored_cells(store, "budget-by-project-type")}
    assert by_type["labour-mobility"] == "60000"
    assert sum(int(c[3].value) for c in stored_cells(store, "budget-by-region-year")) == 4


def test_the_baseline_pipeline_gives_the_same_statistics(store: ox.Store, pages: Path) -> None:
    quads = map_records(parse_paths([pages]).records)
    graph = statistics_graph()
    mapped = {q for q in quads if q.graph_name == graph}
    assert mapped and mapped == set(store.quads_for_pattern(None, None, None, graph))


AGGREGATES = ["budget-by-project-type", "budget-by-region-year", "counter-trafficking-budget",
              "member-states-by-budget"]


@pytest.mark.parametrize("name", AGGREGATES)
def test_saved_aggregate_queries_answer_from_the_statistics(store: ox.Store, name: str) -> None:
    rows = run_query(store, load_saved_query(name), {}).rows
    assert rows
    without = ox.Store()
    without.bulk_extend(q for q in store if q.graph_name != statistics_graph())
    assert run_query(without, load_saved_query(name), {}).rows == []


def test_counter_trafficking_budget_sums_the_two_pacific_projects(store: ox.Store) -> None:
    result = run_query(store, load_saved_query("counter-trafficking-budget"), {})
    rows = {(r["idfRegion"].value, r["year"].value): (r["projects"].value, r["totalBudget"].value)
            for r in result.rows}
    assert rows == {("Africa", "2024"): ("1", "410000"),
                    ("Asia and Oceania", "2023"): ("2", "415000.5")}


def _built_pacific_and_fiji(tmp_path: Path) -> tuple[Path, ox.Store]:
    """A folder of the Pacific and Fiji pages, and an on-disk store built from it."""
    folder = tmp_path / "pages"
    folder.mkdir()
    write_pages(folder, {"pacific": PACIFIC, "fiji": FIJI})
    store = open_store(tmp_path / "store")
    build(store, [folder], jobs=1)
    return folder, store


def test_builds_recompute_the_statistics_only_when_pages_change(tmp_path: Path) -> None:
    folder, store = _built_pacific_and_fiji(tmp_path)
    assert _pacific_2023(store) == ("2", "415000.5")
    build(store, [folder], jobs=1)  # nothing changed: the statistics are not rewritten
    assert not wrote(store, latest_change(store), statistics_graph())
    # new narrative, same facts; a news article: the statistics stay as they are
    (folder / "fiji.txt").write_text(FIJI + "The desks open in March.\n", encoding="utf-8")
    (folder / "news.txt").write_text(NEWS, encoding="utf-8")
    summary = build(store, [folder], jobs=1)
    assert (summary.added, summary.replaced) == (1, 1)
    assert not wrote(store, latest_change(store), statistics_graph())
    (folder / "fiji.txt").write_text(FIJI.replace("95000.50", "105000.00"), encoding="utf-8")
    build(store, [folder], jobs=1)
    assert wrote(store, latest_change(store), statistics_graph())
    assert _pacific_2023(store) == ("2", "425000")
    (folder / "fiji.txt").unlink()
    build(store, [folder], prune=True, jobs=1)
    assert _pacific_2023(store) == ("1", "320000")


def _pacific_2023(store: ox.Store) -> tuple[str, str]:
    result = run_query(store, load_saved_query("counter-trafficking-budget"), {})
    [row] = [r for r in result.rows if r["year"].value == "2023"]
    return row["projects"].value, row["totalBudget"].value


# Two pages of one project (one Prima ID) that give it different budgets

FIJI_REVISED = FIJI.replace("95000.50", "105000.00")
GUYANA_REVISED = GUYANA.replace("180000.00", "200000.00")


@pytest.fixture(scope="module")
def conflicting(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The Fiji and Guyana projects each read from two pages that disagree on the budget."""
    folder = tmp_path_factory.mktemp("conflicting-pages")
    write_pages(folder, {"pacific": PACIFIC, "fiji": FIJI, "fiji-revised": FIJI_REVISED,
                         "guyana": GUYANA, "guyana-revised": GUYANA_REVISED, "border": BORDER})
    built = ox.Store()
    build(built, [folder], jobs=1)
    return built


@pytest.mark.parametrize("name", list(REFERENCE))
def test_each_cell_counts_projects_once_and_sums_only_agreed_budgets(
        conflicting: ox.Store, name: str) -> None:
    expected = reference_cells(conflicting, name)
    assert any(cell[-1] is not None for cell in expected)
    assert stored_cells(conflicting, name) == expected


def test_a_project_with_two_budgets_counts_once_and_is_left_out_of_the_total(
        conflicting: ox.Store) -> None:
    cells = {(c[1].value.rsplit("/", 1)[1], c[2].value): (c[4].value, c[5] and c[5].value,
                                                          c[6] and c[6].value)
             for c in stored_cells(conflicting, "budget-by-type-region-year")}
    assert cells == {
        ("asia-oceania", "2023"): ("2", "320000", "1"),  # Pacific summed, Fiji counted
        ("africa", "2024"): ("1", "410000", None),
        ("latin-america-caribbean", "2021"): ("1", None, "1"),  # Guyana alone: no total
    }
    result = run_query(conflicting, load_saved_query("counter-trafficking-budget"), {})
    assert {(r["idfRegion"].value, r["projects"].value, r["totalBudget"].value)
            for r in result.rows} == {("Asia and Oceania", "2", "320000"),
                                      ("Africa", "1", "410000")}


def test_budget_conflicts_come_and_go_with_the_pages(tmp_path: Path) -> None:
    folder, store = _built_pacific_and_fiji(tmp_path)
    assert _pacific_2023(store) == ("2", "415000.5")
    write_pages(folder, {"fiji-revised": FIJI_REVISED})
    build(store, [folder], jobs=1)
    assert wrote(store, latest_change(store), statistics_graph())
    assert _pacific_2023(store) == ("2", "320000")
    assert _conflicts(store) == {"1"}
    (folder / "fiji.txt").unlink()
    build(store, [folder], prune=True, jobs=1)
    assert _pacific_2023(store) == ("2", "425000")
    assert _conflicts(store) == set()


def _conflicts(store: ox.Store) -> set[str]:
    return {q.object.value for q in store.quads_for_pattern(
        None, ox.NamedNode("https://kg.example.org/iom/ontology#conflictingBudgetCount"), None,
        statistics_graph())}
