"""Benefiting member states: long regional lists in every layout, the spellings pages use
(variants, abbreviations, articles and joining words), where the list ends, and what is
reported when a name is not known."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from page_helpers import iso3s, parse_text
from rdflib import Dataset

from kg.mapping import map_records
from kg.records import ProjectPage, has_errors
from kg.reference.countries import gazetteer
from kg.validate import validate_graph

CARIBBEAN = ("Antigua and Barbuda, Bahamas, Barbados, Belize, Dominica, Grenada, Guyana, "
             "Haiti, Jamaica, Saint Kitts and Nevis, Saint Lucia, "
             "Saint Vincent and the Grenadines, Suriname, Trinidad and Tobago")
CARIBBEAN_ISO3 = ["ATG", "BHS", "BRB", "BLZ", "DMA", "GRD", "GUY", "HTI", "JAM", "KNA", "LCA",
                  "VCT", "SUR", "TTO"]
SAHEL = ("Benin, Burkina Faso, Cameroon, Chad, Côte d'Ivoire, Gambia, Ghana, Guinea, "
         "Guinea-Bissau, Liberia, Mali, Mauritania, Niger, Nigeria, Senegal, Sierra Leone, Togo")
SAHEL_ISO3 = ["BEN", "BFA", "CMR", "TCD", "CIV", "GMB", "GHA", "GIN", "GNB", "LBR", "MLI", "MRT",
              "NER", "NGA", "SEN", "SLE", "TGO"]
NARRATIVE = ("Coast guards in neighbouring countries rarely share what they learn from search "
             "and rescue operations at sea.\n"
             "The project aims to set up a shared training course for maritime officers "
             "(Objective).\n")


def labeled_page(states: str, after: str = NARRATIVE) -> str:
    """A regional project page whose member states are written as ``states`` (line 15 on)."""
    return ("Where we work\nOur Work\nRegional Maritime Search and Rescue Training\n-\n"
            "Project Type\nImmigration and Border Management\n-\n"
            "Coverage\nRegional\n-\nPrima ID\nBS10P0077\n-\n"
            f"Benefiting Member States\n{states}\n{after}")


def html_page(states: str) -> str:
    """The same page as an HTML definition list, the states in one ``<dd>`` (HTML line 6)."""
    return ("<html><body><main>\n<h1>Regional Maritime Search and Rescue Training</h1>\n"
            "<dl><dt>Project Type</dt><dd>Immigration and Border Management</dd>\n"
            "<dt>Coverage</dt><dd>Regional</dd><dt>Prima ID</dt><dd>BS10P0077</dd>\n"
            "<dt>Benefiting Member States</dt>\n"
            f"<dd>{states}</dd></dl>\n"
            "<p>Coast guards in neighbouring countries rarely share what they learn.</p>\n"
            "</main></body></html>\n")


def unlabeled_page(states: str, after: str = NARRATIVE) -> str:
    """The same page with bare values in the site's order, no labels; ``states`` on line 11."""
    return ("Where we work\nRegional Maritime Search and Rescue Training\n2018\n2020\n"
            "Completed\nImmigration and Border Management\nUSD 420,000\nRegional\n2018\n"
            f"BS10P0077\n{states}\n{after}")


def state_issues(record: ProjectPage) -> list[tuple[str, int | None, str]]:
    return [(issue.severity, issue.line, issue.message) for issue in record.issues
            if issue.field == "member_states"]


# --- 1. long lists --------------------------------------------------------------------------


def test_long_member_state_list_on_its_own_line_is_read_whole(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page(CARIBBEAN))
    assert iso3s(record) == CARIBBEAN_ISO3
    assert record.issues == []
    assert record.narrative is not None and record.narrative.startswith("Coast guards")


def test_long_member_state_list_in_an_html_dd_is_read_whole(tmp_path: Path) -> None:
    record = parse_text(tmp_path, html_page(CARIBBEAN), name="page.html")
    assert iso3s(record) == CARIBBEAN_ISO3
    assert record.issues == []


def test_long_inline_member_state_list_is_read_whole(tmp_path: Path) -> None:
    line = f"Benefiting Member States: {SAHEL}, Cabo Verde, Central African Republic"
    assert len(line) > 200
    page = labeled_page("").replace("Benefiting Member States\n\n", line + "\n")
    record = parse_text(tmp_path, page)
    assert iso3s(record) == [*SAHEL_ISO3, "CPV", "CAF"]
    assert record.issues == []


@pytest.mark.parametrize("states", [
    "Albania, Montenegro,\nNorth Macedonia and Serbia",
    "Albania, Montenegro,\nNorth Macedonia, Serbia",
    "Albania, Montenegro\nNorth Macedonia\nSerbia",
    "Albania; Montenegro;\nNorth Macedonia; Serbia",
])
def test_inline_member_state_list_running_on_to_the_next_lines_is_read_whole(
        tmp_path: Path, states: str) -> None:
    page = labeled_page("").replace("Benefiting Member States\n\n",
                                    f"Benefiting Member States: {states}\n")
    record = parse_text(tmp_path, page)
    assert iso3s(record) == ["ALB", "MNE", "MKD", "SRB"]
    assert record.issues == []
    assert record.narrative is not None and record.narrative.startswith("Coast guards")


def test_inline_member_state_ends_before_a_short_line_of_the_narrative(tmp_path: Path) -> None:
    page = labeled_page("", f"Background\n{NARRATIVE}").replace(
        "Benefiting Member States\n\n", "Benefiting Member States: Albania, Montenegro\n")
    record = parse_text(tmp_path, page)
    assert iso3s(record) == ["ALB", "MNE"]
    assert record.issues == []
    assert record.narrative is not None and record.narrative.startswith("Background")


def test_member_state_list_ending_in_a_full_stop_is_read(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Grenada, Saint Lucia, Barbados and Dominica."))
    assert iso3s(record) == ["GRD", "LCA", "BRB", "DMA"]
    assert [state.name for state in record.member_states][-1] == "Dominica"
    assert record.issues == []


def test_long_list_over_two_long_lines_is_read_whole(tmp_path: Path) -> None:
    first = f"{SAHEL}, Cabo Verde,"
    second = ("Central African Republic, Democratic Republic of the Congo, Equatorial Guinea, "
              "Gabon, Sao Tome and Principe, Burundi, Rwanda, South Sudan, Angola, "
              "Republic of the Congo")
    assert first.count(" ") >= 20 and second.count(" ") >= 20
    record = parse_text(tmp_path, labeled_page(f"{first}\n{second}"))
    assert iso3s(record) == [*SAHEL_ISO3, "CPV", "CAF", "COD", "GNQ", "GAB", "STP", "BDI", "RWA",
                             "SSD", "AGO", "COG"]
    assert record.issues == []


def test_long_list_with_one_unknown_name_keeps_the_others_and_reports_it(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page(CARIBBEAN.replace("Haiti", "Narnia")))
    assert iso3s(record) == [code for code in CARIBBEAN_ISO3 if code != "HTI"]
    assert [(severity, line) for severity, line, _ in state_issues(record)] == [("error", 15)]
    assert "'Narnia'" in state_issues(record)[0][2]


ASIA_NO_COMMAS = ("Viet Nam Cambodia Lao People's Democratic Republic Thailand Myanmar Malaysia "
                  "Indonesia Philippines Timor-Leste")
ASIA_ISO3 = ["VNM", "KHM", "LAO", "THA", "MMR", "MYS", "IDN", "PHL", "TLS"]


@pytest.mark.parametrize(("states", "expected"), [
    (CARIBBEAN, CARIBBEAN_ISO3),
    (CARIBBEAN.replace(",", ""), CARIBBEAN_ISO3),
    (f"{SAHEL}.", SAHEL_ISO3),
    (ASIA_NO_COMMAS, ASIA_ISO3),
    ("Bosnia and Herzegovina, Trinidad and Tobago, Saint Lucia, Albania, Serbia and Viet Nam",
     ["BIH", "TTO", "LCA", "ALB", "SRB", "VNM"]),
])
def test_long_member_state_list_on_an_unlabeled_page_is_read_whole(
        tmp_path: Path, states: str, expected: list[str]) -> None:
    assert states.count(" ") >= 12  # 13 words or more: refused before as too long
    record = parse_text(tmp_path, unlabeled_page(states))
    assert (record.prima_id, record.year) == ("BS10P0077", 2018)
    assert iso3s(record) == expected
    assert record.issues == []
    assert record.narrative is not None and record.narrative.startswith("Coast guards")


def test_long_list_on_an_unlabeled_page_over_two_lines_is_read_whole(tmp_path: Path) -> None:
    record = parse_text(tmp_path, unlabeled_page(f"{CARIBBEAN},\n{ASIA_NO_COMMAS}"))
    assert iso3s(record) == [*CARIBBEAN_ISO3, *ASIA_ISO3]
    assert record.issues == []


def test_long_list_on_an_unlabeled_page_with_an_unknown_name_reports_it(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, unlabeled_page(CARIBBEAN.replace("Haiti", "Narnia")))
    assert iso3s(record) == [code for code in CARIBBEAN_ISO3 if code != "HTI"]
    assert state_issues(record) == [("error", 11, "unknown member state 'Narnia'")]


def test_prose_naming_countries_after_unlabeled_values_is_narrative(tmp_path: Path) -> None:
    prose = ("Grenada, Saint Lucia and Dominica share sea lanes that fishing crews cross "
             "without papers.")
    record = parse_text(tmp_path, unlabeled_page(prose, ""))
    assert record.member_states == []
    assert record.narrative == prose


# --- 2. variants and the longest match ------------------------------------------------------


@pytest.mark.parametrize(("written", "expected"), [
    ("Democratic Republic of Congo, Guinea Bissau, Congo", ["COD", "GNB", "COG"]),
    ("Congo, Democratic Republic of the", ["COD"]),
    ("Congo, Democratic Republic of the; Rwanda", ["COD", "RWA"]),
    ("DR Congo, Congo-Brazzaville", ["COD", "COG"]),
    ("DRC and Republic of Congo", ["COD", "COG"]),
    ("Republic of the Congo", ["COG"]),
    ("State of Libya, Tunisia", ["LBY", "TUN"]),
    ("St. Lucia, St Kitts and Nevis, St. Vincent and the Grenadines", ["LCA", "KNA", "VCT"]),
    ("Trinidad & Tobago, Antigua & Barbuda", ["TTO", "ATG"]),
    ("Indonesia and the Philippines", ["IDN", "PHL"]),
    ("Albania, Kosovo*, North Macedonia", ["ALB", "XKX", "MKD"]),
    # the UN's French and Spanish short names, where ISO 3166 inverts the name
    ("République-Unie de Tanzanie, Kenya, Ouganda", ["TZA", "KEN", "UGA"]),
    ("Bolivie (État plurinational de), République de Moldova", ["BOL", "MDA"]),
    ("Iran (République islamique d'), République arabe syrienne", ["IRN", "SYR"]),
    ("République de Corée, République populaire démocratique de Corée", ["KOR", "PRK"]),
    ("República Unida de Tanzanía, República Democrática del Congo", ["TZA", "COD"]),
    ("Bolivia (Estado Plurinacional de), Venezuela (República Bolivariana de)", ["BOL", "VEN"]),
    ("Trinidad y Tabago, República Democrática Popular Lao", ["TTO", "LAO"]),
    ("Micronésie (États fédérés de), Palaos", ["FSM", "PLW"]),
    # the World Bank's names of the special administrative regions
    ("Hong Kong SAR, China", ["HKG"]),
    ("Hong Kong SAR, China; Macao SAR, China; Viet Nam", ["HKG", "MAC", "VNM"]),
    ("China, Hong Kong SAR and Macao SAR", ["CHN", "HKG", "MAC"]),
    ("Palaos, Micronesia (Estados Federados de)", ["PLW", "FSM"]),
])
def test_common_spellings_of_member_states_give_the_right_state(
        tmp_path: Path, written: str, expected: list[str]) -> None:
    record = parse_text(tmp_path, labeled_page(written))
    assert iso3s(record) == expected
    assert record.issues == []


@pytest.mark.parametrize(("written", "expected"), [
    ("Congo (Democratic Republic of the), Rwanda, Burundi", ["COD", "RWA", "BDI"]),
    ("Congo (the Democratic Republic of the); Congo (Republic of the)", ["COD", "COG"]),
    ("Korea (Republic of), Korea (the Democratic People's Republic of)", ["KOR", "PRK"]),
    ("Moldova (Republic of), Tanzania (United Republic of)", ["MDA", "TZA"]),
    ("South Africa, Eswatini (Kingdom of), Lesotho", ["ZAF", "SWZ", "LSO"]),
    ("Palestine (State of), Jordan", ["PSE", "JOR"]),
])
def test_names_with_their_long_form_in_brackets_after_them_give_the_right_state(
        tmp_path: Path, written: str, expected: list[str]) -> None:
    record = parse_text(tmp_path, labeled_page(written))
    assert iso3s(record) == expected
    assert record.issues == []
    assert record.member_states[0].name == written.split(", ")[0].split("; ")[0]


@pytest.mark.parametrize("written", [
    "Albania, Montenegro, Serbia¹, Kosovo²", "Albania, Montenegro, Serbia*, Kosovo**",
    "Albania, Montenegro, Serbia† and Kosovo‡", "Albania Montenegro Serbia1 Kosovo2",
])
def test_member_states_with_a_footnote_mark_are_read(tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, labeled_page(written))
    assert iso3s(record) == ["ALB", "MNE", "SRB", "XKX"]
    assert record.issues == []


def test_member_states_with_footnote_numbers_in_html_superscripts_are_read(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, html_page("Albania, Montenegro, Serbia<sup>1</sup>, "
                                            "Kosovo<sup>2</sup>"), "page.html")
    assert iso3s(record) == ["ALB", "MNE", "SRB", "XKX"]
    assert record.issues == []


def test_member_state_keeps_the_name_as_the_page_writes_it(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Congo, Democratic Republic of the; Kosovo*"))
    assert [state.name for state in record.member_states] == [
        "Congo, Democratic Republic of the", "Kosovo*"]
    assert [state.label for state in record.member_states][1] == "Kosovo"


@pytest.mark.parametrize(("written", "names"), [
    ("Iran (Islamic Republic of), Bolivia (Plurinational State of)",
     ["Iran (Islamic Republic of)", "Bolivia (Plurinational State of)"]),
    ("Micronesia (Federated States of).", ["Micronesia (Federated States of)"]),
    ("“Fiji”, Tonga.", ["Fiji", "Tonga"]),
    ("(Nepal), Bhutan;", ["Nepal", "Bhutan"]),
    ("Virgin Islands, U.S.", ["Virgin Islands, U.S."]),
])
def test_member_state_names_keep_their_brackets_and_lose_stray_punctuation(
        tmp_path: Path, written: str, names: list[str]) -> None:
    record = parse_text(tmp_path, labeled_page(written))
    assert [state.name for state in record.member_states] == names
    assert record.issues == []


def test_an_unknown_name_is_reported_with_its_brackets_balanced(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Fiji, Narnia (Kingdom of), Tonga"))
    assert state_issues(record) == [("error", 15, "unknown member state 'Narnia (Kingdom of)'")]


def test_countries_named_in_prose_lose_the_quotes_and_full_stop_around_them() -> None:
    text = ("Officers from “Trinidad and Tobago” met delegates from Iran (Islamic Republic of) "
            "and from Nepal. Both sides agreed to meet again.")
    assert [state.name for state in gazetteer().mentions(text)] == [
        "Trinidad and Tobago", "Iran (Islamic Republic of)", "Nepal"]


def test_a_special_administrative_region_named_in_prose_is_that_region_alone() -> None:
    text = "Recruiters in Hong Kong SAR, China, and in Viet Nam signed the new code."
    assert [(state.name, state.iso3) for state in gazetteer().mentions(text)] == [
        ("Hong Kong SAR, China", "HKG"), ("Viet Nam", "VNM")]


def test_kosovo_has_the_user_assigned_code_and_its_wikidata_item() -> None:
    kosovo = gazetteer().lookup("Kosovo*")
    assert kosovo is not None
    assert (kosovo.iso3, kosovo.iso2, kosovo.wikidata) == ("XKX", "XK", "Q1246")


@pytest.mark.parametrize(("written", "expected", "unknown"), [
    ("Democratic Rep. of Congo, Burundi", ["BDI"], "Democratic Rep. of Congo"),
    ("Papua Guinea, Fiji", ["FJI"], "Papua Guinea"),
])
def test_country_ending_an_unknown_longer_name_is_not_taken_for_that_name(
        tmp_path: Path, written: str, expected: list[str], unknown: str) -> None:
    record = parse_text(tmp_path, labeled_page(written))
    assert iso3s(record) == expected
    assert state_issues(record) == [("error", 15, f"unknown member state {unknown!r}")]


def test_unknown_member_state_is_reported_as_the_page_writes_it(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Fiji, Narnia & Utopia, Tonga"))
    assert iso3s(record) == ["FJI", "TON"]
    assert state_issues(record) == [("error", 15, "unknown member state 'Narnia & Utopia'")]


# --- 3. where the list ends ----------------------------------------------------------------


@pytest.mark.parametrize("heading", [
    "The Challenge", "Rationale", "About the project", "Our Approach", "Le défi", "Justificación",
])
def test_heading_after_the_member_states_starts_the_narrative(
        tmp_path: Path, heading: str) -> None:
    record = parse_text(tmp_path, labeled_page("Ethiopia\nKenya", f"{heading}\n{NARRATIVE}"))
    assert iso3s(record) == ["ETH", "KEN"]
    assert record.issues == []
    assert record.narrative is not None and record.narrative.startswith(heading)


@pytest.mark.parametrize("donor", ["Donor: Government of the Republic of Korea",
                                   "Donor\nGovernment of the Republic of Korea"])
def test_unknown_field_after_the_member_states_is_reported_as_a_field(
        tmp_path: Path, donor: str) -> None:
    record = parse_text(tmp_path, labeled_page("Bangladesh", f"{donor}\n{NARRATIVE}"))
    assert iso3s(record) == ["BGD"]
    assert [(issue.field, issue.severity, issue.line) for issue in record.issues] == [
        ("Donor", "warning", 16)]
    assert "Government of the Republic of Korea" in record.issues[0].message
    assert not has_errors(record)
    assert record.narrative is not None and record.narrative.startswith("Coast guards")


def test_known_inline_field_after_the_member_states_is_read(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Bangladesh\nNepal", f"Year: 2022\n{NARRATIVE}"))
    assert iso3s(record) == ["BGD", "NPL"]
    assert record.year == 2022
    assert record.issues == []


def test_html_bold_unknown_field_after_the_member_states_is_a_field(tmp_path: Path) -> None:
    html = ("<html><body><h1>Health Screening for Departing Workers</h1>\n"
            "<p><strong>Prima ID:</strong> NP10P0131</p>\n"
            "<p><strong>Year:</strong> 2019</p>\n"
            "<p><strong>Benefiting Member States:</strong> Nepal</p>\n"
            "<p><strong>Donor:</strong> Government of Japan</p>\n"
            "<p>Clinics that examine departing workers keep their records on paper.</p>\n"
            "</body></html>\n")
    record = parse_text(tmp_path, html, name="page.html")
    assert iso3s(record) == ["NPL"]
    assert [(issue.field, issue.severity, issue.line) for issue in record.issues] == [
        ("Donor", "warning", 5)]


def test_numbered_result_heading_after_the_member_states_is_not_a_field(
        tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page(
        "Honduras", "Efecto 1: Municipios con oficinas de atención al migrante\n" + NARRATIVE))
    assert iso3s(record) == ["HND"]
    assert record.issues == []
    assert record.narrative is not None and record.narrative.startswith("Efecto 1:")


def test_unknown_name_between_countries_is_still_a_member_state_error(tmp_path: Path) -> None:
    record = parse_text(tmp_path, labeled_page("Fiji\nNarnia\nTonga"))
    assert iso3s(record) == ["FJI", "TON"]
    assert state_issues(record) == [("error", 16, "unknown member state 'Narnia'")]


# --- 4. joining words and articles ----------------------------------------------------------


@pytest.mark.parametrize(("written", "expected"), [
    ("Mali et la Mauritanie", ["MLI", "MRT"]),
    ("le Sénégal et la Gambie", ["SEN", "GMB"]),
    ("Guatemala y El Salvador", ["GTM", "SLV"]),
    ("Ecuador y el Perú", ["ECU", "PER"]),
    ("the Gambia and Senegal", ["GMB", "SEN"]),
    ("Fiji & Tonga", ["FJI", "TON"]),
    ("State of Libya", ["LBY"]),
    ("Republic of Congo", ["COG"]),
])
def test_joining_words_and_articles_between_names_are_not_states(
        tmp_path: Path, written: str, expected: list[str]) -> None:
    record = parse_text(tmp_path, labeled_page(written))
    assert iso3s(record) == expected
    assert record.issues == []


def test_prose_names_the_variants_of_congo_and_guinea_bissau() -> None:
    text = ("Traders from the Democratic Republic of Congo sell fish in Guinea Bissau, "
            "then travel on to St. Lucia.")
    assert [state.iso3 for state in gazetteer().mentions(text)] == ["COD", "GNB", "LCA"]


# --- 5. values that are no list of states ---------------------------------------------------


@pytest.mark.parametrize(("states", "group", "expected"), [
    ("Caribbean countries: Jamaica, Barbados, Saint Vincent and the Grenadines",
     "Caribbean countries", ["JAM", "BRB", "VCT"]),
    ("Pays du Sahel : Mali, Niger et Tchad", "Pays du Sahel", ["MLI", "NER", "TCD"]),
    ("Países de Centroamérica: Guatemala, Honduras y El Salvador", "Países de Centroamérica",
     ["GTM", "HND", "SLV"]),
    ("Pays du Sahel :\nMali, Niger,\nTchad", "Pays du Sahel", ["MLI", "NER", "TCD"]),
])
def test_a_group_named_before_a_colon_is_no_state_and_its_states_are_read(
        tmp_path: Path, states: str, group: str, expected: list[str]) -> None:
    record = parse_text(tmp_path, labeled_page(states))
    assert iso3s(record) == expected
    assert state_issues(record) == [
        ("warning", 15, f"{group!r} before the colon names the group of the states listed "
                        "after it, not a state: the states are read, the group's name is not kept")]
    assert record.narrative is not None and record.narrative.startswith("Coast guards")


def test_a_group_named_before_a_colon_after_an_inline_label_or_in_html_is_no_state(
        tmp_path: Path) -> None:
    states = "Caribbean countries: Jamaica, Barbados"
    inline = labeled_page("").replace("Benefiting Member States\n\n",
                                      f"Benefiting Member States: {states}\n")
    for record in (parse_text(tmp_path, inline),
                   parse_text(tmp_path, html_page(states), name="page.html")):
        assert iso3s(record) == ["JAM", "BRB"]
        assert [(severity, message.split(" before")[0]) for severity, _, message
                in state_issues(record)] == [("warning", "'Caribbean countries'")]


@pytest.mark.parametrize(("states", "expected", "unknown"), [
    ("Caribbean countries Jamaica, Barbados", ["JAM", "BRB"], "Caribbean countries"),
    ("Mali: Mopti and Gao regions", ["MLI"], "Mopti and Gao regions"),
    ("Caribbean countries: to be confirmed", [], "Caribbean countries: to be confirmed"),
])
def test_words_before_states_without_a_colon_or_a_state_before_one_are_still_reported(
        tmp_path: Path, states: str, expected: list[str], unknown: str) -> None:
    record = parse_text(tmp_path, labeled_page(states))
    assert iso3s(record) == expected
    assert [(severity, message) for severity, _, message in state_issues(record)] == [
        ("error", f"unknown member state {unknown!r}")]


@pytest.mark.parametrize("states", [
    "Global", "Worldwide", "All IOM Member States", "All Member States", "All countries",
    "Global (all IOM Member States)", "Mondial", "Tous les États membres de l'OIM", "Mundial",
    "Todos los Estados Miembros de la OIM",
])
def test_a_value_naming_all_states_names_none_and_is_one_warning(
        tmp_path: Path, states: str) -> None:
    record = parse_text(tmp_path, labeled_page(states))
    assert record.member_states == []
    assert state_issues(record) == [
        ("warning", 15, f"{states!r} names all member states rather than a list of them: no "
                        "member state is read")]
    assert not has_errors(record)


def test_a_global_project_naming_all_states_keeps_its_coverage(tmp_path: Path) -> None:
    page = labeled_page("All IOM Member States").replace("Coverage\nRegional", "Coverage\nGlobal")
    record = parse_text(tmp_path, page)
    assert (record.coverage, record.member_states) == ("Global", [])
    assert [issue.field for issue in record.issues] == ["member_states"]


@pytest.mark.parametrize(("coverage", "warned"), [("Global", False), ("Regional", True)])
def test_only_a_global_project_naming_no_state_is_not_warned_by_validation(
        tmp_path: Path, coverage: str, warned: bool) -> None:
    page = labeled_page("All IOM Member States").replace("Coverage\nRegional",
                                                         f"Coverage\n{coverage}")
    record = parse_text(tmp_path, page)
    graph = Dataset().parse(format="nquads", data=pyoxigraph.serialize(
        map_records([record]), format=pyoxigraph.RdfFormat.N_QUADS))
    messages = [r.message for r in validate_graph(graph).results]
    assert any(m.startswith("A Development Fund project should name at least one benefiting "
                            "member state") for m in messages) is warned


@pytest.mark.parametrize(("states", "code"), [
    ("Regional", "regional"), ("National", "national"), ("Multi-country", "multi-national"),
    ("Régional", "regional"), ("Nacional", "national"),
])
def test_a_coverage_given_as_the_member_states_names_none_and_is_one_warning(
        tmp_path: Path, states: str, code: str) -> None:
    record = parse_text(tmp_path, labeled_page(states))
    assert record.member_states == []
    assert state_issues(record) == [
        ("warning", 15, f"{states!r} names the project's coverage ({code}), not its member "
                        "states: no member state is read")]
    assert not has_errors(record)


@pytest.mark.parametrize(("states", "expected", "unknown"), [
    ("All ECOWAS Member States", [], "All ECOWAS Member States"),
    ("Fiji and all Pacific Island Countries", ["FJI"], "all Pacific Island Countries"),
])
def test_the_states_of_a_group_are_not_all_states(
        tmp_path: Path, states: str, expected: list[str], unknown: str) -> None:
    record = parse_text(tmp_path, labeled_page(states))
    assert iso3s(record) == expected
    assert state_issues(record) == [("error", 15, f"unknown member state {unknown!r}")]


def states_table_page(header: str, rows: str) -> str:
    """An HTML page whose member states are a table (its header row on HTML line 6)."""
    return ("<html><body><main>\n<h1>Regional Counter-Trafficking Network in West Africa</h1>\n"
            "<dl><dt>Coverage</dt><dd>Regional</dd><dt>Prima ID</dt><dd>SN10P0201</dd></dl>\n"
            "<h3>Benefiting Member States</h3>\n"
            f"<table>\n<tr>{header}</tr>\n{rows}</table>\n"
            "<p>Victims moving along the coast are rarely identified.</p>\n"
            "</main></body></html>\n")


def test_member_states_in_a_table_are_read_from_its_country_column(tmp_path: Path) -> None:
    page = states_table_page(
        "<th>Country</th><th>Focal ministry</th>",
        "<tr><td>Senegal</td><td>Ministry of Interior</td></tr>\n"
        "<tr><td>Guinea-Bissau</td><td>Ministry of Justice</td></tr>\n"
        "<tr><td>Gambia</td><td>Ministry of Interior</td></tr>\n")
    record = parse_text(tmp_path, page, name="page.html")
    assert iso3s(record) == ["SEN", "GNB", "GMB"]
    assert state_issues(record) == [(
        "warning", 6, "the member states are read from the table's 'Country' column; its other "
        "column 'Focal ministry' is not read: 'Ministry of Interior; Ministry of Justice; "
        "Ministry of Interior'")]
    assert record.narrative == "Victims moving along the coast are rarely identified."


@pytest.mark.parametrize(("header", "rows", "expected", "column", "others"), [
    ("<th>Pays</th><th>Ministère</th><th>Point focal</th>",
     "<tr><td>Sénégal</td><td>Intérieur</td><td></td></tr>\n<tr><td>Mali</td><td></td><td></td>"
     "</tr>\n", ["SEN", "MLI"], "Pays", "columns 'Ministère', 'Point focal' are"),
    ("<th>Ministerio</th><th>País</th>",
     "<tr><td>Interior</td><td>Honduras</td></tr>\n<tr><td>Justicia</td><td>Guatemala</td></tr>\n",
     ["HND", "GTM"], "País", "column 'Ministerio' is"),
    ("<th>Member State</th><th>Focal point</th>",
     "<tr><td>Senegal</td><td>Ms A. Diop</td></tr>\n", ["SEN"], "Member State",
     "column 'Focal point' is"),
])
def test_a_states_table_in_french_or_spanish_or_with_its_country_column_second_is_read(
        tmp_path: Path, header: str, rows: str, expected: list[str], column: str,
        others: str) -> None:
    record = parse_text(tmp_path, states_table_page(header, rows), name="page.html")
    assert iso3s(record) == expected
    assert [(severity, message.split(": ")[0]) for severity, _, message in
            state_issues(record)] == [
        ("warning", f"the member states are read from the table's {column!r} column; its other "
                    f"{others} not read")]


def test_an_unknown_name_in_a_states_table_is_still_an_unknown_member_state(
        tmp_path: Path) -> None:
    page = states_table_page("<th>Country</th><th>Focal ministry</th>",
                             "<tr><td>Senegal</td><td>Interior</td></tr>\n"
                             "<tr><td>Narnia</td><td>Justice</td></tr>\n")
    record = parse_text(tmp_path, page, name="page.html")
    assert iso3s(record) == ["SEN"]
    assert [(severity, line) for severity, line, _ in state_issues(record)] == [
        ("warning", 6), ("error", 8)]
    assert state_issues(record)[1][2] == "unknown member state 'Narnia'"


def test_a_states_table_of_one_column_or_copied_into_a_text_page_is_read(
        tmp_path: Path) -> None:
    one_column = states_table_page("<th>Country</th>", "<tr><td>Senegal</td></tr>\n"
                                   "<tr><td>Gambia</td></tr>\n")
    record = parse_text(tmp_path, one_column, name="page.html")
    assert (iso3s(record), record.issues) == (["SEN", "GMB"], [])
    copied = labeled_page("Country\tFocal ministry\nSenegal\tMinistry of Interior\n"
                          "Gambia\tMinistry of Justice")
    record = parse_text(tmp_path, copied)
    assert iso3s(record) == ["SEN", "GMB"]
    assert [(severity, line) for severity, line, _ in state_issues(record)] == [("warning", 15)]
    assert record.narrative is not None and record.narrative.startswith("Coast guards")
