"""RDF namespaces of the graph: our ontology terms and the vocabularies we align with.

``IOM.Project`` is a pyoxigraph ``NamedNode``; ``IOM`` is closed (a misspelt term raises
``AttributeError``) and lists its terms in ``IOM.names``, which a test checks against
``ontology/iom.ttl``. The other namespaces are open: any attribute is a term.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode

DEFAULT_BASE = "https://kg.example.org/iom/"
"""Base IRI of every minted resource unless ``--base`` / ``$KG_BASE`` says otherwise."""


def absolute_iri(text: str) -> NamedNode:
    """``text`` as a NamedNode if it is an absolute IRI, else ValueError saying why: the check
    every IRI from a user goes through. pyoxigraph refuses whatever could close a ``<...>``
    (``>``, spaces, quotes, braces), so ``str()`` of the node is safe in SPARQL text."""
    return NamedNode(text)


class Namespace:
    """A vocabulary IRI whose attributes (or ``ns["name"]``) are its terms as NamedNodes."""

    def __init__(self, iri: str, names: Iterable[str] = (), *, closed: bool = False) -> None:
        self.iri = iri
        self.names: tuple[str, ...] = tuple(names)
        self._closed = closed
        for name in self.names:
            self.__dict__[name] = NamedNode(iri + name)

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_") or self.__dict__.get("_closed", True):
            raise AttributeError(f"{self.__dict__.get('iri', '?')} has no term {name!r}")
        node = NamedNode(self.iri + name)
        self.__dict__[name] = node
        return node

    def __getitem__(self, name: str) -> NamedNode:
        if name in self.__dict__ and isinstance(self.__dict__[name], NamedNode):
            return self.__dict__[name]
        if self._closed:
            raise KeyError(f"{self.iri} has no term {name!r}")
        return NamedNode(self.iri + name)

    def __contains__(self, node: object) -> bool:
        value = node.value if isinstance(node, NamedNode) else node
        return isinstance(value, str) and value.startswith(self.iri)

    def __repr__(self) -> str:
        return f"Namespace({self.iri!r})"


IOM_CLASSES = (
    "Project", "DevelopmentFundProject", "Organisation", "MemberState", "Objective", "Outcome",
    "Output", "Budget", "Participation", "SourcePage", "NewsArticle", "ProjectMention",
)
IOM_PROPERTIES = (
    # project
    "primaId", "projectsId", "projectType", "idfRegion", "coverage", "status",
    "fundingYear", "startYear", "endYear", "budget", "benefitingMemberState",
    "hasObjective", "hasOutcome", "hasOutput", "involvesOrganisation", "hasParticipation",
    # budget, results, participation
    "amount", "currency", "resultNumber", "activity", "targetGroup", "organisation", "role",
    # organisations and member states
    "acronym", "iso3", "iso2", "m49",
    # pages and news
    "sourcePath", "sha256", "place", "namesProject", "mentionsProject", "mentionsOrganisation",
    "mentionsCountry",
    # the build log (graph B/graph/builds)
    "pagesRead", "triplesWritten", "mappingVersion",
    # budget statistics (graph B/graph/statistics): RDF Data Cube dimensions and measures
    "refProjectType", "refRegion", "refYear", "refMemberState", "refCurrency",
    "projectCount", "totalBudget", "conflictingBudgetCount",
)

IOM = Namespace("https://kg.example.org/iom/ontology#", IOM_CLASSES + IOM_PROPERTIES, closed=True)
VOC = Namespace("https://kg.example.org/iom/vocab/")
IATI = Namespace("https://kg.example.org/iom/iati/")

RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
QB = Namespace("http://purl.org/linked-data/cube#")
VOID = Namespace("http://rdfs.org/ns/void#")
WD = Namespace("http://www.wikidata.org/entity/")
ISO639_1 = Namespace("http://id.loc.gov/vocabulary/iso639-1/")
"""Languages by ISO 639-1 code (the Library of Congress's IRIs), the pages' dcterms:language."""

ONTOLOGY_IRI = "https://kg.example.org/iom/ontology"

IATI_CODELISTS = ("ActivityScope", "ActivityStatus", "OrganisationRole", "ResultType")
"""The IATI codelists of ontology/vocabularies.ttl (``iati:{Codelist}/{code}``)."""

PREFIXES: dict[str, str] = {
    "iom": IOM.iri,
    "voc": VOC.iri,
    "ptype": f"{VOC.iri}project-type/",
    "region": f"{VOC.iri}idf-region/",
    "coverage": f"{VOC.iri}coverage/",
    "status": f"{VOC.iri}status/",
    "role": f"{VOC.iri}organisation-role/",
    "result": f"{VOC.iri}result-type/",
    "activity": f"{VOC.iri}activity/",
    "target-group": f"{VOC.iri}target-group/",
    "statistics": f"{VOC.iri}statistics/",
    "component": f"{VOC.iri}statistics/component/",
    "iati": IATI.iri,
    **{codelist: f"{IATI.iri}{codelist}/" for codelist in IATI_CODELISTS},
    "qb": QB.iri,
    "dcterms": DCTERMS.iri,
    "prov": PROV.iri,
    "schema": SCHEMA.iri,
    "org": ORG.iri,
    "skos": SKOS.iri,
    "owl": OWL.iri,
    "rdf": RDF.iri,
    "rdfs": RDFS.iri,
    "xsd": XSD.iri,
    "wd": WD.iri,
    "iso639-1": ISO639_1.iri,
}
"""Prefix -> namespace IRI, for Turtle/TriG export and SPARQL headers.

Every IRI the graph and the ontology mint under ``voc:`` and ``iati:`` has a prefix whose local
part needs no escaping in Turtle (``statistics:budget-by-region-year``, ``ActivityScope:4``,
never ``voc:statistics\\/budget-by-region-year``). The set is fixed: every export declares all
of them, used or not, so documents of any store share one head (tests/test_export.py). The
JSON-LD context (ontology/context.jsonld) names a subset, with the same IRIs."""
