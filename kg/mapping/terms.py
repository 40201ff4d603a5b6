"""RDF terms for record values: typed literals in canonical form and concept IRIs.

Canonical lexical forms (XSD 1.1, as Oxigraph stores them) keep exports byte-identical
whichever way the triples travel: ``300000.00`` is written ``"300000"^^xsd:decimal``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache

from pyoxigraph import Literal, NamedNode

from kg.namespaces import VOC, XSD
from kg.reference.vocabularies import find_concept

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DECIMAL, _GYEAR, _DATE = XSD.decimal, XSD.gYear, XSD.date


def canonical_decimal(amount: Decimal) -> str:
    """XSD 1.1 canonical decimal: no exponent, no trailing zeros, no ``.0``
    (``Decimal("300000.00")`` -> ``"300000"``, ``Decimal("12.50")`` -> ``"12.5"``)."""
    if not amount.is_finite():
        raise ValueError(f"not a finite decimal: {amount}")
    if amount == 0:
        return "0"
    text = format(amount.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def decimal_literal(amount: Decimal) -> Literal:
    """An exact amount as an ``xsd:decimal`` literal in canonical form."""
    return Literal(canonical_decimal(amount), datatype=_DECIMAL)


def year_literal(year: int) -> Literal:
    """A year as ``xsd:gYear`` ("2024"; years below 1000 are zero-padded to four digits)."""
    return Literal(f"{year:04d}" if year >= 0 else f"-{-year:04d}", datatype=_GYEAR)


def date_literal(value: str | None) -> Literal | None:
    """An ISO date ("2021-11-29") as ``xsd:date``; None when the value is not one."""
    if not value or not _ISO_DATE.match(value.strip()):
        return None
    try:
        return Literal(date.fromisoformat(value.strip()).isoformat(), datatype=_DATE)
    except ValueError:
        return None


def string_literal(value: str) -> Literal:
    """A plain ``xsd:string`` literal (codes, labels of organisations, paths)."""
    return Literal(value)


def language_tag(language: str | None) -> str | None:
    """The page language as a BCP 47 tag ("en"), or None when the record's value is not one."""
    if not language:
        return None
    tag = language.strip().lower().replace("_", "-")
    return tag if _LANGUAGE.match(tag) else None


def text_literal(value: str, language: str | None) -> Literal:
    """Narrative text or a title, tagged with the page language when there is one."""
    return Literal(value, language=language) if language else Literal(value)


def concept_iri(scheme: str, code: str) -> str:
    """``voc:{scheme}/{code}`` as a full IRI string."""
    return f"{VOC.iri}{scheme}/{code}"


@cache
def concept_node(scheme: str, code: str) -> NamedNode:
    """The NamedNode of one concept, built once per process."""
    return NamedNode(concept_iri(scheme, code))


@lru_cache(maxsize=8192)
def find_concept_node(scheme: str, value: str | None) -> NamedNode | None:
    """The concept a page value names ("Active", "En cours", "CT"), or None when the value
    is unknown: unknown values are never minted as concepts (the parser reports them)."""
    if not value:
        return None
    found = find_concept(scheme, value)
    return concept_node(found.scheme, found.code) if found else None
