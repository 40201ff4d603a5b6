"""Prima IDs on project pages are checked against the pattern the shapes and the news parser
use: extra text around an ID is reported and the ID kept; anything else, near misses and
lower case among them, is reported and not kept, so the project IRI falls back."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_helpers import parse_file, parse_text

from kg.mapping.iris import project_iri
from kg.parse.project_mentions import PRIMA_ID_PATTERN
from kg.parse.values import PRIMA_ID_PATTERN as VALUES_PRIMA_ID_PATTERN
from kg.records import ProjectPage

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"
BASE = "https://kg.example.org/iom/"


def page(prima_id: str, projects_id: str | None = None) -> str:
    """A labeled project page whose Prima ID (line 6) is written ``prima_id``."""
    projects = f"Projects ID: {projects_id}\n" if projects_id else ""
    return ("Our Work\nStrengthening Consular Protection for Workers in the Gulf\n"
            "Project Type: Labour Mobility and Human Development\n"
            "Budget: USD 250,000\nYear: 2022\n"
            f"Prima ID: {prima_id}\n{projects}"
            "Benefiting Member States: Nepal, Sri Lanka\n"
            "Consular officers in the Gulf see workers only once their contracts have "
            "already gone wrong.\n")


def prima_issues(record: ProjectPage) -> list[tuple[str, int | None]]:
    return [(issue.severity, issue.line) for issue in record.issues
            if issue.field == "prima_id"]


@pytest.mark.parametrize("written", ["NP10P0131", "  LK10P0207 "])
def test_a_well_formed_prima_id_is_kept_without_issue(tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, page(written))
    assert record.prima_id == written.strip()
    assert record.issues == []


@pytest.mark.parametrize(("written", "rest"), [
    ("NP10P0131 (phase II)", "(phase II)"),
    ("Phase 2: NP10P0131", "Phase 2:"),
    ("NP10P0131 / PX.0220", "/ PX.0220"),
])
def test_extra_text_around_a_prima_id_is_reported_and_the_id_kept(
        tmp_path: Path, written: str, rest: str) -> None:
    record = parse_text(tmp_path, page(written))
    assert record.prima_id == "NP10P0131"
    assert prima_issues(record) == [("warning", 6)]
    assert repr(rest) in record.issues[0].message
    assert project_iri(record, BASE) == f"{BASE}project/NP10P0131"


@pytest.mark.parametrize("written", [
    "Donor", "NP10P131", "NP10P01311", "NP10X0131", "np10p0131", "Np10P0131",
    "NP10P0131 and NP10P0132",
])
def test_a_value_that_is_not_a_prima_id_is_an_error_and_not_kept(
        tmp_path: Path, written: str) -> None:
    record = parse_text(tmp_path, page(written))
    assert record.prima_id is None
    assert prima_issues(record) == [("error", 6)]  # no second "no Prima ID" warning
    assert repr(written) in record.issues[0].message
    assert project_iri(record, BASE) == f"{BASE}project/page-{record.source.sha256[:12]}"


def test_without_a_prima_id_the_project_is_named_by_its_projects_id(tmp_path: Path) -> None:
    record = parse_text(tmp_path, page("NP10P0131 (phase II", "PX.0220"))
    assert record.prima_id == "NP10P0131"
    record = parse_text(tmp_path, page("ge10p0377", "PX.0220"))
    assert record.prima_id is None
    assert project_iri(record, BASE) == f"{BASE}project/PX.0220"


def test_a_near_prima_id_on_an_unlabeled_page_is_reported(tmp_path: Path) -> None:
    record = parse_text(tmp_path, (
        "Strengthening Consular Protection for Workers in the Gulf\n2021\n2023\nActive\n"
        "Labour Mobility and Human Development\nUSD 250,000\nMulti-national\n2021\n"
        "Asia and Oceania\nNP10X0131\nNepal, Sri Lanka\n"
        "Consular officers in the Gulf see workers only once their contracts have "
        "already gone wrong.\n"))
    assert record.prima_id is None
    assert prima_issues(record) == [("error", 10)]


def test_the_example_pages_keep_their_prima_ids() -> None:
    ids = {path.name: parse_file(path).prima_id for path in sorted(EXAMPLES.iterdir())
           if not path.name.startswith("news_")}
    assert all(value and PRIMA_ID_PATTERN.fullmatch(value) for value in ids.values()), ids


def test_project_pages_and_news_check_prima_ids_with_the_shapes_pattern() -> None:
    assert PRIMA_ID_PATTERN is VALUES_PRIMA_ID_PATTERN
    shapes = (Path(__file__).resolve().parents[1] / "shapes" / "project.ttl").read_text()
    assert f'sh:pattern "^{PRIMA_ID_PATTERN.pattern.replace(chr(92) + "d", "[0-9]")}$"' in shapes
