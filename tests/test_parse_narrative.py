"""Results chains read from project narratives: markers, headed lines, prose phrasing."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import parse_text

from kg.parse.narrative import parse_results_chain
from kg.records import Outcome, Output, ProjectPage


def seed_narrative(seeds_dir: Path, prefix: str) -> tuple[str, int]:
    """The narrative of a seed project page (the lines after its member states) and its line."""
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    lines = path.read_text(encoding="utf-8").split("\n")
    label = lines.index("Benefiting Member States")
    return "\n".join(lines[label + 2:]), label + 3


def test_vanuatu_seed_gives_objective_outcome_and_four_outputs(seeds_dir: Path) -> None:
    chain = parse_results_chain(*seed_narrative(seeds_dir, "000"))
    assert chain.objective == (
        "supporting the implementation of the National Action Plan to Combat Trafficking in "
        "Persons 2024-2028")
    assert [outcome.label for outcome in chain.outcomes] == ["1"]
    outcome = chain.outcomes[0]
    assert outcome.text == (
        "supporting the Government to adopt new mechanisms on trafficking in persons with "
        "whole-of-government, whole-of-society and gender-sensitive approaches")
    assert [(output.label, output.text) for output in outcome.outputs] == [
        ("1.1", "developing a comprehensive whole-of-government, whole-of-society National "
                "Communication Strategy"),
        ("1.2", "disseminating of public awareness raising message on trafficking in persons"),
        ("1.3", "establish a dedicated counter-trafficking in persons unit"),
        ("1.4", "enhance capacity on identification and protection of victims of trafficking in "
                "persons by supporting the development of Standard Operating Procedures and "
                "providing government and non-government stakeholders with training on "
                "trafficking in persons with victim-centred, trauma-informed, gender-sensitive "
                "and rights-based approaches"),
    ]
    assert chain.outputs == [] and chain.issues == []


def test_first_and_second_outcome_phrasing_gives_two_outcomes(seeds_dir: Path) -> None:
    chain = parse_results_chain(*seed_narrative(seeds_dir, "002"))
    assert chain.objective is None
    assert [(outcome.label, outcome.text) for outcome in chain.outcomes] == [
        ("1", "improving the management of tech-based trafficking cases by law enforcement, "
              "which will involve training, system upgrades, procuring essential equipment and "
              "fostering information sharing"),
        ("2", "raising awareness, collaborating with relevant entities to share information on "
              "online safety and trafficking risks in targeted communities, gender, and age "
              "groups"),
    ]
    assert all(outcome.outputs == [] for outcome in chain.outcomes)
    assert chain.issues == []


@pytest.mark.parametrize(("narrative", "texts"), [
    ("The first outcome of the project is that the Bureau for Diaspora Relations coordinates "
     "diaspora engagement at local level. The second outcome is that local public authorities "
     "integrate migration into their development strategies.",
     ["the Bureau for Diaspora Relations coordinates diaspora engagement at local level",
      "local public authorities integrate migration into their development strategies"]),
    ("Le premier effet est que les communes intègrent la migration dans leurs plans.",
     ["les communes intègrent la migration dans leurs plans"]),
    ("El primer resultado es que los municipios integran la migración en sus planes.",
     ["los municipios integran la migración en sus planes"]),
])
def test_an_ordinal_outcome_said_to_be_that_something_holds_drops_the_that(
        narrative: str, texts: list[str]) -> None:
    chain = parse_results_chain(narrative)
    assert [outcome.text for outcome in chain.outcomes] == texts


def test_french_first_and_second_resultat_phrasing_gives_two_outcomes() -> None:
    chain = parse_results_chain(
        "Le premier résultat vise à renforcer les capacités des agents des frontières. "
        "Le deuxième résultat porte sur la sensibilisation des communautés aux risques.")
    assert [(outcome.label, outcome.text) for outcome in chain.outcomes] == [
        ("1", "renforcer les capacités des agents des frontières"),
        ("2", "la sensibilisation des communautés aux risques")]


@pytest.mark.parametrize(("prefix", "objective"), [
    ("001", "contribute to strengthening Pacific Islands Countries' capacities to protect "
            "migrants and prevent human trafficking and smuggling"),
    ("003", "strengthen Saint Lucia’s capacity to assist victims of trafficking and sensitize "
            "the broader Saint Lucian public about trafficking in persons"),
])
def test_stated_objective_is_read_when_no_marker_names_one(seeds_dir: Path, prefix: str,
                                                           objective: str) -> None:
    chain = parse_results_chain(*seed_narrative(seeds_dir, prefix))
    assert chain.objective == objective
    assert chain.outcomes == [] and chain.outputs == [] and chain.issues == []


def test_markers_close_the_clause_after_the_connector_that_opens_it() -> None:
    text = (
        "Seasonal workers from Tonga often travel without knowing their rights. The project aims "
        "to contribute to safer labour mobility through improving the information workers "
        "receive before departure (Objective) by equipping the Ministry with a pre-departure "
        "curriculum (Outcome 1). This will be achieved by drafting the curriculum with returned "
        "workers (Output 1.1), printing a pocket guide in Tongan (Output 1.2); and finally, "
        "training twenty trainers in the outer islands (Output 1.3). The project will also "
        "open a help desk for families (Output 1.4).")
    chain = parse_results_chain(text)
    assert chain.objective == "improving the information workers receive before departure"
    assert chain.outcomes == [Outcome(
        "1", "equipping the Ministry with a pre-departure curriculum", [
            Output("1.1", "drafting the curriculum with returned workers"),
            Output("1.2", "printing a pocket guide in Tongan"),
            Output("1.3", "training twenty trainers in the outer islands"),
            Output("1.4", "open a help desk for families"),
        ])]


def test_unnumbered_outcome_marker_is_outcome_one() -> None:
    chain = parse_results_chain(
        "The project will reduce risky journeys (Objective) by informing young people in "
        "border towns (Outcome). It will run school sessions (Output 1.1).")
    assert chain.outcomes == [Outcome("1", "informing young people in border towns",
                                      [Output("1.1", "run school sessions")])]
    assert chain.issues == []


def test_outputs_without_outcome_text_still_create_their_outcome() -> None:
    chain = parse_results_chain(
        "IOM will map recruitment agencies (Output 1.1) and publish a licensed list (Output 1.2). "
        "It will also train labour inspectors (Output 3.1).")
    assert [(outcome.label, outcome.text) for outcome in chain.outcomes] == [("1", None),
                                                                           ("3", None)]
    assert [output.label for output in chain.outcomes[0].outputs] == ["1.1", "1.2"]
    assert chain.outcomes[1].outputs == [Output("3.1", "train labour inspectors")]
    assert chain.issues == []


def test_output_numbered_without_a_dot_belongs_to_no_outcome() -> None:
    chain = parse_results_chain(
        "The project will fund a migrant hotline (Output 1) and a shelter referral card "
        "(Output 2).")
    assert chain.outcomes == []
    assert chain.outputs == [Output("1", "fund a migrant hotline"),
                             Output("2", "a shelter referral card")]


def test_repeated_output_number_is_a_warning_on_its_line() -> None:
    chain = parse_results_chain(
        "IOM will survey returnees (Output 1.1).\nIt will also hold a workshop (Output 1.1).",
        first_line=40)
    assert chain.outcomes[0].outputs == [Output("1.1", "survey returnees")]
    [issue] = chain.issues
    assert (issue.field, issue.line, issue.severity) == ("outputs", 41, "warning")
    assert "1.1" in issue.message


def test_marker_that_closes_no_text_is_reported() -> None:
    chain = parse_results_chain("The project will train officers (Output 1.1) (Output 1.2).")
    assert [output.label for output in chain.outcomes[0].outputs] == ["1.1"]
    assert [issue.field for issue in chain.issues] == ["outputs"]


def test_headed_lines_and_bullets_name_outcomes_and_outputs() -> None:
    text = (
        "Objective: Coastal communities plan climate-related moves with dignity\n"
        "Outcome 1: Governments hold the evidence they need\n"
        "- Output 1.1: Household exposure survey completed on four atolls\n"
        "• Output 1.2 – National planned relocation guidelines drafted\n"
        "Outcome 2\n"
        "Regional dialogue on climate mobility is strengthened\n"
        "* Output 2.1: Two ministerial meetings held")
    chain = parse_results_chain(text)
    assert chain.objective == "Coastal communities plan climate-related moves with dignity"
    assert chain.outcomes == [
        Outcome("1", "Governments hold the evidence they need", [
            Output("1.1", "Household exposure survey completed on four atolls"),
            Output("1.2", "National planned relocation guidelines drafted")]),
        Outcome("2", "Regional dialogue on climate mobility is strengthened", [
            Output("2.1", "Two ministerial meetings held")]),
    ]


def test_numbered_outcome_phrase_takes_the_rest_of_its_sentence() -> None:
    chain = parse_results_chain(
        "Outcome 1 aims to improve screening at the border. Outcome 2 focuses on referral of "
        "identified victims to shelters.")
    assert [(o.label, o.text) for o in chain.outcomes] == [
        ("1", "improve screening at the border"),
        ("2", "referral of identified victims to shelters")]


def test_french_markers_are_read() -> None:
    chain = parse_results_chain(
        "Le projet vise à améliorer l'accueil des migrants de retour (Objectif) en dotant les "
        "communes de guichets d'information (Effet 1). Il financera la formation des agents "
        "municipaux (Produit 1.1) et l'impression de guides pratiques (Produit 1.2).")
    assert chain.objective == "améliorer l'accueil des migrants de retour"
    assert chain.outcomes == [Outcome("1", "dotant les communes de guichets d'information", [
        Output("1.1", "financera la formation des agents municipaux"),
        Output("1.2", "l'impression de guides pratiques")])]


def test_spanish_markers_are_read() -> None:
    chain = parse_results_chain(
        "El proyecto busca reducir la migración irregular de adolescentes (Objetivo) mediante "
        "el fortalecimiento de las redes comunitarias de protección (Resultado 1), con talleres "
        "en escuelas (Producto 1.1) y una campaña radial (Producto 1.2).")
    assert chain.objective == "reducir la migración irregular de adolescentes"
    assert chain.outcomes == [Outcome(
        "1", "el fortalecimiento de las redes comunitarias de protección",
        [Output("1.1", "talleres en escuelas"), Output("1.2", "una campaña radial")])]


@pytest.mark.parametrize("ellipsis", ["…", "...", " …"])
def test_an_ellipsis_ends_a_sentence_as_a_full_stop_does(ellipsis: str) -> None:
    chain = parse_results_chain(
        "The project's objective is to widen access to legal aid for migrants in detention"
        f"{ellipsis} IOM will brief lawyers on migration law (Output 1.1) and print a leaflet on "
        "detainees' rights (Output 1.2).")
    assert chain.objective == "widen access to legal aid for migrants in detention"
    assert chain.outcomes == [Outcome("1", None, [
        Output("1.1", "brief lawyers on migration law"),
        Output("1.2", "print a leaflet on detainees' rights")])]
    assert chain.issues == []


def test_an_html_ellipsis_entity_ends_the_objective_sentence(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "<html><body><h1>Legal Aid for Migrants in Detention in Malta</h1>\n"
        "<dl><dt>Prima&nbsp;ID</dt><dd>MT10P0052</dd>"
        "<dt>Benefiting&nbsp;Member&nbsp;States</dt><dd>Malta</dd></dl>\n"
        "<p>The project&#8217;s objective is to widen access to legal aid for detained "
        "migrants&hellip; IOM will brief lawyers on migration law (Output&nbsp;1.1).</p>\n"
        "</body></html>\n"), name="page.html")
    assert record.objective == "widen access to legal aid for detained migrants"
    assert record.outcomes == [Outcome("1", None, [
        Output("1.1", "brief lawyers on migration law")])]


def test_hard_wrapped_narrative_keeps_clauses_across_line_breaks() -> None:
    text = (
        "The project seeks to protect domestic workers abroad (Objective)\n"
        "by giving recruitment regulators the means to sanction abusive agencies\n"
        "(Outcome 1), with a complaints register shared between the two labour\n"
        "ministries (Output 1.1).")
    chain = parse_results_chain(text, first_line=12)
    assert chain.objective == "protect domestic workers abroad"
    assert chain.outcomes == [Outcome(
        "1", "giving recruitment regulators the means to sanction abusive agencies",
        [Output("1.1", "a complaints register shared between the two labour ministries")])]


def test_outputs_are_ordered_by_number_not_by_text_order() -> None:
    text = " ".join(f"IOM will hold workshop {n} (Output 1.{n})." for n in (10, 2, 9, 1))
    chain = parse_results_chain(text)
    assert [output.label for output in chain.outcomes[0].outputs] == ["1.1", "1.2", "1.9", "1.10"]


def test_narrative_naming_no_results_gives_an_empty_chain_without_issues() -> None:
    chain = parse_results_chain(
        "Many young people leave the district each year. Their families rely on remittances.")
    assert (chain.objective, chain.outcomes, chain.outputs, chain.issues) == (None, [], [], [])


def test_same_narrative_gives_the_same_chain_twice(seeds_dir: Path) -> None:
    text, line = seed_narrative(seeds_dir, "000")
    assert parse_results_chain(text, line) == parse_results_chain(text, line)


# --- results frameworks written as headings and lists ----------------------------------------

_FIELDS = (
    "Who we are\nOur Work\n{title}\n-\nStart Date\n2022\n-\nEnd Date\n2024\n-\nProject Status\n"
    "Active\n-\nProject Type\n{project_type}\n-\nBudget Amount (USD)\n300000.00\n-\nCoverage\n"
    "National\n-\nYear\n2021\n-\nIDF Region\n{region}\n-\nPrima ID\n{prima}\n-\n"
    "Benefiting Member States\n{state}\n")


def _project_page(tmp_path: Path, narrative: str, title: str, state: str, prima: str,
                  region: str = "Asia and Oceania",
                  project_type: str = "Labour Mobility and Human Development") -> ProjectPage:
    """A labeled project page with the given narrative, parsed."""
    fields = _FIELDS.format(title=title, state=state, prima=prima, region=region,
                            project_type=project_type)
    return parse_text(tmp_path, fields + narrative)


def test_headings_numbered_with_a_full_stop_and_a_project_objective_sentence(
        tmp_path: Path) -> None:
    record = _project_page(tmp_path, (
        "Agencies that recruit Nepali workers for the Gulf often charge fees the law forbids.\n"
        "The project objective is to lower the recruitment costs paid by Nepali workers.\n"
        "Outcome 1. The Department of Foreign Employment inspects recruitment agencies.\n"
        "Output 1.1. An agency rating scheme is piloted in Kathmandu.\n"
        "Output 1.2. Thirty labour officers can audit agency accounts.\n"
        "Outcome 2. Prospective migrants compare agencies before they sign.\n"
        "Output 2.1. A register of licensed agencies is published online.\n"),
        "Fair Recruitment of Nepali Migrant Workers", "Nepal", "NP10P0412")
    assert record.objective == "lower the recruitment costs paid by Nepali workers"
    assert record.outcomes == [
        Outcome("1", "The Department of Foreign Employment inspects recruitment agencies", [
            Output("1.1", "An agency rating scheme is piloted in Kathmandu"),
            Output("1.2", "Thirty labour officers can audit agency accounts")]),
        Outcome("2", "Prospective migrants compare agencies before they sign", [
            Output("2.1", "A register of licensed agencies is published online")]),
    ]
    assert record.issues == []


def test_numbered_lists_under_outcomes_and_outputs_headings(tmp_path: Path) -> None:
    record = _project_page(tmp_path, (
        "Returnees to Moldova struggle to have skills learnt abroad recognised at home.\n"
        "Outcomes:\n"
        "1. Returning migrants find work that uses the skills they gained abroad.\n"
        "2. Employers in the regions recognise experience gained in other countries.\n"
        "Outputs:\n"
        "1.1 A skills passport is issued to four hundred returnees.\n"
        "1.2 Job counsellors in five district offices are trained.\n"
        "2.1 A guide for employers on foreign work experience is distributed.\n"),
        "Skills Recognition for Returning Migrants in Moldova", "Republic of Moldova",
        "MD10P0318", region="Europe")
    assert record.outcomes == [
        Outcome("1", "Returning migrants find work that uses the skills they gained abroad", [
            Output("1.1", "A skills passport is issued to four hundred returnees"),
            Output("1.2", "Job counsellors in five district offices are trained")]),
        Outcome("2", "Employers in the regions recognise experience gained in other countries", [
            Output("2.1", "A guide for employers on foreign work experience is distributed")]),
    ]
    assert record.outputs == [] and record.issues == []


def test_lettered_items_under_expected_outcomes_are_numbered_in_order(tmp_path: Path) -> None:
    record = _project_page(tmp_path, (
        "Thousands of people walk through the Darién each month and arrive ill or injured.\n"
        "Objective\n"
        "Reduce the health risks faced by migrants crossing the Darién.\n"
        "Expected outcomes\n"
        "(a) Health posts along the route screen and treat migrants in transit;\n"
        "(b) Migrants receive clear information on health services before\n"
        "    they start the crossing.\n"
        "Main activities\n"
        "• Equipping three health posts\n"
        "• Printing leaflets in four languages\n"),
        "Migrant Health Along the Darién Route", "Panama", "PA10P0207",
        region="Latin America and the Caribbean", project_type="Migration Health")
    assert record.objective == "Reduce the health risks faced by migrants crossing the Darién"
    assert [(outcome.label, outcome.text, outcome.outputs) for outcome in record.outcomes] == [
        ("1", "Health posts along the route screen and treat migrants in transit", []),
        ("2", "Migrants receive clear information on health services before they start the "
              "crossing", []),
    ]
    assert record.issues == []


def test_lettered_outputs_under_an_outcome_heading_belong_to_it() -> None:
    chain = parse_results_chain(
        "Outcome 1: Border officers refer possible victims of trafficking to shelters\n"
        "Outputs:\n"
        "a) Standard operating procedures for referral are adopted;\n"
        "b) Eighty officers are trained on the procedures; and\n"
        "Outcome 2: Shelters give survivors medical and legal help\n"
        "Outputs:\n"
        "• A legal aid roster is set up for the two shelters\n")
    assert chain.outcomes == [
        Outcome("1", "Border officers refer possible victims of trafficking to shelters", [
            Output("1.1", "Standard operating procedures for referral are adopted"),
            Output("1.2", "Eighty officers are trained on the procedures")]),
        Outcome("2", "Shelters give survivors medical and legal help", [
            Output("2.1", "A legal aid roster is set up for the two shelters")]),
    ]
    assert chain.outputs == [] and chain.issues == []


def test_bulleted_outputs_after_several_listed_outcomes_belong_to_the_project() -> None:
    chain = parse_results_chain(
        "Expected results\n"
        "1. Municipalities plan services for internally displaced people\n"
        "2. Displaced families know which services they can use\n"
        "Key outputs\n"
        "- A service map for each municipality\n"
        "- A helpline run by trained volunteers\n")
    assert [(o.label, o.outputs) for o in chain.outcomes] == [("1", []), ("2", [])]
    assert chain.outputs == [Output("1", "A service map for each municipality"),
                             Output("2", "A helpline run by trained volunteers")]
    assert chain.issues == []


def test_items_under_a_bare_numbered_outcome_heading() -> None:
    # Items numbered 1.1, 1.2 are its outputs; one item is its text; an unnumbered list may as
    # well be activities, so it is reported rather than read as outputs.
    chain = parse_results_chain(
        "Outcome 1\n"
        "1.1 A referral protocol is drafted with the Ministry of Health\n"
        "1.2 Clinic staff learn to use the protocol\n"
        "Outcome 2:\n"
        "• Migrants in the border districts know where free clinics are\n"
        "Outcome 3\n"
        "(a) Leaflets on free clinics are printed\n"
        "(b) Radio spots are aired in three languages\n", first_line=5)
    assert chain.outcomes == [
        Outcome("1", None, [Output("1.1", "A referral protocol is drafted with the Ministry of "
                                          "Health"),
                            Output("1.2", "Clinic staff learn to use the protocol")]),
        Outcome("2", "Migrants in the border districts know where free clinics are", []),
        Outcome("3", None, []),
    ]
    [issue] = chain.issues
    assert (issue.field, issue.line, issue.severity) == ("outcomes", 10, "warning")
    assert "3.1" in issue.message


@pytest.mark.parametrize("heading", [
    "Immediate Outcome 1:", "Intermediate outcome 1 –", "Expected Outcome 1.", "Outcome 1.0:",
    "Efecto 1:", "Résultat attendu 1 :", "Resultado esperado 1:",
])
def test_qualified_and_translated_outcome_headings_keep_their_text(heading: str) -> None:
    chain = parse_results_chain(
        f"{heading} Consular staff handle the cases of migrants in distress\n"
        "Output 1.1: A case management tool is installed in six consulates\n")
    assert chain.outcomes == [Outcome(
        "1", "Consular staff handle the cases of migrants in distress",
        [Output("1.1", "A case management tool is installed in six consulates")])]
    assert chain.issues == []


_LEGAL_AID = "widen access to legal aid for detained migrants"


@pytest.mark.parametrize(("sentence", "objective"), [
    (f"This project's objective is to {_LEGAL_AID}.", _LEGAL_AID),
    (f"The project's specific objective is to {_LEGAL_AID}.", _LEGAL_AID),
    (f"Specific Objective 1: To {_LEGAL_AID}.", f"To {_LEGAL_AID}"),
    ("Objectif spécifique : élargir l'accès des migrants détenus à l'aide juridique",
     "élargir l'accès des migrants détenus à l'aide juridique"),
    ("Objetivo específico: ampliar el acceso a la asistencia legal de los migrantes detenidos",
     "ampliar el acceso a la asistencia legal de los migrantes detenidos"),
])
def test_objective_sentences_and_qualified_objective_headings(sentence: str,
                                                              objective: str) -> None:
    chain = parse_results_chain(f"Detained migrants rarely see a lawyer.\n{sentence}\n")
    assert chain.objective == objective


def test_results_heading_the_parser_cannot_place_is_reported() -> None:
    chain = parse_results_chain(
        "Fishing communities on the coast lose land to the sea every year.\n"
        "Expected outputs\n"
        "The project will deliver household surveys and relocation guidelines.\n"
        "Outcome A: Communities take part in decisions about relocation\n", first_line=30)
    assert chain.outcomes == [] and chain.outputs == []
    assert [(issue.field, issue.line, issue.severity) for issue in chain.issues] == [
        ("outputs", 31, "warning"), ("outcomes", 33, "warning")]
    assert "Expected outputs" in chain.issues[0].message
    assert "Outcome A" in chain.issues[1].message


def test_results_heading_followed_by_markers_is_not_reported() -> None:
    chain = parse_results_chain(
        "Expected results\n"
        "The project will train officers (Output 1.1) and equip two border posts (Output 1.2).\n")
    assert [output.label for output in chain.outcomes[0].outputs] == ["1.1", "1.2"]
    assert chain.issues == []


# --- nested lists: items of another marker kind belong to the item above them ----------------


def test_numbered_outputs_with_indented_bullets_under_them_are_two_outputs(
        tmp_path: Path) -> None:
    record = _project_page(tmp_path, (
        "Migrants returning to the northern provinces rarely see a doctor in their first year.\n"
        "Outputs\n"
        "1. Community health workers are trained to screen returning migrants\n"
        "   - three courses in the northern provinces\n"
        "   - a follow-up visit after six months\n"
        "2. A referral card listing free clinics is distributed\n"),
        "Health Screening for Returning Migrants in Lao PDR",
        "Lao People's Democratic Republic", "LA10P0233", project_type="Migration Health")
    assert record.outputs == [
        Output("1", "Community health workers are trained to screen returning migrants: three "
                    "courses in the northern provinces; a follow-up visit after six months"),
        Output("2", "A referral card listing free clinics is distributed"),
    ]
    assert record.issues == []


def test_lettered_sub_items_and_their_continuation_lines_join_the_numbered_output() -> None:
    chain = parse_results_chain(
        "Expected outputs:\n"
        "1. Consular staff are equipped to assist migrants in distress, through:\n"
        "a) a case management tool installed in six consulates;\n"
        "b) a manual on emergency repatriation, translated\n"
        "   into Arabic and French; and\n"
        "2. An emergency fund for stranded migrants is set up.\n")
    assert chain.outputs == [
        Output("1", "Consular staff are equipped to assist migrants in distress, through: a case "
                    "management tool installed in six consulates; a manual on emergency "
                    "repatriation, translated into Arabic and French"),
        Output("2", "An emergency fund for stranded migrants is set up"),
    ]
    assert chain.issues == []


def test_numbered_outcomes_with_nested_bullets_keep_them_in_their_text() -> None:
    chain = parse_results_chain(
        "Expected outcomes\n"
        "1. Migrant workers know their rights before they leave\n"
        "   • pre-departure sessions in every district\n"
        "   • a mobile app in three languages\n"
        "2. Recruitment agencies are inspected every year\n"
        "Outputs\n"
        "- An inspection checklist for recruitment agencies\n"
        "- A public register of licensed agencies\n")
    assert [(outcome.label, outcome.text, outcome.outputs) for outcome in chain.outcomes] == [
        ("1", "Migrant workers know their rights before they leave: pre-departure sessions in "
              "every district; a mobile app in three languages", []),
        ("2", "Recruitment agencies are inspected every year", []),
    ]
    assert chain.outputs == [Output("1", "An inspection checklist for recruitment agencies"),
                             Output("2", "A public register of licensed agencies")]
    assert chain.issues == []


def test_bullets_under_the_dotted_outputs_of_a_bare_outcome_heading_join_their_output() -> None:
    chain = parse_results_chain(
        "Outcome 1\n"
        "1.1 Labour inspectors learn to spot forced labour on fishing vessels\n"
        "    - a two-day course in each port\n"
        "    - a checklist for boarding visits\n"
        "1.2 Inspection findings are shared with the maritime police\n")
    assert chain.outcomes == [Outcome("1", None, [
        Output("1.1", "Labour inspectors learn to spot forced labour on fishing vessels: a "
                      "two-day course in each port; a checklist for boarding visits"),
        Output("1.2", "Inspection findings are shared with the maritime police")])]
    assert chain.issues == []


def test_roman_sub_items_join_a_lettered_item_and_a_ninth_letter_stays_an_item() -> None:
    letters = "abcdefgh"
    chain = parse_results_chain(
        "Outputs:\n"
        "a) Shelters for survivors of trafficking are refurbished\n"
        "   i) two in the capital\n"
        "   ii) one near the northern border\n"
        + "".join(f"{letter}) Caseworkers in district {number} are trained\n"
                  for number, letter in enumerate(letters[1:], start=2))
        + "i) A hotline for survivors opens\n")
    assert [(output.label, output.text) for output in chain.outputs] == [
        ("1", "Shelters for survivors of trafficking are refurbished: two in the capital; one "
              "near the northern border"),
        *[(str(number), f"Caseworkers in district {number} are trained")
          for number in range(2, 9)],
        ("9", "A hotline for survivors opens"),
    ]
    assert chain.issues == []


# Mixed forms read as before: a list of one kind throughout, whatever its glyphs.
@pytest.mark.parametrize(("items", "texts"), [
    ("i) Shelters are refurbished\nii) Caseworkers are trained\niii) A hotline opens\n",
     ["Shelters are refurbished", "Caseworkers are trained", "A hotline opens"]),
    ("• Shelters are refurbished\n- Caseworkers are trained\n* A hotline opens\n",
     ["Shelters are refurbished", "Caseworkers are trained", "A hotline opens"]),
    ("(1) Shelters are refurbished\n2. Caseworkers are trained\n3) A hotline opens\n",
     ["Shelters are refurbished", "Caseworkers are trained", "A hotline opens"]),
], ids=["roman", "bullets", "numbers"])
def test_a_list_of_one_marker_kind_in_different_forms_is_one_list(items: str,
                                                                   texts: list[str]) -> None:
    chain = parse_results_chain("Outputs\n" + items)
    assert [(output.label, output.text) for output in chain.outputs] == [
        (str(number), text) for number, text in enumerate(texts, start=1)]
    assert chain.issues == []


def test_dotted_outputs_listed_under_numbered_outcomes_are_still_their_outputs() -> None:
    chain = parse_results_chain(
        "Expected results\n"
        "1. Municipalities plan services for internally displaced people\n"
        "1.1 A service map for each municipality\n"
        "1.2 Municipal planners trained on displacement data\n"
        "2. Displaced families know which services they can use\n"
        "2.1 A helpline run by trained volunteers\n")
    assert chain.outcomes == [
        Outcome("1", "Municipalities plan services for internally displaced people", [
            Output("1.1", "A service map for each municipality"),
            Output("1.2", "Municipal planners trained on displacement data")]),
        Outcome("2", "Displaced families know which services they can use", [
            Output("2.1", "A helpline run by trained volunteers")]),
    ]
    assert chain.outputs == [] and chain.issues == []


def test_a_dotted_number_in_a_lettered_list_is_an_output_of_its_own_with_its_sub_items() -> None:
    chain = parse_results_chain(
        "Outputs:\n"
        "a) Port health officers are trained in infection control\n"
        "1.1 A quarantine station is refitted\n"
        "    i) in the main harbour of the capital\n")
    assert chain.outputs == [Output("1", "Port health officers are trained in infection control")]
    assert chain.outcomes == [Outcome("1", None, [
        Output("1.1", "A quarantine station is refitted: in the main harbour of the capital")])]
    assert chain.issues == []
