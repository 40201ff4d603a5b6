"""Minting IRIs: every resource of the graph gets its IRI here, from a real identifier.

The rules are in docs/graph-model.md ("Minted IRIs"). Each ``mint_*`` returns a NamedNode
built from an f-string; parts of a project are minted from the project's node. The page
mapping, which mints a dozen IRIs per page, uses the ``*_iri`` functions the NamedNodes are
made from: plain strings, safe by construction, with no NamedNode made and printed again. The
base IRI always ends with ``/``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from urllib.parse import quote

from pyoxigraph import NamedNode

from kg.errors import UsageError
from kg.namespaces import DEFAULT_BASE
from kg.records import ProjectMention, ProjectPage

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
_SEGMENT_UNSAFE = re.compile(r"[^0-9A-Za-z._~-]+")


@cache
def normalise_base(base: str = DEFAULT_BASE) -> str:
    """The base IRI ending with ``/``; UsageError when it is not an absolute http(s) IRI, or
    has a query or fragment: minted IRIs are paths under it, and under ``.../iom#`` every
    resource would be a fragment of one document (``.../iom#/project/VU10P0543``)."""
    if not re.match(r"^https?://[^/\s]+", base or ""):
        raise UsageError(f"base IRI must be an absolute http(s) IRI, not {base!r}")
    if "#" in base or "?" in base:
        raise UsageError(f"base IRI {base!r} must have no query or fragment ('?', '#'): "
                         "minted IRIs are paths under it")
    base = base if base.endswith("/") else base + "/"
    try:
        NamedNode(base)
    except ValueError as exc:
        raise UsageError(f"base IRI {base!r} is not a valid IRI: {exc}") from exc
    return base


def slug(text: str) -> str:
    """Lower-case ASCII words joined by ``-``: "Ministry of Internal Affairs" ->
    "ministry-of-internal-affairs"; accents are dropped, "" when nothing is left."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_text).strip("-")


@lru_cache(maxsize=4096)
def path_segment(text: str) -> str:
    """An identifier made safe as one IRI path segment, readable when it already is
    ("VU10P0543", "PX.0220", "1.1" stay as they are; other characters are %-encoded; cached:
    result numbers and codes recur on every page)."""
    text = text.strip()
    if not _SEGMENT_UNSAFE.search(text):
        return text
    return quote(text, safe="-._~")


def _name_slug(name: str) -> str:
    """Slug of a name, or a %-encoded form when the name has no ASCII letters or digits."""
    return slug(name) or path_segment(name) or "unnamed"


def project_iri(record: ProjectPage, base: str = DEFAULT_BASE) -> str:
    """``B/project/{PrimaID}``; else ``B/project/{ProjectsID}``; else the page fallback
    ``B/project/page-{sha256[:12]}``."""
    base = normalise_base(base)
    if record.prima_id and record.prima_id.strip():
        return f"{base}project/{path_segment(record.prima_id)}"
    if record.projects_id and record.projects_id.strip():
        return f"{base}project/{path_segment(record.projects_id)}"
    return f"{base}project/page-{record.source.sha256[:12].lower()}"


def mint_project_iri(record: ProjectPage, base: str = DEFAULT_BASE) -> NamedNode:
    """The project's node (see ``project_iri``)."""
    return NamedNode(project_iri(record, base))


def _years_key(start: int | None, end: int | None) -> str:
    """``2015-2017``, ``from-2015`` or ``to-2017``; "" when neither year is known."""
    if start and end:
        return f"{start}-{end}"
    if start:
        return f"from-{start}"
    return f"to-{end}" if end else ""


def named_project_key(mention: ProjectMention) -> str:
    """``{slug}[--{acronym}][--{years}][--{PrimaID}]``: the name with the acronym, years and
    Prima ID the article gives (a slug never holds ``--``, and is lower-case where the Prima ID,
    kept as written, is not); an acronym the name already spells is not repeated."""
    name = _name_slug(mention.name)
    acronym = slug(mention.acronym or "")
    spelled = acronym and f"-{acronym}-" in f"-{name}-"
    prima = path_segment(mention.prima_id) if mention.prima_id else ""
    parts = [name, "" if spelled else acronym, _years_key(mention.start_year, mention.end_year),
             prima]
    return "--".join(part for part in parts if part)


def mint_named_project_iri(mention: ProjectMention, base: str = DEFAULT_BASE) -> NamedNode:
    """``B/project/named-{key}`` (see ``named_project_key``): a project as a news article
    names it. Articles saying the same of a project share the node; the facts that tell
    same-titled projects apart (acronym, years, Prima ID) are in the IRI, so no node gets two
    of them."""
    return NamedNode(f"{normalise_base(base)}project/named-{named_project_key(mention)}")


def objective_iri(project: str) -> str:
    """``{project}/objective``: a project has one objective."""
    return f"{project}/objective"


def outcome_iri(project: str, label: str) -> str:
    """``{project}/outcome/{n}`` from the outcome's label ("1")."""
    return f"{project}/outcome/{path_segment(label)}"


def output_iri(project: str, label: str) -> str:
    """``{project}/output/{n.m}`` from the output's label ("1.1")."""
    return f"{project}/output/{path_segment(label)}"


def budget_iri(project: str) -> str:
    """``{project}/budget``: a project has one budget."""
    return f"{project}/budget"


def participation_iri(project: str, organisation_name: str) -> str:
    """``{project}/participation/{org-slug}``: one organisation's part in one project."""
    return f"{project}/participation/{_name_slug(organisation_name)}"


def member_state_iri(iso3: str, base: str = DEFAULT_BASE) -> str:
    """``B/member-state/{ISO3}`` from the ISO 3166 alpha-3 code (upper case)."""
    return f"{normalise_base(base)}member-state/{path_segment(iso3.strip().upper())}"


def mint_member_state_iri(iso3: str, base: str = DEFAULT_BASE) -> NamedNode:
    """A member state's node (see ``member_state_iri``)."""
    return NamedNode(member_state_iri(iso3, base))


def mint_organisation_iri(name: str, base: str = DEFAULT_BASE) -> NamedNode:
    """``B/organisation/{slug}`` from the organisation's name (or acronym when only that
    is known)."""
    return NamedNode(f"{normalise_base(base)}organisation/{_name_slug(name)}")


def page_iri(sha256: str, base: str = DEFAULT_BASE) -> str:
    """``B/page/{sha256[:16]}``: a source page, and the named graph of its triples."""
    return f"{normalise_base(base)}page/{sha256[:16].lower()}"


def mint_page_iri(sha256: str, base: str = DEFAULT_BASE) -> NamedNode:
    """A source page's node (see ``page_iri``)."""
    return NamedNode(page_iri(sha256, base))


def mint_graph_iri(name: str, base: str = DEFAULT_BASE) -> NamedNode:
    """``B/graph/{name}``: a named graph that is not a page's (``ontology``, ``builds``)."""
    return NamedNode(f"{normalise_base(base)}graph/{path_segment(name)}")
