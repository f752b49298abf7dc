"""A push never loses data: a failure at any step leaves the target graph as it was.

A fault-injecting proxy (`tests/remote/proxy.py`) stands between kommgraph
and a real server, Oxigraph or Virtuoso. One successful push through it lists
the requests a push makes; then, for every one of them in turn, a push is
made whose request number N the proxy refuses: each Graph Store upload
chunk, each SPARQL Update chunk (the path taken when a server has no Graph
Store), the counts, and the final MOVE (Oxigraph) or COPY (Virtuoso). Until
the replacing request has gone through, the target graph must hold exactly
what it held before (three marker triples), no temporary graph may be left,
and the message must say that nothing was changed; after it, the target holds
the new data. Pushing twice gives the same graph on both servers.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator

import pytest

from kommgraph.errors import PushError
from kommgraph.rdf import push as push_module
from kommgraph.rdf.endpoint import RemoteBackend
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.loading import load
from kommgraph.rdf.push import TEMPORARY, PushReport, PushTarget, push
from kommgraph.rdf.sparql import SelectResult
from kommgraph.rdf.transport import update

from .conftest import digest_login
from .helpers import kommgraph, pushed_count
from .proxy import FaultProxy, fault_proxy
from .virtuoso import VirtuosoServer

pytestmark = pytest.mark.server

TARGET = "https://example.org/kommgraph-test/target"
ELSEWHERE = "https://example.org/kommgraph-test/elsewhere"
MARKERS = (
    '<urn:old:a> <urn:old:says> "the data before the push" .',
    "<urn:old:a> <urn:old:next> <urn:old:b> .",
    '<urn:old:b> <urn:old:says> "Württemberg"@de .',
)
STORE_CHUNK = 25  # the small data below in three Graph Store requests
UPDATE_CHUNK = 20  # and in four SPARQL Update chunks
# a small graph (Oxigraph server writes take long; the steps are the same at any size)
SMALL = """\
@prefix kg:     <https://w3id.org/kommgraph/ontology#> .
@prefix event:  <https://w3id.org/kommgraph/id/event/> .
@prefix person: <https://w3id.org/kommgraph/id/person/> .
@prefix topic:  <https://w3id.org/kommgraph/id/topic/> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
"""
SMALL += "".join(
    f"""
event:tag-{n} a kg:Conference ; rdfs:label "Tag der Verwaltung {n}" ;
    kg:date "202{n}"^^xsd:gYear ; kg:topic topic:ozg-{n} .
event:tag-{n}-ws a kg:Workshop ; rdfs:label "Workshop {n}" ; kg:partOf event:tag-{n} .
topic:ozg-{n} a kg:Topic ; rdfs:label "OZG {n}"@de ; skos:broader topic:verwaltung .
person:p-{n} a kg:Person ; rdfs:label "Person Nummer {n}" .
"""
    for n in range(5)
)


def _rows(server_query: str, graph: str) -> set[str]:
    result = RemoteBackend(server_query).query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    )
    assert isinstance(result, SelectResult)
    return {" ".join(cell.n3() for cell in row if cell is not None) for row in result.rows}


def _temporary_graphs(server_query: str) -> list[str]:
    result = RemoteBackend(server_query).query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{TEMPORARY}")) }}'
    )
    assert isinstance(result, SelectResult)
    return sorted(str(row[0]) for row in result.rows)


def _drop_temporary_graphs(server_query: str, update_url: str) -> None:
    """Remove what a push reported it could not remove (a failure injected into its DROP)."""
    for graph in _temporary_graphs(server_query):
        update(update_url, f"DROP SILENT GRAPH <{graph}>", 30)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(push_module, "GRAPH_STORE_CHUNK", STORE_CHUNK)
    monkeypatch.setattr(push_module, "UPDATE_CHUNK", UPDATE_CHUNK)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    folder = tmp_path_factory.mktemp("small")
    (folder / "small.ttl").write_text(SMALL, encoding="utf-8")
    return load([folder], ontology=False)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> Iterator[tuple[str, str, str]]:
    """(query URL, update URL, base URL) of a server, credentials set where it needs them."""
    if request.param == "oxigraph":
        url = str(request.getfixturevalue("oxigraph"))
        base = url.rsplit("/", 1)[0]
        yield url, base + "/update", base
        return
    found: VirtuosoServer = request.getfixturevalue("virtuoso")
    with digest_login(found):
        yield found.query_url, found.auth_url, found.base_url


def _reset_target(update_url: str) -> None:
    update(update_url, f"DROP SILENT GRAPH <{TARGET}>", 30)
    update(update_url, f"INSERT DATA {{ GRAPH <{TARGET}> {{ {' '.join(MARKERS)} }} }}", 30)


def _through(proxy: FaultProxy, query_url: str, *, graph_store: bool) -> PushTarget:
    path = urllib.parse.urlsplit(query_url).path
    store = None if graph_store else proxy.url("/no-such-store")
    return PushTarget(proxy.url(path), TARGET, store_endpoint=store, timeout=30)


@pytest.mark.parametrize("graph_store", [True, False], ids=["graph-store", "update"])
@pytest.mark.usefixtures("small_chunks")
def test_a_failure_at_any_step_leaves_the_target_graph_as_it_was(
    server: tuple[str, str, str], small_store: GraphStore, graph_store: bool
) -> None:
    local_store = small_store
    query_url, update_url, base = server
    _drop_temporary_graphs(query_url, update_url)
    with fault_proxy(base) as proxy:
        target = _through(proxy, query_url, graph_store=graph_store)
        _reset_target(update_url)
        push(local_store, PushTarget(target.endpoint, ELSEWHERE, None, target.store_endpoint))
        steps = list(proxy.log)
        uploads = [s for s in steps if s.startswith("store POST") or s == "update INSERT"]
        assert len(uploads) >= 3, steps
        replacing = next(i for i, s in enumerate(steps) if s in ("update MOVE", "update COPY"))
        old = _rows(query_url, TARGET)
        assert len(old) == len(MARKERS)
        for number, step in enumerate(steps):
            _reset_target(update_url)
            proxy.reset(fail_at=number)
            outcome: PushReport | PushError
            try:
                outcome = push(local_store, target)
            except PushError as exc:
                outcome = exc
            assert proxy.failed == [step]
            where = f"{step} (request {number} of {steps})"
            if number <= replacing:
                assert isinstance(outcome, PushError), where
                assert _rows(query_url, TARGET) == old, where
                assert _temporary_graphs(query_url) == [], where
                assert re.search(
                    r"nothing was changed|was not changed \(3 triples\); the temporary graph was "
                    r"removed",
                    str(outcome),
                ), (where, str(outcome))
            else:  # the target was replaced: complete, and the message says so if it failed
                assert len(_rows(query_url, TARGET)) == len(local_store), where
                if isinstance(outcome, PushError):
                    assert "was replaced" in str(outcome), (where, str(outcome))
                _drop_temporary_graphs(query_url, update_url)
    update(update_url, f"DROP SILENT GRAPH <{ELSEWHERE}>", 30)


def test_a_replacement_whose_answer_is_lost_is_found_complete(
    server: tuple[str, str, str], small_store: GraphStore
) -> None:
    local_store = small_store
    query_url, update_url, base = server
    with fault_proxy(base) as proxy:
        target = _through(proxy, query_url, graph_store=True)
        _reset_target(update_url)
        push(local_store, target)
        replacing = next(i for i, s in enumerate(proxy.log) if s in ("update MOVE", "update COPY"))
        _reset_target(update_url)
        proxy.reset(fail_at=replacing, mode="lose-answer")
        report = push(local_store, target)
    assert report.on_server == len(local_store) == len(_rows(query_url, TARGET))
    assert _temporary_graphs(query_url) == []


def test_the_command_line_says_the_target_was_not_changed_and_exits_1(
    server: tuple[str, str, str],
) -> None:
    query_url, update_url, base = server
    with fault_proxy(base) as proxy:
        _reset_target(update_url)
        proxy.reset(fail_at=1)  # the target counted, then the first upload refused
        path = urllib.parse.urlsplit(query_url).path
        result = kommgraph("--graph", TARGET, "push", "--endpoint", proxy.url(path))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("Error: push failed uploading into a temporary graph: ")
    assert f"graph <{TARGET}> was not changed (3 triples)" in result.stderr
    assert len(_rows(query_url, TARGET)) == len(MARKERS)


def test_pushing_twice_gives_the_same_graph(
    server: tuple[str, str, str], local_store: GraphStore
) -> None:
    query_url, update_url, _base = server
    update(update_url, f"DROP SILENT GRAPH <{TARGET}>", 30)
    seen = []
    for _ in range(2):
        result = kommgraph("--graph", TARGET, "push", "--endpoint", query_url)
        assert pushed_count(result) == len(local_store)
        seen.append(_rows(query_url, TARGET))
    assert seen[0] == seen[1]
    assert len(seen[1]) == len(local_store)
    assert _temporary_graphs(query_url) == []


@pytest.mark.usefixtures("small_chunks")
def test_push_reports_progress_chunk_by_chunk_and_the_count_on_the_server(
    server: tuple[str, str, str], small_store: GraphStore
) -> None:
    local_store = small_store
    query_url, update_url, _base = server
    _reset_target(update_url)
    sent: list[float] = []
    report = push(local_store, PushTarget(query_url, TARGET), sent.append)
    assert len(sent) >= 3 and sum(sent) == len(local_store)
    assert report.on_server == len(local_store) == len(_rows(query_url, TARGET))


def _default_rows(server_query: str) -> set[str]:
    result = RemoteBackend(server_query).query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert isinstance(result, SelectResult)
    return {" ".join(cell.n3() for cell in row if cell is not None) for row in result.rows}


@pytest.mark.usefixtures("small_chunks")
def test_a_failure_at_any_step_leaves_oxigraphs_default_graph_as_it_was(
    empty_endpoint: str, small_store: GraphStore
) -> None:
    base = empty_endpoint.rsplit("/", 1)[0]
    markers = f"INSERT DATA {{ {' '.join(MARKERS)} }}"
    with fault_proxy(base) as proxy:
        target = PushTarget(proxy.url("/query"), timeout=30)
        push(small_store, target)  # what a push does, step by step
        steps = list(proxy.log)
        replacing = next(i for i, s in enumerate(steps) if s == "update DELETE")
        for number, step in enumerate(steps[: replacing + 1]):
            update(base + "/update", "DROP ALL", 30)
            update(base + "/update", markers, 30)
            old = _default_rows(empty_endpoint)
            proxy.reset(fail_at=number)
            with pytest.raises(PushError) as raised:
                push(small_store, target)
            where = f"{step} (request {number} of {steps})"
            assert _default_rows(empty_endpoint) == old, where
            assert _temporary_graphs(empty_endpoint) == [], where
            assert re.search(r"nothing was changed|was not changed", str(raised.value)), where
