"""`kg stats`: what the store holds and when it was last built."""

from __future__ import annotations

import pyoxigraph as ox

from kg.namespaces import IOM, PROV
from kg.store import snapshots
from kg.store.graphs import last_build

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


def store_stats(store: ox.Store) -> dict[str, str]:
    """Counts of pages, projects, news articles, triples and graphs, and the last build."""
    prefixes = {"iom": IOM.iri, "prov": PROV.iri}
    row = next(iter(store.query(STATS_QUERY, prefixes=prefixes, use_default_graph_as_union=True)))
    stats = {
        "pages": row["pages"].value,
        "projects": row["projects"].value,
        "news articles": row["news"].value,
        "quads (all graphs)": str(len(store)),
        "named graphs": str(sum(1 for _ in store.named_graphs())),
    }
    build = last_build(store)
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
