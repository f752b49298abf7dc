"""The parts of the page that need no browser: permalinks into a site, and the layout."""

from __future__ import annotations

import networkx as nx
import pytest

from kommgraph.views.page_layout import positions
from kommgraph.views.permalinks import permalink, site_link, site_root

ID = "https://w3id.org/kommgraph/id/"


def test_permalink_is_kind_and_slug_of_the_iri() -> None:
    assert permalink(f"{ID}person/wilfried-bernhardt") == "person/wilfried-bernhardt.html"
    assert permalink(f"{ID}org/kdn") == "org/kdn.html"


@pytest.mark.parametrize(
    "iri",
    [
        "https://example.org/person/x",
        f"{ID}person",
        f"{ID}person/",
        f"{ID}a/b/c",
        f"{ID}person/..",
        f"{ID}person/<script>",
    ],
)
def test_iris_outside_the_namespace_or_odd_have_no_page(iri: str) -> None:
    assert permalink(iri) is None


@pytest.mark.parametrize(
    ("root", "joined"),
    [
        ("https://example.org/kg/", "https://example.org/kg"),
        ("../site", "../site"),
        ("site", "site"),
        ("/", ""),
    ],
)
def test_site_roots_are_urls_or_relative_paths(root: str, joined: str) -> None:
    assert site_root(root) == joined
    assert site_link(root, f"{ID}org/kdn") == f"{joined}/org/kdn.html"


@pytest.mark.parametrize("root", ["javascript:alert(1)", "data:text/html,x", "a b", "x?y", ""])
def test_other_site_roots_are_refused(root: str) -> None:
    with pytest.raises(ValueError, match="http\\(s\\) URL or a relative path"):
        site_root(root)


def two_islands() -> nx.Graph[str]:
    graph: nx.Graph[str] = nx.Graph()
    nx.add_path(graph, [f"a{i}" for i in range(30)], weight=1.0)
    graph.add_edges_from([("a0", "a9"), ("a3", "a20")], weight=2.0)
    nx.add_cycle(graph, ["b0", "b1", "b2", "b3"], weight=1.0)
    graph.add_node("single")
    return graph


def test_layout_is_the_same_for_the_same_seed_and_differs_for_another() -> None:
    graph = two_islands()
    first = positions(graph, seed=1)
    assert list(first) == sorted(graph) and positions(graph, seed=1) == first
    assert positions(graph, seed=2) != first


def test_layout_keeps_components_apart() -> None:
    at = positions(two_islands(), seed=1)

    def box(prefix: str) -> tuple[float, float, float, float]:
        xs = [p[0] for v, p in at.items() if v.startswith(prefix)]
        ys = [p[1] for v, p in at.items() if v.startswith(prefix)]
        return min(xs), min(ys), max(xs), max(ys)

    a, b = box("a"), box("b")
    assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)
    assert len(set(at.values())) == len(at)


def test_layout_gives_larger_nodes_more_room() -> None:
    graph = two_islands()
    small = positions(graph, seed=1, sizes=dict.fromkeys(graph, 8.0))
    large = positions(graph, seed=1, sizes=dict.fromkeys(graph, 30.0))

    def width(at: dict[str, tuple[float, float]]) -> float:
        return max(p[0] for p in at.values()) - min(p[0] for p in at.values())

    assert width(large) > 1.5 * width(small)


def test_empty_graph_has_no_positions() -> None:
    assert positions(nx.Graph()) == {}
