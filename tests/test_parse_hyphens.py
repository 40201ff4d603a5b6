"""Hyphens as pages type them: a non-breaking hyphen (U+2011), the Unicode hyphen (U+2010) or
an en dash between letters (U+2013) reads as the hyphen of the reference lists wherever values
and names are matched, while an en dash between spaces or digits keeps its own meaning."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import iso3s, parse_text

from kg.reference.countries import fold
from kg.reference.vocabularies import find_concept

HYPHENS = ["\u2011", "\u2010", "\u2013"]


def page(coverage: str, project_type: str, states: str) -> str:
    """A labeled project page with the given coverage, type and member states."""
    return ("Our Work\nSafer Journeys for Migrant Workers in West Africa\n"
            f"Project Type: {project_type}\nCoverage: {coverage}\nYear: 2022\n"
            "IDF Region: Africa\nPrima ID: GW10P0058\n"
            f"Benefiting Member States: {states}\n"
            "Bus drivers on the coastal road are often the first to meet migrants in distress.\n")


@pytest.mark.parametrize("hyphen", HYPHENS)
def test_a_value_with_another_hyphen_names_the_same_concept(tmp_path: Path, hyphen: str) -> None:
    record = parse_text(tmp_path, page(f"Multi{hyphen}national", f"Counter{hyphen}Trafficking",
                                       f"Guinea{hyphen}Bissau, Senegal, Timor{hyphen}Leste"))
    assert record.coverage == "Multi-national"
    assert record.project_type == "Counter Trafficking Projects"
    assert iso3s(record) == ["GNB", "SEN", "TLS"]
    assert record.issues == []


def test_a_non_breaking_hyphen_written_as_an_html_entity_is_a_hyphen(tmp_path: Path) -> None:
    html = ("<html><body><h1>Safer Journeys for Migrant Workers in West Africa</h1>\n"
            "<dl><dt>Coverage</dt><dd>Multi&#8209;national</dd>\n"
            "<dt>Prima ID</dt><dd>GW10P0058</dd>\n"
            "<dt>Benefiting Member States</dt><dd>Guinea&#8209;Bissau, Senegal</dd></dl>\n"
            "<p>Bus drivers on the coastal road are often the first to meet migrants.</p>\n"
            "</body></html>\n")
    record = parse_text(tmp_path, html, name="page.html")
    assert record.coverage == "Multi-national"
    assert iso3s(record) == ["GNB", "SEN"]
    assert record.issues == []


def test_the_page_keeps_the_name_as_it_typed_it(tmp_path: Path) -> None:
    record = parse_text(tmp_path, page("Regional", "Counter Trafficking", "Guinea\u2011Bissau"))
    assert [state.name for state in record.member_states] == ["Guinea\u2011Bissau"]


@pytest.mark.parametrize(("written", "folded"), [
    ("Multi\u2011national", "multi-national"),
    ("2021\u201322", "2021\u201322"),  # between digits: a span of years
    ("Fiji \u2013 Tonga", "fiji \u2013 tonga"),  # between spaces: a separator
    ("\u2013", "\u2013"),
])
def test_only_dashes_between_letters_fold_to_a_hyphen(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_an_en_dash_between_spaced_words_still_separates_a_list(tmp_path: Path) -> None:
    record = parse_text(tmp_path, page("Regional", "Counter Trafficking",
                                       "Guinea\u2013Bissau \u2013 Senegal"))
    assert iso3s(record) == ["GNB", "SEN"]
    assert find_concept("coverage", "Multi\u2010national") is not None
