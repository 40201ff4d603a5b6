"""Mapping records to quads: IRIs, literals, concepts, news links, and the parsed seed pages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from page_helpers import SEEDS_DIR

from kg.errors import UsageError
from kg.mapping import (
    ProjectIndex,
    link_records,
    map_record,
    map_record_nquads,
    map_records,
    member_state_quads,
    mention_rows,
    mint_graph_iri,
    mint_member_state_iri,
    mint_organisation_iri,
    mint_page_iri,
    mint_project_iri,
    ontology_quads,
    slug,
)
from kg.mapping.links import link_conflicts
from kg.mapping.terms import canonical_decimal
from kg.namespaces import DCTERMS, IOM, ISO639_1, OWL, PROV, RDF, RDFS, VOC, WD
from kg.records import (
    Budget,
    MemberState,
    NewsArticle,
    Organisation,
    Outcome,
    Output,
    ProjectMention,
    ProjectPage,
    Source,
)
from kg.reference.countries import gazetteer

B = "https://kg.example.org/iom/"
XSD_IRI = "http://www.w3.org/2001/XMLSchema#"
SHA_000 = "fcc7f4535810e7902f96ff694e1b0b3e27cfd11cdbe0b00a7eca5b2792771815"
SHA_001 = "ee8d6ebf8686ff031d96108782c7a556404663513cbfa14a8cf844bcf7eeac0d"
SHA_003 = "ec735be5c3be4732f4edb3d5fd1bd028ffc8b29972def18122a482bf3877d11a"
SHA_004 = "01089427d12d27bcdac7e4a9fc0d062d36e56df27426a5f8812bb42ad4ec42b9"
SEEDS = SEEDS_DIR


def _state(iso3: str, written: str | None = None):
    country = gazetteer().countries[iso3]
    return country.member_state(written or country.name)


def vanuatu_project() -> ProjectPage:
    """Seed 000: a national project with a results chain and one organisation."""
    return ProjectPage(
        source=Source("seeds/000_cebd6cafa097de25.txt", SHA_000),
        title="Vanuatu: Piloting Implementation of the National Action Plan to Combat "
              "Trafficking in Persons",
        project_type="Protection and Assistance to Vulnerable Migrants",
        budget=Budget(Decimal("300000.00")), coverage="National", year=2024,
        idf_region="Asia and Oceania", prima_id="VU10P0543",
        member_states=[_state("VUT", "Vanuatu")],
        narrative="The ministry launched a national action plan in 2024.",
        objective="Support the national action plan against trafficking in persons",
        outcomes=[Outcome("1", "The government adopts new mechanisms", [
            Output("1.1", "A national communication strategy"),
            Output("1.2", "Public awareness messages"),
        ])],
        organisations=[Organisation("Ministry of Internal Affairs", "implementing", "MoIA")],
    )


def pacific_project() -> ProjectPage:
    """Seed 001: a regional project with start and end years and a Projects ID."""
    return ProjectPage(
        source=Source("seeds/001_3d35783f8ae43f29.txt", SHA_001),
        title="Migrant Assistance and Protection in the Pacific",
        project_type="Protection and Assistance to Vulnerable Migrants",
        budget=Budget(Decimal("400000.00")), coverage="Regional", year=2020, start_year=2021,
        end_year=2024, status="Active", idf_region="Asia and Oceania", prima_id="FJ10P0514",
        projects_id="PX.0220",
        member_states=[_state("FJI"), _state("TON"), _state("VUT")],
    )


def saint_lucia_project() -> ProjectPage:
    """Seed 003: a completed national counter-trafficking project."""
    return ProjectPage(
        source=Source("seeds/003_a5bc3b38f83e9522.txt", SHA_003),
        title="Building the Capacity of the Government of Saint Lucia and Promoting Awareness "
              "to Address Trafficking",
        project_type="Counter Trafficking Projects", budget=Budget(Decimal("105000.00")),
        coverage="National", year=2016, start_year=2016, end_year=2019, status="Completed",
        idf_region="Latin America and the Caribbean", prima_id="GY10P0001",
        projects_id="CT.1003", member_states=[_state("LCA")],
    )


def viet_nam_news() -> NewsArticle:
    """Seed 004: a news article naming one project, organisations and Viet Nam."""
    return NewsArticle(
        source=Source("seeds/004_34cabcb3ec87c021.txt", SHA_004),
        title="An Interagency Approach to Combat Human Trafficking and Tackle Modern Slavery "
              "from Viet Nam",
        published="2021-11-29", place="Ha Noi", body="A closing workshop was held.",
        projects=[ProjectMention("Tackling Modern Slavery from Viet Nam", "TMSV", 2018, 2021)],
        organisations=[
            Organisation("Ministry of Public Security"),
            Organisation("UK Home Office", "funding"),
            Organisation("British Council", "partner"),
        ],
        countries=[_state("VNM", "Viet Nam")],
    )


def realistic_records() -> list[ProjectPage | NewsArticle]:
    """The seed facts as records, as the parser gives them."""
    return [vanuatu_project(), pacific_project(), saint_lucia_project(), viet_nam_news()]


def _objects(quads: list[ox.Quad], subject: ox.NamedNode, predicate: ox.NamedNode) -> list:
    return [q.object for q in quads if q.subject == subject and q.predicate == predicate]


def _to_rdflib(quads: list[ox.Quad]) -> rdflib.Graph:
    """The quads' triples read back by another RDF library (graph names dropped)."""
    data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES).decode()
    return rdflib.Graph().parse(data=data, format="nt")


# IRIs


def test_project_iri_comes_from_prima_id() -> None:
    assert mint_project_iri(vanuatu_project(), B).value == f"{B}project/VU10P0543"


def test_project_without_prima_id_falls_back_to_projects_id_then_page() -> None:
    record = pacific_project()
    record.prima_id = None
    assert mint_project_iri(record, B).value == f"{B}project/PX.0220"
    record.projects_id = None
    assert mint_project_iri(record, B).value == f"{B}project/page-{SHA_001[:12]}"


def test_two_projects_with_the_same_title_get_different_iris() -> None:
    first, second = vanuatu_project(), vanuatu_project()
    second.prima_id = "VU10P0600"
    third = vanuatu_project()
    third.prima_id = None
    third.source = Source("other.txt", "ab" * 32)
    iris = {mint_project_iri(r, B) for r in (first, second, third)}
    assert len(iris) == 3


def test_odd_identifiers_are_percent_encoded_not_merged() -> None:
    record = vanuatu_project()
    record.prima_id = "VU10 P0543/B"
    assert mint_project_iri(record, B).value == f"{B}project/VU10%20P0543%2FB"


def test_other_minted_iris_follow_the_graph_model() -> None:
    assert mint_member_state_iri("vut", B).value == f"{B}member-state/VUT"
    assert mint_organisation_iri("Ministry of Internal Affairs", B).value == \
        f"{B}organisation/ministry-of-internal-affairs"
    assert mint_page_iri("34CABCB3EC87C021FFFF", B).value == f"{B}page/34cabcb3ec87c021"
    assert mint_graph_iri("ontology", B).value == f"{B}graph/ontology"


def test_slug_folds_accents_case_and_punctuation() -> None:
    assert slug("Ministère de l'Intérieur") == "ministere-de-l-interieur"
    assert slug("  UK Home Office – Modern Slavery Fund ") == "uk-home-office-modern-slavery-fund"
    assert slug("Mise en œuvre") == "mise-en-oeuvre"


def test_base_without_trailing_slash_is_normalised() -> None:
    quads = map_record(vanuatu_project(), "https://data.example.net/kg")
    project = ox.NamedNode("https://data.example.net/kg/project/VU10P0543")
    assert project in {q.subject for q in quads}


def test_bad_base_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        map_record(vanuatu_project(), "not an iri")


@pytest.mark.parametrize("base", ["https://data.example.net/kg#", "https://data.example.net/kg#x/",
                                  "https://data.example.net/kg?v=1/"])
def test_a_base_with_a_fragment_or_query_is_a_usage_error(base: str) -> None:
    # minted IRIs are paths under the base: "kg#" would make every resource a fragment of one
    # document ("kg#/project/VU10P0543"), which no server can answer one by one
    with pytest.raises(UsageError, match="fragment"):
        map_record(vanuatu_project(), base)


# Quads of a project page


def test_every_quad_is_in_the_named_graph_of_its_page() -> None:
    record = vanuatu_project()
    page = mint_page_iri(record.source.sha256, B)
    assert {q.graph_name for q in map_record(record, B)} == {page}


def test_mapping_the_same_record_twice_gives_identical_quads() -> None:
    assert map_record(vanuatu_project(), B) == map_record(vanuatu_project(), B)
    assert map_records(realistic_records(), B) == map_records(realistic_records(), B)


def test_no_blank_nodes_anywhere() -> None:
    quads = map_records(realistic_records(), B) + ontology_quads(mint_graph_iri("ontology", B))
    for quad in quads:
        assert not isinstance(quad.subject, ox.BlankNode)
        assert not isinstance(quad.object, ox.BlankNode)


def test_project_is_typed_and_derived_from_its_page() -> None:
    record = vanuatu_project()
    quads = map_record(record, B)
    project = ox.NamedNode(f"{B}project/VU10P0543")
    assert set(_objects(quads, project, RDF.type)) == {IOM.Project, IOM.DevelopmentFundProject}
    assert _objects(quads, project, PROV.wasDerivedFrom) == [mint_page_iri(record.source.sha256, B)]


def test_literal_datatypes_read_back_with_rdflib() -> None:
    dataset = _to_rdflib(map_record(pacific_project(), B))
    project = rdflib.URIRef(f"{B}project/FJ10P0514")
    budget = rdflib.URIRef(f"{B}project/FJ10P0514/budget")
    amount = dataset.value(budget, rdflib.URIRef(IOM.amount.value))
    assert (str(amount), str(amount.datatype)) == ("400000", f"{XSD_IRI}decimal")
    assert amount.toPython() == Decimal("400000")
    for term, year in (("fundingYear", "2020"), ("startYear", "2021"), ("endYear", "2024")):
        value = dataset.value(project, rdflib.URIRef(IOM[term].value))
        assert (str(value), str(value.datatype)) == (year, f"{XSD_IRI}gYear")
    title = dataset.value(project, rdflib.URIRef(DCTERMS.title.value))
    assert title.language == "en"
    prima_id = dataset.value(project, rdflib.URIRef(IOM.primaId.value))
    assert prima_id.language is None
    assert str(prima_id.datatype or f"{XSD_IRI}string") == f"{XSD_IRI}string"


def test_text_with_quotes_backslashes_and_line_breaks_survives_exactly() -> None:
    record = vanuatu_project()
    record.title = 'The "Safe Migration" plan \\ phase 2'
    record.narrative = "First paragraph.\r\nSecond paragraph, with a tab\there."
    quads = map_record(record, B)
    project = ox.NamedNode(f"{B}project/VU10P0543")
    assert _objects(quads, project, DCTERMS.title)[0].value == record.title
    assert _objects(quads, project, DCTERMS.description)[0].value == record.narrative


def test_nquads_text_holds_the_same_quads_in_the_same_order() -> None:
    record = viet_nam_news()
    text = map_record_nquads(record, B)
    parsed = list(ox.parse(text, format=ox.RdfFormat.N_QUADS))
    assert parsed == map_record(record, B)
    assert len(text.splitlines()) == len(parsed)


def test_decimal_amounts_are_written_in_canonical_form() -> None:
    assert canonical_decimal(Decimal("300000.00")) == "300000"
    assert canonical_decimal(Decimal("12.50")) == "12.5"
    assert canonical_decimal(Decimal("1E+3")) == "1000"
    assert canonical_decimal(Decimal("-0.00")) == "0"


def test_canonical_decimal_survives_a_store_round_trip() -> None:
    store = ox.Store()
    store.extend(map_record(vanuatu_project(), B))
    amounts = [q.object for q in store.quads_for_pattern(None, IOM.amount, None)]
    assert amounts == _objects(map_record(vanuatu_project(), B),
                               ox.NamedNode(f"{B}project/VU10P0543/budget"), IOM.amount)


def test_concept_values_map_to_vocabulary_iris() -> None:
    quads = map_record(saint_lucia_project(), B)
    project = ox.NamedNode(f"{B}project/GY10P0001")
    assert _objects(quads, project, IOM.projectType) == [VOC["project-type/counter-trafficking"]]
    assert _objects(quads, project, IOM.idfRegion) == [VOC["idf-region/latin-america-caribbean"]]
    assert _objects(quads, project, IOM.coverage) == [VOC["coverage/national"]]
    assert _objects(quads, project, IOM.status) == [VOC["status/completed"]]


def test_concept_values_in_french_find_the_same_concepts() -> None:
    record = pacific_project()
    record.language, record.status, record.coverage = "fr", "En cours", "Régional"
    quads = map_record(record, B)
    project = ox.NamedNode(f"{B}project/FJ10P0514")
    assert _objects(quads, project, IOM.status) == [VOC["status/active"]]
    assert _objects(quads, project, IOM.coverage) == [VOC["coverage/regional"]]
    assert _objects(quads, project, DCTERMS.title)[0].language == "fr"


def test_unknown_concept_value_writes_no_triple() -> None:
    record = pacific_project()
    record.status = "Half finished"
    quads = map_record(record, B)
    assert not _objects(quads, ox.NamedNode(f"{B}project/FJ10P0514"), IOM.status)
    assert all("status/half" not in str(q.object) for q in quads)


def test_member_state_carries_labels_codes_and_wikidata_link_in_its_own_graph() -> None:
    page_quads = map_record(vanuatu_project(), B)
    vut = ox.NamedNode(f"{B}member-state/VUT")
    assert not _objects(page_quads, vut, RDFS.label), "member states are not page facts"
    quads = map_records([vanuatu_project()], B)
    assert {q.graph_name for q in quads if q.subject == vut} == {
        mint_graph_iri("member-states", B)}
    labels = {(lit.value, lit.language) for lit in _objects(quads, vut, RDFS.label)}
    assert labels == {("Vanuatu", "en"), ("Vanuatu", "fr"), ("Vanuatu", "es")}
    assert [lit.value for lit in _objects(quads, vut, IOM.iso3)] == ["VUT"]
    assert [lit.value for lit in _objects(quads, vut, IOM.iso2)] == ["VU"]
    assert [lit.value for lit in _objects(quads, vut, IOM.m49)] == ["548"]
    assert _objects(quads, vut, OWL.sameAs) == [WD.Q686]


def test_member_state_missing_from_the_gazetteer_is_named_but_not_described() -> None:
    record = pacific_project()
    record.member_states = [MemberState("Atlantis", "ATL", wikidata="Q1"), _state("TON")]
    quads = map_records([record], B)
    node = ox.NamedNode(f"{B}member-state/ATL")
    assert node in _objects(quads, ox.NamedNode(f"{B}project/FJ10P0514"),
                            IOM.benefitingMemberState)
    assert not [q for q in quads if q.subject == node], "no country is made up from a code"
    assert _objects(quads, ox.NamedNode(f"{B}member-state/TON"), RDF.type) == [IOM.MemberState]


def test_member_states_graph_describes_only_codes_of_the_reference_table() -> None:
    quads = member_state_quads(["ATL", " vut ", "XXX"], B)
    assert {q.subject.value for q in quads} == {f"{B}member-state/VUT"}
    assert member_state_quads(["XXX"], B) == []


def test_member_state_named_twice_is_described_once() -> None:
    record = pacific_project()
    record.member_states.append(_state("VUT", "Republic of Vanuatu"))
    quads = map_record(record, B)
    assert len(quads) == len(set(quads))
    assert len(_objects(quads, ox.NamedNode(f"{B}project/FJ10P0514"),
                        IOM.benefitingMemberState)) == 3


def test_results_chain_has_numbered_outcomes_and_outputs() -> None:
    quads = map_record(vanuatu_project(), B)
    project = ox.NamedNode(f"{B}project/VU10P0543")
    outcome = ox.NamedNode(f"{B}project/VU10P0543/outcome/1")
    assert _objects(quads, project, IOM.hasOutcome) == [outcome]
    assert _objects(quads, project, IOM.hasObjective) == [
        ox.NamedNode(f"{B}project/VU10P0543/objective")]
    assert _objects(quads, outcome, IOM.hasOutput) == [
        ox.NamedNode(f"{B}project/VU10P0543/output/1.1"),
        ox.NamedNode(f"{B}project/VU10P0543/output/1.2"),
    ]
    assert not _objects(quads, project, IOM.hasOutput)  # outputs of an outcome hang from it
    output = ox.NamedNode(f"{B}project/VU10P0543/output/1.2")
    assert [lit.value for lit in _objects(quads, output, IOM.resultNumber)] == ["1.2"]


def test_unnumbered_outcome_is_numbered_by_position_without_result_number() -> None:
    record = vanuatu_project()
    record.outcomes = [Outcome("", "Mechanisms adopted", [Output("", "A strategy")])]
    quads = map_record(record, B)
    outcome = ox.NamedNode(f"{B}project/VU10P0543/outcome/1")
    assert _objects(quads, outcome, IOM.hasOutput) == [
        ox.NamedNode(f"{B}project/VU10P0543/output/1.1")]
    assert not _objects(quads, outcome, IOM.resultNumber)


def test_participation_carries_each_role_of_an_organisation_once() -> None:
    record = vanuatu_project()
    record.organisations = [
        Organisation("Ministry of Internal Affairs", "implementing", "MoIA"),
        Organisation("Ministry of Internal Affairs", "Partner"),
        Organisation("Ministry of Internal Affairs", "implementing"),
    ]
    quads = map_record(record, B)
    part = ox.NamedNode(f"{B}project/VU10P0543/participation/ministry-of-internal-affairs")
    org = ox.NamedNode(f"{B}organisation/ministry-of-internal-affairs")
    assert set(_objects(quads, part, IOM.role)) == {
        VOC["organisation-role/implementing"], VOC["organisation-role/partner"]}
    assert _objects(quads, part, IOM.organisation) == [org]
    assert [lit.value for lit in _objects(quads, org, IOM.acronym)] == ["MoIA"]
    assert len(quads) == len(set(quads))


def test_source_page_keeps_path_digest_and_language() -> None:
    record = vanuatu_project()
    quads = map_record(record, B)
    page = mint_page_iri(record.source.sha256, B)
    assert _objects(quads, page, RDF.type) == [IOM.SourcePage]
    assert [lit.value for lit in _objects(quads, page, IOM.sourcePath)] == [record.source.path]
    assert [lit.value for lit in _objects(quads, page, IOM.sha256)] == [record.source.sha256]
    assert _objects(quads, page, DCTERMS.language) == [ISO639_1.en]


@pytest.mark.parametrize(("language", "expected"), [
    ("fr", [ISO639_1.fr]), ("es", [ISO639_1.es]), ("en-GB", [ISO639_1.en]),
    ("fil", []),  # no two-letter code: no dcterms:language (the text keeps its tag)
    ("english", []),
])
def test_page_language_is_an_iso_639_1_iri(language: str, expected: list) -> None:
    record = vanuatu_project()
    record.language = language
    page = mint_page_iri(record.source.sha256, B)
    assert _objects(map_record(record, B), page, DCTERMS.language) == expected


# News articles


def test_news_article_links_its_unmatched_project_organisations_and_countries() -> None:
    record = viet_nam_news()
    quads = map_records(realistic_records(), B)
    page = mint_page_iri(record.source.sha256, B)
    named = ox.NamedNode(f"{B}project/named-tackling-modern-slavery-from-viet-nam--tmsv--2018-2021")
    assert set(_objects(quads, page, RDF.type)) == {IOM.SourcePage, IOM.NewsArticle}
    assert _objects(quads, page, IOM.mentionsProject) == [named]
    assert _objects(quads, page, IOM.mentionsCountry) == [ox.NamedNode(f"{B}member-state/VNM")]
    assert ox.NamedNode(f"{B}organisation/uk-home-office") in _objects(
        quads, page, IOM.mentionsOrganisation)
    assert _objects(quads, page, DCTERMS.date) == [
        ox.Literal("2021-11-29", datatype=ox.NamedNode(f"{XSD_IRI}date"))]
    assert _objects(quads, page, IOM.namesProject) == [named]
    assert set(_objects(quads, named, RDF.type)) == {IOM.ProjectMention, IOM.Project}
    assert [lit.value for lit in _objects(quads, named, IOM.acronym)] == ["TMSV"]
    assert [lit.value for lit in _objects(quads, named, IOM.startYear)] == ["2018"]
    assert [lit.value for lit in _objects(quads, named, IOM.endYear)] == ["2021"]


def test_news_mention_matches_a_project_by_title_ignoring_case_and_punctuation() -> None:
    news = viet_nam_news()
    news.projects = [ProjectMention("migrant assistance & protection in the pacific!")]
    quads = map_records([pacific_project(), news], B)
    page = mint_page_iri(news.source.sha256, B)
    assert _objects(quads, page, IOM.mentionsProject) == [ox.NamedNode(f"{B}project/FJ10P0514")]
    mention = ox.NamedNode(f"{B}project/named-migrant-assistance-protection-in-the-pacific")
    assert _objects(quads, page, IOM.namesProject) == [mention]
    assert _objects(quads, mention, RDF.type) == [IOM.ProjectMention]


def test_news_mention_matches_a_title_without_its_country_prefix_or_by_acronym() -> None:
    index = ProjectIndex.from_records([vanuatu_project(), saint_lucia_project()], B)
    mention = ProjectMention("Piloting Implementation of the National Action Plan to Combat "
                             "Trafficking in Persons")
    assert index.find(mention) == ox.NamedNode(f"{B}project/VU10P0543")
    titled = pacific_project()
    titled.title = "Tackling Modern Slavery from Viet Nam (TMSV)"
    index.add(titled)
    assert index.find(ProjectMention("The TMSV project", "TMSV")) == \
        ox.NamedNode(f"{B}project/FJ10P0514")


def test_years_pick_between_projects_with_the_same_title() -> None:
    earlier, later = saint_lucia_project(), saint_lucia_project()
    later.prima_id, later.start_year, later.end_year = "GY10P0099", 2020, 2022
    later.source = Source("seeds/later.txt", "cd" * 32)
    index = ProjectIndex.from_records([earlier, later], B)
    title = earlier.title or ""
    assert index.find(ProjectMention(title, None, 2020, 2022)) == \
        ox.NamedNode(f"{B}project/GY10P0099")
    assert index.find(ProjectMention(title, None, 2016, None)) == \
        ox.NamedNode(f"{B}project/GY10P0001")
    assert index.find(ProjectMention(title)) is None  # ambiguous: minted from the mention


DATA_SYSTEMS = "Strengthening Migration Data Systems in the Eastern Caribbean"


def data_systems_pages() -> list[ProjectPage]:
    """Three pages of one title written for the tests: 2024-2028, 2024-2026 and undated."""
    pages = []
    for prima_id, iso3, start, end in [("DM10P0301", "DMA", 2024, 2028),
                                       ("GD10P0302", "GRD", 2024, 2026),
                                       ("VC10P0303", "VCT", None, None)]:
        pages.append(ProjectPage(
            source=Source(f"pages/{prima_id}.txt", prima_id.encode().hex().ljust(64, "0")),
            title=DATA_SYSTEMS, project_type="Migration Policy and Research",
            budget=Budget(Decimal("180000.00")), coverage="National", year=2024,
            start_year=start, end_year=end, status="Active",
            idf_region="Latin America and the Caribbean", prima_id=prima_id,
            member_states=[_state(iso3)],
        ))
    return pages


def _in_both_orders(pages: list[ProjectPage]) -> list[ProjectIndex]:
    return [ProjectIndex.from_records(pages, B), ProjectIndex.from_records(pages[::-1], B)]


def test_the_page_whose_years_agree_wins_over_a_same_titled_page_without_years() -> None:
    for index in _in_both_orders(data_systems_pages()):
        assert index.find(ProjectMention(DATA_SYSTEMS, None, 2024, 2028)) == \
            ox.NamedNode(f"{B}project/DM10P0301")
        assert index.find(ProjectMention(DATA_SYSTEMS, None, 2024, 2026)) == \
            ox.NamedNode(f"{B}project/GD10P0302")
        assert index.find(ProjectMention(DATA_SYSTEMS, None, None, 2026)) == \
            ox.NamedNode(f"{B}project/GD10P0302")


def test_years_two_same_titled_pages_agree_with_are_ambiguous() -> None:
    for index in _in_both_orders(data_systems_pages()):
        assert index.find(ProjectMention(DATA_SYSTEMS, None, 2024, None)) is None


def test_a_mention_without_years_of_three_same_titled_pages_is_ambiguous() -> None:
    for index in _in_both_orders(data_systems_pages()):
        assert index.find(ProjectMention(DATA_SYSTEMS)) is None


def test_years_no_page_gives_match_only_a_page_they_do_not_contradict() -> None:
    dated = data_systems_pages()[:2]
    for index in _in_both_orders(dated):
        assert index.find(ProjectMention(DATA_SYSTEMS, None, 2019, 2021)) is None
        assert index.find(ProjectMention(DATA_SYSTEMS, None, 2024, 2030)) is None
    # With no page agreeing, the undated page is the one the years do not contradict.
    for index in _in_both_orders(data_systems_pages()):
        assert index.find(ProjectMention(DATA_SYSTEMS, None, 2019, 2021)) == \
            ox.NamedNode(f"{B}project/VC10P0303")


def test_links_to_same_titled_pages_do_not_depend_on_the_order_of_the_pages() -> None:
    news = NewsArticle(
        source=Source("news/data-systems.txt", "ab" * 32),
        title="Eastern Caribbean Statistics Offices Compare Migration Profiles",
        published="2025-05-14", place="Roseau",
        body="Statisticians from Dominica and Grenada compared their border-crossing registers.",
        projects=[ProjectMention(DATA_SYSTEMS, None, 2024, 2028),
                  ProjectMention(DATA_SYSTEMS, None, 2024, 2026), ProjectMention(DATA_SYSTEMS)],
        countries=[_state("DMA"), _state("GRD")],
    )
    pages = data_systems_pages()
    forward = link_records([*pages, news], B)
    assert forward == link_records([news, *pages[::-1]], B)
    page = mint_page_iri(news.source.sha256, B)
    assert set(_objects(forward, page, IOM.mentionsProject)) == {
        ox.NamedNode(f"{B}project/DM10P0301"), ox.NamedNode(f"{B}project/GD10P0302"),
        ox.NamedNode(f"{B}project/named-{slug(DATA_SYSTEMS)}")}


def test_a_news_page_graph_does_not_depend_on_the_other_pages() -> None:
    news = viet_nam_news()
    news.projects = [ProjectMention("Migrant Assistance and Protection in the Pacific")]
    alone = map_record(news, B)
    together = [q for q in map_records([pacific_project(), news], B)
                if q.graph_name == mint_page_iri(news.source.sha256, B)]
    assert alone == together


def belize_news(name: str, published: str, mention: ProjectMention,
                title: str = "Belize Trains Border Officers on Referral of Vulnerable Migrants",
                language: str = "en") -> NewsArticle:
    """A news article written for the tests, naming one project no page describes."""
    return NewsArticle(
        source=Source(f"news/{name}.txt", name.encode().hex().ljust(64, "0")[:64]),
        title=title, language=language, published=published, place="Belmopan",
        body="Border officers of the Immigration Department finished a week of training.",
        projects=[mention], countries=[_state("BLZ", "Belize")],
    )


def _mentioned(quads: list[ox.Quad], record: NewsArticle) -> ox.NamedNode:
    """The one project the article mentions (``iom:mentionsProject``)."""
    [project] = _objects(quads, mint_page_iri(record.source.sha256, B), IOM.mentionsProject)
    return project


def test_articles_naming_different_projects_with_one_title_get_a_node_each() -> None:
    title = "Coordinated Border Response in Belize"
    first = belize_news("first", "2016-03-04", ProjectMention(title, None, 2015, 2017))
    second = belize_news("second", "2022-10-09", ProjectMention(title, "CBRB", 2021, 2023))
    quads = map_records([first, second], B)
    one, other = _mentioned(quads, first), _mentioned(quads, second)
    assert one != other
    assert one.value == f"{B}project/named-coordinated-border-response-in-belize--2015-2017"
    assert other.value == \
        f"{B}project/named-coordinated-border-response-in-belize--cbrb--2021-2023"
    for node, start, end in ((one, "2015", "2017"), (other, "2021", "2023")):
        assert IOM.Project in _objects(quads, node, RDF.type)
        assert [lit.value for lit in _objects(quads, node, IOM.startYear)] == [start]
        assert [lit.value for lit in _objects(quads, node, IOM.endYear)] == [end]


def test_articles_naming_the_same_project_share_one_node() -> None:
    mention = ProjectMention("Coordinated Border Response in Belize (CBRB)", None, 2015, None)
    english = belize_news("english", "2016-03-04", mention)
    spanish = belize_news("spanish", "2016-11-21", ProjectMention(
        "Coordinated Border Response in Belize (CBRB)", "CBRB", 2015, None),
        "Belice abre un punto de derivación de migrantes en la frontera", "es")
    quads = map_records([english, spanish], B)
    node = _mentioned(quads, english)
    assert node == _mentioned(quads, spanish)
    assert node.value == f"{B}project/named-coordinated-border-response-in-belize-cbrb--from-2015"
    assert {lit.value for lit in _objects(quads, node, IOM.startYear)} == {"2015"}
    assert {lit.language for lit in _objects(quads, node, DCTERMS.title)} == {"en", "es"}


def test_ontology_quads_live_in_the_ontology_graph() -> None:
    graph = mint_graph_iri("ontology", B)
    quads = ontology_quads(graph)
    assert {q.graph_name for q in quads} == {graph}
    assert ox.Quad(IOM.Project, RDF.type, OWL.Class, graph) in quads
    assert ox.Quad(VOC["status/active"], RDF.type,
                   ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept"), graph) in quads


# News mentions that give a Prima ID

BALKANS = "Strengthening Border Management in the Western Balkans"
BALKANS_DATA = "Border Data Exchange in the Western Balkans"


def balkans_projects() -> list[ProjectPage]:
    """Border projects written for the tests: two with a Prima ID, one with a Projects ID only."""
    pages = []
    for prima_id, projects_id, title, iso3s, start, end in [
            ("GE10P0377", None, BALKANS, ("ALB", "MNE"), 2019, 2021),
            ("CT10P0048", None, BALKANS_DATA, ("SRB", "MKD"), 2022, 2024),
            (None, "PX.0123", "Joint Patrols on the Drina", ("BIH", "SRB"), 2020, 2022)]:
        key = prima_id or projects_id or ""
        pages.append(ProjectPage(
            source=Source(f"pages/{key}.txt", key.encode().hex().ljust(64, "0")),
            title=title, project_type="Immigration and Border Management",
            budget=Budget(Decimal("250000.00")), coverage="Regional", year=start,
            start_year=start, end_year=end, status="Completed", idf_region="Europe",
            prima_id=prima_id, projects_id=projects_id,
            member_states=[_state(iso3) for iso3 in iso3s],
        ))
    return pages


def balkans_news(mention: ProjectMention, name: str = "tirana") -> NewsArticle:
    """A news article written for the tests, naming one border project."""
    return NewsArticle(
        source=Source(f"news/{name}.txt", name.encode().hex().ljust(64, "0")[:64]),
        title="Albanian and Montenegrin Border Police Patrol Together",
        published="2021-06-17", place="Tirana",
        body="Border police from Albania and Montenegro patrolled the lake shore together.",
        projects=[mention], countries=[_state("ALB"), _state("MNE")],
    )


def test_a_news_mention_states_the_prima_id_the_article_gives() -> None:
    news = balkans_news(ProjectMention(BALKANS, "SBM-WB", 2019, 2021, "GE10P0377"))
    quads = map_record(news, B)
    node = ox.NamedNode(f"{B}project/named-{slug(BALKANS)}--sbm-wb--2019-2021--GE10P0377")
    assert _objects(quads, mint_page_iri(news.source.sha256, B), IOM.namesProject) == [node]
    assert _objects(quads, node, IOM.primaId) == [ox.Literal("GE10P0377")]


def test_articles_giving_one_title_different_prima_ids_get_a_node_each() -> None:
    first = balkans_news(ProjectMention(BALKANS, None, None, None, "GE10P0377"), "first")
    second = balkans_news(ProjectMention(BALKANS, None, None, None, "RS10P0402"), "second")
    quads = map_records([first, second], B)
    one, other = _mentioned(quads, first), _mentioned(quads, second)
    assert one.value == f"{B}project/named-{slug(BALKANS)}--GE10P0377"
    assert other.value == f"{B}project/named-{slug(BALKANS)}--RS10P0402"
    assert [lit.value for lit in _objects(quads, one, IOM.primaId)] == ["GE10P0377"]
    assert [lit.value for lit in _objects(quads, other, IOM.primaId)] == ["RS10P0402"]


def test_a_prima_id_and_the_exact_title_link_to_that_project() -> None:
    index = ProjectIndex.from_records(balkans_projects(), B)
    mention = ProjectMention(BALKANS, None, 2019, 2021, "GE10P0377")
    assert index.find(mention) == ox.NamedNode(f"{B}project/GE10P0377")


def test_a_prima_id_links_a_mention_whatever_its_title_and_years_say() -> None:
    for index in _in_both_orders(balkans_projects()):
        for mention in (ProjectMention("Western Balkans Border Management", None, None, None,
                                       "GE10P0377"),
                        ProjectMention("the border project", "SBM", 2020, 2023, "GE10P0377")):
            assert index.find(mention) == ox.NamedNode(f"{B}project/GE10P0377")


def test_a_prima_id_no_page_has_falls_back_to_the_title_and_years() -> None:
    index = ProjectIndex.from_records(balkans_projects(), B)
    assert index.find(ProjectMention("Joint Patrols on the Drina", None, 2020, 2022,
                                     "BA10P0999")) == ox.NamedNode(f"{B}project/PX.0123")
    assert index.find(ProjectMention(BALKANS, None, 2019, 2021, "RS10P0402")) == \
        ox.NamedNode(f"{B}project/GE10P0377")
    assert index.find(ProjectMention("Coastal Patrols", None, None, None, "RS10P0402")) is None


def test_when_the_prima_id_and_the_title_name_two_projects_the_prima_id_wins() -> None:
    news = balkans_news(ProjectMention(BALKANS_DATA, None, None, None, "GE10P0377"))
    quads = map_records([*balkans_projects(), news], B)
    assert _mentioned(quads, news) == ox.NamedNode(f"{B}project/GE10P0377")


def test_a_prima_id_and_a_name_that_point_at_different_projects_are_reported() -> None:
    agreeing = balkans_news(ProjectMention(BALKANS, None, 2019, 2021, "GE10P0377"), "agreeing")
    shortened = balkans_news(ProjectMention("Border Management in the Balkans", None, None,
                                            None, "GE10P0377"), "shortened")
    other_title = balkans_news(ProjectMention(BALKANS_DATA, None, None, None, "GE10P0377"),
                               "other-title")
    unknown_id = balkans_news(ProjectMention(BALKANS, None, 2019, 2021, "RS10P0402"),
                              "unknown-id")
    unknown_no_prima = balkans_news(ProjectMention("Joint Patrols on the Drina", None, None,
                                                   None, "BA10P0999"), "unknown-no-prima")
    records = [*balkans_projects(), agreeing, shortened, other_title, unknown_id,
               unknown_no_prima]
    conflicts = link_conflicts(mention_rows(records, B), ProjectIndex.from_records(records, B))
    assert [(conflict.page, conflict.linked, conflict.other) for conflict in conflicts] == [
        (mint_page_iri(other_title.source.sha256, B), ox.NamedNode(f"{B}project/GE10P0377"),
         ox.NamedNode(f"{B}project/CT10P0048")),
        (mint_page_iri(unknown_id.source.sha256, B), ox.NamedNode(f"{B}project/GE10P0377"),
         None),
    ]
    by_id, by_name = (conflict.message for conflict in conflicts)
    assert "GE10P0377" in by_id and "CT10P0048" in by_id and BALKANS_DATA in by_id
    assert "RS10P0402" in by_name and "GE10P0377" in by_name


# The parsed seed pages


@pytest.fixture(scope="module")
def parsed_projects() -> list[ProjectPage]:
    parse = pytest.importorskip("kg.parse")
    from kg.sources import read_source

    pages = sorted(SEEDS.glob("00[0-3]_*.txt"))
    if len(pages) < 4:
        pytest.skip("seed pages not available")
    return [parse.parse_page(read_source(path)) for path in pages]


def test_parsed_seed_projects_get_iris_from_their_prima_ids(parsed_projects) -> None:
    iris = [mint_project_iri(record, B).value for record in parsed_projects]
    assert iris == [f"{B}project/{pid}"
                    for pid in ("VU10P0543", "FJ10P0514", "FJ10P0532", "GY10P0001")]


def test_parsed_seeds_map_to_the_same_quads_on_every_run(parsed_projects) -> None:
    from kg.parse import parse_page
    from kg.sources import read_source

    again = [parse_page(read_source(SEEDS / Path(r.source.path).name)) for r in parsed_projects]
    assert map_records(parsed_projects, B) == map_records(again, B)


def test_parsed_seed_literals_have_the_right_datatypes(parsed_projects) -> None:
    dataset = _to_rdflib(map_records(parsed_projects, B))
    datatypes = {
        IOM.amount.value: f"{XSD_IRI}decimal", IOM.fundingYear.value: f"{XSD_IRI}gYear",
        IOM.startYear.value: f"{XSD_IRI}gYear", IOM.endYear.value: f"{XSD_IRI}gYear",
    }
    seen = set()
    for _, predicate, obj in dataset:
        assert not isinstance(obj, rdflib.BNode)
        if str(predicate) in datatypes:
            assert str(obj.datatype) == datatypes[str(predicate)], (predicate, obj)
            seen.add(str(predicate))
        if str(predicate) in (DCTERMS.title.value, DCTERMS.description.value):
            assert obj.language == "en"
    assert seen == set(datatypes)


def test_parsed_seed_page_without_prima_id_gets_the_fallback_iri(parsed_projects) -> None:
    record = parsed_projects[0]
    record = ProjectPage(**{**record.__dict__, "prima_id": None, "projects_id": None})
    assert mint_project_iri(record, B).value == f"{B}project/page-{record.source.sha256[:12]}"


def test_parsed_seed_news_article_links_its_project_and_countries(parsed_projects) -> None:
    pytest.importorskip("kg.parse.news")
    from kg.parse import parse_page
    from kg.sources import read_source

    news = parse_page(read_source(next(SEEDS.glob("004_*.txt"))))
    assert isinstance(news, NewsArticle)
    quads = map_records([*parsed_projects, news], B)
    page = mint_page_iri(news.source.sha256, B)
    mentioned = _objects(quads, page, IOM.mentionsProject)
    assert ox.NamedNode(
        f"{B}project/named-tackling-modern-slavery-from-viet-nam--tmsv--2018-2021") in mentioned
    assert ox.NamedNode(f"{B}member-state/VNM") in _objects(quads, page, IOM.mentionsCountry)


def test_the_acronym_decides_when_the_title_names_a_phase_whose_years_disagree() -> None:
    first, second = saint_lucia_project(), saint_lucia_project()
    first.title, first.start_year, first.end_year = "Labour Mobility Partnerships (LMP)", 2018, 2020
    second.title = "Labour Mobility Partnerships, Phase II (LMP)"
    second.prima_id, second.start_year, second.end_year = "GY10P0099", 2024, 2026
    second.source = Source("seeds/phase-two.txt", "cd" * 32)
    for index in _in_both_orders([first, second]):
        assert index.find(ProjectMention("Labour Mobility Partnerships", "LMP", 2024, 2026)) == \
            ox.NamedNode(f"{B}project/GY10P0099")
        assert index.find(ProjectMention("Labour Mobility Partnerships", "LMP", 2018, 2020)) == \
            ox.NamedNode(f"{B}project/GY10P0001")
        # without the acronym, the title's one page has the wrong years: no project is named
        assert index.find(ProjectMention("Labour Mobility Partnerships", None, 2024, 2026)) is None
