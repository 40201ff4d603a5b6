"""Start a real Oxigraph server (the `oxigraph` binary from PyPI) on loopback for tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def oxigraph_binary() -> str:
    """The oxigraph server binary installed beside this Python, or skip."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is not installed (pip install oxigraph)")
    return binary


@contextmanager
def running_oxigraph(folder: Path, *extra: str) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port; yield the base URL; stop the server after."""
    port = free_port()
    server = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
         *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError("oxigraph server exited at start") from None
                time.sleep(0.05)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
