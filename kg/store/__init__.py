"""The graph store: an on-disk Oxigraph store by default, in memory for tests and one-off runs.

Writers get the store exclusively (Oxigraph's own lock file): a second writer gets
StoreLockedError, never a corrupted store. Readers open it read-only and do not block.
A bulk load killed midway leaves nothing in the store but may leave the SST files it was
writing (``bulk-*.sst``); the next writer deletes them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError, StoreLockedError

DEFAULT_STORE = "kg-store"
MEMORY = ":memory:"


def resolve_store_path(path: str | os.PathLike[str] | None) -> str:
    """The store location: the given path, else $KG_STORE, else ./kg-store; ":memory:" stays."""
    if path:
        return os.fspath(path)
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def _is_lock_error(exc: OSError) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("unavailable" in text or "resource" in text or "held" in text)


def open_store(path: str | os.PathLike[str] | None = None, *,
               read_only: bool = False) -> ox.Store:
    """Open (or create, for writing) the store at ``path``; ":memory:" gives an in-memory one.

    Raises StoreLockedError when another process writes to it, StoreError when it cannot be
    opened or, for reading, does not exist.
    """
    location = resolve_store_path(path)
    if location == MEMORY:
        return ox.Store()
    folder = Path(location)
    if read_only and not (folder / "CURRENT").exists():
        raise StoreError(f"{location}: no store here yet; run `kg build` first")
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{location}: not a store folder")
    try:
        store = ox.Store.read_only(location) if read_only else ox.Store(location)
    except OSError as exc:
        if _is_lock_error(exc):
            raise StoreLockedError(
                f"{location}: store is locked by another kg process; wait for it to finish"
            ) from exc
        raise StoreError(f"{location}: cannot open store: {exc}") from exc
    if not read_only:
        remove_unfinished_bulk_files(folder)
    return store


def remove_unfinished_bulk_files(folder: Path) -> int:
    """Delete the SST files of bulk loads that were killed before they were ingested.

    Only call this holding the store's write lock: a bulk load in progress owns its files.
    """
    removed = 0
    for leftover in folder.glob("bulk-*.sst"):
        try:
            leftover.unlink()
            removed += 1
        except OSError:
            pass  # gone already, or not ours to delete: the store does not need it either way
    return removed


@contextmanager
def opened_store(path: str | os.PathLike[str] | None = None, *,
                 read_only: bool = False) -> Iterator[ox.Store]:
    """Open the store for the duration of a ``with`` block, flushing writes at the end."""
    store = open_store(path, read_only=read_only)
    try:
        yield store
        if not read_only:
            store.flush()
    finally:
        del store
