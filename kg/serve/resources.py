"""Dereferencing: every IRI minted under the base answers at its path here, as Turtle,
JSON-LD, N-Triples, RDF/XML or HTML by content negotiation (or ``?format=``); 404 for unknown
ones. Each answer names its other representations in a ``Link`` header (rel="alternate"), the
one it is in with ``Content-Location``, and carries an ETag for conditional GETs.

The RDF holds the resource's own triples and those pointing at it (a symmetric description, so
a client can go from a member state to its projects); the page shows the latter apart."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from kg.namespaces import DCTERMS, IOM, RDF, RDFS, SKOS, VOID, XSD
from kg.serve.caching import conditional
from kg.serve.evaluate import serialize_triples
from kg.serve.graph import GraphReader
from kg.serve.iris import PathRefused
from kg.serve.negotiation import negotiate as negotiate_format
from kg.serve.reference_pages import ReferencePage, reference_pages
from kg.serve.resource_views import (
    common,
    concept_view,
    container_view,
    member_state_view,
    organisation_view,
    page_view,
    project_view,
)
from kg.serve.site import Site, root_of
from kg.serve.views import incoming_query_url

OFFERS = ("text/html", "text/turtle", "application/ld+json", "application/n-triples",
          "application/rdf+xml", "application/json")
FORMATS = {"html": "text/html", "ttl": "text/turtle", "turtle": "text/turtle",
           "jsonld": "application/ld+json", "nt": "application/n-triples",
           "rdf": "application/rdf+xml"}
DATA_LINKS = (("Turtle", "ttl"), ("JSON-LD", "jsonld"), ("N-Triples", "nt"))
"""The data formats a resource's page links to, by name and ``?format=``."""
REPRESENTATIONS = (*(fmt for _, fmt in DATA_LINKS), "rdf", "html")
"""The ``?format=`` of every representation of a resource, as its Link header names them."""
URI_CHARACTERS = "!#$%&'()*+,/:;=?@[]~"
"""The characters besides letters, digits and ``-._`` left as they are when an IRI becomes a
URI (RFC 3987, section 3.1): every other one is %-encoded as UTF-8."""
TEMPLATES = (
    (IOM.Project.value, "project.html", project_view),
    (IOM.MemberState.value, "member_state.html", member_state_view),
    (IOM.Organisation.value, "organisation.html", organisation_view),
    (IOM.SourcePage.value, "page.html", page_view),
    (SKOS.Concept.value, "concept.html", concept_view),
    (SKOS.ConceptScheme.value, "concept.html", concept_view),
)
MAX_INCOMING = 1_000
"""At most this many triples pointing at a resource go into its RDF (the first the store finds,
GraphReader.incoming_pairs); past that, a note links a SPARQL query giving them all
(kg.serve.views.incoming_query_url), or queries giving pages of them when they are more than
the endpoint answers at once (kg.serve.reference_pages)."""


def negotiate(request: Request, offers: tuple[str, ...] = OFFERS) -> str:
    """The media type to answer in: ``?format=`` first, then the Accept header; 406 if none."""
    chosen = negotiate_format(request, offers, FORMATS)
    return "application/ld+json" if chosen == "application/json" else chosen


def representation_headers(href: str, media_type: str) -> dict[str, str]:
    """The headers of the ``media_type`` answer for the resource at ``href``: its other
    representations as ``Link: <href?format=..>; rel="alternate"; type="..."`` and its own URL
    as ``Content-Location`` (an IRI's characters outside ASCII %-encoded, as headers need)."""
    uri = quote(href, safe=URI_CHARACTERS)
    links = [f'<{uri}?format={fmt}>; rel="alternate"; type="{FORMATS[fmt]}"'
             for fmt in REPRESENTATIONS if FORMATS[fmt] != media_type]
    own = next(fmt for fmt in REPRESENTATIONS if FORMATS[fmt] == media_type)
    return {"link": ", ".join(links), "content-location": f"{uri}?format={own}"}


def request_path(request: Request) -> str:
    """The raw (still %-encoded) request path below the app's root, without its leading /."""
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, bytes) else request.url.path
    root = root_of(request)
    if root and path.startswith(root):
        path = path[len(root):]
    return path.lstrip("/")


def find_resource(reader: GraphReader, path: str) -> str:
    """The IRI a path names, if the graph describes it: 400 for a refused path, else 404."""
    try:
        candidates = reader.iris.iris_for_path(path)
    except PathRefused as exc:
        raise HTTPException(400, f"refused path: {exc}") from exc
    for iri in candidates:
        try:
            ox.NamedNode(iri)
        except ValueError:
            continue
        if reader.exists(iri):
            return iri
    raise HTTPException(404, f"nothing is known about <{candidates[0]}>")


def rdf_description(reader: GraphReader, iri: str, endpoint: str) -> list[ox.Triple]:
    """The resource's triples (GraphReader.describe) and the triples pointing at it, at most
    MAX_INCOMING of those; past that, a note saying where they all are (incoming_note), or
    where each page of them is when they are more than the endpoint answers at once
    (incoming_page_note)."""
    incoming = reader.incoming(iri, MAX_INCOMING + 1)
    triples = reader.describe(iri) + incoming[:MAX_INCOMING]
    if len(incoming) > MAX_INCOMING:
        total = reader.count_incoming(iri)
        pages = reference_pages(reader, iri, total)
        for page in pages:
            triples += incoming_page_note(iri, total, endpoint, page)
        if not pages:
            triples += incoming_note(iri, total, endpoint)
    return triples


def incoming_note(iri: str, total: int, endpoint: str) -> list[ox.Triple]:
    """``<iri> rdfs:seeAlso <q>`` for a CONSTRUCT query ``q`` on the SPARQL ``endpoint`` giving
    every triple pointing at ``iri``, ``q`` described as a VoID dataset of ``total`` triples."""
    about = (f"The {total:,} triples whose object is <{iri}>; the description of <{iri}> "
             f"holds {MAX_INCOMING:,} of them.")
    return _see_also(iri, incoming_query_url(iri, endpoint, "triples"), about, total, endpoint)


def incoming_page_note(iri: str, total: int, endpoint: str,
                       page: ReferencePage) -> list[ox.Triple]:
    """``<iri> rdfs:seeAlso <q>`` for a CONSTRUCT query ``q`` on the SPARQL ``endpoint`` giving
    ``page`` of the ``total`` triples pointing at ``iri``, described as a VoID dataset."""
    about = (f"The triples {page.first:,} to {page.last:,} of the {total:,} whose object is "
             f"<{iri}>, sorted by subject and predicate; the description of <{iri}> holds "
             f"{MAX_INCOMING:,} of them.")
    return _see_also(iri, incoming_query_url(iri, endpoint, "triples", page), about, page.size,
                     endpoint)


def _see_also(iri: str, url: str, about: str, size: int, endpoint: str) -> list[ox.Triple]:
    node, query = ox.NamedNode(iri), ox.NamedNode(url)
    return [ox.Triple(node, RDFS.seeAlso, query),
            ox.Triple(query, RDF.type, VOID.Dataset),
            ox.Triple(query, DCTERMS.description, ox.Literal(about, language="en")),
            ox.Triple(query, VOID.triples, ox.Literal(str(size), datatype=XSD.integer)),
            ox.Triple(query, VOID.sparqlEndpoint, ox.NamedNode(endpoint))]


def html_view(reader: GraphReader, iri: str, triples: list[ox.Triple], page: int = 1) -> tuple[
        str, dict[str, Any]]:
    """The template and context of a resource's page, chosen by its types; ``page`` of a list
    it holds (a concept's projects, ...)."""
    types = reader.types(iri)
    for type_iri, template, view in TEMPLATES:
        if type_iri in types:
            return template, view(reader, iri, triples, page)
    return "resource.html", {"title": reader.labels([iri])[iri]} | common(reader, iri, triples)


def resource(request: Request) -> Response:
    """GET a minted IRI's description, or the list page of a kind of resource (with an ETag,
    or 304 for a request naming it)."""
    site: Site = request.app.state.site
    reader = site.reader(request)
    path = request_path(request)
    if "\x00" in path or "%00" in path.lower():
        raise HTTPException(400, "refused path: NUL byte")
    media_type = negotiate(request)
    page_text = request.query_params.get("page", "1")
    page = int(page_text) if page_text.isdigit() else 1
    listing = container_view(reader, path, page) if media_type == "text/html" else None
    if listing is not None:
        return conditional(request, site.render(request, "list.html", listing))
    iri = find_resource(reader, path)
    base_href = reader.iris.href(iri, reader.root)
    headers = representation_headers(base_href, media_type)
    if media_type != "text/html":
        triples = rdf_description(reader, iri, str(request.url_for("sparql")))
        body = serialize_triples(triples, media_type)
        return conditional(request, Response(body, media_type=media_type, headers=headers))
    template, context = html_view(reader, iri, reader.describe(iri), page)
    formats = [(name, f"{base_href}?format={fmt}") for name, fmt in DATA_LINKS]
    described = site.render(request, template, {"iri": iri, "formats": formats, **context},
                            headers=headers)
    return conditional(request, described)
