"""Page graphs that only moved: what of their cached results a new path can change.

A move rewrites one triple of a page graph, ``<g> iom:sourcePath "old"`` to ``"new"``
(kg.store.page_moves), and the journal says so (``j:moved``). The only results that can
differ are those of the checks that read the path of their focus node (``path_checks``),
on the node that has the path, and the page path each report line names (its context, looked
up again where it read that node). When the shapes read a path any other way (backwards, as
the value of a nested sh:node shape, or as a target), a move can change the results of other
nodes: ``path_checks`` is then None and the caller validates afresh. The checks that may read
other nodes than their focus node (kg.validate.substore.beyond_focus) are left out: they run
again over the whole store on every run.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import URIRef, Variable

from kg.validate.checks import Check, NodeCheck
from kg.validate.compiled import Planner, run_checks
from kg.validate.context import IOM
from kg.validate.raw_results import RawResult
from kg.validate.shape_model import ShapeModel
from kg.validate.sparql_check import THIS, SparqlCheck, constraint_patterns
from kg.validate.substore import Reads, beyond_focus, neighbourhood

SOURCE_PATH = URIRef(str(IOM.sourcePath))
WHOLE_STORE = 50
"""Above one moved page in this many, the path checks run over the whole store."""


class _Elsewhere(Exception):
    """The shapes read a path elsewhere than on the focus node itself."""


def _sparql_reads_path(check: SparqlCheck) -> bool:
    """True when the constraint may read ``$this``'s path; _Elsewhere when it may read
    another node's (a pattern with the path, a variable or a property path as predicate
    whose subject is not ``$this``)."""
    patterns = constraint_patterns(check.helper)
    if patterns is None:  # rdflib cannot read it: assume the worst
        raise _Elsewhere
    reads = False
    for subject, predicate, _ in patterns:
        if predicate == SOURCE_PATH or not isinstance(predicate, URIRef):
            if subject != THIS or not isinstance(predicate, URIRef | Variable):
                raise _Elsewhere
            reads = True
    return reads


def _reads_path(check: Check, nested: bool) -> bool:
    """True when ``check`` reads the path of its own focus node; _Elsewhere when it reads
    another node's."""
    if isinstance(check, NodeCheck):
        if any(_reads_path(inner, nested=True) for inner in check.nested):
            raise _Elsewhere
        return False
    if isinstance(check, SparqlCheck):
        reads = _sparql_reads_path(check)
    else:
        path = check.shape.path
        reads = path is not None and path.predicate == str(SOURCE_PATH)
        if reads and path is not None and path.inverse:
            raise _Elsewhere
    if reads and nested:
        raise _Elsewhere
    return reads


def path_checks(model: ShapeModel) -> set[str] | None:
    """The keys of the checks that read the path of their focus node; None when a shape
    reads a path otherwise, so that a move may change the results of other nodes (the checks
    that read other nodes anyway, ``beyond_focus``, run whole every time: not counted)."""
    if any(str(SOURCE_PATH) in (*s.targets.subjects_of, *s.targets.objects_of)
           for s in model.shapes.values()):
        return None
    far = beyond_focus(model)
    try:
        return {check.key for check in Planner(model).plan()
                if check.key not in far and _reads_path(check, False)}
    except _Elsewhere:
        return None


def recheck_paths(store: ox.Store, model: ShapeModel, nodes: Iterable[str], keys: set[str],
                  needs: Reads, *, pages: int) -> list[RawResult]:
    """The results of the checks ``keys`` on ``nodes`` (the nodes whose path changed): from a
    copy of what decides them, or, for more than one in ``WHOLE_STORE`` of the store's
    ``pages``, over the whole store (those few checks on every page cost less than copying
    that many nodes: 0.25 s at 10k pages, against 0.7 ms a node)."""
    named = sorted(set(nodes))
    checks = [check for check in Planner(model).plan() if check.key in keys]
    if not named or not checks:
        return []
    if len(named) * WHOLE_STORE <= pages:
        store = neighbourhood(store, [ox.NamedNode(n) for n in named], needs)
    wanted = {URIRef(n) for n in named}
    return [r for r in run_checks(store, model, threads=1, checks=checks) if r.focus in wanted]
