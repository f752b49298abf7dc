"""`kommgraph stats` gives exact numbers on a small graph counted by hand.

fixtures/stats/graph.ttl: 3 persons; 3 organizations (2 municipalities, 1 company);
5 events (1 conference, 2 workshops, 2 meetings) dated "2022-11" to "2024" in mixed
precision; 7 participations (speaker 3, workshop lead 2, organizer 1, attendee 1);
1 affiliation; 2 sources cited by 9 and 4 facts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from kommgraph.api import KommGraph
from kommgraph.cli import main
from kommgraph.rdf import resources
from kommgraph.rdf.loading import load
from kommgraph.views.present import present

GRAPH = Path(__file__).parent / "fixtures" / "stats" / "graph.ttl"
SOURCE = "https://w3id.org/kommgraph/id/source/"
KG = "https://w3id.org/kommgraph/ontology#"

CLASSES = {
    "kg:Agent": 6,
    "kg:Person": 3,
    "kg:Organization": 3,  # counts its subclasses' instances
    "kg:Municipality": 2,
    "kg:Company": 1,
    "kg:County": 0,
    "kg:Event": 5,  # counts the conference, the workshops and the meetings
    "kg:Conference": 1,
    "kg:Workshop": 2,
    "kg:Meeting": 2,
    "kg:Panel": 0,
    "kg:Assertion": 8,
    "kg:Participation": 7,
    "kg:Affiliation": 1,
    "kg:Relation": 0,
    "kg:Source": 2,
    "kg:Place": 1,
    "kg:City": 1,
    "kg:Topic": 1,
}

ROLES = {"kg:Speaker": 3, "kg:WorkshopLead": 2, "kg:Organizer": 1, "kg:Attendee": 1}

SOURCES: list[dict[str, Any]] = [
    {
        "iri": SOURCE + "amtsblatt-2023-05",
        "label": "Digitaltag Musterstadt 2023",
        "published": "2023-05-10",
        "facts": 9,
    },
    {
        "iri": SOURCE + "rundbrief-2024",
        "label": "Rundbrief der Kommunen",
        "published": "2024",
        "facts": 4,
    },
]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["--data", str(GRAPH), *args])


@pytest.fixture(scope="module")
def stats_json() -> dict[str, Any]:
    result = invoke("stats", "--format", "json")
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


@pytest.fixture(scope="module")
def stats_table() -> str:
    result = invoke("stats")
    assert result.exit_code == 0, result.output
    return result.stdout


def table_rows(text: str) -> dict[str, list[str]]:
    """The body rows of the rich tables, keyed by their first cell."""
    rows: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("│"):
            cells = [cell.strip() for cell in line.strip("│").split("│")]
            rows[cells[0]] = cells[1:]
    return rows


# ----- JSON --------------------------------------------------------------------------


def test_json_has_the_documented_keys(stats_json: dict[str, Any]) -> None:
    assert set(stats_json) == {
        "triples",
        "computed",
        "classes",
        "roles",
        "sources",
        "events",
        "statements",
        "quantities",
        "series",
    }


def test_class_counts_include_subclasses(stats_json: dict[str, Any]) -> None:
    classes = stats_json["classes"]
    assert {name: classes[name] for name in CLASSES} == CLASSES


def test_every_class_of_the_ontology_is_listed_in_order(stats_json: dict[str, Any]) -> None:
    ontology = Graph().parse(resources.ontology_file(), format="turtle")
    defined = sorted(
        "kg:" + str(c).removeprefix(KG)
        for c in ontology.subjects(RDF.type, OWL.Class)
        if str(c).startswith(KG)
    )
    assert len(defined) >= 30
    assert list(stats_json["classes"]) == defined


def test_participations_are_counted_per_role(stats_json: dict[str, Any]) -> None:
    roles = stats_json["roles"]
    assert {name: n for name, n in roles.items() if n} == ROLES
    assert sum(roles.values()) == stats_json["classes"]["kg:Participation"]
    assert list(roles)[:2] == ["kg:Speaker", "kg:WorkshopLead"]  # most used first
    assert "kg:Moderator" in roles and roles["kg:Moderator"] == 0


def test_sources_are_listed_with_their_fact_counts(stats_json: dict[str, Any]) -> None:
    assert stats_json["sources"] == SOURCES


def test_first_and_last_event_date_span_mixed_precision(stats_json: dict[str, Any]) -> None:
    assert stats_json["events"] == {"first": "2022-11", "last": "2024"}


def test_triples_are_those_of_the_loaded_graph(stats_json: dict[str, Any]) -> None:
    loaded = load([GRAPH])
    assert stats_json["triples"] == loaded.stated
    assert stats_json["computed"] == loaded.computed > 0
    assert stats_json["triples"] + stats_json["computed"] == len(loaded)


def test_api_gives_the_same_numbers_as_the_command_line(stats_json: dict[str, Any]) -> None:
    assert json.loads(present(KommGraph.load([GRAPH]).stats(), "json")) == stats_json


# ----- table -------------------------------------------------------------------------


def test_table_names_the_triples_and_the_date_range(stats_table: str) -> None:
    loaded = load([GRAPH])
    assert stats_table.splitlines()[0] == (
        f"{loaded.stated} triples (and {loaded.computed} computed); events from 2022-11 to 2024"
    )


def test_table_shows_the_class_counts(stats_table: str) -> None:
    rows = table_rows(stats_table)
    assert {name: int(rows[name][-1]) for name in CLASSES} == CLASSES
    assert rows["kg:Organization"] == ["Organization", "3"]


def test_table_shows_the_role_counts(stats_table: str) -> None:
    rows = table_rows(stats_table)
    assert {name: int(rows[name][-1]) for name in ROLES} == ROLES


def test_table_shows_the_sources_with_fact_counts(stats_table: str) -> None:
    rows = table_rows(stats_table)
    assert [rows[source["iri"]] for source in SOURCES] == [
        [source["label"], source["published"], str(source["facts"])] for source in SOURCES
    ]


# ----- statements, quantities, series --------------------------------------------------


def test_the_bundled_data_counts_statements_per_speaker_quantities_and_series() -> None:
    found = json.loads(present(KommGraph.load().stats(), "json"))
    speakers = {s["label"]: s["count"] for s in found["statements"]["by_speaker"]}
    assert speakers["Alexis von Komorowski"] == 2 and speakers["Roger Lewentz"] == 1
    assert found["statements"]["total"] == sum(speakers.values())
    participants = {
        q["qualifier"]: q["count"] for q in found["quantities"] if q["counts"] == "participants"
    }
    assert participants["approximately"] >= 1 and participants["more than"] >= 1
    series = {s["label"]: s["editions"] for s in found["series"]}
    assert series["Digitalisierungskonferenz"] == 2


def test_series_are_left_out_of_the_date_range(tmp_path: Path) -> None:
    extra = tmp_path / "series.ttl"
    extra.write_text(
        GRAPH.read_text(encoding="utf-8").split("\n\n")[0]
        + """
@prefix ex: <https://example.org/> .
ex:series a <https://w3id.org/kommgraph/ontology#EventSeries> ; rdfs:label "Reihe" ;
    <https://w3id.org/kommgraph/ontology#date> "1990"^^xsd:gYear .
""",
        encoding="utf-8",
    )
    stats = KommGraph.load([GRAPH, extra]).stats()
    assert (stats.first_event, stats.last_event) == ("2022-11", "2024")
    assert [(t.label, t.count) for t in stats.series] == [("Reihe", 0)]
