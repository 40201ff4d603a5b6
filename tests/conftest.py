"""Shared fixtures: the real seed pages (``page_helpers.SEEDS_DIR``: ``../shared/seeds`` beside
the repository, or $KG_SHARED_DIR/seeds), the project pages written for the tests
(``tests/fixtures/pages``) and the seed store the `kg serve` tests share."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from page_helpers import SEEDS_DIR
from rdflib import Graph
from starlette.testclient import TestClient

from kg.serve import ServeSettings, create_app
from kg.store import open_store
from kg.validate import load_ontology, load_shapes

FIXTURE_PAGES_DIR = Path(__file__).resolve().parent / "fixtures" / "pages"
FIXTURE_GRAPHS_DIR = Path(__file__).resolve().parent / "fixtures" / "graphs"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of the real seed pages (four project pages and one news article)."""
    if not SEEDS_DIR.is_dir():
        pytest.fail(f"seed pages not found: expected them in {SEEDS_DIR}")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> list[Path]:
    """The seed pages, sorted by name (000-003 project pages, 004 a news article)."""
    paths = sorted(seeds_dir.glob("*.txt"))
    if len(paths) < 5:
        pytest.fail(f"expected five seed pages in {seeds_dir}, found {len(paths)}")
    return paths


@pytest.fixture(scope="session")
def fixture_pages_dir() -> Path:
    """The folder of project pages written for the tests, one per layout."""
    return FIXTURE_PAGES_DIR


@pytest.fixture()
def pages(tmp_path: Path, seed_paths: list[Path]) -> Path:
    """A folder holding copies of the seed pages, which a test may change."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in seed_paths:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """An on-disk store built from the seed pages (for the `kg serve` tests)."""
    from test_serve import build_seed_store

    return build_seed_store(tmp_path_factory.mktemp("serve") / "kg-store")


@pytest.fixture(scope="module")
def store(store_dir: Path) -> Iterator[ox.Store]:
    """That store opened read-only, as `kg serve` opens it (modules may define their own)."""
    yield open_store(store_dir, read_only=True)


@pytest.fixture(scope="module")
def client(store: ox.Store) -> TestClient:
    """Starlette's in-process client of the `kg serve` app on that store."""
    return TestClient(create_app(store, ServeSettings(hosts=("testserver",), timeout=20)))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    """The SHACL shapes in shapes/."""
    return load_shapes()


@pytest.fixture(scope="module")
def baseline() -> Graph:
    """The valid graph fixture together with the ontology, as a store's graph holds them."""
    return Graph().parse(FIXTURE_GRAPHS_DIR / "valid_project.ttl") + load_ontology()
