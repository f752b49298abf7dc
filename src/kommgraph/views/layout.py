"""Where each node of a network sits: one seeded layout for every drawing that needs one.

The GEXF export uses `positions` (so Gephi opens the network already laid
out), and the page can share it. Up to `FIGURE_LIMIT` nodes it is the layout
of the static figures (`figure_layout.graph_positions`: spring, then
Kamada-Kawai, per component, components packed in rows), so a GEXF opened in
Gephi shows the picture of the PNG; beyond, the spring layout's all-pairs
forces would take minutes, and igraph's Fruchterman-Reingold on a grid places
tens of thousands of nodes in seconds. Both are seeded: the same network and
seed give the same positions. Positions are scaled into a square of
`2 * EXTENT` units centred on 0, as Gephi expects them.
"""

from __future__ import annotations

import random

import networkx as nx

from kommgraph.views.figure_layout import Point, graph_positions

FIGURE_LIMIT = 1000  # nodes
EXTENT = 1000.0


def positions(graph: nx.Graph[str], seed: int = 42) -> dict[str, Point]:
    """Seeded (x, y) for every node, in [-EXTENT, EXTENT], sorted by node."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() <= FIGURE_LIMIT:
        return _scaled(graph_positions(graph, seed))
    return _scaled(_grid_layout(graph, seed))


def _grid_layout(graph: nx.Graph[str], seed: int) -> dict[str, Point]:
    """igraph's Fruchterman-Reingold on a grid, with a private seeded random generator."""
    import igraph as ig

    nodes = sorted(graph.nodes)
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in graph.edges])
    weights = [float(d.get("weight", 1.0)) for *_e, d in graph.edges(data=True)]
    rng = random.Random(seed)
    start = [[rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in nodes]
    ig.set_random_number_generator(random.Random(seed))
    try:
        found = g.layout_fruchterman_reingold(weights=weights, seed=start, grid=True)
    finally:
        ig.set_random_number_generator(random)
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, found.coords, strict=True)}


def _scaled(placed: dict[str, Point]) -> dict[str, Point]:
    xs, ys = [x for x, _y in placed.values()], [y for _x, y in placed.values()]
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    factor = EXTENT / half
    return {
        v: (round((x - mid_x) * factor, 3), round((y - mid_y) * factor, 3))
        for v, (x, y) in sorted(placed.items())
    }
