"""Benchmark the whole pipeline against the plain rdflib + pyshacl pipeline, side by side.

For each size, synthetic pages are generated once (bench/generate.py), then each pipeline runs
in its own process (so peak memory is its own):

- ours: `kg build` into an on-disk Oxigraph store, `kg validate`, then both again after 100
  pages changed (the incremental path), every saved query (median of several runs), `kg export`
  to Turtle and JSON-LD;
- baseline: the same parser, triples loaded into rdflib's in-memory Graph through rdflib's
  N-Triples parser, whole-graph pyshacl, rdflib SPARQL, rdflib's Turtle and JSON-LD serialisers.

It prints a table with the ratios and writes it (Markdown) to bench/results/latest.md.

    python -m bench.run --sizes 1000,10000,100000 [--baseline-max 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.build import BuildSummary

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"


def _peak_mb() -> float:
    """Peak memory so far (max RSS), in MB: this process's, or a finished child's if larger
    (the baseline's queries run in forked children)."""
    return max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


PEAKS: dict[str, float] = {}
"""Peak memory after each stage, so the table can say which stage set the peak."""


def _record(stages: dict[str, float], name: str, seconds: float) -> None:
    """A stage's time, and the peak memory once it is done."""
    stages[name] = seconds
    PEAKS[name] = _peak_mb()


def _timed(stages: dict[str, float], name: str, action: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = action()
    _record(stages, name, time.perf_counter() - start)
    return result


def _median_time(action: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


FIRST_PROJECT = ("SELECT ?id WHERE { ?p <https://kg.example.org/iom/ontology#primaId> ?id } "
                 "ORDER BY ?id LIMIT 1")


def _values(query: Any, project: str) -> dict[str, str]:
    """Parameter values: defaults, and the first project for queries that need one."""
    return {p.name: project for p in query.params if p.default is None}


CHANGED_PAGES = 100


def linked_copy(pages: Path, folder: Path) -> Path:
    """A copy of ``pages`` made of hard links where the file system allows (no bytes copied)."""
    import shutil

    def link(source: str, target: str) -> None:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    shutil.copytree(pages, folder, copy_function=link, ignore=shutil.ignore_patterns(".*"))
    return folder


def pages_to_change(folder: Path, count: int) -> list[Path]:
    """``count`` pages spread evenly over the folder's sorted files, so that news and project
    pages are changed in the proportion the folder holds them."""
    pages = sorted(folder.iterdir())
    return pages[::max(1, len(pages) // count)][:count]


def change_pages(folder: Path, count: int) -> None:
    """Give ``count`` pages (``pages_to_change``) new bytes, a sentence more, each as a new
    file, so the hard-linked originals stay as they were."""
    for path in pages_to_change(folder, count):
        text = path.read_text(encoding="utf-8")
        fresh = path.with_name(path.name + ".new")
        fresh.write_text(text + "\nThe page was revised after a mid-term review.\n",
                         encoding="utf-8")
        os.replace(fresh, path)


def build_into(store_path: str, pages: Path) -> BuildSummary:
    """`kg build` of ``pages`` into the store at ``store_path``, published for its readers."""
    from kg.build import build
    from kg.store import opened_store

    with opened_store(store_path) as store:
        return build(store, [pages])


def run_ours(pages: Path, runs: int, jsonld: bool = True) -> dict[str, Any]:
    """Our pipeline on ``pages``: stage name -> seconds, plus counts."""
    from kg.export import ExportFormat, export
    from kg.query import list_saved_queries, run_query
    from kg.store import open_store
    from kg.validate_store import validate_store

    stages: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        pages = linked_copy(pages, Path(tmp) / "pages")
        store_path = os.path.join(tmp, "store")
        summary = _timed(stages, "build", lambda: build_into(store_path, pages))
        report = _timed(stages, "validate", lambda: validate_store(store_path))
        change_pages(pages, CHANGED_PAGES)
        _timed(stages, f"build after {CHANGED_PAGES} changed",
               lambda: build_into(store_path, pages))
        _timed(stages, f"validate after {CHANGED_PAGES} changed",
               lambda: validate_store(store_path))
        store = open_store(store_path, read_only=True)
        project = next(iter(store.query(FIRST_PROJECT, use_default_graph_as_union=True)))["id"]
        for query in list_saved_queries():
            values = _values(query, project.value)
            _record(stages, f"query {query.name}", _median_time(
                lambda q=query, v=values: run_query(store, q, v), runs))
        with open(os.devnull, "wb") as sink:
            _timed(stages, "export turtle", lambda: export(store, ExportFormat.TURTLE, sink))
            if jsonld:
                _timed(stages, "export jsonld", lambda: export(store, ExportFormat.JSONLD, sink))
    return {"stages": stages, "triples": summary.quads, "violations": len(report.results)}


def _median_time_limited(action: Callable[[], Any], runs: int, limit: float) -> float | None:
    """``_median_time`` in a forked child (it shares the parent's in-memory graph); None when
    the runs take longer than ``limit`` seconds, so one slow query cannot stop the run."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=lambda: send.send(_median_time(action, runs)), daemon=True)
    child.start()
    send.close()  # the child's copy stays open: a child that dies unanswered reads as EOF
    answered = receive.poll(limit)
    median = receive.recv() if answered else None
    child.kill()
    child.join()
    return median


def run_baseline(pages: Path, runs: int, query_limit: float) -> dict[str, Any]:
    """The plain rdflib + pyshacl pipeline on ``pages``; a query whose runs take more than
    ``query_limit`` seconds is stopped and listed under "stopped"."""
    import pyoxigraph as ox
    import rdflib
    from rdflib.term import Variable

    from kg.mapping import map_records, ontology_quads
    from kg.parse import parse_paths
    from kg.query import bind_parameters, list_saved_queries
    from kg.validate import validate_graph

    stages: dict[str, float] = {}

    def load() -> rdflib.Graph:
        records = parse_paths([pages]).records
        quads = map_records(records) + ontology_quads(ox.NamedNode("urn:x-kg:ontology"))
        data = ox.serialize({q.triple for q in quads}, format=ox.RdfFormat.N_TRIPLES)
        graph = rdflib.Graph()
        graph.parse(data=data, format="nt")
        return graph

    stopped: dict[str, float] = {}
    graph = _timed(stages, "build", load)
    report = _timed(stages, "validate", lambda: validate_graph(graph))
    project = str(next(iter(graph.query(FIRST_PROJECT)))[0])
    for query in list_saved_queries():
        bindings = {Variable(k): rdflib.util.from_n3(str(v))
                    for k, v in bind_parameters(query, _values(query, project)).items()}
        median = _median_time_limited(
            lambda q=query, b=bindings: list(graph.query(q.text, initBindings=b)), runs,
            query_limit)
        if median is None:
            stopped[f"query {query.name}"] = query_limit
        else:
            _record(stages, f"query {query.name}", median)
    _timed(stages, "export turtle", lambda: graph.serialize(format="turtle"))
    _timed(stages, "export jsonld", lambda: graph.serialize(format="json-ld"))
    return {"stages": stages, "stopped": stopped, "triples": len(graph),
            "violations": len(report.results)}


def _child(pipeline: str, pages: Path, runs: int, jsonld: bool, query_limit: float) -> None:
    """Entry point of a measuring process: prints one JSON line."""
    result = run_ours(pages, runs, jsonld) if pipeline == "ours" \
        else run_baseline(pages, runs, query_limit)
    result["peak_mb"] = _peak_mb()
    result["peak_stage"] = next((stage for stage, mb in PEAKS.items() if mb >= result["peak_mb"]),
                                None)
    print(json.dumps(result))


def measure(pipeline: str, pages: Path, runs: int, timeout: float,
            jsonld: bool = True, query_limit: float = 60.0) -> dict[str, Any] | None:
    """Run one pipeline in a fresh process; None when it passes ``timeout`` seconds."""
    command = [sys.executable, "-m", "bench.run", "--child", pipeline, "--pages", str(pages),
               "--runs", str(runs), "--query-timeout", str(query_limit),
               *([] if jsonld else ["--no-jsonld"])]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"{pipeline} failed on {pages}:\n{exc.stderr}") from exc
    return json.loads(done.stdout.strip().splitlines()[-1])


def pages_for(size: int) -> Path:
    """Generated pages of ``size`` (made once, kept under bench/work; made again from scratch
    when the generator's pages have changed since)."""
    from bench.generate import PAGES_VERSION, generate

    folder = WORK / f"pages-{size}"
    marker = folder / ".complete"
    if not marker.exists() or marker.read_text(encoding="utf-8").strip() != PAGES_VERSION:
        if folder.exists():
            shutil.rmtree(folder)
        generate(folder, size)
        marker.write_text(PAGES_VERSION, encoding="utf-8")
    return folder


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _fmt_peak(result: dict[str, Any]) -> str:
    stage = result.get("peak_stage")
    return f"{result['peak_mb']:.0f} MB" + (f" (in {stage})" if stage else "")


def table(results: dict[int, dict[str, dict[str, Any] | None]], timeout: float) -> str:
    """Markdown table: stage, size, ours, baseline, speed-up."""
    lines = ["| stage | pages | ours | baseline | baseline / ours |", "|---|---:|---:|---:|---:|"]
    for size, pair in results.items():
        ours, base = pair["ours"], pair.get("baseline")
        if ours is None:
            lines.append(f"| every stage | {size:,} | > {timeout:.0f} s (stopped) | — | — |")
            continue
        stages = list(ours["stages"])
        for stage in [*stages, "peak memory"]:
            if stage == "peak memory":
                mine, theirs = ours["peak_mb"], base["peak_mb"] if base else None
                cells = (_fmt_peak(ours), _fmt_peak(base) if base else "—")
            else:
                mine = ours["stages"][stage]
                theirs = base["stages"].get(stage) if base else None
                cells = (_fmt(mine), _fmt(theirs))
            ratio = f"{theirs / mine:.1f}×" if theirs and mine else "—"
            if base is None and "baseline" in pair:
                cells = (cells[0], f"> {timeout:.0f} s (stopped)")
            elif base and (limit := base.get("stopped", {}).get(stage)):
                cells, ratio = (cells[0], f"> {limit:.0f} s (stopped)"), f"> {limit / mine:.0f}×"
            lines.append(f"| {stage} | {size:,} | {cells[0]} | {cells[1]} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Benchmark kg against rdflib + pyshacl.")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--baseline-max", type=int, default=10_000,
                        help="Largest size the baseline runs at.")
    parser.add_argument("--runs", type=int, default=5, help="Runs per query (median).")
    parser.add_argument("--baseline-runs", type=int, default=None,
                        help="Runs per query for the baseline (default: --runs).")
    parser.add_argument("--timeout", type=float, default=1800.0,
                        help="Seconds before a pipeline run is stopped.")
    parser.add_argument("--jsonld-max", type=int, default=10_000,
                        help="Largest size our JSON-LD export is timed at (pyld is slow).")
    parser.add_argument("--query-timeout", type=float, default=60.0,
                        help="Seconds before one baseline query's runs are stopped.")
    parser.add_argument("--child", choices=["ours", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--no-jsonld", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pages", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.pages, args.runs, not args.no_jsonld, args.query_timeout)
        return
    results: dict[int, dict[str, dict[str, Any] | None]] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        pages = pages_for(size)
        results[size] = {"ours": measure("ours", pages, args.runs, args.timeout,
                                         jsonld=size <= args.jsonld_max)}
        if size <= args.baseline_max:
            results[size]["baseline"] = measure("baseline", pages, args.baseline_runs or args.runs,
                                                args.timeout, query_limit=args.query_timeout)
        text = write_results(results, args.timeout)  # after each size, so a long run shows
        print(f"{size} pages done", file=sys.stderr)
    print(text)


def write_results(results: dict[int, dict[str, dict[str, Any] | None]], timeout: float) -> str:
    """Write the table (latest.md) and the raw figures (latest.json); return the table."""
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python "
               f"{platform.python_version()}, {platform.system()} {platform.release()}")
    text = f"Machine: {machine}\n\n{table(results, timeout)}\n"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
