"""Results chains read from project narratives: markers, headed lines, prose phrasing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.parse.narrative import parse_results_chain
from kg.records import Outcome, Output


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
