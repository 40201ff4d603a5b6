"""Pages moved to another path: their graphs keep every triple but the path.

A page graph is named by the page's bytes (B/page/{sha256[:16]}) and says where it was read
from (``<g> iom:sourcePath "…"``). When the same bytes are found under another path (a
renamed or moved file, a pages folder moved, a build run from another working directory),
only that triple changes: it is rewritten in place, with no parsing and no other quad touched,
and the graph's page lines (kg.store.page_lines) get the new path too. A graph that stood at
the new path until now, for a page that is gone, is dropped with the move. A thousand pages go
in one transaction, which also journals them (and the working directory the new path is
relative to, kg.store.working_dirs), so a build killed midway leaves each page at its old path or
its new one. The journal lists a moved graph as moved (``j:moved``), so
validation keeps its results and re-checks only what reads its path (kg.validate.incremental).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import pyoxigraph as ox

from kg.store.graphs import StoredPage
from kg.store.journal import SOURCE_PATH, Change, digest_data, digests_of, lines_update
from kg.store.page_lines import PageLines, lines_digest
from kg.store.working_dirs import WorkingDirs

MOVES_PER_TRANSACTION = 1_000


@dataclass(frozen=True)
class PageMove:
    """A stored page graph found under another path."""

    graph: ox.NamedNode
    old_path: str
    new_path: str
    displaced: ox.NamedNode | None = None
    """The graph stored under ``new_path`` until now, dropped with the move (the page that
    was there is gone), unless it moves too."""


def displacing(moves: list[PageMove], known: Mapping[str, StoredPage]) -> list[PageMove]:
    """``moves``, each with the graph it displaces from its new path (``known``: the stored
    page graphs by path), if that graph does not move elsewhere itself."""
    moving = {move.graph for move in moves}
    found: list[PageMove] = []
    for move in moves:
        there = known.get(move.new_path)
        if there is not None and there.graph not in moving:
            move = replace(move, displaced=there.graph)
        found.append(move)
    return found


def path_line(graph: ox.NamedNode, path: str) -> bytes:
    """The N-Triples line saying ``graph`` was read from ``path``."""
    return f"{graph} {SOURCE_PATH} {ox.Literal(path)} .\n".encode()


def moved_lines(lines: bytes, move: PageMove) -> bytes | None:
    """A page graph's lines with the new path in place of the old one; None when they do not
    hold the old path's line."""
    old = path_line(move.graph, move.old_path)
    rows = lines.splitlines(keepends=True)
    if old not in rows:
        return None
    rows[rows.index(old)] = path_line(move.graph, move.new_path)
    return b"".join(rows)


def _moved_entries(moves: Sequence[PageMove], old: list[str | None],
                   page_lines: PageLines | None) -> list[tuple[str, bytes] | None]:
    """Each moved graph's new lines with their digest; None where the file lacks its old ones
    (the graph then gets no digest, and exports read it from the store)."""
    kept = page_lines.get_many({d for d in old if d}) if page_lines is not None else {}
    entries: list[tuple[str, bytes] | None] = []
    for move, digest in zip(moves, old, strict=True):
        lines = kept.get(digest) if digest else None
        new = moved_lines(lines, move) if lines is not None else None
        entries.append((lines_digest(new), new) if new is not None else None)
    return entries


def _path_triples(moves: Sequence[PageMove], new: bool) -> str:
    return " ".join(
        f"GRAPH {move.graph} {{ {move.graph} {SOURCE_PATH} "
        f"{ox.Literal(move.new_path if new else move.old_path)} }}" for move in moves)


def _chunks(moves: Sequence[PageMove]) -> Iterator[Sequence[PageMove]]:
    for start in range(0, len(moves), MOVES_PER_TRANSACTION):
        yield moves[start:start + MOVES_PER_TRANSACTION]


def move_pages(store: ox.Store, moves: Sequence[PageMove], *, change: Change,
               page_lines: PageLines | None, dirs: WorkingDirs | None = None) -> None:
    """Give each moved page graph its new path, a thousand graphs a transaction (with this
    build's working directory, ``dirs``)."""
    for chunk in _chunks(moves):
        graphs = [move.graph for move in chunk]
        old = digests_of(store, graphs)
        entries = _moved_entries(chunk, old, page_lines)
        if page_lines is not None:
            page_lines.put(entry for entry in entries if entry is not None)
        new = [entry[0] if entry else None for entry in entries]
        gone = [move.displaced for move in chunk if move.displaced is not None]
        drops = "".join(f"DROP SILENT GRAPH {dropped} ;\n{lines_update({dropped: None})} ;\n"
                        for dropped in gone)
        if dirs is not None and (paths := dirs.update([*gone, *graphs], written=graphs)):
            drops += paths + " ;\n"
        store.update(
            f"{drops}DELETE DATA {{ {_path_triples(chunk, new=False)} "
            f"{digest_data(zip(graphs, old, strict=True))} }} ;\n"
            f"INSERT DATA {{ {_path_triples(chunk, new=True)} "
            f"{digest_data(zip(graphs, new, strict=True))} }} ;\n"
            + change.insert([*gone, *graphs], moved=graphs))
