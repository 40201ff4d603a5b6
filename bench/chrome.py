"""The site around an article, for generated HTML pages: what a real page carries besides it.

A page saved from a content-managed site is mostly not the article: a head with metadata,
style and an inline settings script, a header with a language switcher, a search form and a
menu of a few hundred links (with icons), a breadcrumb trail, and a footer of link columns and
social icons. ``wrap`` puts an article's ``<main>`` (a few KB) inside such a page of 50–80 KB,
so that benchmarks parse what users feed the tool. The parser drops all of it; the words are
this module's own.
"""

from __future__ import annotations

import html
import random

SECTIONS = {
    "en": ["Who we are", "Our work", "Where we work", "Data and research", "Take action",
           "News and media"],
    "fr": ["Qui sommes-nous", "Notre action", "Où nous travaillons", "Données et recherche",
           "Agir", "Actualités"],
    "es": ["Quiénes somos", "Nuestro trabajo", "Dónde trabajamos", "Datos e investigación",
           "Participe", "Noticias"],
}
TOPICS = ["Governance", "Labour mobility", "Health", "Border management", "Climate and mobility",
          "Protection", "Return", "Integration", "Emergencies", "Statistics", "Publications",
          "Events", "Careers", "Procurement", "Partners", "Donors", "Offices", "Archive"]
ICON = ('<svg class="icon icon--{name}" viewBox="0 0 24 24" aria-hidden="true" role="img">'
        '<title>{name}</title><path d="M{a} {b}L{c} {d}Z"/></svg>')


def _icon(rng: random.Random, name: str) -> str:
    return ICON.format(name=name, a=rng.randint(1, 23), b=rng.randint(1, 23),
                       c=rng.randint(1, 23), d=rng.randint(1, 23))


def _head(rng: random.Random, title: str) -> str:
    settings = ", ".join(f'"setting{i}": "{rng.getrandbits(64):016x}"'
                         for i in range(rng.randint(400, 1000)))
    rules = "\n".join(f".block-{i} {{ margin: {i % 17}px; color: #{rng.getrandbits(24):06x}; }}"
                      for i in range(rng.randint(60, 160)))
    links = "\n".join(f'<link rel="stylesheet" href="/css/part-{i}.css?v={rng.getrandbits(20)}">'
                      for i in range(rng.randint(8, 20)))
    escaped = html.escape(title)
    return (f'<head>\n<meta charset="utf-8">\n<title>{escaped} | Site</title>\n'
            f'<meta property="og:title" content="{escaped}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{links}\n'
            f"<style>\n{rules}\n</style>\n"
            f'<script type="application/json" data-settings="site">{{{settings}}}</script>\n'
            "</head>\n")


def _menu(rng: random.Random, language: str) -> str:
    items = []
    for number, section in enumerate(SECTIONS[language]):
        links = "\n".join(
            f'      <li class="menu__item"><a class="menu__link" href="/{number}/{topic.lower()}'
            f'-{index}">{html.escape(topic)} {index}</a></li>'
            for index in range(rng.randint(25, 60)) for topic in [rng.choice(TOPICS)])
        items.append(f'  <li class="menu__item menu__item--expanded">'
                     f'<a href="/{number}">{html.escape(section)}</a>{_icon(rng, "chevron")}\n'
                     f'    <ul class="menu menu--level-2">\n{links}\n    </ul>\n  </li>')
    return '<nav class="main-menu" aria-label="Main">\n<ul class="menu">\n' + \
        "\n".join(items) + "\n</ul>\n</nav>"


def _header(rng: random.Random, language: str) -> str:
    languages = "".join(f'<li><a href="/{code}" hreflang="{code}">{code.upper()}</a></li>'
                        for code in SECTIONS)
    return (f'<header class="site-header">\n<div class="logo"><a href="/">{_icon(rng, "logo")}'
            f"</a></div>\n<ul class=\"language-switcher\">{languages}</ul>\n"
            f'<form class="search" action="/search"><input type="search" name="q">'
            f'<button type="submit">{_icon(rng, "search")}</button></form>\n'
            f"{_menu(rng, language)}\n</header>\n")


def _footer(rng: random.Random, language: str) -> str:
    columns = "\n".join(
        f'<div class="footer__column"><h2>{html.escape(section)}</h2><ul>'
        + "".join(f'<li><a href="/f/{rng.getrandbits(16)}">{html.escape(rng.choice(TOPICS))}</a>'
                  "</li>" for _ in range(rng.randint(10, 24)))
        + "</ul></div>" for section in SECTIONS[language])
    social = "".join(f'<a href="/{name}">{_icon(rng, name)}</a>'
                     for name in ("facebook", "x", "linkedin", "youtube", "instagram"))
    return (f'<footer class="site-footer">\n{columns}\n<div class="social">{social}</div>\n'
            "<p>&copy; Site</p>\n</footer>\n")


def wrap(rng: random.Random, language: str, title: str, main: str) -> str:
    """A whole page around ``main`` (the article's ``<main>`` element); ``title`` goes to the
    head, as sites repeat it there."""
    crumbs = (f'<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a>'
              f"</li><li>{html.escape(title[:40])}</li></ol></nav>\n")
    return (f'<!DOCTYPE html>\n<html lang="{language}">\n{_head(rng, title)}<body>\n'
            f"{_header(rng, language)}{crumbs}{main}\n{_footer(rng, language)}"
            "</body></html>\n")
