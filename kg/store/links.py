"""Recompute the graphs derived from all pages: news links (kg.mapping.links), member states
and budget statistics (kg.mapping.statistics)."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox

from kg.mapping import (
    ProjectIndex,
    link_mentions,
    member_state_quads,
    mint_graph_iri,
    normalise_base,
    statistics_graph,
    statistics_quads,
)
from kg.mapping.links import LinkConflict, MentionRow, link_conflicts
from kg.namespaces import DCTERMS, IOM, RDF
from kg.records import ParseIssue, ProjectMention
from kg.store.graphs import links_graph, replace_graph
from kg.store.journal import JOURNAL, LINK_CONFLICT, Change

# Each page's own graph: articles naming a project alike share its node, but one may give an
# acronym its name already spells and another not (the union would pair them). A node without
# a title is a project the article names by its Prima ID alone.
MENTIONS = """
SELECT DISTINCT ?page ?node ?name ?acronym ?start ?end ?prima WHERE { GRAPH ?page {
  ?page iom:namesProject ?node . OPTIONAL { ?node dcterms:title ?name }
  OPTIONAL { ?node iom:acronym ?acronym } OPTIONAL { ?node iom:startYear ?start }
  OPTIONAL { ?node iom:endYear ?end } OPTIONAL { ?node iom:primaId ?prima }
} }
"""
# Within each page graph (where a project page describes its project): the union would add
# the nodes news articles name. Each property is read by a sub-select that Oxigraph joins by
# hash, one index scan per property instead of one lookup per project (3x quicker at 100k).
PROJECTS = """
SELECT ?project ?title ?start ?end ?prima WHERE {
  { SELECT ?page ?project WHERE { GRAPH ?page { ?project a iom:DevelopmentFundProject } } }
  { SELECT ?page ?project ?title WHERE { GRAPH ?page { ?project dcterms:title ?title } } }
  OPTIONAL { SELECT ?page ?project ?start WHERE { GRAPH ?page { ?project iom:startYear ?start } } }
  OPTIONAL { SELECT ?page ?project ?end WHERE { GRAPH ?page { ?project iom:endYear ?end } } }
  OPTIONAL { SELECT ?page ?project ?prima WHERE { GRAPH ?page { ?project iom:primaId ?prima } } }
}
"""
_PREFIXES = {"iom": IOM.iri, "dcterms": DCTERMS.iri}


def _year(term: ox.Literal | None) -> int | None:
    return int(term.value[:4]) if term is not None and term.value[:4].isdigit() else None


def _value(term: ox.Literal | None) -> str | None:
    return term.value if term is not None else None


_LINK_PROPERTIES = {DCTERMS.title.value, IOM.startYear.value, IOM.endYear.value,
                    IOM.primaId.value}


def project_link_facts(quads: Iterable[ox.Quad]) -> set[tuple[str, str, str]]:
    """What relinking (``compute_links``) reads of one page graph's quads: the Development Fund
    projects it describes, with their titles, start and end years and Prima IDs."""
    quads = list(quads)
    projects = {q.subject.value for q in quads if q.predicate.value == RDF.type.value
                and q.object == IOM.DevelopmentFundProject}
    facts = {(project, RDF.type.value, "") for project in projects}
    facts |= {(q.subject.value, q.predicate.value, str(q.object)) for q in quads
              if q.subject.value in projects and q.predicate.value in _LINK_PROPERTIES}
    return facts


_MENTION_PROPERTIES = {DCTERMS.title.value, IOM.acronym.value, IOM.startYear.value,
                       IOM.endYear.value, IOM.primaId.value}


def mention_link_facts(quads: Iterable[ox.Quad], page: ox.NamedNode) -> set[tuple[str, str, str]]:
    """What relinking (``compute_links``) reads of one page graph's quads (``page`` its IRI):
    the project names the page uses (``iom:namesProject`` nodes) and what each says of its
    project. The page's own IRI is left out, so a page whose text changed but whose names did
    not gives the same facts."""
    quads = list(quads)
    nodes = {q.object.value for q in quads
             if q.subject == page and q.predicate.value == IOM.namesProject.value}
    facts = {(node, IOM.namesProject.value, "") for node in nodes}
    facts |= {(q.subject.value, q.predicate.value, str(q.object)) for q in quads
              if q.subject.value in nodes and q.predicate.value in _MENTION_PROPERTIES}
    return facts


def rename_linked_pages(store: ox.Store, base: str, renames: dict[ox.NamedNode, ox.NamedNode],
                        *, change: Change) -> int:
    """Give the links of each page replaced by one naming the same projects alike (``old`` ->
    ``new`` in ``renames``) to its new IRI, in one transaction journaled by ``change``; return
    how many pages had links. With every project page as it was, relinking would give these
    pages the links their old IRIs had and change nothing else, so this is its result without
    reading every project (kg.build decides when it applies)."""
    graph = links_graph(base)
    pairs = sorted(renames.items(), key=lambda item: item[0].value)
    linked = [(old, new) for old, new in pairs
              if next(store.quads_for_pattern(old, None, None, graph), None) is not None]
    warned = [(old, new) for old, new in pairs
              if next(store.quads_for_pattern(old, LINK_CONFLICT, None, JOURNAL), None)]
    parts = [*(_renamed(graph, old, new, "?p") for old, new in linked),
             *(_renamed(JOURNAL, old, new, str(LINK_CONFLICT)) for old, new in warned)]
    if linked:
        parts.append(change.insert([graph]))
    if parts:  # the links and their warnings move in one transaction
        store.update(" ;\n".join(parts))
    return len(linked)


def _renamed(graph: ox.NamedNode, old: ox.NamedNode, new: ox.NamedNode, predicate: str) -> str:
    """A SPARQL update giving ``new`` the ``predicate`` triples ``old`` has in ``graph``."""
    return (f"DELETE {{ GRAPH {graph} {{ {old} {predicate} ?o }} }} "
            f"INSERT {{ GRAPH {graph} {{ {new} {predicate} ?o }} }} "
            f"WHERE {{ GRAPH {graph} {{ {old} {predicate} ?o }} }}")


def kept_conflicts(store: ox.Store, pages: Iterable[ox.NamedNode]
                   ) -> list[tuple[str, ParseIssue]]:
    """The link-conflict warnings the last relinking gave ``pages`` (kept in the journal), by
    the path of each page."""
    return _conflict_warnings(store, [
        (page, quad.object.value) for page in sorted(set(pages), key=lambda page: page.value)
        for quad in sorted(store.quads_for_pattern(page, LINK_CONFLICT, None, JOURNAL),
                           key=lambda quad: quad.object.value)])


def _keep_conflicts(store: ox.Store, conflicts: list[LinkConflict]) -> None:
    """Replace the link-conflict warnings kept in the journal with ``conflicts``."""
    kept = " ".join(f"{conflict.page} {LINK_CONFLICT} {ox.Literal(conflict.message)} ."
                    for conflict in conflicts)
    store.update(f"DELETE WHERE {{ GRAPH {JOURNAL} {{ ?page {LINK_CONFLICT} ?message }} }} ;\n"
                 f"INSERT DATA {{ GRAPH {JOURNAL} {{ {kept} }} }}")


def compute_links(store: ox.Store, base: str) -> tuple[list[ox.Quad], list[LinkConflict]]:
    """The links graph computed over every page in the store, and the mentions whose Prima ID
    and name point at different projects (``link_conflicts``).

    With no news mentions in the store the project pages are not even read.
    """
    # Solutions are unpacked in the order of their SELECT clause: quicker than by name.
    rows = [
        MentionRow(page, node, ProjectMention(
            _value(name) or "", _value(acronym), _year(start), _year(end), _value(prima)))
        for page, node, name, acronym, start, end, prima in store.query(
            MENTIONS, prefixes=_PREFIXES, use_default_graph_as_union=True)
    ]
    index = ProjectIndex(base)
    if rows:
        seen: set[tuple[ox.NamedNode, str, int | None, int | None, str | None]] = set()
        for iri, title, start, end, prima in store.query(PROJECTS, prefixes=_PREFIXES):
            project = (iri, title.value, _year(start), _year(end), _value(prima))
            if project not in seen:
                seen.add(project)
                index.add_project(*project)
    return link_mentions(rows, index, links_graph(base)), link_conflicts(rows, index)


def _conflict_warnings(store: ox.Store, conflicts: Iterable[tuple[ox.NamedNode, str]]
                       ) -> list[tuple[str, ParseIssue]]:
    """Each conflict (page, message) as a warning by the path of its page (the page IRI when
    it has none)."""
    warnings = []
    for page, message in conflicts:
        path = next((quad.object.value for quad in store.quads_for_pattern(
            page, IOM.sourcePath, None, page)), page.value)
        warnings.append((path, ParseIssue("project", message, severity="warning")))
    return warnings


USED_STATES = """
SELECT DISTINCT ?state WHERE {
  { ?x iom:benefitingMemberState ?state } UNION { ?x iom:mentionsCountry ?state }
}
"""


def _member_state_quads(store: ox.Store, base: str) -> list[ox.Quad]:
    """Descriptions of every member state the pages use."""
    prefix = f"{normalise_base(base)}member-state/"
    codes = {
        row["state"].value[len(prefix):]
        for row in store.query(USED_STATES, prefixes=_PREFIXES, use_default_graph_as_union=True)
        if row["state"].value.startswith(prefix)
    }
    return member_state_quads(codes, base)


def refresh_derived(store: ox.Store, base: str, *, change: Change, links: bool,
                    statistics: bool) -> list[tuple[str, ParseIssue]]:
    """Replace the member-states graph, and the links graph and the statistics graph when
    asked, each in a transaction of its own; return a warning, by the path of its page, for
    each mention whose Prima ID and name point at different projects (``compute_links``).

    None of them reads what another writes, so they are computed side by side, from the same
    store, on threads: Oxigraph lets go of the GIL while it evaluates a query, so relinking's
    Python work (indexing every project's title) overlaps the statistics' sums."""
    with ThreadPoolExecutor(3, thread_name_prefix="kg-derive") as pool:
        linked = pool.submit(compute_links, store, base) if links else None
        states = pool.submit(_member_state_quads, store, base)
        summed = pool.submit(statistics_quads, store, base) if statistics else None
        warnings: list[tuple[str, ParseIssue]] = []
        if linked is not None:
            quads, conflicts = linked.result()
            graph = links_graph(base)
            replace_graph(store, graph, graph, quads, change=change)
            _keep_conflicts(store, conflicts)
            warnings = _conflict_warnings(
                store, [(conflict.page, conflict.message) for conflict in conflicts])
        graph = mint_graph_iri("member-states", base)
        replace_graph(store, graph, graph, states.result(), change=change)
        if summed is not None:
            graph = statistics_graph(base)
            replace_graph(store, graph, graph, summed.result(), change=change)
    return warnings
