"""Every export reads back in the tools researchers use: networkx, igraph, rdflib, pyld, pandas.

The graph itself is written by networkx as it is (plain attributes), and each
file `kommgraph export` writes is read back by the tools it is for: GraphML by
networkx and igraph, GEXF 1.3 by networkx (with Gephi's colours, sizes and
positions), JSON-LD by rdflib and pyld, Turtle by rdflib, CSV by pandas in both
dialects, and the evidence side file by its edge ids.
"""

from __future__ import annotations

import io
import json
import pickle
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph as ig
import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from pyld import jsonld
from rdflib import Graph
from rdflib.compare import isomorphic

from kommgraph.api import KommGraph
from kommgraph.cli import main
from kommgraph.rdf.loading import load
from kommgraph.rdf.namespaces import PREFIXES
from kommgraph.views.view import KIND_STYLES
from kommgraph.vocab import KINDS, METRICS, NETWORKS, Network

FIXTURE = Path(__file__).parent / "fixtures" / "network"
PERSON = "https://w3id.org/kommgraph/id/person/"
PLAIN = (str, int, float, bool)


@pytest.fixture(scope="module")
def kg() -> KommGraph:
    return KommGraph.load()


def export(tmp_path: Path, fmt: str, *options: str, name: str = "network") -> list[Path]:
    target = tmp_path / f"{name}.{fmt}"
    result = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(target), *options])
    assert result.exit_code == 0, result.output
    return [Path(line.removeprefix("wrote ")) for line in result.output.splitlines()]


# ----- the graph as the API returns it ---------------------------------------------


@pytest.mark.parametrize("network", NETWORKS)
def test_every_node_and_edge_attribute_of_a_network_is_a_plain_value(
    kg: KommGraph, network: Network
) -> None:
    graph = kg.network(network)
    assert graph.number_of_edges() > 0
    values = [v for _n, d in graph.nodes(data=True) for v in d.values()]
    values += [v for *_e, d in graph.edges(data=True) for v in d.values()]
    values += list(graph.graph.values())
    assert [v for v in values if not isinstance(v, PLAIN)] == []


def test_networkx_writes_pickles_and_tabulates_the_network_as_it_is(
    kg: KommGraph, tmp_path: Path
) -> None:
    graph = kg.network("actors")
    nx.write_graphml(graph, tmp_path / "plain.graphml")
    again = nx.read_graphml(tmp_path / "plain.graphml")
    assert sorted(again.nodes) == sorted(graph.nodes)
    assert nx.utils.graphs_equal(pickle.loads(pickle.dumps(graph)), graph)
    edges = nx.to_pandas_edgelist(graph)
    assert sorted(edges.columns) == ["events", "source", "target", "weight"]
    assert edges["weight"].dtype == "float64"
    assert edges["events"].dtype == "int64"


def test_every_kind_is_a_word_of_the_legend(kg: KommGraph) -> None:
    assert tuple(KIND_STYLES) == KINDS
    kinds = {d["kind"] for network in NETWORKS for _n, d in kg.network(network).nodes(data=True)}
    assert kinds <= set(KINDS)
    assert {"Person", "Public IT provider", "Event", "Topic"} <= kinds
    groups = {d["group"] for _n, d in kg.network("bipartite").nodes(data=True)}
    assert groups == {"person", "organization", "event"}


def test_the_evidence_of_an_edge_comes_from_the_api_under_the_same_filters(
    kg: KommGraph,
) -> None:
    since = kg.filters(since="2024")
    graph = kg.network("persons", since)
    bernhardt, schroeck = PERSON + "wilfried-bernhardt", PERSON + "tassilo-schroeck"
    tie = kg.collaboration(bernhardt, schroeck, since)
    assert tie.collaboration is not None
    assert tie.weight == graph.edges[bernhardt, schroeck]["weight"]
    assert tie.collaboration.count == graph.edges[bernhardt, schroeck]["events"]
    assert [e.basis for e in tie.events] == ["same-event"]
    assert kg.collaboration("Wilfried Bernhardt", "Tassilo Schröck", since) == tie


# ----- GraphML ----------------------------------------------------------------------


def test_graphml_reads_back_the_same_in_networkx_and_igraph(tmp_path: Path) -> None:
    written = export(tmp_path, "graphml")
    assert [p.name for p in written] == ["network.graphml", "network.evidence.json"]
    graph = nx.read_graphml(written[0])
    other = ig.Graph.Read_GraphML(str(written[0]))
    assert other.vcount() == graph.number_of_nodes() > 40
    assert other.ecount() == graph.number_of_edges() > 100
    assert sorted(other.vs["id"]) == sorted(graph.nodes)
    assert sorted(other.vs["label"]) == sorted(d["label"] for _n, d in graph.nodes(data=True))
    assert set(other.vs["kind"]) == {d["kind"] for _n, d in graph.nodes(data=True)}
    ids = other.vs["id"]
    by_igraph = {
        frozenset((ids[e.source], ids[e.target])): (e["edge_id"], e["weight"]) for e in other.es
    }
    by_networkx = {
        frozenset((a, b)): (d["edge_id"], d["weight"]) for a, b, d in graph.edges(data=True)
    }
    assert by_igraph == by_networkx
    first = next(iter(graph.nodes(data=True)))[1]
    assert list(first)[:5] == ["label", "kind", "group", "class", "iri"]
    assert set(METRICS) <= set(first)


def test_the_full_evidence_file_holds_every_edge_by_its_id(tmp_path: Path) -> None:
    graphml, side = export(tmp_path, "graphml", "--evidence", "full")
    graph = nx.read_graphml(graphml)
    evidence = json.loads(side.read_text(encoding="utf-8"))
    assert (evidence["network"], evidence["filters"]) == ("actors", "no filters")
    assert evidence["evidence"] == "full"
    assert len(evidence["edges"]) == graph.number_of_edges()
    for a, b, data in graph.edges(data=True):
        found = evidence["edges"][data["edge_id"]]
        assert {found["source"], found["target"]} == {a, b}
        assert found["weight"] == data["weight"]
        assert sorted({e["iri"] for e in found["events"]}) == data["event_ids"].split()
        assert sorted({s["source"] for s in found["sources"]}) == data["source_ids"].split()
        assert data["summary"].startswith(f"weight {data['weight']:g}: ")
    assert sorted(evidence["edges"], key=lambda i: int(i[1:]))[:2] == ["e1", "e2"]


# ----- GEXF -------------------------------------------------------------------------


def test_gexf_is_version_1_3_with_colours_sizes_and_positions(tmp_path: Path) -> None:
    gexf, _side = export(tmp_path, "gexf")
    root = ET.parse(gexf).getroot()
    assert (root.tag, root.get("version")) == ("{http://gexf.net/1.3}gexf", "1.3")
    graph = nx.read_gexf(gexf, version="1.3")
    assert graph.number_of_nodes() > 40
    colours = {
        k: tuple(int(style.color[i : i + 2], 16) for i in (1, 3, 5))
        for k, style in KIND_STYLES.items()
    }
    places = set()
    for node, data in graph.nodes(data=True):
        viz = data["viz"]
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == colours[data["kind"]]
        assert 8.0 <= viz["size"] <= 30.0, node
        position = viz["position"]
        assert -1000.0 <= position["x"] <= 1000.0 and -1000.0 <= position["y"] <= 1000.0
        places.add((position["x"], position["y"]))
    assert len(places) == graph.number_of_nodes()
    assert max(d["viz"]["size"] for _n, d in graph.nodes(data=True)) == 30.0
    edge = next(iter(graph.edges(data=True)))[2]
    assert edge["id"] == edge["edge_id"] == "e1"
    assert isinstance(edge["weight"], float) and isinstance(edge["events"], int)


def test_the_gexf_layout_is_seeded(tmp_path: Path) -> None:
    first = export(tmp_path, "gexf", name="first")[0].read_text(encoding="utf-8")
    second = export(tmp_path, "gexf", name="second")[0].read_text(encoding="utf-8")
    other = export(tmp_path, "gexf", "--seed", "7", name="other")[0].read_text(encoding="utf-8")
    assert first == second
    assert other != first


# ----- CSV --------------------------------------------------------------------------


def test_csv_reads_back_in_pandas_the_same_in_both_dialects(tmp_path: Path) -> None:
    nodes, edges, _side = export(tmp_path, "csv")
    excel_nodes, excel_edges, _ = export(tmp_path, "csv", "--excel", name="excel")
    raw = excel_nodes.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbflabel;id;kind;")
    assert b"\r\n" in raw
    for plain, excel in ((nodes, excel_nodes), (edges, excel_edges)):
        one = pd.read_csv(plain)
        two = pd.read_csv(excel, sep=";", decimal=",", encoding="utf-8-sig")
        pd.testing.assert_frame_equal(one, two)
    table = pd.read_csv(nodes)
    assert list(table.columns[:3]) == ["label", "id", "kind"]
    assert table["betweenness"].dtype == "float64"
    assert table["degree"].dtype == "int64"
    assert table["label"].str.contains("ö|ü|ä").any()  # umlauts survive


def test_csv_keeps_every_digit(kg: KommGraph, tmp_path: Path) -> None:
    nodes = export(tmp_path, "csv")[0]
    written = pd.read_csv(nodes).set_index("id")["pagerank"].to_dict()
    measured = {r.iri: r.scores["pagerank"] for r in kg.centrality("actors").rows}
    assert written == measured


# ----- RDF --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded() -> Graph:
    return load().to_rdflib()


def test_turtle_uses_the_projects_prefixes(tmp_path: Path, loaded: Graph) -> None:
    turtle = export(tmp_path, "turtle")[0]
    text = turtle.read_text(encoding="utf-8")
    assert "@prefix org: <https://w3id.org/kommgraph/id/org/> ." in text
    assert "@prefix org-w3c: <http://www.w3.org/ns/org#> ." in text
    assert "org1:" not in text
    assert isomorphic(Graph().parse(turtle, format="turtle"), loaded)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_has_a_context_and_reads_back_in_rdflib_and_pyld(
    tmp_path: Path, loaded: Graph
) -> None:
    document = json.loads(export(tmp_path, "jsonld")[0].read_text(encoding="utf-8"))
    assert document["@context"] == PREFIXES
    assert any(node.get("@type") == "kg:Person" for node in document["@graph"])
    by_rdflib = Graph().parse(data=json.dumps(document), format="json-ld")
    assert isomorphic(by_rdflib, loaded)
    quads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    by_pyld = Graph().parse(io.StringIO(quads), format="nt")  # all in the default graph
    assert isomorphic(by_pyld, loaded)
    expanded = jsonld.expand(document)
    assert any(
        "https://w3id.org/kommgraph/ontology#Person" in node.get("@type", []) for node in expanded
    )


def test_excel_is_only_for_csv() -> None:
    result = CliRunner().invoke(main, ["export", "--format", "gexf", "-o", "x", "--excel"])
    assert result.exit_code == 2
    assert "--excel goes with --format csv" in result.output


def test_only_collaboration_networks_come_with_an_evidence_file(tmp_path: Path) -> None:
    assert [p.name for p in export(tmp_path, "graphml", "--network", "bipartite")] == [
        "network.graphml"
    ]
    empty = export(tmp_path, "gexf", "--since", "2030", name="empty")
    assert [p.name for p in empty] == ["empty.gexf", "empty.evidence.json"]
    side = json.loads(empty[1].read_text(encoding="utf-8"))
    assert side == {
        "network": "actors",
        "filters": "since 2030",
        "evidence": "ids",
        "events": {},
        "relations": {},
    }
    assert nx.read_gexf(empty[0], version="1.3").number_of_nodes() == 0
