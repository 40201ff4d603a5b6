"""Query results as plain data, and their formats: aligned text, CSV, TSV and SPARQL JSON.

JSON follows SPARQL 1.1 Query Results JSON, one binding per line (Python's C encoder: indenting
every value took six times as long on big results). CSV follows SPARQL 1.1 Query Results CSV
(bare values, Python's csv module); TSV is written by pyoxigraph (terms in Turtle syntax).
"""

from __future__ import annotations

import csv
import io
import json
import re
import traceback
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, TypeVar

import pyoxigraph as ox

from kg.errors import UsageError

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Format = Literal["table", "csv", "tsv", "json"]
FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json")

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + name for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}
_NUMERIC = _INTEGERS | {XSD + "decimal", XSD + "double", XSD + "float"}
_TABLE_WIDTH = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
T = TypeVar("T")


def read_solutions(solutions: ox.QuerySolutions,
                   read: Callable[[list[str], ox.QuerySolutions], T]) -> T:
    """``read(variables, solutions)``: a SELECT result read to the end.

    pyoxigraph's results must be dropped on the thread that made them. An error while reading
    is raised without its traceback, whose frames (``read``'s comprehension among them) would
    hold the solutions and carry them to whichever thread handles the error (the traceback's
    text goes with it, as a note); a caller keeping the solutions in a variable lets go of it
    too (``try``/``finally``/``del``).
    """
    try:
        return read([variable.value for variable in solutions.variables], solutions)
    except Exception as exc:
        exc.add_note("".join(traceback.format_tb(exc.__traceback__)).rstrip())
        failure = exc.with_traceback(None)
    finally:
        del solutions
    raise failure


@dataclass
class QueryResult:
    """A SELECT result: the variables in order and one dict per row (None = unbound)."""

    variables: list[str]
    rows: list[dict[str, Term | None]] = field(default_factory=list)

    @classmethod
    def from_solutions(cls, solutions: ox.QuerySolutions) -> QueryResult:
        """Read a pyoxigraph SELECT result to the end."""
        # A solution iterates over its values in the order of the variables (None = unbound),
        # which is about twice as fast as looking each value up by name.
        try:
            return read_solutions(solutions, lambda variables, rows: cls(variables, [
                dict(zip(variables, solution, strict=True)) for solution in rows]))
        finally:
            del solutions

    def to_python(self) -> list[dict[str, Any]]:
        """Rows of plain Python values (see ``python_value``), for tests and scripts."""
        return [{name: python_value(row.get(name)) for name in self.variables}
                for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """One variable's plain values, row by row."""
        return [python_value(row.get(name)) for row in self.rows]


def triple_text(term: ox.Triple) -> str:
    """An RDF 1.2 triple term as SPARQL writes it: ``<<( s p o )>>``, each in N-Triples."""
    return f"<<( {term.subject} {term.predicate} {term.object} )>>"


def python_value(term: Term | None) -> Any:
    """IRI -> str, integer -> int, decimal -> Decimal, double -> float, boolean -> bool,
    gYear -> int, other literals -> their lexical form, blank node -> "_:id", triple term ->
    its text (``triple_text``), unbound -> None."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return triple_text(term)
    if isinstance(term, ox.NamedNode):
        return term.value
    datatype, value = term.datatype.value, term.value
    try:
        if datatype in _INTEGERS or (datatype == XSD + "gYear" and re.fullmatch(r"-?\d+", value)):
            return int(value)
        if datatype == XSD + "decimal":
            return Decimal(value)
        if datatype in (XSD + "double", XSD + "float"):
            return float(value)
    except ValueError:
        return value
    if datatype == XSD + "boolean":
        return value in ("true", "1")
    return value


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):  # SPARQL 1.2 Query Results JSON
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    if term.datatype.value == XSD + "string":
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}


def results_json(result: QueryResult) -> dict[str, Any]:
    """The result as a SPARQL 1.1 Query Results JSON object."""
    bindings = [{name: _json_term(term) for name, term in row.items()
                 if term is not None and name in result.variables} for row in result.rows]
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _serialized(result: QueryResult, fmt: ox.QueryResultsFormat) -> str:
    solutions = ox.parse_query_results(json.dumps(results_json(result)), ox.QueryResultsFormat.JSON)
    return solutions.serialize(format=fmt).decode("utf-8")


def _json_text(result: QueryResult) -> str:
    """SPARQL JSON with one binding per line: readable, diffable and quick to write."""
    document = results_json(result)
    bindings = document["results"]["bindings"]
    head = json.dumps(document["head"], ensure_ascii=False)
    if not bindings:
        return f'{{"head": {head}, "results": {{"bindings": []}}}}\n'
    rows = ",\n".join(json.dumps(binding, ensure_ascii=False) for binding in bindings)
    return f'{{"head": {head}, "results": {{"bindings": [\n{rows}\n]}}}}\n'


def _plain_text(term: Term) -> str:
    """A term as CSV and the table show it: a blank node as ``_:id``, a triple term as
    ``triple_text``, anything else by its value."""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return triple_text(term) if isinstance(term, ox.Triple) else term.value


def _csv_value(term: Term | None) -> str:
    """A term as SPARQL CSV writes it; a triple term as its three terms so written, spaced, as
    Oxigraph's CSV (what `kg serve` answers) gives it."""
    if isinstance(term, ox.Triple):
        return " ".join(_csv_value(part) for part in (term.subject, term.predicate, term.object))
    return "" if term is None else _plain_text(term)


def _csv_text(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: the variable names, then bare values, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([_csv_value(row.get(name)) for name in result.variables]
                     for row in result.rows)
    return buffer.getvalue()


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    text = _CONTROL.sub(" ", _plain_text(term))
    return text if len(text) <= _TABLE_WIDTH else text[: _TABLE_WIDTH - 1] + "…"


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _is_numeric(column: list[Term | None]) -> bool:
    present = [term for term in column if term is not None]
    return bool(present) and all(
        isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC for term in present)


def format_table(result: QueryResult) -> str:
    """Aligned columns for people: a header, a rule, then one line per row.

    Values show without quotes or datatypes; numbers align right; line breaks become spaces and
    values longer than 80 characters are cut with "…" (csv, tsv and json keep everything).
    """
    names = result.variables
    cells = [[_cell(row.get(name)) for name in names] for row in result.rows]
    sizes = [[_width(text) for text in line] for line in cells]
    right = [_is_numeric([row.get(name) for row in result.rows]) for name in names]
    widths = [max([_width(name)] + [line[i] for line in sizes]) for i, name in enumerate(names)]

    def render(line: list[str], line_sizes: list[int]) -> str:
        padded = []
        for text, size, width, align_right in zip(line, line_sizes, widths, right, strict=True):
            pad = " " * (width - size)
            padded.append(pad + text if align_right else text + pad)
        return "  ".join(padded).rstrip()

    rule = ["-" * width for width in widths]
    lines = [render(list(names), [_width(name) for name in names]), render(rule, widths)]
    lines += [render(line, line_sizes) for line, line_sizes in zip(cells, sizes, strict=True)]
    return "\n".join(lines) + "\n"


def format_results(result: QueryResult, fmt: Format | str = "table") -> str:
    """The result as text in one of FORMATS; UsageError for any other format name."""
    if fmt == "table":
        return format_table(result)
    if fmt == "json":
        return _json_text(result)
    if fmt == "csv":
        return _csv_text(result)
    if fmt == "tsv":
        return _serialized(result, ox.QueryResultsFormat.TSV)
    raise UsageError(f"unknown result format {fmt!r} (known: {', '.join(FORMATS)})")
