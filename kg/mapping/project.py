"""Triples of one IDF project page: the project, its budget, results chain, member states,
organisations and the page it came from, all in the page's named graph."""

from __future__ import annotations

from kg.mapping.entities import organisation, source_page_triples
from kg.mapping.iris import (
    budget_iri,
    member_state_iri,
    normalise_base,
    objective_iri,
    outcome_iri,
    output_iri,
    page_iri,
    participation_iri,
    project_iri,
)
from kg.mapping.terms import (
    concept_iri,
    dcterms,
    decimal_literal,
    find_concept_term,
    iom,
    language_tag,
    prov,
    rdf,
    string_literal,
    text_literal,
    to_nquads,
    year_literal,
)
from kg.namespaces import DEFAULT_BASE
from kg.records import Outcome, Output, ProjectPage

_CONCEPT_FIELDS = (
    ("project_type", "project-type", iom.projectType),
    ("idf_region", "idf-region", iom.idfRegion),
    ("coverage", "coverage", iom.coverage),
    ("status", "status", iom.status),
)
_YEAR_FIELDS = (("year", iom.fundingYear), ("start_year", iom.startYear), ("end_year", iom.endYear))


def _topic_triples(result: Outcome | Output, node: str) -> list[str]:
    """The activities and target groups a result's text names, as concepts of their schemes."""
    return ([f"{node} {iom.activity} <{concept_iri('activity', code)}>"
             for code in result.activities]
            + [f"{node} {iom.targetGroup} <{concept_iri('target-group', code)}>"
               for code in result.target_groups])


def _output_triples(output: Output, node: str, language: str | None) -> list[str]:
    triples = [f"{node} {rdf.type} {iom.Output}"]
    if output.label.strip():
        triples.append(f"{node} {iom.resultNumber} {string_literal(output.label.strip())}")
    if output.text:
        triples.append(f"{node} {dcterms.description} {text_literal(output.text, language)}")
    return triples + _topic_triples(output, node)


def _results_triples(record: ProjectPage, iri: str, language: str | None) -> list[str]:
    """Objective, outcomes with their outputs, and outputs that belong to no outcome
    (``iri`` is the project's)."""
    project = f"<{iri}>"
    triples: list[str] = []
    if record.objective:
        objective = f"<{objective_iri(iri)}>"
        triples += [
            f"{project} {iom.hasObjective} {objective}",
            f"{objective} {rdf.type} {iom.Objective}",
            f"{objective} {dcterms.description} {text_literal(record.objective, language)}",
        ]
    for position, outcome in enumerate(record.outcomes, start=1):
        label = outcome.label.strip() or str(position)
        node = f"<{outcome_iri(iri, label)}>"
        triples += [f"{project} {iom.hasOutcome} {node}", f"{node} {rdf.type} {iom.Outcome}"]
        if outcome.label.strip():
            triples.append(f"{node} {iom.resultNumber} {string_literal(label)}")
        if outcome.text:
            triples.append(f"{node} {dcterms.description} {text_literal(outcome.text, language)}")
        triples += _topic_triples(outcome, node)
        for number, output in enumerate(outcome.outputs, start=1):
            child = f"<{output_iri(iri, output.label.strip() or f'{label}.{number}')}>"
            triples.append(f"{node} {iom.hasOutput} {child}")
            triples += _output_triples(output, child, language)
    for number, output in enumerate(record.outputs, start=1):
        node = f"<{output_iri(iri, output.label.strip() or str(number))}>"
        triples.append(f"{project} {iom.hasOutput} {node}")
        triples += _output_triples(output, node, language)
    return triples


def _organisation_triples(record: ProjectPage, iri: str, base: str) -> list[str]:
    """Each organisation once; a participation carrying its roles when the page gives any
    (``iri`` is the project's)."""
    project = f"<{iri}>"
    organisations: dict[str, tuple[str, list[str], list[str]]] = {}
    for org in record.organisations:
        node, description = organisation(org, base)
        name, _, roles = organisations.setdefault(node, (org.name, description, []))
        role = find_concept_term("organisation-role", org.role)
        if role is not None and role not in roles:
            roles.append(role)
    triples: list[str] = []
    for node, (name, description, roles) in organisations.items():
        triples.append(f"{project} {iom.involvesOrganisation} {node}")
        triples += description
        if roles:
            participation = f"<{participation_iri(iri, name)}>"
            triples += [
                f"{project} {iom.hasParticipation} {participation}",
                f"{participation} {rdf.type} {iom.Participation}",
                f"{participation} {iom.organisation} {node}",
            ]
            triples += [f"{participation} {iom.role} {role}" for role in roles]
    return triples


def project_page_nquads(record: ProjectPage, base: str = DEFAULT_BASE) -> str:
    """All quads of one project page as N-Quads text, in the named graph of its page IRI."""
    base = normalise_base(base)
    language = language_tag(record.language)
    page = f"<{page_iri(record.source.sha256, base)}>"
    iri = project_iri(record, base)
    project = f"<{iri}>"
    triples = [
        f"{project} {rdf.type} {iom.Project}",
        f"{project} {rdf.type} {iom.DevelopmentFundProject}",
    ]
    add = triples.append
    if record.title:
        add(f"{project} {dcterms.title} {text_literal(record.title, language)}")
    if record.prima_id and record.prima_id.strip():
        add(f"{project} {iom.primaId} {string_literal(record.prima_id.strip())}")
    if record.projects_id and record.projects_id.strip():
        add(f"{project} {iom.projectsId} {string_literal(record.projects_id.strip())}")
    for field, scheme, predicate in _CONCEPT_FIELDS:
        concept = find_concept_term(scheme, getattr(record, field))
        if concept is not None:
            add(f"{project} {predicate} {concept}")
    for field, predicate in _YEAR_FIELDS:
        year = getattr(record, field)
        if year is not None:
            add(f"{project} {predicate} {year_literal(year)}")
    if record.budget is not None:
        budget = f"<{budget_iri(iri)}>"
        add(f"{project} {iom.budget} {budget}")
        add(f"{budget} {rdf.type} {iom.Budget}")
        add(f"{budget} {iom.amount} {decimal_literal(record.budget.amount)}")
        add(f"{budget} {iom.currency} {string_literal(record.budget.currency.strip().upper())}")
    seen_states: set[str] = set()
    for state in record.member_states:
        node = f"<{member_state_iri(state.iso3.strip().upper(), base)}>"
        if node not in seen_states:
            seen_states.add(node)
            add(f"{project} {iom.benefitingMemberState} {node}")
    if record.narrative:
        add(f"{project} {dcterms.description} {text_literal(record.narrative, language)}")
    triples += _results_triples(record, iri, language)
    triples += _organisation_triples(record, iri, base)
    add(f"{project} {prov.wasDerivedFrom} {page}")
    triples += source_page_triples(record.source, language, page, iom.SourcePage)
    return to_nquads(triples, page)
