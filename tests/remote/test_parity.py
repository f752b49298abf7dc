"""The same rows on the embedded store, an Oxigraph server and Virtuoso (issue 20).

Every named query runs with several values of each parameter (the example,
and others chosen to reach other parts of the data: a place with an umlaut, a
topic with narrower ones, an event with sub-events, a year without events)
on the three stores. The servers hold the bundled data in a named graph, put
there by `push`, and are asked through `--graph` (`default-graph-uri`), as a
user of a shared server would. Rows must be the same multiset (in the same
order where the query sorts them), CONSTRUCT answers isomorphic.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kommgraph.api import KommGraph
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.push import PushTarget, push
from kommgraph.rdf.queries import NamedQuery, registry
from kommgraph.rdf.sparql import SelectResult

from .conftest import digest_login
from .helpers import count_triples
from .servers import post_update
from .test_remote_queries import _ordered, assert_same_result
from .virtuoso import VirtuosoServer

pytestmark = pytest.mark.server

GRAPH = "https://example.org/kommgraph-test/parity"
QUERIES = registry()
EXPECTED_QUERIES = 21

# other values per parameter (by name), besides the query's own example
OTHER_VALUES: dict[str, tuple[str, ...]] = {
    "actor": ("NEGZ", "Johannes Schwall", "Stadt Mainz"),
    "organization": ("NEGZ", "Interkommunales Netzwerk Digitale Stadt"),
    "person": ("Fabian Mayer", "Johannes Schwall"),
    "topic": ("OZG", "Verwaltungsdigitalisierung", "Smart City"),
    "topic1": ("OZG", "eID"),
    "topic2": ("Smart City", "eID"),
    "city": ("Baden-Württemberg", "rheinland-pfalz", "Nordrhein-Westfalen"),
    "place": ("Baden-Württemberg", "Hamburg", "Freiburg im Breisgau"),
    "kind": ("kg:Organization", "kg:Company", "kg:Association"),
    "event": ("event:digitaler-aufbruch-2024", "event:kommunalkongress-rheinland-pfalz-2020"),
    "year": ("2023", "2020", "1999"),
}


def variants(query: NamedQuery) -> list[dict[str, str]]:
    """The example values, then each parameter in turn with each of its other values."""
    examples = {p.name: p.example for p in query.params}
    found = [examples]
    if any(p.optional for p in query.params):
        found.append({p.name: p.example for p in query.params if not p.optional})
    for param in query.params:
        found += [{**examples, param.name: value} for value in OTHER_VALUES[param.name]]
    return found


def test_every_parameter_has_other_values_and_every_query_is_covered() -> None:
    assert len(QUERIES) == EXPECTED_QUERIES, sorted(QUERIES)
    names = {p.name for q in QUERIES.values() for p in q.params}
    assert names == set(OTHER_VALUES)
    assert sum(len(variants(q)) for q in QUERIES.values()) > 3 * EXPECTED_QUERIES


@pytest.fixture(scope="session")
def on_virtuoso(virtuoso: VirtuosoServer, local_store: GraphStore) -> KommGraph:
    """Virtuoso holding the bundled data in GRAPH (pushed by kommgraph, Digest auth)."""
    with digest_login(virtuoso):
        report = push(local_store, PushTarget(virtuoso.query_url, GRAPH))
    assert report.on_server == len(local_store), report
    return KommGraph.connect(virtuoso.query_url, timeout=60, graph=GRAPH)


@pytest.fixture
def on_oxigraph(oxigraph: str, local_store: GraphStore) -> Iterator[KommGraph]:
    """The Oxigraph server holding the bundled data in GRAPH, and a stray graph beside it.

    Pushed again only when another test emptied the server (writes to an
    Oxigraph server take seconds; only this module writes GRAPH).
    """
    if count_triples(oxigraph, GRAPH) != len(local_store):
        post_update(oxigraph, "DROP ALL")
        push(local_store, PushTarget(oxigraph, GRAPH))
        post_update(oxigraph, "INSERT DATA { GRAPH <urn:other> { <urn:a> <urn:b> <urn:c> } }")
    yield KommGraph.connect(oxigraph, timeout=60, graph=GRAPH)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_gives_the_same_rows_embedded_on_oxigraph_and_on_virtuoso(
    name: str, local_graph: KommGraph, on_oxigraph: KommGraph, on_virtuoso: KommGraph
) -> None:
    query = QUERIES[name]
    answered, tried = 0, variants(query)
    for params in tried:
        embedded = local_graph.query(name, params)
        for server, graph in (("oxigraph", on_oxigraph), ("virtuoso", on_virtuoso)):
            remote = graph.query(name, params)
            try:
                assert_same_result(embedded, remote, _ordered(query))
            except AssertionError as exc:
                raise AssertionError(f"{server}, {params}: {exc}") from None
        if not isinstance(embedded, SelectResult) or embedded.rows:
            answered += 1
    assert answered >= min(2, len(tried)), f"{name}: too few parameter values give rows"
