"""kg.validate_store: the cached, incremental validation gives the report of a full one.

A store is built from the seed and example pages and validated (the cache is written), then
pages are changed, added and removed and the store rebuilt; the next validation re-checks
only what changed, and its text, JSON and Turtle reports must be byte-identical to a full
validation of the same store (and to pyshacl's).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

import kg.validate.incremental as incremental
from kg.build import build
from kg.store import opened_store
from kg.store.journal import start_change
from kg.validate import (
    ValidationReport,
    format_json,
    format_text,
    format_turtle,
    validate_graph,
)
from kg.validate.cache import cache_path
from kg.validate_store import validate_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"
B = "https://kg.example.org/iom/"
IOM = "https://kg.example.org/iom/ontology#"


@pytest.fixture()
def corpus(pages: Path) -> Path:
    """The seed pages and the example pages, in a folder a test may change."""
    for path in sorted(EXAMPLES.iterdir()):
        shutil.copy(path, pages / path.name)
    return pages


def _build(corpus: Path, store_path: Path) -> None:
    with opened_store(store_path) as store:
        build(store, [corpus], prune=True, jobs=1)


def _texts(report: ValidationReport) -> tuple[str, str, str]:
    return format_text(report), format_json(report), format_turtle(report)


def _without_full_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse a full run, and a listing of every graph (the journal says what changed)."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cache was not used")
    listing = incremental.graph_paths

    def only_journaled(store: ox.Store, graphs: set[str] | None = None) -> dict[str, list[str]]:
        if graphs is None:
            raise AssertionError("every graph was listed: the journal was not used")
        return listing(store, graphs)
    monkeypatch.setattr(incremental, "full_run", refuse)
    monkeypatch.setattr(incremental, "graph_paths", only_journaled)


@contextmanager
def _listings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[set[str] | None]]:
    """Refuse a full run; record the graphs each listing asked for (None: every graph)."""
    listed: list[set[str] | None] = []
    listing = incremental.graph_paths

    def spy(store: ox.Store, graphs: set[str] | None = None) -> dict[str, list[str]]:
        listed.append(graphs)
        return listing(store, graphs)
    with monkeypatch.context() as patch:
        _without_full_runs(patch)
        patch.setattr(incremental, "graph_paths", spy)
        yield listed


def assert_incremental_is_full(store_path: Path, monkeypatch: pytest.MonkeyPatch
                               ) -> ValidationReport:
    """Validate from the cache (no full run allowed), then fully: identical reports."""
    with monkeypatch.context() as patch:
        _without_full_runs(patch)
        cached = validate_store(str(store_path))
    saved = json.loads(cache_path(str(store_path)).read_text(encoding="utf-8"))
    full = validate_store(str(store_path), full=True)
    assert _texts(cached) == _texts(full)
    fresh = json.loads(cache_path(str(store_path)).read_text(encoding="utf-8"))
    assert set(saved["shared"]) >= set(fresh["shared"])  # kept, never forgotten: safe
    assert saved["graphs"] == fresh["graphs"] and len(saved["results"]) == len(fresh["results"])
    cache_path(str(store_path)).write_text(json.dumps(saved), encoding="utf-8")
    return full


def _own_shapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shapes and the ontology that kg reads from now on ($KG_HOME)."""
    home = tmp_path / "home"
    shutil.copytree(Path(__file__).resolve().parents[1] / "shapes", home / "shapes")
    shutil.copytree(Path(__file__).resolve().parents[1] / "ontology", home / "ontology")
    monkeypatch.setenv("KG_HOME", str(home))
    return home


def _page(corpus: Path, name: str) -> Path:
    return next(p for p in sorted(corpus.iterdir()) if p.name.startswith(name))


def test_incremental_report_equals_full_after_changing_adding_and_removing_pages(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = tmp_path / "store"
    _build(corpus, store_path)
    first = validate_store(str(store_path))
    assert cache_path(str(store_path)).exists()

    changed = _page(corpus, "000")
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("Project Status", "Project Stat"), encoding="utf-8")
    added = corpus / "100_copy.txt"
    added.write_text(_page(corpus, "001").read_text(encoding="utf-8")
                     .replace("Prima ID\n", "Prima ID\nXX", 1), encoding="utf-8")
    _page(corpus, "004").unlink()  # the seed news article: the links graph changes too
    _page(corpus, "pacific").unlink()
    _build(corpus, store_path)

    report = assert_incremental_is_full(store_path, monkeypatch)
    assert report.results != first.results
    assert validate_store(str(store_path), engine="pyshacl").results == report.results


def test_a_store_built_again_from_scratch_is_listed_whole_not_read_from_its_journal(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = tmp_path / "store"
    _build(corpus, store_path)
    validate_store(str(store_path))  # the cache names this store's last journal change
    shutil.rmtree(store_path)
    _page(corpus, "pacific").unlink()
    _build(corpus, store_path)  # a new journal, whose first change has the same number
    with _listings(monkeypatch) as listed:
        cached = validate_store(str(store_path))
    assert None in listed
    assert _texts(cached) == _texts(validate_store(str(store_path), full=True))


def test_a_graph_added_or_dropped_by_another_tool_is_noticed_without_the_journal(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path, state = _validated_store(corpus, tmp_path)
    other = B + "page/" + "e" * 16
    for change in ("add", "drop"):
        if change == "add":
            _label_elsewhere(store_path, other, state, journaled=False)
        else:
            _remove_graph(store_path, other, journaled=False)
        with _listings(monkeypatch) as listed:
            cached = validate_store(str(store_path))
        assert None in listed, "the count of graphs should have told the journal missed one"
        assert _texts(cached) == _texts(validate_store(str(store_path), full=True))
        assert any(r.focus == state for r in cached.results) == (change == "add")


def test_unchanged_store_is_reported_from_the_cache(corpus: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = tmp_path / "store"
    _build(corpus, store_path)
    validate_store(str(store_path))
    assert_incremental_is_full(store_path, monkeypatch)


def test_moved_page_is_reported_under_its_new_path(corpus: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = tmp_path / "store"
    page = _page(corpus, "pacific")
    page.write_text(page.read_text(encoding="utf-8").replace("2023\n2025", "2026\n2025"),
                    encoding="utf-8")  # a start after the end, which the shapes reject
    _build(corpus, store_path)
    before = validate_store(str(store_path))
    assert {r.source_path for r in before.results if r.severity == "violation"} == {str(page)}

    moved = corpus / "kiribati_tuvalu_climate_mobility.txt"
    page.rename(moved)
    _build(corpus, store_path)  # the same bytes at a new path: the graph is rewritten in place
    after = assert_incremental_is_full(store_path, monkeypatch)
    assert {r.source_path for r in after.results if r.severity == "violation"} == {str(moved)}
    assert str(page) not in format_text(validate_store(str(store_path)))


def _first_member_state(store_path: Path) -> str:
    with opened_store(store_path, read_only=True) as store:
        rows = store.query(f"SELECT ?m WHERE {{ ?m a <{IOM}MemberState> }} ORDER BY ?m LIMIT 1",
                           use_default_graph_as_union=True)
        return str(next(iter(rows))["m"].value)  # type: ignore[index,union-attr]


def _add_graph(store_path: Path, graph: str, turtle: str, *, journaled: bool = True) -> None:
    """Write a graph as another tool would, recording the change in the journal unless not
    ``journaled`` (as `oxigraph load` would)."""
    with opened_store(store_path) as store:
        store.load(turtle.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
        if journaled:
            start_change(store).record(store, [ox.NamedNode(graph)])


def _remove_graph(store_path: Path, graph: str, *, journaled: bool = True) -> None:
    with opened_store(store_path) as store:
        store.remove_graph(ox.NamedNode(graph))
        if journaled:
            start_change(store).record(store, [ox.NamedNode(graph)])


PREFIXES = f"@prefix iom: <{IOM}> . @prefix dcterms: <http://purl.org/dc/terms/> . "


def _validated_store(corpus: Path, tmp_path: Path) -> tuple[Path, str]:
    """A store built from the corpus and validated (its cache written), and its first member
    state."""
    store_path = tmp_path / "store"
    _build(corpus, store_path)
    validate_store(str(store_path))
    return store_path, _first_member_state(store_path)


def _label_elsewhere(store_path: Path, graph: str, state: str, *, journaled: bool = True
                     ) -> None:
    """Add a page graph that names ``state`` with another English label."""
    _add_graph(store_path, graph, PREFIXES + f'<{state}> a iom:MemberState ; '
               '<http://www.w3.org/2000/01/rdf-schema#label> "Elsewhere"@en .',
               journaled=journaled)


def test_member_state_described_differently_by_another_page_is_checked_again(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path, state = _validated_store(corpus, tmp_path)
    other = B + "page/" + "f" * 16
    _label_elsewhere(store_path, other, state)
    report = assert_incremental_is_full(store_path, monkeypatch)
    assert any(r.focus == state and r.shape == "iomsh:MemberState-label-language"
               for r in report.results)

    _remove_graph(store_path, other)  # the page goes: the member state conforms again
    report = assert_incremental_is_full(store_path, monkeypatch)
    assert not any(r.focus == state for r in report.results)


def _first_quad(store_path: Path, predicate: str, graph: str) -> ox.Quad:
    with opened_store(store_path, read_only=True) as store:
        return min(store.quads_for_pattern(None, ox.NamedNode(predicate), None,
                                           ox.NamedNode(graph)), key=str)


def _journaled(store_path: Path, quad: ox.Quad, *, add: bool) -> None:
    """Add or remove one quad as another tool would, recording its graph in the journal."""
    with opened_store(store_path) as store:
        if add:
            store.add(quad)
        else:
            store.remove(quad)
        start_change(store).record(store, [quad.graph_name])  # type: ignore[list-item]


def test_observation_losing_a_dimension_is_found_and_cleared_from_the_cache(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path, _ = _validated_store(corpus, tmp_path)
    year = _first_quad(store_path, f"{IOM}refYear", B + "graph/statistics")
    _journaled(store_path, year, add=False)
    report = assert_incremental_is_full(store_path, monkeypatch)
    assert [(r.focus, r.path) for r in report.results
            if r.shape == "iomsh:ObservationDimensionsShape"] == [(year.subject.value,
                                                                   "iom:refYear")]
    assert report.results == validate_store(str(store_path), engine="pyshacl").results

    _journaled(store_path, year, add=True)
    report = assert_incremental_is_full(store_path, monkeypatch)
    assert not any(r.shape == "iomsh:ObservationDimensionsShape" for r in report.results)


FIJI_PROJECT = B + "project/FJ10P0514"  # seed 001: Prima ID FJ10P0514, Projects ID PX.0220


def _same_id(report: ValidationReport) -> set[tuple[str, str]]:
    """(focus, constraint) of the results of the uniqueness rules."""
    return {(r.focus, r.constraint) for r in report.results
            if r.constraint.endswith(("-primaId-unique", "-projectsId-unique"))}


def assert_incremental_is_full_and_pyshacl(store_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> ValidationReport:
    report = assert_incremental_is_full(store_path, monkeypatch)
    assert report.results == validate_store(str(store_path), engine="pyshacl").results
    return report


def test_a_projects_id_another_page_takes_flags_the_unchanged_page_and_clears_it_again(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path, _ = _validated_store(corpus, tmp_path)
    page = _page(corpus, "eastern_caribbean")
    text = page.read_text(encoding="utf-8")
    unique = "iomsh:Project-projectsId-unique"

    page.write_text(text.replace("PX.0391", "PX.0220"), encoding="utf-8")  # seed 001's
    _build(corpus, store_path)
    report = assert_incremental_is_full_and_pyshacl(store_path, monkeypatch)
    assert _same_id(report) == {(FIJI_PROJECT, unique), (B + "project/TT10P0412", unique)}

    page.write_text(text.replace("PX.0391", "PX.0999"), encoding="utf-8")
    _build(corpus, store_path)
    assert _same_id(assert_incremental_is_full_and_pyshacl(store_path, monkeypatch)) == set()


def test_a_page_without_prima_id_beside_the_one_with_it_is_flagged_until_removed(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path, _ = _validated_store(corpus, tmp_path)
    twin = corpus / "100_no_prima_id.txt"
    twin.write_text(_page(corpus, "001").read_text(encoding="utf-8")
                    .replace("Prima ID\nFJ10P0514\n-\n", ""), encoding="utf-8")
    _build(corpus, store_path)
    report = assert_incremental_is_full_and_pyshacl(store_path, monkeypatch)
    unique = "iomsh:Project-projectsId-unique"
    assert _same_id(report) == {(FIJI_PROJECT, unique), (B + "project/PX.0220", unique)}

    twin.unlink()
    _build(corpus, store_path)
    assert _same_id(assert_incremental_is_full_and_pyshacl(store_path, monkeypatch)) == set()


def _pyshacl_on_every_graph(store_path: Path) -> ValidationReport:
    """pyshacl on all the store holds (``engine="pyshacl"`` reads only the graphs kg built)."""
    with opened_store(store_path, read_only=True) as store:
        nquads = store.dump(format=ox.RdfFormat.N_QUADS)
    return validate_graph(Dataset().parse(data=nquads, format="nquads"))


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_a_prima_id_another_graph_gives_a_second_node_flags_both_until_dropped(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path, _ = _validated_store(corpus, tmp_path)
    other, twin = B + "page/" + "d" * 16, B + "project/page-0123456789ab"
    _add_graph(store_path, other, PREFIXES + f'<{twin}> a iom:DevelopmentFundProject ; '
               'iom:primaId "FJ10P0514" .')
    report = assert_incremental_is_full(store_path, monkeypatch)
    assert report.results == _pyshacl_on_every_graph(store_path).results
    unique = "iomsh:Project-primaId-unique"
    assert _same_id(report) == {(FIJI_PROJECT, unique), (twin, unique)}

    _remove_graph(store_path, other)
    report = assert_incremental_is_full_and_pyshacl(store_path, monkeypatch)
    assert _same_id(report) == set()


def test_value_gaining_its_class_rechecks_the_nodes_of_unchanged_pages(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = tmp_path / "store"
    _build(corpus, store_path)
    holder, value = f"<{B}project/holder>", f"<{B}organisation/shared>"
    _add_graph(store_path, B + "page/" + "a" * 16, PREFIXES + (
        f'{holder} a iom:Project ; dcterms:title "Holder"@en ; '
        f"iom:involvesOrganisation {value} . {value} a iom:MemberState ."))
    _add_graph(store_path, B + "page/" + "b" * 16, PREFIXES + f"{value} a iom:MemberState .")
    before = validate_store(str(store_path))
    assert any(r.shape == "iomsh:Project-organisation-class" for r in before.results)
    _add_graph(store_path, B + "page/" + "c" * 16, PREFIXES + f"{value} a iom:Organisation .")
    after = assert_incremental_is_full(store_path, monkeypatch)
    assert not any(r.shape == "iomsh:Project-organisation-class" for r in after.results)


def test_removing_a_project_page_a_news_article_names_relinks_it(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = tmp_path / "store"
    _build(corpus, store_path)
    validate_store(str(store_path))
    _page(corpus, "eastern_caribbean_migrant").unlink()
    _page(corpus, "sahel_lutte").unlink()
    _build(corpus, store_path)
    assert_incremental_is_full(store_path, monkeypatch)


def test_pages_option_keeps_the_results_on_the_nodes_those_pages_describe(
        corpus: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    _page(corpus, "000").write_text(_page(corpus, "000").read_text(encoding="utf-8")
                                    .replace("Project Status", "Project Stat"), "utf-8")
    _build(corpus, store_path)
    full = validate_store(str(store_path), full=True)
    with opened_store(store_path, read_only=True) as store:
        # listed at once: solutions kept in this frame would be dropped by whichever thread
        # collects it, and pyoxigraph's solutions may only be dropped where they were made
        [row] = list(store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?p a <{IOM}Project> ; "
                                 f"<{IOM}status> ?s }} }} ORDER BY ?g LIMIT 1"))
        page = row["g"].value  # type: ignore[index]
        described = {q.subject.value for q in store.quads_for_pattern(
            None, None, None, ox.NamedNode(page))}
    part = validate_store(str(store_path), pages=[page])
    assert part.results == [r for r in full.results if r.focus in described]
    assert validate_store(str(store_path), engine="pyshacl", pages=[page]).results == \
        part.results
    missing = next(r.focus for r in full.results
                   if r.shape == "iomsh:DevelopmentFundProject-status-required")
    with opened_store(store_path, read_only=True) as store:
        graph = next(q.graph_name.value for q in store.quads_for_pattern(
            ox.NamedNode(missing), None, None))
    assert any(r.focus == missing for r in validate_store(str(store_path),
                                                          pages=[graph]).results)


def test_changed_shapes_revalidate_everything(corpus: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    home = _own_shapes(tmp_path, monkeypatch)
    store_path = tmp_path / "store"
    _build(corpus, store_path)
    before = validate_store(str(store_path))
    shapes = home / "shapes" / "project.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8").replace(
        "should have a status", "should state its status"), encoding="utf-8")
    after = validate_store(str(store_path))
    assert any("should have a status" in r.message for r in before.results)
    assert any("should state its status" in r.message for r in after.results)
    assert _texts(after) == _texts(validate_store(str(store_path), full=True))


def test_shapes_the_compiled_engine_cannot_run_fall_back_to_pyshacl(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = _own_shapes(tmp_path, monkeypatch)
    (home / "shapes" / "either.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f"@prefix iom: <{IOM}> .\n"
        "<urn:test:either> a sh:NodeShape ; sh:targetClass iom:Project ; sh:or (\n"
        "  [ sh:path iom:primaId ; sh:minCount 2 ] [ sh:path iom:acronym ; sh:minCount 2 ] ) .\n",
        encoding="utf-8")
    store_path = tmp_path / "store"
    _build(corpus, store_path)
    with pytest.warns(UserWarning, match="sh:or"):
        report = validate_store(str(store_path))
    assert _texts(report) == _texts(validate_store(str(store_path), engine="pyshacl"))
    assert any(r.constraint == "sh:OrConstraintComponent" for r in report.results)
    assert not cache_path(str(store_path)).exists()


def test_a_store_built_again_by_another_parser_is_validated_afresh(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Same pages, same page graph IRIs (hashes of the pages' bytes), but other triples in them:
    # the cache of the store that stood at this path must not answer for the new one.
    import kg.build

    store_path = tmp_path / "store"
    monkeypatch.setattr(kg.build, "mapping_version", lambda: "parser-1")
    _build(corpus, store_path)
    assert validate_store(str(store_path)).results  # the cache holds these pages' results
    shutil.rmtree(store_path)
    mapped = kg.build.map_record_nquads

    def without_titles(record: object, base: str) -> str:
        return "".join(line for line in mapped(record, base).splitlines(keepends=True)
                       if "<http://purl.org/dc/terms/title>" not in line)

    monkeypatch.setattr(kg.build, "map_record_nquads", without_titles)
    monkeypatch.setattr(kg.build, "mapping_version", lambda: "parser-2")
    _build(corpus, store_path)
    cached = validate_store(str(store_path))
    assert any(r.shape.endswith("Project-title-required") for r in cached.results)
    assert _texts(cached) == _texts(validate_store(str(store_path), full=True))


def test_pages_moved_to_another_folder_are_reported_at_their_new_paths(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    changed = _page(corpus, "000")  # a page with a violation, whose report names its path
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("Prima ID\n", "Prima ID\nXX", 1), encoding="utf-8")
    store_path = tmp_path / "store"
    _build(Path("pages"), store_path)
    before = validate_store(str(store_path))
    assert "pages/000_" in format_text(before)
    Path("pages").rename("moved")
    with opened_store(store_path) as store:
        moved = build(store, ["moved"], prune=True, jobs=1).moved
    assert moved == len(list(Path("moved").iterdir()))
    report = assert_incremental_is_full(store_path, monkeypatch)
    assert "moved/000_" in format_text(report) and "pages/000_" not in format_text(report)


# A news article's result here depends on the project page it names: a triple of another node
# than the focus node, in another page graph.
NAMED_PROJECT_STATES_STATUS = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:test:named-project-status> a sh:NodeShape ;
    sh:targetClass <{IOM}NewsArticle> ;
    sh:sparql [ a sh:SPARQLConstraint ;
        sh:message "names a project whose page states no status" ;
        sh:select \"\"\"SELECT $this ?value WHERE {{
            $this <{IOM}mentionsProject> ?value .
            FILTER NOT EXISTS {{ ?value <{IOM}status> ?status }} }}\"\"\" ] .
"""


def _named_project_status(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                          ) -> Path:
    """The corpus built with the shape above added; the store's path."""
    home = _own_shapes(tmp_path, monkeypatch)
    (home / "shapes" / "named-project.ttl").write_text(NAMED_PROJECT_STATES_STATUS,
                                                       encoding="utf-8")
    store_path = tmp_path / "store"
    _build(corpus, store_path)
    return store_path


def _flagged(report: ValidationReport) -> set[str]:
    return {r.focus for r in report.results if r.shape == "<urn:test:named-project-status>"}


def test_sparql_reading_another_node_runs_whole_while_the_rest_comes_from_the_cache(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = _named_project_status(corpus, tmp_path, monkeypatch)
    before = _flagged(validate_store(str(store_path)))
    assert len(before) == 1  # the seed article names a project no page describes
    assert cache_path(str(store_path)).exists()
    project = _page(corpus, "sahel_lutte")
    project.write_text(project.read_text(encoding="utf-8").replace(
        "Statut du projet\nAchevé\n", ""), encoding="utf-8")
    _build(corpus, store_path)  # the article's graph and its link are as they were

    report = assert_incremental_is_full(store_path, monkeypatch)
    assert len(_flagged(report) - before) == 1  # the article naming that project
    assert report.results == validate_store(str(store_path), engine="pyshacl").results


def test_one_page_s_report_reads_the_other_nodes_such_shapes_read(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store_path = _named_project_status(corpus, tmp_path, monkeypatch)
    with opened_store(store_path, read_only=True) as store:
        article = next(q.subject.value for q in store.quads_for_pattern(
            None, ox.NamedNode(f"{IOM}sourcePath"), None)
            if q.object.value.endswith("news_sahel_orientation_victimes_fr.txt"))
    whole = validate_store(str(store_path))
    page = validate_store(str(store_path), pages=[article])
    assert article not in _flagged(whole)
    assert page.results == [r for r in whole.results if r.focus == article]
