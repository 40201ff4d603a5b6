"""The data of each kind of resource page: project, member state, organisation, concept,
source page and the lists of them (``/project/``, ``/member-state/``, ...)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

import pyoxigraph as ox

from kg.namespaces import DCTERMS, IOM, OWL, PROV, RDFS, SKOS, VOC
from kg.serve.graph import GraphReader, Link, values
from kg.serve.iris import safe_href
from kg.serve.languages import in_language, in_language_of, literal_text
from kg.serve.views import (
    backlinks,
    mentioning,
    money,
    ordered_projects,
    parent,
    result_sort_key,
    rows_of_projects,
    statements,
)


@dataclass
class ResultNode:
    """One step of a results chain (objective, outcome or output) and the steps under it."""

    link: Link
    kind: str
    number: str
    text: str
    children: list[ResultNode] = field(default_factory=list)


class Facts:
    """Triples of a described resource, by subject and predicate."""

    def __init__(self, triples: list[ox.Triple]) -> None:
        self.by: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for t in triples:
            self.by[t.subject.value][t.predicate.value].append(t.object)

    def all(self, subject: str, predicate: ox.NamedNode) -> list[Any]:
        """Every object of ``subject predicate``."""
        return self.by.get(subject, {}).get(predicate.value, [])

    def text(self, subject: str, predicate: ox.NamedNode) -> str:
        """The text of a literal (English or untagged first; a LangString when tagged), ""
        when there is none."""
        found = [o for o in self.all(subject, predicate) if isinstance(o, ox.Literal)]
        found.sort(key=lambda o: ({"en": 0, None: 1}.get(o.language, 2), o.value))
        return literal_text(found[0]) if found else ""

    def iris(self, subject: str, predicate: ox.NamedNode) -> list[str]:
        """The IRIs among the objects of ``subject predicate``."""
        return sorted(o.value for o in self.all(subject, predicate)
                      if isinstance(o, ox.NamedNode))


def paragraphs(text: str) -> list[str]:
    """Narrative text split at its line breaks, each in the language of the text."""
    return [in_language_of(line.strip(), text) for line in text.splitlines() if line.strip()]


def common(reader: GraphReader, iri: str, triples: list[ox.Triple]) -> dict[str, Any]:
    """What every resource page has: its statements, back links and parent."""
    return {"statements": statements(reader, iri, triples), "backlinks": backlinks(reader, iri),
            "parent": parent(reader, iri)}


def _result(reader: GraphReader, facts: Facts, iri: str, kind: str,
            labels: dict[str, str]) -> ResultNode:
    node = ResultNode(reader.link(iri, labels.get(iri)), kind,
                      facts.text(iri, IOM.resultNumber), facts.text(iri, DCTERMS.description))
    if kind == "outcome":
        outputs = [_result(reader, facts, o, "output", labels)
                   for o in facts.iris(iri, IOM.hasOutput)]
        node.children = sorted(outputs, key=lambda n: (result_sort_key(n.number), n.link.iri))
    return node


def results_chain(reader: GraphReader, iri: str, facts: Facts) -> list[ResultNode]:
    """Objective, outcomes (each with its outputs) and outputs of no outcome, in number order."""
    iris = facts.iris(iri, IOM.hasObjective) + facts.iris(iri, IOM.hasOutcome)
    iris += facts.iris(iri, IOM.hasOutput)
    labels = reader.labels(iris + [o for i in iris for o in facts.iris(i, IOM.hasOutput)])
    chain = [_result(reader, facts, o, "objective", labels)
             for o in facts.iris(iri, IOM.hasObjective)]
    for kind, predicate in (("outcome", IOM.hasOutcome), ("output", IOM.hasOutput)):
        found = [_result(reader, facts, o, kind, labels) for o in facts.iris(iri, predicate)]
        chain += sorted(found, key=lambda n: (result_sort_key(n.number), n.link.iri))
    return chain


def project_view(reader: GraphReader, iri: str, triples: list[ox.Triple],
                 page: int = 1) -> dict[str, Any]:
    """Every field of a project, its results chain, member states, organisations and sources
    (one page: ``page`` is not read)."""
    facts = Facts(triples)
    budget = next(iter(facts.iris(iri, IOM.budget)), None)
    participations = []
    for part in facts.iris(iri, IOM.hasParticipation):
        for org in facts.iris(part, IOM.organisation):
            participations.append((reader.link(org), reader.links(facts.iris(part, IOM.role))))
    participations.sort(key=lambda pair: pair[0].label.casefold())
    involved = {org.iri for org, _ in participations}
    others = [i for i in facts.iris(iri, IOM.involvesOrganisation) if i not in involved]
    participations += [(link, []) for link in reader.links(others)]
    sources = facts.iris(iri, PROV.wasDerivedFrom)
    paths = {r["page"].value: r["path"].value for r in reader.select(
        f"SELECT ?page ?path WHERE {{ {values('page', map(ox.NamedNode, sources))} "
        "?page iom:sourcePath ?path }")} if sources else {}
    view = {
        "title": facts.text(iri, DCTERMS.title) or reader.labels([iri])[iri],
        "prima_id": facts.text(iri, IOM.primaId),
        "projects_id": facts.text(iri, IOM.projectsId),
        "acronym": facts.text(iri, IOM.acronym),
        "facets": [(name, reader.links(facts.iris(iri, predicate))) for name, predicate in (
            ("Project type", IOM.projectType), ("IDF region", IOM.idfRegion),
            ("Coverage", IOM.coverage), ("Status", IOM.status))],
        "years": [(name, facts.text(iri, predicate)) for name, predicate in (
            ("Funding year", IOM.fundingYear), ("Start year", IOM.startYear),
            ("End year", IOM.endYear))],
        "budget": money(facts.text(budget, IOM.amount) or None,
                        facts.text(budget, IOM.currency) or None) if budget else "",
        "member_states": reader.links(facts.iris(iri, IOM.benefitingMemberState)),
        "organisations": participations,
        "narrative": paragraphs(facts.text(iri, DCTERMS.description)),
        "chain_nodes": results_chain(reader, iri, facts),
        "sources": [reader.link(s, paths.get(s)) for s in sources],
        "news": mentioning(reader, iri, "mentionsProject"),
    }
    return view | common(reader, iri, triples)


def member_state_view(reader: GraphReader, iri: str, triples: list[ox.Triple],
                      page: int = 1) -> dict[str, Any]:
    """A member state: its names and codes, the projects benefiting it (``page`` of them),
    news naming it."""
    facts = Facts(triples)
    names = sorted((o.language or "", o.value) for o in facts.all(iri, RDFS.label)
                   if isinstance(o, ox.Literal))
    projects = paged_projects(reader, f"{values('state', [ox.NamedNode(iri)])} ?project a "
                                      "iom:Project ; iom:benefitingMemberState ?state .", page)
    return {
        "title": facts.text(iri, RDFS.label) or reader.labels([iri])[iri],
        "names": names,
        "codes": [(n, facts.text(iri, p)) for n, p in (
            ("ISO 3166 alpha-3", IOM.iso3), ("ISO 3166 alpha-2", IOM.iso2), ("UN M49", IOM.m49))],
        "same_as": [(i, safe_href(i)) for i in facts.iris(iri, OWL.sameAs)],
        "projects": projects,
        "news": mentioning(reader, iri, "mentionsCountry"),
    } | common(reader, iri, triples)


def organisation_view(reader: GraphReader, iri: str, triples: list[ox.Triple],
                      page: int = 1) -> dict[str, Any]:
    """An organisation: its name, acronym, the projects it takes part in (with roles; ``page``
    of them), news."""
    facts = Facts(triples)
    projects = paged_projects(
        reader, f"{values('org', [ox.NamedNode(iri)])} ?project iom:involvesOrganisation ?org . "
                "OPTIONAL { ?project iom:hasParticipation ?part . ?part iom:organisation ?org ; "
                "iom:role ?role }", page, extra_var="role")
    return {
        "title": facts.text(iri, RDFS.label) or reader.labels([iri])[iri],
        "acronym": facts.text(iri, IOM.acronym),
        "projects": projects,
        "news": mentioning(reader, iri, "mentionsOrganisation"),
    } | common(reader, iri, triples)


def concept_view(reader: GraphReader, iri: str, triples: list[ox.Triple],
                 page: int = 1) -> dict[str, Any]:
    """A SKOS concept (project type, region, ...) with its projects (``page`` of them), or a
    scheme with its concepts."""
    facts = Facts(triples)
    names = sorted((o.language or "", o.value) for o in facts.all(iri, SKOS.prefLabel)
                   if isinstance(o, ox.Literal))
    concepts = reader.select(
        f"SELECT ?c (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {values('s', [ox.NamedNode(iri)])} "
        "?c skos:inScheme ?s OPTIONAL { ?p ?any ?c . ?p a iom:Project } } GROUP BY ?c")
    links = reader.links(r["c"].value for r in concepts)
    counts = {r["c"].value: int(r["n"].value) for r in concepts}
    projects = paged_projects(reader, f"{values('c', [ox.NamedNode(iri)])} "
                                      "?project a iom:Project ; ?facet ?c .", page) \
        if not concepts else None
    return {
        "title": facts.text(iri, SKOS.prefLabel) or reader.labels([iri])[iri],
        "names": names,
        "definition": facts.text(iri, SKOS.definition),
        "schemes": reader.links(facts.iris(iri, SKOS.inScheme)),
        "concepts": [(link, counts[link.iri]) for link in links],
        "projects": projects,
    } | common(reader, iri, triples)


def page_view(reader: GraphReader, iri: str, triples: list[ox.Triple],
              page: int = 1) -> dict[str, Any]:
    """A source page or news article: where it was read from and what it gave the graph (one
    page: ``page`` is not read)."""
    facts = Facts(triples)
    languages = [language.rsplit("/", 1)[-1]  # ISO 639-1 IRI -> its code
                 for language in facts.iris(iri, DCTERMS.language)]
    text_language = languages[0] if len(languages) == 1 else ""  # of its untagged text
    derived = reader.select(f"SELECT DISTINCT ?p WHERE {{ {values('g', [ox.NamedNode(iri)])} "
                            "?p prov:wasDerivedFrom ?g FILTER(?p != ?g) }")
    return {
        "title": (in_language(facts.text(iri, DCTERMS.title), text_language)
                  or facts.text(iri, IOM.sourcePath)),
        "path": facts.text(iri, IOM.sourcePath),
        "sha256": facts.text(iri, IOM.sha256),
        "language": ", ".join(languages),
        "date": facts.text(iri, DCTERMS.date),
        # a plain string in the graph, written as the article's dateline writes it ("Le Caire")
        "place": in_language(facts.text(iri, IOM.place), text_language),
        "body": paragraphs(in_language(facts.text(iri, DCTERMS.description), text_language)),
        "derived": reader.links(r["p"].value for r in derived),
        "mentions": [(name, reader.links(facts.iris(iri, predicate))) for name, predicate in (
            ("Projects", IOM.mentionsProject), ("Organisations", IOM.mentionsOrganisation),
            ("Countries", IOM.mentionsCountry))],
    } | common(reader, iri, triples)


CONTAINERS = {  # path: (title, the items, how a project links to an item)
    "project/": ("Projects", "?item a iom:DevelopmentFundProject", ""),
    "member-state/": ("Member states", "?item a iom:MemberState",
                      "?project iom:benefitingMemberState ?item"),
    "organisation/": ("Organisations", "?item a iom:Organisation",
                      "?project iom:involvesOrganisation ?item"),
    "page/": ("Source pages and news articles", "?item a iom:SourcePage",
              "{ ?project prov:wasDerivedFrom ?item } "
              "UNION { ?item iom:mentionsProject ?project }"),
}


PAGE_SIZE = 200
"""Items a list page shows, and projects a member state's, organisation's or concept's page."""


def _paged(items: list[Any], page: int) -> dict[str, Any]:
    """Page ``page`` of ``items`` (clamped to the first or last page) and how many in all."""
    pages = max((len(items) + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(max(page, 1), pages)
    return {"page": page, "pages": pages, "total": len(items),
            "slice": items[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]}


def paged_projects(reader: GraphReader, pattern: str, page: int,
                   extra_var: str | None = None) -> dict[str, Any]:
    """Page ``page`` of the projects ``pattern`` matches as rows (views.ordered_projects'
    order), with _paged's page, pages and total: rows are built for that page alone. The order
    is read once for as long as the store is served (GraphReader.memo): at 100,000 pages a
    concept's 13,000 projects take a second to order, and each of its 65 pages needs them."""
    key = ("ordered_projects", pattern, extra_var)
    if key not in reader.memo:
        reader.memo[key] = ordered_projects(reader, pattern, extra_var)
    ordered = cast("list[tuple[str, set[str]]]", reader.memo[key])
    paged = _paged(ordered, page)
    return paged | {"slice": rows_of_projects(reader, paged["slice"])}


def container_view(reader: GraphReader, path: str, page: int = 1) -> dict[str, Any] | None:
    """The list page of one kind of minted resource (``project/``, ...), PAGE_SIZE items a
    page; None for other paths."""
    if path == "vocab/" and reader.iris.href(VOC.iri) == reader.root + "/vocab/":
        rows = reader.select("SELECT DISTINCT ?item WHERE { ?item a skos:ConceptScheme }")
        items = [(link, None) for link in reader.links(r["item"].value for r in rows)]
        return {"title": "Concept schemes", "kind": "schemes", **_paged(items, page)}
    if path not in CONTAINERS:
        return None
    title, pattern, linked = CONTAINERS[path]
    if path == "project/":
        paged = paged_projects(reader, pattern.replace("?item", "?project"), page)
        return {"title": title, "kind": "projects", **paged}
    counts = {r["item"].value: 0 for r in reader.select(f"SELECT DISTINCT ?item {{ {pattern} }}")}
    for row in reader.select(f"SELECT ?item (COUNT(DISTINCT ?project) AS ?n) WHERE {{ {linked} . "
                             "?project a iom:Project } GROUP BY ?item"):
        if row["item"].value in counts:
            counts[row["item"].value] = int(row["n"].value)
    items = [(link, counts[link.iri]) for link in reader.links(counts)]
    return {"title": title, "kind": "items", **_paged(items, page)}
