"""Fixtures for the remote tests: one Oxigraph server per session, emptied per test.

The server is the `oxigraph` command from PyPI, started on 127.0.0.1 on a free
port and always stopped at the end of the session, also when tests fail. A
test that changes or needs the server's content asks for `empty_endpoint` or
`pushed_endpoint`, which begin with `DROP ALL`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from kommgraph.api import KommGraph
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.loading import load
from kommgraph.rdf.push import push

from .servers import FakeEndpoint, ServerStartError, fake_endpoint, oxigraph_server, post_update


@pytest.fixture(autouse=True)
def _no_endpoint_settings_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Endpoint and credentials come from each test, never from the caller's shell."""
    for name in ("KOMMGRAPH_ENDPOINT", "KOMMGRAPH_ENDPOINT_USER", "KOMMGRAPH_ENDPOINT_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of a running Oxigraph server (http://127.0.0.1:PORT/query)."""
    with ExitStack() as stack:
        try:
            location = tmp_path_factory.mktemp("oxigraph") / "store"
            url = stack.enter_context(oxigraph_server(location))
        except ServerStartError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield url


@pytest.fixture
def empty_endpoint(oxigraph: str) -> str:
    """The server's query URL, with every graph dropped before the test."""
    post_update(oxigraph, "DROP ALL")
    return oxigraph


@pytest.fixture(scope="session")
def local_store() -> GraphStore:
    """The bundled ontology and data in the embedded store."""
    return load()


@pytest.fixture(scope="session")
def local_graph(local_store: GraphStore) -> KommGraph:
    """The bundled graph behind the API, embedded."""
    from kommgraph.rdf.sparql import LocalBackend

    return KommGraph(LocalBackend(local_store), local_store)


@pytest.fixture
def pushed_endpoint(empty_endpoint: str, local_store: GraphStore) -> str:
    """The server holding exactly the bundled ontology and data (default graph)."""
    push(local_store, empty_endpoint)
    return empty_endpoint


@pytest.fixture
def fake() -> Iterator[FakeEndpoint]:
    """A tiny endpoint on 127.0.0.1 that answers as the test says and records requests."""
    with fake_endpoint() as endpoint:
        yield endpoint
