"""Triples of one news article: the article (a source page), and the projects, organisations
and countries it mentions, all in the article's named graph."""

from __future__ import annotations

from pyoxigraph import NamedNode, Quad

from kg.errors import UsageError
from kg.mapping.entities import member_state, organisation, source_page_quads, wrap
from kg.mapping.index import ProjectIndex
from kg.mapping.iris import mint_named_project_iri, mint_page_iri, normalise_base
from kg.mapping.terms import date_literal, language_tag, string_literal, text_literal, year_literal
from kg.namespaces import DCTERMS, DEFAULT_BASE, IOM, PROV, RDF
from kg.records import NewsArticle, ProjectMention


def _named_project_quads(mention: ProjectMention, node: NamedNode, language: str | None,
                         g: NamedNode) -> list[Quad]:
    """A project known only from the article: its name, acronym and years."""
    quads = [
        Quad(node, RDF.type, IOM.Project, g),
        Quad(node, DCTERMS.title, text_literal(mention.name, language), g),
    ]
    if mention.acronym and mention.acronym.strip():
        quads.append(Quad(node, IOM.acronym, string_literal(mention.acronym.strip()), g))
    if mention.start_year is not None:
        quads.append(Quad(node, IOM.startYear, year_literal(mention.start_year), g))
    if mention.end_year is not None:
        quads.append(Quad(node, IOM.endYear, year_literal(mention.end_year), g))
    quads.append(Quad(node, PROV.wasDerivedFrom, g, g))
    return quads


def map_news_article(record: NewsArticle, base: str = DEFAULT_BASE,
                     projects: ProjectIndex | None = None) -> list[Quad]:
    """All quads of one news article; mentioned projects link to the project pages in
    ``projects`` when one matches, else to a project minted from the mention."""
    base = normalise_base(base)
    if projects is not None and projects.base != base:
        raise UsageError(f"project index built for base {projects.base}, not {base}")
    language = language_tag(record.language)
    g = NamedNode(mint_page_iri(record.source.sha256, base))
    quads = source_page_quads(record.source, language, g, IOM.NewsArticle)
    add = quads.append
    if record.title:
        add(Quad(g, DCTERMS.title, text_literal(record.title, language), g))
    published = date_literal(record.published)
    if published is not None:
        add(Quad(g, DCTERMS.date, published, g))
    if record.place and record.place.strip():
        add(Quad(g, IOM.place, string_literal(record.place.strip()), g))
    if record.body:
        add(Quad(g, DCTERMS.description, text_literal(record.body, language), g))
    seen: set[str] = set()
    for mention in record.projects:
        if not mention.name.strip():
            continue
        found = projects.find(mention) if projects is not None else None
        node = NamedNode(found or mint_named_project_iri(mention.name, base))
        if node.value in seen:
            continue
        seen.add(node.value)
        add(Quad(g, IOM.mentionsProject, node, g))
        if found is None:
            quads.extend(_named_project_quads(mention, node, language, g))
    for org in record.organisations:
        node, triples = organisation(org, base)
        if node.value not in seen:
            seen.add(node.value)
            add(Quad(g, IOM.mentionsOrganisation, node, g))
            quads.extend(wrap(triples, g))
    for state in record.countries:
        node, triples = member_state(state, base)
        if node.value not in seen:
            seen.add(node.value)
            add(Quad(g, IOM.mentionsCountry, node, g))
            quads.extend(wrap(triples, g))
    return quads
