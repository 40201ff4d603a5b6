"""Saved SPARQL queries: the ``.rq`` files in queries/, their header and their checks.

A saved query is one SELECT query in a UTF-8 ``.rq`` file. The file opens with a header: the
run of lines at the very top that start with ``#+`` (the SPARQL follows it). The grammar, after
the ``#+`` of each line::

    " summary: TEXT"               required; one line
    " description: TEXT"           optional; one line
    " params:"                     optional; then one block per parameter, indented:
    "   - name: NAME"              NAME matches [A-Za-z_][A-Za-z0-9_]* and is ?NAME in the query
    "     type: TYPE"              string (default), code, country, int, year, decimal, iri,
                                       activity or target-group
    "     default: VALUE"          optional; without it the parameter is required
    "     description: TEXT"       optional
    " example: COMMAND"            required; a command line that runs the query

A ``.rq`` file given by path to `kg query run` may leave the header out, or give only its
parameters (read_query_file); the files in queries/ need it whole, which a test checks.

A key indented by at most one space is a top-level key; a deeper one belongs to the parameter
opened by the last ``- name:``. Lines holding only ``#+`` are ignored. A value is the rest of
its line, stripped; a value in double quotes is read as a JSON string, so ``default: ""`` is
the empty string. Unknown or repeated keys are errors.

Parameters are bound as RDF terms in a VALUES block opening the WHERE group (see
kg.query.bind). So that the block means the same as binding the variable everywhere, every
parameter must be projected (and grouped by, in an aggregate query) and used only in the
query's top-level group (its triple patterns, FILTERs, BINDs, OPTIONALs); the check runs the
query once with pyoxigraph substitutions, which refuse a parameter that is not projected.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import DataError, UsageError
from kg.paths import queries_dir
from kg.query.bind import bind_parameters

PARAM_TYPES = ("string", "code", "country", "int", "year", "decimal", "iri", "activity",
               "target-group")
_TOP_KEYS = ("summary", "description", "params", "example")
_PARAM_KEYS = ("name", "type", "default", "description")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_KEY_VALUE = re.compile(r"([A-Za-z_]+):(?:\s+(.*))?\Z")
_SYNTAX_POSITION = re.compile(r"error at (\d+):(\d+)")
_PLACEHOLDERS = {"string": "x", "code": "X", "country": "FJI", "int": "0", "year": "2000",
                 "decimal": "0", "iri": "urn:x", "activity": "training",
                 "target-group": "returnees"}


@dataclass(frozen=True)
class Param:
    """A declared parameter: its name (``?name`` in the query), type, default and meaning."""

    name: str
    type: str = "string"
    default: str | None = None
    description: str = ""

    @property
    def required(self) -> bool:
        """True when the caller must give a value (there is no default)."""
        return self.default is None


@dataclass(frozen=True)
class SavedQuery:
    """One saved query: its header fields and the whole file text (header included)."""

    name: str
    path: Path
    summary: str
    description: str
    params: list[Param] = field(default_factory=list)
    example: str = ""
    text: str = ""

    def param(self, name: str) -> Param | None:
        """The declared parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)


def _value(raw: str | None) -> str:
    raw = (raw or "").strip()
    if len(raw) >= 2 and raw.startswith('"') and raw.endswith('"'):
        try:
            return str(json.loads(raw))
        except json.JSONDecodeError:
            pass
    return raw


def parse_header(text: str, path: str = "<query>") -> tuple[dict[str, str], list[Param]]:
    """The header's top-level fields and its parameters; DataError (with line) if malformed."""
    top: dict[str, str] = {}
    params: list[dict[str, str]] = []
    in_params = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            break
        content = line[2:]
        body = content.strip()
        if not body:
            continue
        indent = len(content) - len(content.lstrip(" "))
        item = body.startswith("- ")
        match = _KEY_VALUE.match(body[2:].strip() if item else body)
        if not match:
            raise DataError(f"expected 'key: value', got {body!r}", path=path, line=number)
        key, value = match.group(1), _value(match.group(2))
        if item or indent > 1:
            if not in_params:
                raise DataError(f"indented {key!r} outside 'params:'", path=path, line=number)
            if item and key != "name":
                raise DataError("a parameter must start with '- name:'", path=path, line=number)
            if not item and not params:
                raise DataError(f"{key!r} before any '- name:'", path=path, line=number)
            if key not in _PARAM_KEYS:
                raise DataError(f"unknown parameter key {key!r} (known: {', '.join(_PARAM_KEYS)})",
                                path=path, line=number)
            if item:
                params.append({})
            if key in params[-1]:
                raise DataError(f"parameter key {key!r} given twice", path=path, line=number)
            params[-1][key] = value
            if key == "type" and value not in PARAM_TYPES:
                raise DataError(f"unknown type {value!r} (known: {', '.join(PARAM_TYPES)})",
                                path=path, line=number, field="type")
            if key == "name" and not _NAME.match(value):
                raise DataError(f"{value!r} is not a SPARQL variable name", path=path, line=number)
            continue
        if key not in _TOP_KEYS:
            raise DataError(f"unknown header key {key!r} (known: {', '.join(_TOP_KEYS)})",
                            path=path, line=number)
        if key in top:
            raise DataError(f"header key {key!r} given twice", path=path, line=number)
        top[key] = value
        in_params = key == "params"
    return top, [_param(p, path) for p in params]


def _param(fields: dict[str, str], path: str) -> Param:
    return Param(name=fields["name"], type=fields.get("type") or "string",
                 default=fields.get("default"), description=fields.get("description", ""))


def _check_sparql(text: str, params: list[Param], path: str) -> str:
    """Parse the query and run it on an empty store with every parameter bound; its form:
    ``SELECT``, ``ASK`` or ``CONSTRUCT`` (which stands for DESCRIBE too)."""
    probe = SavedQuery(name="", path=Path(path), summary="", description="", params=params)
    values = {p.name: _PLACEHOLDERS[p.type] for p in params if p.required}
    try:
        bindings = bind_parameters(probe, values)
    except UsageError as exc:
        raise DataError(f"bad default: {exc}", path=path, field="params") from exc
    substitutions = {ox.Variable(name): term for name, term in bindings.items()}
    try:
        result = ox.Store().query(text, substitutions=substitutions)
    except SyntaxError as exc:
        # one line number, the one in front: pyoxigraph's own "error at L:C" can differ
        reason = _SYNTAX_POSITION.sub("", str(exc), count=1).lstrip(": ")
        raise DataError(f"SPARQL syntax error: {reason}", path=path,
                        line=_error_line(text, str(exc))) from exc
    except RuntimeError as exc:
        raise DataError(f"{exc}; every parameter must be a variable of the SELECT clause",
                        path=path, field="params") from exc
    if isinstance(result, ox.QuerySolutions):
        return "SELECT"
    return "ASK" if isinstance(result, ox.QueryBoolean) else "CONSTRUCT"


def _error_line(text: str, message: str) -> int | None:
    """The line of a syntax error: rdflib's (the statement at fault) else pyoxigraph's, which
    sometimes points at the end of the query."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(text)
    except ParseException as exc:
        return exc.lineno
    except Exception:  # rdflib only refines the line; pyoxigraph says what is wrong
        pass
    position = _SYNTAX_POSITION.search(message)
    return int(position.group(1)) if position else None


def read_saved_query(path: Path) -> SavedQuery:
    """Read and check one saved query: its whole header, parameters, SPARQL syntax, and that
    it is a SELECT query (DataError otherwise: the file is at fault)."""
    shown = str(path)
    text, top, params, form = _read_query(path, required=("summary", "example"))
    if form != "SELECT":
        raise DataError("a saved query must be a SELECT query", path=shown)
    return SavedQuery(name=path.stem, path=path, summary=top["summary"],
                      description=top.get("description", ""), params=params,
                      example=top["example"], text=text)


def read_query_file(path: Path) -> SavedQuery:
    """Read and check a ``.rq`` file given by path, for one run: a header is optional (its
    parameters are bound if it declares any); a form other than SELECT is a UsageError,
    since `kg query run` answers in rows."""
    shown = str(path)
    text, top, params, form = _read_query(path)
    if form != "SELECT":
        what = "an ASK" if form == "ASK" else "a CONSTRUCT or DESCRIBE"
        raise UsageError(f"{shown}: {what} query; kg query run answers SELECT queries only "
                         "(any form runs on the /sparql endpoint of kg serve)")
    return SavedQuery(name=path.stem, path=path, summary=top.get("summary", ""),
                      description=top.get("description", ""), params=params,
                      example=top.get("example", ""), text=text)


def _read_query(path: Path, required: tuple[str, ...] = ()
                ) -> tuple[str, dict[str, str], list[Param], str]:
    """The text, header fields, parameters and form of a ``.rq`` file, checked (DataError),
    its header holding the ``required`` keys."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read query: {exc}", path=shown) from exc
    top, params = parse_header(text, shown)
    for key in required:
        if not top.get(key):
            raise DataError(f"header has no '#+ {key}:'", path=shown, line=1)
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise DataError("a parameter is declared twice", path=shown, field="params")
    for name in names:
        if not re.search(rf"[?$]{name}\b", _sparql_body(text)):
            raise DataError(f"parameter {name!r} is not a variable of the query",
                            path=shown, field="params")
    return text, top, params, _check_sparql(text, params, shown)


def _sparql_body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def list_saved_queries(folder: Path | None = None) -> list[SavedQuery]:
    """Every saved query in ``folder`` (default queries/), sorted by name."""
    folder = folder or queries_dir()
    return [read_saved_query(path) for path in sorted(folder.glob("*.rq"), key=lambda p: p.stem)]


def load_saved_query(name_or_path: str) -> SavedQuery:
    """A saved query by name (``projects-by-member-state``), or any ``.rq`` file by path
    (read_query_file: no header needed)."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" or len(candidate.parts) > 1:
        if not candidate.is_file():
            raise UsageError(f"{name_or_path}: no such query file")
        return read_query_file(candidate)
    path = queries_dir() / f"{name_or_path}.rq"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in queries_dir().glob("*.rq"))) or "none"
        raise UsageError(f"unknown query {name_or_path!r}; known queries: {known}")
    return read_saved_query(path)
