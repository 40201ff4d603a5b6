"""The saved queries in queries/: each is well-formed, and each answers right on the seed pages.

The seed pages (four Development Fund project pages and one news article; conftest's
``seeds_dir``) are parsed with kg.parse and mapped with kg.mapping into an in-memory store,
ontology graph included.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.errors import UsageError
from kg.query import (
    QueryResult,
    SavedQuery,
    bind_parameters,
    format_results,
    list_saved_queries,
    load_saved_query,
    run_query,
    with_values_block,
)
from kg.query.results import python_value
from kg.query.saved import PARAM_TYPES

SEED_FILES = (
    "000_cebd6cafa097de25.txt",  # VU10P0543, national, Vanuatu
    "001_3d35783f8ae43f29.txt",  # FJ10P0514, regional, Fiji Tonga Vanuatu
    "002_8a2b91214e381d06.txt",  # FJ10P0532, regional, Fiji Vanuatu
    "003_a5bc3b38f83e9522.txt",  # GY10P0001, national, Saint Lucia, counter trafficking
    "004_34cabcb3ec87c021.txt",  # news: the TMSV project in Viet Nam
)
ALL_QUERIES = list_saved_queries()
REQUIRED_VALUES = {"results-chain": {"project": "VU10P0543"},
                   # on the seeds, training is for victims of trafficking, not law enforcement
                   "outputs-by-topic": {"targetGroup": "trafficking-victims"}}
VOC = "https://kg.example.org/iom/vocab/"
ASIA, LATAM = "Asia and Oceania", "Latin America and the Caribbean"


@pytest.fixture(scope="module")
def quads(seeds_dir: Path) -> list[ox.Quad]:
    """The seed pages parsed, mapped, and the ontology graph beside them."""
    from kg.mapping import map_records, mint_graph_iri, ontology_quads
    from kg.parse import parse_paths

    records = parse_paths([seeds_dir / name for name in SEED_FILES]).records
    return map_records(records) + ontology_quads(mint_graph_iri("ontology"))


@pytest.fixture(scope="module")
def seeds(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.extend(quads)
    return store


def answer(store: ox.Store, name: str, *columns: str, **values: str) -> list[Any]:
    """Rows of the saved query ``name`` as tuples of the given columns (plain Python values)."""
    rows = run_query(store, load_saved_query(name), values).to_python()
    if len(columns) == 1:
        return [row[columns[0]] for row in rows]
    return [tuple(row[column] for column in columns) for row in rows]


# -- every query is well-formed -------------------------------------------------------------

def test_there_are_at_least_twelve_saved_queries() -> None:
    assert len(ALL_QUERIES) >= 12


@pytest.mark.parametrize("query", ALL_QUERIES, ids=lambda q: q.name)
def test_query_header_has_summary_example_and_typed_params(query: SavedQuery) -> None:
    assert query.summary and query.example.startswith(f"kg query run {query.name}")
    assert query.text.startswith("#+ summary:")
    sparql = "\n".join(line for line in query.text.splitlines() if not line.startswith("#+"))
    select_clause, where = sparql.split("WHERE", 1)
    for param in query.params:
        assert param.type in PARAM_TYPES
        assert param.description
        assert re.search(rf"\?{param.name}\b", select_clause), f"?{param.name} not selected"
        assert re.search(rf"\?{param.name}\b", where), f"?{param.name} not used"


@pytest.mark.parametrize("query", ALL_QUERIES, ids=lambda q: q.name)
def test_query_parses_with_rdflib_too(query: SavedQuery) -> None:
    from rdflib.plugins.sparql import prepareQuery

    prepareQuery(query.text)


@pytest.mark.parametrize("query", ALL_QUERIES, ids=lambda q: q.name)
def test_query_orders_its_results(query: SavedQuery) -> None:
    assert re.search(r"^ORDER BY ", query.text, re.MULTILINE)


@pytest.mark.parametrize("query", ALL_QUERIES, ids=lambda q: q.name)
def test_query_has_an_answer_test_on_the_seeds(query: SavedQuery) -> None:
    assert f'answer(seeds, "{query.name}"' in Path(__file__).read_text(encoding="utf-8")


@pytest.mark.parametrize("query", ALL_QUERIES, ids=lambda q: q.name)
def test_query_result_order_does_not_depend_on_load_order(query: SavedQuery, seeds: ox.Store,
                                                          quads: list[ox.Quad]) -> None:
    reversed_store = ox.Store()
    reversed_store.extend(list(reversed(quads)))
    values = REQUIRED_VALUES.get(query.name, {})
    first = format_results(run_query(seeds, query, values), "json")
    assert first == format_results(run_query(reversed_store, query, values), "json")


@pytest.mark.parametrize("query", ALL_QUERIES, ids=lambda q: q.name)
def test_values_block_answers_like_substitution(query: SavedQuery, seeds: ox.Store) -> None:
    """What a remote endpoint receives (a VALUES block) means what the local store runs."""
    bindings = bind_parameters(query, REQUIRED_VALUES.get(query.name, {}))
    text = with_values_block(query.text, bindings)
    remote_style = QueryResult.from_solutions(seeds.query(text, use_default_graph_as_union=True))
    assert remote_style == run_query(seeds, query, REQUIRED_VALUES.get(query.name, {}))


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_term(term: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    """An rdflib result term as the pyoxigraph term it stands for."""
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD_STRING)))


@pytest.fixture(scope="module")
def seeds_in_rdflib(quads: list[ox.Quad]) -> Any:
    """The same quads in rdflib's Dataset, whose default graph is the union of the graphs."""
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode(),
                  format="nquads")
    return dataset


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated")
@pytest.mark.parametrize("query", ALL_QUERIES, ids=lambda q: q.name)
def test_query_answers_the_same_on_rdflibs_sparql_engine(query: SavedQuery, seeds: ox.Store,
                                                         seeds_in_rdflib: Any) -> None:
    """A second SPARQL 1.1 engine gives the same rows: the texts use nothing Oxigraph-only."""
    values = REQUIRED_VALUES.get(query.name, {})
    text = with_values_block(query.text, bind_parameters(query, values))
    result = seeds_in_rdflib.query(text)
    theirs = [tuple(python_value(_rdflib_term(row[v])) for v in result.vars) for row in result]
    ours = run_query(seeds, query, values)
    assert [str(v) for v in result.vars] == ours.variables
    assert theirs == [tuple(python_value(row.get(v)) for v in ours.variables)
                      for row in ours.rows]
    assert ours.rows, "an empty answer proves nothing"


# -- answers on the seed pages --------------------------------------------------------------

def test_projects_lists_the_four_development_fund_projects(seeds: ox.Store) -> None:
    rows = answer(seeds, "projects", "primaId", "projectType", "idfRegion", "coverage", "status",
                  "fundingYear", "startYear", "endYear", "budget", "currency")
    protection = "Protection and Assistance to Vulnerable Migrants"
    assert rows == [
        ("FJ10P0514", protection, ASIA, "Regional", "Active", 2020, 2021, 2024,
         Decimal(400000), "USD"),
        ("FJ10P0532", protection, ASIA, "Regional", "Active", 2023, 2024, 2025,
         Decimal(400000), "USD"),
        ("GY10P0001", "Counter Trafficking Projects", LATAM, "National", "Completed", 2016, 2016,
         2019, Decimal(105000), "USD"),
        ("VU10P0543", protection, ASIA, "National", None, 2024, None, None, Decimal(300000),
         "USD"),
    ]


def test_budget_by_region_year_sums_budgets_per_region_and_funding_year(seeds: ox.Store) -> None:
    rows = answer(seeds, "budget-by-region-year", "idfRegion", "year", "projects", "totalBudget",
                  "currency")
    assert rows == [(ASIA, 2020, 1, Decimal(400000), "USD"),
                    (ASIA, 2023, 1, Decimal(400000), "USD"),
                    (ASIA, 2024, 1, Decimal(300000), "USD"),
                    (LATAM, 2016, 1, Decimal(105000), "USD")]


def test_budget_by_project_type_counts_and_sums_per_type(seeds: ox.Store) -> None:
    rows = answer(seeds, "budget-by-project-type", "projectType", "projects", "totalBudget")
    assert rows == [("Counter Trafficking Projects", 1, Decimal(105000)),
                    ("Protection and Assistance to Vulnerable Migrants", 3, Decimal(1100000))]


def test_counter_trafficking_budget_keeps_only_counter_trafficking_projects(
        seeds: ox.Store) -> None:
    rows = answer(seeds, "counter-trafficking-budget", "idfRegion", "year", "totalBudget")
    assert rows == [(LATAM, 2016, Decimal(105000))]


def test_projects_by_member_state_defaults_to_vanuatu(seeds: ox.Store) -> None:
    assert answer(seeds, "projects-by-member-state", "primaId") == [
        "FJ10P0514", "FJ10P0532", "VU10P0543"]


@pytest.mark.parametrize(("country", "iso3", "expected"), [
    ("FJI", "FJI", ["FJ10P0514", "FJ10P0532"]),
    ("fiji", "FJI", ["FJ10P0514", "FJ10P0532"]),
    ("FJ", "FJI", ["FJ10P0514", "FJ10P0532"]),
    ("Fidji", "FJI", ["FJ10P0514", "FJ10P0532"]),  # French
    ("ton", "TON", ["FJ10P0514"]),
    ("saint lucia", "LCA", ["GY10P0001"]),
    ("Santa Lucía", "LCA", ["GY10P0001"]),  # Spanish
    ("Viet Nam", "VNM", []),  # named by the news article only, benefits from no project
])
def test_projects_by_member_state_matches_code_or_name(seeds: ox.Store, country: str,
                                                       iso3: str, expected: list[str]) -> None:
    rows = answer(seeds, "projects-by-member-state", "country", "primaId", country=country)
    assert rows == [(iso3, prima_id) for prima_id in expected]


def test_projects_by_member_state_refuses_an_unknown_country(seeds: ox.Store) -> None:
    with pytest.raises(UsageError, match="'Atlantis' is not a country name or ISO 3166 code"):
        answer(seeds, "projects-by-member-state", "primaId", country="Atlantis")


@pytest.mark.parametrize(("year", "expected"), [
    ("2024", ["FJ10P0514", "FJ10P0532", "VU10P0543"]),  # VU10P0543 by its funding year
    ("2023", ["FJ10P0514"]),  # FJ10P0532 was funded in 2023 but starts in 2024
    ("2017", ["GY10P0001"]),
    ("2026", []),
])
def test_projects_active_in_year_uses_start_and_end_else_funding_year(
        seeds: ox.Store, year: str, expected: list[str]) -> None:
    assert answer(seeds, "projects-active-in-year", "primaId", year=year) == expected


def test_regional_projects_list_their_states_alphabetically(seeds: ox.Store) -> None:
    rows = answer(seeds, "regional-projects", "primaId", "stateCount", "memberStates")
    assert rows == [("FJ10P0514", 3, "Fiji, Tonga, Vanuatu"), ("FJ10P0532", 2, "Fiji, Vanuatu")]


def test_member_states_by_budget_ranks_by_total_budget(seeds: ox.Store) -> None:
    rows = answer(seeds, "member-states-by-budget", "iso3", "memberState", "projects",
                  "totalBudget", "currency")
    assert rows == [("VUT", "Vanuatu", 3, Decimal(1100000), "USD"),
                    ("FJI", "Fiji", 2, Decimal(800000), "USD"),
                    ("TON", "Tonga", 1, Decimal(400000), "USD"),
                    ("LCA", "Saint Lucia", 1, Decimal(105000), "USD")]


def test_member_states_carry_codes_and_wikidata_items(seeds: ox.Store) -> None:
    rows = answer(seeds, "member-states", "iso3", "name", "iso2", "m49", "wikidata")
    wd = "http://www.wikidata.org/entity/"
    assert ("VUT", "Vanuatu", "VU", "548", wd + "Q686") in rows
    assert ("LCA", "Saint Lucia", "LC", "662", wd + "Q760") in rows
    # Viet Nam is named in the news article only; its "UK Home Office" names no country.
    assert [row[0] for row in rows] == ["FJI", "LCA", "TON", "VNM", "VUT"]


def test_results_chain_gives_objective_outcome_and_outputs_in_order(seeds: ox.Store) -> None:
    rows = answer(seeds, "results-chain", "level", "number", "outcome", "description",
                  project="vu10p0543")
    assert [row[:3] for row in rows] == [
        ("objective", None, None), ("outcome", "1", None), ("output", "1.1", "1"),
        ("output", "1.2", "1"), ("output", "1.3", "1"), ("output", "1.4", "1")]
    assert "National Action Plan" in rows[0][3]
    assert "counter-trafficking" in rows[4][3]


def test_results_chain_of_a_project_with_outcomes_only(seeds: ox.Store) -> None:
    rows = answer(seeds, "results-chain", "level", "number", "description", project="FJ10P0532")
    assert [row[:2] for row in rows] == [("outcome", "1"), ("outcome", "2")]
    assert "law enforcement" in rows[0][2]


def test_results_chain_of_an_unknown_project_is_empty(seeds: ox.Store) -> None:
    assert answer(seeds, "results-chain", "level", project="XX00P0000") == []


def test_outputs_mentioning_training_by_default(seeds: ox.Store) -> None:
    rows = answer(seeds, "outputs-mentioning", "word", "primaId", "number")
    assert rows == [("training", "VU10P0543", "1.4")]


@pytest.mark.parametrize(("word", "expected"), [
    ("AWARENESS", [("VU10P0543", "1.2")]),
    ("trafficking in persons", [("VU10P0543", "1.2"), ("VU10P0543", "1.3"),
                                ("VU10P0543", "1.4")]),
    ("law enforcement", []),  # FJ10P0532 trains police in an outcome, not an output
])
def test_outputs_mentioning_ignores_case(seeds: ox.Store, word: str,
                                         expected: list[tuple[str, str]]) -> None:
    assert answer(seeds, "outputs-mentioning", "primaId", "number", word=word) == expected


def test_outputs_by_topic_finds_the_training_on_victims_of_trafficking(seeds: ox.Store) -> None:
    rows = answer(seeds, "outputs-by-topic", "primaId", "number", activity="training",
                  targetGroup="victims of trafficking")
    assert rows == [("VU10P0543", "1.4")]
    # FJ10P0532 trains police in an outcome, which is not an output
    assert answer(seeds, "outputs-by-topic", "primaId") == []


def test_outputs_by_topic_refuses_a_topic_it_does_not_know(seeds: ox.Store) -> None:
    with pytest.raises(UsageError, match=r"known activity .*training"):
        answer(seeds, "outputs-by-topic", activity="juggling")


def test_projects_missing_results_lists_projects_without_outcomes_or_outputs(
        seeds: ox.Store) -> None:
    rows = answer(seeds, "projects-missing-results", "primaId", "objectives", "outcomes",
                  "outputs")
    assert rows == [("FJ10P0514", 1, 0, 0), ("FJ10P0532", 0, 2, 0), ("GY10P0001", 1, 0, 0)]


def test_projects_by_status_puts_projects_without_status_last(seeds: ox.Store) -> None:
    rows = answer(seeds, "projects-by-status", "status", "primaId")
    assert rows == [("Active", "FJ10P0514"), ("Active", "FJ10P0532"),
                    ("Completed", "GY10P0001"), (None, "VU10P0543")]


def test_projects_by_type_defaults_to_counter_trafficking(seeds: ox.Store) -> None:
    rows = answer(seeds, "projects-by-type", "typeLabel", "primaId")
    assert rows == [("Counter Trafficking Projects", "GY10P0001")]


def test_projects_by_type_takes_a_concept_iri(seeds: ox.Store) -> None:
    rows = answer(seeds, "projects-by-type", "primaId",
                  projectType=VOC + "project-type/protection-assistance")
    assert rows == ["FJ10P0514", "FJ10P0532", "VU10P0543"]


@pytest.mark.parametrize(("minimum", "expected"), [
    ("300000", [("FJ10P0514", Decimal(400000)), ("FJ10P0532", Decimal(400000)),
                ("VU10P0543", Decimal(300000))]),
    ("300000.01", [("FJ10P0514", Decimal(400000)), ("FJ10P0532", Decimal(400000))]),
    ("0", [("FJ10P0514", Decimal(400000)), ("FJ10P0532", Decimal(400000)),
           ("VU10P0543", Decimal(300000)), ("GY10P0001", Decimal(105000))]),
    ("1000000", []),
])
def test_projects_with_budget_over_compares_decimals(seeds: ox.Store, minimum: str,
                                                     expected: list[tuple[str, Decimal]]) -> None:
    rows = answer(seeds, "projects-with-budget-over", "primaId", "budget", minimum=minimum)
    assert rows == expected


def test_project_sources_name_the_page_and_its_sha256(seeds: ox.Store) -> None:
    rows = answer(seeds, "project-sources", "primaId", "sourcePath", "sha256", "page")
    assert [(row[0], Path(row[1]).name) for row in rows] == [
        ("FJ10P0514", SEED_FILES[1]), ("FJ10P0532", SEED_FILES[2]),
        ("GY10P0001", SEED_FILES[3]), ("VU10P0543", SEED_FILES[0])]
    assert rows[3][2].startswith("fcc7f4535810e790") and len(rows[3][2]) == 64
    assert rows[3][3].endswith("/page/fcc7f4535810e790")


def test_news_and_projects_links_the_article_to_the_project_it_names(seeds: ox.Store) -> None:
    rows = answer(seeds, "news-and-projects", "date", "place", "projectTitle", "acronym",
                  "primaId", "startYear", "endYear")
    assert rows == [("2021-11-29", "Ha Noi", "Tackling Modern Slavery from Viet Nam", "TMSV",
                     None, 2018, 2021)]


def test_organisations_and_projects_pairs_organisations_with_projects(seeds: ox.Store) -> None:
    rows = answer(seeds, "organisations-and-projects", "organisation", "acronym", "role",
                  "primaId")
    assert ("Ministry of Internal Affairs", "MoIA", None, "VU10P0543") in rows
    assert ("International Organization for Migration", "IOM", "Implementing",
            "FJ10P0532") in rows
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    assert all(row[3] for row in rows)
