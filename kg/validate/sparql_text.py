"""SPARQL text for the compiled shapes: paths, focus-node patterns and value pre-filters.

A pre-filter keeps every value that may break a value-level constraint (a superset: a value
it drops is certain to pass); pyshacl's own component then decides on the few it keeps. The
filters read values through Oxigraph's typed literal encoding, so they run in Rust.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.term import Node

from kg.validate.shape_model import (
    CompiledShape,
    Constraint,
    PathStep,
    Targets,
    UnsupportedShapes,
)

NUMERIC = {XSD[t] for t in ("decimal", "integer", "double", "float", "int", "long", "short",
                            "byte", "nonNegativeInteger", "nonPositiveInteger",
                            "positiveInteger", "negativeInteger", "unsignedLong",
                            "unsignedInt", "unsignedShort", "unsignedByte")}
CASTS_AGREE = {XSD[t] for t in ("decimal", "integer", "double", "float", "boolean", "time",
                                "date", "dateTime")}
"""Datatypes whose Oxigraph cast accepts only lexical forms rdflib also parses (within the
year range rdflib's dates allow)."""
NODE_KIND_FAILS = {
    SH.IRI: "!isIRI(?v)", SH.BlankNode: "!isBlank(?v)", SH.Literal: "!isLiteral(?v)",
    SH.BlankNodeOrIRI: "isLiteral(?v)", SH.BlankNodeOrLiteral: "isIRI(?v)",
    SH.IRIOrLiteral: "isBlank(?v)",
}
NO_LIMIT = 10**15
"""A LIMIT that keeps Oxigraph from pushing a filter into DISTINCT (once per value, not row)."""
COMPARE = {"minInclusive": ">=", "maxInclusive": "<=", "minExclusive": ">", "maxExclusive": "<"}


def sparql_term(node: Node) -> str:
    """An IRI or literal written for a query; a blank node cannot be named in one."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        text = json.dumps(str(node), ensure_ascii=False)
        if node.language:
            return f"{text}@{node.language}"
        return f"{text}^^<{node.datatype}>" if node.datatype else text
    raise UnsupportedShapes(f"a blank node ({node}) cannot be named in a compiled query")


def path_pattern(path: PathStep, subject: str, obj: str) -> str:
    """The triple pattern linking a focus node (``subject``) to a value (``obj``)."""
    if path.inverse:
        return f"{obj} <{path.predicate}> {subject} ."
    return f"{subject} <{path.predicate}> {obj} ."


def iris(values: Iterable[str]) -> str:
    """IRIs for a VALUES block."""
    return " ".join(f"<{v}>" for v in sorted(values))


def target_pattern(targets: Targets, closures: dict[str, frozenset[str]]) -> str:
    """A pattern binding ?this to every focus node of ``targets`` (with repeats)."""
    parts = []
    classes = {c for cls in targets.classes for c in closures[cls]}
    if len(classes) == 1:
        parts.append(f"?this a <{next(iter(classes))}> .")
    elif classes:
        parts.append(f"VALUES ?tc_ {{ {iris(classes)} }} ?this a ?tc_ .")
    parts.extend(f"?this <{p}> ?to_ ." for p in targets.subjects_of)
    parts.extend(f"?ts_ <{p}> ?this ." for p in targets.objects_of)
    if targets.nodes:
        parts.append("VALUES ?this { " + " ".join(sparql_term(n) for n in targets.nodes) + " }")
    return " UNION ".join("{ " + part + " }" for part in parts)


def distinct_focus(pattern: str) -> str:
    """A sub-select of the distinct focus nodes a pattern binds to ?this."""
    return f"{{ SELECT DISTINCT ?this WHERE {{ {pattern} }} }}"


def _or(parts: list[str]) -> str:
    return " || ".join(f"({p})" for p in parts) if parts else "false"


def _datatype_filter(datatype: Node) -> str:
    if datatype == RDF.langString:
        return '!isLiteral(?v) || lang(?v) = ""'
    if datatype in (RDFS.Literal, RDFS.Datatype) or not isinstance(datatype, URIRef):
        return "true"
    fails = f"!isLiteral(?v) || datatype(?v) != <{datatype}>"
    if datatype in CASTS_AGREE:
        fails += f" || !sameTerm(<{datatype}>(STR(?v)), ?v)"
        if datatype in (XSD.date, XSD.dateTime):
            fails += " || YEAR(?v) < 1 || YEAR(?v) > 9999"
        return fails
    from rdflib.term import _check_well_formed_types, _toPythonMapping

    checked = datatype in _check_well_formed_types or _toPythonMapping.get(datatype) is not None
    return "true" if checked else fails


def _pattern_filter(component: object) -> str:
    flags = str(getattr(component, "flags", None) or "").lower()
    flags = "".join(f for f in "im" if f in flags)
    parts = []
    for rule in component.string_rules:  # type: ignore[attr-defined]
        text = json.dumps(str(rule), ensure_ascii=False)
        parts.append(f'isBlank(?v) || !REGEX(STR(?v), {text}, "{flags}")')
    return _or(parts)


def _language_filter(constraint: Constraint) -> str:
    graph = constraint.shape.pyshape.sg.graph
    wanted = sorted({str(item).lower() for rule in constraint.component.string_rules
                     for item in graph.items(rule)})
    if "*" in wanted:
        return '!isLiteral(?v) || lang(?v) = ""'
    listed = ", ".join(json.dumps(w) for w in wanted) or '""'
    first = 'LCASE(STRBEFORE(CONCAT(lang(?v), "-"), "-"))'
    return (f'!isLiteral(?v) || lang(?v) = "" || !(LCASE(lang(?v)) IN ({listed}) '
            f"|| {first} IN ({listed}))")


def _range_filter(kind: str, bounds: list[Node]) -> str:
    parts = []
    for bound in bounds:
        if not isinstance(bound, Literal):
            return "true"
        same = ("isNumeric(?v)" if bound.datatype in NUMERIC
                else f"datatype(?v) = <{bound.datatype or XSD.string}>")
        parts.append(f"!({same} && ?v {COMPARE[kind]} {sparql_term(bound)})")
    return _or(parts)


def _in_filter(values: Iterable[Node]) -> str:
    named = [v for v in values if isinstance(v, URIRef)]
    others = any(not isinstance(v, URIRef) for v in values)
    kept = " || ".join(f"sameTerm(?v, <{v}>)" for v in sorted(named)) or "false"
    return f"isLiteral(?v) || isBlank(?v) || !({kept})" if others else f"!({kept})"


def _or_filter(constraint: Constraint) -> str:
    """A value breaks sh:or when, for one of its lists, it breaks every shape of the list,
    that is one constraint of each shape."""
    def may_break(shape: CompiledShape) -> str:
        return _or([f"COALESCE({value_prefilter(c)}, true)" for c in shape.constraints])

    lists = [" && ".join(f"({may_break(shape)})" for shape in shapes) or "true"
             for shapes in constraint.operands]
    return _or(lists)


def value_prefilter(constraint: Constraint) -> str:
    """A filter on ?v keeping every value that may break the constraint."""
    component, kind = constraint.component, constraint.kind
    if kind == "or":
        return _or_filter(constraint)
    if kind == "datatype":
        return _datatype_filter(component.datatype_rule)
    if kind == "nodeKind":
        return NODE_KIND_FAILS.get(component.nodekind_rule, "true")
    if kind == "pattern":
        return _pattern_filter(component)
    if kind in ("minLength", "maxLength"):
        limit = component.string_rules[0]
        if not isinstance(limit, Literal) or not isinstance(limit.value, int):
            return "true"
        op = "<" if kind == "minLength" else ">"
        return f"isBlank(?v) || STRLEN(STR(?v)) {op} {int(limit.value)}"
    if kind == "languageIn":
        return _language_filter(constraint)
    if kind in ("minInclusive", "minExclusive"):
        return _range_filter(kind, list(component.min_vals))
    if kind in ("maxInclusive", "maxExclusive"):
        return _range_filter(kind, list(component.max_vals))
    if kind == "in":
        return _in_filter(component.in_vals)
    raise UnsupportedShapes(f"no value filter for sh:{kind}")


def candidate_values(path: PathStep, prefilter: str) -> str:
    """Distinct values of ``path`` (anywhere) that pass ``prefilter``."""
    return (f"SELECT ?v WHERE {{ {{ SELECT DISTINCT ?v WHERE {{ "
            f"{path_pattern(path, '?s_', '?v')} }} LIMIT {NO_LIMIT} }} "
            f"FILTER(COALESCE({prefilter}, true)) }}")


def flagged_values(path: PathStep, prefilters: list[str]) -> str:
    """Distinct values of ``path`` that pass any of ``prefilters``, with a flag ``?f{i}``
    per filter: one pass over the values serves every value-level check on the path."""
    flags = " ".join(f"BIND(COALESCE({p}, true) AS ?f{i})" for i, p in enumerate(prefilters))
    kept = " || ".join(f"?f{i}" for i in range(len(prefilters)))
    names = " ".join(f"?f{i}" for i in range(len(prefilters)))
    return (f"SELECT ?v {names} WHERE {{ {{ SELECT DISTINCT ?v WHERE {{ "
            f"{path_pattern(path, '?s_', '?v')} }} LIMIT {NO_LIMIT} }} {flags} "
            f"FILTER({kept}) }}")


def values_lacking_class(path: PathStep, classes: frozenset[str]) -> str:
    """Distinct values of ``path`` that are not instances of any of ``classes``."""
    if len(classes) == 1:
        lacking = f"MINUS {{ ?v a <{next(iter(classes))}> }}"
    else:
        lacking = f"MINUS {{ VALUES ?c_ {{ {iris(classes)} }} ?v a ?c_ }}" if classes else ""
    return f"SELECT DISTINCT ?v WHERE {{ {path_pattern(path, '?s_', '?v')} {lacking} }}"


def too_few(focus: str, path: PathStep, minimum: int) -> str:
    """Focus nodes with fewer than ``minimum`` distinct values of ``path``."""
    if minimum == 1:
        return (f"SELECT ?this WHERE {{ {{ {focus} }} "
                f"MINUS {{ {path_pattern(path, '?this', '?v_')} }} }}")
    return (f"SELECT ?this WHERE {{ {distinct_focus(focus)} OPTIONAL {{ "
            f"{path_pattern(path, '?this', '?v_')} }} }} GROUP BY ?this "
            f"HAVING (COUNT(DISTINCT ?v_) < {minimum})")


def too_many(path: PathStep, maximum: int) -> str:
    """Nodes with more than ``maximum`` distinct values of ``path`` (whatever their targets);
    counting rows first (cheap) leaves the distinct count to the few with too many."""
    return (f"SELECT ?this (COUNT(DISTINCT ?v_) AS ?n) WHERE {{ {{ SELECT ?this WHERE {{ "
            f"{path_pattern(path, '?this', '?x_')} }} GROUP BY ?this "
            f"HAVING (COUNT(*) > {maximum}) }} {path_pattern(path, '?this', '?v_')} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v_) > {maximum})")


def several_values(path: PathStep) -> str:
    """Every value of the nodes that have more than one distinct value of ``path``."""
    return (f"SELECT DISTINCT ?this ?v WHERE {{ {{ SELECT ?this WHERE {{ "
            f"{path_pattern(path, '?this', '?x_')} }} GROUP BY ?this "
            f"HAVING (COUNT(DISTINCT ?x_) > 1) }} {path_pattern(path, '?this', '?v')} }}")


def lacking_value(focus: str, path: PathStep, value: Node) -> str:
    """Focus nodes of which ``value`` is not a value of ``path``."""
    if isinstance(value, BNode):
        raise UnsupportedShapes("sh:hasValue with a blank node is not compiled")
    return (f"SELECT ?this WHERE {{ {distinct_focus(focus)} "
            f"MINUS {{ {path_pattern(path, '?this', sparql_term(value))} }} }}")
