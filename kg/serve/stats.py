"""Figures for the index page: counts of things, and the data behind its charts.

The budget charts read the statistics a build sums (``kg.mapping.statistics``), as the saved
aggregate queries do, so they count each project once and leave out, as those do, a project
whose pages give different budgets. Each chart comes with its data table, made from the same
bars or series (kg.serve.charts.Chart)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from kg.serve.charts import (
    Bar,
    Chart,
    Series,
    bar_chart,
    bar_table,
    stacked_column_chart,
    stacked_column_table,
)
from kg.serve.graph import GraphReader

COUNTED = (
    ("projects", "Projects", "iom:DevelopmentFundProject", "project/"),
    ("member_states", "Member states", "iom:MemberState", "member-state/"),
    ("organisations", "Organisations", "iom:Organisation", "organisation/"),
    ("outcomes", "Outcomes", "iom:Outcome", None),
    ("outputs", "Outputs", "iom:Output", None),
    ("news", "News articles", "iom:NewsArticle", "page/"),
    ("pages", "Source pages", "iom:SourcePage", "page/"),
)


@dataclass(frozen=True)
class Count:
    """One figure of the index: what it counts, how many, and the list page if there is one."""

    key: str
    label: str
    value: int
    href: str | None


def _number(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> float:
    try:
        return float(term.value) if isinstance(term, ox.Literal) else 0.0
    except ValueError:
        return 0.0


def counts(reader: GraphReader) -> list[Count]:
    """How many projects, member states, organisations, results and pages the graph holds."""
    selects = " ".join(f"(COUNT(DISTINCT ?{key}) AS ?n_{key})" for key, *_ in COUNTED)
    unions = " UNION ".join(f"{{ ?{key} a {cls} }}" for key, _, cls, _ in COUNTED)
    row = reader.select(f"SELECT {selects} WHERE {{ {unions} }}")[0]
    return [Count(key, label, int(_number(row[f"n_{key}"])),
                  reader.href(reader.iris.base + path) if path else None)
            for key, label, _, path in COUNTED]


def _main_currency(rows: list[dict]) -> str:
    found = Counter(row["currency"].value for row in rows if row.get("currency") is not None)
    return found.most_common(1)[0][0] if found else "USD"


def budget_by_region_year(reader: GraphReader) -> Chart:
    """Stacked columns: total budget per funding year, split by IDF region."""
    rows = reader.select("""
        SELECT ?region ?year ?total ?currency WHERE {
          ?cell qb:dataSet/qb:structure statistics:budget-by-region-year ;
                iom:refRegion ?region ; iom:refYear ?year .
          OPTIONAL { ?cell iom:totalBudget ?total } OPTIONAL { ?cell iom:refCurrency ?currency }
        }""")
    currency = _main_currency(rows)
    rows = [r for r in rows if r["currency"] is None or r["currency"].value == currency]
    labels = reader.labels(r["region"].value for r in rows)
    years = sorted({r["year"].value for r in rows})
    totals: dict[str, dict[str, float]] = defaultdict(dict)
    for row in rows:
        totals[row["region"].value][row["year"].value] = _number(row["total"])
    regions = sorted(totals, key=lambda iri: labels[iri].casefold())
    series = [Series(labels[r], tuple(totals[r].get(y, 0.0) for y in years)) for r in regions]
    title = f"Budget by IDF region and funding year ({currency})"
    return Chart(stacked_column_chart(
        years, series, chart_id="chart-budget-region-year", unit=currency, title=title,
        description="Stacked columns: for each funding year, the total budget of the projects "
                    "funded that year, split by IDF region."),
        stacked_column_table(years, series, caption=title, label_heading="Funding year"))


def projects_by_type(reader: GraphReader) -> Chart:
    """Ranked bars: number of projects per project type."""
    rows = reader.select("""
        SELECT ?type (COUNT(DISTINCT ?project) AS ?n) WHERE {
          ?project a iom:DevelopmentFundProject ; iom:projectType ?type } GROUP BY ?type""")
    labels = reader.labels(r["type"].value for r in rows)
    bars = sorted((Bar(labels[r["type"].value], _number(r["n"]), reader.href(r["type"].value))
                   for r in rows), key=lambda b: (-b.value, b.label))
    title = "Projects by project type"
    return Chart(bar_chart(bars, chart_id="chart-projects-by-type", title=title,
                           description="Number of Development Fund projects of each project "
                                       "type, most first.", unit="project", plural="projects"),
                 bar_table(bars, caption=title, label_heading="Project type",
                           value_heading="Projects"))


def member_states_by_budget(reader: GraphReader, limit: int = 15) -> Chart:
    """Ranked bars: the member states whose projects have the largest total budget."""
    rows = reader.select("""
        SELECT ?state ?currency ?total WHERE {
          ?cell qb:dataSet/qb:structure statistics:budget-by-member-state ;
                iom:refMemberState ?state .
          OPTIONAL { ?cell iom:totalBudget ?total } OPTIONAL { ?cell iom:refCurrency ?currency }
        }""")
    currency = _main_currency(rows)
    rows = [r for r in rows if r["currency"] is None or r["currency"].value == currency]
    labels = reader.labels(r["state"].value for r in rows)
    bars = sorted((Bar(labels[r["state"].value], _number(r["total"]),
                       reader.href(r["state"].value)) for r in rows),
                  key=lambda b: (-b.value, b.label))[:limit]
    title = f"Member states by budget ({currency}, top {limit})"
    return Chart(bar_chart(bars, chart_id="chart-member-states-by-budget", unit=currency,
                           title=title,
                           description="Total budget of the projects benefiting each member "
                                       "state; a regional project counts in full for each of "
                                       "its member states."),
                 bar_table(bars, caption=title, label_heading="Member state",
                           value_heading=f"Budget ({currency})"))
