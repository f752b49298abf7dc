"""The shortest collaboration chains between two actors, each hop with its evidence.

`paths` counts hops (fewest intermediaries first) and ranks chains of equal
length by the strength of their ties.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from kommgraph.network.collaboration import Collaboration


class Walkable(Protocol):
    """What a search needs of a network: a networkx graph, or one read as it is walked
    (`kommgraph.network.graph_tables.TableNetwork`): `adj[node]` maps each neighbour
    to the edge's data, `nodes[node]` is the node's data."""

    @property
    def adj(self) -> Any: ...
    @property
    def nodes(self) -> Any: ...
    def __contains__(self, node: object) -> bool: ...


PATHS_RANKED = 1000  # shortest chains compared by strength; more are not looked at


def _all_shortest_paths(graph: Walkable, source: str, target: str) -> Iterator[list[str]]:
    """Every shortest path (fewest hops), by a breadth-first search from both ends.

    Each side grows by whole layers, the smaller frontier first, until the two
    meet; only the neighbourhoods of the two actors are visited, not the whole
    network as in `nx.all_shortest_paths` (about 1 ms instead of 70 ms on
    17,000 actors).
    """
    if source == target:
        yield [source]
        return
    adjacency = graph.adj
    before: dict[str, list[str]] = {source: []}  # predecessors towards the source
    after: dict[str, list[str]] = {target: []}  # successors towards the target
    depth_of = {source: 0}, {target: 0}
    fronts = [source], [target]
    while fronts[0] and fronts[1]:
        side = 0 if len(fronts[0]) <= len(fronts[1]) else 1
        links, other = (before, after) if side == 0 else (after, before)
        depth, layer = depth_of[side], []
        for node in fronts[side]:
            for neighbour in adjacency[node]:
                if neighbour not in depth:
                    depth[neighbour] = depth[node] + 1
                    links[neighbour] = [node]
                    layer.append(neighbour)
                elif depth[neighbour] == depth[node] + 1:
                    links[neighbour].append(node)
        meeting = [node for node in layer if node in other]
        if meeting:
            near = depth_of[1 - side]
            shortest = min(near[node] for node in meeting)
            for node in meeting:
                if near[node] == shortest:
                    for head in _chains(before, node):
                        for tail in _chains(after, node):
                            yield head[::-1] + tail[1:]
            return
        fronts = (layer, fronts[1]) if side == 0 else (fronts[0], layer)


def _chains(links: dict[str, list[str]], node: str) -> Iterator[list[str]]:
    """Every chain from `node` back to the search's start, following `links`."""
    stack = [[node]]
    while stack:
        chain = stack.pop()
        steps = links[chain[-1]]
        if not steps:
            yield chain
        stack.extend([*chain, step] for step in reversed(steps))


@dataclass(frozen=True)
class Hop:
    a: str
    b: str
    a_label: str
    b_label: str
    collaboration: Collaboration


def paths(
    graph: Walkable,
    source: str,
    target: str,
    edges: Mapping[tuple[str, str], Collaboration],
    limit: int = 5,
) -> list[list[Hop]]:
    """The shortest chains (fewest hops) between two actors, each hop with its evidence.

    `edges` are the collaborations the graph was projected from (keyed by (a, b),
    a < b): the graph itself holds plain values only. Among chains of equal
    length the strongest (largest sum of weights) come first. An empty list
    means not connected.
    """
    if source not in graph or target not in graph:
        return []
    found = list(itertools.islice(_all_shortest_paths(graph, source, target), PATHS_RANKED))
    found.sort(
        key=lambda p: (
            -sum(graph.adj[u][v]["weight"] for u, v in itertools.pairwise(p)),
            [graph.nodes[x].get("label", x) for x in p],
        )
    )
    chains = []
    for path in found[:limit]:
        chains.append(
            [
                Hop(
                    u,
                    v,
                    graph.nodes[u].get("label", u),
                    graph.nodes[v].get("label", v),
                    edges[(u, v) if u < v else (v, u)],
                )
                for u, v in itertools.pairwise(path)
            ]
        )
    return chains
