"""Centrality measures computed in compiled code (igraph, scipy), exact or sampled.

networkx's pure-Python shortest paths make exact betweenness and closeness
take minutes on a few thousand actors; igraph runs the same algorithms in C.
PageRank is a sparse linear solve (scipy, `_pagerank`).
Values follow networkx's definitions (normalized betweenness, Wasserman-Faust
closeness for disconnected graphs, unit-norm eigenvector per component), so
results do not depend on which library computed them. Above
`EXACT_WORK_LIMIT` (nodes x edges) betweenness and closeness are estimated
from `SAMPLES` seeded source nodes, and the note says so.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import chain, compress
from operator import itemgetter, methodcaller
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
from scipy import sparse

from kommgraph.network.sweep import sweep

__all__ = [
    "EXACT_WORK_LIMIT",
    "SAMPLES",
    "SEED",
    "EdgeLists",
    "Measures",
    "add_distance",
    "compute",
    "edge_lists",
    "from_edge_lists",
    "ig",
    "strength",
    "to_igraph",
]

EXACT_WORK_LIMIT = 50_000_000  # nodes x edges; about 2 s of exact betweenness here
SAMPLES = 256
SEED = 42


@dataclass(frozen=True)
class Measures:
    """Every measure per node id, and how betweenness/closeness were computed."""

    scores: dict[str, dict[str, float]]
    note: str


@dataclass(frozen=True)
class EdgeLists:
    """A network as vertex ids and parallel edge columns: what igraph and numpy take in."""

    nodes: list[str]  # vertex i is nodes[i], in sorted id order
    source: np.ndarray  # each tie once, source <= target (int64)
    target: np.ndarray
    weight: np.ndarray  # float64, 1.0 where a tie has no weight


def edge_lists(graph: nx.Graph[str]) -> EdgeLists:
    """Each tie of a networkx graph once, by vertex number.

    Reading 200,000 ties out of networkx's dicts is memory-bound (every
    neighbour is a hash lookup in a different place), so the loops run in C:
    `map` over each adjacency dict, numpy to keep each tie from its
    lower-numbered end, and only those ties' attribute dicts are read.
    """
    nodes = sorted(graph)
    index = dict(zip(nodes, range(len(nodes)), strict=True))
    number = index.__getitem__
    # a dict of (views of) neighbour dicts, for subgraph views too
    adjacency: dict[str, Mapping[str, dict[str, Any]]] = dict(graph.adjacency())
    counts = np.fromiter(map(len, adjacency.values()), np.int64, count=len(adjacency))
    owners = np.fromiter(map(number, adjacency), np.int64, count=len(adjacency))
    size = int(counts.sum())
    neighbours = chain.from_iterable(map(partial(map, number), adjacency.values()))
    target = np.fromiter(neighbours, np.int64, count=size)
    source = np.repeat(owners, counts)
    keep = source <= target
    kept = int(np.count_nonzero(keep))

    def attributes() -> Iterator[dict[str, Any]]:
        every = chain.from_iterable(map(_VALUES, adjacency.values()))
        return compress(every, keep.tolist())

    try:
        weight = np.fromiter(map(_WEIGHT, attributes()), float, count=kept)
    except (KeyError, TypeError, ValueError):  # a tie without a number as weight
        weight = np.fromiter((d.get("weight") or 1.0 for d in attributes()), float, count=kept)
    weight[weight == 0] = 1.0  # as `data.get("weight") or 1.0` did
    return EdgeLists(nodes, source[keep], target[keep], weight)


_WEIGHT = itemgetter("weight")
_VALUES = methodcaller("values")


def from_edge_lists(lists: EdgeLists) -> ig.Graph:
    """The igraph graph of `edge_lists`, with the attribute `weight`."""
    ends = zip(lists.source.tolist(), lists.target.tolist(), strict=True)
    converted = ig.Graph(n=len(lists.nodes), edges=ends)
    converted.es["weight"] = lists.weight.tolist()
    return converted


def to_igraph(graph: nx.Graph[str]) -> tuple[ig.Graph, list[str]]:
    """The graph in igraph form, vertices in sorted id order, with a weight per edge.

    Shortest-path measures also need `add_distance`; communities do not, so the
    conversion leaves it out.
    """
    lists = edge_lists(graph)
    return from_edge_lists(lists), lists.nodes


def add_distance(g: ig.Graph) -> ig.Graph:
    """Give every edge the length 1/weight that shortest-path measures walk (1 if unweighted)."""
    array = np.asarray(g.es["weight"], dtype=float)
    positive = array > 0
    distance = np.ones_like(array)
    np.divide(1.0, array, out=distance, where=positive)
    g.es["distance"] = distance.tolist()
    return g


def strength(lists: EdgeLists) -> np.ndarray:
    """Weighted degree: the sum of each vertex's tie weights (a self-loop's twice, as in networkx).

    Summed by numpy from the tie columns: igraph's `strength` first copies the
    weight attribute (a Python list) into C, which takes four times as long.
    """
    n = len(lists.nodes)
    return np.bincount(lists.source, lists.weight, minlength=n) + np.bincount(
        lists.target, lists.weight, minlength=n
    )


def compute(
    graph: nx.Graph[str],
    *,
    samples: int | None = None,
    seed: int = SEED,
    progress: Callable[[float], None] | None = None,
) -> Measures:
    """Degree, weighted degree, betweenness, closeness, eigenvector and PageRank.

    `progress` is called with shares of the work (adding up to 1).
    """
    advance = progress or (lambda _share: None)
    lists = edge_lists(graph)
    g, nodes = add_distance(from_edge_lists(lists)), lists.nodes
    n, m = g.vcount(), g.ecount()
    samples = SAMPLES if samples is None else samples
    exact = n * m <= EXACT_WORK_LIMIT
    rng = random.Random(seed)
    sources = sorted(rng.sample(range(n), min(samples, n))) if not exact else []
    betweenness, closeness = sweep(g, sources, lambda share: advance(share * 0.9))
    eigenvector = _eigenvector(g)
    pagerank = _pagerank(lists)
    advance(0.1)
    note = "exact betweenness and closeness"
    if not exact:
        k = len(sources)
        note = (
            f"betweenness and closeness estimated from k={k} of {n} source nodes "
            f"(seed {seed}) because the network has {n} nodes and {m} edges; "
            f"expected relative error about 1/sqrt(k) = {1 / k**0.5:.0%} for central nodes"
        )
    columns = {
        "degree": [float(d) for d in g.degree()],
        "weighted_degree": strength(lists).tolist(),
        "betweenness": betweenness,
        "closeness": closeness,
        "eigenvector": eigenvector,
        "pagerank": pagerank,
    }
    scores = {
        node: {name: float(values[i]) for name, values in columns.items()}
        for i, node in enumerate(nodes)
    }
    return Measures(scores, note)


DAMPING = 0.85
PAGERANK_TOLERANCE = 1e-8  # relative residual; networkx's default leaves errors of 1-15 %


def _pagerank(lists: EdgeLists) -> list[float]:
    """PageRank as networkx defines it (damping 0.85, a tie-less node's rank spread evenly).

    On an undirected network the PageRank equations are a symmetric positive
    definite system once scaled by the square roots of the weighted degrees:
    (I - a D^-1/2 A D^-1/2) y = D^-1/2 / n, x = D^1/2 y normalized. Conjugate
    gradients solve it in about 25 sparse products whatever the size (the
    condition number is at most (1 + a) / (1 - a)), in 55-90 % of the time of
    igraph's PRPACK, and to 1e-8 where networkx's default stops at a 1-15 %
    error on single nodes. A node without ties is its own block: y = 1/n.
    """
    n = len(lists.nodes)
    if n < 2 or len(lists.source) == 0:  # (scipy's 1 x 1 product is a scalar, not a vector)
        return [1.0 / n] * n if n else []
    source, target, weight = lists.source, lists.target, lists.weight
    two = source != target  # a self-loop is one entry of A, as in networkx
    rows = np.concatenate((source, target[two]))
    cols = np.concatenate((target, source[two]))
    values = np.concatenate((weight, weight[two]))
    degree = np.bincount(rows, values, minlength=n)
    linked = degree > 0
    root = np.sqrt(degree)
    inverse = np.zeros(n)
    np.divide(1.0, root, out=inverse, where=linked)
    # COO, not CSR: building CSR costs as much as the whole solve at 1,000 events
    scaled = sparse.coo_array((values * inverse[rows] * inverse[cols], (rows, cols)), shape=(n, n))
    b = np.where(linked, inverse, 1.0) / n
    y = b.copy()
    residual = DAMPING * (scaled @ y)
    direction = residual.copy()
    # einsum, not BLAS dot: OpenBLAS threads keep spinning after a call (see _eigenvector)
    squared = np.einsum("i,i", residual, residual)
    stop = PAGERANK_TOLERANCE**2 * np.einsum("i,i", b, b)
    for _ in range(10 * n):  # converges in far fewer; bounded for safety
        if squared <= stop:
            break
        product = direction - DAMPING * (scaled @ direction)
        step = squared / np.einsum("i,i", direction, product)
        y += step * direction
        residual -= step * product
        previous, squared = squared, np.einsum("i,i", residual, residual)
        direction = residual + (squared / previous) * direction
    x = np.where(linked, root * y, y)
    ranks: list[float] = (x / x.sum()).tolist()
    return ranks


def _eigenvector(g: ig.Graph) -> list[float]:
    """Per connected component (undefined across components), unit norm, scaled by its share."""
    n = g.vcount()
    out = np.zeros(n)
    for members in g.connected_components():
        size = len(members)
        if size < 2:
            continue
        if size == 2:
            values = np.array([1.0, 1.0]) / np.sqrt(2.0)
        else:
            sub = g.induced_subgraph(members)
            values = np.abs(np.asarray(sub.eigenvector_centrality(weights="weight"), dtype=float))
            # not np.linalg.norm: a BLAS call leaves OpenBLAS threads spinning for
            # ~0.1 s, which slows the compiled code that runs next (PageRank 30 -> 120 ms)
            norm = math.sqrt(float(np.square(values).sum()))
            values = values / norm if norm else values
        out[members] = values * (size / n)
    return [float(x) for x in out]
