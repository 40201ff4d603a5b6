"""A news article naming a project by its Prima ID alone ("the project GE10P0377"), from the
page to the graph: the mention node it gets, and the project page it is linked to by kg build."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from store_helpers import article_links

from kg.build import build
from kg.mapping import map_record, mint_page_iri
from kg.namespaces import DCTERMS, DEFAULT_BASE, IOM, RDF
from kg.records import NewsArticle, ProjectMention, Source
from kg.validate.compiled import validate_store_compiled

B = DEFAULT_BASE
NODE = ox.NamedNode(f"{B}project/named-unnamed--GE10P0377")


def _news(mention: ProjectMention) -> NewsArticle:
    return NewsArticle(
        source=Source("news/shkoder.txt", "ab" * 32), title="Joint Patrols Begin on Lake Shkodër",
        published="2021-06-17", place="Shkodër", language="en",
        body="Border police of Albania and Montenegro patrolled the lake together.",
        projects=[mention])


def _objects(quads: list[ox.Quad], subject: ox.NamedNode, predicate: ox.NamedNode
             ) -> list[ox.Term]:
    return [quad.object for quad in quads
            if quad.subject == subject and quad.predicate == predicate]


def test_a_mention_giving_only_a_prima_id_gets_a_node_with_that_prima_id_and_no_title(
        ) -> None:
    news = _news(ProjectMention("", None, 2019, 2021, "GE10P0377"))
    quads = map_record(news, B)
    node = ox.NamedNode(f"{B}project/named-unnamed--2019-2021--GE10P0377")
    assert _objects(quads, mint_page_iri(news.source.sha256, B), IOM.namesProject) == [node]
    assert _objects(quads, node, RDF.type) == [IOM.ProjectMention]
    assert _objects(quads, node, IOM.primaId) == [ox.Literal("GE10P0377")]
    assert _objects(quads, node, DCTERMS.title) == []


def test_a_mention_with_neither_title_nor_prima_id_gets_no_node() -> None:
    news = _news(ProjectMention("", "SBM", 2019, 2021))
    quads = map_record(news, B)
    assert _objects(quads, mint_page_iri(news.source.sha256, B), IOM.namesProject) == []


def _project_page(title: str, prima_id: str) -> str:
    fields = {"Start Date": 2019, "End Date": 2021, "Project Status": "Completed",
              "Project Type": "Immigration and Border Management",
              "Budget Amount (USD)": "250000.00", "Coverage": "Regional", "Year": 2019,
              "IDF Region": "Europe", "Prima ID": prima_id,
              "Benefiting Member States": "Albania, Montenegro"}
    lines = ["Who we are", "Our Work", title]
    for label, value in fields.items():
        lines += ["-", label, str(value)]
    lines.append("The project helps the border police of Albania and Montenegro patrol shared "
                 "waters (Objective) through joint patrols on Lake Shkodër (Outcome 1).")
    return "\n".join(lines) + "\n"


def _news_page(headline: str, naming: str) -> str:
    return ("Who We Are\nOur Work\n" + headline + "\nShkodër, 17 June 2021 – Border police "
            "officers of Albania and Montenegro held their first joint patrol on the lake, with "
            f"support from IOM.\n{naming}\n")



def test_kg_build_links_an_article_naming_a_prima_id_alone_to_the_page_that_has_it(
        tmp_path: Path) -> None:
    (tmp_path / "balkans.txt").write_text(_project_page(
        "Strengthening Border Management in the Western Balkans", "GE10P0377"),
        encoding="utf-8")
    (tmp_path / "patrols.txt").write_text(_news_page(
        "Joint Patrols Begin on Lake Shkodër",
        "The patrols were planned under the project GE10P0377, funded by the IOM Development "
        "Fund."), encoding="utf-8")
    (tmp_path / "coast.txt").write_text(_news_page(
        "Coast Guards Train in Bar",
        "The course was given under Prima ID ME10P0611 by trainers from Croatia."),
        encoding="utf-8")
    store = ox.Store()
    summary = build(store, [tmp_path], jobs=1)
    # No page has ME10P0611: a Prima ID alone says nothing else of that project, so the
    # article is linked to none, and the build says so.
    assert article_links(store) == {"patrols.txt": f"{B}project/GE10P0377"}
    warnings = [(Path(path).name, issue.message) for path, issue in summary.issues
                if issue.field == "project"]
    assert len(warnings) == 1 and warnings[0][0] == "coast.txt"
    assert "ME10P0611" in warnings[0][1] and "no project page has it" in warnings[0][1]
    # The article's mention node keeps the Prima ID, and the graph conforms to the shapes.
    assert validate_store_compiled(store).results == []


def test_records_mapped_without_a_store_link_a_prima_id_alone_as_kg_build_does(
        tmp_path: Path) -> None:
    from kg.mapping.links import link_records
    from kg.parse import parse_page
    from kg.sources import read_source

    (tmp_path / "balkans.txt").write_text(_project_page(
        "Strengthening Border Management in the Western Balkans", "GE10P0377"), encoding="utf-8")
    (tmp_path / "patrols.txt").write_text(_news_page(
        "Joint Patrols Begin on Lake Shkodër",
        "The patrols were planned under the project GE10P0377, funded by the IOM Development "
        "Fund."), encoding="utf-8")
    records = [parse_page(read_source(tmp_path / name)) for name in ("balkans.txt", "patrols.txt")]
    links = [(q.subject, q.object) for q in link_records(records, B)
             if q.predicate == IOM.mentionsProject]
    assert links == [(mint_page_iri(records[1].source.sha256, B),
                      ox.NamedNode(f"{B}project/GE10P0377"))]
