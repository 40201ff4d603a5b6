"""kg validate after pages moved: the moved graphs keep their cached results.

A move rewrites only a page graph's ``iom:sourcePath`` and the journal says so (j:moved), so
the next validation re-runs on the moved pages only the checks that read a path, looks up
again the path each report line names, and gives byte for byte the report of a full
validation without a cache. A page that moved *and* changed is a new graph: it is checked
again whole. Shapes that read a path some other way make a move validate afresh, but for
SPARQL rules that read other nodes, which run over the whole store every time anyway.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from test_validate_incremental import IOM, _page, _texts, assert_incremental_is_full, corpus

import kg.validate.incremental as incremental
from kg.build import build
from kg.store import opened_store
from kg.store.journal import latest_change, moved_since, start_change
from kg.validate import format_text
from kg.validate.cache import cache_path
from kg.validate.model import ValidationReport
from kg.validate.moves import path_checks
from kg.validate.shape_model import ShapeModel, compile_shapes
from kg.validate_store import validate_store

__all__ = ["corpus"]  # the fixture, used by the tests below

SHAPES = Path(__file__).resolve().parents[1] / "shapes"
ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"


@dataclass
class Rechecked:
    """What a validation re-checked: nodes checked whole, and nodes whose path was."""

    whole: set[str] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)
    path_checks: set[str] = field(default_factory=set)
    full: bool = False


@contextmanager
def _spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Rechecked]:
    seen = Rechecked()
    rerun, full_run = incremental._rerun, incremental.full_run
    recheck = incremental.recheck_paths

    def spy_rerun(store: ox.Store, model: object, nodes: set[str], *args: object,
                  **kwargs: object) -> object:
        seen.whole |= nodes
        return rerun(store, model, nodes, *args, **kwargs)  # type: ignore[arg-type]

    def spy_recheck(store: ox.Store, model: object, nodes: set[str], keys: set[str],
                    *args: object, **kwargs: object) -> object:
        seen.paths |= set(nodes)
        seen.path_checks |= keys
        return recheck(store, model, nodes, keys, *args, **kwargs)  # type: ignore[arg-type]

    def spy_full(*args: object, **kwargs: object) -> object:
        seen.full = True
        return full_run(*args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(incremental, "_rerun", spy_rerun)
        patch.setattr(incremental, "recheck_paths", spy_recheck)
        patch.setattr(incremental, "full_run", spy_full)
        yield seen


def _subjects(store_path: Path, graphs: set[str]) -> set[str]:
    with opened_store(store_path, read_only=True) as store:
        return {q.subject.value for g in graphs
                for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))
                if isinstance(q.subject, ox.NamedNode)}


def _page_graphs(store_path: Path) -> dict[str, str]:
    """Each page graph by its path."""
    with opened_store(store_path, read_only=True) as store:
        rows = store.query(f"SELECT ?g ?p WHERE {{ GRAPH ?g {{ ?g <{IOM}sourcePath> ?p }} }}")
        return {row["p"].value: row["g"].value for row in rows}  # type: ignore[index]


def _plant_violations(corpus: Path) -> None:
    """Values the parser keeps and the shapes reject, in one project page (a negative budget)
    and one unlabeled page (a start after its end)."""
    first = _page(corpus, "000")
    first.write_text(first.read_text(encoding="utf-8").replace(
        "Budget Amount (USD)\n", "Budget Amount (USD)\n-", 1), encoding="utf-8")
    pacific = _page(corpus, "pacific")
    pacific.write_text(pacific.read_text(encoding="utf-8").replace("2023\n2025", "2026\n2025"),
                       encoding="utf-8")


def _build_from(folder: str, store_path: Path) -> int:
    with opened_store(store_path) as store:
        return build(store, [folder], prune=True, jobs=1).moved


def _full_without_cache(store_path: Path) -> tuple[str, str, str]:
    """The reports of a full validation of a copy of the store that has no cache."""
    copy = store_path.with_name(store_path.name + "-copy")
    shutil.copytree(store_path, copy)
    texts = _texts(validate_store(str(copy)))
    assert cache_path(str(copy)).exists()
    return texts


def _validated(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
               ) -> tuple[Path, ValidationReport]:
    """The pages, with violations planted, built into ``tmp_path/store`` from ``tmp_path``
    (the working directory) and validated once, so that a cache exists."""
    monkeypatch.chdir(tmp_path)
    _plant_violations(corpus)
    store_path = tmp_path / "store"
    _build_from("pages", store_path)
    return store_path, validate_store(str(store_path))


def test_a_moved_folder_keeps_its_results_and_names_the_new_paths(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path, before = _validated(corpus, tmp_path, monkeypatch)
    assert {r.source_path for r in before.results if r.severity == "violation"} >= {
        f"pages/{_page(corpus, '000').name}", f"pages/{_page(corpus, 'pacific').name}"}
    graphs = set(_page_graphs(store_path).values())

    Path("pages").rename("moved")
    assert _build_from("moved", store_path) == len(graphs)
    assert set(_page_graphs(store_path).values()) == graphs  # every graph moved, none parsed
    with _spy(monkeypatch) as seen:
        report = assert_incremental_is_full(store_path, monkeypatch)  # refuses a full run
    assert not seen.whole & _subjects(store_path, graphs), "a moved graph was checked again"
    assert seen.paths == graphs  # each page node: only the checks that read its path
    assert seen.path_checks and all("sourcePath" in key for key in seen.path_checks)
    assert _texts(report) == _full_without_cache(store_path)
    assert _texts(validate_store(str(store_path))) == _texts(report)  # the saved cache too
    text = format_text(report)
    assert "moved/000_" in text and "moved/pacific_" in text and "pages/" not in text
    assert validate_store(str(store_path), engine="pyshacl").results == report.results


def test_a_page_moved_and_changed_is_checked_again_a_page_only_moved_is_not(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path, _ = _validated(corpus, tmp_path, monkeypatch)
    old = _page_graphs(store_path)

    only_moved = _page(corpus, "pacific")
    only_moved.rename(corpus / "renamed_pacific.txt")
    changed = _page(corpus, "000")
    changed.write_text(changed.read_text(encoding="utf-8").replace("-300000", "-300001", 1),
                       encoding="utf-8")
    changed.rename(corpus / "renamed_000.txt")
    assert _build_from("pages", store_path) == 1  # the changed page is parsed, not moved
    new = _page_graphs(store_path)
    moved_graph = old[f"pages/{only_moved.name}"]
    assert new["pages/renamed_pacific.txt"] == moved_graph
    replacing = new["pages/renamed_000.txt"]
    assert replacing not in old.values()

    with _spy(monkeypatch) as seen:
        report = assert_incremental_is_full(store_path, monkeypatch)  # refuses a full run
    assert _subjects(store_path, {replacing}) <= seen.whole  # the changed page: every node
    assert not seen.whole & _subjects(store_path, {moved_graph})
    assert seen.paths == {moved_graph}
    assert _texts(report) == _full_without_cache(store_path)
    text = format_text(report)
    assert "pages/renamed_pacific.txt" in text and "pages/renamed_000.txt" in text
    assert f"pages/{only_moved.name}" not in text and f"pages/{changed.name}" not in text


def test_a_page_moved_onto_the_path_of_a_page_that_is_gone(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path, _ = _validated(corpus, tmp_path, monkeypatch)
    old = _page_graphs(store_path)
    gone, moving = _page(corpus, "000"), _page(corpus, "pacific")
    gone.unlink()
    moving.rename(gone)
    assert _build_from("pages", store_path) == 1
    new = _page_graphs(store_path)
    moved_graph = old[f"pages/{moving.name}"]
    assert new[f"pages/{gone.name}"] == moved_graph  # the gone page's graph was dropped
    assert old[f"pages/{gone.name}"] not in new.values()
    with _spy(monkeypatch) as seen:
        report = assert_incremental_is_full(store_path, monkeypatch)
    assert seen.paths == {moved_graph}
    assert not seen.whole & _subjects(store_path, {moved_graph})
    assert _texts(report) == _full_without_cache(store_path)
    assert {r.source_path for r in report.results if r.severity == "violation"} == {
        f"pages/{gone.name}"}


def test_a_moved_graph_written_again_by_another_tool_is_checked_again_whole(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store_path = tmp_path / "store"
    _build_from("pages", store_path)
    validate_store(str(store_path))
    with opened_store(store_path, read_only=True) as store:
        mark = latest_change(store)  # the change the cache names
    assert mark is not None
    page = _page(corpus, "pacific")
    page.rename(corpus / "renamed_pacific.txt")
    _build_from("pages", store_path)
    graph = _page_graphs(store_path)["pages/renamed_pacific.txt"]
    project = f"<{IOM.replace('ontology#', 'project/')}added>"
    with opened_store(store_path) as store:  # a project with no title, in the moved graph
        assert moved_since(store, mark, {graph}) == {graph}
        store.load(f"{project} a <{IOM}Project> .".encode(), format=ox.RdfFormat.TURTLE,
                   to_graph=ox.NamedNode(graph))
        start_change(store).record(store, [ox.NamedNode(graph)])
        assert moved_since(store, mark, {graph}) == set()  # moved, then written otherwise
    with _spy(monkeypatch) as seen:
        report = assert_incremental_is_full(store_path, monkeypatch)
    assert project[1:-1] in seen.whole and graph in seen.whole
    assert any(r.focus == project[1:-1] for r in report.results)
    assert _texts(report) == _full_without_cache(store_path)


NESTED_PATH_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix iom: <https://kg.example.org/iom/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<urn:test:from-pages> a sh:NodeShape ; sh:targetClass iom:Project ;
    sh:property [ sh:path prov:wasDerivedFrom ; sh:node <urn:test:under-pages> ;
                  sh:severity sh:Warning ; sh:message "read from the pages folder" ] .
<urn:test:under-pages> a sh:NodeShape ;
    sh:property [ sh:path iom:sourcePath ; sh:pattern "^pages/" ] .
"""


def _built_with_extra_shape(shape: str, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> Path:
    """The store of tmp_path's pages folder, validated with the shapes and ``shape`` beside
    them (a KG_HOME of their own); the working directory is tmp_path."""
    home = tmp_path / "home"
    shutil.copytree(SHAPES, home / "shapes")
    shutil.copytree(ONTOLOGY, home / "ontology")
    (home / "shapes" / "from-pages.ttl").write_text(shape, encoding="utf-8")
    monkeypatch.setenv("KG_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    store_path = tmp_path / "store"
    _build_from("pages", store_path)
    return store_path


def test_shapes_reading_the_path_of_another_node_make_a_move_validate_afresh(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = _built_with_extra_shape(NESTED_PATH_SHAPE, tmp_path, monkeypatch)
    assert not any("read from the pages folder" in r.message
                   for r in validate_store(str(store_path)).results)
    Path("pages").rename("moved")
    _build_from("moved", store_path)
    with _spy(monkeypatch) as seen:
        report = validate_store(str(store_path))
    assert seen.full  # a project's verdict depends on its page's path
    assert any("read from the pages folder" in r.message for r in report.results)
    assert _texts(report) == _texts(validate_store(str(store_path), full=True))


SPARQL_PATH_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix iom: <https://kg.example.org/iom/ontology#> .
<urn:test:from-pages-sparql> a sh:NodeShape ; sh:targetClass iom:Project ;
    sh:severity sh:Warning ;
    sh:sparql [ sh:message "read from the pages folder" ; sh:select \"\"\"
        SELECT $this WHERE {
            $this <http://www.w3.org/ns/prov#wasDerivedFrom> ?page .
            ?page <https://kg.example.org/iom/ontology#sourcePath> ?path .
            FILTER (STRSTARTS(?path, "pages/")) }\"\"\" ] .
"""


def test_sparql_reading_the_path_of_another_node_runs_whole_and_keeps_the_cache(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = _built_with_extra_shape(SPARQL_PATH_SHAPE, tmp_path, monkeypatch)
    assert any("read from the pages folder" in r.message
               for r in validate_store(str(store_path)).results)
    graphs = set(_page_graphs(store_path).values())
    Path("pages").rename("moved")
    _build_from("moved", store_path)
    with _spy(monkeypatch) as seen:
        report = assert_incremental_is_full(store_path, monkeypatch)  # refuses a full run
    assert not seen.whole & _subjects(store_path, graphs), "a moved graph was checked again"
    assert seen.paths == graphs
    assert not any("read from the pages folder" in r.message for r in report.results)
    assert _texts(report) == _full_without_cache(store_path)


PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix iom: <https://kg.example.org/iom/ontology#> .
<urn:test:page> a sh:NodeShape ; sh:targetClass iom:SourcePage ;
"""


def _model(turtle: str) -> ShapeModel:
    return compile_shapes(Graph().parse(data=PREFIXES + turtle, format="turtle"))


def _sparql(query: str) -> str:
    return ('sh:sparql [ a sh:SPARQLConstraint ; sh:prefixes [ sh:declare [ sh:prefix "iom" ; '
            'sh:namespace "https://kg.example.org/iom/ontology#"^^'
            '<http://www.w3.org/2001/XMLSchema#anyURI> ] ] ; '
            f'sh:select """{query}""" ] .')


def test_which_checks_read_the_path_of_their_own_focus_node() -> None:
    shapes = Graph()
    for path in sorted(SHAPES.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    keys = path_checks(compile_shapes(shapes))
    assert keys and all(key.split("|")[0].endswith(
        ("SourcePage-sourcePath-count", "SourcePage-sourcePath-string")) for key in keys)

    own = _model("sh:property [ sh:path iom:sourcePath ; sh:maxLength 200 ] .")
    assert len(path_checks(own) or ()) == 1
    backwards = _model("sh:property [ sh:path [ sh:inversePath iom:sourcePath ] ; "
                       "sh:maxCount 1 ] .")
    assert path_checks(backwards) is None
    this_only = _model(_sparql("SELECT $this WHERE { $this ?p ?o FILTER(isLiteral(?o)) }"))
    assert len(path_checks(this_only) or ()) == 1
    other = _model(_sparql("SELECT $this WHERE { $this iom:sourcePath ?p . "
                           "?other iom:sourcePath ?p FILTER(?other != $this) }"))
    assert path_checks(other) == set()  # it reads another node: it runs whole every time
    unrelated = _model(_sparql("SELECT $this WHERE { $this iom:sha256 ?s . "
                               "FILTER NOT EXISTS { ?x iom:sha256 ?s } }"))
    assert path_checks(unrelated) == set()


def test_a_move_leaves_the_cache_a_full_validation_would_write(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path, _ = _validated(corpus, tmp_path, monkeypatch)
    Path("pages").rename("moved")
    _build_from("moved", store_path)
    validate_store(str(store_path))
    kept = json.loads(cache_path(str(store_path)).read_text(encoding="utf-8"))
    validate_store(str(store_path), full=True)
    fresh = json.loads(cache_path(str(store_path)).read_text(encoding="utf-8"))
    assert kept["graphs"] == fresh["graphs"]
    assert sorted(map(json.dumps, kept["results"])) == sorted(map(json.dumps, fresh["results"]))
