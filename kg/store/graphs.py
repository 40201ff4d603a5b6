"""Named-graph bookkeeping in the store: page graphs, the ontology graph and the build log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pyoxigraph as ox

from kg.mapping.iris import mint_graph_iri
from kg.namespaces import IOM, OWL, PROV, RDF, XSD
from kg.store.journal import Change, latest_change, lines_update, wrote

# The page graph IRI carries the page's sha256 (B/page/{sha256[:16]}), so the path is all
# that is read: joining iom:sha256 too makes the query several times slower on big stores.
PAGES_QUERY = """
SELECT ?g ?path WHERE { GRAPH ?g { ?g iom:sourcePath ?path } }
"""


NEWS_PAGES_QUERY = """
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?article a iom:NewsArticle } }
"""


@dataclass(frozen=True)
class StoredPage:
    """A page graph already in the store (its IRI names the page's content)."""

    graph: ox.NamedNode


class PageIndex(dict[str, StoredPage]):
    """Stored pages by source path, plus the set of page graph IRIs."""

    def __init__(self) -> None:
        super().__init__()
        self.graph_iris: set[str] = set()


def ontology_graph(base: str) -> ox.NamedNode:
    """The named graph holding the ontology and concept schemes."""
    return mint_graph_iri("ontology", base)


def builds_graph(base: str) -> ox.NamedNode:
    """The named graph holding the build log (left out of exports)."""
    return mint_graph_iri("builds", base)


def links_graph(base: str) -> ox.NamedNode:
    """The named graph linking news articles to the projects they name."""
    return mint_graph_iri("links", base)


DERIVED = ("links", "member-states", "statistics")
"""The graphs a build derives from the pages (``B/graph/{name}``)."""


def derived_graphs(store: ox.Store) -> set[str]:
    """IRIs of the derived graphs in the store (links, member states, statistics), which
    exports include: those of the base of its build log (a look-up each), else any found
    among its named graphs (a scan)."""
    built = last_build(store)
    if built is not None:
        graphs = (mint_graph_iri(name, built.base) for name in DERIVED)
        return {graph.value for graph in graphs if store.contains_named_graph(graph)}
    return {g.value for g in store.named_graphs()
            if g.value.endswith(tuple(f"/graph/{name}" for name in DERIVED))}


def ontology_graphs(store: ox.Store) -> set[str]:
    """IRIs of the graphs that hold an owl:Ontology (the ontology and concept schemes)."""
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?o a owl:Ontology } }",
                       prefixes={"owl": OWL.iri})
    return {row["g"].value for row in rows}


def existing_pages(store: ox.Store) -> PageIndex:
    """Every page graph in the store, by the source path it was read from."""
    index = PageIndex()
    for row in store.query(PAGES_QUERY, prefixes={"iom": IOM.iri}):
        graph = row["g"]
        index.graph_iris.add(graph.value)
        index[row["path"].value] = StoredPage(graph)
    return index


def news_page_graphs(store: ox.Store) -> set[str]:
    """IRIs of the page graphs that hold a news article (the others hold a project page)."""
    return {row["g"].value
            for row in store.query(NEWS_PAGES_QUERY, prefixes={"iom": IOM.iri})}


def _graph_block(graph: ox.NamedNode, quads: Sequence[ox.Quad]) -> str:
    triples = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
    return f"GRAPH {graph} {{\n{triples.decode('utf-8')}}}"


def replace_graph(store: ox.Store, old: ox.NamedNode, new: ox.NamedNode,
                  quads: Sequence[ox.Quad], *, change: Change, lines: str | None = None,
                  also: str = "") -> None:
    """Drop graph ``old`` and write ``quads`` into ``new`` in one transaction, which also
    journals both graphs as written by ``change`` and ``new`` as holding the N-Triples lines
    of digest ``lines`` (kg.store.page_lines), when given, and runs the SPARQL update ``also``
    (kg.store.working_dirs)."""
    update = f"DROP SILENT GRAPH {old} ;\n"
    if old != new:
        update += f"DROP SILENT GRAPH {new} ;\n"
    if quads:
        update += f"INSERT DATA {{ {_graph_block(new, quads)} }} ;\n"
    update += lines_update({old: None, new: lines if quads else None}) + " ;\n"
    if also:
        update += also + " ;\n"
    store.update(update + change.insert({old, new}))


def graph_exists(store: ox.Store, graph: ox.NamedNode) -> bool:
    """True when ``graph`` holds at least one quad."""
    return next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None


def graph_holds(store: ox.Store, graph: ox.NamedNode, quads: Sequence[ox.Quad]) -> bool:
    """True when ``graph`` holds exactly ``quads``."""
    return set(store.quads_for_pattern(None, None, None, graph)) == set(quads)


def drop_graph(store: ox.Store, graph: ox.NamedNode, *, change: Change, also: str = "") -> None:
    """Drop ``graph``, journaled as written by ``change``, in one transaction (with ``also``,
    as ``replace_graph``)."""
    replace_graph(store, graph, graph, (), change=change, also=also)


LAST_BUILD_QUERY = """
SELECT ?g ?when ?pages ?triples ?mapping WHERE {
  GRAPH ?g { ?build a prov:Activity ; prov:endedAtTime ?when ;
             iom:pagesRead ?pages ; iom:triplesWritten ?triples
             OPTIONAL { ?build iom:mappingVersion ?mapping } }
} ORDER BY DESC(?when) LIMIT 1
"""


@dataclass(frozen=True)
class BuildLogEntry:
    """What the build log says of one finished build."""

    base: str
    """The base IRI it built with (its log is BASE/graph/builds)."""
    ended: str
    pages: str
    triples: str
    mapping: str
    """Its mapping version; "" for a build from before versions were recorded."""


def last_build(store: ox.Store) -> BuildLogEntry | None:
    """The build log's entry for the store's last finished build; None when it was never
    built."""
    rows = list(store.query(LAST_BUILD_QUERY, prefixes={"iom": IOM.iri, "prov": PROV.iri}))
    if not rows:
        return None
    row = rows[0]
    mapping = row["mapping"]
    return BuildLogEntry(
        base=row["g"].value.removesuffix("graph/builds"),  # type: ignore[union-attr]
        ended=row["when"].value,  # type: ignore[union-attr]
        pages=row["pages"].value,  # type: ignore[union-attr]
        triples=row["triples"].value,  # type: ignore[union-attr]
        mapping=mapping.value if mapping is not None else "",
    )


def unfinished_build(store: ox.Store) -> bool:
    """True when the store's last build stopped before it logged itself (killed, or stopped
    by an error): it may have written some pages and not the graphs derived from them. A
    store written by other tools, or by a kg that did not mark its builds, says False."""
    change = latest_change(store, build=True)
    if change is None:
        return False
    built = last_build(store)
    return built is None or not wrote(store, change, builds_graph(built.base))


def record_build(store: ox.Store, graph: ox.NamedNode, base: str, when: datetime,
                 pages: int, quads: int, *, mapping: str, change: Change) -> None:
    """Append one build to the build log: when it ran, pages read, triples written and the
    mapping version that made them."""
    stamp = when.strftime("%Y%m%dT%H%M%S.%fZ")
    build = ox.NamedNode(f"{base}build/{stamp}")
    store.extend([
        ox.Quad(build, RDF.type, PROV.Activity, graph),
        ox.Quad(build, PROV.endedAtTime,
                ox.Literal(when.isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime), graph),
        ox.Quad(build, IOM.pagesRead, ox.Literal(str(pages), datatype=XSD.integer), graph),
        ox.Quad(build, IOM.triplesWritten, ox.Literal(str(quads), datatype=XSD.integer), graph),
        ox.Quad(build, IOM.mappingVersion, ox.Literal(mapping), graph),
        *change.quads([graph]),
    ])
