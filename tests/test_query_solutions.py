"""Query solutions are dropped where they were read, even when reading them fails.

pyoxigraph's results may only be dropped on the thread that made them (another thread gets a
warning and a leak), so an error raised while reading them must not hold them in its
traceback's frames: the error goes on to whichever thread handles it.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from kg.query.results import QueryResult, read_solutions
from kg.query.targets import LocalTarget
from kg.validate import checks


class FailingSolutions:
    """Stands in for ox.QuerySolutions: one row, then the store fails to read the next."""

    def __init__(self) -> None:
        self.variables = [ox.Variable("s")]
        self._rows = iter([(ox.NamedNode("urn:a"),)])

    def __iter__(self) -> Iterator[tuple[ox.NamedNode]]:
        return self

    def __next__(self) -> tuple[ox.NamedNode]:
        row = next(self._rows, None)
        if row is None:
            raise OSError("the store could not read the next row")
        return row


class FailingStore:
    """Answers every query with solutions that fail midway; ``made`` refers to them weakly."""

    def __init__(self) -> None:
        self.made: weakref.ref[FailingSolutions] | None = None

    def query(self, text: str, **options: object) -> FailingSolutions:
        solutions = FailingSolutions()
        self.made = weakref.ref(solutions)
        return solutions


@pytest.fixture(autouse=True)
def no_collector() -> Iterator[None]:
    """Only reference counts free objects here, as when the collector has not run yet."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_an_error_while_reading_leaves_no_reference_to_the_solutions() -> None:
    solutions = FailingSolutions()
    made = weakref.ref(solutions)
    with pytest.raises(OSError, match="next row") as caught:
        read_solutions(solutions, lambda names, rows: [list(row) for row in rows])
    del solutions
    assert caught.value is not None and made() is None


def test_a_failing_saved_query_leaves_no_reference_to_its_solutions(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = FailingStore()
    monkeypatch.setattr(ox, "QuerySolutions", FailingSolutions)  # the target's type check
    with pytest.raises(OSError) as caught:
        LocalTarget(store).select("SELECT ?s WHERE { ?s ?p ?o }", {})  # type: ignore[arg-type]
    assert caught.value is not None and store.made is not None and store.made() is None


def test_a_failing_validation_query_leaves_no_reference_to_its_solutions() -> None:
    store = FailingStore()
    with pytest.raises(OSError) as caught:
        checks.answer(store, "SELECT ?s WHERE { ?s ?p ?o }")  # type: ignore[arg-type]
    assert caught.value is not None and store.made is not None and store.made() is None


def test_solutions_read_to_the_end_give_every_row_in_the_variables_order() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x")))
    result = QueryResult.from_solutions(
        store.query("SELECT ?o ?s ?none WHERE { ?s ?p ?o }"))  # type: ignore[arg-type]
    assert result.variables == ["o", "s", "none"]
    assert result.rows == [{"o": ox.Literal("x"), "s": ox.NamedNode("urn:a"), "none": None}]


def test_the_error_keeps_the_text_of_where_it_was_raised() -> None:
    solutions = FailingSolutions()
    with pytest.raises(OSError) as caught:
        read_solutions(solutions, lambda names, rows: [list(row) for row in rows])
    assert any("__next__" in note for note in caught.value.__notes__)
