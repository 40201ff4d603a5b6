"""``/ontology``: the ontology's documentation page, or the ontology itself as Turtle/JSON-LD.

The ontology IRI (``.../iom/ontology``) and its terms (``.../ontology#Project``) fall under
the default base, so they dereference here: a term's fragment is its section on the page.
Like a resource, each answer names the other formats in ``Link`` and carries an ETag.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from kg.docs import OntologyDoc, anchor, document, load_ontology
from kg.namespaces import IOM, VOC
from kg.paths import ontology_dir
from kg.serve.caching import conditional
from kg.serve.evaluate import serialize_triples
from kg.serve.iris import IriMap
from kg.serve.resources import negotiate, representation_headers
from kg.serve.site import Site, root_of

OFFERS = ("text/html", "text/turtle", "application/ld+json", "application/n-triples",
          "application/rdf+xml", "application/json")


@cache
def ontology_triples() -> list[ox.Triple]:
    """The triples of ontology/iom.ttl."""
    path = ontology_dir() / "iom.ttl"
    return [quad.triple for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE)]


@cache
def _served_document(base: str, root: str) -> OntologyDoc:
    iris = IriMap.for_base(base)
    graph = load_ontology()
    ours = {str(s) for s in graph.subjects() if str(s).startswith((IOM.iri, VOC.iri))}

    def link(iri: str) -> str:
        if iri.startswith(IOM.iri) and iri in ours:
            return f"#{anchor(iri)}"
        return iris.href(iri, root)

    return document(graph, link)


def ontology(request: Request) -> Response:
    """The documentation for people, the Turtle file or JSON-LD for programs."""
    return ontology_answer(request, f"{root_of(request)}/ontology")


def ontology_answer(request: Request, href: str) -> Response:
    """The ontology in the negotiated format, its Link and Content-Location under ``href``
    (``/ontology`` or its version's path) and its ETag."""
    site: Site = request.app.state.site
    media_type = negotiate(request, OFFERS)
    headers = representation_headers(href, media_type)
    if media_type == "text/html":
        doc = _served_document(site.settings.base, root_of(request))
        page = site.render(request, "ontology.html", {"title": doc.title, "doc": doc},
                           headers=headers)
        return conditional(request, page)
    if media_type == "text/turtle":
        body = (ontology_dir() / "iom.ttl").read_bytes()
    else:
        body = serialize_triples(ontology_triples(), media_type)
    return conditional(request, Response(body, media_type=media_type, headers=headers))
