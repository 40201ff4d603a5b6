"""Snapshots: what readers open, so that reading never races a write.

RocksDB, under Oxigraph, calls a read-only open of a store that another process writes undefined
behaviour, and it is not safe in practice: a reader that opens while the writer compacts finds
files listed in the MANIFEST already deleted ("Corruption: … .sst: No such file"). So readers do
not open the store itself. A writer that finishes publishes a snapshot of it, a RocksDB
checkpoint (hard links to the immutable table files: milliseconds, no copy) in
``<store>/snapshots/<number>``, and readers open the newest snapshot read-only. A snapshot is
never written after it is published, so a reader sees the store as the last finished write left
it, whatever a writer is doing meanwhile.

A reader holds a shared ``flock`` on its snapshot's lock file for as long as it reads; a writer
deletes an older snapshot only when it can lock that file exclusively, so no snapshot in use
disappears. A writer marks the store as written (``snapshots/WRITING``) as soon as it opens it;
a reader finding the mark with no writer left (a library caller that did not publish) publishes
first, so it never reads a stale snapshot of an idle store. But not a build that did not finish
(killed midway, or stopped by an error; kg.store.graphs.unfinished_build): the store then holds
some of its pages and the graphs derived from the pages before it, and the newest snapshot is
the last build that finished. The reader marks the store so (``snapshots/UNFINISHED``, which
the next writer to open it removes), and readers go on reading that snapshot until a build
finishes; with none, they are refused.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

SNAPSHOTS = "snapshots"
WRITING = "WRITING"
UNFINISHED = "UNFINISHED"
READER_LOCK = "kg-reader.lock"


def snapshots_dir(folder: Path) -> Path:
    """Where the snapshots of the store in ``folder`` live."""
    return folder / SNAPSHOTS


def mark_writing(folder: Path) -> None:
    """Note that a writer has the store open: its newest snapshot may be out of date."""
    snapshots = snapshots_dir(folder)
    snapshots.mkdir(exist_ok=True)
    (snapshots / WRITING).touch()
    (snapshots / UNFINISHED).unlink(missing_ok=True)


def mark_unfinished(folder: Path) -> None:
    """Note that the store's last build did not finish, so that readers go on reading the
    newest snapshot without looking again. Call holding the store's write lock."""
    (snapshots_dir(folder) / UNFINISHED).touch()


def unfinished(folder: Path) -> bool:
    """True when a reader found that the store's last build did not finish, and no writer
    has opened it since."""
    return (snapshots_dir(folder) / UNFINISHED).exists()


def needs_publishing(folder: Path) -> bool:
    """True when the store has been opened for writing since its newest snapshot, or has none,
    unless its last build is known not to have finished (there is nothing to publish then)."""
    if unfinished(folder):
        return False
    return (snapshots_dir(folder) / WRITING).exists() or newest(folder) is None


def _numbered(folder: Path) -> list[Path]:
    """The published snapshots, oldest first."""
    snapshots = snapshots_dir(folder)
    if not snapshots.is_dir():
        return []
    return sorted((p for p in snapshots.iterdir() if p.name.isdigit()),
                  key=lambda p: int(p.name))


def newest(folder: Path) -> Path | None:
    """The newest published snapshot of the store in ``folder``, if any."""
    numbered = _numbered(folder)
    return numbered[-1] if numbered else None


def publish(store: ox.Store, folder: Path) -> Path:
    """Publish the writable ``store`` (at ``folder``) as its newest snapshot; return it.

    Call holding the store's write lock. Deletes the older snapshots no reader holds, and what
    an interrupted publication left.
    """
    snapshots = snapshots_dir(folder)
    snapshots.mkdir(exist_ok=True)
    for leftover in snapshots.glob(".*"):
        shutil.rmtree(leftover, ignore_errors=True)
    numbered = _numbered(folder)
    number = int(numbered[-1].name) + 1 if numbered else 1
    partial = snapshots / f".{number}.partial"
    store.backup(str(partial))
    (partial / READER_LOCK).touch()
    published = snapshots / f"{number:08d}"
    os.rename(partial, published)
    (snapshots / WRITING).unlink(missing_ok=True)
    (snapshots / UNFINISHED).unlink(missing_ok=True)
    for older in numbered:
        _delete_unless_read(older)
    return published


def _locked(snapshot: Path, *, exclusive: bool) -> int | None:
    """A descriptor of ``snapshot``'s lock file holding a shared or exclusive lock on it; None
    when the snapshot is gone or another process holds a lock that excludes ours."""
    lock = snapshot / READER_LOCK
    try:
        descriptor = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(descriptor, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    if not lock.exists():  # renamed away for deletion between our open and our lock
        os.close(descriptor)
        return None
    return descriptor


def _delete_unless_read(snapshot: Path) -> bool:
    """Delete ``snapshot`` unless a reader holds it; True when deleted."""
    descriptor = _locked(snapshot, exclusive=True)
    if descriptor is None:
        return False
    try:
        doomed = snapshot.with_name(f".{snapshot.name}.deleting")
        os.rename(snapshot, doomed)
        shutil.rmtree(doomed, ignore_errors=True)
    finally:
        os.close(descriptor)
    return True


@dataclass(frozen=True)
class _Held:
    snapshot: Path
    descriptor: int
    store: ox.Store
    """The reader itself, kept until ``release``: its ``id`` is the key, and another Store
    taking that id once it is gone (an in-memory one) would pass for a reader of the snapshot."""


_held: dict[int, _Held] = {}
"""The snapshot each open reader holds, by ``id`` of its Store (Stores take no attributes nor
weak references)."""


def open_newest(folder: Path) -> ox.Store | None:
    """The newest snapshot opened read-only and held until ``release``; None when there is none.

    Raises OSError when the snapshot cannot be opened.
    """
    for _ in range(8):  # a snapshot may be deleted between listing and locking: list again
        snapshot = newest(folder)
        if snapshot is None:
            return None
        store = open_snapshot(snapshot)
        if store is not None:
            return store
    return None


def open_snapshot(snapshot: Path) -> ox.Store | None:
    """``snapshot`` opened read-only and held until ``release``; None when it is gone or being
    deleted.

    Raises OSError when the snapshot cannot be opened.
    """
    descriptor = _locked(snapshot, exclusive=False)
    if descriptor is None:
        return None
    try:
        store = ox.Store.read_only(str(snapshot))
    except BaseException:
        os.close(descriptor)
        raise
    _held[id(store)] = _Held(snapshot, descriptor, store)
    return store


def snapshot_of(store: ox.Store) -> Path | None:
    """The snapshot a reader opened by ``open_newest`` reads; None for other stores."""
    held = _held.get(id(store))
    return held.snapshot if held is not None and held.store is store else None


def read_past_unfinished(store: ox.Store) -> bool:
    """True when the reader ``store`` reads the last build that finished of a store whose
    build after it did not finish."""
    snapshot = snapshot_of(store)
    return snapshot is not None and unfinished(snapshot.parent.parent)


def release(store: ox.Store) -> None:
    """Let go of the snapshot ``store`` reads, so a writer may delete it once it is closed."""
    held = _held.pop(id(store), None)
    if held is not None:
        os.close(held.descriptor)
