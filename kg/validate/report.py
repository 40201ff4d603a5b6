"""Write a validation report as text for people, JSON for programs, or the SHACL Turtle."""

from __future__ import annotations

import json

from kg.validate.model import ValidationReport, ValidationResult

TITLE_WIDTH = 70
VALUE_WIDTH = 80


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def _subject(result: ValidationResult) -> str:
    """``project VU10P0543 "Title"`` when the result concerns a project, else the focus node."""
    project = result.project
    if project is None:
        kind = result.focus_type or "node"
        return f"{kind} <{result.focus}>"
    name = project.prima_id or f"<{project.iri}>"
    title = f' "{_shorten(project.title, TITLE_WIDTH)}"' if project.title else ""
    return f"project {name}{title}"


def _where(result: ValidationResult) -> str:
    """``[iom:primaId = 'XX']``, ``[iom:primaId]``, or nothing. A SPARQL rule of a node shape
    that binds no value reports its focus node as one, which says nothing new: left out."""
    value = result.value if result.value != f"<{result.focus}>" else None
    value = _shorten(value, VALUE_WIDTH) if value is not None else None
    if result.path and value is not None:
        return f" [{result.path} = {value}]"
    if result.path:
        return f" [{result.path}]"
    return f" [{value}]" if value is not None else ""


def _block(result: ValidationResult) -> str:
    origin = f" (from {result.source_path})" if result.source_path else ""
    head = f"{result.severity.upper()} {_subject(result)}{origin}"
    first = f"{head}: {result.message}{_where(result)}"
    second = f"    at <{result.focus}> by {result.shape} ({result.constraint})"
    return f"{first}\n{second}\n"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary_line(report: ValidationReport) -> str:
    """``2 violations, 1 warning`` (and infos when there are some)."""
    parts = [_plural(report.count("violation"), "violation"),
             _plural(report.count("warning"), "warning")]
    if report.count("info"):
        parts.append(_plural(report.count("info"), "info"))
    return ", ".join(parts)


def format_text(report: ValidationReport) -> str:
    """One block per result, violations first, then the summary line."""
    blocks = [_block(result) for result in report.results]
    return "\n".join([*blocks, summary_line(report) + "\n"])


def format_json(report: ValidationReport) -> str:
    """The report as JSON with sorted keys, indented by two spaces."""
    return json.dumps(report.to_dict(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def format_turtle(report: ValidationReport) -> str:
    """The SHACL results graph (sh:ValidationReport) as Turtle, the same for the same data."""
    return report.shacl_graph().serialize(format="turtle")
