"""Which server kommgraph talks to, where its updates and uploads go, and cut answers.

The kind comes from the URL (`/repositories/ID`: GraphDB, RDF4J) or the
`Server` header (Oxigraph, Virtuoso; Fuseki by its request id header); URLs
given by the user win. Virtuoso's way of saying that an answer was cut
(`X-SPARQL-MaxRows`, `X-SQL-State`, both with HTTP 200) is an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kommgraph.rdf.servers import ServerKind, detect, server_urls

from .helpers import kommgraph
from .servers import FakeEndpoint

pytestmark = pytest.mark.server


@pytest.mark.parametrize(
    ("server", "headers", "kind"),
    [
        ("oxigraph/0.5.13", {}, "oxigraph"),
        ("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu", {}, "virtuoso"),
        ("Apache Jena Fuseki (5.0.0)", {}, "fuseki"),
        ("Jetty(12)", {"Fuseki-Request-Id": "7"}, "fuseki"),
        ("nginx", {}, "generic"),
    ],
)
def test_the_kind_of_server_is_found_from_its_server_header(
    fake: FakeEndpoint, server: str, headers: dict[str, str], kind: ServerKind
) -> None:
    fake.answer.server, fake.answer.headers = server, headers
    assert detect(fake.url, 5) == kind


def test_a_repository_url_is_graphdb_or_rdf4j_without_asking() -> None:
    assert detect("http://127.0.0.1:9/repositories/kg", 1) == "rdf4j"


def test_an_unreachable_server_is_generic() -> None:
    assert detect("http://127.0.0.1:9/sparql", 1) == "generic"


@pytest.mark.parametrize(
    ("endpoint", "kind", "update", "store"),
    [
        ("http://h:7878/query", "oxigraph", "http://h:7878/update", "http://h:7878/store"),
        ("http://h:3030/kg/sparql", "fuseki", "http://h:3030/kg/update", "http://h:3030/kg/data"),
        (
            "http://h:7200/repositories/kg",
            "rdf4j",
            "http://h:7200/repositories/kg/statements",
            "http://h:7200/repositories/kg/rdf-graphs/service",
        ),
        (
            "http://h:8890/sparql",
            "virtuoso",
            "http://h:8890/sparql",
            "http://h:8890/sparql-graph-crud",
        ),
    ],
)
def test_update_and_store_urls_follow_the_kind(
    endpoint: str, kind: ServerKind, update: str, store: str
) -> None:
    urls = server_urls(endpoint, kind)
    assert (urls.update, urls.store) == (update, store)


def test_virtuoso_with_credentials_writes_to_its_digest_endpoints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOMMGRAPH_ENDPOINT_USER", "kg")
    urls = server_urls("http://h:8890/sparql", "virtuoso")
    assert (urls.update, urls.store) == (
        "http://h:8890/sparql-auth",
        "http://h:8890/sparql-graph-crud-auth",
    )
    assert not urls.atomic_move and not urls.default_graph_writable


def test_given_urls_win() -> None:
    urls = server_urls("http://h/sparql", "virtuoso", "http://u/update", "http://s/store")
    assert (urls.update, urls.store) == ("http://u/update", "http://s/store")


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            {"X-SPARQL-MaxRows": "10000"},
            "cut its answer at 10000 rows (the server's ResultSetMaxRows setting)",
        ),
        (
            {"X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results"},
            "answered with an incomplete result (S1TAT: RC...: Returning incomplete results)",
        ),
    ],
)
def test_an_answer_the_server_cut_short_is_an_error_not_a_shorter_table(
    fake: FakeEndpoint, tmp_path: Path, headers: dict[str, str], expected: str
) -> None:
    fake.answer.headers = headers
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    result = kommgraph("--endpoint", fake.url, "query", str(query))
    assert result.exit_code == 1, result.output
    assert expected in result.stderr, result.stderr
