"""IOM projects knowledge graph: parse IOM pages, map them to RDF, validate, query and export."""

__version__ = "0.1.0"
