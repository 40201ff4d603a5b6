"""Synthetic news articles for the benchmark pages: each one reports on a generated project.

An article has the site's menus (or none), a title, a dateline and two or three paragraphs, in
English, French or Spanish, as text (one line a paragraph, or hard-wrapped) or HTML. It names
its project the ways real articles do: the quoted title with the years, the title and its
acronym, or a short name with the acronym, so `kg build` links it to the project's page; a few
name a project no page describes.
"""

from __future__ import annotations

import html
import random
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bench.chrome import wrap
from bench.countries import CAPITALS, written_in

if TYPE_CHECKING:
    from bench.generate import Results


@dataclass(frozen=True)
class ProjectFacts:
    """What a news article may say of a generated project, and the results its page states."""

    title: str
    acronym: str | None
    start: int | None
    end: int | None
    year: int
    region: str
    states: tuple[str, ...]
    topic: str
    ministry: str
    prima_id: str | None = None
    results: Results | None = None


SMALL_WORDS = frozenset(("and", "of", "the", "in", "for", "on"))
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
}
SHORT_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
                "Nov.", "Dec."]
HEADERS = {
    "en": [["Who We Are", "Our Work", "Data and Research", "Take Action"],
           ["-", "Who we are", "About IOM", "-", "Our Work", "What We Do", "- Where we work",
            "- Data and Resources", "- 2030 Agenda"],
           ["-", "Who We Are", "WHO WE AREIOM works with governments and partners so that "
            "migration benefits migrants and the societies they move between.", "About",
            "About", "-", "Our Work", "- Take Action"],
           []],
    "fr": [["Qui sommes-nous", "Notre action", "Données et recherche", "Passer à l'action"],
           ["Qui sommes-nous", "Qui sommes-nous", "Notre travail", "Agir"]],
    "es": [["Quiénes somos", "Nuestro trabajo", "Datos e investigación", "Participe"],
           ["Quiénes somos", "Qué hacemos", "Dónde trabajamos", "Involúcrese"]],
}
FRENCH_TOPICS = {
    "labour migration governance": "la gouvernance des migrations de main-d'œuvre",
    "counter-trafficking coordination": "la coordination de la lutte contre la traite",
    "border management information systems": "les systèmes d'information pour la gestion "
                                              "des frontières",
    "migrant health referral": "l'orientation des migrants vers les services de santé",
    "diaspora engagement": "la mobilisation de la diaspora",
    "return and reintegration support": "l'aide au retour et à la réintégration",
    "migration data": "les données migratoires",
}
SPANISH_TOPICS = {
    "labour migration governance": "la gobernanza de la migración laboral",
    "counter-trafficking coordination": "la coordinación contra la trata de personas",
    "border management information systems": "los sistemas de información para la gestión "
                                              "de fronteras",
    "migrant health referral": "la derivación de personas migrantes a servicios de salud",
    "diaspora engagement": "la vinculación con la diáspora",
    "return and reintegration support": "el apoyo al retorno y la reintegración",
    "migration data": "los datos migratorios",
}
FRENCH_MINISTRIES = {
    "Ministry of Internal Affairs": "du ministère de l'Intérieur",
    "Ministry of Labour": "du ministère du Travail", "Ministry of Justice":
    "du ministère de la Justice", "Ministry of Foreign Affairs":
    "du ministère des Affaires étrangères", "National Police": "de la Police nationale",
    "Immigration Department": "de la Direction de l'immigration",
}
SPANISH_MINISTRIES = {
    "Ministry of Internal Affairs": "del Ministerio del Interior",
    "Ministry of Labour": "del Ministerio de Trabajo", "Ministry of Justice":
    "del Ministerio de Justicia", "Ministry of Foreign Affairs":
    "del Ministerio de Relaciones Exteriores", "National Police": "de la Policía Nacional",
    "Immigration Department": "de la Dirección General de Migración",
}
EVENTS = [
    ("completed a {days}-day course on {topic}", "Course"),
    ("took part in a workshop on {topic} held over {days} days", "Workshop"),
    ("visited border posts to test new procedures for {topic}", "Field Visit"),
]
CLOSINGS = [
    "“Officers now follow the same steps wherever a migrant first asks for help,” said a "
    "senior official of the {ministry} at the closing session in {place}.",
    "Over the next {months} months, the {ministry} will extend the training to {more} more "
    "staff in provincial offices.",
    "A follow-up review with the participating agencies is planned for the end of the year.",
    "The participants agreed to share a contact list so that cases can be referred without "
    "delay between agencies.",
]
UNKNOWN_PROJECTS = ["Regional Migration Data Partnership for {region}",
                    "Regional Dialogue on Safe and Fair Labour Mobility",
                    "Building Resilience of Mobile Populations in {country}"]


def title_case(text: str) -> str:
    """Headline capitals, small words left alone ("Return and Reintegration Support")."""
    return " ".join(word if word in SMALL_WORDS else word[:1].upper() + word[1:]
                    for word in text.split())


def _plain(country: str) -> bool:
    """True when a short name may end with the country: "El Salvador" or "Côte d'Ivoire" would
    be cut at "El" or "d'Ivoire" (an article, a lower-case word) when read back."""
    return all(word in ("and", "of")
               or (word[:1].isupper() and word.casefold() not in ("el", "la", "le", "the"))
               for word in country.split())


def _date(rng: random.Random, facts: ProjectFacts) -> tuple[int, int, int]:
    first = facts.start or facts.year
    last = facts.end or first + 2
    return rng.randint(first, max(first, last)), rng.randint(1, 12), rng.randint(1, 28)


def _dateline(rng: random.Random, language: str, place: str, date: tuple[int, int, int]) -> str:
    year, month, day = date
    if rng.random() < 0.12:  # only the month: "Lao Cai, 11/2017"
        return f"{place}, {month}/{year}"
    if language == "fr":
        return f"{place}, le {day} {MONTHS['fr'][month - 1]} {year}"
    if language == "es":
        return f"{place}, {day} de {MONTHS['es'][month - 1]} de {year}"
    form = rng.randrange(5)
    if form == 0:
        return f"{place}, {MONTHS['en'][month - 1]} {day}, {year}"
    if form == 1:
        return f"{place}, {SHORT_MONTHS[month - 1]} {day}, {year}"
    if form == 2:
        return f"{place}, {year}-{month:02d}-{day:02d}"
    if form == 3 and " " not in place and "'" not in place:
        return f"{place.upper()} {day} {MONTHS['en'][month - 1]} {year}"
    return f"{place}, {day} {MONTHS['en'][month - 1]} {year}"


def _years(facts: ProjectFacts, dash: str) -> str | None:
    if facts.start is None or facts.end is None:
        return None
    return f"{facts.start}{dash}{facts.end}"


def _naming(rng: random.Random, facts: ProjectFacts, unknown: bool) -> str:
    """The English sentence that names the project."""
    years = _years(facts, rng.choice(["–", "-"]))
    if unknown:  # no years: every article naming it says the same of it
        name = rng.choice(UNKNOWN_PROJECTS).format(region=facts.region, country=facts.states[0])
        return f"The activity is part of the regional project “{name}”, funded by the IOM " \
            "Development Fund."
    short_title = facts.title.rsplit(" (", 1)[0]
    if facts.acronym and years and _plain(facts.states[0]) and rng.random() < 0.5:
        # a short name and the acronym
        return (f"Since {facts.start}, the {title_case(facts.topic)} in {facts.states[0]} "
                f"project ({facts.acronym}, {years}) has worked with national authorities on "
                "the same questions.")
    if facts.acronym and rng.random() < 0.5:
        tail = f"{facts.acronym}, {years}" if years else facts.acronym
        return (f"It was organised under the project “{short_title}” ({tail}), with support "
                "from the IOM Development Fund.")
    if years and rng.random() < 0.3:
        return (f"Under the project “{facts.title}”, which IOM implements with the "
                f"{facts.ministry} ({years}), similar sessions are planned in other provinces.")
    return f"The activity is part of the project “{facts.title}”" + (
        f" ({years})" if years else "") + ", funded by the IOM Development Fund."


def _english(rng: random.Random, facts: ProjectFacts, unknown: bool, place: str
             ) -> tuple[str, list[str]]:
    country = facts.states[0]
    event, kind = rng.choice(EVENTS)
    people = rng.choice(["officials", "officers", "front-line staff", "social workers"])
    days = rng.randint(2, 5)
    title = rng.choice([
        f"{country}: {rng.randint(12, 60)} {people.title()} Trained on {title_case(facts.topic)}",
        f"{kind} on {title_case(facts.topic)} Brings Together Authorities of {country}",
        f"IOM and the {facts.ministry} of {country} Review Progress on "
        f"{title_case(facts.topic)}",
    ])
    opening = (f"{rng.randint(12, 60)} {people} of the {facts.ministry} of {country} "
               + event.format(days=days, topic=facts.topic)
               + ", the International Organization for Migration (IOM) said.")
    closing = rng.choice(CLOSINGS).format(ministry=facts.ministry, place=place,
                                          months=rng.randint(3, 12), more=rng.randint(20, 200))
    return title, [opening, _naming(rng, facts, unknown), closing]


def _named_project(rng: random.Random, facts: ProjectFacts,
                   unknown: bool) -> tuple[str, str | None]:
    """The project name an article quotes and its years (none for a project without a page)."""
    if unknown:
        return rng.choice(UNKNOWN_PROJECTS).format(region=facts.region,
                                                   country=facts.states[0]), None
    return facts.title, _years(facts, "-")


def _french(rng: random.Random, facts: ProjectFacts, unknown: bool) -> tuple[str, list[str]]:
    country = written_in("fr", facts.states[0])
    topic = FRENCH_TOPICS[facts.topic]
    ministry = FRENCH_MINISTRIES[facts.ministry]
    people = rng.randint(12, 60)
    title = rng.choice([f"{country} : {people} agents formés sur {topic}",
                        f"L'OIM et les autorités de {country} font le point sur {topic}"])
    name, years = _named_project(rng, facts, unknown)
    return title, [
        f"{people} agents {ministry} ont suivi une formation de {rng.randint(2, 5)} jours "
        f"sur {topic}, a annoncé l'Organisation internationale pour les migrations (OIM).",
        f"Cette formation s'inscrit dans le cadre du projet « {name} »"
        + (f" ({years})" if years else "")
        + ", financé par le Fonds de l'OIM pour le développement.",
        f"Au cours des prochains mois, {rng.randint(20, 200)} autres agents seront formés "
        "dans les régions frontalières.",
    ]


def _spanish(rng: random.Random, facts: ProjectFacts, unknown: bool) -> tuple[str, list[str]]:
    country = written_in("es", facts.states[0])
    topic = SPANISH_TOPICS[facts.topic]
    ministry = SPANISH_MINISTRIES[facts.ministry]
    people = rng.randint(12, 60)
    title = rng.choice([f"{country} capacita a {people} funcionarios en {topic}",
                        f"La OIM y las autoridades de {country} revisan avances en {topic}"])
    name, years = _named_project(rng, facts, unknown)
    return title, [
        f"{people} funcionarios {ministry} completaron un curso de {rng.randint(2, 5)} días "
        f"sobre {topic}, informó la Organización Internacional para las Migraciones (OIM).",
        f"La actividad forma parte del proyecto “{name}”" + (f" ({years})" if years else "")
        + ", financiado por el Fondo de la OIM para el Desarrollo.",
        "En los próximos meses, la OIM apoyará la elaboración de un protocolo nacional de "
        "derivación de casos.",
    ]


def _language(rng: random.Random, facts: ProjectFacts) -> str:
    if facts.region in ("Africa", "Middle East and North Africa") and rng.random() < 0.5:
        return "fr"
    if facts.region == "Latin America and the Caribbean" and rng.random() < 0.4:
        return "es"
    return "en"


def _text_page(rng: random.Random, header: list[str], title: str, dateline: str,
               paragraphs: list[str]) -> str:
    first = f"{dateline} – {paragraphs[0]}"
    if rng.random() < 0.25:  # hard-wrapped paragraphs, blank lines between them
        place, _, rest = first.partition(", ")
        wrapped = [f"{place},\n{textwrap.fill(rest, 68)}" if rest and rng.random() < 0.4
                   else textwrap.fill(first, 68)]
        wrapped += [textwrap.fill(p, 68) for p in paragraphs[1:]]
        return "\n".join([*header, title, ""]) + "\n\n".join(wrapped) + "\n"
    return "\n".join([*header, title, first, *paragraphs[1:]]) + "\n"


def _html_page(rng: random.Random, language: str, title: str, dateline: str,
               paragraphs: list[str]) -> str:
    body = "\n".join(f"  <p>{html.escape(p)}</p>" for p in
                     [f"{dateline} – {paragraphs[0]}", *paragraphs[1:]])
    return wrap(rng, language, title, f"<main>\n  <h1>{html.escape(title)}</h1>\n{body}\n</main>")


def render_news(rng: random.Random, index: int, projects: list[ProjectFacts]) -> tuple[str, str]:
    """One synthetic news article about one of ``projects``: (file name, content)."""
    facts = rng.choice(projects[-2000:])  # news follows recent projects
    unknown = rng.random() < 0.08
    language = _language(rng, facts)
    place = CAPITALS[facts.states[0]]
    dateline = _dateline(rng, language, place, _date(rng, facts))
    if language == "fr":
        title, paragraphs = _french(rng, facts, unknown)
    elif language == "es":
        title, paragraphs = _spanish(rng, facts, unknown)
    else:
        title, paragraphs = _english(rng, facts, unknown, place)
    if rng.random() < 0.2:
        return f"n{index:06d}.html", _html_page(rng, language, title, dateline, paragraphs)
    header = rng.choice(HEADERS[language])
    return f"n{index:06d}.txt", _text_page(rng, header, title, dateline, paragraphs)
