"""kg.build: pages into per-page named graphs, idempotent, incremental, atomic per page."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from store_helpers import article_links

from kg.build import BuildSummary, build
from kg.mapping import map_record, mint_page_iri
from kg.namespaces import DEFAULT_BASE
from kg.parse import parse_page
from kg.sources import read_source
from kg.store import journal, open_store
from kg.store.graphs import existing_pages, unfinished_build
from kg.store.journal import GRAPH, JOURNAL, latest_change, written_since
from kg.validate import validate_store_compiled

ROOT = Path(__file__).resolve().parents[1]


def _quads(store: ox.Store) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None))


def _page_graphs(store: ox.Store) -> set[str]:
    return set(existing_pages(store).graph_iris)


def _without_build_log(store: ox.Store) -> set[ox.Quad]:
    """The store's quads but the build log and the journal, which each build adds to."""
    bookkeeping = {ox.NamedNode(f"{DEFAULT_BASE}graph/builds"), JOURNAL}
    return {q for q in _quads(store) if q.graph_name not in bookkeeping}


def test_building_the_seeds_puts_each_page_in_its_own_graph(pages: Path) -> None:
    store = ox.Store()
    summary = build(store, [pages])
    assert (summary.pages, summary.projects, summary.news) == (5, 4, 1)
    assert summary.added == 5 and not summary.has_data_problems
    for path in sorted(pages.iterdir()):
        record = parse_page(read_source(path))
        graph = mint_page_iri(record.source.sha256, DEFAULT_BASE)
        stored = set(store.quads_for_pattern(None, None, None, graph))
        assert stored == set(map_record(record, DEFAULT_BASE)) or record.kind == "news"
        assert stored, f"no graph for {path.name}"


def test_building_the_same_pages_twice_leaves_the_same_graph(pages: Path) -> None:
    store = ox.Store()
    build(store, [pages])
    first = _without_build_log(store)
    again = build(store, [pages])
    assert again.unchanged == 5 and again.added == again.replaced == 0
    assert _without_build_log(store) == first


def _stale_store(pages: Path, monkeypatch: pytest.MonkeyPatch, version: str) -> ox.Store:
    """The seeds as another mapping version built them: its build log says ``version`` and one
    page graph holds a triple that this version does not make."""
    import kg.build

    store = ox.Store()
    with monkeypatch.context() as patched:
        patched.setattr(kg.build, "mapping_version", lambda: version)
        build(store, [pages])
    graph = sorted(_page_graphs(store))[0]
    store.add(ox.Quad(ox.NamedNode(graph), ox.NamedNode(f"{DEFAULT_BASE}ontology#oldTerm"),
                      ox.Literal("made by the older mapping"), ox.NamedNode(graph)))
    return store


def test_a_build_by_another_mapping_version_maps_every_page_again(
        pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.mapping.version import mapping_version

    fresh = ox.Store()
    build(fresh, [pages])
    store = _stale_store(pages, monkeypatch, "0123456789abcdef")
    summary = build(store, [pages])
    assert summary.remapped_from == "0123456789abcdef"
    assert (summary.replaced, summary.unchanged, summary.added) == (1, 4, 0)
    note = summary.remap_note()
    assert note and "0123456789abcdef" in note and mapping_version() in note
    assert _without_build_log(store) == _without_build_log(fresh), "the old triple stayed"
    again = build(store, [pages])
    assert again.remapped_from is None and again.unchanged == 5


def test_a_store_from_before_mapping_versions_is_mapped_again(
        pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _stale_store(pages, monkeypatch, "")
    store.update(f"DELETE WHERE {{ GRAPH <{DEFAULT_BASE}graph/builds> "
                 "{ ?build <https://kg.example.org/iom/ontology#mappingVersion> ?v } }")
    summary = build(store, [pages])
    assert summary.remapped_from == "" and summary.replaced == 1
    assert "an older version" in (summary.remap_note() or "")


def test_a_rebuild_parses_only_the_pages_whose_bytes_changed(
        pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ox.Store()
    build(store, [pages], jobs=1)
    page = pages / "003_a5bc3b38f83e9522.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("105000.00", "125000.00"),
                    encoding="utf-8")
    parsed: list[str] = []

    def counting_parse(source):  # type: ignore[no-untyped-def]
        parsed.append(Path(source.source.path).name)
        return parse_page(source)

    monkeypatch.setattr("kg.build.parse_page", counting_parse)
    summary = build(store, [pages], jobs=1)
    assert parsed == [page.name]
    assert (summary.pages, summary.projects, summary.news) == (5, 4, 1)
    assert (summary.replaced, summary.unchanged, summary.added) == (1, 4, 0)


def test_a_changed_page_replaces_exactly_its_own_graph(pages: Path) -> None:
    store = ox.Store()
    build(store, [pages])
    before = _page_graphs(store)
    page = pages / "003_a5bc3b38f83e9522.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("105000.00", "125000.00"),
                    encoding="utf-8")
    summary = build(store, [pages])
    assert (summary.replaced, summary.unchanged, summary.added) == (1, 4, 0)
    after = _page_graphs(store)
    assert len(before - after) == 1 and len(after - before) == 1
    amounts = {q.object.value for q in store.quads_for_pattern(
        ox.NamedNode(f"{DEFAULT_BASE}project/GY10P0001/budget"), None, None)
        if isinstance(q.object, ox.Literal)}
    assert "125000" in amounts and "105000" not in amounts


def _journaled(store: ox.Store) -> set[str]:
    """Every graph the journal says a build wrote."""
    return {q.object.value for q in store.quads_for_pattern(None, GRAPH, None, JOURNAL)}


def _graph_contents(store: ox.Store) -> dict[str, set[ox.Quad]]:
    contents: dict[str, set[ox.Quad]] = {}
    for quad in store.quads_for_pattern(None, None, None):
        if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name != JOURNAL:
            contents.setdefault(quad.graph_name.value, set()).add(quad)
    return contents


def test_the_journal_names_each_graph_a_build_wrote_or_dropped(pages: Path) -> None:
    store = ox.Store()
    build(store, [pages], jobs=1)
    assert _journaled(store) >= set(_graph_contents(store))
    mark, before = latest_change(store), _graph_contents(store)
    changed = pages / "003_a5bc3b38f83e9522.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("105000.00", "125000.00"),
                       encoding="utf-8")
    (pages / "000_cebd6cafa097de25.txt").unlink()
    moved = pages / "002_8a2b91214e381d06.txt"
    moved.rename(pages / "guyana.txt")
    (pages / "new.txt").write_text(_project_page("Seasonal Work Registry", "PX10P0001",
                                                 "Samoa", 2021, 2023), encoding="utf-8")
    build(store, [pages], prune=True, jobs=1)
    after = _graph_contents(store)
    differ = {g for g in before.keys() | after.keys() if before.get(g) != after.get(g)}
    assert mark is not None
    written = written_since(store, mark)
    assert written is not None and differ <= written
    assert len({g for g in differ if "/page/" in g}) == 5  # changed (old, new), gone, moved, new
    untouched = {g for g in after if g not in differ and "/page/" in g}
    assert untouched and not untouched & written


def test_the_journal_keeps_only_the_last_changes(pages: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store = ox.Store()
    build(store, [pages], jobs=1)
    first = latest_change(store)
    monkeypatch.setattr(journal, "KEEP", 2)
    for _ in range(3):
        build(store, [pages], jobs=1)
    assert sorted(journal.changes(store).values()) == [3, 4]
    assert first is not None and written_since(store, first) is None  # too old: list all
    assert {q.object.value for q in store.quads_for_pattern(None, GRAPH, None, JOURNAL)} == {
        f"{DEFAULT_BASE}graph/{name}" for name in ("ontology", "member-states", "builds")}


def test_prune_drops_the_graphs_of_deleted_pages_only_when_asked(pages: Path) -> None:
    store = ox.Store()
    build(store, [pages])
    (pages / "000_cebd6cafa097de25.txt").unlink()
    kept = build(store, [pages])
    assert kept.pruned == 0 and len(_page_graphs(store)) == 5
    pruned = build(store, [pages], prune=True)
    assert pruned.pruned == 1 and len(_page_graphs(store)) == 4
    vanuatu = ox.NamedNode(f"{DEFAULT_BASE}project/VU10P0543")
    assert not list(store.quads_for_pattern(vanuatu, None, None))


def test_prune_keeps_to_the_paths_being_built(pages: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    for index, page in enumerate(sorted(pages.iterdir())):
        page.rename((first if index < 2 else second) / page.name)
    store = ox.Store()
    monkeypatch.chdir(tmp_path)
    assert build(store, ["first", "second"]).added == 5
    monkeypatch.chdir(tmp_path.parent)  # the stored paths are relative to tmp_path
    summary = build(store, [tmp_path / "first"], prune=True)
    assert summary.pruned == 0 and len(_page_graphs(store)) == 5
    monkeypatch.chdir(tmp_path)
    gone = next(second.iterdir())
    gone.unlink()
    assert build(store, ["first"], prune=True).pruned == 0  # not in the folder being built
    assert build(store, ["first", "second"], prune=True).pruned == 1
    assert len(_page_graphs(store)) == 4 and f"second/{gone.name}" not in existing_pages(store)


def test_prune_from_another_working_directory_finds_each_page_where_it_was_read(
        pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = tmp_path / "r"
    (top / "a").mkdir(parents=True), (top / "b").mkdir()
    seeds = sorted(pages.iterdir())
    for page in seeds[:2]:
        page.rename(top / "a" / page.name)
    for page in seeds[2:]:
        page.rename(top / "b" / page.name)
    store = ox.Store()
    monkeypatch.chdir(top)
    assert build(store, ["a", "b"]).added == 5
    monkeypatch.chdir(top / "a")  # b's paths are stored relative to r, not r/a
    summary = build(store, ["."], prune=True)
    assert (summary.moved, summary.pruned) == (2, 0) and len(_page_graphs(store)) == 5
    gone = sorted((top / "b").iterdir())[0]
    gone.unlink()
    summary = build(store, ["../b"], prune=True)  # from r/a, b/… is still r/b/…
    assert (summary.moved, summary.pruned) == (2, 1)
    monkeypatch.chdir(top)  # the paths of a's pages, and of b's, are relative to r/a now
    (top / "a" / seeds[0].name).unlink()
    summary = build(store, ["a", "b"], prune=True)
    assert (summary.moved, summary.pruned) == (3, 1)
    assert set(existing_pages(store)) == {f"a/{seeds[1].name}",
                                          *(f"b/{page.name}" for page in seeds[3:])}


def test_a_page_found_at_its_path_from_another_directory_is_pruned_from_there(
        pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(pages, first / "pages")
    shutil.copytree(pages, second / "pages")
    store = ox.Store()
    monkeypatch.chdir(first)
    build(store, ["pages"])
    monkeypatch.chdir(second)
    assert build(store, ["pages"]).unchanged == 5  # the same paths, read from here now
    gone = sorted(Path("pages").iterdir())[0]
    gone.unlink()  # its copy in first/ stays, but first/ is not being built
    assert build(store, ["pages"], prune=True).pruned == 1
    assert gone.as_posix() not in existing_pages(store)


@pytest.mark.parametrize("emptied", [False, True])
def test_a_missing_or_empty_folder_prunes_nothing(pages: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 emptied: bool) -> None:
    monkeypatch.chdir(tmp_path)
    store = ox.Store()
    build(store, ["pages"])
    pages.rename(tmp_path / "pages.bak")
    if emptied:
        pages.mkdir()
    summary = build(store, ["pages"], prune=True)
    assert summary.pruned == 0 and len(_page_graphs(store)) == 5
    assert [error.path for error in summary.errors] == ["pages"]
    assert [(path, issue.field, issue.severity) for path, issue in summary.issues] == [
        ("pages", "prune", "warning")]
    assert "5 stored pages read from here kept" in summary.issues[0][1].message
    (tmp_path / "other").mkdir()
    (tmp_path / "pages.bak" / "000_cebd6cafa097de25.txt").rename(tmp_path / "other" / "a.txt")
    summary = build(store, ["pages", "other"], prune=True)  # one path read, one not
    assert (summary.moved, summary.pruned) == (1, 0) and len(_page_graphs(store)) == 5


def test_a_moved_page_keeps_its_graph_with_the_new_path_when_pruning(pages: Path) -> None:
    store = ox.Store()
    build(store, [pages])
    before = _page_graphs(store)
    old = pages / "002_8a2b91214e381d06.txt"
    new = pages / "renamed" / "guyana_project.txt"
    new.parent.mkdir()
    old.rename(new)
    summary = build(store, [pages], prune=True)
    assert (summary.moved, summary.replaced, summary.pruned, summary.added) == (1, 0, 0, 0)
    assert _page_graphs(store) == before
    stored = existing_pages(store)
    assert str(new) in stored and str(old) not in stored


def _project_page(title: str, prima_id: str, country: str, start: int | None,
                  end: int | None) -> str:
    fields = {"Start Date": start, "End Date": end, "Project Status": "Completed",
              "Project Type": "Labour Mobility and Human Development",
              "Budget Amount (USD)": "240000.00", "Coverage": "National", "Year": start or 2023,
              "IDF Region": "Asia and Oceania", "Prima ID": prima_id,
              "Benefiting Member States": country}
    lines = ["Who we are", "Our Work", title]
    for label, value in fields.items():
        if value is not None:
            lines += ["-", label, str(value)]
    lines.append(f"The project helps the Ministry of Labour of {country} plan seasonal work "
                 f"schemes (Objective) through a registry of workers abroad (Outcome 1).")
    return "\n".join(lines) + "\n"


def _news_page(country: str, place: str, date: str, acronym: str, years: str) -> str:
    return (f"Who We Are\nOur Work\n{country} Reviews Its Seasonal Worker Registry\n"
            f"{place}, {date} – Officials of the Ministry of Labour of {country} reviewed the "
            "registry of seasonal workers with IOM this week.\n"
            f"Since the start of the Labour Mobility Registry project ({acronym}, {years}), "
            "more than two thousand departures have been recorded.\n")


def test_articles_using_the_same_short_name_link_to_the_project_each_one_means(
        tmp_path: Path) -> None:
    (tmp_path / "fiji.txt").write_text(_project_page(
        "Strengthening Labour Mobility Registry in Fiji (LMRF)", "FJ10P0101", "Fiji",
        2014, 2018), encoding="utf-8")
    (tmp_path / "samoa.txt").write_text(_project_page(
        "Supporting Labour Mobility Registry in Samoa (LMRS)", "WS10P0102", "Samoa",
        2019, 2022), encoding="utf-8")
    (tmp_path / "news_fiji.txt").write_text(
        _news_page("Fiji", "Suva", "3 May 2016", "LMRF", "2014–2018"), encoding="utf-8")
    (tmp_path / "news_samoa.txt").write_text(
        _news_page("Samoa", "Apia", "12 June 2021", "LMRS", "2019–2022"), encoding="utf-8")
    store = ox.Store()
    build(store, [tmp_path], jobs=1)
    query = ("SELECT ?path ?project WHERE { ?page <https://kg.example.org/iom/ontology#"
             "mentionsProject> ?project ; <https://kg.example.org/iom/ontology#sourcePath> "
             "?path }")
    links = sorted((Path(row["path"].value).name, row["project"].value)  # type: ignore[index]
                   for row in store.query(query, use_default_graph_as_union=True))
    assert links == [("news_fiji.txt", f"{DEFAULT_BASE}project/FJ10P0101"),
                     ("news_samoa.txt", f"{DEFAULT_BASE}project/WS10P0102")]


def _registry_news_page(place: str, date: str, naming: str) -> str:
    return (f"Who We Are\nOur Work\nPacific Labour Ministries Compare Worker Registries\n"
            f"{place}, {date} – Labour officials from across the Pacific compared how their "
            f"registries of seasonal workers abroad are kept.\n{naming}\n")


def test_an_article_links_to_the_one_same_titled_page_whose_years_agree(
        tmp_path: Path) -> None:
    title = "Building a Seasonal Worker Registry in the Pacific"
    for name, prima_id, country, start, end in [
            ("tonga.txt", "TO10P0201", "Tonga", 2024, 2028),
            ("vanuatu.txt", "VU10P0202", "Vanuatu", 2024, 2026),
            ("kiribati.txt", "KI10P0203", "Kiribati", None, None)]:
        (tmp_path / name).write_text(_project_page(title, prima_id, country, start, end),
                                     encoding="utf-8")
    store = ox.Store()
    build(store, [tmp_path], jobs=1)
    # The articles land in a later build: relinking reads the pages' titles and years back
    # from the store.
    articles = {
        "news_long.txt": ("Nuku'alofa", "2 April 2025", f"The “{title}” project (2024–2028) "
                          "has trained twelve registry clerks."),
        "news_short.txt": ("Port Vila", "18 June 2025", f"The “{title}” project (2024–2026) "
                           "will close after two recruitment seasons."),
        "news_undated.txt": ("Suva", "9 July 2025", f"Three countries take part in the “{title}” "
                             "project."),
    }
    for name, (place, date, naming) in articles.items():
        (tmp_path / name).write_text(_registry_news_page(place, date, naming), encoding="utf-8")
    build(store, [tmp_path], jobs=1)
    links = article_links(store)
    assert links == {
        "news_long.txt": f"{DEFAULT_BASE}project/TO10P0201",
        "news_short.txt": f"{DEFAULT_BASE}project/VU10P0202",
        "news_undated.txt":
            f"{DEFAULT_BASE}project/named-building-a-seasonal-worker-registry-in-the-pacific",
    }



LINKS = ox.NamedNode(f"{DEFAULT_BASE}graph/links")


def _links(store: ox.Store) -> set[ox.Quad]:
    return set(store.quads_for_pattern(None, None, None, LINKS))


def _links_written_by_last_build(store: ox.Store) -> bool:
    last = latest_change(store)
    assert last is not None
    return journal.wrote(store, last, LINKS)


def test_links_are_recomputed_only_when_what_they_are_computed_from_changed(
        tmp_path: Path) -> None:
    title = "Building a Seasonal Worker Registry in the Pacific"
    tonga = tmp_path / "tonga.txt"
    tonga.write_text(_project_page(title, "TO10P0201", "Tonga", 2024, 2028), encoding="utf-8")
    (tmp_path / "news.txt").write_text(_registry_news_page(
        "Nuku'alofa", "2 April 2025", f"The “{title}” project (2024–2028) has trained twelve "
        "registry clerks."), encoding="utf-8")
    store = ox.Store()
    build(store, [tmp_path], jobs=1)
    assert article_links(store) == {"news.txt": f"{DEFAULT_BASE}project/TO10P0201"}

    def fresh_links() -> set[ox.Quad]:
        fresh = ox.Store()
        build(fresh, [tmp_path], jobs=1)
        return _links(fresh)

    tonga.write_text(tonga.read_text(encoding="utf-8") + "Registry clerks were trained.\n",
                     encoding="utf-8")
    summary = build(store, [tmp_path], jobs=1)
    assert summary.replaced == 1 and not summary.links_changed
    assert not _links_written_by_last_build(store) and _links(store) == fresh_links()

    tonga.write_text(_project_page(title, "TO10P0201", "Tonga", 2023, 2028), encoding="utf-8")
    summary = build(store, [tmp_path], jobs=1)
    assert summary.links_changed and _links_written_by_last_build(store)
    assert _links(store) == fresh_links()
    assert article_links(store)["news.txt"] == (  # the years no longer agree
        f"{DEFAULT_BASE}project/named-building-a-seasonal-worker-registry-in-the-pacific"
        "--2024-2028")


def _tonga_and_vanuatu(folder: Path) -> str:
    """Two project pages in ``folder`` (Tonga's TO10P0201, Vanuatu's VU10P0202); Tonga's
    title."""
    title = "Building a Seasonal Worker Registry in the Pacific"
    (folder / "tonga.txt").write_text(_project_page(title, "TO10P0201", "Tonga", 2024, 2028),
                                      encoding="utf-8")
    (folder / "vanuatu.txt").write_text(
        _project_page("Labour Mobility Pathways for Vanuatu", "VU10P0202", "Vanuatu", 2024,
                      2026), encoding="utf-8")
    return title


def _no_relinking(monkeypatch: pytest.MonkeyPatch) -> None:
    def compute_links(*args: object, **kwargs: object) -> None:
        raise AssertionError("relinked: every project page read again")
    monkeypatch.setattr("kg.store.links.compute_links", compute_links)


def test_a_news_page_whose_text_changed_but_not_its_projects_keeps_its_links(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    title = _tonga_and_vanuatu(tmp_path)
    news = tmp_path / "news.txt"
    naming = f"The “{title}” project (2024–2028) has trained twelve registry clerks."
    news.write_text(_registry_news_page("Nuku'alofa", "2 April 2025", naming), encoding="utf-8")
    (tmp_path / "other.txt").write_text(_registry_news_page(
        "Suva", "9 July 2025", "The “Labour Mobility Pathways for Vanuatu” project (2024–2026) "
        "opened a desk for returning workers."), encoding="utf-8")
    store = ox.Store()
    build(store, [tmp_path], jobs=1)
    before = _links(store)

    def fresh_links() -> set[ox.Quad]:
        fresh = ox.Store()
        build(fresh, [tmp_path], jobs=1)
        return _links(fresh)

    news.write_text(_registry_news_page("Nuku'alofa", "2 April 2025", naming)
                    + "A second intake of clerks begins in May.\n", encoding="utf-8")
    with monkeypatch.context() as patched:
        _no_relinking(patched)
        summary = build(store, [tmp_path], jobs=1)
    assert summary.replaced == 1 and not summary.links_changed
    assert _links(store) == fresh_links() != before  # the article's new IRI has its links
    assert article_links(store) == {"news.txt": f"{DEFAULT_BASE}project/TO10P0201",
                                    "other.txt": f"{DEFAULT_BASE}project/VU10P0202"}
    assert _links_written_by_last_build(store)  # re-validation re-checks the links

    news.write_text(_registry_news_page(  # another project named: relinked
        "Nuku'alofa", "2 April 2025", "The “Labour Mobility Pathways for Vanuatu” project "
        "(2024–2026) has trained twelve registry clerks."), encoding="utf-8")
    summary = build(store, [tmp_path], jobs=1)
    assert summary.links_changed and _links(store) == fresh_links()
    assert article_links(store)["news.txt"] == f"{DEFAULT_BASE}project/VU10P0202"


def _conflict_warnings(summary: BuildSummary) -> list[tuple[str, str]]:
    return [(Path(path).name, issue.message) for path, issue in summary.issues
            if "check the article" in issue.message]


def test_a_news_page_whose_links_move_is_warned_of_its_link_conflict_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    title = _tonga_and_vanuatu(tmp_path)
    news = tmp_path / "news.txt"  # Tonga's title with Vanuatu's Prima ID
    text = _registry_news_page("Nuku'alofa", "2 April 2025",
                               f"The “{title}” project (VU10P0202) trained twelve clerks.")
    news.write_text(text, encoding="utf-8")
    store = ox.Store()
    warned = _conflict_warnings(build(store, [tmp_path], jobs=1))
    assert len(warned) == 1 and warned[0][0] == "news.txt" and "VU10P0202" in warned[0][1]

    news.write_text(text + "A second intake of clerks begins in May.\n", encoding="utf-8")
    with monkeypatch.context() as patched:
        _no_relinking(patched)
        moved = build(store, [tmp_path], jobs=1)
    assert moved.replaced == 1 and not moved.links_changed
    assert _conflict_warnings(moved) == warned
    (tmp_path / "other.txt").write_text(_registry_news_page(  # a page added: relinked
        "Suva", "9 July 2025", "Registry clerks met in Suva."), encoding="utf-8")
    relinked = build(store, [tmp_path], jobs=1)
    assert relinked.links_changed and _conflict_warnings(relinked) == warned


def test_a_changed_news_page_is_relinked_when_other_pages_changed_too(
        pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ox.Store()
    build(store, [pages], jobs=1)
    news = next(path for path in pages.iterdir()
                if parse_page(read_source(path)).kind == "news")
    news.write_text(news.read_text(encoding="utf-8") + "\nMore trainings follow in May.\n",
                    encoding="utf-8")
    copy = pages / "added.txt"
    copy.write_text(news.read_text(encoding="utf-8") + "A copy with a line of its own.\n",
                    encoding="utf-8")
    summary = build(store, [pages], jobs=1)
    assert summary.added == 1 and summary.replaced == 1 and summary.links_changed
    fresh = ox.Store()
    build(fresh, [pages], jobs=1)
    assert _links(store) == _links(fresh)


def test_a_build_after_one_that_did_not_finish_recomputes_the_links(pages: Path) -> None:
    store = ox.Store()
    build(store, [pages], jobs=1)
    links = _links(store)
    assert links
    # What a build killed after loading its pages leaves: a change that did not log itself.
    store.update(f"DROP GRAPH {LINKS}")
    killed = journal.start_change(store)
    killed.record(store, [ox.NamedNode(f"{DEFAULT_BASE}page/0000")])
    summary = build(store, [pages], jobs=1)
    assert summary.unchanged == 5 and summary.links_changed
    assert _links(store) == links


def test_a_build_that_stops_midway_is_unfinished_until_one_finishes(
        pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.build

    store = ox.Store()
    assert not unfinished_build(store)
    build(store, [pages])
    assert not unfinished_build(store)
    journal.start_change(store).record(store, [ox.NamedNode("urn:test:g")])  # not a build
    assert not unfinished_build(store)

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(kg.build, "refresh_derived", failing)
    with pytest.raises(OSError):
        build(store, [pages])
    assert unfinished_build(store)
    monkeypatch.undo()
    build(store, [pages])
    assert not unfinished_build(store)


def test_a_graph_another_tool_loads_is_in_the_links_and_statistics_of_the_next_build(
        pages: Path) -> None:
    from kg.mapping import statistics_graph, statistics_quads

    store = ox.Store()
    build(store, [pages], jobs=1)
    statistics = statistics_graph(DEFAULT_BASE)
    summed = set(store.quads_for_pattern(None, None, None, statistics))
    # Another tool loads a copy of a project with a budget under another Prima ID, in a graph
    # of its own (no page, no journal entry).
    row = next(iter(store.query(
        "SELECT ?project ?budget WHERE { ?project <https://kg.example.org/iom/ontology#budget> "
        "?budget }", use_default_graph_as_union=True)))
    old, new = str(row["project"].value), f"{DEFAULT_BASE}project/ZZ10P0001"
    other = ox.NamedNode("urn:example:other-tool")
    store.extend(ox.Quad(ox.NamedNode(str(q.subject.value).replace(old, new)), q.predicate,
                         ox.NamedNode(q.object.value.replace(old, new))
                         if isinstance(q.object, ox.NamedNode) else q.object, other)
                 for subject in (row["project"], row["budget"])
                 for q in store.quads_for_pattern(subject, None, None, None)
                 if q.graph_name.value.startswith(f"{DEFAULT_BASE}page/"))

    summary = build(store, [pages], jobs=1)
    assert summary.unchanged == 5 and summary.statistics_changed and summary.links_changed
    now = set(store.quads_for_pattern(None, None, None, statistics))
    assert now != summed and now == set(statistics_quads(store, DEFAULT_BASE))
    again = build(store, [pages], jobs=1)  # nothing changed since: nothing derived again
    assert not again.statistics_changed and not again.links_changed


def _belize_news_page(headline: str, dateline: str, naming: str) -> str:
    return (f"Who We Are\nOur Work\n{headline}\nBelmopan, {dateline} – Officers of the "
            "Immigration Department of Belize met IOM to review referrals of vulnerable "
            f"migrants at the western border.\n{naming}\n")


def test_articles_naming_different_projects_with_one_title_keep_them_apart(
        tmp_path: Path) -> None:
    pages = {
        "first.txt": ("Belize Trains Border Officers on Migrant Referral", "4 March 2016",
                      "The training is part of the “Coordinated Border Response in Belize” "
                      "project (2015–2017), funded by the IOM Development Fund."),
        "second.txt": ("Belize Opens a Second Migrant Referral Desk", "9 October 2022",
                       "The desk was set up under the “Coordinated Border Response in Belize” "
                       "project (2021–2023), funded by the IOM Development Fund."),
        "again.txt": ("Border Officers in Belize Share Lessons", "21 November 2016",
                      "The meeting closed the first cycle of the “Coordinated Border Response "
                      "in Belize” project (2015–2017)."),
    }
    for name, (headline, dateline, naming) in pages.items():
        (tmp_path / name).write_text(_belize_news_page(headline, dateline, naming),
                                     encoding="utf-8")
    store = ox.Store()
    build(store, [tmp_path], jobs=1)
    links = article_links(store)
    named = f"{DEFAULT_BASE}project/named-coordinated-border-response-in-belize"
    assert links == {"first.txt": f"{named}--2015-2017", "again.txt": f"{named}--2015-2017",
                     "second.txt": f"{named}--2021-2023"}
    report = validate_store_compiled(store)
    assert report.conforms, [result.message for result in report.results]


def _balkans_news_page(headline: str, dateline: str, naming: str) -> str:
    return (f"Who We Are\nOur Work\n{headline}\nTirana, {dateline} – Border police officers "
            "of Albania and Montenegro held their first joint patrol on the shore of Lake "
            f"Shkodër, with support from IOM.\n{naming}\n")


def test_articles_giving_a_prima_id_link_to_the_project_that_has_it(tmp_path: Path) -> None:
    balkans = "Strengthening Border Management in the Western Balkans"
    data = "Border Data Exchange in the Western Balkans"
    (tmp_path / "albania.txt").write_text(_project_page(
        balkans, "GE10P0377", "Albania", 2019, 2021), encoding="utf-8")
    (tmp_path / "serbia.txt").write_text(_project_page(
        data, "CT10P0048", "Serbia", 2022, 2024), encoding="utf-8")
    articles = {
        "exact.txt": ("Joint Patrols Begin on Lake Shkodër", "17 June 2021",
                      f"The patrols are part of the project “{balkans}” (Prima ID GE10P0377), "
                      "funded by the IOM Development Fund."),
        "shortened.txt": ("Crossing Points Share Shift Logs", "2 September 2021",
                          "Shift logs are now shared between crossing points, a result of the "
                          "“Western Balkans Border Management” project (PX.0123 / GE10P0377)."),
        "other_title.txt": ("Border Officers Exchange Shift Data", "9 March 2021",
                            f"The data is exchanged under the “{data}” project (GE10P0377)."),
        "unknown_id.txt": ("Serbian Border Data Goes Online", "4 May 2023",
                           f"The data is exchanged under the “{data}” project (RS10P0402)."),
        "unknown.txt": ("Montenegro Trains Coast Guards", "12 July 2022",
                        "The course was given by the project “Coastal Patrols in the "
                        "Adriatic” (Prima ID ME10P0611)."),
    }
    for name, (headline, dateline, naming) in articles.items():
        (tmp_path / name).write_text(_balkans_news_page(headline, dateline, naming),
                                     encoding="utf-8")
    store = ox.Store()
    summary = build(store, [tmp_path], jobs=1)
    assert article_links(store) == {
        "exact.txt": f"{DEFAULT_BASE}project/GE10P0377",
        "shortened.txt": f"{DEFAULT_BASE}project/GE10P0377",
        "other_title.txt": f"{DEFAULT_BASE}project/GE10P0377",  # the Prima ID wins
        "unknown_id.txt": f"{DEFAULT_BASE}project/CT10P0048",  # no page has it: the title
        "unknown.txt": f"{DEFAULT_BASE}project/named-coastal-patrols-in-the-adriatic--ME10P0611",
    }
    warnings = sorted((Path(path).name, issue.field, issue.severity)
                      for path, issue in summary.issues)
    assert warnings == [("other_title.txt", "project", "warning"),
                        ("unknown_id.txt", "project", "warning")]
    prima = ("SELECT ?id WHERE { <https://kg.example.org/iom/project/named-coastal-patrols-in-"
             "the-adriatic--ME10P0611> <https://kg.example.org/iom/ontology#primaId> ?id }")
    assert [row["id"].value for row in store.query(  # type: ignore[index, union-attr]
        prima, use_default_graph_as_union=True)] == ["ME10P0611"]
    report = validate_store_compiled(store)
    assert report.conforms, [result.message for result in report.results]


def test_a_bad_page_is_reported_and_the_others_land(pages: Path) -> None:
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    store = ox.Store()
    summary = build(store, [pages])
    assert summary.has_data_problems
    assert sorted(Path(e.path or "").name for e in summary.errors) == ["binary.txt", "empty.txt"]
    assert len(_page_graphs(store)) == 5


def test_the_base_iri_is_configurable(pages: Path) -> None:
    store = ox.Store()
    build(store, [pages], "https://data.example.net/kg/")
    projects = {q.subject.value for q in store.quads_for_pattern(
        None, ox.NamedNode("https://kg.example.org/iom/ontology#primaId"), None)}
    assert "https://data.example.net/kg/project/GY10P0001" in projects


def test_a_build_killed_midway_leaves_whole_pages_only(tmp_path: Path) -> None:
    from bench.generate import generate

    folder = tmp_path / "many"
    generate(folder, 1500, seed=3)
    store_path = tmp_path / "store"
    script = (
        "import sys\n"
        "import kg.build as b\n"
        "from kg.store import open_store\n"
        "b.BATCH_QUADS = 2000\n"
        "seen = [0]\n"
        "def tick(n):\n"
        "    seen[0] += n\n"
        "    if seen[0] == 600:\n"
        "        print('midway', flush=True)\n"
        f"b.build(open_store({str(store_path)!r}), [{str(folder)!r}], jobs=1, progress=tick)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "midway"
    child.send_signal(signal.SIGKILL)
    child.wait()
    store = open_store(store_path)
    pages = existing_pages(store)
    assert pages, "the build wrote nothing before it was killed; give it longer"
    by_graph = {page.graph.value: path for path, page in pages.items()}
    for graph, path in sorted(by_graph.items())[:300]:
        record = parse_page(read_source(path))
        expected = set(map_record(record, DEFAULT_BASE))
        stored = set(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        assert stored == expected, f"{path}: half a page in the store"
    assert set(by_graph) <= _journaled(store), "a page graph written but not journaled"


def test_a_bulk_load_killed_midway_leaves_nothing_of_its_batch(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    quads = 200_000
    script = (
        "import sys, pyoxigraph as ox\n"
        "data = ''.join(f'<http://e.org/s{i}> <http://e.org/p> \"value {i} of the batch\" '\n"
        f"               f'<http://e.org/g{{i // 60}}> .\\n' for i in range({quads})).encode()\n"
        "store = ox.Store(sys.argv[1])\n"
        "store.bulk_load(b'<http://e.org/x> <http://e.org/p> \"1\" <http://e.org/g> .\\n',\n"
        "                format=ox.RdfFormat.N_QUADS)\n"
        "print('loading', flush=True)\n"
        "store.bulk_load(data, format=ox.RdfFormat.N_QUADS)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(store_path)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "loading"
    time.sleep(1.5)
    child.send_signal(signal.SIGKILL)
    child.wait()
    store = open_store(store_path)
    assert len(store) in (1, quads + 1), "half a bulk load in the store"
    assert not list(store_path.glob("bulk-*.sst")), "unfinished bulk files left behind"


def test_parsing_in_worker_processes_builds_the_same_store(pages: Path) -> None:
    serial, parallel = ox.Store(), ox.Store()
    one = build(serial, [pages], jobs=1)
    two = build(parallel, [pages], jobs=2)
    assert (one.line(), one.issues) == (two.line(), two.issues)
    assert _without_build_log(serial) == _without_build_log(parallel)


def test_new_pages_in_several_batches_are_all_loaded(
        pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.build

    whole = ox.Store()
    build(whole, [pages])
    monkeypatch.setattr(kg.build, "BATCH_QUADS", 10)
    batched = ox.Store()
    summary = build(batched, [pages])
    assert summary.added == 5
    assert _without_build_log(batched) == _without_build_log(whole)
