"""Bad input to `push` and `--graph`: one clear line, a documented exit code, no traceback."""

from __future__ import annotations

import pytest

from .conftest import digest_login
from .helpers import kommgraph
from .virtuoso import VirtuosoServer

pytestmark = pytest.mark.server


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--update-endpoint", "htp:/x"], "Error: --update-endpoint: give an http:// or https://"),
        (["--store-endpoint", "::"], "Error: --store-endpoint: give an http:// or https://"),
    ],
)
def test_a_bad_update_or_store_url_is_refused_before_anything_is_sent(
    empty_endpoint: str, args: list[str], expected: str
) -> None:
    result = kommgraph("push", "--endpoint", empty_endpoint, *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(expected), result.stderr
    assert "Traceback" not in result.output


def test_a_bad_endpoint_url_is_refused() -> None:
    result = kommgraph("push", "--endpoint", "::")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: --endpoint: give an http:// or https:// URL with a host\n",
    )


def test_graph_without_an_endpoint_is_a_usage_error() -> None:
    result = kommgraph("--graph", "https://example.org/g", "stats")
    assert result.exit_code == 2
    assert "--graph names a graph of an endpoint: give --endpoint URL" in result.stderr


def test_an_unknown_authentication_scheme_is_named(
    empty_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMMGRAPH_ENDPOINT_USER", "someone")
    monkeypatch.setenv("KOMMGRAPH_ENDPOINT_AUTH", "kerberos")
    result = kommgraph("--graph", "https://example.org/g", "push", "--endpoint", empty_endpoint)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: KOMMGRAPH_ENDPOINT_AUTH: 'kerberos' is no authentication scheme; "
        "give basic or digest\n"
    )


def test_virtuoso_without_a_named_graph_asks_for_one(virtuoso: VirtuosoServer) -> None:
    with digest_login(virtuoso):
        result = kommgraph("push", "--endpoint", virtuoso.query_url)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: push failed to start: Virtuoso has no writable")
    assert result.stderr.endswith("nothing was sent (give --graph IRI)\n")


def test_basic_credentials_on_virtuoso_get_a_hint_and_change_nothing(
    virtuoso: VirtuosoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = "https://example.org/kommgraph-test/basic"
    monkeypatch.setenv("KOMMGRAPH_ENDPOINT_USER", virtuoso.user)
    monkeypatch.setenv("KOMMGRAPH_ENDPOINT_PASSWORD", virtuoso.password)
    result = kommgraph("--graph", graph, "push", "--endpoint", virtuoso.query_url)
    assert result.exit_code == 1
    assert "(HTTP 401)" in result.stderr
    assert f"graph <{graph}> was not changed (0 triples)" in result.stderr
    assert result.stderr.endswith("Virtuoso wants KOMMGRAPH_ENDPOINT_AUTH=digest)\n")


def test_queries_of_a_named_graph_on_virtuoso_see_only_that_graph(
    virtuoso: VirtuosoServer,
) -> None:
    graph = "https://example.org/kommgraph-test/only"
    with digest_login(virtuoso):
        pushed = kommgraph("--graph", graph, "push", "--endpoint", virtuoso.query_url)
    assert pushed.exit_code == 0, pushed.output
    embedded = kommgraph("stats", "--format", "json")
    remote = kommgraph(
        "--endpoint", virtuoso.query_url, "--graph", graph, "stats", "--format", "json"
    )
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == embedded.stdout
