"""`kg serve`'s SPARQL 1.1 Protocol endpoint, called in-process on a store built from the
seed pages: query forms and result formats, the dataset, and everything it refuses (updates,
SERVICE, oversized or slow queries)."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import anyio
import httpx
import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from kg.query.results import format_results
from kg.query.targets import LocalTarget
from kg.serve import ServeSettings, create_app
from kg.serve.protocol import refuse_unsafe
from kg.serve.runner import QueryRunner, QueryTimeout, ServerBusy
from kg.serve.tables import result_table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_serve import (
    DEFAULT_BASE,
    HTML,
    PROJECT,
    PROJECT_IRI,
    SELECT_PROJECTS,
    SLOW_QUERY,
    sparql_json,
)


def test_sparql_get_answers_select_in_sparql_json(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT_PROJECTS})
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    ids = [row["id"] for row in sparql_json(response)]
    assert ids == ["FJ10P0514", "FJ10P0532", "GY10P0001", "VU10P0543"]


def test_sparql_post_form_and_query_body_answer_like_get(client: TestClient) -> None:
    expected = sparql_json(client.get("/sparql", params={"query": SELECT_PROJECTS}))
    form = client.post("/sparql", data={"query": SELECT_PROJECTS})
    body = client.post("/sparql", content=SELECT_PROJECTS.encode(),
                       headers={"content-type": "application/sparql-query"})
    assert sparql_json(form) == expected
    assert sparql_json(body) == expected


@pytest.mark.parametrize(("accept", "fmt"), [
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ("application/json", ox.QueryResultsFormat.JSON),
])
def test_sparql_select_answers_in_the_format_accept_asks_for(
        client: TestClient, accept: str, fmt: ox.QueryResultsFormat) -> None:
    response = client.get("/sparql", params={"query": SELECT_PROJECTS},
                          headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert "Accept" in response.headers["vary"]
    solutions = ox.parse_query_results(response.content, fmt)
    assert sorted(s["id"].value for s in solutions) == [
        "FJ10P0514", "FJ10P0532", "GY10P0001", "VU10P0543"]


def test_sparql_select_answers_csv_with_bare_values(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT_PROJECTS},
                          headers={"accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.splitlines()
    assert lines[0] == "p,id"
    assert lines[-1] == f"{PROJECT_IRI},{PROJECT}"


def test_sparql_ask_answers_a_boolean(client: TestClient) -> None:
    query = f"ASK {{ <{PROJECT_IRI}> ?p ?o }}"
    assert client.get("/sparql", params={"query": query}).json()["boolean"] is True
    xml = client.get("/sparql", params={"query": "ASK { <urn:none> ?p ?o }"},
                     headers={"accept": "application/sparql-results+xml"})
    assert "<boolean>false</boolean>" in xml.text


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD)])
def test_sparql_construct_answers_turtle_ntriples_or_jsonld(
        client: TestClient, accept: str, fmt: ox.RdfFormat) -> None:
    query = f"CONSTRUCT {{ <{PROJECT_IRI}> ?p ?o }} WHERE {{ <{PROJECT_IRI}> ?p ?o }}"
    response = client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    triples = list(ox.parse(response.content, format=fmt))
    assert {t.subject.value for t in triples} == {PROJECT_IRI}
    assert ox.Literal(PROJECT) in {t.object for t in triples}


def test_sparql_describe_answers_turtle_by_default(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": f"DESCRIBE <{PROJECT_IRI}>"})
    assert response.headers["content-type"].startswith("text/turtle")
    assert PROJECT in response.text


def test_sparql_default_graph_is_the_union_of_the_named_graphs(
        client: TestClient, store: ox.Store) -> None:
    in_default = list(store.quads_for_pattern(ox.NamedNode(PROJECT_IRI), None, None,
                                              ox.DefaultGraph()))
    assert in_default == []  # the project's triples live in its page's graph only
    query = f"SELECT ?t WHERE {{ <{PROJECT_IRI}> <http://purl.org/dc/terms/title> ?t }}"
    assert len(sparql_json(client.get("/sparql", params={"query": query}))) == 1


def test_sparql_default_graph_uri_narrows_the_dataset(client: TestClient) -> None:
    response = client.get("/sparql", params={
        "query": SELECT_PROJECTS, "default-graph-uri": f"{DEFAULT_BASE}graph/ontology"})
    assert sparql_json(response) == []


MEMBER_STATES_GRAPH = f"{DEFAULT_BASE}graph/member-states"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) {} WHERE {{ ?s ?p ?o }}"


def _count(client: TestClient, query: str, **params: str) -> int:
    rows = sparql_json(client.get("/sparql", params={"query": query, **params}))
    return int(rows[0]["n"])


def test_sparql_from_reads_the_graph_it_names_not_the_union(client: TestClient) -> None:
    in_graph = _count(client, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{MEMBER_STATES_GRAPH}> "
                              "{ ?s ?p ?o } }")
    union = _count(client, COUNT_ALL.format(""))
    assert 0 < in_graph < union
    assert _count(client, COUNT_ALL.format(f"FROM <{MEMBER_STATES_GRAPH}>")) == in_graph
    assert _count(client, COUNT_ALL.format("from <http://nope/>")) == 0
    assert _count(client, COUNT_ALL.format(f"FROM NAMED <{MEMBER_STATES_GRAPH}>")) == 0
    named = (f"SELECT (COUNT(*) AS ?n) FROM NAMED <{MEMBER_STATES_GRAPH}> "
             "WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert _count(client, named) == in_graph


@pytest.mark.parametrize("query", [
    'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != "FROM <http://nope/>") }',
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?p != <http://e/FROM>) }",
    "SELECT (COUNT(*) AS ?n) # FROM <http://nope/>\nWHERE { ?s ?p ?o }",
    "SELECT (COUNT(?from) AS ?n) WHERE { ?s ?p ?from }",
    "PREFIX from: <http://e/> PREFIX e: <http://e/> SELECT (COUNT(*) AS ?n) "
    "WHERE { ?s ?p ?o MINUS { ?s from:x e:from } }",
], ids=["string", "iri", "comment", "variable", "prefixed-names"])
def test_sparql_from_inside_strings_iris_comments_and_names_keeps_the_union(
        client: TestClient, query: str) -> None:
    assert _count(client, query) == _count(client, COUNT_ALL.format(""))


def test_sparql_protocol_graphs_win_over_the_querys_from(client: TestClient) -> None:
    in_graph = _count(client, COUNT_ALL.format(f"FROM <{MEMBER_STATES_GRAPH}>"))
    query = COUNT_ALL.format("FROM <http://nope/>")
    assert _count(client, query, **{"default-graph-uri": MEMBER_STATES_GRAPH}) == in_graph
    ontology = f"{DEFAULT_BASE}graph/ontology"
    assert _count(client, COUNT_ALL.format(f"FROM <{MEMBER_STATES_GRAPH}>"),
                  **{"named-graph-uri": ontology}) == 0


@pytest.mark.parametrize("send", [
    lambda c: c.get("/sparql", params={"update": "CLEAR ALL"}),
    lambda c: c.post("/sparql", data={"update": "CLEAR ALL"}),
    lambda c: c.post("/sparql", content=b"CLEAR ALL",
                     headers={"content-type": "application/sparql-update"}),
    lambda c: c.get("/sparql", params={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
    lambda c: c.post("/sparql", data={"query": "DELETE WHERE { ?s ?p ?o }"}),
], ids=["get-update", "form-update", "update-body", "insert-as-query", "delete-as-query"])
def test_updates_are_refused_with_403_and_change_nothing(
        client: TestClient, store: ox.Store,
        send: Callable[[TestClient], httpx.Response]) -> None:
    before = len(store)
    response = send(client)
    assert response.status_code == 403
    assert "updates are refused" in response.text
    assert len(store) == before


def test_service_clauses_are_refused_so_the_server_fetches_nothing(client: TestClient) -> None:
    for query in ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                  "SELECT * WHERE { FILTER(?a<1)service#x>\n<http://127.0.0.1:9/> {?s ?p ?o} }"):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 403, query
        assert "SERVICE" in response.text


def test_update_and_service_words_inside_literals_and_iris_are_allowed() -> None:
    refuse_unsafe('SELECT * WHERE { ?s ?p "INSERT DATA and SERVICE" ; <urn:delete> ?o }')
    refuse_unsafe("PREFIX ex: <http://e/> SELECT ?add WHERE { ?add ex:load ?drop }")


def test_oversized_queries_are_refused_with_413(client: TestClient, store: ox.Store) -> None:
    big = SELECT_PROJECTS + "\n#" + "x" * (64 * 1024)
    assert client.post("/sparql", data={"query": big}).status_code == 413
    assert client.post("/sparql", content=big.encode(),
                       headers={"content-type": "application/sparql-query"}).status_code == 413
    small = TestClient(create_app(store, ServeSettings(hosts=("testserver",),
                                                       max_query_bytes=1024)))
    response = small.get("/sparql", params={"query": SELECT_PROJECTS + "#" + "x" * 2000})
    assert response.status_code == 413
    assert "1024 bytes" in response.text


def test_bad_sparql_is_400_with_the_parser_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    assert response.status_code == 400
    assert "SPARQL syntax error" in response.text


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    get = client.get("/sparql", params={"query": "ASK {}"})
    head = client.head("/sparql", params={"query": "ASK {}"})
    assert head.status_code == 200
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.content == b""
    assert client.head("/sparql", headers=HTML).status_code == 200
    assert client.head("/sparql", params={"query": "ASK {"}).status_code == 400


def test_unknown_post_media_type_is_415(client: TestClient) -> None:
    response = client.post("/sparql", content=b"{}", headers={"content-type": "text/plain"})
    assert response.status_code == 415


def test_a_query_past_its_deadline_is_answered_503_at_once(store: ox.Store) -> None:
    slow = TestClient(create_app(store, ServeSettings(hosts=("testserver",), timeout=0.3)))
    started = time.monotonic()
    response = slow.get("/sparql", params={"query": SLOW_QUERY})
    assert response.status_code == 503
    assert "longer than 0.3 s" in response.text
    assert time.monotonic() - started < 1.5
    assert "retry-after" not in response.headers  # as slow again: no invitation to retry


def test_a_busy_server_says_when_to_ask_again(store: ox.Store,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(store, ServeSettings(hosts=("testserver",)))

    async def every_slot_taken(*args: object, **kwargs: object) -> None:
        raise ServerBusy("the server is busy with other queries; try again shortly")

    # the runner refusing work beyond its slots is test_the_runner_refuses_work_beyond_its_slots
    monkeypatch.setattr(app.state.site.runner, "run_job", every_slot_taken)
    busy = TestClient(app).get("/sparql", params={"query": SELECT_PROJECTS})
    assert busy.status_code == 503 and "busy" in busy.text
    assert busy.headers["retry-after"] == "1"


TRIPLE_TERMS = ("PREFIX iom: <https://kg.example.org/iom/ontology#>\n"
                "SELECT (TRIPLE(?p, iom:primaId, ?id) AS ?t) WHERE { ?p iom:primaId ?id } "
                "ORDER BY ?id LIMIT 1")


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv",
                                    "text/tab-separated-values", "application/sparql-results+xml",
                                    "text/html"])
def test_rdf_1_2_triple_terms_are_answered_in_every_results_format(
        client: TestClient, accept: str) -> None:
    response = client.get("/sparql", params={"query": TRIPLE_TERMS}, headers={"accept": accept})
    assert response.status_code == 200
    if accept == "application/sparql-results+json":
        term = response.json()["results"]["bindings"][0]["t"]
        assert term["type"] == "triple"
        assert term["value"]["predicate"] == {
            "type": "uri", "value": "https://kg.example.org/iom/ontology#primaId"}
        assert term["value"]["object"]["type"] == "literal"
    elif accept == "text/csv":  # Oxigraph's CSV writes a triple term's three terms bare
        assert "https://kg.example.org/iom/ontology#primaId" in response.text
    elif accept != "application/sparql-results+xml":
        assert "<<( <https://kg.example.org/iom/" in html.unescape(response.text)


def test_triple_terms_in_csv_are_written_alike_by_kg_serve_and_kg_query_run(
        client: TestClient, store: ox.Store) -> None:
    served = client.get("/sparql", params={"query": TRIPLE_TERMS}, headers={"accept": "text/csv"})
    run_here = format_results(LocalTarget(store).select(TRIPLE_TERMS, {}), "csv")
    assert served.text == run_here and "ontology#primaId" in run_here


def test_a_graph_of_triple_terms_has_no_json_ld_form(client: TestClient) -> None:
    query = ("PREFIX iom: <https://kg.example.org/iom/ontology#>\n"
             "CONSTRUCT { ?p iom:primaId <<( ?p iom:primaId ?id )>> } WHERE { ?p iom:primaId ?id }")
    refused = client.get("/sparql", params={"query": query},
                         headers={"accept": "application/ld+json"})
    assert refused.status_code == 406 and "text/turtle" in refused.text
    turtle = client.get("/sparql", params={"query": query}, headers={"accept": "text/turtle"})
    assert turtle.status_code == 200 and "<<(" in turtle.text


def test_a_result_over_the_row_limit_is_refused(store: ox.Store) -> None:
    small = TestClient(create_app(store, ServeSettings(hosts=("testserver",), max_rows=3)))
    response = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 503
    assert "more than 3 rows" in response.text


def test_cors_lets_browser_clients_call_the_endpoint(client: TestClient) -> None:
    origin = {"origin": "http://example.net"}
    simple = client.get("/sparql", params={"query": SELECT_PROJECTS}, headers=origin)
    assert simple.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/sparql", headers={
        **origin, "access-control-request-method": "POST",
        "access-control-request-headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_sparql_without_a_query_shows_a_form_to_browsers(client: TestClient) -> None:
    page = client.get("/sparql", headers=HTML)
    assert page.status_code == 200
    assert '<textarea id="sparql-query"' in page.text


def test_browsers_get_select_results_as_an_html_table(client: TestClient) -> None:
    page = client.get("/sparql", params={"query": SELECT_PROJECTS}, headers=HTML)
    assert page.headers["content-type"].startswith("text/html")
    assert f'href="/project/{PROJECT}"' in page.text
    assert "4 rows" in page.text


def test_an_html_answer_shows_its_first_thousand_rows_and_links_to_all_of_them(
        client: TestClient) -> None:
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    total = len(sparql_json(client.get("/sparql", params={"query": query})))
    assert total > 1000
    page = client.get("/sparql", params={"query": query}, headers=HTML)
    assert page.status_code == 200
    assert page.text.count("<tr>") == 1 + 1000
    assert f"The first 1,000 of {total:,} rows." in page.text
    links = dict(re.findall(r'<a href="([^"]*format=(csv|json))">', page.text))
    assert set(links.values()) == {"csv", "json"}
    csv_link = next(href for href, fmt in links.items() if fmt == "csv")
    answer = client.get(html.unescape(csv_link))
    assert answer.headers["content-type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(answer.text)))) == 1 + total


def test_a_small_html_answer_says_how_many_rows_it_has(client: TestClient) -> None:
    page = client.get("/sparql", params={"query": SELECT_PROJECTS}, headers=HTML)
    assert "4 rows." in page.text and "The first" not in page.text


def test_format_parameter_chooses_the_answers_format(client: TestClient) -> None:
    csv = client.get("/sparql", params={"query": SELECT_PROJECTS, "format": "csv"}, headers=HTML)
    assert csv.headers["content-type"].startswith("text/csv")
    construct = f"CONSTRUCT {{ <{PROJECT_IRI}> ?p ?o }} WHERE {{ <{PROJECT_IRI}> ?p ?o }}"
    nt = client.get("/sparql", params={"query": construct, "format": "nt"})
    assert nt.headers["content-type"].startswith("application/n-triples")
    wrong = client.get("/sparql", params={"query": construct, "format": "csv"})
    assert wrong.status_code == 400 and "ttl" in wrong.text


def test_a_large_html_answer_is_written_off_the_event_loop(
        store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.serve.sparql

    labelling = threading.Event()

    def slow_table(*args: object, **kwargs: object) -> object:
        labelling.set()
        time.sleep(1.5)
        return result_table(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.serve.sparql, "result_table", slow_table)
    with TestClient(create_app(store, ServeSettings(hosts=("testserver",)))) as served:
        big = threading.Thread(target=lambda: served.get(
            "/sparql", params={"query": SELECT_PROJECTS}, headers=HTML))
        big.start()
        assert labelling.wait(20)
        started = time.monotonic()
        assert served.get("/static/style.css").status_code == 200
        waited = time.monotonic() - started
        big.join()
    assert waited < 1.0, f"a static file waited {waited:.1f} s for an HTML answer"


@pytest.mark.parametrize("iri", [
    "javascript:alert(document.domain)", "JavaScript:alert(1)",
    "data:text/html;base64,PGI+eDwvYj4=", "vbscript:msgbox(1)", "urn:x:y",
    f"{DEFAULT_BASE}/evil.example/x"])
def test_only_http_iris_and_the_sites_own_paths_become_links(client: TestClient,
                                                             iri: str) -> None:
    query = (f'SELECT ?x ?own ?web WHERE {{ BIND(IRI("{iri}") AS ?x) BIND(<{PROJECT_IRI}> AS ?own) '
             "BIND(<https://www.wikidata.org/wiki/Q686> AS ?web) }")
    page = client.get("/sparql", params={"query": query}, headers=HTML)
    assert page.status_code == 200
    hrefs = re.findall(r'<a href="([^"]*)" title="([^"]*)"', page.text)
    linked = {html.unescape(title): html.unescape(href) for href, title in hrefs}
    assert linked[PROJECT_IRI] == f"/project/{PROJECT}"
    assert linked["https://www.wikidata.org/wiki/Q686"] == "https://www.wikidata.org/wiki/Q686"
    assert iri in page.text or html.escape(iri) in page.text
    if iri.startswith(DEFAULT_BASE):
        assert linked[iri] == iri, "a path opening with // would lead to another host"
    else:
        assert iri not in linked
        assert not any(h.lower().startswith(("javascript:", "data:", "vbscript:", "urn:"))
                       for h in linked.values())


def test_browsers_get_construct_results_as_turtle_in_a_page(client: TestClient) -> None:
    query = f"CONSTRUCT {{ <{PROJECT_IRI}> ?p ?o }} WHERE {{ <{PROJECT_IRI}> ?p ?o }}"
    page = client.get("/sparql", params={"query": query}, headers=HTML)
    assert page.headers["content-type"].startswith("text/html")
    assert "<pre>" in page.text and "iom:primaId" in page.text


def test_the_runner_refuses_work_beyond_its_slots_and_its_queue() -> None:
    release = threading.Event()
    runner = QueryRunner(timeout=5, max_running=1, max_waiting=1, workers=False)
    answers: list[str] = []

    async def three() -> None:
        async with anyio.create_task_group() as group:
            group.start_soon(runner.run, lambda cancel: release.wait(5))
            await anyio.sleep(0.2)

            async def waiting() -> None:
                answers.append(await runner.run(lambda cancel: "waited"))

            group.start_soon(waiting)  # the queue's one place
            await anyio.sleep(0.2)
            started = time.monotonic()
            with pytest.raises(ServerBusy):  # no place left: refused at once
                await runner.run(lambda cancel: None)
            assert time.monotonic() - started < 0.5
            release.set()

    anyio.run(three)
    assert answers == ["waited"]


def test_a_query_waits_for_a_slot_to_free() -> None:
    runner = QueryRunner(timeout=5, max_running=2, workers=False)
    done: list[int] = []

    async def eight() -> None:
        async with anyio.create_task_group() as group:
            for index in range(8):  # a client sending eight queries at once to two slots
                group.start_soon(_record_run, runner, index, done)

    started = time.monotonic()
    anyio.run(eight)
    assert sorted(done) == list(range(8))
    assert time.monotonic() - started >= 4 * 0.2 - 0.05  # two at a time, 0.2 s each


async def _record_run(runner: QueryRunner, index: int, done: list[int]) -> None:
    done.append(await runner.run(lambda cancel: time.sleep(0.2) or index))


def test_a_wait_for_a_slot_ends_with_the_timeout() -> None:
    release = threading.Event()
    runner = QueryRunner(timeout=0.3, max_running=1, workers=False)

    async def both() -> None:
        async with anyio.create_task_group() as group:
            # past its deadline, a query in a thread computes on, holding its slot
            group.start_soon(_ignore_timeout, runner, lambda cancel: release.wait(3))
            await anyio.sleep(0.1)
            started = time.monotonic()
            with pytest.raises(ServerBusy):
                await runner.run(lambda cancel: None)
            assert 0.25 <= time.monotonic() - started < 1.5
            release.set()

    anyio.run(both)


async def _ignore_timeout(runner: QueryRunner, work: Callable[[threading.Event], object]) -> None:
    with contextlib.suppress(QueryTimeout):
        await runner.run(work)


def test_an_accept_header_nothing_matches_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT_PROJECTS},
                          headers={"accept": "image/png"})
    assert response.status_code == 406
