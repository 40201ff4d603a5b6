"""`kg stats`: what the store holds and when it was last built."""

from __future__ import annotations

import pyoxigraph as ox

from kg.namespaces import IOM, PROV

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
LAST_BUILD_QUERY = """
SELECT ?when ?pages ?triples ?mapping WHERE {
  GRAPH ?g { ?build a prov:Activity ; prov:endedAtTime ?when ;
             iom:pagesRead ?pages ; iom:triplesWritten ?triples
             OPTIONAL { ?build iom:mappingVersion ?mapping } }
} ORDER BY DESC(?when) LIMIT 1
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
    last = list(store.query(LAST_BUILD_QUERY, prefixes=prefixes))
    if last:
        build = last[0]
        stats["last build"] = (f"{build['when'].value} ({build['pages'].value} pages read, "
                               f"{build['triples'].value} quads written)")
        mapping = build["mapping"]
        stats["mapping version"] = mapping.value if mapping is not None else "not recorded"
    else:
        stats["last build"] = "never"
    return stats
