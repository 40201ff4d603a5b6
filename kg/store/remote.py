"""A remote SPARQL 1.1 server (Oxigraph, Fuseki, Virtuoso, GraphDB) as query and load target.

Queries go through SPARQLWrapper (POST, JSON or N-Triples results, a timeout). Loading replaces
the target graph with one Graph Store HTTP Protocol ``PUT``, its body streamed batch by batch,
which the server applies in one transaction, so readers never see a partial graph; servers
without a Graph Store endpoint get batches of SPARQL Update ``INSERT DATA`` into a temporary
graph, then one ``MOVE`` that makes it the target graph.
Credentials come from $KG_ENDPOINT_USER / $KG_ENDPOINT_PASSWORD, sent only to the endpoint's
own scheme, host and port, or from ~/.netrc for the host a request goes to; never arguments.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import io
import ipaddress
import netrc
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from SPARQLWrapper import JSON, N3, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.errors import EndpointError, UsageError
from kg.namespaces import absolute_iri

USER_ENV, PASSWORD_ENV = "KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD"
_READ_SIZE = 1 << 20
_warned: set[tuple[str, str, int | None]] = set()  # origins warned of (plain http)


class PlainHttpCredentialsWarning(UserWarning):
    """Credentials are about to go over plain http to a host other than this machine."""


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of ``url``, the port filled in for http and https."""
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    scheme = parts.scheme.lower()
    return scheme, parts.hostname or "", port or {"http": 80, "https": 443}.get(scheme)


def credentials(url: str, endpoint_url: str | None = None) -> tuple[str, str] | None:
    """(user, password) for ``url``: from the environment when ``url`` is on the scheme, host
    and port of ``endpoint_url`` (default ``url``: the endpoint itself), else from ~/.netrc
    for ``url``'s host, else None. An update or Graph Store URL on another host never gets
    the endpoint's credentials."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user and origin(url) == origin(endpoint_url or url):
        return user, password or ""
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc().authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError):
        return None
    return (entry[0], entry[2] or "") if entry else None


def is_loopback(host: str) -> bool:
    """True for ``localhost`` (and names under it) and loopback addresses (127.0.0.0/8, ::1,
    bracketed or not): this machine."""
    name = host.strip().lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def _basic(auth: tuple[str, str]) -> str:
    return "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper sending the Authorization header to the endpoint only: urllib copies an
    ordinary header onto a redirect to any other host, but never an unredirected one."""

    authorization: str | None = None

    def _createRequest(self) -> urllib.request.Request:
        request = super()._createRequest()
        if self.authorization:
            request.add_unredirected_header("Authorization", self.authorization)
        return request


def iri_ref(iri: str) -> str:
    """``<iri>`` for SPARQL text; UsageError for anything but an absolute IRI, so no value
    can close the brackets and add its own operations to an update."""
    try:
        return str(absolute_iri(iri))
    except ValueError as exc:
        raise UsageError(f"{iri!r} is not an absolute IRI: {exc}") from exc


def derive_url(query_url: str, role: str) -> str:
    """Guess the update (``role="update"``) or Graph Store (``"store"``) URL of common servers.

    Oxigraph ``/query`` -> ``/update``, ``/store``; Fuseki ``/ds/sparql`` -> ``/ds/update``,
    ``/ds/data``; Virtuoso ``/sparql`` -> ``/sparql``, ``/sparql-graph-crud``; GraphDB and RDF4J
    ``/repositories/x`` -> ``/repositories/x/statements``, ``.../rdf-graphs/service``.
    """
    parts = urllib.parse.urlsplit(query_url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if "/repositories/" in path:
        new = path + ("/statements" if role == "update" else "/rdf-graphs/service")
    elif not head and last == "sparql":
        new = path if role == "update" else "/sparql-graph-crud"
    elif last in {"query", "sparql"}:
        new = f"{head}/update" if role == "update" else (f"{head}/data" if head else "/store")
    else:
        new = path
    return urllib.parse.urlunsplit(parts._replace(path=new))


def check_endpoint_url(url: str) -> None:
    """UsageError unless ``url`` is an http(s) URL with a host, a valid port and no user name
    or password (credentials come from the environment or ~/.netrc, never from a URL, which
    shells and process lists show to everyone)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None or parts.password is not None:
        host = parts.netloc.rpartition("@")[2]
        shown = urllib.parse.urlunsplit(parts._replace(netloc=f"***@{host}"))
        raise UsageError(f"{shown}: credentials in an endpoint URL are refused; set "
                         "$KG_ENDPOINT_USER and $KG_ENDPOINT_PASSWORD or use ~/.netrc")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in {"http", "https"} or not parts.hostname or port == -1:
        raise UsageError(f"{url}: not an http(s) URL with a host (and a port from 1 to 65535)")


@dataclass
class Endpoint:
    """A SPARQL 1.1 server: query URL, update URL and Graph Store URL."""

    query_url: str
    update_url: str | None = None
    store_url: str | None = None
    timeout: float = 60.0

    def __post_init__(self) -> None:
        for url in (self.query_url, self.update_url, self.store_url):
            if url is not None:
                check_endpoint_url(url)
        self.update_url = self.update_url or derive_url(self.query_url, "update")
        self.store_url = self.store_url or derive_url(self.query_url, "store")

    def credentials_for(self, url: str) -> tuple[str, str] | None:
        """The credentials to send with a request to ``url`` (see ``credentials``), with a
        PlainHttpCredentialsWarning, once per host and port, when they would go over plain
        http to another machine."""
        auth = credentials(url, self.query_url)
        where = origin(url)
        if auth and where[0] == "http" and not is_loopback(where[1]) and where not in _warned:
            _warned.add(where)
            warnings.warn(f"the credentials for {where[1]}:{where[2]} go over plain http, "
                          "readable on the way; use an https URL", PlainHttpCredentialsWarning,
                          stacklevel=2)
        return auth

    # -- queries -------------------------------------------------------------------------
    def _wrapper(self, default_graph: str | None) -> SPARQLWrapper:
        wrapper = _Wrapper(self.query_url)
        wrapper.setMethod(POST)
        wrapper.timeout = self.timeout  # type: ignore[assignment]  # setTimeout makes it int
        if default_graph:
            wrapper.addDefaultGraph(default_graph)
        auth = self.credentials_for(self.query_url)
        if auth:
            wrapper.authorization = _basic(auth)
        return wrapper

    def _run(self, wrapper: SPARQLWrapper) -> Any:
        try:
            return wrapper.query()
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise EndpointError(
                f"{self.query_url}: unreachable or too slow: {_reason(exc)}") from exc
        except SPARQLWrapperException as exc:
            raise EndpointError(f"{self.query_url}: refused the query: {exc}") from exc

    def select(self, text: str, default_graph: str | None = None) -> dict[str, Any]:
        """Run a SELECT/ASK query; the SPARQL 1.1 JSON results as a dict."""
        wrapper = self._wrapper(default_graph)
        wrapper.setQuery(text)
        wrapper.setReturnFormat(JSON)
        return self._run(wrapper).convert()

    def require_graph(self, graph: str) -> None:
        """EndpointError (exit 3) unless the named ``graph`` holds a triple on the server: an
        empty answer from a graph nobody pushed would read as "nothing found"."""
        answer = self.select(f"ASK {{ GRAPH {iri_ref(graph)} {{ ?s ?p ?o }} }}")
        if not answer.get("boolean"):
            raise EndpointError(f"{self.query_url}: the graph <{graph}> holds no triples; "
                                "`kg push` it first, or name the graph to read with --graph")

    def construct(self, text: str, default_graph: str | None = None) -> bytes:
        """Run a CONSTRUCT query; the result graph as N-Triples bytes."""
        buffer = io.BytesIO()
        self.construct_into(text, buffer, default_graph)
        return buffer.getvalue()

    def construct_into(self, text: str, output: IO[bytes],
                       default_graph: str | None = None) -> None:
        """Run a CONSTRUCT query; write the result graph to ``output`` as N-Triples, as it
        arrives (a big graph never sits in memory as one text)."""
        wrapper = self._wrapper(default_graph)
        wrapper.setQuery(text)
        wrapper.setReturnFormat(N3)
        wrapper.addCustomHttpHeader("Accept", "application/n-triples")
        response = self._run(wrapper).response
        try:
            shutil.copyfileobj(response, output, _READ_SIZE)
        except (OSError, http.client.HTTPException) as exc:
            raise EndpointError(
                f"{self.query_url}: unreachable or too slow: {_reason(exc)}") from exc

    # -- writes --------------------------------------------------------------------------
    def _request(self, method: str, url: str, body: bytes | Iterable[bytes], content_type: str,
                 timeout: float | None = None, length: int | None = None) -> None:
        """Send one request, its body whole or in pieces of ``length`` bytes in all. Connecting
        and sending wait the endpoint's timeout; the answer ``timeout`` (default the same)."""
        parts = urllib.parse.urlsplit(url)
        headers = {"Content-Type": content_type}
        if length is not None:  # else http.client counts bytes, or sends pieces chunked
            headers["Content-Length"] = str(length)
        auth = self.credentials_for(url)
        if auth:
            headers["Authorization"] = _basic(auth)
        connection_type = (http.client.HTTPSConnection if parts.scheme == "https"
                           else http.client.HTTPConnection)
        connection = connection_type(parts.netloc, timeout=self.timeout)
        target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        try:
            connection.request(method, target, body=body, headers=headers)
            if connection.sock is not None:
                connection.sock.settimeout(timeout or self.timeout)
            response = connection.getresponse()
            detail = response.read().decode("utf-8", "replace")[:300].strip()
        except (OSError, http.client.HTTPException) as exc:
            raise EndpointError(f"{url}: unreachable or too slow: {_reason(exc)}") from exc
        finally:
            connection.close()
        if response.status >= 300:
            raise EndpointError(f"{url}: refused ({response.status} {response.reason}) {detail}")

    def update(self, text: str, timeout: float | None = None) -> None:
        """Run a SPARQL Update (``timeout``: seconds to wait, if not the endpoint's)."""
        self._request("POST", self.update_url or self.query_url, text.encode("utf-8"),
                      "application/sparql-update", timeout)

    def graph_store(self, method: str, graph: str, ntriples: bytes | Iterable[bytes], *,
                    length: int | None = None, timeout: float | None = None) -> None:
        """PUT (replace) or POST (append) N-Triples into ``graph`` via the Graph Store Protocol
        (``ntriples`` whole, or in pieces of ``length`` bytes in all)."""
        url = f"{self.store_url}?{urllib.parse.urlencode({'graph': graph})}"
        self._request(method, url, ntriples, "application/n-triples", timeout, length)


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason or exc)


LINES_PER_TIMEOUT = 50_000
"""Triples a server is given one endpoint timeout to write before it answers a whole graph
(Oxigraph writes 50,000 in about 15 s), whatever the batches the upload was sent in."""


def push_lines(
    endpoint: Endpoint,
    graph: str,
    lines: Sequence[bytes],
    *,
    batch_size: int = 50_000,
    use_graph_store: bool = True,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Replace ``graph`` on the endpoint with the triples of ``lines`` (N-Triples lines, each
    ending in a line break), atomically for readers; return how many lines were sent.

    Through the Graph Store Protocol: one ``PUT`` of the target graph, its body sent
    ``batch_size`` lines at a time as they are (no term is parsed or written again). The server
    parses and applies it in one transaction, so readers see the old graph until the new one is
    whole, and a failed upload changes nothing. Its answer comes once the whole graph is
    written, so the request may take the endpoint's timeout once per ``LINES_PER_TIMEOUT``
    lines (sending waits the timeout as it is).
    Through SPARQL Update (``use_graph_store=False``): ``INSERT DATA`` batches into a temporary
    graph, then one ``MOVE`` replaces the target (dropped again on failure). A server writes
    the whole graph again for the ``MOVE`` (Oxigraph about 0.3 ms a triple, and in memory), so
    its answer may take as long.
    """
    target = iri_ref(graph)  # a graph the Graph Store would refuse too, before anything is sent
    answer = endpoint.timeout * max(1, -(-len(lines) // LINES_PER_TIMEOUT))
    if use_graph_store:
        endpoint.graph_store("PUT", graph, _pieces(lines, batch_size, progress),
                             length=sum(map(len, lines)), timeout=answer)
        return len(lines)
    temp = iri_ref(f"{graph}-upload-{uuid.uuid4().hex}")
    try:
        for batch in _pieces(lines, batch_size, progress):
            endpoint.update(f"INSERT DATA {{ GRAPH {temp} {{\n{batch.decode('utf-8')}}} }}")
        endpoint.update(f"MOVE SILENT GRAPH {temp} TO GRAPH {target}", timeout=answer)
    except EndpointError:
        with contextlib.suppress(EndpointError):
            endpoint.update(f"DROP SILENT GRAPH {temp}")
        raise
    return len(lines)


def _pieces(lines: Sequence[bytes], size: int,
            progress: Callable[[int], None] | None) -> Iterator[bytes]:
    """``lines`` joined ``size`` at a time (one empty piece for no line); ``progress`` is told
    of each piece's lines once the piece is taken (sent)."""
    for start in range(0, max(len(lines), 1), size):
        batch = lines[start:start + size]
        yield b"".join(batch)
        if progress:
            progress(len(batch))
