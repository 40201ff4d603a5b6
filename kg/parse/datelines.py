"""News datelines: "Ha Noi, November 29, 2021 –", "Dakar, le 12 mars 2019 –", "Lao Cai, 11/2017".

A dateline opens an article's first paragraph with a place and a date ("Manila, Philippines,
14 February 2023 –", "Dakar, Senegal – 12 April 2022 –", "Tamale – 5 May 2022:", "Quito, 20 de
junio de 2022.-"), or with a weekday and the date before the place ("Monday, 3 May 2021,
Bishkek –"); a date line stands alone ("Posted on 11 November 2022", "Monday, 14 February
2023"). The date is kept only as precisely as written: a full date as ``YYYY-MM-DD``, a month
as ``YYYY-MM`` (an xsd:gYearMonth); a date with no year is not recorded at all (the year is
never guessed). A paragraph of a page that gives no date may still open with its place and a
dash ("Accra – ...", "Santa Cruz de la Sierra – ...", "ACCRA, Ghana — ..."), which headings so
set off ("Background – ...") do not, nor a person set off with who they are before what they
said ("Amina Yusuf – IOM's Chief of Mission – said ...").
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.parse.fields import is_heading, label_key, match_label
from kg.parse.news_tags import NOT_PLACE_TAG_WORDS
from kg.parse.quoting import quoted
from kg.reference.organisations import canonical_names

_MONTHS: dict[str, tuple[int, str]] = {}
for _language, _names in (
    ("en", "january february march april may june july august september october november "
           "december"),
    ("fr", "janvier février mars avril mai juin juillet août septembre octobre novembre "
           "décembre"),
    ("es", "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
           "diciembre"),
):
    for _number, _name in enumerate(_names.split(), start=1):
        _MONTHS[_name] = (_number, _language)
_MONTHS.update({
    "jan": (1, "en"), "feb": (2, "en"), "mar": (3, "en"), "apr": (4, "en"), "jun": (6, "en"),
    "jul": (7, "en"), "aug": (8, "en"), "sep": (9, "en"), "sept": (9, "en"), "oct": (10, "en"),
    "nov": (11, "en"), "dec": (12, "en"), "fevrier": (2, "fr"), "aout": (8, "fr"),
    "decembre": (12, "fr"), "setiembre": (9, "es"),
})
_MONTH = (r"(?P<month>(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True))
          + r"))(?:\.|\b)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
_OTHER_DAY = r"(?:[ \t]*(?:and|&|-|–|et|y|to|au|al)[ \t]*[0-3]?\d(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_FORMS = tuple(re.compile(form) for form in (
    rf"{_MONTH}[ \t]+{_DAY},?[ \t]+{_YEAR}",                            # November 29, 2021
    rf"{_YEAR}-(?P<month_number>[01]\d)-(?P<day>[0-3]\d)",              # 2021-11-29
    rf"(?P<day>[0-3]?\d)[/.](?P<month_number>[01]?\d)[/.]{_YEAR}",      # 29/11/2021
    rf"(?P<month_number>[01]?\d)/{_YEAR}",                              # 11/2017
    rf"{_DAY}{_OTHER_DAY}[ \t]+(?:(?:de|of)[ \t]+)?{_MONTH}"             # 29 November 2021,
    rf"(?:,?[ \t]+(?:de[ \t]+|del[ \t]+)?{_YEAR})?",                    # 4th and 5th October
    rf"{_MONTH}[ \t]+(?:de[ \t]+)?{_YEAR}",                             # October 2016
    rf"{_MONTH}[ \t]+{_DAY}(?![\d,])",                                  # March 7
    r"\((?P<day>[0-3]?\d)/(?P<month_number>[01]?\d)\)",                 # (21/05)
    r"(?P<day>[0-3]?\d)/(?P<month_number>[01]?\d)(?![/\d])",            # 21/05
))
_WEEKDAY = (r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi"
            r"|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|miercoles|jueves|viernes"
            r"|sábado|sabado|domingo)\b")
# "Monday, " or "lundi " before a date: part of the date, never a place.
_WEEKDAY_BEFORE_DATE = re.compile(rf"{_WEEKDAY}[ \t]*,?[ \t]+")
# "Posted on", "Publié le", "Publicado el": a date line's lead-in.
_POSTED = re.compile(
    r"(?i:posted|published|updated|publié|publiée|mis à jour|publicado|publicada|actualizado)"
    r"(?:[ \t]+(?i:on|le|el))?[ \t]*:?[ \t]+")
_PLACE_WORD = r"[A-ZÀ-Þ][\w'’.\-]*"
# Words joining a place name's words: "Rio de Janeiro", "Santa Cruz de la Sierra", "Dar es
# Salaam", "Republic of the Congo"; "Côte d'Ivoire" joins them with an elided "de".
_JOINER = (r"(?:(?:de|of)[ \t]+(?:la|las|los|the)|de|del|la|las|los|el|du|des|of|au|aux|sur"
           r"|do|da|dos|das|les|es)")
_LINK = rf"(?:[ \t]+(?:{_JOINER}[ \t]+|d['’])?|[ \t]*/[ \t]*)"
_PLACE_NAME = rf"{_PLACE_WORD}(?:{_LINK}{_PLACE_WORD}){{0,5}}"
# The country after a place may join its words with "and" too: "Trinidad and Tobago".
_COUNTRY_NAME = rf"{_PLACE_WORD}(?:(?:{_LINK}|[ \t]+(?:and|et|y|e)[ \t]+){_PLACE_WORD}){{0,5}}"
_SLASH = re.compile(r"\s*/\s*")
# A joining word of a place name set in capitals, once title-cased: "Port Of Spain", "Côte
# D'Ivoire", "Port-Au-Prince" (not the first word: "La Paz", "El Alto").
_JOINER_IN_TITLE = re.compile(
    rf"(?<=[ \t-])(?:(?i:{_JOINER}|and|et|y|e)(?=[ \t-])|D(?=['’]))")
_IOM = r"\((?:IOM|OIM|UN Migration)\)"
# What opens a sentence or a date, never a place's name.
_NOT_A_PLACE = (
    r"(?!(?:On|In|Since|From|By|Until|As|At|This|Today|En|Depuis|Desde|Hoy)\b)"
    # An article opens a place's name ("The Hague", "La Paz", "Le Caire"), not a sentence or a
    # date ("The project", "Le 8 juin"): it must come before a capitalised word.
    r"(?!(?:The|Le|La|Les|El|Los|Las)\b(?![ \t]+[A-ZÀ-Þ]))"
    rf"(?!{_WEEKDAY})"
)
# "Dakar (Sénégal)": the place with its country in brackets ("(IOM)" is no country).
_COUNTRY_IN_BRACKETS = r"(?:[ \t]*\((?!IOM\)|OIM\)|UN Migration\))[A-ZÀ-Þ][^()\n]{0,40}\))?"
_PLACE = re.compile(
    _NOT_A_PLACE
    # "Manila, Philippines,", "Dakar, Senegal –" or "Dakar (Sénégal)": the place with its country.
    + rf"(?P<place>{_PLACE_NAME}(?:,[ \t]+{_COUNTRY_NAME}(?=[ \t]*,|[ \t]+[–—―-]+[ \t]))?"
    rf"{_COUNTRY_IN_BRACKETS})"
    rf"(?:[ \t]*{_IOM})?(?:[ \t]*,|[ \t]+[–—―-]+)?[ \t]+(?P<article>(?:le|el)[ \t]+)?"
)
# What may follow a date: a dash or colon ("2021 –", "2022:", "2022.-"), the end of the line,
# or (after a place) the article's first sentence ("2023. Las autoridades").
_AFTER_DATE = re.compile(
    rf"(?:[ \t]*{_IOM})?(?:\.?[ \t]*(?:[–—―-]+|:)[ \t]*|[ \t]*$"
    r"|(?P<bare>\.?[ \t]+(?=[A-ZÀ-Þ\"“«¿¡])))"
)
# A paragraph opened by its place alone, under a date line: "San José – Police officers ...".
_PLACE_OPENING = re.compile(rf"(?P<place>{_PLACE_NAME})(?:[ \t]*{_IOM})?[ \t]+[–—―-]+[ \t]+"
                            r"(?=[A-ZÀ-Þ\"“«¿¡])")
# A paragraph opened by its place and a dash where the page gives no date at all: "Accra – ...",
# "ACCRA, Ghana — ...", "Dakar (Sénégal) – ...".
_UNDATED_PLACE_OPENING = re.compile(
    _NOT_A_PLACE + rf"(?P<place>{_PLACE_NAME}(?:,[ \t]+{_COUNTRY_NAME})?{_COUNTRY_IN_BRACKETS})"
    rf"(?:[ \t]*{_IOM})?[ \t]+[–—―-]+[ \t]+(?=[A-ZÀ-Þ\"“«¿¡])")
# After a weekday and the date, the place and a dash: "Monday, 3 May 2021, Bishkek – ...".
_PLACE_AFTER_DATE = re.compile(
    r"[ \t]*,[ \t]+" + _NOT_A_PLACE
    + rf"(?P<place>{_PLACE_NAME}(?:,[ \t]+{_COUNTRY_NAME})?{_COUNTRY_IN_BRACKETS})"
    rf"(?:[ \t]*{_IOM})?[ \t]*(?:[–—―-]+|:)[ \t]*(?=[A-ZÀ-Þ\"“«¿¡])")
# Who a person is, set off by dashes before what they said: after "Amina Yusuf – ", "IOM's
# Chief of Mission in Ghana – said ...", "Chef de mission de l'OIM – a déclaré ...".
_ROLE_BEFORE_SPEECH = re.compile(
    r"(?:[^.!?–—―\n]|[.!?](?!\s)){1,150}?[ \t][–—―-]+[ \t]+(?:said|says|told|stated|added"
    r"|explained|noted|announced|a[ \t]+(?:déclaré|dit|affirmé|expliqué|indiqué|souligné"
    r"|annoncé)|déclare|affirme|explique|dijo|declaró|afirmó|explicó|señaló|indicó|aseguró"
    r"|destacó|anunció)\b")
# Words of the headings and tags a dash sets off as it would a place ("Update – The project
# ...", "Mise à jour – ...", "Nota – ...", "Topics – ..."): with no date after it, a "place"
# holding one of these is no place, nor are field labels and narrative headings ("Status",
# "Background", "Objectif": ``fields.match_label``, ``fields.is_heading``).
_NOT_PLACE_WORDS = NOT_PLACE_TAG_WORDS | frozenset(label_key(word) for word in (
    # English
    "Update", "Updates", "Note", "Notes", "Editor", "News", "Story", "Stories", "Feature",
    "Blog", "Statement", "Press", "Release", "Highlights", "Conclusion", "Conclusions",
    "Recommendation", "Recommendations", "Findings", "Lessons", "Steps", "Goal", "Goals",
    "Purpose", "Aim", "Aims", "Mission", "Vision", "Scope", "Rationale", "Justification",
    "Approach", "Methodology", "Challenge", "Challenges", "Problem", "Activity", "Activities",
    "Beneficiaries", "Partner", "Partners", "Donor", "Donors", "Funding", "Project", "Projects",
    "Programme", "Program", "Photo", "Photos", "Video", "Opinion", "Interview", "Analysis",
    "Editorial", "Quote", "Correction", "Disclaimer", "Contact", "Source", "Sources",
    "Achievements", "Timeline", "Phase", "Target", "Targets", "Indicator", "Indicators",
    # French
    "Mise", "Actualité", "Actualités", "Nouvelles", "Communiqué", "Récit", "Déclaration",
    "Enjeux", "Défi", "Défis", "Approche", "Historique", "Présentation", "Recommandation",
    "Recommandations", "Étapes", "Activités", "Bénéficiaires", "Partenaires", "Bailleur",
    "Bailleurs", "Financement", "Projet", "Projets", "But", "Buts", "Portée", "Entretien",
    "Vidéo", "Témoignage", "Citation",
    # Spanish
    "Actualización", "Noticia", "Noticias", "Comunicado", "Historia", "Declaración", "Nota",
    "Notas", "Desafío", "Desafíos", "Reto", "Retos", "Enfoque", "Justificación", "Presentación",
    "Conclusión", "Conclusiones", "Recomendación", "Recomendaciones", "Pasos", "Actividades",
    "Beneficiarios", "Socios", "Donante", "Donantes", "Financiamiento", "Financiación",
    "Proyecto", "Proyectos", "Programa", "Propósito", "Alcance", "Entrevista", "Testimonio",
    "Cita",
))


@dataclass(frozen=True)
class Dateline:
    """The place and date opening an article; ``end`` is where the article's own text starts.

    ``published`` is ISO ``YYYY-MM-DD`` or ``YYYY-MM``, or None with ``problem`` saying why.
    """

    place: str | None
    published: str | None
    language: str | None
    end: int
    written: str
    problem: str | None = None


def _place_name(place: str) -> str:
    """The place as a name: "HANOI" -> "Hanoi", "GENEVA/BANGKOK" -> "Geneva/Bangkok", "PORT OF
    SPAIN" -> "Port of Spain" (joining words after the first word in lower case, as in "Côte
    d'Ivoire" and "Port-au-Prince")."""
    place = _SLASH.sub("/", place.strip())
    if not place.isupper():
        return place
    return _JOINER_IN_TITLE.sub(lambda word: word.group().lower(), place.title())


def _published(date: re.Match[str]) -> tuple[str | None, str | None, str | None]:
    """(ISO date, month language, problem) of a matched date."""
    groups = date.groupdict()
    language = None
    if groups.get("month"):
        month, language = _MONTHS[groups["month"].casefold().rstrip(".")]
    else:
        month = int(groups["month_number"])
    year, day = groups.get("year"), groups.get("day")
    if year is None:
        return None, language, "gives no year; the date is not recorded"
    if not 1 <= month <= 12:
        return None, language, f"has no month {month}"
    if day is None:
        return f"{int(year):04d}-{month:02d}", language, None
    try:
        return datetime.date(int(year), month, int(day)).isoformat(), language, None
    except ValueError:
        return None, language, f"gives {quoted(date.group())}, which is not a calendar date"


def _date_at(text: str, position: int, bare_allowed: bool, place_allowed: bool = False
             ) -> tuple[re.Match[str], int, str | None] | None:
    """(date, where the text after it starts, place after it) of the date at ``position``; a
    place may follow a weekday and the date ("Monday, 3 May 2021, Bishkek –") when allowed."""
    weekday = _WEEKDAY_BEFORE_DATE.match(text, position)
    if weekday is not None:
        position = weekday.end()
    for form in _DATE_FORMS:
        date = form.match(text, position)
        if date is None:
            continue
        after = _AFTER_DATE.match(text, date.end())
        if after is not None and (after.group("bare") is None or bare_allowed):
            return date, after.end(), None
        place = _PLACE_AFTER_DATE.match(text, date.end()) if (
            place_allowed and weekday is not None) else None
        if place is not None and not _is_no_place(place.group("place")):
            return date, place.end(), place.group("place")
    return None


@lru_cache(maxsize=4096)
def match_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text``, or None when the text does not open with one (cached:
    lines recur across pages, and each is tried against many date forms).

    A dateline without a place must be set off by a dash ("29 November 2021 – ...") or stand
    alone on its line ("Posted on 11 November 2022").
    """
    posted = _POSTED.match(text)
    place_match = None if posted else _PLACE.match(text)
    found = _date_at(text, place_match.end(), True) if place_match else None
    place = place_match.group("place") if place_match and found else None
    if found is None:
        place_match = None
        found = _date_at(text, posted.end() if posted else 0, False, place_allowed=not posted)
    if found is None:
        return None
    date, end, place = found[0], found[1], place or found[2]
    published, language, problem = _published(date)
    if place_match and place_match.group("article"):
        language = language or ("fr" if place_match.group("article").startswith("le") else "es")
    written = text[:end].strip(" \t–—―-:.")
    return Dateline(place=_place_name(place) if place else None, published=published,
                    language=language, end=end, written=written,
                    problem=f"the dateline {quoted(written)} {problem}" if problem else None)


def match_place_opening(text: str) -> tuple[str, int] | None:
    """(place, where the text starts) of a paragraph opened by its place, as under a date line:
    a place and a dash alone ("Suva – Labour ministries ..."), or a whole dateline ("San
    Salvador, 3 de marzo de 2022. Las ...", its date left to the date line); None otherwise."""
    opening = _PLACE_OPENING.match(text)
    if opening is not None and not _WEEKDAY_BEFORE_DATE.match(text):
        if _ROLE_BEFORE_SPEECH.match(text, opening.end()):
            return None
        return _place_name(opening.group("place")), opening.end()
    dateline = match_dateline(text)
    if dateline is None or dateline.place is None or not text[dateline.end:].strip():
        return None
    return dateline.place, dateline.end


def match_undated_place_opening(text: str) -> tuple[str, int] | None:
    """(place, where the text starts) of a paragraph opened by its place, perhaps with its
    country, and a dash ("Accra – The ...", "ACCRA, Ghana — The ..."), as an article with no
    date opens; None for anything else, and for a heading, label, tag, month or organisation so
    set off ("Background – ...", "Objectif – ...", "Status – ...", "IOM – ..."), and for a
    person set off with who they are before what they said ("Amina Yusuf – IOM's Chief of
    Mission – said ...")."""
    opening = _UNDATED_PLACE_OPENING.match(text)
    if opening is None:
        return None
    place = opening.group("place")
    if _is_no_place(place) or _ROLE_BEFORE_SPEECH.match(text, opening.end()):
        return None
    return _place_name(place), opening.end()


def _is_no_place(name: str) -> bool:
    """True when a name a dash sets off as it would a place is a heading, label, tag, month or
    organisation ("Background", "Objectif", "Status", "Topics", "March", "IOM")."""
    words = label_key(name).split()
    return (any(word in _NOT_PLACE_WORDS for word in words) or is_heading(name)
            or match_label(name) is not None or name.casefold() in _MONTHS
            or name in canonical_names())


def is_place_line(text: str) -> bool:
    """True when the whole line is a place name ("Almaty", "Port Moresby"), as written on its
    own line above a date line."""
    return bool(re.fullmatch(_PLACE_NAME, text)) and text.count(" ") < 4 and not re.match(
        _WEEKDAY, text)
