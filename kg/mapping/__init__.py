"""Records -> RDF quads, following docs/graph-model.md; every IRI is minted in ``iris``.

``map_records`` is the usual entry point: it indexes the project pages first so news articles
link to the projects they name. Each page's quads live in the named graph of its page IRI.
``map_record_nquads`` gives the same quads as N-Quads text, for loading a store in bulk
without building a Python object per quad.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Quad

from kg.mapping.entities import member_state_quads, used_member_states
from kg.mapping.index import ProjectIndex
from kg.mapping.iris import (
    mint_graph_iri,
    mint_member_state_iri,
    mint_organisation_iri,
    mint_page_iri,
    mint_project_iri,
    normalise_base,
    slug,
)
from kg.mapping.links import link_mentions, link_records, mention_rows
from kg.mapping.news import news_article_nquads
from kg.mapping.ontology import ontology_quads
from kg.mapping.project import project_page_nquads
from kg.mapping.statistics import statistics_graph, statistics_of, statistics_quads
from kg.mapping.terms import parse_nquads
from kg.namespaces import DEFAULT_BASE
from kg.records import NewsArticle, ProjectPage, Record

__all__ = [
    "ProjectIndex",
    "link_mentions",
    "link_records",
    "map_record",
    "map_record_nquads",
    "map_records",
    "member_state_quads",
    "mention_rows",
    "mint_graph_iri",
    "mint_member_state_iri",
    "mint_organisation_iri",
    "mint_page_iri",
    "mint_project_iri",
    "normalise_base",
    "ontology_quads",
    "slug",
    "statistics_graph",
    "statistics_of",
    "statistics_quads",
]


def map_record_nquads(record: ProjectPage | NewsArticle, base: str = DEFAULT_BASE) -> str:
    """The quads of one record as N-Quads text, one per line, in the order ``map_record``
    gives them."""
    if isinstance(record, ProjectPage):
        return project_page_nquads(record, base)
    if isinstance(record, NewsArticle):
        return news_article_nquads(record, base)
    raise TypeError(f"cannot map {type(record).__name__}: not a ProjectPage or NewsArticle")


def map_record(record: ProjectPage | NewsArticle, base: str = DEFAULT_BASE) -> list[Quad]:
    """All quads of one record, in the named graph of its page (``B/page/{sha256[:16]}``).

    The graph depends on this page alone; links from news to project pages are made apart
    (``link_records``).
    """
    return parse_nquads(map_record_nquads(record, base))


def map_records(records: Iterable[Record], base: str = DEFAULT_BASE) -> list[Quad]:
    """All quads of many records, plus the links graph (news to the projects they name), the
    member-states graph and the statistics graph."""
    records = list(records)
    quads: list[Quad] = []
    for record in records:
        quads.extend(map_record(record, base))
    quads += link_records(records, base) + member_state_quads(used_member_states(records), base)
    return quads + statistics_of(quads, base)
