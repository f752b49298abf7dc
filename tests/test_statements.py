"""What someone said is evidence of collaboration, never weight.

On the bundled data: Roger Lewentz is quoted as speaking at the Kommunalkongress
Rheinland-Pfalz 2020; his words join the evidence of his edges at that congress,
with him as speaker, and the weights stay those of the participations. Alexis
von Komorowski is quoted with no event: his words link him to no one.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kommgraph.api import KommGraph
from kommgraph.cli import main

CONGRESS = "https://w3id.org/kommgraph/id/event/kommunalkongress-rheinland-pfalz-2020"


@pytest.fixture(scope="module")
def kg() -> KommGraph:
    return KommGraph.load()


def test_words_said_at_a_shared_event_are_evidence_with_their_speaker(kg: KommGraph) -> None:
    found = {c.entity.label: c for c in kg.collaborators("KL.digital GmbH").items}
    edge = found["Roger Lewentz"].collaboration
    said = [q for q in edge.quotes if q.speaker == "Roger Lewentz"]
    assert len(said) >= 2
    assert all(q.statement.startswith("https://w3id.org/kommgraph/id/statement/") for q in said)
    assert [(e.iri, e.basis, e.weight) for e in edge.events] == [(CONGRESS, "umbrella", 0.5)]


def test_statements_add_no_weight(kg: KommGraph) -> None:
    lewentz = {c.entity.label: c.weight for c in kg.collaborators("Roger Lewentz").items}
    assert lewentz["KL.digital GmbH"] == 0.5 and lewentz["Martin Verlage"] == 1.0


def test_a_statement_without_an_event_links_no_one(kg: KommGraph) -> None:
    assert kg.collaborators("Alexis von Komorowski").items == ()


def test_collab_json_names_the_speaker_of_the_words(kg: KommGraph) -> None:
    result = CliRunner().invoke(main, ["collab", "Roger Lewentz", "--format", "json"])
    sources = [s for c in json.loads(result.stdout)["collaborators"] for s in c["sources"]]
    assert {s["speaker"] for s in sources} == {None, "Roger Lewentz"}


def test_collab_text_heads_the_words_with_who_said_them() -> None:
    text = CliRunner().invoke(main, ["collab", "KL.digital GmbH"]).stdout
    assert "   » Roger Lewentz: „" in text
