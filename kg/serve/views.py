"""What a resource page shows, as plain data for the templates: statements, back links,
the parent resource, and lists of projects."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.namespaces import IOM, PREFIXES, XSD
from kg.query.results import triple_text
from kg.serve.graph import GraphReader, Link, Term, incoming_pairs_query, local_name, values
from kg.serve.languages import language_of
from kg.serve.reference_pages import ReferencePage, reference_pages

LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
MAX_BACKLINKS = 200
"""At most this many references to a resource are listed on its page, the first the store
finds (GraphReader.incoming_pairs); past that, the page says how many there are and links
them all (incoming_query_url), in pages when they are more than the endpoint answers at once
(kg.serve.reference_pages)."""


@dataclass(frozen=True)
class TermView:
    """An RDF term as a cell: its text, where it links to, a note (language, datatype) and the
    language tag of its text ("" for none)."""

    text: str
    href: str | None = None
    note: str = ""
    iri: str | None = None
    lang: str = ""


@dataclass(frozen=True)
class Statement:
    """One predicate of a resource and its values."""

    predicate: Link
    objects: list[TermView]


@dataclass(frozen=True)
class Backlinks:
    """What refers to a resource, as its page lists it: (resource, property) pairs, how many
    there are in all and, when the pairs are only the first of them, a query giving them all,
    or, past what the endpoint answers at once, ``pages`` of them: (first, last, query)."""

    pairs: list[tuple[Link, Link]]
    total: int
    everything: str | None = None
    pages: list[tuple[int, int, str]] = field(default_factory=list)
    page_size: int = 0


@dataclass
class ProjectRow:
    """A project in a list: its link and the few fields a table shows."""

    link: Link
    prima_id: str = ""
    year: str = ""
    budget: str = ""
    project_type: Link | None = None
    extra: list[Link] = field(default_factory=list)


def curie(iri: str) -> str:
    """``iom:primaId`` for a term of a known namespace, else the IRI."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        rest = iri[len(namespace):]
        if iri.startswith(namespace) and rest and re.fullmatch(r"[\w.-]+", rest):
            return f"{prefix}:{rest}"
    return iri


def money(amount: str | None, currency: str | None) -> str:
    """"300000" and "USD" -> "300,000 USD"."""
    if amount is None:
        return ""
    try:
        number = Decimal(amount)
        text = f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"
    except InvalidOperation:
        text = amount
    return f"{text} {currency}".strip() if currency else text


def result_sort_key(number: str | None) -> tuple:
    """Natural order of result numbers: 1.2 before 1.10; unnumbered last."""
    if not number:
        return ((1,),)
    return ((0,), *((0, int(p), "") if p.isdigit() else (1, 0, p) for p in number.split(".")))


def term_view(reader: GraphReader, term: Term, labels: dict[str, str]) -> TermView:
    """How a term shows in a table of statements."""
    if isinstance(term, ox.NamedNode):
        label = labels.get(term.value) or local_name(term.value)
        return TermView(label, reader.href(term.value), curie(term.value), term.value,
                        language_of(label))
    if isinstance(term, ox.BlankNode):
        return TermView(f"_:{term.value}")
    if isinstance(term, ox.Triple):  # an RDF 1.2 triple term, as SPARQL writes one
        return TermView(triple_text(term))
    if term.language:
        return TermView(term.value, note=f"@{term.language}", lang=term.language)
    datatype = term.datatype.value
    note = "" if datatype in (XSD.string.value, LANG_STRING) else curie(datatype)
    return TermView(term.value, note=note)


def statements(reader: GraphReader, iri: str, triples: list[ox.Triple]) -> list[Statement]:
    """The resource's own triples, grouped by predicate, values labelled and linked."""
    own = [t for t in triples if isinstance(t.subject, ox.NamedNode) and t.subject.value == iri]
    iris = {t.predicate.value for t in own}
    iris |= {t.object.value for t in own if isinstance(t.object, ox.NamedNode)}
    labels = reader.labels(iris)
    grouped: dict[str, list[TermView]] = defaultdict(list)
    for triple in own:
        grouped[triple.predicate.value].append(term_view(reader, triple.object, labels))
    return [Statement(reader.link(p, labels[p]), grouped[p])
            for p in sorted(grouped, key=lambda p: (curie(p) != "rdf:type", curie(p)))]


def incoming_query_url(iri: str, endpoint: str, answer: Literal["table", "triples"],
                       page: ReferencePage | None = None) -> str:
    """``endpoint?query=...``: a query of the SPARQL ``endpoint`` giving every reference to
    ``iri`` (kg.serve.graph.incoming_pairs_query), or those of ``page``, as a table for people,
    sorted, which /sparql shows a browser with linked IRIs, or as the triples themselves, for
    clients."""
    pairs = incoming_pairs_query(iri, page.condition if page else "")
    if page is not None and page.offset is not None:
        pairs += page.modifiers()
    elif answer == "table":
        pairs += " ORDER BY ?resource ?property"
    query = (pairs if answer == "table" else
             f"CONSTRUCT {{ ?resource ?property {ox.NamedNode(iri)} }} WHERE {{ {pairs} }}")
    return f"{endpoint}?{urlencode({'query': query})}"


def backlinks(reader: GraphReader, iri: str) -> Backlinks:
    """The resources pointing at ``iri`` and through which property (blank nodes left out):
    MAX_BACKLINKS of them, the first in the store's index order (GraphReader.incoming_pairs),
    shown by property, then label; past that, how many triples point at it (counted by the
    store) and a table of them all on this site's endpoint (incoming_query_url), or tables of
    pages of them when they are more than it answers at once (kg.serve.reference_pages)."""
    found = reader.incoming_pairs(iri, MAX_BACKLINKS + 1, iri_subjects=True)
    total, everything, pages = len(found), None, []
    endpoint = f"{reader.root}/sparql"
    if len(found) > MAX_BACKLINKS:
        found = found[:MAX_BACKLINKS]
        total = reader.count_incoming(iri)
        pages = [(page.first, page.last, incoming_query_url(iri, endpoint, "table", page))
                 for page in reference_pages(reader, iri, total)]
        if not pages:
            everything = incoming_query_url(iri, endpoint, "table")
    labels = reader.labels([s.value for s, _ in found] + [p.value for _, p in found])
    pairs = [(reader.link(s.value, labels[s.value]), reader.link(p.value, labels[p.value]))
             for s, p in found]
    pairs.sort(key=lambda pair: (pair[1].label, pair[0].label.casefold(), pair[0].iri))
    return Backlinks(pairs, total, everything, pages, reader.max_rows or 0)


def parent(reader: GraphReader, iri: str) -> Link | None:
    """The nearest resource whose IRI this one's extends (an output's project), if any."""
    roots = [reader.iris.base, *reader.iris.aliases.values()]
    root = next((r for r in roots if iri.startswith(r)), None)
    if root is None:
        return None
    head = iri
    while "/" in head[len(root):]:
        head = head.rsplit("/", 1)[0]
        if len(head) < len(root):
            return None
        if reader.exists(head):
            return reader.link(head)
    return None


def ordered_projects(reader: GraphReader, pattern: str, extra_var: str | None = None) -> list[
        tuple[str, set[str]]]:
    """Each project matched by ``pattern`` (a group pattern binding ?project) with the IRIs
    ``extra_var`` binds for it (roles, ...), newest funding year first, then by label and IRI:
    the order of a list of projects, cheap enough to take before building a page of rows."""
    extra = f"?{extra_var}" if extra_var else ""
    rows = reader.select(f"SELECT DISTINCT ?project {extra} WHERE {{ {pattern} }}")
    extras: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        term = row.get(extra_var) if extra_var else None
        extras[row["project"].value]
        if isinstance(term, ox.NamedNode):
            extras[row["project"].value].add(term.value)
    labels = reader.labels(extras)
    years = {iri: _text(reader.value(iri, IOM.fundingYear)) or "0000" for iri in extras}
    by_title = sorted(extras, key=lambda iri: (labels[iri].casefold(), iri))
    return [(iri, extras[iri]) for iri in sorted(by_title, key=years.__getitem__, reverse=True)]


def rows_of_projects(reader: GraphReader, projects: list[tuple[str, set[str]]]) -> list[
        ProjectRow]:
    """A ProjectRow for each (project, extra IRIs), in the order given: Prima ID, funding year,
    budget, type and the extras as links."""
    types = {iri: reader.value(iri, IOM.projectType) for iri, _ in projects}
    labels = reader.labels([*types, *(t.value for t in types.values() if t is not None),
                            *(e for _, found in projects for e in found)])
    found = []
    for iri, extra_iris in projects:
        budget = reader.value(iri, IOM.budget)
        amount = currency = None
        if budget is not None:
            amount = _text(reader.value(budget.value, IOM.amount))
            currency = _text(reader.value(budget.value, IOM.currency))
        kind = types[iri]
        found.append(ProjectRow(
            reader.link(iri, labels[iri]),
            prima_id=_text(reader.value(iri, IOM.primaId)) or "",
            year=_text(reader.value(iri, IOM.fundingYear)) or "",
            budget=money(amount, currency),
            project_type=reader.link(kind.value, labels[kind.value]) if kind else None,
            extra=sorted((reader.link(e, labels[e]) for e in extra_iris),
                         key=lambda link: link.label)))
    return found


def _text(term: Term | None) -> str | None:
    return None if term is None else term.value


def mentioning(reader: GraphReader, iri: str, predicate: str) -> list[Link]:
    """News articles that mention ``iri`` through ``predicate`` (an iom: term name)."""
    rows = reader.select(f"SELECT DISTINCT ?news WHERE {{ {values('o', [ox.NamedNode(iri)])} "
                         f"?news iom:{predicate} ?o }}")
    return reader.links(r["news"].value for r in rows)
