"""`kommgraph validate`: findings grouped by rule, JSON for machines, exit codes.

The fixtures are the clean graph of fixtures/lint/ plus files that add one problem
each: lint findings (fixtures/lint/), a SHACL violation and a SHACL warning
(fixtures/validate/).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, Namespace, URIRef

from kommgraph.cli import main
from kommgraph.rdf import resources

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = FIXTURES / "lint" / "clean.ttl"
ORPHAN = FIXTURES / "lint" / "orphan-entity.ttl"
UNCITED = FIXTURES / "lint" / "uncited-source.ttl"
NO_DATE = FIXTURES / "validate" / "workshop-without-date.ttl"
TITLE = FIXTURES / "validate" / "person-with-title.ttl"

ID = "https://w3id.org/kommgraph/id/"
SH = Namespace("http://www.w3.org/ns/shacl#")
KGSH = Namespace("https://w3id.org/kommgraph/shapes#")

FINDING_KEYS = {
    "kind",
    "severity",
    "rule",
    "focus",
    "focus_label",
    "path",
    "value",
    "message",
    "file",
    "line",
}
REPORT_KEYS = {"ok", "violations", "warnings", "engine", "rules", "findings", "files", "triples"}


def validate(*files: Path, options: tuple[str, ...] = ()) -> Result:
    args = [arg for path in files for arg in ("--data", str(path))]
    return CliRunner().invoke(main, [*args, "validate", *options])


def validate_json(*files: Path, options: tuple[str, ...] = ()) -> tuple[int, dict[str, Any]]:
    result = validate(*files, options=("--format", "json", *options))
    assert "Traceback" not in result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, report


def english_message(shape: URIRef) -> str:
    """The sh:message@en of a shape in ontology/shapes.ttl."""
    shapes = Graph().parse(resources.shapes_file(), format="turtle")
    [message] = [
        m
        for m in shapes.objects(shape, SH.message)
        if isinstance(m, Literal) and m.language == "en"
    ]
    return str(message)


# ----- text output ------------------------------------------------------------------


def test_findings_are_grouped_by_rule_with_label_iri_path_and_message() -> None:
    result = validate(CLEAN, ORPHAN, UNCITED, NO_DATE)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    headers = [line for line in lines if line and not line.startswith(" ")][:-2]
    assert [re.sub(r" — .*\(", " (", h) for h in headers] == [
        "kgsh:EventShape-date (1)",
        "orphan-entity-violation (1)",
        "uncited-source-violation (1)",
    ]
    assert headers[1:] == [
        "orphan-entity-violation — Entity nothing refers to (1)",
        "uncited-source-violation — Source never cited (1)",
    ]
    shacl = lines[lines.index(headers[0]) + 1]
    assert shacl == (
        f'  ✗ <{ID}event/digitaltag-2024-ws1> "Workshop Onlinezugangsgesetz" [kg:date]: '
        + english_message(KGSH["EventShape-date"])
    )
    assert lines[lines.index(headers[1]) + 1] == (
        f'  ✗ <{ID}person/maria-beispiel> "Maria Beispiel" [rdf:type]: '
        "is described, but no statement refers to it"
    )
    assert lines[lines.index(headers[2]) + 1] == (
        f'  ✗ <{ID}source/amtsblatt-2024-04> "Nachlese zum Digitaltag" [kg:source]: '
        "is never cited by any event or statement"
    )
    assert re.fullmatch(r"SHACL engine: shacl [0-9.]+", lines[-2])
    assert re.fullmatch(r"3 violation\(s\), 0 warning\(s\) in 5 file\(s\), \d+ triples", lines[-1])


def test_warnings_are_marked_apart_from_violations() -> None:
    result = validate(CLEAN, TITLE)
    [finding] = [line for line in result.stdout.splitlines() if line.startswith("  ")]
    assert finding.startswith(f'  ! <{ID}person/max-beispiel> "Dr. Max Beispiel" [rdfs:label]: ')
    assert "0 violation(s), 1 warning(s)" in result.stdout


def test_clean_data_exits_0_and_says_so() -> None:
    result = validate(CLEAN)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"SHACL engine: shacl [0-9.]+\n"
        r"0 violation\(s\), 0 warning\(s\) in 2 file\(s\), \d+ triples\n",
        result.stdout,
    )


# ----- JSON output ------------------------------------------------------------------


def test_json_report_has_the_documented_keys_and_finding_fields() -> None:
    code, report = validate_json(CLEAN, ORPHAN, UNCITED, NO_DATE, TITLE)
    assert code == 1
    assert set(report) == REPORT_KEYS
    assert (report["ok"], report["violations"], report["warnings"]) == (False, 3, 1)
    assert report["files"] == 6
    assert isinstance(report["triples"], int) and report["triples"] > 0
    assert len(report["findings"]) == 4
    for finding in report["findings"]:
        assert set(finding) == FINDING_KEYS
    by_rule = {f["rule"]: f for f in report["findings"]}
    assert by_rule["orphan-entity-violation"] == {
        "kind": "lint",
        "severity": "violation",
        "rule": "orphan-entity-violation",
        "focus": ID + "person/maria-beispiel",
        "focus_label": "Maria Beispiel",
        "path": "rdf:type",
        "value": "https://w3id.org/kommgraph/ontology#Person",
        "message": "is described, but no statement refers to it",
        "file": None,
        "line": None,
    }
    assert by_rule["kgsh:EventShape-date"] == {
        "kind": "shacl",
        "severity": "violation",
        "rule": "kgsh:EventShape-date",
        "focus": ID + "event/digitaltag-2024-ws1",
        "focus_label": "Workshop Onlinezugangsgesetz",
        "path": "kg:date",
        "value": None,
        "message": english_message(KGSH["EventShape-date"]),
        "file": None,
        "line": None,
    }
    assert by_rule["kgsh:PersonShape-labelWithoutTitle"]["severity"] == "warning"


def test_json_report_names_every_rule_that_ran_with_its_title() -> None:
    _code, report = validate_json(CLEAN)
    assert report["rules"] == {
        "duplicate-label-violation": "Duplicate label",
        "end-date-before-date-violation": "End date before the date",
        "inference-without-triple-violation": "Inference of a triple the data lacks",
        "inferred-without-note-violation": "Inferred statement without a note",
        "near-duplicate-name-violation": "Near-duplicate names",
        "ontology-term-statement-violation": "Data states nothing about ontology terms",
        "orphan-entity-violation": "Entity nothing refers to",
        "statement-speaker-not-active-violation": "Speaker not active where quoted",
        "uncited-source-violation": "Source never cited",
        "undescribed-object-violation": "IRI used but never described",
        "unknown-term-violation": "Term not in the ontology",
    }


def test_json_findings_are_sorted_by_rule_then_focus() -> None:
    _code, report = validate_json(CLEAN, FIXTURES / "lint" / "near-duplicate.ttl", ORPHAN)
    keys = [(f["rule"], f["focus"]) for f in report["findings"]]
    assert keys == sorted(keys)
    assert len(keys) == 3


def test_clean_json_report_is_ok_with_no_findings() -> None:
    code, report = validate_json(CLEAN)
    assert code == 0
    assert (report["ok"], report["violations"], report["warnings"]) == (True, 0, 0)
    assert report["findings"] == []
    assert report["files"] == 2


# ----- exit codes -------------------------------------------------------------------


@pytest.mark.parametrize("problem", [ORPHAN, UNCITED, NO_DATE], ids=lambda p: p.stem)
def test_any_violation_exits_1(problem: Path) -> None:
    result = validate(CLEAN, problem)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_warnings_alone_exit_1_without_allow_warnings() -> None:
    code, report = validate_json(CLEAN, TITLE)
    assert code == 1
    assert (report["ok"], report["violations"], report["warnings"]) == (False, 0, 1)


def test_allow_warnings_exits_0_when_there_are_only_warnings() -> None:
    code, report = validate_json(CLEAN, TITLE, options=("--allow-warnings",))
    assert code == 0
    assert (report["ok"], report["violations"], report["warnings"]) == (True, 0, 1)
    assert validate(CLEAN, TITLE, options=("--allow-warnings",)).exit_code == 0


def test_allow_warnings_still_exits_1_on_violations() -> None:
    code, report = validate_json(CLEAN, TITLE, NO_DATE, options=("--allow-warnings",))
    assert code == 1
    assert (report["ok"], report["violations"], report["warnings"]) == (False, 1, 1)
