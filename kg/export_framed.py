"""Framed JSON-LD: one tree per project, news article, member state, organisation, concept.

``ontology/frame.jsonld`` decides the shape. Its ``@type`` list names the nodes that stand at
the top of the document; the properties it frames with ``@embed: @once`` nest what a node owns
(a project's budget, objective, outcomes with their outputs, outputs of its own,
participations and source page; an article's project mentions); every other link (member
states, organisations, concepts, the projects an article mentions) stays a reference by IRI
(``@embed: @never``), so a shared node is written once, at the top.

pyld (as jsonld.js) counts ``@once`` embeds per top-level node, so a top-level node's tree
depends only on the nodes it reaches: chunks of top-level nodes are framed side by side in
worker processes, each chunk with the nodes it reaches, and their ``@graph`` lists joined in
``@id`` order, which is the document one framing of the whole graph gives, sooner. A node the
frame would leave out (none in a graph `kg build` wrote) is framed at the top as well, so the
document always holds every triple.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

import pyoxigraph as ox
from pyld import jsonld

from kg.cores import usable_cores
from kg.errors import DataError, KgError
from kg.export_jsonld import (
    MemoisedCompactor,
    expanded_jsonld,
    jsonld_context,
    node_text,
    write_document,
)
from kg.export_runs import in_order, subject_end
from kg.paths import ontology_dir

FRAME_FILE = "frame.jsonld"
"""The frame in ontology/; its ``@context`` names ``context.jsonld`` beside it, inlined here."""

FRAME_CHUNK = 500
"""Top-level nodes framed per task; tasks run in worker processes when there are several."""


def _offline_document_loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
    """Refuse every remote document: the context is inlined, nothing may be fetched."""
    raise KgError(f"framed JSON-LD export tried to fetch {url}; its context must be inlined")


_FRAME_OPTIONS = {"omitGraph": False, "documentLoader": _offline_document_loader}


@cache
def framing_frame() -> dict[str, Any]:
    """The frame shipped in ontology/frame.jsonld, with ``context.jsonld`` inlined."""
    with (ontology_dir() / FRAME_FILE).open(encoding="utf-8") as handle:
        frame = json.load(handle)
    frame["@context"] = [jsonld_context() if entry == "context.jsonld" else entry
                         for entry in frame["@context"]]
    return frame


@cache
def top_level_types() -> frozenset[str]:
    """The full IRIs of the frame's ``@type`` list: the classes whose nodes stand at the top."""
    frame = framing_frame()
    probe = {"@context": frame["@context"], "@id": "urn:kg:probe", "@type": frame["@type"]}
    expanded = jsonld.expand(probe, {"documentLoader": _offline_document_loader})
    return frozenset(expanded[0]["@type"])


_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "


def _terms(line: bytes) -> tuple[bytes, bytes, bytes]:
    """An N-Triples line's subject, predicate and object as written (no IRI holds a space)."""
    subject_end = line.index(b" ")
    predicate_end = line.index(b" ", subject_end + 1)
    return line[:subject_end], line[subject_end + 1:predicate_end], line[predicate_end + 1:-3]


class SortedLines:
    """Sorted, distinct N-Triples lines read as a graph of subjects, without making a term of
    each: where each subject's lines are, which subjects stand at the top, what a subject
    refers to. Lines sorted as bytes keep each subject's lines together."""

    def __init__(self, lines: list[bytes]) -> None:
        self.lines = lines
        self.spans: dict[str, tuple[int, int]] = {}
        start = 0
        while start < len(lines):
            end = subject_end(lines, start)
            self.spans[_terms(lines[start])[0][1:-1].decode()] = (start, end)
            start = end

    def refuse_blank_nodes(self) -> None:
        """Framing needs an IRI for every node (pyld renames blank nodes per framing call, and
        a frame selects top-level nodes by IRI); the graph model mints one for every node."""
        for line in self.lines:
            if line.startswith(b"_:") or (b"> _:" in line and isinstance(
                    next(iter(ox.parse(line, format=ox.RdfFormat.N_TRIPLES))).object,
                    ox.BlankNode)):
                raise DataError(f"framed JSON-LD needs an IRI for every node, and the graph "
                                f"holds a blank node ({line.decode().strip()}); export "
                                f"another format")

    def top_level_ids(self) -> list[str]:
        """The IRI of every subject of a top-level class, sorted."""
        types = {f"{_RDF_TYPE}<{iri}>".encode() for iri in top_level_types()}
        return sorted(subject for subject, (start, end) in self.spans.items()
                      if any(b" ".join(_terms(line)[1:]) in types
                             for line in self.lines[start:end]))

    def referred(self, subject: str) -> Iterator[str]:
        """The IRIs ``subject``'s triples have as objects."""
        start, end = self.spans[subject]
        for line in self.lines[start:end]:
            value = _terms(line)[2]
            if value.startswith(b"<"):
                yield value[1:-1].decode()

    def reachable_ntriples(self, roots: list[str]) -> bytes:
        """The lines of ``roots`` and of every subject they reach, in line order: all that
        framing ``roots`` can read."""
        seen = set(roots)
        pending = list(roots)
        while pending:
            subject = pending.pop()
            if subject not in self.spans:  # an IRI that is no subject (a Wikidata item)
                continue
            for target in self.referred(subject):
                if target not in seen:
                    seen.add(target)
                    pending.append(target)
        spans = sorted(self.spans[subject] for subject in seen if subject in self.spans)
        return b"".join(line for start, end in spans for line in self.lines[start:end])


class _ExpandedInputFraming(MemoisedCompactor):
    """pyld's framing, told that its input is already expanded: ``JsonLdProcessor.frame``
    expands its input (a deep copy and a walk of every value, half of a framing's time) and,
    unlike ``compact``, has no ``skipExpansion`` option. The frame itself is still expanded.
    Its compaction memoises IRIs (``MemoisedCompactor``)."""

    def expand(self, input_: Any, options: dict[str, Any]) -> Any:
        if options.get("isFrame"):
            return super().expand(input_, options)
        return input_


def framed_run(task: tuple[bytes, list[str]]) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The framed trees of the top-level nodes ``ids`` among the N-Triples ``ntriples``, each
    as its ``id`` and its text in the document, and the IRIs of the nodes the trees describe
    (runs in worker processes)."""
    ntriples, ids = task
    nodes = expanded_jsonld(list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)))
    # An @id list in a frame matches those nodes and no others: the same trees as framing the
    # whole graph gives them, since @once embeds are counted per top-level node.
    frame = {**framing_frame(), "@id": ids}
    graph = _ExpandedInputFraming().frame(nodes, frame, dict(_FRAME_OPTIONS))["@graph"]
    trees = [(tree["id"], node_text(_canonical_order(tree))) for tree in graph]
    return trees, list(_described_ids(graph, _prefixes()))


def _framing_workers(tasks: int) -> int:
    return max(1, min(usable_cores(), tasks))


def _framed_trees(graph: SortedLines, ids: list[str], trees: list[tuple[str, bytes]],
                  described: set[str]) -> None:
    """Frame the top-level nodes ``ids``, ``FRAME_CHUNK`` at a time, in workers; add their
    trees to ``trees`` and the IRIs the trees describe to ``described``."""
    chunks = [ids[start:start + FRAME_CHUNK] for start in range(0, len(ids), FRAME_CHUNK)]
    tasks = ((graph.reachable_ntriples(part), part) for part in chunks)
    for framed, ids_described in in_order(framed_run, tasks, _framing_workers(len(chunks))):
        trees.extend(framed)
        described.update(ids_described)


def _described_ids(value: Any, prefixes: dict[str, str]) -> Iterator[str]:
    """The full IRI of every node object in ``value`` that says something of its node."""
    if isinstance(value, dict):
        if "id" in value and len(value) > 1:
            yield _full_iri(value["id"], prefixes)
        for inner in value.values():
            yield from _described_ids(inner, prefixes)
    elif isinstance(value, list):
        for inner in value:
            yield from _described_ids(inner, prefixes)


def _full_iri(iri: str, prefixes: dict[str, str]) -> str:
    """``iri`` with a compact IRI's prefix (``voc:status/active``) replaced by its namespace."""
    prefix, colon, local = iri.partition(":")
    return prefixes[prefix] + local if colon and prefix in prefixes else iri


def _prefixes() -> dict[str, str]:
    """The namespace prefixes of the context, which compaction may use in an ``id``."""
    return {term: value for term, value in jsonld_context().items()
            if isinstance(value, str) and value.endswith(("/", "#"))}


def _canonical_order(value: Any) -> Any:
    """Every list sorted: node objects by ``id``, other values by their JSON text."""
    if isinstance(value, dict):
        return {key: _canonical_order(inner) for key, inner in value.items()}
    if isinstance(value, list):
        items = [_canonical_order(inner) for inner in value]
        return sorted(items, key=_canonical_key)
    return value


def _canonical_key(value: Any) -> tuple[int, str]:
    if isinstance(value, dict) and "id" in value:
        return (0, value["id"])
    return (1, json.dumps(value, sort_keys=True, ensure_ascii=False))


def write_framed_jsonld(lines: list[bytes], output: IO[bytes]) -> None:
    """Sorted, distinct N-Triples ``lines`` as JSON-LD framed with ontology/frame.jsonld, every
    list sorted: deterministic bytes, those ``json.dumps`` gives the whole document with
    two-space indents and sorted keys. Only the trees' text is held, never the whole graph as
    Python objects."""
    graph = SortedLines(lines)
    graph.refuse_blank_nodes()
    trees: list[tuple[str, bytes]] = []
    described: set[str] = set()
    _framed_trees(graph, graph.top_level_ids(), trees, described)
    _framed_trees(graph, sorted(s for s in graph.spans if s not in described), trees, described)
    trees.sort(key=lambda tree: tree[0])
    write_document(framing_frame()["@context"], (text for _, text in trees), output)
