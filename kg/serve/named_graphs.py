"""Named graphs as linked data: ``B/graph/{name}``, and the ontology's version IRI.

A named graph of the store under ``B/graph/`` (the links, member states, statistics, ontology
and build log graphs a build writes) answers at its path: for people, a short page saying what
it holds and how many triples, linking its data and a SPARQL query that lists it; for programs,
the graph's own triples (what ``GRAPH <g> { ?s ?p ?o }`` matches, as the SPARQL Graph Store
Protocol's direct identification gives them), sorted as every other answer. A graph of more
than MAX_GRAPH_TRIPLES triples answers a VoID description of itself instead, still 200 (its
title, what it holds, ``void:triples`` and ``void:sparqlEndpoint`` to page through it with
SPARQL): the IRI did name something, and a 413 would blame the request. A name no graph of the
store has is 404; page graphs (``B/page/{sha}``) answer as their SourcePage (kg.serve.resources).

The ontology's ``owl:versionIRI`` (``…/iom/ontology/0.1.0``) answers as ``/ontology`` does, as
OWL 2 asks of the current version's IRI; any other version is 404.

Like a resource's, every answer here names its other formats in ``Link`` and itself in
``Content-Location``, under the IRI asked for, and carries an ETag (kg.serve.caching).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import islice
from urllib.parse import unquote, urlencode

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from kg.namespaces import DCTERMS, ONTOLOGY_IRI, OWL, RDF, VOID, XSD
from kg.serve.caching import conditional
from kg.serve.evaluate import serialize_triples
from kg.serve.graph import GraphReader
from kg.serve.iris import PathRefused
from kg.serve.ontology import ontology_answer, ontology_triples
from kg.serve.resources import (
    DATA_LINKS,
    negotiate,
    representation_headers,
    request_path,
    resource,
)
from kg.serve.site import Site, root_of
from kg.store.stats import quads_in

MAX_GRAPH_TRIPLES = 100_000
"""Above this many triples a graph's RDF answer is its VoID description, not its content."""
GRAPH_PATH = "graph/"
LIST_QUERY = "SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }} LIMIT 100"


@dataclass(frozen=True)
class KnownGraph:
    """What a page says of a graph a build writes: its title and what it holds."""

    title: str
    holds: str


KNOWN_GRAPHS: dict[str, KnownGraph] = {
    "links": KnownGraph(
        "News-to-project links",
        "Which project each news article mentions (iom:mentionsProject), decided over every "
        "page read; a project known only from the news is typed iom:Project here."),
    "member-states": KnownGraph(
        "Member states",
        "The benefiting member states' names in English, French and Spanish, their ISO 3166 "
        "and M49 codes and their Wikidata items (owl:sameAs), from the gazetteer."),
    "statistics": KnownGraph(
        "Budget statistics",
        "Project counts and budget totals by IDF region, year, project type and member state, "
        "as RDF Data Cube observations, computed over all pages for the aggregate queries."),
    "ontology": KnownGraph(
        "Ontology and concept schemes",
        "The IOM KG ontology, its concept schemes (project types, IDF regions, IATI codelists "
        "and others) and the statistics' data structure definitions, as the build loaded them."),
    "builds": KnownGraph(
        "Build log",
        "One entry per finished kg build: when it ended, how many pages it read, how many "
        "triples it wrote and the version of the mapping that wrote them."),
}
"""The graphs a build writes, by name (``B/graph/{name}``, kg.store.graphs)."""


def describe_graph(name: str) -> KnownGraph:
    """The title and summary of graph ``name``; a plain one for graphs kg did not write."""
    return KNOWN_GRAPHS.get(name) or KnownGraph(
        f"Graph {name}", "Not one of the graphs kg build writes: another tool added it.")


def graph_for_path(reader: GraphReader, path: str) -> ox.NamedNode | None:
    """The store's named graph a ``graph/{name}`` path names; None if it holds no such graph."""
    try:
        graph = ox.NamedNode(reader.iris.iris_for_path(path)[0])
    except (PathRefused, ValueError):
        return None
    return graph if reader.store.contains_named_graph(graph) else None


def graph_size(site: Site, reader: GraphReader, graph: ox.NamedNode) -> int:
    """How many triples ``graph`` holds (remembered, like the index page's counts)."""
    return site.cached(f"graph-size:{graph.value}", lambda: quads_in(reader.store, [graph]))


def void_description(graph: ox.NamedNode, about: KnownGraph, size: int,
                     endpoint: str) -> list[ox.Triple]:
    """The graph as a VoID dataset: title, summary, triple count and SPARQL endpoint."""
    return [ox.Triple(graph, RDF.type, VOID.Dataset),
            ox.Triple(graph, DCTERMS.title, ox.Literal(about.title, language="en")),
            ox.Triple(graph, DCTERMS.description, ox.Literal(about.holds, language="en")),
            ox.Triple(graph, VOID.triples, ox.Literal(str(size), datatype=XSD.integer)),
            ox.Triple(graph, VOID.sparqlEndpoint, ox.NamedNode(endpoint))]


def named_graph(request: Request) -> Response:
    """GET ``/graph/{name}``: the page or the triples of that named graph (see module doc);
    any other path answers as kg.serve.resources.resource does."""
    site: Site = request.app.state.site
    reader = site.reader(request)
    path = request_path(request)
    graph = graph_for_path(reader, path)
    if graph is None:
        return resource(request)
    media_type = negotiate(request)
    about = describe_graph(unquote(path.removeprefix(GRAPH_PATH)))
    href = reader.iris.href(graph.value, reader.root)
    headers = representation_headers(href, media_type)
    if media_type == "text/html":
        size = graph_size(site, reader, graph)
        return conditional(request, site.render(request, "named_graph.html", {
            "title": about.title, "iri": graph.value, "holds": about.holds, "size": size,
            "formats": [(name, f"{href}?format={fmt}") for name, fmt in DATA_LINKS],
            "over_cap": size > MAX_GRAPH_TRIPLES, "cap": MAX_GRAPH_TRIPLES,
            "sparql_href": f"{reader.root}/sparql?"
                           + urlencode({"query": LIST_QUERY.format(graph=graph)})},
            headers=headers))
    quads = reader.store.quads_for_pattern(None, None, None, graph)
    triples = [quad.triple for quad in islice(quads, MAX_GRAPH_TRIPLES + 1)]
    if len(triples) > MAX_GRAPH_TRIPLES:
        triples = void_description(graph, about, graph_size(site, reader, graph),
                                   str(request.url_for("sparql")))
    body = serialize_triples(triples, media_type)
    return conditional(request, Response(body, media_type=media_type, headers=headers))


@cache
def ontology_version_iri() -> str | None:
    """The ``owl:versionIRI`` of ontology/iom.ttl."""
    ontology_iri = ox.NamedNode(ONTOLOGY_IRI)
    return next((t.object.value for t in ontology_triples() if t.subject == ontology_iri
                 and t.predicate == OWL.versionIRI and isinstance(t.object, ox.NamedNode)), None)


def ontology_version(request: Request) -> Response:
    """GET ``/ontology/{version}``: the ontology, as ``/ontology`` answers, at its version IRI
    (its Link and Content-Location name that path); any other path answers as
    kg.serve.resources.resource does."""
    version = request_path(request).removeprefix("ontology/")
    if f"{ONTOLOGY_IRI}/{version}" == ontology_version_iri():
        return ontology_answer(request, f"{root_of(request)}/ontology/{version}")
    return resource(request)
