"""`kg serve`: a resource's RDF holds the triples pointing at it besides its own (a symmetric
description), once each, capped at MAX_INCOMING (the first the store's index gives, the same for
the same content) with a note where the rest are; its
HTML page keeps them out of its own statements and lists them apart ("Referenced by"), capped at
MAX_BACKLINKS with how many there are and a link to them all: a SPARQL SELECT, which /sparql
shows a browser as a table of links, where the RDF's rdfs:seeAlso names a CONSTRUCT.

The store is built from the seed pages plus a second scrape of one of them (the same project
read from two pages), so two named graphs hold the same triples, as a store of real scrapes does.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest
from html_tables import html_tables
from starlette.testclient import TestClient
from test_serve import HTML, PROJECT, PROJECT_IRI, TURTLE, local

from kg.build import build
from kg.namespaces import DEFAULT_BASE, IOM, RDF, RDFS
from kg.serve import ServeSettings, create_app, resources, views
from kg.store import open_store, opened_store
from kg.store.journal import JOURNAL

STATE_IRI = f"{DEFAULT_BASE}member-state/VUT"
ORGANISATION_IRI = f"{DEFAULT_BASE}organisation/international-organization-for-migration"
CONCEPT_IRI = f"{DEFAULT_BASE}vocab/project-type/protection-assistance"
RESCRAPED = "000_cebd6cafa097de25.txt"  # the page of PROJECT
NTRIPLES = {"accept": "application/n-triples"}
RDF_FORMATS = (("text/turtle", ox.RdfFormat.TURTLE),
               ("application/n-triples", ox.RdfFormat.N_TRIPLES),
               ("application/ld+json", ox.RdfFormat.JSON_LD),
               ("application/rdf+xml", ox.RdfFormat.RDF_XML))
VOID_TRIPLES = ox.NamedNode("http://rdfs.org/ns/void#triples")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    """The seed pages and a second scrape of PROJECT's page (another sha256, so another page
    graph holding the same project triples), built into an on-disk store."""
    folder = tmp_path_factory.mktemp("incoming")
    pages = folder / "pages"
    pages.mkdir()
    for path in seed_paths:
        shutil.copy(path, pages / path.name)
    again = (pages / RESCRAPED).read_text(encoding="utf-8") + "\nScraped again\n"
    (pages / f"005_{RESCRAPED}").write_text(again, encoding="utf-8")
    with opened_store(folder / "kg-store") as store:
        build(store, [pages], DEFAULT_BASE)
    return folder / "kg-store"


@pytest.fixture(scope="module")
def twin_store_dir(store_dir: Path) -> Path:
    """Another store built from the same pages as ``store_dir``'s."""
    folder = store_dir.parent / "twin-store"
    with opened_store(folder) as store:
        build(store, [store_dir.parent / "pages"], DEFAULT_BASE)
    return folder


@pytest.fixture(scope="module")
def store(store_dir: Path) -> Iterator[ox.Store]:
    """That store opened read-only, as `kg serve` opens it."""
    yield open_store(store_dir, read_only=True)


def app_client(store: ox.Store) -> TestClient:
    """A fresh in-process client of the `kg serve` app on ``store``."""
    return TestClient(create_app(store, ServeSettings(hosts=("testserver",), timeout=20)))


@pytest.fixture(scope="module")
def client(store: ox.Store) -> TestClient:
    """The `kg serve` app on that store."""
    return app_client(store)


def described(client: TestClient, iri: str, media_type: str = "text/turtle",
              fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> list[ox.Triple]:
    """The triples of ``iri``'s RDF answer in ``media_type``."""
    response = client.get(local(iri), headers={"accept": media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type)
    return [quad.triple for quad in ox.parse(response.content, format=fmt)]


def pointing_at(store: ox.Store, iri: str) -> set[ox.Triple]:
    """The distinct triples of any graph whose object is ``iri``."""
    return {q.triple for q in store.quads_for_pattern(None, None, ox.NamedNode(iri))}


def query_of(url: str) -> str:
    """The SPARQL query a ``/sparql?query=`` URL sends."""
    return parse_qs(urlsplit(url).query)["query"][0]


def own(store: ox.Store, iri: str) -> set[ox.Triple]:
    """The distinct triples of any graph whose subject is ``iri``."""
    return {q.triple for q in store.quads_for_pattern(ox.NamedNode(iri), None, None)}


def test_a_member_state_gives_the_projects_benefiting_it(client: TestClient,
                                                          store: ox.Store) -> None:
    triples = set(described(client, STATE_IRI))
    state = ox.NamedNode(STATE_IRI)
    for prima in ("FJ10P0514", "FJ10P0532", PROJECT):
        project = ox.NamedNode(f"{DEFAULT_BASE}project/{prima}")
        assert ox.Triple(project, IOM.benefitingMemberState, state) in triples, prima
    assert triples == own(store, STATE_IRI) | pointing_at(store, STATE_IRI)


@pytest.mark.parametrize(("media_type", "fmt"), RDF_FORMATS)
def test_an_organisation_gives_its_projects_and_participations_in_every_rdf_format(
        client: TestClient, store: ox.Store, media_type: str, fmt: ox.RdfFormat) -> None:
    triples = set(described(client, ORGANISATION_IRI, media_type, fmt))
    organisation = ox.NamedNode(ORGANISATION_IRI)
    project = f"{DEFAULT_BASE}project/FJ10P0532"
    assert ox.Triple(ox.NamedNode(project), IOM.involvesOrganisation, organisation) in triples
    participation = ox.NamedNode(f"{project}/participation/{ORGANISATION_IRI.rsplit('/', 1)[1]}")
    assert ox.Triple(participation, IOM.organisation, organisation) in triples
    assert triples == own(store, ORGANISATION_IRI) | pointing_at(store, ORGANISATION_IRI)


def test_a_triple_two_graphs_hold_is_given_once(client: TestClient, store: ox.Store) -> None:
    triple = ox.Triple(ox.NamedNode(PROJECT_IRI), IOM.benefitingMemberState,
                       ox.NamedNode(STATE_IRI))
    graphs = {q.graph_name for q in store.quads_for_pattern(*triple)}
    assert len(graphs) == 2, "two page graphs should hold the project's member state"
    body = client.get(local(STATE_IRI), headers=NTRIPLES).text
    assert body.splitlines().count(f"{triple} .") == 1


def test_the_same_store_gives_the_same_bytes_and_etag(client: TestClient,
                                                      store_dir: Path) -> None:
    reopened = app_client(open_store(store_dir, read_only=True))
    for headers in (TURTLE, NTRIPLES, {"accept": "application/ld+json"}):
        first = client.get(local(STATE_IRI), headers=headers)
        for again in (client.get(local(STATE_IRI), headers=headers),
                      reopened.get(local(STATE_IRI), headers=headers)):
            assert first.content == again.content
            assert first.headers["etag"] == again.headers["etag"]
    lines = client.get(local(STATE_IRI), headers=NTRIPLES).text.splitlines()
    assert f"<{PROJECT_IRI}> <{IOM.benefitingMemberState.value}> <{STATE_IRI}> ." in lines


def test_past_the_cap_some_of_the_triples_come_with_a_note_linking_them_all(
        client: TestClient, store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = pointing_at(store, CONCEPT_IRI)
    assert len(everything) > 3
    monkeypatch.setattr(resources, "MAX_INCOMING", 3, raising=False)
    triples = described(client, CONCEPT_IRI)
    concept = ox.NamedNode(CONCEPT_IRI)
    kept = [t for t in triples if t.object == concept]
    assert len(kept) == len(set(kept)) == 3
    assert set(kept) <= everything  # each really points at the concept
    assert own(store, CONCEPT_IRI) <= set(triples)  # its own triples are never capped
    see_also = [t.object for t in triples if t.subject == concept and t.predicate == RDFS.seeAlso]
    assert len(see_also) == 1 and see_also[0].value.startswith("http://testserver/sparql?query=")
    note = {t.predicate: t.object for t in triples if t.subject == see_also[0]}
    assert note[VOID_TRIPLES].value == str(len(everything))
    assert "holds 3 of them" in note[ox.NamedNode("http://purl.org/dc/terms/description")].value
    assert query_of(see_also[0].value).startswith("CONSTRUCT ")
    listed = client.get(see_also[0].value.removeprefix("http://testserver"), headers=TURTLE)
    assert {q.triple for q in ox.parse(listed.content, format=ox.RdfFormat.TURTLE)} == (
        everything)


def test_past_the_cap_the_same_content_gives_the_same_triples(
        client: TestClient, store_dir: Path, twin_store_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "MAX_INCOMING", 3, raising=False)
    first = client.get(local(CONCEPT_IRI), headers=TURTLE)
    for other in (store_dir, twin_store_dir):
        again = app_client(open_store(other, read_only=True)).get(local(CONCEPT_IRI),
                                                                   headers=TURTLE)
        assert again.content == first.content, other
        assert again.headers["etag"] == first.headers["etag"], other


def test_at_the_cap_every_triple_is_given_and_no_note(
        client: TestClient, store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = pointing_at(store, CONCEPT_IRI)
    monkeypatch.setattr(resources, "MAX_INCOMING", len(everything), raising=False)
    triples = set(described(client, CONCEPT_IRI))
    assert everything <= triples
    assert not [t for t in triples if t.predicate == RDFS.seeAlso]


def test_a_project_page_keeps_the_triples_pointing_at_it_out_of_its_statements(
        client: TestClient, store: ox.Store) -> None:
    mentions = [q.triple for q in store.quads_for_pattern(None, IOM.mentionsProject, None)]
    assert mentions, "the seed news article mentions a project"
    project = mentions[0].object.value
    assert mentions[0] in set(described(client, project))
    page = html.unescape(client.get(local(project), headers=HTML).text)
    table = page[page.index("All statements"):page.index("</table>")]
    assert IOM.mentionsProject.value not in table
    assert len(re.findall(r"<tr><th scope=\"row\">", table)) == len(
        {t.predicate for t in own(store, project)})
    referenced = page[page.index("Referenced by"):]
    assert f'href="{local(mentions[0].subject.value)}"' in referenced


def referenced_by(client: TestClient, iri: str) -> tuple[str, list[str]]:
    """The "Referenced by" part of ``iri``'s HTML page and the links it lists, in page order."""
    page = client.get(local(iri), headers=HTML).text
    part = page[page.index("<summary>Referenced by"):]
    part = part[:part.index("</details>")]
    listed = part[part.index("<ul>"):part.index("</ul>")]
    return part, [html.unescape(href) for href in re.findall(r'<li><a href="([^"]+)"', listed)]


def by_subject_and_predicate(triples: set[ox.Triple]) -> list[ox.Triple]:
    """``triples`` in the order the linked table (kg.serve.views.incoming_query_url) sorts
    them: subject, then predicate."""
    return sorted(triples, key=lambda t: (t.subject.value, t.predicate.value))


def test_past_the_cap_a_page_says_how_many_refer_to_it_and_links_a_table_of_them_all(
        client: TestClient, store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = by_subject_and_predicate(pointing_at(store, CONCEPT_IRI))
    total = len(everything)
    assert total > 3
    monkeypatch.setattr(views, "MAX_BACKLINKS", 3)
    part, listed = referenced_by(client, CONCEPT_IRI)
    assert f"<summary>Referenced by ({total})</summary>" in part
    assert f"Showing 3 of {total}." in part
    assert len(listed) == 3
    assert set(listed) <= {local(t.subject.value) for t in everything}
    found = re.search(rf'<a href="([^"]+)">All {total} references</a>', part)
    assert found, part
    query = html.unescape(found.group(1))
    assert query.startswith("/sparql?query=")
    # a person following the link gets a table of every reference, its IRIs linked
    answer = client.get(query, headers=HTML)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    (table,) = html_tables(answer.text)
    rows = table.body()
    assert len(rows) == total
    assert [row[0].hrefs for row in rows] == [[local(t.subject.value)] for t in everything]
    assert all(len(row[1].hrefs) == 1 for row in rows)  # the property, linked too
    assert f"{total} rows." in answer.text
    as_csv = client.get(query, headers={"accept": "text/csv"})
    assert [tuple(r) for r in csv.reader(io.StringIO(as_csv.text))][1:] == [
        (t.subject.value, t.predicate.value) for t in everything]
    monkeypatch.setattr(resources, "MAX_INCOMING", 3)  # the RDF links the triples instead
    see_also = [t.object.value for t in described(client, CONCEPT_IRI)
                if t.subject == ox.NamedNode(CONCEPT_IRI) and t.predicate == RDFS.seeAlso]
    assert len(see_also) == 1 and see_also[0].startswith("http://testserver/sparql?query=")
    assert query_of(see_also[0]).startswith("CONSTRUCT ")
    assert query_of(query).startswith("SELECT ")


def test_at_the_cap_a_page_lists_every_reference_and_no_note(
        client: TestClient, store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = by_subject_and_predicate(pointing_at(store, CONCEPT_IRI))
    monkeypatch.setattr(views, "MAX_BACKLINKS", len(everything))
    part, listed = referenced_by(client, CONCEPT_IRI)
    assert f"<summary>Referenced by ({len(everything)})</summary>" in part
    assert sorted(listed) == sorted(local(t.subject.value) for t in everything)
    assert "Showing " not in part and "/sparql?" not in part


def test_the_capped_references_are_the_same_whatever_the_request(
        client: TestClient, store_dir: Path, twin_store_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MAX_BACKLINKS", 2)
    first = referenced_by(client, STATE_IRI)
    assert "Showing 2 of" in first[0] and len(first[1]) == 2
    for other in (store_dir, twin_store_dir):  # reopened, and built again from the same pages
        assert referenced_by(app_client(open_store(other, read_only=True)), STATE_IRI) == first


def page_graphs(store: ox.Store) -> list[str]:
    """The IRIs of the store's source pages (each also the named graph of its triples)."""
    return sorted({q.subject.value for q in store.quads_for_pattern(None, RDF.type,
                                                                     IOM.SourcePage)})


def published(store: ox.Store) -> set[ox.Triple]:
    """Every triple of every graph but the journal: what the site publishes as data."""
    return {q.triple for q in store.quads_for_pattern(None, None, None)
            if q.graph_name != JOURNAL}


@pytest.mark.parametrize(("media_type", "fmt"), RDF_FORMATS)
def test_a_source_page_is_described_without_the_journals_bookkeeping(
        client: TestClient, store: ox.Store, media_type: str, fmt: ox.RdfFormat) -> None:
    data = published(store)
    for page in page_graphs(store):
        assert any(q.graph_name == JOURNAL for q in store.quads_for_pattern(
            None, None, ox.NamedNode(page))), "the journal names each page graph"
        triples = set(described(client, page, media_type, fmt))
        assert triples <= data, page
        expected = {t for t in data if t.subject.value == page or t.object == ox.NamedNode(page)}
        assert triples == expected, page


def test_a_source_page_lists_no_bookkeeping_among_its_statements_or_references(
        client: TestClient, store: ox.Store) -> None:
    for page in page_graphs(store):
        text = client.get(local(page), headers=HTML).text
        assert "urn:uuid:" not in text and JOURNAL.value not in text, page
        assert '<th scope="row">lines</th>' not in text, page
