"""`kg serve` marks the language of the data it shows (WCAG 3.1.2, Language of Parts).

The pages are English (``<html lang="en">``); a literal tagged French or Spanish is shown inside
an element with ``lang="fr"`` or ``lang="es"``, an English one inherits the page's English (no
``lang`` of its own), and a literal without a tag gets no ``lang`` invented (a source page's
untagged text, its place among it, is in the page's language). The store is built from a
French, a Spanish and an English project page and a French news article of examples/pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from starlette.testclient import TestClient

from kg.build import build
from kg.namespaces import DCTERMS, DEFAULT_BASE, IOM, RDF, SKOS
from kg.serve import ServeSettings, create_app
from kg.serve.charts import Bar, Series, bar_chart, stacked_column_chart
from kg.serve.graph import GraphReader
from kg.serve.iris import IriMap
from kg.serve.languages import LangString, lang_attribute, language_of
from kg.store import open_store, opened_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"
PAGES = ("sahel_lutte_contre_la_traite_fr.txt", "andean_labour_migration_es.html",
         "eastern_caribbean_migrant_protection.txt", "news_sahel_orientation_victimes_fr.txt")
NEWS_TITLE = ("Les pays du Sahel se dotent de mécanismes nationaux d'orientation des victimes "
              "de la traite")
FRENCH_PROJECT = "NE10P0198"
FRENCH_TITLE = "Appui aux mécanismes nationaux d'orientation des victimes de la traite au Sahel"
SPANISH_PROJECT = "PE10P0367"
SPANISH_TITLE = "Migración laboral ordenada entre los países andinos"
COUNTER_TRAFFICKING = "/vocab/project-type/counter-trafficking"
NEWS_PLACE = "Niamey"
"""The place of the French news article's dateline ("Niamey, le 24 novembre 2022 – ...")."""
HTML = {"accept": "text/html"}
PAGE_LANGUAGE = ("html", "en")
"""What text that is not marked inherits: ``<html lang="en">``."""
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                           "meta", "source", "track", "wbr"})


class LanguageOfText(HTMLParser):
    """Each piece of text of a page with the language it is in: the ``lang`` of its nearest
    element that has one, and that element's name."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, tuple[str, str] | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_ELEMENTS:
            self.open.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        if data.strip():
            marked = [(tag, lang) for tag, lang in self.open if lang is not None]
            self.texts.append((" ".join(data.split()), marked[-1] if marked else None))


def languages(page: str, text: str) -> list[tuple[str, str] | None]:
    """(element, lang) of the nearest element with a ``lang`` around each piece of ``page``
    that reads ``text`` (exactly), in page order; at least one such piece must be there."""
    parser = LanguageOfText()
    parser.feed(page)
    found = [marked for data, marked in parser.texts if data == text]
    assert found, f"{text!r} is not shown on the page"
    return found


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app on a store built from PAGES."""
    pages = tmp_path_factory.mktemp("lang-pages")
    for name in PAGES:
        (pages / name).write_bytes((EXAMPLES / name).read_bytes())
    folder = tmp_path_factory.mktemp("lang") / "kg-store"
    with opened_store(folder) as built:
        build(built, [pages], DEFAULT_BASE)
    store = open_store(folder, read_only=True)
    yield TestClient(create_app(store, ServeSettings(hosts=("testserver",), timeout=20)))
    del store


def html_page(client: TestClient, path: str, **params: str) -> str:
    """The HTML page at ``path`` (200 required)."""
    page = client.get(path, params=params, headers=HTML)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    return page.text


def test_concept_labels_are_marked_with_their_language(client: TestClient) -> None:
    page = html_page(client, COUNTER_TRAFFICKING)
    assert languages(page, "Lutte contre la traite")[0] == ("dd", "fr")
    assert languages(page, "Lucha contra la trata")[0] == ("dd", "es")
    assert languages(page, "Counter Trafficking Projects")[0] == PAGE_LANGUAGE
    statements = languages(page, "Lutte contre la traite")[1:]  # the table of all statements
    assert statements and all(marked == ("span", "fr") for marked in statements)


def test_a_french_project_page_marks_its_title_results_and_narrative(
        client: TestClient) -> None:
    page = html_page(client, f"/project/{FRENCH_PROJECT}")
    assert languages(page, FRENCH_TITLE)[0] == ("h1", "fr")
    for text in ("renforcer la protection des victimes de la traite au Sahel",  # objective
                 "dotant les autorités de mécanismes nationaux d'orientation opérationnels",
                 "la formation des agents de première ligne"):  # outcome, output
        assert languages(page, text)[0] == ("a", "fr"), text
    narrative = languages(page, "Dans les trois pays, les victimes de la traite identifiées "
                                "aux frontières sont rarement orientées vers des services "
                                "adaptés, faute de procédures communes.")
    assert narrative[0] == ("p", "fr")
    assert set(languages(page, FRENCH_TITLE)[1:]) == {("span", "fr")}  # statement table
    assert languages(page, "@fr")[0] == PAGE_LANGUAGE  # the note naming the tag is not French


def test_untagged_and_english_literals_get_no_lang_of_their_own(client: TestClient) -> None:
    page = html_page(client, f"/project/{FRENCH_PROJECT}")
    assert languages(page, FRENCH_TITLE)[-1] == ("span", "fr")  # dcterms:title, tagged
    assert set(languages(page, FRENCH_PROJECT)) == {PAGE_LANGUAGE}  # iom:primaId, no tag
    assert set(languages(page, "Counter Trafficking Projects")) == {PAGE_LANGUAGE}  # @en label
    english = html_page(client, "/project/TT10P0412")
    parser = LanguageOfText()
    parser.feed(english)
    assert {marked for _, marked in parser.texts} == {PAGE_LANGUAGE}


def test_a_spanish_project_is_marked_in_lists_and_search_results(client: TestClient) -> None:
    assert languages(html_page(client, "/project/"), SPANISH_TITLE) == [("a", "es")]
    assert languages(html_page(client, f"/project/{SPANISH_PROJECT}"), SPANISH_TITLE)[0] == (
        "h1", "es")
    found = html_page(client, "/search", q="migracion andinos")
    assert languages(found, SPANISH_TITLE) == [("a", "es")]
    assert languages(found, "migración") == [("span", "es")]  # the marked word of the snippet


def test_a_french_news_article_marks_its_title_and_text(client: TestClient) -> None:
    listed = html_page(client, "/page/")
    assert languages(listed, NEWS_TITLE) == [("a", "fr")]
    answer = client.get("/sparql", params={"query": "SELECT ?news WHERE { ?news a "
                                           "<https://kg.example.org/iom/ontology#NewsArticle> }"},
                        headers={"accept": "application/sparql-results+json"})
    [row] = answer.json()["results"]["bindings"]
    page = html_page(client, "/" + row["news"]["value"].removeprefix(DEFAULT_BASE))
    assert languages(page, NEWS_TITLE)[0] == ("h1", "fr")
    paragraph = ("Plus de 400 agents de première ligne, policiers, travailleurs sociaux et "
                 "agents de santé, ont été formés à leur application dans les trois pays.")
    assert languages(page, paragraph) == [("p", "fr")]


def test_a_french_news_article_marks_its_place(client: TestClient) -> None:
    answer = client.get("/sparql", params={"query": "SELECT ?news ?place WHERE { ?news "
                                           "<https://kg.example.org/iom/ontology#place> ?place }"},
                        headers={"accept": "application/sparql-results+json"})
    [row] = answer.json()["results"]["bindings"]
    assert row["place"] == {"type": "literal", "value": NEWS_PLACE}  # a plain string
    page = html_page(client, "/" + row["news"]["value"].removeprefix(DEFAULT_BASE))
    assert languages(page, NEWS_PLACE)[0] == ("dd", "fr")


def test_a_page_in_french_marks_its_untagged_title_and_text() -> None:
    store = ox.Store()
    page_iri = ox.NamedNode(f"{DEFAULT_BASE}page/0001")
    for predicate, value in (
            (RDF.type, IOM.SourcePage), (IOM.sourcePath, ox.Literal("page.txt")),
            (DCTERMS.language, ox.NamedNode("http://id.loc.gov/vocabulary/iso639-1/fr")),
            (DCTERMS.title, ox.Literal("Titre de la page")),
            (IOM.place, ox.Literal("Le Caire")),
            (DCTERMS.description, ox.Literal("Premier paragraphe.\nSecond paragraphe."))):
        store.add(ox.Quad(page_iri, predicate, value, ox.DefaultGraph()))
    app = TestClient(create_app(store, ServeSettings(hosts=("testserver",), timeout=20)))
    page = html_page(app, "/page/0001")
    assert languages(page, "Titre de la page")[0] == ("h1", "fr")
    assert languages(page, "Premier paragraphe.") == [("p", "fr")]
    assert languages(page, "Second paragraphe.") == [("p", "fr")]
    assert languages(page, "Le Caire")[0] == ("dd", "fr")
    assert set(languages(page, "page.txt")) == {PAGE_LANGUAGE}


def test_sparql_html_results_mark_tagged_literals_only(client: TestClient) -> None:
    query = ("PREFIX dcterms: <http://purl.org/dc/terms/>\n"
             "PREFIX iom: <https://kg.example.org/iom/ontology#>\n"
             "SELECT ?id ?title ?label WHERE { ?p iom:primaId ?id ; dcterms:title ?title ; "
             "iom:projectType ?type . ?type <http://www.w3.org/2004/02/skos/core#prefLabel> "
             "?label } ORDER BY ?id ?label")
    page = html_page(client, "/sparql", query=query)
    assert set(languages(page, FRENCH_TITLE)) == {("span", "fr")}
    assert set(languages(page, SPANISH_TITLE)) == {("span", "es")}
    assert set(languages(page, "Lutte contre la traite")) == {("span", "fr")}
    assert set(languages(page, "Counter Trafficking Projects")) == {PAGE_LANGUAGE}
    assert set(languages(page, FRENCH_PROJECT)) == {PAGE_LANGUAGE}


def test_the_ontology_page_marks_its_french_and_spanish_labels(client: TestClient) -> None:
    page = html_page(client, "/ontology")
    assert set(languages(page, "Lutte contre la traite")) == {("span", "fr")}
    assert set(languages(page, "Lucha contra la trata")) == {("span", "es")}


def test_a_tag_is_written_as_an_escaped_attribute() -> None:
    assert lang_attribute("fr") == ' lang="fr"'
    assert lang_attribute("") == "" and lang_attribute("en") == "" and lang_attribute("EN") == ""
    assert lang_attribute('x"><script>') == ' lang="x&#34;&gt;&lt;script&gt;"'


def test_labels_keep_the_language_of_their_literal() -> None:
    store = ox.Store()
    iri = ox.NamedNode(f"{DEFAULT_BASE}project/XX10P0001")
    store.add(ox.Quad(iri, DCTERMS.title, ox.Literal("Titre", language="fr"),
                      ox.DefaultGraph()))
    reader = GraphReader(store, IriMap.for_base(DEFAULT_BASE))
    label = reader.labels([iri.value])[iri.value]
    assert (label, language_of(label)) == ("Titre", "fr")
    assert reader.link(iri.value).language == "fr"


def test_chart_labels_in_french_or_spanish_carry_their_lang() -> None:
    french, spanish = LangString("Lutte contre la traite", "fr"), LangString(
        "Lucha contra la trata", "es")
    english = LangString("Counter Trafficking Projects", "en")
    bars = str(bar_chart([Bar(french, 2), Bar(spanish, 1), Bar(english, 1), Bar("Other", 1)],
                         chart_id="types", title="Projects by type", description="Ranked"))
    assert languages(bars, french) == [("text", "fr")]
    assert languages(bars, spanish) == [("text", "es")]
    assert languages(bars, english) == [None] and languages(bars, "Other") == [None]
    columns = str(stacked_column_chart(
        ["2020", "2021"], [Series(LangString("Afrique de l'Ouest", "fr"), (1.0, 2.0)),
                           Series(LangString("América del Sur", "es"), (3.0, 0.0)),
                           Series("Asia and the Pacific", (1.0, 1.0))],
        chart_id="regions", title="Budget", description="Stacked"))
    assert languages(columns, "Afrique de l'Ouest") == [("text", "fr")]
    assert languages(columns, "América del Sur") == [("text", "es")]
    assert languages(columns, "Asia and the Pacific") == [None]
    assert languages(columns, "2020") == [None]


def test_the_index_charts_mark_a_label_in_spanish(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in PAGES:
        (pages / name).write_bytes((EXAMPLES / name).read_bytes())
    store = ox.Store()
    build(store, [pages], DEFAULT_BASE)
    concept = ox.NamedNode(DEFAULT_BASE + COUNTER_TRAFFICKING.lstrip("/"))
    english = [q for q in store.quads_for_pattern(concept, SKOS.prefLabel, None)
               if q.object.language == "en"]  # as if the vocabulary had no English labels
    assert english
    for quad in english:
        store.remove(quad)
    app = TestClient(create_app(store, ServeSettings(hosts=("testserver",), timeout=20)))
    page = html_page(app, "/")
    shown = languages(page, "Lucha contra la trata")
    assert shown[0] == ("text", "es")  # the bar's label, then the link to the type
    assert {lang for _, lang in shown} == {"es"}
