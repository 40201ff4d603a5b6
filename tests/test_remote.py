"""Remote SPARQL 1.1 endpoints: push to a real Oxigraph server, query and validate it there."""

from __future__ import annotations

import base64
import http.server
import shutil
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from oxigraph_server import free_port, running_oxigraph

import kg.store.remote
from kg.build import build
from kg.cli import main
from kg.errors import EndpointError, UsageError
from kg.export import union_lines
from kg.push import default_remote_graph, push_store
from kg.query import list_saved_queries, load_saved_query, run_query
from kg.query.targets import RemoteTarget
from kg.query_targets import open_target
from kg.store import opened_store, store_page_lines
from kg.store.remote import (
    Endpoint,
    PlainHttpCredentialsWarning,
    credentials,
    derive_url,
    push_lines,
)
from kg.store.snapshot import ntriples_to_rdflib
from kg.validate import ValidationReport, format_json, format_text, validate_graph
from kg.validate_store import validate_endpoint, validate_store

GRAPH = default_remote_graph()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> str:
    """An on-disk store built from the seed pages, with its page-lines file; returns its path."""
    path = tmp_path_factory.mktemp("seeds") / "store"
    with opened_store(path) as store:
        build(store, seed_paths, page_lines=store_page_lines(path))
    return str(path)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server on loopback; yields its query URL."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as base:
        yield f"{base}/query"


@pytest.fixture(scope="module")
def pushed(server: str, seed_store: str) -> str:
    """The seed graph pushed to the server with `kg push`."""
    result = CliRunner().invoke(main, ["push", "--endpoint", server, "--store", seed_store,
                                       "--batch-size", "100"])
    assert result.exit_code == 0, result.stderr
    assert "triples to" in result.stderr
    return server


def _rows(result: object) -> list[tuple[str, ...]]:
    return [tuple(str(v) for v in row) for row in result.to_python()]  # type: ignore[attr-defined]


def test_every_saved_query_answers_the_same_remotely_and_locally(pushed: str,
                                                                 seed_store: str) -> None:
    local = ox.Store.read_only(seed_store)
    remote = RemoteTarget(Endpoint(pushed, timeout=30), default_graph=GRAPH)
    answered = 0
    for query in list_saved_queries():
        values = {"project": "VU10P0543"} if query.name == "results-chain" else {}
        here = run_query(local, query, values)
        there = run_query(remote, query, values)
        assert there.variables == here.variables, query.name
        assert _rows(there) == _rows(here), query.name
        answered += bool(here.rows)
    assert answered >= 12


def test_query_run_on_an_endpoint_from_the_command_line(pushed: str) -> None:
    result = CliRunner().invoke(main, ["query", "run", "projects-by-member-state", "-p",
                                       "country=TON", "--endpoint", pushed, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert "FJ10P0514" in result.stdout and "VU10P0543" not in result.stdout


def test_validating_the_endpoint_gives_the_local_report(pushed: str, seed_store: str) -> None:
    remote = validate_endpoint(Endpoint(pushed, timeout=60), GRAPH)
    local = validate_store(seed_store)
    assert remote.conforms and local.conforms
    assert [r.message for r in remote.results] == [r.message for r in local.results]
    result = CliRunner().invoke(main, ["validate", "--endpoint", pushed])
    assert result.exit_code == 0 and "0 violations" in result.stdout


def test_pushing_again_replaces_the_graph_instead_of_adding_to_it(pushed: str,
                                                                  seed_store: str) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    endpoint = Endpoint(pushed, timeout=30)
    before = endpoint.select(count, GRAPH)["results"]["bindings"][0]["n"]["value"]
    push_store(ox.Store.read_only(seed_store), endpoint, GRAPH, use_graph_store=False,
               batch_size=40)
    after = endpoint.select(count, GRAPH)["results"]["bindings"][0]["n"]["value"]
    assert before == after and int(after) > 1000
    graphs = endpoint.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    names = {b["g"]["value"] for b in graphs["results"]["bindings"]}
    assert names == {GRAPH}, "a temporary upload graph was left behind"


class _Refusing(http.server.BaseHTTPRequestHandler):
    """Accepts the first request, refuses everything after it; notes what it was sent."""

    bodies: ClassVar[list[bytes]] = []

    def do_PUT(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        type(self).bodies.append(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        self.send_response(204 if len(type(self).bodies) == 1 else 403)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("options", [["--no-graph-store"], []])
def test_a_refusing_server_is_exit_3_and_never_gets_the_final_move(
        seed_store: str, options: list[str]) -> None:
    port = free_port()
    _Refusing.bodies = [b"an earlier request"] if not options else []  # PUT: refused at once
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Refusing)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        result = CliRunner().invoke(main, ["push", "--endpoint",
                                           f"http://127.0.0.1:{port}/query", "--store",
                                           seed_store, "--batch-size", "100", *options])
    finally:
        httpd.shutdown()
    assert result.exit_code == 3
    assert "refused (403" in result.stderr
    assert not any(body.startswith(b"MOVE") for body in _Refusing.bodies)
    if options:  # the temporary graph is dropped again
        assert _Refusing.bodies[-1].startswith(b"DROP SILENT GRAPH")


def test_an_unreachable_server_is_a_clear_exit_3(seed_store: str) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    for args in (["push", "--endpoint", url, "--store", seed_store],
                 ["query", "run", "projects", "--endpoint", url, "--timeout", "2"],
                 ["validate", "--endpoint", url, "--timeout", "2"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 3, args
        assert "unreachable" in result.stderr and "127.0.0.1" in result.stderr


def test_an_endpoint_url_with_credentials_or_no_host_is_a_usage_error(seed_store: str) -> None:
    port = free_port()
    for url in (f"http://alice:s3cret@127.0.0.1:{port}/query", "not-a-url",
                f"ftp://127.0.0.1:{port}/query", "http://127.0.0.1:99999/query"):
        for args in (["push", "--endpoint", url, "--store", seed_store],
                     ["query", "run", "projects", "--endpoint", url],
                     ["validate", "--endpoint", url]):
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 2, (args, result.stderr)
            assert "s3cret" not in result.stderr and "s3cret" not in result.stdout
            assert "unreachable" not in result.stderr
    result = CliRunner().invoke(main, ["query", "run", "projects"],
                                env={"KG_ENDPOINT": f"http://alice:s3cret@127.0.0.1:{port}/q"})
    assert result.exit_code == 2 and "KG_ENDPOINT_PASSWORD" in result.stderr
    assert "s3cret" not in result.stderr


def test_reading_a_graph_nobody_pushed_is_an_error_not_an_empty_answer(pushed: str) -> None:
    nowhere = "https://kg.example.org/iom/graph/never-pushed"
    for args in (["query", "run", "projects", "--endpoint", pushed, "--graph", nowhere],
                 ["validate", "--endpoint", pushed, "--graph", nowhere]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 3, (args, result.stderr)
        assert "never-pushed" in result.stderr and "kg push" in result.stderr
    # an empty answer from the pushed graph stays an empty answer
    result = CliRunner().invoke(main, ["query", "run", "projects-by-member-state", "-p",
                                       "country=NOR", "--endpoint", pushed, "--format", "csv"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1


def test_a_failed_upload_leaves_the_target_graph_as_it_was(server: str) -> None:
    endpoint = Endpoint(server, timeout=30)
    graph = "https://kg.example.org/iom/graph/atomic-test"
    push_lines(endpoint, graph, [b'<urn:a> <urn:p> "one" .\n'])
    bad = Endpoint(server, store_url=server.replace("/query", "/nowhere"), timeout=30)
    many = [f'<urn:s{i}> <urn:p> "{i}" .\n'.encode() for i in range(10)]
    with pytest.raises(EndpointError):
        push_lines(bad, graph, many, batch_size=3)
    rows = endpoint.select("SELECT ?o WHERE { ?s ?p ?o }", graph)["results"]["bindings"]
    assert [r["o"]["value"] for r in rows] == ["one"]


def test_credentials_come_from_the_environment_or_netrc(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine db.example.org login reader password s3cret\n", encoding="utf-8")
    netrc.chmod(0o600)
    assert credentials("https://db.example.org/sparql") == ("reader", "s3cret")
    assert credentials("https://other.example.org/sparql") is None
    monkeypatch.setenv("KG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "pw")
    assert credentials("https://db.example.org/sparql") == ("alice", "pw")


def test_update_and_graph_store_urls_are_derived_for_common_servers() -> None:
    assert derive_url("http://h:7878/query", "store") == "http://h:7878/store"
    assert derive_url("http://h:3030/iom/sparql", "update") == "http://h:3030/iom/update"
    assert derive_url("http://h:3030/iom/sparql", "store") == "http://h:3030/iom/data"
    assert derive_url("http://h:8890/sparql", "store") == "http://h:8890/sparql-graph-crud"
    assert derive_url("http://h:7200/repositories/iom", "update") == \
        "http://h:7200/repositories/iom/statements"


def test_the_remote_answer_for_a_parameter_is_bound_safely(pushed: str) -> None:
    query = load_saved_query("outputs-mentioning")  # its word is free text
    remote = RemoteTarget(Endpoint(pushed, timeout=30), default_graph=GRAPH)
    result = run_query(remote, query, {"word": 'training" } ?x ?y ?z { #'})
    assert result.rows == []


def _lines_with_violations(seed_store: str) -> list[bytes]:
    """The lines `kg push` sends for the seeds, with a title dropped and a budget made
    negative: graphs other tools wrote, which the shapes must catch."""
    with opened_store(seed_store, read_only=True) as store:
        lines = union_lines(store, with_ontology=True, page_lines=store_page_lines(seed_store))
    title = b"<http://purl.org/dc/terms/title>"
    dropped = next(line for line in lines if b"/project/VU10P0543> " + title in line)
    amount = next(line for line in lines if b'#amount> "' in line)
    negative = amount[:amount.index(b'"') + 1] + b"-" + amount[amount.index(b'"') + 1:]
    return [negative if line == amount else line for line in lines if line != dropped]


def _texts(report: ValidationReport) -> tuple[str, str]:
    return format_text(report), format_json(report)


def test_the_endpoint_report_is_pyshacls_on_a_graph_with_violations(server: str,
                                                                    seed_store: str) -> None:
    lines = _lines_with_violations(seed_store)
    graph = "https://kg.example.org/iom/graph/with-violations"
    push_lines(Endpoint(server, timeout=60), graph, lines)
    remote = validate_endpoint(Endpoint(server, timeout=60), graph)
    reference = validate_graph(ntriples_to_rdflib(b"".join(lines)))
    assert not remote.conforms
    assert sum(r.severity == "violation" for r in remote.results) >= 2
    assert _texts(remote) == _texts(reference)


def test_shapes_the_compiled_engine_cannot_run_are_checked_by_pyshacl_remotely(
        server: str, seed_store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _lines_with_violations(seed_store)
    graph = "https://kg.example.org/iom/graph/with-violations-or"
    push_lines(Endpoint(server, timeout=60), graph, lines)
    home = tmp_path / "home"
    shutil.copytree(Path(__file__).resolve().parents[1] / "shapes", home / "shapes")
    shutil.copytree(Path(__file__).resolve().parents[1] / "ontology", home / "ontology")
    (home / "shapes" / "either.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix iom: <https://kg.example.org/iom/ontology#> .\n"
        "<urn:test:either> a sh:NodeShape ; sh:targetClass iom:Project ; sh:or (\n"
        "  [ sh:path iom:primaId ; sh:minCount 2 ] [ sh:path iom:acronym ; sh:minCount 2 ] ) .\n",
        encoding="utf-8")
    monkeypatch.setenv("KG_HOME", str(home))
    with pytest.warns(UserWarning, match="sh:or"):
        remote = validate_endpoint(Endpoint(server, timeout=60), graph)
    assert any(r.constraint == "sh:OrConstraintComponent" for r in remote.results)
    assert _texts(remote) == _texts(validate_graph(ntriples_to_rdflib(b"".join(lines))))


INJECTION = ("http://ex/t> {} } ; DROP GRAPH <http://ex/victim> ; "
             "INSERT DATA { GRAPH <http://ex/t2")


def _victim(server: str) -> Endpoint:
    """The server with a graph <http://ex/victim> holding one triple."""
    endpoint = Endpoint(server, timeout=30)
    push_lines(endpoint, "http://ex/victim", [b'<urn:v> <urn:p> "kept" .\n'])
    return endpoint


def _victim_survives(endpoint: Endpoint) -> bool:
    return bool(endpoint.select('ASK { GRAPH <http://ex/victim> { <urn:v> <urn:p> "kept" } }')
                .get("boolean"))


@pytest.mark.parametrize("options", [["--no-graph-store"], []])
def test_a_graph_that_would_break_out_of_its_brackets_is_a_usage_error(
        server: str, seed_store: str, options: list[str]) -> None:
    endpoint = _victim(server)
    for args in (["push", "--endpoint", server, "--store", seed_store, "--graph", INJECTION,
                  *options],
                 ["push", "--endpoint", server, "--store", seed_store, *options,
                  "--base", "http://ex/> } ; DROP GRAPH <http://ex/victim> ; INSERT DATA { "
                            "GRAPH <http://x/"],
                 ["query", "run", "projects", "--endpoint", server, "--graph", INJECTION],
                 ["validate", "--endpoint", server, "--graph", INJECTION],
                 ["push", "--endpoint", server, "--store", seed_store, "--graph", "not/an/iri"]):
        result = CliRunner().invoke(main, args)
        assert _victim_survives(endpoint), args
        assert result.exit_code == 2, (args, result.stderr)
        assert "not an absolute IRI" in result.stderr and "Traceback" not in result.stderr
    graphs = endpoint.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert not {b["g"]["value"] for b in graphs["results"]["bindings"]} & {
        "http://ex/t", "http://ex/t2"}


def test_the_sparql_text_builders_refuse_an_iri_that_could_close_its_brackets(
        server: str) -> None:
    endpoint = _victim(server)
    for use_graph_store in (False, True):
        with pytest.raises(UsageError, match="not an absolute IRI"):
            try:
                push_lines(endpoint, INJECTION, [b"<urn:a> <urn:p> <urn:o> .\n"],
                           use_graph_store=use_graph_store)
            finally:
                assert _victim_survives(endpoint)
    with pytest.raises(UsageError, match="not an absolute IRI"):
        endpoint.require_graph(INJECTION)


def test_store_and_endpoint_both_on_the_command_line_are_a_usage_error(seed_store: str) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"  # never asked: the usage error comes first
    for command in (["validate"], ["query", "run", "projects"]):
        result = CliRunner().invoke(main, [*command, "--store", seed_store, "--endpoint", url])
        assert result.exit_code == 2, (command, result.stderr)
        assert "--store and --endpoint" in result.stderr and "unreachable" not in result.stderr
    with pytest.raises(UsageError, match="give one"), open_target(seed_store, url):
        pass


def test_the_command_line_wins_over_the_environment_between_store_and_endpoint(
        pushed: str, seed_store: str, tmp_path: Path) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}/query"
    env = {"KG_ENDPOINT": nowhere}
    result = CliRunner().invoke(main, ["validate", "--store", seed_store], env=env)
    assert result.exit_code == 0 and "0 violations" in result.stdout, result.stderr
    result = CliRunner().invoke(main, ["query", "run", "projects-by-member-state", "-p",
                                       "country=TON", "--store", seed_store, "--format", "csv"],
                                env=env)
    assert result.exit_code == 0 and "FJ10P0514" in result.stdout, result.stderr
    env = {"KG_ENDPOINT": pushed}
    result = CliRunner().invoke(main, ["validate", "--store", seed_store, "--graph",
                                       GRAPH], env=env)
    assert result.exit_code == 2 and "--graph" in result.stderr  # the store has no --graph
    env = {"KG_STORE": str(tmp_path / "no-store-here")}
    result = CliRunner().invoke(main, ["query", "run", "projects-by-member-state", "-p",
                                       "country=TON", "--endpoint", pushed, "--format", "csv"],
                                env=env)
    assert result.exit_code == 0 and "FJ10P0514" in result.stdout, result.stderr


def test_validate_options_for_the_store_are_refused_or_applied_with_an_endpoint(
        pushed: str) -> None:
    page = "https://kg.example.org/iom/page/0000000000000000"
    result = CliRunner().invoke(main, ["validate", "--endpoint", pushed, "--page", page])
    assert result.exit_code == 2 and "--page" in result.stderr and "--endpoint" in result.stderr
    result = CliRunner().invoke(main, ["validate", "--page", page], env={"KG_ENDPOINT": pushed})
    assert result.exit_code == 2 and "$KG_ENDPOINT" in result.stderr
    compiled = CliRunner().invoke(main, ["validate", "--endpoint", pushed, "--format", "json"])
    assert compiled.exit_code == 0, compiled.stderr
    for options in (["--engine", "pyshacl"], ["--full"], ["--engine", "pyshacl", "--full"]):
        result = CliRunner().invoke(main, ["validate", "--endpoint", pushed, "--format", "json",
                                           *options])
        assert result.exit_code == 0, (options, result.stderr)
        assert result.stdout == compiled.stdout, options


def test_the_endpoint_is_validated_by_the_engine_asked_for(server: str, seed_store: str,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    import kg.validate_store

    lines = _lines_with_violations(seed_store)
    graph = "https://kg.example.org/iom/graph/with-violations-engine"
    push_lines(Endpoint(server, timeout=60), graph, lines)
    used: list[str] = []
    real = kg.validate_store.validate_graph
    monkeypatch.setattr(kg.validate_store, "validate_graph",
                        lambda *a, **k: used.append("pyshacl") or real(*a, **k))
    report = validate_endpoint(Endpoint(server, timeout=60), graph, engine="pyshacl")
    assert used == ["pyshacl"] and not report.conforms
    assert _texts(report) == _texts(validate_endpoint(Endpoint(server, timeout=60), graph))


@contextmanager
def _recording_server(redirect_to: str | None = None) -> Iterator[tuple[int, list]]:
    """A loopback HTTP server noting each request's path and Authorization header: it answers
    204 (an empty SPARQL result to a GET), or redirects every POST to ``redirect_to``."""
    seen: list[tuple[str, str | None]] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("Authorization")))
            body = b'{"head": {"vars": ["p"]}, "results": {"bindings": []}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            self._answer()

        def do_PUT(self) -> None:
            self._answer()

        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append((self.path, self.headers.get("Authorization")))
            if redirect_to:
                self.send_response(302)
                self.send_header("Location", redirect_to)
            else:
                self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield port, seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture()
def endpoint_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """alice's credentials in the environment, and a home whose ~/.netrc is empty."""
    monkeypatch.setenv("KG_ENDPOINT_USER", "alice")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
    monkeypatch.setenv("HOME", str(tmp_path))
    netrc = tmp_path / ".netrc"
    netrc.write_text("", encoding="utf-8")
    netrc.chmod(0o600)
    return netrc


def test_environment_credentials_go_to_the_endpoints_own_host_only(
        seed_store: str, endpoint_user: Path) -> None:
    alice = _basic("alice", "s3cret")
    with _recording_server() as (mine, at_endpoint), _recording_server() as (other, elsewhere):
        endpoint = f"http://127.0.0.1:{mine}/query"
        for options in (["--graph-store-url", f"http://localhost:{other}/store"],
                        ["--no-graph-store", "--update-url", f"http://localhost:{other}/up"],
                        ["--graph-store-url", f"http://127.0.0.1:{other}/store"]):
            result = CliRunner().invoke(main, ["push", "--endpoint", endpoint, "--store",
                                               seed_store, *options])
            assert result.exit_code == 0, (options, result.stderr)
        assert elsewhere and all(auth is None for _, auth in elsewhere)
        assert at_endpoint == []
        endpoint_user.write_text("machine localhost login bob password netrc-pw\n",
                                 encoding="utf-8")
        elsewhere.clear()
        result = CliRunner().invoke(main, ["push", "--endpoint", endpoint, "--store",
                                           seed_store, "--graph-store-url",
                                           f"http://localhost:{other}/store"])
        assert result.exit_code == 0, result.stderr
        assert [auth for _, auth in elsewhere] == [_basic("bob", "netrc-pw")]  # its own entry
        result = CliRunner().invoke(main, ["push", "--endpoint", endpoint, "--store",
                                           seed_store])  # the derived Graph Store URL
        assert result.exit_code == 0, result.stderr
        assert [auth for _, auth in at_endpoint] == [alice]
    assert "warning" not in result.stderr  # plain http, but to this machine


def test_a_redirect_to_another_host_does_not_carry_the_credentials(endpoint_user: Path) -> None:
    with _recording_server() as (other, elsewhere), \
            _recording_server(f"http://localhost:{other}/elsewhere") as (mine, at_endpoint):
        result = CliRunner().invoke(main, ["query", "run", "projects", "--endpoint",
                                           f"http://127.0.0.1:{mine}/query", "--timeout", "5"])
    assert result.exit_code in (0, 3), result.stderr
    assert at_endpoint and all(auth == _basic("alice", "s3cret") for _, auth in at_endpoint)
    assert elsewhere and all(auth is None for _, auth in elsewhere)


def test_credentials_over_plain_http_to_another_machine_are_warned_of_once(
        endpoint_user: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.store.remote, "_warned", set())
    endpoint = Endpoint("http://db.example.org/sparql")
    with pytest.warns(PlainHttpCredentialsWarning, match="db.example.org:80") as caught:
        assert endpoint.credentials_for("http://db.example.org/sparql") == ("alice", "s3cret")
        assert endpoint.credentials_for("http://db.example.org:80/update")
    assert len(caught) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Endpoint("https://db.example.org/sparql").credentials_for(
            "https://db.example.org/sparql") == ("alice", "s3cret")
        for url in ("http://127.0.0.1:7878/query", "http://localhost:7878/query",
                    "http://[::1]:7878/query"):
            assert Endpoint(url).credentials_for(url) == ("alice", "s3cret")
        assert Endpoint("http://db.example.org/sparql").credentials_for(
            "http://other.example.org/sparql") is None  # nothing sent, nothing to warn of
    result = CliRunner().invoke(main, ["query", "run", "projects", "--endpoint",
                                       "http://192.0.2.1:9/query", "--timeout", "0.3"])
    assert result.exit_code == 3
    assert result.stderr.count("kg: warning: the credentials for 192.0.2.1:9 go over plain "
                               "http") == 1


def test_the_environment_credentials_are_tied_to_the_endpoints_scheme_host_and_port(
        endpoint_user: Path) -> None:
    endpoint = "https://db.example.org/sparql"
    assert credentials("https://db.example.org:443/store", endpoint) == ("alice", "s3cret")
    for url in ("http://db.example.org/sparql", "https://db.example.org:8443/sparql",
                "https://other.example.org/sparql"):
        assert credentials(url, endpoint) is None, url


def test_a_fraction_of_a_second_is_the_timeout_it_says(seed_store: str) -> None:
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        for args in (["query", "run", "projects", "--endpoint", url, "--timeout", "0.3"],
                     ["validate", "--endpoint", url, "--timeout", "0.3"],
                     ["push", "--endpoint", url, "--store", seed_store, "--timeout", "0.3"]):
            started = time.monotonic()
            result = CliRunner().invoke(main, args)
            elapsed = time.monotonic() - started
            assert result.exit_code == 3 and "too slow" in result.stderr, result.stderr
            assert 0.3 <= elapsed < 0.8, (args, elapsed)  # whole seconds made it 1 s at least
