"""Generate realistic synthetic IDF project pages and news articles for benchmarks.

Project pages follow the real layouts and their variations: label/value blocks with and without
dash separators, bullet lists, French labels, HTML (inside a whole site's menus, scripts and
footer: ``bench.chrome``), shuffled field order, missing fields,
multi-word member states, Prima IDs opening with the first state's code, titles with and
without an acronym, and narratives stating their results the ways pages do
(``NARRATIVE_STYLES``: markers after clauses, headed lines, numbered lists under headings,
outcomes without outputs, prose naming no result). About one page in ten is a news article about a
project generated before it (a few name a project no page describes): English, French or
Spanish, text or HTML, with or without the site's menus, hard-wrapped or not, dated by the
dateline forms the parser reads (a full date, or only the month: "Lao Cai, 11/2017"), naming
the project by its quoted title, by title and acronym, or by a short name and its acronym.
The same seed always gives the same pages.

    python -m bench.generate OUT_DIR --pages 1000 [--seed 7]
"""

from __future__ import annotations

import argparse
import html
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from bench.chrome import wrap
from bench.countries import REGIONS, iso2, written_in
from bench.news import MONTHS, ProjectFacts, render_news, title_case

TYPES = ["Counter Trafficking Projects", "Protection and Assistance to Vulnerable Migrants",
         "Immigration and Border Management", "Labour Mobility and Human Development",
         "Migration Health", "Migration and Development", "Migration Policy and Research"]
FRENCH_TYPES = {"Counter Trafficking Projects": "Lutte contre la traite",
                "Migration and Development": "Migration et développement",
                "Migration Health": "Migration et santé"}
TOPICS = ["labour migration governance", "counter-trafficking coordination",
          "border management information systems", "migrant health referral",
          "diaspora engagement", "return and reintegration support", "migration data"]
ACTIONS = ["training {n} law enforcement officers on victim identification",
           "drafting standard operating procedures for case referral with {n} frontline agencies",
           "running a public awareness campaign that reaches {n} households in border communities",
           "setting up a case management database for {n} caseworkers",
           "supporting a national coordination committee of {n} members",
           "producing a baseline assessment of migration flows across {n} municipalities",
           "equipping {n} consular staff with a screening toolkit",
           "holding {n} regional dialogues between line ministries"]
"""Output phrases; each takes a count, and ``_output`` adds where and when, so that outputs
are worded per project as real pages are (a handful of phrases repeated across 100,000 pages
would let the store keep each string once, which real pages do not)."""
PLACES = ["in the capital", "in {n} border districts", "in the northern provinces",
          "in the southern provinces", "in {n} coastal municipalities", "in {n} pilot sites",
          "along the main transit corridor", "in {n} districts of origin"]
MINISTRIES = ["Ministry of Internal Affairs", "Ministry of Labour", "Ministry of Justice",
              "Ministry of Foreign Affairs", "National Police", "Immigration Department"]
HEADER = ["-", "Who we are", "About IOM", "-", "Our Work", "What We Do", "Partnerships",
          "- Where we work", "- Data and Research", "- 2030 Agenda"]
FR_LABELS = {"Project Type": "Type de projet", "Budget Amount (USD)": "Budget",
             "Coverage": "Couverture", "Year": "Année", "Start Date": "Date de début",
             "End Date": "Date de fin", "Project Status": "Statut du projet",
             "IDF Region": "Région FDI", "Prima ID": "Prima ID", "Projects ID": "Projet ID",
             "Benefiting Member States": "Etat(s) membre(s) bénéficiaire(s)"}


NEWS_SHARE = 0.1
"""About one page in ten is a news article."""
PAGES_VERSION = "7"
"""Changed whenever the same seed gives other pages (bench/run.py then makes them again)."""


def _output(rng: random.Random, action: str, year: int) -> str:
    """An output worded for its project: an action with its count, where, and by when."""
    where = rng.choice(PLACES).format(n=rng.randint(2, 40))
    return f"{action.format(n=rng.randint(5, 2000))} {where} by {year + rng.randint(1, 4)}"


@dataclass(frozen=True)
class Results:
    """A generated project's results chain, as its page states it."""

    objective: bool
    outputs: tuple[int, ...]
    """Outputs per outcome (0: an outcome without outputs); empty: no outcome."""


NARRATIVE_STYLES = (("marked", 0.55), ("headed", 0.17), ("listed", 0.15),
                    ("outcomes only", 0.05), ("prose", 0.08))
"""How a narrative states its results, with each style's share: marked after its clause
("... (Output 1.1)"), headed lines ("Outcome 1: ..."), numbered lists under "Expected
outcomes:" and "Expected outputs:" headings, outcomes marked but no output, or prose that names
no result at all (older pages describe their aim in a paragraph)."""


def _item(marker: str, text: str) -> str:
    """A result on a line of its own: its marker, then its text as a sentence."""
    return f"{marker} {text[0].upper()}{text[1:]}."


def _narrative(rng: random.Random, country: str, topic: str, ministry: str,
               year: int) -> tuple[list[str], Results]:
    """A narrative as lines of text, and the results it states."""
    style = rng.choices([name for name, _ in NARRATIVE_STYLES],
                        weights=[share for _, share in NARRATIVE_STYLES])[0]
    intro = (f"The project responds to a request from the {ministry} of {country} on {topic}, "
             f"made in {rng.choice(MONTHS['en'])} {year}.")
    aim = f"improve {topic} in {country}"
    if style == "prose":
        return [f"{intro} It sought to {aim}, working with local authorities and partners."], \
            Results(False, ())
    counts = tuple(0 if style == "outcomes only" else rng.randint(1, 3)
                   for _ in range(rng.randint(1, 3)))
    outcomes = [f"authorities in {rng.randint(2, 30)} provinces apply new procedures for "
                f"{topic}" for _ in counts]
    outputs = [[_output(rng, action, year) for action in rng.sample(ACTIONS, count)]
               for count in counts]
    results = Results(True, counts)
    if style == "headed":
        lines = [intro, f"Objective: To {aim}."]
        for o, (outcome, made) in enumerate(zip(outcomes, outputs, strict=True), 1):
            lines.append(_item(f"Outcome {o}:", outcome))
            lines += [_item(f"Output {o}.{n}:", output) for n, output in enumerate(made, 1)]
        return lines, results
    if style == "listed":
        lines = [f"{intro} It seeks to {aim} (Objective).", "Expected outcomes:"]
        lines += [_item(f"{o}.", outcome) for o, outcome in enumerate(outcomes, 1)]
        lines.append("Expected outputs:")
        lines += [_item(f"{o}.{n}", output)
                  for o, made in enumerate(outputs, 1) for n, output in enumerate(made, 1)]
        return lines, results
    parts = [intro, f"It seeks to {aim} (Objective)."]
    for o, (outcome, made) in enumerate(zip(outcomes, outputs, strict=True), 1):
        strand = ["first", "second", "third"][o - 1]
        marked = [f"{output} (Output {o}.{n})" for n, output in enumerate(made, 1)]
        means = f", by {', '.join(marked[:-1])} and {marked[-1]}" if len(marked) > 1 else \
            f", by {marked[0]}" if marked else ""
        parts.append(f"Under the {strand} strand, {outcome} (Outcome {o}){means}.")
    return [" ".join(parts)], results


def _acronym(verb: str, topic: str, country: str) -> str:
    """Initials of the title's words ("Strengthening Migration Data in Fiji" -> "SMDF")."""
    words = [verb, *topic.replace("-", " ").split(), *country.split()]
    return "".join(w[0].upper() for w in words if w not in ("and", "the", "of"))


def _projects_id(prefix: str, index: int) -> str:
    """A Projects ID ("PX.0220") of its own for each project: the first 10,000 take ``prefix``,
    each later 10,000 a prefix of its own (QB., QC., ...), since one ID on two projects is a
    violation (kg validate)."""
    block = index // 10_000
    if block:
        prefix = chr(ord("Q") + block // 26 % 10) + chr(ord("A") + block % 26)
    return f"{prefix}.{index % 10_000:04d}"


def _fields(rng: random.Random, index: int
            ) -> tuple[str, dict[str, str], list[str], ProjectFacts]:
    region = rng.choices(list(REGIONS), weights=[len(states) for states in REGIONS.values()])[0]
    national = rng.random() < 0.6
    pool = list(REGIONS[region])
    states = [rng.choice(pool)] if national else rng.sample(pool, rng.randint(2, 4))
    year = rng.randint(2012, 2024)
    code = iso2(states[0])  # a Prima ID opens with its (first) member state's code
    fields = {
        "Start Date": str(year + rng.randint(0, 1)),
        "End Date": str(year + rng.randint(2, 4)),
        "Project Status": "Completed" if year < 2021 else "Active",
        "Project Type": rng.choice(TYPES),
        "Budget Amount (USD)": f"{rng.randrange(50_000, 600_000, 5_000)}.00",
        "Coverage": "National" if national else "Regional",
        "Year": str(year),
        "IDF Region": region,
        "Prima ID": f"{code}{10 + index // 10_000:02d}P{index % 10_000:04d}",
        "Projects ID": _projects_id(rng.choice(["PX", "CT", "LM", "MD"]), index),
        "Benefiting Member States": " ".join(states),
    }
    for optional in ("Start Date", "End Date", "Project Status", "Projects ID"):
        if rng.random() < 0.1:
            del fields[optional]
    verb = "Strengthening" if index % 2 else "Supporting"
    topic, ministry = rng.choice(TOPICS), rng.choice(MINISTRIES)
    where = " and ".join(states[:2])
    acronym = None
    if rng.random() < 0.3:  # "Supporting Diaspora Engagement in Ghana (SDEG)"
        acronym = _acronym(verb, topic, states[0])
        title = f"{verb} {title_case(topic)} in {where} ({acronym})"
    else:
        title = f"{verb} {topic} in {where} (phase {index % 5 + 1})"
    facts = ProjectFacts(
        title, acronym, int(fields["Start Date"]) if "Start Date" in fields else None,
        int(fields["End Date"]) if "End Date" in fields else None, year, region,
        tuple(states), topic, ministry)
    narrative, results = _narrative(rng, states[0], topic, ministry, year)
    return title, fields, narrative, replace(facts, prima_id=fields["Prima ID"], results=results)


def _labelled(title: str, fields: dict[str, str], narrative: list[str], dashes: bool) -> str:
    lines = [*HEADER, title]
    for label, value in fields.items():
        if dashes:
            lines.append("-")
        lines += [label, value]
    return "\n".join([*lines, *narrative]) + "\n"


def _bullets(title: str, fields: dict[str, str], narrative: list[str]) -> str:
    lines = [title]
    for label, value in fields.items():
        lines += [f"• {label}", f"    {value}"]
    return "\n".join([*lines, "", *narrative]) + "\n"


def _french(title: str, fields: dict[str, str], narrative: list[str]) -> str:
    fr = dict(fields)
    fr["Project Type"] = FRENCH_TYPES.get(fields["Project Type"], fields["Project Type"])
    fr["Coverage"] = "Nationale" if fields["Coverage"] == "National" else "Régional"
    if "Project Status" in fr:
        fr["Project Status"] = "Achevé" if fields["Project Status"] == "Completed" else "En cours"
    lines = ["Qui sommes-nous", "Notre action", title]
    for label, value in fr.items():
        lines += ["-", FR_LABELS[label], value]
    return "\n".join([*lines, *narrative]) + "\n"


def _html(rng: random.Random, title: str, fields: dict[str, str], narrative: list[str]) -> str:
    items = "\n".join(f"  <dt>{html.escape(k)}</dt>\n  <dd>{html.escape(v)}</dd>"
                      for k, v in fields.items())
    main = (f"<main>\n<h1>{html.escape(title)}</h1>\n<dl>\n{items}\n</dl>\n"
            + "".join(f"<p>{html.escape(line)}</p>\n" for line in narrative) + "</main>")
    return wrap(rng, "en", title, main)


def render_project(rng: random.Random, index: int) -> tuple[str, str, ProjectFacts]:
    """One synthetic project page: (file name, content, what news may say of it)."""
    title, fields, narrative, facts = _fields(rng, index)
    name, text = _render_fields(rng, index, title, fields, narrative, facts.states)
    return name, text, facts


def _render_fields(rng: random.Random, index: int, title: str, fields: dict[str, str],
                   narrative: list[str], states: tuple[str, ...]) -> tuple[str, str]:
    keys = list(fields)
    if rng.random() < 0.2:  # another field order
        rng.shuffle(keys)
        fields = {k: fields[k] for k in keys}
    style = rng.random()
    if style < 0.55:
        return f"p{index:06d}.txt", _labelled(title, fields, narrative, dashes=True)
    if style < 0.70:
        return f"p{index:06d}.txt", _labelled(title, fields, narrative, dashes=False)
    if style < 0.82:
        return f"p{index:06d}.txt", _bullets(title, fields, narrative)
    if style < 0.92 and fields["IDF Region"] in {"Africa", "Middle East and North Africa"}:
        fields["Benefiting Member States"] = " ".join(written_in("fr", state)
                                                      for state in states)
        return f"p{index:06d}.txt", _french(title, fields, narrative)
    return f"p{index:06d}.html", _html(rng, title, fields, narrative)


def render_pages(pages: int, seed: int = 7
                 ) -> Iterator[tuple[str, str, ProjectFacts | None]]:
    """``pages`` synthetic pages, about one in ten a news article about a project rendered
    before it: (file name, content, the project's facts or None for an article) each."""
    rng = random.Random(seed)
    projects: list[ProjectFacts] = []
    for index in range(pages):
        if projects and rng.random() < NEWS_SHARE:
            yield *render_news(rng, index, projects), None
        else:
            name, text, facts = render_project(rng, index)
            projects.append(facts)
            yield name, text, facts


def generate(out: Path, pages: int, seed: int = 7) -> list[Path]:
    """Write ``pages`` synthetic pages (see ``render_pages``) into ``out`` (created); return
    their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text, _ in render_pages(pages, seed):
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    """Command line: python -m bench.generate OUT_DIR --pages N."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.pages, args.seed)


if __name__ == "__main__":
    main()
