"""One actor's edges from an index's tables: the same answer as pairing gives, evidence and all.

`collab` with an index reads the actor's edges (weights, counts, event IRIs)
from the tables and spells out the evidence by rank: the strongest `BATCH`
edges from their collaborators' participations only, any edge beyond from all
of the actor's evidence. These tests compare, for every actor of the network
fixture and of the bundled data, the answer from the index with the answer
without one: the same collaborators in the same order, with the same weights,
counts, shared events, role lines and quotes; with a batch of one, so that the
edges beyond the batch are tested too, and in any order of reading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kommgraph.api import KommGraph
from kommgraph.network import actor_edges
from kommgraph.network.actor_edges import ActorEdges
from kommgraph.network.answers import Collaborators
from kommgraph.network.filters import Filters

BUNDLED = Path(__file__).parents[1] / "data"


def spelled_out(answer: Collaborators) -> list[tuple[object, ...]]:
    return [
        (
            c.entity,
            c.weight,
            c.collaboration.count,
            c.collaboration.events,
            c.collaboration.quotes,
            c.collaboration.event_iris(),
        )
        for c in answer.items
    ]


def indexed(data: Path, cache: Path) -> KommGraph:
    KommGraph.build_index([data], cache)
    kg = KommGraph.load([data], cache=cache)
    assert kg.index is not None
    return kg


def actors(kg: KommGraph) -> list[str]:
    return sorted(kg.evidence.agents)


@pytest.mark.parametrize("batch", [1, 2, 100])
@pytest.mark.parametrize("which", ["fixture", "bundled"])
def test_every_actors_answer_from_the_index_is_the_answer_without_it(
    which: str, batch: int, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(actor_edges, "BATCH", batch)
    folder = data if which == "fixture" else BUNDLED
    plain = KommGraph.load([folder])
    kg = indexed(folder, tmp_path / "cache")  # each answer has edges of its own, unexplained
    found = 0
    for actor in actors(plain):
        edges = kg.model.of_actor(actor, None, False)[0]
        assert isinstance(edges, ActorEdges), actor
        answer = kg.collaborators(actor)
        assert spelled_out(answer) == spelled_out(plain.collaborators(actor)), actor
        found += len(answer.items)
    assert found > 0


def test_edges_read_in_any_order_are_explained_the_same(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(actor_edges, "BATCH", 1)
    plain = KommGraph.load([BUNDLED])
    hub = max(actors(plain), key=lambda a: len(plain.collaborators(a).items))
    expected = {c.entity.iri: c.collaboration for c in plain.collaborators(hub).items}
    assert len(expected) > 3
    kg = indexed(BUNDLED, tmp_path / "cache")
    answer = kg.collaborators(hub)
    last, first = answer.items[-1], answer.items[0]
    for c in (last, first, *answer.items):  # the last first: a batch of the first and it
        assert c.collaboration == expected[c.entity.iri], c.entity.label


def test_a_tie_from_the_index_is_the_tie_without_it(tmp_path: Path) -> None:
    plain = KommGraph.load([BUNDLED])
    kg = indexed(BUNDLED, tmp_path / "cache")
    for actor in actors(plain)[:40]:
        for c in plain.collaborators(actor).items[:3]:
            tie = kg.collaboration(actor, c.entity.iri)
            assert tie.collaboration == c.collaboration, (actor, c.entity.iri)


def test_filtered_answers_do_not_come_from_the_tables(tmp_path: Path) -> None:
    kg = indexed(BUNDLED, tmp_path / "cache")
    actor = actors(kg)[0]
    assert not isinstance(kg.model.of_actor(actor, Filters(since="2024"), False)[0], ActorEdges)
    assert not isinstance(kg.model.of_actor(actor, None, True)[0], ActorEdges)
