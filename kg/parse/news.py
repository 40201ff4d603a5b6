"""News articles: site header, title, dateline, body, and what the article names.

A country-office article is the site's menus (in English, French or Spanish, or none), a title,
a dateline paragraph ("Ha Noi, November 29, 2021 – ...") and the body; ``news_layout`` finds
these parts. Hard-wrapped paragraphs are joined before they are read. The title and body are
searched for named projects (``project_mentions``) and countries, the body for organisations;
the dateline's place ("Tegucigalpa, Honduras") and a footer's country tags add the countries
they name. Lists of links to other stories ("Related stories") are no part of the body
(``related_links``); a value almost shaped like a Prima ID is reported.
"""

from __future__ import annotations

import re

from kg.parse.datelines import Dateline
from kg.parse.fields import label_key
from kg.parse.lines import Line
from kg.parse.news_layout import (
    ArticleLayout,
    body_paragraphs,
    locate_article,
    looks_like_news,
    opens_with_dateline,
    paragraphs,
)
from kg.parse.news_tags import footer_countries
from kg.parse.organisation_words import END_HEADS, INITIAL_HEADS
from kg.parse.organisations import find_organisations
from kg.parse.project_mentions import find_projects, read_projects
from kg.parse.quoting import quoted
from kg.parse.site_menus import MENU_LANGUAGES
from kg.parse.values import PRIMA_ID_SHAPE
from kg.records import MemberState, NewsArticle, ParseIssue
from kg.reference.countries import gazetteer
from kg.sources import SourceText

__all__ = ["find_projects", "looks_like_news", "opens_with_dateline", "paragraphs",
           "parse_news_article"]

# Words that head organisation names: "UK" before them ("UK Home Office") names no country.
_ORGANISATION_HEADS = END_HEADS | INITIAL_HEADS
_STOPWORDS = {
    "en": re.compile(r"\b(?:the|and|of|with|for|which)\b"),
    "fr": re.compile(r"\b(?:le|les|et|des|du|pour|avec|est)\b"),
    "es": re.compile(r"\b(?:el|los|las|y|del|para|con|es)\b"),
}


def _language(dateline: Dateline | None, header: list[Line], text: str) -> str:
    if dateline is not None and dateline.language:
        return dateline.language
    votes = [MENU_LANGUAGES.get(label_key(line.text)) for line in header]
    for language in ("fr", "es"):
        if votes.count(language) > votes.count("en"):
            return language
    if votes.count("en"):
        return "en"
    sample = text[:3000]
    counts = {language: len(words.findall(sample)) for language, words in _STOPWORDS.items()}
    best = max(counts, key=lambda language: counts[language])
    return best if counts[best] > counts["en"] else "en"


def _where(lines: list[Line], index: int) -> int | None:
    return lines[index].number if index < len(lines) else None


def _date_and_title_issues(lines: list[Line], layout: ArticleLayout) -> list[ParseIssue]:
    """What the page leaves unsaid or uncertain about its date and headline."""
    issues: list[ParseIssue] = []
    dateline = layout.dateline
    if dateline is None and layout.place is not None and layout.opening is not None:
        issues.append(ParseIssue(
            "published", f"the dateline gives the place ({quoted(layout.place)}) but no date: "
            "the article's date is not given", layout.opening.number, "warning"))
    elif dateline is None:
        issues.append(ParseIssue("published", "no dateline: the article's date and place are not "
                                 "given", _where(lines, layout.header_end), "warning"))
    elif dateline.problem and layout.date_line is not None:
        severity = "warning" if "no year" in dateline.problem else "error"
        issues.append(ParseIssue("published", dateline.problem, lines[layout.date_line].number,
                                 severity))
    if layout.title is None:
        issues.append(ParseIssue("title", "no title before the article text",
                                 _where(lines, layout.header_end)))
    elif layout.other_title is not None:
        issues.append(ParseIssue(
            "title", f"{quoted(layout.other_title.text)} and {quoted(lines[layout.title].text)} "
            "could each be the title; took the second, nearest the article text",
            layout.other_title.number,
            "warning"))
    return issues


def _countries(named: str, footer: list[Line]) -> list[MemberState]:
    """Countries the article names (its title, dateline place and body, in that order), then
    those only its footer's country tags name."""
    found = gazetteer().mentions(named, organisation_heads=_ORGANISATION_HEADS)
    known = {country.iso3 for country in found}
    for value in footer_countries(footer):
        for country in gazetteer().mentions(value):
            if country.iso3 not in known:
                known.add(country.iso3)
                found.append(country)
    return found


def _misshapen_prima_id_issues(values: list[str], lines: list[Line]) -> list[ParseIssue]:
    """A warning for each value almost shaped like a Prima ID ("GE10P377"), on its line."""
    return [ParseIssue(
        "prima_id", f"{quoted(value)} is not a Prima ID ({PRIMA_ID_SHAPE}); it is left out of the "
        "projects the article names",
        next((line.number for line in lines if value in line.text), None), "warning")
        for value in values]


def parse_news_article(page: SourceText, lines: list[Line]) -> NewsArticle:
    """Read a news article page into a record; what it lacks is reported, never guessed."""
    layout = locate_article(lines)
    dateline = layout.dateline
    article = NewsArticle(source=page.source, place=layout.place,
                          published=dateline.published if dateline else None)
    article.issues = _date_and_title_issues(lines, layout)
    if layout.title is not None:
        article.title = lines[layout.title].text
    body = "\n".join([*paragraphs(layout.standfirst),
                      *body_paragraphs(lines, layout)]).strip()
    article.body = body or None
    if not body:
        article.issues.append(ParseIssue("body", "the article has no text",
                                         lines[-1].number if lines else None))
    named = "\n".join(part for part in (article.title, body) if part)
    article.language = _language(dateline, lines[:layout.header_end], named)
    # Title case capitalises every word of a title, so names are looked for in the body only.
    article.organisations = find_organisations(body, iom_role=None)
    acronyms = frozenset(org.acronym for org in article.organisations if org.acronym)
    article.projects, misshapen = read_projects(named, acronyms)
    article.issues += _misshapen_prima_id_issues(misshapen, lines)
    located = "\n".join(part for part in (article.title, article.place, body) if part)
    article.countries = _countries(located, lines[layout.footer:])
    return article
