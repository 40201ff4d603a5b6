"""Counting the pages a command will read, for progress bars."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable

from kg.errors import DataError
from kg.sources import iter_page_paths


def count_pages(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many page files ``paths`` expand to (a path that does not exist, or a folder
    without pages, counts none: the build reports it)."""
    total = 0
    for path in paths:
        with contextlib.suppress(DataError):
            total += sum(1 for _ in iter_page_paths([path]))
    return total
