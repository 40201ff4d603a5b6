"""The block of lines that closes a page, found from its end up: a news page's tags.

The page ends in the block's lines, marked ones (a tag: "Country", "Region: Asia") and short
lines that end no sentence (a tag's value), the block's first line a marked one; a long line or
one that ends a sentence above them is the text's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kg.parse.lines import Line

SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SHORT_LINE = 80  # characters: an unmarked line of the block (a tag's value) is no longer


def closing_block_start(lines: list[Line], start: int, is_mark: Callable[[str], bool]) -> int:
    """Index of the first line of the block closing the page after line ``start``: from the
    end up, lines ``is_mark`` accepts and short lines ending no sentence, the first a marked
    one (``len(lines)`` if none)."""
    first = len(lines)
    index = len(lines) - 1
    while index > start:
        text = lines[index].text
        if is_mark(text):
            first = index
        elif len(text) > _SHORT_LINE or SENTENCE_END.search(text):
            break
        index -= 1
    return first
