"""Readers and writers of one on-disk store: readers read the snapshot the last finished write
published, never the store a writer is changing (kg.store.snapshots)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from store_helpers import child_env

from kg.cli import main
from kg.errors import StoreLockedError
from kg.namespaces import DEFAULT_BASE
from kg.store import close_reader, newer_snapshot, open_store, opened_store
from kg.store.journal import JOURNAL
from kg.store.snapshots import SNAPSHOTS, snapshot_of

ROOT = Path(__file__).resolve().parents[1]
EXTRA = ox.Quad(ox.NamedNode("urn:test:s"), ox.NamedNode("urn:test:p"), ox.Literal("added"),
                ox.NamedNode("urn:test:g"))


def _build(store_path: Path, pages: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(pages), "--store", str(store_path)])
    assert result.exit_code == 0, result.stderr


def _quad_count(store_path: Path) -> int:
    with opened_store(store_path, read_only=True) as store:
        return len(store)


def _write(store_path: Path, add: bool) -> None:
    """Add or remove EXTRA as a writer does. (A Store bound by ``with … as`` outlives the block
    and keeps the write lock, hence a function.)"""
    with opened_store(store_path) as store:
        if add:
            store.add(EXTRA)
        else:
            store.remove(EXTRA)


def _published(store_path: Path) -> list[str]:
    return sorted(p.name for p in (store_path / SNAPSHOTS).iterdir() if p.name.isdigit())


def _writer(store_path: Path, body: str) -> subprocess.Popen[str]:
    """A process that opens the store for writing as `kg build` does and runs ``body``."""
    script = ("import sys, time, pyoxigraph as ox\n"
              "from kg.errors import StoreLockedError\n"
              "from kg.store import open_store, opened_store\n"
              f"path = {str(store_path)!r}\n" + textwrap.dedent(body))
    return subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)


def test_readers_never_fail_while_another_process_writes_and_compacts(tmp_path: Path,
                                                                       pages: Path) -> None:
    store_path = tmp_path / "store"
    _build(store_path, pages)
    base = _quad_count(store_path)
    # Each round replaces one graph by another of another size in one update, then compacts,
    # which deletes the table files the round before wrote: what made direct readers fail.
    writer = _writer(store_path, """
        def graph(name, size):
            quads = " ".join(f'<urn:t:s{i}> <urn:t:p> "value {i} of {name}" .'
                             for i in range(size))
            return f"GRAPH <urn:t:{name}> {{ {quads} }}"
        def write(name, size):
            with opened_store(path) as store:
                store.update("DROP SILENT GRAPH <urn:t:a>; DROP SILENT GRAPH <urn:t:b>; "
                             f"INSERT DATA {{ {graph(name, size)} }}")
                store.optimize()
        def write_when_free(name, size):
            # A reader that saw this writer's mark as it finished may hold the store for the
            # milliseconds it takes to check there is nothing left to publish.
            for _ in range(50):
                try:
                    return write(name, size)
                except StoreLockedError:
                    time.sleep(0.01)
            raise SystemExit("the store stayed locked")
        print("writing", flush=True)
        start, rounds = time.monotonic(), 0
        while time.monotonic() - start < 6:
            rounds += 1
            write_when_free(*(("a", 2000) if rounds % 2 else ("b", 3000)))
        print(rounds, flush=True)
    """)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    counts: list[int] = []
    while writer.poll() is None:
        counts.append(_quad_count(store_path))
    rounds = int(writer.stdout.read().strip())
    assert writer.returncode == 0 and rounds > 5
    assert len(counts) > 20, "too few reads to say anything"
    assert set(counts) <= {base, base + 2000, base + 3000}, "a reader saw half an update"


def test_a_reader_sees_the_last_finished_build_until_the_writer_is_gone(tmp_path: Path,
                                                                        pages: Path) -> None:
    store_path = tmp_path / "store"
    _build(store_path, pages)
    before = _quad_count(store_path)
    writer = _writer(store_path, f"""
        store = open_store(path)
        store.add(ox.Quad(ox.NamedNode("{EXTRA.subject.value}"),
                          ox.NamedNode("{EXTRA.predicate.value}"), ox.Literal("added"),
                          ox.NamedNode("{EXTRA.graph_name.value}")))
        store.flush()
        print("written", flush=True)
        sys.stdin.read()
    """)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "written"
        result = CliRunner().invoke(main, ["stats", "--store", str(store_path)])
        assert result.exit_code == 0, result.stderr
        assert _quad_count(store_path) == before, "a reader saw a write still in progress"
    finally:
        writer.communicate("")  # it ends without publishing, like a build killed midway
    with opened_store(store_path, read_only=True) as store:
        assert len(store) == before + 1 and EXTRA in store, "the idle store was not caught up"


def test_a_store_written_for_the_first_time_is_locked_to_readers(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    writer = _writer(store_path, """
        store = open_store(path)
        print("open", flush=True)
        sys.stdin.read()
    """)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
        result = CliRunner().invoke(main, ["stats", "--store", str(store_path)])
        assert result.exit_code == 3 and "first time" in result.stderr
    finally:
        writer.communicate("")


def test_a_snapshot_being_read_is_kept_and_unread_ones_are_deleted(tmp_path: Path,
                                                                   pages: Path) -> None:
    store_path = tmp_path / "store"
    _build(store_path, pages)
    first = _published(store_path)
    reader = open_store(store_path, read_only=True)
    count = len(reader)
    _write(store_path, add=True)
    assert _published(store_path)[0] == first[0] and len(_published(store_path)) == 2
    assert len(reader) == count, "the reader's snapshot changed under it"
    newer = newer_snapshot(reader, store_path)
    assert newer is not None and EXTRA in newer
    close_reader(newer)
    close_reader(reader)
    _write(store_path, add=False)
    assert len(_published(store_path)) == 1 and _published(store_path) != first
    assert _quad_count(store_path) == count


def test_kg_serve_moves_to_the_snapshot_a_build_publishes(tmp_path: Path,
                                                          pages: Path) -> None:
    from starlette.testclient import TestClient

    from kg.serve import ServeSettings, create_app

    store_path = tmp_path / "store"
    _build(store_path, pages)
    store = open_store(store_path, read_only=True)
    app = create_app(store, ServeSettings(hosts=("testserver",)),
                     lambda s: newer_snapshot(s, store_path))
    ask = {"query": f"ASK {{ GRAPH ?g {{ <{EXTRA.subject.value}> ?p ?o }} }}"}
    accept = {"accept": "application/sparql-results+json"}
    with TestClient(app) as client:
        assert client.get("/sparql", params=ask, headers=accept).json()["boolean"] is False
        served = snapshot_of(app.state.site.store)
        _write(store_path, add=True)
        assert client.get("/sparql", params=ask, headers=accept).json()["boolean"] is True
        assert served is not None and snapshot_of(app.state.site.store) != served
        _write(store_path, add=False)
        assert not served.exists(), "the snapshot served before was not let go of"


def test_a_store_this_process_writes_for_the_first_time_is_locked_to_its_readers(
        tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    writer = open_store(store_path)
    writer.add(EXTRA)
    with pytest.raises(StoreLockedError, match="first time"):
        open_store(store_path, read_only=True)
    with pytest.raises(StoreLockedError, match="already open for writing in this process"):
        open_store(store_path)
    del writer
    assert _quad_count(store_path) == 1


def test_what_an_interrupted_publication_left_is_ignored_then_removed(tmp_path: Path,
                                                                      pages: Path) -> None:
    store_path = tmp_path / "store"
    _build(store_path, pages)
    count = _quad_count(store_path)
    partial = store_path / SNAPSHOTS / ".2.partial"  # a build killed while publishing
    partial.mkdir()
    (partial / "CURRENT").write_text("MANIFEST-000001\n", encoding="utf-8")
    assert _quad_count(store_path) == count
    _write(store_path, add=True)
    assert not partial.exists()
    assert _published(store_path) == ["00000002"] and _quad_count(store_path) == count + 1


def _killed_build(store_path: Path, pages: Path, at: str, call: int) -> None:
    """Run `kg build` of ``pages`` in a child process and kill -9 it as it is about to call
    kg.build's ``at`` for the ``call``-th time, the work before that done."""
    script = textwrap.dedent(f"""
        import sys
        import kg.build
        from kg.cli import main
        real, calls = kg.build.{at}, [0]
        def stopping(*args, **kwargs):
            calls[0] += 1
            if calls[0] == {call}:
                print("stopped", flush=True)
                sys.stdin.read()  # until killed
            return real(*args, **kwargs)
        kg.build.{at} = stopping
        main(["build", {str(pages)!r}, "--store", {str(store_path)!r}, "--jobs", "1"])
    """)
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=child_env(),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "stopped"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


def _read(store_path: Path) -> set[ox.Quad]:
    with opened_store(store_path, read_only=True) as store:
        return set(store)


def _data(quads: set[ox.Quad]) -> set[ox.Quad]:
    """``quads`` but the build log and the journal, which each build adds to."""
    bookkeeping = {ox.NamedNode(f"{DEFAULT_BASE}graph/builds"), JOURNAL}
    return {quad for quad in quads if quad.graph_name not in bookkeeping}


@pytest.mark.parametrize(("at", "call"), [("replace_graph", 2), ("refresh_derived", 1)])
def test_readers_see_the_last_finished_build_after_one_killed_midway(
        tmp_path: Path, pages: Path, at: str, call: int) -> None:
    later = sorted(pages.iterdir())[3:]
    held = tmp_path / "held"
    held.mkdir()
    for page in later:
        page.rename(held / page.name)
    store_path = tmp_path / "store"
    _build(store_path, pages)
    before = _read(store_path)
    for page in held.iterdir():  # two pages added, one budget changed
        page.rename(pages / page.name)
    changed = pages / "000_cebd6cafa097de25.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("300000.00", "450000.00"),
                       encoding="utf-8")
    # killed with the changed page and the new ones written, the graphs derived from them not
    _killed_build(store_path, pages, at, call)
    assert _read(store_path) == before, "a reader saw a build that did not finish"
    stats = CliRunner().invoke(main, ["stats", "--store", str(store_path)])
    assert stats.exit_code == 0 and "pages: 3\n" in stats.stdout
    assert "unfinished build: " in stats.stdout
    _build(store_path, pages)
    fresh = tmp_path / "fresh"
    _build(fresh, pages)
    assert _data(_read(store_path)) == _data(_read(fresh)), "the next build did not repair it"
    stats = CliRunner().invoke(main, ["stats", "--store", str(store_path)])
    assert "pages: 5\n" in stats.stdout and "unfinished" not in stats.stdout


def test_a_store_whose_first_build_was_killed_is_refused_to_readers(tmp_path: Path,
                                                                    pages: Path) -> None:
    store_path = tmp_path / "store"
    _killed_build(store_path, pages, "refresh_derived", 1)  # every page loaded, nothing derived
    for command in (["stats"], ["validate"], ["query", "run", "budget-by-project-type"]):
        result = CliRunner().invoke(main, [*command, "--store", str(store_path)])
        assert result.exit_code == 3, (command, result.stdout)
        assert "the last build did not finish" in result.stderr
    _build(store_path, pages)
    stats = CliRunner().invoke(main, ["stats", "--store", str(store_path)])
    assert stats.exit_code == 0 and "pages: 5\n" in stats.stdout


def test_a_store_left_empty_by_its_first_writer_is_refused_to_readers(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    writer = _writer(store_path, """
        store = open_store(path)  # as a first build does before its first bulk load
        print("open", flush=True)
        sys.stdin.read()
    """)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
    writer.kill()
    writer.wait()
    result = CliRunner().invoke(main, ["stats", "--store", str(store_path)])
    assert result.exit_code == 3 and "the last build did not finish" in result.stderr


def test_a_store_that_takes_a_dropped_readers_id_is_no_reader(tmp_path: Path,
                                                             pages: Path) -> None:
    store_path = tmp_path / "store"
    with opened_store(store_path) as store:
        from kg.build import build

        build(store, [pages], jobs=1)
    ids = set()
    for _ in range(20):  # readers dropped without close_reader, as a careless caller does
        reader = open_store(store_path, read_only=True)
        assert snapshot_of(reader) is not None
        ids.add(id(reader))
        del reader
    # CPython hands a freed object's address to the next one of its size: a Store made now
    # would often have a dropped reader's id, and pass for a reader of its snapshot
    memories = [ox.Store() for _ in range(20)]
    assert all(snapshot_of(memory) is None for memory in memories)
