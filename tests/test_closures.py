"""The computed closures: what they hold, that data cannot change them, that checks accept them.

`kommgraph.rdf.closures` writes out `kg:partOf*`, `skos:broader*`, `kg:locatedIn*` and
`rdfs:subClassOf*` as plain triples when data is loaded, so that the named queries walk
no property paths (servers evaluate those differently). They are code's statements: the
ontology declares them, data files cannot add to them, and validation, the ontology
guard and the index all see the stated data as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kommgraph.check.validate import validate
from kommgraph.rdf import resources
from kommgraph.rdf.closures import COMPUTED, add_closures, count_computed
from kommgraph.rdf.loading import load
from kommgraph.rdf.sparql import AskResult, LocalBackend
from kommgraph.rdf.store import load_all

FIXTURES = Path(__file__).parent / "fixtures"
LINT = FIXTURES / "lint"
CLEAN = LINT / "clean.ttl"
KG = "https://w3id.org/kommgraph/ontology#"
ID = "https://w3id.org/kommgraph/id/"

TREE = """\
@prefix kg:    <https://w3id.org/kommgraph/ontology#> .
@prefix event: <https://w3id.org/kommgraph/id/event/> .
@prefix topic: <https://w3id.org/kommgraph/id/topic/> .
@prefix place: <https://w3id.org/kommgraph/id/place/> .
@prefix skos:  <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .

event:kongress a kg:Conference ; rdfs:label "Kongress" ; kg:place place:halle .
event:forum a kg:Workshop ; rdfs:label "Forum" ; kg:partOf event:kongress .
event:vortrag a kg:Talk ; rdfs:label "Vortrag" ; kg:partOf event:forum .
[] kg:event event:ohne-typ .
topic:ozg a kg:Topic ; rdfs:label "OZG" ; skos:broader topic:verwaltung .
topic:verwaltung a kg:Topic ; rdfs:label "Verwaltung" .
place:halle a kg:Place ; rdfs:label "Halle 1" ; kg:locatedIn place:stadt .
place:stadt a kg:City ; rdfs:label "Stadt" ; kg:locatedIn place:land .
"""


def kg(name: str) -> str:
    return KG + name


def pairs(tmp_path: Path, turtle: str, prop: str) -> set[tuple[str, str]]:
    """The (subject, object) pairs of one computed property after loading `turtle`."""
    (tmp_path / "data.ttl").write_text(turtle, encoding="utf-8")
    rows = LocalBackend(load([tmp_path / "data.ttl"])).values(
        f"SELECT ?s ?o WHERE {{ ?s <{kg(prop)}> ?o }}"
    )
    return {(str(s).removeprefix(ID), str(o).removeprefix(ID)) for s, o in rows}


def test_the_ontology_declares_each_computed_property_in_german_and_english() -> None:
    ontology = Graph().parse(resources.ontology_file(), format="turtle")
    assert len(COMPUTED) == 4
    for iri in COMPUTED:
        labels = {
            label.language
            for label in ontology.objects(URIRef(iri), RDFS.label)
            if isinstance(label, Literal)
        }
        assert labels == {"de", "en"}, iri
        comment = str(next(ontology.objects(URIRef(iri), RDFS.comment)))
        assert comment.startswith("Computed by kommgraph, never stated"), iri


def test_within_holds_every_event_with_each_event_it_is_part_of(tmp_path: Path) -> None:
    found = pairs(tmp_path, TREE, "within")
    events = ("event/kongress", "event/forum", "event/vortrag", "event/ohne-typ")
    assert {(e, e) for e in events} <= found  # itself included, also untyped
    assert {p for p in found if p[0] != p[1]} == {
        ("event/forum", "event/kongress"),
        ("event/vortrag", "event/forum"),
        ("event/vortrag", "event/kongress"),
    }


def test_broader_and_located_within_follow_the_hierarchies(tmp_path: Path) -> None:
    topics = pairs(tmp_path, TREE, "broaderOrSelf")
    assert ("topic/ozg", "topic/verwaltung") in topics
    assert ("topic/verwaltung", "topic/verwaltung") in topics
    assert ("topic/verwaltung", "topic/ozg") not in topics
    places = pairs(tmp_path, TREE, "locatedWithin")
    assert {p for p in places if p[0] == "place/halle"} == {
        ("place/halle", "place/halle"),
        ("place/halle", "place/stadt"),
        ("place/halle", "place/land"),  # the end of the chain, never typed
    }


def test_subclasses_are_closed_at_the_class_level(tmp_path: Path) -> None:
    found = pairs(tmp_path, TREE, "subClassOfOrSelf")
    workshop = {o for s, o in found if s == kg("Workshop")}
    assert {kg("Workshop"), kg("Event")} <= workshop
    assert all(not s.startswith(ID) for s, _ in found)  # no instance is in it


def test_a_cycle_in_the_data_ends_the_walk(tmp_path: Path) -> None:
    cycle = TREE + "event:kongress kg:partOf event:vortrag .\n"
    found = pairs(tmp_path, cycle, "within")
    trio = ("event/kongress", "event/forum", "event/vortrag")
    assert {(a, b) for a in trio for b in trio} <= found


def test_what_data_states_with_a_computed_property_is_replaced(tmp_path: Path) -> None:
    stated = TREE + (
        "event:kongress kg:within event:vortrag .\nkg:Talk kg:subClassOfOrSelf kg:Place .\n"
    )
    (tmp_path / "data.ttl").write_text(stated, encoding="utf-8")
    graph = load([tmp_path / "data.ttl"])  # the guard does not take it for ontology statements
    backend = LocalBackend(graph)

    def holds(s: str, p: str, o: str) -> bool:
        answer = backend.query(f"ASK {{ <{s}> <{p}> <{o}> }}")
        assert isinstance(answer, AskResult)
        return answer.value

    assert not holds(ID + "event/kongress", kg("within"), ID + "event/vortrag")
    assert not holds(kg("Talk"), kg("subClassOfOrSelf"), kg("Place"))
    assert holds(ID + "event/vortrag", kg("within"), ID + "event/kongress")
    parsed, errors = load_all([tmp_path / "data.ttl"])
    assert errors == [] and count_computed(parsed.store) == 0


def test_computing_twice_gives_the_same_triples() -> None:
    graph = load()
    before = len(graph)
    assert add_closures(graph.store) == graph.computed > 0
    assert len(graph) == before
    assert graph.stated == before - graph.computed


@pytest.mark.parametrize("fixture", sorted(p.name for p in LINT.glob("*.ttl")))
def test_validation_finds_the_same_with_and_without_the_closures(fixture: str) -> None:
    files = [CLEAN, LINT / fixture]
    plain, errors = load_all(files)
    assert errors == []
    with_closures = load(files)
    assert with_closures.computed > 0
    assert {(f.rule, f.focus) for f in validate(plain).findings} == {
        (f.rule, f.focus) for f in validate(with_closures).findings
    }


def test_an_orphan_topic_is_still_found_beside_its_own_closure(tmp_path: Path) -> None:
    orphan = tmp_path / "orphan.ttl"
    orphan.write_text(
        "@prefix kg: <https://w3id.org/kommgraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/kommgraph/id/topic/einsam> a kg:Topic ; rdfs:label 'Einsam' ;\n"
        "    skos:inScheme kg:TopicScheme .\n",
        encoding="utf-8",
    )
    findings = validate(load([CLEAN, orphan]), shacl=False).findings
    assert ("orphan-entity-violation", ID + "topic/einsam") in {(f.rule, f.focus) for f in findings}
