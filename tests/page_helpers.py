"""Helpers the parser tests share: parse a page file or a page written from text."""

from __future__ import annotations

import os
from pathlib import Path

from kg.parse import parse_page
from kg.records import NewsArticle, ProjectPage
from kg.sources import read_source

SHARED_DIR = Path(os.environ.get("KG_SHARED_DIR")
                  or Path(__file__).resolve().parents[2] / "shared")
"""The client's shared folder: ``../shared`` beside the checkout, or $KG_SHARED_DIR (a checkout
elsewhere, such as a git worktree)."""
SEEDS_DIR = SHARED_DIR / "seeds"
"""The five real seed pages (four project pages, one news article)."""


def parse_file(path: Path) -> ProjectPage:
    """Parse one page that must be a project page."""
    record = parse_page(read_source(path))
    assert isinstance(record, ProjectPage)
    return record


def parse_text(tmp_path: Path, text: str, name: str = "page.txt") -> ProjectPage:
    """Write ``text`` as a page under ``tmp_path`` and parse it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def parse_article(tmp_path: Path, text: str, name: str = "page.txt") -> NewsArticle:
    """Write ``text`` as a page under ``tmp_path`` and parse it: it must be a news article."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    record = parse_page(read_source(path))
    assert isinstance(record, NewsArticle), f"parsed as {record.kind}"
    return record


def iso3s(record: ProjectPage) -> list[str]:
    """The ISO alpha-3 codes of the record's member states, in order."""
    return [state.iso3 for state in record.member_states]
