"""Running queries in worker threads with a deadline and a bound on how many run at once.

pyoxigraph cannot interrupt a query, so a query past its deadline gets a 503 at once and is
told to stop at its next result row; one that computes before its first row (aggregates,
ORDER BY) finishes in the background, holding one of the ``max_running`` slots until then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

T = TypeVar("T")


class QueryTimeout(Exception):
    """The query did not finish before its deadline."""


class ServerBusy(Exception):
    """Every query slot is taken."""


class QueryCancelled(Exception):
    """Raised inside a worker when its caller has given up on it."""


class ResultTooLarge(Exception):
    """The query's result passes the row limit."""


class QueryRunner:
    """Runs ``work(cancel)`` in a worker thread, at most ``max_running`` at a time."""

    def __init__(self, timeout: float, max_running: int = 4) -> None:
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(max_running)

    async def run(self, work: Callable[[threading.Event], T]) -> T:
        """The result of ``work``; QueryTimeout after ``timeout`` seconds, ServerBusy when full."""
        if not self._slots.acquire(blocking=False):
            raise ServerBusy("the server is busy with other queries; try again shortly")
        cancel = threading.Event()

        def job() -> T:
            try:
                return work(cancel)
            finally:
                self._slots.release()

        try:
            with anyio.fail_after(self.timeout):
                return await anyio.to_thread.run_sync(job, abandon_on_cancel=True)
        except TimeoutError:
            cancel.set()
            raise QueryTimeout(
                f"the query ran longer than {self.timeout:g} s and was stopped") from None


def check_cancel(cancel: threading.Event) -> None:
    """Raise QueryCancelled when the caller has given up (call once per result row)."""
    if cancel.is_set():
        raise QueryCancelled
