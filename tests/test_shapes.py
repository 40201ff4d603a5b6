"""Every SHACL constraint in shapes/ is broken by a small graph and reported as it says.

Each case mutates the conforming baseline ``fixtures/graphs/valid_project.ttl`` (remove a
triple, add a wrong one) and expects one result: its shape, constraint, focus node, severity
and message. Meta-tests check that the cases cover every constraint of every shape and that
every class of the ontology has a shape.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SH
from store_helpers import child_env

from kg.paths import ontology_dir, shapes_dir
from kg.validate import ValidationResult, load_ontology, validate_graph
from kg.validate.terms import compact

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "graphs"
IOM = Namespace("https://kg.example.org/iom/ontology#")
VOC = Namespace("https://kg.example.org/iom/vocab/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # open namespace: pytest probes closed ones
B = "https://kg.example.org/iom/"
PROJECT = URIRef(B + "project/KI10P0007")
NAMED = URIRef(B + "project/named-pacific-data-exchange")
TWIN = URIRef(B + "project/LM.0042")  # as a page giving no Prima ID names its project
MENTION = URIRef(B + "project/named-labour-mobility-in-kiribati")
BUDGET = URIRef(PROJECT + "/budget")
OBJECTIVE = URIRef(PROJECT + "/objective")
OUTCOME = URIRef(PROJECT + "/outcome/1")
OUTPUT = URIRef(PROJECT + "/output/1.1")
DIRECT_OUTPUT = URIRef(PROJECT + "/output/2.1")
PARTICIPATION = URIRef(PROJECT + "/participation/ministry-of-employment")
ORGANISATION = URIRef(B + "organisation/ministry-of-employment")
FIJI = URIRef(B + "member-state/FJI")
TONGA = URIRef(B + "member-state/TON")
PAGE = URIRef(B + "page/0a1b2c3d4e5f6a7b")
NEWS = URIRef(B + "page/9f8e7d6c5b4a3f2e")
STRANGER = URIRef(B + "thing/untyped")
QB = Namespace("http://purl.org/linked-data/cube#")
DATA_SET = URIRef(B + "statistics/budget-by-member-state")
CELL = URIRef(DATA_SET + "/0123456789abcdef")

Mutation = Callable[[Graph], None]


def drop(s: URIRef, p: URIRef) -> Mutation:
    """Remove every value of ``p`` on ``s``."""
    return lambda g: g.remove((s, p, None))


def add(s: URIRef, p: URIRef, o: URIRef | Literal) -> Mutation:
    """Add one triple."""
    return lambda g: g.add((s, p, o))


def put(s: URIRef, p: URIRef, o: URIRef | Literal) -> Mutation:
    """Replace every value of ``p`` on ``s`` by ``o``."""
    return lambda g: g.set((s, p, o))


def unlink(s: URIRef, p: URIRef, o: URIRef) -> Mutation:
    """Remove one triple."""
    return lambda g: g.remove((s, p, o))


def together(*mutations: Mutation) -> Mutation:
    """Several mutations, in order."""
    def mutate(graph: Graph) -> None:
        for mutation in mutations:
            mutation(graph)
    return mutate


@dataclass(frozen=True)
class Breach:
    """A mutation of the baseline and the one result it must produce."""

    id: str
    mutate: Mutation
    focus: URIRef
    shape: str
    constraint: str
    severity: str
    message: str


def V(id: str, mutate: Mutation, focus: URIRef, shape: str, constraint: str,
      message: str) -> Breach:
    """A breach reported as a violation."""
    return Breach(id, mutate, focus, shape, constraint, "violation", message)


def W(id: str, mutate: Mutation, focus: URIRef, shape: str, constraint: str,
      message: str) -> Breach:
    """A breach reported as a warning."""
    return Breach(id, mutate, focus, shape, constraint, "warning", message)


MIN, MAX, DT = "sh:MinCountConstraintComponent", "sh:MaxCountConstraintComponent", \
    "sh:DatatypeConstraintComponent"
CLASS, PATTERN, NODE = "sh:ClassConstraintComponent", "sh:PatternConstraintComponent", \
    "sh:NodeConstraintComponent"
UNIQUE_LANG, MIN_INCL = "sh:UniqueLangConstraintComponent", "sh:MinInclusiveConstraintComponent"
NODE_KIND, MIN_LENGTH = "sh:NodeKindConstraintComponent", "sh:MinLengthConstraintComponent"
GYEAR = XSD.gYear
OR = "sh:OrConstraintComponent"
NEWS_DATE = ("A news article has at most one publication date, an xsd:date "
             '("2021-11-29"^^xsd:date) or, when only the month is known, an xsd:gYearMonth '
             '("2017-11"^^xsd:gYearMonth)')
PROJECT_TITLE = 'A project title must be a non-empty, language-tagged string ("..."@en)'
NEWS_TITLE = ("A news article's title must be a non-empty, language-tagged string, one per "
              'language ("..."@en)')
MENTION_NAME = ("The name of a project a news article names must be a non-empty, "
                "language-tagged string")
OBJECTIVE_TEXT = ("An objective needs its text, a non-empty, language-tagged string "
                  "(dcterms:description)")
STATE_NAMES = ("A member state's names must be non-empty and language-tagged, one per language "
               '("Vanuatu"@en)')
ORGANISATION_NAME = ("An organisation's name must be a non-empty plain string "
                     '("Ministry of Internal Affairs")')
EMPTY = Literal("", lang="en")
MEMBER_STATES = ("A Development Fund project should name at least one benefiting member state "
                 "(only a project of global coverage may name none)")
IC11 = ("An observation needs a value of every dimension of its data set's structure "
        "(RDF Data Cube IC-11); it has no ")
OUTCOME_TEXT = 'An outcome\'s text must be a non-empty, language-tagged string ("..."@en)'
OUTPUT_TEXT = 'An output\'s text must be a non-empty, language-tagged string ("..."@en)'
ISO2_CODE = 'An ISO 3166 alpha-2 code must be two capital letters, a plain string ("VU")'
M49_CODE = ('A UN M49 code must be three digits, a plain string that keeps leading zeros '
            '("548", "040")')


LANGUAGE = Namespace("http://id.loc.gov/vocabulary/iso639-1/")
PAGE_LANGUAGE = ("A page's language should be one language the ontology declares, by its "
                 "ISO 639-1 IRI (<http://id.loc.gov/vocabulary/iso639-1/en>, fr, es)")


def year(text: str) -> Literal:
    return Literal(text, datatype=GYEAR)


CASES: list[Breach] = [
    # project.ttl: any project
    V("title missing", drop(PROJECT, DCTERMS.title), PROJECT, "iomsh:Project-title-required",
      MIN, "A project needs a title (dcterms:title)"),
    V("title without language", put(PROJECT, DCTERMS.title, Literal("Pacific data")), PROJECT,
      "iomsh:Project-title-language", DT, PROJECT_TITLE),
    V("empty title", put(PROJECT, DCTERMS.title, EMPTY), PROJECT, "iomsh:Project-title-language",
      MIN_LENGTH, PROJECT_TITLE),
    V("two English titles", add(PROJECT, DCTERMS.title, Literal("Other", lang="en")), PROJECT,
      "iomsh:Project-title-per-language", UNIQUE_LANG,
      "A project has at most one title per language"),
    V("description without language", put(PROJECT, DCTERMS.description, Literal("Text")),
      PROJECT, "iomsh:Project-description-language", DT,
      'A project description must be a language-tagged string ("..."@en)'),
    V("acronym with language", put(NAMED, IOM.acronym, Literal("PDE", lang="en")), NAMED,
      "iomsh:Project-acronym-string", DT, 'A project acronym must be a plain string ("TMSV")'),
    V("two Prima IDs", add(PROJECT, IOM.primaId, Literal("KI10P0008")), PROJECT,
      "iomsh:Project-primaId-single", MAX, "A project needs exactly one Prima ID, not several"),
    V("malformed Prima ID", put(PROJECT, IOM.primaId, Literal("XX")), PROJECT,
      "iomsh:Project-primaId-pattern", PATTERN,
      "Prima ID must look like two letters, two digits, P and four digits (VU10P0543)"),
    V("Prima ID with language", put(PROJECT, IOM.primaId, Literal("KI10P0007", lang="en")),
      PROJECT, "iomsh:Project-primaId-pattern", DT,
      "Prima ID must look like two letters, two digits, P and four digits (VU10P0543)"),
    V("two Projects IDs", add(PROJECT, IOM.projectsId, Literal("LM.0043")), PROJECT,
      "iomsh:Project-projectsId-single", MAX, "A project has at most one Projects ID"),
    W("odd Projects ID", put(PROJECT, IOM.projectsId, Literal("42")), PROJECT,
      "iomsh:Project-projectsId-pattern", PATTERN,
      "Projects ID usually looks like two letters, a dot and four digits (PX.0220)"),
    V("two start years", add(PROJECT, IOM.startYear, year("2021")), PROJECT,
      "iomsh:Project-startYear-gYear", MAX,
      'A project has at most one start year, an xsd:gYear ("2021"^^xsd:gYear)'),
    V("start year as integer", put(PROJECT, IOM.startYear, Literal(2022)), PROJECT,
      "iomsh:Project-startYear-gYear", DT,
      'A project has at most one start year, an xsd:gYear ("2021"^^xsd:gYear)'),
    V("two end years", add(PROJECT, IOM.endYear, year("2023")), PROJECT,
      "iomsh:Project-endYear-gYear", MAX,
      'A project has at most one end year, an xsd:gYear ("2024"^^xsd:gYear)'),
    V("end year as text", put(PROJECT, IOM.endYear, Literal("2024")), PROJECT,
      "iomsh:Project-endYear-gYear", DT,
      'A project has at most one end year, an xsd:gYear ("2024"^^xsd:gYear)'),
    V("two budgets", add(PROJECT, IOM.budget, NAMED), PROJECT, "iomsh:Project-budget-single",
      MAX, "A project has at most one budget, an iom:Budget"),
    V("budget not a Budget", put(PROJECT, IOM.budget, STRANGER), PROJECT,
      "iomsh:Project-budget-single", CLASS, "A project has at most one budget, an iom:Budget"),
    V("member state not a MemberState", add(PROJECT, IOM.benefitingMemberState, STRANGER),
      PROJECT, "iomsh:Project-memberState-class", CLASS,
      "A benefiting member state must be an iom:MemberState"),
    V("two objectives", add(PROJECT, IOM.hasObjective, OUTCOME), PROJECT,
      "iomsh:Project-objective-single", MAX,
      "A project has at most one objective, an iom:Objective"),
    V("objective not an Objective", put(PROJECT, IOM.hasObjective, STRANGER), PROJECT,
      "iomsh:Project-objective-single", CLASS,
      "A project has at most one objective, an iom:Objective"),
    V("outcome not an Outcome", add(PROJECT, IOM.hasOutcome, STRANGER), PROJECT,
      "iomsh:Project-outcome-class", CLASS, "An outcome of a project must be an iom:Outcome"),
    V("output not an Output", add(PROJECT, IOM.hasOutput, STRANGER), PROJECT,
      "iomsh:Project-output-class", CLASS, "An output of a project must be an iom:Output"),
    V("participation not a Participation", add(PROJECT, IOM.hasParticipation, STRANGER), PROJECT,
      "iomsh:Project-participation-class", CLASS,
      "A participation of a project must be an iom:Participation"),
    V("organisation not an Organisation", add(PROJECT, IOM.involvesOrganisation, STRANGER),
      PROJECT, "iomsh:Project-organisation-class", CLASS,
      "An organisation involved in a project must be an iom:Organisation"),
    V("derived from something not a page", add(NAMED, PROV.wasDerivedFrom, STRANGER), NAMED,
      "iomsh:Project-source-page-class", CLASS,
      "A project is derived from source pages (iom:SourcePage) only"),
    # project.ttl: Development Fund projects
    W("Prima ID missing", drop(PROJECT, IOM.primaId), PROJECT,
      "iomsh:DevelopmentFundProject-primaId-required", MIN,
      "A Development Fund project should have a Prima ID (its page gives none)"),
    V("source page missing", drop(PROJECT, PROV.wasDerivedFrom), PROJECT,
      "iomsh:DevelopmentFundProject-source-page-required", MIN,
      "A Development Fund project must name the page it was read from (prov:wasDerivedFrom)"),
    W("project type missing", drop(PROJECT, IOM.projectType), PROJECT,
      "iomsh:DevelopmentFundProject-projectType-required", MIN,
      "A Development Fund project should have a project type"),
    V("two project types", add(PROJECT, IOM.projectType, VOC["project-type/migration-health"]),
      PROJECT, "iomsh:DevelopmentFundProject-projectType-single", MAX,
      "A project has at most one project type"),
    W("IDF region missing", drop(PROJECT, IOM.idfRegion), PROJECT,
      "iomsh:DevelopmentFundProject-idfRegion-required", MIN,
      "A Development Fund project should have an IDF region"),
    V("two IDF regions", add(PROJECT, IOM.idfRegion, VOC["idf-region/global"]), PROJECT,
      "iomsh:DevelopmentFundProject-idfRegion-single", MAX, "A project has at most one IDF region"),
    W("coverage missing", drop(PROJECT, IOM.coverage), PROJECT,
      "iomsh:DevelopmentFundProject-coverage-required", MIN,
      "A Development Fund project should have a coverage (national, regional, ...)"),
    V("two coverages", add(PROJECT, IOM.coverage, VOC["coverage/global"]), PROJECT,
      "iomsh:DevelopmentFundProject-coverage-single", MAX, "A project has at most one coverage"),
    W("status missing", drop(PROJECT, IOM.status), PROJECT,
      "iomsh:DevelopmentFundProject-status-required", MIN,
      "A Development Fund project should have a status (active, completed, ...)"),
    V("two statuses", add(PROJECT, IOM.status, VOC["status/completed"]), PROJECT,
      "iomsh:DevelopmentFundProject-status-single", MAX, "A project has at most one status"),
    W("funding year missing", drop(PROJECT, IOM.fundingYear), PROJECT,
      "iomsh:DevelopmentFundProject-fundingYear-required", MIN,
      "A Development Fund project should have a funding year"),
    V("two funding years", add(PROJECT, IOM.fundingYear, year("2023")), PROJECT,
      "iomsh:DevelopmentFundProject-fundingYear-gYear", MAX,
      'A project has at most one funding year, an xsd:gYear ("2024"^^xsd:gYear)'),
    V("funding year as date", put(PROJECT, IOM.fundingYear, Literal("2022-01-01",
                                                                    datatype=XSD.date)),
      PROJECT, "iomsh:DevelopmentFundProject-fundingYear-gYear", DT,
      'A project has at most one funding year, an xsd:gYear ("2024"^^xsd:gYear)'),
    W("budget missing", drop(PROJECT, IOM.budget), PROJECT,
      "iomsh:DevelopmentFundProject-budget-required", MIN,
      "A Development Fund project should have a budget"),
    W("member states missing", drop(PROJECT, IOM.benefitingMemberState), PROJECT,
      "iomsh:ProjectMemberStatesShape", "iomsh:Project-member-state-unless-global",
      MEMBER_STATES),
    W("multi-national project naming no member state",
      together(drop(PROJECT, IOM.benefitingMemberState),
               put(PROJECT, IOM.coverage, VOC["coverage/multi-national"])), PROJECT,
      "iomsh:ProjectMemberStatesShape", "iomsh:Project-member-state-unless-global",
      MEMBER_STATES),
    # project.ttl: SPARQL rules
    V("start after end", put(PROJECT, IOM.startYear, year("2025")), PROJECT,
      "iomsh:ProjectYearsShape", "iomsh:Project-start-not-after-end",
      "Start year 2025 is after end year 2024"),
    V("national with two member states", put(PROJECT, IOM.coverage, VOC["coverage/national"]),
      PROJECT, "iomsh:ProjectNationalCoverageShape", "iomsh:Project-national-one-member-state",
      "A project with national coverage needs exactly one benefiting member state, not 2"),
    V("another project with the same Prima ID",
      together(add(TWIN, RDF.type, IOM.DevelopmentFundProject),
               add(TWIN, IOM.primaId, Literal("KI10P0007"))), PROJECT,
      "iomsh:ProjectPrimaIdUniqueShape", "iomsh:Project-primaId-unique",
      f"Project {TWIN} has the same Prima ID (KI10P0007): one project described by two nodes "
      "counts its budget twice, or one of the IDs is wrong"),
    V("another project with the same Projects ID",
      together(add(TWIN, RDF.type, IOM.DevelopmentFundProject),
               add(TWIN, IOM.projectsId, Literal("LM.0042"))), TWIN,
      "iomsh:ProjectProjectsIdUniqueShape", "iomsh:Project-projectsId-unique",
      f"Project {PROJECT} has the same Projects ID (LM.0042): one project described by two "
      "nodes counts its budget twice, or one of the IDs is wrong"),
    V("regional with one member state", unlink(PROJECT, IOM.benefitingMemberState, TONGA),
      PROJECT, "iomsh:ProjectRegionalCoverageShape",
      "iomsh:Project-regional-several-member-states",
      "A project with regional coverage needs at least two benefiting member states, not 1"),
    # concepts.ttl
    V("project type as text", put(PROJECT, IOM.projectType, Literal("Labour Mobility")), PROJECT,
      "iomsh:Project-projectType-scheme", NODE,
      "A project type must be a concept of the voc:project-type scheme"),
    V("IDF region from another scheme", put(PROJECT, IOM.idfRegion, VOC["coverage/global"]),
      PROJECT, "iomsh:Project-idfRegion-scheme", NODE,
      "An IDF region must be a concept of the voc:idf-region scheme"),
    V("unknown coverage", put(PROJECT, IOM.coverage, VOC["coverage/continental"]), PROJECT,
      "iomsh:Project-coverage-scheme", NODE, "A coverage must be a concept of the voc:coverage "
      "scheme (national, regional, multi-national, global)"),
    V("status from another scheme", put(PROJECT, IOM.status, VOC["organisation-role/funding"]),
      PROJECT, "iomsh:Project-status-scheme", NODE,
      "A status must be a concept of the voc:status scheme (pipeline, active, completed, ...)"),
    V("role from another scheme", put(PARTICIPATION, IOM.role, VOC["status/active"]),
      PARTICIPATION, "iomsh:Participation-role-scheme", NODE,
      "A role must be a concept of the voc:organisation-role scheme (funding, implementing, ...)"),
    V("activity as text", put(OUTPUT, IOM.activity, Literal("training")), OUTPUT,
      "iomsh:Result-activity-scheme", NODE,
      "An activity must be a concept of the voc:activity scheme (training, awareness-raising, "
      "...)"),
    V("target group from another scheme", put(OUTPUT, IOM.targetGroup, VOC["activity/training"]),
      OUTPUT, "iomsh:Result-targetGroup-scheme", NODE,
      "A target group must be a concept of the voc:target-group scheme (law-enforcement, "
      "returnees, ...)"),
    # budget.ttl
    V("amount missing", drop(BUDGET, IOM.amount), BUDGET, "iomsh:Budget-amount-count", MIN,
      "A budget needs exactly one amount (iom:amount)"),
    V("two amounts", add(BUDGET, IOM.amount, Literal("1", datatype=XSD.decimal)), BUDGET,
      "iomsh:Budget-amount-count", MAX, "A budget needs exactly one amount (iom:amount)"),
    V("amount as text", put(BUDGET, IOM.amount, Literal("250000")), BUDGET,
      "iomsh:Budget-amount-decimal", DT,
      'A budget amount must be an xsd:decimal ("300000"^^xsd:decimal), not text or a float'),
    # text compares with no number: the bound's message must not call it negative
    V("amount as text, against the bound", put(BUDGET, IOM.amount, Literal("250000")), BUDGET,
      "iomsh:Budget-amount-non-negative", MIN_INCL,
      "A budget amount must be a number of 0 or more (not negative, not text)"),
    V("negative amount", put(BUDGET, IOM.amount, Literal("-5", datatype=XSD.decimal)), BUDGET,
      "iomsh:Budget-amount-non-negative", MIN_INCL,
      "A budget amount must be a number of 0 or more (not negative, not text)"),
    V("currency missing", drop(BUDGET, IOM.currency), BUDGET, "iomsh:Budget-currency-count", MIN,
      "A budget needs exactly one currency (iom:currency)"),
    V("two currencies", add(BUDGET, IOM.currency, Literal("EUR")), BUDGET,
      "iomsh:Budget-currency-count", MAX, "A budget needs exactly one currency (iom:currency)"),
    V("currency in lower case", put(BUDGET, IOM.currency, Literal("usd")), BUDGET,
      "iomsh:Budget-currency-code", PATTERN,
      "A currency must be a three-letter ISO 4217 code (USD)"),
    V("currency with language", put(BUDGET, IOM.currency, Literal("USD", lang="en")), BUDGET,
      "iomsh:Budget-currency-code", DT, "A currency must be a three-letter ISO 4217 code (USD)"),
    V("budget of no project", drop(PROJECT, IOM.budget), BUDGET, "iomsh:Budget-project", MIN,
      "A budget must belong to exactly one project (iom:budget)"),
    V("budget of two projects", add(NAMED, IOM.budget, BUDGET), BUDGET, "iomsh:Budget-project",
      MAX, "A budget must belong to exactly one project (iom:budget)"),
    # organisation.ttl
    V("organisation name missing", drop(ORGANISATION, RDFS.label), ORGANISATION,
      "iomsh:Organisation-label-required", MIN, "An organisation needs a name (rdfs:label)"),
    V("organisation name with language",
      put(ORGANISATION, RDFS.label, Literal("Ministry of Employment", lang="en")), ORGANISATION,
      "iomsh:Organisation-label-string", DT, ORGANISATION_NAME),
    V("empty organisation name", put(ORGANISATION, RDFS.label, Literal("")), ORGANISATION,
      "iomsh:Organisation-label-string", MIN_LENGTH, ORGANISATION_NAME),
    W("organisation with two names", add(ORGANISATION, RDFS.label, Literal("Employment Ministry")),
      ORGANISATION, "iomsh:Organisation-label-single", MAX,
      "An organisation should have one name; pages spell it in several ways"),
    V("organisation acronym as number", put(ORGANISATION, IOM.acronym, Literal(1)), ORGANISATION,
      "iomsh:Organisation-acronym-string", DT,
      'An organisation\'s acronym must be a plain string ("MoIA")'),
    # member-state.ttl
    V("ISO3 missing", drop(FIJI, IOM.iso3), FIJI, "iomsh:MemberState-iso3-count", MIN,
      "A member state needs exactly one ISO 3166 alpha-3 code (iom:iso3)"),
    V("two ISO3 codes", add(FIJI, IOM.iso3, Literal("FIJ")), FIJI, "iomsh:MemberState-iso3-count",
      MAX, "A member state needs exactly one ISO 3166 alpha-3 code (iom:iso3)"),
    V("ISO3 in lower case", put(FIJI, IOM.iso3, Literal("fji")), FIJI,
      "iomsh:MemberState-iso3-code", PATTERN,
      "An ISO 3166 alpha-3 code must be three capital letters (VUT)"),
    V("ISO3 with language", put(FIJI, IOM.iso3, Literal("FJI", lang="en")), FIJI,
      "iomsh:MemberState-iso3-code", DT,
      "An ISO 3166 alpha-3 code must be three capital letters (VUT)"),
    V("ISO2 missing", drop(FIJI, IOM.iso2), FIJI, "iomsh:MemberState-iso2-count", MIN,
      "A member state needs exactly one ISO 3166 alpha-2 code (iom:iso2)"),
    V("two ISO2 codes", add(FIJI, IOM.iso2, Literal("FI")), FIJI, "iomsh:MemberState-iso2-count",
      MAX, "A member state needs exactly one ISO 3166 alpha-2 code (iom:iso2)"),
    V("ISO2 too long", put(FIJI, IOM.iso2, Literal("FJI")), FIJI, "iomsh:MemberState-iso2-code",
      PATTERN, ISO2_CODE),
    V("ISO2 with language", put(FIJI, IOM.iso2, Literal("FJ", lang="en")), FIJI,
      "iomsh:MemberState-iso2-code", DT, ISO2_CODE),
    V("M49 missing", drop(FIJI, IOM.m49), FIJI, "iomsh:MemberStateM49Shape",
      "iomsh:MemberState-m49-required",
      "A member state needs its UN M49 code (iom:m49); only Kosovo has none"),
    V("two M49 codes", add(FIJI, IOM.m49, Literal("243")), FIJI, "iomsh:MemberState-m49-single",
      MAX, "A member state has at most one UN M49 code (iom:m49)"),
    V("M49 without leading zero", put(FIJI, IOM.m49, Literal("42")), FIJI,
      "iomsh:MemberState-m49-code", PATTERN, M49_CODE),
    V("M49 as integer", put(FIJI, IOM.m49, Literal("242", datatype=XSD.integer)), FIJI,
      "iomsh:MemberState-m49-code", DT, M49_CODE),
    V("member state name missing", drop(FIJI, RDFS.label), FIJI,
      "iomsh:MemberState-label-required", MIN, "A member state needs a name (rdfs:label)"),
    V("member state name without language", add(FIJI, RDFS.label, Literal("Fiji")), FIJI,
      "iomsh:MemberState-label-language", DT, STATE_NAMES),
    V("member state with two English names", add(FIJI, RDFS.label, Literal("Fidji", lang="en")),
      FIJI, "iomsh:MemberState-label-language", UNIQUE_LANG, STATE_NAMES),
    V("empty member state name", put(FIJI, RDFS.label, EMPTY), FIJI,
      "iomsh:MemberState-label-language", MIN_LENGTH, STATE_NAMES),
    W("Wikidata link missing", drop(FIJI, OWL.sameAs), FIJI, "iomsh:MemberState-wikidata-required",
      MIN, "A member state should link to its Wikidata item (owl:sameAs wd:Q...)"),
    V("Wikidata link as text", put(FIJI, OWL.sameAs, Literal("Q712")), FIJI,
      "iomsh:MemberState-wikidata-entity", NODE_KIND,
      "owl:sameAs of a member state must be a Wikidata entity IRI "
      "(http://www.wikidata.org/entity/Q686)"),
    V("link to another gazetteer", put(FIJI, OWL.sameAs, URIRef("https://sws.geonames.org/2205218/")),
      FIJI, "iomsh:MemberState-wikidata-entity", PATTERN,
      "owl:sameAs of a member state must be a Wikidata entity IRI "
      "(http://www.wikidata.org/entity/Q686)"),
    # participation.ttl
    V("participation without organisation", drop(PARTICIPATION, IOM.organisation), PARTICIPATION,
      "iomsh:Participation-organisation-count", MIN,
      "A participation needs exactly one organisation (iom:organisation)"),
    V("participation of two organisations", add(PARTICIPATION, IOM.organisation,
                                                URIRef(B + "organisation/other")),
      PARTICIPATION, "iomsh:Participation-organisation-count", MAX,
      "A participation needs exactly one organisation (iom:organisation)"),
    V("participation of something not an organisation",
      put(PARTICIPATION, IOM.organisation, STRANGER), PARTICIPATION,
      "iomsh:Participation-organisation-class", CLASS,
      "The organisation of a participation must be an iom:Organisation"),
    W("participation without role", drop(PARTICIPATION, IOM.role), PARTICIPATION,
      "iomsh:Participation-role-required", MIN,
      "A participation should say the organisation's role (funding, implementing, partner, ...)"),
    V("participation of no project", drop(PROJECT, IOM.hasParticipation), PARTICIPATION,
      "iomsh:Participation-project", MIN,
      "A participation must belong to exactly one project (iom:hasParticipation)"),
    V("participation of two projects", add(NAMED, IOM.hasParticipation, PARTICIPATION),
      PARTICIPATION, "iomsh:Participation-project", MAX,
      "A participation must belong to exactly one project (iom:hasParticipation)"),
    # objective.ttl
    V("objective without text", drop(OBJECTIVE, DCTERMS.description), OBJECTIVE,
      "iomsh:Objective-description", MIN, OBJECTIVE_TEXT),
    V("objective text without language", put(OBJECTIVE, DCTERMS.description, Literal("Text")),
      OBJECTIVE, "iomsh:Objective-description", DT, OBJECTIVE_TEXT),
    V("empty objective text", put(OBJECTIVE, DCTERMS.description, EMPTY), OBJECTIVE,
      "iomsh:Objective-description", MIN_LENGTH, OBJECTIVE_TEXT),
    V("objective of no project", drop(PROJECT, IOM.hasObjective), OBJECTIVE,
      "iomsh:Objective-project", MIN,
      "An objective must belong to exactly one project (iom:hasObjective)"),
    V("objective of two projects", add(NAMED, IOM.hasObjective, OBJECTIVE), OBJECTIVE,
      "iomsh:Objective-project", MAX,
      "An objective must belong to exactly one project (iom:hasObjective)"),
    # outcome.ttl
    V("outcome with two numbers", add(OUTCOME, IOM.resultNumber, Literal("2")), OUTCOME,
      "iomsh:Outcome-number-single", MAX,
      'An outcome has at most one number, a plain string (iom:resultNumber "1")'),
    V("outcome number as integer", put(OUTCOME, IOM.resultNumber, Literal(1)), OUTCOME,
      "iomsh:Outcome-number-single", DT,
      'An outcome has at most one number, a plain string (iom:resultNumber "1")'),
    W("outcome numbered with a letter", put(OUTCOME, IOM.resultNumber, Literal("A")), OUTCOME,
      "iomsh:Outcome-number-form", PATTERN, 'An outcome number is usually a whole number ("1")'),
    W("outcome without text", drop(OUTCOME, DCTERMS.description), OUTCOME,
      "iomsh:Outcome-description-required", MIN,
      "An outcome should have its text (dcterms:description); the page numbers its outputs "
      "without saying what the outcome is"),
    V("outcome text without language", put(OUTCOME, DCTERMS.description, Literal("Text")),
      OUTCOME, "iomsh:Outcome-description-language", DT, OUTCOME_TEXT),
    V("empty outcome text", put(OUTCOME, DCTERMS.description, EMPTY), OUTCOME,
      "iomsh:Outcome-description-language", MIN_LENGTH, OUTCOME_TEXT),
    V("outcome output not an Output", add(OUTCOME, IOM.hasOutput, STRANGER), OUTCOME,
      "iomsh:Outcome-output-class", CLASS, "An output of an outcome must be an iom:Output"),
    V("outcome of no project", drop(PROJECT, IOM.hasOutcome), OUTCOME, "iomsh:Outcome-project",
      MIN, "An outcome must belong to exactly one project (iom:hasOutcome)"),
    V("outcome of two projects", add(NAMED, IOM.hasOutcome, OUTCOME), OUTCOME,
      "iomsh:Outcome-project", MAX,
      "An outcome must belong to exactly one project (iom:hasOutcome)"),
    # output.ttl
    W("output without number", drop(OUTPUT, IOM.resultNumber), OUTPUT,
      "iomsh:Output-number-required", MIN,
      'An output should have its number (iom:resultNumber "1.1")'),
    V("output with two numbers", add(OUTPUT, IOM.resultNumber, Literal("1.2")), OUTPUT,
      "iomsh:Output-number-single", MAX,
      'An output has at most one number, a plain string (iom:resultNumber "1.1")'),
    V("output number as decimal", put(OUTPUT, IOM.resultNumber, Literal("1.1",
                                                                        datatype=XSD.decimal)),
      OUTPUT, "iomsh:Output-number-single", DT,
      'An output has at most one number, a plain string (iom:resultNumber "1.1")'),
    W("output numbered oddly", put(OUTPUT, IOM.resultNumber, Literal("1.a")), OUTPUT,
      "iomsh:Output-number-form", PATTERN, 'An output number is usually dotted digits ("1.1")'),
    V("output without text", drop(OUTPUT, DCTERMS.description), OUTPUT,
      "iomsh:Output-description-required", MIN, "An output needs its text (dcterms:description)"),
    V("output text without language", put(OUTPUT, DCTERMS.description, Literal("Text")), OUTPUT,
      "iomsh:Output-description-language", DT, OUTPUT_TEXT),
    V("empty output text", put(OUTPUT, DCTERMS.description, EMPTY), OUTPUT,
      "iomsh:Output-description-language", MIN_LENGTH, OUTPUT_TEXT),
    V("output of nothing", unlink(OUTCOME, IOM.hasOutput, OUTPUT), OUTPUT,
      "iomsh:Output-parent-required", MIN,
      "An output must belong to an outcome or a project (iom:hasOutput)"),
    V("output of outcome and project", add(PROJECT, IOM.hasOutput, OUTPUT), OUTPUT,
      "iomsh:Output-parent-single", MAX, "An output belongs to one outcome or, when it has none, "
      "to its project; not to several"),
    # source-page.ttl: source pages
    V("sha256 missing", drop(PAGE, IOM.sha256), PAGE, "iomsh:SourcePage-sha256-count", MIN,
      "A source page needs exactly one sha256 checksum of its bytes (iom:sha256)"),
    V("two sha256", add(PAGE, IOM.sha256, Literal("f" * 64)), PAGE,
      "iomsh:SourcePage-sha256-count", MAX,
      "A source page needs exactly one sha256 checksum of its bytes (iom:sha256)"),
    V("sha256 in upper case", put(PAGE, IOM.sha256, Literal("AB" * 32)), PAGE,
      "iomsh:SourcePage-sha256-form", PATTERN,
      "A sha256 checksum must be 64 lower-case hexadecimal digits"),
    V("sha256 as hexBinary", put(PAGE, IOM.sha256, Literal("ab" * 32, datatype=XSD.hexBinary)),
      PAGE, "iomsh:SourcePage-sha256-form", DT,
      "A sha256 checksum must be 64 lower-case hexadecimal digits"),
    V("source path missing", drop(PAGE, IOM.sourcePath), PAGE, "iomsh:SourcePage-sourcePath-count",
      MIN, "A source page needs exactly one path or URL (iom:sourcePath)"),
    V("two source paths", add(PAGE, IOM.sourcePath, Literal("copy.txt")), PAGE,
      "iomsh:SourcePage-sourcePath-count", MAX,
      "A source page needs exactly one path or URL (iom:sourcePath)"),
    V("source path as anyURI", put(PAGE, IOM.sourcePath, Literal("x.txt", datatype=XSD.anyURI)),
      PAGE, "iomsh:SourcePage-sourcePath-string", DT,
      'A source page\'s path must be a non-empty plain string ("examples/pages/x.txt")'),
    V("empty source path", put(PAGE, IOM.sourcePath, Literal("")), PAGE,
      "iomsh:SourcePage-sourcePath-string", MIN_LENGTH,
      'A source page\'s path must be a non-empty plain string ("examples/pages/x.txt")'),
    W("two page languages", add(PAGE, DCTERMS.language, LANGUAGE.fr), PAGE,
      "iomsh:SourcePage-language", MAX, PAGE_LANGUAGE),
    W("page language as a tag", put(PAGE, DCTERMS.language, Literal("en")), PAGE,
      "iomsh:SourcePage-language", CLASS, PAGE_LANGUAGE),
    # source-page.ttl: news articles
    V("news title missing", drop(NEWS, DCTERMS.title), NEWS, "iomsh:NewsArticle-title-required",
      MIN, "A news article needs a title (dcterms:title)"),
    V("news title without language", put(NEWS, DCTERMS.title, Literal("Workshop")), NEWS,
      "iomsh:NewsArticle-title-language", DT, NEWS_TITLE),
    V("news with two English titles", add(NEWS, DCTERMS.title, Literal("Other", lang="en")), NEWS,
      "iomsh:NewsArticle-title-language", UNIQUE_LANG, NEWS_TITLE),
    V("empty news title", put(NEWS, DCTERMS.title, EMPTY), NEWS,
      "iomsh:NewsArticle-title-language", MIN_LENGTH, NEWS_TITLE),
    V("news text without language", put(NEWS, DCTERMS.description, Literal("Text")), NEWS,
      "iomsh:NewsArticle-description-language", DT,
      'A news article\'s text must be a language-tagged string ("..."@en)'),
    W("news date missing", drop(NEWS, DCTERMS.date), NEWS, "iomsh:NewsArticle-date-required", MIN,
      "A news article should have its publication date (dcterms:date)"),
    V("news with two dates", add(NEWS, DCTERMS.date, Literal("2023-05-13", datatype=XSD.date)),
      NEWS, "iomsh:NewsArticle-date-single", MAX, NEWS_DATE),
    V("news date as text", put(NEWS, DCTERMS.date, Literal("12 May 2023")), NEWS,
      "iomsh:NewsArticle-date-single", OR, NEWS_DATE),
    V("news date as a year", put(NEWS, DCTERMS.date, year("2023")), NEWS,
      "iomsh:NewsArticle-date-single", OR, NEWS_DATE),
    V("news place with language", put(NEWS, IOM.place, Literal("Suva", lang="en")), NEWS,
      "iomsh:NewsArticle-place-string", DT,
      'The place of a news article must be a plain string ("Ha Noi")'),
    V("project mention without its name or Prima ID", drop(MENTION, DCTERMS.title), MENTION,
      "iomsh:ProjectMentionShape", "iomsh:ProjectMention-name-or-prima-id",
      "A project a news article names needs the name (dcterms:title) or the Prima ID "
      "(iom:primaId) the article uses"),
    V("project mention name without language", put(MENTION, DCTERMS.title, Literal("PDE")),
      MENTION, "iomsh:ProjectMention-title-language", DT, MENTION_NAME),
    V("empty project mention name", put(MENTION, DCTERMS.title, EMPTY), MENTION,
      "iomsh:ProjectMention-title-language", MIN_LENGTH, MENTION_NAME),
    V("news names a project nothing describes",
      add(NEWS, IOM.namesProject, URIRef(B + "project/named-nowhere")), NEWS,
      "iomsh:NewsArticle-names-project-class", CLASS,
      "A project a news article names must be described as an iom:ProjectMention (the name, "
      "acronym, years and Prima ID the article gives)"),
    V("news names a project page instead of a mention", add(NEWS, IOM.namesProject, PROJECT),
      NEWS, "iomsh:NewsArticle-names-project-class", CLASS,
      "A project a news article names must be described as an iom:ProjectMention (the name, "
      "acronym, years and Prima ID the article gives)"),
    V("news mentions something not a project", add(NEWS, IOM.mentionsProject, STRANGER), NEWS,
      "iomsh:NewsArticle-project-class", CLASS,
      "A project a news article mentions must be an iom:Project"),
    V("news mentions something not an organisation", add(NEWS, IOM.mentionsOrganisation, FIJI),
      NEWS, "iomsh:NewsArticle-organisation-class", CLASS,
      "An organisation a news article mentions must be an iom:Organisation"),
    V("news mentions something not a country", add(NEWS, IOM.mentionsCountry, ORGANISATION), NEWS,
      "iomsh:NewsArticle-country-class", CLASS,
      "A country a news article mentions must be an iom:MemberState"),
    # statistics.ttl: budget statistics
    V("data set without structure", drop(DATA_SET, QB.structure), DATA_SET,
      "iomsh:DataSet-structure", MIN,
      "A data set follows exactly one data structure definition (qb:structure)"),
    V("data set with two structures", add(DATA_SET, QB.structure, VOC["statistics/other"]),
      DATA_SET, "iomsh:DataSet-structure", MAX,
      "A data set follows exactly one data structure definition (qb:structure)"),
    V("data set structure as text", put(DATA_SET, QB.structure, Literal("budget")), DATA_SET,
      "iomsh:DataSet-structure", NODE_KIND,
      "A data set follows exactly one data structure definition (qb:structure)"),
    V("observation of no data set", drop(CELL, QB.dataSet), CELL, "iomsh:Observation-data-set",
      MIN, "An observation belongs to exactly one data set (qb:dataSet)"),
    V("observation of two data sets", add(CELL, QB.dataSet, URIRef(B + "statistics/other")),
      CELL, "iomsh:Observation-data-set", MAX,
      "An observation belongs to exactly one data set (qb:dataSet)"),
    V("observation of something else", put(CELL, QB.dataSet, STRANGER), CELL,
      "iomsh:Observation-data-set", CLASS,
      "An observation belongs to exactly one data set (qb:dataSet)"),
    V("observation without count", drop(CELL, IOM.projectCount), CELL,
      "iomsh:Observation-project-count", MIN,
      "An observation counts at least one project (iom:projectCount, one xsd:integer)"),
    V("observation with two counts", add(CELL, IOM.projectCount, Literal(2)), CELL,
      "iomsh:Observation-project-count", MAX,
      "An observation counts at least one project (iom:projectCount, one xsd:integer)"),
    V("observation count as text", put(CELL, IOM.projectCount, Literal("1")), CELL,
      "iomsh:Observation-project-count", DT,
      "An observation counts at least one project (iom:projectCount, one xsd:integer)"),
    V("observation counting no project", put(CELL, IOM.projectCount, Literal(0)), CELL,
      "iomsh:Observation-project-count", MIN_INCL,
      "An observation counts at least one project (iom:projectCount, one xsd:integer)"),
    V("observation with two totals", add(CELL, IOM.totalBudget, Literal(Decimal("1.5"))), CELL,
      "iomsh:Observation-total-budget", MAX,
      "An observation has at most one total budget (iom:totalBudget), an xsd:decimal"),
    V("observation total as text", put(CELL, IOM.totalBudget, Literal("250000")), CELL,
      "iomsh:Observation-total-budget", DT,
      "An observation has at most one total budget (iom:totalBudget), an xsd:decimal"),
    V("observation in two currencies", add(CELL, IOM.refCurrency, Literal("EUR")), CELL,
      "iomsh:Observation-currency", MAX,
      "An observation totals budgets in at most one currency (iom:refCurrency)"),
    V("observation without its member state", drop(CELL, IOM.refMemberState), CELL,
      "iomsh:ObservationDimensionsShape", "iomsh:Observation-every-dimension",
      IC11 + "benefiting member state"),
    V("observation without its currency", drop(CELL, IOM.refCurrency), CELL,
      "iomsh:ObservationDimensionsShape", "iomsh:Observation-every-dimension",
      IC11 + "currency"),
    V("observation by region and year without its year",
      together(put(DATA_SET, QB.structure, VOC["statistics/budget-by-region-year"]),
               add(CELL, IOM.refRegion, VOC["idf-region/asia-oceania"])), CELL,
      "iomsh:ObservationDimensionsShape", "iomsh:Observation-every-dimension",
      IC11 + "funding year"),
]


def _matching(results: list[ValidationResult], case: Breach) -> list[ValidationResult]:
    return [r for r in results if r.shape == case.shape and r.constraint == case.constraint
            and r.focus == str(case.focus)]


def test_valid_baseline_conforms_with_no_results(baseline: Graph, shapes: Graph) -> None:
    report = validate_graph(baseline, shapes)
    assert report.conforms
    assert report.results == []


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_breaking_graph_is_reported_with_message_and_severity(
        case: Breach, baseline: Graph, shapes: Graph) -> None:
    graph = Graph()
    graph += baseline
    case.mutate(graph)
    report = validate_graph(graph, shapes)
    found = _matching(report.results, case)
    assert found, f"no {case.shape} {case.constraint} at {case.focus}; got " + "; ".join(
        f"{r.shape} {r.constraint} {r.focus}" for r in report.results)
    assert {r.severity for r in found} == {case.severity}
    assert {r.message for r in found} == {case.message}
    if case.severity == "violation":
        assert not report.conforms


def test_global_project_may_name_no_member_state(baseline: Graph, shapes: Graph) -> None:
    graph = Graph()
    graph += baseline
    graph.remove((PROJECT, IOM.benefitingMemberState, None))
    graph.set((PROJECT, IOM.coverage, VOC["coverage/global"]))
    report = validate_graph(graph, shapes)
    assert report.conforms
    assert report.results == []


# Meta-tests: the cases cover the shapes, the shapes cover the ontology.

COMPONENTS = {
    SH.minCount: MIN, SH.maxCount: MAX, SH.datatype: DT, SH["class"]: CLASS,
    SH.pattern: PATTERN, SH.node: NODE, SH.uniqueLang: UNIQUE_LANG, SH.minInclusive: MIN_INCL,
    SH.nodeKind: NODE_KIND, SH.minLength: MIN_LENGTH,
    SH.maxInclusive: "sh:MaxInclusiveConstraintComponent",
    SH.minExclusive: "sh:MinExclusiveConstraintComponent",
    SH.maxExclusive: "sh:MaxExclusiveConstraintComponent",
    SH.maxLength: "sh:MaxLengthConstraintComponent", SH["in"]: "sh:InConstraintComponent",
    SH.hasValue: "sh:HasValueConstraintComponent", SH["not"]: "sh:NotConstraintComponent",
    SH["or"]: "sh:OrConstraintComponent", SH["and"]: "sh:AndConstraintComponent",
    SH.xone: "sh:XoneConstraintComponent", SH.languageIn: "sh:LanguageInConstraintComponent",
    SH.equals: "sh:EqualsConstraintComponent", SH.disjoint: "sh:DisjointConstraintComponent",
    SH.lessThan: "sh:LessThanConstraintComponent", SH.closed: "sh:ClosedConstraintComponent",
    SH.qualifiedValueShape: "sh:QualifiedValueShapeConstraintComponent",
}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def _checked_shapes(graph: Graph) -> set[URIRef]:
    """Shapes that report results: those with a target and the property shapes of those."""
    targeted = {s for t in TARGETS for s in graph.subjects(t, None)}
    members = {p for s in targeted for p in graph.objects(s, SH.property)}
    return {s for s in targeted | members if isinstance(s, URIRef)}


def _constraints(graph: Graph, shape: URIRef) -> set[str]:
    found = {COMPONENTS[p] for p in graph.predicates(shape, None) if p in COMPONENTS}
    found |= {compact(str(c)) for c in graph.objects(shape, SH.sparql)}
    return found


def test_every_constraint_of_every_shape_has_a_breaking_case(shapes: Graph) -> None:
    wanted = {(compact(str(shape)), constraint) for shape in _checked_shapes(shapes)
              for constraint in _constraints(shapes, shape)}
    covered = {(case.shape, case.constraint) for case in CASES}
    assert not wanted - covered, f"constraints no test breaks: {sorted(wanted - covered)}"
    assert not covered - wanted, f"cases for constraints no shape has: {sorted(covered - wanted)}"


def test_every_shape_states_severity_and_message(shapes: Graph) -> None:
    for shape in _checked_shapes(shapes):
        if not _constraints(shapes, shape):
            continue  # a node shape that only groups property shapes
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), shape
        sparql = list(shapes.objects(shape, SH.sparql))
        holders = sparql or [shape]
        for holder in holders:
            assert shapes.value(holder, SH.message) is not None, f"{holder} has no sh:message"


def test_every_shape_is_named_and_defined_in_one_file() -> None:
    defined: dict[URIRef, str] = {}
    for path in sorted(shapes_dir().glob("*.ttl")):
        graph = Graph().parse(path)
        for kind in (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint):
            for node in graph.subjects(RDF.type, kind):
                assert not isinstance(node, BNode), f"{path.name}: unnamed {compact(str(kind))}"
                assert node not in defined, f"{node} in {defined.get(node)} and {path.name}"
                defined[node] = path.name


def test_shapes_graph_is_valid_shacl(shapes: Graph) -> None:
    import pyshacl

    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_every_class_of_the_ontology_has_a_shape(shapes: Graph) -> None:
    if not (ontology_dir() / "iom.ttl").exists():
        pytest.skip("ontology/iom.ttl is not written yet")
    ontology = Graph().parse(ontology_dir() / "iom.ttl")
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(IOM))}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert classes, "the ontology declares no iom: classes"
    assert not classes - targeted, f"classes without a shape: {sorted(classes - targeted)}"


def test_shapes_use_only_terms_the_ontology_declares(shapes: Graph) -> None:
    ontology = load_ontology()
    declared = set(ontology.subjects())
    used = {term for triple in shapes for term in triple if isinstance(term, URIRef)}
    for literal in shapes.objects(None, SH.select):
        used |= {URIRef(iri) for iri in re.findall(r"<(https://kg\.example\.org/[^>]+)>", literal)}
    ours = {term for term in used if str(term).startswith((str(IOM), str(VOC)))}
    assert ours, "the shapes use no iom: or voc: terms"
    assert not ours - declared, f"terms the ontology lacks: {sorted(ours - declared)}"


def test_reports_are_identical_across_processes(tmp_path: Path) -> None:
    script = tmp_path / "report.py"
    script.write_text(
        "from rdflib import Graph, Literal, URIRef\n"
        "from kg.validate import format_json, format_text, format_turtle, validate_graph\n"
        f"g = Graph().parse({str(FIXTURES / 'valid_project.ttl')!r})\n"
        f"g.set((URIRef({str(PROJECT)!r}), URIRef({str(IOM.primaId)!r}), Literal('XX')))\n"
        f"g.remove((URIRef({str(OUTCOME)!r}), None, None))\n"
        "r = validate_graph(g)\n"
        "print(format_turtle(r) + format_json(r) + format_text(r))\n", encoding="utf-8")
    outputs = [subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                              check=True, env={**child_env(), "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")]
    assert outputs[0] == outputs[1]
    assert "\n3 violations, 0 warnings\n" in outputs[0]
