"""kg.store.page_moves: pages found under another path keep their graphs, rewritten in place,
and the store is the one a fresh build of the pages where they are now would make."""

from __future__ import annotations

import io
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest
from store_helpers import child_env

import kg.build
from kg.build import BuildSummary, build
from kg.export import ExportFormat, export
from kg.namespaces import DEFAULT_BASE
from kg.sources import PageFile
from kg.store import close_reader, open_store, opened_store, store_page_lines
from kg.store.graphs import existing_pages
from kg.store.journal import JOURNAL, LINES
from kg.store.page_lines import PageLines
from kg.store.page_moves import PageMove, moved_lines, path_line

BUILDS = ox.NamedNode(f"{DEFAULT_BASE}graph/builds")


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files each build gives the parser (recorded, then parsed as usual)."""
    seen: list[str] = []
    real = kg.build.map_page_files

    def recording(map_one, files: Iterable[PageFile], **options):  # type: ignore[no-untyped-def]
        files = list(files)
        seen.extend(Path(file.path).name for file in files)
        return real(map_one, files, **options)

    monkeypatch.setattr(kg.build, "map_page_files", recording)
    return seen


def _build(store_path: Path, *paths: Path | str, prune: bool = False) -> BuildSummary:
    with opened_store(store_path) as store:
        return build(store, list(paths), prune=prune, page_lines=store_page_lines(store_path),
                     jobs=1)


def _state(store_path: Path) -> tuple[set[ox.Quad], set[tuple[str, str]], bytes]:
    """What a build leaves that does not depend on when it ran: the quads but the build log
    and the journal's changes, each graph's lines digest, and the Turtle export read through
    the page-lines file."""
    store = open_store(store_path, read_only=True)
    try:
        quads = {q for q in store.quads_for_pattern(None, None, None)
                 if q.graph_name not in (BUILDS, JOURNAL)}
        digests = {(q.subject.value, q.object.value)
                   for q in store.quads_for_pattern(None, LINES, None, JOURNAL)}
        buffer = io.BytesIO()
        export(store, ExportFormat.TURTLE, buffer, page_lines=store_page_lines(store_path))
        return quads, digests, buffer.getvalue()
    finally:
        close_reader(store)


def _fresh(tmp_path: Path, *paths: str) -> tuple[set[ox.Quad], set[tuple[str, str]], bytes]:
    """The state a first build of ``paths`` makes, from the working directory."""
    store_path = tmp_path / "fresh-store"
    shutil.rmtree(store_path, ignore_errors=True)
    _build(store_path, *paths)
    return _state(store_path)


def _lines_match_the_store(store_path: Path, *, itself: bool = False) -> None:
    """Every digest the journal gives a graph names lines equal to the graph's triples, in
    what readers see (``itself``: in the store, as a writer sees it)."""
    kept = PageLines.of_store(store_path)
    store = open_store(store_path, read_only=not itself)
    try:
        for quad in store.quads_for_pattern(None, LINES, None, JOURNAL):
            lines = kept.get(quad.object.value)
            assert lines is not None, quad.subject
            dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=quad.subject)
            assert sorted(lines.splitlines()) == sorted(dumped.splitlines()), quad.subject
    finally:
        close_reader(store)


def _assert_as_built_afresh(store_path: Path, workdir: Path, *paths: str) -> None:
    """The store's lines match its graphs, and it holds what a first build of ``paths`` makes."""
    _lines_match_the_store(store_path)
    assert _state(store_path) == _fresh(workdir, *paths)


def _stored_paths(store_path: Path, *, itself: bool = False) -> set[str]:
    """The paths of the page graphs readers see (``itself``: the store, as a writer sees it)."""
    store = open_store(store_path, read_only=not itself)
    try:
        return set(existing_pages(store))
    finally:
        close_reader(store)


@pytest.fixture
def workdir(tmp_path: Path, pages: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the working directory, holding the seed pages in ``pages/``."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_moved_folder_is_rewritten_in_place_without_parsing(workdir: Path,
                                                               parsed: list[str]) -> None:
    store = workdir / "store"
    _build(store, "pages")
    assert len(parsed) == 5
    Path("pages").rename("moved pages")
    parsed.clear()
    summary = _build(store, "moved pages", prune=True)
    assert parsed == []
    assert (summary.moved, summary.added, summary.replaced, summary.pruned) == (5, 0, 0, 0)
    assert (summary.pages, summary.projects, summary.news) == (5, 4, 1)
    assert all(path.startswith("moved pages/") for path in _stored_paths(store))
    _assert_as_built_afresh(store, workdir, "moved pages")


def test_a_build_from_another_working_directory_moves_the_pages(
        workdir: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    store = workdir / "store"
    _build(store, "pages")
    monkeypatch.chdir(workdir / "pages")
    parsed.clear()
    summary = _build(store, ".")
    assert parsed == [] and summary.moved == 5
    _assert_as_built_afresh(store, workdir, ".")


def test_a_page_moved_onto_a_deleted_pages_path_takes_its_place(workdir: Path,
                                                                parsed: list[str]) -> None:
    store = workdir / "store"
    _build(store, "pages")
    first, second = sorted(Path("pages").iterdir())[:2]
    first.unlink()
    second.rename(first)
    parsed.clear()
    summary = _build(store, "pages")
    assert parsed == [] and (summary.moved, summary.pages) == (1, 4)
    _assert_as_built_afresh(store, workdir, "pages")


def test_a_text_page_renamed_to_an_html_name_is_read_again(workdir: Path,
                                                           parsed: list[str]) -> None:
    store = workdir / "store"
    _build(store, "pages")
    text = sorted(Path("pages").glob("*.txt"))[0]
    html = text.rename(text.with_suffix(".html"))  # read as HTML now, whatever its bytes
    parsed.clear()
    summary = _build(store, "pages", prune=True)
    assert parsed == [html.name] and summary.moved == 0
    # The plain-text scrape read as HTML is one paragraph without fields: not a page, and the
    # graph read from it as text goes with its old path.
    assert [error.path for error in summary.errors] == [html.as_posix()]
    assert (summary.pages, summary.pruned) == (4, 1)
    _assert_as_built_afresh(store, workdir, "pages")


def test_swapped_pages_swap_paths(workdir: Path, parsed: list[str]) -> None:
    store = workdir / "store"
    _build(store, "pages")
    first, second = sorted(Path("pages").iterdir())[:2]
    first_bytes = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(first_bytes)
    parsed.clear()
    summary = _build(store, "pages")
    assert parsed == [] and (summary.moved, summary.unchanged) == (2, 3)
    _assert_as_built_afresh(store, workdir, "pages")


def test_a_new_page_at_a_moved_pages_old_path_gets_a_graph_of_its_own(
        workdir: Path, parsed: list[str]) -> None:
    store = workdir / "store"
    _build(store, "pages")
    old = sorted(Path("pages").iterdir())[0]
    text = old.read_text(encoding="utf-8")
    old.rename(Path("pages") / "renamed.txt")
    old.write_text(text + "\nThe page was revised after a mid-term review.\n", encoding="utf-8")
    parsed.clear()
    summary = _build(store, "pages")
    assert parsed == [old.name]
    assert (summary.moved, summary.added, summary.replaced, summary.unchanged) == (1, 1, 0, 4)
    _assert_as_built_afresh(store, workdir, "pages")


def test_a_copy_beside_its_original_is_loaded_once(workdir: Path, parsed: list[str]) -> None:
    store = workdir / "store"
    _build(store, "pages")
    original = sorted(Path("pages").iterdir())[0]
    shutil.copy(original, Path("pages") / "zz-copy.txt")
    parsed.clear()
    summary = _build(store, "pages")
    assert summary.moved == 0 and summary.unchanged == 5
    assert [issue.message for path, issue in summary.issues
            if path == "pages/zz-copy.txt"] == [f"same content as {original.as_posix()}; "
                                                "loaded once"]
    assert "pages/zz-copy.txt" not in _stored_paths(store)


def test_a_copy_at_an_earlier_path_takes_the_page_as_a_first_build_would(
        workdir: Path, parsed: list[str]) -> None:
    store = workdir / "store"
    _build(store, "pages")
    original = sorted(Path("pages").iterdir())[-1]
    copy = Path("pages") / "000-copy.txt"  # first in the order pages are read
    shutil.copy(original, copy)
    parsed.clear()
    summary = _build(store, "pages")
    assert (summary.moved, summary.unchanged, summary.added) == (1, 4, 0)
    assert parsed == [original.name]  # parsed only to be reported
    assert [(path, issue.message) for path, issue in summary.issues] == [
        (original.as_posix(), f"same content as {copy.as_posix()}; loaded once")]
    assert copy.as_posix() in _stored_paths(store)
    _assert_as_built_afresh(store, workdir, "pages")
    again = _build(store, "pages")
    assert (again.moved, again.unchanged) == (0, 5)


def test_moved_lines_replace_exactly_the_path_line() -> None:
    graph = ox.NamedNode(f"{DEFAULT_BASE}page/0123456789abcdef")
    move = PageMove(graph, 'old "dir"/a.txt', "new/a.txt")
    quoting = ox.Literal(path_line(graph, move.old_path).decode())  # the line, in a literal
    lines = (f"{graph} <http://purl.org/dc/terms/title> {quoting} .\n".encode()
             + path_line(graph, move.old_path) + b"<a> <b> <c> .\n")
    moved = moved_lines(lines, move)
    assert moved is not None
    assert moved.splitlines(keepends=True) == [
        lines.splitlines(keepends=True)[0], path_line(graph, "new/a.txt"), b"<a> <b> <c> .\n"]
    assert moved_lines(b"<a> <b> <c> .\n", move) is None


def test_a_move_killed_midway_leaves_each_page_whole_at_one_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench.generate import generate

    monkeypatch.chdir(tmp_path)
    generate(tmp_path / "pages", 600, seed=5)
    store = tmp_path / "store"
    _build(store, "pages")
    Path("pages").rename("moved")
    script = (
        "import time\n"
        "import kg.store.page_moves as m\n"
        "from kg.build import build\n"
        "from kg.store import open_store, store_page_lines\n"
        "m.MOVES_PER_TRANSACTION = 20\n"
        "real, calls = m._moved_entries, [0]\n"
        "def counting(*args):\n"
        "    calls[0] += 1\n"
        "    if calls[0] == 10:\n"
        "        print('midway', flush=True)\n"
        "    if calls[0] > 10:\n"
        "        time.sleep(0.2)  # the kill lands among the moves, even on a busy machine\n"
        "    return real(*args)\n"
        "m._moved_entries = counting\n"
        "build(open_store('store'), ['moved'], jobs=1, page_lines=store_page_lines('store'))\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             env=child_env())
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "midway"
    child.send_signal(signal.SIGKILL)
    child.wait()
    paths = _stored_paths(store, itself=True)
    assert len(paths) == 600, "a page graph lost or given two paths"
    assert {path.split("/")[0] for path in paths} == {"pages", "moved"}
    _lines_match_the_store(store, itself=True)
    assert {path.split("/")[0] for path in _stored_paths(store)} == {"pages"}, (
        "readers saw a build that did not finish")
    again = _build(store, "moved")
    assert again.moved + again.unchanged == 600 and again.added == again.replaced == 0
    assert _state(store) == _fresh(tmp_path, "moved")
