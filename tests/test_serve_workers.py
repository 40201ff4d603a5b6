"""`kg serve` stops a query past its deadline: it ran in a worker process, which is killed, so
nothing goes on computing and the query slots stay free for the next requests."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from pathlib import Path

import anyio
import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from kg.serve import ServeSettings, create_app
from kg.serve.evaluate import Evaluate
from kg.serve.protocol import SparqlRequest
from kg.serve.runner import QueryRunner, WorkerDied
from kg.serve.workers import WorkerPool

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_serve import SELECT_PROJECTS, sparql_json

# A cross join of 64 million rows counted before the first row: about 8 s of one core.
HEAVY_QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { "
               + " ".join(f"VALUES ?{v} {{ {' '.join(str(i) for i in range(400))} }}"
                          for v in "abc") + " }")
TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name; None when there is no such process."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text[text.rindex(")") + 2:].split()


def _running(pid: int) -> bool:
    """True while ``pid`` is a process that has not exited (zombies have)."""
    fields = _stat(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def _tree() -> dict[int, float]:
    """This process and every process descending from it: CPU seconds used so far, by id."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None:
                parents[int(entry.name)] = int(fields[1])
                times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICKS
    tree, grew = {os.getpid()}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return {pid: times[pid] for pid in tree if pid in times}


def _tree_cpu_seconds() -> float:
    """CPU seconds used so far by this process and every live process descending from it."""
    return sum(_tree().values())


def _cpu_while_idle(seconds: float = 1.0) -> float:
    """CPU seconds the process tree uses in ``seconds`` of doing nothing here."""
    before = _tree_cpu_seconds()
    time.sleep(seconds)
    return _tree_cpu_seconds() - before


def test_a_query_past_its_deadline_is_stopped_with_its_worker_process(store: ox.Store) -> None:
    app = create_app(store, ServeSettings(hosts=("testserver",), timeout=0.5))
    client = TestClient(app)
    assert sparql_json(client.get("/sparql", params={"query": SELECT_PROJECTS}))
    before = set(_tree())  # with the worker process the small query started
    started = time.monotonic()
    response = client.get("/sparql", params={"query": HEAVY_QUERY})
    assert response.status_code == 503
    assert "longer than 0.5 s" in response.text
    assert time.monotonic() - started < 2
    assert _cpu_while_idle() < 0.3, "something still computes after the 503"
    stopped = {pid for pid in before if not _running(pid)}
    assert stopped, "no process stopped: the query ran in this one"
    # A spare took the killed worker's place, and answers.
    assert sparql_json(client.get("/sparql", params={"query": SELECT_PROJECTS}))
    assert not stopped & set(app.state.site.runner.pool.pids())
    app.state.site.runner.close()


def test_after_more_timeouts_than_query_slots_a_small_query_is_answered_at_once(
        store: ox.Store) -> None:
    settings = ServeSettings(hosts=("testserver",), timeout=0.3, max_running=4)
    app = create_app(store, settings)
    client = TestClient(app)
    for _ in range(settings.max_running + 2):
        response = client.get("/sparql", params={"query": HEAVY_QUERY})
        assert response.status_code == 503
        assert "longer than 0.3 s" in response.text, response.text
    started = time.monotonic()
    response = client.get("/sparql", params={"query": SELECT_PROJECTS})
    assert len(sparql_json(response)) == 4
    assert time.monotonic() - started < 2
    saved = client.get("/saved/member-states", params={"format": "csv"})
    assert saved.status_code == 200, saved.text
    assert _cpu_while_idle() < 0.3, "a stopped query still computes"
    assert len(app.state.site.runner.pool.pids()) <= settings.max_running
    app.state.site.runner.close()


def test_an_in_memory_store_runs_queries_in_threads(store: ox.Store) -> None:
    memory = ox.Store()
    memory.extend(store.quads_for_pattern(None, None, None, None))
    app = create_app(memory, ServeSettings(hosts=("testserver",)))
    rows = sparql_json(TestClient(app).get("/sparql", params={"query": SELECT_PROJECTS}))
    assert len(rows) == 4
    assert app.state.site.runner.pool.pids() == []


def _die(store: ox.Store, cancel: threading.Event) -> None:
    """A job whose worker process exits without answering."""
    os._exit(1)


def test_a_worker_that_dies_is_an_error_and_is_replaced(store: ox.Store) -> None:
    runner = QueryRunner(timeout=5, max_running=1)

    async def both() -> None:
        with pytest.raises(WorkerDied):
            await runner.run_job(store, _die)
        answer = await runner.run_job(store, Evaluate(SparqlRequest(SELECT_PROJECTS), 10))
        rows = answer.rows()
        assert rows is not None and len(rows.rows) == 4

    try:
        anyio.run(both)
    finally:
        runner.close()


def test_where_no_worker_starts_queries_run_in_threads_after_a_log_line(
        store: ox.Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    def refuse(self: WorkerPool, snapshot: str | None) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(WorkerPool, "start", refuse)
    app = create_app(store, ServeSettings(hosts=("testserver",)))
    with caplog.at_level(logging.WARNING, logger="kg.serve"):
        rows = sparql_json(TestClient(app).get("/sparql", params={"query": SELECT_PROJECTS}))
    assert len(rows) == 4
    assert "query worker processes cannot start (no processes here)" in caplog.text
    assert app.state.site.runner.pool is None
