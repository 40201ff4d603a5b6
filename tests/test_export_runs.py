"""kg.export_runs.in_order: every input's result once, in order, whether workers run or fail."""

from __future__ import annotations

import os
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pytest

import kg.export_runs
from kg.export_runs import in_order


def _square(value: int) -> int:
    return value * value


class _BreakingPool:
    """A pool whose workers answer ``answered`` tasks and then die, as a killed worker does."""

    def __init__(self, answered: int) -> None:
        self.answered = answered
        self.submitted = 0

    def __enter__(self) -> _BreakingPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def submit(self, task: Any, item: Any) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        if self.submitted <= self.answered:
            future.set_result(task(item))
        else:
            future.set_exception(BrokenProcessPool("a worker died"))
        return future


@pytest.mark.parametrize("answered", [0, 1, 3, 5, 8, 30])
def test_a_pool_that_breaks_leaves_the_rest_to_this_process(
        monkeypatch: pytest.MonkeyPatch, answered: int) -> None:
    monkeypatch.setattr(kg.export_runs, "worker_pool", lambda workers: _BreakingPool(answered))
    assert list(in_order(_square, range(20), workers=2)) == [n * n for n in range(20)]


def test_inputs_are_taken_as_answers_are_handed_back(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[int] = []
    pool = _BreakingPool(answered=1000)
    monkeypatch.setattr(kg.export_runs, "worker_pool", lambda workers: pool)

    def inputs() -> Any:
        for n in range(100):
            taken.append(n)
            yield n

    results = in_order(_square, inputs(), workers=2)
    assert next(results) == 0
    assert len(taken) <= 2 * 2 + 1, "more inputs taken than workers can hold waiting"
    assert list(results) == [n * n for n in range(1, 100)]


def _square_and_process(value: int) -> tuple[int, int]:
    return value * value, os.getpid()


def test_with_real_worker_processes_the_results_come_in_order() -> None:
    results = list(in_order(_square_and_process, range(50), workers=2))
    assert [square for square, _ in results] == [n * n for n in range(50)]
    assert os.getpid() not in {process for _, process in results}


def test_no_pool_when_one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(workers: int) -> None:
        raise AssertionError("a pool was started for one worker")

    monkeypatch.setattr(kg.export_runs, "worker_pool", no_pool)
    assert list(in_order(_square, range(5), workers=1)) == [0, 1, 4, 9, 16]
