"""Where the project's shipped resources (ontology, shapes, queries, reference tables) live."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_home() -> Path:
    """The folder holding ontology/, shapes/ and queries/ ($KG_HOME overrides the checkout)."""
    env = os.environ.get("KG_HOME")
    return Path(env) if env else PACKAGE_DIR.parent


def ontology_dir() -> Path:
    """Folder of the ontology, vocabularies and JSON-LD context."""
    return project_home() / "ontology"


def shapes_dir() -> Path:
    """Folder of the SHACL shapes."""
    return project_home() / "shapes"


def queries_dir() -> Path:
    """Folder of the saved SPARQL queries."""
    return project_home() / "queries"


def reference_dir() -> Path:
    """Folder of the reference tables shipped inside the package."""
    return PACKAGE_DIR / "reference"
