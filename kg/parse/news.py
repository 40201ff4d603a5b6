"""News articles: site header, title, dateline, body, and what the article names.

A country-office article is the site's menus (in English, French or Spanish, or none), a title,
a dateline paragraph ("Ha Noi, November 29, 2021 – ...") and the body. Hard-wrapped paragraphs
are joined before they are read. The body is searched for named projects
("the Project “X” (ACR) ... (2018-2021)", "X (ACR, 2018–2021)"), organisations and countries.
"""

from __future__ import annotations

import re

from kg.parse.datelines import Dateline, match_dateline
from kg.parse.fields import has_bullet, is_separator, label_key
from kg.parse.lines import Line
from kg.parse.organisation_words import END_HEADS, INITIAL_HEADS
from kg.parse.organisations import find_organisations
from kg.records import NewsArticle, ParseIssue, ProjectMention
from kg.reference.countries import gazetteer
from kg.sources import SourceText

# Menu entries of the IOM sites, with the language each one gives away (None: any language).
_MENU_LANGUAGES: dict[str, str | None] = {}
for _language, _entries in (
    ("en", ("Who we are", "About", "About us", "About IOM", "IOM Global", "Our Work",
            "What We Do", "Where we work", "Partnerships", "Highlights", "Take Action",
            "Work with us", "Get involved", "Data and Research", "Data and Resources",
            "Cross-cutting (Global)", "News", "Media", "Media Centre", "Press Releases", "Stories",
            "Contact", "Contact us", "Home", "Careers", "Donate", "Search", "Menu",
            "Skip to main content", "Publications", "Resources", "Events", "Share")),
    ("fr", ("Qui sommes-nous", "À propos", "À propos de l'OIM", "OIM Mondial", "Notre action",
            "Notre travail", "Ce que nous faisons", "Où nous travaillons", "Partenariats",
            "Faits marquants", "Agir", "Passer à l'action", "Travailler avec nous",
            "S'impliquer", "Données et recherche", "Données et ressources",
            "Transversal (Mondial)", "Actualités", "Communiqués de presse", "Accueil",
            "Nous contacter", "Faire un don", "Recherche", "Partager", "Agenda 2030")),
    ("es", ("Quiénes somos", "Acerca de", "Acerca de la OIM", "OIM Global", "Nuestro trabajo",
            "Qué hacemos", "Dónde trabajamos", "Alianzas", "Destacados", "Actúe", "Tome acción",
            "Trabaje con nosotros", "Participe", "Involúcrese", "Datos e investigación",
            "Datos y recursos", "Transversal (Global)", "Noticias", "Comunicados de prensa",
            "Inicio", "Contacto", "Donar", "Buscar", "Compartir", "Agenda 2030")),
    (None, ("2030 Agenda", "English", "Français", "Español")),
):
    for _entry in _entries:
        _MENU_LANGUAGES[label_key(_entry)] = (
            None if label_key(_entry) in _MENU_LANGUAGES else _language)
# A menu entry glued to the blurb under it: "WHO WE AREThe International Organization ...".
_GLUED_MENU = re.compile(
    "|".join(re.escape(entry) for entry in sorted(
        ("Who we are", "Our Work", "Qui sommes-nous", "Notre travail", "Notre action",
         "Quiénes somos", "Nuestro trabajo", "What We Do", "Ce que nous faisons", "Qué hacemos"),
        key=len, reverse=True)),
    re.IGNORECASE,
)
# Words that head organisation names: "UK" before them ("UK Home Office") names no country.
_ORGANISATION_HEADS = END_HEADS | INITIAL_HEADS
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SHORT_LINE = 40
_MAX_TITLE_CHARACTERS = 250
_DATELINE_SEARCH_LINES = 40
_STOPWORDS = {
    "en": re.compile(r"\b(?:the|and|of|with|for|which)\b"),
    "fr": re.compile(r"\b(?:le|les|et|des|du|pour|avec|est)\b"),
    "es": re.compile(r"\b(?:el|los|las|y|del|para|con|es)\b"),
}

# Projects named in an article.
_ACRONYM = r"[A-Z][A-Za-z0-9&\-]*[A-Z0-9]"
_YEARS = (r"(?P<start>(?:19|20)\d{2})\s*(?:[-–—/]|to|au|al|a)\s*"
          r"(?P<end>(?:19|20)\d{2}|\d{2})(?!\d)")
_PROJECT_WORD = (r"(?:[Pp]roject|[Pp]rojet|[Pp]royecto|[Pp]rogramme|[Pp]rogram|[Pp]rograma"
                 r"|[Ii]nitiative|[Ii]niciativa)")
_QUOTED_PROJECT = re.compile(
    rf"(?P<before>\b{_PROJECT_WORD}\s+(?:(?:entitled|titled|called|named|intitulé|titulado"
    r"|denominado|llamado)\s+)?)?[“\"«]\s*(?P<name>[^”\"»\n]{3,160}?)\s*[”\"»]"
    rf"(?P<after>\s+{_PROJECT_WORD}\b)?"
)
# "(TMSV)", "(TMSV, 2018–2021)", "(2018-2021)"; a match with neither part is ignored.
_ACRONYM_AND_YEARS = rf"\(\s*(?P<acronym>{_ACRONYM})?(?:\s*,?\s*{_YEARS})?\s*\)"
_PROJECT_TAIL = re.compile(rf"\s*{_ACRONYM_AND_YEARS}")
_YEARS_LATER = re.compile(rf"\(\s*{_YEARS}\s*\)")
_ACRONYM_YEARS = re.compile(rf"\(\s*(?P<acronym>{_ACRONYM})\s*,\s*{_YEARS}\s*\)")
_WORD_THEN_TAIL = re.compile(rf"\b{_PROJECT_WORD}\s*{_ACRONYM_AND_YEARS}")
_NAME_WORD = re.compile(r"[^\s]+")
_NAME_FUNCTION_WORDS = frozenset({
    "from", "of", "in", "to", "and", "the", "for", "on", "with", "against", "through", "de",
    "des", "du", "la", "le", "les", "del", "el", "los", "las", "y", "et", "en", "pour", "para",
    "contra", "a", "à", "au", "aux", "al", "l'", "d'",
})
_NAME_OPENERS = frozenset({"the", "a", "an", "its", "this", "le", "la", "les", "el", "los", "las",
                           "project", "projet", "proyecto", "programme", "program", "programa"})
_ARTICLES = frozenset({"the", "a", "an", "its", "le", "la", "les", "l'", "el", "los", "las"})
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)")
_LONG_SENTENCE = 500
def _is_header(lines: list[Line], index: int) -> bool:
    text = lines[index].text
    if is_separator(text) or has_bullet(text) or label_key(text) in _MENU_LANGUAGES:
        return True
    glued = _GLUED_MENU.match(text)
    if glued is not None and text[glued.end():glued.end() + 1].isupper():
        return True
    short = len(text) < _SHORT_LINE and text.count(" ") < 4
    neighbours = [lines[i].text for i in (index - 1, index + 1) if 0 <= i < len(lines)]
    return short and text in neighbours


def _header_end(lines: list[Line]) -> int:
    index = 0
    while index < len(lines) and _is_header(lines, index):
        index += 1
    return index


def _find_dateline(lines: list[Line], start: int) -> tuple[int, Dateline, int] | None:
    """(index of the dateline's line, the dateline, how many lines it spans)."""
    for index in range(start, min(len(lines), start + _DATELINE_SEARCH_LINES)):
        text = lines[index].text
        dateline = match_dateline(text)
        if dateline is not None:
            return index, dateline, 1
        if text.endswith(",") and index + 1 < len(lines):  # "Ha Noi," / "29 November 2021 – ..."
            dateline = match_dateline(f"{text} {lines[index + 1].text}")
            if dateline is not None and dateline.end > len(text):
                return index, dateline, 2
    return None


def _looks_like_title(text: str) -> bool:
    return len(text) <= _MAX_TITLE_CHARACTERS and not (
        text.endswith(".") and text.count(" ") >= 12)


def looks_like_news(lines: list[Line]) -> bool:
    """True when a page with no project fields reads as an article: a dateline near its top,
    or a title followed by at least two paragraphs of prose."""
    start = _header_end(lines)
    if _find_dateline(lines, start) is not None:
        return True
    prose = [line for line in lines[start:] if line.text.count(" ") >= 15
             and _SENTENCE_END.search(line.text)]
    return len(prose) >= 2


def paragraphs(lines: list[Line]) -> list[str]:
    """The lines joined into paragraphs: a line that ends no sentence runs on into the next
    line when that line follows it directly in the file (hard-wrapped text)."""
    joined: list[list[str]] = []
    previous: Line | None = None
    for line in lines:
        runs_on = (
            previous is not None and line.number == previous.number + 1
            and not _SENTENCE_END.search(previous.text) and not has_bullet(line.text)
            and (len(previous.text) >= _SHORT_LINE or line.text[:1].islower())
        )
        if runs_on:
            joined[-1].append(line.text)
        else:
            joined.append([line.text])
        previous = line
    return [" ".join(parts) for parts in joined]


def _language(dateline: Dateline | None, header: list[Line], text: str) -> str:
    if dateline is not None and dateline.language:
        return dateline.language
    votes = [_MENU_LANGUAGES.get(label_key(line.text)) for line in header]
    for language in ("fr", "es"):
        if votes.count(language) > votes.count("en"):
            return language
    if votes.count("en"):
        return "en"
    sample = text[:3000]
    counts = {language: len(words.findall(sample)) for language, words in _STOPWORDS.items()}
    best = max(counts, key=lambda language: counts[language])
    return best if counts[best] > counts["en"] else "en"


def _full_year(start: str, end: str) -> tuple[int, int]:
    first = int(start)
    last = int(end) if len(end) == 4 else first // 100 * 100 + int(end)
    return first, last


def _name_before(text: str, end: int, after_article: bool = False) -> str | None:
    """The capitalised name ending at ``end`` ("... of Tackling Modern Slavery from Viet Nam").

    With ``after_article`` the name starts after the nearest article ("the SAFE project").
    """
    segment = text[max(0, end - 200):end].rstrip()
    if segment.endswith(("”", '"', "»")):
        opening = max(segment.rfind("“"), segment.rfind('"', 0, len(segment) - 1),
                      segment.rfind("«"))
        return segment[opening + 1:-1].strip() or None if opening >= 0 else None
    words = [match.group() for match in _NAME_WORD.finditer(segment)]
    taken: list[str] = []
    for word in reversed(words):
        if word[-1] in ",;:.()“”\"«»" or (after_article and word.casefold() in _ARTICLES):
            break
        if word[:1].isupper() or word[:1].isdigit() or word.casefold() in _NAME_FUNCTION_WORDS:
            taken.append(word)
            continue
        break
    taken.reverse()
    while taken and (taken[0].casefold() in _NAME_FUNCTION_WORDS
                     or taken[0].casefold() in _NAME_OPENERS
                     or taken[0].endswith(("'s", "’s"))):
        taken.pop(0)
    if not any(word[:1].isupper() for word in taken):
        return None
    return " ".join(taken)


def _sentence_rest(text: str, start: int) -> int:
    """Where the sentence going on at ``start`` ends (looking no further than a long sentence)."""
    limit = min(len(text), start + _LONG_SENTENCE)
    stop = _SENTENCE_STOP.search(text, start, limit)
    return stop.start() if stop else limit


def find_projects(text: str, organisation_acronyms: frozenset[str] = frozenset()
                  ) -> list[ProjectMention]:
    """Projects an article names, with acronym and years where the text gives them."""
    found: list[tuple[int, str, str | None, tuple[int, int] | None]] = []
    for quoted in _QUOTED_PROJECT.finditer(text):
        if not (quoted.group("before") or quoted.group("after")):
            continue
        tail = _PROJECT_TAIL.match(text, quoted.end())
        if tail is not None and tail["acronym"] is None and tail["start"] is None:
            tail = None
        acronym = tail.group("acronym") if tail else None
        years_match = tail if tail and tail.group("start") else _YEARS_LATER.search(
            text, quoted.end(), _sentence_rest(text, quoted.end()))
        years = _full_year(years_match["start"], years_match["end"]) if years_match else None
        found.append((quoted.start("name"), quoted.group("name").strip(), acronym, years))
    for pattern, after_article in ((_ACRONYM_YEARS, False), (_WORD_THEN_TAIL, True)):
        for anchor in pattern.finditer(text):
            acronym = anchor.group("acronym")
            if (acronym is None and anchor["start"] is None) or acronym in organisation_acronyms:
                continue
            name = _name_before(text, anchor.start(), after_article)
            if name is None:
                continue
            years = _full_year(anchor["start"], anchor["end"]) if anchor["start"] else None
            found.append((anchor.start(), name, acronym, years))
    found.sort(key=lambda item: item[0])
    merged: dict[str, ProjectMention] = {}
    for _, name, acronym, years in found:
        key = next((k for k, known in merged.items()
                    if k == name.casefold() or (acronym and known.acronym == acronym)),
                   name.casefold())
        known = merged.get(key)
        start, end = years if years else (None, None)
        if known is None:
            merged[key] = ProjectMention(name, acronym, start, end)
        else:
            merged[key] = ProjectMention(known.name, known.acronym or acronym,
                                         known.start_year or start, known.end_year or end)
    return list(merged.values())


def parse_news_article(page: SourceText, lines: list[Line]) -> NewsArticle:
    """Read a news article page into a record; what it lacks is reported, never guessed."""
    article = NewsArticle(source=page.source)
    header_end = _header_end(lines)
    located = _find_dateline(lines, header_end)
    if located is not None:
        index, dateline, spans = located
        title_index = next((i for i in range(index - 1, header_end - 1, -1)
                            if not _is_header(lines, i)), None)
        opening = " ".join(line.text for line in lines[index:index + spans])[dateline.end:]
        first = Line(lines[index + spans - 1].number, opening)  # numbered so wrapped text joins
        body_lines = [first, *lines[index + spans:]] if opening.strip() else lines[index + spans:]
        article.place, article.published = dateline.place, dateline.published
        if dateline.problem:
            severity = "warning" if "no year" in dateline.problem else "error"
            article.issues.append(ParseIssue("published", dateline.problem, lines[index].number,
                                             severity))
    else:
        dateline = None
        title_index = header_end if header_end < len(lines) and _looks_like_title(
            lines[header_end].text) else None
        body_lines = lines[(title_index if title_index is not None else header_end - 1) + 1:]
        where = lines[header_end].number if header_end < len(lines) else None
        article.issues.append(ParseIssue(
            "published", "no dateline: the article's date and place are not given", where,
            "warning"))
    if title_index is not None:
        article.title = lines[title_index].text
    else:
        where = lines[header_end].number if header_end < len(lines) else None
        article.issues.append(ParseIssue("title", "no title before the article text", where))
    body = "\n".join(paragraphs(body_lines)).strip()
    article.body = body or None
    if not body:
        article.issues.append(ParseIssue("body", "the article has no text",
                                         lines[-1].number if lines else None))
    named = "\n".join(part for part in (article.title, body) if part)
    article.language = _language(dateline, lines[:header_end], named)
    # Title case capitalises every word of a title, so names are looked for in the body only.
    article.organisations = find_organisations(body, iom_role=None)
    acronyms = frozenset(org.acronym for org in article.organisations if org.acronym)
    article.projects = find_projects(named, acronyms)
    article.countries = gazetteer().mentions(named, organisation_heads=_ORGANISATION_HEADS)
    return article
