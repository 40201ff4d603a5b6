"""Evaluating a SPARQL query on the store inside a worker, and writing its answer.

The worker reads the whole answer (checking between rows whether it should stop, and capping
the rows), so the HTTP layer gets plain data it can serialise in any format. An Answer crosses
from a worker process as SPARQL JSON or N-Triples (pickling pyoxigraph terms one by one takes
tens of times longer), and keeps that JSON to answer with.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.export import sorted_triples
from kg.export_jsonld import to_jsonld
from kg.namespaces import PREFIXES
from kg.query.lexer import has_dataset_clause
from kg.query.results import QueryResult, results_json
from kg.query.saved import SavedQuery
from kg.query.targets import LocalTarget, run_query
from kg.serve.protocol import SparqlRequest
from kg.serve.runner import QueryCancelled, ResultTooLarge, check_cancel

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json",
               "application/rdf+xml")


@dataclass
class Answer:
    """A query's whole answer: rows of a SELECT, the truth of an ASK, or triples."""

    kind: str  # "select", "ask" or "graph"
    result: QueryResult | None = None
    boolean: bool = False
    triples: list[ox.Triple] = field(default_factory=list)
    json: bytes | None = field(default=None, repr=False, compare=False)
    """The SELECT result as SPARQL JSON, as it came from a worker process (then ``result`` is
    None until ``rows`` reads it)."""

    def rows(self) -> QueryResult | None:
        """The SELECT result (read from ``json`` on first use); None for ASK and graphs."""
        if self.result is None and self.json is not None:
            self.result = QueryResult.from_solutions(
                ox.parse_query_results(self.json, ox.QueryResultsFormat.JSON))  # type: ignore[arg-type]
        return self.result

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        results = self.json if self.json is not None or self.result is None else _json_bytes(
            self.result)
        triples = ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES) if self.triples else b""
        return _answer_from_wire, (self.kind, results, self.boolean, triples)


def _json_bytes(result: QueryResult) -> bytes:
    return json.dumps(results_json(result), ensure_ascii=False).encode("utf-8")


def _answer_from_wire(kind: str, results: bytes | None, boolean: bool, triples: bytes) -> Answer:
    """An Answer back from its pickled form (see ``Answer.__reduce__``)."""
    graph = [ox.Triple(q.subject, q.predicate, q.object)
             for q in ox.parse(triples, format=ox.RdfFormat.N_TRIPLES)] if triples else []
    return Answer(kind, boolean=boolean, triples=graph, json=results)


@dataclass(frozen=True)
class Evaluate:
    """The job (kg.serve.runner.Job) answering a SPARQL request with at most ``max_rows``."""

    request: SparqlRequest
    max_rows: int

    def __call__(self, store: ox.Store, cancel: threading.Event) -> Answer:
        return evaluate(store, self.request, cancel, self.max_rows)


@dataclass(frozen=True)
class RunSaved:
    """The job running a saved query with its parameters: its rows as a "select" Answer."""

    query: SavedQuery
    params: dict[str, str]

    def __call__(self, store: ox.Store, cancel: threading.Event) -> Answer:
        return Answer("select", result=run_query(LocalTarget(store), self.query, self.params))


def _dataset(request: SparqlRequest) -> dict[str, object]:
    """pyoxigraph's dataset options: the protocol's graphs, which replace the query's FROM and
    FROM NAMED (SPARQL 1.1 Protocol 2.1.4; an empty list is an empty graph set), else the
    query's own dataset, else the union of the named graphs as the default graph."""
    if request.default_graphs or request.named_graphs:
        return {"default_graph": [ox.NamedNode(iri) for iri in request.default_graphs],
                "named_graphs": [ox.NamedNode(iri) for iri in request.named_graphs]}
    if has_dataset_clause(request.query):
        return {}
    return {"use_default_graph_as_union": True}


def evaluate(store: ox.Store, request: SparqlRequest, cancel: threading.Event,
             max_rows: int) -> Answer:
    """Run the query and read its answer; ValueError for a bad graph IRI, SyntaxError for a bad
    query, ResultTooLarge past ``max_rows`` rows or triples."""
    answer = store.query(request.query, **_dataset(request))  # type: ignore[arg-type]
    # pyoxigraph's results must be dropped on the thread that made them: an exception leaves
    # without the traceback that would carry them to the event loop's thread.
    try:
        return _read(answer, cancel, max_rows)
    except (ResultTooLarge, QueryCancelled, OSError) as exc:
        failure = exc.with_traceback(None)
    finally:
        del answer
    raise failure


def _read(answer: ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples, cancel: threading.Event,
          max_rows: int) -> Answer:
    if isinstance(answer, ox.QueryBoolean):
        return Answer("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = [variable.value for variable in answer.variables]
        result = QueryResult(names)
        for solution in answer:
            check_cancel(cancel)
            if len(result.rows) >= max_rows:
                raise ResultTooLarge(f"the result has more than {max_rows} rows; add a LIMIT")
            result.rows.append({name: solution[name] for name in names})
        return Answer("select", result=result)
    triples: list[ox.Triple] = []
    for triple in answer:
        check_cancel(cancel)
        if len(triples) >= max_rows:
            raise ResultTooLarge(f"the result has more than {max_rows} triples; add a LIMIT")
        triples.append(triple)
    return Answer("graph", triples=triples)


def boolean_json(value: bool) -> dict[str, object]:
    """An ASK answer as SPARQL 1.1 Query Results JSON."""
    return {"head": {}, "boolean": value}


def serialize_answer(answer: Answer, media_type: str) -> bytes:
    """The answer in ``media_type`` (one of RESULT_TYPES for SELECT/ASK, GRAPH_TYPES for
    CONSTRUCT/DESCRIBE)."""
    if answer.kind == "graph":
        return serialize_triples(answer.triples, media_type)
    if answer.json is not None:
        text = answer.json
    elif answer.result is not None:
        text = _json_bytes(answer.result)
    else:
        text = json.dumps(boolean_json(answer.boolean)).encode("utf-8")
    fmt = RESULT_TYPES[media_type]
    if fmt is ox.QueryResultsFormat.JSON:
        return text
    return ox.parse_query_results(text, ox.QueryResultsFormat.JSON).serialize(format=fmt)


def serialize_triples(triples: list[ox.Triple], media_type: str) -> bytes:
    """Triples as Turtle (with the project's prefixes), N-Triples, RDF/XML or compacted JSON-LD,
    sorted so the same graph always gives the same bytes."""
    ordered = sorted_triples([ox.Quad(t.subject, t.predicate, t.object) for t in triples])
    if media_type == "application/ld+json":
        return to_jsonld(ordered)
    if media_type == "application/n-triples":
        return ox.serialize(ordered, format=ox.RdfFormat.N_TRIPLES)
    if media_type == "application/rdf+xml":
        return ox.serialize(ordered, format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES)
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
