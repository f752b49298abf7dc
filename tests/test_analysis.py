"""Centrality, communities and paths (src/kommgraph/network/{centrality,communities,paths}.py).

Centrality and communities run on tiny graphs whose answers are computed by
hand below; paths run on the purpose-built network fixture
(tests/fixtures/network/, see the header of its events.ttl).
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import networkx as nx
import pytest

from kommgraph.api import KommGraph
from kommgraph.errors import KommgraphError
from kommgraph.network import measures
from kommgraph.network import paths as path_module
from kommgraph.network.centrality import CentralityResult, centrality
from kommgraph.network.collaboration import Collaboration, SharedEvent
from kommgraph.network.communities import communities
from kommgraph.network.paths import Hop, paths
from kommgraph.vocab import METRICS, CommunityMethod

FIXTURE = Path(__file__).parent / "fixtures" / "network"
ID = "https://w3id.org/kommgraph/id/"


def _edge(a: str, b: str, weight: float) -> Collaboration:
    first, second = sorted((a, b))
    event = SharedEvent(f"urn:event:{first}-{second}", "E", None, "Event", "same-event", weight, ())
    return Collaboration(first, second, weight, [event], [])


def graph_of(labels: dict[str, str], edges: list[tuple[str, str, float]]) -> nx.Graph[str]:
    """A collaboration network as `network.collaboration_graph` builds it: plain values."""
    graph: nx.Graph[str] = nx.Graph()
    for node, label in labels.items():
        graph.add_node(node, iri=node, label=label, kind="Person")
    for a, b, weight in edges:
        graph.add_edge(a, b, weight=weight, events=1)
    return graph


def evidence_of(graph: nx.Graph[str]) -> dict[tuple[str, str], Collaboration]:
    """The collaboration behind each edge of a `graph_of` graph, keyed by (a, b), a < b."""
    pairs = (sorted((a, b)) for a, b in graph.edges)
    return {(a, b): _edge(a, b, graph.edges[a, b]["weight"]) for a, b in pairs}


# A path with a weak shortcut. Distances are 1/weight:
#
#   W(Gleich) --1-- Z(Zora) --2-- A(Anton) --1-- D(Gleich)
#        \______________0.25______/
#
# W-A is shorter through Z (1 + 0.5) than directly (4), so Z and A each lie on two
# of the three shortest paths between the other nodes: betweenness 2 / 3 each
# (normalized by (n-1)(n-2)/2 = 3). Both have closeness 3 / (1 + 0.5 + 1.5) = 1;
# W and D have 3 / (1 + 1.5 + 2.5) = 0.6. W and D share a label: the IRI decides.
W, Z, A, D = "urn:n:4", "urn:n:2", "urn:n:3", "urn:n:1"
LABELS = {W: "Gleich", Z: "Zora", A: "Anton", D: "Gleich"}
SHORTCUT = [(W, Z, 1.0), (Z, A, 2.0), (W, A, 0.25), (A, D, 1.0)]


@pytest.fixture
def shortcut() -> nx.Graph[str]:
    return graph_of(LABELS, SHORTCUT)


def _column(result: CentralityResult, metric: str) -> list[tuple[str, float]]:
    return [(row.iri, row.scores[metric]) for row in result.rows]


def test_degree_counts_collaborators_and_ties_go_by_label(shortcut: nx.Graph[str]) -> None:
    result = centrality(shortcut, "degree")
    assert _column(result, "degree") == [(A, 3.0), (W, 2.0), (Z, 2.0), (D, 1.0)]


def test_weighted_degree_sums_the_weights(shortcut: nx.Graph[str]) -> None:
    result = centrality(shortcut, "weighted_degree")
    assert _column(result, "weighted_degree") == [(A, 3.25), (Z, 3.0), (W, 1.25), (D, 1.0)]


def test_betweenness_treats_strong_ties_as_short_and_breaks_ties_by_label_then_iri(
    shortcut: nx.Graph[str],
) -> None:
    result = centrality(shortcut, "betweenness")
    assert _column(result, "betweenness") == [(A, 0.666667), (Z, 0.666667), (D, 0.0), (W, 0.0)]
    assert result.note == "exact betweenness and closeness"


def test_closeness_uses_the_same_distances(shortcut: nx.Graph[str]) -> None:
    result = centrality(shortcut, "closeness")
    assert _column(result, "closeness") == [(A, 1.0), (Z, 1.0), (D, 0.6), (W, 0.6)]


def test_pagerank_sums_to_one_and_eigenvector_favours_the_hub(shortcut: nx.Graph[str]) -> None:
    rows = centrality(shortcut, "eigenvector").rows
    assert rows[0].iri == A
    assert abs(sum(r.scores["pagerank"] for r in rows) - 1.0) < 1e-5
    assert all(r.scores["eigenvector"] > 0 for r in rows)


def test_every_row_carries_every_measure_with_label_and_kind(shortcut: nx.Graph[str]) -> None:
    rows = centrality(shortcut).rows
    assert [sorted(r.scores) for r in rows] == [sorted(METRICS)] * 4
    assert {(r.label, r.kind) for r in rows} == {
        ("Anton", "Person"),
        ("Zora", "Person"),
        ("Gleich", "Person"),
    }


def test_eigenvector_splits_evenly_in_a_pair_and_is_zero_for_an_isolated_actor() -> None:
    pair = graph_of({"urn:x": "X", "urn:y": "Y"}, [("urn:x", "urn:y", 1.0)])
    assert [r.scores["eigenvector"] for r in centrality(pair).rows] == [0.707107, 0.707107]
    pair.add_node("urn:z", label="Z", kind="Person")
    scores = {r.label: r.scores["eigenvector"] for r in centrality(pair).rows}
    assert scores == {"X": 0.471405, "Y": 0.471405, "Z": 0.0}


def test_an_unknown_metric_is_refused(shortcut: nx.Graph[str]) -> None:
    with pytest.raises(ValueError, match="unknown metric"):
        centrality(shortcut, "fame")  # type: ignore[arg-type]


def test_an_empty_network_has_no_rows() -> None:
    assert centrality(nx.Graph()).rows == ()


def test_above_the_exact_limit_betweenness_is_sampled_and_says_so(
    shortcut: nx.Graph[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(measures, "EXACT_WORK_LIMIT", 3)
    result = centrality(shortcut, "betweenness")
    assert result.note.startswith(
        "betweenness and closeness estimated from k=4 of 4 source nodes (seed 42)"
    )
    # with every source sampled, the estimate is exact
    assert _column(result, "betweenness")[:2] == [(A, 0.666667), (Z, 0.666667)]


def test_centrality_gives_the_same_rows_twice(shortcut: nx.Graph[str]) -> None:
    assert centrality(shortcut.copy(), "pagerank") == centrality(shortcut.copy(), "pagerank")


# Two triangles of weight 1 joined by one weak edge c-d (0.25). m = 6.25; each group
# holds 3 of it and has degree sum 6.25, so the modularity is
# 2 * (3 / 6.25 - (6.25 / 12.5) ** 2) = 0.46. c and d are the bridges, each with
# participation 1 - (2 / 2.25) ** 2 - (0.25 / 2.25) ** 2 = 0.197531.
TRIANGLES = graph_of(
    {x: x.upper() for x in "abcdef"},
    [(u, v, 1.0) for u, v in ("ab", "bc", "ac", "de", "ef", "df")] + [("c", "d", 0.25)],
)


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_both_methods_separate_two_triangles_with_the_hand_computed_modularity(
    method: CommunityMethod,
) -> None:
    result = communities(TRIANGLES.copy(), method=method)
    assert result.method == method
    assert result.modularity == 0.46
    assert [[iri for iri, _label in c.members] for c in result.communities] == [
        ["c", "a", "b"],
        ["d", "e", "f"],
    ]
    assert [c.index for c in result.communities] == [1, 2]


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_bridges_are_the_actors_with_ties_into_other_communities(
    method: CommunityMethod,
) -> None:
    result = communities(TRIANGLES.copy(), method=method)
    assert [(b.iri, b.communities, b.participation) for b in result.bridges] == [
        ("c", (1, 2), 0.197531),
        ("d", (1, 2), 0.197531),
    ]


def test_communities_are_the_same_for_the_same_seed() -> None:
    assert communities(TRIANGLES.copy(), seed=7) == communities(TRIANGLES.copy(), seed=7)


def test_leiden_is_the_default_and_an_unknown_method_is_refused() -> None:
    assert communities(TRIANGLES.copy()).method == "leiden"
    with pytest.raises(ValueError, match="unknown community method 'walktrap'"):
        communities(TRIANGLES.copy(), method="walktrap")  # type: ignore[arg-type]


def test_modularity_and_bridges_agree_with_networkx_on_a_larger_network() -> None:
    """The numpy tie sums and igraph's modularity against networkx, on a random network."""
    graph = nx.gnm_random_graph(120, 600, seed=3)
    rng = random.Random(3)
    network: nx.Graph[str] = nx.Graph()
    network.add_nodes_from((f"n{v}", {"label": f"N{v:03d}"}) for v in graph.nodes)
    network.add_edges_from(
        (f"n{a}", f"n{b}", {"weight": rng.choice([0.25, 0.5, 1.0, 2.0])}) for a, b in graph.edges
    )
    result = communities(network.copy())
    parts = [{iri for iri, _label in c.members} for c in result.communities]
    expected = nx.community.modularity(network, parts, weight="weight")
    assert result.modularity == pytest.approx(expected, abs=1e-6)
    index = {iri: c.index for c in result.communities for iri, _label in c.members}
    for bridge in result.bridges:
        per: dict[int, float] = {}
        for _v, other, data in network.edges(bridge.iri, data=True):
            per[index[other]] = per.get(index[other], 0.0) + data["weight"]
        strength = sum(per.values())
        assert bridge.communities == tuple(sorted(per))
        assert bridge.participation == round(1 - sum((x / strength) ** 2 for x in per.values()), 6)
    crossing = {v for a, b in network.edges for v in (a, b) if index[a] != index[b]}
    assert {b.iri for b in result.bridges} == crossing


def _edge_lists_by_loop(graph: nx.Graph[str]) -> list[tuple[int, int, float]]:
    """Each tie once from its lower-numbered end, weight 1.0 where it has none: by hand."""
    index = {v: i for i, v in enumerate(sorted(graph))}
    return [
        (index[a], index[b], data.get("weight") or 1.0)
        for a, neighbours in graph.adjacency()
        for b, data in neighbours.items()
        if index[a] <= index[b]
    ]


def test_edge_lists_read_every_tie_once_with_its_weight_or_one() -> None:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_node("z")  # isolated: a vertex, no tie
    graph.add_edge("b", "a", weight=2.5)
    graph.add_edge("b", "c")  # no weight
    graph.add_edge("c", "c", weight=3.0)  # a self-loop, read once
    graph.add_edge("a", "c", weight=None)
    graph.add_edge("d", "a", weight=0)
    for network in (graph, graph.subgraph(["a", "b", "c"]), nx.Graph()):
        lists = measures.edge_lists(network)
        assert lists.nodes == sorted(network)
        got = list(
            zip(lists.source.tolist(), lists.target.tolist(), lists.weight.tolist(), strict=True)
        )
        assert got == _edge_lists_by_loop(network)
    lists = measures.edge_lists(graph)
    assert sorted(zip(lists.source.tolist(), lists.target.tolist(), strict=True)) == [
        (0, 1),
        (0, 2),
        (0, 3),
        (1, 2),
        (2, 2),
    ]


def test_degree_and_weighted_degree_agree_with_networkx_loops_and_missing_weights_too() -> None:
    rng = random.Random(5)
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(f"n{v}" for v in range(60))
    for a, b in nx.gnm_random_graph(60, 200, seed=5).edges:
        graph.add_edge(f"n{a}", f"n{b}", weight=rng.choice([0.5, 1.0, 3.0]))
    graph.add_edge("n7", "n7", weight=2.0)
    graph.add_edge("n8", "n9")  # no weight: counts 1, as everywhere in kommgraph
    graph.add_node("alone")
    scores = measures.compute(graph).scores
    assert {v: s["degree"] for v, s in scores.items()} == {v: float(d) for v, d in graph.degree()}
    lists = measures.edge_lists(graph)
    assert dict(zip(lists.nodes, measures.strength(lists).tolist(), strict=True)) == pytest.approx(
        dict(graph.degree(weight="weight"))
    )
    assert {v: s["weighted_degree"] for v, s in scores.items()} == pytest.approx(
        dict(graph.degree(weight="weight"))
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pagerank_agrees_with_networkx_solved_exactly(seed: int) -> None:
    """Components of different sizes, self-loops, ties without weight, isolated actors."""
    rng = random.Random(seed)
    graph: nx.Graph[str] = nx.Graph()
    for part, (size, ties) in enumerate([(80, 300), (12, 20), (3, 2), (2, 1)]):
        graph.add_nodes_from(f"c{part}n{v}" for v in range(size))
        for a, b in nx.gnm_random_graph(size, ties, seed=seed + part).edges:
            graph.add_edge(f"c{part}n{a}", f"c{part}n{b}", weight=rng.choice([0.25, 1.0, 4.5]))
    graph.add_edge("c0n1", "c0n1", weight=2.0)
    graph.add_edge("c0n2", "c0n3")  # no weight: 1, in networkx too
    graph.add_nodes_from(["alone", "also alone"])
    expected = nx.pagerank(graph, weight="weight", tol=1e-15, max_iter=10_000)
    got = {v: s["pagerank"] for v, s in measures.compute(graph).scores.items()}
    assert got == pytest.approx(expected, rel=1e-6)
    assert sum(got.values()) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize(
    ("nodes", "edges", "expected"),
    [
        ([], [], {}),
        (["a"], [], {"a": 1.0}),
        (["a", "b"], [], {"a": 0.5, "b": 0.5}),
        (["a", "b"], [("a", "b")], {"a": 0.5, "b": 0.5}),
        (["a"], [("a", "a")], {"a": 1.0}),
    ],
)
def test_pagerank_of_the_smallest_networks(
    nodes: list[str], edges: list[tuple[str, str]], expected: dict[str, float]
) -> None:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges, weight=1.0)
    got = {v: s["pagerank"] for v, s in measures.compute(graph).scores.items()}
    assert got == pytest.approx(expected)


def test_members_and_bridges_of_equal_standing_are_ordered_by_label_then_iri() -> None:
    # four actors all tied alike: one community, every member of the same strength
    square = graph_of(
        {"urn:4": "beta", "urn:3": "Alpha", "urn:2": "alpha", "urn:1": "Beta"},
        [(u, v, 1.0) for u, v in itertools.combinations(["urn:1", "urn:2", "urn:3", "urn:4"], 2)],
    )
    (only,) = communities(square).communities
    assert [iri for iri, _label in only.members] == ["urn:2", "urn:3", "urn:1", "urn:4"]
    # two triangles and a weak tie between c and d: equal participation, D before C by label
    mirrored = graph_of(
        {x: label for x, label in zip("abcdef", ["A", "B", "Z", "D", "E", "F"], strict=True)},
        [(u, v, 1.0) for u, v in ("ab", "bc", "ac", "de", "ef", "df")] + [("c", "d", 0.25)],
    )
    assert [b.iri for b in communities(mirrored).bridges] == ["d", "c"]


def test_a_network_without_edges_has_one_community_per_actor() -> None:
    lonely = graph_of({"urn:x": "X", "urn:y": "Y"}, [])
    result = communities(lonely)
    assert (result.modularity, len(result.communities), result.bridges) == (0.0, 2, ())


# ----- on the network fixture ------------------------------------------------------


@pytest.fixture(scope="module")
def kg() -> KommGraph:
    return KommGraph.load([FIXTURE])


@pytest.fixture(scope="module")
def actors(kg: KommGraph) -> nx.Graph[str]:
    return kg.network("actors")


@pytest.fixture(scope="module")
def evidence(kg: KommGraph, actors: nx.Graph[str]) -> dict[tuple[str, str], Collaboration]:
    """The collaboration behind every edge of `actors`, from the API."""
    pairs = (sorted((a, b)) for a, b in actors.edges)
    found = {(a, b): kg.collaboration(a, b).collaboration for a, b in pairs}
    return {pair: edge for pair, edge in found.items() if edge is not None}


def test_communities_of_the_fixture_cover_every_actor_once(
    kg: KommGraph, actors: nx.Graph[str]
) -> None:
    result = communities(actors.copy(), kg.evidence)
    members = [iri for c in result.communities for iri, _label in c.members]
    assert sorted(members) == sorted(actors.nodes)
    assert 0.0 < result.modularity < 1.0
    assert result == communities(actors.copy(), kg.evidence)


def test_each_community_names_its_dominant_topics(kg: KommGraph, actors: nx.Graph[str]) -> None:
    result = communities(actors.copy(), kg.evidence)
    topics = {tuple(label for _iri, label in c.members): c.topics for c in result.communities}
    assert topics[("Lena Lorenz", "René Kern")] == (("Smart City", 1),)
    assert topics[("Ida Imhof", "Jana Jansen")] == (("OZG", 1),)


def _chain(chain: list[Hop]) -> list[str]:
    return [chain[0].a_label, *(hop.b_label for hop in chain)]


def test_path_finds_every_shortest_chain_strongest_first(
    actors: nx.Graph[str], evidence: dict[tuple[str, str], Collaboration]
) -> None:
    chains = paths(actors, ID + "person/bernd-berg", ID + "person/mia-moeller", evidence)
    assert [_chain(c) for c in chains] == [
        ["Bernd Berg", "Anna Alt", "Mia Möller"],
        ["Bernd Berg", "Carla Christ", "Mia Möller"],
    ]


def test_every_hop_carries_its_evidence(
    actors: nx.Graph[str], evidence: dict[tuple[str, str], Collaboration]
) -> None:
    chain = paths(actors, ID + "person/bernd-berg", ID + "person/mia-moeller", evidence)[0]
    assert [(hop.a, hop.b) for hop in chain] == [
        (ID + "person/bernd-berg", ID + "person/anna-alt"),
        (ID + "person/anna-alt", ID + "person/mia-moeller"),
    ]
    assert [[(e.label, e.basis) for e in hop.collaboration.events] for hop in chain] == [
        [("Workshop Register", "same-event")],
        [("Digitaltag 2022", "same-event")],
    ]
    assert [q.quote for q in chain[1].collaboration.quotes] == [
        "Anna Alt und Mia Möller sprachen schon beim Digitaltag 2022",
        "Anna Alt und Mia Möller sprachen schon beim Digitaltag 2022",
    ]


def test_path_respects_the_limit(
    actors: nx.Graph[str], evidence: dict[tuple[str, str], Collaboration]
) -> None:
    chains = paths(actors, ID + "person/bernd-berg", ID + "person/mia-moeller", evidence, limit=1)
    assert [_chain(c) for c in chains] == [["Bernd Berg", "Anna Alt", "Mia Möller"]]


def test_path_follows_relations_between_organizations(
    actors: nx.Graph[str], evidence: dict[tuple[str, str], Collaboration]
) -> None:
    chains = paths(actors, ID + "org/stadt-suedstadt", ID + "org/stadt-nordstadt", evidence)
    assert [_chain(c) for c in chains] == [["Stadt Südstadt", "Netzwerk Ost", "Stadt Nordstadt"]]
    assert [hop.collaboration.events[0].basis for hop in chains[0]] == ["relation", "relation"]


def test_actors_in_different_components_are_not_connected(
    actors: nx.Graph[str], evidence: dict[tuple[str, str], Collaboration]
) -> None:
    assert paths(actors, ID + "person/anna-alt", ID + "person/rene-kern", evidence) == []


def test_an_actor_outside_the_network_is_not_connected(
    actors: nx.Graph[str], evidence: dict[tuple[str, str], Collaboration]
) -> None:
    # Gustav Gast only attended: he is no node of the collaboration network
    assert ID + "person/gustav-gast" not in actors
    assert paths(actors, ID + "person/gustav-gast", ID + "person/anna-alt", evidence) == []


def test_under_a_filter_relations_no_longer_connect_organizations(kg: KommGraph) -> None:
    answer = kg.path("Stadt Südstadt", "Stadt Nordstadt", kg.filters(since="2023"))
    first, second, chains = answer.first, answer.second, answer.chains
    assert (first.label, second.label, chains) == ("Stadt Südstadt", "Stadt Nordstadt", ())


def test_the_fewest_hops_win_over_stronger_but_longer_chains() -> None:
    graph = graph_of(LABELS, SHORTCUT)
    assert [_chain(c) for c in paths(graph, W, A, evidence_of(graph))] == [["Gleich", "Anton"]]


def test_chains_of_equal_length_are_ordered_by_strength_then_labels() -> None:
    square = graph_of(
        {"urn:s": "S", "urn:t": "T", "urn:x": "X", "urn:y": "Y", "urn:z": "Z"},
        [
            ("urn:s", "urn:z", 0.25),
            ("urn:z", "urn:t", 0.25),
            ("urn:s", "urn:y", 1.0),
            ("urn:y", "urn:t", 1.0),
            ("urn:s", "urn:x", 1.0),
            ("urn:x", "urn:t", 1.0),
        ],
    )
    assert [_chain(c) for c in paths(square, "urn:s", "urn:t", evidence_of(square))] == [
        ["S", "X", "T"],
        ["S", "Y", "T"],
        ["S", "Z", "T"],
    ]


def test_a_path_from_an_actor_to_itself_is_refused(kg: KommGraph) -> None:
    with pytest.raises(KommgraphError, match="same actor"):
        kg.path("Anna Alt", "anna alt")


@pytest.mark.parametrize("seed", range(12))
def test_the_two_sided_search_finds_every_shortest_path_networkx_finds(seed: int) -> None:
    graph: nx.Graph[str] = nx.relabel_nodes(
        nx.gnm_random_graph(60, 90 + 10 * seed, seed=seed), lambda v: f"n{v}"
    )
    rng = random.Random(seed)
    pairs = [(f"n{x}", f"n{y}") for x, y in (rng.sample(range(60), 2) for _ in range(25))]
    for a, b in [*pairs, ("n0", "n0")]:
        try:
            expected = sorted(nx.all_shortest_paths(graph, a, b))
        except nx.NetworkXNoPath:
            expected = []
        assert sorted(path_module._all_shortest_paths(graph, a, b)) == expected, (a, b)


def test_paths_between_unconnected_actors_are_none() -> None:
    graph = graph_of({"a": "A", "b": "B", "c": "C"}, [("a", "b", 1.0)])
    assert paths(graph, "a", "c", evidence_of(graph)) == []


def test_small_scores_keep_six_significant_digits_not_six_decimals() -> None:
    from kommgraph.network.centrality import significant

    assert significant(3.21234567e-8) == 3.21235e-08
    assert significant(2 / 3) == 0.666667
    assert significant(0.0) == 0.0


def test_the_sweep_over_several_processes_gives_what_one_process_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import igraph as ig

    from kommgraph.network import sweep

    g = ig.Graph.Erdos_Renyi(n=300, m=1200)
    g.es["distance"] = [1.0 + (i % 7) / 3 for i in range(g.ecount())]
    sources = list(range(0, 300, 3))
    monkeypatch.setattr(sweep, "PARALLEL_WORK", 10**12)
    alone = sweep.sweep(g, sources)
    monkeypatch.setattr(sweep, "PARALLEL_WORK", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    shared: list[float] = []
    together = sweep.sweep(g, sources, shared.append)
    assert together[0] == pytest.approx(alone[0]) and together[1] == pytest.approx(alone[1])
    assert sum(shared) == pytest.approx(1.0) and len(shared) == len(range(0, len(sources), 16))
    exact = sweep.sweep(g, [])
    assert exact[0] == pytest.approx(
        [b * 2 / (299 * 298) for b in g.betweenness(weights="distance")]
    )
