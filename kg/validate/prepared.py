"""A graph view that parses each distinct SPARQL text once.

pyshacl runs a SPARQL constraint once per focus node with the same text each time, and
rdflib would parse it every time (tens of milliseconds: most of a validation's time). Here a
text is parsed once and re-run with the focus node bound, as rdflib's prepareQuery intends.
Only rdflib's in-memory stores are helped; others (Oxigraph through oxrdflib answers SPARQL
itself) get the text unchanged.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.plugins.stores.memory import Memory, SimpleMemory


@lru_cache(maxsize=512)
def prepared_query(text: str) -> Query | None:
    """The parsed and translated query, or None when it needs the graph's prefixes."""
    try:
        return prepareQuery(text)
    except Exception:  # an undeclared prefix, say: let rdflib parse it as usual
        return None


class PreparedQueryGraph(Graph):
    """A Graph whose ``query`` reuses the parse of a SPARQL text it has seen before."""

    def query(self, query_object: Any, processor: Any = "sparql", result: Any = "sparql",
              initNs: Any = None, initBindings: Any = None,
              use_store_provided: bool = True, **kwargs: Any) -> Any:
        """As ``Graph.query``; a text query is prepared once per distinct text."""
        in_memory = isinstance(self.store, (Memory, SimpleMemory))
        if isinstance(query_object, str) and not initNs and in_memory:
            query_object = prepared_query(query_object) or query_object
        return super().query(query_object, processor, result, initNs, initBindings,
                             use_store_provided, **kwargs)


def view_of(graph: Graph) -> PreparedQueryGraph:
    """The same triples (the same store, nothing copied) behind a PreparedQueryGraph."""
    if isinstance(graph, PreparedQueryGraph):
        return graph
    return PreparedQueryGraph(store=graph.store, identifier=graph.identifier,
                              namespace_manager=graph.namespace_manager)
