"""Reading SPARQL text without parsing it: strings, comments and IRIs blanked out, so a keyword
scan sees only the query's own words.

Whether "<" opens an IRI or means "less than" depends on the parser's context, so a scan that
must not miss a keyword (kg.serve.protocol's for SERVICE) reads the text twice, with and
without IRIs. A keyword is a word not glued to a variable (``?from``), a prefixed name
(``ex:from``, ``from:x``), a blank node label or a language tag.
"""

from __future__ import annotations

import re

_STRINGS = (
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)'
    r"|'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)"
    r'|"(?:[^"\\\n]|\\.)*(?:"|$)'
    r"|'(?:[^'\\\n]|\\.)*(?:'|$)"
)
_IRI = r'|<[^<>"{}|^`\\\x00-\x20]*>'
_COMMENT = r"|#[^\n]*"
_NOT_CODE = re.compile(_STRINGS + _IRI + _COMMENT, re.MULTILINE | re.DOTALL)
_NOT_CODE_NO_IRIS = re.compile(_STRINGS + _COMMENT, re.MULTILINE | re.DOTALL)
# FROM (and FROM NAMED) may stand only in a query's dataset clause, between its form and WHERE.
_FROM = re.compile(r"(?<![\w?$:@.-])FROM(?![\w:-])", re.IGNORECASE)


def code_only(text: str, *, iris: bool = True) -> str:
    """The query text with its strings, comments and (when ``iris``) IRIs blanked out."""
    return (_NOT_CODE if iris else _NOT_CODE_NO_IRIS).sub(" ", text)


def has_dataset_clause(text: str) -> bool:
    """True when the query names its own dataset (``FROM`` or ``FROM NAMED``), which must then
    not be replaced by the union of the store's graphs; "from" in a string, an IRI, a comment
    or a name does not count."""
    return _FROM.search(code_only(text)) is not None
