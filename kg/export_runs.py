"""Sorted N-Triples lines cut into runs of whole subjects, each turned into text by a task in
worker processes and handed back in order: how the Turtle and JSON-LD exports are written.

Lines sorted as bytes keep every subject's lines together (lines sharing a prefix are
neighbours), so a run that ends with a subject's last line holds all of that subject's triples.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from typing import TypeVar

from kg.cores import worker_pool

T = TypeVar("T")
R = TypeVar("R")

Task = Callable[[bytes], bytes]
"""Turns the N-Triples text of one run into output text; module-level, so workers can run it."""


def subject_end(lines: list[bytes], index: int) -> int:
    """The index past the last of the sorted N-Triples ``lines`` whose subject is that of
    ``lines[index]``."""
    subject = lines[index][:lines[index].index(b" ") + 1]
    end = index + 1
    while end < len(lines) and lines[end].startswith(subject):
        end += 1
    return end


def subject_runs(lines: list[bytes], size: int) -> list[tuple[int, int]]:
    """``(start, end)`` indexes of runs of about ``size`` sorted N-Triples ``lines``, each
    ending with a subject's last line."""
    runs: list[tuple[int, int]] = []
    start = 0
    while start < len(lines):
        end = subject_end(lines, min(start + size, len(lines)) - 1)
        runs.append((start, end))
        start = end
    return runs


def in_order(task: Callable[[T], R], inputs: Iterable[T], workers: int) -> Iterator[R]:
    """``task`` of each input, in order, computed side by side in ``workers`` processes (here,
    with one); inputs are taken as workers free up, at most two per worker waiting, so memory
    stays bounded. Where no worker process can be started, the rest is done in this process."""
    remaining = iter(inputs)
    unanswered: deque[T] = deque()  # taken from the inputs, result not yet handed back
    if workers > 1:
        answers: deque[Future[R]] = deque()
        try:
            with worker_pool(workers) as pool:
                for item in remaining:
                    unanswered.append(item)
                    answers.append(pool.submit(task, item))
                    while len(answers) > 2 * workers:
                        yield answers[0].result()
                        answers.popleft()
                        unanswered.popleft()
                while answers:
                    yield answers[0].result()
                    answers.popleft()
                    unanswered.popleft()
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (sandbox, resource limits, no main guard): go on
    for item in chain(unanswered, remaining):
        yield task(item)


def texts_of_runs(task: Task, lines: list[bytes], runs: list[tuple[int, int]],
                  workers: int) -> Iterator[bytes]:
    """``task`` of each run's lines, in order, computed side by side in ``workers`` processes
    (``in_order``)."""
    return in_order(task, (b"".join(lines[start:end]) for start, end in runs), workers)
