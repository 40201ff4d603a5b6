"""Budget statistics: project counts and budget totals, kept as RDF Data Cube observations.

The aggregate questions ("total counter-trafficking budget per region and year") scan every
project when asked of the pages' triples: seconds at 100,000 projects. A build therefore
computes them once, over the union of all graphs, into the graph ``B/graph/statistics``, and the
saved aggregate queries read the few hundred observations there. Each data set
(``B/statistics/{name}``) follows the data structure definition ``voc:statistics/{name}``
(ontology/statistics.ttl): its dimensions state a project property's value (``iom:refRegion``
for ``iom:idfRegion`` …) and the currency (``iom:refCurrency``), its measures are
``iom:projectCount`` and ``iom:totalBudget``.

A cell counts the distinct projects with its dimension values and currency: a fact stated in
several page graphs counts once, and a project with two values of a dimension counts in both
cells. Only Development Fund projects with a budget amount count; the currency is optional (a
cell without one has no ``iom:refCurrency``). The total sums the budget of each project whose
pages agree on it (one amount and currency); a project whose pages give different amounts (or
currencies) is counted but left out of the total, and the cell says how many were left out
(``iom:conflictingBudgetCount``, an attribute), as ``kg validate`` names them
(``iomsh:Budget-amount-count``). The totals are Oxigraph's ``SUM`` of the amounts, so they read
back exactly as a query summing the pages' amounts would give them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox

from kg.cores import usable_cores
from kg.mapping.iris import mint_graph_iri, normalise_base
from kg.namespaces import DEFAULT_BASE, IOM, QB, RDF, VOC


@dataclass(frozen=True)
class Dimension:
    """A dimension of a data set: the project property it groups by and the dimension
    property its observations state the value with."""

    reads: ox.NamedNode
    states: ox.NamedNode


PROJECT_TYPE = Dimension(IOM.projectType, IOM.refProjectType)
REGION = Dimension(IOM.idfRegion, IOM.refRegion)
YEAR = Dimension(IOM.fundingYear, IOM.refYear)
MEMBER_STATE = Dimension(IOM.benefitingMemberState, IOM.refMemberState)


@dataclass(frozen=True)
class DataSet:
    """One table of statistics: its name, its structure (``voc:statistics/{name}``) and its
    dimensions besides the currency."""

    name: str
    dimensions: tuple[Dimension, ...]

    @property
    def structure(self) -> ox.NamedNode:
        """The data structure definition, in ontology/statistics.ttl."""
        return VOC[f"statistics/{self.name}"]


DATA_SETS = (
    DataSet("budget-by-project-type", (PROJECT_TYPE,)),
    DataSet("budget-by-region-year", (REGION, YEAR)),
    DataSet("budget-by-type-region-year", (PROJECT_TYPE, REGION, YEAR)),
    DataSet("budget-by-member-state", (MEMBER_STATE,)),
)


def statistics_graph(base: str = DEFAULT_BASE) -> ox.NamedNode:
    """The named graph holding the statistics (``B/graph/statistics``)."""
    return mint_graph_iri("statistics", base)


CONFLICTING = f"""
SELECT ?project WHERE {{
  {{ SELECT ?project (COUNT(*) AS ?pairs) WHERE {{
      SELECT DISTINCT ?project ?stated ?statedCurrency WHERE {{
        {{ SELECT DISTINCT ?project ?budget WHERE {{ ?project {IOM.budget} ?budget }} }}
        {{ SELECT DISTINCT ?budget ?stated WHERE {{ ?budget {IOM.amount} ?stated }} }}
        OPTIONAL {{ SELECT DISTINCT ?budget ?statedCurrency
                    WHERE {{ ?budget {IOM.currency} ?statedCurrency }} }}
      }}
    }} GROUP BY ?project }}
  FILTER(?pairs > 1)
}}
ORDER BY ?project"""
"""The projects whose pages give more than one (amount, currency) pair for their budget."""


def conflicting_projects(store: ox.Store) -> list[ox.NamedNode]:
    """The projects whose budgets are left out of the totals (``CONFLICTING``): found once,
    not by each data set's query (at 100,000 pages that grouping was half of every one)."""
    return [row[0] for row in store.query(CONFLICTING, use_default_graph_as_union=True)]


def aggregate_query(data_set: DataSet, conflicting: list[ox.NamedNode]) -> str:
    """The SPARQL query giving one row per cell of ``data_set``: its dimension values
    (``?d0`` …), ``?currency``, ``?projects`` (distinct projects), ``?total`` (the sum of the
    budgets of those not in ``conflicting``, whose pages agree on one amount and currency),
    ``?summed`` (how many those are) and ``?conflicts`` (how many are left out of the total).

    Each property is read by a ``SELECT DISTINCT`` sub-select, which Oxigraph reads in one scan
    and joins by hash, and which drops the copies of a fact stated in several graphs. A
    conflicting project's amounts all become 0.0 before the rows are made distinct, so it
    counts once in a cell whatever amounts its pages give.
    """
    names = [f"?d{i}" for i in range(len(data_set.dimensions))]
    reads = "\n".join(
        f"      {{ SELECT DISTINCT ?project {name} WHERE {{ ?project {dimension.reads} {name} }} }}"
        for name, dimension in zip(names, data_set.dimensions, strict=True))
    keys = " ".join(names)
    left_out = " ".join(str(project) for project in conflicting)
    return f"""
SELECT {keys} ?currency (COUNT(?project) AS ?projects) (SUM(?amount) AS ?total)
       (SUM(?agrees) AS ?summed) (SUM(1 - ?agrees) AS ?conflicts)
WHERE {{
  {{
    SELECT DISTINCT ?project {keys} ?currency ?amount ?agrees
    WHERE {{
      {{ SELECT DISTINCT ?project WHERE {{ ?project a {IOM.DevelopmentFundProject} }} }}
{reads}
      {{ SELECT DISTINCT ?project ?budget WHERE {{ ?project {IOM.budget} ?budget }} }}
      {{ SELECT DISTINCT ?budget ?stated WHERE {{ ?budget {IOM.amount} ?stated }} }}
      OPTIONAL {{ SELECT DISTINCT ?budget ?currency WHERE {{ ?budget {IOM.currency} ?currency }} }}
      OPTIONAL {{ VALUES ?project {{ {left_out} }} BIND(true AS ?conflicting) }}
      BIND(IF(BOUND(?conflicting), 0, 1) AS ?agrees)
      BIND(IF(BOUND(?conflicting), 0.0, ?stated) AS ?amount)
    }}
  }}
}}
GROUP BY {keys} ?currency
"""


def _cell_iri(data_set_iri: str, values: list[ox.Term | None]) -> ox.NamedNode:
    """A cell's IRI: its data set's and a digest of its dimension values (stable, so the same
    pages always give the same graph)."""
    key = "\x1f".join("" if value is None else str(value) for value in values)
    return ox.NamedNode(f"{data_set_iri}/{hashlib.sha256(key.encode()).hexdigest()[:16]}")


def statistics_quads(store: ox.Store, base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """Every data set and observation computed from the union of the graphs of ``store``, in
    ``statistics_graph(base)``."""
    graph = statistics_graph(base)
    quads: list[ox.Quad] = []

    def add(subject: ox.NamedNode, predicate: ox.NamedNode, value: ox.Term) -> None:
        quads.append(ox.Quad(subject, predicate, value, graph))

    conflicting = conflicting_projects(store)

    def cells(data_set: DataSet) -> list[ox.QuerySolution]:
        return list(store.query(aggregate_query(data_set, conflicting),
                                use_default_graph_as_union=True))

    # Oxigraph lets go of the GIL while it evaluates a query: the data sets are summed side by
    # side (at 100,000 pages, on two cores: 4 s instead of 8 s).
    with ThreadPoolExecutor(max_workers=usable_cores()) as pool:
        summed = list(pool.map(cells, DATA_SETS))
    for data_set, rows in zip(DATA_SETS, summed, strict=True):
        set_iri = ox.NamedNode(f"{normalise_base(base)}statistics/{data_set.name}")
        add(set_iri, RDF.type, QB.DataSet)
        add(set_iri, QB.structure, data_set.structure)
        for row in rows:
            values = [row[f"d{i}"] for i in range(len(data_set.dimensions))]
            currency = row["currency"]
            cell = _cell_iri(set_iri.value, [*values, currency])
            add(cell, RDF.type, QB.Observation)
            add(cell, QB.dataSet, set_iri)
            for dimension, value in zip(data_set.dimensions, values, strict=True):
                add(cell, dimension.states, value)
            if currency is not None:
                add(cell, IOM.refCurrency, currency)
            add(cell, IOM.projectCount, row["projects"])
            # SUM fails on an amount that is not a number; no total sums no project's budget
            if row["total"] is not None and row["summed"].value != "0":
                add(cell, IOM.totalBudget, row["total"])
            if row["conflicts"].value != "0":
                add(cell, IOM.conflictingBudgetCount, row["conflicts"])
    return quads


_READ = frozenset({IOM.budget.value, IOM.amount.value, IOM.currency.value} | {
    dimension.reads.value for data_set in DATA_SETS for dimension in data_set.dimensions})


def statistics_facts(quads: Iterable[ox.Quad]) -> set[tuple[str, str, str]]:
    """What the statistics read of one page graph's quads: its Development Fund projects and
    their types, regions, years, member states and budgets. A page replaced by one with the
    same facts leaves the statistics as they were."""
    facts: set[tuple[str, str, str]] = set()
    for quad in quads:
        predicate = quad.predicate.value
        if predicate in _READ or (predicate == RDF.type.value
                                  and quad.object == IOM.DevelopmentFundProject):
            facts.add((quad.subject.value, predicate, str(quad.object)))
    return facts


def statistics_of(quads: list[ox.Quad], base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """``statistics_quads`` of these quads (loaded into an in-memory store)."""
    store = ox.Store()
    store.bulk_extend(quads)
    return statistics_quads(store, base)
