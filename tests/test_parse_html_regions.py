"""Blanking what the HTML reader drops (kg.parse.html_regions): a page read with its site's
menus, scripts and footer blanked out gives the same numbered lines as when the parser walks
all of it, and the site adds no line to its article."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bench.chrome import wrap
from bench.generate import generate
from kg.parse import html_text
from kg.parse.html_text import blank_dropped_elements, html_lines
from kg.parse.lines import Line

ROOT = Path(__file__).resolve().parent.parent
HTML_PAGES = sorted([*ROOT.glob("tests/fixtures/pages/*.html"),
                     *ROOT.glob("examples/pages/*.html")])


def walked_whole(html: str, monkeypatch: pytest.MonkeyPatch) -> list[Line]:
    """The lines of ``html`` when the parser walks every element (nothing blanked)."""
    with monkeypatch.context() as patch:
        patch.setattr(html_text, "blank_dropped_elements", lambda page: page)
        return html_lines(html)


def test_generated_pages_with_a_whole_site_read_as_when_walked_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [path for path in generate(tmp_path, 150, seed=4) if path.suffix == ".html"]
    assert len(pages) >= 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert len(html) > 40_000  # the site's menus and scripts are there
        blanked = blank_dropped_elements(html)
        assert "menu__link" in html and "menu__link" not in blanked
        assert "stylesheet" in html and "stylesheet" not in blanked  # the head's links
        assert blanked.count("\n") == html.count("\n")
        assert html_lines(html) == walked_whole(html, monkeypatch), path.name


@pytest.mark.parametrize("path", HTML_PAGES, ids=lambda path: path.name)
def test_a_site_around_an_article_adds_no_line(path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    html = path.read_text(encoding="utf-8")
    # the article: the page's <main> where it has one (the rest is its own site), else its body
    body = (re.search(r"<main[^>]*>(.*)</main>", html, re.S)
            or re.search(r"<body[^>]*>(.*)</body>", html, re.S))
    assert body is not None
    page = wrap(random.Random(1), "en", "Page title", f"<main>{body.group(1)}</main>")
    article = [line.text for line in html_lines(html)]
    # the site's head gives its title to a page whose body has no <h1>
    expected = article if "<h1" in html else ["Page title", *article]
    assert [line.text for line in html_lines(page)] == expected
    assert html_lines(page) == walked_whole(page, monkeypatch)


def test_text_after_a_menu_keeps_its_source_line(monkeypatch: pytest.MonkeyPatch) -> None:
    html = ("<html><body>\n<h1>Border Data</h1>\n<nav>\n<ul>\n<li>One</li>\n<li>Two</li>\n"
            "</ul>\n</nav>\n<p>Prima ID</p>\n<p>RS10P0077</p>\n</body></html>\n")
    assert html_lines(html) == [Line(2, "Border Data"), Line(9, "Prima ID"),
                                Line(10, "RS10P0077")]
    assert html_lines(html) == walked_whole(html, monkeypatch)


@pytest.mark.parametrize("html", [
    # a block inside a menu ends the line open before it
    "<body><h1>T</h1><p>Before <nav><ul><li>menu</li></ul></nav> after</p></body>",
    # a heading inside the site's header: the site's name, the head's title is used
    "<html><head><title>Head title | Site</title></head><body><header><h1>Site</h1></header>"
    "<p>Body text</p></body></html>",
    # an article's own header, with a menu in it, inside the site's main element
    "<body><header><a>Home</a></header><main><article><header>\n<h1>Headline</h1><nav><a>Share"
    "</a></nav>\n<p>3 May 2021</p></header><p>Text</p></article></main></body>",
    # a menu nested in a menu, and text right after the outer one
    "<body><h1>T</h1><nav><nav><a>x</a></nav><a>y</a></nav><p>Kept</p></body>",
    # an icon inline in a sentence: no line ends there
    "<body><h1>T</h1><p>Call us <svg><path d='M1 1'/></svg> today</p></body>",
    # the head's title and og:title, each on its own line, and what else the head holds
    "<html>\n<head>\n<meta charset='utf-8'>\n<title>L&#x27;OIM au Niger | Site</title>\n"
    "<link rel='stylesheet' href='/a.css'>\n<meta property='og:title' content='OIM &amp; Niger'>"
    "\n<style>p { color: red }</style>\n<script>var t = '<title>No</title>';</script>\n"
    "</head>\n<body>\n<p>Body text</p>\n</body></html>",
    # an og:title whose attribute spells its name with an entity; a title in upper case
    "<HTML><HEAD>\n<TITLE>Upper | Site</TITLE>\n<meta property='og&#58;title' content='Spelt'>"
    "\n</HEAD><BODY><p>Text</p></BODY></HTML>",
    # a comment that reads like the head's end, and a title after it
    "<html><head><!-- </head> --><link rel='icon'>\n<title>After | Site</title></head>\n"
    "<body><p>Text</p></body></html>",
    # a heading in the head (a broken page): the page has its own title
    "<html><head><title>Head | Site</title><h1>Odd</h1></head><body><p>Text</p></body></html>",
    # a title without its end tag (a stray one in the body ends it), and a head without one:
    # left as they are
    "<html><head><title>Open\n<link rel='x'></head><body><p>Text</p></title></body></html>",
    "<html><head><title>Kept | Site</title><link rel='x'>\n<body><p>Text</p></body></html>",
], ids=["block-in-menu", "h1-in-header", "article-header", "nested-menus", "inline-icon",
        "head-titles", "head-entity-upper", "head-comment", "head-h1", "title-unclosed",
        "head-unclosed"])
def test_blanked_pages_read_as_when_walked_whole(html: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    assert html_lines(html) == walked_whole(html, monkeypatch)


def test_an_articles_header_is_read_and_the_sites_is_not() -> None:
    html = ("<html><head><title>Displacement Tracking | Site</title></head><body>\n"
            "<header class='site'><h1>Site name</h1><a>Home</a></header>\n<main>\n<article>\n"
            "<header>\n<h1>Displacement Tracking in Mozambique</h1>\n<nav><a>Share</a></nav>\n"
            "<p>3 May 2021</p>\n</header>\n<p>Budget: USD 190,000</p>\n</article>\n</main>\n"
            "<footer><p>Contact</p></footer></body></html>")
    assert "Share" not in blank_dropped_elements(html)
    assert html_lines(html) == [Line(6, "Displacement Tracking in Mozambique"),
                                Line(8, "3 May 2021"), Line(10, "Budget: USD 190,000")]
    site_only = html.replace("<article>", "<div>").replace("</article>", "</div>")
    site_only = site_only.replace("<main>", "<div>").replace("</main>", "</div>")
    # every header is the site's now: the head gives the title the banner's <h1> does not
    assert html_lines(site_only) == [Line(1, "Displacement Tracking"),
                                     Line(10, "Budget: USD 190,000")]


def test_a_tag_name_in_a_script_or_comment_is_not_an_element() -> None:
    html = ("<body><!-- <nav> -->\n<nav><script>var s = '</nav><p>not text</p>';</script>"
            "<a>menu</a></nav>\n<p>Kept</p><script>document.write('<footer>')</script>\n"
            "<p>Also kept</p></body>")
    blanked = blank_dropped_elements(html)
    assert "menu" not in blanked and "not text" not in blanked
    assert "<!-- <nav> -->" in blanked and "document.write('<footer>')" in blanked
    assert [line.text for line in html_lines(html)] == ["Kept", "Also kept"]
    upper = "<body><NAV><SCRIPT>x = '</nav>'</SCRIPT><A>menu</A></NAV><p>Kept</p></body>"
    assert "menu" not in blank_dropped_elements(upper)
    assert [line.text for line in html_lines(upper)] == ["Kept"]


def test_elements_left_as_they_are() -> None:
    unclosed = "<body><nav><a>menu</a>\n<p>The rest of the page</p></body>"
    custom = "<body><nav-bar><a>Link</a></nav-bar><headline>Title</headline></body>"
    assert blank_dropped_elements(unclosed) == unclosed
    assert blank_dropped_elements(custom) == custom



def test_the_head_keeps_only_its_titles_each_on_its_line() -> None:
    html = ("<html>\n<head>\n<meta charset='utf-8'>\n<title>Border Data | Site</title>\n"
            "<link rel='stylesheet' href='/a.css'>\n<meta property='og:title' content='Border'>\n"
            "<script>var s = 1;</script>\n</head>\n<body>\n<p>Text</p>\n</body></html>")
    blanked = blank_dropped_elements(html)
    assert blanked.count("\n") == html.count("\n")
    assert "stylesheet" not in blanked and "charset" not in blanked and "var s" not in blanked
    lines = blanked.split("\n")
    assert lines[3] == "<title>Border Data | Site</title>"
    assert lines[5] == "<meta property='og:title' content='Border'>"
    assert html_lines(html) == [Line(6, "Border"), Line(10, "Text")]
