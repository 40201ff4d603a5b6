"""Shared pieces of the `kg` commands: error handling, exit codes and common options."""

from __future__ import annotations

import functools
import os
import select
import sys
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from kg.errors import DataError, KgError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_CANNOT_RUN = 0, 1, 2, 3


def fail(error: KgError) -> None:
    """Print a library error as `path:line: field: message` and exit with its code."""
    click.echo(f"kg: error: {error}", err=True)
    sys.exit(error.exit_code)


def let_go(error: BaseException) -> None:
    """Clear the variables of the frames that ``error``'s traceback, and those of the errors
    it came from, hold: the store a failed command opened is closed now, not once the garbage
    collector finds them (the exit's own error keeps ``error`` as its context)."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        traceback.clear_frames(cause.__traceback__)  # the running frame itself is skipped
        cause = cause.__cause__ or cause.__context__


def stdout_closed() -> bool:
    """True when nobody reads stdout any more: the pipe's reader (``kg … | head``) has gone."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (CliRunner's), or closed here
        return False
    poller = select.poll()
    poller.register(descriptor, 0)  # poll reports an error or hang-up whatever is asked
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))


def exit_if_stdout_closed(error: BaseException) -> None:
    """Exit 0 quietly when ``error`` is a write to a stdout nobody reads, as Unix tools end
    under ``| head``; return otherwise (a broken pipe to a server is an error like others)."""
    if not isinstance(error, BrokenPipeError) or not stdout_closed():
        return
    let_go(error)
    # writes still buffered go nowhere, so Python's flush at exit raises no second error
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(EXIT_OK)


class KgGroup(click.Group):
    """The `kg` group: a stdout closed under any command, or under click's own output (--help,
    --version), ends it quietly with exit 0, and output is flushed before the command ends so
    that a closed pipe is noticed here, not by Python at exit; warnings read as diagnostics."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        """Parse the arguments (printing --help or --version is done here)."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except OSError as error:
            exit_if_stdout_closed(error)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand, its warnings shown as ``kg: warning: …``; then flush stdout."""
        try:
            with warnings.catch_warnings():
                warnings.showwarning = show_warning
                result = super().invoke(ctx)
            sys.stdout.flush()
        except OSError as error:
            exit_if_stdout_closed(error)
            raise
        return result


def show_warning(message: Warning | str, _category: type[Warning], _filename: str,
                 _lineno: int, _file: Any = None, _line: str | None = None) -> None:
    """A library's warning on stderr as ``kg: warning: message``, without Python's source line."""
    click.echo(f"kg: warning: {message}", err=True)


def handles_errors(command: F) -> F:
    """Turn library exceptions into messages on stderr, and returned codes into exit codes."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            code = command(*args, **kwargs)
        except KgError as error:
            let_go(error)
            fail(error)
        except OSError as error:  # a file or folder kg was told to write: full disk, not a folder
            exit_if_stdout_closed(error)
            let_go(error)
            where = f"{error.filename}: " if error.filename else ""
            click.echo(f"kg: error: {where}{error.strerror or error}", err=True)
            sys.exit(EXIT_CANNOT_RUN)
        except KeyboardInterrupt as error:
            let_go(error)
            click.echo("kg: interrupted", err=True)
            sys.exit(EXIT_CANNOT_RUN)
        # Exit only after the command's frame is gone, so the store it opened is closed.
        if code:
            sys.exit(code)

    return wrapper  # type: ignore[return-value]


def store_option(command: F) -> F:
    """--store PATH, shared by every command that reads or writes the embedded store."""
    return click.option(
        "--store", "store_path", metavar="PATH", default=None,
        help="Embedded store folder (default $KG_STORE or ./kg-store; ':memory:' for none).",
    )(command)


def base_option(command: F) -> F:
    """--base IRI, the namespace of every minted IRI."""
    return click.option(
        "--base", metavar="IRI", envvar="KG_BASE", default=None, show_envvar=True,
        help="Base IRI of minted resources (default https://kg.example.org/iom/).",
    )(command)


def endpoint_option(command: F) -> F:
    """--endpoint URL, a remote SPARQL 1.1 endpoint instead of the embedded store."""
    return click.option(
        "--endpoint", metavar="URL", envvar="KG_ENDPOINT", default=None, show_envvar=True,
        help="SPARQL 1.1 endpoint to read instead of the store (not with --store, which "
             "wins over $KG_ENDPOINT); credentials come from $KG_ENDPOINT_USER/"
             "$KG_ENDPOINT_PASSWORD (for this URL's host only) or ~/.netrc.",
    )(command)


def checked_iri(text: str, option: str) -> str:
    """``text`` if it is an absolute IRI, else a usage error naming ``option``: an IRI goes
    into SPARQL text as ``<text>``, so one that could close the brackets never gets that far."""
    from kg.namespaces import absolute_iri

    try:
        absolute_iri(text)
    except ValueError as exc:
        raise click.BadParameter(f"{text!r} is not an absolute IRI: {exc}",
                                 param_hint=option) from exc
    return text


def _graph_iri(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    return None if value is None else checked_iri(value, "--graph")


def graph_option(command: F) -> F:
    """--graph IRI, the named graph on a remote endpoint."""
    return click.option(
        "--graph", metavar="IRI", default=None, callback=_graph_iri,
        help="Named graph on the endpoint (default: the one `kg push` writes, BASE/graph/kg).",
    )(command)


def endpoint_to_read(store_path: str | None, endpoint: str | None) -> str | None:
    """The endpoint a reading command reads, or None for the embedded store. --store and
    --endpoint both on the command line are a usage error; one on the command line wins over
    the other from the environment ($KG_ENDPOINT; $KG_STORE is never read with an endpoint)."""
    if not endpoint or store_path is None:
        return endpoint
    source = click.get_current_context().get_parameter_source
    if source("store_path") != ParameterSource.COMMANDLINE:
        return endpoint
    if source("endpoint") == ParameterSource.COMMANDLINE:
        raise click.UsageError("--store and --endpoint name two graphs to read; give one")
    return None


def endpoint_name() -> str:
    """How the user gave the endpoint: ``--endpoint``, or ``$KG_ENDPOINT`` from the environment."""
    source = click.get_current_context().get_parameter_source("endpoint")
    return "$KG_ENDPOINT" if source == ParameterSource.ENVIRONMENT else "--endpoint"


def graph_without_endpoint(graph: str | None, endpoint: str | None) -> None:
    """A usage error for --graph without --endpoint, which would be silently ignored."""
    if graph is not None and not endpoint:
        raise click.BadParameter("names a graph on an --endpoint; the embedded store reads "
                                 "all its graphs", param_hint="--graph")


def remote_graph(graph: str | None, base: str | None) -> str:
    """The --graph IRI, else the graph `kg push` writes under the base."""
    from kg.push import default_remote_graph

    return graph or default_remote_graph(base_iri(base))


def page_arguments(command: F) -> F:
    """PAGE_OR_DIR..., files or folders of pages (one that does not exist is reported by the
    command, which goes on with the others: exit 1, not a usage error)."""
    return click.argument(
        "pages", nargs=-1, required=True, type=click.Path(path_type=Path),
        metavar="PAGE_OR_DIR...",
    )(command)


def base_iri(base: str | None) -> str:
    """The --base IRI checked and normalised to end with ``/`` (kg.mapping.iris.normalise_base),
    else the default base."""
    from kg.errors import UsageError
    from kg.mapping.iris import normalise_base
    from kg.namespaces import DEFAULT_BASE

    if base is None:
        return DEFAULT_BASE
    checked_iri(base, "--base")
    try:
        return normalise_base(base)
    except UsageError as exc:
        raise click.BadParameter(str(exc), param_hint="--base") from exc


def served_base(base: str | None, built: str | None) -> str:
    """The base IRI to serve a store under: the one it was built with, which --base, when
    given, must name (its IRIs answer under no other)."""
    if base is None:
        return built or base_iri(None)
    checked = base_iri(base)
    if built is not None and checked != built:
        raise click.BadParameter(f"the store was built with base IRI {built}; serve it with "
                                 "that base (or without --base)", param_hint="--base")
    return checked


def report_data_errors(errors: list[DataError]) -> None:
    """One line per unreadable page on stderr."""
    for error in errors:
        click.echo(f"kg: error: {error}", err=True)
