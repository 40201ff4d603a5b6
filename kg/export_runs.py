"""Sorted N-Triples lines cut into runs of whole subjects, each turned into text by a task in
worker processes and handed back in order: how the Turtle and JSON-LD exports are written.

Lines sorted as bytes keep every subject's lines together (lines sharing a prefix are
neighbours), so a run that ends with a subject's last line holds all of that subject's triples.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

from kg.cores import worker_pool

Task = Callable[[bytes], bytes]
"""Turns the N-Triples text of one run into output text; module-level, so workers can run it."""


def subject_runs(lines: list[bytes], size: int) -> list[tuple[int, int]]:
    """``(start, end)`` indexes of runs of about ``size`` sorted N-Triples ``lines``, each
    ending with a subject's last line."""
    runs: list[tuple[int, int]] = []
    start = 0
    while start < len(lines):
        end = min(start + size, len(lines))
        subject = lines[end - 1][:lines[end - 1].index(b" ") + 1]
        while end < len(lines) and lines[end].startswith(subject):
            end += 1
        runs.append((start, end))
        start = end
    return runs


def texts_of_runs(task: Task, lines: list[bytes], runs: list[tuple[int, int]],
                  workers: int) -> Iterator[bytes]:
    """``task`` of each run's lines, in order, computed side by side in ``workers`` processes
    (here, with one); at most two runs per worker wait, so memory stays bounded. Where no
    worker process can be started, the remaining runs are done in this process."""
    done = 0
    if workers > 1:
        try:
            with worker_pool(workers) as pool:
                pending: deque[Future[bytes]] = deque()
                for start, end in runs:
                    pending.append(pool.submit(task, b"".join(lines[start:end])))
                    while pending and (len(pending) > 2 * workers
                                       or done + len(pending) == len(runs)):
                        yield pending.popleft().result()
                        done += 1
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (sandbox, resource limits, no main guard): go on
    for start, end in runs[done:]:
        yield task(b"".join(lines[start:end]))
