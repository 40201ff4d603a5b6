"""Pages moved to another path: their graphs keep every triple but the path.

A page graph is named by the page's bytes (B/page/{sha256[:16]}) and says where it was read
from (``<g> iom:sourcePath "…"``). When the same bytes are found under another path (a
renamed or moved file, a pages folder moved, a build run from another working directory),
only that triple changes: it is rewritten in place, with no parsing and no other quad touched,
and the graph's page lines (kg.store.page_lines) get the new path too. A graph that stood at
the new path until now, for a page that is gone, is dropped with the move. A thousand pages go
in one transaction, which also journals them, so a build killed midway leaves each page at its
old path or its new one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import pyoxigraph as ox

from kg.store.graphs import StoredPage
from kg.store.journal import JOURNAL, LINES, SOURCE_PATH, Change, lines_update
from kg.store.page_lines import PageLines, lines_digest

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


def _digests(store: ox.Store, graphs: Sequence[ox.NamedNode]) -> dict[str, str]:
    values = " ".join(str(graph) for graph in graphs)
    query = (f"SELECT ?g ?d WHERE {{ VALUES ?g {{ {values} }} "
             f"GRAPH {JOURNAL} {{ ?g {LINES} ?d }} }}")
    return {row["g"].value: row["d"].value for row in store.query(query)}  # type: ignore[union-attr]


def _new_lines(store: ox.Store, moves: Sequence[PageMove],
               page_lines: PageLines | None) -> dict[ox.NamedNode, tuple[str, bytes] | None]:
    """Each moved graph's new lines and their digest; None where the file lacks the old ones
    (the graph then has no digest, and exports read it from the store)."""
    found: dict[ox.NamedNode, tuple[str, bytes] | None] = {move.graph: None for move in moves}
    if page_lines is None:
        return found
    digests = _digests(store, [move.graph for move in moves])
    for move in moves:
        digest = digests.get(move.graph.value)
        old = page_lines.get(digest) if digest else None
        new = moved_lines(old, move) if old is not None else None
        if new is not None:
            found[move.graph] = (lines_digest(new), new)
    return found


def _path_triples(moves: Sequence[PageMove], new: bool) -> str:
    return " ".join(
        f"GRAPH {move.graph} {{ {move.graph} {SOURCE_PATH} "
        f"{ox.Literal(move.new_path if new else move.old_path)} }}" for move in moves)


def _chunks(moves: Sequence[PageMove]) -> Iterator[Sequence[PageMove]]:
    for start in range(0, len(moves), MOVES_PER_TRANSACTION):
        yield moves[start:start + MOVES_PER_TRANSACTION]


def move_pages(store: ox.Store, moves: Sequence[PageMove], *, change: Change,
               page_lines: PageLines | None) -> None:
    """Give each moved page graph its new path, a thousand graphs a transaction."""
    for chunk in _chunks(moves):
        lines = _new_lines(store, chunk, page_lines)
        if page_lines is not None:
            page_lines.put(entry for entry in lines.values() if entry is not None)
        digests = {graph: entry[0] if entry else None for graph, entry in lines.items()}
        gone = [move.displaced for move in chunk if move.displaced is not None]
        digests.update((graph, None) for graph in gone)
        drops = "".join(f"DROP SILENT GRAPH {graph} ;\n" for graph in gone)
        store.update(f"{drops}DELETE DATA {{ {_path_triples(chunk, new=False)} }} ;\n"
                     f"INSERT DATA {{ {_path_triples(chunk, new=True)} }} ;\n"
                     f"{lines_update(digests)} ;\n"
                     + change.insert([*digests]))
