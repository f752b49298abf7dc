"""`collab`, `centrality` and `communities`: the same JSON embedded and on a real server.

The bundled data is pushed into the Oxigraph server of `conftest.py`; then each
command runs once on the embedded store and once with `--endpoint`, and the
parsed JSON must be identical: same collaborators, weights, evidence and
order; same centralities to the last digit; same Louvain communities. The
cases cover several actors and networks, with and without filters.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .helpers import kommgraph

pytestmark = pytest.mark.server


def _json(*args: str) -> Any:
    result = kommgraph(*args)
    assert result.exit_code == 0, (args, result.output)
    return json.loads(result.stdout)


def assert_same_json_embedded_and_remote(endpoint: str, *args: str) -> Any:
    """Run a command both ways; the answers must be equal. Returns the embedded answer."""
    embedded = _json(*args)
    remote = _json("--endpoint", endpoint, *args)
    assert remote == embedded, f"kommgraph {' '.join(args)} differs on the server"
    return embedded


@pytest.mark.parametrize(
    "args",
    [
        ("Wilfried Bernhardt",),
        ("Martin Verlage",),
        ("KDN",),
        ("NEGZ", "--since", "2024", "--event-kind", "Workshop"),
        ("Fabian Mayer", "--topic", "Verwaltungsdigitalisierung", "--roles", "panelist,organizer"),
        ("KDN", "--via-people"),
    ],
    ids=["bernhardt", "verlage", "kdn", "negz-filtered", "mayer-filtered", "kdn-via-people"],
)
def test_collab_json_is_identical_embedded_and_remote(
    pushed_endpoint: str, args: tuple[str, ...]
) -> None:
    data = assert_same_json_embedded_and_remote(
        pushed_endpoint, "collab", *args, "--format", "json"
    )
    assert data["collaborators"], "an actor without collaborators proves little"


@pytest.mark.parametrize(
    "args",
    [
        ("--network", "actors", "--metric", "betweenness"),
        ("--network", "actors", "--metric", "closeness", "--topic", "OZG"),
        ("--network", "persons", "--since", "2020-09"),
        ("--network", "organizations", "--via-people", "--metric", "pagerank"),
    ],
    ids=["actors", "actors-topic", "persons-since", "organizations-via-people"],
)
def test_centrality_json_is_identical_embedded_and_remote(
    pushed_endpoint: str, args: tuple[str, ...]
) -> None:
    data = assert_same_json_embedded_and_remote(
        pushed_endpoint, "centrality", *args, "--top", "0", "--format", "json"
    )
    assert len(data["nodes"]) > 5
    assert data["nodes"][0]["weighted_degree"] > 0


@pytest.mark.parametrize(
    "args",
    [
        ("--network", "actors"),
        ("--network", "organizations", "--via-people"),
        ("--network", "actors", "--event-kind", "Workshop,Talk", "--seed", "3"),
    ],
    ids=["actors", "organizations-via-people", "actors-filtered"],
)
def test_communities_json_is_identical_embedded_and_remote(
    pushed_endpoint: str, args: tuple[str, ...]
) -> None:
    data = assert_same_json_embedded_and_remote(
        pushed_endpoint, "communities", *args, "--format", "json"
    )
    assert len(data["communities"]) > 1
    assert data["modularity"] > 0


def test_an_unknown_actor_gets_the_same_candidates_from_the_server(pushed_endpoint: str) -> None:
    embedded = kommgraph("collab", "Fabian Meier")
    remote = kommgraph("--endpoint", pushed_endpoint, "collab", "Fabian Meier")
    assert (remote.exit_code, remote.stderr) == (embedded.exit_code, embedded.stderr)
    assert embedded.stderr == "Error: unknown actor 'Fabian Meier'; did you mean: Fabian Mayer\n"


@pytest.mark.parametrize(
    "args",
    [("--network", "actors"), ("--network", "persons", "--ego", "Fabian Mayer", "--depth", "2")],
    ids=["actors", "ego"],
)
def test_viz_page_is_byte_identical_embedded_and_remote(
    pushed_endpoint: str, tmp_path: Path, args: tuple[str, ...]
) -> None:
    local, remote = tmp_path / "local.html", tmp_path / "remote.html"
    for target, prefix in ((local, ()), (remote, ("--endpoint", pushed_endpoint))):
        result = kommgraph(*prefix, "viz", "-o", str(target), "--no-timestamp", *args)
        assert result.exit_code == 0, result.output
    assert local.read_bytes() == remote.read_bytes()
