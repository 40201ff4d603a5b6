"""The project, page and class of many focus nodes at once, read from a store in batches.

``Context`` (kg.validate.context) asks one question at a time; over a store each question is
a lookup. Here it runs against a view that answers from memory and, for a question it cannot
answer yet, stops the lookup: the questions of every pending focus node are then asked in one
query per predicate, and the lookups run again, until all are answered. Each answer also
names the nodes it read, so a cache can tell when a change elsewhere makes it stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Literal
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from kg.validate.context import IOM, PART_OF, Context
from kg.validate.model import ProjectRef
from kg.validate.sparql_text import sparql_term
from kg.validate.store_view import to_ox, to_rdflib

BATCH = 5000
OBJECT_PREDICATES = (RDF.type, IOM.primaId, DCTERMS.title, PROV.wasDerivedFrom, IOM.sourcePath)
"""What the context reads about a node: fetched together when one of them is asked for."""
SUBJECT_PREDICATES = (*PART_OF, PROV.wasDerivedFrom)
Key = tuple[str, Node, Node]
"""("o", subject, predicate) asks for objects; ("s", predicate, object) for subjects."""


class Missing(Exception):
    """A lookup the view has not fetched yet."""

    def __init__(self, key: Key) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class FocusContext:
    """What a report line says about its focus node, and the nodes that said it."""

    focus_type: str | None
    project: ProjectRef | None
    source_path: str | None
    read: frozenset[Node]


class BatchedView:
    """``objects``/``subjects`` answered from fetched batches; rdfs:subClassOf fetched whole."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.known: dict[Key, list[Node]] = {}
        self.read: set[Node] = set()
        self._subclass_of: list[tuple[Node, Node]] = [
            (to_rdflib(q.subject), to_rdflib(q.object)) for q in store.quads_for_pattern(
                None, ox.NamedNode(str(RDFS.subClassOf)), None, None)]

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        """Objects of ``subject predicate``; Missing when not fetched yet."""
        if predicate == RDFS.subClassOf:
            return iter(sorted({o for s, o in self._subclass_of if s == subject}, key=str))
        self.read.add(subject)
        if isinstance(subject, Literal):
            return iter(())
        return iter(self._known(("o", subject, predicate)))

    def subjects(self, predicate: Node, obj: Node) -> Iterator[Node]:
        """Subjects of ``predicate obj``; Missing when not fetched yet."""
        if predicate == RDFS.subClassOf:
            return iter(sorted({s for s, o in self._subclass_of if o == obj}, key=str))
        self.read.add(obj)
        return iter(self._known(("s", predicate, obj)))

    def _known(self, key: Key) -> list[Node]:
        if key not in self.known:
            raise Missing(key)
        return self.known[key]

    def fetch(self, keys: Iterable[Key]) -> None:
        """Answer ``keys`` and the lookups that usually follow them, in a few queries."""
        nodes: dict[str, set[Node]] = {"o": set(), "s": set()}
        asked: dict[str, set[Node]] = {"o": set(OBJECT_PREDICATES), "s": set(SUBJECT_PREDICATES)}
        for kind, a, b in keys:
            nodes[kind].add(a if kind == "o" else b)
            asked[kind].add(b if kind == "o" else a)
        for kind, found in nodes.items():
            predicates = tuple(sorted(asked[kind], key=str))
            for node in found:
                for predicate in predicates:
                    self.known.setdefault(self._key(kind, node, predicate), [])
            named = sorted((n for n in found if not isinstance(n, BNode)), key=str)
            for start in range(0, len(named), BATCH):
                self._fetch_batch(kind, predicates, named[start:start + BATCH])
            for node in found:
                if isinstance(node, BNode):
                    for predicate in predicates:
                        self._fetch_one(kind, predicate, node)

    @staticmethod
    def _key(kind: str, node: Node, predicate: Node) -> Key:
        return ("o", node, predicate) if kind == "o" else ("s", predicate, node)

    def _fetch_batch(self, kind: str, predicates: tuple[Node, ...], nodes: list[Node]) -> None:
        values = " ".join(sparql_term(n) for n in nodes)
        preds = " ".join(f"<{p}>" for p in predicates)
        pattern = "?n ?p ?x" if kind == "o" else "?x ?p ?n"
        query = (f"SELECT DISTINCT ?n ?p ?x WHERE {{ VALUES ?n {{ {values} }} "
                 f"VALUES ?p {{ {preds} }} {pattern} }}")
        for row in self.store.query(query, use_default_graph_as_union=True):
            key = self._key(kind, to_rdflib(row[0]), to_rdflib(row[1]))
            self.known[key].append(to_rdflib(row[2]))

    def _fetch_one(self, kind: str, predicate: Node, node: Node) -> None:
        pattern = (to_ox(node), to_ox(predicate), None) if kind == "o" \
            else (None, to_ox(predicate), to_ox(node))
        found = self.store.quads_for_pattern(*pattern, None)
        others = [to_rdflib(q.object if kind == "o" else q.subject) for q in found]
        self.known[self._key(kind, node, predicate)] = list(dict.fromkeys(others))


def _one(context: Context, view: BatchedView, focus: Node) -> FocusContext:
    view.read = set()
    project = context.project_of(focus)
    ref = context.project_ref(project) if project is not None else None
    found = FocusContext(context.focus_type(focus), ref, context.source_path(focus, project),
                         frozenset())
    return FocusContext(found.focus_type, found.project, found.source_path,
                        frozenset(view.read))


def focus_contexts(store: ox.Store, focus_nodes: Iterable[Node]) -> dict[Node, FocusContext]:
    """The context of each focus node, fetched from ``store`` in a few rounds of queries."""
    view = BatchedView(store)
    context = Context(view, view)  # type: ignore[arg-type]
    pending = set(focus_nodes)
    done: dict[Node, FocusContext] = {}
    while pending:
        wanted: set[Key] = set()
        for focus in pending:
            try:
                done[focus] = _one(context, view, focus)
            except Missing as missing:
                wanted.add(missing.key)
        pending -= done.keys()
        view.fetch(wanted)
    return done
