"""Topics of results (kg.parse.topics): what an outcome or output does and for whom, read from
its text in English, French or Spanish, and carried to the graph and the saved query."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.mapping import map_records, ontology_quads
from kg.parse import parse_paths
from kg.parse.topics import Topics, find_topics
from kg.query import load_saved_query, run_query
from kg.records import ProjectPage

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "pages"


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("train immigration, police and social services officers to apply them", "en",
     Topics(("training",), ("law-enforcement", "social-workers"))),
    ("Capacity-building workshops for border guards", "en",
     Topics(("training",), ("law-enforcement",))),
    ("la formation des policiers et des gendarmes", "fr",
     Topics(("training",), ("law-enforcement",))),
    ("Capacitación de fiscales y jueces en la identificación de víctimas de trata", "es",
     Topics(("training",), ("law-enforcement", "trafficking-victims"))),
    # a phrase of another language is not read: English "former" is not French "former"
    ("former combatants receive counselling", "en", Topics(("direct-assistance",), ())),
    # whole words only: "policy" is not "police", "trainee" not "train"
    ("a policy note for trainees", "en", Topics(("policy-support",), ())),
    ("", "en", Topics()),
    # a phrase's first word alone earlier in the text does not hide the phrase further on
    ("Social media posts first, then a session for social workers", "en",
     Topics((), ("social-workers",))),
    ("Les agents de santé et les agents des frontières", "fr",
     Topics((), ("law-enforcement", "health-workers"))),
])
def test_a_text_names_its_activities_and_target_groups(text: str, language: str,
                                                       expected: Topics) -> None:
    assert find_topics(text, language) == expected


def test_topics_come_in_the_tables_order_each_once() -> None:
    text = "Police, then youth, then police again; training and a survey, training again."
    assert find_topics(text, "en") == Topics(("training", "research-assessment"),
                                             ("law-enforcement", "youth"))


@pytest.fixture(scope="module")
def examples() -> list[ProjectPage]:
    records = parse_paths([EXAMPLES]).records
    return [record for record in records if isinstance(record, ProjectPage)]


def test_a_pages_outputs_and_outcomes_carry_their_topics(examples: list[ProjectPage]) -> None:
    caribbean = next(record for record in examples if record.prima_id == "TT10P0412")
    training = caribbean.outcomes[0].outputs[1]
    assert training.label == "1.2"
    assert (training.activities, training.target_groups) == (
        ["training"], ["law-enforcement", "social-workers"])
    sahel = next(record for record in examples if record.prima_id == "NE10P0198")
    assert [output.activities for output in sahel.outcomes[0].outputs] == [
        ["policy-support"], ["training"]]


@pytest.fixture(scope="module")
def store(examples: list[ProjectPage]) -> ox.Store:
    store = ox.Store()
    store.extend(map_records(examples, "https://kg.example.org/iom/"))
    store.extend(ontology_quads(ox.NamedNode("https://kg.example.org/iom/graph/ontology")))
    return store


@pytest.mark.parametrize("values", [
    {}, {"activity": "Formation", "targetGroup": "Fuerzas del orden"},
    {"activity": "TRAINING", "targetGroup": "law enforcement"},
], ids=["defaults", "labels-in-french-and-spanish", "any-case"])
def test_outputs_that_train_law_enforcement(store: ox.Store, values: dict[str, str]) -> None:
    rows = run_query(store, load_saved_query("outputs-by-topic"), values).to_python()
    assert [(row["activity"], row["targetGroup"], row["primaId"], row["number"])
            for row in rows] == [("training", "law-enforcement", "TT10P0412", "1.2")]
