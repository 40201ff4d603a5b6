"""Each page graph's N-Triples lines, kept in a file beside the store's tables, for exports.

Reading a graph back out of Oxigraph costs one id-to-string lookup per term: about 10 µs a line
on a 100k-page store, most of an export's time. A build already has every page's triples as
text, so it keeps them: each page's lines, in an SQLite file in the store folder
(``page-lines.sqlite``), keyed by their digest (88 bits of their sha256, in 15 characters:
Oxigraph keeps a string that short inside its ids, so reading 100,000 of them back costs no
look-up), and the digest beside the page's graph in the store's journal (kg.store.journal),
written in the same bulk load or transaction as the graph.
The store thus says which lines each graph holds, and the file, keyed by content, never gives
a graph lines it does not hold: an entry that is missing (a store built by an older kg, a
build killed before it wrote the file, the file deleted) or whose bytes no longer hash to their
key is read from the store instead (kg.export). The file is a cache: deleting it loses nothing.

The lines are those Oxigraph writes for the same triples (kg.mapping.terms writes canonical
literals and escapes as Oxigraph does), so the same triples give the same lines and the same
export bytes whichever way they are read.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

FILE_NAME = "page-lines.sqlite"
BUSY_SECONDS = 60.0
"""How long a writer waits for an export reading the file (and the other way round)."""
_SCHEMA = "CREATE TABLE IF NOT EXISTS page_lines (digest TEXT PRIMARY KEY, lines BLOB NOT NULL)"


def page_ntriples(nquads: str, graph: str) -> bytes:
    """The N-Triples lines of one page's N-Quads, all in the graph ``graph`` (an N-Triples
    IRI), in their order (a literal holds no line break, so only line ends match)."""
    return nquads.replace(f" {graph} .\n", " .\n").encode("utf-8")


def page_nquads(lines: bytes, graph: str) -> bytes:
    """The N-Quads of one page's N-Triples ``lines`` in the graph ``graph`` (an N-Triples IRI):
    the inverse of ``page_ntriples``."""
    return lines.replace(b" .\n", f" {graph} .\n".encode())


def lines_digest(lines: bytes) -> str:
    """The key of ``lines``: the first 88 bits of their sha256, base64url (15 characters)."""
    return base64.urlsafe_b64encode(hashlib.sha256(lines).digest()[:11]).decode("ascii")[:15]


class PageLines:
    """The page-lines file of one store: lines by digest. Every SQLite error leaves the
    cache unused for the rest of the process (callers then read the store)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._broken = False

    @classmethod
    def of_store(cls, store_path: str | Path) -> PageLines:
        """The page-lines file in the store folder ``store_path``."""
        return cls(Path(store_path) / FILE_NAME)

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None and not self._broken:
            try:
                connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS,
                                             check_same_thread=False, isolation_level=None)
                # A rollback journal writes the lines once (WAL, twice); not waiting for the
                # disk after each batch leaves the file whole when kg is killed, and a file
                # damaged by a power cut reads as missing or unmatched entries.
                connection.execute("PRAGMA journal_mode=DELETE")
                connection.execute("PRAGMA synchronous=OFF")
                connection.execute(_SCHEMA)
                self._connection = connection
            except sqlite3.Error:
                self._broken = True
        return self._connection

    def _run(self, action: str, rows: list[tuple[str | bytes, ...]] | None = None,
             params: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one statement (for each of ``rows``, in one transaction, when given); its rows."""
        with self._lock:
            connection = self._connect()
            if connection is None:
                return []
            try:
                if rows is not None:
                    with connection:
                        connection.execute("BEGIN")
                        connection.executemany(action, rows)
                    return []
                return connection.execute(action, params).fetchall()
            except sqlite3.Error:
                self._broken = True
                return []

    def start_afresh_if_unreadable(self) -> bool:
        """Remove the file when SQLite finds it is no database or a malformed one, and start
        an empty one (it holds copies of what the store holds); True when it did. A file that
        cannot be opened for another reason (locked, no permission) is left as it is."""
        with self._lock:
            if self._connect() is not None or not self.path.exists():
                return False
            try:
                with contextlib.closing(sqlite3.connect(self.path)) as probe:
                    if probe.execute("PRAGMA quick_check").fetchall() == [("ok",)]:
                        return False
            except sqlite3.DatabaseError as exc:
                if not any(word in str(exc) for word in ("not a database", "malformed")):
                    return False
            try:
                for leftover in (self.path, self.path.with_name(self.path.name + "-journal")):
                    leftover.unlink(missing_ok=True)
            except OSError:
                return False
            self._broken = False
            return self._connect() is not None

    @property
    def usable(self) -> bool:
        """True when SQLite opens the file (none of its errors so far)."""
        with self._lock:
            return self._connect() is not None

    def digests(self) -> set[str]:
        """The digest of every entry (the lines are not read)."""
        return {row[0] for row in self._run("SELECT digest FROM page_lines")}

    def put(self, entries: Iterable[tuple[str, bytes]]) -> None:
        """Keep ``(digest, lines)`` entries (entries already kept stay as they are)."""
        rows: list[tuple[str | bytes, ...]] = list(entries)
        if rows:
            self._run("INSERT OR IGNORE INTO page_lines (digest, lines) VALUES (?, ?)", rows)

    def get(self, digest: str) -> bytes | None:
        """The lines kept under ``digest``; None when none are, or they do not hash to it."""
        return self.get_many({digest}).get(digest)

    def get_many(self, digests: set[str]) -> dict[str, bytes]:
        """The lines kept under each of ``digests`` that hash to it (one query per 500: older
        SQLite takes at most 999 parameters)."""
        wanted = sorted(digests)
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):
            part = tuple(wanted[start:start + 500])
            rows = self._run("SELECT digest, lines FROM page_lines WHERE digest IN "
                             f"({', '.join('?' * len(part))})", params=part)
            found.update((digest, bytes(lines)) for digest, lines in rows
                         if lines_digest(lines) == digest)
        return found

    def scan(self, digests: set[str]) -> Iterator[tuple[str, bytes]]:
        """``(digest, lines)`` of every entry in ``digests`` whose lines hash to it, in the
        file's order (one pass over the file: cheaper than a look-up per entry)."""
        with self._lock:
            connection = self._connect()
            if connection is None:
                return
            try:
                rows = connection.execute("SELECT digest, lines FROM page_lines").fetchmany
                while batch := rows(256):
                    yield from ((digest, lines) for digest, lines in batch
                                if digest in digests and lines_digest(lines) == digest)
            except sqlite3.Error:
                self._broken = True

    def count(self) -> int:
        """How many entries the file holds."""
        rows = self._run("SELECT COUNT(*) FROM page_lines")
        return int(rows[0][0]) if rows else 0

    def keep_only(self, digests: set[str]) -> int:
        """Drop every entry whose digest is not in ``digests``; return how many went."""
        gone: list[tuple[str | bytes, ...]] = [
            (digest,) for digest in sorted(self.digests() - digests)]
        if gone:
            self._run("DELETE FROM page_lines WHERE digest = ?", gone)
        return len(gone)

    def close(self) -> None:
        """Close the file (it is opened again when used again)."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
