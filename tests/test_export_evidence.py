"""How much evidence an export carries: event ids (the default), none, or a copy per edge.

The default refers to the evidence: each edge lists the IRIs of its shared
events, and the side file describes each event once (participants, roles,
quotes). The answers are the same whether the network comes from the index's
rows or from the projection, and the same as the full evidence says.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kommgraph.api import KommGraph
from kommgraph.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "network"


def run(tmp_path: Path, name: str, *options: str) -> list[Path]:
    target = tmp_path / f"{name}.graphml"
    result = CliRunner().invoke(
        main, ["--data", str(FIXTURE), "export", "--format", "graphml", "-o", str(target), *options]
    )
    assert result.exit_code == 0, result.output
    return [Path(line.removeprefix("wrote ")) for line in result.output.splitlines()]


def tree(events: dict[str, dict[str, str]], top: str) -> set[str]:
    """The event and everything below it."""
    found, grown = {top}, True
    while grown:
        below = {e for e, d in events.items() if d["parent"] in found}
        grown = not below <= found
        found |= below
    return found


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    tmp = tmp_path_factory.mktemp("exports")
    return {mode: run(tmp, mode, "--evidence", mode) for mode in ("ids", "none", "full")}


def test_ids_edges_refer_to_events_the_side_file_describes_once(
    exports: dict[str, list[Path]],
) -> None:
    graphml, side = exports["ids"]
    graph = nx.read_graphml(graphml)
    evidence = json.loads(side.read_text(encoding="utf-8"))
    assert evidence["evidence"] == "ids"
    assert graph.number_of_edges() > 10
    described = set(evidence["events"]) | set(evidence["relations"])
    events = {e: d["participants"] for e, d in evidence["events"].items()}
    for a, b, data in graph.edges(data=True):
        ids = data["event_ids"].split()
        assert ids and len(ids) <= data["events"]
        assert set(ids) <= described
        for iri in ids:
            if iri in evidence["relations"]:
                relation = evidence["relations"][iri]
                assert {relation["source"], relation["target"]} == {a, b}
                continue
            # both ends took part in the event, or in its tree (an umbrella-only pair)
            agents = {p["agent"] for e in tree(evidence["events"], iri) for p in events[e]}
            assert {a, b} <= agents


def test_ids_and_full_name_the_same_events_and_none_names_none(
    exports: dict[str, list[Path]],
) -> None:
    ids = nx.read_graphml(exports["ids"][0])
    full = nx.read_graphml(exports["full"][0])
    none = nx.read_graphml(exports["none"][0])
    assert len(exports["none"]) == 1  # no side file
    assert sorted(ids.edges) == sorted(full.edges) == sorted(none.edges)
    for a, b, data in ids.edges(data=True):
        assert data["event_ids"] == full.edges[a, b]["event_ids"]
        assert data["weight"] == full.edges[a, b]["weight"] == none.edges[a, b]["weight"]
        assert set(none.edges[a, b]) == {"edge_id", "weight", "events"}
    quotes = json.loads(exports["ids"][1].read_text(encoding="utf-8"))
    said = [s for e in quotes["events"].values() for p in e["participants"] for s in p["sources"]]
    assert said and all(s["quote"] and s["source"] for s in said)


def test_an_export_from_the_index_is_the_export_from_the_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([FIXTURE], cache)
    for mode in ("ids", "none", "ids"):  # the second "ids" reads the side file kept
        indexed = KommGraph.load([FIXTURE], cache=cache)
        assert indexed.index is not None
        plain = KommGraph.load([FIXTURE])
        a = indexed.export("graphml", tmp_path / f"a-{mode}.graphml", evidence=mode)
        b = plain.export("graphml", tmp_path / f"b-{mode}.graphml", evidence=mode)
        assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert indexed.index is not None
    kept = list(indexed.index.folder.glob("results/export-evidence-ids-actors.json"))
    assert len(kept) == 1
