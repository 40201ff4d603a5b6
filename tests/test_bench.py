"""bench.generate: synthetic project pages and news articles that `kg build` reads and links."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.generate import generate
from bench.run import change_pages, linked_copy, pages_to_change
from kg.build import build

IOM = "https://kg.example.org/iom/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PAGES = 300


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, PAGES, seed=11)
    return folder


@pytest.fixture(scope="module")
def store(generated: Path) -> ox.Store:
    store = ox.Store()
    summary = build(store, [generated], jobs=1)
    assert summary.pages == PAGES and not summary.errors
    assert not [(path, issue) for path, issue in summary.issues
                if Path(path).name.startswith("n") and issue.severity == "error"]
    return store


def _rows(store: ox.Store, query: str) -> list[list[str]]:
    return [[term.value for term in row] for row in store.query(
        query, use_default_graph_as_union=True)]


def test_about_one_page_in_ten_is_a_news_article(generated: Path, store: ox.Store) -> None:
    files = sorted(p.name for p in generated.iterdir())
    news = [name for name in files if name.startswith("n")]
    assert PAGES // 20 <= len(news) <= PAGES // 5
    assert {Path(name).suffix for name in news} == {".txt", ".html"}
    articles = _rows(store, f"SELECT DISTINCT ?a WHERE {{ ?a a <{IOM}NewsArticle> }}")
    assert len(articles) == len(news)


def test_news_articles_vary_in_language_and_dateline(store: ox.Store) -> None:
    languages = {row[0] for row in _rows(
        store, f"SELECT ?l WHERE {{ ?a a <{IOM}NewsArticle> ; <{DCTERMS}language> ?l }}")}
    assert languages == {"en", "fr", "es"}
    datatypes = {row[0] for row in _rows(
        store, f"SELECT (DATATYPE(?d) AS ?t) WHERE {{ ?a a <{IOM}NewsArticle> ; "
        f"<{DCTERMS}date> ?d }}")}
    assert datatypes == {f"{XSD}date", f"{XSD}gYearMonth"}  # a few give only the month


def test_news_articles_are_linked_to_the_generated_projects_they_name(store: ox.Store) -> None:
    articles = {row[0] for row in _rows(store, f"SELECT ?a WHERE {{ ?a a <{IOM}NewsArticle> }}")}
    linked = _rows(store, f"SELECT DISTINCT ?a ?p WHERE {{ ?a <{IOM}mentionsProject> ?p . "
                          f"?p <{IOM}primaId> ?id }}")
    assert len({a for a, _ in linked}) >= len(articles) * 3 // 4
    by_acronym = _rows(store, f"SELECT DISTINCT ?a WHERE {{ ?a <{IOM}mentionsProject> ?p ; "
                              f"<{IOM}namesProject> ?m . ?p <{IOM}primaId> ?id ; "
                              f"<{DCTERMS}title> ?t . ?m <{IOM}acronym> ?acr ; "
                              f"<{DCTERMS}title> ?n "
                              "FILTER(!STRSTARTS(LCASE(STR(?t)), LCASE(STR(?n)))) }")
    assert by_acronym, "no article is linked through an acronym alone"


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "one", 120, seed=5)
    second = generate(tmp_path / "two", 120, seed=5)
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))


def test_changed_pages_mix_news_and_projects_as_the_folder_does(generated: Path) -> None:
    chosen = pages_to_change(generated, 30)
    assert len(chosen) == len(set(chosen)) == 30
    news = sum(path.name.startswith("n") for path in chosen)
    in_folder = sum(path.name.startswith("n") for path in generated.iterdir()) / PAGES
    assert 0 < news < 30
    assert abs(news / 30 - in_folder) <= 0.1


def test_a_rebuild_after_changing_pages_replaces_just_those(generated: Path,
                                                           tmp_path: Path) -> None:
    pages = linked_copy(generated, tmp_path / "pages")
    store = ox.Store()
    build(store, [pages], jobs=1)
    originals = {path.name: path.read_bytes() for path in pages.iterdir()}
    change_pages(pages, 30)
    changed = {path.name for path in pages.iterdir() if path.read_bytes() != originals[path.name]}
    assert changed == {path.name for path in pages_to_change(pages, 30)}
    assert all((generated / name).read_bytes() == originals[name] for name in changed)
    summary = build(store, [pages], jobs=1)
    assert (summary.replaced, summary.added, summary.unchanged) == (30, 0, PAGES - 30)
