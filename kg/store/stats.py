"""`kg stats`: what the store holds and when it was last built.

The build log and the journal (kg.store.journal) are bookkeeping: every build adds to the log,
even one with nothing to change, and neither is exported. So the quads and graphs counted are
the data, the same for the same pages however many builds made them, and the bookkeeping is
counted apart.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.namespaces import IOM, PROV
from kg.store import snapshots
from kg.store.graphs import builds_graph, last_build
from kg.store.journal import JOURNAL

STATS_QUERY = """
SELECT
  (COUNT(DISTINCT ?page) AS ?pages)
  (COUNT(DISTINCT ?project) AS ?projects)
  (COUNT(DISTINCT ?news) AS ?news)
WHERE {
  { GRAPH ?page { ?page iom:sha256 ?sha } }
  UNION { ?project a iom:DevelopmentFundProject }
  UNION { ?news a iom:NewsArticle }
}
"""


def quads_in(store: ox.Store, graphs: list[ox.NamedNode]) -> int:
    """How many quads ``graphs`` hold (counted inside Oxigraph)."""
    values = " ".join(str(graph) for graph in graphs)
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(query)))["n"].value)  # type: ignore[index]


def store_stats(store: ox.Store) -> dict[str, str]:
    """Counts of pages, projects, news articles, quads and graphs (bookkeeping apart), and the
    last build."""
    prefixes = {"iom": IOM.iri, "prov": PROV.iri}
    row = next(iter(store.query(STATS_QUERY, prefixes=prefixes, use_default_graph_as_union=True)))
    build = last_build(store)
    bookkeeping = [JOURNAL] if build is None else [JOURNAL, builds_graph(build.base)]
    kept = [graph for graph in bookkeeping if store.contains_named_graph(graph)]
    bookkeeping_quads = quads_in(store, kept) if kept else 0
    stats = {
        "pages": row["pages"].value,
        "projects": row["projects"].value,
        "news articles": row["news"].value,
        "quads": str(len(store) - bookkeeping_quads),
        "named graphs": str(sum(1 for _ in store.named_graphs()) - len(kept)),
        "bookkeeping quads (build log, journal)": str(bookkeeping_quads),
    }
    if build is not None:
        stats["last build"] = (f"{build.ended} ({build.pages} pages read, "
                               f"{build.triples} quads written)")
        stats["mapping version"] = build.mapping or "not recorded"
    else:
        stats["last build"] = "never"
    if snapshots.read_past_unfinished(store):
        stats["unfinished build"] = ("the build after the last one stopped midway; what it "
                                     "wrote shows once `kg build` runs again")
    return stats
