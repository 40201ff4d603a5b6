"""The ontology, the concept schemes and the JSON-LD context: complete, aligned, in step with
the reference tables, the namespace module and the mapping's output."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld
from rdflib import OWL, RDF, RDFS, SKOS, URIRef
from test_mapping import realistic_records, vanuatu_project, viet_nam_news

from kg.build import build
from kg.mapping import map_records, ontology_quads
from kg.mapping.statistics import DATA_SETS
from kg.namespaces import IATI, IATI_CODELISTS, IOM, ONTOLOGY_IRI, PREFIXES, VOC, Namespace
from kg.paths import ontology_dir, reference_dir
from kg.records import ProjectMention

B = "https://kg.example.org/iom/"
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
SCHEMA = rdflib.Namespace("https://schema.org/")
ALIGNMENTS = (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.exactMatch, SKOS.closeMatch,
              RDFS.seeAlso, OWL.equivalentClass, OWL.equivalentProperty)
OURS = (IOM.iri, VOC.iri, IATI.iri)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "iom.ttl", format="turtle")


@pytest.fixture(scope="module")
def vocabularies() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "vocabularies.ttl", format="turtle")


@pytest.fixture(scope="module")
def statistics() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "statistics.ttl", format="turtle")


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))


def _iom_terms(graph: rdflib.Graph) -> set[str]:
    return {str(s) for s in graph.subjects() if str(s).startswith(IOM.iri)}


def _labels(graph: rdflib.Graph, node: URIRef, predicate: URIRef) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for label in graph.objects(node, predicate):
        found.setdefault(label.language or "", set()).add(str(label))
    return found


# The ontology


def test_ontology_files_have_no_blank_nodes(ontology, vocabularies) -> None:
    for graph in (ontology, vocabularies):
        for triple in graph:
            assert not any(isinstance(term, rdflib.BNode) for term in triple), triple


def test_ontology_header_names_title_version_license_and_creator(ontology) -> None:
    header = URIRef(ONTOLOGY_IRI)
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, DCTERMS.title) is not None
    assert ontology.value(header, DCTERMS.description) is not None
    assert ontology.value(header, OWL.versionInfo) is not None
    assert ontology.value(header, DCTERMS.license) is not None
    assert str(ontology.value(header, DCTERMS.creator)) == "IOM KG project"


def test_every_term_the_code_names_is_defined_with_labels_and_a_comment(ontology) -> None:
    for name in IOM.names:
        term = URIRef(IOM[name].value)
        kinds = set(ontology.objects(term, RDF.type))
        assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, name
        labels = _labels(ontology, term, RDFS.label)
        assert labels.get("en") and labels.get("fr"), f"{name} needs en and fr labels"
        assert ontology.value(term, RDFS.comment) is not None, f"{name} needs a comment"


def test_every_term_of_the_ontology_is_named_in_the_code(ontology) -> None:
    assert _iom_terms(ontology) == {IOM[name].value for name in IOM.names}


def test_every_term_is_aligned_with_an_outside_vocabulary(ontology) -> None:
    for term in sorted(_iom_terms(ontology)):
        targets = {str(o) for p in ALIGNMENTS for o in ontology.objects(URIRef(term), p)}
        assert any(not t.startswith(OURS) for t in targets), f"{term} is not aligned"


def test_the_required_alignments_hold(ontology) -> None:
    iati = "https://iatistandard.org/en/iati-standard/203/activity-standard/iati-activities/"
    expected = [
        (IOM.Project, RDFS.subClassOf, SCHEMA.Project),
        (IOM.Project, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")),
        (IOM.DevelopmentFundProject, RDFS.subClassOf, URIRef(IOM.Project.value)),
        (IOM.Organisation, RDFS.subClassOf, SCHEMA.Organization),
        (IOM.Organisation, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")),
        (IOM.MemberState, RDFS.subClassOf, SCHEMA.Country),
        (IOM.Budget, RDFS.subClassOf, SCHEMA.MonetaryAmount),
        (IOM.NewsArticle, RDFS.subClassOf, SCHEMA.NewsArticle),
        (IOM.SourcePage, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")),
        (IOM.primaId, RDFS.subPropertyOf, DCTERMS.identifier),
        (IOM.projectsId, RDFS.subPropertyOf, DCTERMS.identifier),
        (IOM.amount, RDFS.subPropertyOf, SCHEMA.value),
        (IOM.currency, RDFS.subPropertyOf, SCHEMA.currency),
        (IOM.benefitingMemberState, RDFS.seeAlso,
         URIRef(f"{iati}iati-activity/recipient-country/")),
        (IOM.Participation, RDFS.seeAlso, URIRef(f"{iati}iati-activity/participating-org/")),
        (IOM.Outcome, RDFS.seeAlso, URIRef(f"{iati}iati-activity/result/")),
        (IOM.Budget, RDFS.seeAlso, URIRef(f"{iati}iati-activity/budget/")),
    ]
    for subject, predicate, obj in expected:
        subject = URIRef(subject.value) if isinstance(subject, ox.NamedNode) else subject
        assert (subject, predicate, obj) in ontology, (subject, predicate, obj)


def test_every_property_has_a_kind_domain_and_range(ontology) -> None:
    for name in IOM.names:
        term = URIRef(IOM[name].value)
        if (term, RDF.type, OWL.Class) in ontology:
            continue
        domains = set(ontology.objects(term, RDFS.domain))
        domains |= set(ontology.objects(term, SCHEMA.domainIncludes))
        assert domains, f"{name} has no domain"
        assert ontology.value(term, RDFS.range) is not None, f"{name} has no range"


def test_object_properties_range_over_classes_and_datatype_properties_over_datatypes(
        ontology) -> None:
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for term in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        assert str(ontology.value(term, RDFS.range)).startswith(xsd), term
    for term in ontology.subjects(RDF.type, OWL.ObjectProperty):
        assert not str(ontology.value(term, RDFS.range)).startswith(xsd), term


QB = rdflib.Namespace("http://purl.org/linked-data/cube#")


def test_each_statistics_data_set_has_a_structure_with_its_dimensions_and_measures(
        ontology, statistics) -> None:
    for data_set in DATA_SETS:
        structure = URIRef(data_set.structure.value)
        assert (structure, RDF.type, QB.DataStructureDefinition) in statistics, data_set.name
        assert _labels(statistics, structure, RDFS.label).get("en"), data_set.name
        components = list(statistics.objects(structure, QB.component))
        dimensions = {statistics.value(c, QB.dimension) for c in components} - {None}
        measures = {statistics.value(c, QB.measure) for c in components} - {None}
        assert dimensions == {URIRef(d.states.value) for d in data_set.dimensions} | {
            URIRef(IOM.refCurrency.value)}, data_set.name
        assert measures == {URIRef(IOM.projectCount.value), URIRef(IOM.totalBudget.value)}
        attributes = {statistics.value(c, QB.attribute) for c in components} - {None}
        assert attributes == {URIRef(IOM.conflictingBudgetCount.value)}, data_set.name
        for attribute in attributes:
            assert (attribute, RDF.type, QB.AttributeProperty) in ontology, attribute
        for dimension in dimensions:
            assert (dimension, RDF.type, QB.DimensionProperty) in ontology, dimension
        for measure in measures:
            assert (measure, RDF.type, QB.MeasureProperty) in ontology, measure


def test_statistics_structures_have_no_blank_nodes(statistics) -> None:
    assert not [t for t in statistics if any(isinstance(x, rdflib.BNode) for x in t)]


def test_iom_namespace_refuses_a_misspelt_term() -> None:
    with pytest.raises(AttributeError):
        _ = IOM.primaID
    assert IOM.primaId.value == "https://kg.example.org/iom/ontology#primaId"
    assert Namespace("https://schema.org/").anyTerm.value == "https://schema.org/anyTerm"


def test_prefixes_cover_our_namespaces() -> None:
    assert PREFIXES["iom"] == IOM.iri and PREFIXES["voc"] == VOC.iri
    assert PREFIXES["iati"] == IATI.iri and PREFIXES["wd"] == "http://www.wikidata.org/entity/"
    assert PREFIXES["qb"] == str(QB)


def test_every_iati_codelist_has_a_prefix() -> None:
    codelists = {row["codelist"] for row in _csv_rows("iati_codelists.csv")}
    assert set(IATI_CODELISTS) == codelists
    assert all(PREFIXES[name] == f"{IATI.iri}{name}/" for name in codelists)


def test_jsonld_context_prefixes_are_turtle_prefixes_with_the_same_iris(context) -> None:
    prefixes = {name: iri for name, iri in context["@context"].items()
                if isinstance(iri, str) and iri.endswith(("/", "#"))}
    assert len(prefixes) > 10
    assert prefixes == {name: PREFIXES[name] for name in prefixes}


# The concept schemes


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (reference_dir() / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_vocabularies_hold_the_same_concepts_and_labels_as_the_csv(vocabularies) -> None:
    rows = _csv_rows("vocabularies.csv")
    topics = _csv_rows("topics.csv")
    concepts = {str(c) for c in vocabularies.subjects(RDF.type, SKOS.Concept)
                if str(c).startswith(VOC.iri)}
    assert concepts == {f"{VOC.iri}{r['scheme']}/{r['code']}" for r in [*rows, *topics]}
    for row in rows:
        node = URIRef(f"{VOC.iri}{row['scheme']}/{row['code']}")
        assert _labels(vocabularies, node, SKOS.prefLabel) == {
            "en": {row["label_en"]}, "fr": {row["label_fr"]}, "es": {row["label_es"]}}
        assert (node, SKOS.inScheme, URIRef(f"{VOC.iri}{row['scheme']}")) in vocabularies
        written = {str(o) for p in (SKOS.altLabel, SKOS.notation, SKOS.prefLabel)
                   for o in vocabularies.objects(node, p)}
        prefs = {row["label_en"], row["label_fr"], row["label_es"]}
        variants = {v for v in row["variants"].split("|") if v}
        assert written == variants | prefs, row["code"]


def test_topic_schemes_hold_the_same_concepts_and_labels_as_the_csv(vocabularies) -> None:
    for row in _csv_rows("topics.csv"):
        node = URIRef(f"{VOC.iri}{row['scheme']}/{row['code']}")
        assert _labels(vocabularies, node, SKOS.prefLabel) == {
            "en": {row["label_en"]}, "fr": {row["label_fr"]}, "es": {row["label_es"]}}
        assert (node, SKOS.inScheme, URIRef(f"{VOC.iri}{row['scheme']}")) in vocabularies
        assert str(vocabularies.value(node, SKOS.notation)) == row["code"]


def test_vocabulary_concepts_match_their_iati_codes(vocabularies) -> None:
    for row in _csv_rows("vocabularies.csv"):
        node = URIRef(f"{VOC.iri}{row['scheme']}/{row['code']}")
        matches = {str(o) for p in (SKOS.exactMatch, SKOS.closeMatch)
                   for o in vocabularies.objects(node, p)}
        expected = {f"{IATI.iri}{row['iati_codelist']}/{row['iati_code']}"}
        assert matches == (expected if row["iati_codelist"] else set()), row["code"]


def test_status_concepts_are_only_close_to_iati_activity_status(vocabularies) -> None:
    active = URIRef(f"{VOC.iri}status/active")
    assert (active, SKOS.closeMatch, URIRef(f"{IATI.iri}ActivityStatus/2")) in vocabularies
    assert vocabularies.value(active, SKOS.exactMatch) is None


def test_iati_codelists_hold_the_same_codes_and_names_as_the_csv(vocabularies) -> None:
    rows = _csv_rows("iati_codelists.csv")
    concepts = {str(c) for c in vocabularies.subjects(RDF.type, SKOS.Concept)
                if str(c).startswith(IATI.iri)}
    assert concepts == {f"{IATI.iri}{r['codelist']}/{r['code']}" for r in rows}
    for row in rows:
        node = URIRef(f"{IATI.iri}{row['codelist']}/{row['code']}")
        assert _labels(vocabularies, node, SKOS.prefLabel) == {"en": {row["name"]}}
        assert str(vocabularies.value(node, SKOS.notation)) == row["code"]
        assert (node, SKOS.inScheme, URIRef(f"{IATI.iri}{row['codelist']}")) in vocabularies


def test_every_concept_is_a_top_concept_of_a_labelled_scheme(vocabularies) -> None:
    for concept in vocabularies.subjects(RDF.type, SKOS.Concept):
        scheme = vocabularies.value(concept, SKOS.inScheme)
        assert (scheme, RDF.type, SKOS.ConceptScheme) in vocabularies
        assert (scheme, SKOS.hasTopConcept, concept) in vocabularies
        assert vocabularies.value(scheme, SKOS.prefLabel) is not None


# The mapping's output against the ontology


def test_mapping_uses_no_term_the_ontology_and_vocabularies_lack(ontology, vocabularies,
                                                                statistics) -> None:
    defined = {str(s) for g in (ontology, vocabularies, statistics) for s in g.subjects()}
    for quad in map_records(realistic_records(), B):
        for term in (quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(OURS):
                assert term.value in defined, term.value


def test_mapping_uses_ontology_properties_with_their_declared_kind(ontology) -> None:
    for quad in map_records(realistic_records(), B):
        predicate = URIRef(quad.predicate.value)
        if (predicate, RDF.type, OWL.ObjectProperty) in ontology:
            assert isinstance(quad.object, ox.NamedNode), quad
        if (predicate, RDF.type, OWL.DatatypeProperty) in ontology:
            assert isinstance(quad.object, ox.Literal), quad


# The JSON-LD context


def test_context_expands_short_keys_to_the_intended_iris(context) -> None:
    document = {
        "@context": context["@context"],
        "id": f"{B}project/VU10P0543",
        "type": "DevelopmentFundProject",
        "title": {"en": "Vanuatu: Piloting Implementation"},
        "primaId": "VU10P0543",
        "fundingYear": "2024",
        "budget": {"id": f"{B}project/VU10P0543/budget", "amount": "300000", "currency": "USD"},
        "status": "voc:status/active",
        "benefitingMemberState": f"{B}member-state/VUT",
    }
    [node] = jsonld.expand(document)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert node["@type"] == [IOM.DevelopmentFundProject.value]
    assert node["http://purl.org/dc/terms/title"] == [
        {"@value": "Vanuatu: Piloting Implementation", "@language": "en"}]
    assert node[IOM.primaId.value] == [{"@value": "VU10P0543"}]
    assert node[IOM.fundingYear.value] == [{"@value": "2024", "@type": f"{xsd}gYear"}]
    assert node[IOM.status.value] == [{"@id": f"{VOC.iri}status/active"}]
    assert node[IOM.benefitingMemberState.value] == [{"@id": f"{B}member-state/VUT"}]
    [budget] = node[IOM.budget.value]
    assert budget[IOM.amount.value] == [{"@value": "300000", "@type": f"{xsd}decimal"}]


def test_context_has_a_key_for_every_ontology_term(context) -> None:
    targets = set()
    for value in context["@context"].values():
        iri = value["@id"] if isinstance(value, dict) else value
        if isinstance(iri, str) and iri.startswith("iom:"):
            targets.add(iri[len("iom:"):])
    assert targets >= set(IOM.names) - {"pagesRead", "triplesWritten", "mappingVersion"}


def test_mapped_graph_compacts_and_expands_back_without_loss(context) -> None:
    quads = map_records(realistic_records(), B)
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode()
    compacted = jsonld.compact(jsonld.from_rdf(nquads, {"format": "application/n-quads"}),
                               context)
    back = jsonld.to_rdf(jsonld.expand(compacted), {"format": "application/n-quads"})
    assert set(back.splitlines()) == set(nquads.splitlines())


# The built graph against the ontology: RDFS reasoning infers nothing the data does not say

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
OUTSIDE = {
    DCTERMS.language: (None, DCTERMS.LinguisticSystem),
    PROV.wasDerivedFrom: (PROV.Entity, PROV.Entity),
    QB.dataSet: (QB.Observation, QB.DataSet),
    QB.structure: (QB.DataSet, QB.DataStructureDefinition),
}
"""Domains and ranges that Dublin Core, PROV-O and the Data Cube vocabulary declare for terms
the graph uses as they are (the ontology does not redeclare them)."""
DERIVED = {XSD.integer: XSD.decimal}
"""XSD datatypes whose values are values of another (an integer is a decimal)."""


@pytest.fixture(scope="module")
def built(seed_paths: list[Path]) -> rdflib.Graph:
    """The union of the graphs a build of the seed and example pages writes (with the
    ontology's graph)."""
    store = ox.Store()
    build(store, [*seed_paths, EXAMPLES])
    lines = ox.serialize({q.triple for q in store}, format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=lines, format="nt")


def _declared(graph: rdflib.Graph, prop: URIRef, which: URIRef) -> set[URIRef]:
    """The rdfs:domain (or range) of ``prop`` and of every property it is a subproperty of,
    as the graph and the outside vocabularies declare them."""
    found: set[URIRef] = set()
    for ancestor in graph.transitive_objects(prop, RDFS.subPropertyOf):
        found |= set(graph.objects(ancestor, which))
        outside = OUTSIDE.get(ancestor, (None, None))[which == RDFS.range]
        found |= {outside} if outside is not None else set()
    return found


def rdfs_inferences(graph: rdflib.Graph) -> list[str]:
    """What RDFS reasoning (rdfs2, rdfs3) would add to ``graph``: each node a domain or range
    gives a class it is not typed with (nor with a subclass of), each literal whose datatype is
    not the range's. Empty when every declaration already holds."""
    types: dict[object, set[object]] = {}
    for node, kind in graph.subject_objects(RDF.type):
        types.setdefault(node, set()).update(graph.transitive_objects(kind, RDFS.subClassOf))
    found: set[str] = set()
    for prop in set(graph.predicates()):
        domains = _declared(graph, prop, RDFS.domain)
        ranges = _declared(graph, prop, RDFS.range)
        for subject, value in graph.subject_objects(prop) if domains | ranges else ():
            for domain in domains - types.get(subject, set()):
                found.add(f"{subject} {prop} ...: domain {domain}")
            if isinstance(value, rdflib.Literal):
                datatype = value.datatype or (RDF.langString if value.language else XSD.string)
                if ranges - {RDFS.Literal, datatype, DERIVED.get(datatype)}:
                    found.add(f"{subject} {prop} {value.n3()}: range {' '.join(sorted(ranges))}")
            else:
                for range_ in ranges - types.get(value, set()):
                    found.add(f"{subject} {prop} {value}: range {range_}")
    return sorted(found)


def test_rdfs_reasoning_adds_no_type_to_the_built_graph(built: rdflib.Graph) -> None:
    assert rdfs_inferences(built) == []


def test_rdfs_inferences_finds_what_a_domain_or_range_would_add() -> None:
    graph = rdflib.Graph()
    thing, other = URIRef(B + "thing"), URIRef(B + "other")
    graph.add((URIRef(IOM.budget.value), RDFS.domain, URIRef(IOM.Project.value)))
    graph.add((URIRef(IOM.budget.value), RDFS.range, URIRef(IOM.Budget.value)))
    graph.add((URIRef(IOM.amount.value), RDFS.range, XSD.decimal))
    graph.add((thing, URIRef(IOM.budget.value), other))
    graph.add((other, URIRef(IOM.amount.value), rdflib.Literal("5", datatype=XSD.integer)))
    graph.add((other, URIRef(IOM.amount.value), rdflib.Literal("five")))
    assert [line.split(": ")[1] for line in rdfs_inferences(graph)] == [
        f"range {XSD.decimal}", f"domain {IOM.Project.value}", f"range {IOM.Budget.value}"]
    graph.add((thing, RDF.type, URIRef(IOM.DevelopmentFundProject.value)))
    graph.add((URIRef(IOM.DevelopmentFundProject.value), RDFS.subClassOf,
               URIRef(IOM.Project.value)))
    graph.add((other, RDF.type, URIRef(IOM.Budget.value)))
    graph.remove((other, URIRef(IOM.amount.value), rdflib.Literal("five")))
    assert rdfs_inferences(graph) == []


def test_news_mentions_stay_mentions_under_rdfs_reasoning(built: rdflib.Graph) -> None:
    mentions = set(built.subjects(RDF.type, URIRef(IOM.ProjectMention.value)))
    with_years = {m for m in mentions if (m, URIRef(IOM.startYear.value), None) in built}
    assert with_years, "the examples' articles give a project's years"
    assert not [line for line in rdfs_inferences(built)
                if line.split(" ")[0] in {str(m) for m in mentions}]


def test_a_mention_giving_a_prima_id_and_years_stays_a_mention(ontology) -> None:
    article = viet_nam_news()
    article.projects = [ProjectMention("Border Management", "BM", 2019, 2022, "GE10P0377")]
    page = vanuatu_project()
    page.prima_id = "GE10P0377"  # the article's mention means this page: it is no project
    quads = map_records([page, article], B) + ontology_quads(f"{B}graph/ontology")
    graph = rdflib.Graph().parse(data=ox.serialize({q.triple for q in quads},
                                                   format=ox.RdfFormat.N_TRIPLES), format="nt")
    [mention] = graph.subjects(RDF.type, URIRef(IOM.ProjectMention.value))
    assert (mention, URIRef(IOM.primaId.value), rdflib.Literal("GE10P0377")) in graph
    assert (None, URIRef(IOM.mentionsProject.value), URIRef(f"{B}project/GE10P0377")) in graph
    assert [line for line in rdfs_inferences(graph) if line.startswith(f"{mention} ")] == []


def test_every_page_language_is_a_linguistic_system_the_ontology_declares(
        built: rdflib.Graph, ontology) -> None:
    languages = set(built.objects(None, DCTERMS.language))
    assert languages == {URIRef(f"http://id.loc.gov/vocabulary/iso639-1/{code}")
                         for code in ("en", "fr", "es")}
    for language in languages:
        assert (language, RDF.type, DCTERMS.LinguisticSystem) in ontology
        assert set(_labels(ontology, language, RDFS.label)) == {"en", "fr", "es"}
