"""`kg serve` as linked-data clients and HTTP caches expect: a ``Link`` header naming a
resource's other representations, a strong ``ETag`` from the bytes sent, and ``304 Not
Modified`` for an ``If-None-Match`` naming it (RFC 9110), on the app built from the seed pages:
for resources, list pages, the ontology, saved queries and the named graphs alike.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_serve import HTML, PROJECT, SELECT_PROJECTS, TURTLE
from test_serve_named_graphs import version_path

PAGE = f"/project/{PROJECT}"
NAMED_GRAPHS = ("/graph/links", "/graph/statistics")
RDF_TYPES = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")
IF_NONE_MATCH = [
    ('W/{tag}', 304),                     # If-None-Match compares weakly
    ('"nope", {tag}', 304),               # any tag of a list
    ('"nope",W/{tag} , "other"', 304),
    ("*", 304),                           # any current representation
    ('"nope", W/"other"', 200),
    ("{bare}", 200),                      # not an entity-tag: quotes are part of it
    ("W/", 200),
]
"""``If-None-Match`` values, ``{tag}`` standing for the answer's ETag, and the status each
gets (RFC 9110, sections 8.8.3.2 and 13.1.2)."""
LINK = re.compile(r'<([^>]*)>((?:\s*;\s*[^;,]+)*)')
PARAM = re.compile(r'\s*;\s*([^=;\s]+)\s*=\s*"?([^";]*)"?')


def alternates(response: httpx.Response) -> dict[str, str]:
    """The rel="alternate" entries of the response's Link header, as {media type: URL}."""
    found = {}
    for url, params in LINK.findall(response.headers.get("link", "")):
        fields = {k.lower(): v for k, v in PARAM.findall(params)}
        if fields.get("rel") == "alternate":
            found[fields["type"]] = url
    return found


def etag(client: TestClient, path: str, headers: dict[str, str] | None = None) -> str:
    """The ETag of a 200 answer to GET ``path``."""
    response = client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return response.headers["etag"]


# --- Link -----------------------------------------------------------------------------------

def test_a_project_page_links_its_turtle_jsonld_and_ntriples_alternates(
        client: TestClient) -> None:
    page = client.get(PAGE, headers=HTML)
    links = alternates(page)
    assert links["text/turtle"] == f"{PAGE}?format=ttl"
    assert links["application/ld+json"] == f"{PAGE}?format=jsonld"
    assert links["application/n-triples"] == f"{PAGE}?format=nt"
    assert "text/html" not in links
    for url in (links["text/turtle"], links["application/ld+json"],
                links["application/n-triples"]):
        assert f'href="{url}"' in page.text  # the URLs the page lists under its formats


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json",
                                    "application/n-triples", "application/rdf+xml"])
def test_an_rdf_answer_links_the_html_page_and_the_other_formats(client: TestClient,
                                                                 accept: str) -> None:
    links = alternates(client.get(PAGE, headers={"accept": accept}))
    assert links["text/html"] == f"{PAGE}?format=html"
    assert accept not in links
    assert {"text/turtle", "application/ld+json", "application/n-triples"} - {accept} <= set(links)


def test_every_linked_alternate_answers_in_the_type_it_is_linked_with(
        client: TestClient) -> None:
    for accept in ("text/html", "text/turtle"):
        links = alternates(client.get(PAGE, headers={"accept": accept}))
        assert len(links) == 4, links  # the four formats other than the one answered
        for media_type, url in links.items():
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["content-type"].split(";")[0] == media_type


def test_the_content_location_names_the_representation_sent(client: TestClient) -> None:
    assert client.get(PAGE, headers=TURTLE).headers["content-location"] == f"{PAGE}?format=ttl"
    assert client.get(PAGE, headers=HTML).headers["content-location"] == f"{PAGE}?format=html"


def test_browser_scripts_of_other_sites_may_read_link_and_etag(client: TestClient) -> None:
    response = client.get(PAGE, headers={**TURTLE, "origin": "https://example.net"})
    exposed = {n.strip().lower()
               for n in response.headers["access-control-expose-headers"].split(",")}
    assert {"link", "etag"} <= exposed


def test_only_answers_that_succeed_carry_link_and_etag(client: TestClient) -> None:
    found = client.get(PAGE, headers=TURTLE)
    assert "link" in found.headers and "etag" in found.headers
    for response in (client.get("/project/XX00P0000", headers=TURTLE),
                     client.get(PAGE, headers={"accept": "image/png"}),
                     client.get(f"{PAGE}?format=csv")):
        assert response.status_code in (400, 404, 406)
        assert "link" not in response.headers and "etag" not in response.headers


# --- ETag -----------------------------------------------------------------------------------

def test_the_etag_is_strong_the_same_across_gets_and_different_across_formats(
        client: TestClient) -> None:
    tags = {accept: etag(client, PAGE, {"accept": accept})
            for accept in ("text/html", "text/turtle", "application/ld+json",
                           "application/n-triples", "application/rdf+xml")}
    assert all(re.fullmatch(r'"[0-9a-f]{16,}"', tag) for tag in tags.values()), tags
    assert len(set(tags.values())) == len(tags)
    assert etag(client, PAGE, TURTLE) == tags["text/turtle"]
    assert etag(client, f"{PAGE}?format=ttl") == tags["text/turtle"]
    assert etag(client, PAGE, HTML) == tags["text/html"]


def test_if_none_match_with_the_tag_gives_304_without_a_body(client: TestClient) -> None:
    tag = etag(client, PAGE, TURTLE)
    response = client.get(PAGE, headers={**TURTLE, "if-none-match": tag})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == tag
    assert "Accept" in response.headers["vary"]
    assert "content-type" not in response.headers


def test_a_tag_of_another_representation_gives_200(client: TestClient) -> None:
    turtle = etag(client, PAGE, TURTLE)
    response = client.get(PAGE, headers={**HTML, "if-none-match": turtle})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["etag"] != turtle
    other = client.get(PAGE, headers={**TURTLE, "if-none-match": '"0123456789abcdef"'})
    assert other.status_code == 200 and other.content


@pytest.mark.parametrize(("condition", "status"), IF_NONE_MATCH)
def test_if_none_match_follows_rfc_9110(client: TestClient, condition: str,
                                        status: int) -> None:
    tag = etag(client, PAGE, TURTLE)
    header = condition.format(tag=tag, bare=tag.strip('"'))
    response = client.get(PAGE, headers={**TURTLE, "if-none-match": header})
    assert response.status_code == status, header
    assert response.headers["etag"] == tag


def test_if_none_match_star_matches_what_exists_only(client: TestClient) -> None:
    known = client.get(PAGE, headers={**TURTLE, "if-none-match": "*"})
    assert known.status_code == 304
    unknown = client.get("/project/XX00P0000", headers={**TURTLE, "if-none-match": "*"})
    assert unknown.status_code == 404 and "etag" not in unknown.headers


def test_head_answers_the_headers_of_get_without_a_body(client: TestClient) -> None:
    for accept in ("text/html", "text/turtle"):
        get = client.get(PAGE, headers={"accept": accept})
        head = client.head(PAGE, headers={"accept": accept})
        assert head.status_code == 200 and head.content == b""
        for name in ("etag", "link", "content-type", "content-length", "vary"):
            assert head.headers[name] == get.headers[name], name
        again = client.head(PAGE, headers={"accept": accept, "if-none-match": get.headers["etag"]})
        assert again.status_code == 304 and again.headers["etag"] == get.headers["etag"]


@pytest.mark.parametrize(("path", "headers"), [
    ("/project/", HTML),
    ("/ontology", HTML),
    ("/ontology", TURTLE),
    ("/saved", HTML),
    ("/saved/projects", {"accept": "text/csv"}),
    ("/saved/projects", HTML),
])
def test_lists_the_ontology_and_saved_queries_answer_conditional_gets(
        client: TestClient, path: str, headers: dict[str, str]) -> None:
    tag = etag(client, path, headers)
    assert etag(client, path, headers) == tag
    response = client.get(path, headers={**headers, "if-none-match": tag})
    assert response.status_code == 304 and response.content == b""


def test_sparql_answers_carry_no_etag(client: TestClient) -> None:
    assert "etag" in client.get(PAGE, headers=TURTLE).headers
    assert "etag" not in client.get("/sparql", params={"query": SELECT_PROJECTS}).headers
    assert "etag" not in client.post("/sparql", data={"query": SELECT_PROJECTS}).headers


def test_the_ontology_links_its_other_formats(client: TestClient) -> None:
    links = alternates(client.get("/ontology", headers=TURTLE))
    assert set(links) == {"text/html", "application/ld+json", "application/n-triples",
                          "application/rdf+xml"}
    for media_type, url in links.items():
        assert client.get(url).headers["content-type"].split(";")[0] == media_type, url


# --- named graphs and the ontology's version IRI ----------------------------------------------

@pytest.mark.parametrize("path", [*NAMED_GRAPHS, version_path()])
@pytest.mark.parametrize("headers", [HTML, TURTLE], ids=["html", "turtle"])
def test_named_graphs_and_the_ontology_version_answer_conditional_gets(
        client: TestClient, path: str, headers: dict[str, str]) -> None:
    tag = etag(client, path, headers)
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag)
    assert etag(client, path, headers) == tag
    response = client.get(path, headers={**headers, "if-none-match": tag})
    assert response.status_code == 304 and response.content == b""
    assert response.headers["etag"] == tag
    assert response.headers["content-location"] == client.get(
        path, headers=headers).headers["content-location"]
    head = client.head(path, headers={**headers, "if-none-match": tag})
    assert head.status_code == 304 and head.headers["etag"] == tag


@pytest.mark.parametrize("path", NAMED_GRAPHS)
def test_every_format_of_a_named_graph_has_its_own_etag(client: TestClient, path: str) -> None:
    tags = {accept: etag(client, path, {"accept": accept}) for accept in ("text/html", *RDF_TYPES)}
    assert len(set(tags.values())) == len(tags), tags
    assert etag(client, f"{path}?format=nt") == tags["application/n-triples"]


@pytest.mark.parametrize(("condition", "status"), IF_NONE_MATCH)
@pytest.mark.parametrize("path", [*NAMED_GRAPHS, version_path()])
def test_if_none_match_on_named_graphs_follows_rfc_9110(
        client: TestClient, path: str, condition: str, status: int) -> None:
    tag = etag(client, path, TURTLE)
    header = condition.format(tag=tag, bare=tag.strip('"'))
    response = client.get(path, headers={**TURTLE, "if-none-match": header})
    assert response.status_code == status, header
    assert response.headers["etag"] == tag


def test_a_named_graph_above_the_cap_tags_its_void_description(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = etag(client, "/graph/statistics", TURTLE)
    named_graphs = importlib.import_module("kg.serve.named_graphs")
    monkeypatch.setattr(named_graphs, "MAX_GRAPH_TRIPLES", 1)
    described = client.get("/graph/statistics", headers=TURTLE)
    assert b"void#" in described.content and described.headers["etag"] != whole
    response = client.get("/graph/statistics",
                          headers={**TURTLE, "if-none-match": described.headers["etag"]})
    assert response.status_code == 304 and response.content == b""


@pytest.mark.parametrize("path", [*NAMED_GRAPHS, version_path()])
def test_named_graphs_and_the_ontology_version_link_their_formats_under_their_own_path(
        client: TestClient, path: str) -> None:
    page = client.get(path, headers=HTML)
    assert page.headers["content-location"] == f"{path}?format=html"
    assert alternates(page) == {"text/turtle": f"{path}?format=ttl",
                                "application/ld+json": f"{path}?format=jsonld",
                                "application/n-triples": f"{path}?format=nt",
                                "application/rdf+xml": f"{path}?format=rdf"}
    for media_type, url in alternates(page).items():
        response = client.get(url)
        assert response.headers["content-type"].split(";")[0] == media_type, url
        assert response.headers["content-location"] == url
