"""The references to a resource cut into pages a query on this site's endpoint answers whole.

/sparql refuses an answer of more than ``max_rows`` rows or triples (ServeSettings), so a link
to every reference of a resource with more (a project type's, a member state's, in a large
store) would fail. Past that, a page and an RDF description link consecutive pages instead:
runs of at most ``max_rows`` of the references in the order of ``ORDER BY ?resource ?property``
(blank nodes first, then IRIs by their text), each selected by a FILTER on where it starts and
ends (a range of the resources' and properties' text), so together they give every reference
once. A range costs the endpoint a pass over the references and a sort of one page; an
``OFFSET`` would sort all of them for each page (44 s for 840,000 of them, past the query
timeout), so it only slices the blank-node subjects, which no build writes. The ranges are read
from the store when the links are made, one pass over the references sorted in Python (4 s for
840,000 of them), so the same store gives the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox

from kg.query.results import read_solutions
from kg.serve.graph import GraphReader, incoming_pairs_query

Pair = tuple[str, str]
"""A reference as (resource, property) IRIs."""


@dataclass(frozen=True)
class ReferencePage:
    """Some of the references to a resource: the ``first`` (1 for the first of them all) to the
    ``last``, in the order of ``ORDER BY ?resource ?property``, as ``condition`` (a SPARQL
    expression over ?resource and ?property) selects them; blank-node subjects are cut by
    ``offset`` among the ones ``condition`` selects, taking ``last - first + 1``."""

    first: int
    last: int
    condition: str
    offset: int | None = None

    @property
    def size(self) -> int:
        """How many references the page holds."""
        return self.last - self.first + 1

    def modifiers(self) -> str:
        """The solution modifiers of its query: its slice of the blank-node subjects, sorted;
        "" for a range."""
        if self.offset is None:
            return ""
        return f" ORDER BY ?resource ?property LIMIT {self.size} OFFSET {self.offset}"


def reference_pages(reader: GraphReader, iri: str, total: int) -> list[ReferencePage]:
    """The ``total`` references to ``iri`` (as GraphReader.count_incoming counts them) in
    pages of at most the reader's ``max_rows``, the blank-node subjects' first, then the IRIs'
    by ranges; none when one query may answer them all. Kept while the reader's store is
    served (GraphReader.memo): a resource's page and its RDF both link them, and reading them
    takes a pass over every reference."""
    size = reader.max_rows
    if size is None or total <= size:
        return []
    key = ("reference-pages", iri, size)
    if key not in reader.memo:
        reader.memo[key] = _pages(*_references(reader, iri), size)
    return cast("list[ReferencePage]", reader.memo[key])


def _pages(blank: int, named: list[Pair], size: int) -> list[ReferencePage]:
    """Pages of at most ``size`` of ``blank`` references from blank nodes, then of ``named``."""
    pages = [ReferencePage(start + 1, min(start + size, blank), "isBlank(?resource)", start)
             for start in range(0, blank, size)]
    for start in range(0, len(named), size):
        end = min(start + size, len(named))
        bounds = ["isIRI(?resource)"]
        if start > 0:
            bounds.append(_bound(named, start, ">="))
        if end < len(named):
            bounds.append(_bound(named, end, "<"))
        pages.append(ReferencePage(blank + start + 1, blank + end, " && ".join(bounds)))
    return pages


def _references(reader: GraphReader, iri: str) -> tuple[int, list[Pair]]:
    """How many references to ``iri`` have a blank-node subject, and the others sorted."""
    solutions = reader.store.query(incoming_pairs_query(iri))
    assert isinstance(solutions, ox.QuerySolutions)
    try:
        found = read_solutions(solutions, lambda _, rows: [
            (s.value, p.value) if isinstance(s, ox.NamedNode) else None for s, p in rows])
    finally:
        del solutions
    named = sorted(pair for pair in found if pair is not None)
    return len(found) - len(named), named


def _bound(named: list[Pair], index: int, operator: str) -> str:
    """The condition putting a reference on the ``>=`` or ``<`` side of ``named[index]``:
    on its resource's text alone, unless the bound falls among one resource's references."""
    resource, prop = named[index]
    text = str(ox.Literal(resource))
    if named[index - 1][0] != resource:
        return f"STR(?resource) {operator} {text}"
    strict = operator.rstrip("=")
    return (f"(STR(?resource) {strict} {text} || (STR(?resource) = {text} && "
            f"STR(?property) {operator} {ox.Literal(prop)}))")
