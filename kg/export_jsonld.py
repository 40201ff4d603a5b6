"""Compacted JSON-LD: the graph as node objects compacted with ``ontology/context.jsonld``.

The context is inlined, so any JSON-LD processor reads the document offline. pyld compacts;
the document is written as it is compacted, a run of whole subjects at a time, side by side in
worker processes (kg.export_runs), so a graph of millions of triples never sits in memory as
Python objects. The nodes follow their subjects' N-Triples order (IRIs, then blank nodes),
every list in a node is sorted, and the layout is ``json.dumps`` with two-space indents and
sorted keys: the same triples always give the same bytes.

A node's compaction depends on no other node (each is flat: one per subject, values refer to
other nodes by ``@id``), so compacting runs apart gives the document one compaction gives.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterable
from functools import cache
from typing import IO, Any

import pyoxigraph as ox
from pyld import jsonld

from kg.cores import usable_cores
from kg.export_runs import subject_runs, texts_of_runs
from kg.namespaces import PREFIXES
from kg.paths import ontology_dir

Node = dict[str, Any]

JSONLD_RUN = 20_000
"""Sorted N-Triples lines (about 4,000 nodes) compacted and written by one task."""

_INDENT = 2
_NODE_INDENT = b"    "
"""A node of ``@graph`` sits two levels deep in the document."""


@cache
def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context shipped in ontology/context.jsonld."""
    with (ontology_dir() / "context.jsonld").open(encoding="utf-8") as handle:
        return json.load(handle)["@context"]


def _expanded_value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"@id": term.value}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return {"@value": term.value}
    return {"@value": term.value, "@type": term.datatype.value}


def expanded_jsonld(triples: list[ox.Triple]) -> list[Node]:
    """Expanded JSON-LD node objects, one per subject, in triple order."""
    nodes: dict[str, Node] = {}
    for triple in triples:
        subject = triple.subject
        key = subject.value if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"
        node = nodes.setdefault(key, {"@id": key})
        if triple.predicate.value == PREFIXES["rdf"] + "type" and isinstance(
                triple.object, ox.NamedNode):
            node.setdefault("@type", []).append(triple.object.value)
        else:
            node.setdefault(triple.predicate.value, []).append(_expanded_value(triple.object))
    return list(nodes.values())


def canonical_json(document: Any) -> Any:
    """Every list sorted (by its items' JSON), so output never depends on input order."""
    if isinstance(document, dict):
        return {k: canonical_json(v) for k, v in document.items()}
    if isinstance(document, list):
        items = [canonical_json(v) for v in document]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return document


class MemoisedCompactor(jsonld.JsonLdProcessor):
    """pyld's compaction, with IRIs that no term of the context can shorten passed over fast.

    pyld tries every term of the context as a prefix of each IRI it compacts without a term of
    its own (a node's ``@id``, a reference): two loops over some ninety terms, three quarters
    of its time on our graphs. Such an IRI's compaction depends only on the IRI, on whether it
    is compacted as a vocabulary term, on whether it has a value, and on the base, so each is
    computed once; and when no term's IRI starts it and no prefix term could be read in it,
    pyld's loops find nothing, so it is computed against the context without its terms. Both
    are pyld's own answer (tests/test_export_jsonld.py compares them with plain pyld).
    """

    def __init__(self) -> None:
        super().__init__()
        self._compacted: dict[tuple[Any, ...], Any] = {}
        self._termless: dict[str, tuple[dict[str, Any], tuple[str, ...]]] = {}

    def _without_terms(self, active_ctx: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
        """The context without its terms, and the starts of IRIs a term may shorten."""
        key = active_ctx["_uuid"]
        if key not in self._termless:
            starts = tuple(
                [definition["@id"] for term, definition in active_ctx["mappings"].items()
                 if ":" not in term and definition and definition.get("@id")]
                + [f"{term}:" for term, definition in active_ctx["mappings"].items()
                   if definition and definition.get("_prefix")])
            bare = {**active_ctx, "mappings": {}, "_uuid": str(uuid.uuid4())}
            self._termless[key] = (bare, starts)
        return self._termless[key]

    def _compact_iri(self, active_ctx: dict[str, Any], iri: str | None, value: Any = None,
                     vocab: bool = False, base: Any = None, reverse: bool = False) -> Any:
        if iri is None:
            return iri
        if jsonld._is_keyword(iri) or (vocab and iri in self._get_inverse_context(active_ctx)):
            # A term (or a keyword's alias) is picked by the value's keys, language, type and
            # referenced IRI, never by its literal text.
            shape = _value_shape(value)
            if shape is _UNSHAPED:
                return super()._compact_iri(active_ctx, iri, value, vocab, base, reverse)
            key = (active_ctx["_uuid"], iri, vocab, reverse, base, shape)
            if key not in self._compacted:
                self._compacted[key] = super()._compact_iri(
                    active_ctx, iri, value, vocab, base, reverse)
            return self._compacted[key]
        key = (active_ctx["_uuid"], iri, vocab, value is None, base)
        if key not in self._compacted:
            bare, starts = self._without_terms(active_ctx)
            context = active_ctx if iri.startswith(starts) else bare
            self._compacted[key] = super()._compact_iri(context, iri, value, vocab, base, reverse)
        return self._compacted[key]


_UNSHAPED = object()
"""The shape of a value whose term choice is not memoised (lists, sets, nested objects)."""


def _value_shape(value: Any) -> Any:
    """What pyld's term selection reads of ``value``: its keys and their values, but the
    literal text of ``@value``; ``_UNSHAPED`` for values holding more than strings."""
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        return _UNSHAPED
    return tuple(sorted((k, None if k == "@value" else v) for k, v in value.items()))


def compacted_nodes(nodes: list[Node]) -> list[Node]:
    """``nodes`` (expanded, flat) compacted with the project's context, in the same order."""
    if not nodes:
        return []
    # The input is already in expanded form: pyld need not expand it again (half its time).
    compacted = MemoisedCompactor().compact(nodes, {"@context": jsonld_context()},
                                            {"graph": True, "skipExpansion": True})
    return compacted["@graph"]


def node_text(node: Node) -> bytes:
    """A node as a document writes it in ``@graph``: sorted keys, indented two levels."""
    text = json.dumps(node, ensure_ascii=False, indent=_INDENT, sort_keys=True)
    return _NODE_INDENT + text.encode().replace(b"\n", b"\n" + _NODE_INDENT)


def jsonld_run(ntriples: bytes) -> bytes:
    """The N-Triples of whole subjects as the document's node texts, joined by ``,\\n``
    (runs in worker processes)."""
    triples = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    nodes = compacted_nodes(expanded_jsonld(triples))
    return b",\n".join(node_text(canonical_json(node)) for node in nodes)


def write_document(context: Any, texts: Iterable[bytes], output: IO[bytes]) -> None:
    """A JSON-LD document of ``context`` and the ``@graph`` whose node texts (``node_text``,
    or several joined by ``,\\n``) come in ``texts``: the bytes ``json.dumps`` gives the whole
    document with two-space indents and sorted keys."""
    head = json.dumps({"@context": context}, ensure_ascii=False, indent=_INDENT, sort_keys=True)
    output.write(head[:head.rindex("\n}")].encode() + b',\n  "@graph": [')
    empty = True
    for text in texts:
        output.write(b"\n" if empty else b",\n")
        output.write(text)
        empty = False
    output.write(b"]\n}\n" if empty else b"\n  ]\n}\n")


def write_jsonld(lines: list[bytes], output: IO[bytes], *, workers: int | None = None) -> None:
    """Sorted, distinct N-Triples ``lines`` as compacted JSON-LD, written as it is compacted
    (``workers`` processes, default one per core)."""
    runs = subject_runs(lines, JSONLD_RUN)
    workers = max(1, min(workers or usable_cores(), len(runs)))
    write_document(jsonld_context(), texts_of_runs(jsonld_run, lines, runs, workers), output)


def to_jsonld(triples: list[ox.Triple]) -> bytes:
    """``triples`` as compacted JSON-LD, in one process (for small graphs)."""
    lines = sorted(set(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                       .splitlines(keepends=True)))
    output = io.BytesIO()
    write_jsonld(lines, output, workers=1)
    return output.getvalue()
