"""Blank out, before the HTML parser walks a page, what it would read only to drop.

A real page carries its site around the article: menus of hundreds of links in ``<nav>``,
``<header>`` and ``<footer>``, icons in ``<svg>``. The standard library's HTML parser handles
each of their tags in Python, so they cost many times the article itself (a 200 KB page:
about 14 ms, against well under 1 ms for its article). The text reader drops those elements
whole (``html_text``), so their content can go before parsing: here regular expressions find
them, and each element keeps its own start and end tags while its content becomes the same
number of line breaks, so every line keeps its source line number. An element that holds a
heading, a block or a line break keeps one empty such tag, since those end the line open
before it and an ``<h1>`` anywhere means the page has its own title.

Comments and the raw text of ``<script>`` and ``<style>`` are skipped as the parser skips
them, so a tag name inside them is not taken for an element; an element without its end tag
is left as it is.
"""

from __future__ import annotations

import re
from functools import cache

BLANKED_TAGS = frozenset({"nav", "header", "footer", "noscript", "template", "svg", "iframe",
                          "select", "button", "object", "canvas", "menu"})
"""Elements ``html_text`` drops by their name alone (not by role or class)."""

_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_SKIPPED = (rf"<!--.*?(?:-->|\Z)"
            rf"|<(?P<raw>script|style)(?=[\s/>]){_ATTRIBUTES}>.*?(?:</(?P=raw)\s*>|\Z)")
_OPENING = re.compile(
    rf"{_SKIPPED}|<(?P<tag>{'|'.join(sorted(BLANKED_TAGS))})(?=[\s/>]){_ATTRIBUTES}>", re.I | re.S)
_LINE_ENDING = re.compile(r"<(?:h1|br|hr|p|div|li|ul|ol|dl|dt|dd|table|tr|td|th|h[2-6]|section"
                          r"|article|aside|main|form|blockquote|pre|figure|address|details)(?=[\s/>])",
                          re.I)


@cache
def _same_tag(tag: str) -> re.Pattern[str]:
    """Start and end tags of ``tag`` (lower case), past comments and raw text."""
    return re.compile(rf"{_SKIPPED}|<(?P<end>/?){tag}(?=[\s/>]){_ATTRIBUTES}>", re.I | re.S)


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


def _stand_in(content: str) -> str:
    """What an element's content leaves behind: an ``<h1>`` it holds, else a block or line
    break (whose effect on the text around is the same), else nothing."""
    if re.search(r"<h1(?=[\s/>])", content, re.I):
        return "<h1></h1>"
    return "<p></p>" if _LINE_ENDING.search(content) else ""


def blank_dropped_elements(html: str) -> str:
    """``html`` with the content of every element the text reader drops by name blanked out,
    line breaks kept (see the module docstring)."""
    parts: list[str] = []
    done = 0
    position = 0
    while (found := _OPENING.search(html, position)) is not None:
        position = found.end()
        tag = found.group("tag")
        if tag is None:
            continue  # a comment or raw text
        end = _content_end(html, tag.lower(), found.end())
        if end is None:
            continue
        content = html[found.end():end]
        parts += [html[done:found.end()], _stand_in(content), "\n" * content.count("\n")]
        done = position = end
    parts.append(html[done:])
    return "".join(parts)
