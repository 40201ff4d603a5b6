"""Blank out, before the HTML parser walks a page, what it would read only to drop.

A real page carries its site around the article: menus of hundreds of links in ``<nav>``,
``<header>`` and ``<footer>``, icons in ``<svg>``. The standard library's HTML parser handles
each of their tags in Python, so they cost many times the article itself (reading a 200 KB
page took 14 ms; with its menus blanked, 0.7 ms). The text reader drops those elements
whole (``html_text``), so their content can go before parsing: here regular expressions find
them, and each element keeps its own start and end tags while its content becomes the same
number of line breaks, so every line keeps its source line number. An element that holds a
block or a line break keeps one empty block, since those end the line open before it.

Comments and the raw text of ``<script>`` and ``<style>`` are skipped as the parser skips
them, so a tag name inside them is not taken for an element; an element without its end tag
is left as it is. On a well-formed page the reader gets the same lines either way; where an
element's content would reach outside it (an end tag of an element around it, a list item in
no list), blanking keeps it inside.

The ``<head>`` is blanked too (``blank_head``), all but what the reader takes from it: its
``<title>`` elements and the ``<meta>`` tags that may give the page's title, each on its own
line. A site's head links a dozen style sheets and carries its settings: over a quarter of
the HTML reader's time on a generated page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from functools import cache

_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_SKIPPED = rf"<!--|<(?P<raw>(?i:script|style))(?=[\s/>]){_ATTRIBUTES}>"
"""What opens text the parser skips unread: a comment, a script's or a style's raw text."""
_RAW_TEXT_END = {name: re.compile(rf"</(?i:{name})(?=[\s/>])") for name in ("script", "style")}


def _any_of(tags: frozenset[str]) -> str:
    return "|".join(sorted(re.escape(tag) for tag in tags))


@cache
def _openings(tags: frozenset[str]) -> re.Pattern[str]:
    """Start tags of ``tags``, and what opens skipped text."""
    return re.compile(rf"{_SKIPPED}|<(?P<tag>(?i:{_any_of(tags)}))(?=[\s/>]){_ATTRIBUTES}>")


@cache
def _same_tag(tag: str) -> re.Pattern[str]:
    """Start and end tags of ``tag``, and what opens skipped text."""
    return re.compile(rf"{_SKIPPED}|<(?P<end>/?)(?i:{re.escape(tag)})(?=[\s/>]){_ATTRIBUTES}>")


@cache
def _starts_of(tags: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"<(?i:{_any_of(tags)})(?=[\s/>])")


def _past_skipped(html: str, found: re.Match[str]) -> int:
    """Where the comment or raw text that ``found`` opens ends (the page's end if it does
    not)."""
    raw = found.group("raw")
    if raw is None:
        end = html.find("-->", found.end())
        return len(html) if end < 0 else end + 3
    closing = _RAW_TEXT_END[raw.lower()].search(html, found.end())
    return len(html) if closing is None else closing.start()


def _content_end(html: str, tag: str, start: int) -> int | None:
    """Where the content of the ``tag`` element whose content starts at ``start`` ends (its
    end tag's ``<``); None when it has no end tag."""
    depth = 1
    position = start
    same_tag = _same_tag(tag)
    while (found := same_tag.search(html, position)) is not None:
        if found.group("end") is None:
            position = _past_skipped(html, found)
            continue
        depth += -1 if found.group("end") else 1
        if depth == 0:
            return found.start()
        position = found.end()
    return None


def _stand_in(content: str, line_ending: frozenset[str]) -> str:
    """What an element's content leaves behind: a tag that ends the line when it holds one
    (whose effect on the text around is the same), else nothing."""
    return "<p></p>" if _starts_of(line_ending).search(content) else ""


_HEAD = frozenset({"head"})
_KEPT_IN_HEAD = frozenset({"title", "meta"})


def _next_start_tag(html: str, tags: frozenset[str], position: int) -> re.Match[str] | None:
    """The first start tag of an element named in ``tags`` at or after ``position``, comments
    and raw text skipped; None when there is none."""
    openings = _openings(tags)
    while (found := openings.search(html, position)) is not None:
        if found.group("tag") is not None:
            return found
        position = _past_skipped(html, found)
    return None


def _elements(html: str, tags: frozenset[str],
              passed: Callable[[str, int], bool] | None = None) -> Iterator[tuple[int, int]]:
    """Where the content of each element named in ``tags`` starts and ends, outermost ones
    first and in order; comments and raw text are skipped, an element without its end tag
    passed over, and so is one for which ``passed(tag, start)`` holds (its content is
    searched on)."""
    position = 0
    while (found := _next_start_tag(html, tags, position)) is not None:
        tag = found.group("tag").lower()
        end = None if passed and passed(tag, found.start()) else _content_end(html, tag,
                                                                               found.end())
        if end is not None:
            yield found.end(), end
        position = found.end() if end is None else end


def _kept_in_head(content: str, keep_meta: Callable[[str], bool]) -> list[tuple[int, int]] | None:
    """The spans of ``content`` (a head's) to keep: each ``<title>`` element, and each
    ``<meta>`` tag ``keep_meta`` keeps; None when a title has no end tag (the parser would read
    on past it)."""
    spans = []
    position = 0
    while (found := _next_start_tag(content, _KEPT_IN_HEAD, position)) is not None:
        end = found.end()
        if found.group("tag").lower() == "title":
            closing = _content_end(content, "title", found.end())
            end = -1 if closing is None else content.find(">", closing) + 1
            if end <= 0:
                return None
            spans.append((found.start(), end))
        elif keep_meta(found.group(0)):
            spans.append((found.start(), end))
        position = end
    return spans


def blank_head(html: str, line_ending: frozenset[str], keep_meta: Callable[[str], bool]) -> str:
    """``html`` with the content of its ``<head>`` blanked out, line breaks kept, but for its
    ``<title>`` elements and the ``<meta>`` tags ``keep_meta`` keeps, each where it was."""
    head = next(_elements(html, _HEAD), None)
    if head is None:
        return html
    start, end = head
    content = html[start:end]
    spans = _kept_in_head(content, keep_meta)
    if spans is None:
        return html
    parts = [html[:start], _stand_in(content, line_ending)]
    done = 0
    for span_start, span_end in spans:
        parts += ["\n" * content.count("\n", done, span_start), content[span_start:span_end]]
        done = span_end
    parts += ["\n" * content.count("\n", done), html[end:]]
    return "".join(parts)


def _within(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls inside one of ``spans`` (in order, none inside another)."""
    at = bisect.bisect_right(spans, position, key=lambda span: span[0]) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]


def blank_elements(html: str, tags: frozenset[str], line_ending: frozenset[str],
                   scoped: frozenset[str] = frozenset(),
                   sections: frozenset[str] = frozenset()) -> str:
    """``html`` with the content of every element named in ``tags`` blanked out, line breaks
    kept; ``line_ending`` names the tags that end a line of text (see the module docstring).
    An element named in ``scoped`` is blanked only outside the elements named in ``sections``
    (a ``<header>`` is the site's banner only when no article or section holds it)."""
    spans = list(_elements(html, sections)) if scoped else []

    def inside_a_section(tag: str, position: int) -> bool:
        return tag in scoped and _within(spans, position)

    parts: list[str] = []
    done = 0
    for start, end in _elements(html, tags, inside_a_section if spans else None):
        content = html[start:end]
        parts += [html[done:start], _stand_in(content, line_ending), "\n" * content.count("\n")]
        done = end
    parts.append(html[done:])
    return "".join(parts)
