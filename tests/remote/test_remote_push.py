"""`kommgraph push` against a real Oxigraph server.

Proves: the server ends up holding exactly the local graph, and the count
that push reports is right; pushing again replaces instead of adding (blank
nodes included); a named graph is used when asked and the default graph is
left alone; other data in the default graph survives; without the Graph Store
Protocol, SPARQL Update does the same job.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic

from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.loading import load
from kommgraph.rdf.push import push

from .helpers import count_triples, kommgraph, pushed_count, server_graph
from .servers import post_update

pytestmark = pytest.mark.server

NAMED = "https://example.org/graphs/kommgraph"

FOREIGN = """
INSERT DATA {
  <http://example.org/x> <http://example.org/knows> <https://w3id.org/kommgraph/id/person/x> .
  <http://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "foreign" .
  _:f <http://example.org/says> "foreign blank node" .
  _:f <http://example.org/about> <http://example.org/x> .
}
"""
FOREIGN_TRIPLES = 4

BLANK_NODES = """\
@prefix kg:     <https://w3id.org/kommgraph/ontology#> .
@prefix person: <https://w3id.org/kommgraph/id/person/> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:    <http://www.w3.org/2002/07/owl#> .

person:erika-muster a kg:Person ; rdfs:label "Erika Muster" .
[] a kg:Participation ;
   kg:agent person:erika-muster ;
   kg:note [ rdfs:comment "a blank node inside a blank node" ] .
kg:PersonOrOrganization owl:unionOf ( kg:Person kg:Organization "a literal member" ) .
"""


def _diff(expected: Graph, actual: Graph) -> str:
    _, only_expected, only_actual = graph_diff(expected, actual)
    return (
        f"only local ({len(only_expected)}):\n{only_expected.serialize(format='nt')}\n"
        f"only on the server ({len(only_actual)}):\n{only_actual.serialize(format='nt')}"
    )


def _assert_server_holds(endpoint: str, local: GraphStore, graph: str | None = None) -> None:
    expected, actual = local.to_rdflib(), server_graph(endpoint, graph)
    assert isomorphic(expected, actual), _diff(expected, actual)


def test_push_loads_ontology_and_data_and_reports_the_local_triple_count(
    empty_endpoint: str, local_store: GraphStore
) -> None:
    result = kommgraph("push", "--endpoint", empty_endpoint)
    assert result.stdout == (
        f"pushed {len(local_store)} triples into the default graph of {empty_endpoint}"
        " (graph-store)\n"
    )
    assert pushed_count(result) == len(local_store)
    assert count_triples(empty_endpoint) == len(local_store)
    _assert_server_holds(empty_endpoint, local_store)


def test_pushing_twice_leaves_the_same_triples(
    empty_endpoint: str, local_store: GraphStore
) -> None:
    first = pushed_count(kommgraph("push", "--endpoint", empty_endpoint))
    second = pushed_count(kommgraph("push", "--endpoint", empty_endpoint))
    assert first == second == count_triples(empty_endpoint) == len(local_store)
    _assert_server_holds(empty_endpoint, local_store)


def test_push_into_a_named_graph_lands_there_and_not_in_the_default_graph(
    empty_endpoint: str, local_store: GraphStore
) -> None:
    for _ in range(2):  # the second push replaces the graph
        reported = pushed_count(kommgraph("push", "--endpoint", empty_endpoint, "--graph", NAMED))
        assert reported == count_triples(empty_endpoint, NAMED) == len(local_store)
        assert count_triples(empty_endpoint) == 0
    _assert_server_holds(empty_endpoint, local_store, NAMED)


def test_push_into_a_named_graph_leaves_the_default_graph_alone(
    pushed_endpoint: str, local_store: GraphStore
) -> None:
    pushed_count(kommgraph("push", "--endpoint", pushed_endpoint, "--graph", NAMED))
    in_default, in_named = count_triples(pushed_endpoint), count_triples(pushed_endpoint, NAMED)
    assert in_default == in_named == len(local_store)


def test_foreign_triples_in_the_default_graph_survive_a_push(
    empty_endpoint: str, local_store: GraphStore
) -> None:
    post_update(empty_endpoint, FOREIGN)
    foreign = server_graph(empty_endpoint)
    for _ in range(2):
        pushed_count(kommgraph("push", "--endpoint", empty_endpoint))
        assert count_triples(empty_endpoint) == len(local_store) + FOREIGN_TRIPLES
    after = server_graph(empty_endpoint)
    expected = local_store.to_rdflib() + foreign
    assert isomorphic(expected, after), _diff(expected, after)


def test_a_bad_graph_iri_is_refused_before_anything_is_sent(empty_endpoint: str) -> None:
    result = kommgraph("push", "--endpoint", empty_endpoint, "--graph", "<http://x> } DROP ALL")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --graph: ")
    assert "Traceback" not in result.output


def test_pushing_blank_nodes_twice_leaves_the_same_triples(
    empty_endpoint: str, tmp_path: Path
) -> None:
    (tmp_path / "blank.ttl").write_text(BLANK_NODES, encoding="utf-8")
    local = load([tmp_path])
    post_update(empty_endpoint, FOREIGN)
    for _ in range(2):
        report = push(local, empty_endpoint)
        assert report.triples == len(local)
        assert count_triples(empty_endpoint) == len(local) + FOREIGN_TRIPLES


def test_without_the_graph_store_protocol_push_falls_back_to_sparql_update(
    empty_endpoint: str, local_store: GraphStore, tmp_path: Path
) -> None:
    no_store = empty_endpoint.rsplit("/", 1)[0] + "/no-such-store"  # Oxigraph answers 404
    for _ in range(2):
        report = push(local_store, empty_endpoint, store_endpoint=no_store)
        assert (report.method, report.triples) == ("update", len(local_store))
        assert count_triples(empty_endpoint) == len(local_store)
    _assert_server_holds(empty_endpoint, local_store)
    for _ in range(2):
        report = push(local_store, empty_endpoint, named_graph=NAMED, store_endpoint=no_store)
        assert (report.method, report.graph) == ("update", NAMED)
        assert count_triples(empty_endpoint, NAMED) == len(local_store)
    _assert_server_holds(empty_endpoint, local_store, NAMED)


def test_sparql_update_fallback_keeps_blank_nodes_whole(
    empty_endpoint: str, tmp_path: Path
) -> None:
    (tmp_path / "blank.ttl").write_text(BLANK_NODES, encoding="utf-8")
    local = load([tmp_path])
    no_store = empty_endpoint.rsplit("/", 1)[0] + "/no-such-store"
    for _ in range(2):
        assert push(local, empty_endpoint, store_endpoint=no_store).method == "update"
        assert count_triples(empty_endpoint) == len(local)
    _assert_server_holds(empty_endpoint, local)
