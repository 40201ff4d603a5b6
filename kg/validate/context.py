"""Which project and page a result concerns, found by walking the data graph.

An outcome, output, budget, participation or objective leads back to its project through the
links that hold it; one those links lack (the very rule a result may report) is found by its
minted IRI, ``{project}/output/1.1``. A project leads to its pages (``prov:wasDerivedFrom``)
and their ``iom:sourcePath``. Messages are never read.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from kg.namespaces import IOM as IOM_TERMS
from kg.validate.model import ProjectRef
from kg.validate.terms import compact

IOM = Namespace(IOM_TERMS.iri)
PART_OF = (IOM.hasObjective, IOM.hasOutcome, IOM.hasOutput, IOM.budget, IOM.hasParticipation)
"""Links from a project (or outcome) to its parts, walked backwards to find the project."""
MAX_DEPTH = 3


def _closure(start: URIRef, graphs: tuple[Graph, ...], down: bool) -> set[Node]:
    """``start`` and its subclasses (``down``) or superclasses along rdfs:subClassOf."""
    found: set[Node] = {start}
    frontier: list[Node] = [start]
    while frontier:
        node = frontier.pop()
        for graph in graphs:
            nexts = (graph.subjects(RDFS.subClassOf, node) if down
                     else graph.objects(node, RDFS.subClassOf))
            for other in nexts:
                if other not in found:
                    found.add(other)
                    frontier.append(other)
    return found


def _first(values: list[Node]) -> Node | None:
    return min(values, key=str) if values else None


class Context:
    """Looks up, for a focus node, its project, the path of its page and its class."""

    def __init__(self, data: Graph, ontology: Graph) -> None:
        self.data = data
        self._graphs = (data, ontology)
        self._project_classes = _closure(IOM.Project, self._graphs, down=True)
        self._page_classes = _closure(IOM.SourcePage, self._graphs, down=True)
        self._depth: dict[Node, int] = {}

    def _has_type(self, node: Node, classes: set[Node]) -> bool:
        return any(cls in classes for cls in self.data.objects(node, RDF.type))

    def is_project(self, node: Node) -> bool:
        """True when the node is typed iom:Project or one of its subclasses."""
        return self._has_type(node, self._project_classes)

    def is_page(self, node: Node) -> bool:
        """True when the node is typed iom:SourcePage or one of its subclasses."""
        return self._has_type(node, self._page_classes)

    def project_of(self, node: Node) -> Node | None:
        """The project the node is, belongs to, or (for a page) was read into alone."""
        frontier = [node]
        seen = {node}
        for _ in range(MAX_DEPTH + 1):
            projects = [n for n in frontier if self.is_project(n)]
            if projects:
                return _first(projects)
            parents = {s for n in frontier for link in PART_OF for s in self.data.subjects(link, n)}
            frontier = sorted(parents - seen, key=str)
            seen |= parents
        if self.is_page(node):
            derived = [s for s in self.data.subjects(PROV.wasDerivedFrom, node)
                       if self.is_project(s)]
            return derived[0] if len(derived) == 1 else None
        return self._project_by_iri(node)

    def _project_by_iri(self, node: Node) -> Node | None:
        """The project whose IRI the node's IRI extends by one or two segments."""
        if not isinstance(node, URIRef):
            return None
        iri = str(node)
        for _ in range(2):
            iri = iri.rsplit("/", 1)[0]
            if self.is_project(URIRef(iri)):
                return URIRef(iri)
        return None

    def source_path(self, node: Node, project: Node | None) -> str | None:
        """The iom:sourcePath of the node's own page, else of the pages its project came from."""
        pages: list[Node] = [node] if self.is_page(node) else []
        if not pages:
            pages = list(self.data.objects(project if project is not None else node,
                                           PROV.wasDerivedFrom))
        paths = [p for page in pages for p in self.data.objects(page, IOM.sourcePath)]
        found = _first(paths)
        return str(found) if found is not None else None

    def project_ref(self, project: Node) -> ProjectRef:
        """The project's IRI, Prima ID and title (English, else untagged, else the first)."""
        prima = _first(list(self.data.objects(project, IOM.primaId)))
        titles = [t for t in self.data.objects(project, DCTERMS.title) if isinstance(t, Literal)]
        ranked = sorted(titles, key=lambda t: ({"en": 0, None: 1}.get(t.language, 2), str(t)))
        return ProjectRef(iri=str(project), prima_id=str(prima) if prima is not None else None,
                          title=str(ranked[0]) if ranked else None)

    def focus_type(self, node: Node) -> str | None:
        """The most specific iom: class of the node (``iom:Output``), compact; None if untyped."""
        types = [t for t in self.data.objects(node, RDF.type)
                 if isinstance(t, URIRef) and str(t).startswith(str(IOM))]
        if not types:
            return None
        best = min(types, key=lambda t: (-self._class_depth(t), str(t)))
        return compact(str(best))

    def _class_depth(self, cls: Node) -> int:
        if cls not in self._depth:
            self._depth[cls] = len(_closure(cls, self._graphs, down=False))  # type: ignore[arg-type]
        return self._depth[cls]
