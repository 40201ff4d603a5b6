"""The country gazetteer (kg/reference/countries.py and its countries.csv): the names pages
write for a country, old and new, give that country, and only it."""

from __future__ import annotations

import pytest

from kg.reference.countries import gazetteer


def split(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(name as written, ISO alpha-3) of each state a list names, and the unknown spans."""
    found, unknown = gazetteer().split(text)
    return [(state.name, state.iso3) for state in found], unknown


@pytest.mark.parametrize("written", [
    "the former Yugoslav Republic of Macedonia", "The former Yugoslav Republic of Macedonia",
    "Macedonia (the former Yugoslav Republic of)", "FYROM", "FYR Macedonia",
])
def test_the_names_of_north_macedonia_before_2019_give_north_macedonia(written: str) -> None:
    assert split(written) == ([(written, "MKD")], [])


def test_the_former_yugoslav_republic_in_a_list_is_one_state() -> None:
    assert split("Albania, Serbia and the former Yugoslav Republic of Macedonia") == (
        [("Albania", "ALB"), ("Serbia", "SRB"),
         ("the former Yugoslav Republic of Macedonia", "MKD")], [])


@pytest.mark.parametrize("written", ["Timor Leste", "Timor-Leste", "East Timor"])
def test_timor_leste_with_or_without_its_hyphen_is_timor_leste(written: str) -> None:
    assert split(f"Indonesia, {written}") == ([("Indonesia", "IDN"), (written, "TLS")], [])


def test_fiji_islands_is_fiji_alone() -> None:
    assert split("Fiji Islands, Tonga") == ([("Fiji Islands", "FJI"), ("Tonga", "TON")], [])


@pytest.mark.parametrize(("written", "iso3"), [
    ("Solomon Islands", "SLB"), ("Marshall Islands", "MHL"), ("Cook Islands", "COK"),
    ("Faroe Islands", "FRO"),
])
def test_states_named_islands_stay_themselves(written: str, iso3: str) -> None:
    assert split(f"Fiji, {written}") == ([("Fiji", "FJI"), (written, iso3)], [])


def test_old_names_are_found_in_prose_too() -> None:
    text = "Officers from Timor Leste and the Fiji Islands met in Dili."
    assert [(state.name, state.iso3) for state in gazetteer().mentions(text)] == [
        ("Timor Leste", "TLS"), ("Fiji Islands", "FJI")]


@pytest.mark.parametrize("written", [
    "Kosovo/UNSCR 1244", "Kosovo under UNSCR 1244", "Kosovo (under UNSCR 1244)",
    "Kosovo (UNSC Resolution 1244)"])
def test_kosovo_with_the_resolution_beside_its_name_is_kosovo_alone(written: str) -> None:
    assert split(f"Albania, {written}, Serbia") == (
        [("Albania", "ALB"), (written, "XKX"), ("Serbia", "SRB")], [])


@pytest.mark.parametrize("written", [
    "occupied Palestinian territory", "Occupied Palestinian Territory",
    "occupied Palestinian territories", "Palestinian Territories",
    "Territoire palestinien occupé", "Territorio Palestino Ocupado"])
def test_the_occupied_palestinian_territory_is_palestine(written: str) -> None:
    assert split(f"Jordan, Lebanon and the {written}") == (
        [("Jordan", "JOR"), ("Lebanon", "LBN"), (written, "PSE")], [])


def mentions(text: str) -> list[tuple[str, str]]:
    """(name as written, ISO alpha-3) of each country running prose names."""
    return [(state.name, state.iso3) for state in gazetteer().mentions(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Border officers of the former Yugoslav Republic of Macedonia met in Ohrid.",
     [("the former Yugoslav Republic of Macedonia", "MKD")]),
    ("Returns to Albania and the former Yugoslav Republic of Macedonia rose in 2016.",
     [("Albania", "ALB"), ("the former Yugoslav Republic of Macedonia", "MKD")]),
    ("The former Yugoslav Republic of Macedonia hosted the meeting.",
     [("The former Yugoslav Republic of Macedonia", "MKD")]),
    ("Officials from the former Yugoslav Republic of Macedonia (FYROM) and Serbia met.",
     [("the former Yugoslav Republic of Macedonia", "MKD"), ("Serbia", "SRB")]),
    ("Shelters in FYROM and Serbia took in families.", [("FYROM", "MKD"), ("Serbia", "SRB")]),
    ("Shelters in FYR Macedonia took in families.", [("FYR Macedonia", "MKD")]),
])
def test_north_macedonia_under_its_former_name_is_found_in_prose(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(text) == expected


@pytest.mark.parametrize("text", [
    "The former minister of the interior opened the centre.",
    "A Republic of Macedonia flag hung in the former office.",
    "Officials of the former Yugoslav Republic met again in the former capital.",
    "The Republic of the North signed no agreement.",
    "Travellers crossed into Macedonia, the Greek region, by bus.",
])
def test_parts_of_the_former_name_name_no_country(text: str) -> None:
    assert mentions(text) == []


def test_the_occupied_palestinian_territory_in_prose_is_read_as_written() -> None:
    assert mentions("Water trucks reached the occupied Palestinian territory in May.") == [
        ("occupied Palestinian territory", "PSE")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Fiji's minister of labour met officials.", [("Fiji", "FJI")]),
    ("Ghana's police trained the border officers.", [("Ghana", "GHA")]),
    ("Viet Nam’s border guard opened two posts.", [("Viet Nam", "VNM")]),
    ("FYROM's police met the team in Gevgelija.", [("FYROM", "MKD")]),
    ("Officers of the Philippines' coast guard boarded the boat.", [("Philippines", "PHL")]),
    ("THE PHILIPPINES’ COAST GUARD", [("PHILIPPINES", "PHL")]),
    ("The United States' grant reached Papua New Guinea's islands.",
     [("United States", "USA"), ("Papua New Guinea", "PNG")]),
    ("Côte d'Ivoire's returnees and Côte d’Ivoire’s partners met.", [("Côte d'Ivoire", "CIV")]),
    ("The Lao People's Democratic Republic's labour ministry hosted it.",
     [("Lao People's Democratic Republic", "LAO")]),
    ("Trainers praised the former Yugoslav Republic of Macedonia's new law.",
     [("the former Yugoslav Republic of Macedonia", "MKD")]),
    ("Returnees reached Tonga's, Samoa's and Kiribati's outer islands.",
     [("Tonga", "TON"), ("Samoa", "WSM"), ("Kiribati", "KIR")]),
    ("A grant from Fiji's.", [("Fiji", "FJI")]),
])
def test_a_country_named_in_the_possessive_is_found_without_its_mark(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Port of Spain's mayor met the team.", []),
    ("The Gulf of Guinea's fishers and Guinea's coast guard met.", [("Guinea", "GIN")]),
    ("Lake Chad's shores flooded; Chad's officials responded.", [("Chad", "TCD")]),
    ("Côte d'Ivoire signed.", [("Côte d'Ivoire", "CIV")]),
    ("The Lao People's Democratic Republic signed.", [("Lao People's Democratic Republic", "LAO")]),
    ("The Bahamas signed.", [("The Bahamas", "BHS")]),
    ("Boats of the Bahamas' coast guard docked.", [("Bahamas", "BHS")]),
])
def test_a_possessive_leaves_places_and_names_with_an_apostrophe_alone(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert mentions(text) == expected
