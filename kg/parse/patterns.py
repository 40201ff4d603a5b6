"""Regex building blocks for word lists that the regex engine can search fast.

Python's regex engine skips, in C, the positions where a pattern cannot start only when the
pattern opens with one literal or one character class; before an alternation of many words it
tries every word at every position. These helpers write word lists so that it need not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_at_start(words: Iterable[str]) -> str:
    """An alternation of words at a word start, first letter in either case.

    Same matches as ``\\b(?:[Oo]utcome|[Oo]utput|...)`` (longer words tried first), written as
    one character class of first letters, a word-boundary check and each word's rest.
    """
    rests: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    firsts = "".join(sorted(f"{first.upper()}{first}" for first in rests))
    branches = "|".join(f"(?<=[{first.upper()}{first}])(?:{'|'.join(rest)})"
                        for first, rest in rests.items())
    return rf"[{firsts}](?<!\w\w)(?:{branches})"


def any_of(names: Iterable[str]) -> str:
    """An alternation of literal names as a prefix tree, the longest name first.

    Same matches as ``"|".join(map(re.escape, sorted(names, key=len, reverse=True)))``: the
    names that match at one place are prefixes of each other, and the tree tries them from the
    longest, as that list does. Each character is tried once rather than once per name.
    """
    return _subtree(_tree(names))


def rest_of_any(names: Iterable[str]) -> str:
    """``any_of(names)`` for a pattern that has just read a name's first character: the rest
    of each name, after a look back at that character.

    ``[A-Z]{rest_of_any(names)}`` matches what ``any_of(names)`` does where every name starts
    with a capital, and lets the regex engine skip the positions that are no capital.
    """
    tree = _tree(names)
    return "(?:" + "|".join(f"(?<={re.escape(first)}){_subtree(child)}"
                            for first, child in tree.items()) + ")"


def _tree(names: Iterable[str]) -> dict[str, dict]:
    """The names as a prefix tree of characters; the key "" marks where a name ends."""
    tree: dict[str, dict] = {}
    for name in names:
        node = tree
        for character in name:
            node = node.setdefault(character, {})
        node[""] = {}
    return tree


def _subtree(node: dict[str, dict]) -> str:
    branches = [re.escape(character) + _subtree(child)
                for character, child in node.items() if character]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body
