"""Each constraint of each shape application as SPARQL queries plus a little Python.

A query finds the candidates over the store's union of graphs (in Rust); the Python side
keeps the focus nodes the shape targets and, for value-level components, lets pyshacl's own
component decide on each candidate value, so both engines give the same verdicts.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from pyshacl.pytypes import SHACLExecutor
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import KgError
from kg.query.results import read_solutions
from kg.validate import sparql_text as sq
from kg.validate.raw_results import RawResult
from kg.validate.shape_model import CompiledShape, Constraint, PathStep, Targets
from kg.validate.store_view import StoreView, to_ox, to_rdflib

CANDIDATE = URIRef("urn:iom-kg:validation:candidate")
BATCH = 2000
Rows = tuple[list[str], list[list[Any]]]
Bound = list[dict[str, Node]]


def answer(store: ox.Store, query: str) -> Rows:
    """The variables and rows (Oxigraph terms) of a query over the union of graphs."""
    try:
        solutions = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise KgError(f"SHACL validation could not run: a compiled query is invalid: {exc}") \
            from exc
    # The answer is shared between threads: an error must not carry the solutions to them.
    try:
        return read_solutions(solutions, lambda names, rows: (names, [list(row) for row in rows]))
    finally:
        del solutions


@dataclass
class Env:
    """What checks share in one run: the store, lookups, class closures and query answers."""

    store: ox.Store
    view: StoreView
    closures: dict[str, frozenset[str]]
    datagraph: Graph = field(default_factory=Graph)
    executor: SHACLExecutor = field(default_factory=SHACLExecutor)
    answers: dict[str, Future[Bound]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def rows(self, query: str) -> Bound:
        """The answer to ``query`` as rows of bound variables (rdflib terms), asked and
        converted once: the checks sharing a query read the same rows, and must not change
        them."""
        with self.lock:
            future = self.answers.get(query)
            owner = future is None
            if future is None:
                future = self.answers[query] = Future()
        if owner:
            try:
                names, rows = answer(self.store, query)
                future.set_result([{n: to_rdflib(t) for n, t in zip(names, row, strict=True)
                                    if t is not None} for row in rows])
            except BaseException as exc:
                future.set_exception(exc)
        return future.result()

    def holders(self, path: PathStep, value: Node) -> set[Node]:
        """The nodes of which ``value`` is a value of ``path``."""
        predicate = ox.NamedNode(path.predicate)
        if path.inverse:
            if isinstance(value, Literal):
                return set()
            quads = self.store.quads_for_pattern(to_ox(value), predicate, None, None)
            return {to_rdflib(q.object) for q in quads}
        quads = self.store.quads_for_pattern(None, predicate, to_ox(value), None)
        return {to_rdflib(q.subject) for q in quads}


class Focus:
    """Where a shape's focus nodes come from: a SPARQL pattern and a membership test."""

    def pattern(self, closures: dict[str, frozenset[str]]) -> str:
        """A pattern binding ?this to every focus node."""
        raise NotImplementedError

    def contains(self, node: Node, env: Env) -> bool:
        """True when ``node`` is a focus node."""
        raise NotImplementedError


@dataclass(eq=False)
class TargetFocus(Focus):
    """The focus nodes of a shape's targets."""

    targets: Targets
    _known: dict[Node, bool] = field(default_factory=dict)

    def pattern(self, closures: dict[str, frozenset[str]]) -> str:
        """Instances of the target classes, subjects/objects of the target predicates."""
        return sq.target_pattern(self.targets, closures)

    def contains(self, node: Node, env: Env) -> bool:
        """True when ``node`` is targeted (cached per node)."""
        if node not in self._known:
            self._known[node] = self._test(node, env)
        return self._known[node]

    def _test(self, node: Node, env: Env) -> bool:
        t = self.targets
        if node in t.nodes:
            return True
        if isinstance(node, Literal):
            return any(env.view.has_subject(URIRef(p), node) for p in t.objects_of)
        classes = {c for cls in t.classes for c in env.closures[cls]}
        return (any(str(k) in classes for k in env.view.types(node))
                or any(env.view.has_object(node, URIRef(p)) for p in t.subjects_of)
                or any(env.view.has_subject(URIRef(p), node) for p in t.objects_of))


@dataclass(eq=False)
class ValueFocus(Focus):
    """The values of a path: the focus nodes of a shape reached through sh:node."""

    path: PathStep

    def pattern(self, closures: dict[str, frozenset[str]]) -> str:
        """Every value of the path."""
        return sq.path_pattern(self.path, "?vs_", "?this")

    def contains(self, node: Node, env: Env) -> bool:
        """True when ``node`` is a value of the path somewhere."""
        p = URIRef(self.path.predicate)
        if self.path.inverse:
            return not isinstance(node, Literal) and env.view.has_object(node, p)
        return env.view.has_subject(p, node)


@dataclass(eq=False)
class Check:
    """One constraint of a shape applied to one set of focus nodes."""

    constraint: Constraint
    focus: Focus

    @property
    def key(self) -> str:
        """A name for the check, the same in every run with the same shapes."""
        return self.constraint.key

    @property
    def shape(self) -> CompiledShape:
        """The shape whose constraint this is."""
        return self.constraint.shape

    @property
    def path(self) -> PathStep:
        """The shape's path (value-level checks only run on property shapes)."""
        assert self.shape.path is not None
        return self.shape.path

    def queries(self, env: Env) -> list[str]:
        """The SPARQL queries whose answers ``results`` reads."""
        raise NotImplementedError

    def results(self, env: Env) -> list[RawResult]:
        """The results, once the queries are answered."""
        raise NotImplementedError

    def result(self, env: Env, focus: Node, value: Node | None = None,
               details: tuple[RawResult, ...] = ()) -> RawResult:
        """A result of this constraint, with the shape's messages or pyshacl's generic ones."""
        shape, component = self.shape, self.constraint.component
        messages = shape.messages or component.make_generic_messages(env.datagraph, focus, value)
        return RawResult(focus, shape.node, component.shacl_constraint_component,
                         shape.severity, tuple(messages),
                         path=shape.path.node if shape.path else None, value=value,
                         details=details, check=self.key)

    def held(self, env: Env, failing: list[Node]) -> list[tuple[Node, Node]]:
        """(focus, value) pairs for failing values, keeping focus nodes of this check."""
        pairs: list[tuple[Node, Node]] = []
        distinct = list(dict.fromkeys(failing))
        named = [v for v in distinct if not isinstance(v, BNode)]
        focus = sq.distinct_focus(self.focus.pattern(env.closures))
        for start in range(0, len(named), BATCH):
            values = " ".join(sq.sparql_term(v) for v in named[start:start + BATCH])
            query = (f"SELECT DISTINCT ?this ?v WHERE {{ VALUES ?v {{ {values} }} "
                     f"{sq.path_pattern(self.path, '?this', '?v')} {focus} }}")
            pairs.extend((row["this"], row["v"]) for row in env.rows(query))
        for value in distinct:
            if isinstance(value, BNode):
                pairs.extend((holder, value) for holder in env.holders(self.path, value)
                             if self.focus.contains(holder, env))
        times = Counter(failing)
        return [pair for pair in sorted(pairs, key=lambda p: (str(p[0]), str(p[1])))
                for _ in range(times.get(pair[1], 1))]


@dataclass(eq=False)
class ValueCheck(Check):
    """A value-level component: a query keeps candidate values, pyshacl decides on them.

    The checks on one path share one query (``shared``), each reading its own flag."""

    shared: tuple[str, str] | None = None

    @property
    def prefilter(self) -> str:
        """The filter keeping values that may break this constraint."""
        return sq.value_prefilter(self.constraint)

    def queries(self, env: Env) -> list[str]:
        """Candidate values of the path that may break the constraint."""
        if self.shared is not None:
            return [self.shared[0]]
        return [sq.candidate_values(self.path, self.prefilter)]

    def results(self, env: Env) -> list[RawResult]:
        """A result per focus node holding a value pyshacl's component rejects."""
        flag = self.shared[1] if self.shared is not None else None
        candidates = [row["v"] for row in env.rows(self.queries(env)[0])
                      if flag is None or str(row.get(flag)) == "true"]
        if not candidates:
            return []
        _, reports = self.constraint.component.evaluate(
            env.executor, env.datagraph, {CANDIDATE: candidates}, [])
        failing = [o[1] for _, _, triples in reports for _, p, o in triples if p == SH.value]
        return [self.result(env, f, v) for f, v in self.held(env, failing)]


@dataclass(eq=False)
class ClassCheck(Check):
    """sh:class: values that are no instance of the class or a subclass."""

    cls: str = ""
    failing: set[Node] = field(default_factory=set)

    @property
    def key(self) -> str:
        """The constraint and the class."""
        return f"{self.constraint.key}|{self.cls}"

    def queries(self, env: Env) -> list[str]:
        """Values of the path lacking the class."""
        return [sq.values_lacking_class(self.path, env.closures[self.cls])]

    def results(self, env: Env) -> list[RawResult]:
        """A result per focus node and value lacking the class."""
        failing = [row["v"] for row in env.rows(self.queries(env)[0])]
        self.failing = set(failing)
        return [self.result(env, f, v) for f, v in self.held(env, failing)]


class MinCountCheck(Check):
    """sh:minCount: focus nodes with too few distinct values."""

    def queries(self, env: Env) -> list[str]:
        """Focus nodes with fewer values than the minimum (none when it is 0)."""
        minimum = int(self.constraint.component.min_count.value)
        return [sq.too_few(self.focus.pattern(env.closures), self.path, minimum)] \
            if minimum > 0 else []

    def results(self, env: Env) -> list[RawResult]:
        """A result per focus node found."""
        nodes = dict.fromkeys(row["this"] for q in self.queries(env) for row in env.rows(q))
        return [self.result(env, node) for node in nodes]


class MaxCountCheck(Check):
    """sh:maxCount: nodes with too many distinct values, kept when targeted."""

    def queries(self, env: Env) -> list[str]:
        """Nodes with more values than the maximum."""
        return [sq.too_many(self.path, int(self.constraint.component.max_count.value))]

    def results(self, env: Env) -> list[RawResult]:
        """A result per focus node found."""
        rows = env.rows(self.queries(env)[0])
        return [self.result(env, row["this"]) for row in rows
                if self.focus.contains(row["this"], env)]


class UniqueLangCheck(Check):
    """sh:uniqueLang: nodes with several values, checked by pyshacl's component."""

    def queries(self, env: Env) -> list[str]:
        """Values of the nodes that have more than one value (none when the flag is false)."""
        return [sq.several_values(self.path)] if True in self.constraint.component.string_rules \
            else []

    def results(self, env: Env) -> list[RawResult]:
        """As many results per focus node as pyshacl reports (one per repeated language)."""
        values: dict[Node, list[Node]] = {}
        for query in self.queries(env):
            for row in env.rows(query):
                values.setdefault(row["this"], []).append(row["v"])
        found = []
        for node in sorted(values, key=str):
            if self.focus.contains(node, env):
                _, reports = self.constraint.component.evaluate(
                    env.executor, env.datagraph, {node: values[node]}, [])
                found.extend(self.result(env, node) for _ in reports)
        return found


@dataclass(eq=False)
class HasValueCheck(Check):
    """sh:hasValue: focus nodes of which the value is not a value of the path."""

    value: Node | None = None

    @property
    def key(self) -> str:
        """The constraint and the value."""
        return f"{self.constraint.key}|{self.value.n3() if self.value is not None else ''}"

    def queries(self, env: Env) -> list[str]:
        """Focus nodes lacking the value."""
        assert self.value is not None
        return [sq.lacking_value(self.focus.pattern(env.closures), self.path, self.value)]

    def results(self, env: Env) -> list[RawResult]:
        """A result per focus node found."""
        return [self.result(env, row["this"]) for row in env.rows(self.queries(env)[0])]


@dataclass(eq=False)
class NodeCheck(Check):
    """sh:node: values that do not conform to a node shape, with its results as details."""

    nested: list[Check] = field(default_factory=list)
    nested_key: str = ""
    failing: set[Node] = field(default_factory=set)

    @property
    def key(self) -> str:
        """The constraint and the nested shape."""
        return f"{self.constraint.key}|{self.nested_key}"

    def queries(self, env: Env) -> list[str]:
        """The queries of the nested shape's checks."""
        return [q for check in self.nested for q in check.queries(env)]

    def results(self, env: Env) -> list[RawResult]:
        """A result per focus node and non-conforming value, nesting the value's results."""
        by_value: dict[Node, list[RawResult]] = {}
        for check in self.nested:
            for found in check.results(env):
                by_value.setdefault(found.focus, []).append(found)
        self.failing = set(by_value)
        return [self.result(env, f, v, tuple(by_value[v]))
                for f, v in self.held(env, list(by_value))]


def with_nested(checks: Iterable[Check]) -> Iterator[Check]:
    """Every check of ``checks`` and, inside each NodeCheck, of its nested shape, at any depth."""
    for check in checks:
        yield check
        if isinstance(check, NodeCheck):
            yield from with_nested(check.nested)
