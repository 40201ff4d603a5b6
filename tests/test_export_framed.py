"""kg.export_framed: JSON-LD framed with ontology/frame.jsonld holds exactly the store's triples,
one tree per project, shared nodes once, the same bytes whatever order the pages were built in."""

from __future__ import annotations

import io
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from pyld import jsonld

import kg.export_framed
from kg.build import build
from kg.cli import main
from kg.errors import DataError
from kg.export import ExportFormat, export, union_ntriples
from kg.export_framed import framing_frame
from kg.export_jsonld import expanded_jsonld
from kg.namespaces import DEFAULT_BASE
from kg.paths import ontology_dir

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"
VANUATU = f"{DEFAULT_BASE}project/VU10P0543"


def _framed(store: ox.Store, *, with_ontology: bool = False) -> bytes:
    buffer = io.BytesIO()
    export(store, ExportFormat.JSONLD_FRAMED, buffer, with_ontology=with_ontology)
    return buffer.getvalue()


def _document(store: ox.Store, *, with_ontology: bool = False) -> dict[str, Any]:
    return json.loads(_framed(store, with_ontology=with_ontology))


def _no_fetching(url: str, options: dict[str, Any]) -> dict[str, Any]:
    raise AssertionError(f"pyld tried to fetch {url}")


def _triples_pyld_reads(document: dict[str, Any]) -> set[str]:
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads",
                                      "documentLoader": _no_fetching})
    return {str(quad.triple) for quad in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)}


def _store_triples(store: ox.Store, *, with_ontology: bool = False) -> set[str]:
    data = union_ntriples(store, with_ontology=with_ontology)
    return {str(quad.triple) for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}


def _top(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["id"]: node for node in document["@graph"]}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _types(node: dict[str, Any]) -> list[str]:
    return _as_list(node.get("type", []))


def _described(value: Any) -> list[str]:
    """The id of every node object that says more than its id, as often as it is written."""
    found: list[str] = []
    if isinstance(value, dict):
        if "id" in value and len(value) > 1:
            found.append(value["id"])
        for inner in value.values():
            found += _described(inner)
    elif isinstance(value, list):
        for inner in value:
            found += _described(inner)
    return found


@pytest.fixture(scope="module")
def store(seed_paths: list[Path]) -> ox.Store:
    """The five seed pages plus the example pages, built in file order."""
    built = ox.Store()
    build(built, [*seed_paths, EXAMPLES])
    return built


@pytest.fixture(scope="module")
def document(store: ox.Store) -> dict[str, Any]:
    return _document(store)


@pytest.mark.parametrize("with_ontology", [False, True])
def test_framed_jsonld_reads_back_as_exactly_the_stores_triples(store: ox.Store,
                                                                with_ontology: bool) -> None:
    framed = _framed(store, with_ontology=with_ontology)
    expected = _store_triples(store, with_ontology=with_ontology)
    assert len(expected) > (1500 if with_ontology else 800)
    assert _triples_pyld_reads(json.loads(framed)) == expected
    read_by_oxigraph = ox.parse(framed, format=ox.RdfFormat.JSON_LD)
    assert {str(quad.triple) for quad in read_by_oxigraph} == expected


def test_the_context_is_inlined_so_nothing_is_fetched(document: dict[str, Any]) -> None:
    context = document["@context"]
    assert isinstance(context, list) and all(isinstance(entry, dict) for entry in context)
    assert context[0]["@version"] == 1.1 and context[0]["iom"].endswith("/ontology#")


def test_same_pages_in_another_order_give_identical_bytes(store: ox.Store,
                                                         seed_paths: list[Path]) -> None:
    reordered = ox.Store()
    for path in reversed([*seed_paths, *sorted(EXAMPLES.iterdir())]):
        build(reordered, [path])
    assert _framed(reordered) == _framed(store)
    assert _framed(reordered, with_ontology=True) == _framed(store, with_ontology=True)


def test_a_project_nests_its_budget_objective_outcomes_with_their_outputs_and_page(
        document: dict[str, Any]) -> None:
    project = _top(document)[VANUATU]
    assert project["primaId"] == "VU10P0543"
    assert project["budget"] == {"id": f"{VANUATU}/budget", "type": "Budget",
                                 "amount": "300000", "currency": "USD"}
    assert project["hasObjective"]["description"]["en"].startswith("supporting the implementation")
    [outcome] = project["hasOutcome"]
    assert outcome["id"] == f"{VANUATU}/outcome/1" and outcome["resultNumber"] == "1"
    assert [output["resultNumber"] for output in outcome["hasOutput"]] == ["1.1", "1.2", "1.3",
                                                                          "1.4"]
    assert all(output["type"] == "Output" and output["description"]["en"]
               for output in outcome["hasOutput"])
    assert "hasOutput" not in project  # its outputs all belong to the outcome
    [page] = project["wasDerivedFrom"]
    assert page["type"] == "SourcePage" and page["sourcePath"].endswith("000_cebd6cafa097de25.txt")
    assert project["benefitingMemberState"] == [f"{DEFAULT_BASE}member-state/VUT"]
    assert project["involvesOrganisation"] == [
        f"{DEFAULT_BASE}organisation/ministry-of-internal-affairs"]


def test_outputs_of_no_outcome_hang_from_the_project(tmp_path: Path,
                                                    seed_paths: list[Path]) -> None:
    """The Vanuatu page with its outputs numbered 1 to 4 and no outcome named."""
    text = seed_paths[0].read_text(encoding="utf-8").replace(" (Outcome)", "")
    for number in range(1, 5):
        text = text.replace(f"(Output 1.{number})", f"(Output {number})")
    page = tmp_path / "vanuatu_outputs_only.txt"
    page.write_text(text, encoding="utf-8")
    built = ox.Store()
    build(built, [page])
    project = _top(_document(built))[VANUATU]
    assert "hasOutcome" not in project
    assert [(output["id"], output["resultNumber"]) for output in project["hasOutput"]] == [
        (f"{VANUATU}/output/{number}", str(number)) for number in range(1, 5)]


def test_shared_nodes_are_written_once_at_the_top_and_referred_to_by_iri(
        store: ox.Store) -> None:
    document = _document(store, with_ontology=True)
    top = _top(document)
    counts = Counter(_described(document["@graph"]))
    assert counts and set(counts.values()) == {1}, counts.most_common(3)
    shared = {"MemberState", "Organisation", "Concept", "ConceptScheme"}
    shared_ids = {i for i, node in top.items() if shared.intersection(_types(node))}
    assert len(shared_ids) > 80
    projects = [node for node in top.values() if "DevelopmentFundProject" in _types(node)]
    assert len(projects) == 9
    references = [reference for project in projects for key in (
        "benefitingMemberState", "involvesOrganisation", "projectType", "idfRegion", "status")
        for reference in _as_list(project.get(key, []))]
    assert len(references) > 40 and all(isinstance(r, str) for r in references)
    assert shared_ids.issuperset(references)
    assert not shared_ids.intersection(_described(projects))


def test_a_news_article_nests_its_mentions_and_refers_to_the_projects_it_means(
        document: dict[str, Any]) -> None:
    top = _top(document)
    articles = [node for node in top.values() if "NewsArticle" in _types(node)]
    assert len(articles) == 3
    to_project_pages = to_own_mentions = 0
    for article in articles:
        mentions = {mention["id"]: mention for mention in article["namesProject"]}
        assert all("ProjectMention" in _types(m) and m["title"] for m in mentions.values())
        for meant in article.get("mentionsProject", []):
            assert isinstance(meant, str)
            if meant in mentions:
                to_own_mentions += 1  # no single project page fits: the mention itself
            else:
                assert "DevelopmentFundProject" in _types(top[meant])
                to_project_pages += 1
    assert to_project_pages >= 1 and to_own_mentions >= 1


def _framed_in_one(store: ox.Store) -> list[Any]:
    """The ``@graph`` pyld gives framing the store's whole graph at once, lists sorted."""
    triples = list(ox.parse(union_ntriples(store), format=ox.RdfFormat.N_TRIPLES))
    whole = jsonld.frame(expanded_jsonld(triples), framing_frame(),
                         {"omitGraph": False, "documentLoader": _no_fetching})
    return kg.export_framed._canonical_order(whole["@graph"])


@pytest.mark.parametrize("workers", [1, 2])
def test_chunks_framed_apart_give_the_one_framing_of_the_whole(
        store: ox.Store, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    whole = _framed_in_one(store)
    framed = _framed(store)
    assert json.loads(framed)["@graph"] == whole
    monkeypatch.setattr(kg.export_framed, "FRAME_CHUNK", 4)
    monkeypatch.setattr(kg.export_framed, "_framing_workers", lambda tasks: workers)
    assert _framed(store) == framed
    assert len(whole) > 4 * 10, "too few top-level nodes for several chunks"


def _store_with(seed_paths: list[Path], extra: str) -> ox.Store:
    """The seed store with ``extra`` (N-Triples) added to the first page's graph."""
    built = ox.Store()
    build(built, seed_paths)
    page = next(q.graph_name for q in built.quads_for_pattern(
        None, ox.NamedNode("https://kg.example.org/iom/ontology#sourcePath"), None)
        if isinstance(q.graph_name, ox.NamedNode))
    built.extend(ox.Quad(t.subject, t.predicate, t.object, page)
                 for t in ox.parse(extra.encode(), format=ox.RdfFormat.N_TRIPLES))
    return built


def test_a_node_the_frame_places_nowhere_is_written_at_the_top(seed_paths: list[Path]) -> None:
    """A budget no project owns and a subject with no type: written by another tool."""
    budget, note = f"{DEFAULT_BASE}project/XX10P0001/budget", f"{DEFAULT_BASE}note/1"
    built = _store_with(seed_paths, (
        f'<{budget}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
        f'<https://kg.example.org/iom/ontology#Budget> .\n'
        f'<{budget}> <https://kg.example.org/iom/ontology#currency> "EUR" .\n'
        f'<{note}> <http://www.w3.org/2000/01/rdf-schema#comment> "checked by hand" .\n'))
    document = _document(built)
    assert _top(document)[budget]["currency"] == "EUR"
    assert _top(document)[note]["comment"] == {"@none": "checked by hand"}
    assert _triples_pyld_reads(document) == _store_triples(built)


def test_nodes_with_non_ascii_iris_are_framed_as_in_one_framing(seed_paths: list[Path]) -> None:
    # The lines are bytes: an IRI's length in characters is not its length in the line.
    budget, note = f"{DEFAULT_BASE}project/VU10P0543/budget-révisé", f"{DEFAULT_BASE}note/ünï"
    built = _store_with(seed_paths, (
        f'<{VANUATU}> <https://kg.example.org/iom/ontology#budget> <{budget}> .\n'
        f'<{budget}> <https://kg.example.org/iom/ontology#currency> "EUR" .\n'
        f'<{budget}> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <{note}> .\n'
        f'<{note}> <http://www.w3.org/2000/01/rdf-schema#comment> "reached through the budget" .\n'
        f'<{note}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
        f'<https://kg.example.org/iom/ontology#Budget> .\n'))
    assert _document(built)["@graph"] == _framed_in_one(built)
    assert "reached through the budget" in json.dumps(_top(_document(built))[VANUATU])


@pytest.mark.parametrize("extra", [
    f'<{VANUATU}> <http://www.w3.org/2000/01/rdf-schema#seeAlso> _:somewhere .\n',
    '_:somewhere <http://www.w3.org/2000/01/rdf-schema#comment> "a note" .\n',
])
def test_a_blank_node_is_refused_as_a_data_problem(seed_paths: list[Path], extra: str) -> None:
    built = _store_with(seed_paths, extra)
    with pytest.raises(DataError, match="blank node"):
        _framed(built)


def test_a_literal_that_reads_like_a_blank_node_is_framed(seed_paths: list[Path]) -> None:
    built = _store_with(seed_paths, f'<{VANUATU}> <http://www.w3.org/2000/01/rdf-schema#comment> '
                                    f'"<x> _:b0 is how N-Triples writes a blank node" .\n')
    assert _triples_pyld_reads(_document(built)) == _store_triples(built)


def test_the_shipped_frame_frames_the_compact_export_with_any_processor(
        store: ox.Store, document: dict[str, Any]) -> None:
    """What a consumer does: ontology/frame.jsonld, its context read from beside it."""
    buffer = io.BytesIO()
    export(store, ExportFormat.JSONLD, buffer)
    fetched: list[str] = []

    def files_beside_the_frame(url: str, options: dict[str, Any]) -> dict[str, Any]:
        fetched.append(url)
        path = Path(url.removeprefix("file://"))
        return {"contextUrl": None, "documentUrl": url,
                "document": json.loads(path.read_text(encoding="utf-8"))}

    frame = json.loads((ontology_dir() / "frame.jsonld").read_text(encoding="utf-8"))
    framed = jsonld.frame(json.loads(buffer.getvalue()), frame, {
        "base": (ontology_dir() / "frame.jsonld").as_uri(), "omitGraph": False,
        "documentLoader": files_beside_the_frame})
    assert set(fetched) == {(ontology_dir() / "context.jsonld").as_uri()}
    assert kg.export_framed._canonical_order(framed["@graph"]) == document["@graph"]


def test_kg_export_writes_framed_jsonld_and_exits_0(tmp_path: Path, seed_paths: list[Path]) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for path in seed_paths:
        shutil.copy(path, pages / path.name)
    store_path, target = str(tmp_path / "store"), tmp_path / "out" / "projects.jsonld"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(pages), "--store", store_path]).exit_code == 0
    result = runner.invoke(main, ["export", "--store", store_path, "--format", "jsonld-framed",
                                  "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert f"triples to {target}" in result.stderr
    top = _top(json.loads(target.read_text(encoding="utf-8")))
    assert VANUATU in top and top[VANUATU]["hasOutcome"][0]["hasOutput"]
