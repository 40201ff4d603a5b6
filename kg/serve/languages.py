"""The language of the text a page shows, for its ``lang`` attributes (WCAG 3.1.2, Language of
Parts).

The pages are English; the data is English, French and Spanish. A literal's text keeps its
language tag (LangString) on its way to the templates and the SVG charts, which mark text in
any language but the page's (``<dd lang="fr">``, ``<text lang="es">``); English and untagged
text inherit the page's ``<html lang="en">``.
"""

from __future__ import annotations

import pyoxigraph as ox
from markupsafe import Markup

PAGE_LANGUAGE = "en"
"""The language of the pages' own words: their ``<html lang>``."""


class LangString(str):
    """The text of a literal with a language tag: the plain string it is, plus the tag."""

    language: str

    def __new__(cls, text: str, language: str) -> LangString:
        value = super().__new__(cls, text)
        value.language = language
        return value

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return str(self), self.language


def literal_text(literal: ox.Literal) -> str:
    """A literal's text: a LangString when it has a language tag, else a plain string."""
    return LangString(literal.value, literal.language) if literal.language else literal.value


def language_of(text: object) -> str:
    """The language tag ``text`` carries; "" for a plain string."""
    return text.language if isinstance(text, LangString) else ""


def in_language_of(text: str, source: str) -> str:
    """``text`` (a part of ``source``) tagged with the language of ``source``."""
    language = language_of(source)
    return LangString(text, language) if language else text


def in_language(text: str, language: str) -> str:
    """``text`` tagged ``language`` unless it is empty, has a tag already or ``language`` is
    ""."""
    return LangString(text, language) if text and language and not language_of(text) else text


def lang_attribute(language: str) -> Markup:
    """`` lang="fr"`` for text in a language other than the page's; nothing for English or
    untagged text."""
    if not language or language.lower() == PAGE_LANGUAGE:
        return Markup("")
    return Markup(' lang="{}"').format(language)
