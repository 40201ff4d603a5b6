"""Validate what a store or a remote endpoint holds, with the shapes in shapes/.

Two engines give the same report: ``compiled`` (the default) runs the shapes as SPARQL
queries inside the store and keeps a cache beside it (``<store>.validation.json``) so the
next run after a build re-checks only the pages that changed; ``pyshacl``, the reference,
copies the graph into rdflib and validates it whole. Shapes the compiled engine cannot run
fall back to pyshacl with a warning.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.errors import UsageError
from kg.store import MEMORY, opened_store, resolve_store_path
from kg.store.remote import Endpoint
from kg.store.snapshot import ntriples_to_rdflib, store_graph
from kg.validate import ValidationReport, load_shapes, validate_graph
from kg.validate.cache import Cache, raw_from_json
from kg.validate.compiled import run_checks, validate_store_compiled, with_ontology
from kg.validate.context_batch import focus_contexts
from kg.validate.incremental import validate_cached
from kg.validate.model import ValidationResult
from kg.validate.raw_results import build_report, results_graph
from kg.validate.shape_model import ShapeModel, UnsupportedShapes, compile_shapes
from kg.validate.substore import beyond_focus, neighbourhood, planned, reads

ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
Engine = Literal["compiled", "pyshacl"]
ENGINES = ("compiled", "pyshacl")


def _pyshacl(store: ox.Store, pages: set[str] | None) -> ValidationReport:
    report = validate_graph(store_graph(store))
    if pages is None:
        return report
    subjects = _subjects(store, pages)
    kept = [r for r in report.results if r.focus in subjects]
    return ValidationReport(conforms=not any(r.severity == "violation" for r in kept),
                            results=kept, graph=report.shacl_graph())


def _subjects(store: ox.Store, pages: Iterable[str]) -> set[str]:
    return {q.subject.value for page in pages
            for q in store.quads_for_pattern(None, None, None, ox.NamedNode(page))
            if isinstance(q.subject, ox.NamedNode)}


def _report_of(cache: Cache, model: ShapeModel) -> ValidationReport:
    lines = sorted((e.line for e in cache.entries), key=ValidationResult.sort_key)
    entries = list(cache.entries)
    return ValidationReport(
        conforms=not any(line.severity == "violation" for line in lines), results=lines,
        make_graph=lambda: results_graph([raw_from_json(e.raw, model) for e in entries],
                                         model.graph))


def _pages_report(store: ox.Store, model: ShapeModel, pages: set[str]) -> ValidationReport:
    """The results on the nodes the given page graphs describe: from a copy of what decides
    them, but for the checks that read other nodes (``beyond_focus``), run over the store."""
    nodes = _subjects(store, pages)
    far = beyond_focus(model)
    copy = neighbourhood(store, [ox.NamedNode(n) for n in sorted(nodes)], reads(model))
    found = run_checks(copy, model, threads=1, checks=planned(model, far, among=False))
    if far:
        found += run_checks(store, model, checks=planned(model, far, among=True))
    results = [r for r in found if isinstance(r.focus, URIRef) and str(r.focus) in nodes]
    return build_report(results, focus_contexts(store, {r.focus for r in results}),
                        model.graph)


def _compiled_model(shapes: Graph | None = None) -> ShapeModel | None:
    try:
        return compile_shapes(shapes if shapes is not None else load_shapes())
    except UnsupportedShapes as exc:
        warnings.warn(f"validating with pyshacl: {exc}", stacklevel=3)
        return None


def _check_page_graphs(store: ox.Store, pages: set[str]) -> None:
    """UsageError for a page graph IRI that is malformed or names no graph in the store."""
    for page in sorted(pages):
        try:
            graph = ox.NamedNode(page)
        except ValueError as exc:
            raise UsageError(f"--page {page!r}: not an IRI ({exc})") from exc
        if not store.contains_named_graph(graph):
            raise UsageError(f"--page {page}: no such page graph in the store (a page's graph "
                             "is BASE/page/ and the first 16 hex digits of the sha256 that "
                             "`kg parse` shows)")


def validate_store(path: str | None, *, engine: Engine = "compiled",
                   pages: Iterable[str] | None = None, full: bool = False,
                   threads: int | None = None) -> ValidationReport:
    """Validate the embedded store at ``path`` (default $KG_STORE or ./kg-store).

    ``pages`` (page graph IRIs) limits the report to the nodes those graphs describe. With
    the compiled engine and no ``pages``, the cache beside the store is used and brought up
    to date unless ``full``; the report is the same as a full validation either way.
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown validation engine {engine!r}; use compiled or pyshacl")
    wanted = set(pages) if pages is not None else None
    location = resolve_store_path(path)
    with opened_store(path, read_only=True) as store:
        if wanted is not None:
            _check_page_graphs(store, wanted)
        model = _compiled_model() if engine == "compiled" else None
        if model is None:
            return _pyshacl(store, wanted)
        if wanted is not None:
            return _pages_report(store, model, wanted)
        if location == MEMORY:
            return validate_store_compiled(store, model.graph, threads=threads)
        return _report_of(validate_cached(store, location, model, full=full, threads=threads),
                          model)


def validate_endpoint(endpoint: Endpoint, graph: str | None = None, *,
                      engine: Engine = "compiled") -> ValidationReport:
    """Validate the triples of ``graph`` (or the default graph) on a remote endpoint; an
    empty graph is an EndpointError, not a graph that conforms.

    The triples are written to a temporary file as they arrive, bulk loaded into an in-memory
    Oxigraph store and checked by the compiled engine, as a local store is (at 10k pages
    380 MB, where an rdflib copy for pyshacl took 849 MB; 2.1 GB at 100k), or copied into
    rdflib for pyshacl (``engine="pyshacl"``); the same report."""
    if engine not in ENGINES:
        raise UsageError(f"unknown validation engine {engine!r}; use compiled or pyshacl")
    store = ox.Store()
    with tempfile.TemporaryDirectory(prefix="kg-endpoint-") as folder:
        received = Path(folder) / "graph.nt"
        with received.open("wb") as handle:
            endpoint.construct_into(ALL_TRIPLES, handle, graph)
        store.bulk_load(path=str(received), format=ox.RdfFormat.N_TRIPLES)
    if graph and next(iter(store), None) is None:
        endpoint.require_graph(graph)
    model = _compiled_model() if engine == "compiled" else None
    if model is None:  # pyshacl asked for, or shapes the compiled engine cannot run
        triples = ox.serialize((quad.triple for quad in store), format=ox.RdfFormat.N_TRIPLES)
        return validate_graph(ntriples_to_rdflib(triples))
    return validate_store_compiled(with_ontology(store), model.graph)
