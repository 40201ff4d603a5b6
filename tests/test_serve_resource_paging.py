"""`kg serve`: a member state's, organisation's or concept's page lists its projects a page
(resource_views.PAGE_SIZE) at a time, as the list pages do: how many in all, which page, links
to the previous and next, newest funding year first whatever the page."""

from __future__ import annotations

import html
import re

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient
from test_serve import HTML, local

from kg.namespaces import DEFAULT_BASE, IOM
from kg.serve import ServeSettings, create_app, resource_views

LISTS = ((f"{DEFAULT_BASE}member-state/VUT", IOM.benefitingMemberState),
         (f"{DEFAULT_BASE}vocab/project-type/protection-assistance", IOM.projectType))


@pytest.fixture(scope="module")
def client(store: ox.Store) -> TestClient:
    """The `kg serve` app on the seed store."""
    return TestClient(create_app(store, ServeSettings(hosts=("testserver",), timeout=20)))


def projects_of(store: ox.Store, iri: str, predicate: ox.NamedNode) -> set[str]:
    """The projects pointing at ``iri`` through ``predicate``."""
    return {q.subject.value for q in store.quads_for_pattern(None, predicate, ox.NamedNode(iri))
            if next(iter(store.quads_for_pattern(q.subject, None, IOM.Project)), None)}


def listed(client: TestClient, iri: str, page: str | None = None) -> tuple[str, list[str]]:
    """The projects part of ``iri``'s page (``?page=``) and the projects it links, in order."""
    query = "" if page is None else f"?page={page}"
    response = client.get(local(iri) + query, headers=HTML)
    assert response.status_code == 200, response.text
    part = response.text[response.text.index('<h2 id="projects">'):]
    part = part[:part.index('<details')] if '<details' in part else part
    rows = re.findall(r'<tr><td><a href="([^"]+)"', part)
    return part, [html.unescape(href) for href in rows]


@pytest.mark.parametrize(("iri", "predicate"), LISTS)
def test_two_pages_hold_every_project_once_with_the_count_and_links_between(
        client: TestClient, store: ox.Store, monkeypatch: pytest.MonkeyPatch, iri: str,
        predicate: ox.NamedNode) -> None:
    expected = {local(p) for p in projects_of(store, iri, predicate)}
    assert len(expected) == 3
    monkeypatch.setattr(resource_views, "PAGE_SIZE", 2)
    first, on_first = listed(client, iri)
    second, on_second = listed(client, iri, "2")
    assert len(on_first) == 2 and len(on_second) == 1
    assert set(on_first) | set(on_second) == expected
    for part, page in ((first, 1), (second, 2)):
        assert "(3)</h2>" in part and f"page {page} of 2" in part
    assert 'href="?page=2#projects" rel="next"' in first and 'rel="prev"' not in first
    assert 'href="?page=1#projects" rel="prev"' in second and 'rel="next"' not in second
    assert listed(client, iri, "1") == (first, on_first)


@pytest.mark.parametrize(("iri", "predicate"), LISTS)
def test_out_of_range_pages_show_the_nearest_as_the_list_pages_do(
        client: TestClient, monkeypatch: pytest.MonkeyPatch, iri: str,
        predicate: ox.NamedNode) -> None:
    monkeypatch.setattr(resource_views, "PAGE_SIZE", 2)
    first, last = listed(client, iri, "1"), listed(client, iri, "2")
    assert listed(client, iri, "0") == first and listed(client, iri, "x") == first
    assert listed(client, iri, "99") == last
    as_list = re.search(r"page (\d+) of (\d+)", client.get("/member-state/?page=99",
                                                          headers=HTML).text)
    assert as_list and as_list.group(1) == as_list.group(2)  # a list page: its last one too


@pytest.mark.parametrize(("iri", "predicate"), LISTS)
def test_the_pages_keep_the_order_of_the_whole_list(
        client: TestClient, monkeypatch: pytest.MonkeyPatch, iri: str,
        predicate: ox.NamedNode) -> None:
    whole, everything = listed(client, iri)
    assert 'aria-label="Pages"' not in whole and "page 1 of" not in whole
    monkeypatch.setattr(resource_views, "PAGE_SIZE", 2)
    assert listed(client, iri, "1")[1] + listed(client, iri, "2")[1] == everything
    assert listed(client, iri, "2")[1] == everything[2:]


def test_the_order_of_a_long_list_is_read_once_while_the_store_is_served(
        store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.serve.graph import GraphReader
    from kg.serve.iris import IriMap
    from kg.serve.views import ordered_projects

    reader = GraphReader(store, IriMap(DEFAULT_BASE))
    pattern = (f"VALUES ?c {{ <{LISTS[1][0]}> }} ?project a iom:Project ; ?facet ?c .")
    fresh = ordered_projects(GraphReader(store, IriMap(DEFAULT_BASE)), pattern)
    assert len(fresh) == 3
    selects: list[str] = []
    select = reader.select
    monkeypatch.setattr(reader, "select", lambda query: selects.append(query) or select(query))
    monkeypatch.setattr(resource_views, "PAGE_SIZE", 2)
    first = resource_views.paged_projects(reader, pattern, 1)
    ordering = len(selects)
    second = resource_views.paged_projects(reader, pattern, 2)
    again = resource_views.paged_projects(reader, pattern, 1)
    assert ordering >= 1 and len(selects) == ordering  # pages 2 and 1 again: no new query
    assert [row.link.iri for row in first["slice"] + second["slice"]] == [iri for iri, _ in fresh]
    assert (first["total"], second["page"], again["slice"]) == (3, 2, first["slice"])
