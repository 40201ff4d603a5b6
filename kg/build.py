"""`kg build`: parse pages, map them to triples and load each page into its own named graph.

A page's graph is replaced whole, in one transaction, when its bytes change; unchanged pages
(same path, same bytes) are skipped before they are parsed; ``prune`` drops the graphs of pages
whose file is gone. A page moved to another path (or a folder moved, or a build run from
another working directory: paths are stored relative to it, kg.store.working_dirs) keeps its
graph with only the path rewritten, without being parsed again (kg.store.page_moves).
Re-building the same pages leaves the same graph. A build by another mapping version (other
parser, mapping or reference tables, kg.mapping.version) maps every page again and replaces the
graphs that come out different, so a store never keeps what older code made of a page.

Worker processes read, parse and map the pages (``map_page_file``) and send back each page's
N-Triples lines; this process only decides what each page needs and loads. New pages go to the
store in batches of whole pages through Oxigraph's bulk loader (kg.store.bulk_load), on a
thread of their own so that loading overlaps parsing, and on a second one once every page is
read. A bulk load is atomic: Oxigraph writes the batch to SST files and ingests them all in one
RocksDB ``IngestExternalFiles`` call, recorded in one MANIFEST edit, so a build killed midway
leaves whole pages or nothing of a batch. Changed pages are replaced in one transaction
each. Every graph written or dropped is named in the store's journal (kg.store.journal) in the
same bulk load or transaction, with the digest of each page graph's N-Triples lines; the lines
themselves go to the store's page-lines file (kg.store.page_lines), which exports read.
The news-to-project links are recomputed over the whole store unless this build added no page,
dropped none, changed no project's title, years or Prima ID and no project name a news page
uses, and the one before it finished (relinking reads every project: at 100k pages it was about
half of a build after 100 changed pages); a news page whose text changed but whose project names
did not has its links moved to its new IRI instead (kg.store.links.rename_linked_pages). The
budget statistics
(kg.mapping.statistics) are recomputed unless it added no project page, dropped no page and
left the projects, types, regions, years, member states and budgets of the pages it replaced
as they were.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial

import pyoxigraph as ox

from kg.errors import DataError, UsageError
from kg.mapping import (
    map_record_nquads,
    mint_page_iri,
    normalise_base,
    ontology_quads,
    statistics_graph,
)
from kg.mapping.iris import page_iri
from kg.mapping.statistics import statistics_facts
from kg.mapping.terms import parse_nquads
from kg.mapping.version import mapping_version
from kg.namespaces import DEFAULT_BASE
from kg.parse import ParseFailure, map_page_files, page_files, parse_page
from kg.records import Kind, ParseIssue
from kg.sources import PageFile, file_sha256, named_html, read_source
from kg.store.bulk_load import BulkLoader, LinesKeeper, PageBatch
from kg.store.graph_lines import tidy_page_lines
from kg.store.graphs import (
    PageIndex,
    builds_graph,
    drop_graph,
    existing_pages,
    graph_exists,
    graph_holds,
    last_build,
    news_page_graphs,
    ontology_graph,
    record_build,
    replace_graph,
)
from kg.store.journal import (
    Change,
    latest_change,
    named_graph_count,
    note_graph_count,
    noted_graph_count,
    start_change,
    trim,
    wrote,
)
from kg.store.links import (
    kept_conflicts,
    mention_link_facts,
    project_link_facts,
    refresh_derived,
    rename_linked_pages,
)
from kg.store.page_lines import PageLines, lines_digest, page_nquads, page_ntriples
from kg.store.page_moves import PageMove, displacing, move_pages
from kg.store.working_dirs import WorkingDirs

BATCH_QUADS = 1_000_000
"""The most quads a bulk load of new pages takes (kg.store.bulk_load.PageBatch)."""
Progress = Callable[[int], None]


@dataclass
class BuildSummary:
    """What a build did, for the summary line and the exit code."""

    pages: int = 0
    added: int = 0
    replaced: int = 0
    moved: int = 0
    unchanged: int = 0
    pruned: int = 0
    projects: int = 0
    news: int = 0
    quads: int = 0
    errors: list[DataError] = field(default_factory=list)
    issues: list[tuple[str, ParseIssue]] = field(default_factory=list)
    remapped_from: str | None = None
    """The mapping version of the previous build, when this build mapped every page again
    ("" when that build recorded none)."""
    links_changed: bool = False
    """Whether this build changed what news-to-project links are computed from."""
    statistics_changed: bool = False
    """Whether this build changed what the budget statistics are computed from."""
    renamed: dict[ox.NamedNode, ox.NamedNode] = field(default_factory=dict)
    """Replaced pages (old graph -> new) that name the same projects alike: unless the links
    change anyway, their links only move to the new IRI."""

    @property
    def has_data_problems(self) -> bool:
        """True when a page could not be read or a parse issue of error level was reported."""
        return bool(self.errors) or any(i.severity == "error" for _, i in self.issues)

    def line(self) -> str:
        """One-line summary for people."""
        return (
            f"{self.pages} pages ({self.projects} projects, {self.news} news): "
            f"{self.added} added, {self.replaced} replaced, {self.moved} moved, "
            f"{self.unchanged} unchanged, "
            f"{self.pruned} pruned; {self.quads} quads written; "
            f"{len(self.errors)} unreadable, {len(self.issues)} issues"
        )

    def remap_note(self) -> str | None:
        """Why every page was mapped again, when it was."""
        if self.remapped_from is None:
            return None
        before = f"version {self.remapped_from}" if self.remapped_from else "an older version"
        return (f"the store was mapped by {before} of the parser and mapping, this build by "
                f"version {mapping_version()}: every page was mapped again, and the "
                f"{self.replaced} that came out different were replaced")


@dataclass(frozen=True)
class MappedPage:
    """One page read, parsed and mapped: what the build needs of it, and its quads as text."""

    path: str
    sha256: str
    kind: Kind
    issues: list[ParseIssue]
    lines: bytes
    """The page's N-Triples lines (kg.store.page_lines); sent alone, since its N-Quads are the
    same lines in its graph (``nquads``)."""
    digest: str
    """Their digest (kg.store.page_lines.lines_digest)."""

    @property
    def quad_count(self) -> int:
        """How many quads the page has (one line each)."""
        return self.lines.count(b"\n")

    def nquads(self, graph: ox.NamedNode) -> bytes:
        """The page's quads as N-Quads in ``graph``, its page IRI."""
        return page_nquads(self.lines, str(graph))


def map_page_file(file: PageFile, base: str) -> MappedPage | ParseFailure:
    """Read, parse and map one page file (runs in the build's worker processes)."""
    try:
        record = parse_page(read_source(file.path, file.shown))
    except DataError as exc:
        return ParseFailure.of(exc)
    nquads = map_record_nquads(record, base)
    lines = page_ntriples(nquads, str(mint_page_iri(record.source.sha256, base)))
    return MappedPage(record.source.path, record.source.sha256, record.kind, record.issues,
                      lines, lines_digest(lines))


def build(
    store: ox.Store,
    paths: Iterable[str | os.PathLike[str]],
    base: str = DEFAULT_BASE,
    *,
    prune: bool = False,
    progress: Progress | None = None,
    jobs: int | None = None,
    page_lines: PageLines | None = None,
) -> BuildSummary:
    """Parse ``paths`` and bring the store up to date with them; return what was done.

    ``page_lines`` is the store's page-lines file, which the build keeps up to date."""
    base = normalise_base(base)
    summary = BuildSummary()
    paths = list(paths)
    built = last_build(store)
    if built is not None and built.base != base:
        raise UsageError(f"this store was built with base IRI {built.base}; build it with "
                         f"--base {built.base}, or build base {base} into another store")
    if page_lines is not None and page_lines.start_afresh_if_unreadable():
        summary.issues.append((str(page_lines.path), ParseIssue(
            "page-lines", "SQLite could not read the store's page-lines file (a copy of each "
            "page graph's lines, which exports read): it was started afresh and filled from "
            "the store", severity="warning")))
    here = os.getcwd()  # what the paths of page_files are relative to
    files = page_files(paths, summary.errors)
    unread = {error.path for error in summary.errors}  # paths missing or holding no page
    known = existing_pages(store)
    dirs = WorkingDirs.of_store(store, here, known.graph_iris)
    recorded = built.mapping if built is not None else None
    if known and recorded != mapping_version():
        summary.remapped_from = recorded or ""
    remap = summary.remapped_from is not None
    first_path: dict[str, str] = {}  # sha256 -> the first path with that content
    moves: list[PageMove] = []
    if not remap:
        files, moves = _changed_files(store, files, base, known, first_path, dirs, summary,
                                      progress)
    last = latest_change(store)
    # The links are recomputed unless the last build finished (it logged itself last) and
    # this one leaves every news page and every project's title, years and Prima ID as they were.
    unfinished = last is None or not wrote(store, last, builds_graph(base))
    # ... and unless no other tool added or dropped a graph since, whose triples the links
    # and the statistics read (the union of all graphs).
    others = last is not None and noted_graph_count(store, last) != named_graph_count(store)
    summary.links_changed = summary.statistics_changed = remap or unfinished or others
    change = start_change(store, build=True)
    move_pages(store, moves, change=change, page_lines=page_lines, dirs=dirs)
    if any(move.displaced for move in moves):  # a page moved onto the path of one now gone
        summary.links_changed = summary.statistics_changed = True
    moved = {move.graph.value for move in moves}
    keeper = LinesKeeper(store, page_lines)
    with BulkLoader(store) as loader:
        batch = PageBatch(loader, change, dirs, BATCH_QUADS)
        for page in map_page_files(partial(map_page_file, base=base), files, jobs=jobs):
            if isinstance(page, ParseFailure):
                summary.errors.append(page.error())
            elif (first := first_path.setdefault(page.sha256, page.path)) != page.path:
                summary.issues.append((page.path, ParseIssue(
                    "page", f"same content as {first}; loaded once", severity="warning")))
            else:
                _take_page(store, page, base, known, batch, keeper, dirs, summary, change,
                           remap=remap, moved=moved)
            if progress:
                progress(1)
        loader.finishing()
        batch.flush()
        keeper.flush()
        loader.close()
    dirs.relocate(store)
    summary.errors.sort(key=lambda error: error.path or "")

    if prune:
        taken = {mint_page_iri(sha256, base).value for sha256 in first_path}
        _prune(store, known, taken, paths, unread, dirs, summary, change)

    onto = ontology_graph(base)
    replace_graph(store, onto, onto, ontology_quads(onto), change=change)
    if not summary.links_changed and summary.renamed:
        rename_linked_pages(store, base, summary.renamed, change=change)
        summary.issues += kept_conflicts(store, summary.renamed.values())
    summary.issues += refresh_derived(
        store, base, change=change, links=summary.links_changed,
        statistics=summary.statistics_changed or not graph_exists(store, statistics_graph(base)))
    dirs.settle(store)
    record_build(store, builds_graph(base), base, datetime.now(UTC), summary.pages, summary.quads,
                 mapping=mapping_version(), change=change)
    trim(store)
    note_graph_count(store, change)
    if page_lines is not None:
        tidy_page_lines(page_lines, store)
    return summary


def _prune(store: ox.Store, known: PageIndex, taken: set[str], paths: list[str | os.PathLike[str]],
           unread: set[str | None], dirs: WorkingDirs, summary: BuildSummary,
           change: Change) -> None:
    """Drop the graphs of the stored pages (``known``) whose file is gone from ``paths``, but
    those this build took (``taken``: read, or moved to another path). A stored path is
    relative to the working directory of the build that read it (``dirs``), so a page read
    from another folder, or from another directory, is never taken for gone.

    A path reported as an error (``unread``: missing, or a folder holding no page) prunes
    nothing: an unmounted share, a failed copy and a typo look the same from here, and a
    build that says it could not read a path does not delete what was read from it. Each
    such path that would have pruned pages is warned of, with how many it kept."""
    scope = [os.path.abspath(path) for path in paths if str(path) not in unread]
    kept = {str(path): 0 for path in paths if str(path) in unread}
    for path, stored in sorted(known.items()):
        if stored.graph.value in taken:
            continue
        location = dirs.location(path, stored.graph)
        if _within(location, scope):
            if not os.path.exists(location):
                drop_graph(store, stored.graph, change=change, also=dirs.update([stored.graph]))
                summary.pruned += 1
                summary.links_changed = summary.statistics_changed = True
        elif kept and not os.path.exists(location):
            for top in kept:
                kept[top] += _within(location, [os.path.abspath(top)])
    summary.issues += [(top, ParseIssue(
        "prune", f"{count} stored page{'s' if count > 1 else ''} read from here kept: a path "
        "that is missing or holds no page prunes nothing (prune a folder above it to drop "
        "them)", severity="warning"))
        for top, count in kept.items() if count]


def _within(location: str, scope: list[str]) -> bool:
    """True when the absolute path ``location`` lies in one of the absolute paths of
    ``scope``."""
    return any(location == top or location.startswith(top.rstrip(os.sep) + os.sep)
               for top in scope)


def _changed_files(store: ox.Store, files: list[PageFile], base: str, known: PageIndex,
                   first_path: dict[str, str], dirs: WorkingDirs, summary: BuildSummary,
                   progress: Progress | None) -> tuple[list[PageFile], list[PageMove]]:
    """The files that need parsing (new or changed pages), and the stored pages found under
    another path (moved).

    A page already stored under the same path with the same bytes (its graph IRI names its
    sha256) is counted as unchanged without being parsed again; its parse issues were
    reported when it was loaded (``kg parse`` shows them at any time). A stored page found
    under another path has moved: its graph keeps every triple but the path
    (kg.store.page_moves), again without parsing. Of several files with the same bytes, the
    page is the first in ``files``' order (sorted by path), as in a first build, wherever the
    store had it: the others go to the main loop, which reports them as copies.
    """
    if not known:
        return files, []
    news = news_page_graphs(store)
    stored_at = {page.graph.value: path for path, page in known.items()}
    parse: set[PageFile] = set()
    moves: list[PageMove] = []
    seen: set[str] = set()
    for file in files:
        try:
            sha256 = file_sha256(file.path)
        except OSError:
            parse.add(file)  # map_page_file reports the error
            continue
        graph = page_iri(sha256, base)
        copy = sha256 in seen
        seen.add(sha256)
        if copy or graph not in known.graph_iris:
            parse.add(file)  # a copy of a page before it, or a page not stored
            continue
        old_path = stored_at[graph]
        if old_path == file.shown:
            summary.unchanged += 1
            dirs.keep(ox.NamedNode(graph))
        elif named_html(old_path) != named_html(file.shown):
            # renamed to or from an HTML name: read another way, so parsed again (its graph
            # is replaced in place)
            parse.add(file)
            continue
        else:
            moves.append(PageMove(ox.NamedNode(graph), old_path, file.shown))
            summary.moved += 1
            summary.quads += 1
        first_path[sha256] = file.shown
        _count_stored(graph in news, summary, progress)
    todo = [file for file in files if file in parse]  # in order: the first of copies first
    return todo, displacing(moves, known)


def _count_stored(is_news: bool, summary: BuildSummary, progress: Progress | None) -> None:
    """Count one page kept in the store without parsing it."""
    summary.pages += 1
    if is_news:
        summary.news += 1
    else:
        summary.projects += 1
    if progress:
        progress(1)


def _take_page(store: ox.Store, page: MappedPage, base: str, known: PageIndex,
               batch: PageBatch, keeper: LinesKeeper, dirs: WorkingDirs, summary: BuildSummary,
               change: Change, *, remap: bool = False, moved: Collection[str] = ()) -> None:
    """Count one distinct page and add, replace or skip its graph (``remap``: a page with the
    same bytes is skipped only when its new quads are those stored; ``moved``: graphs that
    moved to another path this build, which a page now at their old path does not replace)."""
    summary.pages += 1
    summary.issues.extend((page.path, issue) for issue in page.issues)
    if page.kind == "project":
        summary.projects += 1
    else:
        summary.news += 1
    graph = mint_page_iri(page.sha256, base)
    previous = known.get(page.path)
    if previous is not None and previous.graph.value in moved:
        previous = None
    quads = parse_nquads(page.nquads(graph)) if remap else None
    if previous is not None and previous.graph == graph and (
            quads is None or graph_holds(store, graph, quads)):
        summary.unchanged += 1
        keeper.add(page, graph)
        dirs.keep(graph)
        return
    summary.quads += page.quad_count
    if previous is not None or graph.value in known.graph_iris:
        old = previous.graph if previous is not None else graph
        quads = quads or parse_nquads(page.nquads(graph))
        if not (summary.links_changed and summary.statistics_changed):
            before = list(store.quads_for_pattern(None, None, None, old))
            if (project_link_facts(quads) != project_link_facts(before)
                    or mention_link_facts(quads, graph) != mention_link_facts(before, old)):
                summary.links_changed = True
            elif old != graph:
                summary.renamed[old] = graph
            if statistics_facts(quads) != statistics_facts(before):
                summary.statistics_changed = True
        replace_graph(store, old, graph, quads, change=change, lines=page.digest,
                      also=dirs.update({old, graph}, written=[graph]))
        keeper.keep_lines(page)
        summary.replaced += 1
    else:
        batch.add(page, graph)
        keeper.keep_lines(page)
        summary.added += 1
        summary.links_changed = True
        summary.statistics_changed = summary.statistics_changed or page.kind == "project"
