"""The store's journal: which named graphs each build wrote, kept in the store itself.

Each build is one change, ``<urn:uuid:…> a j:Change, j:Build ; j:number N ; j:graph <g> …``
in the graph ``<urn:iom-kg:journal>`` (``j:`` is ``urn:iom-kg:journal#``). A graph is listed in
the same bulk load or transaction that writes or drops it, so a build killed midway leaves a
journal that names every graph it touched, and a build that did not write the build log did
not finish (kg.store.graphs.unfinished_build). A page graph that only moved (its
``iom:sourcePath`` rewritten, kg.store.page_moves) is listed with ``j:moved <g>`` as well.
Validation reads the changes made since it last ran instead of every graph's paths, and keeps
the results of graphs that only moved (kg.validate.incremental). Beside each page graph it
keeps the digest of the graph's N-Triples lines, ``<g> j:lines "digest"``, which exports read
from the page-lines file (kg.store.page_lines) instead of from the store. The journal is
bookkeeping: exports and ``kg push`` leave it out. A graph another tool adds or drops shows in
the count of graphs: a build ends by noting how many named graphs the store holds
(``<change> j:namedGraphs N``), the next build derives the links and the statistics again when
it holds another number (kg.build), and kg.validate.incremental counts them too. Each news
page whose project names point at two projects keeps the warning relinking gave it,
``<g> j:linkConflict "message"`` (kg.store.links), so a build that moves its links reports it
again. The working directory each page's stored path is relative to is kept here too
(``j:workingDirectory``, kg.store.working_dirs). Triples another tool changes inside a graph
need ``kg validate --full``, or the change recorded with ``Change.record``. Only the last
``KEEP`` changes are kept; a validation cache older than those lists every graph instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kg.namespaces import IOM, RDF, XSD

JOURNAL = ox.NamedNode("urn:iom-kg:journal")
_J = "urn:iom-kg:journal#"
CHANGE, BUILD, NUMBER, GRAPH, LINES, MOVED, GRAPH_COUNT, LINK_CONFLICT, WORKING_DIRECTORY = (
    ox.NamedNode(_J + name)
    for name in ("Change", "Build", "number", "graph", "lines", "moved", "namedGraphs",
                 "linkConflict", "workingDirectory"))
SOURCE_PATH = IOM.sourcePath
"""What every page graph says of itself (``<g> iom:sourcePath "…"`` in ``g``)."""
KEEP = 50
"""How many changes the journal keeps."""


@dataclass(frozen=True)
class Change:
    """One build's entry in the journal."""

    iri: str
    number: int
    build: bool = False
    """Whether a build makes it (``a j:Build`` too): one that did not log itself in the build
    log did not finish (``unfinished_build``)."""

    def quads(self, graphs: Iterable[ox.NamedNode],
              moved: Iterable[ox.NamedNode] = ()) -> list[ox.Quad]:
        """The journal quads saying this change wrote ``graphs``, of which ``moved`` only had
        their path rewritten (every other triple kept)."""
        change = ox.NamedNode(self.iri)
        number = ox.Literal(str(self.number), datatype=XSD.integer)
        return [ox.Quad(change, RDF.type, CHANGE, JOURNAL),
                *([ox.Quad(change, RDF.type, BUILD, JOURNAL)] if self.build else []),
                ox.Quad(change, NUMBER, number, JOURNAL),
                *(ox.Quad(change, GRAPH, graph, JOURNAL) for graph in graphs),
                *(ox.Quad(change, MOVED, graph, JOURNAL) for graph in moved)]

    def nquads(self, graphs: Iterable[ox.NamedNode]) -> str:
        """The same quads as N-Quads text, for a bulk load."""
        return "".join(f"{quad} .\n" for quad in self.quads(graphs))

    def insert(self, graphs: Iterable[ox.NamedNode], moved: Iterable[ox.NamedNode] = ()) -> str:
        """A SPARQL ``INSERT DATA`` of the same quads, for an update's transaction."""
        triples = " ".join(f"{q.subject} {q.predicate} {q.object} ."
                           for q in self.quads(graphs, moved))
        return f"INSERT DATA {{ GRAPH {JOURNAL} {{ {triples} }} }}"

    def record(self, store: ox.Store, graphs: Iterable[ox.NamedNode]) -> None:
        """Add to the journal that this change wrote ``graphs`` (after writing them)."""
        store.extend(self.quads(graphs))

    def to_json(self) -> list[str | int]:
        """``[iri, number]``, as the validation cache keeps it."""
        return [self.iri, self.number]


def lines_quad(graph: ox.NamedNode, digest: str) -> ox.Quad:
    """The journal quad saying ``graph`` holds the N-Triples lines of digest ``digest``."""
    return ox.Quad(graph, LINES, ox.Literal(digest), JOURNAL)


def digest_data(digests: Iterable[tuple[ox.NamedNode, str | None]]) -> str:
    """The journal quads giving each graph its lines digest (none, for None), as the data of
    a SPARQL ``INSERT DATA`` or ``DELETE DATA``; "" for none."""
    triples = " ".join(f"{graph} {LINES} {ox.Literal(digest)} ."
                       for graph, digest in digests if digest)
    return f"GRAPH {JOURNAL} {{ {triples} }}" if triples else ""


def lines_update(digests: dict[ox.NamedNode, str | None]) -> str:
    """A SPARQL update setting the lines digest of each graph (none, for None)."""
    values = " ".join(str(graph) for graph in digests)
    update = (f"DELETE {{ GRAPH {JOURNAL} {{ ?g {LINES} ?d }} }} WHERE {{ VALUES ?g {{ {values} }} "
              f"GRAPH {JOURNAL} {{ ?g {LINES} ?d }} }}")
    data = digest_data(digests.items())
    return update + (f" ;\nINSERT DATA {{ {data} }}" if data else "")


def digests_of(store: ox.Store, graphs: Sequence[ox.NamedNode]) -> list[str | None]:
    """The lines digest of each of ``graphs`` (None for none), in their order. The graphs are
    numbered in the query and the numbers read back: reading the IRIs would cost a look-up
    each, a number or a digest is kept inside Oxigraph's ids."""
    values = " ".join(f"({number} {graph})" for number, graph in enumerate(graphs))
    query = (f"SELECT ?n ?d WHERE {{ VALUES (?n ?g) {{ {values} }} "
             f"GRAPH {JOURNAL} {{ ?g {LINES} ?d }} }}")
    found: list[str | None] = [None] * len(graphs)
    for number, digest in store.query(query):  # type: ignore[misc]
        found[int(number.value)] = digest.value
    return found


def stored_digests(store: ox.Store) -> dict[str, str]:
    """The lines digest of every graph that has one, by graph IRI."""
    query = f"SELECT ?g ?d WHERE {{ GRAPH {JOURNAL} {{ ?g {LINES} ?d }} }}"
    return {row["g"].value: row["d"].value for row in store.query(query)}


def lines_digests(store: ox.Store) -> set[str]:
    """Every lines digest in the journal. Graph IRIs are not read: a digest is kept inside
    Oxigraph's ids, an IRI is a look-up each."""
    query = f"SELECT ?d WHERE {{ GRAPH {JOURNAL} {{ ?g {LINES} ?d }} }}"
    return {row["d"].value for row in store.query(query)}


def lines_digest_count(store: ox.Store) -> int:
    """How many graphs have a lines digest in the journal (nothing is read but the index)."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {JOURNAL} {{ ?g {LINES} ?d }} }}"
    return int(next(iter(store.query(query)))["n"].value)  # type: ignore[index]


def page_digests(store: ox.Store) -> set[str]:
    """The lines digests of the page graphs in the store, each query one scan per side: the
    journal's digests, less those of graphs that are gone (dropped by another tool)."""
    digests = lines_digests(store)
    gone = {row["d"].value for row in store.query(
        f"SELECT ?d WHERE {{ GRAPH {JOURNAL} {{ ?g {LINES} ?d }} "
        f"MINUS {{ GRAPH ?g {{ ?g {SOURCE_PATH} ?path }} }} }}")}
    return digests - gone


def undigested_pages(store: ox.Store) -> list[ox.NamedNode]:
    """The page graphs without a lines digest (built by a kg that kept none)."""
    query = (f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g {SOURCE_PATH} ?path }} "
             f"MINUS {{ GRAPH {JOURNAL} {{ ?g {LINES} ?d }} }} }}")
    return [row["g"] for row in store.query(query)]  # type: ignore[misc]


def graphs_of(store: ox.Store, digests: set[str]) -> list[ox.NamedNode]:
    """The graphs whose lines digest is one of ``digests``."""
    graphs: list[ox.NamedNode] = []
    ordered = sorted(digests)
    for start in range(0, len(ordered), 500):
        values = " ".join(str(ox.Literal(d)) for d in ordered[start:start + 500])
        query = (f"SELECT ?g WHERE {{ VALUES ?d {{ {values} }} "
                 f"GRAPH {JOURNAL} {{ ?g {LINES} ?d }} }}")
        graphs.extend(row["g"] for row in store.query(query))  # type: ignore[misc]
    return graphs


def changes(store: ox.Store, *, builds: bool = False) -> dict[str, int]:
    """Every change in the store's journal (``builds``: every build's), by IRI, with its
    number."""
    query = (f"SELECT ?change ?number WHERE {{ GRAPH {JOURNAL} {{ "
             f"?change a {BUILD if builds else CHANGE} ; {NUMBER} ?number }} }}")
    return {row["change"].value: int(row["number"].value) for row in store.query(query)}


def latest_change(store: ox.Store, *, build: bool = False) -> Change | None:
    """The journal's last change (``build``: the last a build made); None when it lists
    none."""
    found = changes(store, builds=build)
    if not found:
        return None
    iri = max(found, key=lambda change: (found[change], change))
    return Change(iri, found[iri], build)


def start_change(store: ox.Store, *, build: bool = False) -> Change:
    """A new change, numbered after every change in the journal (``build``: a build's)."""
    last = latest_change(store)
    return Change(f"urn:uuid:{uuid.uuid4()}", last.number + 1 if last else 1, build)


def wrote(store: ox.Store, change: Change, graph: ox.NamedNode) -> bool:
    """True when the journal says ``change`` wrote ``graph``."""
    return bool(store.query(f"ASK {{ GRAPH {JOURNAL} {{ <{change.iri}> {GRAPH} {graph} }} }}"))


def _later(store: ox.Store, mark: Change) -> list[str] | None:
    """The changes after ``mark``; None when ``mark`` is not in the journal."""
    found = changes(store)
    if found.get(mark.iri) != mark.number:
        return None
    return sorted(change for change, number in found.items() if number > mark.number)


def _listed(store: ox.Store, changes_: list[str], pattern: str) -> set[str]:
    """The ``?graph`` of ``pattern`` (in the journal graph, about ``?change``) for the
    given changes."""
    found: set[str] = set()
    for start in range(0, len(changes_), 500):
        values = " ".join(f"<{change}>" for change in changes_[start:start + 500])
        query = (f"SELECT DISTINCT ?graph WHERE {{ VALUES ?change {{ {values} }} "
                 f"GRAPH {JOURNAL} {{ {pattern} }} }}")
        found.update(row["graph"].value for row in store.query(query))
    return found


def written_since(store: ox.Store, mark: Change) -> set[str] | None:
    """The graphs written by the changes after ``mark``; None when ``mark`` is not in the
    journal (another store, or one rebuilt since): the caller then reads every graph."""
    later = _later(store, mark)
    return None if later is None else _listed(store, later, f"?change {GRAPH} ?graph")


def moved_since(store: ox.Store, mark: Change, graphs: set[str]) -> set[str]:
    """Those of ``graphs`` (written since ``mark``) that every change after ``mark`` that
    wrote them only moved (``j:moved``): their triples are those they held at ``mark`` but for
    ``iom:sourcePath``. Empty when ``mark`` is not in the journal. Only the graphs written
    otherwise are read back (after a move, a few: an IRI read back is a look-up each)."""
    later = _later(store, mark)
    if not later or not graphs:
        return set()
    return graphs - _listed(store, later, f"?change {GRAPH} ?graph "
                                          f"FILTER NOT EXISTS {{ ?change {MOVED} ?graph }}")


def named_graph_count(store: ox.Store) -> int:
    """How many named graphs the store holds (counted inside Oxigraph: 50 ms for 100k)."""
    row = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { } }")))
    return int(row["n"].value)  # type: ignore[index,union-attr]


def note_graph_count(store: ox.Store, change: Change) -> None:
    """Note in the journal how many named graphs the store holds as ``change`` ends."""
    count = ox.Literal(str(named_graph_count(store)), datatype=XSD.integer)
    store.add(ox.Quad(ox.NamedNode(change.iri), GRAPH_COUNT, count, JOURNAL))


def noted_graph_count(store: ox.Store, change: Change) -> int | None:
    """How many named graphs the store held when ``change`` ended; None if not noted."""
    noted = next(store.quads_for_pattern(ox.NamedNode(change.iri), GRAPH_COUNT, None, JOURNAL),
                 None)
    return int(noted.object.value) if noted is not None else None


def trim(store: ox.Store) -> int:
    """Drop all but the last ``KEEP`` changes from the journal; return how many went."""
    found = changes(store)
    old = sorted(found, key=lambda change: (found[change], change))[:max(0, len(found) - KEEP)]
    for change in old:
        store.update(f"DELETE WHERE {{ GRAPH {JOURNAL} {{ <{change}> ?p ?o }} }}")
    return len(old)
