"""`kg build`: parse pages, map them to triples and load each page into its own named graph.

A page's graph is replaced whole, in one transaction, when its bytes change; unchanged pages are
skipped; ``prune`` drops the graphs of pages whose file is gone. Re-building the same pages leaves
the same graph.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from kg.errors import DataError
from kg.mapping import map_record, mint_page_iri, ontology_quads
from kg.namespaces import DEFAULT_BASE
from kg.parse import parse_paths
from kg.records import ParseIssue, Record
from kg.store.graphs import (
    builds_graph,
    existing_pages,
    ontology_graph,
    record_build,
    replace_graph,
)
from kg.store.links import relink

BATCH_QUADS = 200_000
Progress = Callable[[int], None]


@dataclass
class BuildSummary:
    """What a build did, for the summary line and the exit code."""

    pages: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    pruned: int = 0
    projects: int = 0
    news: int = 0
    quads: int = 0
    errors: list[DataError] = field(default_factory=list)
    issues: list[tuple[str, ParseIssue]] = field(default_factory=list)

    @property
    def has_data_problems(self) -> bool:
        """True when a page could not be read or a parse issue of error level was reported."""
        return bool(self.errors) or any(i.severity == "error" for _, i in self.issues)

    def line(self) -> str:
        """One-line summary for people."""
        return (
            f"{self.pages} pages ({self.projects} projects, {self.news} news): "
            f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
            f"{self.pruned} pruned; {self.quads} quads written; "
            f"{len(self.errors)} unreadable, {len(self.issues)} issues"
        )


def _unique_by_content(records: Sequence[Record], summary: BuildSummary) -> list[Record]:
    """Keep the first page of each distinct content; report the copies."""
    seen: dict[str, str] = {}
    unique: list[Record] = []
    for record in records:
        first = seen.setdefault(record.source.sha256, record.source.path)
        if first == record.source.path:
            unique.append(record)
        else:
            summary.issues.append((record.source.path, ParseIssue(
                "page", f"same content as {first}; loaded once", severity="warning")))
    return unique


def build(
    store: ox.Store,
    paths: Iterable[str | os.PathLike[str]],
    base: str = DEFAULT_BASE,
    *,
    prune: bool = False,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> BuildSummary:
    """Parse ``paths`` and bring the store up to date with them; return what was done."""
    summary = BuildSummary()
    parsed = parse_paths(paths, jobs=jobs)
    summary.errors.extend(parsed.errors)
    records = _unique_by_content(parsed.records, summary)
    summary.pages = len(records)
    for record in records:
        summary.issues.extend((record.source.path, issue) for issue in record.issues)
        if record.kind == "project":
            summary.projects += 1
        else:
            summary.news += 1

    known = existing_pages(store)
    batch: list[ox.Quad] = []
    for record in records:
        graph = mint_page_iri(record.source.sha256, base)
        previous = known.get(record.source.path)
        if previous is not None and previous.graph == graph:
            summary.unchanged += 1
        else:
            quads = map_record(record, base)
            summary.quads += len(quads)
            if previous is not None or graph.value in known.graph_iris:
                old = previous.graph if previous is not None else graph
                replace_graph(store, old, graph, quads)
                summary.replaced += 1
            else:
                batch.extend(quads)
                summary.added += 1
                if len(batch) >= BATCH_QUADS:
                    store.extend(batch)  # one transaction: whole pages only
                    batch = []
        if progress:
            progress(1)
    if batch:
        store.extend(batch)

    if prune:
        for path, page in sorted(known.items()):
            if not Path(path).exists():
                store.remove_graph(page.graph)
                summary.pruned += 1

    onto = ontology_graph(base)
    replace_graph(store, onto, onto, ontology_quads(onto))
    relink(store, base)
    record_build(store, builds_graph(base), base, datetime.now(UTC), summary.pages, summary.quads)
    return summary
