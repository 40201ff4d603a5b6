"""Helpers the build tests share: what a built store says."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox


def article_links(store: ox.Store) -> dict[str, str]:
    """Each article's file name, with the IRI of the project it is linked to."""
    query = ("SELECT ?path ?project WHERE { ?page <https://kg.example.org/iom/ontology#"
             "mentionsProject> ?project ; <https://kg.example.org/iom/ontology#sourcePath> "
             "?path }")
    return {Path(row["path"].value).name: row["project"].value  # type: ignore[index]
            for row in store.query(query, use_default_graph_as_union=True)}
