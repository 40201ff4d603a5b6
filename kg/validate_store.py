"""Validate what a store or a remote endpoint holds, with the shapes in shapes/."""

from __future__ import annotations

from kg.store import opened_store
from kg.store.remote import Endpoint
from kg.store.snapshot import ntriples_to_rdflib, store_graph
from kg.validate import ValidationReport, validate_graph

ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def validate_store(path: str | None) -> ValidationReport:
    """Validate the embedded store at ``path`` (default $KG_STORE or ./kg-store)."""
    with opened_store(path, read_only=True) as store:
        graph = store_graph(store)
    return validate_graph(graph)


def validate_endpoint(endpoint: Endpoint, graph: str | None = None) -> ValidationReport:
    """Validate the triples of ``graph`` (or the default graph) on a remote endpoint."""
    return validate_graph(ntriples_to_rdflib(endpoint.construct(ALL_TRIPLES, graph)))
