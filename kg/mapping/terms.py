"""RDF terms for record values, written as N-Triples text, and the quads they make.

The mapping builds each page's triples as N-Triples strings and lets Oxigraph's parser turn
them into ``Quad`` objects in one call: building ``Quad`` objects with literals one by one from
Python costs several times more, and a build maps millions of triples. Every IRI written here
comes from ``iris`` (safe by construction) or the reference tables, and every literal goes
through ``escape``, so the text always parses.

Literals are written in canonical form (XSD 1.1, as Oxigraph stores them), so exports are
byte-identical whichever way the triples travel: ``300000.00`` is ``"300000"^^xsd:decimal``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from pyoxigraph import Quad, RdfFormat, parse

from kg.namespaces import DCTERMS, IOM, ISO639_1, OWL, PROV, RDF, RDFS, VOC, WD, XSD, Namespace
from kg.reference.vocabularies import find_concept

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DECIMAL, _GYEAR, _DATE = f"<{XSD.iri}decimal>", f"<{XSD.iri}gYear>", f"<{XSD.iri}date>"
_GYEARMONTH = f"<{XSD.iri}gYearMonth>"


class Terms:
    """A namespace whose attributes are its terms in N-Triples form: ``iom.Project`` ->
    ``"<https://kg.example.org/iom/ontology#Project>"``; misspelt terms fail as in Namespace."""

    def __init__(self, namespace: Namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        term = str(getattr(self._namespace, name))
        self.__dict__[name] = term
        return term


# The vocabularies in N-Triples form, named like their Turtle prefixes so triples read like
# Turtle: f"{project} {rdf.type} {iom.Project}".
iom, rdf, rdfs, owl = Terms(IOM), Terms(RDF), Terms(RDFS), Terms(OWL)
dcterms, prov, wd = Terms(DCTERMS), Terms(PROV), Terms(WD)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _control_escape(match: re.Match[str]) -> str:
    char = match.group()
    return _CONTROL_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def escape(text: str) -> str:
    """Text made safe inside an N-Triples string literal, escaped as Oxigraph writes it
    (``\\``, ``"``, ``\\n``, ``\\t``, other control characters as ``\\u00XX``), so a page's
    lines are those Oxigraph would write (kg.store.page_lines)."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    # printable text has no control characters: most literals skip the regex
    return text if text.isprintable() else _CONTROL.sub(_control_escape, text)


def string_literal(value: str) -> str:
    """A plain ``xsd:string`` literal (codes, labels of organisations, paths)."""
    return f'"{escape(value)}"'


def text_literal(value: str, language: str | None) -> str:
    """Narrative text or a title, tagged with the page language when there is one."""
    return f'"{escape(value)}"@{language}' if language else f'"{escape(value)}"'


def canonical_decimal(amount: Decimal) -> str:
    """XSD 1.1 canonical decimal: no exponent, no trailing zeros, no ``.0``
    (``Decimal("300000.00")`` -> ``"300000"``, ``Decimal("12.50")`` -> ``"12.5"``)."""
    if not amount.is_finite():
        raise ValueError(f"not a finite decimal: {amount}")
    if amount == 0:
        return "0"
    text = format(amount.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def decimal_literal(amount: Decimal) -> str:
    """An exact amount as an ``xsd:decimal`` literal in canonical form."""
    return f'"{canonical_decimal(amount)}"^^{_DECIMAL}'


def year_literal(year: int) -> str:
    """A year as ``xsd:gYear`` ("2024"; years below 1000 are zero-padded to four digits)."""
    lexical = f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    return f'"{lexical}"^^{_GYEAR}'


def date_literal(value: str | None) -> str | None:
    """An ISO date ("2021-11-29") as ``xsd:date``, a month ("2017-11") as ``xsd:gYearMonth``;
    None when the value is neither (the parser has reported it)."""
    if value and _ISO_MONTH.match(value.strip()) and 1 <= int(value.strip()[5:]) <= 12:
        return f'"{value.strip()}"^^{_GYEARMONTH}'
    if not value or not _ISO_DATE.match(value.strip()):
        return None
    try:
        return f'"{date.fromisoformat(value.strip()).isoformat()}"^^{_DATE}'
    except ValueError:
        return None


def language_tag(language: str | None) -> str | None:
    """The page language as a BCP 47 tag ("en"), or None when the record's value is not one."""
    if not language:
        return None
    tag = language.strip().lower().replace("_", "-")
    return tag if _LANGUAGE.match(tag) else None


def language_iri(tag: str | None) -> str | None:
    """The language of a BCP 47 tag ("en", "fr-CA") as its ISO 639-1 IRI in N-Triples form
    (``<http://id.loc.gov/vocabulary/iso639-1/en>``, a dcterms:LinguisticSystem), or None when
    the tag has no two-letter language."""
    primary = tag.split("-", 1)[0] if tag else ""
    return f"<{ISO639_1.iri}{primary}>" if len(primary) == 2 and primary.isalpha() else None


def concept_iri(scheme: str, code: str) -> str:
    """``voc:{scheme}/{code}`` as a full IRI string."""
    return f"{VOC.iri}{scheme}/{code}"


@lru_cache(maxsize=8192)
def find_concept_term(scheme: str, value: str | None) -> str | None:
    """The concept a page value names ("Active", "En cours", "CT") in N-Triples form, or None
    when the value is unknown: unknown values are never minted as concepts (the parser
    reports them)."""
    if not value:
        return None
    found = find_concept(scheme, value)
    return f"<{concept_iri(found.scheme, found.code)}>" if found else None


def to_nquads(triples: list[str], graph: str) -> str:
    """Triples written as ``"<s> <p> o"`` strings, as N-Quads text in the named graph
    ``graph`` (an N-Triples IRI), in order."""
    if not triples:
        return ""
    suffix = f" {graph} .\n"
    return suffix.join(triples) + suffix


def parse_nquads(text: str | bytes) -> list[Quad]:
    """Quads of N-Quads text (or its UTF-8 bytes) this package wrote (IRIs already checked
    when minted)."""
    return list(parse(text, format=RdfFormat.N_QUADS, lenient=True)) if text else []
