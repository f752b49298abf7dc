"""Lint checks find what SHACL cannot see, each on a fixture built for it.

Every file in fixtures/lint/ is loaded together with fixtures/lint/clean.ttl (a small
graph that passes every check) and adds one problem. The quote check runs through
`validate --sources DIR` against the texts in fixtures/quotes/texts/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kommgraph.check.lint import lint_checks
from kommgraph.check.report import Finding
from kommgraph.check.validate import validate
from kommgraph.cli import main
from kommgraph.rdf.loading import load

FIXTURES = Path(__file__).parent / "fixtures"
LINT = FIXTURES / "lint"
CLEAN = LINT / "clean.ttl"
QUOTES = FIXTURES / "quotes"
TEXTS = QUOTES / "texts"

ID = "https://w3id.org/kommgraph/id/"
KG = "https://w3id.org/kommgraph/ontology#"
STADT = ID + "org/stadt-stuttgart"
LANDESHAUPTSTADT = ID + "org/landeshauptstadt-stuttgart"
SPEEKER = ID + "participation/digitaltag-2024--erika-muster--speeker"
MUSTR = ID + "participation/digitaltag-2024--erika-mustr--moderator"
DIGITALTAG = ID + "event/digitaltag-2024"

# fixture -> the (rule, focus) pairs that the lint step must report, no more, no less
EXPECTED: dict[str, set[tuple[str, str]]] = {
    "clean.ttl": set(),
    "undescribed-object.ttl": {("undescribed-object-violation", MUSTR)},
    "unknown-term.ttl": {
        ("unknown-term-violation", DIGITALTAG),
        ("unknown-term-violation", SPEEKER),
    },
    "duplicate-label.ttl": {
        ("duplicate-label-violation", ID + "topic/smart-city"),
        ("duplicate-label-violation", ID + "topic/smartcity"),
    },
    "near-duplicate.ttl": {
        ("near-duplicate-name-violation", STADT),
        ("near-duplicate-name-violation", LANDESHAUPTSTADT),
    },
    "near-duplicate--alias.ttl": set(),
    "near-duplicate--alias-of-another.ttl": {
        ("near-duplicate-name-violation", STADT),
        ("near-duplicate-name-violation", LANDESHAUPTSTADT),
    },
    "near-duplicate--other-kind.ttl": set(),
    "orphan-entity.ttl": {("orphan-entity-violation", ID + "person/maria-beispiel")},
    "uncited-source.ttl": {("uncited-source-violation", ID + "source/amtsblatt-2024-04")},
    "inferred-without-note.ttl": {
        ("inferred-without-note-violation", ID + "event/digitaltag-2024-empfang")
    },
    "inference-without-triple.ttl": {
        ("inference-without-triple-violation", ID + "inference/digitaltag-2024--place")
    },
    "statement-speaker-not-active.ttl": {
        (
            "statement-speaker-not-active-violation",
            ID + "statement/amtsblatt-2024-03--max-beispiel",
        )
    },
    "end-date-before-date.ttl": {
        ("end-date-before-date-violation", ID + "event/digitaltag-2024-messe")
    },
}


def lint(name: str) -> list[Finding]:
    """Lint findings (no SHACL) of one fixture loaded together with the clean graph."""
    graph = load([CLEAN, LINT / name])
    report = validate(graph, shacl=False)
    return report.findings


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return sorted((f for f in findings if f.rule == rule), key=lambda f: (f.focus, f.path or ""))


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


# ----- each rule on its fixture -----------------------------------------------------


def test_every_lint_fixture_has_an_expectation() -> None:
    found = sorted(path.name for path in LINT.glob("*.ttl"))
    assert len(found) == 14
    assert found == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lint_fixture_gives_exactly_its_findings(name: str) -> None:
    findings = lint(name)
    assert {(f.rule, f.focus) for f in findings} == EXPECTED[name], findings
    assert all(f.kind == "lint" and f.severity == "violation" for f in findings)


def test_every_lint_rule_fires_on_some_fixture() -> None:
    rules = {check.name for check in lint_checks()} | {"near-duplicate-name-violation"}
    fired = {rule for expected in EXPECTED.values() for rule, _focus in expected}
    assert len(rules) == 10
    assert fired == rules


def test_clean_fixture_has_no_lint_findings() -> None:
    assert validate(load([CLEAN]), shacl=False).findings == []


def test_clean_fixture_passes_shacl_too() -> None:
    report = validate(load([CLEAN]))
    assert report.findings == []
    assert report.ok()


def test_typo_in_an_iri_names_the_fact_and_the_undescribed_iri() -> None:
    [finding] = lint("undescribed-object.ttl")
    assert finding.focus == MUSTR
    assert (finding.path, finding.value) == ("kg:agent", ID + "person/erika-mustr")
    assert finding.message == f"uses <{ID}person/erika-mustr> which nothing describes (typo?)"


def test_terms_missing_from_the_ontology_are_each_named() -> None:
    findings = only(lint("unknown-term.ttl"), "unknown-term-violation")
    assert [(f.focus, f.path, f.message) for f in findings] == [
        (DIGITALTAG, "kg:quotes", f"property <{KG}quotes> is not defined by the ontology"),
        (DIGITALTAG, "rdf:type", f"class <{KG}Konferenz> is not defined by the ontology"),
        (SPEEKER, "kg:role", f"concept <{KG}Speeker> is not defined by the ontology"),
    ]


def test_duplicate_labels_are_found_regardless_of_case() -> None:
    findings = only(lint("duplicate-label.ttl"), "duplicate-label-violation")
    assert [(f.focus_label, f.value) for f in findings] == [
        ("Smart City", "Smart City"),
        ("smart city", "smart city"),
    ]
    assert "with another Topic (2 entities)" in findings[0].message


def test_near_duplicate_names_of_one_kind_are_reported_from_both_sides() -> None:
    findings = only(lint("near-duplicate.ttl"), "near-duplicate-name-violation")
    assert [(f.focus, f.focus_label, f.value) for f in findings] == [
        (LANDESHAUPTSTADT, "Landeshauptstadt Stuttgart", STADT),
        (STADT, "Stadt Stuttgart", LANDESHAUPTSTADT),
    ]
    assert findings[0].message == (
        f"name is close to 'Stadt Stuttgart' <{STADT}> (both reduce to 'stuttgart'); "
        "one actor with two IRIs?"
    )


def test_an_alias_of_the_same_entity_is_not_a_near_duplicate() -> None:
    assert lint("near-duplicate--alias.ttl") == []


def test_an_alias_that_is_another_entitys_label_is_a_near_duplicate() -> None:
    findings = only(lint("near-duplicate--alias-of-another.ttl"), "near-duplicate-name-violation")
    assert {f.focus for f in findings} == {STADT, LANDESHAUPTSTADT}


def test_same_name_for_an_organization_and_a_place_is_not_a_near_duplicate() -> None:
    assert lint("near-duplicate--other-kind.ttl") == []


def test_entity_nothing_refers_to_is_named_with_its_label_and_kind() -> None:
    [finding] = lint("orphan-entity.ttl")
    assert (finding.focus_label, finding.value) == ("Maria Beispiel", KG + "Person")
    assert finding.message == "is described, but no statement refers to it"


def test_an_inference_of_a_triple_the_data_lacks_names_the_triple() -> None:
    [finding] = lint("inference-without-triple.ttl")
    assert (finding.path, finding.value) == ("rdf:predicate", KG + "place")
    assert finding.message == (
        f"marks <{DIGITALTAG}> <{KG}place> <{ID}place/rathaus-musterstadt> as inferred, "
        "but the data does not contain that triple"
    )


def test_a_statement_at_an_event_needs_its_speaker_active_there() -> None:
    [finding] = lint("statement-speaker-not-active.ttl")
    assert (finding.path, finding.value) == ("kg:speaker", ID + "person/max-beispiel")
    assert finding.message == (
        f"speaker <{ID}person/max-beispiel> holds no active role in <{DIGITALTAG}>, the event "
        "the statement was made at (add a kg:QuotedSpeaker participation)"
    )


def test_source_never_cited_is_named_with_its_label() -> None:
    [finding] = lint("uncited-source.ttl")
    assert finding.focus_label == "Nachlese zum Digitaltag"
    assert finding.message == "is never cited by any event or statement"


# ----- quotes against the texts of their sources -------------------------------------


def test_every_quote_of_the_clean_fixture_occurs_verbatim() -> None:
    result = invoke("--data", str(CLEAN), "validate", "--sources", str(TEXTS), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert "quote-in-source" in report["rules"]


def test_quote_check_names_each_fact_whose_quote_is_not_in_its_source() -> None:
    result = invoke(
        "--data", str(CLEAN), "--data", str(QUOTES / "quotes.ttl"),
        "validate", "--sources", str(TEXTS), "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    participation = ID + "participation/digitaltag-2024-"
    assert [(f["rule"], f["focus"], f["path"], f["message"]) for f in findings] == [
        (
            "quote-in-source",
            participation + "-erika-muster--speaker--typographic",
            "kg:quote",
            "quote does not occur verbatim in amtsblatt-2024-03.txt",
        ),
        (
            "quote-in-source",
            participation + "-erika-muster--speaker--whitespace",
            "kg:quote",
            "quote does not occur verbatim in amtsblatt-2024-03.txt",
        ),
        (
            "quote-in-source",
            participation + "-stadt-musterstadt--organizer",
            "kg:source",
            f"text of the source not found: {TEXTS / 'rundbrief-2024-01.txt'}",
        ),
    ]
    assert findings[0]["value"] == (
        'was die "digitale Verwaltung" für die Bürgerinnen und Bürger bedeutet'
    )


def test_quotes_are_checked_only_when_sources_are_given() -> None:
    graph = load([CLEAN, QUOTES / "quotes.ttl"])
    assert validate(graph).findings == []


def test_sources_folder_that_does_not_exist_gives_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "texts"
    result = invoke("--data", str(CLEAN), "validate", "--sources", str(missing))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [
        f"Error: {missing}: --sources needs a folder with the article texts"
    ]
