"""`kg serve`: the references to a resource past what one query on /sparql may answer
(ServeSettings.max_rows). Its page's link to "all N references" and its RDF's rdfs:seeAlso
become consecutive pages of them, each a query answering at most max_rows, which together give
every reference once: each link answers 200, none is over max_rows, and the same store gives
the same links and answers. A resource under max_rows keeps its one link (test_serve_incoming).

The seed store's project-type scheme has 23 references from 13 resources (a concept points at
it by skos:inScheme and skos:topConceptOf), so a page boundary can fall between the two
references of one resource; a store written here adds blank-node subjects, a reference two
graphs hold and one in the journal.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest
from httpx import Response
from starlette.testclient import TestClient
from test_serve import HTML, TURTLE, local

from kg.namespaces import DEFAULT_BASE, IOM, RDFS
from kg.serve import ServeSettings, create_app, resources, views
from kg.store import open_store
from kg.store.journal import JOURNAL

SCHEME_IRI = f"{DEFAULT_BASE}vocab/project-type"
HUB_IRI = f"{DEFAULT_BASE}organisation/hub"
MAX_ROWS = 5
VOID_TRIPLES = ox.NamedNode("http://rdfs.org/ns/void#triples")
Pair = tuple[str, str]


def app_client(store: ox.Store, max_rows: int = MAX_ROWS) -> TestClient:
    """The `kg serve` app on ``store``, its endpoint answering at most ``max_rows``."""
    return TestClient(create_app(store, ServeSettings(hosts=("testserver",), timeout=20,
                                                      max_rows=max_rows)))


def references(store: ox.Store, iri: str) -> set[ox.Triple]:
    """The distinct triples pointing at ``iri`` in any graph but the journal."""
    return {q.triple for q in store.quads_for_pattern(None, None, ox.NamedNode(iri))
            if q.graph_name != JOURNAL}


def term_text(term: ox.NamedNode | ox.BlankNode) -> str:
    """A term as SPARQL CSV writes it: an IRI as it is, a blank node as ``_:label``."""
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def reference_links(client: TestClient, iri: str) -> tuple[str, list[tuple[str, str]]]:
    """The note of the "Referenced by" part of ``iri``'s page and its links to /sparql, as
    (text, href)."""
    page = client.get(local(iri), headers=HTML)
    assert page.status_code == 200, page.text
    part = page.text[page.text.index("Referenced by"):]
    part = part[:part.index("<ul>")]
    links = [(html.unescape(text), html.unescape(href))
             for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', part)]
    assert links and all(href.startswith("/sparql?query=") for _, href in links), part
    return part, links


def refusal(response: Response) -> str:
    """Why /sparql refused a query: its status and the error its page or text gives."""
    found = re.search(r'<p class="error" role="alert">([^<]*)</p>', response.text)
    return f"{response.status_code}: {found.group(1) if found else response.text[:200]}"


def csv_pairs(client: TestClient, href: str) -> list[Pair]:
    """The (resource, property) rows a /sparql link answers as CSV (after checking that a
    browser gets them too)."""
    shown = client.get(href, headers=HTML)
    assert shown.status_code == 200, refusal(shown)
    answer = client.get(href, headers={"accept": "text/csv"})
    assert answer.status_code == 200, refusal(answer)
    rows = [tuple(row) for row in csv.reader(io.StringIO(answer.text))]
    assert rows[0] == ("resource", "property")
    return [(row[0], row[1]) for row in rows[1:]]


def see_also(client: TestClient, iri: str) -> list[tuple[str, list[ox.Triple]]]:
    """Each rdfs:seeAlso of ``iri``'s RDF and the triples describing it there."""
    body = client.get(local(iri), headers=TURTLE)
    assert body.status_code == 200, body.text
    triples = [q.triple for q in ox.parse(body.content, format=ox.RdfFormat.TURTLE)]
    links = [t.object for t in triples
             if t.subject == ox.NamedNode(iri) and t.predicate == RDFS.seeAlso]
    return [(link.value, [t for t in triples if t.subject == link]) for link in links]


def query_of(url: str) -> str:
    """The SPARQL query a ``/sparql?query=`` URL sends."""
    return parse_qs(urlsplit(url).query)["query"][0]


def sorted_pairs(triples: set[ox.Triple]) -> list[Pair]:
    """The (subject, predicate) of ``triples`` as a SPARQL ``ORDER BY ?resource ?property``
    sorts them: blank nodes first, then IRIs by their text."""
    return [(term_text(s), p.value) for s, p in sorted(
        ((t.subject, t.predicate) for t in triples),
        key=lambda pair: (isinstance(pair[0], ox.NamedNode), pair[0].value, pair[1].value))]


@pytest.fixture(scope="module")
def hub_store() -> ox.Store:
    """The store of hub_references."""
    return hub_references()


def hub_references() -> ox.Store:
    """An organisation that 9 projects refer to (two through two properties, one from two
    graphs), 3 blank nodes too, and the journal once: 14 references."""
    store = ox.Store()
    hub = ox.NamedNode(HUB_IRI)
    graph, other = (ox.NamedNode(f"{DEFAULT_BASE}page/{n}") for n in ("a", "b"))
    store.add(ox.Quad(hub, RDFS.label, ox.Literal("Hub"), graph))
    for number in range(9):
        project = ox.NamedNode(f"{DEFAULT_BASE}project/P{number}")
        store.add(ox.Quad(project, IOM.involvesOrganisation, hub, graph))
        if number in (2, 7):
            store.add(ox.Quad(project, IOM.organisation, hub, graph))
    store.add(ox.Quad(ox.NamedNode(f"{DEFAULT_BASE}project/P4"), IOM.involvesOrganisation, hub,
                      other))
    for label in ("x1", "x2", "x3"):
        store.add(ox.Quad(ox.BlankNode(label), IOM.organisation, hub, graph))
    store.add(ox.Quad(graph, IOM.organisation, hub, JOURNAL))
    return store


def test_past_max_rows_a_page_links_references_in_pages_that_give_each_once(
        store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = sorted_pairs(references(store, SCHEME_IRI))
    assert len(everything) == 23 and len({s for s, _ in everything}) == 13
    monkeypatch.setattr(views, "MAX_BACKLINKS", 2)
    client = app_client(store)
    part, links = reference_links(client, SCHEME_IRI)
    assert part.startswith("Referenced by (23)</summary>")
    assert "Showing 2 of 23." in part
    answers = [csv_pairs(client, href) for _, href in links]  # each answers 200
    assert [pair for rows in answers for pair in rows] == everything
    assert [len(rows) for rows in answers] == [5, 5, 5, 5, 3]
    assert [text for text, _ in links] == [
        "references 1–5", "references 6–10", "references 11–15", "references 16–20",
        "references 21–23"]


def test_past_max_rows_the_rdf_links_pages_of_the_triples_each_described_in_void(
        store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = references(store, SCHEME_IRI)
    monkeypatch.setattr(resources, "MAX_INCOMING", 3)
    client = app_client(store)
    pages = see_also(client, SCHEME_IRI)
    given: list[ox.Triple] = []
    for url, described in pages:
        assert url.startswith("http://testserver/sparql?query="), url
        answer = client.get(url.removeprefix("http://testserver"), headers=TURTLE)
        assert answer.status_code == 200, refusal(answer)
        triples = [q.triple for q in ox.parse(answer.content, format=ox.RdfFormat.TURTLE)]
        assert 0 < len(triples) <= MAX_ROWS
        void = {t.predicate: t.object for t in described}
        assert void[VOID_TRIPLES].value == str(len(triples))
        given += triples
    assert len(given) == len(everything) and set(given) == everything
    assert len(pages) == 5


def test_at_max_rows_the_references_keep_their_one_link(
        store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MAX_BACKLINKS", 2)
    monkeypatch.setattr(resources, "MAX_INCOMING", 3)
    client = app_client(store, max_rows=23)
    _, links = reference_links(client, SCHEME_IRI)
    assert [text for text, _ in links] == ["All 23 references"]
    assert len(csv_pairs(client, links[0][1])) == 23
    (url, _), = see_also(client, SCHEME_IRI)
    answer = client.get(url.removeprefix("http://testserver"), headers=TURTLE)
    assert answer.status_code == 200, refusal(answer)


def test_blank_nodes_and_references_two_graphs_hold_are_paged_once_each(
        hub_store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = references(hub_store, HUB_IRI)
    assert len(everything) == 14
    monkeypatch.setattr(views, "MAX_BACKLINKS", 2)
    monkeypatch.setattr(resources, "MAX_INCOMING", 3)
    client = app_client(hub_store, max_rows=4)
    part, links = reference_links(client, HUB_IRI)
    assert "Showing 2 of 14." in part
    answers = [csv_pairs(client, href) for _, href in links]
    assert [pair for rows in answers for pair in rows] == sorted_pairs(everything)
    assert [text for text, _ in links] == [
        "references 1–3", "references 4–7", "references 8–11", "references 12–14"]
    given: list[ox.Triple] = []
    for url, _ in see_also(client, HUB_IRI):
        answer = client.get(url.removeprefix("http://testserver"), headers=TURTLE)
        assert answer.status_code == 200, refusal(answer)
        given += [q.triple for q in ox.parse(answer.content, format=ox.RdfFormat.TURTLE)]
    assert len(given) == 14
    assert {(term_text(t.subject), t.predicate.value) for t in given} == set(
        sorted_pairs(everything))


def test_past_max_rows_the_same_store_gives_the_same_bytes(
        store: ox.Store, store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MAX_BACKLINKS", 2)
    monkeypatch.setattr(resources, "MAX_INCOMING", 3)
    first, again = app_client(store), app_client(open_store(store_dir, read_only=True))
    for headers in (HTML, TURTLE):
        one = first.get(local(SCHEME_IRI), headers=headers)
        assert one.content == again.get(local(SCHEME_IRI), headers=headers).content
    _, links = reference_links(first, SCHEME_IRI)
    for _, href in links:
        for headers in (HTML, {"accept": "text/csv"}):
            one = first.get(href, headers=headers)
            assert one.status_code == 200, refusal(one)
            assert one.content == again.get(href, headers=headers).content

