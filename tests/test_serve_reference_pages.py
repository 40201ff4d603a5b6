"""kg.serve.reference_pages: the references to a resource past the endpoint's max_rows, cut
into pages by ranges of their text (blank-node subjects by an OFFSET among themselves), read once
while the store is served; the app's links to them are tested in test_serve_incoming_pages."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from test_serve_incoming_pages import HUB_IRI, MAX_ROWS, SCHEME_IRI, hub_references, query_of

from kg.namespaces import DEFAULT_BASE
from kg.serve.graph import GraphReader
from kg.serve.iris import IriMap
from kg.serve.reference_pages import reference_pages
from kg.serve.views import incoming_query_url


def test_pages_of_iri_subjects_are_ranges_read_once_while_the_store_is_served(
        store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    reader = GraphReader(store, IriMap.for_base(DEFAULT_BASE), max_rows=MAX_ROWS)
    pages = reference_pages(reader, SCHEME_IRI, 23)
    assert [(page.first, page.last) for page in pages] == [
        (1, 5), (6, 10), (11, 15), (16, 20), (21, 23)]
    assert all(page.offset is None and page.modifiers() == "" for page in pages)
    # a range, not an OFFSET: the endpoint sorts one page, not every reference for each page
    assert all("OFFSET" not in query_of(incoming_query_url(SCHEME_IRI, "/sparql", answer, page))
               for page in pages for answer in ("table", "triples"))
    monkeypatch.setattr(reader, "store", None)  # read again, it would fail
    assert reference_pages(reader.at_root("/kg"), SCHEME_IRI, 23) == pages


def test_at_or_under_max_rows_there_are_no_pages(store: ox.Store) -> None:
    reader = GraphReader(store, IriMap.for_base(DEFAULT_BASE), max_rows=23)
    assert reference_pages(reader, SCHEME_IRI, 23) == []
    unlimited = GraphReader(store, IriMap.for_base(DEFAULT_BASE))
    assert reference_pages(unlimited, SCHEME_IRI, 23) == []


def test_blank_node_subjects_come_first_sliced_in_their_own_order() -> None:
    reader = GraphReader(hub_references(), IriMap.for_base(DEFAULT_BASE), max_rows=2)
    pages = reference_pages(reader, HUB_IRI, 14)
    assert [(page.first, page.last, page.offset) for page in pages[:2]] == [
        (1, 2, 0), (3, 3, 2)]
    assert pages[0].modifiers() == " ORDER BY ?resource ?property LIMIT 2 OFFSET 0"
    assert all(page.offset is None for page in pages[2:])
    assert sum(page.size for page in pages) == 14
