"""The project, page and class of many focus nodes at once, in a few queries per batch.

``Context`` (kg.validate.context) asks the graph one question at a time, which over a store
of millions of triples and tens of thousands of results is slow. The same answers come here
from three queries per batch of focus nodes: their classes, their ancestors along the
part-of links (the project is the nearest one, the first by IRI), and each project's Prima
ID, title and page path. A node the queries cannot place (a page, or a node no project
reaches within three links) is looked up by ``Context`` itself. Each answer also lists the
nodes it read, so a cache can tell when a change elsewhere makes it stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from kg.validate.context import IOM, MAX_DEPTH, PART_OF, Context
from kg.validate.model import ProjectRef
from kg.validate.sparql_text import iris
from kg.validate.store_view import StoreView
from kg.validate.terms import compact

BATCH = 5000
LINK_LIST = ", ".join(f"<{link}>" for link in PART_OF)
Found = tuple[ProjectRef, str | None, set[str]]
Value = ox.NamedNode | ox.BlankNode | ox.Literal
TITLE = "http://purl.org/dc/terms/title"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"


@dataclass(frozen=True)
class FocusContext:
    """What a report line says about its focus node, and the nodes that said it."""

    focus_type: str | None
    project: ProjectRef | None
    source_path: str | None
    read: frozenset[str] = frozenset()


def _rows(store: ox.Store, query: str) -> list[list[str | None]]:
    """Rows of a query as plain strings (IRIs and lexical forms)."""
    return [[None if t is None else t.value for t in row]
            for row in store.query(query, use_default_graph_as_union=True)]


class _Batch:
    """Contexts of IRI focus nodes, computed together."""

    def __init__(self, store: ox.Store, context: Context) -> None:
        self.store = store
        self.context = context
        self.project_classes = {str(c) for c in context._project_classes}
        self.page_classes = {str(c) for c in context._page_classes}

    def types(self, nodes: Sequence[str]) -> dict[str, set[str]]:
        """The classes (IRIs) of each node."""
        found: dict[str, set[str]] = {n: set() for n in nodes}
        query = (f"SELECT ?f (GROUP_CONCAT(DISTINCT STR(?t); separator=' ') AS ?ts) "
                 f"WHERE {{ VALUES ?f {{ {iris(nodes)} }} ?f a ?t FILTER(isIRI(?t)) }} "
                 "GROUP BY ?f")
        for focus, classes in _rows(self.store, query):
            found[focus] = set((classes or "").split())  # type: ignore[index]
        return found

    def projects_among(self, nodes: Sequence[str]) -> set[str]:
        """The nodes that are projects (typed with iom:Project or a subclass)."""
        query = (f"SELECT DISTINCT ?f WHERE {{ VALUES ?f {{ {iris(nodes)} }} "
                 f"FILTER EXISTS {{ VALUES ?c {{ {iris(self.project_classes)} }} ?f a ?c }} }}")
        return {row[0] for row in _rows(self.store, query)}  # type: ignore[misc]

    def parents(self, nodes: Sequence[str]) -> dict[str, set[str]]:
        """The subjects linking to each node by a part-of link; a blank one as ``_:``."""
        found: dict[str, set[str]] = {n: set() for n in nodes}
        query = (f"SELECT DISTINCT ?f ?a WHERE {{ VALUES ?f {{ {iris(nodes)} }} "
                 f"?a ?l ?f FILTER(?l IN ({LINK_LIST})) }}")
        for row in self.store.query(query, use_default_graph_as_union=True):
            parent = row[1]
            found[row[0].value].add(parent.value if isinstance(parent, ox.NamedNode) else "_:")
        return found

    def nearest_projects(self, nodes: Sequence[str],
                         own: set[str]) -> dict[str, tuple[str | None, set[str]]]:
        """For each node, ``Context.project_of``'s breadth-first search, level by level for
        all nodes at once: the nearest project (None when the search must be left to
        ``Context``) and the nodes it read."""
        is_project = set(own)
        known: set[str] = set(nodes)
        state = {n: ([n], {n}) for n in nodes}
        answer: dict[str, tuple[str | None, set[str]]] = {}
        for depth in range(MAX_DEPTH + 1):
            for node, (frontier, seen) in list(state.items()):
                projects = [f for f in frontier if f in is_project]
                if projects:
                    answer[node] = (min(projects), seen)
                    del state[node]
            if depth == MAX_DEPTH or not state:
                break
            wanted = sorted({f for frontier, _ in state.values() for f in frontier})
            links = self.parents(wanted)
            for node, (frontier, seen) in list(state.items()):
                found = {p for f in frontier for p in links[f]}
                if "_:" in found:
                    del state[node]
                    continue
                state[node] = (sorted(found - seen), seen | found)
            fresh = sorted({f for frontier, _ in state.values() for f in frontier} - known)
            known |= set(fresh)
            is_project |= self.projects_among(fresh) if fresh else set()
        for node in nodes:
            answer.setdefault(node, (None, set()))
        return answer

    def values(self, nodes: Sequence[str], predicate: str) -> dict[str, set[Value]]:
        """The distinct values of ``predicate`` on each node (one simple query a batch)."""
        found: dict[str, set[Value]] = {n: set() for n in nodes}
        for start in range(0, len(nodes), BATCH):
            query = (f"SELECT ?n ?x WHERE {{ VALUES ?n {{ {iris(nodes[start:start + BATCH])} }} "
                     f"?n <{predicate}> ?x }}")
            for row in self.store.query(query, use_default_graph_as_union=True):
                found[row[0].value].add(row[1])
        return found

    def projects(self, projects: Sequence[str]) -> dict[str, Found]:
        """Each project's reference, the path of its first page, and its pages (as
        ``Context.project_ref`` and ``source_path`` find them)."""
        primas = self.values(projects, str(IOM.primaId))
        titles = self.values(projects, TITLE)
        pages = self.values(projects, DERIVED)
        named = sorted({p.value for found in pages.values() for p in found
                        if isinstance(p, ox.NamedNode)})
        paths = self.values(named, str(IOM.sourcePath)) if named else {}
        found = {}
        for project in projects:
            prima = min((x.value for x in primas[project]), default=None)
            texts = [t for t in titles[project] if isinstance(t, ox.Literal)]
            ranked = sorted(texts, key=lambda t: ({"en": 0, None: 1}.get(t.language, 2), t.value))
            own = {p.value for p in pages[project]}
            path = min((x.value for p in own if p in paths for x in paths[p]), default=None)
            ref = ProjectRef(iri=project, prima_id=prima,
                             title=ranked[0].value if ranked else None)
            found[project] = (ref, path, own)
        return found

    def run(self, nodes: Sequence[str]) -> dict[str, FocusContext | None]:
        """Contexts of ``nodes``; None for those ``Context`` must look up one by one."""
        types = self.types(nodes)
        simple = [n for n in nodes if not types[n] & self.page_classes]
        own = {n for n in simple if types[n] & self.project_classes}
        chosen = self.nearest_projects(simple, own)
        wanted = sorted({p for p, _ in chosen.values() if p is not None})
        refs = self.projects(wanted) if wanted else {}
        out: dict[str, FocusContext | None] = {n: None for n in nodes}
        for node in simple:
            project, read = chosen[node]
            if project is None:
                continue
            ref, path, pages = refs[project]
            out[node] = FocusContext(self.focus_type(types[node]), ref, path,
                                     frozenset({node, project, *read, *pages}))
        return out

    def focus_type(self, types: set[str]) -> str | None:
        """The most specific iom: class, as ``Context.focus_type`` picks it."""
        ours = [t for t in types if t.startswith(str(IOM))]
        if not ours:
            return None
        best = min(ours, key=lambda t: (-self.context._class_depth(URIRef(t)), t))
        return compact(best)


class _Recording(StoreView):
    """A StoreView that notes every node it is asked about."""

    read: set[Node]

    def objects(self, subject: Node | None = None,
                predicate: Node | None = None) -> Iterator[Node]:
        """As StoreView.objects, noting the subject."""
        self.read.add(subject)  # type: ignore[arg-type]
        return super().objects(subject, predicate)

    def subjects(self, predicate: Node | None = None,
                 obj: Node | None = None) -> Iterator[Node]:
        """As StoreView.subjects, noting the object."""
        self.read.add(obj)  # type: ignore[arg-type]
        return super().subjects(predicate, obj)


def _one_by_one(context: Context, view: _Recording, focus: Node) -> FocusContext:
    view.read = set()
    project = context.project_of(focus)
    ref = context.project_ref(project) if project is not None else None
    path = context.source_path(focus, project)
    read = frozenset(str(n) for n in view.read if isinstance(n, URIRef))
    return FocusContext(context.focus_type(focus), ref, path, read | {str(focus)})


def focus_contexts(store: ox.Store, focus_nodes: Iterable[Node]) -> dict[Node, FocusContext]:
    """The context of each focus node, as ``Context`` gives it, read in batches."""
    view = _Recording(store)
    view.read = set()
    context = Context(view, view)  # type: ignore[arg-type]
    batch = _Batch(store, context)
    nodes = set(focus_nodes)
    named = sorted(str(n) for n in nodes if isinstance(n, URIRef))
    done: dict[Node, FocusContext] = {}
    for start in range(0, len(named), BATCH):
        for iri, found in batch.run(named[start:start + BATCH]).items():
            if found is not None:
                done[URIRef(iri)] = found
    for node in sorted(nodes - done.keys(), key=str):
        done[node] = _one_by_one(context, view, node)
    return done
