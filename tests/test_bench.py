"""bench.generate: synthetic project pages and news articles that `kg build` reads and links;
bench.run: the changed pages, the memory sampler and our pipeline run as `kg` commands."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import bench.run
from bench.generate import generate, render_pages
from bench.run import (
    CHANGED_PAGES,
    Measured,
    change_pages,
    linked_copy,
    pages_to_change,
    run_measured,
    run_ours,
    stage_at,
    table,
)
from kg.build import build
from kg.query import list_saved_queries, run_query

IOM = "https://kg.example.org/iom/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PAGES = 1000


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, PAGES, seed=11)
    return folder


@pytest.fixture(scope="module")
def store(generated: Path) -> ox.Store:
    store = ox.Store()
    summary = build(store, [generated], jobs=1)
    assert summary.pages == PAGES and not summary.errors
    assert not [(path, issue) for path, issue in summary.issues
                if Path(path).name.startswith("n") and issue.severity == "error"]
    return store


def _rows(store: ox.Store, query: str) -> list[list[str]]:
    return [[term.value for term in row] for row in store.query(
        query, use_default_graph_as_union=True)]


def test_about_one_page_in_ten_is_a_news_article(generated: Path, store: ox.Store) -> None:
    files = sorted(p.name for p in generated.iterdir())
    news = [name for name in files if name.startswith("n")]
    assert PAGES // 20 <= len(news) <= PAGES // 5
    assert {Path(name).suffix for name in news} == {".txt", ".html"}
    articles = _rows(store, f"SELECT DISTINCT ?a WHERE {{ ?a a <{IOM}NewsArticle> }}")
    assert len(articles) == len(news)


def test_news_articles_vary_in_language_and_dateline(store: ox.Store) -> None:
    languages = {row[0] for row in _rows(
        store, f"SELECT ?l WHERE {{ ?a a <{IOM}NewsArticle> ; <{DCTERMS}language> ?l }}")}
    iso639_1 = "http://id.loc.gov/vocabulary/iso639-1/"
    assert languages == {iso639_1 + code for code in ("en", "fr", "es")}
    datatypes = {row[0] for row in _rows(
        store, f"SELECT (DATATYPE(?d) AS ?t) WHERE {{ ?a a <{IOM}NewsArticle> ; "
        f"<{DCTERMS}date> ?d }}")}
    assert datatypes == {f"{XSD}date", f"{XSD}gYearMonth"}  # a few give only the month


def test_news_articles_are_linked_to_the_generated_projects_they_name(store: ox.Store) -> None:
    articles = {row[0] for row in _rows(store, f"SELECT ?a WHERE {{ ?a a <{IOM}NewsArticle> }}")}
    linked = _rows(store, f"SELECT DISTINCT ?a ?p WHERE {{ ?a <{IOM}mentionsProject> ?p . "
                          f"?p <{IOM}primaId> ?id }}")
    assert len({a for a, _ in linked}) >= len(articles) * 3 // 4
    by_acronym = _rows(store, f"SELECT DISTINCT ?a WHERE {{ ?a <{IOM}mentionsProject> ?p ; "
                              f"<{IOM}namesProject> ?m . ?p <{IOM}primaId> ?id ; "
                              f"<{DCTERMS}title> ?t . ?m <{IOM}acronym> ?acr ; "
                              f"<{DCTERMS}title> ?n "
                              "FILTER(!STRSTARTS(LCASE(STR(?t)), LCASE(STR(?n)))) }")
    assert by_acronym, "no article is linked through an acronym alone"


def _run_saved(store: ox.Store, name: str) -> list[dict[str, Any]]:
    query = next(q for q in list_saved_queries() if q.name == name)
    return run_query(store, query).to_python()


def test_every_generated_results_chain_is_read_as_its_page_states_it(store: ox.Store) -> None:
    facts = {f.prima_id: f.results for _, _, f in render_pages(PAGES, seed=11) if f is not None}
    rows = store.query(f"""SELECT ?id (COUNT(DISTINCT ?objective) AS ?objectives)
        (GROUP_CONCAT(?counted; SEPARATOR=" ") AS ?outputs) WHERE {{
          ?p <{IOM}primaId> ?id .
          OPTIONAL {{ ?p <{IOM}hasObjective> ?objective }}
          OPTIONAL {{ SELECT ?p ?outcome (COUNT(DISTINCT ?output) AS ?n) WHERE {{
            ?p <{IOM}hasOutcome> ?outcome . OPTIONAL {{ ?outcome <{IOM}hasOutput> ?output }}
          }} GROUP BY ?p ?outcome }}
          BIND(CONCAT(STR(?outcome), "=", STR(?n)) AS ?counted)
        }} GROUP BY ?id""", use_default_graph_as_union=True)
    read = {}
    for prima_id, objectives, outputs in rows:  # no outcome: no ?outputs at all
        pairs = (outputs.value if outputs else "").split()
        by_outcome = sorted(pair.rsplit("=", 1) for pair in pairs)
        read[prima_id.value] = (objectives.value == "1", tuple(int(n) for _, n in by_outcome))
    stated = {prima_id: (r.objective, r.outputs) for prima_id, r in facts.items()}
    assert read == stated
    styles = {(r.objective, bool(r.outputs), sum(r.outputs) > 0) for r in facts.values()}
    assert styles == {(False, False, False), (True, True, False), (True, True, True)}


def test_projects_missing_results_lists_the_generated_ones_without_outputs(
        store: ox.Store) -> None:
    facts = [f for _, _, f in render_pages(PAGES, seed=11) if f is not None]
    lacking = {f.prima_id for f in facts if f.results is not None and not sum(f.results.outputs)}
    listed = {row["primaId"] for row in _run_saved(store, "projects-missing-results")}
    assert listed == lacking and len(lacking) >= PAGES // 20


def test_prima_ids_open_with_the_first_member_states_code(store: ox.Store) -> None:
    rows = _rows(store, f"SELECT ?id ?iso2 WHERE {{ ?p <{IOM}primaId> ?id . "
                        f"?p <{IOM}benefitingMemberState> ?s . ?s <{IOM}iso2> ?iso2 }}")
    assert rows and all(any(i[:2] == code for j, code in rows if j == i) for i, _ in rows)


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "one", 120, seed=5)
    second = generate(tmp_path / "two", 120, seed=5)
    assert [p.name for p in first] == [p.name for p in second]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))


def test_changed_pages_mix_news_and_projects_as_the_folder_does(generated: Path) -> None:
    chosen = pages_to_change(generated, 30)
    assert len(chosen) == len(set(chosen)) == 30
    news = sum(path.name.startswith("n") for path in chosen)
    in_folder = sum(path.name.startswith("n") for path in generated.iterdir()) / PAGES
    assert 0 < news < 30
    assert abs(news / 30 - in_folder) <= 0.1


def test_a_rebuild_after_changing_pages_replaces_just_those(generated: Path,
                                                           tmp_path: Path) -> None:
    pages = linked_copy(generated, tmp_path / "pages")
    store = ox.Store()
    build(store, [pages], jobs=1)
    originals = {path.name: path.read_bytes() for path in pages.iterdir()}
    change_pages(pages, 30)
    changed = {path.name for path in pages.iterdir() if path.read_bytes() != originals[path.name]}
    assert changed == {path.name for path in pages_to_change(pages, 30)}
    assert all((generated / name).read_bytes() == originals[name] for name in changed)
    summary = build(store, [pages], jobs=1)
    assert (summary.replaced, summary.added, summary.unchanged) == (30, 0, PAGES - 30)


ALLOCATED_MB = 150
ALLOCATE = f"held = bytearray(b'\\x01') * ({ALLOCATED_MB} << 20)  # written, so resident"


def _process_tree_command(seconds: float) -> list[str]:
    """A Python process that starts a grandchild, prints its pid, and waits for it: each holds
    ALLOCATED_MB, the grandchild for ``seconds``."""
    grandchild = f"import time\n{ALLOCATE}\ntime.sleep({seconds})"
    child = (f"import subprocess, sys\n"
             f"grandchild = subprocess.Popen([sys.executable, '-c', {grandchild!r}])\n"
             f"print(grandchild.pid, flush=True)\n{ALLOCATE}\ngrandchild.wait()")
    return [sys.executable, "-c", child]


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (not gone, not a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def test_the_memory_sampler_sums_a_process_tree() -> None:
    run = run_measured(_process_tree_command(1.5), time.monotonic() + 60)
    assert run.code == 0, run.stderr
    both = 2 * ALLOCATED_MB
    assert run.sampled_mb >= both  # the two processes' allocations, held at the same time
    assert run.max_rss_mb < both  # what max RSS alone says: one process's
    assert run.peak_mb == run.sampled_mb


def test_cpu_time_counts_the_children_a_command_waited_for() -> None:
    burn = "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end: pass"
    parent = (f"import subprocess, sys, time\n"
              f"subprocess.run([sys.executable, '-c', {burn!r}], check=True)")
    run = run_measured([sys.executable, "-c", parent], time.monotonic() + 60)
    assert run.code == 0, run.stderr
    assert run.cpu_seconds >= 0.6  # the child's 0.6 s, counted in its parent's


def test_a_command_past_the_deadline_is_stopped_with_its_children() -> None:
    start = time.monotonic()
    run = run_measured(_process_tree_command(60), start + 2)
    assert run.code is None
    assert time.monotonic() - start < 10
    assert run.sampled_mb >= ALLOCATED_MB
    grandchild = int(run.stdout)
    while _running(grandchild) and time.monotonic() - start < 10:
        time.sleep(0.05)
    assert not _running(grandchild)


def test_the_baseline_peak_is_named_by_the_stage_running_then() -> None:
    starts = {"build": 10.0, "validate": 20.0, "query projects": 30.0}
    assert [stage_at(starts, t) for t in (5.0, 10.0, 25.0, 99.0)] == [
        None, "build", "validate", "query projects"]


@pytest.fixture()
def commands(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The command lines bench.run runs and measures, in order."""
    seen: list[list[str]] = []

    def recording(command: list[str], deadline: float) -> Measured:
        seen.append(command)
        return run_measured(command, deadline)

    monkeypatch.setattr(bench.run, "run_measured", recording)
    return seen


def test_ours_runs_every_stage_as_a_command_of_its_own(tmp_path: Path,
                                                       commands: list[list[str]]) -> None:
    pages = tmp_path / "pages"
    generate(pages, 40, seed=3)
    result: dict[str, Any] | None = run_ours(pages, runs=1, timeout=600)
    assert result is not None
    processes = ["build", "validate", f"build after {CHANGED_PAGES} changed",
                 f"validate after {CHANGED_PAGES} changed", "saved queries", "export turtle",
                 "export jsonld"]
    assert list(result["peaks"]) == processes
    assert all(20 < mb < 2000 for mb in result["peaks"].values())  # a Python process or more
    queries = [f"query {query.name}" for query in list_saved_queries()]
    assert list(result["stages"]) == [*processes[:4], *queries, *processes[5:]]
    assert all(seconds > 0 for seconds in result["stages"].values())
    # each command's CPU time: the build's includes its parser workers'
    assert list(result["cpu"]) == [*processes[:4], *processes[5:]]
    assert all(seconds > 0 for seconds in result["cpu"].values())
    assert result["triples"] > 1000 and result["violations"] is not None
    prefix = bench.run.kg_command()
    kg = [command[len(prefix):] for command in commands if command[:len(prefix)] == prefix]
    copy, store, output = kg[0][1], kg[0][-1], kg[-1][4]
    assert copy != str(pages) and Path(output).parent == Path(store).parent
    assert kg == [["build", copy, "--store", store], ["validate", "--store", store],
                  ["build", copy, "--store", store], ["validate", "--store", store],
                  ["export", "--format", "turtle", "-o", output, "--store", store],
                  ["export", "--format", "jsonld", "-o", output, "--store", store]]
    assert any(command[1:5] == ["-m", "bench.run", "--child", "queries"] for command in commands)
    peak = result["peak_stage"]
    assert peak in processes and result["peak_mb"] == max(result["peaks"].values())
    row = table({40: {"ours": result}}, 600).splitlines()[-1]
    assert row.startswith("| peak memory | 40 | ") and f" MB (in {peak}) |" in row


def test_ours_first_build_timed_several_times_counts_their_median(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = tmp_path / "pages"
    generate(pages, 40, seed=3)
    builds: list[list[str]] = []
    times = iter([3.0, 2.0, 1.0])

    def timed(command: list[str], deadline: float) -> Measured:
        run = run_measured(command, deadline)
        if "build" in command and len(builds) < 3:  # the first build's three runs
            builds.append(command)
            run.seconds = next(times)
        return run

    monkeypatch.setattr(bench.run, "run_measured", timed)
    result = run_ours(pages, runs=1, timeout=600, jsonld=False, build_runs=3)
    assert result is not None
    stores = [command[-1] for command in builds]
    assert len(set(stores)) == 3 and not any(Path(store).exists() for store in stores)
    assert result["spreads"] == {"build": [3.0, 2.0, 1.0]}
    assert result["stages"]["build"] == 2.0
    row = next(line for line in table({40: {"ours": result}}, 600).splitlines()
               if line.startswith("| build | 40 |"))
    assert f"| 2.00 s (1.00 s–3.00 s, 3 runs; CPU {result['cpu']['build']:.1f} s) |" in row
    assert 0 < result["cpu"]["build"] < 60


def test_ours_past_its_timeout_is_reported_as_stopped(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    generate(pages, 40, seed=3)
    start = time.monotonic()
    assert run_ours(pages, runs=1, timeout=0.2) is None
    assert time.monotonic() - start < 30


def test_generated_projects_ids_are_unique_and_of_the_pages_form() -> None:
    from bench.generate import _projects_id

    ids = [_projects_id(prefix, index) for index, prefix in
           zip(range(300_000), ["PX", "CT", "LM", "MD"] * 75_000, strict=True)]
    assert len(set(ids)) == len(ids)  # kg validate reports one ID on two projects
    assert all(re.fullmatch(r"[A-Z]{2}\.[0-9]{4}", projects_id) for projects_id in ids)
