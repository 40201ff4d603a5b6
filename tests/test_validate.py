"""kg.validate: conformance, the project and page each result names, and the three formats."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SH

from kg.errors import KgError
from kg.mapping import map_records
from kg.parse import parse_paths
from kg.records import MemberState
from kg.validate import (
    ValidationReport,
    format_json,
    format_text,
    format_turtle,
    load_ontology,
    load_shapes,
    validate_graph,
)

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "graphs"
IOM = Namespace("https://kg.example.org/iom/ontology#")
B = "https://kg.example.org/iom/"
PROJECT = URIRef(B + "project/KI10P0007")
TITLE = "Pacific: Improving Labour Mobility Data"
PAGE_PATH = "examples/pages/ki10p0007.txt"


@pytest.fixture()
def data() -> Graph:
    """The conforming fixture, without the ontology (validate_graph adds it)."""
    return Graph().parse(FIXTURES / "valid_project.ttl")


@pytest.fixture()
def broken(data: Graph, shapes: Graph) -> ValidationReport:
    """A malformed Prima ID (violation), an output of nothing (violation), no status (warning)."""
    data.set((PROJECT, IOM.primaId, Literal("XX")))
    data.remove((URIRef(PROJECT + "/outcome/1"), IOM.hasOutput, URIRef(PROJECT + "/output/1.1")))
    data.remove((PROJECT, IOM.status, None))
    return validate_graph(data, shapes)


def test_graph_without_ontology_is_validated_with_it_and_left_unchanged(
        data: Graph, shapes: Graph) -> None:
    size = len(data)
    report = validate_graph(data, shapes)
    assert report.conforms and report.results == []
    assert len(data) == size


def test_dataset_named_graphs_are_validated_together(data: Graph, shapes: Graph) -> None:
    dataset = Dataset()
    page_graph = dataset.graph(URIRef(B + "page/0a1b2c3d4e5f6a7b"))
    ontology_graph = dataset.graph(URIRef(B + "graph/ontology"))
    for triple in data:
        page_graph.add(triple)
    for triple in load_ontology():
        ontology_graph.add(triple)
    assert validate_graph(dataset, shapes).conforms


def test_warnings_alone_conform(data: Graph, shapes: Graph) -> None:
    data.remove((PROJECT, IOM.status, None))
    report = validate_graph(data, shapes)
    assert report.conforms
    assert [(r.severity, r.shape) for r in report.results] == [
        ("warning", "iomsh:DevelopmentFundProject-status-required")]


def test_a_violation_breaks_conformance(broken: ValidationReport) -> None:
    assert not broken.conforms
    assert broken.count("violation") == 2 and broken.count("warning") == 1


def test_results_are_sorted_violations_first(broken: ValidationReport) -> None:
    assert [r.severity for r in broken.results] == ["violation", "violation", "warning"]
    assert broken.results == sorted(broken.results, key=lambda r: r.sort_key())
    assert [r.focus for r in broken.results[:2]] == [str(PROJECT), str(PROJECT) + "/output/1.1"]


def test_result_names_project_page_path_value_and_rule(broken: ValidationReport) -> None:
    result = broken.results[0]
    assert result.project is not None
    assert (result.project.iri, result.project.prima_id, result.project.title) == (
        str(PROJECT), "XX", TITLE)
    assert result.source_path == PAGE_PATH
    assert (result.path, result.value) == ("iom:primaId", "'XX'")
    assert (result.shape, result.constraint) == (
        "iomsh:Project-primaId-pattern", "sh:PatternConstraintComponent")
    assert result.focus_type == "iom:DevelopmentFundProject"


@pytest.mark.parametrize(("part", "predicate", "value"), [
    ("output/1.1", DCTERMS.description, Literal("no language")),
    ("outcome/1", DCTERMS.description, Literal("no language")),
    ("objective", DCTERMS.description, Literal("no language")),
    ("budget", IOM.currency, Literal("usd")),
    ("participation/ministry-of-employment", IOM.role, Literal("donor")),
])
def test_parts_of_a_project_lead_back_to_it(part: str, predicate: URIRef, value: Literal,
                                            data: Graph, shapes: Graph) -> None:
    node = URIRef(f"{PROJECT}/{part}")
    data.set((node, predicate, value))
    report = validate_graph(data, shapes)
    [result] = [r for r in report.results if r.focus == str(node)]
    assert result.project is not None and result.project.prima_id == "KI10P0007"
    assert result.source_path == PAGE_PATH


def test_orphaned_output_is_traced_to_its_project_by_its_iri(data: Graph, shapes: Graph) -> None:
    data.remove((URIRef(PROJECT + "/outcome/1"), IOM.hasOutput, None))
    [result] = validate_graph(data, shapes).results
    assert result.shape == "iomsh:Output-parent-required"
    assert result.project is not None and result.project.iri == str(PROJECT)
    assert result.source_path == PAGE_PATH


def test_page_result_names_its_own_path_and_its_project(data: Graph, shapes: Graph) -> None:
    page = URIRef(B + "page/0a1b2c3d4e5f6a7b")
    data.set((page, IOM.sha256, Literal("NOT-HEX")))
    [result] = validate_graph(data, shapes).results
    assert result.source_path == PAGE_PATH
    assert result.project is not None and result.project.iri == str(PROJECT)
    assert result.focus_type == "iom:SourcePage"


def test_shared_member_state_names_no_project(data: Graph, shapes: Graph) -> None:
    fiji = URIRef(B + "member-state/FJI")
    data.set((fiji, IOM.iso3, Literal("fji")))
    [result] = validate_graph(data, shapes).results
    assert result.project is None and result.source_path is None
    assert result.focus_type == "iom:MemberState"


def test_project_is_found_without_messages_in_the_shapes(data: Graph) -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix iom: <https://kg.example.org/iom/ontology#> .
        <urn:test:shape> a sh:NodeShape ; sh:targetClass iom:Output ;
            sh:property [ sh:path iom:resultNumber ; sh:pattern "^9$" ] .
        """, format="turtle")
    report = validate_graph(data, shapes)
    assert {r.project.prima_id for r in report.results if r.project} == {"KI10P0007"}
    assert {r.source_path for r in report.results} == {PAGE_PATH}
    assert {r.shape for r in report.results} == {"[]"}
    assert not report.conforms  # results without sh:severity are violations


def test_text_report_has_a_block_per_result_and_a_summary(broken: ValidationReport) -> None:
    text = format_text(broken)
    assert text.startswith(
        f'VIOLATION project XX "{TITLE}" (from {PAGE_PATH}): Prima ID must look like two '
        "letters, two digits, P and four digits (VU10P0543) [iom:primaId = 'XX']\n"
        f"    at <{PROJECT}> by iomsh:Project-primaId-pattern (sh:PatternConstraintComponent)\n")
    assert f'VIOLATION project XX "{TITLE}" (from {PAGE_PATH}): An output must belong to an ' \
           "outcome or a project (iom:hasOutput) [^iom:hasOutput]\n" \
           f"    at <{PROJECT}/output/1.1> by iomsh:Output-parent-required" in text
    assert text.endswith("\n2 violations, 1 warning\n")
    assert text.count("\n\n") == 3


def test_text_report_leaves_out_a_value_that_is_the_focus_node(data: Graph,
                                                               shapes: Graph) -> None:
    cell = URIRef(B + "statistics/budget-by-member-state/0123456789abcdef")
    data.remove((cell, IOM.refMemberState, None))
    report = validate_graph(data, shapes)
    assert [r.value for r in report.results] == [f"<{cell}>"]  # SHACL's value: the focus node
    assert format_text(report).startswith(
        f"VIOLATION node <{cell}>: An observation needs a value of every dimension of its data "
        "set's structure (RDF Data Cube IC-11); it has no benefiting member state "
        "[iom:refMemberState]\n")


def test_text_report_of_a_conforming_graph_is_the_summary(data: Graph, shapes: Graph) -> None:
    assert format_text(validate_graph(data, shapes)) == "0 violations, 0 warnings\n"


def test_json_report_has_sorted_keys_and_every_field(broken: ValidationReport) -> None:
    text = format_json(broken)
    parsed = json.loads(text)
    assert text == json.dumps(parsed, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert parsed["conforms"] is False
    assert parsed["summary"] == {"violations": 2, "warnings": 1, "infos": 0}
    first = parsed["results"][0]
    assert first["project"] == {"iri": str(PROJECT), "prima_id": "XX", "title": TITLE}
    assert first["source_path"] == PAGE_PATH
    assert first["message"].startswith("Prima ID must look like")
    assert set(first) == {"severity", "focus", "focus_type", "message", "shape", "constraint",
                          "path", "value", "project", "source_path"}


def test_turtle_report_is_the_shacl_results_graph(broken: ValidationReport) -> None:
    graph = Graph().parse(data=format_turtle(broken), format="turtle")
    [report] = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms) == Literal(False)
    results = set(graph.objects(report, SH.result))
    assert len(results) == 3
    assert {graph.value(r, SH.resultSeverity) for r in results} == {SH.Violation, SH.Warning}
    assert all(isinstance(r, URIRef) for r in results)


def test_turtle_report_is_the_same_for_the_same_data(data: Graph, shapes: Graph) -> None:
    data.remove((URIRef(PROJECT + "/outcome/1"), IOM.hasOutput, URIRef(PROJECT + "/output/1.1")))
    data.set((PROJECT, IOM.primaId, Literal("XX")))
    first = format_turtle(validate_graph(data, shapes))
    copy = Graph()
    for triple in sorted(data, reverse=True):
        copy.add(triple)
    assert format_turtle(validate_graph(copy, shapes)) == first
    assert "_:" not in first


def test_unreadable_shapes_are_an_error_that_names_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "shapes").mkdir()
    (tmp_path / "shapes" / "broken.ttl").write_text("this is not turtle", encoding="utf-8")
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    with pytest.raises(KgError, match=r"broken\.ttl"):
        load_shapes()


def test_missing_ontology_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    with pytest.raises(KgError, match=r"iom\.ttl"):
        load_ontology()
    with pytest.raises(KgError, match="no SHACL shapes"):
        load_shapes()


def test_shapes_that_cannot_run_are_an_error(data: Graph) -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:test:shape> a sh:NodeShape ; sh:targetNode <urn:x> ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this undeclared:p ?o }" ] .
        """, format="turtle")
    with pytest.raises(KgError, match="could not run"):
        validate_graph(data, shapes)


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_seed_pages_conform_with_no_violations(seeds_dir: Path, shapes: Graph) -> None:
    parsed = parse_paths([seeds_dir])
    assert len(parsed.records) == 5 and not parsed.errors
    quads = map_records(parsed.records)
    dataset = Dataset()
    dataset.parse(data=pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS),
                  format="nquads")
    report = validate_graph(dataset, shapes)
    assert [r for r in report.results if r.severity == "violation"] == []
    assert report.conforms
    # The Vanuatu page gives no project status: a warning, not a violation.
    assert ("https://kg.example.org/iom/project/VU10P0543",
            "iomsh:DevelopmentFundProject-status-required") in {
        (r.focus, r.shape) for r in report.results}
    assert all(r.project is not None for r in report.results
               if r.focus.startswith("https://kg.example.org/iom/project/"))


def test_member_state_the_reference_table_lacks_is_reported(seeds_dir: Path,
                                                          shapes: Graph) -> None:
    [record] = parse_paths([seeds_dir / "000_cebd6cafa097de25.txt"]).records
    record.member_states = [MemberState("Atlantis", "ATL")]
    dataset = Dataset()
    dataset.parse(data=pyoxigraph.serialize(map_records([record]),
                                            format=pyoxigraph.RdfFormat.N_QUADS), format="nquads")
    report = validate_graph(dataset, shapes)
    assert [(r.shape, r.value) for r in report.results if r.severity == "violation"] == [
        ("iomsh:Project-memberState-class", f"<{B}member-state/ATL>")]


def test_project_read_from_two_pages_names_the_first_path(data: Graph) -> None:
    other = URIRef(B + "page/1111111111111111")
    data.add((PROJECT, PROV.wasDerivedFrom, other))
    data.add((other, RDF.type, IOM.SourcePage))
    data.add((other, IOM.sourcePath, Literal("a-first/copy.txt")))
    data.add((other, IOM.sha256, Literal("1" * 64)))
    data.set((PROJECT, IOM.primaId, Literal("XX")))
    report = validate_graph(data)
    assert {r.source_path for r in report.results} == {"a-first/copy.txt"}
