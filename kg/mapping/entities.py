"""Triples of the things several records share: source pages, member states, organisations.

A member state's or organisation's description is repeated in every page graph that uses it
(see docs/graph-model.md, "Named graphs"), so these triples are built once per process and
base IRI and only wrapped in a page's graph per record.
"""

from __future__ import annotations

from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

from kg.mapping.iris import mint_member_state_iri, mint_organisation_iri
from kg.mapping.terms import string_literal
from kg.namespaces import DCTERMS, IOM, OWL, RDF, RDFS, WD
from kg.records import MemberState, Organisation, Source
from kg.reference.countries import gazetteer

Triple = tuple[NamedNode, NamedNode, NamedNode | Literal]
Described = tuple[NamedNode, tuple[Triple, ...]]


def wrap(triples: tuple[Triple, ...], graph: NamedNode) -> list[Quad]:
    """The triples as quads of one named graph."""
    return [Quad(s, p, o, graph) for s, p, o in triples]


def source_page_quads(source: Source, language: str | None, page: NamedNode,
                      page_class: NamedNode) -> list[Quad]:
    """A page's provenance: its class, path, sha256 and language (in its own graph)."""
    quads = [Quad(page, RDF.type, IOM.SourcePage, page)]
    if page_class != IOM.SourcePage:
        quads.append(Quad(page, RDF.type, page_class, page))
    quads.append(Quad(page, IOM.sourcePath, string_literal(source.path), page))
    quads.append(Quad(page, IOM.sha256, string_literal(source.sha256), page))
    if language:
        quads.append(Quad(page, DCTERMS.language, string_literal(language), page))
    return quads


@lru_cache(maxsize=1024)
def _gazetteer_member_state(iso3: str, base: str) -> Described | None:
    country = gazetteer().countries.get(iso3)
    if country is None:
        return None
    node = NamedNode(mint_member_state_iri(country.iso3, base))
    triples: list[Triple] = [
        (node, RDF.type, IOM.MemberState),
        (node, RDFS.label, Literal(country.name, language="en")),
        (node, RDFS.label, Literal(country.name_fr, language="fr")),
        (node, RDFS.label, Literal(country.name_es, language="es")),
        (node, IOM.iso3, string_literal(country.iso3)),
        (node, IOM.iso2, string_literal(country.iso2)),
    ]
    if country.m49:
        triples.append((node, IOM.m49, string_literal(country.m49)))
    if country.wikidata:
        triples.append((node, OWL.sameAs, WD[country.wikidata]))
    return node, tuple(triples)


def _record_member_state(state: MemberState, base: str) -> Described:
    """A member state the gazetteer lacks: described from the record's own fields."""
    node = NamedNode(mint_member_state_iri(state.iso3, base))
    triples: list[Triple] = [
        (node, RDF.type, IOM.MemberState),
        (node, RDFS.label, Literal(state.label or state.name, language="en")),
        (node, IOM.iso3, string_literal(state.iso3.upper())),
    ]
    if state.iso2:
        triples.append((node, IOM.iso2, string_literal(state.iso2)))
    if state.m49:
        triples.append((node, IOM.m49, string_literal(state.m49)))
    if state.wikidata:
        triples.append((node, OWL.sameAs, WD[state.wikidata]))
    return node, tuple(triples)


def member_state(state: MemberState, base: str) -> Described:
    """The member state's node and its description: labels in en/fr/es from the gazetteer,
    ISO 3166 codes, M49 and ``owl:sameAs`` its Wikidata item when known."""
    found = _gazetteer_member_state(state.iso3.upper(), base)
    return found if found is not None else _record_member_state(state, base)


@lru_cache(maxsize=8192)
def _organisation(name: str, acronym: str | None, base: str) -> Described:
    node = NamedNode(mint_organisation_iri(name, base))
    triples: list[Triple] = [
        (node, RDF.type, IOM.Organisation),
        (node, RDFS.label, string_literal(name)),
    ]
    if acronym and acronym != name:
        triples.append((node, IOM.acronym, string_literal(acronym)))
    return node, tuple(triples)


def organisation(org: Organisation, base: str) -> Described:
    """The organisation's node and its description: label (its name) and acronym."""
    name = " ".join(org.name.split())
    acronym = org.acronym.strip() if org.acronym and org.acronym.strip() else None
    return _organisation(name, acronym, base)
