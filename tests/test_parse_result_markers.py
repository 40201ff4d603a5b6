"""Markers that close a clause in a narrative ("(Output 1.1)") in the forms pages write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import parse_file

from kg.parse.narrative import parse_results_chain
from kg.records import Outcome, Output

_REMITTANCES = (
    "The project seeks to make sending money home cheaper for Tajik workers (Objective) by "
    "opening the remittance market to new transfer operators (Outcome 1). Central bank staff "
    "will be advised and a price comparison website built {marker}, and a course on savings "
    "offered to families (Output 1.3).")


@pytest.mark.parametrize("marker", [
    "(Outputs 1.1 and 1.2)", "(Outputs 1.1, 1.2)", "(Outputs 1.1 & 1.2)", "(Output 1.1 and 1.2)",
    "(Outputs 1.1; 1.2)", "(Output 1.1, Output 1.2)", "(Outputs 1.1 and 1.2.)",
    "(Produits 1.1 et 1.2)", "(Productos 1.1 y 1.2)", "(Outputs 1.1\nand 1.2)",
])
def test_a_marker_naming_several_outputs_gives_each_the_clause(marker: str) -> None:
    chain = parse_results_chain(_REMITTANCES.format(marker=marker))
    shared = "Central bank staff will be advised and a price comparison website built"
    assert chain.objective == "make sending money home cheaper for Tajik workers"
    assert chain.outcomes == [Outcome(
        "1", "opening the remittance market to new transfer operators", [
            Output("1.1", shared), Output("1.2", shared),
            Output("1.3", "a course on savings offered to families")])]
    assert chain.outputs == [] and chain.issues == []


def test_a_marker_naming_three_outcomes_gives_each_the_clause() -> None:
    chain = parse_results_chain(
        "IOM will work with the ministries of labour, interior and foreign affairs "
        "(Outcomes 1, 2 and 3).")
    text = "work with the ministries of labour, interior and foreign affairs"
    assert [(outcome.label, outcome.text) for outcome in chain.outcomes] == [
        ("1", text), ("2", text), ("3", text)]
    assert chain.issues == []


@pytest.mark.parametrize(("first", "second"), [
    ("(Output 1.1.)", "(Output 1.2)"), ("(Output 1.1 .)", "(Output 1.2.)"),
    ("( Output 1.1. )", "(Output 1.2)"),
])
def test_a_full_stop_after_the_marker_number_is_read(first: str, second: str) -> None:
    chain = parse_results_chain(
        "The project aims to protect migrants stranded in Agadez (Objective) by improving the "
        f"care given in transit centres (Outcome 1.). IOM will repair the transit centre {first} "
        f"and train its staff in psychological first aid {second}.")
    assert chain.outcomes == [Outcome("1", "improving the care given in transit centres", [
        Output("1.1", "repair the transit centre"),
        Output("1.2", "train its staff in psychological first aid")])]
    assert chain.issues == []


@pytest.mark.parametrize(("marker", "outcome_marker"), [
    ("(Specific Objective)", "(Outcome 1)"),
    ("(Overall Objective)", "(Immediate Outcome 1)"),
    ("(specific objective)", "(Expected Result 1)"),
    ("(Objectif spécifique)", "(Résultat attendu 1)"),
    ("(Objetivo específico)", "(Resultado esperado 1)"),
])
def test_a_qualified_marker_names_its_result(marker: str, outcome_marker: str) -> None:
    chain = parse_results_chain(
        f"The project aims to reduce the pressure on young people to migrate {marker} by "
        f"creating jobs in the towns they come from {outcome_marker}. It will train two hundred "
        "young people as electricians and plumbers (Output 1.1).")
    assert chain.objective == "reduce the pressure on young people to migrate"
    assert chain.outcomes == [Outcome("1", "creating jobs in the towns they come from", [
        Output("1.1", "train two hundred young people as electricians and plumbers")])]
    assert chain.issues == []


@pytest.mark.parametrize(("marker", "field"), [
    ("(Outcome I)", "outcomes"), ("(Outcome A)", "outcomes"), ("(Output 1.1a)", "outputs"),
    ("(Outcome 1110)", "outcomes"), ("(Outputs 1.1-1.3)", "outputs"),
    ("(Outputs 1.1 to 1.3)", "outputs"), ("(Outcome 1; Output 1.1)", "outcomes"),
    ("(Objective; Outcome 1)", "objective"), ("(Impact, Outcome 2)", "outcomes"),
    ("(Outputs)", "outputs"), ("(Results)", "outcomes"),
])
def test_a_marker_not_read_is_reported_and_its_clause_is_not_given_to_the_next(
        marker: str, field: str) -> None:
    chain = parse_results_chain(
        "Migrants crossing the desert often lose their papers.\n"
        f"IOM will replace lost identity documents {marker} and open a help desk in the bus "
        "station (Output 2.1).", first_line=7)
    assert chain.outcomes == [Outcome("2", None, [
        Output("2.1", "open a help desk in the bus station")])]
    [issue] = chain.issues
    assert (issue.field, issue.line, issue.severity) == (field, 8, "warning")
    assert marker in issue.message


@pytest.mark.parametrize("aside", [
    "(Outcome Harvesting)", "(output-based aid)", "(Result 1 of the national strategy)",
    "(see Output 1.1)", "(Outputs: see annex)",
])
def test_words_in_brackets_after_a_result_word_are_no_marker(aside: str) -> None:
    chain = parse_results_chain(
        f"The evaluation will use a known method {aside}. IOM will train local evaluators "
        "(Output 1.1).")
    assert chain.outcomes == [Outcome("1", None, [Output("1.1", "train local evaluators")])]
    assert chain.issues == []


@pytest.mark.parametrize(("lead_in", "objective"), [
    ("The project’s objective is to", "cut the time victims of trafficking wait for shelter"),
    ("The project's objective is to", "cut the time victims of trafficking wait for shelter"),
    ("This project's specific objective is to",
     "cut the time victims of trafficking wait for shelter"),
    ("The overall objective of this programme is to",
     "cut the time victims of trafficking wait for shelter"),
    ("L’objectif général du projet est de", "réduire l'attente des victimes de la traite"),
    ("El objetivo del proyecto es", "reducir la espera de las víctimas de trata"),
])
def test_an_objective_sentence_closed_by_the_objective_marker_keeps_only_the_objective(
        lead_in: str, objective: str) -> None:
    chain = parse_results_chain(
        f"{lead_in} {objective} (Objective). Social workers will be trained in case management "
        "(Output 1.1).")
    assert chain.objective == objective
    assert chain.outcomes == [Outcome("1", None, [
        Output("1.1", "Social workers will be trained in case management")])]


def test_a_windows_1252_page_with_curly_apostrophes_keeps_only_the_objective(
        tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes((
        "Shelter for Victims of Trafficking in Côte d’Ivoire\n-\nPrima ID\nCI10P0061\n-\n"
        "Benefiting Member States\nCôte d’Ivoire\n"
        "The project’s objective is to cut the time victims of trafficking wait for a “safe "
        "place” to stay – in Abidjan and in San-Pédro (Objective). A shelter will be "
        "refurbished (Output 1.1).\n").encode("cp1252"))
    record = parse_file(path)
    assert record.objective == (
        "cut the time victims of trafficking wait for a “safe place” to stay – in Abidjan and "
        "in San-Pédro")
    assert record.outcomes == [Outcome("1", None, [
        Output("1.1", "A shelter will be refurbished")])]
