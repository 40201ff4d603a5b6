"""How many CPU cores this process may use, and pools of worker processes on them."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PARENT_CHECK_SECONDS = 0.5


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it, else all)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes started afresh ("spawn"), not forked: they share no
    memory with this process, so each process's memory is its own (a fork would count this
    process's pages again in every worker), and no lock held by one of Oxigraph's threads is
    copied into them. Tasks and their results travel pickled."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=exit_with_parent)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def exit_with_parent() -> None:
    """Pool initializer: end this worker once the process that started it is gone. A pool's
    workers wait on a pipe the parent holds open (a forked worker holds it too), so a parent
    killed with -9 would leave them waiting for work forever."""
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True,
                     name="kg-exit-with-parent").start()
