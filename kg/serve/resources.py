"""Dereferencing: every IRI minted under the base answers at its path here, as Turtle,
JSON-LD, N-Triples or HTML by content negotiation (or ``?format=``); 404 for unknown ones."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from kg.namespaces import IOM, SKOS
from kg.serve.evaluate import serialize_triples
from kg.serve.graph import GraphReader
from kg.serve.iris import PathRefused
from kg.serve.negotiation import preferred
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

OFFERS = ("text/html", "text/turtle", "application/ld+json", "application/n-triples",
          "application/rdf+xml", "application/json")
FORMATS = {"html": "text/html", "ttl": "text/turtle", "turtle": "text/turtle",
           "jsonld": "application/ld+json", "nt": "application/n-triples",
           "rdf": "application/rdf+xml"}
DATA_LINKS = (("Turtle", "ttl"), ("JSON-LD", "jsonld"), ("N-Triples", "nt"))
TEMPLATES = (
    (IOM.Project.value, "project.html", project_view),
    (IOM.MemberState.value, "member_state.html", member_state_view),
    (IOM.Organisation.value, "organisation.html", organisation_view),
    (IOM.SourcePage.value, "page.html", page_view),
    (SKOS.Concept.value, "concept.html", concept_view),
    (SKOS.ConceptScheme.value, "concept.html", concept_view),
)


def negotiate(request: Request, offers: tuple[str, ...] = OFFERS) -> str:
    """The media type to answer in: ``?format=`` first, then the Accept header; 406 if none."""
    asked = request.query_params.get("format")
    if asked is not None:
        if asked not in FORMATS or FORMATS[asked] not in offers:
            names = [n for n, media in FORMATS.items() if media in offers]
            raise HTTPException(400, f"format must be one of {', '.join(names)}")
        return FORMATS[asked]
    chosen = preferred(request, offers)
    if chosen is None:
        raise HTTPException(406, f"available as {', '.join(offers)}")
    return "application/ld+json" if chosen == "application/json" else chosen


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


def html_view(reader: GraphReader, iri: str, triples: list[ox.Triple]) -> tuple[str, dict[
        str, Any]]:
    """The template and context of a resource's page, chosen by its types."""
    types = reader.types(iri)
    for type_iri, template, view in TEMPLATES:
        if type_iri in types:
            return template, view(reader, iri, triples)
    return "resource.html", {"title": reader.labels([iri])[iri]} | common(reader, iri, triples)


def resource(request: Request) -> Response:
    """GET a minted IRI's description, or the list page of a kind of resource."""
    site: Site = request.app.state.site
    reader = site.reader(request)
    path = request_path(request)
    if "\x00" in path or "%00" in path.lower():
        raise HTTPException(400, "refused path: NUL byte")
    media_type = negotiate(request)
    page = request.query_params.get("page", "1")
    listing = container_view(reader, path, int(page) if page.isdigit() else 1) \
        if media_type == "text/html" else None
    if listing is not None:
        return site.render(request, "list.html", listing)
    iri = find_resource(reader, path)
    triples = reader.describe(iri)
    if media_type != "text/html":
        return Response(serialize_triples(triples, media_type), media_type=media_type)
    template, context = html_view(reader, iri, triples)
    base_href = reader.iris.href(iri, reader.root)
    formats = [(name, f"{base_href}?format={fmt}") for name, fmt in DATA_LINKS]
    return site.render(request, template, {"iri": iri, "formats": formats, **context})
