"""The graph store: an on-disk Oxigraph store by default, in memory for tests and one-off runs.

Writers get the store exclusively (Oxigraph's own lock file): a second writer gets
StoreLockedError, never a corrupted store. Readers open the newest snapshot the writers published
(kg.store.snapshots), so they neither block a writer nor read a store being written.
A bulk load killed midway leaves nothing in the store but may leave the SST files it was
writing (``bulk-*.sst``); the next writer deletes them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError, StoreLockedError, UsageError
from kg.store import snapshots
from kg.store.page_lines import PageLines

DEFAULT_STORE = "kg-store"
MEMORY = ":memory:"


def resolve_store_path(path: str | os.PathLike[str] | None) -> str:
    """The store location: the given path, else $KG_STORE, else ./kg-store; ":memory:" stays."""
    if path:
        return os.fspath(path)
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def store_page_lines(path: str | os.PathLike[str] | None) -> PageLines | None:
    """The page-lines file of the store at ``path`` (kg.store.page_lines); None in memory."""
    location = resolve_store_path(path)
    return None if location == MEMORY else PageLines.of_store(location)


def _is_lock_error(exc: OSError) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("unavailable" in text or "resource" in text or "held" in text
                               or "hold by current process" in text)


def open_store(path: str | os.PathLike[str] | None = None, *,
               read_only: bool = False) -> ox.Store:
    """Open (or create, for writing) the store at ``path``; ":memory:" gives an in-memory one.

    Read-only, it is the newest snapshot a writer published (see kg.store.snapshots), held until
    ``close_reader``. Raises StoreLockedError when another process writes to it (or, reading,
    writes it for the first time), StoreError when it cannot be opened or, for reading, does not
    exist.
    """
    location = resolve_store_path(path)
    if location == MEMORY:
        return ox.Store()
    folder = Path(location)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{location}: a file, not a store folder")
    if read_only and not (folder / "CURRENT").exists():
        raise StoreError(f"{location}: no store here yet; run `kg build` first")
    if read_only:
        return _open_reader(folder)
    if not (folder / "CURRENT").exists() and folder.is_dir() and any(folder.iterdir()):
        raise UsageError(f"{location}: this folder holds other files and no store; give "
                         "`--store` a new or empty folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    store = _open(folder, ox.Store)
    remove_unfinished_bulk_files(folder)
    snapshots.mark_writing(folder)
    return store


def _open(folder: Path, opener: Callable[[str], ox.Store]) -> ox.Store:
    """``opener(folder)``, its OSErrors told apart: locked by a writer, or unusable."""
    try:
        return opener(str(folder))
    except OSError as exc:
        if _is_lock_error(exc):
            if "current process" in str(exc):
                raise StoreLockedError(
                    f"{folder}: store is already open for writing in this process (a Store "
                    "bound by `with opened_store(...) as store` lives on after the block)"
                ) from exc
            raise StoreLockedError(
                f"{folder}: store is locked by another kg process; wait for it to finish"
            ) from exc
        raise StoreError(f"{folder}: cannot open store: {exc}") from exc


def _open_reader(folder: Path) -> ox.Store:
    """The newest snapshot, published first when the store was written since and is idle,
    unless what wrote it was a build that did not finish (kg.store.snapshots)."""
    if snapshots.needs_publishing(folder):
        from kg.store.graphs import unfinished_build  # kg.mapping: only when it is needed

        try:
            writer = _open(folder, ox.Store)
        except StoreLockedError:
            pass  # a writer is at work: read what it last published
        except StoreError:
            if snapshots.newest(folder) is None:
                raise  # we may not write here, and there is nothing published to read
        else:
            try:
                remove_unfinished_bulk_files(folder)
                if snapshots.needs_publishing(folder):  # a writer may have published meanwhile
                    if unfinished_build(writer) or (snapshots.newest(folder) is None
                                                    and next(iter(writer), None) is None):
                        # the newest snapshot stays; a first build killed before it wrote
                        # anything leaves nothing to publish
                        snapshots.mark_unfinished(folder)
                    else:
                        snapshots.publish(writer, folder)
            except OSError as exc:
                raise StoreError(f"{folder}: cannot publish a snapshot: {exc}") from exc
            finally:
                del writer
    return _open(folder, _newest_snapshot)


def _newest_snapshot(location: str) -> ox.Store:
    store = snapshots.open_newest(Path(location))
    if store is None:
        if snapshots.unfinished(Path(location)):
            raise StoreError(f"{location}: the last build did not finish, and none did before "
                             "it; run `kg build` again")
        raise StoreLockedError(f"{location}: another kg process is writing this store for the "
                               "first time; wait for it to finish")
    return store


def newer_snapshot(store: ox.Store, path: str | os.PathLike[str] | None = None) -> ox.Store | None:
    """For a long-running reader of ``path``: the newest snapshot, opened, when a writer has
    published one since ``store`` was opened; None otherwise (or for other stores)."""
    current = snapshots.snapshot_of(store)
    if current is None or snapshots.newest(Path(resolve_store_path(path))) in (None, current):
        return None
    return open_store(path, read_only=True)


def close_reader(store: ox.Store) -> None:
    """Let go of the snapshot a read-only ``store`` reads (no-op for other stores)."""
    snapshots.release(store)


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
    """Open the store for the duration of a ``with`` block.

    A writer's work is flushed and published as the readers' snapshot when the block ends
    without an exception; a reader lets go of its snapshot.
    """
    store = open_store(path, read_only=read_only)
    try:
        yield store
        if not read_only:
            store.flush()
            location = resolve_store_path(path)
            if location != MEMORY:
                snapshots.publish(store, Path(location))
    finally:
        close_reader(store)
        del store
