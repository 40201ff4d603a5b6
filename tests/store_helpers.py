"""Helpers the build tests share: what a built store says."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pyoxigraph as ox

from kg.store import opened_store
from kg.store.journal import JOURNAL, LINES
from kg.store.page_lines import lines_digest

ROOT = Path(__file__).resolve().parents[1]


def child_env() -> dict[str, str]:
    """The environment for a child Python process that must import the ``kg`` under test
    (this checkout), whatever its working directory and whichever checkout the virtualenv
    installed."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def article_links(store: ox.Store) -> dict[str, str]:
    """Each article's file name, with the IRI of the project it is linked to."""
    query = ("SELECT ?path ?project WHERE { ?page <https://kg.example.org/iom/ontology#"
             "mentionsProject> ?project ; <https://kg.example.org/iom/ontology#sourcePath> "
             "?path }")
    return {Path(row["path"].value).name: row["project"].value  # type: ignore[index]
            for row in store.query(query, use_default_graph_as_union=True)}


def plant_lines(store_path: Path, graph: str, digest: str, lines: bytes) -> None:
    """Put ``lines``, which the store does not hold, in the page-lines file in place of the
    entry ``digest`` of ``graph``, keyed right, and give ``graph`` their digest in the journal:
    what reads the file then shows them, what reads the store does not."""
    with sqlite3.connect(store_path / "page-lines.sqlite") as db:
        db.execute("UPDATE page_lines SET digest = ?, lines = ? WHERE digest = ?",
                   (lines_digest(lines), lines, digest))
    with opened_store(store_path) as store:
        store.update(f"DELETE DATA {{ GRAPH {JOURNAL} {{ <{graph}> {LINES} \"{digest}\" }} }} ;"
                     f"INSERT DATA {{ GRAPH {JOURNAL} {{ <{graph}> {LINES} "
                     f"\"{lines_digest(lines)}\" }} }}")
