"""The `kg` command line: what each command prints and its exit codes (0, 1, 2, 3)."""

from __future__ import annotations

import gc
import json
import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.mapping.version import mapping_version

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "pages"


def run(*args: str) -> tuple[int, str, str]:
    """Invoke `kg ARGS`; return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def built(tmp_path: Path, pages: Path) -> str:
    """A store built from the seed pages; returns its path."""
    store = str(tmp_path / "store")
    code, _, err = run("build", str(pages), "--store", store)
    assert code == 0, err
    return store


def test_parse_prints_one_json_record_per_seed_page(seed_paths: list[Path]) -> None:
    code, out, err = run("parse", *map(str, seed_paths))
    assert code == 0, err
    records = json.loads(out)
    assert [r["kind"] for r in records] == ["project"] * 4 + ["news"]
    vanuatu = records[0]
    assert vanuatu["prima_id"] == "VU10P0543"
    assert vanuatu["budget"] == {"amount": 300000, "currency": "USD"}
    assert [m["iso3"] for m in vanuatu["member_states"]] == ["VUT"]
    assert vanuatu["source"]["sha256"] and vanuatu["start_year"] is None


def test_parse_jsonl_and_table_formats(seed_paths: list[Path]) -> None:
    code, out, _ = run("parse", *map(str, seed_paths), "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 5
    assert json.loads(out.splitlines()[1])["prima_id"] == "FJ10P0514"
    code, out, _ = run("parse", *map(str, seed_paths), "--format", "table")
    assert code == 0 and "FJ10P0514" in out and "FJI TON VUT" in out


def test_parse_reports_a_bad_file_and_still_prints_the_others(pages: Path) -> None:
    (pages / "broken.txt").write_bytes(b"\x00\x00\x00\x01binary")
    code, out, err = run("parse", str(pages), "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 5
    assert "broken.txt" in err and "binary" in err


def test_parse_reports_unknown_labels_with_their_value(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text(
        "A Pilot Project for Safe Labour Migration in Ghana\n-\nProject Type\nMigration and "
        "Development\n-\nBudget Amount (USD)\n150000.00\n-\nDonor Agency\nGovernment of "
        "Norway\n-\nCoverage\nNational\n-\nPrima ID\nGH10P0101\n-\nBenefiting Member States\n"
        "Ghana\nThe project helps returning migrants find work.\n", encoding="utf-8")
    code, out, err = run("parse", str(page))
    issues = json.loads(out)[0]["issues"]
    assert any(i["field"] == "Donor Agency" and "Government of Norway" in i["message"]
               for i in issues)
    assert "Donor Agency" in err
    assert code == 0, "an unknown label is a warning: the page itself was read"


def test_build_exits_0_and_prints_a_summary(tmp_path: Path, pages: Path) -> None:
    code, _, err = run("build", str(pages), "--store", str(tmp_path / "s"))
    assert code == 0
    assert "5 pages (4 projects, 1 news)" in err and "5 added" in err


def test_build_exits_1_when_a_page_is_bad_and_loads_the_rest(tmp_path: Path,
                                                             pages: Path) -> None:
    (pages / "empty.txt").write_text("", encoding="utf-8")
    store = str(tmp_path / "s")
    code, _, err = run("build", str(pages), "--store", store)
    assert code == 1 and "empty.txt: empty file" in err
    code, out, _ = run("stats", "--store", store)
    assert code == 0 and "projects: 4" in out


def test_build_uses_the_store_from_the_environment(tmp_path: Path, pages: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env-store"))
    code, _, _ = run("build", str(pages))
    assert code == 0 and (tmp_path / "env-store" / "CURRENT").exists()


def _record_an_older_mapping(store_path: str) -> None:
    from kg.store import opened_store

    with opened_store(store_path) as store:
        store.update("PREFIX iom: <https://kg.example.org/iom/ontology#>\n"
                     "DELETE { GRAPH ?g { ?b iom:mappingVersion ?v } } "
                     "INSERT { GRAPH ?g { ?b iom:mappingVersion \"0000\" } } "
                     "WHERE { GRAPH ?g { ?b iom:mappingVersion ?v } }")


def test_build_says_when_it_maps_every_page_again(built: str, pages: Path) -> None:
    _record_an_older_mapping(built)
    code, _, err = run("build", str(pages), "--store", built)
    assert code == 0
    assert "mapped by version 0000" in err and "every page was mapped again" in err
    assert "0 replaced, 0 moved, 5 unchanged" in err
    code, _, err = run("build", str(pages), "--store", built)
    assert code == 0 and "mapped again" not in err


def test_a_missing_path_or_a_folder_without_pages_is_reported_and_the_rest_built(
        tmp_path: Path, pages: Path) -> None:
    store = str(tmp_path / "store")
    code, out, err = run("build", str(pages), str(tmp_path / "missing.txt"), "--store", store)
    assert code == 1 and "missing.txt" in err and "5 added" in out + err
    code, out, err = run("parse", str(tmp_path / "missing.txt"), str(pages), "--format", "jsonl")
    assert code == 1 and "missing.txt" in err and len(out.splitlines()) == 5
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "project.pdf").write_bytes(b"%PDF-1.7")
    code, out, err = run("build", str(scans), str(pages), "--store", store)
    assert code == 1 and "scans: no page file (" in err and "5 unchanged" in out + err, err


def test_a_store_keeps_the_base_iri_it_was_built_with(built: str, pages: Path) -> None:
    other = "https://data.example.net/migration/"
    code, _, err = run("build", str(pages), "--store", built, "--base", other)
    assert code == 2 and "https://kg.example.org/iom/" in err and "--base" in err
    code, out, _ = run("export", "--store", built, "--format", "nt")
    assert code == 0 and other not in out
    assert run("validate", "--store", built)[0] == 0
    assert run("build", str(pages), "--store", built)[0] == 0


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("export", "--format", "yaml")[0] == 2
    for command in (["query", "run", "projects"], ["validate"]):
        code, _, err = run(*command, "--store", str(tmp_path), "--graph", "urn:g")
        assert code == 2 and "--graph" in err and "--endpoint" in err
    store = str(tmp_path / "kg-store")
    assert run("build", str(tmp_path), "--store", store, "--base", "not-an-iri")[0] == 2
    code, _, err = run("build", str(tmp_path), "--store", store,
                       "--base", "https://data.example.org/iom#")
    assert code == 2 and "--base" in err and "fragment" in err, err
    assert not Path(store).exists(), "a usage error leaves no store behind"
    code, _, err = run("query", "run", "no-such-query", "--store", str(tmp_path))
    assert code == 2 and "projects-by-member-state" in err


def test_a_locked_store_exits_3_with_a_clear_message(built: str, pages: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import pyoxigraph, sys; s = pyoxigraph.Store({built!r}); print('open', flush=True); "
         "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        code, _, err = run("build", str(pages), "--store", built)
        assert code == 3 and "locked" in err
    finally:
        holder.communicate("")
    assert run("build", str(pages), "--store", built)[0] == 0


def test_reading_a_store_that_does_not_exist_exits_3(tmp_path: Path) -> None:
    code, _, err = run("export", "--store", str(tmp_path / "nowhere"))
    assert code == 3 and "kg build" in err


def test_a_store_path_that_is_a_file_or_a_folder_of_other_files_is_refused(
        tmp_path: Path, pages: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine\n", encoding="utf-8")
    for command in (["build", str(pages)], ["stats"], ["export"]):
        code, _, err = run(*command, "--store", str(a_file))
        assert code == 2 and "a file, not a store folder" in err, command
    assert a_file.read_text(encoding="utf-8") == "mine\n"
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "report.docx").write_bytes(b"PK")
    code, _, err = run("build", str(pages), "--store", str(documents))
    assert code == 2 and "other files" in err
    assert [p.name for p in documents.iterdir()] == ["report.docx"]
    deep = tmp_path / "not" / "yet" / "there"
    assert run("build", str(pages), "--store", str(deep))[0] == 0
    assert run("stats", "--store", str(deep))[0] == 0


def test_validate_exits_0_on_the_seeds_and_1_on_a_violation(built: str, tmp_path: Path,
                                                             pages: Path) -> None:
    code, out, _ = run("validate", "--store", built)
    assert code == 0 and "0 violations" in out
    page = pages / "000_cebd6cafa097de25.txt"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Benefiting Member States\nVanuatu", "Benefiting Member States\nVanuatu Fiji"),
        encoding="utf-8")
    assert run("build", str(pages), "--store", built)[0] == 0
    code, out, _ = run("validate", "--store", built)
    assert code == 1
    assert "VU10P0543" in out and "000_cebd6cafa097de25.txt" in out
    code, out, _ = run("validate", "--store", built, "--format", "json")
    assert code == 1 and json.loads(out)["conforms"] is False


@pytest.mark.parametrize("written", ["-350000.00", "USD -350,000", "\u2212350 000 USD"])
def test_a_negative_budget_is_kept_for_validation_to_flag(built: str, pages: Path,
                                                          written: str) -> None:
    page = pages / "000_cebd6cafa097de25.txt"
    text = page.read_text(encoding="utf-8")
    assert "\n300000.00\n" in text
    page.write_text(text.replace("\n300000.00\n", f"\n{written}\n"), encoding="utf-8")
    code, out, _ = run("parse", str(page))
    assert code == 0 and json.loads(out)[0]["budget"] == {"amount": -350000, "currency": "USD"}
    assert run("build", str(pages), "--store", built)[0] == 0
    code, out, _ = run("validate", "--store", built)
    assert code == 1
    assert "VU10P0543" in out and "must be a number of 0 or more" in out


def test_validate_page_must_name_a_page_graph_of_the_store(built: str, pages: Path) -> None:
    for engine in ("compiled", "pyshacl"):
        code, out, err = run("validate", "--store", built, "--engine", engine,
                             "--page", "nonsense page")
        assert code == 2 and "not an IRI" in err and "Traceback" not in err
        code, out, err = run("validate", "--store", built, "--engine", engine,
                             "--page", "https://kg.example.org/iom/page/0000000000000000")
        assert code == 2 and "no such page graph" in err and out == ""
    code, out, _ = run("parse", str(pages / "000_cebd6cafa097de25.txt"))
    sha256 = json.loads(out)[0]["source"]["sha256"]
    code, out, _ = run("validate", "--store", built, "--page",
                       f"https://kg.example.org/iom/page/{sha256[:16]}")
    assert code == 0 and "0 violations" in out


def test_query_list_show_and_run(built: str) -> None:
    code, out, _ = run("query", "list")
    assert code == 0 and "budget-by-region-year" in out and "projects-by-member-state" in out
    code, out, _ = run("query", "show", "projects-by-member-state")
    assert code == 0 and "#+ summary:" in out and "SELECT" in out
    code, out, _ = run("query", "run", "projects-by-member-state", "-p", "country=TON",
                       "--store", built, "--format", "csv")
    assert code == 0 and "FJ10P0514" in out and "VU10P0543" not in out
    code, out, _ = run("query", "run", "budget-by-region-year", "--store", built,
                       "--format", "json")
    assert code == 0 and json.loads(out)["results"]["bindings"]


def test_query_run_rejects_a_malformed_parameter(built: str) -> None:
    assert run("query", "run", "projects", "-p", "novalue", "--store", built)[0] == 2


def test_export_writes_a_file_and_says_where(built: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / "graph.ttl"
    code, _, err = run("export", "--store", built, "-o", str(target))
    assert code == 0 and str(target) in err
    assert target.read_text(encoding="utf-8").startswith("@prefix")
    code, out, _ = run("export", "--store", built, "--format", "nt")
    assert code == 0 and out.count("\n") > 200


def test_export_writes_through_a_link_and_into_a_pipe(built: str, tmp_path: Path) -> None:
    real = tmp_path / "published" / "graph.ttl"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "graph.ttl"
    link.symlink_to(real)
    assert run("export", "--store", built, "-o", str(link))[0] == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("@prefix")
    assert real.stat().st_mode & 0o777 == 0o640
    assert not list(real.parent.glob("*.part"))
    fifo = tmp_path / "graph.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    assert run("export", "--store", built, "-o", str(fifo))[0] == 0
    received = reader.communicate(timeout=60)[0]
    assert received == real.read_bytes() and stat.S_ISFIFO(fifo.stat().st_mode)


def test_an_output_that_cannot_be_written_is_a_clear_error(built: str, tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run("export", "--store", built, "-o", str(blocker / "graph.ttl"))
    assert code == 3 and err.startswith("kg: error:") and "afile" in err
    assert "Traceback" not in err


def test_a_folder_that_refuses_the_output_names_the_output(built: str) -> None:
    # /proc takes no new file, even from root: the export's temporary file cannot be made
    if not Path("/proc/self").exists():
        pytest.skip("needs Linux's /proc")
    target = Path("/proc/kg-graph.ttl")
    code, _, err = run("export", "--store", built, "-o", str(target))
    assert code == 3
    assert err.startswith(f"kg: error: {target}: ") and ".part" not in err
    assert "Traceback" not in err


def test_stats_counts_pages_projects_and_the_last_build(built: str) -> None:
    code, out, _ = run("stats", "--store", built)
    assert code == 0
    assert "pages: 5" in out and "projects: 4" in out and "news articles: 1" in out
    assert "last build: 20" in out
    assert f"mapping version: {mapping_version()}" in out


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"kg {name}" in readme, f"kg {name} is missing from the README"
        for sub in getattr(command, "commands", {}):
            assert f"kg {name} {sub}" in readme, f"kg {name} {sub} is missing from the README"


def test_every_command_help_has_an_example() -> None:
    def walk(group, prefix):  # type: ignore[no-untyped-def]
        for name, command in group.commands.items():
            yield [*prefix, name]  # groups too: `kg query --help`
            if hasattr(command, "commands"):
                yield from walk(command, [*prefix, name])

    for path in walk(main, []):
        code, out, _ = run(*path, "--help")
        assert code == 0 and "Example:" in out, " ".join(path)


def _help_examples() -> list[list[str]]:
    """The ``kg`` command lines of every command's help example, in the order they are written."""
    lines = []
    for text in [main.help or "", *(c.help or "" for c in main.commands.values()),
                 *(sub.help or "" for c in main.commands.values()
                   for sub in getattr(c, "commands", {}).values())]:
        example = text.split("Example:", 1)[-1] if "Example:" in text else ""
        lines += [shlex.split(line.strip())[1:] for line in example.splitlines()
                  if line.strip().startswith("kg ") and "&&" not in line]
    return lines


def test_help_examples_run_one_after_the_other_on_the_example_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As a user would copy them after `make run`'s build: each reads the store the build
    # example writes, and finds the example pages' projects and countries.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(EXAMPLES.parent)
    examples = _help_examples()
    build = next(args for args in examples if args[0] == "build")
    assert run(*build)[0] == 0
    local = [args for args in examples if args[0] not in ("build", "push", "serve")]
    assert len(local) >= 6
    for args in local:
        if args[0] == "parse":
            continue  # reads ../shared/seeds, which the seed tests cover
        code, out, err = run(*args)
        assert code == 0, f"kg {' '.join(args)}: {err}"
        if args[:2] == ["query", "run"]:
            assert "TT10P0412" in out, f"kg {' '.join(args)} found nothing"


def test_serve_uses_the_base_the_store_was_built_with(tmp_path: Path, pages: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.serve

    store = str(tmp_path / "store")
    base = "https://data.example.net/kg/"
    assert run("build", str(pages), "--store", store, "--base", base)[0] == 0
    served: list[str] = []
    monkeypatch.setattr(kg.serve, "serve",
                        lambda path, **options: served.append(options["settings"].base))
    assert run("serve", "--store", store)[0] == 0
    assert run("serve", "--store", store, "--base", base)[0] == 0
    assert served == [base, base]
    code, _, err = run("serve", "--store", store, "--base", "https://kg.example.org/iom/")
    assert code == 2 and f"built with base IRI {base}" in err
    assert len(served) == 2


def test_serve_opens_the_store_once_and_serves_the_snapshot_it_read_the_base_from(
        built: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.serve
    import kg.store

    opened: list[object] = []
    open_store = kg.store.open_store

    def counted(*args: object, **options: object) -> object:
        opened.append(open_store(*args, **options))
        return opened[-1]

    served: list[object] = []
    monkeypatch.setattr(kg.store, "open_store", counted)
    monkeypatch.setattr(kg.serve, "serve", lambda path, **options: served.append(options["store"]))
    assert run("serve", "--store", built)[0] == 0
    assert len(opened) == 1 and served == opened


def test_serve_warns_off_loopback_and_passes_the_allowed_host_names(
        built: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.serve

    served: list[tuple[str, tuple[str, ...]]] = []
    monkeypatch.setattr(kg.serve, "serve", lambda path, **options: served.append(
        (options["host"], options["settings"].hosts)))
    code, _, err = run("serve", "--store", built)
    assert code == 0 and "warning" not in err
    code, _, err = run("serve", "--store", built, "--host", "0.0.0.0",
                       "--allow-host", "kg.lan", "--allow-host", "KG2.lan")
    assert code == 0
    assert "warning: listening on 0.0.0.0, not loopback" in err
    assert served[0] == ("127.0.0.1", ("127.0.0.1", "localhost", "[::1]"))
    assert served[1][0] == "0.0.0.0"
    assert {"kg.lan", "KG2.lan", "localhost"} <= set(served[1][1])
    code, _, err = run("serve", "--store", built, "--host", "::1")
    assert code == 0 and "warning" not in err


def test_progress_bar_counts_pages_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.cli_output import PROGRESS_THRESHOLD, progress_bar

    counted: list[int] = []

    def count() -> int:
        counted.append(1)
        return PROGRESS_THRESHOLD * 2

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with progress_bar(count) as advance:
        assert advance is None
    assert counted == []  # walking 100k files for a bar nobody sees cost a build 3 s
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress_bar(count) as advance:
        assert advance is not None
        advance(1)
    assert counted == [1]


def test_a_command_that_fails_closes_the_store_before_it_exits(built: str, pages: Path) -> None:
    # With the collector off only reference counts free objects: the store the failed build
    # opened must be closed when it exits, not once the collector finds its error's frames.
    gc.disable()
    try:
        code, _, err = run("build", str(pages), "--store", built, "--base", "https://data.example.net/migration/")
        assert code == 2 and "--base" in err
        code, _, err = run("build", str(pages), "--store", built)
        assert code == 0, err
    finally:
        gc.enable()


def test_a_closed_stdout_ends_every_command_quietly_with_exit_0(built: str, pages: Path) -> None:
    page = str(pages / "000_cebd6cafa097de25.txt")
    for args in (["parse", page], ["validate", "--store", built], ["query", "list"],
                 ["query", "show", "projects"], ["query", "run", "projects", "--store", built],
                 ["export", "--store", built, "--format", "nt"], ["stats", "--store", built],
                 ["--help"], ["--version"], ["query", "run", "--help"]):
        read, write = os.pipe()
        os.close(read)  # the reader has gone, as `| head` does once it has its lines
        try:
            done = subprocess.run([sys.executable, "-m", "kg.cli", *args], stdout=write,
                                  stderr=subprocess.PIPE, timeout=120, check=False)
        finally:
            os.close(write)
        assert (done.returncode, done.stderr) == (0, b""), args


def test_a_broken_pipe_other_than_stdout_is_an_error(built: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.store.stats

    def broken(*_: object) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(kg.store.stats, "store_stats", broken)
    code, _, err = run("stats", "--store", built)
    assert code == 3 and "kg: error:" in err and "Broken pipe" in err


def test_an_rq_file_given_by_path_needs_no_header(built: str, tmp_path: Path) -> None:
    adhoc = tmp_path / "ids.rq"
    adhoc.write_text("PREFIX iom: <https://kg.example.org/iom/ontology#>\n"
                     "SELECT ?id WHERE { ?p iom:primaId ?id } ORDER BY ?id\n", encoding="utf-8")
    code, out, err = run("query", "run", str(adhoc), "--store", built, "--format", "csv")
    assert code == 0, err
    assert out.split() == ["id", "FJ10P0514", "FJ10P0532", "GY10P0001", "VU10P0543"]
    code, _, err = run("query", "run", str(adhoc), "--store", built, "-p", "id=X")
    assert code == 2 and "no parameter id" in err
    with_params = tmp_path / "by-id.rq"  # a header with parameters only
    with_params.write_text("#+ params:\n#+   - name: id\n#+     type: code\n"
                           "PREFIX iom: <https://kg.example.org/iom/ontology#>\n"
                           "SELECT ?p ?id WHERE { ?p iom:primaId ?id }\n", encoding="utf-8")
    code, out, err = run("query", "run", str(with_params), "-p", "id=vu10p0543", "--store",
                         built, "--format", "csv")
    assert code == 0 and out.splitlines()[1].endswith(",VU10P0543"), err


@pytest.mark.parametrize(("fmt", "shown"), [
    ("table", "<<( <https://kg.example.org/iom/project/FJ10P0514>"),
    ("tsv", '<<( <https://kg.example.org/iom/project/FJ10P0514> '
            '<https://kg.example.org/iom/ontology#primaId> "FJ10P0514" )>>'),
    # as Oxigraph's CSV writes it, and kg serve's /sparql with it
    ("csv", "https://kg.example.org/iom/project/FJ10P0514 "
            "https://kg.example.org/iom/ontology#primaId FJ10P0514"),
    ("json", '"type": "triple"'),
])
def test_rdf_1_2_triple_terms_in_a_result_are_written_in_every_format(
        built: str, tmp_path: Path, fmt: str, shown: str) -> None:
    adhoc = tmp_path / "triples.rq"
    adhoc.write_text("PREFIX iom: <https://kg.example.org/iom/ontology#>\n"
                     "SELECT (TRIPLE(?p, iom:primaId, ?id) AS ?t) WHERE { ?p iom:primaId ?id }\n"
                     "ORDER BY ?id LIMIT 1\n", encoding="utf-8")
    code, out, err = run("query", "run", str(adhoc), "--store", built, "--format", fmt)
    assert code == 0, err
    assert shown in out


@pytest.mark.parametrize(("text", "form"), [
    ("ASK { ?s ?p ?o }", "an ASK query"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "a CONSTRUCT or DESCRIBE query"),
    ("DESCRIBE <https://kg.example.org/iom/project/VU10P0543>", "a CONSTRUCT or DESCRIBE query"),
])
def test_a_query_file_of_another_form_than_select_is_a_usage_error(
        built: str, tmp_path: Path, text: str, form: str) -> None:
    path = tmp_path / "other.rq"
    path.write_text(f"#+ summary: s\n#+ example: e\n{text}\n", encoding="utf-8")
    code, out, err = run("query", "run", str(path), "--store", built)
    assert code == 2 and out == ""
    assert f"{path}: {form}; kg query run answers SELECT queries only" in err


def test_a_base_without_its_trailing_slash_is_normalised_as_the_graph_model_says(
        tmp_path: Path, pages: Path) -> None:
    store = str(tmp_path / "store")
    base = "https://data.example.net/kg"
    assert run("build", str(pages), "--store", store, "--base", base)[0] == 0
    code, out, _ = run("export", "--store", store, "--format", "nt")
    assert code == 0 and f"<{base}/project/VU10P0543>" in out
    assert run("build", str(pages), "--store", store, "--base", base + "/")[0] == 0
