"""Counting the pages a command will read, for progress bars."""

from __future__ import annotations

import os
from collections.abc import Iterable

from kg.sources import iter_page_paths


def count_pages(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many page files ``paths`` expand to (a path that does not exist counts none: the
    build reports it)."""
    return sum(1 for path in paths if os.path.exists(path) for _ in iter_page_paths([path]))
