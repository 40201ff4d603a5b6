"""Triples of one IDF project page: the project, its budget, results chain, member states,
organisations and the page it came from, all in the page's named graph."""

from __future__ import annotations

from pyoxigraph import NamedNode, Quad

from kg.mapping.entities import member_state, organisation, source_page_quads, wrap
from kg.mapping.iris import (
    mint_budget_iri,
    mint_objective_iri,
    mint_outcome_iri,
    mint_output_iri,
    mint_page_iri,
    mint_participation_iri,
    mint_project_iri,
    normalise_base,
)
from kg.mapping.terms import (
    decimal_literal,
    find_concept_node,
    language_tag,
    string_literal,
    text_literal,
    year_literal,
)
from kg.namespaces import DCTERMS, DEFAULT_BASE, IOM, PROV, RDF
from kg.records import Output, ProjectPage

_CONCEPT_FIELDS = (
    ("project_type", "project-type", IOM.projectType),
    ("idf_region", "idf-region", IOM.idfRegion),
    ("coverage", "coverage", IOM.coverage),
    ("status", "status", IOM.status),
)
_YEAR_FIELDS = (
    ("year", IOM.fundingYear),
    ("start_year", IOM.startYear),
    ("end_year", IOM.endYear),
)


def _output_quads(output: Output, iri: str, language: str | None, g: NamedNode) -> list[Quad]:
    node = NamedNode(iri)
    quads = [Quad(node, RDF.type, IOM.Output, g)]
    if output.label.strip():
        quads.append(Quad(node, IOM.resultNumber, string_literal(output.label.strip()), g))
    if output.text:
        quads.append(Quad(node, DCTERMS.description, text_literal(output.text, language), g))
    return quads


def _results_quads(record: ProjectPage, project: NamedNode, language: str | None,
                   g: NamedNode) -> list[Quad]:
    """Objective, outcomes with their outputs, and outputs that belong to no outcome."""
    quads: list[Quad] = []
    project_iri = project.value
    if record.objective:
        objective = NamedNode(mint_objective_iri(project_iri))
        quads.append(Quad(project, IOM.hasObjective, objective, g))
        quads.append(Quad(objective, RDF.type, IOM.Objective, g))
        quads.append(Quad(objective, DCTERMS.description,
                          text_literal(record.objective, language), g))
    for position, outcome in enumerate(record.outcomes, start=1):
        label = outcome.label.strip() or str(position)
        node = NamedNode(mint_outcome_iri(project_iri, label))
        quads.append(Quad(project, IOM.hasOutcome, node, g))
        quads.append(Quad(node, RDF.type, IOM.Outcome, g))
        if outcome.label.strip():
            quads.append(Quad(node, IOM.resultNumber, string_literal(label), g))
        if outcome.text:
            quads.append(Quad(node, DCTERMS.description, text_literal(outcome.text, language), g))
        for number, output in enumerate(outcome.outputs, start=1):
            iri = mint_output_iri(project_iri, output.label.strip() or f"{label}.{number}")
            quads.append(Quad(node, IOM.hasOutput, NamedNode(iri), g))
            quads.extend(_output_quads(output, iri, language, g))
    for number, output in enumerate(record.outputs, start=1):
        iri = mint_output_iri(project_iri, output.label.strip() or str(number))
        quads.append(Quad(project, IOM.hasOutput, NamedNode(iri), g))
        quads.extend(_output_quads(output, iri, language, g))
    return quads


def _organisation_quads(record: ProjectPage, project: NamedNode, base: str,
                        g: NamedNode) -> list[Quad]:
    """Each organisation once, with one participation carrying each role the page gives it."""
    quads: list[Quad] = []
    described: set[str] = set()
    roles: set[tuple[str, str]] = set()
    for org in record.organisations:
        node, triples = organisation(org, base)
        participation = NamedNode(mint_participation_iri(project.value, org.name))
        if node.value not in described:
            described.add(node.value)
            quads.append(Quad(project, IOM.involvesOrganisation, node, g))
            quads.append(Quad(project, IOM.hasParticipation, participation, g))
            quads.append(Quad(participation, RDF.type, IOM.Participation, g))
            quads.append(Quad(participation, IOM.organisation, node, g))
            quads.extend(wrap(triples, g))
        role = find_concept_node("organisation-role", org.role)
        if role is not None and (node.value, role.value) not in roles:
            roles.add((node.value, role.value))
            quads.append(Quad(participation, IOM.role, role, g))
    return quads


def map_project_page(record: ProjectPage, base: str = DEFAULT_BASE) -> list[Quad]:
    """All quads of one project page, in the named graph of its page IRI."""
    base = normalise_base(base)
    language = language_tag(record.language)
    g = NamedNode(mint_page_iri(record.source.sha256, base))
    project = NamedNode(mint_project_iri(record, base))
    quads = [
        Quad(project, RDF.type, IOM.Project, g),
        Quad(project, RDF.type, IOM.DevelopmentFundProject, g),
    ]
    add = quads.append
    if record.title:
        add(Quad(project, DCTERMS.title, text_literal(record.title, language), g))
    if record.prima_id and record.prima_id.strip():
        add(Quad(project, IOM.primaId, string_literal(record.prima_id.strip()), g))
    if record.projects_id and record.projects_id.strip():
        add(Quad(project, IOM.projectsId, string_literal(record.projects_id.strip()), g))
    for field, scheme, predicate in _CONCEPT_FIELDS:
        concept = find_concept_node(scheme, getattr(record, field))
        if concept is not None:
            add(Quad(project, predicate, concept, g))
    for field, predicate in _YEAR_FIELDS:
        year = getattr(record, field)
        if year is not None:
            add(Quad(project, predicate, year_literal(year), g))
    if record.budget is not None:
        budget = NamedNode(mint_budget_iri(project.value))
        add(Quad(project, IOM.budget, budget, g))
        add(Quad(budget, RDF.type, IOM.Budget, g))
        add(Quad(budget, IOM.amount, decimal_literal(record.budget.amount), g))
        add(Quad(budget, IOM.currency, string_literal(record.budget.currency.upper()), g))
    seen_states: set[str] = set()
    for state in record.member_states:
        node, triples = member_state(state, base)
        if node.value not in seen_states:
            seen_states.add(node.value)
            add(Quad(project, IOM.benefitingMemberState, node, g))
            quads.extend(wrap(triples, g))
    if record.narrative:
        add(Quad(project, DCTERMS.description, text_literal(record.narrative, language), g))
    quads.extend(_results_quads(record, project, language, g))
    quads.extend(_organisation_quads(record, project, base, g))
    add(Quad(project, PROV.wasDerivedFrom, g, g))
    quads.extend(source_page_quads(record.source, language, g, IOM.SourcePage))
    return quads
