"""Fixtures for the remote tests: one Oxigraph and one Virtuoso server per session.

The Oxigraph server is the `oxigraph` command from PyPI, started on 127.0.0.1
on a free port and always stopped at the end of the session, also when tests
fail. A test that changes or needs the server's content asks for
`empty_endpoint` or `pushed_endpoint`, which begin with `DROP ALL`.

Virtuoso (Debian package `virtuoso-opensource`, installed by `.ci/run`) runs
from its own folder on free ports of 127.0.0.1 (`tests/remote/virtuoso.py`);
tests that write to it use graphs of their own, so it is never emptied.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest

from kommgraph.api import KommGraph
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.loading import load
from kommgraph.rdf.push import PushTarget, push

from .servers import FakeEndpoint, ServerStartError, fake_endpoint, oxigraph_server, post_update
from .virtuoso import VirtuosoServer, VirtuosoStartError, virtuoso_server

ENDPOINT_SETTINGS = (
    "KOMMGRAPH_ENDPOINT",
    "KOMMGRAPH_GRAPH",
    "KOMMGRAPH_ENDPOINT_USER",
    "KOMMGRAPH_ENDPOINT_PASSWORD",
    "KOMMGRAPH_ENDPOINT_AUTH",
)


@pytest.fixture(autouse=True)
def _no_endpoint_settings_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Endpoint and credentials come from each test, never from the caller's shell."""
    for name in ENDPOINT_SETTINGS:
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
    push(local_store, PushTarget(empty_endpoint))
    return empty_endpoint


@pytest.fixture
def fake() -> Iterator[FakeEndpoint]:
    """A tiny endpoint on 127.0.0.1 that answers as the test says and records requests."""
    with fake_endpoint() as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A running Virtuoso with a SPARQL user that may update (Digest auth)."""
    with ExitStack() as stack:
        try:
            folder = tmp_path_factory.mktemp("virtuoso")
            server = stack.enter_context(virtuoso_server(folder))
        except VirtuosoStartError as exc:
            pytest.fail(str(exc), pytrace=False)
        yield server


@contextmanager
def digest_login(server: VirtuosoServer) -> Iterator[None]:
    """The Virtuoso user's credentials in the environment, as a user would set them."""
    settings = {
        "KOMMGRAPH_ENDPOINT_USER": server.user,
        "KOMMGRAPH_ENDPOINT_PASSWORD": server.password,
        "KOMMGRAPH_ENDPOINT_AUTH": "digest",
    }
    before = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
