"""`kg serve` as a real process on a free loopback port: SPARQLWrapper gets what `kg query run`
gives for every saved query, curl dereferences IRIs, and raw requests with dot segments or NUL
are refused."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx
import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.namespaces import PREFIXES
from kg.query import bind_parameters, list_saved_queries, load_saved_query, with_values_block

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_serve import (
    HTML,
    PROJECT,
    REQUIRED_VALUES,
    SELECT_PROJECTS,
    SLOW_QUERY,
    TURTLE,
    free_port,
    serve_process,
    sparql_json,
)


@pytest.fixture(scope="module")
def live(store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("serve-log") / "kg-serve.log"
    with serve_process(store_dir, log) as url:
        yield url


def saved_query_cases() -> list[tuple[str, dict[str, str]]]:
    cases = []
    for query in list_saved_queries():
        values = {p.name: REQUIRED_VALUES[p.name] for p in query.params if p.required}
        cases.append((query.name, values))
    return cases


def canonical(document: dict) -> tuple[list[str], list[str]]:
    rows = [json.dumps(row, sort_keys=True) for row in document["results"]["bindings"]]
    return document["head"]["vars"], sorted(rows)


@pytest.mark.parametrize(("name", "values"), saved_query_cases())
def test_sparqlwrapper_gets_the_answers_kg_query_run_gives(
        live: str, store_dir: Path, name: str, values: dict[str, str]) -> None:
    args = [sys.executable, "-m", "kg.cli", "query", "run", name, "--format", "json",
            "--store", str(store_dir)]
    for key, value in values.items():
        args += ["-p", f"{key}={value}"]
    cli = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True)
    query = load_saved_query(name)
    text = with_values_block(query.text, bind_parameters(query, values))
    client = SPARQLWrapper(f"{live}/sparql")
    client.setQuery(text)
    client.setReturnFormat(JSON)
    client.setMethod(POST)
    answer = client.query().convert()
    assert canonical(answer) == canonical(json.loads(cli.stdout))


def test_curl_dereferences_iris_and_is_refused_updates_and_traversal(live: str) -> None:
    curl = shutil.which("curl")
    if curl is None:
        pytest.skip("curl is not installed")

    def run(*args: str) -> tuple[int, str]:
        done = subprocess.run([curl, "-s", "-S", "--max-time", "20", "-w", "\n%{http_code}",
                               *args], capture_output=True, text=True, timeout=30, check=True)
        body, _, status = done.stdout.rpartition("\n")
        return int(status), body

    status, body = run("-H", "Accept: text/turtle", f"{live}/project/{PROJECT}")
    assert status == 200
    assert ox.Literal(PROJECT) in {t.object for t in ox.parse(body.encode(),
                                                              format=ox.RdfFormat.TURTLE)}
    status, body = run("-H", "Accept: text/csv", "--data-urlencode",
                       f"query={SELECT_PROJECTS}", f"{live}/sparql")
    assert status == 200 and body.splitlines()[0] == "p,id"
    status, _ = run("--data-urlencode", "update=DROP ALL", f"{live}/sparql")
    assert status == 403
    status, body = run("--path-as-is", f"{live}/project/../../../../etc/passwd")
    assert status == 400 and "root:" not in body
    status, _ = run(f"{live}/saved/projects-by-member-state?country=FJI&format=csv")
    assert status == 200


def test_the_real_server_refuses_raw_dot_segments_and_nul(live: str) -> None:
    host, port = live.removeprefix("http://").split(":")
    for path in ("/project/../../etc/passwd", "/static/../../kg/cli.py", "/page/%00",
                 "/" + quote("..", safe="") + "/x"):
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        assert response.status in (400, 404), path
        assert "root:" not in body and "import" not in body, path


def test_the_real_server_serves_pages_and_the_endpoint(live: str) -> None:
    index = httpx.get(f"{live}/", headers=HTML)
    assert index.status_code == 200 and index.text.count("<svg") == 3
    query = urlencode({"query": SELECT_PROJECTS})
    answer = httpx.get(f"{live}/sparql?{query}",
                       headers={"accept": "application/sparql-results+json"})
    assert [r["id"] for r in sparql_json(answer)][-1] == PROJECT
    assert PREFIXES["iom"] in httpx.get(f"{live}/ontology", headers=TURTLE).text


def test_the_real_server_answers_only_its_own_host_names(live: str) -> None:
    port = live.rsplit(":", 1)[1]
    ask = {"query": "ASK {}"}
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost"):
        assert httpx.get(f"{live}/sparql", params=ask, headers={"host": host}).json() == {
            "head": {}, "boolean": True}, host
    for host in (f"rebound.example:{port}", "127.0.0.1.nip.example"):
        refused = httpx.get(f"{live}/sparql", params=ask, headers={"host": host})
        assert refused.status_code == 400, host
    head = httpx.head(f"{live}/sparql", params=ask)
    assert head.status_code == 200 and head.content == b""


def test_a_running_kg_serve_shows_what_a_build_adds_meanwhile(tmp_path: Path) -> None:
    from test_serve import build_seed_store

    store = build_seed_store(tmp_path / "kg-store")
    examples = Path(__file__).resolve().parents[1] / "examples" / "pages"
    with serve_process(store, tmp_path / "kg-serve.log") as url:
        page = f"{url}/project/TT10P0412"
        assert httpx.get(page, headers=TURTLE, timeout=20).status_code == 404
        build = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(examples),
                                "--store", str(store)], capture_output=True, text=True,
                               timeout=120)
        assert build.returncode == 0, build.stderr
        assert httpx.get(page, headers=TURTLE, timeout=20).status_code == 200
        assert httpx.get(f"{url}/project/{PROJECT}", headers=TURTLE,
                         timeout=20).status_code == 200


def test_a_port_in_use_is_a_clear_exit_3_and_the_url_is_announced_when_serving(
        live: str, store_dir: Path) -> None:
    port = live.rsplit(":", 1)[1]
    ended = subprocess.run(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port", port],
        capture_output=True, text=True, timeout=60)
    assert ended.returncode == 3
    assert ended.stderr.startswith(f"kg: error: 127.0.0.1:{port}: cannot listen there")
    assert "kg serve: http" not in ended.stderr  # never announced a URL it does not serve


def _running_in_group(group: int) -> list[int]:
    """The processes of process group ``group`` that have not exited (zombies have)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        fields = text[text.rindex(")") + 2:].split()
        if int(fields[2]) == group and fields[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_stops_kg_serve_quietly_with_its_worker_processes(store_dir: Path,
                                                                 presses: int) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port", str(port),
         "--timeout", "0.5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        for _ in range(300):
            try:
                answer = httpx.get(f"{url}/sparql", params={"query": SELECT_PROJECTS},
                                   headers={"accept": "application/sparql-results+json"})
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert [r["id"] for r in sparql_json(answer)][-1] == PROJECT
        assert httpx.get(f"{url}/sparql", params={"query": SLOW_QUERY},
                         timeout=30).status_code == 503  # its worker killed, a spare starting
        assert len(_running_in_group(process.pid)) > 2  # the server, its workers and helpers
        for press in range(presses):  # a terminal's Ctrl-C goes to the whole process group
            if press:
                time.sleep(0.05)
            os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    stderr = err.decode("utf-8", "replace")
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and "interrupted" not in stderr and "ERROR" not in stderr
    deadline = time.monotonic() + 10  # the fork server leaves once the server has gone
    while _running_in_group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _running_in_group(process.pid) == []
