"""How the CLI shows records, issues and progress to people (stderr for diagnostics)."""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TypeVar

import click
from tqdm import tqdm

from kg.records import ParseIssue, Record

T = TypeVar("T")

PROGRESS_THRESHOLD = 100


def issue_line(path: str, issue: ParseIssue) -> str:
    """`path:line: field: message (severity)`, the one shape every diagnostic takes."""
    where = f"{path}:{issue.line}" if issue.line else path
    return f"{where}: {issue.field}: {issue.message} ({issue.severity})"


def print_issue_pairs(pairs: Iterable[tuple[str, ParseIssue]]) -> None:
    """Print (path, issue) pairs on stderr."""
    for path, issue in pairs:
        click.echo(f"kg: {issue_line(path, issue)}", err=True)


def print_issues(records: Iterable[Record]) -> None:
    """Print every record's parse issues on stderr."""
    print_issue_pairs((r.source.path, i) for r in records for i in r.issues)


def _cell(value: object, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def records_table(records: Sequence[Record]) -> str:
    """A compact text table: one line per record with its key fields."""
    header = ("kind", "id", "title", "budget", "year", "states", "issues")
    widths = (7, 11, 48, 12, 4, 20, 6)
    rows = [header]
    for record in records:
        if record.kind == "project":
            budget = f"{record.budget.amount:,.2f}" if record.budget else None
            states = " ".join(m.iso3 for m in record.member_states)
            rows.append(("project", record.prima_id or record.projects_id, record.title,
                         budget, record.year, states, len(record.issues)))
        else:
            states = " ".join(m.iso3 for m in record.countries)
            rows.append(("news", record.published, record.title, None, None, states,
                         len(record.issues)))
    return "\n".join(
        "  ".join(_cell(v, w).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


@contextmanager
def progress_bar(count: Callable[[], int] | int, unit: str = "page"
                 ) -> Iterator[Callable[[int], None] | None]:
    """A tqdm bar on stderr for many ``unit`` on a terminal; None otherwise. ``count`` says how
    many there are, or is called to know, only on a terminal (counting 100k files takes
    seconds)."""
    total = (count if isinstance(count, int) else count()) if sys.stderr.isatty() else 0
    if total < PROGRESS_THRESHOLD:
        yield None
        return
    with tqdm(total=total, unit=unit, file=sys.stderr, leave=False) as bar:
        yield bar.update


def write_output(output: Path, write: Callable[[IO[bytes]], T]) -> T:
    """Call ``write`` on ``output`` opened for writing, and return what it returns.

    A regular file (or the file a symbolic link names) is replaced only once ``write`` has
    finished, by renaming a ``.part`` file over it, so readers never see half an export and a
    failed export leaves the old file; its permissions are kept. A pipe or a device is
    written to directly, and a link stays a link.
    """
    target = Path(os.path.realpath(output))
    if target.exists() and not target.is_file():
        with target.open("wb") as handle:
            return write(handle)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file where a folder should be
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", exc.filename) from exc
    part = target.with_name(target.name + ".part")
    try:
        with part.open("wb") as handle:
            result = write(handle)
        if target.exists():
            part.chmod(stat.S_IMODE(target.stat().st_mode))
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        if exc.filename in (str(part), str(target)):  # name the file asked for, not ours
            raise type(exc)(exc.errno, exc.strerror, str(output)) from exc
        raise
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return result
