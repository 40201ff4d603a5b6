"""Read pages from disk: find them, decode their bytes, and record their provenance."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError
from kg.records import Source

PAGE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml"})
_HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body", b"<div", b"<p>", b"<h1")


@dataclass(frozen=True)
class SourceText:
    """A page's decoded text together with its provenance."""

    source: Source
    text: str

    @property
    def is_html(self) -> bool:
        """True when the page is HTML rather than a plain-text scrape."""
        return self.source.media_type == "text/html"


def display_path(path: Path) -> str:
    """The path as users should see it: relative to the working directory when inside it, POSIX."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def decode_page(data: bytes, path: str) -> tuple[str, str]:
    """Decode page bytes to text; return (text, encoding).

    UTF-8 (with or without BOM) first, then Windows-1252, then Latin-1, which never fails.
    Raises DataError for empty and binary files.
    """
    if not data.strip():
        raise DataError("empty file", path=path)
    if b"\x00" in data[:4096]:
        raise DataError("binary file (contains NUL bytes), not a page", path=path)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(text[:4096]) * 0.05:
        raise DataError("binary file (mostly control bytes), not a page", path=path)
    return text, encoding


def _media_type(path: Path, data: bytes) -> str:
    if path.suffix.lower() in {".html", ".htm", ".xhtml"}:
        return "text/html"
    head = data[:512].lstrip().lower()
    return "text/html" if head.startswith(_HTML_SNIFF) else "text/plain"


def read_source(path: str | os.PathLike[str]) -> SourceText:
    """Read one page: its text, sha256 and media type. Raises DataError naming the file."""
    page = Path(path)
    shown = display_path(page)
    try:
        data = page.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", path=shown) from exc
    text, encoding = decode_page(data, shown)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    source = Source(
        path=shown,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        media_type=_media_type(page, data),
    )
    return SourceText(source=source, text=text)


def iter_page_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files and folders into page files, folders walked in sorted order.

    A file named explicitly is always taken; inside folders only page suffixes are.
    Raises DataError for a path that does not exist.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in PAGE_SUFFIXES:
                    yield child
        elif path.exists():
            yield path
        else:
            raise DataError("no such file or folder", path=str(raw))
