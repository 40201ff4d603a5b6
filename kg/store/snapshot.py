"""The store's graph as an rdflib Graph, for pySHACL and other rdflib tools."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from kg.export import union_ntriples


def ntriples_to_rdflib(data: bytes) -> rdflib.Graph:
    """Parse N-Triples bytes into a new rdflib Graph."""
    graph = rdflib.Graph()
    if data.strip():
        graph.parse(data=data, format="nt")
    return graph


def store_graph(store: ox.Store, *, with_ontology: bool = True) -> rdflib.Graph:
    """Union of the page graphs (and ontology graph) as an rdflib Graph."""
    return ntriples_to_rdflib(union_ntriples(store, with_ontology=with_ontology))
