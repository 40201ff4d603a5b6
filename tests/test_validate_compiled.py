"""The compiled engine (SPARQL in Oxigraph) gives the same report as pyshacl, the reference.

Every breaking case of test_shapes.py, a graph breaking many rules at once across named
graphs, shapes without messages, the seed pages and the example pages are validated by both
engines; the results and the text, JSON and Turtle reports must be identical.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS
from test_shapes import (
    BUDGET,
    CASES,
    FIJI,
    IOM,
    NAMED,
    NEWS,
    OBJECTIVE,
    ORGANISATION,
    OUTCOME,
    OUTPUT,
    PAGE,
    PARTICIPATION,
    PROJECT,
    STRANGER,
    TONGA,
    VOC,
    XSD,
    B,
    Breach,
)

from kg.mapping import map_records, member_state_quads
from kg.parse import parse_paths
from kg.reference.countries import load_countries
from kg.validate import (
    ValidationReport,
    format_json,
    format_text,
    format_turtle,
    load_ontology,
    validate_graph,
)
from kg.validate.compiled import UnsupportedShapes, validate_graph_compiled
from kg.validate.shape_model import Targets
from kg.validate.sparql_check import focus_implied

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"


def _key(report: ValidationReport) -> list[tuple[str, ...]]:
    return sorted((r.focus, r.path or "", r.value or "", r.shape, r.constraint, r.severity,
                   r.message) for r in report.results)


def assert_same_reports(data: Graph | Dataset, shapes: Graph | None = None) -> ValidationReport:
    """Both engines on ``data``: the same results and byte-identical reports."""
    reference = validate_graph(data, shapes)
    compiled = validate_graph_compiled(data, shapes, threads=2)
    assert _key(compiled) == _key(reference)
    assert compiled.results == reference.results
    assert compiled.conforms == reference.conforms
    assert format_text(compiled) == format_text(reference)
    assert format_json(compiled) == format_json(reference)
    assert format_turtle(compiled) == format_turtle(reference)
    return reference


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_breaking_case_gets_the_same_report_from_both_engines(
        case: Breach, baseline: Graph, shapes: Graph) -> None:
    graph = Graph()
    graph += baseline
    case.mutate(graph)
    report = assert_same_reports(graph, shapes)
    assert any(r.shape == case.shape and r.focus == str(case.focus) for r in report.results)


def test_global_project_naming_no_member_state_conforms_under_both_engines(
        baseline: Graph, shapes: Graph) -> None:
    graph = Graph()
    graph += baseline
    graph.remove((PROJECT, IOM.benefitingMemberState, None))
    graph.set((PROJECT, IOM.coverage, VOC["coverage/global"]))
    report = assert_same_reports(graph, shapes)
    assert report.results == []


def _many_violations(baseline: Graph) -> Dataset:
    """The baseline split into two page graphs and the ontology graph, breaking many rules."""
    dataset = Dataset()
    first = dataset.graph(URIRef(B + "page/0a1b2c3d4e5f6a7b"))
    second = dataset.graph(URIRef(B + "page/9f8e7d6c5b4a3f2e"))
    ontology = dataset.graph(URIRef(B + "graph/ontology"))
    for triple in load_ontology():
        ontology.add(triple)
    for triple in baseline:
        if triple not in ontology:
            first.add(triple)
    for triple in baseline.triples((FIJI, None, None)):  # repeated in a second page graph
        second.add(triple)
    second.add((FIJI, RDFS.label, Literal("Fidschi", lang="en")))  # two English names
    second.add((FIJI, IOM.iso3, Literal("FJI")))  # the same value again: still one
    edits = [
        (PROJECT, IOM.primaId, Literal("XX")), (PROJECT, IOM.projectsId, Literal("42")),
        (PROJECT, IOM.startYear, Literal("2025", datatype=XSD.gYear)),
        (PROJECT, IOM.fundingYear, Literal("20x4", datatype=XSD.gYear)),  # pyshacl: passes
        (PROJECT, IOM.status, Literal("Active")),
        (PROJECT, IOM.coverage, VOC["coverage/national"]),
        (BUDGET, IOM.amount, Literal("abc", datatype=XSD.decimal)),  # ill-typed
        (BUDGET, IOM.currency, Literal("USD", lang="en")),
        (OUTCOME, IOM.resultNumber, Literal("A")), (OUTPUT, IOM.resultNumber, Literal(1)),
        (OBJECTIVE, DCTERMS.description, Literal("no language")),
        (ORGANISATION, RDFS.label, Literal("Ministry", lang="en")),
        (TONGA, OWL.sameAs, Literal("Q678")), (TONGA, IOM.m49, Literal("77")),
        (PAGE, IOM.sha256, Literal("NOT-HEX")), (PAGE, IOM.sourcePath, Literal("")),
        (PARTICIPATION, IOM.role, VOC["status/active"]),
    ]
    for s, p, o in edits:
        first.set((s, p, o))
    first.remove((OUTCOME, IOM.hasOutput, OUTPUT))
    first.remove((PROJECT, IOM.idfRegion, None))
    first.add((PROJECT, IOM.benefitingMemberState, STRANGER))
    first.add((PROJECT, IOM.hasOutcome, STRANGER))
    first.add((NAMED, IOM.budget, BUDGET))
    first.add((NAMED, PROV.wasDerivedFrom, NEWS))
    first.add((NEWS, RDF.type, IOM.NewsArticle))
    first.add((NEWS, DCTERMS.date, Literal("2024-13-45", datatype=XSD.date)))  # ill-typed
    first.add((NEWS, IOM.mentionsCountry, ORGANISATION))
    return dataset


@pytest.mark.filterwarnings("ignore:Serializing weird numerical")  # the ill-typed amount
def test_graph_with_many_violations_gets_the_same_report(baseline: Graph,
                                                         shapes: Graph) -> None:
    report = assert_same_reports(_many_violations(baseline), shapes)
    assert report.count("violation") >= 20 and report.count("warning") >= 3
    components = {r.constraint for r in report.results}
    assert {"sh:MinCountConstraintComponent", "sh:MaxCountConstraintComponent",
            "sh:DatatypeConstraintComponent", "sh:PatternConstraintComponent",
            "sh:ClassConstraintComponent", "sh:NodeConstraintComponent",
            "sh:UniqueLangConstraintComponent", "sh:NodeKindConstraintComponent",
            "sh:MinLengthConstraintComponent", "sh:MinInclusiveConstraintComponent",
            "iomsh:Project-start-not-after-end"} <= components


def test_values_repeated_in_several_graphs_are_counted_once(baseline: Graph,
                                                            shapes: Graph) -> None:
    dataset = Dataset()
    for index in range(3):
        graph = dataset.graph(URIRef(f"{B}page/{index:016d}"))
        for triple in baseline:
            graph.add(triple)
    report = assert_same_reports(dataset, shapes)
    assert report.results == []


SHAPES_WITHOUT_MESSAGES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix iom: <https://kg.example.org/iom/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:test:outputs> a sh:NodeShape ; sh:targetClass iom:Output ;
    sh:property [ sh:path iom:resultNumber ; sh:pattern "^9$" ; sh:maxLength 2 ] ,
        [ sh:path iom:resultNumber ; sh:in ( "1.1" "3.1" ) ; sh:minLength 4 ] ,
        [ sh:path dcterms:description ; sh:languageIn ( "fr" "es-ES" ) ] .
<urn:test:budgets> a sh:PropertyShape ; sh:targetSubjectsOf iom:amount ;
    sh:path iom:amount ; sh:maxInclusive 1000 ; sh:minExclusive 250000 ;
    sh:datatype xsd:integer ; sh:severity sh:Info .
<urn:test:projects> a sh:NodeShape ; sh:targetClass iom:Project ;
    sh:property [ sh:path iom:benefitingMemberState ; sh:maxCount 1 ; sh:hasValue <urn:x> ] ,
        [ sh:path [ sh:inversePath iom:budget ] ; sh:minCount 2 ] ,
        [ sh:path iom:budget ; sh:class iom:Output , iom:Budget ; sh:nodeKind sh:Literal ] .
<urn:test:off> a sh:NodeShape ; sh:targetClass iom:Project ; sh:deactivated true ;
    sh:property [ sh:path iom:primaId ; sh:minCount 5 ] .
<urn:test:labels> a sh:PropertyShape ; sh:targetObjectsOf iom:benefitingMemberState ;
    sh:path rdfs:label ; sh:uniqueLang true ; sh:maxCount 2 ; sh:deactivated false .
"""


def test_shapes_without_messages_get_the_same_generic_messages(baseline: Graph) -> None:
    shapes = Graph().parse(data=SHAPES_WITHOUT_MESSAGES, format="turtle")
    graph = Graph()
    graph += baseline
    graph.add((FIJI, RDFS.label, Literal("Fidschi", lang="en")))
    report = assert_same_reports(graph, shapes)
    assert {r.severity for r in report.results} == {"violation", "info"}
    assert len({r.constraint for r in report.results}) >= 10


def test_shapes_the_engine_cannot_compile_are_refused(baseline: Graph) -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix iom: <https://kg.example.org/iom/ontology#> .
        <urn:test:either> a sh:NodeShape ; sh:targetClass iom:Project ;
            sh:or ( [ sh:path iom:primaId ; sh:minCount 1 ]
                    [ sh:path iom:projectsId ; sh:minCount 1 ] ) .
        """, format="turtle")
    with pytest.raises(UnsupportedShapes, match="sh:or"):
        validate_graph_compiled(baseline, shapes)


def _pages_dataset(paths: list[Path]) -> Dataset:
    parsed = parse_paths(paths)
    assert parsed.records and not parsed.errors
    dataset = Dataset()
    dataset.parse(data=pyoxigraph.serialize(map_records(parsed.records),
                                            format=pyoxigraph.RdfFormat.N_QUADS),
                  format="nquads")
    return dataset


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_seed_pages_conform_under_both_engines(seed_paths: list[Path], shapes: Graph) -> None:
    report = assert_same_reports(_pages_dataset(seed_paths), shapes)
    assert report.conforms


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_example_pages_conform_under_both_engines(shapes: Graph) -> None:
    report = assert_same_reports(_pages_dataset(sorted(EXAMPLES.iterdir())), shapes)
    assert report.conforms


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_every_member_state_of_the_gazetteer_conforms_as_the_mapping_describes_it(
        shapes: Graph) -> None:
    codes = [country.iso3 for country in load_countries()]
    dataset = Dataset()
    dataset.parse(data=pyoxigraph.serialize(member_state_quads(codes, B),
                                            format=pyoxigraph.RdfFormat.N_QUADS),
                  format="nquads")
    kosovo = URIRef(B + "member-state/XKX")
    assert [o for *_, o, _ in dataset.quads((kosovo, IOM.iso2, None, None))] == [Literal("XK")]
    assert not list(dataset.quads((kosovo, IOM.m49, None, None)))  # UN M49 gives it none
    report = assert_same_reports(dataset, shapes)
    assert report.conforms  # some states lack a Wikidata item (a warning), none a code
    assert {r.shape for r in report.results} <= {"iomsh:MemberState-wikidata-required"}


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_outcome_a_page_implies_by_its_outputs_alone_is_a_warning(tmp_path: Path,
                                                                 shapes: Graph) -> None:
    page = tmp_path / "pacific_climate_mobility_unlabeled.txt"
    text = (EXAMPLES / page.name).read_text(encoding="utf-8")
    page.write_text(text.replace(" (Outcome 1)", ""), encoding="utf-8")  # "(Output 1.1)" stays
    report = assert_same_reports(_pages_dataset([page]), shapes)
    assert report.conforms
    assert [(r.focus.rsplit("/", 2)[-2:], r.severity) for r in report.results
            if r.shape == "iomsh:Outcome-description-required"] == [(["outcome", "1"], "warning")]


IOM_ = "https://kg.example.org/iom/ontology#"
SPARQL_SHAPES = (
    "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix iom: <" + IOM_ + "> .\n"
    "<urn:test:implied> a sh:NodeShape ; sh:targetSubjectsOf iom:primaId ;\n"
    '  sh:sparql [ sh:message "{$this} has Prima ID {?value}" ;\n'
    '    sh:select "SELECT $this ?value WHERE { $this <' + IOM_ + 'primaId> ?value }" ] .\n'
    "<urn:test:not-implied> a sh:NodeShape ; sh:targetSubjectsOf iom:primaId ;\n"
    '  sh:sparql [ sh:message "{$this} may have a title" ; sh:select "SELECT $this WHERE '
    '{ OPTIONAL { $this <http://purl.org/dc/terms/title> ?t } }" ] .\n'
    "<urn:test:other-target> a sh:NodeShape ; sh:targetClass iom:Budget ;\n"
    '  sh:sparql [ sh:select "SELECT $this ?value WHERE { $this ?p ?value }" ] .\n'
    "<urn:test:class-implied> a sh:NodeShape ; sh:targetClass iom:Output ;\n"
    '  sh:sparql [ sh:select "SELECT $this ?value WHERE { $this a <' + IOM_ + 'Output> ; '
    '<' + IOM_ + 'resultNumber> ?value }" ] .\n')


def test_sparql_constraints_answer_for_their_focus_nodes_only(baseline: Graph) -> None:
    shapes = Graph().parse(data=SPARQL_SHAPES, format="turtle")
    report = assert_same_reports(baseline, shapes)
    assert {r.focus for r in report.results} == {str(PROJECT), str(BUDGET), str(OUTPUT),
                                                 str(PROJECT) + "/output/2.1"}


def test_a_focus_node_the_query_itself_requires_needs_no_focus_filter() -> None:
    targets = Targets(classes=(IOM_ + "Project",), subjects_of=(IOM_ + "acronym",))
    implied = [
        "SELECT $this WHERE { $this a iom:Project ; iom:x ?v }",
        "SELECT $this WHERE { $this iom:acronym ?a FILTER (?a != '') }",
        "SELECT $this ?o WHERE { { SELECT $this ?o WHERE { $this iom:x ?o } } "
        "$this a iom:Project }",
    ]
    not_implied = [
        "SELECT $this WHERE { $this a iom:Output }",  # another class
        "SELECT $this WHERE { ?other a iom:Project . $this iom:x ?other }",
        "SELECT $this WHERE { $this iom:x ?v OPTIONAL { $this a iom:Project } }",
        "SELECT $this WHERE { { SELECT $this WHERE { $this a iom:Project } } }",
    ]
    prefix = f"PREFIX iom: <{IOM_}> "
    assert all(focus_implied(prefix + text, targets) for text in implied)
    assert not any(focus_implied(prefix + text, targets) for text in not_implied)
    assert not focus_implied(prefix + implied[0], Targets(objects_of=(IOM_ + "x",)))


MONTH_ONLY_NEWS = (
    "Who We Are\nOur Work\nData and Research\n"
    "Lao Cai Border Guards Trained to Spot Signs of Labour Exploitation\n"
    "Lao Cai, 11/2017 – Forty border guards and commune officials from Lao Cai province "
    "finished a three-day course on screening migrants who cross to seek seasonal work, "
    "organised by IOM with the Border Guard Command of Lao Cai.\n"
    "The course belongs to the project \"Safe Seasonal Labour Migration in the Northern "
    "Border Provinces\" (2016-2018), funded by the IOM Development Fund.\n"
    "Trainees practised interviews at the Kim Thanh checkpoint and agreed on a contact list "
    "for referring people in need of help to provincial social services.\n")


def _month_only_news(tmp_path: Path) -> Dataset:
    page = tmp_path / "news_lao_cai_border_guards.txt"
    page.write_text(MONTH_ONLY_NEWS, encoding="utf-8")
    return _pages_dataset([page])


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_month_only_news_date_conforms_under_both_engines(tmp_path: Path,
                                                          shapes: Graph) -> None:
    dataset = _month_only_news(tmp_path)
    dates = [o for _, _, o, _ in dataset.quads((None, DCTERMS.date, None, None))]
    assert dates == [Literal("2017-11", datatype=XSD.gYearMonth)]
    report = assert_same_reports(dataset, shapes)
    assert report.conforms
    assert not [r for r in report.results if r.severity == "violation"]


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.parametrize("wrong", [Literal("2017", datatype=XSD.gYear), Literal("11/2017"),
                                   Literal("2017-11-01T00:00:00", datatype=XSD.dateTime)],
                         ids=["gYear", "plain string", "dateTime"])
def test_news_date_of_another_datatype_is_a_violation_under_both_engines(
        tmp_path: Path, shapes: Graph, wrong: Literal) -> None:
    dataset = _month_only_news(tmp_path)
    [(article, graph)] = {(s, g) for s, _, _, g in dataset.quads((None, DCTERMS.date, None))}
    dataset.graph(graph).set((article, DCTERMS.date, wrong))
    report = assert_same_reports(dataset, shapes)
    assert not report.conforms
    violations = [r for r in report.results if r.severity == "violation"]
    assert [(r.shape, r.constraint) for r in violations] == [
        ("iomsh:NewsArticle-date-single", "sh:OrConstraintComponent")]
    assert str(wrong) in (violations[0].value or "")


OR_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix iom: <https://kg.example.org/iom/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<urn:test:year-or-date> a sh:PropertyShape ; sh:targetClass iom:Project ;
    sh:path iom:fundingYear ;
    sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYearMonth ] ) .
<urn:test:id-form> a sh:PropertyShape ; sh:targetClass iom:Project ; sh:path iom:primaId ;
    sh:or ( [ sh:pattern "^[A-Z]{2}[0-9]{2}P[0-9]{4}$" ; sh:datatype xsd:string ]
            [ sh:nodeKind sh:IRI ] ) ;
    sh:or ( [ sh:maxLength 5 ] [ sh:minLength 9 ] ) ;
    sh:message "Prima ID of another form" .
<urn:test:title-in> a sh:PropertyShape ; sh:targetSubjectsOf dcterms:title ;
    sh:path dcterms:title ; sh:severity sh:Warning ;
    sh:or ( [ sh:languageIn ( "en" ) ] [ sh:in ( "Pacific" ) ] [ ] ) .
"""


def test_value_level_sh_or_gets_the_same_report_from_both_engines(baseline: Graph) -> None:
    shapes = Graph().parse(data=OR_SHAPES, format="turtle")
    graph = Graph()
    graph += baseline
    graph.set((PROJECT, IOM.fundingYear, Literal("2023-02", datatype=XSD.gYearMonth)))
    graph.add((NAMED, IOM.fundingYear, Literal("2023", datatype=XSD.gYear)))
    graph.add((NAMED, IOM.primaId, Literal("KI10P0007X")))  # long enough, wrong pattern
    graph.add((NAMED, IOM.primaId, Literal("KI10P0008", lang="en")))
    report = assert_same_reports(graph, shapes)
    assert sorted((r.focus, r.shape, r.value) for r in report.results) == [
        (str(NAMED), "<urn:test:id-form>", "'KI10P0007X'"),  # fails the first list only
        (str(NAMED), "<urn:test:id-form>", "'KI10P0008'@en"),
        (str(NAMED), "<urn:test:year-or-date>", "'2023'^^xsd:gYear"),
    ]  # the month on PROJECT passes; the empty shape lets every title pass


@pytest.mark.parametrize("shapes_text", [
    "<urn:test:s> a sh:PropertyShape ; sh:targetClass iom:Project ; sh:path iom:budget ;\n"
    "  sh:or ( [ sh:class iom:Budget ] [ sh:datatype xsd:string ] ) .",
    "<urn:test:s> a sh:PropertyShape ; sh:targetClass iom:Project ; sh:path iom:budget ;\n"
    "  sh:or ( [ sh:path iom:amount ; sh:minCount 1 ] [ sh:datatype xsd:string ] ) .",
    "<urn:test:s> a sh:NodeShape ; sh:targetClass iom:Project ; sh:datatype xsd:string .",
    "<urn:test:s> a sh:PropertyShape ; sh:targetClass iom:Project ; sh:path iom:budget ;\n"
    "  sh:node [ sh:datatype xsd:string ] .",
], ids=["class operand", "property operand", "targeted datatype", "datatype through sh:node"])
def test_sh_or_of_shapes_reading_more_than_the_value_is_refused(shapes_text: str) -> None:
    shapes = Graph().parse(data=(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . "
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . "
        "@prefix iom: <https://kg.example.org/iom/ontology#> .\n" + shapes_text),
        format="turtle")
    with pytest.raises(UnsupportedShapes):
        validate_graph_compiled(Graph(), shapes)
