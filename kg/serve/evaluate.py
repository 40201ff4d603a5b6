"""Evaluating a SPARQL query on the store inside a worker, and writing its answer.

The worker reads the whole answer (checking between rows whether it should stop, and capping
the rows), so the HTTP layer gets plain data it can serialise in any format.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.export import sorted_triples, to_jsonld
from kg.namespaces import PREFIXES
from kg.query.results import QueryResult, results_json
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


def _dataset(request: SparqlRequest) -> dict[str, object]:
    if not request.default_graphs and not request.named_graphs:
        return {"use_default_graph_as_union": True}
    options: dict[str, object] = {}
    if request.default_graphs:
        options["default_graph"] = [ox.NamedNode(iri) for iri in request.default_graphs]
    if request.named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in request.named_graphs]
    return options


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
    document = (results_json(answer.result) if answer.result is not None
                else boolean_json(answer.boolean))
    fmt = RESULT_TYPES[media_type]
    text = json.dumps(document, ensure_ascii=False)
    if fmt is ox.QueryResultsFormat.JSON:
        return text.encode("utf-8")
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
