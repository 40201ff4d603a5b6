"""Triples of one news article: the article (a source page), and the projects, organisations
and countries it mentions, all in the article's named graph."""

from __future__ import annotations

from kg.mapping.entities import organisation, source_page_triples
from kg.mapping.iris import member_state_iri, mint_named_project_iri, normalise_base, page_iri
from kg.mapping.terms import (
    date_literal,
    dcterms,
    iom,
    language_tag,
    prov,
    rdf,
    string_literal,
    text_literal,
    to_nquads,
    year_literal,
)
from kg.namespaces import DEFAULT_BASE
from kg.records import NewsArticle, ProjectMention


def _mention_triples(mention: ProjectMention, node: str, language: str | None,
                     page: str) -> list[str]:
    """A project as the article names it: its name (none when the article gives only its Prima
    ID), acronym, years and Prima ID."""
    triples = [f"{node} {rdf.type} {iom.ProjectMention}"]
    if mention.name.strip():
        triples.append(f"{node} {dcterms.title} {text_literal(mention.name.strip(), language)}")
    if mention.acronym and mention.acronym.strip():
        triples.append(f"{node} {iom.acronym} {string_literal(mention.acronym.strip())}")
    if mention.start_year is not None:
        triples.append(f"{node} {iom.startYear} {year_literal(mention.start_year)}")
    if mention.end_year is not None:
        triples.append(f"{node} {iom.endYear} {year_literal(mention.end_year)}")
    if mention.prima_id and mention.prima_id.strip():
        triples.append(f"{node} {iom.primaId} {string_literal(mention.prima_id.strip())}")
    triples.append(f"{node} {prov.wasDerivedFrom} {page}")
    return triples


def news_article_nquads(record: NewsArticle, base: str = DEFAULT_BASE) -> str:
    """All quads of one news article as N-Quads text.

    Each project it names becomes a mention node (``iom:namesProject``); which project page a
    mention means is decided across all pages by kg.mapping.links, so that this page's graph
    never depends on what else was built.
    """
    base = normalise_base(base)
    language = language_tag(record.language)
    page = f"<{page_iri(record.source.sha256, base)}>"
    triples = source_page_triples(record.source, language, page, iom.NewsArticle)
    add = triples.append
    if record.title:
        add(f"{page} {dcterms.title} {text_literal(record.title, language)}")
    if published := date_literal(record.published):
        add(f"{page} {dcterms.date} {published}")
    if record.place and record.place.strip():
        add(f"{page} {iom.place} {string_literal(record.place.strip())}")
    if record.body:
        add(f"{page} {dcterms.description} {text_literal(record.body, language)}")
    seen: set[str] = set()
    for mention in record.projects:
        if not (mention.name.strip() or (mention.prima_id and mention.prima_id.strip())):
            continue
        node = str(mint_named_project_iri(mention, base))
        if node in seen:
            continue
        seen.add(node)
        add(f"{page} {iom.namesProject} {node}")
        triples += _mention_triples(mention, node, language, page)
    for org in record.organisations:
        node, description = organisation(org, base)
        if node not in seen:
            seen.add(node)
            add(f"{page} {iom.mentionsOrganisation} {node}")
            triples += description
    for state in record.countries:
        node = f"<{member_state_iri(state.iso3.strip().upper(), base)}>"
        if node not in seen:
            seen.add(node)
            add(f"{page} {iom.mentionsCountry} {node}")
    return to_nquads(triples, page)
