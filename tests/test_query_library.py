"""kg.query as a library: query headers, loading, parameter binding, targets and formats."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from oxigraph_server import oxigraph_binary, running_oxigraph

from kg.build import build
from kg.errors import DataError, EndpointError, UsageError
from kg.query import (
    LocalTarget,
    QueryResult,
    RemoteTarget,
    SavedQuery,
    bind_parameters,
    format_results,
    list_saved_queries,
    load_saved_query,
    run_query,
    with_values_block,
)
from kg.query.saved import parse_header, read_query_file, read_saved_query

FIXTURE = Path(__file__).parent / "fixtures" / "graphs" / "query_seed.trig"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

HEADER = """\
#+ summary: Projects benefiting one member state
#+ description: Matched by ISO code or name.
#+ params:
#+   - name: country
#+     type: string
#+     default: VUT
#+     description: ISO 3166 alpha-3 code or English name
#+   - name: year
#+     type: year
#+     default: "2024"
#+ example: kg query run x -p country=FJI
"""
BY_COUNTRY = HEADER + """\
PREFIX iom: <https://kg.example.org/iom/ontology#>
SELECT DISTINCT ?country ?year ?primaId WHERE {
  ?project iom:benefitingMemberState/iom:iso3 ?iso3 ; iom:primaId ?primaId ;
           iom:fundingYear ?funding .
  FILTER(?iso3 = STR(?country) && STR(?funding) <= STR(?year))
}
ORDER BY ?primaId
"""
NASTY_VALUES = [
    'VUT" } ?s ?p ?o { "',
    "VUT' } UNION { ?s ?p ?o } #",
    'VUT"^^<http://www.w3.org/2001/XMLSchema#string> } ',
    "VUT\n} # comment\nSELECT * WHERE { ?s ?p ?o",
    "}\"\\\"{",
    "VUT\\",
]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    graph = ox.Store()
    graph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return graph


def write_query(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


# -- header ---------------------------------------------------------------------------------

def test_header_gives_summary_params_with_types_and_defaults_and_example() -> None:
    top, params = parse_header(HEADER)
    assert top == {"summary": "Projects benefiting one member state",
                   "description": "Matched by ISO code or name.", "params": "",
                   "example": "kg query run x -p country=FJI"}
    assert [(p.name, p.type, p.default, p.required) for p in params] == [
        ("country", "string", "VUT", False), ("year", "year", "2024", False)]
    assert params[0].description == "ISO 3166 alpha-3 code or English name"


def test_header_stops_at_the_first_line_without_the_marker() -> None:
    top, params = parse_header("#+ summary: s\n#+ example: e\n# summary: not header\n#+ x: y\n")
    assert top == {"summary": "s", "example": "e"} and params == []


@pytest.mark.parametrize(("header", "line", "words"), [
    ("#+ summary: s\n#+ sumary: typo\n", 2, "unknown header key 'sumary'"),
    ("#+ summary: s\n#+ summary: again\n", 2, "given twice"),
    ("#+ summary: s\n#+   - name: x\n", 2, "outside 'params:'"),
    ("#+ params:\n#+   - name: x\n#+     type: text\n", 3, "unknown type 'text'"),
    ("#+ params:\n#+   - type: int\n", 2, "must start with '- name:'"),
    ("#+ params:\n#+   - name: 2x\n", 2, "not a SPARQL variable name"),
    ("#+ params:\n#+   - name: x\n#+     dflt: 1\n", 3, "unknown parameter key 'dflt'"),
    ("#+ summary s\n", 1, "expected 'key: value'"),
])
def test_malformed_header_is_a_data_error_with_its_line(header: str, line: int,
                                                        words: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_header(header, "q.rq")
    assert caught.value.line == line and caught.value.path == "q.rq"
    assert words in str(caught.value)


# -- loading --------------------------------------------------------------------------------

def test_saved_queries_are_listed_sorted_by_name_and_loaded_by_name() -> None:
    names = [query.name for query in list_saved_queries()]
    assert names == sorted(names) and "projects-by-member-state" in names
    query = load_saved_query("projects-by-member-state")
    assert query.path.name == "projects-by-member-state.rq"
    assert query.param("country").default == "VUT"
    assert query.text.startswith("#+ summary:")


def test_any_rq_file_loads_by_path(tmp_path: Path) -> None:
    path = write_query(tmp_path, "by-country", BY_COUNTRY)
    query = load_saved_query(str(path))
    assert (query.name, query.summary) == ("by-country", "Projects benefiting one member state")


def test_unknown_query_name_is_a_usage_error_listing_the_known_names() -> None:
    with pytest.raises(UsageError) as caught:
        load_saved_query("projects-by-planet")
    assert "projects-by-member-state" in str(caught.value)
    assert "budget-by-region-year" in str(caught.value)


def test_missing_query_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_saved_query(str(tmp_path / "nowhere.rq"))


def test_sparql_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = write_query(tmp_path, "broken", "#+ summary: s\n#+ example: e\n"
                       "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}\n")
    with pytest.raises(DataError) as caught:
        read_saved_query(path)
    assert caught.value.path == str(path) and caught.value.line == 5
    assert "error at" not in str(caught.value)  # one line number: the one in front


def test_header_without_example_is_rejected(tmp_path: Path) -> None:
    path = write_query(tmp_path, "bare", "#+ summary: s\nSELECT ?s WHERE { ?s ?p ?o }\n")
    with pytest.raises(DataError, match="example"):
        read_saved_query(path)


def test_only_select_queries_can_be_saved(tmp_path: Path) -> None:
    path = write_query(tmp_path, "ask", "#+ summary: s\n#+ example: e\nASK { ?s ?p ?o }\n")
    with pytest.raises(DataError, match="SELECT"):
        read_saved_query(path)


def test_parameter_missing_from_the_query_is_rejected(tmp_path: Path) -> None:
    header = "#+ summary: s\n#+ params:\n#+   - name: country\n#+ example: e\n"
    path = write_query(tmp_path, "p", header + "SELECT ?s WHERE { ?s ?p ?o }\n")
    with pytest.raises(DataError, match="country"):
        read_saved_query(path)


def test_parameter_outside_the_select_clause_is_rejected(tmp_path: Path) -> None:
    header = "#+ summary: s\n#+ params:\n#+   - name: country\n#+ example: e\n"
    path = write_query(tmp_path, "p", header + "SELECT ?s WHERE { ?s ?p ?country }\n")
    with pytest.raises(DataError, match="SELECT"):
        read_saved_query(path)


def test_bad_default_is_a_data_error(tmp_path: Path) -> None:
    header = ("#+ summary: s\n#+ params:\n#+   - name: n\n#+     type: int\n"
              "#+     default: many\n#+ example: e\n")
    path = write_query(tmp_path, "p", header + "SELECT ?n WHERE { ?s ?p ?n }\n")
    with pytest.raises(DataError, match="many"):
        read_saved_query(path)


# -- binding --------------------------------------------------------------------------------

def typed_query(tmp_path: Path) -> object:
    header = ("#+ summary: s\n#+ params:\n"
              "#+   - name: n\n#+     type: int\n#+     default: 3\n"
              "#+   - name: y\n#+     type: year\n#+     default: 2024\n"
              "#+   - name: d\n#+     type: decimal\n#+     default: 300000.00\n"
              "#+   - name: i\n#+     type: iri\n"
              "#+     default: https://kg.example.org/iom/vocab/status/active\n"
              "#+   - name: s\n#+     default: VUT\n"
              "#+   - name: needed\n#+ example: e\n")
    body = "SELECT ?n ?y ?d ?i ?s ?needed WHERE { }\n"
    return read_saved_query(write_query(tmp_path, "typed", header + body))


def test_parameters_become_terms_of_their_declared_type(tmp_path: Path) -> None:
    query = typed_query(tmp_path)
    bound = bind_parameters(query, {"needed": "x", "n": "+42", "y": "2019", "d": "1",
                                    "i": "<https://example.org/a>", "s": " Viet Nam "})
    assert bound["n"] == ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))
    assert bound["y"] == ox.Literal("2019", datatype=ox.NamedNode(XSD + "gYear"))
    assert bound["d"] == ox.Literal("1.0", datatype=ox.NamedNode(XSD + "decimal"))
    assert bound["i"] == ox.NamedNode("https://example.org/a")
    assert bound["s"] == ox.Literal(" Viet Nam ")


def test_missing_parameters_take_their_defaults(tmp_path: Path) -> None:
    bound = bind_parameters(typed_query(tmp_path), {"needed": "x"})
    assert bound["n"].value == "3" and bound["y"].value == "2024"
    assert bound["d"] == ox.Literal("300000.00", datatype=ox.NamedNode(XSD + "decimal"))
    assert bound["i"] == ox.NamedNode("https://kg.example.org/iom/vocab/status/active")
    assert bound["s"] == ox.Literal("VUT")


def test_required_parameter_left_out_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="needed"):
        bind_parameters(typed_query(tmp_path), {})


def test_undeclared_parameter_is_a_usage_error_naming_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        bind_parameters(typed_query(tmp_path), {"needed": "x", "contry": "FJI"})
    assert "contry" in str(caught.value) and "needed" in str(caught.value)


@pytest.mark.parametrize(("name", "value"), [
    ("n", "4.5"), ("n", "ten"), ("n", "1 OR 1=1"), ("y", "24"), ("y", "2024-01-01"),
    ("d", "1e5"), ("d", "NaN"), ("d", "12,5"), ("i", "not an iri"), ("i", "relative/path"),
    ("i", "https://example.org/a> } ?s ?p ?o {"), ("i", 'https://example.org/"x"'),
])
def test_values_that_do_not_fit_the_type_are_usage_errors(tmp_path: Path, name: str,
                                                          value: str) -> None:
    with pytest.raises(UsageError, match=name):
        bind_parameters(typed_query(tmp_path), {"needed": "x", name: value})


# -- running and injection ------------------------------------------------------------------

def test_run_query_binds_parameters_on_a_local_store(store: ox.Store, tmp_path: Path) -> None:
    query = read_saved_query(write_query(tmp_path, "by-country", BY_COUNTRY))
    result = run_query(store, query, {"country": "FJI"})
    assert result.variables == ["country", "year", "primaId"]
    assert result.column("primaId") == ["FJ10P0514", "FJ10P0532"]
    assert result.rows[0]["year"] == ox.Literal("2024", datatype=ox.NamedNode(XSD + "gYear"))
    assert run_query(store, query, {"country": "VUT", "year": "2023"}).column("primaId") == [
        "FJ10P0514", "FJ10P0532"]


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_hostile_values_stay_literals_locally(store: ox.Store, tmp_path: Path,
                                              value: str) -> None:
    query = read_saved_query(write_query(tmp_path, "by-country", BY_COUNTRY))
    result = run_query(store, query, {"country": value})
    assert result.rows == []


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_hostile_values_stay_literals_in_a_values_block(store: ox.Store, tmp_path: Path,
                                                         value: str) -> None:
    query = read_saved_query(write_query(tmp_path, "by-country", BY_COUNTRY))
    bindings = bind_parameters(query, {"country": value})
    text = with_values_block(query.text, bindings)
    solutions = store.query(text, use_default_graph_as_union=True)
    rows = list(solutions)
    assert rows == []
    echoed = store.query(with_values_block("SELECT ?country WHERE { }", bindings))
    assert [row["country"].value for row in echoed] == [value]


def test_values_block_opens_the_where_group_past_comments_strings_and_iris() -> None:
    text = ('#+ summary: a { in a comment "\n'
            'PREFIX e: <http://example.org/a#b>\n'
            'SELECT ?x (CONCAT("{", \'"}\') AS ?y) WHERE { ?s e:p ?x }')
    bound = with_values_block(text, {"x": ox.Literal("a}b\"#")})
    assert bound.endswith('WHERE {\n  VALUES ?x { "a}b\\"#" } ?s e:p ?x }')
    assert list(ox.Store().query(bound)) == []


def test_values_block_binds_the_same_answers_as_substitution(store: ox.Store,
                                                             tmp_path: Path) -> None:
    query = read_saved_query(write_query(tmp_path, "by-country", BY_COUNTRY))
    bindings = bind_parameters(query, {"country": "VUT", "year": "2023"})
    local = LocalTarget(store).select(query.text, bindings)
    remote_style = QueryResult.from_solutions(
        store.query(with_values_block(query.text, bindings), use_default_graph_as_union=True))
    assert local == remote_style


def test_a_query_with_from_reads_the_graphs_it_names_not_the_union(tmp_path: Path) -> None:
    graphs = ox.Store()
    for graph, count in (("urn:g:small", 1), ("urn:g:big", 3)):
        for i in range(count):
            graphs.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(str(i)),
                               ox.NamedNode(graph)))
    count = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"

    def n(text: str) -> object:
        return run_query(graphs, read_query_file(write_query(tmp_path, "q", text))).column("n")[0]

    assert n(count.format("FROM <urn:g:small>")) == 1
    assert n(count.format("FROM <urn:g:nope>")) == 0
    assert n(count.format("FROM NAMED <urn:g:small>")) == 0
    assert n(count.format("")) == 4
    assert n('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?from FILTER(?from != "FROM <x>") } '
             "# FROM <urn:g:small>") == 4


def test_unreachable_endpoint_is_an_endpoint_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    target = RemoteTarget(f"http://127.0.0.1:{port}/query", timeout=2)
    query = load_saved_query("projects-by-member-state")
    with pytest.raises(EndpointError):
        run_query(target, query, {})


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server on loopback, holding the fixture graph, union default graph."""
    folder = tmp_path_factory.mktemp("oxigraph")
    subprocess.run([oxigraph_binary(), "load", "--location", str(folder), "--file", str(FIXTURE)],
                   check=True, capture_output=True)
    with running_oxigraph(folder, "--union-default-graph") as base:
        yield f"{base}/query"


def test_remote_endpoint_answers_like_the_local_store(oxigraph_server: str,
                                                      store: ox.Store) -> None:
    query = load_saved_query("projects-by-member-state")
    remote = run_query(RemoteTarget(oxigraph_server, timeout=10), query, {"country": "fiji"})
    assert remote == run_query(store, query, {"country": "fiji"})
    assert remote.column("primaId") == ["FJ10P0514", "FJ10P0532"]


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_hostile_values_stay_literals_on_a_remote_endpoint(oxigraph_server: str,
                                                           value: str) -> None:
    query = load_saved_query("outputs-mentioning")  # its word is free text
    result = run_query(RemoteTarget(oxigraph_server, timeout=10), query, {"word": value})
    assert result.rows == []


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_hostile_values_are_not_countries(value: str) -> None:
    query = load_saved_query("projects-by-member-state")
    with pytest.raises(UsageError, match="is not a country name"):
        bind_parameters(query, {"country": value})


def test_regional_projects_concatenate_states_in_alphabetical_order() -> None:
    iom, base = "https://kg.example.org/iom/ontology#", "https://kg.example.org/iom/"
    project, graph = ox.NamedNode(base + "project/XM10P0001"), ox.NamedNode(base + "page/0")
    names = ["Zambia", "Yemen", "Kenya", "Angola", "Mali", "Chad", "Benin"]
    quads = [
        ox.Quad(project, ox.NamedNode(RDF_TYPE), ox.NamedNode(iom + "DevelopmentFundProject"),
                graph),
        ox.Quad(project, ox.NamedNode(iom + "coverage"),
                ox.NamedNode(base + "vocab/coverage/regional"), graph)]
    for name in names:
        state = ox.NamedNode(base + "member-state/" + name[:3].upper())
        quads += [ox.Quad(project, ox.NamedNode(iom + "benefitingMemberState"), state, graph),
                  ox.Quad(state, ox.NamedNode(RDFS_LABEL), ox.Literal(name, language="en"),
                          graph)]
    store = ox.Store()
    store.extend(quads)
    result = run_query(store, load_saved_query("regional-projects"))
    assert result.column("memberStates") == [", ".join(sorted(names))]
    assert result.column("stateCount") == [7]


# -- a project described by several pages ---------------------------------------------------
# Over the union default graph a triple comes once per graph that holds it, and the pages of one
# project (its English, French and Spanish pages, or two saved copies) give one project IRI. A
# query must join sets of facts, not copies: eleven OPTIONALs over three copies of each fact
# make 3^11 rows before the final DISTINCT, and a store of a few hundred such projects takes
# minutes. The answers must not change either.

def project_page(title: str, fields: dict[str, str], narrative: str) -> str:
    """A project page in the labelled layout of examples/pages (label, value, dash between)."""
    lines = ["Home", "Our Work", "Projects", title]
    for label, value in fields.items():
        lines += ["-", label, value]
    return "\n".join([*lines, narrative, ""])


def project_fields(kind: str, budget: str, coverage: str, year: str, end: str, status: str,
                   region: str, prima_id: str, states: str) -> dict[str, str]:
    """The labelled fields of a project page, in the order the examples give them."""
    return {"Start Date": year, "End Date": end, "Project Status": status, "Project Type": kind,
            "Budget Amount (USD)": budget, "Coverage": coverage, "Year": year,
            "IDF Region": region, "Prima ID": prima_id, "Projects ID": "PX." + prima_id[-4:],
            "Benefiting Member States": states}


PACIFIC = project_page(
    "Safer Labour Recruitment in the Pacific",
    project_fields("Counter Trafficking", "320000.00", "Regional", "2023", "2025", "Active",
                   "Asia and Oceania", "WS10P0901", "Samoa Tonga Fiji"),
    "Recruiters move seasonal workers between the islands at short notice, and labour "
    "inspectors have no shared checklist to tell a deceived worker from a willing one.\n"
    "The project aims to protect seasonal workers in Samoa, Tonga and Fiji from trafficking "
    "(Objective). Labour inspectors identify and refer trafficked workers with common "
    "procedures (Outcome 1), using a regional checklist of warning signs (Output 1.1) and after "
    "training on interviewing workers in confidence (Output 1.2). Workers who were exploited "
    "receive shelter and legal advice (Outcome 2) through grants to two shelters run by local "
    "churches (Output 2.1).\n"
    "The project is implemented by IOM in partnership with the Pacific Labour Mobility Office "
    "(PLMO).")
GUYANA = project_page(  # an outcome without outputs: projects-missing-results lists it
    "Return Counselling for Stranded Migrants in Guyana",
    project_fields("Protection and Assistance to Vulnerable Migrants", "180000.00", "National",
                   "2021", "2023", "Completed", "Latin America and the Caribbean", "GY10P0902",
                   "Guyana"),
    "Migrants stranded in the hinterland often cannot reach a consulate and do not know which "
    "help they may ask for.\n"
    "The project seeks to give stranded migrants in Guyana reliable advice on their options "
    "(Objective). Social workers in three regions counsel stranded migrants on voluntary return "
    "(Outcome 1).")
BORDER = project_page(
    "Border Data Sharing Between Kenya and Uganda",
    project_fields("Counter Trafficking", "410000.00", "Regional", "2024", "2026", "Active",
                   "Africa", "KE10P0903", "Kenya Uganda"),
    "Officers at the shared border posts record crossings in separate systems, so a person "
    "reported missing on one side can pass unnoticed on the other.\n"
    "The project intends to help Kenya and Uganda detect trafficking at their common border "
    "(Objective). Border officers of both countries consult each other's alerts (Outcome 1) "
    "through a secure link between the two registries (Output 1.1) and a training course for "
    "the border police's shift supervisors (Output 1.2).")
NEWS = (
    "Home\nNews\nPacific Labour Inspectors Agree on Warning Signs of Trafficking\n"
    "Apia, 3 May 2024 – Labour inspectors from Samoa, Tonga and Fiji have agreed on a common "
    "checklist of warning signs of trafficking among seasonal workers, the International "
    "Organization for Migration (IOM) said on Friday.\n"
    'The checklist was prepared under the project "Safer Labour Recruitment in the Pacific" '
    "(2023–2025), funded by the IOM Development Fund.\n"
    "Inspectors will start using it at the next recruitment round.\n")
# Two more copies of a page: other bytes (so other page graphs), the same facts.
LATER_COPIES = ["The page was last reviewed in March.", "A French version of this page exists."]
# Parameters that point the queries at the projects saved three times.
PAGE_COPY_VALUES = {"projects-by-member-state": {"country": "WSM"},
                    "results-chain": {"project": "WS10P0901"}}


@pytest.fixture(scope="module")
def page_copy_stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[ox.Store, ox.Store]:
    """Two stores of three project pages and a news article: each page once, and then with the
    Pacific and Guyana pages saved twice more (each of those projects in three page graphs)."""
    folder = tmp_path_factory.mktemp("page-copies")
    pages = {"pacific": PACIFIC, "guyana": GUYANA, "border": BORDER, "news": NEWS}
    for name, text in pages.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    once = ox.Store()
    build(once, [folder], jobs=1)
    for name in ("pacific", "guyana"):
        for number, sentence in enumerate(LATER_COPIES, start=2):
            (folder / f"{name}-{number}.txt").write_text(pages[name] + sentence + "\n",
                                                         encoding="utf-8")
    thrice = ox.Store()
    build(thrice, [folder], jobs=1)
    return once, thrice


def where_groups(query: SavedQuery) -> list[str]:
    """The WHERE group of the query and of each of its sub-selects, in the order they open."""
    text = re.sub(r"(?m)(^|\s)#.*$", r"\1", query.text)  # comments out; IRIs keep their '#'
    groups = []
    for where in re.finditer(r"\bWHERE\s*\{", text):
        start, depth = where.end() - 1, 0
        for end in range(start, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                groups.append(text[start:end + 1])
                break
    return groups


def group_solutions(store: ox.Store, query: SavedQuery, group: str,
                    values: dict[str, str]) -> int:
    """How many solutions one group of the query has: the rows that its joins make, before any
    DISTINCT, grouping or ordering."""
    prologue = query.text[:re.search(r"^SELECT\b", query.text, re.MULTILINE).start()]
    count = f"{prologue}SELECT (COUNT(*) AS ?solutions) WHERE {group}"
    result = LocalTarget(store).select(count, bind_parameters(query, values))
    return int(result.rows[0]["solutions"].value)


@pytest.mark.parametrize("name", [query.name for query in list_saved_queries()])
def test_query_answers_alike_when_projects_are_described_by_three_pages(
        page_copy_stores: tuple[ox.Store, ox.Store], name: str) -> None:
    once, thrice = page_copy_stores
    query, values = load_saved_query(name), PAGE_COPY_VALUES.get(name, {})
    single, tripled = run_query(once, query, values), run_query(thrice, query, values)
    assert single.rows, "the pages give every saved query an answer"
    if name == "project-sources":  # it names the pages: two more for each project saved thrice
        assert all(row in tripled.rows for row in single.rows)
        assert sorted(tripled.column("primaId")) == sorted(
            single.column("primaId") + ["GY10P0902", "WS10P0901"] * 2)
    else:
        assert tripled == single


@pytest.mark.parametrize("name", [query.name for query in list_saved_queries()])
def test_query_joins_each_fact_once_however_many_pages_state_it(
        page_copy_stores: tuple[ox.Store, ox.Store], name: str) -> None:
    # Two of the three projects come in three graphs. A group that joins sets of facts makes at
    # most three times its solutions (one per copy of its starting pattern); one that joins the
    # copies makes about 3^n for n joins. Sub-selects are groups too: an aggregate's DISTINCT
    # sub-select hides the copies from the answer, not from the work.
    once, thrice = page_copy_stores
    query, values = load_saved_query(name), PAGE_COPY_VALUES.get(name, {})
    counts = [(group_solutions(once, query, group, values),
               group_solutions(thrice, query, group, values), group)
              for group in where_groups(query)]
    assert counts[0][0] > 0
    assert [(single, tripled, group) for single, tripled, group in counts
            if tripled > 3 * single] == []


# -- formats --------------------------------------------------------------------------------

def sample_result() -> QueryResult:
    decimal = ox.NamedNode(XSD + "decimal")
    return QueryResult(["region", "budget", "note", "project"], [
        {"region": ox.Literal("Asia and Oceania", language="en"),
         "budget": ox.Literal("400000.00", datatype=decimal),
         "note": ox.Literal('says "hi", then\nleaves'),
         "project": ox.NamedNode("https://kg.example.org/iom/project/FJ10P0514")},
        {"region": ox.Literal("Latin America and the Caribbean", language="en"),
         "budget": ox.Literal("105000", datatype=decimal), "note": None,
         "project": ox.NamedNode("https://kg.example.org/iom/project/GY10P0001")},
    ])


def test_json_follows_sparql_results_json() -> None:
    data = json.loads(format_results(sample_result(), "json"))
    assert data["head"] == {"vars": ["region", "budget", "note", "project"]}
    first, second = data["results"]["bindings"]
    assert first["region"] == {"type": "literal", "value": "Asia and Oceania", "xml:lang": "en"}
    assert first["budget"] == {"type": "literal", "value": "400000.00", "datatype": XSD + "decimal"}
    assert first["note"] == {"type": "literal", "value": 'says "hi", then\nleaves'}
    assert first["project"]["type"] == "uri"
    assert "note" not in second


def test_csv_gives_bare_values_quoted_where_needed_with_crlf_lines() -> None:
    text = format_results(sample_result(), "csv")
    assert text.startswith("region,budget,note,project\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["Asia and Oceania", "400000.00", 'says "hi", then\nleaves',
                       "https://kg.example.org/iom/project/FJ10P0514"]
    assert rows[2][2] == ""


def test_csv_quotes_an_iri_with_a_comma_so_it_stays_one_value() -> None:
    iri = "https://kg.example.org/iom/organisation/a,b"
    text = format_results(QueryResult(["org", "n"], [{"org": ox.NamedNode(iri),
                                                      "n": ox.Literal("1")}]), "csv")
    assert list(csv.reader(io.StringIO(text, newline="")))[1] == [iri, "1"]


def test_json_puts_one_binding_per_line() -> None:
    lines = format_results(sample_result(), "json").splitlines()
    assert len(lines) == 4 and json.loads(lines[1].rstrip(","))["budget"]["value"] == "400000.00"


def test_tsv_gives_terms_in_turtle_syntax() -> None:
    lines = format_results(sample_result(), "tsv").splitlines()
    assert lines[0] == "?region\t?budget\t?note\t?project"
    assert lines[1].split("\t") == ['"Asia and Oceania"@en', "400000.00",
                                    '"says \\"hi\\", then\\nleaves"',
                                    "<https://kg.example.org/iom/project/FJ10P0514>"]


def test_table_aligns_columns_and_right_aligns_numbers() -> None:
    lines = format_results(sample_result(), "table").splitlines()
    assert lines[0].split() == ["region", "budget", "note", "project"]
    assert lines[2].startswith(
        'Asia and Oceania                 400000.00  says "hi", then leaves')
    assert lines[3].startswith("Latin America and the Caribbean     105000  ")
    assert set(lines[1].replace(" ", "")) == {"-"}


def test_table_cuts_long_values_but_other_formats_keep_them() -> None:
    long_text = "training " * 20
    result = QueryResult(["text"], [{"text": ox.Literal(long_text)}])
    assert format_results(result, "table").splitlines()[2].endswith("…")
    assert len(format_results(result, "table").splitlines()[2]) == 80
    assert json.loads(format_results(result, "json"))["results"]["bindings"][0]["text"][
        "value"] == long_text


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="xml"):
        format_results(sample_result(), "xml")


def test_plain_python_values_for_scripts() -> None:
    assert sample_result().to_python()[0]["budget"] == Decimal("400000.00")
    assert sample_result().to_python()[1] == {
        "region": "Latin America and the Caribbean", "budget": Decimal("105000"), "note": None,
        "project": "https://kg.example.org/iom/project/GY10P0001"}


def test_a_query_file_read_by_path_may_leave_its_header_out(tmp_path: Path) -> None:
    path = write_query(tmp_path, "bare", "SELECT ?s WHERE { ?s ?p ?o }\n")
    query = read_query_file(path)
    assert (query.name, query.summary, query.params) == ("bare", "", [])
    assert load_saved_query(str(path)).text == query.text
    with pytest.raises(DataError, match="summary"):  # a saved query needs it
        read_saved_query(path)
    with pytest.raises(UsageError, match="an ASK query"):
        read_query_file(write_query(tmp_path, "ask", "ASK { ?s ?p ?o }\n"))
    with pytest.raises(DataError, match="syntax"):  # a broken file stays a data problem
        read_query_file(write_query(tmp_path, "broken", "SELECT ?s WHERE { ?s ?p }\n"))
