"""The same answers embedded and on a real Oxigraph server.

Every named query of the registry runs with its example parameters against
the embedded store and against the server holding the same data; the rows
must be identical (in order where the query has ORDER BY, as multisets where
it has none), CONSTRUCT results isomorphic. Actor and topic parameters given
by label, alias or IRI are resolved on the server as they are locally, and
`stats` reports the same numbers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import graph_diff, isomorphic

from kommgraph.api import KommGraph
from kommgraph.errors import KommgraphError
from kommgraph.rdf.queries import NamedQuery, registry
from kommgraph.rdf.sparql import AskResult, GraphResult, QueryResult, Row, SelectResult

from .helpers import kommgraph

pytestmark = pytest.mark.server

QUERY_FOLDER = Path(__file__).parents[2] / "queries"
QUERY_FILES = sorted(QUERY_FOLDER.glob("*.rq"))
QUERIES = registry()
MIN_QUERIES = 15  # issue 4 asks for at least 15


def _without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _ordered(query: NamedQuery) -> bool:
    return re.search(r"\bORDER\s+BY\b", _without_comments(query.text), re.IGNORECASE) is not None


def _key(row: Row) -> list[str]:
    return ["" if cell is None else cell.n3() for cell in row]


def assert_same_result(embedded: QueryResult, remote: QueryResult, ordered: bool) -> None:
    """Equal rows (ordered or as a multiset), equal booleans, or isomorphic graphs."""
    assert type(embedded) is type(remote)
    if isinstance(embedded, GraphResult):
        assert isinstance(remote, GraphResult)
        _, only_embedded, only_remote = graph_diff(embedded.graph, remote.graph)
        assert isomorphic(embedded.graph, remote.graph), (
            f"only embedded:\n{only_embedded.serialize(format='nt')}\n"
            f"only remote:\n{only_remote.serialize(format='nt')}"
        )
        assert len(embedded.graph) > 0, "the example gives an empty graph, which proves little"
        return
    if isinstance(embedded, AskResult):
        assert embedded == remote
        return
    assert isinstance(embedded, SelectResult) and isinstance(remote, SelectResult)
    assert embedded.variables == remote.variables
    if ordered:
        same_multiset = sorted(embedded.rows, key=_key) == sorted(remote.rows, key=_key)
        assert list(embedded.rows) == list(remote.rows), (
            "same rows in a different order: ORDER BY does not fix the order of all rows"
            if same_multiset
            else "different rows"
        )
    else:
        assert sorted(embedded.rows, key=_key) == sorted(remote.rows, key=_key)


def test_the_registry_holds_every_query_file_and_at_least_15() -> None:
    assert [q.path.name for q in QUERIES.values()] == [p.name for p in QUERY_FILES]
    assert len(QUERIES) >= MIN_QUERIES, sorted(QUERIES)


def _examples(query: NamedQuery, optional: bool = True) -> dict[str, str]:
    return {p.name: p.example for p in query.params if optional or not p.optional}


@pytest.fixture
def remote_graph(pushed_endpoint: str) -> KommGraph:
    return KommGraph.connect(pushed_endpoint, timeout=30)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_gives_identical_results_embedded_and_remote(
    name: str, local_graph: KommGraph, remote_graph: KommGraph
) -> None:
    query = QUERIES[name]
    variants = [_examples(query)]
    if any(p.optional for p in query.params):
        variants.append(_examples(query, optional=False))
    for params in variants:
        embedded = local_graph.query(name, params)
        remote = remote_graph.query(name, params)
        assert_same_result(embedded, remote, _ordered(query))
        if isinstance(embedded, SelectResult):
            assert embedded.rows, f"{name} {params} gives no rows, which proves little"


def _names(graph: KommGraph) -> list[str]:
    """Every label and alias of every agent, plus shouted forms of them."""
    result = graph.sparql(
        "SELECT DISTINCT ?name WHERE { ?a a ?t . ?t rdfs:subClassOf* kg:Agent . "
        "{ ?a rdfs:label ?name } UNION { ?a skos:altLabel ?name } }"
    )
    assert isinstance(result, SelectResult)
    names = sorted(str(row[0]) for row in result.rows)
    return names + [n.upper() for n in names]


def _outcome(graph: KommGraph, name: str) -> str:
    try:
        return graph.actor(name).iri
    except KommgraphError as exc:
        return f"error: {exc.message()}"


def test_actors_resolve_by_label_and_alias_on_the_server_as_embedded(
    local_graph: KommGraph, remote_graph: KommGraph
) -> None:
    names = _names(local_graph)
    assert len(names) > 100
    embedded = {n: _outcome(local_graph, n) for n in names}
    remote = {n: _outcome(remote_graph, n) for n in names}
    assert remote == embedded
    assert sum(not v.startswith("error") for v in remote.values()) > 100


def test_actor_parameters_by_label_alias_or_iri_give_the_same_rows_remotely(
    local_graph: KommGraph, remote_graph: KommGraph
) -> None:
    query = next(q for q in QUERIES.values() if any(p.type == "actor" for p in q.params))
    param = next(p for p in query.params if p.type == "actor")
    actor = local_graph.actor(param.example)
    ways = [actor.label, actor.label.upper(), actor.iri, f"<{actor.iri}>"]
    expected = local_graph.query(query.name, {**_examples(query), param.name: actor.iri})
    for way in ways:
        remote = remote_graph.query(query.name, {**_examples(query), param.name: way})
        assert_same_result(expected, remote, _ordered(query))


def test_an_unknown_actor_gets_the_same_candidates_remotely(
    local_graph: KommGraph, remote_graph: KommGraph
) -> None:
    assert _outcome(remote_graph, "Fabian Mayr") == _outcome(local_graph, "Fabian Mayr")
    assert _outcome(remote_graph, "Fabian Mayr").startswith("error: unknown actor 'Fabian Mayr'")


def test_stats_json_is_the_same_embedded_and_remote(pushed_endpoint: str) -> None:
    embedded = kommgraph("stats", "--format", "json")
    remote = kommgraph("--endpoint", pushed_endpoint, "stats", "--format", "json")
    assert (embedded.exit_code, remote.exit_code) == (0, 0), remote.output
    assert json.loads(remote.stdout) == json.loads(embedded.stdout)


def _bindings(output: str) -> list[str]:
    parsed = json.loads(output)
    return sorted(json.dumps(b, sort_keys=True) for b in parsed["results"]["bindings"])


def test_query_json_on_the_command_line_is_the_same_embedded_and_remote(
    pushed_endpoint: str,
) -> None:
    selects = [q for q in QUERIES.values() if q.form == "SELECT"]
    assert selects
    for query in selects:
        args = ["query", query.name, "--format", "json"]
        for name, value in _examples(query).items():
            args += ["--param", f"{name}={value}"]
        embedded = kommgraph(*args)
        remote = kommgraph("--endpoint", pushed_endpoint, *args)
        assert (embedded.exit_code, remote.exit_code) == (0, 0), (query.name, remote.output)
        assert json.loads(remote.stdout)["head"] == json.loads(embedded.stdout)["head"]
        assert _bindings(remote.stdout) == _bindings(embedded.stdout), query.name


def _literal_kinds(result: SelectResult) -> Mapping[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for row in result.dicts():
        for name, value in row.items():
            if isinstance(value, Literal):
                kinds.setdefault(name, set()).add(
                    f"@{value.language}" if value.language else str(value.datatype)
                )
            elif isinstance(value, URIRef):
                kinds.setdefault(name, set()).add("IRI")
    return kinds


def test_literal_datatypes_and_language_tags_survive_the_round_trip(
    local_graph: KommGraph, remote_graph: KommGraph
) -> None:
    text = "SELECT ?s ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }"
    embedded, remote = local_graph.sparql(text), remote_graph.sparql(text)
    assert isinstance(embedded, SelectResult) and isinstance(remote, SelectResult)
    assert _literal_kinds(remote) == _literal_kinds(embedded)
    assert len(_literal_kinds(embedded)["o"]) >= 3  # plain strings, @de/@en, xsd:date, ...
    assert sorted(remote.rows, key=_key) == sorted(embedded.rows, key=_key)
