"""Worker pools (kg.cores): their processes end with the process that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import multiprocessing, os, sys, time
from kg.cores import worker_pool
from kg.parse import map_page_files

def big_result(_):
    time.sleep(0.2)
    return os.getpid(), b"x" * 4_000_000

if __name__ == "__main__":
    if sys.argv[1] == "parse":
        results = map_page_files(big_result, list(range(40)), jobs=2)
        next(results)
    else:
        pool = worker_pool(2)
        futures = [pool.submit(big_result, n) for n in range(8)]
        futures[0].result()
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    time.sleep(60)  # killed meanwhile, while its workers still send results
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("pool", ["parse", "spawn"])
def test_workers_end_when_their_parent_is_killed(pool: str, tmp_path: Path) -> None:
    script = tmp_path / "pool_child.py"  # a file, so that spawned workers can import it
    script.write_text(_CHILD, encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script), pool], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout is not None
    line = child.stdout.readline()
    workers = [int(pid) for pid in line.split()]
    assert len(workers) >= 2 and child.pid not in workers
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # not to leave them behind when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not left, "a worker outlived its parent"
