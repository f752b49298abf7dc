"""The SHACL engine compiled to SPARQL (kommgraph.check.shacl) against pyshacl, the reference.

Both engines must give the same findings (rule, focus, path, value, severity, message,
counted with multiplicity) on every shape fixture, on the bundled data, on a small
synthetic graph with defects of every constraint kind, and on shapes that use the
supported constructs shapes.ttl does not (node-level constraints, other targets, ranges,
flags, nested sh:or/sh:not). Shapes with a construct the compiler lacks make
`validate` run pyshacl instead, and say so.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kommgraph.check.report import Finding
from kommgraph.check.shacl import ShaclEngine, UnsupportedShapeError
from kommgraph.check.shacl_run import ShaclRun, run_shacl
from kommgraph.check.validate import _labels, validate
from kommgraph.cli import main
from kommgraph.rdf import resources
from kommgraph.rdf.loading import load
from kommgraph.rdf.sparql import LocalBackend
from kommgraph.rdf.store import GraphStore
from kommgraph.vocab import SHACL_ENGINES

HERE = Path(__file__).resolve().parent
VALID_FIXTURES = sorted((HERE / "shapes" / "valid").glob("*.ttl"))
INVALID_FIXTURES = sorted((HERE / "shapes" / "invalid").glob("*.ttl"))
BENCHMARKS = HERE.parent / "benchmarks"

PREFIXES = """
@prefix kg: <https://w3id.org/kommgraph/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
"""


def both(graph: GraphStore, shapes: Graph | None = None) -> tuple[ShaclRun, ShaclRun]:
    """The SPARQL engine's run (which must not have fallen back) and pyshacl's."""
    labels = _labels(graph)
    compiled = run_shacl(graph, labels, "sparql", shapes)
    reference = run_shacl(graph, labels, "pyshacl", shapes)
    assert (compiled.engine, compiled.fallback) == ("sparql", None)
    assert reference.engine == "pyshacl"
    return compiled, reference


def assert_same(compiled: ShaclRun, reference: ShaclRun) -> None:
    """Same findings with the same multiplicity, and the same rule titles."""
    ours, theirs = Counter(compiled.findings), Counter(reference.findings)
    assert ours - theirs == Counter(), "found only by the SPARQL engine"
    assert theirs - ours == Counter(), "found only by pyshacl"
    assert compiled.rules == reference.rules


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule.removeprefix("kgsh:") for f in findings}


def add_turtle(graph: GraphStore, text: str) -> None:
    graph.store.bulk_extend(ox.parse((PREFIXES + text).encode(), format=ox.RdfFormat.TURTLE))


# ----- the shapes of ontology/shapes.ttl --------------------------------------------


def test_the_valid_fixtures_give_no_findings_with_either_engine() -> None:
    compiled, reference = both(load(VALID_FIXTURES))
    assert compiled.findings == reference.findings == []


@pytest.mark.parametrize("fixture", INVALID_FIXTURES, ids=[p.stem for p in INVALID_FIXTURES])
def test_each_invalid_fixture_gives_the_same_findings(fixture: Path) -> None:
    compiled, reference = both(load([fixture]))
    assert compiled.findings, f"{fixture.name} triggers nothing"
    assert_same(compiled, reference)


def test_the_bundled_data_gives_the_same_findings() -> None:
    assert_same(*both(load()))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[GraphStore, str]:
    """300 generated events, then one or more defects for every kind of constraint.

    Also the IRI of an event whose only oddity rdflib (and so pyshacl) does not see.
    """
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    folder = tmp_path_factory.mktemp("synthetic")
    generate(300, folder, seed=11)
    graph = load([folder])
    backend = LocalBackend(graph)

    def first(kind: str, n: int = 1) -> list[str]:
        query = f"SELECT DISTINCT ?x WHERE {{ ?x a/rdfs:subClassOf* {kind} }} ORDER BY ?x LIMIT {n}"
        rows = backend.values(query)
        return [f"<{row[0]}>" for row in rows]

    e1, e2, e3, e4, e5 = first("kg:Conference", 5)
    p1, p2, p3, p4 = first("kg:Participation", 4)
    [person], [org], [topic], [relation] = (
        first(k) for k in ("kg:Person", "kg:Organization", "kg:Topic", "kg:Relation")
    )
    prologue = "".join(
        line.replace("@prefix", "PREFIX").rstrip(" .") + "\n"
        for line in PREFIXES.strip().splitlines()
    )
    for subject, predicate in (
        (e1, "kg:date"),  # minCount
        (topic, "skos:inScheme"),  # hasValue
        (person, "rdfs:label"),  # replaced below
        (org, "rdfs:label"),  # replaced below
    ):
        assert backend.values(f"SELECT ?o WHERE {{ {subject} {predicate} ?o }}")
        graph.store.update(f"{prologue} DELETE WHERE {{ {subject} {predicate} ?o }}")
    words = " ".join(f"w{i}" for i in range(31))
    add_turtle(
        graph,
        f"""
        {p1} kg:source ex:another-source .                 # maxCount, class
        {e2} kg:online "TRUE"^^xsd:boolean ;                # datatype (ill-typed for rdflib)
             kg:place {person} .                            # class
        {e3} kg:edition " 5 "^^xsd:integer , "5"^^xsd:integer .  # one value for rdflib
        {e4} kg:edition 0 ;                                 # minInclusive
             kg:participantCount "abc"^^xsd:integer , 2.5 . # datatype, minInclusive, maxCount
        {e5} kg:endDate "2024-05" , "2024-02-30"^^xsd:date .  # sh:or (untyped, ill-formed)
        {p2} kg:agent "a literal" .                         # class and maxCount
        {p3} kg:quote "{words}" .                           # pattern (quote length)
        {p4} kg:quote "   " , "\\u001c" , "Zitat"@de .      # pattern, datatype
        {person} rdfs:label "Dr. Erika Muster" .            # sh:not (warning)
        {org} rdfs:label 42 .                               # sh:or
        {relation} kg:inferred "ja" .                       # targetSubjectsOf, datatype
        ex:new-workshop a kg:Workshop .                     # a subclass target, minCount
        """,
    )
    return graph, e3.strip("<>")


def test_a_synthetic_graph_with_defects_gives_the_same_findings(
    synthetic: tuple[GraphStore, str],
) -> None:
    graph, merged = synthetic
    compiled, reference = both(graph)
    assert_same(compiled, reference)
    assert rules_of(compiled.findings) >= {
        "EventShape-date",
        "TopicShape-inScheme",
        "ProvenanceShape-source",
        "EventShape-online",
        "EventShape-place",
        "EventShape-edition",
        "EventShape-participantCount",
        "EventShape-endDate",
        "ParticipationShape-agent",
        "ProvenanceShape-quoteLength",
        "ProvenanceShape-quote",
        "PersonShape-labelWithoutTitle",
        "EntityShape-label",
        "InferredShape-inferred",
    }
    # rdflib reads " 5 " and "5" as one integer: pyshacl sees one edition, so do we.
    assert [f for f in compiled.findings if f.focus == merged] == []


# ----- constructs shapes.ttl does not use -------------------------------------------

OTHER_SHAPES = """
ex:NodeA a sh:NodeShape ; sh:targetNode ex:a , "lit" , 5 ; sh:targetObjectsOf ex:link ;
  sh:class ex:A , ex:B ; sh:severity sh:Info ; sh:message "node A"@en .
ex:NodeB a sh:NodeShape ; sh:targetObjectsOf ex:link ; sh:datatype xsd:integer ;
  sh:message "node B"@en .
ex:NodeC a sh:NodeShape ; sh:targetObjectsOf ex:link ; sh:pattern "^HELLO" ; sh:flags "i" ;
  sh:message "node C"@en .
ex:NodeD a sh:NodeShape ; sh:targetObjectsOf ex:link ; sh:hasValue ex:a ; sh:message "node D"@en .
ex:NodeE a sh:NodeShape ; sh:targetObjectsOf ex:link ;
  sh:or ( [ sh:class ex:A ] [ sh:class ex:B ] ) ; sh:message "node E"@en .
ex:NodeF a sh:NodeShape ; sh:targetObjectsOf ex:link ; sh:not [ sh:class ex:C ] ;
  sh:message "node F"@de .
ex:NodeG a sh:NodeShape ; sh:targetObjectsOf ex:link ;
  sh:not [ sh:or ( [ sh:hasValue ex:a ] [ sh:datatype xsd:string ; sh:pattern "x" ] ) ] ;
  sh:message "node G" .
ex:NodeH a sh:NodeShape ; sh:targetObjectsOf ex:link ; sh:minInclusive 3 ; sh:maxExclusive 10 ;
  sh:message "node H"@en .
ex:NodeI a sh:NodeShape ; sh:targetObjectsOf ex:link ;
  sh:minExclusive "2024-01-01"^^xsd:date ; sh:maxInclusive "m" ; sh:message "node I"@en .
ex:NodeJ a sh:NodeShape ; sh:targetObjectsOf ex:link ;
  sh:or ( [ sh:class ex:A ] [ sh:not [ sh:class ex:B ] ] ) ; sh:message "node J"@en .
ex:PropK a sh:PropertyShape ; sh:targetSubjectsOf ex:link ; sh:path ex:v ; sh:minCount 2 ;
  sh:message "K"@en .
ex:PropL a sh:PropertyShape ; sh:targetSubjectsOf ex:link ; sh:path ex:w ; sh:maxCount 0 ;
  sh:message "L"@en .
ex:NodeM a sh:NodeShape ; sh:targetClass ex:A ; sh:property ex:NodeM-v , ex:NodeM-w .
ex:NodeM-v a sh:PropertyShape ; sh:path ex:v ; sh:pattern "^[0-9]+$" ; sh:maxInclusive 100 ;
  sh:message "M v"@en , "M v"@de .
ex:NodeM-w sh:path ex:w ;
  sh:or ( [ sh:class ex:A ] [ sh:datatype xsd:date ] [ sh:hasValue "special" ] ) ;
  sh:message "M w"@en .
ex:NodeN a sh:NodeShape ; sh:targetClass ex:B ;
  sh:property [ sh:path ex:v ; sh:hasValue 1 ; sh:message "anonymous"@en ] .
ex:PropP a sh:PropertyShape ; sh:targetSubjectsOf ex:n ; sh:path ex:n ; sh:hasValue 7 ;
  sh:message "P"@en .
ex:PropS a sh:PropertyShape ; sh:targetSubjectsOf ex:n ; sh:path ex:n ; sh:minCount 2 ;
  sh:message "S"@en .
ex:NodeQ a sh:NodeShape ; sh:targetObjectsOf ex:n ; sh:hasValue 7 ; sh:message "Q"@en .
ex:NodeR a sh:NodeShape ; sh:targetObjectsOf ex:n ;
  sh:or ( [ sh:hasValue 7 ] [ sh:hasValue ex:a ] ) ; sh:message "R"@en .
"""

OTHER_DATA = """
ex:A2 rdfs:subClassOf ex:A . ex:A3 rdfs:subClassOf ex:A2 .
ex:a a ex:A3 , ex:B ; ex:v 1 , "2" , " 5 "^^xsd:integer , "2024-01-01Z"^^xsd:date ;
  ex:w ex:a , "2024-02-30"^^xsd:date , "2024-02-03"^^xsd:date , "special" , "special"@en ,
       [ a ex:A ] .
ex:b a ex:B , ex:C ; ex:v "x" .
ex:c a ex:A .
ex:n1 ex:n " 7 "^^xsd:integer , 7 .  # rdflib reads one 7, Oxigraph keeps " 7 " apart
ex:n4 ex:n " 7 "^^xsd:integer .
ex:n2 ex:n 8 .
ex:n3 ex:n ex:a .
ex:s ex:w 1 ;
  ex:link ex:a , ex:b , ex:c , [ a ex:C ] , "hello world" , "Hi" , 7 , "7"^^xsd:decimal , 12 ,
          "abc"^^xsd:integer , "2024-05-01"^^xsd:date , "2023-05-01"^^xsd:date , "a" , "z" ,
          "x" , "xy"@en .
"""


def shapes_graph(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def test_other_supported_constructs_give_the_same_findings() -> None:
    graph = GraphStore(ox.Store())
    add_turtle(graph, OTHER_DATA)
    compiled, reference = both(graph, shapes_graph(OTHER_SHAPES))
    assert_same(compiled, reference)
    assert {f.rule for f in compiled.findings} >= {
        "https://example.org/NodeA",
        "https://example.org/NodeJ",
        "https://example.org/PropK",
        "https://example.org/PropL",
        "https://example.org/NodeM-w",
        "https://example.org/PropP",
        "https://example.org/NodeQ",
        "https://example.org/NodeR",
        "kgsh:(anonymous shape)",
    }
    # ex:n1 and ex:n4 have the value 7 (hasValue passes), once for rdflib (minCount 2 fails).
    for node in ("n1", "n4"):
        rules = [f.rule for f in compiled.findings if f.focus == f"https://example.org/{node}"]
        assert rules == ["https://example.org/PropS"]
    assert {f.severity for f in compiled.findings if f.rule.endswith("NodeA")} == {"warning"}


# ----- falling back to pyshacl ------------------------------------------------------

QUALIFIED = """
ex:S a sh:NodeShape ; sh:targetClass ex:A ;
  sh:property [ sh:path ex:v ; sh:qualifiedValueShape [ sh:datatype xsd:string ] ;
                sh:qualifiedMinCount 1 ; sh:message "one string"@en ] .
"""


@pytest.mark.parametrize(
    ("construct", "shapes"),
    [
        ("sh:qualified", QUALIFIED),
        ("sh:sparql", 'ex:S sh:targetClass ex:A ; sh:sparql [ sh:select "SELECT $this {}" ] .'),
        ("sh:inversePath", "ex:S sh:targetClass ex:A ; sh:path [ sh:inversePath ex:v ] ."),
        ("sh:node", "ex:S sh:targetClass ex:A ; sh:node ex:T . ex:T sh:class ex:B ."),
        ("sh:deactivated", "ex:S sh:targetClass ex:A ; sh:class ex:B ; sh:deactivated true ."),
        ("sh:in", "ex:S sh:targetClass ex:A ; sh:in ( ex:a ) ."),
        ("sh:target", "ex:S sh:target [ a sh:SPARQLTarget ] ; sh:class ex:B ."),
        ("without sh:message", "ex:S sh:targetClass ex:A ; sh:class ex:B ."),
        ("implicit class target", "ex:S a sh:NodeShape , rdfs:Class ; sh:class ex:B ."),
        ("sh:path that is not a single IRI", "ex:S sh:targetClass ex:A ; sh:path ( ex:v ex:w ) ."),
        (
            "sh:minCount on a node shape",
            'ex:S sh:targetClass ex:A ; sh:minCount 1 ; sh:message "m".',
        ),
    ],
)
def test_unsupported_constructs_are_refused_by_name(construct: str, shapes: str) -> None:
    with pytest.raises(UnsupportedShapeError, match=construct):
        ShaclEngine(shapes_graph(shapes))


def test_shapes_the_compiler_lacks_make_validation_fall_back_to_pyshacl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = GraphStore(ox.Store())
    add_turtle(graph, 'ex:a a ex:A ; ex:v 1 . ex:b a ex:A ; ex:v "s" .')
    labels = _labels(graph)
    run = run_shacl(graph, labels, "sparql", shapes_graph(QUALIFIED))
    assert run.engine == "pyshacl"
    assert run.fallback is not None and "sh:qualified" in run.fallback
    assert [(f.focus, f.message) for f in run.findings] == [("https://example.org/a", "one string")]
    assert run.findings == run_shacl(graph, labels, "pyshacl", shapes_graph(QUALIFIED)).findings

    shapes_file = tmp_path / "shapes.ttl"
    shapes_file.write_text(PREFIXES + QUALIFIED, encoding="utf-8")
    monkeypatch.setattr(resources, "shapes_file", lambda: shapes_file)
    report = validate(graph, lint=False)
    assert report.engine == "pyshacl"
    assert report.engine_fallback is not None and "sh:qualified" in report.engine_fallback
    assert len(report.findings) == 1


# ----- choosing the engine ----------------------------------------------------------


def test_validate_names_the_engine_that_ran() -> None:
    graph = load([INVALID_FIXTURES[0]])
    default = validate(graph, lint=False)
    reference = validate(graph, lint=False, shacl_engine="pyshacl")
    assert (default.engine, default.engine_fallback) == ("sparql", None)
    assert (reference.engine, reference.engine_fallback) == ("pyshacl", None)
    assert sorted(default.findings, key=str) == sorted(reference.findings, key=str)
    assert validate(graph, shacl=False).engine is None
    with pytest.raises(ValueError, match="unknown SHACL engine"):
        validate(graph, shacl_engine="jena")  # type: ignore[arg-type]


def test_validate_prints_the_same_report_with_either_engine() -> None:
    fixture = HERE / "fixtures" / "validate" / "workshop-without-date.ttl"
    clean = HERE / "fixtures" / "lint" / "clean.ttl"
    outputs = []
    runner = CliRunner()
    for engine in SHACL_ENGINES:
        args = ["--data", str(clean), "--data", str(fixture), "validate", "--format", "json"]
        result = runner.invoke(main, [*args, "--shacl-engine", engine])
        assert result.exit_code == 1, result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1]
    assert "kgsh:EventShape-date" in outputs[0]
    refused = runner.invoke(main, ["--data", str(clean), "validate", "--shacl-engine", "jena"])
    assert refused.exit_code == 2
    help_text = " ".join(runner.invoke(main, ["validate", "--help"]).output.split())
    assert "--shacl-engine [sparql|pyshacl]" in help_text
    assert "'pyshacl' runs the reference implementation" in help_text
