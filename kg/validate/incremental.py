"""Validate a store again after a build, re-checking only what the build changed.

A page graph's IRI is a hash of the page's bytes (``B/page/{sha256[:16]}``), so a changed
page is an added graph plus a removed one. The same bytes found at another path are rewritten
in the same graph (only ``iom:sourcePath`` differs), so a page graph is known by its IRI *and*
its paths. One whose paths changed and that the journal says only moved keeps its results:
the checks that read a path are run again on the node that has it, and the report lines that
name its path have their context looked up again (kg.validate.moves); any other whose paths
changed counts as removed and added again. The nodes an added graph mentions are *dirty*,
except nodes many graphs share (member states, organisations) whose description did not
change (kg.validate.shared); dirty nodes have their results found again over a copy of what
decides them (kg.validate.substore). Results on other nodes are kept, except those whose
node lived only in a removed graph; a kept result whose project or page lookup read a dirty
node gets its context looked up again; and when a dirty node used as a value changes whether
it passes a sh:class or sh:node rule, the nodes holding it are re-checked too. The checks that
read other nodes than their focus node (a sh:sparql rule such as the uniqueness of Prima IDs,
kg.validate.substore.beyond_focus) keep no result: they run again over the whole store, a
query or two each. The report is then the one a full run would give. Other graphs (the links
graph, the build log) are compared by content, node by node: a node whose triples there
changed is dirty; a change of shapes, ontology or engine re-validates everything. Which graphs
to look at comes from the store's journal (kg.store.journal): those the builds since the cache
was written have written; without a journal entry the cache knows, every graph is listed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from kg.store.graphs import last_build, ontology_graphs
from kg.store.journal import (
    JOURNAL,
    Change,
    latest_change,
    moved_since,
    named_graph_count,
    written_since,
)
from kg.validate.cache import Cache, Entry, cache_path, read_cache, write_cache
from kg.validate.checks import ClassCheck, NodeCheck
from kg.validate.compiled import run_checks
from kg.validate.context import IOM, PART_OF
from kg.validate.context_batch import focus_contexts
from kg.validate.moves import path_checks, recheck_paths
from kg.validate.raw_results import RawResult
from kg.validate.resources import shape_files
from kg.validate.shape_model import ShapeModel
from kg.validate.shared import changed as changed_descriptions
from kg.validate.shared import descriptions, scan, shared_nodes
from kg.validate.substore import Reads, beyond_focus, neighbourhood, planned, reads

ENGINE_VERSION = "iom-kg compiled SHACL 3"
"""Part of the cache's fingerprint. 3: a cache version 2 wrote for shapes whose SPARQL reads
beyond the focus node (whose results it kept) is not used; such checks now keep no result in
the cache and run whole on every run, which a version 3 cache, holding none of theirs, allows."""
_PAGE_GRAPH = re.compile(r"/page/[0-9a-f]{16}\Z")
"""A page graph is ``B/page/`` and 16 hex digits of the page's sha256."""
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
SOURCE_PATH = str(IOM.sourcePath)
SHARED, NOWHERE = "*", None
BATCH = 2000


def linking(needs: Reads) -> set[str]:
    """Predicates whose objects a result depends on: read backwards, checked as values,
    or walked by the context lookup."""
    return describing(needs) | set(needs.valued)


def describing(needs: Reads) -> set[str]:
    """Predicates whose triples belong to the description of their object: read backwards
    by a shape or by the context lookup."""
    return set(needs.inverse) | {str(p) for p in PART_OF} | {DERIVED}


def _shared_descriptions(store: ox.Store, needs: Reads) -> dict[str, list[str]]:
    found = descriptions(store, shared_nodes(store), describing(needs))
    return {node: sorted(lines) for node, lines in found.items()}


class Units:
    """The store's graphs: page graphs (named by content, keyed by their paths) and others,
    hashed by content.

    With a cache whose journal mark the store still has, only the graphs written since are
    read (kg.store.journal), ``touched`` names them and ``paths`` gives the paths each
    touched page graph holds; otherwise every graph is listed and ``touched`` is None. Every
    graph is listed too when the store holds another number of graphs than the journal
    accounts for: one added or dropped by another tool.
    """

    def __init__(self, store: ox.Store, ontology: set[str], cache: Cache | None) -> None:
        self.store = store
        self.ontology = ontology
        self._read: dict[str, list[ox.Quad]] = {}
        self.mark = latest_change(store)
        journal = cache.journal if cache is not None else None
        self._mark = Change(str(journal[0]), int(journal[1])) if journal else None
        """The journal change the cache was made at."""
        self.touched = written_since(store, self._mark) if self._mark is not None else None
        self.paths: dict[str, list[str]] = {}
        if cache is not None and self.touched is not None:
            self._since(store, cache, self.touched - {JOURNAL.value})
            if self._accounted_for(store):
                return
            self.touched, self._read, self.paths = None, {}, {}
        names = graph_paths(store)
        self.pages = {g: _paths_key(paths) for g, paths in names.items()
                      if _PAGE_GRAPH.search(g)}
        self.other = {g: _content_hash(self.quads(g)) for g in names
                      if g not in self.pages and g not in ontology and g != JOURNAL.value}

    def _since(self, store: ox.Store, cache: Cache, touched: set[str]) -> None:
        """The cache's graphs, with those in ``touched`` read again."""
        present = {g for g in touched if store.contains_named_graph(ox.NamedNode(g))}
        pages = {g for g in touched if _PAGE_GRAPH.search(g)}
        paths = self.paths = graph_paths(store, pages & present)
        self.pages = {g: key for g, key in cache.graphs.items() if g not in pages}
        self.pages.update((g, _paths_key(paths.get(g, []))) for g in pages & present)
        other = (set(cache.volatile) - touched) | (present - pages - self.ontology)
        self.other = {g: cache.volatile[g]["hash"] if g not in touched
                      else _content_hash(self.quads(g)) for g in other}

    def only_moved(self, graphs: set[str]) -> set[str]:
        """Those of ``graphs`` the journal says were only moved since the cache was made
        (none when every graph was listed)."""
        if self._mark is None or self.touched is None:
            return set()
        return moved_since(self.store, self._mark, graphs & self.touched)

    def _accounted_for(self, store: ox.Store) -> bool:
        """True when the store holds as many named graphs as these units name."""
        named = self.pages.keys() | self.other.keys() | self.ontology
        if store.contains_named_graph(JOURNAL):
            named.add(JOURNAL.value)
        return len(named) == named_graph_count(store)

    def quads(self, graph: str) -> list[ox.Quad]:
        """The quads of one of the other graphs, read once per run."""
        if graph not in self._read:
            self._read[graph] = _graph_quads(self.store, graph)
        return self._read[graph]


def graph_paths(store: ox.Store, graphs: set[str] | None = None) -> dict[str, list[str]]:
    """The IRIs of the store's named graphs (or of those of ``graphs`` it has), each with the
    ``iom:sourcePath`` triples it holds (as CSV from Oxigraph: quicker than objects)."""
    if graphs is None:
        query = (f"SELECT ?g ?s ?path WHERE {{ GRAPH ?g {{ }} "
                 f"OPTIONAL {{ GRAPH ?g {{ ?s <{SOURCE_PATH}> ?path }} }} }}")
    elif graphs:
        values = " ".join(f"<{g}>" for g in sorted(graphs))
        query = (f"SELECT ?g ?s ?path WHERE {{ VALUES ?g {{ {values} }} "
                 f"GRAPH ?g {{ ?s <{SOURCE_PATH}> ?path }} }}")
    else:
        return {}
    text = store.query(query).serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    names: dict[str, list[str]] = {}
    for row in itertools.islice(csv.reader(io.StringIO(text, newline="")), 1, None):
        if row and row[0] and not row[0].startswith("_:"):
            paths = names.setdefault(row[0], [])
            if row[1] or row[2]:
                paths.append(f"{row[1]}\t{row[2]}")
    return names


def _paths_key(paths: list[str]) -> str:
    """What a page graph is known by besides its IRI: a hash of its paths."""
    text = paths[0] if len(paths) == 1 else "\n".join(sorted(paths))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def changed_pages(known: dict[str, str], pages: dict[str, str],
                  among: set[str] | None = None) -> tuple[set[str], set[str]]:
    """Page graphs added and removed since the cache was written (looking only at ``among``
    when given); one rewritten in place (the same bytes at another path) is both."""
    if among is not None:
        known = {g: known[g] for g in among if g in known}
        pages = {g: pages[g] for g in among if g in pages}
    added = {g for g, key in pages.items() if known.get(g) != key}
    removed = {g for g, key in known.items() if pages.get(g) != key}
    return added, removed


def _graph_quads(store: ox.Store, graph: str) -> list[ox.Quad]:
    return list(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def _content_hash(quads: list[ox.Quad]) -> str:
    lines = sorted(f"{q.subject} {q.predicate} {q.object}" for q in quads)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def fingerprint(store: ox.Store, ontology: set[str]) -> str:
    """A hash of the engine, the shapes files, the ontology graphs, the class hierarchy and the
    mapping version of the store's last build: a page graph's IRI names its page's bytes, not
    what a parser made of them, so a store built again by another parser at the same path
    (same pages, same graph IRIs, other triples) is validated afresh."""
    digest = hashlib.sha256(ENGINE_VERSION.encode())
    built = last_build(store)
    digest.update(b"mapping\0" + (built.mapping or "").encode() if built is not None else b"")
    for path in shape_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for graph in sorted(ontology):
        digest.update(_content_hash(_graph_quads(store, graph)).encode())
    subclass = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    digest.update("\n".join(sorted(f"{q.subject} {q.object}" for q in store.quads_for_pattern(
        None, subclass, None, None))).encode())
    return digest.hexdigest()


def node_digests(quads: list[ox.Quad], links: set[str]) -> dict[str, str]:
    """Each IRI a graph's ``quads`` mention (as subject, or as object of a ``links``
    predicate), with a hash of the triples it appears in there."""
    lines: dict[str, list[str]] = {}
    for quad in quads:
        line = f"{quad.subject} {quad.predicate} {quad.object}"
        if isinstance(quad.subject, ox.NamedNode):
            lines.setdefault(quad.subject.value, []).append(line)
        if isinstance(quad.object, ox.NamedNode) and quad.predicate.value in links:
            lines.setdefault(quad.object.value, []).append(line)
    return {node: hashlib.sha256("\n".join(sorted(found)).encode()).hexdigest()[:16]
            for node, found in sorted(lines.items())}


def changed_nodes(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Nodes whose triples in a graph differ between two ``node_digests``."""
    return {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}


def graphs_of(store: ox.Store, nodes: Iterable[str]) -> dict[str, set[str]]:
    """The named graphs where each node is a subject."""
    named = sorted(nodes)
    found: dict[str, set[str]] = {n: set() for n in named}
    for start in range(0, len(named), BATCH):
        values = " ".join(f"<{n}>" for n in named[start:start + BATCH])
        query = (f"SELECT DISTINCT ?n ?g WHERE {{ VALUES ?n {{ {values} }} "
                 "GRAPH ?g { ?n ?p_ ?o_ } }")
        for row in store.query(query):
            found[row[0].value].add(row[1].value)
    return found


def owners(store: ox.Store, foci: Iterable[Node], shared: set[str]) -> dict[Node, str | None]:
    """The one graph describing each focus node; SHARED when several do, None when none."""
    named = {f for f in foci if isinstance(f, URIRef)}
    local = graphs_of(store, {str(f) for f in named} - shared)
    answer: dict[Node, str | None] = {f: NOWHERE for f in foci}
    for focus in named:
        graphs = local.get(str(focus))
        if graphs is None or len(graphs) > 1:
            answer[focus] = SHARED
        elif graphs:
            answer[focus] = next(iter(graphs))
    return answer


def _entries(store: ox.Store, model: ShapeModel, results: list[RawResult],
             shared: set[str]) -> list[Entry]:
    foci = {r.focus for r in results}
    contexts = focus_contexts(store, foci)
    placed = owners(store, foci, shared)
    return [Entry.make(r, contexts[r.focus], placed[r.focus], model) for r in results]


def full_run(store: ox.Store, model: ShapeModel, units: Units, print_: str,
             threads: int | None = None) -> Cache:
    """Validate everything and record what a later run needs."""
    needs = reads(model)
    links = linking(needs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        shared_job = pool.submit(_shared_descriptions, store, needs)
        results = run_checks(store, model, threads=threads)
        shared = shared_job.result()
    volatile = {g: {"hash": h, "nodes": node_digests(units.quads(g), links)}
                for g, h in units.other.items()}
    entries = _entries(store, model, results, set(shared))
    return Cache(print_, dict(units.pages), volatile, shared, entries, _mark(units))


def _iri(node: Node) -> str:
    return str(node) if isinstance(node, URIRef) else ""


def _rerun(store: ox.Store, model: ShapeModel, nodes: set[str], needs: Reads,
           shared: set[str], far: frozenset[str]) -> tuple[list[RawResult], dict[str, list[str]]]:
    """Results for ``nodes`` from a copy of what decides them (of every check but those that
    read other nodes, ``far``), and the descriptions of the ``shared`` nodes among them (read
    from the copy)."""
    small = neighbourhood(store, [ox.NamedNode(n) for n in nodes], needs,
                          incoming=describing(needs))
    checks = planned(model, far, among=False)
    results = [r for r in run_checks(small, model, threads=1, checks=checks)
               if _iri(r.focus) in nodes]
    found = descriptions(small, nodes & shared, describing(needs))
    return results, {node: sorted(lines) for node, lines in found.items()}


def _failing(store: ox.Store, model: ShapeModel, needs: Reads,
             probes: dict[str, set[ox.NamedNode]], far: frozenset[str]) -> dict[str, set[Node]]:
    """For each sh:class/sh:node check (but those that read other nodes, ``far``), which of
    the probed values it rejects (checked in a copy of their own triples, held by a probe
    node)."""
    if not any(probes.values()):
        return {}
    small = neighbourhood(store, [], needs, probes)  # type: ignore[arg-type]
    checks = [c for c in planned(model, far, among=False) if isinstance(c, ClassCheck | NodeCheck)]
    run_checks(small, model, threads=1, checks=checks)
    failing: dict[str, set[Node]] = {}
    for check in checks:
        if isinstance(check, ClassCheck | NodeCheck):
            failing.setdefault(check.key, set()).update(check.failing)
    return failing


def _probes(store: ox.Store, model: ShapeModel, values: set[str]) -> dict[str, set[ox.NamedNode]]:
    """For each forward sh:class/sh:node predicate, the ``values`` it has somewhere."""
    probes: dict[str, set[ox.NamedNode]] = {}
    named = sorted(values)
    predicates = {c.shape.path.predicate for c in model.constraints()
                  if c.kind in ("class", "node") and c.shape.path and not c.shape.path.inverse}
    for predicate in sorted(predicates):
        for start in range(0, len(named), BATCH):
            listed = " ".join(f"<{v}>" for v in named[start:start + BATCH])
            query = (f"SELECT ?v WHERE {{ VALUES ?v {{ {listed} }} "
                     f"FILTER EXISTS {{ ?x_ <{predicate}> ?v }} }}")
            found = {row[0] for row in store.query(query, use_default_graph_as_union=True)}
            probes.setdefault(predicate, set()).update(found)  # type: ignore[arg-type]
    return probes


def _dependents(store: ox.Store, model: ShapeModel, needs: Reads, values: set[str],
                kept: list[Entry], far: frozenset[str]) -> set[str]:
    """Nodes holding one of ``values`` whose sh:class or sh:node verdict changed (the kept
    results say what it was), so their results must be found again (but for the checks that
    read other nodes, ``far``, which run whole anyway)."""
    probes = _probes(store, model, values)
    failing = _failing(store, model, needs, probes, far)
    before = {(e.check, e.value) for e in kept}
    found: set[str] = set()
    for check in planned(model, far, among=False):
        if not isinstance(check, ClassCheck | NodeCheck) or check.path.inverse:
            continue
        for value in probes.get(check.path.predicate, ()):
            term = URIRef(value.value)
            if (term in failing.get(check.key, set())) != ((check.key, term.n3()) in before):
                found |= _holders(store, check.path.predicate, value.value)
    return found


def _holders(store: ox.Store, predicate: str, value: str) -> set[str]:
    quads = store.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(value), None)
    return {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}


def moved_nodes(units: Units, moved: Iterable[str]) -> set[str]:
    """The nodes whose path changed in the ``moved`` page graphs."""
    return {path.split("\t", 1)[0] for graph in moved for path in units.paths.get(graph, ())}


def update(cache: Cache, store: ox.Store, model: ShapeModel, units: Units, added: set[str],
           removed: set[str], moved: set[str] | None = None,
           path_keys: set[str] | None = None, threads: int | None = None) -> Cache:
    """The cache brought up to date with the store, re-checking only what changed (``added``
    and ``removed`` are the ``changed_pages``; ``moved``, page graphs that only moved, keep
    their results but those of the checks ``path_keys`` on the nodes whose path changed).
    The checks that read other nodes run again over the whole store."""
    changed = {g for g in set(cache.volatile) | set(units.other)
               if cache.volatile.get(g, {}).get("hash") != units.other.get(g)}
    paths_changed = moved_nodes(units, moved or ())
    path_keys = path_keys or set()
    if not added and not removed and not changed and not moved:
        return cache if cache.journal == _mark(units) else replace(cache, journal=_mark(units))
    needs = reads(model)
    links = linking(needs)
    far = beyond_focus(model)
    fresh, said = scan(store, added, links, cache.shared, describing(needs))
    # A rewritten links or member-states graph: only the nodes whose triples there differ.
    now = {g: node_digests(units.quads(g), links) if g in changed else cache.volatile[g]["nodes"]
           for g in units.other}
    moved: set[str] = set()
    for graph in changed:
        moved |= changed_nodes(cache.volatile.get(graph, {}).get("nodes", {}), now.get(graph, {}))
    mentioned, said_there = scan(store, changed & set(units.other), links, cache.shared,
                                 describing(needs), read=units.quads)
    fresh |= mentioned & moved
    for node, lines in said_there.items():
        said.setdefault(node, set()).update(lines)
    dirty = (fresh - cache.shared.keys()) | changed_descriptions(
        store, cache.shared, said, bool(removed))
    dirty |= moved - cache.shared.keys()
    dirty |= {e.focus_iri for e in cache.entries if e.owner is NOWHERE}
    newly = {n for n, g in graphs_of(store, fresh - cache.shared.keys()).items() if len(g) > 1}
    shared_names = set(cache.shared) | newly
    gone = removed | changed
    kept = [e for e in cache.entries if e.owner not in gone and e.focus_iri not in dirty
            and not (e.focus_iri in paths_changed and e.check in path_keys)
            and e.check not in far]
    results, described = _rerun(store, model, dirty, needs, shared_names, far)
    linked = shared_names.union(*(v["nodes"] for v in cache.volatile.values()), *now.values())
    dependents = _dependents(store, model, needs, dirty & linked, kept, far)
    dependents -= dirty
    if dependents:
        kept = [e for e in kept if e.focus_iri not in dependents]
        results += _rerun(store, model, dependents, needs, set(), far)[0]
    results += recheck_paths(store, model, paths_changed - dirty - dependents,
                             path_keys - far, needs, pages=len(units.pages))
    if far:
        results += run_checks(store, model, threads=threads,
                              checks=planned(model, far, among=True))
    reread = dirty | paths_changed
    stale = [e for e in kept if e.read & reread]
    if stale:
        contexts = focus_contexts(store, {URIRef(e.focus_iri) for e in stale})
        refreshed = {id(e): e.with_context(contexts[URIRef(e.focus_iri)]) for e in stale}
        kept = [refreshed.get(id(e), e) for e in kept]
    volatile = {g: {"hash": h, "nodes": now[g]} for g, h in units.other.items()}
    shared = {n: described.get(n, cache.shared.get(n, [])) for n in shared_names}
    entries = kept + _entries(store, model, results, shared_names)
    return Cache(cache.fingerprint, dict(units.pages), volatile, shared, entries, _mark(units))


def _mark(units: Units) -> list[str | int] | None:
    return units.mark.to_json() if units.mark is not None else None


def validate_cached(store: ox.Store, store_path: str, model: ShapeModel, *, full: bool = False,
                    threads: int | None = None) -> Cache:
    """The store's results, from its cache brought up to date (or from scratch), saved."""
    ontology = ontology_graphs(store)
    print_ = fingerprint(store, ontology)
    path = cache_path(store_path)
    cache = None if full else read_cache(path, print_)
    units = Units(store, ontology, cache)
    added: set[str] = set()
    removed: set[str] = set()
    moved: set[str] = set()
    path_keys: set[str] | None = set()
    if cache is not None:
        added, removed = changed_pages(cache.graphs, units.pages, units.touched)
        moved = units.only_moved(added & removed)
        if moved:
            path_keys = path_checks(model)
            added, removed = added - moved, removed - moved
        if path_keys is None:
            cache = None  # the shapes read a path so that a move may change any result
        elif len(added | removed) > max(1000, len(units.pages) // 4):
            cache = None  # most pages changed: checking everything is quicker
        elif any(e.owner is NOWHERE and not e.focus_iri for e in cache.entries):
            cache = None  # a literal or blank focus node, which the cache cannot place
    if cache is None:
        cache = full_run(store, model, units, print_, threads)
        write_cache(path, cache)
        return cache
    updated = update(cache, store, model, units, added, removed, moved, path_keys, threads)
    if updated is not cache:
        write_cache(path, updated)
    return updated
