"""Hostile parameter values on a real Oxigraph server: same meaning as embedded.

The graph holds one entity labelled with each hostile value of
`tests/test_sparql_binding.py`. Bound to `SELECT ?s WHERE { ?s rdfs:label
?_name }`, each value must find exactly its entity on the server and in the
embedded store, a value no entity carries must find nothing, and the server
must still hold every triple afterwards.
"""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from test_sparql_binding import HOSTILE, QUERY, entity_iri, hostile_store

from kommgraph.rdf.endpoint import RemoteBackend
from kommgraph.rdf.push import PushTarget, push
from kommgraph.rdf.sparql import LocalBackend, QueryResult, SelectResult

from .helpers import count_triples

pytestmark = pytest.mark.server


def _rows(result: QueryResult) -> list[tuple[object, ...]]:
    assert isinstance(result, SelectResult)
    return sorted(result.rows, key=str)


def test_hostile_values_find_exactly_their_entity_embedded_and_remote(empty_endpoint: str) -> None:
    graph = hostile_store()
    push(graph, PushTarget(empty_endpoint))
    assert count_triples(empty_endpoint) == len(graph)
    local, remote = LocalBackend(graph), RemoteBackend(empty_endpoint)
    wrong = {}
    for index, value in enumerate(HOSTILE):
        bindings = {"_name": Literal(value)}
        expected = [(URIRef(entity_iri(index)),)]
        answers = (_rows(local.query(QUERY, bindings)), _rows(remote.query(QUERY, bindings)))
        if answers != (expected, expected):
            wrong[value] = answers
    assert wrong == {}
    assert count_triples(empty_endpoint) == len(graph)


def test_hostile_values_that_no_entity_carries_find_nothing_remotely(empty_endpoint: str) -> None:
    graph = hostile_store(with_hostile=False)
    push(graph, PushTarget(empty_endpoint))
    remote = RemoteBackend(empty_endpoint)
    found = {v: _rows(remote.query(QUERY, {"_name": Literal(v)})) for v in HOSTILE}
    assert found == {v: [] for v in HOSTILE}
    assert count_triples(empty_endpoint) == len(graph) == 2


def test_a_value_that_breaks_rdflib_n3_does_not_change_a_two_parameter_query_remotely(
    empty_endpoint: str,
) -> None:
    graph = hostile_store()
    push(graph, PushTarget(empty_endpoint))
    query = "SELECT ?s ?injected WHERE { ?s rdfs:label ?_a . ?s rdfs:label ?_b }"
    bindings = {"_a": Literal('a\n\\"'), "_b": Literal('a\n\\"')}
    expected = [(URIRef(entity_iri(HOSTILE.index('a\n\\"'))), None)]
    assert _rows(RemoteBackend(empty_endpoint).query(query, bindings)) == expected
    assert _rows(LocalBackend(graph).query(query, bindings)) == expected
    bindings["_b"] = Literal(") } BIND(1 AS ?injected) #")
    assert _rows(RemoteBackend(empty_endpoint).query(query, bindings)) == []
    assert _rows(LocalBackend(graph).query(query, bindings)) == []
