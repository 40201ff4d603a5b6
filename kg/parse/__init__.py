"""Parse pages into typed records: IOM Development Fund project pages and news articles.

``parse_page`` reads one page (any layout the IDF site uses, text or HTML, en/fr/es);
``parse_paths`` reads files and folders, in parallel processes for many pages, keeping going
past bad files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError
from kg.parse.labeled import find_label_block, label_index, read_labeled_block
from kg.parse.lines import page_lines
from kg.parse.project import build_project_page
from kg.parse.unlabeled import find_value_block, read_value_block
from kg.records import NewsArticle, ProjectPage, Record
from kg.sources import SourceText, iter_page_paths, read_source

__all__ = ["ParseResult", "parse_page", "parse_paths"]

# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM_PAGES = 400


@dataclass
class ParseResult:
    """Records of the pages read, sorted by path, and one error per page that could not be."""

    records: list[Record] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)


def parse_page(page: SourceText) -> ProjectPage | NewsArticle:
    """The record of one page: a project page (labeled or bare values) or a news article.

    Raises DataError naming the file when the page has no recognisable fields at all.
    """
    lines = page_lines(page)
    labels = label_index(lines)
    labeled = find_label_block(labels)
    if labeled is not None and labeled[1] >= 2:
        return build_project_page(page, lines, read_labeled_block(lines, labeled[0], labels))
    start = find_value_block(lines)
    if start is not None:
        return build_project_page(page, lines, read_value_block(lines, start))
    from kg.parse.news import looks_like_news, parse_news_article  # imported when needed

    if looks_like_news(lines):
        return parse_news_article(page, lines)
    if labeled is not None:
        return build_project_page(page, lines, read_labeled_block(lines, labeled[0], labels))
    raise DataError("no recognisable fields: neither a project page nor a news article",
                    path=page.source.path)


@dataclass(frozen=True)
class _Failure:
    """A DataError as plain data, so that it crosses process boundaries whole."""

    reason: str
    path: str | None
    line: int | None
    field: str | None

    def error(self) -> DataError:
        return DataError(self.reason, path=self.path, line=self.line, field=self.field)


def _parse_file(path: Path) -> Record | _Failure:
    try:
        return parse_page(read_source(path))
    except DataError as exc:
        return _Failure(exc.reason, exc.path, exc.line, exc.field)


def _page_files(paths: Iterable[str | os.PathLike[str]], errors: list[DataError]) -> list[Path]:
    """Every page file under ``paths``, each once; a path that does not exist is an error."""
    files: dict[str, Path] = {}
    for raw in paths:
        try:
            for path in iter_page_paths([raw]):
                files.setdefault(str(path.resolve()), path)
        except DataError as exc:
            errors.append(exc)
    return list(files.values())


def _worker_count(jobs: int | None, pages: int) -> int:
    if jobs is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        jobs = (cores or 1) if pages >= PARALLEL_FROM_PAGES else 1
    return max(1, min(jobs, pages))


def _parse_files(files: list[Path], workers: int) -> list[Record | _Failure]:
    if workers > 1:
        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                chunk = max(1, len(files) // (workers * 8))
                return list(pool.map(_parse_file, files, chunksize=chunk))
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (sandbox, resource limits): parse in this one
    return [_parse_file(path) for path in files]


def parse_paths(paths: Iterable[str | os.PathLike[str]], *,
                jobs: int | None = None) -> ParseResult:
    """Parse every page under ``paths`` (files or folders); a bad file is an error, not a stop.

    ``jobs`` is the number of parser processes; by default one per core when there are many
    pages, else one. The result is the same whatever ``jobs`` is.
    """
    result = ParseResult()
    files = _page_files(paths, result.errors)
    for parsed in _parse_files(files, _worker_count(jobs, len(files))):
        if isinstance(parsed, _Failure):
            result.errors.append(parsed.error())
        else:
            result.records.append(parsed)
    result.records.sort(key=lambda record: record.source.path)
    result.errors.sort(key=lambda error: error.path or "")
    return result
