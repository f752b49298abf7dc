"""Queries written for Oxigraph's planner give the answers of their textbook form.

Some named queries are phrased so that Oxigraph evaluates them from the bound
parameter (EXISTS checks instead of constant patterns, nested OPTIONALs,
self-contained UNION branches). Here each is compared with the plain way of
writing it, for every possible parameter value, on the bundled data, on
generated data and on a small graph with the awkward cases (several roles on one
participation, inactive roles, parts without anyone, agents with two labels).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

from kommgraph.api import KommGraph
from kommgraph.rdf import queries
from kommgraph.rdf.sparql import GraphResult, SelectResult

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate import generate

PLAIN_SUB_EVENTS = """
SELECT DISTINCT ?subEvent ?subEventLabel ?kind ?parent ?agent ?agentLabel ?role
WHERE {
  ?subEvent kg:partOf+ ?_event .
  ?subEvent kg:partOf ?parent .
  ?subEvent rdfs:label ?subEventLabel ; a ?kind .
  ?kind rdfs:subClassOf* kg:Event .
  OPTIONAL { ?subEvent kg:date ?date }
  OPTIONAL {
    ?p kg:event ?subEvent ; kg:agent ?agent ; kg:role ?role .
    ?role kg:active true .
    ?agent rdfs:label ?agentLabel .
  }
}
"""

PLAIN_EGO_GRAPH = """
CONSTRUCT {
  ?_actor rdfs:label ?actorLabel ; a ?actorKind .
  ?p a kg:Participation ; kg:agent ?_actor ; kg:event ?event ; kg:role ?role ;
     kg:source ?source ; kg:quote ?quote .
  ?event a ?eventKind ; rdfs:label ?eventLabel ; kg:date ?date ; kg:partOf ?parent .
  ?q a kg:Participation ; kg:agent ?other ; kg:event ?event ; kg:role ?otherRole ;
     kg:source ?otherSource ; kg:quote ?otherQuote .
  ?other rdfs:label ?otherLabel ; a ?otherKind .
}
WHERE {
  ?p kg:agent ?_actor ; kg:event ?event ; kg:role ?role .
  ?_actor rdfs:label ?actorLabel ; a ?actorKind .
  ?event rdfs:label ?eventLabel ; a ?eventKind .
  OPTIONAL { ?p kg:source ?source }
  OPTIONAL { ?p kg:quote ?quote }
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL { ?event kg:partOf ?parent }
  OPTIONAL {
    ?role kg:active true .
    ?q kg:agent ?other ; kg:event ?event ; kg:role ?otherRole .
    ?otherRole kg:active true .
    FILTER(?other != ?_actor)
    ?other rdfs:label ?otherLabel ; a ?otherKind .
    OPTIONAL { ?q kg:source ?otherSource }
    OPTIONAL { ?q kg:quote ?otherQuote }
  }
}
"""

AWKWARD = """
@prefix kg: <https://w3id.org/kommgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ev: <https://w3id.org/kommgraph/id/event/> .
@prefix pe: <https://w3id.org/kommgraph/id/person/> .
@prefix pa: <https://w3id.org/kommgraph/id/participation/> .

ev:fair a kg:Conference ; rdfs:label "Messe" ; kg:date "2024-05-02" .
ev:ws a kg:Workshop ; rdfs:label "Workshop" ; kg:partOf ev:fair .
ev:talk a kg:Talk ; rdfs:label "Vortrag" ; kg:partOf ev:ws .
ev:empty a kg:Panel ; rdfs:label "Leeres Podium" ; kg:partOf ev:fair .

pe:a a kg:Person ; rdfs:label "Anna Äbi" , "Anna Aebi"@en .
pe:b a kg:Person ; rdfs:label "Bernd Bö" .
pe:c a kg:Person ; rdfs:label "Carla Cé" .

pa:a1 a kg:Participation ; kg:agent pe:a ; kg:event ev:ws ;
    kg:role kg:Speaker , kg:Attendee ; kg:quote "zitat a1" .
pa:b1 a kg:Participation ; kg:agent pe:b ; kg:event ev:ws ; kg:role kg:Attendee .
pa:b2 a kg:Participation ; kg:agent pe:b ; kg:event ev:talk ; kg:role kg:Speaker .
pa:c1 a kg:Participation ; kg:agent pe:c ; kg:event ev:ws ;
    kg:role kg:Moderator ; kg:quote "zitat c1" , "zweites zitat c1" .
pa:c2 a kg:Participation ; kg:agent pe:c ; kg:event ev:fair ; kg:role kg:Attendee .
"""


def answers(kg: KommGraph, text: str, name: str, value: str) -> set[object]:
    result = kg.backend.query(text, {name: URIRef(value)})
    if isinstance(result, GraphResult):
        return set(result.graph)
    assert isinstance(result, SelectResult)
    return set(result.rows)


def own(name: str) -> str:
    return queries.resolve(name).text


def events_with_parts(kg: KommGraph) -> Iterator[str]:
    rows = kg.backend.values("SELECT DISTINCT ?e WHERE { ?s kg:partOf ?e } ORDER BY ?e")
    return (str(row[0]) for row in rows)


def agents(kg: KommGraph) -> Iterator[str]:
    rows = kg.backend.values("SELECT DISTINCT ?a WHERE { ?p kg:agent ?a } ORDER BY ?a")
    return (str(row[0]) for row in rows)


@pytest.fixture(scope="module", params=["bundled", "generated", "awkward"])
def kg(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> KommGraph:
    if request.param == "bundled":
        return KommGraph.load()
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "generated":
        generate(40, folder, seed=11)
    else:
        (folder / "awkward.ttl").write_text(AWKWARD, encoding="utf-8")
    return KommGraph.load([folder])


@pytest.mark.parametrize(
    ("name", "plain", "variable", "values"),
    [
        ("sub-events-of", PLAIN_SUB_EVENTS, "_event", events_with_parts),
        ("ego-graph-of", PLAIN_EGO_GRAPH, "_actor", agents),
    ],
)
def test_the_query_answers_as_its_plain_form(
    kg: KommGraph,
    name: str,
    plain: str,
    variable: str,
    values: Callable[[KommGraph], Iterator[str]],
) -> None:
    every = list(values(kg))
    assert every
    for value in every:
        expected = answers(kg, plain, variable, value)
        assert answers(kg, own(name), variable, value) == expected, value


def test_the_awkward_cases_are_there(tmp_path: Path) -> None:
    """The small graph holds what the comparison is meant to exercise."""
    (tmp_path / "awkward.ttl").write_text(AWKWARD, encoding="utf-8")
    kg = KommGraph.load([tmp_path])
    fair = "https://w3id.org/kommgraph/id/event/fair"
    rows = answers(kg, own("sub-events-of"), "_event", fair)
    by_part: dict[str, set[str]] = {}
    for row in rows:
        assert isinstance(row, tuple)
        by_part.setdefault(str(row[1]), set()).add(str(row[5]))
    assert by_part["Leeres Podium"] == {"None"}  # a part without anyone is listed
    assert by_part["Workshop"] == {"Anna Äbi", "Anna Aebi", "Carla Cé"}  # not the attendee
    assert by_part["Vortrag"] == {"Bernd Bö"}
