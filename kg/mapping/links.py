"""Links from news articles to the projects they name, decided over every page known.

A news page's own graph only says which names it uses (``iom:namesProject`` -> a mention
node). The links graph (``B/graph/links``) says what each name means: ``iom:mentionsProject``
the one project page that matches it (see ``ProjectIndex.find``), or else the mention node
itself, then typed ``iom:Project`` as a project known only from the news; a mention that
gives only a Prima ID no page has is linked to nothing (and reported). It is recomputed
whole after every build, so the graph never depends on the order pages were built in.
A mention whose Prima ID and name point at different projects is linked all the same (by the
Prima ID when a page has it, by the name otherwise) and reported (``link_conflicts``).
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
                        for m in record.projects if m.name.strip() or m.prima_id)
    return rows


def link_mentions(rows: Iterable[MentionRow], index: ProjectIndex,
                  graph: NamedNode) -> list[Quad]:
    """The links graph: each page -> the project each of its mentions means."""
    quads: set[Quad] = set()
    for row in rows:
        target = index.find(row.mention)
        if target is None and not row.mention.name.strip():
            continue  # a Prima ID alone, which no page has, says nothing of the project
        quads.add(Quad(row.page, IOM.mentionsProject, target or row.node, graph))
        if target is None:
            quads.add(Quad(row.node, RDF.type, IOM.Project, graph))
    return sorted(quads, key=str)


@dataclass(frozen=True)
class LinkConflict:
    """A mention whose Prima ID and name point at different projects: ``linked`` is the
    project it is linked to, ``other`` the project its name fits when the link follows the
    Prima ID (None when no page has the Prima ID and the link follows the name). A mention
    giving only a Prima ID that no page has is linked to nothing (``linked`` None)."""

    page: NamedNode
    mention: ProjectMention
    linked: NamedNode | None
    other: NamedNode | None
    linked_prima_id: str | None = None

    @property
    def message(self) -> str:
        """What a person checking the article needs to know."""
        if self.linked is None:
            return (f"the project with Prima ID {self.mention.prima_id} is named by its Prima ID "
                    "alone and no project page has it: the article is linked to no project "
                    "until a page with that Prima ID is built")
        named = f"“{self.mention.name}” (Prima ID {self.mention.prima_id})"
        if self.other is not None:
            return (f"{named} is linked to {self.linked.value} by its Prima ID, but its name "
                    f"and years fit {self.other.value}; check the article")
        return (f"{named}: no project page has that Prima ID; linked by its name to "
                f"{self.linked.value}, whose Prima ID is {self.linked_prima_id}; check the "
                "article")


def link_conflicts(rows: Iterable[MentionRow], index: ProjectIndex) -> list[LinkConflict]:
    """Mentions whose Prima ID names one project and whose name, acronym and years another,
    or whose Prima ID no page has while their name fits a project with a Prima ID of its own,
    or that give only a Prima ID no page has (then linked to nothing)."""
    conflicts: set[LinkConflict] = set()
    for row in rows:
        if not row.mention.prima_id:
            continue
        by_id = index.find_by_prima_id(row.mention)
        if not row.mention.name.strip():
            if by_id is None:
                conflicts.add(LinkConflict(row.page, row.mention, None, None))
            continue
        by_name = index.find_by_name(row.mention)
        if by_id is not None and by_name is not None and by_id != by_name:
            conflicts.add(LinkConflict(row.page, row.mention, by_id, by_name))
        elif by_id is None and by_name is not None and by_name in index.prima_ids:
            conflicts.add(LinkConflict(row.page, row.mention, by_name, None,
                                       index.prima_ids[by_name]))
    return sorted(conflicts, key=lambda c: (c.page.value, c.mention.name,
                                            c.linked.value if c.linked else ""))


def link_records(records: Iterable[Record], base: str = DEFAULT_BASE) -> list[Quad]:
    """The links graph for a set of records mapped together (no store involved)."""
    records = list(records)
    index = ProjectIndex.from_records(records, base)
    return link_mentions(mention_rows(records, base), index, mint_graph_iri("links", base))
