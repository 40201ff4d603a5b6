"""kg.push sends N-Triples lines read from the store's page-lines file (as `kg export` does),
never Python term objects, and a real Oxigraph server ends up with the same triples either way."""

from __future__ import annotations

import os
import pty
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from oxigraph_server import running_oxigraph
from store_helpers import plant_lines

from kg.build import build
from kg.cli import main
from kg.export import union_lines
from kg.push import push_store
from kg.store import close_reader, open_store, opened_store, remote, store_page_lines
from kg.store.journal import stored_digests
from kg.store.page_lines import PageLines
from kg.store.remote import Endpoint, EndpointError, push_lines

GRAPH = "https://kg.example.org/iom/graph/push-lines-test"
MARKER = b'<urn:x-kg:read-from-the-file> <urn:x-kg:p> "yes" .\n'


@pytest.fixture(scope="module")
def lines_store(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    """An on-disk store of the seed pages, built with its page-lines file."""
    path = tmp_path_factory.mktemp("push-lines") / "store"
    with opened_store(path) as store:
        build(store, seed_paths, page_lines=store_page_lines(path))
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server on loopback, for this module alone; yields its query URL."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph-lines")) as base:
        yield f"{base}/query"


def _remote_triples(endpoint: Endpoint, graph: str) -> set[ox.Triple]:
    text = endpoint.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph)
    return set(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))


def _local_triples(store_path: Path) -> set[ox.Triple]:
    """The distinct triples `kg push` has always sent: the exported graphs and the ontology."""
    store = open_store(store_path, read_only=True)
    try:
        text = b"".join(union_lines(store, with_ontology=True))
    finally:
        close_reader(store)
    return set(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))


def _push(store_path: Path, endpoint: Endpoint, graph: str, *, cached: bool, batch_size: int,
          use_graph_store: bool = True) -> int:
    store = open_store(store_path, read_only=True)
    try:
        return push_store(store, endpoint, graph, batch_size=batch_size,
                          use_graph_store=use_graph_store,
                          page_lines=PageLines.of_store(store_path) if cached else None)
    finally:
        close_reader(store)


def test_push_from_the_page_lines_file_or_the_store_gives_the_server_the_same_triples(
        server: str, lines_store: Path) -> None:
    endpoint = Endpoint(server, timeout=60)
    expected = _local_triples(lines_store)
    assert len(expected) > 1000
    sent = _push(lines_store, endpoint, f"{GRAPH}/file", cached=True, batch_size=300)
    assert sent == len(expected)
    assert _push(lines_store, endpoint, f"{GRAPH}/store", cached=False, batch_size=300) == sent
    assert _remote_triples(endpoint, f"{GRAPH}/file") == expected
    assert _remote_triples(endpoint, f"{GRAPH}/store") == expected


def test_the_sparql_update_fallback_sends_the_same_triples(server: str,
                                                           lines_store: Path) -> None:
    endpoint = Endpoint(server, timeout=60)
    graph = f"{GRAPH}/update"
    assert _push(lines_store, endpoint, graph, cached=True, batch_size=250,
                 use_graph_store=False) > 1000
    assert _remote_triples(endpoint, graph) == _local_triples(lines_store)


def test_push_never_parses_the_lines_into_term_objects(
        server: str, lines_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("push parsed or serialised terms")

    monkeypatch.setattr(ox, "parse", refuse)
    monkeypatch.setattr(ox, "serialize", refuse)
    assert _push(lines_store, Endpoint(server, timeout=60), f"{GRAPH}/no-terms",
                 cached=True, batch_size=500) > 1000


def test_kg_push_reads_the_page_lines_file(server: str, lines_store: Path,
                                           tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(lines_store, copy)
    store = open_store(copy, read_only=True)
    try:
        graph, digest = sorted(stored_digests(store).items())[0]
    finally:
        close_reader(store)
    plant_lines(copy, graph, digest, MARKER)
    target = f"{GRAPH}/planted"
    result = CliRunner().invoke(main, ["push", "--endpoint", server, "--store", str(copy),
                                       "--graph", target, "--batch-size", "200"])
    assert result.exit_code == 0, result.stderr
    marker = next(iter(ox.parse(MARKER, format=ox.RdfFormat.N_TRIPLES)))
    assert marker in _remote_triples(Endpoint(server, timeout=60), target)


class _Recorder(Endpoint):
    """An endpoint that records its requests (bodies read piece by piece) instead of sending
    them, and when each piece was taken."""

    def __init__(self, progress: list[int] | None = None) -> None:
        super().__init__("http://127.0.0.1:1/query", timeout=10)
        self.sent: list[tuple[str, str, list[bytes], float | None, int | None]] = []
        self.progress = progress

    def _request(self, method: str, url: str, body: bytes | Iterable[bytes], content_type: str,
                 timeout: float | None = None, length: int | None = None) -> None:
        pieces = []
        for piece in [body] if isinstance(body, bytes) else body:
            pieces.append(piece)
            if self.progress is not None:
                self.progress.append(-len(pieces))  # a piece taken, before it is counted
        self.sent.append((method, urllib.parse.unquote(url), pieces, timeout, length))


def test_lines_go_in_one_put_of_the_target_graph_sent_batch_by_batch(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, "LINES_PER_TIMEOUT", 2)
    lines = [f'<urn:s{i}> <urn:p> "{i}" .\n'.encode() for i in range(7)]
    events: list[int] = []
    endpoint = _Recorder(events)
    assert push_lines(endpoint, GRAPH, lines, batch_size=3, progress=events.append) == 7
    assert len(endpoint.sent) == 1
    method, url, pieces, timeout, length = endpoint.sent[0]
    assert method == "PUT" and url.endswith(f"?graph={GRAPH}")
    assert pieces == [b"".join(lines[0:3]), b"".join(lines[3:6]), lines[6]]
    assert length == sum(map(len, lines))
    assert timeout == 10 * 4  # the answer comes once the 7 lines (2 a timeout) are written
    assert events == [-1, 3, -2, 3, -3, 1], "progress counts a batch once it is taken"


def test_no_lines_replace_the_graph_with_an_empty_one() -> None:
    endpoint = _Recorder()
    assert push_lines(endpoint, GRAPH, []) == 0
    assert [(m, p, n) for m, _, p, _, n in endpoint.sent] == [("PUT", [b""], 0)]


def test_the_update_fallback_inserts_the_lines_as_they_are_then_moves_them() -> None:
    lines = [f'<urn:s{i}> <urn:p> "{i}" .\n'.encode() for i in range(4)]
    endpoint = _Recorder()
    push_lines(endpoint, GRAPH, lines, batch_size=3, use_graph_store=False)
    bodies = [b"".join(pieces).decode() for _, _, pieces, _, _ in endpoint.sent]
    assert len(bodies) == 3 and bodies[0].startswith("INSERT DATA { GRAPH <")
    assert f"{GRAPH}-upload-" in bodies[0] and f"{GRAPH}-upload-" in bodies[1]
    assert "".join(line.decode() for line in lines[:3]) in bodies[0]
    assert lines[3].decode() in bodies[1]
    assert bodies[2].startswith(f"MOVE SILENT GRAPH <{GRAPH}-upload-")
    assert bodies[2].endswith(f"TO GRAPH <{GRAPH}>")


class _SlowAnswer(BaseHTTPRequestHandler):
    """A server that reads every upload at once and takes 1.5 s to answer a whole graph's PUT
    or a MOVE, as a server does while it writes the graph."""

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.command == "PUT" or body.startswith(b"MOVE"):
            time.sleep(1.5)
        self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_answer() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowAnswer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/query"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("use_graph_store", [True, False])
def test_the_final_answer_may_take_the_timeout_once_per_so_many_lines(
        slow_answer: str, use_graph_store: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, "LINES_PER_TIMEOUT", 2)
    lines = [f'<urn:s{i}> <urn:p> "{i}" .\n'.encode() for i in range(6)]
    endpoint = Endpoint(slow_answer, timeout=1.0)
    # 6 lines: 3 s for the answer, however they are batched; 2 lines: 1 s, and it takes 1.5
    for batch_size in (1, 6):
        assert push_lines(endpoint, GRAPH, lines, batch_size=batch_size,
                          use_graph_store=use_graph_store) == 6
    with pytest.raises(EndpointError, match="too slow"):
        push_lines(endpoint, GRAPH, lines[:2], batch_size=1, use_graph_store=use_graph_store)


def test_a_server_that_stops_reading_fails_after_the_timeout_not_once_per_batch() -> None:
    # The answer may take the timeout once per 50,000 lines (4 s here); sending may not.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # connections are queued, never accepted: nothing reads the upload
    try:
        endpoint = Endpoint(f"http://127.0.0.1:{listener.getsockname()[1]}/query", timeout=1.0)
        lines = [f'<urn:s{i}> <urn:p> "{"x" * 80}" .\n'.encode() for i in range(200_000)]
        started = time.monotonic()
        with pytest.raises(EndpointError, match="too slow"):
            push_lines(endpoint, GRAPH, lines, batch_size=2_000)
        assert time.monotonic() - started < 10
    finally:
        listener.close()


def test_kg_push_on_a_terminal_shows_a_bar_of_triples(server: str, lines_store: Path) -> None:
    """stderr on a terminal, as when a user runs `kg push` by hand: the bar counts triples."""
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kg.cli", "push", "--endpoint", server, "--store",
             str(lines_store), "--graph", f"{GRAPH}/terminal", "--batch-size", "200"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal, timeout=120,
            check=False)
        os.close(terminal)
        shown = b""
        while select.select([controller], [], [], 0)[0]:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal's other end is closed
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    text = shown.decode("utf-8", "replace")
    assert done.returncode == 0, text
    assert "triple" in text and "kg push:" in text
    assert _remote_triples(Endpoint(server, timeout=60), f"{GRAPH}/terminal") == \
        _local_triples(lines_store)
