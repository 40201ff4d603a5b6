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
from typing import Any

import pyoxigraph as ox
from pyld import jsonld

from kg.cores import usable_cores
from kg.errors import DataError, KgError
from kg.export_jsonld import MemoisedCompactor, expanded_jsonld, jsonld_context
from kg.export_runs import in_order
from kg.paths import ontology_dir

FRAME_FILE = "frame.jsonld"
"""The frame in ontology/; its ``@context`` names ``context.jsonld`` beside it, inlined here."""

FRAME_CHUNK = 500
"""Top-level nodes framed per task; tasks run in worker processes when there are several."""

Node = dict[str, Any]
"""A node object in expanded JSON-LD."""


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


def _top_level_ids(nodes: list[Node]) -> list[str]:
    """The ``@id`` of every node of a top-level class, sorted."""
    types = top_level_types()
    return sorted(node["@id"] for node in nodes if types.intersection(node.get("@type", ())))


def _reached_ids(node: Node) -> Iterator[str]:
    """The nodes ``node`` refers to."""
    for key, values in node.items():
        if not key.startswith("@"):
            yield from (value["@id"] for value in values if "@id" in value)


def _reachable_nodes(roots: list[str], nodes: list[Node], position: dict[str, int]) -> list[Node]:
    """The nodes of ``roots`` and every node they reach, in the order of ``nodes``: all that
    framing ``roots`` can read."""
    seen = set(roots)
    pending = list(roots)
    while pending:
        at = position.get(pending.pop())
        if at is None:  # an IRI that is no subject (a Wikidata item, a concept)
            continue
        for target in _reached_ids(nodes[at]):
            if target not in seen:
                seen.add(target)
                pending.append(target)
    return [nodes[at] for at in sorted(position[i] for i in seen if i in position)]


class _ExpandedInputFraming(MemoisedCompactor):
    """pyld's framing, told that its input is already expanded: ``JsonLdProcessor.frame``
    expands its input (a deep copy and a walk of every value, half of a framing's time) and,
    unlike ``compact``, has no ``skipExpansion`` option. The frame itself is still expanded.
    Its compaction memoises IRIs (``MemoisedCompactor``)."""

    def expand(self, input_: Any, options: dict[str, Any]) -> Any:
        if options.get("isFrame"):
            return super().expand(input_, options)
        return input_


def framed_graph(task: tuple[list[Node], list[str]]) -> list[Node]:
    """The framed ``@graph`` of the top-level nodes ``ids`` among ``nodes`` (runs in workers)."""
    nodes, ids = task
    # An @id list in a frame matches those nodes and no others: the same trees as framing the
    # whole graph gives them, since @once embeds are counted per top-level node.
    frame = {**framing_frame(), "@id": ids}
    return _ExpandedInputFraming().frame(nodes, frame, dict(_FRAME_OPTIONS))["@graph"]


def _framing_workers(tasks: int) -> int:
    return max(1, min(usable_cores(), tasks))


def _framed_graphs(nodes: list[Node], ids: list[str]) -> list[Node]:
    """The framed trees of the top-level nodes ``ids``, ``FRAME_CHUNK`` at a time, in workers."""
    position = {node["@id"]: at for at, node in enumerate(nodes)}
    chunks = [ids[start:start + FRAME_CHUNK] for start in range(0, len(ids), FRAME_CHUNK)]
    tasks = ((_reachable_nodes(part, nodes, position), part) for part in chunks)
    parts = in_order(framed_graph, tasks, _framing_workers(len(chunks)))
    return [tree for part in parts for tree in part]


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


def _refuse_blank_nodes(triples: list[ox.Triple]) -> None:
    """Framing needs an IRI for every node (pyld renames blank nodes per framing call, and a
    frame selects top-level nodes by IRI); the graph model mints one for every node."""
    for triple in triples:
        for term in (triple.subject, triple.object):
            if isinstance(term, ox.BlankNode):
                raise DataError(f"framed JSON-LD needs an IRI for every node, and the graph "
                                f"holds a blank node ({triple}); export another format")


def to_framed_jsonld(triples: list[ox.Triple]) -> bytes:
    """JSON-LD framed with ontology/frame.jsonld, every list sorted: deterministic bytes."""
    _refuse_blank_nodes(triples)
    nodes = expanded_jsonld(triples)
    graph = _framed_graphs(nodes, _top_level_ids(nodes))
    described = set(_described_ids(graph, _prefixes()))
    graph += _framed_graphs(nodes, sorted(n["@id"] for n in nodes if n["@id"] not in described))
    document = {"@context": framing_frame()["@context"], "@graph": _canonical_order(graph)}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
