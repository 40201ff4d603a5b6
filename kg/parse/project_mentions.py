"""Projects a news article names, with the acronym and years the text gives.

The forms read: the quoted title ("the Project “X” (ACR) ... (2018-2021)"), a title before its
acronym and years ("X (ACR, 2018–2021)"), a title before the word project ("the X project
(2019-22)", "the X (ACR) project") and after it ("the IOM project X (2020-2022)"). A title runs
over capitalised words and the small words inside names ("Mobility and Health along the Congo
River"). The brackets may give the project's Prima ID, alone or labelled ("(GE10P0377)",
"(Prima ID GE10P0377)", "(ID Prima CT10P0048)"), with its Projects ID ("(PX.0123 / GE10P0377)"),
after an acronym or before years ("(SBM, GE10P0377)", "(GE10P0377, 2019–2021)"); a bracket with
a Prima ID marks the title before it even without the word project. A Prima ID is no acronym.

A Prima ID introduced as a project's ("the project GE10P0377", "under Prima ID GE10P0377",
"(Prima ID: VU10P0543)", "the IDF project CT10P0048") names a project with no title. A Prima
ID is two letters, two digits, "P" and four digits, as IOM gives them and the shapes require;
a value that is almost one ("GE10P377", "GE10X0377") is returned apart, for the parser to
report, and kept in no mention.
"""

from __future__ import annotations

import re

from kg.parse.fields import label_key
from kg.parse.values import PRIMA_ID, PRIMA_ID_FORM, PRIMA_ID_PATTERN, PROJECTS_ID_FORM
from kg.records import ProjectMention

# Where a Prima ID may stand, values.PRIMA_ID_FORM is looked for: a Prima ID, or one typed
# with another letter or a digit too many or too few ("GE10P377"), to be reported rather than
# taken for a name. A Prima ID as IOM gives them is values.PRIMA_ID_PATTERN, that of
# shapes/project.ttl ("GE10P0377"), which project pages are checked against too.

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
_PRIMA_LABEL = (r"(?:(?:Prima|PRIMA)(?:\s+(?:ID|No\.?|[Nn]umber|[Cc]ode))?|(?:ID|N[°º])\s+"
                r"(?:de\s+)?(?:Prima|PRIMA))\s*:?\s*")
# What introduces a Prima ID as a project's, right before it: "the project ", "IDF project no. ",
# "projet ", "Prima ID: ", "(ID Prima : ".
_PRIMA_ID_INTRODUCTION = re.compile(
    rf"(?:\b{_PROJECT_WORD}(?:\s+(?:ID|[Nn]o\.?|[Nn]umber|[Cc]ode|[Nn][°º]))?\s*:?\s*"
    rf"|\b{_PRIMA_LABEL})$")
_INTRODUCTION_CHARACTERS = 30
_PRIMA_ID_IN_TEXT = re.compile(rf"\b{PRIMA_ID_FORM}(?!\w|\.\w)")


def _ids(prima: str) -> str:
    """A Prima ID (matched by ``prima``), labelled or with its Projects ID: "GE10P0377",
    "Prima ID: GE10P0377", "PX.0123 / GE10P0377". No acronym starts where one does."""
    return (rf"(?:{PROJECTS_ID_FORM}\s*/\s*)?(?:{_PRIMA_LABEL})?{prima}"
            rf"(?:\s*/\s*{PROJECTS_ID_FORM})?(?![\w.])")


# "(TMSV)", "(TMSV, 2018–2021)", "(2018-2021)", "(GE10P0377)", "(SBM, Prima ID GE10P0377)",
# "(GE10P0377, 2019-2021)"; a match with none of the three is ignored.
_ACRONYM_AND_YEARS = (rf"\(\s*(?:(?!{_ids(PRIMA_ID_FORM)})(?P<acronym>{_ACRONYM}))?"
                      rf"(?:\s*[,;]?\s*{_ids(f'(?P<prima>{PRIMA_ID_FORM})')})?"
                      rf"(?:\s*,?\s*{_YEARS})?\s*\)")
_PROJECT_TAIL = re.compile(rf"\s*{_ACRONYM_AND_YEARS}")
_YEARS_LATER = re.compile(rf"\(\s*{_YEARS}\s*\)")
_ACRONYM_YEARS = re.compile(
    rf"\(\s*(?!{_ids(PRIMA_ID_FORM)})(?P<acronym>{_ACRONYM})\s*,\s*{_YEARS}\s*\)")
_WORD_THEN_TAIL = re.compile(rf"\b{_PROJECT_WORD}\s*{_ACRONYM_AND_YEARS}")
_TAIL_THEN_WORD = re.compile(rf"{_ACRONYM_AND_YEARS}[ \t]+{_PROJECT_WORD}\b")
_BRACKET = re.compile(_ACRONYM_AND_YEARS)
_NAME_WORD = re.compile(r"[^\s]+")
_OPENING_SINGLE_QUOTE = re.compile(r"(?:^|(?<=\s))[‘'](?=\S)")
_NAME_FUNCTION_WORDS = frozenset({
    "from", "of", "in", "to", "and", "the", "for", "on", "with", "against", "through", "de",
    "des", "du", "la", "le", "les", "del", "el", "los", "las", "y", "et", "en", "pour", "para",
    "contra", "a", "à", "au", "aux", "al", "l'", "d'",
})
# Words that lead to a place inside a title: "along the Congo River", "between Border Agencies".
_PLACE_CONNECTORS = frozenset({"along", "between", "across", "among", "within", "beyond",
                               "towards", "into", "entre", "dans", "sur", "vers", "hacia",
                               "sobre"})
_SMALL_WORDS = _NAME_FUNCTION_WORDS | _PLACE_CONNECTORS
_CAPITALISED = r"[A-ZÀ-Þ0-9][\w'’\-]*"
_SMALL_WORD = "|".join(sorted((re.escape(word) for word in _SMALL_WORDS),
                              key=len, reverse=True))
# "the IOM project Community Policing and Migrant Safety in Costa Rica (2020-2022)"
_WORD_THEN_NAME = re.compile(
    rf"\b{_PROJECT_WORD} (?P<name>[A-ZÀ-Þ][\w'’\-]*(?: (?:{_CAPITALISED}|(?:{_SMALL_WORD})(?= )))"
    rf"{{0,15}}?) ?{_ACRONYM_AND_YEARS}")
_NAME_OPENERS = frozenset({"the", "a", "an", "its", "this", "le", "la", "les", "el", "los", "las",
                           "project", "projet", "proyecto", "programme", "program", "programa"})
_ARTICLES = frozenset({"the", "a", "an", "its", "le", "la", "les", "l'", "el", "los", "las"})
# Names before a Prima ID that are not the project's: the fund that pays for it.
_FUND_NAMES = frozenset(label_key(name) for name in (
    "IOM Development Fund", "Development Fund", "IDF", "IOM Development Fund (IDF)",
    "Fonds de l'OIM pour le développement", "Fonds de développement de l'OIM",
    "Fondo de la OIM para el Desarrollo", "Fondo de Desarrollo de la OIM"))
# Words before a name that make it a place, not a title: "trained in Port Vila (VU10P0543)".
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "à", "au", "aux", "dans", "en"})
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)")
_LONG_SENTENCE = 500
# (position, name, acronym, years, Prima ID)
Found = tuple[int, str, str | None, tuple[int, int] | None, str | None]
Facts = tuple[str | None, tuple[int, int] | None, str | None]  # (acronym, years, Prima ID)
def _full_year(start: str, end: str) -> tuple[int, int]:
    first = int(start)
    last = int(end) if len(end) == 4 else first // 100 * 100 + int(end)
    return first, last


def _name_before(text: str, end: int, after_article: bool = False) -> str | None:
    """The capitalised name ending at ``end`` ("... of Tackling Modern Slavery from Viet Nam").

    With ``after_article`` the name starts after the nearest article ("the SAFE project").
    """
    segment = text[max(0, end - 200):end].rstrip()
    segment = segment[segment.rfind("\n") + 1:]  # a name stays within its paragraph
    if segment.endswith(("”", '"', "»")):
        opening = max(segment.rfind("“"), segment.rfind('"', 0, len(segment) - 1),
                      segment.rfind("«"))
        return segment[opening + 1:-1].strip() or None if opening >= 0 else None
    if segment.endswith(("’", "'")):
        # an opening single quote starts a word; an apostrophe inside the name does not
        openings = list(_OPENING_SINGLE_QUOTE.finditer(segment, 0, len(segment) - 1))
        if openings:
            return segment[openings[-1].end():-1].strip() or None
    words = [match.group() for match in _NAME_WORD.finditer(segment)]
    taken: list[str] = []
    for index in range(len(words) - 1, -1, -1):
        word, folded = words[index], words[index].casefold()
        if word[-1] in ",;:.()“”\"«»":
            break
        if after_article and folded in _ARTICLES and not (
                index > 0 and words[index - 1].casefold() in _PLACE_CONNECTORS):
            break
        if word[:1].isupper() or word[:1].isdigit() or folded in _SMALL_WORDS:
            taken.append(word)
            continue
        break
    taken.reverse()
    while taken and (taken[0].casefold() in _SMALL_WORDS
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


def _quoted(text: str) -> list[Found]:
    """Quoted titles next to a project word, with the acronym and years after them."""
    found: list[Found] = []
    for quoted in _QUOTED_PROJECT.finditer(text):
        if not (quoted.group("before") or quoted.group("after")):
            continue
        tail = _PROJECT_TAIL.match(text, quoted.end())
        if tail is not None and not (tail["acronym"] or tail["start"] or tail["prima"]):
            tail = None
        acronym = tail.group("acronym") if tail else None
        years_match = tail if tail and tail.group("start") else _YEARS_LATER.search(
            text, quoted.end(), _sentence_rest(text, quoted.end()))
        years = _full_year(years_match["start"], years_match["end"]) if years_match else None
        found.append((quoted.start("name"), quoted.group("name").strip(), acronym, years,
                      tail.group("prima") if tail else None))
    return found


def _tail_facts(anchor: re.Match[str], organisation_acronyms: frozenset[str]) -> Facts | None:
    """(acronym, years, Prima ID) a bracket gives, or None when it gives none of them or names
    an organisation ("(IOM)")."""
    acronym, prima = anchor.group("acronym"), anchor.groupdict().get("prima")
    if not (acronym or anchor["start"] or prima) or acronym in organisation_acronyms:
        return None
    years = _full_year(anchor["start"], anchor["end"]) if anchor["start"] else None
    return acronym, years, prima


def _named_before_brackets(text: str, organisation_acronyms: frozenset[str]) -> list[Found]:
    """Titles ending at an acronym-and-years bracket, a bracket with a Prima ID, or a
    "project (…)" / "(…) project"."""
    found: list[Found] = []
    for pattern, after_article in ((_ACRONYM_YEARS, False), (_BRACKET, False),
                                   (_WORD_THEN_TAIL, True), (_TAIL_THEN_WORD, True)):
        for anchor in pattern.finditer(text):
            if pattern is _BRACKET and anchor["prima"] is None:
                continue
            facts = _tail_facts(anchor, organisation_acronyms)
            name = _name_before(text, anchor.start(), after_article) if facts else None
            if not (facts and name) or PRIMA_ID.match(name):
                continue  # "the project GE10P0377 (2019-2021)": _named_by_prima_id reads it
            acronym, years, prima = facts
            if label_key(name) in _FUND_NAMES:  # the bracket's acronym is the fund's ("IDF")
                name, acronym = "", None
            elif pattern is _BRACKET and _is_place(text, anchor.start(), name):
                name = ""
            found.append((anchor.start(), name, acronym, years, prima))
    return found


def _is_place(text: str, end: int, name: str) -> bool:
    """True for a name after a word leading to a place ("trained in Port Vila (VU10P0543)")."""
    before = text[:end].rstrip()
    words = before[:-len(name)].split() if before.endswith(name) else []
    return bool(words) and words[-1].casefold() in _PLACE_PREPOSITIONS


def _named_after_word(text: str, organisation_acronyms: frozenset[str]) -> list[Found]:
    """Titles between a project word and their bracket: "the project X (2020-2022)"."""
    found: list[Found] = []
    for anchor in _WORD_THEN_NAME.finditer(text):
        facts = _tail_facts(anchor, organisation_acronyms)
        words = anchor.group("name").split()
        if (facts and words[-1].casefold() not in _SMALL_WORDS
                and not PRIMA_ID.match(anchor.group("name"))):
            found.append((anchor.start("name"), anchor.group("name"), *facts))
    return found


def _named_by_prima_id(text: str, organisation_acronyms: frozenset[str]) -> list[Found]:
    """Projects named by a Prima ID alone, introduced as a project's ("the project GE10P0377",
    "Prima ID: VU10P0543"), with the acronym and years of a bracket after it."""
    found: list[Found] = []
    for match in _PRIMA_ID_IN_TEXT.finditer(text):
        start = match.start()
        if _PRIMA_ID_INTRODUCTION.search(text, max(0, start - _INTRODUCTION_CHARACTERS),
                                         start) is None:
            continue
        tail = _PROJECT_TAIL.match(text, match.end())
        facts = _tail_facts(tail, organisation_acronyms) if tail else None
        acronym, years = (facts[0], facts[1]) if facts else (None, None)
        found.append((start, "", acronym, years, match.group()))
    return found


def _checked_prima_ids(found: list[Found]) -> tuple[list[Found], list[str]]:
    """The mentions with only well-formed Prima IDs, and the values almost shaped like one
    ("GE10P377"), in text order; a mention left with neither title nor Prima ID is dropped."""
    kept: list[Found] = []
    misshapen: list[str] = []
    for position, name, acronym, years, prima in sorted(found, key=lambda item: item[0]):
        if prima and not PRIMA_ID_PATTERN.fullmatch(prima):
            if prima not in misshapen:
                misshapen.append(prima)
            prima = None
        if name or prima:
            kept.append((position, name, acronym, years, prima))
    return kept, misshapen


def _merged(found: list[Found]) -> list[ProjectMention]:
    """One mention per project, in text order: the same name, acronym or Prima ID is the same
    project; a title given anywhere names a project first given by its Prima ID alone."""
    merged: dict[str, ProjectMention] = {}
    for _, name, acronym, years, prima in found:
        folded = name.casefold()
        key = next((k for k, known in merged.items()
                    if (folded and known.name.casefold() == folded)
                    or (acronym and known.acronym == acronym)
                    or (prima and known.prima_id == prima)),
                   folded or f"#{prima}")
        known = merged.get(key)
        start, end = years if years else (None, None)
        if known is None:
            merged[key] = ProjectMention(name, acronym, start, end, prima)
        else:
            merged[key] = ProjectMention(known.name or name, known.acronym or acronym,
                                         known.start_year or start, known.end_year or end,
                                         known.prima_id or prima)
    return list(merged.values())


def read_projects(text: str, organisation_acronyms: frozenset[str] = frozenset()
                  ) -> tuple[list[ProjectMention], list[str]]:
    """Projects an article names (title, acronym, years, Prima ID where the text gives them),
    and the values almost shaped like a Prima ID that were left out of them ("GE10P377")."""
    found, misshapen = _checked_prima_ids([
        *_quoted(text), *_named_before_brackets(text, organisation_acronyms),
        *_named_after_word(text, organisation_acronyms),
        *_named_by_prima_id(text, organisation_acronyms)])
    return _merged(found), misshapen


def find_projects(text: str, organisation_acronyms: frozenset[str] = frozenset()
                  ) -> list[ProjectMention]:
    """Projects an article names, with acronym, years and Prima ID where the text gives them."""
    return read_projects(text, organisation_acronyms)[0]
