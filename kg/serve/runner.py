"""Running queries with a deadline and a bound on how many run at once.

pyoxigraph cannot interrupt a query, so a query on a store snapshot runs in a worker process
(kg.serve.workers) that is killed when it passes its deadline: it gets its 503 at once and frees
its slot at once. A store that is no snapshot (an in-memory one), or a server where no worker
process starts, runs queries in threads instead: a query past its deadline there gets its 503
at once and is told to stop at its next result row, but one that computes before its first row
(aggregates, ORDER BY) finishes in the background, holding one of the ``max_running`` slots.

A query that finds every slot taken waits for one, up to the query timeout, behind at most
``QUEUE_PER_SLOT`` waiting queries a slot (a client sending eight queries at once to four slots
gets eight answers); past that, or past the wait, it is refused (ServerBusy: 503 with
``Retry-After``). Waiting queries take a slot as one frees, in no set order.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

import anyio
import anyio.to_thread
import pyoxigraph as ox

from kg.store.snapshots import snapshot_of

if TYPE_CHECKING:
    from kg.serve.workers import Worker, WorkerPool

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
START_TIMEOUT = 60.0
"""How long a worker may take to start before queries run in threads instead."""
QUEUE_PER_SLOT = 4
"""How many queries may wait for a slot, per slot, before more are refused at once."""
POLL_SECONDS = 0.02
"""How often a waiting query looks for a free slot."""
log = logging.getLogger("kg.serve")


class Job(Protocol[T_co]):
    """A picklable query job: ``job(store, cancel)`` runs in a worker process or a thread."""

    def __call__(self, store: ox.Store, cancel: threading.Event, /) -> T_co: ...


class QueryTimeout(Exception):
    """The query did not finish before its deadline."""


class ServerBusy(Exception):
    """Every query slot is taken."""


class QueryCancelled(Exception):
    """Raised inside a worker thread when its caller has given up on it."""


class ResultTooLarge(Exception):
    """The query's result passes the row limit."""


class WorkerDied(Exception):
    """The worker process running the query ended without answering."""


class QueryRunner:
    """Runs query jobs, at most ``max_running`` at a time, in worker processes (``workers``)
    or threads."""

    def __init__(self, timeout: float, max_running: int = 4, *, workers: bool = True,
                 max_waiting: int | None = None) -> None:
        from kg.serve.workers import WorkerPool

        self.timeout = timeout
        self.max_waiting = QUEUE_PER_SLOT * max_running if max_waiting is None else max_waiting
        self._slots = threading.BoundedSemaphore(max_running)
        self._waiting = 0
        self._waiting_lock = threading.Lock()  # requests may run on several event loops
        self.pool: WorkerPool | None = WorkerPool(max_running) if workers else None

    async def _take_slot(self) -> None:
        """Take one of the ``max_running`` slots, waiting for one up to the timeout behind at
        most ``max_waiting`` other queries; ServerBusy when the queue is full or the wait ends."""
        if self._slots.acquire(blocking=False):
            return
        with self._waiting_lock:
            queued = self._waiting < self.max_waiting
            self._waiting += queued
        if queued:
            try:
                with anyio.move_on_after(self.timeout):
                    while not self._slots.acquire(blocking=False):
                        await anyio.sleep(POLL_SECONDS)
                    return
            finally:
                with self._waiting_lock:
                    self._waiting -= 1
        raise ServerBusy("the server is busy with other queries; try again shortly")

    def _timed_out(self) -> QueryTimeout:
        return QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")

    async def run(self, work: Callable[[threading.Event], T]) -> T:
        """The result of ``work`` run in a thread; QueryTimeout after ``timeout`` seconds,
        ServerBusy when full (``_take_slot``)."""
        await self._take_slot()
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
            raise self._timed_out() from None

    async def run_job(self, store: ox.Store, job: Job[T]) -> T:
        """``job(store, cancel)`` in a worker process reading ``store``'s snapshot, killed past
        the deadline; in a thread (``run``) when ``store`` is no snapshot or workers cannot
        start. QueryTimeout, ServerBusy, WorkerDied, or the job's own exception."""
        snapshot = snapshot_of(store)
        pool = self.pool
        if snapshot is not None and pool is not None:
            if pool.snapshot != str(snapshot):
                pool.follow(str(snapshot))
            await self._take_slot()
            try:
                worker = await self._worker(pool, str(snapshot))
                if worker is not None:
                    return await self._exchange(pool, worker, str(snapshot), job)
            finally:
                self._slots.release()
        return await self.run(partial(job, store))

    async def _worker(self, pool: WorkerPool, snapshot: str) -> Worker | None:
        """A ready worker; None, after a log line, when none can start (then use threads)."""
        worker = pool.take_idle()
        try:
            if worker is None:
                worker = await anyio.to_thread.run_sync(pool.start, snapshot)
            if not worker.ready:
                await anyio.to_thread.run_sync(worker.wait_ready, START_TIMEOUT)
            return worker
        except Exception as exc:  # whatever stops a worker starting
            log.warning("kg serve: query worker processes cannot start (%s); running queries "
                        "in threads, which go on computing past the timeout", exc)
            if worker is not None:
                worker.kill()
            self.pool = None
            pool.close()
            return None

    async def _exchange(self, pool: WorkerPool, worker: Worker, snapshot: str,
                        job: Job[T]) -> T:
        """Send ``job`` to ``worker`` and wait for its answer until the deadline, killing the
        worker (and starting a spare) when it passes, dies or the request is cancelled."""
        answered = False
        try:
            worker.snapshot = snapshot
            worker.connection.send((snapshot, job))
            with anyio.move_on_after(self.timeout) as deadline:
                status, value = await anyio.to_thread.run_sync(
                    worker.connection.recv, abandon_on_cancel=True)
                answered = True
        except (EOFError, OSError) as exc:
            raise WorkerDied("the query's worker process ended without answering") from exc
        finally:
            if answered:
                pool.give_back(worker)
            else:
                pool.replace(worker, snapshot)
        if deadline.cancelled_caught:
            raise self._timed_out()
        if status == "error":
            raise cast(BaseException, value)
        return cast(T, value)

    def warm(self, store: ox.Store) -> None:
        """Start the worker processes for ``store`` now (blocking: call in a thread)."""
        snapshot = snapshot_of(store)
        pool = self.pool
        if snapshot is None or pool is None:
            return
        try:
            pool.warm(str(snapshot))
        except Exception as exc:  # the first query tries again, or falls back
            log.warning("kg serve: query worker processes cannot start yet (%s)", exc)

    def close(self) -> None:
        """Stop the worker processes."""
        if self.pool is not None:
            self.pool.close()


def check_cancel(cancel: threading.Event) -> None:
    """Raise QueryCancelled when the caller has given up (call once per result row)."""
    if cancel.is_set():
        raise QueryCancelled
