"""Where the page draws each node: a seeded layout computed in Python, before the page opens.

The page used to lay itself out with vis-network's physics and then move every node
once more: at 2,000 nodes that froze the browser for minutes (one full redraw per
move). igraph's Fruchterman-Reingold runs in compiled code (0.5 s at 2,000 nodes and
28,000 edges, 4-6 s at 10,000 nodes and 149,000 edges; DrL took 10 s and 54 s), so
the page gets fixed positions and draws once. Each connected component is laid out
on its own and the components are packed in rows, largest first, so that small
islands do not fly off to the edges. The result depends only on the graph and the seed.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

import igraph as ig

if TYPE_CHECKING:
    from kommgraph.rdf.index import Index
import networkx as nx

SPACING = 60.0  # page units (pixels at zoom 1): the side of each node's share of the area
ROOM = 5.0  # at least this many mean node radii as SPACING
ASPECT = 1.45  # the drawing is as wide as a landscape screen; large components too
GAP = 1.5  # between packed components, in units of SPACING
KAMADA_KAWAI_LIMIT = 150  # nodes of a component: evenly spread by Kamada-Kawai after FR

Point = tuple[float, float]


def positions(
    graph: nx.Graph[str], seed: int = 42, sizes: Mapping[str, float] | None = None
) -> dict[str, Point]:
    """Node -> (x, y) in page units, y downwards; the same graph and seed give the same result.

    `sizes` are the radii the page draws: larger nodes get more room.
    """
    nodes = sorted(graph)
    if not nodes:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    # room for the nodes as drawn: the mean radius sets the distances
    mean = sum(sizes.get(v, 8.0) for v in nodes) / len(nodes) if sizes else 0.0
    spacing = max(SPACING, ROOM * mean)
    part_of = {v: i for i, part in enumerate(_components(graph, nodes)) for v in part}
    members: dict[int, list[str]] = defaultdict(list)
    for v in nodes:
        members[part_of[v]].append(v)
    ties: dict[int, list[tuple[str, str, float]]] = defaultdict(list)
    # in a fixed order: a subgraph's edges come in the order of a set of strings, which
    # changes from process to process (hash randomization), and igraph's result with it
    for a, b, weight in sorted(
        (min(a, b), max(a, b), float(data.get("weight") or 1.0))
        for a, b, data in graph.edges(data=True)
    ):
        ties[part_of[a]].append((a, b, math.sqrt(max(weight, 0.01))))
    order = sorted(members, key=lambda p: (-len(members[p]), index[members[p][0]]))
    rng = random.Random(seed)
    boxes = [_component(members[p], ties[p], rng, spacing) for p in order]
    extents = [(w, h) for _pts, w, h in boxes]
    corners = min(
        (_shelves(extents, width, spacing) for width in _widths(extents, spacing)),
        key=lambda found: abs(math.log(max(found[1], 1.0) / max(found[2], 1.0) / ASPECT)),
    )[0]
    placed: dict[str, Point] = {}
    for p, (local, _w, _h), (x, y) in zip(order, boxes, corners, strict=True):
        for v, (px, py) in zip(members[p], local, strict=True):
            placed[v] = (round(x + px, 1), round(y + py, 1))
    return dict(sorted(placed.items()))


def kept_positions(
    index: Index | None,
    graph: nx.Graph[str],
    seed: int = 42,
    sizes: Mapping[str, float] | None = None,
) -> dict[str, Point]:
    """`positions`, kept with the index under a digest of everything they depend on (the
    nodes with their sizes, the edges with their weights, the seed): a later drawing of
    the same network reads them instead of laying it out again (0.15 s at 300 nodes)."""
    if index is None:
        return positions(graph, seed, sizes)
    digest = hashlib.sha256(f"{seed}".encode())
    for v in sorted(graph):
        digest.update(f"\n{v}\t{(sizes or {}).get(v, '')!r}".encode())
    for a, b, weight in sorted(
        (min(a, b), max(a, b), data.get("weight")) for a, b, data in graph.edges(data=True)
    ):
        digest.update(f"\n{a}\t{b}\t{weight!r}".encode())
    name = f"layout-{digest.hexdigest()[:32]}"
    found = index.result(name)
    if isinstance(found, dict) and set(found) == set(graph):
        try:
            return {str(v): (float(x), float(y)) for v, (x, y) in found.items()}
        except (TypeError, ValueError):
            pass  # not what this version writes: laid out anew below
    placed = positions(graph, seed, sizes)
    index.keep_result(name, {v: list(p) for v, p in placed.items()})
    return placed


def _widths(sizes: list[tuple[float, float]], spacing: float) -> list[float]:
    """Row widths to try: from the widest component to everything in one row."""
    widest = max(w for w, _h in sizes)
    total = sum(w + GAP * spacing for w, _h in sizes)
    return [widest + (total - widest) * k / 12 for k in range(13)]


def _shelves(
    sizes: list[tuple[float, float]], row_width: float, spacing: float
) -> tuple[list[Point], float, float]:
    """Components in rows no wider than `row_width`: their top left corners, width, height."""
    corners, x, y, row_height, width = [], 0.0, 0.0, 0.0, 0.0
    for w, h in sizes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + GAP * spacing, 0.0
        corners.append((x, y))
        width = max(width, x + w)
        x, row_height = x + w + GAP * spacing, max(row_height, h)
    return corners, width, y + row_height


def _components(graph: nx.Graph[str], nodes: list[str]) -> list[set[str]]:
    seen: set[str] = set()
    out = []
    for v in nodes:
        if v not in seen:
            part = nx.node_connected_component(graph, v)
            seen |= part
            out.append(part)
    return out


def _component(
    members: list[str], ties: list[tuple[str, str, float]], rng: random.Random, spacing: float
) -> tuple[list[Point], float, float]:
    """One component laid out with its top left at (0, 0): (points in `members` order, w, h)."""
    if len(members) == 1:
        return [(0.0, 0.0)], 0.0, 0.0
    index = {v: i for i, v in enumerate(members)}
    # igraph's C layer (GraphBase): the same layouts as igraph.Graph's, without the
    # Python layer's import of numpy (0.1 s of a page's 1.6 s)
    sub = ig.GraphBase(len(members), [(index[a], index[b]) for a, b, _w in ties])
    weights = [w for _a, _b, w in ties]
    # igraph's own random start, from a private generator: a start matrix in a small box
    # defeats its grid of cells (18 s instead of 4 s at 10,000 nodes)
    ig.set_random_number_generator(random.Random(rng.random()))
    try:
        coords = (
            sub.layout_kamada_kawai(seed=sub.layout_fruchterman_reingold(weights=weights))
            if len(members) <= KAMADA_KAWAI_LIMIT
            else sub.layout_fruchterman_reingold(weights=weights, niter=500)
        )
    finally:
        ig.set_random_number_generator(random)
    points = [(float(p[0]), float(p[1])) for p in coords]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    # the area grows with the number of nodes, and with the ties among them (up to 3x)
    crowd = min(max(2 * len(ties) / len(members) / 4, 1.0), 3.0)
    side = spacing * math.sqrt(len(members) * crowd)
    stretch = math.sqrt(ASPECT) if len(members) > 20 else 1.0
    sx, sy = side * stretch / span, side / stretch / span
    left, top = min(xs), min(ys)
    out = [((p[0] - left) * sx, (p[1] - top) * sy) for p in points]
    return out, (max(xs) - left) * sx, (max(ys) - top) * sy
