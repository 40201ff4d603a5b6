"""Saved SPARQL queries: read them from queries/, bind parameters as terms, run, format."""

from kg.query.bind import bind_parameters, convert_value, with_values_block
from kg.query.results import FORMATS, QueryResult, format_results, python_value
from kg.query.saved import Param, SavedQuery, list_saved_queries, load_saved_query
from kg.query.targets import LocalTarget, QueryTarget, RemoteTarget, as_target, run_query

__all__ = [
    "FORMATS",
    "LocalTarget",
    "Param",
    "QueryResult",
    "QueryTarget",
    "RemoteTarget",
    "SavedQuery",
    "as_target",
    "bind_parameters",
    "convert_value",
    "format_results",
    "list_saved_queries",
    "load_saved_query",
    "python_value",
    "run_query",
    "with_values_block",
]
