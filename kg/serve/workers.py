"""Query worker processes: each opens the served snapshot read-only and can be killed.

pyoxigraph cannot interrupt a query, so `kg serve` runs queries in long-lived worker processes
and kills (SIGKILL) one whose query passes its deadline, starting a spare in its place. A
snapshot is never written once published, so any number of processes may open it read-only
(kg.store.snapshots); each worker holds a shared lock on the snapshot it reads, as every reader
does, so no writer deletes it meanwhile. Workers are forked from a fork server that imported
this module once (a few tens of milliseconds each), or spawned where there is none; none is
forked from the server itself, so no lock held by one of Oxigraph's threads is copied.

A job is a picklable callable ``job(store, cancel) -> value``; its value or exception travels
back pickled (an Answer as SPARQL JSON or N-Triples, see kg.serve.evaluate).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.store.snapshots import open_snapshot, release

READY = "ready"
_context: Any = None
_context_lock = threading.Lock()


class WorkerError(Exception):
    """A worker process could not be started, or died without answering."""


def _mp_context() -> Any:
    """The fork server's context (preloading this module), else spawn's."""
    global _context
    with _context_lock:
        if _context is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                _context = multiprocessing.get_context("forkserver")
                _context.set_forkserver_preload([__name__])
            else:
                _context = multiprocessing.get_context("spawn")
        return _context


class Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, snapshot: str | None) -> None:
        context = _mp_context()
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=worker_main, args=(theirs, snapshot),
                                       name="kg-serve-query", daemon=True)
        try:
            self.process.start()
        finally:
            theirs.close()
        self.ready = False
        self.snapshot = snapshot
        """The snapshot the worker has open (or opens for its next job)."""

    @property
    def pid(self) -> int | None:
        """The worker's process id."""
        return self.process.pid

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has started; WorkerError when it does not within ``timeout``."""
        if self.ready:
            return
        try:
            if not self.connection.poll(timeout):
                raise WorkerError(f"no word from the worker after {timeout:g} s")
            reply = self.connection.recv()
        except (EOFError, OSError) as exc:
            raise WorkerError(f"the worker exited while starting (code "
                              f"{self.process.exitcode})") from exc
        if reply != READY:
            raise WorkerError(f"the worker said {reply!r} instead of starting")
        self.ready = True

    def kill(self, *, wait: bool = False) -> None:
        """Kill the process at once and reap it, in the background unless ``wait``. Its pipe
        is closed when the last reader lets go of it (a thread may still be waiting on it, and
        sees it end)."""
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        if wait:
            self.process.join(1)
        else:
            threading.Thread(target=self.process.join, name="kg-serve-reap", daemon=True).start()


class WorkerPool:
    """At most ``size`` idle workers, taken one per running query and given back after it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.snapshot: str | None = None
        """The snapshot the server reads now; workers reading another one are stopped."""
        self._idle: list[Worker] = []
        self._live: set[Worker] = set()
        self._lock = threading.Lock()

    def take_idle(self) -> Worker | None:
        """A live idle worker, or None (then ``start`` one)."""
        while True:
            with self._lock:
                if not self._idle:
                    return None
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                self._live.discard(worker)  # killed from outside, or out of memory
            worker.kill()

    def start(self, snapshot: str | None) -> Worker:
        """A new worker (started, perhaps not ready yet) reading ``snapshot``."""
        worker = Worker(snapshot)
        with self._lock:
            self._live.add(worker)
        return worker

    def give_back(self, worker: Worker) -> None:
        """Return a worker that answered; one beyond ``size`` idle ones, or reading an older
        snapshot, is stopped."""
        with self._lock:
            current = self.snapshot in (None, worker.snapshot)
            if current and len(self._idle) < self.size:
                self._idle.append(worker)
                return
            self._live.discard(worker)
        worker.kill()

    def follow(self, snapshot: str) -> None:
        """Move to ``snapshot``: idle workers reading another one are stopped now, letting go
        of it so a writer may delete it, and spares reading this one start in the background;
        busy ones are stopped when they come back."""
        with self._lock:
            self.snapshot = snapshot
            stale = [w for w in self._idle if w.snapshot != snapshot]
            self._idle = [w for w in self._idle if w.snapshot == snapshot]
            self._live.difference_update(stale)
        for worker in stale:
            worker.kill(wait=True)
        if stale:
            threading.Thread(target=self.warm, args=(snapshot,), name="kg-serve-spare",
                             daemon=True).start()

    def replace(self, worker: Worker, snapshot: str | None) -> None:
        """Kill ``worker`` now and start a spare in its place in the background."""
        with self._lock:
            self._live.discard(worker)
        worker.kill()

        def spare() -> None:
            with contextlib.suppress(Exception):  # else the next query starts one
                self.give_back(self.start(snapshot))

        threading.Thread(target=spare, name="kg-serve-spare", daemon=True).start()

    def warm(self, snapshot: str | None) -> None:
        """Start workers until ``size`` live (call in a thread: starting may take a while)."""
        while True:
            with self._lock:
                if len(self._live) >= self.size or self.snapshot not in (None, snapshot):
                    return
            self.give_back(self.start(snapshot))

    def pids(self) -> list[int]:
        """The process ids of the live workers, idle or busy."""
        with self._lock:
            return [w.pid for w in self._live if w.pid is not None]

    def close(self) -> None:
        """Kill every worker and reap it (no process outlives the server)."""
        with self._lock:
            workers, self._idle, self._live = list(self._live), [], set()
        for worker in workers:
            worker.kill(wait=True)


# --- inside a worker ---------------------------------------------------------------------

class _Reader:
    """The snapshot a worker reads, opened read-only and held as every reader holds one
    (kg.store.snapshots)."""

    def __init__(self) -> None:
        self.snapshot: str | None = None
        self.store: ox.Store | None = None

    def open(self, snapshot: str) -> ox.Store:
        """The store of ``snapshot``, opened (and the previous one let go) if need be."""
        if self.store is not None and snapshot == self.snapshot:
            return self.store
        self.close()
        store = open_snapshot(Path(snapshot))
        if store is None:
            raise OSError(f"{snapshot}: the snapshot is gone or being deleted")
        self.snapshot, self.store = snapshot, store
        return store

    def close(self) -> None:
        """Let go of the snapshot."""
        if self.store is not None:
            release(self.store)
        self.snapshot, self.store = None, None


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def worker_main(connection: Connection, snapshot: str | None) -> None:
    """A worker's life: open ``snapshot``, say READY, then run jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    _die_with_parent()
    reader = _Reader()
    if snapshot is not None:
        with contextlib.suppress(OSError):
            reader.open(snapshot)  # else the first job says why
    never = threading.Event()
    connection.send(READY)
    while True:
        try:
            wanted, job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, object] = ("ok", job(reader.open(wanted), never))
        except Exception as exc:  # the caller raises it
            reply = ("error", exc.with_traceback(None))
        try:
            connection.send(reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # the value or exception cannot be pickled
            connection.send(("error", RuntimeError(f"the answer cannot be sent: {exc}")))
