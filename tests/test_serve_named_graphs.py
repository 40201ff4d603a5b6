"""`kg serve`: the derived named graphs' IRIs (``B/graph/{name}``) and the ontology's version
IRI dereference: a short page for browsers, the graph's own triples for programs."""

from __future__ import annotations

import html
import importlib
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient
from test_serve import build_seed_store

from kg.namespaces import DEFAULT_BASE, ONTOLOGY_IRI, OWL
from kg.paths import ontology_dir
from kg.serve import ServeSettings, create_app
from kg.store import opened_store

GRAPHS = ("links", "statistics", "member-states", "ontology", "builds")
RDF_FORMATS = (("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples",
                                                        ox.RdfFormat.N_TRIPLES))
VOID_TRIPLES = ox.NamedNode("http://rdfs.org/ns/void#triples")


def graph_triples(store: ox.Store, name: str) -> set[ox.Triple]:
    """The triples the store holds in ``B/graph/{name}``."""
    graph = ox.NamedNode(f"{DEFAULT_BASE}graph/{name}")
    return {quad.triple for quad in store.quads_for_pattern(None, None, None, graph)}


def version_path() -> str:
    """The path of the ontology's owl:versionIRI (``/ontology/0.1.0``)."""
    found = [q.object.value for q in ox.parse(path=ontology_dir() / "iom.ttl")
             if q.subject == ox.NamedNode(ONTOLOGY_IRI) and q.predicate == OWL.versionIRI]
    assert len(found) == 1 and found[0].startswith(DEFAULT_BASE)
    return "/" + found[0][len(DEFAULT_BASE):]


@pytest.mark.parametrize("name", GRAPHS)
def test_a_derived_graph_page_says_what_it_holds_and_links_its_data(
        client: TestClient, store: ox.Store, name: str) -> None:
    triples = graph_triples(store, name)
    assert triples, f"the seed store has no graph {name}"
    page = client.get(f"/graph/{name}", headers={"accept": "text/html"})
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    text = html.unescape(page.text)
    named_graphs = importlib.import_module("kg.serve.named_graphs")
    title = named_graphs.KNOWN_GRAPHS[name].title
    assert f"<title>{title}" in text and f"<h1>{title}</h1>" in text
    assert named_graphs.KNOWN_GRAPHS[name].holds in text
    assert f"{len(triples):,} triple" in text
    for fmt in ("ttl", "nt", "jsonld"):
        assert f'href="/graph/{name}?format={fmt}"' in text
    queries = [parse_qs(urlsplit(href).query)["query"][0]
               for href in (part.split('"', 1)[0] for part in text.split('href="')[1:])
               if href.startswith("/sparql?")]
    assert any(f"GRAPH <{DEFAULT_BASE}graph/{name}>" in query for query in queries), queries
    listed = client.get("/sparql", params={"query": queries[0]},
                        headers={"accept": "application/sparql-results+json"})
    assert listed.status_code == 200
    assert len(listed.json()["results"]["bindings"]) == min(len(triples), 100)


@pytest.mark.parametrize("name", GRAPHS)
@pytest.mark.parametrize(("media_type", "rdf_format"), RDF_FORMATS)
def test_a_derived_graph_dereferences_to_its_own_triples(
        client: TestClient, store: ox.Store, name: str, media_type: str,
        rdf_format: ox.RdfFormat) -> None:
    response = client.get(f"/graph/{name}", headers={"accept": media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type)
    assert "Accept" in response.headers["vary"]
    served = [q.triple for q in ox.parse(response.content, format=rdf_format)]
    assert len(served) == len(set(served))
    assert set(served) == graph_triples(store, name)
    fmt = "ttl" if rdf_format == ox.RdfFormat.TURTLE else "nt"
    assert client.get(f"/graph/{name}?format={fmt}").content == response.content


def test_a_derived_graph_answers_jsonld_and_rdfxml_too(client: TestClient,
                                                       store: ox.Store) -> None:
    expected = graph_triples(store, "member-states")
    for media_type, rdf_format in (("application/ld+json", ox.RdfFormat.JSON_LD),
                                   ("application/rdf+xml", ox.RdfFormat.RDF_XML)):
        response = client.get("/graph/member-states", headers={"accept": media_type})
        assert response.status_code == 200, response.text
        assert {q.triple for q in ox.parse(response.content, format=rdf_format)} == expected


def test_a_graph_above_the_cap_answers_its_description_only(
        client: TestClient, store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    size = len(graph_triples(store, "ontology"))
    assert client.get("/graph/ontology", headers={"accept": "text/turtle"}).status_code == 200
    named_graphs = importlib.import_module("kg.serve.named_graphs")
    monkeypatch.setattr(named_graphs, "MAX_GRAPH_TRIPLES", size - 1)
    response = client.get("/graph/ontology", headers={"accept": "text/turtle"})
    assert response.status_code == 200
    served = [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.TURTLE)]
    graph = ox.NamedNode(f"{DEFAULT_BASE}graph/ontology")
    assert all(t.subject == graph for t in served)
    assert ox.Triple(graph, VOID_TRIPLES, ox.Literal(str(size), datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))) in served
    page = client.get("/graph/ontology", headers={"accept": "text/html"})
    assert "instead of its triples" in page.text and f"{size:,} triples" in page.text
    monkeypatch.setattr(named_graphs, "MAX_GRAPH_TRIPLES", size)
    whole = client.get("/graph/ontology", headers={"accept": "text/turtle"})
    assert len(list(ox.parse(whole.content, format=ox.RdfFormat.TURTLE))) == size


def test_the_ontology_version_iri_answers_as_the_ontology(client: TestClient) -> None:
    path = version_path()
    turtle = client.get(path, headers={"accept": "text/turtle"})
    assert turtle.status_code == 200
    assert turtle.content == client.get("/ontology", headers={"accept": "text/turtle"}).content
    page = client.get(path, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert page.text == client.get("/ontology", headers={"accept": "text/html"}).text
    assert client.get(path + ".1", headers={"accept": "text/turtle"}).status_code == 404


def test_unknown_graph_names_are_404(client: TestClient) -> None:
    for path in ("/graph/nope", "/graph/links-old", "/graph/"):
        assert client.get(path, headers={"accept": "text/turtle"}).status_code == 404, path
    assert client.get("/graph/nope", headers={"accept": "text/html"}).status_code == 404


def test_graph_iris_keep_the_host_check_and_cors(client: TestClient) -> None:
    foreign = client.get("/graph/links", headers={"host": "evil.example", "accept": "text/turtle"})
    assert foreign.status_code == 400
    shared = client.get("/graph/links", headers={"origin": "https://other.example",
                                                 "accept": "text/turtle"})
    assert shared.status_code == 200
    assert shared.headers["access-control-allow-origin"] == "*"


def test_graph_iris_dereference_under_another_base(tmp_path: Path) -> None:
    base = "https://data.example.com/kg/"
    folder = build_seed_store(tmp_path / "other-base", base)
    with opened_store(folder, read_only=True) as other:
        app = TestClient(create_app(other, ServeSettings(hosts=("testserver",), base=base)))
        response = app.get("/graph/statistics", headers={"accept": "application/n-triples"})
        assert response.status_code == 200
        graph = ox.NamedNode(f"{base}graph/statistics")
        assert {q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)} \
            == {q.triple for q in other.quads_for_pattern(None, None, None, graph)}
        page = app.get("/graph/statistics", headers={"accept": "text/html"})
        assert f"GRAPH+%3C{quote(graph.value, safe='')}%3E" in page.text
