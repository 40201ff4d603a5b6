"""Ontology documentation: one HTML page generated from ontology/iom.ttl and vocabularies.ttl.

Lists the classes, object and datatype properties with their labels, comments, domains,
ranges and alignments, and the SKOS concept schemes with their concepts. The same page is
served at ``/ontology`` by `kg serve`; ``python -m kg.docs OUT_DIR`` writes
OUT_DIR/ontology.html, a self-contained file (styles inline, no external resource).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.namespaces import IOM, PREFIXES, SCHEMA, VOC
from kg.paths import ontology_dir

VANN = "http://purl.org/vocab/vann/"
EXTRA_PREFIXES = {"vann": VANN, "wdt": "http://www.wikidata.org/prop/direct/"}
DOMAIN_INCLUDES = URIRef(SCHEMA.domainIncludes.value)
Linker = Callable[[str], str]


@dataclass(frozen=True)
class Ref:
    """A term as the page shows it: short name, link and full IRI."""

    text: str
    href: str
    iri: str


@dataclass
class TermDoc:
    """One class or property: its names, comment and related terms by heading."""

    id: str
    iri: str
    curie: str
    kind: str
    labels: list[tuple[str, str]]
    comment: str
    rows: list[tuple[str, list[Ref]]] = field(default_factory=list)


@dataclass
class ConceptDoc:
    """One SKOS concept: its code, labels by language and matching IATI codes."""

    id: str
    iri: str
    code: str
    labels: list[tuple[str, str]]
    matches: list[Ref]


@dataclass
class SchemeDoc:
    """One concept scheme with its concepts."""

    id: str
    iri: str
    label: str
    definition: str
    concepts: list[ConceptDoc]


@dataclass
class OntologyDoc:
    """Everything the documentation page shows."""

    title: str
    iri: str
    description: str
    metadata: list[tuple[str, str]]
    classes: list[TermDoc]
    object_properties: list[TermDoc]
    datatype_properties: list[TermDoc]
    schemes: list[SchemeDoc]
    namespaces: list[tuple[str, str]]


def _prefixes() -> dict[str, str]:
    return {**PREFIXES, **EXTRA_PREFIXES}


def curie(iri: str) -> str:
    """``iom:Project`` for a term of a known namespace, else the IRI."""
    best = max(((p, ns) for p, ns in _prefixes().items() if iri.startswith(ns) and iri != ns),
               key=lambda item: len(item[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def anchor(iri: str) -> str:
    """The id of a term's section on the page (``Project``, ``scheme-project-type``,
    ``concept-project-type-counter-trafficking``)."""
    if iri.startswith(IOM.iri):
        return iri[len(IOM.iri):]
    if iri.startswith(VOC.iri):
        rest = iri[len(VOC.iri):].strip("/")
        return ("concept-" if "/" in rest else "scheme-") + rest.replace("/", "-")
    return "term-" + "".join(ch if ch.isalnum() else "-" for ch in iri)


def in_page(documented: set[str]) -> Linker:
    """Links to the page's own sections for documented terms, the IRI for the others."""
    return lambda iri: f"#{anchor(iri)}" if iri in documented else iri


def _texts(graph: Graph, subject: URIRef, predicate: URIRef) -> list[tuple[str, str]]:
    return sorted((o.language or "", str(o)) for o in graph.objects(subject, predicate)
                  if isinstance(o, Literal))


def _text(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    found = _texts(graph, subject, predicate)
    english = [text for lang, text in found if lang in ("en", "")]
    return english[0] if english else (found[0][1] if found else "")


def _refs(iris: Iterable[str], link: Linker) -> list[Ref]:
    return [Ref(curie(i), link(i), i) for i in sorted(set(iris), key=curie)]


def _iris(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return [str(o) for o in graph.objects(subject, predicate) if isinstance(o, URIRef)]


def _subjects(graph: Graph, predicate: URIRef, obj: URIRef) -> list[str]:
    return [str(s) for s in graph.subjects(predicate, obj) if isinstance(s, URIRef)]


def _term(graph: Graph, iri: URIRef, kind: str) -> TermDoc:
    return TermDoc(anchor(str(iri)), str(iri), curie(str(iri)), kind,
                   _texts(graph, iri, RDFS.label), _text(graph, iri, RDFS.comment))


def _class_doc(graph: Graph, iri: URIRef, link: Linker) -> TermDoc:
    doc = _term(graph, iri, "Class")
    rows = [("Subclass of", _iris(graph, iri, RDFS.subClassOf)),
            ("Subclasses", _subjects(graph, RDFS.subClassOf, iri)),
            ("Exact match", _iris(graph, iri, SKOS.exactMatch)),
            ("Close match", _iris(graph, iri, SKOS.closeMatch)),
            ("Properties of it", _subjects(graph, RDFS.domain, iri)
             + _subjects(graph, DOMAIN_INCLUDES, iri)),
            ("Value of", _subjects(graph, RDFS.range, iri)),
            ("See also", _iris(graph, iri, RDFS.seeAlso))]
    doc.rows = [(name, _refs(iris, link)) for name, iris in rows if iris]
    return doc


def _property_doc(graph: Graph, iri: URIRef, kind: str, link: Linker) -> TermDoc:
    doc = _term(graph, iri, kind)
    characteristics = [str(t) for t in graph.objects(iri, RDF.type)
                       if t not in (OWL.ObjectProperty, OWL.DatatypeProperty)]
    rows = [("Domain", _iris(graph, iri, RDFS.domain)),
            ("Domain includes", _iris(graph, iri, DOMAIN_INCLUDES)),
            ("Range", _iris(graph, iri, RDFS.range)),
            ("Subproperty of", _iris(graph, iri, RDFS.subPropertyOf)),
            ("Inverse of", _iris(graph, iri, OWL.inverseOf)),
            ("Characteristics", characteristics),
            ("Exact match", _iris(graph, iri, SKOS.exactMatch)),
            ("Close match", _iris(graph, iri, SKOS.closeMatch)),
            ("See also", _iris(graph, iri, RDFS.seeAlso))]
    doc.rows = [(name, _refs(iris, link)) for name, iris in rows if iris]
    return doc


def _schemes(graph: Graph, link: Linker) -> list[SchemeDoc]:
    schemes = []
    for scheme in sorted(s for s in graph.subjects(RDF.type, SKOS.ConceptScheme)
                         if isinstance(s, URIRef)):
        concepts = []
        for concept in sorted(c for c in graph.subjects(SKOS.inScheme, scheme)
                              if isinstance(c, URIRef)):
            matches = _iris(graph, concept, SKOS.exactMatch) + _iris(graph, concept,
                                                                     SKOS.closeMatch)
            concepts.append(ConceptDoc(anchor(str(concept)), str(concept),
                                       str(concept).rstrip("/").rsplit("/", 1)[-1],
                                       _texts(graph, concept, SKOS.prefLabel),
                                       _refs(matches, link)))
        schemes.append(SchemeDoc(anchor(str(scheme)), str(scheme),
                                 _text(graph, scheme, SKOS.prefLabel) or curie(str(scheme)),
                                 _text(graph, scheme, SKOS.definition), concepts))
    return schemes


def load_ontology(folder: Path | None = None) -> Graph:
    """iom.ttl and vocabularies.ttl of ``folder`` (default ontology/) in one rdflib graph."""
    folder = folder or ontology_dir()
    graph = Graph()
    for name in ("iom.ttl", "vocabularies.ttl"):
        path = folder / name
        if path.exists():
            graph.parse(path, format="turtle")
    return graph


def document(graph: Graph, link: Linker | None = None) -> OntologyDoc:
    """The documentation of the ontology in ``graph``; ``link`` maps a term IRI to a href
    (default: this page's sections for documented terms, the IRI otherwise)."""
    ontology = URIRef(IOM.iri.rstrip("#"))
    ours = {str(s) for s in graph.subjects() if str(s).startswith((IOM.iri, VOC.iri))}
    link = link or in_page(ours)

    def kinds(cls: URIRef) -> list[URIRef]:
        return sorted((s for s in graph.subjects(RDF.type, cls)
                       if isinstance(s, URIRef) and str(s).startswith(IOM.iri)), key=str)

    metadata = [("IRI", str(ontology)),
                ("Version", _text(graph, ontology, OWL.versionInfo)),
                ("Preferred prefix",
                 _text(graph, ontology, URIRef(VANN + "preferredNamespacePrefix"))),
                ("Namespace", _text(graph, ontology, URIRef(VANN + "preferredNamespaceUri"))),
                ("Creator", _text(graph, ontology, DCTERMS.creator)),
                ("License", ", ".join(_iris(graph, ontology, DCTERMS.license)))]
    return OntologyDoc(
        title=_text(graph, ontology, DCTERMS.title) or "IOM KG ontology",
        iri=str(ontology),
        description=_text(graph, ontology, DCTERMS.description),
        metadata=[(name, value) for name, value in metadata if value],
        classes=[_class_doc(graph, c, link) for c in kinds(OWL.Class)],
        object_properties=[_property_doc(graph, p, "Object property", link)
                           for p in kinds(OWL.ObjectProperty)],
        datatype_properties=[_property_doc(graph, p, "Datatype property", link)
                             for p in kinds(OWL.DatatypeProperty)],
        schemes=_schemes(graph, link),
        namespaces=sorted(_prefixes().items()))


def render_standalone(doc: OntologyDoc) -> str:
    """The documentation as one self-contained HTML file (styles inline)."""
    from kg.serve.site import STATIC, template_env

    css = (STATIC / "style.css").read_text(encoding="utf-8")
    return template_env().get_template("ontology_standalone.html").render(doc=doc, css=css)


def write_docs(out_dir: Path) -> Path:
    """Write OUT_DIR/ontology.html; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "ontology.html"
    target.write_text(render_standalone(document(load_ontology())), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.docs OUT_DIR``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print("usage: python -m kg.docs OUT_DIR   (writes OUT_DIR/ontology.html)",
              file=sys.stderr)
        return 2
    print(write_docs(Path(args[0])))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
