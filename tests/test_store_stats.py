"""kg.store.stats: what `kg stats` counts."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.build import build
from kg.store.stats import store_stats

BOOKKEEPING = "bookkeeping quads (build log, journal)"


def test_the_data_counted_is_the_same_however_many_builds_made_it(pages: Path) -> None:
    fresh, rebuilt = ox.Store(), ox.Store()
    build(fresh, [pages])
    first = (pages / "000_cebd6cafa097de25.txt").read_bytes()
    (pages / "000_cebd6cafa097de25.txt").write_bytes(first + b"\nA line added later.\n")
    build(rebuilt, [pages])
    (pages / "000_cebd6cafa097de25.txt").write_bytes(first)
    for _ in range(3):
        build(rebuilt, [pages])  # one replaces a page, two change nothing
    one, many = store_stats(fresh), store_stats(rebuilt)
    assert {key: one[key] for key in ("pages", "quads", "named graphs")} == {
        key: many[key] for key in ("pages", "quads", "named graphs")}
    assert int(many[BOOKKEEPING]) > int(one[BOOKKEEPING]) > 0
    assert int(one["quads"]) + int(one[BOOKKEEPING]) == len(fresh)


def test_a_store_never_built_has_no_bookkeeping() -> None:
    stats = store_stats(ox.Store())
    assert (stats["quads"], stats["named graphs"], stats[BOOKKEEPING]) == ("0", "0", "0")
    assert stats["last build"] == "never"
