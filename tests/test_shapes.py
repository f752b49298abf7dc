"""The SHACL shapes (ontology/shapes.ttl) against their valid and invalid fixtures.

Fixtures live in tests/shapes/:

- ``valid/*.ttl``: together with the ontology they must give zero validation results.
- ``invalid/<shape>.ttl``: one file per rule shape (a property shape; SPARQL-based
  constraints each sit alone in a property shape), named by the shape's local name. Every
  result of validating it (with the ontology) has that shape as sh:sourceShape. Further
  defects of the same rule may be added as ``invalid/<shape>--<defect>.ttl``.

Validation follows the project's convention: the ontology is parsed INTO the data graph,
so that sh:targetClass and sh:class see rdfs:subClassOf; no inference.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from kommgraph.check.shacl_run import run_shacl
from kommgraph.rdf.loading import load

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ONTOLOGY = ROOT / "ontology" / "kommgraph.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
VALID_FIXTURES = sorted((HERE / "shapes" / "valid").glob("*.ttl"))
INVALID_FIXTURES = sorted((HERE / "shapes" / "invalid").glob("*.ttl"))

# Raise these when adding fixtures; they keep the suite from shrinking silently.
EXPECTED_VALID_FIXTURES = 3
EXPECTED_INVALID_FIXTURES = 75

KG = Namespace("https://w3id.org/kommgraph/ontology#")
KGSH = Namespace("https://w3id.org/kommgraph/shapes#")
SH = Namespace("http://www.w3.org/ns/shacl#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")

# Advisory rules report sh:Warning; every other rule is a sh:Violation.
ADVISORY_SHAPES = frozenset({KGSH["PersonShape-labelWithoutTitle"]})
# Classes that are only ever instantiated through a subclass.
ABSTRACT_CLASSES = frozenset({KG.Agent, KG.Assertion})


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def data_graph(ontology: Graph, paths: Iterable[Path]) -> Graph:
    """The ontology and the given Turtle files in one graph, as the validation code builds it."""
    graph = Graph()
    for triple in ontology:
        graph.add(triple)
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def validate(shapes: Graph, data: Graph) -> tuple[Graph, str]:
    """The results graph and the text report of pyshacl."""
    _conforms, results, text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=None,
        inference="none",
        allow_warnings=False,
    )
    assert isinstance(results, Graph)
    return results, str(text)


def results_of(report: Graph) -> list[Node]:
    return list(report.subjects(RDF.type, SH.ValidationResult))


def rule_shapes(shapes: Graph) -> set[URIRef]:
    """Shapes that name a rule: every property shape (SPARQL constraints sit in one each)."""
    rules = {s for s in shapes.subjects(SH.path, None) if isinstance(s, URIRef)}
    rules |= {s for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
    # A SPARQL constraint with an IRI of its own would name a rule too.
    rules |= {c for c in shapes.objects(None, SH.sparql) if isinstance(c, URIRef)}
    return rules


def node_shapes(shapes: Graph) -> set[Node]:
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    found: set[Node] = set(shapes.subjects(RDF.type, SH.NodeShape))
    for predicate in (*targets, SH.property):
        found |= set(shapes.subjects(predicate, None))
    return found - set(shapes.subjects(SH.path, None))


def property_shapes(shapes: Graph) -> set[Node]:
    return set(shapes.subjects(SH.path, None)) | set(shapes.objects(None, SH.property))


def shape_of_fixture(path: Path) -> URIRef:
    return KGSH[path.stem.split("--")[0]]


def messages_by_language(graph: Graph, node: Node) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for message in graph.objects(node, SH.message):
        assert isinstance(message, Literal), f"{node}: sh:message {message!r} is not a literal"
        found.setdefault(message.language, []).append(str(message))
    return found


def test_the_fixture_directories_hold_the_expected_number_of_files() -> None:
    assert len(VALID_FIXTURES) == EXPECTED_VALID_FIXTURES, [p.name for p in VALID_FIXTURES]
    assert len(INVALID_FIXTURES) == EXPECTED_INVALID_FIXTURES, [p.name for p in INVALID_FIXTURES]


def test_valid_fixtures_conform(shapes: Graph, ontology: Graph) -> None:
    report, text = validate(shapes, data_graph(ontology, VALID_FIXTURES))
    assert results_of(report) == [], text


def test_the_ontology_alone_conforms(shapes: Graph, ontology: Graph) -> None:
    report, text = validate(shapes, data_graph(ontology, []))
    assert results_of(report) == [], text


def test_valid_fixtures_cover_every_ontology_class(ontology: Graph) -> None:
    data = data_graph(ontology, VALID_FIXTURES)
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(KG))}
    uncovered = sorted(
        str(c) for c in classes - ABSTRACT_CLASSES if (None, RDF.type, c) not in data
    )
    assert uncovered == []


@pytest.mark.parametrize("fixture", INVALID_FIXTURES, ids=[p.stem for p in INVALID_FIXTURES])
def test_each_invalid_fixture_triggers_exactly_its_shape(
    fixture: Path, shapes: Graph, ontology: Graph
) -> None:
    report, text = validate(shapes, data_graph(ontology, [fixture]))
    results = results_of(report)
    assert results, f"{fixture.name} triggers no shape"
    source_shapes = sorted({str(report.value(r, SH.sourceShape)) for r in results})
    assert source_shapes == [str(shape_of_fixture(fixture))], text


@pytest.mark.parametrize("fixture", INVALID_FIXTURES, ids=[p.stem for p in INVALID_FIXTURES])
def test_each_invalid_fixture_starts_with_a_comment_naming_its_rule(fixture: Path) -> None:
    first_line = fixture.read_text(encoding="utf-8").splitlines()[0]
    local_name = shape_of_fixture(fixture).removeprefix(str(KGSH))
    assert first_line.startswith(f"# Breaks kgsh:{local_name}: "), first_line


def test_every_shape_has_an_invalid_fixture(shapes: Graph) -> None:
    with_fixture = {URIRef(KGSH[p.stem]) for p in INVALID_FIXTURES if "--" not in p.stem}
    assert sorted(rule_shapes(shapes) - with_fixture) == []


def test_every_invalid_fixture_belongs_to_a_shape(shapes: Graph) -> None:
    named = {shape_of_fixture(p) for p in INVALID_FIXTURES}
    assert sorted(named - rule_shapes(shapes)) == []


def test_every_shape_has_messages_in_german_and_english(shapes: Graph) -> None:
    constraints = set(shapes.objects(None, SH.sparql))
    for node in sorted(property_shapes(shapes) | constraints, key=str):
        by_language = messages_by_language(shapes, node)
        assert sorted(by_language, key=str) == ["de", "en"], f"{node}: {by_language}"
        assert all(len(texts) == 1 for texts in by_language.values()), f"{node}: {by_language}"


def test_shapes_hold_no_sparql_constraints_since_those_are_lint_checks(shapes: Graph) -> None:
    """pyshacl re-parses a SPARQL constraint per focus node; such rules live in ontology/checks."""
    assert list(shapes.subject_objects(SH.sparql)) == []


def test_the_shacl_engine_checks_every_shape_without_falling_back() -> None:
    """A construct the engine lacks would silently make every run fall back to pyshacl."""
    run = run_shacl(load([]), {}, "shacl")
    assert (run.engine, run.fallback) == ("shacl", None)


def test_messages_have_no_placeholders(shapes: Graph) -> None:
    """pyshacl fills {?var} only in sh:resultMessage; messages looked up by shape stay raw."""
    templated = sorted(str(m) for m in shapes.objects(None, SH.message) if "{" in str(m))
    assert templated == []


def test_every_shape_has_a_stable_iri_and_labels(shapes: Graph) -> None:
    for shape in sorted(node_shapes(shapes) | property_shapes(shapes), key=str):
        assert isinstance(shape, URIRef) and shape.startswith(str(KGSH)), f"unnamed shape {shape!r}"
        languages = sorted(
            str(getattr(label, "language", None)) for label in shapes.objects(shape, RDFS.label)
        )
        assert languages == ["de", "en"], f"{shape}: rdfs:label languages {languages}"


def test_property_shapes_are_named_after_their_node_shape(shapes: Graph) -> None:
    for node_shape, property_shape in shapes.subject_objects(SH.property):
        assert str(property_shape).startswith(f"{node_shape}-"), (node_shape, property_shape)


def test_every_property_shape_belongs_to_exactly_one_node_shape(shapes: Graph) -> None:
    for shape in sorted(rule_shapes(shapes), key=str):
        owners = list(shapes.subjects(SH.property, shape))
        assert len(owners) == 1, f"{shape} is used by {owners}"


def test_only_advisory_shapes_are_warnings(shapes: Graph) -> None:
    for shape in sorted(rule_shapes(shapes), key=str):
        severities = list(shapes.objects(shape, SH.severity))
        expected = SH.Warning if shape in ADVISORY_SHAPES else SH.Violation
        assert severities == [expected], f"{shape}: {severities}"


def test_subclass_targets_rely_on_the_ontology_in_the_data_graph(shapes: Graph) -> None:
    """Without the ontology a kg:Municipality is no kg:Organization, and goes unchecked."""
    fixture = HERE / "shapes" / "invalid" / "EntityShape-label--missing-on-subclass.ttl"
    report, text = validate(shapes, Graph().parse(fixture, format="turtle"))
    assert results_of(report) == [], text
