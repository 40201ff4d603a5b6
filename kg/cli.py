"""`kg`: a thin click layer over the library. Data goes to stdout, diagnostics to stderr.

Exit codes, for every command: 0 ok; 1 data problems (the rest of the work done);
2 usage error; 3 could not run (store locked or missing, server unreachable).
"""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path

import click

from kg.cli_options import (
    EXIT_DATA,
    EXIT_OK,
    KgGroup,
    base_iri,
    base_option,
    endpoint_name,
    endpoint_option,
    endpoint_to_read,
    graph_option,
    graph_without_endpoint,
    handles_errors,
    page_arguments,
    remote_graph,
    report_data_errors,
    served_base,
    store_option,
)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="iom-kg", prog_name="kg")
def main() -> None:
    """Turn IOM project pages and news articles into a validated RDF knowledge graph.

    \b
    Example:
      kg build examples/pages && kg validate && kg query run budget-by-region-year
    """


@main.command("parse")
@page_arguments
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json",
              show_default=True, help="Output format.")
@handles_errors
def parse_command(pages: tuple[Path, ...], fmt: str) -> int:
    """Parse pages into records, printed on stdout; issues go to stderr.

    \b
    Example:
      kg parse ../shared/seeds/*.txt --format table
    """
    from kg.cli_output import print_issues, records_table
    from kg.parse import parse_paths
    from kg.records import has_errors, to_dict

    result = parse_paths(pages)
    dicts = [to_dict(record) for record in result.records]
    if fmt == "json":
        click.echo(json.dumps(dicts, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for item in dicts:
            click.echo(json.dumps(item, ensure_ascii=False))
    else:
        click.echo(records_table(result.records))
    print_issues(result.records)
    report_data_errors(result.errors)
    return EXIT_DATA if result.errors or any(has_errors(r) for r in result.records) else EXIT_OK


@main.command("build")
@page_arguments
@store_option
@base_option
@click.option("--prune", is_flag=True, help="Drop the graphs of pages whose file is gone.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Parser processes (default: one per core for many pages).")
@handles_errors
def build_command(pages: tuple[Path, ...], store_path: str | None, base: str | None,
                  prune: bool, jobs: int | None) -> int:
    """Parse pages and load them into the store, one named graph per page.

    Re-building replaces changed pages, skips unchanged ones and only rewrites the path of
    pages moved elsewhere (a folder renamed, a build run from another directory).

    \b
    Example:
      kg build examples/pages --store out/kg-store
    """
    from kg.build import build
    from kg.cli_output import print_issue_pairs, progress_bar
    from kg.store import opened_store, store_page_lines
    from kg.store.progress import count_pages

    base = base_iri(base)  # a usage error before the store is opened (or made)
    with opened_store(store_path) as store, \
            progress_bar(partial(count_pages, pages)) as advance:
        summary = build(store, pages, base, prune=prune, progress=advance, jobs=jobs,
                        page_lines=store_page_lines(store_path))
    print_issue_pairs(summary.issues)
    report_data_errors(summary.errors)
    if note := summary.remap_note():
        click.echo(f"kg build: {note}", err=True)
    click.echo(f"kg build: {summary.line()}", err=True)
    return EXIT_DATA if summary.has_data_problems else EXIT_OK


@main.command("validate")
@store_option
@endpoint_option
@graph_option
@base_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text",
              show_default=True, help="Report format.")
@click.option("--engine", type=click.Choice(["compiled", "pyshacl"]), default="compiled",
              show_default=True,
              help="compiled: shapes as SPARQL in the store, re-checking only what changed "
                   "since the last run; pyshacl: the reference, slower. Same report.")
@click.option("--full", is_flag=True,
              help="Re-check everything (ignore the cache beside the store; an endpoint is "
                   "always checked in full).")
@click.option("--page", "pages", multiple=True, metavar="GRAPH_IRI",
              help="Report only on the nodes this page graph of the store describes "
                   "(repeatable; not with --endpoint).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=300.0, show_default=True,
              help="Seconds to wait for a remote endpoint.")
@handles_errors
def validate_command(store_path: str | None, endpoint: str | None, graph: str | None,
                     base: str | None, fmt: str, engine: str, full: bool,
                     pages: tuple[str, ...], timeout: float) -> int:
    """Check the graph against the SHACL shapes in shapes/.

    Exit 0 when it conforms (warnings allowed), 1 on violations.

    \b
    Example:
      kg validate --store out/kg-store --format json
      kg validate --store out/kg-store --engine pyshacl --full
    """
    from kg.store.remote import Endpoint
    from kg.validate import format_json, format_text, format_turtle
    from kg.validate_store import validate_endpoint, validate_store

    endpoint = endpoint_to_read(store_path, endpoint)
    graph_without_endpoint(graph, endpoint)
    if endpoint and pages:
        raise click.BadParameter(f"names a page graph of the embedded store; {endpoint_name()} "
                                 "holds the graph `kg push` wrote, without page graphs",
                                 param_hint="--page")
    if endpoint:
        report = validate_endpoint(Endpoint(endpoint, timeout=timeout),
                                   remote_graph(graph, base),
                                   engine=engine)  # type: ignore[arg-type]
    else:
        report = validate_store(store_path, engine=engine,  # type: ignore[arg-type]
                                pages=pages or None, full=full)
    formatter = {"text": format_text, "json": format_json, "turtle": format_turtle}[fmt]
    click.echo(formatter(report), nl=False)
    return EXIT_OK if report.conforms else EXIT_DATA


@main.group("query")
def query_group() -> None:
    """List, show and run the saved SPARQL queries in queries/.

    \b
    Example:
      kg query run projects-by-member-state -p country="Trinidad and Tobago" --store out/kg-store
    """


@query_group.command("list")
@handles_errors
def query_list() -> None:
    """List saved queries with their summaries.

    \b
    Example:
      kg query list
    """
    from kg.query import list_saved_queries

    queries = list_saved_queries()
    width = max((len(q.name) for q in queries), default=0)
    for query in queries:
        params = " ".join(f"{p.name}={p.default if p.default is not None else '(required)'}"
                          for p in query.params)
        click.echo(f"{query.name:<{width}}  {query.summary}" + (f"  [{params}]" if params else ""))


@query_group.command("show")
@click.argument("name")
@handles_errors
def query_show(name: str) -> None:
    """Print a saved query's text.

    \b
    Example:
      kg query show projects-by-member-state
    """
    from kg.query import load_saved_query

    click.echo(load_saved_query(name).text, nl=False)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not key=value", param_hint="-p")
        params[key.strip()] = value
    return params


@query_group.command("run")
@click.argument("name_or_file")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Query parameter, bound as an RDF term (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True, help="Result format.")
@store_option
@endpoint_option
@graph_option
@base_option
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds to wait for a remote endpoint.")
@handles_errors
def query_run(name_or_file: str, params: tuple[str, ...], fmt: str, store_path: str | None,
              endpoint: str | None, graph: str | None, base: str | None,
              timeout: float) -> None:
    """Run a saved query (by name) or a .rq file on the store or an endpoint.

    A file given by path needs no '#+' header unless it takes parameters; saved queries and
    files alike are SELECT queries.

    \b
    Example:
      kg query run projects-by-member-state -p country=TTO --store out/kg-store --format csv
    """
    from kg.query import format_results, load_saved_query, run_query
    from kg.query_targets import open_target

    query = load_saved_query(name_or_file)
    values = _parse_params(params)
    endpoint = endpoint_to_read(store_path, endpoint)
    graph_without_endpoint(graph, endpoint)
    target_graph = remote_graph(graph, base) if endpoint else None
    with open_target(store_path, endpoint, timeout=timeout, graph=target_graph) as target:
        result = run_query(target, query, values)
    click.echo(format_results(result, fmt), nl=False)


@main.command("export")
@click.option("--format", "fmt",
              type=click.Choice(["turtle", "nt", "jsonld", "jsonld-framed", "trig"]),
              default="turtle", show_default=True,
              help="Serialisation; jsonld-framed nests each project's results in one tree.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default stdout).")
@click.option("--with-ontology", is_flag=True, help="Include the ontology and concept schemes.")
@store_option
@handles_errors
def export_command(fmt: str, output: Path | None, with_ontology: bool,
                   store_path: str | None) -> None:
    """Export the graph; the same pages always give the same bytes.

    \b
    Example:
      kg export --store out/kg-store --format jsonld -o out/graph.jsonld
      kg export --store out/kg-store --format jsonld-framed -o out/projects.jsonld
    """
    from kg.cli_output import write_output
    from kg.export import ExportFormat, export
    from kg.store import opened_store, store_page_lines

    with opened_store(store_path, read_only=True) as store:
        write = partial(export, store, ExportFormat(fmt), with_ontology=with_ontology,
                        page_lines=store_page_lines(store_path))
        count = write(sys.stdout.buffer) if output is None else write_output(output, write)
    where = f" to {output}" if output else ""
    click.echo(f"kg export: {count} {'quads' if fmt == 'trig' else 'triples'}{where}", err=True)


@main.command("push")
@click.option("--endpoint", metavar="URL", envvar="KG_ENDPOINT", required=True,
              show_envvar=True, help="SPARQL 1.1 query URL of the server.")
@graph_option
@base_option
@store_option
@click.option("--update-url", metavar="URL", default=None,
              help="SPARQL Update URL, when it cannot be guessed from --endpoint.")
@click.option("--graph-store-url", metavar="URL", default=None,
              help="Graph Store Protocol URL, when it cannot be guessed from --endpoint.")
@click.option("--no-graph-store", is_flag=True,
              help="Load through SPARQL Update only (servers without a Graph Store endpoint).")
@click.option("--batch-size", type=click.IntRange(min=1), default=50_000, show_default=True,
              help="Triples sent at a time (per request with --no-graph-store).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=300.0, show_default=True,
              help="Seconds to wait while sending; the server's answer, once it has "
                   "written the graph, may take this once per 50,000 triples.")
@handles_errors
def push_command(endpoint: str, graph: str | None, base: str | None, store_path: str | None,
                 update_url: str | None, graph_store_url: str | None, no_graph_store: bool,
                 batch_size: int, timeout: float) -> None:
    """Replace a named graph on a SPARQL 1.1 server with the store's graph.

    One Graph Store PUT, sent batch by batch, replaces the graph in one transaction, so the
    server never holds half a graph (--no-graph-store: SPARQL Update batches into a temporary
    graph, then one MOVE). Credentials: $KG_ENDPOINT_USER / $KG_ENDPOINT_PASSWORD, sent to
    the --endpoint's host and port only, or ~/.netrc for each URL's host.

    \b
    Example:
      kg push --store out/kg-store --endpoint http://127.0.0.1:7878/query
    """
    from kg.cli_output import progress_bar
    from kg.push import push_store
    from kg.store import opened_store, store_page_lines
    from kg.store.remote import Endpoint

    target = Endpoint(endpoint, update_url=update_url, store_url=graph_store_url,
                      timeout=timeout)
    target_graph = remote_graph(graph, base)
    with opened_store(store_path, read_only=True) as store:
        count = push_store(store, target, target_graph, batch_size=batch_size,
                           use_graph_store=not no_graph_store,
                           progress=partial(progress_bar, unit="triple"),
                           page_lines=store_page_lines(store_path))
    click.echo(f"kg push: {count} triples to <{target_graph}> at {endpoint}", err=True)


@main.command("stats")
@store_option
@handles_errors
def stats_command(store_path: str | None) -> None:
    """Show pages, projects, triples and the last build.

    \b
    Example:
      kg stats --store out/kg-store
    """
    from kg.store import opened_store
    from kg.store.stats import store_stats

    with opened_store(store_path, read_only=True) as store:
        stats = store_stats(store)
    for key, value in stats.items():
        click.echo(f"{key}: {value}")


@main.command("serve")
@store_option
@base_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (meant for loopback; another one gets a warning).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a SPARQL query may run before the answer is 503.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Another host name clients reach the server by (the Host header, any port), "
                   "besides 127.0.0.1, localhost, [::1] and --host; repeatable; '*' takes any "
                   "(no defence against DNS rebinding).")
@handles_errors
def serve_command(store_path: str | None, base: str | None, host: str, port: int,
                  timeout: float, allow_hosts: tuple[str, ...]) -> None:
    """Publish the graph as linked data: SPARQL endpoint, resource pages, charts, ontology.

    Every minted IRI answers at its path (Turtle, JSON-LD or HTML by Accept); the SPARQL
    1.1 endpoint is /sparql; saved queries run at /saved/NAME. Requests must name the server
    by a loopback name, --host or an --allow-host name (a defence against DNS rebinding).
    Stop with Ctrl-C.

    \b
    Example:
      kg serve --store out/kg-store --port 8000
      curl -H 'Accept: text/turtle' http://127.0.0.1:8000/project/TT10P0412
    """
    from kg.serve import ServeSettings, is_loopback, serve
    from kg.serve.hosts import LOOPBACK_HOSTS
    from kg.store import close_reader, open_store
    from kg.store.graphs import last_build

    store = open_store(store_path, read_only=True)  # served from here on: opened once
    try:
        built = last_build(store)
        settings = ServeSettings(base=served_base(base, built.base if built else None),
                                 timeout=timeout, hosts=(*LOOPBACK_HOSTS, *allow_hosts))
    except BaseException:
        close_reader(store)
        raise
    if not is_loopback(host):
        click.echo(f"kg serve: warning: listening on {host}, not loopback: anyone who can "
                   "reach it can query the whole graph, the pages' local paths among it; "
                   "kg serve is meant for loopback and trusted networks", err=True)
    if "*" in allow_hosts:
        click.echo("kg serve: warning: --allow-host '*' answers any host name, so a web page "
                   "can read the server through DNS rebinding", err=True)
    serve(store_path, host=host, port=port, settings=settings, store=store,
          ready=lambda url: click.echo(f"kg serve: {url} (base {settings.base})", err=True))

if __name__ == "__main__":  # pragma: no cover
    main()
