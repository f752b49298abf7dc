"""SHACL through kommgraph: the `shacl` engine against pyshacl, the reference.

Both engines read the files as written and must give the same findings (rule, focus,
path, value, severity, message, counted with multiplicity) on every shape fixture, on
the bundled data and on generated data with a defect of every kind. Beyond that:
literals are validated as written, the user's own shapes are checked too, broken
shapes get a clear error, shapes the engine does not evaluate fall back to pyshacl
with a note, and every output names the engine and its version.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kommgraph.check.shacl_run import ShaclRun, run_shacl
from kommgraph.check.validate import _labels, validate
from kommgraph.cli import main
from kommgraph.errors import ShapesError
from kommgraph.rdf import resources
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.loading import load

HERE = Path(__file__).resolve().parent
VALID_FIXTURES = sorted((HERE / "shapes" / "valid").glob("*.ttl"))
INVALID_FIXTURES = sorted((HERE / "shapes" / "invalid").glob("*.ttl"))
BENCHMARKS = HERE.parent / "benchmarks"
PREFIXES = """@prefix kg: <https://w3id.org/kommgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
"""


def turtle(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


def both(graph: GraphStore, shapes: tuple[Path, ...] = ()) -> tuple[ShaclRun, ShaclRun]:
    labels = _labels(graph)
    ours = run_shacl(graph, labels, "shacl", shapes)
    reference = run_shacl(graph, labels, "pyshacl", shapes)
    assert (ours.engine, ours.fallback, reference.engine) == ("shacl", None, "pyshacl")
    return ours, reference


def assert_same(ours: ShaclRun, reference: ShaclRun) -> None:
    mine, theirs = Counter(ours.findings), Counter(reference.findings)
    assert mine - theirs == Counter(), "found only by the shacl engine"
    assert theirs - mine == Counter(), "found only by pyshacl"
    assert ours.rules == reference.rules


def test_the_valid_fixtures_give_no_findings_with_either_engine() -> None:
    ours, reference = both(load(VALID_FIXTURES))
    assert ours.findings == reference.findings == []


@pytest.mark.parametrize("fixture", INVALID_FIXTURES, ids=[p.stem for p in INVALID_FIXTURES])
def test_each_invalid_fixture_gives_the_same_findings(fixture: Path) -> None:
    ours, reference = both(load([fixture]))
    assert ours.findings, f"{fixture.name} triggers nothing"
    assert_same(ours, reference)


def test_the_bundled_data_gives_no_findings_with_either_engine() -> None:
    ours, reference = both(load())
    assert ours.findings == reference.findings == []


DEFECTS = """
ex:w1 a kg:Workshop .                                        # no label, date, source ...
ex:e1 a kg:Conference ; rdfs:label "E" ; kg:date "2024"^^xsd:gYear ; kg:online "ja" ;
  kg:place ex:e1 ; kg:source ex:nothing ; kg:quote "   " .
ex:p1 a kg:Participation ; kg:agent "a literal" ; kg:event ex:e1 ; kg:role kg:Speaker ;
  kg:source ex:nothing ; kg:quote "zitiert" .
ex:o1 a kg:Municipality ; rdfs:label 42 .
ex:x1 a kg:Person ; rdfs:label "Dr. Erika Muster" .
"""


def test_generated_data_with_defects_gives_the_same_findings(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    generate(200, tmp_path / "data", seed=11)
    graph = load([tmp_path / "data"])
    assert both(graph)[0].findings == []
    defects = turtle(tmp_path, "defects.ttl", DEFECTS)
    ours, reference = both(load([tmp_path / "data", defects]))
    assert_same(ours, reference)
    assert len({f.rule for f in ours.findings}) >= 8


def test_literals_are_validated_as_the_files_write_them(tmp_path: Path) -> None:
    """The embedded store keeps "5"^^xsd:int as an xsd:integer; the engine reads the file."""
    data = turtle(
        tmp_path, "data.ttl", 'ex:a a ex:A ; ex:n "5"^^xsd:int ; ex:d "4.0"^^xsd:decimal .'
    )
    shapes = turtle(
        tmp_path,
        "shapes.ttl",
        """ex:S a sh:NodeShape ; sh:targetClass ex:A ;
          sh:property [ sh:path ex:n ; sh:datatype xsd:int ; sh:message "int"@en ] ;
          sh:property [ sh:path ex:d ; sh:maxInclusive 3 ; sh:message "at most 3"@en ] .""",
    )
    run = run_shacl(load([data]), {}, "shacl", (shapes,))
    assert [(f.value, f.message) for f in run.findings] == [("4.0", "at most 3")]


def test_the_users_own_shapes_are_checked_beside_the_bundled_ones(tmp_path: Path) -> None:
    shapes = turtle(
        tmp_path,
        "mine.ttl",
        """ex:NeedsOrcid a sh:NodeShape ; sh:targetClass kg:Person ; rdfs:label "ORCID"@en ;
          sh:property [ sh:path ex:orcid ; sh:minCount 1 ;
                        sh:message "Eine Person braucht eine ORCID."@de ,
                                   "A person needs an ORCID."@en ] .""",
    )
    result = CliRunner().invoke(main, ["validate", "--shapes", str(shapes), "--format", "json"])
    report = json.loads(result.stdout)
    mine = [f for f in report["findings"] if f["rule"] == "kgsh:(anonymous shape)"]
    assert result.exit_code == 1 and mine
    assert {f["message"] for f in mine} == {"A person needs an ORCID."}
    german = CliRunner().invoke(main, ["validate", "--shapes", str(shapes), "--lang", "de"])
    assert "Eine Person braucht eine ORCID." in german.stdout


def test_outputs_name_the_engine_and_its_version() -> None:
    from importlib.metadata import version

    runner = CliRunner()
    text = runner.invoke(main, ["validate"]).stdout
    assert f"SHACL engine: shacl {version('shacl')}\n" in text
    reference = json.loads(
        runner.invoke(main, ["validate", "--shacl-engine", "pyshacl", "--format", "json"]).stdout
    )
    assert reference["engine"] == {
        "name": "pyshacl",
        "version": version("pyshacl"),
        "fallback": None,
    }


def test_malformed_shapes_are_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    shapes = turtle(
        tmp_path, "bad.ttl", 'ex:S sh:targetClass ex:A ; sh:path ex:a , ex:b ; sh:maxCount "1" .'
    )
    with pytest.raises(ShapesError, match="2 sh:path values"):
        run_shacl(load(), {}, "shacl", (shapes,))
    result = CliRunner().invoke(main, ["validate", "--shapes", str(shapes)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "sh:maxCount is not an xsd:integer" in result.stderr
    broken = turtle(tmp_path, "broken.ttl", "ex:S sh:targetClass")
    result = CliRunner().invoke(main, ["validate", "--shapes", str(broken)])
    assert result.exit_code == 1 and f"{broken}: does not parse" in result.stderr


def test_shapes_the_engine_does_not_evaluate_fall_back_to_pyshacl(tmp_path: Path) -> None:
    shapes = turtle(
        tmp_path,
        "js.ttl",
        """ex:S a sh:NodeShape ; sh:targetClass kg:Workshop ;
          sh:js [ sh:jsFunctionName "ok" ; sh:jsLibrary [ sh:jsLibraryURL "x.js" ] ] .""",
    )
    report = validate(load(), lint=False, shapes=(shapes,))
    assert report.engine == "pyshacl"
    assert report.engine_fallback is not None and "sh:js" in report.engine_fallback
    text = CliRunner().invoke(main, ["validate", "--shapes", str(shapes)]).stdout
    assert "SHACL engine: pyshacl" in text and "instead of the one asked for" in text


def test_data_that_subclasses_an_ontology_class_by_a_blank_node_validates(tmp_path: Path) -> None:
    data = turtle(tmp_path, "data.ttl", "[] rdfs:subClassOf kg:Person .\nex:x a ex:Y .")
    result = CliRunner().invoke(
        main, ["--data", str(resources.data_dir()), "--data", str(data), "validate"]
    )
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(
        result.exception, SystemExit
    )
    assert "SHACL engine: shacl" in result.stdout
