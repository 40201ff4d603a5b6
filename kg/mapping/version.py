"""The mapping version: which code and reference data turned pages into triples.

A page graph is reused across builds while its page's bytes are the same, so a store would keep
what an older parser or mapping made of unchanged pages, and the same pages would give another
graph in an old store than in a new one. The version is a digest of everything a page's triples
depend on besides its bytes and the base IRI: the parser, the mapping, the reference tables and
the namespaces. Each build records it (kg.store.graphs.record_build); a build by another
version re-maps every page (kg.build).
"""

from __future__ import annotations

import hashlib
from functools import cache

from kg.paths import PACKAGE_DIR

SOURCES = ("parse", "mapping", "reference", "namespaces.py", "records.py", "sources.py")
"""What, under the package, the triples of a page depend on."""


@cache
def mapping_version() -> str:
    """A short digest of the files named in ``SOURCES`` (names and bytes, in name order)."""
    digest = hashlib.sha256()
    for name in SOURCES:
        path = PACKAGE_DIR / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".py", ".csv")
                       and "__pycache__" not in p.parts) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
