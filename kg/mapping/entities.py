"""Triples of the things several records share: source pages, member states, organisations.

An organisation's description is repeated in every page graph that names it. Member states
are reference data (ISO 3166 and Wikidata, from the gazetteer), not page facts: they are
described once, in the member-states graph (``member_state_quads``), which a build recomputes
for every member state the pages use. A code the gazetteer lacks is not described (a page's own
words do not make a country), so the shapes report the page that names it. Triples are
N-Triples strings (see ``terms``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pyoxigraph import Quad

from kg.mapping.iris import member_state_iri, mint_graph_iri, mint_organisation_iri
from kg.mapping.terms import (
    dcterms,
    iom,
    language_iri,
    owl,
    parse_nquads,
    rdf,
    rdfs,
    string_literal,
    text_literal,
    to_nquads,
    wd,
)
from kg.records import Organisation, ProjectPage, Record, Source
from kg.reference.countries import gazetteer

_WIKIDATA_ITEM = re.compile(r"^Q[1-9][0-9]*$")

Described = tuple[str, tuple[str, ...]]
"""A node in N-Triples form and the triples that describe it."""


def source_page_triples(source: Source, language: str | None, page: str,
                        page_class: str) -> list[str]:
    """A page's provenance: its class, path, sha256 and language (an ISO 639-1 IRI)."""
    triples = [f"{page} {rdf.type} {iom.SourcePage}"]
    if page_class != iom.SourcePage:
        triples.append(f"{page} {rdf.type} {page_class}")
    triples.append(f"{page} {iom.sourcePath} {string_literal(source.path)}")
    triples.append(f"{page} {iom.sha256} {string_literal(source.sha256)}")
    if language_term := language_iri(language):
        triples.append(f"{page} {dcterms.language} {language_term}")
    return triples


def _wikidata(item: str | None) -> str | None:
    return getattr(wd, item) if item and _WIKIDATA_ITEM.match(item) else None


@lru_cache(maxsize=1024)
def _gazetteer_member_state(iso3: str, base: str) -> Described | None:
    country = gazetteer().countries.get(iso3)
    if country is None:
        return None
    node = f"<{member_state_iri(country.iso3, base)}>"
    triples = [
        f"{node} {rdf.type} {iom.MemberState}",
        f"{node} {rdfs.label} {text_literal(country.name, 'en')}",
        f"{node} {rdfs.label} {text_literal(country.name_fr, 'fr')}",
        f"{node} {rdfs.label} {text_literal(country.name_es, 'es')}",
        f"{node} {iom.iso3} {string_literal(country.iso3)}",
        f"{node} {iom.iso2} {string_literal(country.iso2)}",
    ]
    if country.m49:
        triples.append(f"{node} {iom.m49} {string_literal(country.m49)}")
    if wikidata := _wikidata(country.wikidata):
        triples.append(f"{node} {owl.sameAs} {wikidata}")
    return node, tuple(triples)


@lru_cache(maxsize=8192)
def _organisation(name: str, acronym: str | None, base: str) -> Described:
    node = str(mint_organisation_iri(name, base))
    triples = [
        f"{node} {rdf.type} {iom.Organisation}",
        f"{node} {rdfs.label} {string_literal(name)}",
    ]
    if acronym and acronym != name:
        triples.append(f"{node} {iom.acronym} {string_literal(acronym)}")
    return node, tuple(triples)


def organisation(org: Organisation, base: str) -> Described:
    """The organisation's node and its description: label (its name) and acronym."""
    name = " ".join(org.name.split())
    acronym = org.acronym.strip() if org.acronym and org.acronym.strip() else None
    return _organisation(name, acronym, base)


def member_state_quads(iso3_codes: Iterable[str], base: str) -> list[Quad]:
    """Descriptions of these member states, in the graph ``B/graph/member-states``: labels in
    en/fr/es, ISO 3166 codes, M49 and ``owl:sameAs`` their Wikidata item, from the gazetteer.
    Codes it lacks are left undescribed, so that no country is made up from a code alone."""
    graph = mint_graph_iri("member-states", base)
    triples: list[str] = []
    for iso3 in sorted({code.strip().upper() for code in iso3_codes}):
        if (found := _gazetteer_member_state(iso3, base)) is not None:
            triples += found[1]
    return parse_nquads(to_nquads(triples, str(graph)))


def used_member_states(records: Iterable[Record]) -> set[str]:
    """ISO alpha-3 codes of the member states and countries the records name."""
    codes: set[str] = set()
    for record in records:
        states = record.member_states if isinstance(record, ProjectPage) else record.countries
        codes.update(state.iso3.strip().upper() for state in states)
    return codes
