"""Links from news articles to the projects they name, decided over every page known.

A news page's own graph only says which names it uses (``iom:namesProject`` -> a mention
node). The links graph (``B/graph/links``) says what each name means: ``iom:mentionsProject``
the one project page that matches it (see ``ProjectIndex.find``), or else the mention node
itself, then typed ``iom:Project`` as a project known only from the news. It is recomputed
whole after every build, so the graph never depends on the order pages were built in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad

from kg.mapping.index import ProjectIndex
from kg.mapping.iris import mint_graph_iri, mint_named_project_iri, mint_page_iri
from kg.namespaces import DEFAULT_BASE, IOM, RDF
from kg.records import NewsArticle, ProjectMention, Record


@dataclass(frozen=True)
class MentionRow:
    """One project name one news page uses: the page, the mention node, what it says."""

    page: NamedNode
    node: NamedNode
    mention: ProjectMention


def mention_rows(records: Iterable[Record], base: str = DEFAULT_BASE) -> list[MentionRow]:
    """The project mentions of the news articles among ``records``."""
    rows = []
    for record in records:
        if isinstance(record, NewsArticle):
            page = mint_page_iri(record.source.sha256, base)
            rows.extend(MentionRow(page, mint_named_project_iri(m, base), m)
                        for m in record.projects if m.name.strip())
    return rows


def link_mentions(rows: Iterable[MentionRow], index: ProjectIndex,
                  graph: NamedNode) -> list[Quad]:
    """The links graph: each page -> the project each of its mentions means."""
    quads: set[Quad] = set()
    for row in rows:
        target = index.find(row.mention)
        quads.add(Quad(row.page, IOM.mentionsProject, target or row.node, graph))
        if target is None:
            quads.add(Quad(row.node, RDF.type, IOM.Project, graph))
    return sorted(quads, key=str)


def link_records(records: Iterable[Record], base: str = DEFAULT_BASE) -> list[Quad]:
    """The links graph for a set of records mapped together (no store involved)."""
    records = list(records)
    index = ProjectIndex.from_records(records, base)
    return link_mentions(mention_rows(records, base), index, mint_graph_iri("links", base))
