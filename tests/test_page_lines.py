"""kg.store.page_lines: the build keeps each page graph's N-Triples lines beside the store, and
exports read them there; they are the lines Oxigraph writes, so exports read from the file are
byte for byte those read from the store, and a missing or damaged entry is read from the store."""

from __future__ import annotations

import io
import itertools
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from store_helpers import plant_lines

import kg.build
import kg.export
import kg.export_runs
import kg.store.graph_lines
from kg.build import build
from kg.export import ExportFormat, export, exported_graphs, write_turtle
from kg.mapping.terms import escape
from kg.namespaces import PREFIXES
from kg.store import close_reader, open_store, opened_store, store_page_lines
from kg.store.journal import JOURNAL, LINES, stored_digests
from kg.store.page_lines import PageLines, lines_digest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"


def _build(store_path: Path, *paths: Path, prune: bool = False) -> None:
    with opened_store(store_path) as store:
        build(store, list(paths), prune=prune, page_lines=store_page_lines(store_path))


def _export(store_path: Path, fmt: ExportFormat, *, cached: bool = True) -> bytes:
    store = open_store(store_path, read_only=True)
    try:
        buffer = io.BytesIO()
        export(store, fmt, buffer, page_lines=store_page_lines(store_path) if cached else None)
        return buffer.getvalue()
    finally:
        close_reader(store)


def _page_graphs(store_path: Path) -> dict[str, str]:
    """Page graph IRI -> digest the journal gives it (every page graph must have one)."""
    store = open_store(store_path, read_only=True)
    try:
        digests = stored_digests(store)
        pages = [g.value for g in exported_graphs(store) if "/page/" in g.value]
        assert pages and set(pages) == set(digests)
        return digests
    finally:
        close_reader(store)


def _sorted(text: bytes | None) -> bytes | None:
    return None if text is None else b"".join(sorted(text.splitlines(keepends=True)))


def _store_lines(store_path: Path, graph: str) -> bytes | None:
    """The graph's lines as Oxigraph writes them, sorted."""
    store = open_store(store_path, read_only=True)
    try:
        return _sorted(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)))
    finally:
        close_reader(store)


@pytest.fixture(scope="module")
def generated_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic pages in every layout the bench generator writes, news among them."""
    from bench.generate import generate

    folder = tmp_path_factory.mktemp("generated") / "pages"
    generate(folder, 300, seed=17)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path],
          fixture_pages_dir: Path, generated_pages: Path) -> Path:
    """A store of the seeds, examples, fixture pages and generated pages."""
    store_path = tmp_path_factory.mktemp("lines") / "store"
    _build(store_path, *seed_paths, EXAMPLES, fixture_pages_dir, generated_pages)
    return store_path


def test_each_page_graph_has_the_lines_oxigraph_writes_for_it(built: Path) -> None:
    kept = PageLines.of_store(built)
    digests = _page_graphs(built)
    assert len(digests) > 300
    for graph, digest in digests.items():
        lines = kept.get(digest)
        assert lines is not None, graph
        assert _sorted(lines) == _store_lines(built, graph), graph


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_export_from_the_page_lines_is_the_export_from_the_store(built: Path,
                                                                 fmt: ExportFormat) -> None:
    assert _export(built, fmt) == _export(built, fmt, cached=False)


def test_export_reads_the_page_lines_file_not_the_store(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    digests = _page_graphs(copy)
    graph, digest = sorted(digests.items())[0]
    marker = b'<urn:x-kg:read-from-the-file> <urn:x-kg:p> "yes" .\n'
    plant_lines(copy, graph, digest, marker)
    assert marker in _export(copy, ExportFormat.NT)
    assert marker not in _export(copy, ExportFormat.NT, cached=False)


def test_damaged_or_missing_lines_are_read_from_the_store(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    expected = _export(copy, ExportFormat.NT, cached=False)
    digests = sorted(_page_graphs(copy).values())
    with sqlite3.connect(copy / "page-lines.sqlite") as db:
        db.execute("UPDATE page_lines SET lines = ? WHERE digest = ?",
                   (b'<urn:x-kg:damaged> <urn:x-kg:p> "no" .\n', digests[0]))
        db.execute("DELETE FROM page_lines WHERE digest = ?", (digests[1],))
    assert _export(copy, ExportFormat.NT) == expected
    (copy / "page-lines.sqlite").write_bytes(b"not a database at all" * 100)
    for leftover in copy.glob("page-lines.sqlite-*"):
        leftover.unlink()
    assert _export(copy, ExportFormat.NT) == expected


def test_a_build_starts_an_unreadable_page_lines_file_afresh_and_fills_it_from_the_store(
        built: Path, tmp_path: Path, seed_paths: list[Path], fixture_pages_dir: Path,
        generated_pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    expected = {fmt: _export(copy, fmt, cached=False) for fmt in (ExportFormat.NT,
                                                                   ExportFormat.TRIG)}
    (copy / "page-lines.sqlite").write_bytes(b"not a database at all" * 100)
    with opened_store(copy) as store:  # the same pages: no page graph is written again
        summary = build(store, [*seed_paths, EXAMPLES, fixture_pages_dir, generated_pages],
                        page_lines=store_page_lines(copy))
    assert summary.unchanged == summary.pages and summary.added == summary.replaced == 0
    assert [issue.severity for _, issue in summary.issues if issue.field == "page-lines"] == [
        "warning"]
    assert PageLines.of_store(copy).digests() == set(_page_graphs(copy).values())

    dumped = kg.store.graph_lines._dumped_all

    def page_graphs_unread(store: ox.Store, graphs: list[ox.NamedNode]) -> Iterator[bytes]:
        assert not [g for g in graphs if "/page/" in g.value], "page graphs read from the store"
        return dumped(store, graphs)
    monkeypatch.setattr(kg.store.graph_lines, "_dumped_all", page_graphs_unread)
    for fmt, text in expected.items():
        assert _export(copy, fmt) == text


def test_a_build_fills_a_removed_page_lines_file_from_the_store(built: Path,
                                                                tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    (copy / "page-lines.sqlite").unlink()
    with opened_store(copy) as store:
        summary = build(store, [EXAMPLES], page_lines=store_page_lines(copy))
    assert not [issue for _, issue in summary.issues if issue.field == "page-lines"]
    assert PageLines.of_store(copy).digests() == set(_page_graphs(copy).values())
    assert _export(copy, ExportFormat.NT) == _export(copy, ExportFormat.NT, cached=False)


def test_a_graph_another_tool_dropped_is_not_exported_from_the_file(built: Path,
                                                                    tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    graph = sorted(_page_graphs(copy))[0]
    with opened_store(copy) as store:  # the graph goes, its digest stays in the journal
        store.update(f"DROP GRAPH <{graph}>")
    del store
    exported = _export(copy, ExportFormat.NT)
    assert exported == _export(copy, ExportFormat.NT, cached=False)
    assert _export(built, ExportFormat.NT) != exported


@pytest.mark.parametrize("spare", [0, 100])
def test_a_replaced_page_gets_new_lines_and_its_old_ones_go_once_they_pile_up(
        tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch,
        spare: int) -> None:
    monkeypatch.setattr(kg.store.graph_lines, "SPARE_LINES_MIN", spare)
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in seed_paths:
        shutil.copy(path, folder / path.name)
    store_path = tmp_path / "store"
    _build(store_path, folder)
    before = _page_graphs(store_path)
    page = next(p for p in sorted(folder.iterdir()) if "news" not in p.name.lower())
    page.write_text(page.read_text(encoding="utf-8").replace("Vanuatu", "Fiji", 1)
                    + "\nA closing sentence added.\n", encoding="utf-8")
    _build(store_path, folder)
    after = _page_graphs(store_path)
    assert len(after) == len(before) and len(set(after.values()) - set(before.values())) == 1
    kept = PageLines.of_store(store_path)
    gone = (set(before.values()) - set(after.values())).pop()
    assert (kept.get(gone) is None) == (spare == 0)
    assert kept.count() == len(after) + (spare > 0)
    for graph, digest in after.items():
        assert _sorted(kept.get(digest)) == _store_lines(store_path, graph)
    assert _export(store_path, ExportFormat.TURTLE) == _export(store_path, ExportFormat.TURTLE,
                                                               cached=False)


def test_a_remapping_build_gives_a_store_from_an_older_kg_its_lines(
        tmp_path: Path, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = tmp_path / "store"
    _build(store_path, *seed_paths)
    with opened_store(store_path) as store:  # as an older kg left it: no digests, no file
        store.update(f"DELETE WHERE {{ GRAPH {JOURNAL} {{ ?g {LINES} ?d }} }}")
    del store
    (store_path / "page-lines.sqlite").unlink()
    monkeypatch.setattr(kg.build, "mapping_version", lambda: "0123456789abcdef")
    _build(store_path, *seed_paths)
    digests = _page_graphs(store_path)
    kept = PageLines.of_store(store_path)
    assert all(_sorted(kept.get(d)) == _store_lines(store_path, g) for g, d in digests.items())


def test_turtle_written_in_runs_by_workers_is_one_serialisation(
        built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ntriples = _export(built, ExportFormat.NT)
    whole = ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES),
                         format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    lines = ntriples.splitlines(keepends=True)
    monkeypatch.setattr(kg.export, "TURTLE_RUN", 150)
    monkeypatch.setattr(kg.export, "usable_cores", lambda: 2)
    assert len(kg.export_runs.subject_runs(lines, 150)) > 10
    output = io.BytesIO()
    write_turtle(lines, output)
    assert output.getvalue() == whole


def test_turtle_runs_are_written_here_when_no_worker_can_start(
        built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _export(built, ExportFormat.NT).splitlines(keepends=True)
    whole = io.BytesIO()
    write_turtle(lines, whole)

    def no_workers(workers: int) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(kg.export, "TURTLE_RUN", 150)
    monkeypatch.setattr(kg.export, "usable_cores", lambda: 2)
    monkeypatch.setattr(kg.export_runs, "worker_pool", no_workers)
    output = io.BytesIO()
    write_turtle(lines, output)
    assert output.getvalue() == whole.getvalue()


def test_runs_end_with_a_subjects_last_line() -> None:
    lines = [b"<a> <p> 1 .\n", b"<a> <q> 2 .\n", b"<ab> <p> 3 .\n", b"<b> <p> 4 .\n",
             b"<b> <q> 5 .\n", b"<b> <r> 6 .\n", b"<c> <p> 7 .\n"]
    for size in (1, 2, 3, 4, len(lines), 10 * len(lines)):
        runs = kg.export_runs.subject_runs(lines, size)
        assert runs[0][0] == 0 and runs[-1][1] == len(lines)
        assert all(end == start for (_, end), (start, _) in itertools.pairwise(runs))
        subjects = [{line.split(b" ")[0] for line in lines[a:b]} for a, b in runs]
        assert all(not (one & two) for one, two in itertools.pairwise(subjects))
    assert len(kg.export_runs.subject_runs(lines, 1)) == 4  # <a>, <ab>, <b>, <c>


@pytest.mark.parametrize("text", [
    'tab\there', 'quote " and \\ backslash', "line\nbreak\rreturn", "bell\x07 del\x7f nul\x00",
    "back\bspace form\ffeed", "unit\x1fseparator", "next line\x85 and\u2028separator", "é ü 中",
])
def test_literals_are_escaped_as_oxigraph_writes_them(text: str) -> None:
    triple = ox.Triple(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal(text))
    written = ox.serialize([triple], format=ox.RdfFormat.N_TRIPLES)
    assert f'<http://a> <http://b> "{escape(text)}" .\n'.encode() == written


def test_page_lines_keep_only_what_is_named(tmp_path: Path) -> None:
    kept = PageLines(tmp_path / "lines.sqlite")
    entries = [(lines_digest(text), text) for text in (b"<a> <b> <c> .\n", b"<d> <e> <f> .\n")]
    kept.put(entries)
    kept.put(entries)  # again: no error, nothing doubled
    assert kept.get(entries[0][0]) == entries[0][1]
    assert kept.keep_only({entries[1][0]}) == 1
    assert kept.get(entries[0][0]) is None and kept.get(entries[1][0]) == entries[1][1]


def test_a_page_s_n_quads_are_its_lines_in_its_graph_and_back() -> None:
    from kg.store.page_lines import page_nquads, page_ntriples

    graph = ox.NamedNode("https://kg.example.org/iom/page/0123456789abcdef")
    project = ox.NamedNode("https://kg.example.org/iom/project/X")
    quads = [
        ox.Quad(project, ox.NamedNode("http://purl.org/dc/terms/title"),
                ox.Literal("Ends with a dot .\nthen a line ."), graph),
        ox.Quad(project, ox.NamedNode("http://purl.org/dc/terms/description"),
                ox.Literal("Bien s\u00fbr . \u00e9t\u00e9", language="fr"), graph),
    ]
    nquads = "".join(f"{quad} .\n" for quad in quads)
    lines = page_ntriples(nquads, str(graph))
    assert [q.triple for q in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)] == [
        q.triple for q in quads]
    back = page_nquads(lines, str(graph))
    assert back == nquads.encode()
    assert list(ox.parse(back, format=ox.RdfFormat.N_QUADS)) == quads
