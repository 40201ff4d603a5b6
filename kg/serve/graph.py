"""Read-side helpers over the store for the pages: SELECT with bound terms, labels, describe,
the triples pointing at a resource.

Every query reads the union of the named graphs, like the saved queries do; a resource's
description and the triples pointing at it leave out the journal (``urn:iom-kg:journal``), the
store's bookkeeping, which no export publishes either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

import pyoxigraph as ox

from kg.export import sorted_triples
from kg.namespaces import DCTERMS, IOM, PREFIXES, RDF, RDFS, SKOS
from kg.query.results import read_solutions
from kg.serve.iris import IriMap, safe_href
from kg.serve.languages import LangString, language_of
from kg.store.journal import JOURNAL

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = dict[str, Term | None]
PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in sorted(PREFIXES.items()))
LABEL_PREDICATES = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
_LANGUAGE_RANK = {"en": 0, "": 1}
MAX_DEPTH = 3


def published_pattern(subject: str, predicate: str, obj: str) -> str:
    """``subject predicate obj`` in any named graph but the journal: a SPARQL group pattern
    matching what the site publishes as data (the journal only names graphs and digests)."""
    return f"GRAPH ?graph {{ {subject} {predicate} {obj} }} FILTER(?graph != {JOURNAL})"


def incoming_pairs_query(iri: str, condition: str = "") -> str:
    """A SELECT of each (``?resource``, ``?property``) pointing at ``iri`` in any named graph but
    the journal, once: what the RDF's and the page's caps count, and their "all of them"
    queries list (kg.serve.views.incoming_query_url); those ``condition`` (a SPARQL expression)
    keeps, when given (a page of them, kg.serve.reference_pages)."""
    pattern = published_pattern("?resource", "?property", str(ox.NamedNode(iri)))
    kept = f" FILTER({condition})" if condition else ""
    return f"SELECT DISTINCT ?resource ?property WHERE {{ {pattern}{kept} }}"


def values(name: str, terms: Iterable[Term]) -> str:
    """``VALUES ?name { ... }`` with each term written by pyoxigraph (always valid syntax)."""
    return f"VALUES ?{name} {{ {' '.join(str(term) for term in terms)} }}"


def local_name(iri: str) -> str:
    """The last segment or fragment of an IRI, %-decoded ("VU10P0543", "Project")."""
    tail = iri.rstrip("/").rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]
    return unquote(tail) or iri


@dataclass(frozen=True)
class Link:
    """A resource as a page shows it: its IRI, label and where a click goes (None: no link)."""

    iri: str
    label: str
    href: str | None

    @property
    def language(self) -> str:
        """The language tag of the label ("" when it has none)."""
        return language_of(self.label)


class GraphReader:
    """The store as the pages read it, making links under ``root`` to queries on this site's
    endpoint, which answers at most ``max_rows`` rows or triples (None: no limit). ``memo``
    keeps what is costly to read for as long as the reader's store is served (it is read-only:
    a newer one gets a new reader)."""

    def __init__(self, store: ox.Store, iris: IriMap, root: str = "",
                 max_rows: int | None = None) -> None:
        self.store = store
        self.iris = iris
        self.root = root
        self.max_rows = max_rows
        self.memo: dict[tuple[object, ...], object] = {}

    def at_root(self, root: str) -> GraphReader:
        """The same reader making links under ``root`` (the app's mount path)."""
        if root == self.root:
            return self
        other = GraphReader(self.store, self.iris, root, self.max_rows)
        other.memo = self.memo
        return other

    def href(self, iri: str) -> str | None:
        """Where a click on ``iri`` goes: its page here, or the IRI itself if it is http(s);
        None for any other IRI (a ``javascript:`` one among them), shown as text."""
        return safe_href(self.iris.href(iri, self.root))

    def select(self, query: str) -> list[Row]:
        """Rows of a SELECT query (prefixes of kg.namespaces declared) over the union graph."""
        solutions = self.store.query(PROLOGUE + query, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        try:
            return read_solutions(solutions, lambda names, rows: [
                dict(zip(names, row, strict=True)) for row in rows])
        finally:
            del solutions  # see kg.query.results.read_solutions

    def exists(self, iri: str) -> bool:
        """True when the IRI is the subject of at least one triple."""
        node = ox.NamedNode(iri)
        return next(iter(self.store.quads_for_pattern(node, None, None)), None) is not None

    def describe(self, iri: str) -> list[ox.Triple]:
        """The resource's triples as subject (the journal's left out), plus those of the
        resources minted under its IRI (a project's budget, objective, outcomes, outputs,
        participations), sorted: what its page shows as its own; its RDF adds ``incoming``
        (kg.serve.resources.rdf_description)."""
        quads: list[ox.Quad] = []
        seen: set[str] = set()
        todo = [(iri, 0)]
        while todo:
            current, depth = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            for quad in self.store.quads_for_pattern(ox.NamedNode(current), None, None):
                if quad.graph_name == JOURNAL:
                    continue
                quads.append(quad)
                obj = quad.object
                if (depth < MAX_DEPTH and isinstance(obj, ox.NamedNode)
                        and obj.value.startswith(iri + "/")):
                    todo.append((obj.value, depth + 1))
        return sorted_triples(quads)

    def incoming_pairs(self, iri: str, limit: int, *, iri_subjects: bool = False) -> list[
            tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode]]:
        """The first ``limit`` distinct (subject, predicate) pairs of the triples pointing at the
        resource in any named graph but the journal, in the store's index order: the order of
        its term ids, hashes of the terms' text, so the same content gives the same pairs in
        any store (not alphabetical; sorting all of them would cost a decode of each).
        ``iri_subjects`` leaves out blank-node subjects."""
        pairs: dict[tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode], None] = {}
        for quad in self.store.quads_for_pattern(None, None, ox.NamedNode(iri)):
            graph = quad.graph_name
            subject = quad.subject
            if (isinstance(graph, ox.DefaultGraph) or graph == JOURNAL
                    or not isinstance(subject, ox.NamedNode | ox.BlankNode)
                    or (iri_subjects and not isinstance(subject, ox.NamedNode))):
                continue
            if len(pairs) >= limit:
                break
            pairs[(subject, quad.predicate)] = None
        return list(pairs)

    def incoming(self, iri: str, limit: int) -> list[ox.Triple]:
        """``limit`` distinct triples pointing at the resource (``?s ?p <iri>``, once however
        many graphs hold one, the journal's left out): the first ``incoming_pairs``, sorted by
        subject then predicate."""
        node = ox.NamedNode(iri)
        kept = sorted(self.incoming_pairs(iri, limit), key=lambda pair: (str(pair[0]),
                                                                         str(pair[1])))
        return [ox.Triple(subject, predicate, node) for subject, predicate in kept]

    def count_incoming(self, iri: str) -> int:
        """How many distinct triples point at the resource (the journal's left out)."""
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {incoming_pairs_query(iri)} }}")
        count = rows[0]["n"]
        return int(count.value) if count is not None else 0

    def types(self, iri: str) -> set[str]:
        """The rdf:type IRIs of a resource."""
        node = ox.NamedNode(iri)
        return {q.object.value for q in self.store.quads_for_pattern(node, RDF.type, None)
                if isinstance(q.object, ox.NamedNode)}

    def objects(self, iri: str, predicate: ox.NamedNode) -> list[Term]:
        """The distinct objects of ``iri predicate`` in any graph, sorted."""
        found = {q.object for q in self.store.quads_for_pattern(ox.NamedNode(iri), predicate,
                                                                 None)}
        return sorted(found, key=str)

    def value(self, iri: str, predicate: ox.NamedNode) -> Term | None:
        """One object of ``iri predicate``: a literal in English or untagged first."""
        found = self.objects(iri, predicate)
        found.sort(key=lambda t: _LANGUAGE_RANK.get(t.language or "", 2)
                   if isinstance(t, ox.Literal) else 3)
        return found[0] if found else None

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        """A label for each IRI: skos:prefLabel, rdfs:label or dcterms:title, English first
        (a LangString when tagged); a result number ("Output 1.1") or the IRI's last segment
        otherwise."""
        labels: dict[str, str] = {}
        for iri in sorted(set(iris)):
            best: tuple[int, int, str, str] | None = None
            node = ox.NamedNode(iri)
            for rank, predicate in enumerate(LABEL_PREDICATES):
                for quad in self.store.quads_for_pattern(node, predicate, None):
                    label = quad.object
                    if isinstance(label, ox.Literal):
                        language = label.language or ""
                        key = (_LANGUAGE_RANK.get(language, 2), rank, label.value, language)
                        best = key if best is None or key < best else best
                if best is not None and best[0] == 0:
                    break
            if best is None:
                labels[iri] = self._result_label(iri)
            else:
                labels[iri] = LangString(best[2], best[3]) if best[3] else best[2]
        return labels

    def _result_label(self, iri: str) -> str:
        """"Output 1.1", "Objective", ... for the parts of a results chain, a page's file name;
        else the IRI's last segment."""
        names = {IOM.Objective.value: "Objective", IOM.Outcome.value: "Outcome",
                 IOM.Output.value: "Output", IOM.Budget.value: "Budget",
                 IOM.Participation.value: "Participation"}
        kinds = sorted(names[t] for t in self.types(iri) if t in names)
        if not kinds:
            path = self.value(iri, IOM.sourcePath)
            return path.value.replace("\\", "/").rsplit("/", 1)[-1] if path else local_name(iri)
        number = self.value(iri, IOM.resultNumber)
        return kinds[0] + (f" {number.value}" if number is not None else "")

    def link(self, iri: str, label: str | None = None) -> Link:
        """A Link to ``iri``, labelled from the graph unless ``label`` is given."""
        text = label if label is not None else self.labels([iri])[iri]
        return Link(iri, text, self.href(iri))

    def links(self, iris: Iterable[str], labels: Mapping[str, str] | None = None) -> list[Link]:
        """Links to ``iris``, sorted by label."""
        iris = list(dict.fromkeys(iris))
        labels = labels if labels is not None else self.labels(iris)
        found = [Link(i, labels.get(i) or local_name(i), self.href(i)) for i in iris]
        return sorted(found, key=lambda link: (link.label.casefold(), link.iri))
