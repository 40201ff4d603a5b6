"""The one small exception hierarchy of the library; the CLI maps each class to an exit code."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 3


class DataError(KgError):
    """Input data is wrong (bad page, bad query file); the rest of the work may still be done."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.path, self.line, self.field, self.reason = path, line, field, message
        super().__init__(self.location() + message)

    def location(self) -> str:
        """`path:line: field: ` prefix, with the parts that are known."""
        parts = ""
        if self.path:
            parts += f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        if self.field:
            parts += f"{self.field}: "
        return parts


class UsageError(KgError):
    """The caller asked for what cannot be done as asked (unknown query, bad parameter)."""

    exit_code = 2


class StoreError(KgError):
    """The store or endpoint could not be used: locked, missing, unreachable, refused."""

    exit_code = 3


class StoreLockedError(StoreError):
    """Another process holds the on-disk store."""


class EndpointError(StoreError):
    """A remote SPARQL endpoint was unreachable, too slow, or refused the request."""
