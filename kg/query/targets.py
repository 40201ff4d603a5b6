"""Where a query runs: the local pyoxigraph store, or a remote SPARQL 1.1 endpoint.

Both read the union of all named graphs as the default graph (locally, unless the query names
its own dataset with FROM or FROM NAMED) and take parameters as RDF terms in
a VALUES block opening the query's WHERE group (kg.query.bind), so both run the same text. Locally
the block also lets Oxigraph's optimiser see the bound value and start from it: pyoxigraph's
``substitutions`` bind after planning, which made a one-country lookup scan every project.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import pyoxigraph as ox

from kg.errors import DataError, EndpointError, StoreError
from kg.query.bind import Term, bind_parameters, with_values_block
from kg.query.lexer import has_dataset_clause
from kg.query.results import QueryResult

if TYPE_CHECKING:
    from kg.query.saved import SavedQuery
    from kg.store.remote import Endpoint


@runtime_checkable
class QueryTarget(Protocol):
    """Anything that runs a SELECT query with parameters bound to terms."""

    def select(self, text: str, bindings: Mapping[str, Term]) -> QueryResult:
        """Run ``text`` with ``bindings`` (parameter name -> term) and read the whole result."""
        ...


class LocalTarget:
    """A pyoxigraph Store, queried with its named graphs' union as the default graph unless
    the query has a dataset clause (FROM, FROM NAMED), which pyoxigraph's union would override."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def select(self, text: str, bindings: Mapping[str, Term]) -> QueryResult:
        """Run a SELECT query with a VALUES block for the parameters."""
        try:
            solutions = self.store.query(
                with_values_block(text, bindings),
                use_default_graph_as_union=not has_dataset_clause(text))
        except SyntaxError as exc:
            raise DataError(f"SPARQL syntax error: {exc}") from exc
        except RuntimeError as exc:
            raise DataError(f"query cannot be run: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc}") from exc
        if not isinstance(solutions, ox.QuerySolutions):
            raise DataError("only SELECT queries can be run as saved queries")
        try:
            return QueryResult.from_solutions(solutions)
        finally:
            del solutions  # see kg.query.results.read_solutions


class RemoteTarget:
    """A SPARQL 1.1 endpoint (POST, JSON results, a timeout), through kg.store.remote.

    The endpoint decides what the default graph is: start Oxigraph with
    ``--union-default-graph``, or name the build graph as ``default_graph``.
    """

    def __init__(self, endpoint: str | Endpoint, *, timeout: float = 60.0,
                 default_graph: str | None = None) -> None:
        from kg.store.remote import Endpoint

        self.endpoint = Endpoint(endpoint, timeout=timeout) if isinstance(endpoint, str) \
            else endpoint
        self.default_graph = default_graph

    def select(self, text: str, bindings: Mapping[str, Term]) -> QueryResult:
        """Send the query with a VALUES block for the parameters; read the JSON results."""
        answer = self.endpoint.select(with_values_block(text, bindings), self.default_graph)
        try:
            solutions = ox.parse_query_results(json.dumps(answer), ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{self.endpoint.query_url}: unreadable results: {exc}") from exc
        if not isinstance(solutions, ox.QuerySolutions):
            raise EndpointError(f"{self.endpoint.query_url}: answered a boolean, not rows")
        try:
            result = QueryResult.from_solutions(solutions)
        finally:
            del solutions  # see kg.query.results.read_solutions
        if not result.rows and self.default_graph:
            self.endpoint.require_graph(self.default_graph)
        return result


def as_target(store_or_endpoint: ox.Store | QueryTarget | Endpoint | str) -> QueryTarget:
    """A store, an endpoint (URL or kg.store.remote.Endpoint) or a ready target, as a target."""
    if isinstance(store_or_endpoint, ox.Store):
        return LocalTarget(store_or_endpoint)
    from kg.store.remote import Endpoint

    if isinstance(store_or_endpoint, str | Endpoint):
        return RemoteTarget(store_or_endpoint)
    return store_or_endpoint


def run_query(store_or_endpoint: ox.Store | QueryTarget | Endpoint | str, query: SavedQuery,
              values: Mapping[str, str] | None = None) -> QueryResult:
    """Run a saved query with its parameters (name -> text) bound as typed RDF terms."""
    bindings = bind_parameters(query, values or {})
    return as_target(store_or_endpoint).select(query.text, bindings)
