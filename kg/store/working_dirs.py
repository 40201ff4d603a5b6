"""The working directory each page graph's stored path is relative to, kept in the journal.

A page's path is stored as users see it (kg.sources.display_path): relative to the working
directory of the build that read it, when the page lies under it. That directory is bookkeeping
in the journal graph (kg.store.journal; never exported, so exports do not depend on it): the
store's own, ``<urn:iom-kg:journal> j:workingDirectory "/abs"``, set by its first build (in a
store an older kg built, by the first build that records it: the paths stored before are taken
as relative to it, as that kg took them), and, for each page graph whose path a build run from
another directory wrote, ``<g> j:workingDirectory "/abs"``, in the same bulk load or
transaction as the path. So ``kg build --prune`` finds a stored page's file wherever it runs
from, and a store always built from one directory holds one quad of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Set
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.store.journal import JOURNAL, WORKING_DIRECTORY

UPDATES_PER_TRANSACTION = 1_000


@dataclass
class WorkingDirs:
    """The store's working directory, the graphs stored from another one, and this build's."""

    home: str
    """The store's working directory: that of every stored relative path but ``others``."""
    here: str
    """This build's working directory."""
    others: dict[str, str] = field(default_factory=dict)
    """The page graphs stored from another directory than ``home``, by IRI, as they are now."""
    stored: dict[str, str] = field(default_factory=dict)
    """``others`` as the build found them: the directories of the paths it read."""
    kept: list[ox.NamedNode] = field(default_factory=list)
    """Page graphs found at their stored path from this directory, stored from another."""
    unsaid: bool = False
    """Whether ``home`` is still to be written (with the first bulk load, or by ``settle``)."""

    @classmethod
    def of_store(cls, store: ox.Store, here: str, graphs: Set[str]) -> WorkingDirs:
        """The working directories of ``store``'s page graphs, of which ``graphs`` (IRIs) are
        there (another tool may have dropped some); a store without one gets ``here``, written
        at once when it holds pages, else with the first of them. (A write before a first bulk
        load, which RocksDB then flushes first, made 2,000-page builds 5% slower.)"""
        home, others, gone = None, {}, []
        for quad in store.quads_for_pattern(None, WORKING_DIRECTORY, None, JOURNAL):
            subject, directory = quad.subject, quad.object.value
            if subject == JOURNAL:
                home = directory
            elif subject.value in graphs:
                others[subject.value] = directory
            else:
                gone.append(quad)
        for quad in gone:
            store.remove(quad)  # so that a page added again under that IRI is not taken for it
        dirs = cls(home or here, here, others, dict(others), unsaid=home is None)
        if dirs.unsaid and graphs:
            dirs.settle(store)
        return dirs

    def _home_quad(self) -> ox.Quad:
        return ox.Quad(JOURNAL, WORKING_DIRECTORY, ox.Literal(self.home), JOURNAL)

    def settle(self, store: ox.Store) -> None:
        """Write the store's working directory, if it is still to be written."""
        if self.unsaid:
            store.add(self._home_quad())
            self.unsaid = False

    def location(self, path: str, graph: ox.NamedNode) -> str:
        """Where the page stored with ``path`` in ``graph`` was read, as an absolute path."""
        directory = self.stored.get(graph.value, self.home)
        return os.path.normpath(os.path.join(directory, path))

    def keep(self, graph: ox.NamedNode) -> None:
        """Note that ``graph``'s page was found at its stored path, from this build's directory:
        when the path is stored relative to another, ``relocate`` gives it this one."""
        if self.others.get(graph.value, self.home) != self.here:
            self.kept.append(graph)

    def nquads(self, graph: ox.NamedNode) -> str:
        """The N-Quads to bulk-load with a new page graph: its working directory, unless it is
        the store's (and the store's, when it is still to be written)."""
        said = ""
        if self.unsaid:
            said, self.unsaid = f"{self._home_quad()} .\n", False
        if self.here == self.home:
            return said
        self.others[graph.value] = self.here
        return f"{said}{graph} {WORKING_DIRECTORY} {ox.Literal(self.here)} {JOURNAL} .\n"

    def update(self, graphs: Iterable[ox.NamedNode], written: Iterable[ox.NamedNode] = ()) -> str:
        """The SPARQL update, to run in the transaction that writes them, that forgets the
        working directory of ``graphs`` (dropped, or written) and gives those ``written`` this
        build's, unless it is the store's; "" when there is nothing to change. Noted as done."""
        gone = {graph for graph in graphs if graph.value in self.others}
        new = [graph for graph in written if self.here != self.home]
        parts = []
        if gone:
            triples = " ".join(f"{graph} {WORKING_DIRECTORY} "
                               f"{ox.Literal(self.others.pop(graph.value))} ." for graph in gone)
            parts.append(f"DELETE DATA {{ GRAPH {JOURNAL} {{ {triples} }} }}")
        if new:
            here = ox.Literal(self.here)
            triples = " ".join(f"{graph} {WORKING_DIRECTORY} {here} ." for graph in new)
            parts.append(f"INSERT DATA {{ GRAPH {JOURNAL} {{ {triples} }} }}")
            self.others.update((graph.value, self.here) for graph in new)
        return " ;\n".join(parts)

    def relocate(self, store: ox.Store) -> None:
        """Give the graphs ``keep`` noted this build's directory, a thousand an update."""
        graphs, self.kept = self.kept, []
        for start in range(0, len(graphs), UPDATES_PER_TRANSACTION):
            chunk = graphs[start:start + UPDATES_PER_TRANSACTION]
            if update := self.update(chunk, written=chunk):
                store.update(update)
