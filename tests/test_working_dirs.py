"""kg.store.working_dirs: the directory each stored page path is relative to."""

from __future__ import annotations

import pyoxigraph as ox

from kg.store.journal import JOURNAL, WORKING_DIRECTORY
from kg.store.working_dirs import WorkingDirs

PAGE = ox.NamedNode("https://kg.example.org/iom/page/0123456789abcdef")


def _noted(store: ox.Store) -> dict[str, str]:
    return {q.subject.value: q.object.value
            for q in store.quads_for_pattern(None, WORKING_DIRECTORY, None, JOURNAL)}


def test_a_store_keeps_the_working_directory_of_its_first_build() -> None:
    store = ox.Store()
    first = WorkingDirs.of_store(store, "/r", set())
    assert first.home == "/r" and _noted(store) == {}  # written with the first page
    assert first.nquads(PAGE) == f"{JOURNAL} {WORKING_DIRECTORY} \"/r\" {JOURNAL} .\n"
    assert first.nquads(PAGE) == ""
    first.settle(store)  # written already, with the first page
    assert _noted(store) == {}
    WorkingDirs.of_store(store, "/r", set()).settle(store)
    later = WorkingDirs.of_store(store, "/r/a", set())
    assert (later.home, later.here) == ("/r", "/r/a")
    assert later.location("b/x.txt", PAGE) == "/r/b/x.txt"
    assert later.location("../c/x.txt", PAGE) == "/c/x.txt"
    assert later.location("/elsewhere/x.txt", PAGE) == "/elsewhere/x.txt"
    assert _noted(store) == {JOURNAL.value: "/r"}


def test_a_page_written_from_another_directory_notes_it_until_written_from_home() -> None:
    store = ox.Store()
    WorkingDirs.of_store(store, "/r", set()).settle(store)
    away = WorkingDirs.of_store(store, "/r/a", set())
    store.update(away.update([PAGE], written=[PAGE]))
    assert _noted(store)[PAGE.value] == "/r/a"
    again = WorkingDirs.of_store(store, "/r/a", {PAGE.value})
    assert again.location("x.txt", PAGE) == "/r/a/x.txt"
    again.keep(PAGE)  # found at its path from where it was read: nothing to note
    assert again.kept == [] and again.update([PAGE], written=[PAGE]) != ""
    home = WorkingDirs.of_store(store, "/r", {PAGE.value})
    home.keep(PAGE)
    home.relocate(store)
    assert _noted(store) == {JOURNAL.value: "/r"}
    assert home.update([PAGE], written=[PAGE]) == ""  # nothing to forget, nothing to note


def test_the_directory_of_a_graph_another_tool_dropped_is_forgotten() -> None:
    store = ox.Store()
    WorkingDirs.of_store(store, "/r", set()).settle(store)
    away = WorkingDirs.of_store(store, "/s", set())
    store.update(away.update([PAGE], written=[PAGE]))
    dirs = WorkingDirs.of_store(store, "/r", set())  # PAGE is gone
    assert dirs.others == {} and _noted(store) == {JOURNAL.value: "/r"}


def test_a_store_with_pages_and_no_working_directory_gets_this_one_at_once() -> None:
    store = ox.Store()  # built by a kg that kept none
    dirs = WorkingDirs.of_store(store, "/r", {PAGE.value})
    assert _noted(store) == {JOURNAL.value: "/r"} and dirs.nquads(PAGE) == ""
