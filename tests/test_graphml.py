"""The streaming GraphML writer reads back exactly like networkx's own output."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kommgraph.api import KommGraph
from kommgraph.views.export import flat_graph
from kommgraph.views.graphml import write_graphml

FIXTURE = Path(__file__).parent / "fixtures" / "network"


def read_both(graph: nx.Graph[str], tmp_path: Path) -> tuple[nx.Graph[str], nx.Graph[str]]:
    ours, theirs = tmp_path / "ours.graphml", tmp_path / "theirs.graphml"
    with ours.open("wb") as stream:
        write_graphml(graph, stream)
    nx.write_graphml(graph, theirs)
    return nx.read_graphml(ours), nx.read_graphml(theirs)


def same(a: nx.Graph[str], b: nx.Graph[str]) -> None:
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert sorted(a.edges(data=True)) == sorted(b.edges(data=True))
    assert a.graph == b.graph


def test_every_attribute_type_and_awkward_text_reads_back_as_from_networkx(
    tmp_path: Path,
) -> None:
    graph: nx.Graph[str] = nx.Graph(network="actors", filters='since 2024 & "topic" <OZG>')
    graph.add_node("urn:a&b", label="Jörn „Riedel“ <CIO> & Co.", count=3, score=0.25, core=True)
    graph.add_node("urn:'c'", label="line one\nline two", count=0, score=1e-9, core=False)
    graph.add_edge("urn:a&b", "urn:'c'", weight=1.75, events=2, evidence='{"q": "a < b"}')
    ours, theirs = read_both(graph, tmp_path)
    same(ours, theirs)
    assert ours.nodes["urn:a&b"]["label"] == "Jörn „Riedel“ <CIO> & Co."
    assert ours.nodes["urn:a&b"]["core"] is True


def test_the_exported_collaboration_network_reads_back_as_from_networkx(tmp_path: Path) -> None:
    graph = flat_graph(KommGraph.load([FIXTURE]).network("actors"))
    assert graph.number_of_edges() > 10
    ours, theirs = read_both(graph, tmp_path)
    same(ours, theirs)
