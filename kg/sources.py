"""Read pages from disk: find them, decode their bytes, and record their provenance."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from kg.errors import DataError
from kg.records import ParseIssue, Source

PAGE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml"})
_HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body", b"<div", b"<p>", b"<h1")
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # O_BINARY: no newline changes on Windows
# A byte that is not UTF-8 in a page read as UTF-8 (surrogateescape makes it U+DC80-U+DCFF),
# and a character of UTF-8 beyond ASCII (the evidence that the page is UTF-8).
_STRAY_BYTE = re.compile("[\udc80-\udcff]")
_UTF8_BEYOND_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


@dataclass(frozen=True)
class SourceText:
    """A page's decoded text together with its provenance; ``issues`` are what reading its
    bytes found (a stray byte that is not UTF-8), for the parser to add to the record's."""

    source: Source
    text: str
    issues: tuple[ParseIssue, ...] = ()

    @property
    def is_html(self) -> bool:
        """True when the page is HTML rather than a plain-text scrape."""
        return self.source.media_type == "text/html"


class DecodedPage(NamedTuple):
    """A page's bytes as text, the encoding they were read in, and the reading's issues."""

    text: str
    encoding: str
    issues: tuple[ParseIssue, ...] = ()


@lru_cache(maxsize=8)
def _working_directories(cwd: str) -> tuple[str, ...]:
    """The working directory as the OS gives it and with its symlinks resolved."""
    return tuple(dict.fromkeys((cwd, os.path.realpath(cwd))))


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as users should see it: relative to the working directory when inside it, POSIX.

    String operations only (no ``resolve()`` per file: builds show thousands of paths).
    """
    text = os.fspath(path)
    cwd = os.getcwd()
    return _shown(text, os.path.normpath(os.path.join(cwd, text)), cwd)


def _shown(text: str, absolute: str, cwd: str) -> str:
    """``display_path`` of ``text``, whose absolute form (from ``cwd``) is ``absolute``."""
    for folder in _working_directories(cwd):
        prefix = folder if folder.endswith(os.sep) else folder + os.sep
        if absolute.startswith(prefix):
            return absolute[len(prefix):].replace(os.sep, "/")
    if os.sep == "/" and "//" not in text and "/./" not in text and not text.startswith("./"):
        return text  # already what Path(text).as_posix() gives, without its cost
    return Path(text).as_posix()


def decode_page(data: bytes, path: str) -> DecodedPage:
    """Decode page bytes to text, with the encoding read.

    UTF-16 with its byte order mark (as Windows editors save "Unicode" text), UTF-8 (with or
    without BOM; a page of UTF-8 but for a few stray bytes stays UTF-8, see
    ``_utf8_but_for_strays``), then Windows-1252, then Latin-1, which never fails. Raises
    DataError for empty and binary files.
    """
    if not data.strip():
        raise DataError("empty file", path=path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            pass
        else:
            if text.strip():
                return DecodedPage(text, "utf-16")
            raise DataError("empty file", path=path)
    if b"\x00" in data[:4096]:
        raise DataError("binary file (contains NUL bytes), not a page", path=path)
    if data.startswith(b"\xef\xbb\xbf"):
        return DecodedPage(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    try:
        return DecodedPage(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    decoded = _utf8_but_for_strays(data)
    if decoded is None:
        try:
            decoded = DecodedPage(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            decoded = DecodedPage(data.decode("latin-1"), "latin-1")
    controls = sum(1 for ch in decoded.text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(decoded.text[:4096]) * 0.05:
        raise DataError("binary file (mostly control bytes), not a page", path=path)
    return decoded


def _utf8_but_for_strays(data: bytes) -> DecodedPage | None:
    """The page read as UTF-8 when its characters beyond ASCII outnumber the bytes that are not
    UTF-8 (a Windows-1252 page has next to none: its accented letters are single bytes), those
    stray bytes read one by one as Windows-1252 (Latin-1 where it has no character) with a
    warning per line; None for a page that is not UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")
    strays = _STRAY_BYTE.findall(text)
    if len(_UTF8_BEYOND_ASCII.findall(text)) <= len(strays):
        return None
    by_line: dict[int, list[int]] = {}
    line, counted = 1, 0
    for found in _STRAY_BYTE.finditer(text):
        before = text[counted:found.start()]
        line += before.count("\n") + before.count("\r") - before.count("\r\n")
        counted = found.start()
        by_line.setdefault(line, []).append(ord(found.group()) - 0xDC00)
    issues = tuple(_stray_bytes_issue(number, values) for number, values in by_line.items())
    return DecodedPage(_STRAY_BYTE.sub(lambda found: _stray_character(found.group()), text),
                       "utf-8", issues)


def _stray_character(escaped: str) -> str:
    """The character a stray byte (as surrogateescape gives it) stands for in Windows-1252,
    or in Latin-1 for the five bytes Windows-1252 leaves undefined."""
    byte = bytes([ord(escaped) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        return byte.decode("latin-1")


def _stray_bytes_issue(line: int, values: list[int]) -> ParseIssue:
    """The warning for the bytes on one line of a UTF-8 page that are not UTF-8."""
    shown = ", ".join(f"0x{value:02X}" for value in values)
    read = ", ".join(_character_name(_stray_character(chr(0xDC00 + value))) for value in values)
    bytes_are = "bytes {} are" if len(values) > 1 else "byte {} is"
    return ParseIssue("encoding", f"{bytes_are.format(shown)} not UTF-8, unlike the rest of the "
                      f"page: read as Windows-1252 {read}", line, "warning")


def _character_name(character: str) -> str:
    """"U+00A0 NO-BREAK SPACE": a character as a message shows it, visible or not."""
    return f"U+{ord(character):04X} {unicodedata.name(character, 'control character')}"


def named_html(path: str) -> bool:
    """True when the file name says HTML: such a page is read as HTML whatever its bytes."""
    return os.path.splitext(path)[1].lower() in {".html", ".htm", ".xhtml"}


def _media_type(path: str, data: bytes) -> str:
    if named_html(path):
        return "text/html"
    head = data[:512].lstrip().lower()
    return "text/html" if head.startswith(_HTML_SNIFF) else "text/plain"


def _read_bytes(path: str) -> bytes:
    """The file's bytes, read with plain system calls (``open()`` adds a buffered reader and
    several more calls per file, which adds up over a build's many small pages)."""
    handle = os.open(path, _READ_FLAGS)
    try:
        chunks = []
        while chunk := os.read(handle, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The sha256 of a file's bytes (what names its page graph). Raises OSError."""
    return hashlib.sha256(_read_bytes(os.fspath(path))).hexdigest()


def read_source(path: str | os.PathLike[str], shown: str | None = None) -> SourceText:
    """Read one page: its text, sha256 and media type. Raises DataError naming the file
    (``shown``: its ``display_path``, when known)."""
    page = os.fspath(path)
    shown = display_path(page) if shown is None else shown
    try:
        data = _read_bytes(page)
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror or exc}", path=shown) from exc
    text, encoding, issues = decode_page(data, shown)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    source = Source(
        path=shown,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        media_type=_media_type(page, data),
    )
    return SourceText(source=source, text=text, issues=issues)


def _walk_pages(folder: str) -> list[str]:
    """Page files under ``folder``, at any depth (one scandir per folder, no stat per file)."""
    found: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                found.extend(_walk_pages(entry.path))
            elif entry.is_file() and os.path.splitext(entry.name)[1].lower() in PAGE_SUFFIXES:
                found.append(entry.path)
    return found


def iter_page_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand files and folders into page files, folders walked in sorted order.

    A file named explicitly is always taken; inside folders only page suffixes are.
    Raises DataError for a path that does not exist and for a folder holding no page file.
    """
    return map(Path, _page_path_texts(paths))


def _page_path_texts(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """``iter_page_paths`` as strings (a Path per file costs more than the rest of listing)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            base = os.fspath(path)
            files = _walk_pages(base)
            if not files:
                suffixes = ", ".join(sorted(PAGE_SUFFIXES))
                raise DataError(f"no page file ({suffixes}) in this folder", path=str(raw))
            # Sorted as Path objects sort (part by part), without making a Path per file first.
            files.sort(key=lambda name: name[len(base):].lstrip(os.sep).split(os.sep))
            yield from files
        elif path.exists():
            yield os.fspath(path)
        else:
            raise DataError("no such file or folder", path=str(raw))


class PageFile(NamedTuple):
    """A page file found by ``page_files``: its path, and the path users see
    (``display_path``)."""

    path: str
    shown: str


def page_files(paths: Iterable[str | os.PathLike[str]],
               errors: list[DataError]) -> list[PageFile]:
    """Every page file under ``paths``, each once, sorted by the path users see; a path that
    does not exist, or a folder without pages, is added to ``errors``."""
    cwd = os.getcwd()
    files: dict[str, PageFile] = {}
    for raw in paths:
        try:
            for path in _page_path_texts([raw]):
                absolute = os.path.normpath(os.path.join(cwd, path))
                if absolute not in files:
                    files[absolute] = PageFile(path, _shown(path, absolute, cwd))
        except DataError as exc:
            # without its traceback, whose frames would keep the caller's open store alive
            errors.append(exc.with_traceback(None))
    return sorted(files.values(), key=lambda file: file.shown)
