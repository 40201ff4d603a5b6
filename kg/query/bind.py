"""Binding query parameters safely: values become typed RDF terms, never query text.

Some types are normalised first so that the query can look the value up in an index instead of
comparing every row: ``code`` is upper-cased (Prima IDs), ``country`` becomes the ISO 3166
alpha-3 code of a country written as a code or a name in any language the gazetteer knows,
``activity`` and ``target-group`` the code of a topic (``kg.reference.topics``) written as its
code or its label in English, French or Spanish.

Locally and on a remote endpoint, ``with_values_block`` adds ``VALUES ?name { term }`` at the
start of the query's top-level group, the term written by pyoxigraph in N-Triples syntax, so
quotes, braces, ``#`` or line breaks in a value stay inside its literal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import DataError, UsageError
from kg.namespaces import absolute_iri
from kg.reference.countries import gazetteer
from kg.reference.topics import TOPIC_SCHEMES, load_topics, topic_code

if TYPE_CHECKING:
    from kg.query.saved import Param, SavedQuery

Term = ox.NamedNode | ox.Literal

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = re.compile(r"[+-]?\d+\Z")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z")
_YEAR = re.compile(r"-?\d{4,}\Z")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")


def convert_value(param: Param, raw: str) -> Term:
    """The RDF term for ``raw`` given the parameter's type; UsageError when it does not fit."""
    value = raw.strip() if param.type != "string" else raw
    if param.type == "string":
        return ox.Literal(value)
    if param.type == "code" and value:
        return ox.Literal(value.upper())
    if param.type == "country" and (iso3 := country_code(value)):
        return ox.Literal(iso3)
    if param.type in TOPIC_SCHEMES:
        if (code := topic_code(param.type, value)) is not None:
            return ox.Literal(code)
        known = ", ".join(topic.code for topic in load_topics() if topic.scheme == param.type)
        raise UsageError(f"parameter {param.name}: {raw!r} is not a known {param.type} "
                         f"(codes: {known}; or a label in English, French or Spanish)")
    if param.type == "int" and _INTEGER.match(value):
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if param.type == "year" and _YEAR.match(value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD + "gYear"))
    if param.type == "decimal" and _DECIMAL.match(value):
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = None
        if number is not None:
            return ox.Literal(_canonical_decimal(number), datatype=ox.NamedNode(XSD + "decimal"))
    if param.type == "iri":
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if _SCHEME.match(iri):
            try:
                return absolute_iri(iri)
            except ValueError as exc:
                raise UsageError(f"parameter {param.name}: {raw!r} is not an IRI: {exc}") from exc
    expected = {"code": "a code such as VU10P0543",
                "country": "a country name or ISO 3166 code known to the gazetteer (Vanuatu, VUT)",
                "int": "an integer", "year": "a year such as 2024", "decimal": "a decimal number",
                "iri": "an absolute IRI such as https://example.org/x"}.get(param.type, param.type)
    raise UsageError(f"parameter {param.name}: {raw!r} is not {expected}")


def country_code(text: str) -> str | None:
    """The ISO 3166 alpha-3 code of a country given by alpha-3 or alpha-2 code or by name."""
    countries = gazetteer().countries
    code = text.upper()
    if code in countries:
        return code
    by_iso2 = next((c.iso3 for c in countries.values() if c.iso2 == code), None)
    if by_iso2 is not None:
        return by_iso2
    country = gazetteer().lookup(text)
    return country.iso3 if country is not None else None


def _canonical_decimal(number: Decimal) -> str:
    text = format(number, "f")
    return text if "." in text else text + ".0"


def bind_parameters(query: SavedQuery, values: Mapping[str, str]) -> dict[str, Term]:
    """Every declared parameter as an RDF term: the given value, else the default.

    UsageError for an undeclared name, a value of the wrong type, or a required parameter
    left out.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise UsageError(f"query {query.name!r} has no parameter {', '.join(unknown)} "
                         f"(its parameters: {known})")
    bindings: dict[str, Term] = {}
    for name, param in declared.items():
        raw = values.get(name, param.default)
        if raw is None:
            raise UsageError(f"query {query.name!r} needs a value for parameter {name!r} "
                             f"(-p {name}=...)")
        bindings[name] = convert_value(param, raw)
    return bindings


def with_values_block(text: str, bindings: Mapping[str, Term]) -> str:
    """The query with ``VALUES ?name { term }`` lines opening its top-level group."""
    if not bindings:
        return text
    brace = _first_group_brace(text)
    block = "".join(f"\n  VALUES ?{name} {{ {term} }}" for name, term in bindings.items())
    return text[: brace + 1] + block + text[brace + 1 :]


def _first_group_brace(text: str) -> int:
    """Offset of the first ``{`` outside comments, strings and IRIs: the WHERE group's."""
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = size if end < 0 else end
        elif char in "\"'":
            i = _string_end(text, i)
        elif char == "<" and (iri := _IRIREF.match(text, i)):
            i = iri.end()
        elif char == "{":
            return i
        else:
            i += 1
    raise DataError("query has no group pattern '{ ... }' to bind parameters in")


def _string_end(text: str, start: int) -> int:
    quote = text[start]
    delimiter = quote * 3 if text.startswith(quote * 3, start) else quote
    i = start + len(delimiter)
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(delimiter, i):
            return i + len(delimiter)
        else:
            i += 1
    return len(text)
