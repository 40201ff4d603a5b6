"""The Host names the server answers to: a defence against DNS rebinding.

A web page the user visits can make its own host name resolve to 127.0.0.1 and then read this
server as if it were its own site (CORS lets every origin read it anyway), local file paths in
``iom:sourcePath`` among what it finds. The browser still sends that name as the Host header, so
answering only the names the server is meant to be reached by defeats it: the loopback names, the
address it listens on, and the names given with ``--allow-host``. Any port goes with a name, so a
forwarded port (``ssh -L 9000:127.0.0.1:8000``) still works.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from kg.store.remote import is_loopback

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
ANY_HOST = "*"
__all__ = ["ANY_HOST", "LOOPBACK_HOSTS", "HostCheck", "allowed_hosts", "host_name", "host_of",
           "is_loopback"]
_HOST_HEADER = re.compile(r"(\[[0-9a-f:.]+\]|[^\s:/@\[\]]+)(?::\d*)?")


def host_name(host: str) -> str:
    """An address or name as a Host header writes it: lower case, IPv6 in brackets."""
    name = host.strip().lower()
    return f"[{name}]" if ":" in name and not name.startswith("[") else name


def allowed_hosts(listen: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The Host names a server listening on ``listen`` answers to: the loopback names,
    ``listen`` itself, and ``extra`` (``*``: any name, which gives up this defence)."""
    names = [*LOOPBACK_HOSTS, host_name(listen), *(host_name(name) for name in extra)]
    return tuple(dict.fromkeys(names))


def host_of(header: str) -> str | None:
    """The host name of a Host header, without its port; None when it is malformed."""
    match = _HOST_HEADER.fullmatch(header.strip().lower())
    return match.group(1) if match else None


class HostCheck:
    """Answers 400 to a request whose Host header names none of ``hosts`` (at any port)."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str] = LOOPBACK_HOSTS) -> None:
        self.app = app
        self.hosts = frozenset(host_name(host) for host in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or ANY_HOST in self.hosts:
            await self.app(scope, receive, send)
            return
        header = Headers(scope=scope).get("host", "")
        if host_of(header) not in self.hosts:
            response = PlainTextResponse(
                "this server does not answer to the host name in the request's Host header "
                "(kg serve --allow-host NAME adds one)\n", status_code=400,
                headers={"X-Content-Type-Options": "nosniff"})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
