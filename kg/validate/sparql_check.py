"""sh:sparql constraints run once over all focus nodes instead of once per focus node.

pyshacl runs the constraint's SELECT once per focus node with ``$this`` pre-bound. Here the
focus nodes are joined in at the top of the WHERE clause, so one query answers for all of
them; each answer row is then turned into a result exactly as pyshacl turns it (duplicate
rows dropped per focus node, ``{?var}`` placeholders of the messages filled in).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyshacl.errors import ReportableRuntimeError, ValidationFailure
from rdflib import RDF, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node

from kg.errors import KgError
from kg.validate.checks import Check, Env, TargetFocus
from kg.validate.raw_results import RawResult
from kg.validate.shape_model import Targets, UnsupportedShapes, node_key

RDFLIB_PARSER = threading.Lock()
PLACEHOLDER = URIRef("urn:iom-kg:validation:this")
THIS = Variable("this")
SELECT_THIS = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(?:\*|[^{]*?[?$]this\b)",
                         re.IGNORECASE | re.DOTALL)
GROUP_OPEN = re.compile(r"\bWHERE\s*\{|\{", re.IGNORECASE)
PREBOUND = re.compile(r"[?$](currentShape|shapesGraph)\b")


def constraint_text(helper: Any) -> str:
    """The constraint's SELECT with its prefixes and $PATH filled in, as pyshacl runs it."""
    try:
        _, text = helper.pre_bind_variables(PLACEHOLDER)
    except (ValidationFailure, ReportableRuntimeError, NotImplementedError) as exc:
        raise KgError(f"SHACL validation could not run: {exc}") from exc
    return str(helper.apply_prefixes(text))


def triple_patterns(node: Any) -> Iterator[tuple[Any, Any, Any]]:
    """Every triple pattern of a SPARQL algebra, wherever it stands (FILTER EXISTS too)."""
    if isinstance(node, CompValue | dict):
        for key, value in node.items():
            if key == "triples":
                yield from (tuple(t) for t in value)  # type: ignore[misc]
            else:
                yield from triple_patterns(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from triple_patterns(item)


@lru_cache(maxsize=256)
def query_algebra(text: str) -> Any | None:
    """rdflib's algebra of a query, parsed once per text (a parse takes about 8 ms); None when
    rdflib cannot read it."""
    try:
        with RDFLIB_PARSER:  # pyparsing's parser state is global: one parse at a time
            return prepareQuery(text).algebra
    except Exception:  # whatever rdflib raises: the callers assume the worst
        return None


def constraint_patterns(helper: Any) -> list[tuple[Any, Any, Any]] | None:
    """The triple patterns of a constraint's SELECT (``constraint_text``); None when rdflib
    cannot read it."""
    try:
        algebra = query_algebra(constraint_text(helper))
    except Exception:  # whatever pyshacl raises filling the text in: assume the worst
        return None
    return None if algebra is None else list(triple_patterns(algebra))


def reads_other_nodes(helper: Any) -> bool:
    """True when a constraint may read the triples of another node than ``$this``: a pattern
    whose subject is not ``$this`` or whose predicate is a property path, or a query rdflib
    cannot read."""
    patterns = constraint_patterns(helper)
    return patterns is None or any(
        subject != THIS or not isinstance(predicate, URIRef | Variable)
        for subject, predicate, _ in patterns)


PASS_THROUGH = {"Extend", "Filter", "AggregateJoin", "Group", "ToMultiSet", "Distinct",
                "Reduced", "OrderBy", "Slice", "SelectQuery"}


def _required_triples(node: Any, top: bool = True) -> Iterator[tuple[Any, Any, Any]]:
    """Triple patterns every answer of the algebra ``node`` matches (not those under
    OPTIONAL, UNION, MINUS, or in a sub-select)."""
    name = getattr(node, "name", "")
    if name == "BGP":
        yield from node.triples
    elif name in PASS_THROUGH or (name == "Project" and top):
        yield from _required_triples(node.p, top=name != "Project" and top)
    elif name == "Join":
        yield from _required_triples(node.p1, top)
        yield from _required_triples(node.p2, top)
    elif name == "LeftJoin":
        yield from _required_triples(node.p1, top)


@lru_cache(maxsize=256)
def focus_implied(text: str, targets: Targets) -> bool:
    """True when every answer of the query already has ``$this`` as a subject of a target
    predicate (sh:targetSubjectsOf) or as an instance of a target class (``$this a C``), so
    no focus filter is needed (the filter, tested on every row, also leads Oxigraph to start
    from the focus nodes rather than from the constraint's own selective patterns)."""
    if not targets.subjects_of and not targets.classes:
        return False
    algebra = query_algebra(text)
    if algebra is None:  # rdflib cannot read it: keep the filter
        return False
    predicates = {URIRef(p) for p in targets.subjects_of}
    classes = {URIRef(c) for c in targets.classes}
    return any(s == THIS and (p in predicates or (p == RDF.type and o in classes))
               for s, p, o in _required_triples(algebra))


def focus_joined(text: str, focus_pattern: str) -> str:
    """``text`` with its WHERE clause kept to focus nodes (a filter, so its rows are not
    multiplied); pyshacl instead runs the query once per focus node."""
    if not SELECT_THIS.search(text) or PREBOUND.search(text):
        raise UnsupportedShapes("a SPARQL constraint must select $this and use no other "
                                "pre-bound variable to be compiled")
    opening = GROUP_OPEN.search(text, SELECT_THIS.search(text).start())  # type: ignore[union-attr]
    if opening is None:
        raise UnsupportedShapes("a SPARQL constraint without a WHERE clause")
    at = opening.end()
    return f"{text[:at]} FILTER EXISTS {{ {focus_pattern} }} {text[at:]}"


@dataclass(eq=False)
class SparqlCheck(Check):
    """One sh:SPARQLConstraint of a shape."""

    helper: Any = None

    @property
    def key(self) -> str:
        """The constraint and its sh:SPARQLConstraint."""
        return f"{self.constraint.key}|{node_key(self.shape.pyshape.sg.graph, self.helper.node)}"

    def queries(self, env: Env) -> list[str]:
        """The constraint's query over every focus node."""
        text = constraint_text(self.helper)
        focus = self.focus
        if isinstance(focus, TargetFocus) and focus_implied(text, focus.targets):
            focus_joined(text, "")  # still refuse what cannot be compiled
            return [text]
        return [focus_joined(text, focus.pattern(env.closures))]

    def results(self, env: Env) -> list[RawResult]:
        """The results pyshacl makes of the rows, focus node by focus node."""
        by_focus: dict[Node, list[dict[str, Node]]] = {}
        for row in env.rows(self.queries(env)[0]):
            if "this" in row:
                by_focus.setdefault(row["this"], []).append(row)
        found = []
        for focus, rows in by_focus.items():
            for violation in _violations(rows):
                found.append(self._result(env, focus, violation))
        return found

    def _result(self, env: Env, focus: Node, violation: tuple[Any, ...]) -> RawResult:
        node_value = None if self.shape.path is not None else focus
        if violation[0] is True:
            target, path, value, bound = focus, None, node_value, violation[1]
        else:
            this, path, value, extra = violation
            value = node_value if value is None else value
            target, bound = this or focus, (this, path, value, extra)
        if path is None and self.shape.path is not None:
            path = self.shape.path.node
        shape, component = self.shape, self.constraint.component
        return RawResult(target, shape.node, component.shacl_constraint_component,
                         shape.severity, tuple(self._messages(env, target, value, bound)),
                         path=path, value=value, source_constraint=self.helper.node,
                         check=self.key)

    def _messages(self, env: Env, focus: Node, value: Node | None, bound: Any) -> list[Node]:
        """The messages as pyshacl's make_v_result writes them."""
        component = self.constraint.component
        messages: list[Node] = list(self.shape.pyshape.message)
        out: list[Node] = []
        extra = self.helper.messages or None
        if extra:
            for message in extra:
                if message in messages:
                    continue
                if isinstance(message, Literal):
                    text = component._format_sparql_based_result_message(str(message.value), bound)
                    message = Literal(text)
                out.append(message)
        elif not messages:
            messages = component.make_generic_messages(env.datagraph, focus, value) or messages
        for message in messages:
            if isinstance(message, Literal):
                text = component._format_sparql_based_result_message(str(message.value), bound)
                message = Literal(text)
            out.append(message)
        return out


def _violations(rows: list[dict[str, Node]]) -> list[tuple[Any, ...]]:
    """pyshacl's reading of one focus node's answer rows (``_validate_sparql_query``)."""
    violations: list[tuple[Any, ...]] = []
    failed = False
    for row in rows:
        bound = dict(row)
        if bound.pop("failure", None) is not None:
            if not failed:
                violations.append((True, bound))
                failed = True
            continue
        path, value, this = bound.pop("path", None), bound.pop("value", None), \
            bound.pop("this", None)
        if path is not None or value is not None or this is not None:
            item = (this, path, value, bound)
            if item not in violations:
                violations.append(item)
    return violations
