"""Nodes several graphs describe (member states, organisations) and what the union says of them.

Every page graph repeats the member states and organisations it uses, so such a node's
triples are spread over thousands of graphs and reading them all back is slow. The cache
keeps each shared node's *description* (its distinct triples, and those pointing at it through
the links a result reads backwards); after a build the node needs checking again only if an
added graph says something new about it, or a triple of its description is gone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox

BATCH = 2000
Lines = dict[str, set[str]]


def shared_nodes(store: ox.Store) -> set[str]:
    """IRIs described in two graphs or more: their rdf:type triple is repeated in the union.

    Pages are self-contained (a page graph describes every node it links to; links between
    pages live in the links graph, compared by content), so a node of a removed page that
    still exists elsewhere is one of these, or is described by an added page.
    """
    query = ("SELECT DISTINCT ?n WHERE { { SELECT ?n ?t WHERE { ?n a ?t } GROUP BY ?n ?t "
             "HAVING (COUNT(*) > 1) } }")  # no FILTER: Oxigraph would test every row first
    return {row[0].value for row in store.query(query, use_default_graph_as_union=True)
            if isinstance(row[0], ox.NamedNode)}


def line(s: object, p: object, o: object) -> str:
    """A triple as an N-Triples line (without the final dot)."""
    return f"{s} {p} {o}"


def descriptions(store: ox.Store, nodes: Iterable[str], describing: set[str]) -> Lines:
    """Each node's distinct triples, and the triples of ``describing`` predicates to it."""
    named = sorted(nodes)
    found: Lines = {n: set() for n in named}
    for start in range(0, len(named), BATCH):
        values = " ".join(f"<{n}>" for n in named[start:start + BATCH])
        for s, p, o in store.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} "
                                   "?s ?p ?o }", use_default_graph_as_union=True):
            found[s.value].add(line(s, p, o))
        for predicate in sorted(describing):
            query = (f"SELECT DISTINCT ?s ?o WHERE {{ VALUES ?o {{ {values} }} "
                     f"?s <{predicate}> ?o }}")
            for s, o in store.query(query, use_default_graph_as_union=True):
                found[o.value].add(line(s, ox.NamedNode(predicate), o))
    return found


def scan(store: ox.Store, graphs: Iterable[str], links: set[str], shared: Iterable[str],
         describing: set[str], read: Callable[[str], Iterable[ox.Quad]] | None = None
         ) -> tuple[set[str], Lines]:
    """The IRIs ``graphs`` mention (subjects, objects of ``links``) and what they say of the
    ``shared`` nodes (``read`` gives a graph's quads when they were read already)."""
    known = set(shared)
    mentioned: set[str] = set()
    said: Lines = {}
    for graph in graphs:
        quads = read(graph) if read else store.quads_for_pattern(
            None, None, None, ox.NamedNode(graph))
        for quad in quads:
            s, p, o = quad.subject, quad.predicate, quad.object
            if isinstance(s, ox.NamedNode):
                mentioned.add(s.value)
                if s.value in known:
                    said.setdefault(s.value, set()).add(line(s, p, o))
            if isinstance(o, ox.NamedNode):
                if p.value in links:
                    mentioned.add(o.value)
                if o.value in known and p.value in describing:
                    said.setdefault(o.value, set()).add(line(s, p, o))
    return mentioned, said


def changed(store: ox.Store, known: dict[str, list[str]], said: Lines,
            removed: bool) -> set[str]:
    """Shared nodes whose description changed: an added graph says something new about
    them, or (after graphs were removed) one of their triples is gone."""
    found = {n for n, lines in said.items() if not lines <= set(known.get(n, ()))}
    if not removed:
        return found
    nodes = [n for n, lines in known.items() for _ in lines]
    text = "".join(f"{text} .\n" for lines in known.values() for text in lines)
    triples = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    for node, triple in zip(nodes, triples, strict=True):
        if node in found:
            continue
        if next(iter(store.quads_for_pattern(triple.subject, triple.predicate, triple.object,
                                             None)), None) is None:
            found.add(node)
    return found
