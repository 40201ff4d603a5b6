"""Benchmark the whole pipeline against the plain rdflib + pyshacl pipeline, side by side.

For each size, synthetic pages are generated once (bench/generate.py), then:

- ours runs as users run it, every stage a process of its own: `kg build` into an on-disk
  Oxigraph store, `kg validate`, both again after 100 pages changed (the incremental path),
  the saved queries (one process, one read-only store, the median of several runs of each),
  `kg export` to Turtle and JSON-LD. A command's time is wall-clock, from its start to its exit,
  with its CPU time (user and system, the command's and its workers') beside it;
- baseline: in one process (its stages share one in-memory graph), the same parser, triples
  loaded into rdflib's Graph through rdflib's N-Triples parser, whole-graph pyshacl, rdflib
  SPARQL, rdflib's Turtle and JSON-LD serialisers, each stage timed in the process.

Peak memory is measured alike for both: the largest sum of the resident sizes (VmRSS) of a
process and all its descendants alive at the same time (`kg build`'s parser workers, the
baseline's forked query runs), sampled from /proc every 50 ms, or the process's own max RSS
(wait4) when that is larger (a spike between two samples).

It prints a table with the ratios and writes it (Markdown) to bench/results/latest.md.

    python -m bench.run --sizes 1000,10000,100000 [--baseline-max 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import re
import resource
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"

SAMPLE_SECONDS = 0.05
"""How often the memory of a running stage's processes is sampled."""


def _children_by_parent() -> dict[int, list[int]]:
    """Every running process's children, from the parent pids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as file:
                stat = file.read()
        except OSError:  # gone since the scan
            continue
        parent = int(stat[stat.rindex(b")") + 2:].split()[1])  # after "pid (name) state"
        children.setdefault(parent, []).append(int(entry.name))
    return children


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants alive now."""
    children = _children_by_parent()
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def _rss_kb(pid: int) -> int:
    """The resident size of ``pid`` in kB (VmRSS); 0 when it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/status", "rb") as file:
            for line in file:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(root: int) -> float:
    """The summed resident size of ``root`` and its descendants, in MB (MiB)."""
    return sum(_rss_kb(pid) for pid in process_tree(root)) / 1024


Sample = tuple[float, float]
"""(time.monotonic(), MB of the process tree then)."""


def _watch(pid: int, deadline: float) -> tuple[list[Sample], bool]:
    """Sample ``pid``'s process tree until ``pid`` exits, or kill its process group once
    ``deadline`` (time.monotonic()) has passed; the samples, and whether it was killed."""
    samples: list[Sample] = []
    exited = os.pidfd_open(pid)  # readable once the process has exited: no polling delay
    try:
        while True:
            samples.append((time.monotonic(), tree_rss_mb(pid)))
            left = deadline - time.monotonic()
            if left <= 0:
                os.killpg(pid, signal.SIGKILL)
                return samples, True
            if select.select([exited], [], [], min(SAMPLE_SECONDS, left))[0]:
                return samples, False
    finally:
        os.close(exited)


@dataclass
class Measured:
    """A command run to its end (or stopped): what it printed, its time and memory."""

    code: int | None
    """Exit code; None when it was stopped at the deadline."""
    seconds: float
    """Wall-clock time from its start to its exit."""
    samples: list[Sample]
    max_rss_mb: float
    """The command process's own max RSS (wait4): its own, or a finished child's if larger."""
    cpu_seconds: float
    """CPU time, user and system, of the command and the children it waited for (wait4):
    steadier than the wall-clock time on a machine whose speed drifts."""
    stdout: str
    stderr: str

    @property
    def sampled_mb(self) -> float:
        """The largest sampled sum over the process tree."""
        return max((mb for _, mb in self.samples), default=0.0)

    @property
    def peak_mb(self) -> float:
        """Peak memory: the sampled tree sum, or the process's own max RSS if larger."""
        return max(self.sampled_mb, self.max_rss_mb)


def run_measured(command: list[str], deadline: float) -> Measured:
    """Run ``command`` in a session of its own, sampling its processes' memory; killed (code
    None) when it is still running at ``deadline`` (time.monotonic())."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=err, start_new_session=True)
        try:
            samples, stopped = _watch(process.pid, deadline)
        except BaseException:  # Ctrl-C: the stage's processes are not in our process group
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return Measured(None if stopped else process.returncode, seconds, samples,
                        usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime,
                        out.read().decode(errors="replace"), err.read().decode(errors="replace"))


def _peak_mb() -> float:
    """Peak memory so far (max RSS), in MB: this process's, or a finished child's if larger
    (the baseline's queries run in forked children)."""
    return max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


PEAKS: dict[str, float] = {}
"""The baseline's max RSS after each stage, to name the stage that set it."""
STARTS: dict[str, float] = {}
"""When each of the baseline's stages started (time.monotonic(), the same clock in every
process), to name the stage in which the sampled peak fell."""


def _record(stages: dict[str, float], name: str, seconds: float) -> None:
    """A stage's time, and the peak memory once it is done."""
    stages[name] = seconds
    PEAKS[name] = _peak_mb()


def _timed(stages: dict[str, float], name: str, action: Callable[[], Any]) -> Any:
    STARTS[name] = time.monotonic()
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


def kg_command(*args: str) -> list[str]:
    """The `kg` command line as users run it: the script beside this Python (the venv's),
    else the same entry point through this Python."""
    script = Path(sys.executable).with_name("kg")
    if script.is_file():
        return [str(script), *args]
    return [sys.executable, "-c", "from kg.cli import main; main()", *args]


OK_CODES = (0, 1)
"""Exit codes of a stage that did its work: 1 is `kg`'s "data problems" (a page with parse
errors, violations found)."""


class Stopped(Exception):
    """A stage was still running when the pipeline's time was up."""


@dataclass
class OursRun:
    """Our pipeline's stages, run one after the other until ``deadline``."""

    deadline: float
    stages: dict[str, float] = field(default_factory=dict)
    peaks: dict[str, float] = field(default_factory=dict)
    """Peak MB of each process: each stage's command, the saved queries' process."""

    spreads: dict[str, list[float]] = field(default_factory=dict)
    """Every run's time of a stage run more than once (its time is their median)."""

    cpu: dict[str, float] = field(default_factory=dict)
    """CPU seconds of each stage's command (the median, for a stage run more than once)."""

    cpu_runs: dict[str, list[float]] = field(default_factory=dict)
    """Every run's CPU seconds of a stage run more than once."""

    def stage(self, name: str, command: list[str], ok: tuple[int, ...] = OK_CODES) -> Measured:
        """Run one stage's command; record its time, CPU time and peak memory under ``name``."""
        run = run_measured(command, self.deadline)
        if run.code is None:
            raise Stopped(name)
        if run.code not in ok:
            raise SystemExit(f"ours: {name} failed (exit {run.code}): {shlex.join(command)}\n"
                             f"{run.stderr}")
        self.stages[name] = run.seconds
        self.peaks[name] = run.peak_mb
        self.cpu[name] = run.cpu_seconds
        return run

    def again(self, name: str, command: list[str]) -> None:
        """Run a stage's command once more: its time and CPU time become the medians of its
        runs, its peak the largest."""
        times = self.spreads.setdefault(name, [self.stages[name]])
        cpu = self.cpu_runs.setdefault(name, [self.cpu[name]])
        peak = self.peaks[name]
        self.stage(name, command)
        times.append(self.stages[name])
        cpu.append(self.cpu[name])
        self.stages[name] = statistics.median(times)
        self.cpu[name] = statistics.median(cpu)
        self.peaks[name] = max(peak, self.peaks[name])

    def queries(self, store: str, runs: int) -> None:
        """The saved queries in one process; each query's in-process median is its time."""
        run = self.stage("saved queries", [sys.executable, "-m", "bench.run", "--child",
                                           "queries", "--store", store, "--runs", str(runs)],
                         ok=(0,))
        del self.stages["saved queries"], self.cpu["saved queries"]  # its queries' medians
        self.stages.update(json.loads(run.stdout.strip().splitlines()[-1]))


def time_queries(store_path: str, runs: int) -> dict[str, float]:
    """Each saved query's median time over ``runs`` runs on the store, opened read-only once."""
    from kg.query import list_saved_queries, run_query
    from kg.store import open_store

    store = open_store(store_path, read_only=True)
    project = next(iter(store.query(FIRST_PROJECT, use_default_graph_as_union=True)))["id"]
    medians = {}
    for query in list_saved_queries():
        values = _values(query, project.value)
        medians[f"query {query.name}"] = _median_time(
            lambda q=query, v=values: run_query(store, q, v), runs)
    return medians


def _count(pattern: str, output: str) -> int | None:
    """The sum of the numbers ``pattern`` finds in the last line of ``output`` (a command's
    summary line); None if it finds none."""
    last = output.strip().rpartition("\n")[2]
    found = [int(number) for number in re.findall(pattern, last)]
    return sum(found) if found else None


def run_ours(pages: Path, runs: int, timeout: float, jsonld: bool = True,
             build_runs: int = 1) -> dict[str, Any] | None:
    """Our pipeline on ``pages``, every stage a command of its own: stage name -> seconds,
    stage -> peak MB, counts; None when the stages take longer than ``timeout`` in all. The
    first build is timed ``build_runs`` times, each into a new store (the median counts)."""
    ours = OursRun(time.monotonic() + timeout)
    changed = f"{CHANGED_PAGES} changed"
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        pages = linked_copy(pages, Path(tmp) / "pages")
        store, output = os.path.join(tmp, "store"), os.path.join(tmp, "export")
        try:
            build = ours.stage("build", kg_command("build", str(pages), "--store", store))
            for again in range(1, build_runs):
                other = os.path.join(tmp, f"store-{again}")
                ours.again("build", kg_command("build", str(pages), "--store", other))
                shutil.rmtree(other)
            validate = ours.stage("validate", kg_command("validate", "--store", store))
            change_pages(pages, CHANGED_PAGES)
            ours.stage(f"build after {changed}", kg_command("build", str(pages), "--store", store))
            ours.stage(f"validate after {changed}", kg_command("validate", "--store", store))
            ours.queries(store, runs)
            for fmt in ("turtle", "jsonld") if jsonld else ("turtle",):
                ours.stage(f"export {fmt}",
                           kg_command("export", "--format", fmt, "-o", output, "--store", store))
                os.remove(output)
        except Stopped:
            return None
    peak_stage = max(ours.peaks, key=ours.peaks.__getitem__)
    return {"stages": ours.stages, "peaks": ours.peaks, "spreads": ours.spreads, "cpu": ours.cpu,
            "triples": _count(r"(\d+) quads written", build.stderr),
            "violations": _count(r"(\d+) (?:violation|warning|info)", validate.stdout),
            "peak_mb": ours.peaks[peak_stage], "peak_stage": peak_stage}


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
        STARTS[f"query {query.name}"] = time.monotonic()
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


def _child(args: argparse.Namespace) -> None:
    """Entry point of a measured process (the saved queries, or the baseline): one JSON line."""
    if args.child == "queries":
        print(json.dumps(time_queries(args.store, args.runs)))
        return
    result = run_baseline(args.pages, args.runs, args.query_timeout)
    peak = _peak_mb()
    result["max_rss_stage"] = next((stage for stage, mb in PEAKS.items() if mb >= peak), None)
    result["starts"] = STARTS
    print(json.dumps(result))


def stage_at(starts: dict[str, float], moment: float) -> str | None:
    """The stage running at ``moment``: the last one started by then."""
    started = [(start, stage) for stage, start in starts.items() if start <= moment]
    return max(started)[1] if started else None


def measure_baseline(pages: Path, runs: int, timeout: float,
                     query_limit: float = 60.0) -> dict[str, Any] | None:
    """The baseline in a process of its own, its peak memory measured like ours; None when it
    passes ``timeout`` seconds."""
    command = [sys.executable, "-m", "bench.run", "--child", "baseline", "--pages", str(pages),
               "--runs", str(runs), "--query-timeout", str(query_limit)]
    run = run_measured(command, time.monotonic() + timeout)
    if run.code is None:
        return None
    if run.code:
        raise SystemExit(f"baseline failed on {pages} (exit {run.code}):\n{run.stderr}")
    result = json.loads(run.stdout.strip().splitlines()[-1])
    starts, by_max_rss = result.pop("starts"), result.pop("max_rss_stage")
    sampled_at = max(run.samples, key=lambda sample: sample[1])[0]
    result["peak_mb"] = run.peak_mb
    result["peak_stage"] = (stage_at(starts, sampled_at) if run.sampled_mb >= run.max_rss_mb
                            else by_max_rss)
    return result


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


def _fmt_spread(seconds: float, runs: list[float] | None, cpu: float | None = None) -> str:
    """A median with the runs it is the median of and its CPU time (of the command and its
    workers): "61.20 s (59.40 s–66.60 s, 3 runs; CPU 112 s)"."""
    notes = [f"{_fmt(min(runs))}–{_fmt(max(runs))}, {len(runs)} runs"] if runs else []
    if cpu is not None:
        notes.append(f"CPU {cpu:.1f} s" if cpu < 10 else f"CPU {cpu:.0f} s")
    return f"{_fmt(seconds)} ({'; '.join(notes)})" if notes else _fmt(seconds)


def _fmt_peak(result: dict[str, Any]) -> str:
    stage = result.get("peak_stage")
    return f"{result['peak_mb']:,.0f} MB" + (f" (in {stage})" if stage else "")


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
                cells = (_fmt_spread(mine, ours.get("spreads", {}).get(stage),
                                     ours.get("cpu", {}).get(stage)), _fmt(theirs))
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
    parser.add_argument("--build-runs", type=int, default=1,
                        help="Runs of our first build, each into a new store (median).")
    parser.add_argument("--baseline-runs", type=int, default=None,
                        help="Runs per query for the baseline (default: --runs).")
    parser.add_argument("--timeout", type=float, default=1800.0,
                        help="Seconds before a pipeline run is stopped.")
    parser.add_argument("--jsonld-max", type=int, default=None,
                        help="Largest size our JSON-LD export is timed at (default: every size).")
    parser.add_argument("--query-timeout", type=float, default=60.0,
                        help="Seconds before one baseline query's runs are stopped.")
    parser.add_argument("--child", choices=["baseline", "queries"], help=argparse.SUPPRESS)
    parser.add_argument("--pages", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    results: dict[int, dict[str, dict[str, Any] | None]] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        pages = pages_for(size)
        results[size] = {"ours": run_ours(pages, args.runs, args.timeout,
                                          jsonld=args.jsonld_max is None or size <= args.jsonld_max,
                                          build_runs=args.build_runs)}
        if size <= args.baseline_max:
            results[size]["baseline"] = measure_baseline(
                pages, args.baseline_runs or args.runs, args.timeout, args.query_timeout)
        text = write_results(results, args.timeout)  # after each size, so a long run shows
        print(f"{size} pages done", file=sys.stderr)
    print(text)


def cpu_model() -> str:
    """The processor's model name (/proc/cpuinfo), or the platform's word for it: two
    machines of the same kind may differ in speed."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown processor"


def memory_gib() -> int | str:
    """The machine's memory in GiB, rounded (/proc/meminfo), or "?"."""
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            return round(int(info.readline().split()[1]) / 1024 ** 2)
    except (OSError, ValueError, IndexError):
        return "?"


def write_results(results: dict[int, dict[str, dict[str, Any] | None]], timeout: float) -> str:
    """Write the table (latest.md) and the raw figures (latest.json); return the table."""
    machine = (f"{platform.machine()}, {cpu_model()}, {os.cpu_count()} cores, "
               f"{memory_gib()} GiB, Python {platform.python_version()}, "
               f"{platform.system()} {platform.release()}")
    text = f"Machine: {machine}\n\n{table(results, timeout)}\n"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
