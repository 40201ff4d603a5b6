"""The validation cache beside a store (``<store>.validation.json``): what the last run found.

It keeps, for the graphs it validated (page graphs with a key of their paths), every result as
its report line (with the project and page it names) and as the SHACL terms the Turtle report
needs, plus the nodes each line read and the graph that holds its focus node, so a later run
re-validates only what changed.
The file is replaced atomically (a temporary file, then ``os.replace``); one that cannot be
read, or that was made by other shapes, ontology or engine, is ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node
from rdflib.util import from_n3

from kg.validate.context_batch import FocusContext
from kg.validate.model import ProjectRef, ValidationResult
from kg.validate.raw_results import RawResult, to_validation_result
from kg.validate.shape_model import ShapeModel, node_key

CACHE_VERSION = 5
SUFFIX = ".validation.json"


def cache_path(store_path: str) -> Path:
    """Where the cache of the store at ``store_path`` lives."""
    return Path(str(store_path).rstrip("/\\") + SUFFIX)


def _n3(node: Node | None) -> str | None:
    return None if node is None else node.n3()


def _term(text: str | None) -> Node | None:
    if text is None:
        return None
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    return from_n3(text)  # type: ignore[no-any-return]


def _messages(messages: tuple[Node, ...]) -> list[list[str | None]]:
    return [[str(m), m.language, str(m.datatype) if m.datatype else None]
            if isinstance(m, Literal) else [m.n3(), "", None] for m in messages]


def _message_terms(items: list[list[str | None]]) -> tuple[Node, ...]:
    return tuple(_term(text) if lang == "" else  # type: ignore[misc]
                 Literal(text, lang=lang, datatype=URIRef(dt) if dt else None)
                 for text, lang, dt in items)


def raw_to_json(raw: RawResult, model: ShapeModel) -> dict[str, Any]:
    """A result's SHACL terms as JSON (shapes-graph nodes by key)."""
    graph = model.graph
    shape = model.shapes.get(raw.shape)
    own_path = shape is not None and shape.path is not None and raw.path == shape.path.node
    return {"focus": raw.focus.n3(), "shape": node_key(graph, raw.shape),
            "component": str(raw.component), "severity": raw.severity.n3(),
            "messages": _messages(raw.messages),
            "path": "=" if own_path else _n3(raw.path), "value": _n3(raw.value),
            "constraint": node_key(graph, raw.source_constraint)
            if raw.source_constraint is not None else None,
            "details": [raw_to_json(d, model) for d in raw.details], "check": raw.check}


def raw_from_json(data: dict[str, Any], model: ShapeModel) -> RawResult:
    """The RawResult ``raw_to_json`` wrote, with the nodes of ``model``'s shapes graph."""
    nodes = model.nodes_by_key()
    shape = nodes[data["shape"]]
    path = data["path"]
    compiled = model.shapes[shape]
    return RawResult(
        focus=_term(data["focus"]), shape=shape,  # type: ignore[arg-type]
        component=URIRef(data["component"]), severity=_term(data["severity"]),  # type: ignore
        messages=_message_terms(data["messages"]),
        path=(compiled.path.node if compiled.path else None) if path == "=" else _term(path),
        value=_term(data["value"]),
        source_constraint=nodes[data["constraint"]] if data["constraint"] else None,
        details=tuple(raw_from_json(d, model) for d in data["details"]), check=data["check"])


@dataclass
class Entry:
    """One cached result: its report line, its SHACL terms, what it read, where it lives."""

    line: ValidationResult
    raw: dict[str, Any]
    owner: str | None
    read: frozenset[str]
    kind: tuple[Any, ...] | None = field(default=None, compare=False, repr=False)
    """What it shares with other results (rule, message), once computed."""

    def kind_key(self) -> tuple[Any, ...]:
        """The rule, message and SHACL terms the result shares with others of its kind."""
        if self.kind is None:
            line, raw = self.line, self.raw
            self.kind = (line.severity, line.message, line.shape, line.constraint, line.path,
                         raw["shape"], raw["component"], raw["severity"],
                         tuple(map(tuple, raw["messages"])), raw["path"], raw["constraint"],
                         raw["check"])
        return self.kind

    @property
    def focus(self) -> str:
        """The focus node, as N3."""
        return str(self.raw["focus"])

    @property
    def focus_iri(self) -> str:
        """The focus node's IRI; empty for a literal or blank node."""
        focus = self.focus
        return focus[1:-1] if focus.startswith("<") else ""

    @property
    def check(self) -> str:
        """The check that found it."""
        return str(self.raw["check"])

    @property
    def value(self) -> str | None:
        """The value, as N3."""
        return self.raw["value"]  # type: ignore[no-any-return]

    @classmethod
    def make(cls, raw: RawResult, context: FocusContext, owner: str | None,
             model: ShapeModel) -> Entry:
        """The entry of a result found in this run."""
        line = to_validation_result(raw, context, model.graph)
        return cls(line, raw_to_json(raw, model), owner, context.read)

    def with_context(self, context: FocusContext) -> Entry:
        """The same result with its context looked up again."""
        line = self.line
        fresh = ValidationResult(line.severity, line.focus, line.message, line.shape,
                                 line.constraint, line.path, line.value, context.focus_type,
                                 context.project, context.source_path)
        return Entry(fresh, self.raw, self.owner, context.read, self.kind)


@dataclass
class Cache:
    """What the last validation of a store found."""

    fingerprint: str
    graphs: dict[str, str] = field(default_factory=dict)
    """Each page graph validated, with the key of its paths (kg.validate.incremental); in the
    file, one ``IRI key`` line each (one string: far quicker to write and read than a map)."""
    volatile: dict[str, dict[str, Any]] = field(default_factory=dict)
    shared: dict[str, list[str]] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    journal: list[str | int] | None = None
    """The store's last journal change when the cache was written (kg.store.journal)."""

    def to_json(self) -> dict[str, Any]:
        """Plain data for the file; what results share (rule, message, project) is listed
        once and referred to by number."""
        kinds: dict[tuple[Any, ...], int] = {}
        projects: dict[tuple[Any, ...], int] = {}
        rows = []
        for entry in self.entries:
            line, raw = entry.line, entry.raw
            kind = entry.kind_key()
            project = line.project
            key = (project.iri, project.prima_id, project.title) if project else None
            rows.append([
                kinds.setdefault(kind, len(kinds)), line.focus,
                None if raw["focus"] == f"<{line.focus}>" else raw["focus"],
                line.value, raw["value"], line.focus_type,
                -1 if key is None else projects.setdefault(key, len(projects)),
                line.source_path, raw["details"] or None, entry.owner,
                sorted(entry.read - {line.focus, project.iri if project else ""})])
        return {"version": CACHE_VERSION, "fingerprint": self.fingerprint,
                "graphs": "".join(f"{g} {key}\n" for g, key in sorted(self.graphs.items())),
                "volatile": self.volatile,
                "shared": dict(sorted(self.shared.items())), "kinds": [list(k) for k in kinds],
                "projects": [list(p) for p in projects], "results": rows,
                "journal": self.journal}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cache:
        """The cache read back."""
        kinds = data["kinds"]
        keys = [(*k[:8], tuple(map(tuple, k[8])), *k[9:]) for k in kinds]
        projects = [ProjectRef(*p) for p in data["projects"]]
        entries = []
        for (kind, focus, raw_focus, value, raw_value, focus_type, project, source_path,
             details, owner, read) in data["results"]:
            (severity, message, shape, constraint, path, raw_shape, component, raw_severity,
             messages, raw_path, raw_constraint, check) = kinds[kind]
            ref = projects[project] if project >= 0 else None
            line = ValidationResult(severity, focus, message, shape, constraint, path, value,
                                    focus_type, ref, source_path)
            raw = {"focus": raw_focus or f"<{focus}>", "shape": raw_shape,
                   "component": component, "severity": raw_severity,
                   "messages": messages, "path": raw_path, "value": raw_value,
                   "constraint": raw_constraint, "details": details or [], "check": check}
            seen = {focus, ref.iri} if ref else {focus}
            entries.append(Entry(line, raw, owner, frozenset(read) | seen, keys[kind]))
        graphs = dict(line.split(" ") for line in data["graphs"].splitlines())
        return cls(data["fingerprint"], graphs, data["volatile"],
                   dict(data["shared"]), entries, data["journal"])


def read_cache(path: Path, fingerprint: str) -> Cache | None:
    """The cache at ``path`` if it exists, reads and was made with ``fingerprint``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION or data.get("fingerprint") != fingerprint:
            return None
        return Cache.from_json(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_cache(path: Path, cache: Cache) -> None:
    """Write the cache atomically; a store on read-only media just goes without."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        text = json.dumps(cache.to_json(), ensure_ascii=False, separators=(",", ":"))
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
