"""Parse pages into typed records: IOM Development Fund project pages and news articles.

``parse_page`` reads one page (any layout the IDF site uses, text or HTML, en/fr/es);
``parse_paths`` reads files and folders, in parallel processes for many pages, keeping going
past bad files; ``map_page_files`` streams any per-file function over worker processes (the
build parses and maps pages there).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TypeVar

from kg.cores import exit_with_parent, usable_cores
from kg.errors import DataError
from kg.parse.labeled import find_label_block, label_index, read_labeled_block
from kg.parse.lines import page_lines
from kg.parse.page_footer import site_footer_start
from kg.parse.project import build_project_page
from kg.parse.unlabeled import find_value_block, read_value_block
from kg.records import NewsArticle, ProjectPage, Record
from kg.sources import PageFile, SourceText, page_files, read_source

__all__ = [
    "ParseFailure", "ParseResult", "map_page_files", "page_files", "parse_file", "parse_page",
    "parse_paths",
]

# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM_PAGES = 400
# Pages per task sent to a worker process, and tasks queued per worker.
CHUNK_PAGES = 64
CHUNKS_IN_FLIGHT = 3
T = TypeVar("T")
F = TypeVar("F")


@dataclass
class ParseResult:
    """Records of the pages read, sorted by path, and one error per page that could not be."""

    records: list[Record] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)


def parse_page(page: SourceText) -> ProjectPage | NewsArticle:
    """The record of one page: a project page (labeled or bare values) or a news article,
    with the issues reading its bytes found among its own, by line.

    A dateline leading into prose above any field label makes an article, whatever tags
    close the page ("Country / Thailand"). Raises DataError naming the file when the page is
    neither a project page nor an article (see ``news.looks_like_news``).
    """
    record = _parse_lines(page)
    if page.issues:
        record.issues = sorted([*page.issues, *record.issues], key=lambda issue: issue.line or 0)
    return record


def _parse_lines(page: SourceText) -> ProjectPage | NewsArticle:
    """``parse_page`` but for the issues of the page's bytes."""
    from kg.parse import news  # looked up at call time, so that tests may replace its reader

    lines = page_lines(page)
    labels = label_index(lines)
    last_label = next((i for i in range(len(labels) - 1, -1, -1) if labels[i] is not None), 0)
    footer = site_footer_start(lines, last_label)
    if footer < len(lines):  # the site's footer is no part of the page's text
        lines, labels = lines[:footer], labels[:footer]
    first_label = next((i for i, label in enumerate(labels) if label is not None), len(lines))
    if news.opens_with_dateline(lines, first_label):
        return news.parse_news_article(page, lines)
    labeled = find_label_block(lines, labels)
    if labeled is not None and labeled[1] >= 2:
        return build_project_page(page, lines, read_labeled_block(lines, labeled[0], labels))
    start = find_value_block(lines)
    if start is not None:
        return build_project_page(page, lines, read_value_block(lines, start))
    if news.looks_like_news(lines):
        return news.parse_news_article(page, lines)
    if labeled is not None:
        return build_project_page(page, lines, read_labeled_block(lines, labeled[0], labels))
    raise DataError("no recognisable fields: neither a project page nor a news article",
                    path=page.source.path)


@dataclass(frozen=True)
class ParseFailure:
    """A DataError as plain data, so that it crosses process boundaries whole."""

    reason: str
    path: str | None
    line: int | None
    field: str | None

    @classmethod
    def of(cls, exc: DataError) -> ParseFailure:
        """The failure a DataError reports."""
        return cls(exc.reason, exc.path, exc.line, exc.field)

    def error(self) -> DataError:
        """The DataError again, for the caller to report."""
        return DataError(self.reason, path=self.path, line=self.line, field=self.field)


def parse_file(path: str | os.PathLike[str] | PageFile) -> Record | ParseFailure:
    """Read and parse one page file; a page that cannot be read or parsed is a ParseFailure."""
    try:
        if isinstance(path, PageFile):
            return parse_page(read_source(path.path, path.shown))
        return parse_page(read_source(path))
    except DataError as exc:
        return ParseFailure.of(exc)


def _worker_count(jobs: int | None, pages: int) -> int:
    if jobs is None:
        jobs = usable_cores() if pages >= PARALLEL_FROM_PAGES else 1
    return max(1, min(jobs, pages))


def _run_chunk(function: Callable[[F], T], chunk: Sequence[F]) -> list[T]:
    return [function(path) for path in chunk]


def map_page_files(function: Callable[[F], T], files: Sequence[F], *,
                   jobs: int | None = None) -> Iterator[T]:
    """``function`` applied to every file, in order, in worker processes for many files.

    Chunks of files go to the workers a few at a time, so results stream back while later
    pages are still being read and memory stays bounded. ``function`` must be picklable (a
    module-level function or a ``functools.partial`` of one). Where no worker process can be
    started, the remaining files are done in this process.
    """
    workers = _worker_count(jobs, len(files))
    done = 0
    if workers > 1:
        size = max(1, min(CHUNK_PAGES, len(files) // (workers * 4)))
        chunks = [files[i:i + size] for i in range(0, len(files), size)]
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=exit_with_parent) as pool:
                pending: deque[Future[list[T]]] = deque()
                submitted = 0
                while submitted < len(chunks) or pending:
                    while submitted < len(chunks) and len(pending) < workers * CHUNKS_IN_FLIGHT:
                        pending.append(pool.submit(_run_chunk, function, chunks[submitted]))
                        submitted += 1
                    results = pending.popleft().result()
                    yield from results
                    done += len(results)
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (sandbox, resource limits): go on in this one
    yield from map(function, files[done:])


def parse_paths(paths: Iterable[str | os.PathLike[str]], *,
                jobs: int | None = None) -> ParseResult:
    """Parse every page under ``paths`` (files or folders); a bad file is an error, not a stop.

    ``jobs`` is the number of parser processes; by default one per core when there are many
    pages, else one. The result is the same whatever ``jobs`` is.
    """
    result = ParseResult()
    files = page_files(paths, result.errors)
    for parsed in map_page_files(parse_file, files, jobs=jobs):
        if isinstance(parsed, ParseFailure):
            result.errors.append(parsed.error())
        else:
            result.records.append(parsed)
    result.records.sort(key=lambda record: record.source.path)
    result.errors.sort(key=lambda error: error.path or "")
    return result
