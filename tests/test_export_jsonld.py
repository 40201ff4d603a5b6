"""kg.export_jsonld: pyld's own compaction, memoised, and a document written as it is compacted."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from pyld import jsonld

from bench.generate import generate
from kg.build import build
from kg.export import ExportFormat, export, union_lines
from kg.export_jsonld import (
    compacted_nodes,
    expanded_jsonld,
    jsonld_context,
    to_jsonld,
    write_jsonld,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pages"
IOM = "https://kg.example.org/iom/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def pages(seed_paths: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The seeds, the examples, the test fixture pages and 150 generated pages."""
    generated = tmp_path_factory.mktemp("generated")
    generate(generated, 150, seed=3)
    return [*seed_paths, EXAMPLES, FIXTURES, generated]


@pytest.fixture(scope="module")
def lines(pages: list[Path]) -> list[bytes]:
    """The exported N-Triples lines of ``pages``."""
    store = ox.Store()
    build(store, pages, jobs=1)
    return union_lines(store)


def _nodes(lines: list[bytes]) -> list[dict[str, Any]]:
    return expanded_jsonld(list(ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)))


def _plain_pyld(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return jsonld.compact(copy.deepcopy(nodes), {"@context": jsonld_context()},
                          {"graph": True, "skipExpansion": True})["@graph"]


def test_memoised_compaction_gives_what_plain_pyld_gives(lines: list[bytes]) -> None:
    nodes = _nodes(lines)
    assert len(nodes) > 1000
    assert compacted_nodes(copy.deepcopy(nodes)) == _plain_pyld(nodes)


def _node(iri: str, predicate: str, *values: dict[str, str]) -> dict[str, Any]:
    return {"@id": iri, predicate: list(values)}


def test_the_term_follows_each_values_type_language_and_reference() -> None:
    # The same property with values of different kinds picks different terms; a memo keyed by
    # the property alone would give all of them the first one's.
    nodes = [
        _node("https://kg.example.org/iom/budget/a", IOM + "amount",
              {"@value": "200000", "@type": XSD + "decimal"}),
        _node("https://kg.example.org/iom/budget/b", IOM + "amount", {"@value": "about 200,000"}),
        _node("https://kg.example.org/iom/budget/c", IOM + "amount",
              {"@value": "200000", "@type": XSD + "integer"}),
        _node("https://kg.example.org/iom/budget/d", IOM + "amount",
              {"@id": "https://kg.example.org/iom/amount/x"}),
        _node("https://kg.example.org/iom/project/p", "http://purl.org/dc/terms/title",
              {"@value": "Title", "@language": "en"}, {"@value": "Titre", "@language": "fr"}),
        _node("https://kg.example.org/iom/project/q", "http://purl.org/dc/terms/title",
              {"@value": "Plain title"}),
        _node("https://kg.example.org/iom/project/r", IOM + "status",
              {"@id": "https://kg.example.org/iom/vocab/status/active"}),
        _node("https://kg.example.org/iom/project/s", IOM + "status",
              {"@id": "https://example.org/elsewhere/active"}),
    ]
    compacted = compacted_nodes(copy.deepcopy(nodes))
    assert compacted == _plain_pyld(nodes)
    keys = [sorted(set(node) - {"id"}) for node in compacted]
    assert keys[0] == ["amount"]
    assert keys[1] == keys[2] == keys[3] == ["iom:amount"]


def _document(lines: list[bytes], workers: int = 1) -> bytes:
    buffer = io.BytesIO()
    write_jsonld(lines, buffer, workers=workers)
    return buffer.getvalue()


def test_streamed_document_is_json_dumps_of_the_whole_document(lines: list[bytes]) -> None:
    text = _document(lines)
    document = json.loads(text)
    again = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert text.decode() == again
    assert document["@context"] == jsonld_context()
    assert len(document["@graph"]) == len(_nodes(lines))


def test_nodes_follow_their_subjects_n_triples_order(lines: list[bytes]) -> None:
    document = json.loads(_document(lines))
    shown = [node["id"] for node in document["@graph"]]
    subjects = list(dict.fromkeys(line[1:line.index(b"> ")].decode() for line in lines))
    assert shown == subjects


def test_no_triples_give_an_empty_graph() -> None:
    document = json.loads(_document([]))
    assert document == {"@context": jsonld_context(), "@graph": []}
    assert to_jsonld([]) == _document([])


def test_to_jsonld_writes_the_document_the_export_writes(lines: list[bytes],
                                                         pages: list[Path]) -> None:
    triples = list(ox.parse(b"".join(reversed(lines)), format=ox.RdfFormat.N_TRIPLES))
    assert to_jsonld(triples) == _document(lines)
    store = ox.Store()
    build(store, pages, jobs=1)
    buffer = io.BytesIO()
    export(store, ExportFormat.JSONLD, buffer)
    assert buffer.getvalue() == _document(lines)
