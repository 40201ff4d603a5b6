"""Blank out, before the HTML parser walks a page, what it would read only to drop.

A real page carries its site around the article: menus of hundreds of links in ``<nav>``,
``<header>`` and ``<footer>``, icons in ``<svg>``. The standard library's HTML parser handles
each of their tags in Python, so they cost many times the article itself (reading a 200 KB
page took 14 ms; with its menus blanked, 1.9 ms). The text reader drops those elements
whole (``html_text``), so their content can go before parsing: here regular expressions find
them, and each element keeps its own start and end tags while its content becomes the same
number of line breaks, so every line keeps its source line number. An element that holds a
heading, a block or a line break keeps one empty such tag, since those end the line open
before it and an ``<h1>`` anywhere means the page has its own title.

Comments and the raw text of ``<script>`` and ``<style>`` are skipped as the parser skips
them, so a tag name inside them is not taken for an element; an element without its end tag
is left as it is. On a well-formed page the reader gets the same lines either way; where an
element's content would reach outside it (an end tag of an element around it, a list item in
no list), blanking keeps it inside.
"""

from __future__ import annotations

import re
from functools import cache

_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_SKIPPED = (rf"<!--.*?(?:-->|\Z)"
            rf"|<(?P<raw>script|style)(?=[\s/>]){_ATTRIBUTES}>.*?(?:</(?P=raw)\s*>|\Z)")
_H1 = re.compile(r"<h1(?=[\s/>])", re.I)


def _any_of(tags: frozenset[str]) -> str:
    return "|".join(sorted(re.escape(tag) for tag in tags))


@cache
def _openings(tags: frozenset[str]) -> re.Pattern[str]:
    """Start tags of ``tags``, past comments and raw text."""
    return re.compile(rf"{_SKIPPED}|<(?P<tag>{_any_of(tags)})(?=[\s/>]){_ATTRIBUTES}>",
                      re.I | re.S)


@cache
def _same_tag(tag: str) -> re.Pattern[str]:
    """Start and end tags of ``tag`` (lower case), past comments and raw text."""
    return re.compile(rf"{_SKIPPED}|<(?P<end>/?){re.escape(tag)}(?=[\s/>]){_ATTRIBUTES}>",
                      re.I | re.S)


@cache
def _starts_of(tags: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"<(?:{_any_of(tags)})(?=[\s/>])", re.I)


def _content_end(html: str, tag: str, start: int) -> int | None:
    """Where the content of the ``tag`` element whose content starts at ``start`` ends (its
    end tag's ``<``); None when it has no end tag."""
    depth = 1
    for found in _same_tag(tag).finditer(html, start):
        if found.group("end") is None:
            continue  # a comment or raw text
        depth += -1 if found.group("end") else 1
        if depth == 0:
            return found.start()
    return None


def _stand_in(content: str, line_ending: frozenset[str]) -> str:
    """What an element's content leaves behind: an ``<h1>`` it holds, else a tag that ends
    the line (whose effect on the text around is the same), else nothing."""
    if _H1.search(content):
        return "<h1></h1>"
    return "<p></p>" if _starts_of(line_ending).search(content) else ""


def blank_elements(html: str, tags: frozenset[str], line_ending: frozenset[str]) -> str:
    """``html`` with the content of every element named in ``tags`` blanked out, line breaks
    kept; ``line_ending`` names the tags that end a line of text (see the module docstring)."""
    parts: list[str] = []
    done = 0
    position = 0
    openings = _openings(tags)
    while (found := openings.search(html, position)) is not None:
        position = found.end()
        tag = found.group("tag")
        if tag is None:
            continue  # a comment or raw text
        end = _content_end(html, tag.lower(), found.end())
        if end is None:
            continue
        content = html[found.end():end]
        parts += [html[done:found.end()], _stand_in(content, line_ending),
                  "\n" * content.count("\n")]
        done = position = end
    parts.append(html[done:])
    return "".join(parts)
