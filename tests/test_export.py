"""kg.export: every format holds the store's graph, and the bytes never depend on build order."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld
from rdflib.compare import isomorphic

from kg.build import build
from kg.export import ExportFormat, data_quads, export
from kg.namespaces import DEFAULT_BASE, PREFIXES


def _export(store: ox.Store, fmt: ExportFormat, **options: bool) -> bytes:
    buffer = io.BytesIO()
    export(store, fmt, buffer, **options)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def store(seed_paths: list[Path]) -> ox.Store:
    """The five seed pages plus the example pages, built in file order."""
    built = ox.Store()
    build(built, [*seed_paths, Path(__file__).resolve().parents[1] / "examples" / "pages"])
    return built


def _store_graph(store: ox.Store) -> rdflib.Graph:
    graph = rdflib.Graph()
    data = ox.serialize({q.triple for q in data_quads(store)}, format=ox.RdfFormat.N_TRIPLES)
    graph.parse(data=data, format="nt")
    return graph


@pytest.mark.parametrize("fmt, rdflib_format", [
    (ExportFormat.TURTLE, "turtle"), (ExportFormat.NT, "nt"), (ExportFormat.JSONLD, "json-ld"),
    (ExportFormat.JSONLD_FRAMED, "json-ld"),
])
def test_each_export_parses_back_to_the_stores_graph(store: ox.Store, fmt: ExportFormat,
                                                     rdflib_format: str) -> None:
    exported = rdflib.Graph()
    exported.parse(data=_export(store, fmt), format=rdflib_format)
    expected = _store_graph(store)
    assert len(expected) > 500
    assert isomorphic(exported, expected)


def test_trig_keeps_one_named_graph_per_page_and_the_derived_graphs(store: ox.Store) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=_export(store, ExportFormat.TRIG), format="trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    exported = {q.graph_name.value for q in data_quads(store)}
    assert exported == graphs - {"urn:x-rdflib:default"}
    derived = {f"{DEFAULT_BASE}graph/{name}" for name in ("links", "member-states", "statistics")}
    pages = exported - derived
    assert len(pages) == len(exported) - 3 and len(pages) >= 10
    assert all(page.startswith(f"{DEFAULT_BASE}page/") for page in pages)


def test_jsonld_is_compacted_with_the_shipped_context_and_read_by_pyld(store: ox.Store) -> None:
    document = json.loads(_export(store, ExportFormat.JSONLD))
    assert isinstance(document["@context"], dict) and "@graph" in document
    nodes = {node["id"]: node for node in document["@graph"]}
    vanuatu = next(n for i, n in nodes.items() if i.endswith("project/VU10P0543"))
    assert "primaId" in vanuatu or "iom:primaId" in vanuatu
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    from_pyld = rdflib.Graph().parse(data=nquads, format="nt")
    assert isomorphic(from_pyld, _store_graph(store))


def test_jsonld_compacted_in_runs_by_worker_processes_is_the_same_document(
        store: ox.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.export_jsonld

    monkeypatch.setattr(kg.export_jsonld, "usable_cores", lambda: 1)
    whole = _export(store, ExportFormat.JSONLD)
    monkeypatch.setattr(kg.export_jsonld, "JSONLD_RUN", 40)
    monkeypatch.setattr(kg.export_jsonld, "usable_cores", lambda: 2)
    assert _export(store, ExportFormat.JSONLD) == whole
    assert whole.count(b'\n      "id": ') > 40, "too few nodes for several runs"


def test_same_pages_in_another_order_give_identical_bytes(store: ox.Store,
                                                         seed_paths: list[Path]) -> None:
    examples = sorted((Path(__file__).resolve().parents[1] / "examples" / "pages").iterdir())
    reordered = ox.Store()
    for path in reversed([*seed_paths, *examples]):
        build(reordered, [path])
    for fmt in ExportFormat:
        assert _export(reordered, fmt) == _export(store, fmt), fmt


def test_exports_leave_out_the_build_log_and_the_ontology_unless_asked(store: ox.Store) -> None:
    turtle = _export(store, ExportFormat.TURTLE).decode()
    assert "graph/builds" not in turtle and "prov:endedAtTime" not in turtle
    for fmt in ExportFormat:  # nor the journal (a random change IRI would break byte-identity)
        text = _export(store, fmt).decode()
        assert "urn:iom-kg:journal" not in text and "urn:uuid:" not in text, fmt
    assert "owl:Ontology" not in turtle
    with_ontology = _export(store, ExportFormat.TURTLE, with_ontology=True).decode()
    assert "owl:Ontology" in with_ontology and "skos:ConceptScheme" in with_ontology


LITERAL = re.compile(rb'"(?:[^"\\]|\\.)*"')
PREFIXED_NAME = re.compile(rb"(?:^|[\s(\[,;])([A-Za-z][\w.-]*:\S*)", re.MULTILINE)


@pytest.mark.parametrize("fmt", [ExportFormat.TURTLE, ExportFormat.TRIG])
def test_turtle_names_cube_terms_by_prefix_and_escapes_no_prefixed_name(
        store: ox.Store, fmt: ExportFormat) -> None:
    text = _export(store, fmt, with_ontology=True)
    names = PREFIXED_NAME.findall(LITERAL.sub(b'""', text))
    assert [n for n in names if b"\\" in n] == []  # voc:statistics\/budget-by-... is not written
    body = b"\n".join(line for line in text.splitlines() if not line.startswith(b"@prefix"))
    assert b"qb:Observation" in body and b"<http://purl.org/linked-data/cube#" not in body
    assert b"qb:structure statistics:budget-by-region-year" in text
    assert b"ActivityScope:4 a skos:Concept" in text
    assert b"dcterms:language iso639-1:en" in text


def test_every_export_declares_the_same_prefixes_whatever_it_holds(store: ox.Store) -> None:
    heads = set()
    for options in ({}, {"with_ontology": True}):
        text = _export(store, ExportFormat.TURTLE, **options)
        heads.add(b"".join(line for line in text.splitlines(keepends=True)
                           if line.startswith(b"@prefix")))
    assert len(heads) == 1
    declared = dict(re.findall(rb"@prefix ([\w.-]*): <([^>]*)> \.", heads.pop()))
    assert declared == {name.encode(): iri.encode() for name, iri in PREFIXES.items()}
