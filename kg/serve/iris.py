"""Request paths and IRIs: the app's root stands for the base IRI, so ``/project/X`` is
``{base}project/X``. Paths with dot segments, NUL or control characters are refused."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from kg.namespaces import IATI, VOC

_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")
_ENCODED_BAD = re.compile(r"%(?:00|0[1-9a-f]|1[0-9a-f]|7f|5c)", re.IGNORECASE)


class PathRefused(ValueError):
    """A request path that could name something outside the graph (``..``, NUL, ...)."""


def check_path(raw_path: str) -> None:
    """Raise PathRefused for dot segments (plain or %-encoded), NUL, control characters and
    backslashes in a raw (still %-encoded) request path."""
    if _CONTROL.search(raw_path) or _ENCODED_BAD.search(raw_path):
        raise PathRefused("the path holds a control character, NUL or backslash")
    for segment in raw_path.split("/"):
        if any(part in (".", "..") for part in re.split(r"[/\\]", unquote(segment))):
            raise PathRefused("the path holds a '.' or '..' segment")


@dataclass(frozen=True)
class IriMap:
    """Maps paths under the app's root to IRIs under ``base`` and back.

    The concept namespaces (vocab/, iati/) are served under the same names when the base IRI
    does not already hold them.
    """

    base: str
    aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_base(cls, base: str) -> IriMap:
        """The map for ``base``, with aliases for the concept namespaces outside it."""
        aliases = {name: ns.iri for name, ns in (("vocab/", VOC), ("iati/", IATI))
                   if not ns.iri.startswith(base)}
        return cls(base, aliases)

    def iris_for_path(self, path: str) -> list[str]:
        """Candidate IRIs for a raw path relative to the root (no leading ``/``), best first."""
        check_path(path)
        candidates = [self.base + path]
        for prefix, namespace in self.aliases.items():
            if path.startswith(prefix):
                candidates.append(namespace + path[len(prefix):])
        return candidates

    def path_for_iri(self, iri: str) -> str | None:
        """The path (leading ``/``, relative to the root) that serves ``iri``; None if none."""
        if iri.startswith(self.base):
            return "/" + iri[len(self.base):]
        for prefix, namespace in self.aliases.items():
            if iri.startswith(namespace):
                return "/" + prefix + iri[len(namespace):]
        return None

    def href(self, iri: str, root: str = "") -> str:
        """A link for ``iri``: its local path when the app serves it, else the IRI itself (also
        for a path opening with ``//``, which a browser would read as another host)."""
        path = self.path_for_iri(iri)
        return iri if path is None or (path.startswith("//") and not root) else root + path


def safe_href(href: str) -> str | None:
    """``href`` when a page may link to it: a path of this site or an http(s) URL; None for
    anything else (``javascript:``, ``data:``, ``urn:``, ``//other.host``), shown as text."""
    if href.startswith("/"):
        return None if href.startswith("//") else href
    return href if href.lower().startswith(("http://", "https://")) else None
