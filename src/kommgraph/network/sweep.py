"""Betweenness and closeness in one sweep over the source nodes, spread over the cores.

Both measures are sums over shortest-path searches from source nodes (all
nodes when exact, a seeded sample when estimated): the betweenness adds each
source's dependencies, the closeness each source's distances. The sources are
split into chunks, and each chunk is done once for both measures, by a pool of
processes (one per core; forked, so the graph is shared rather than copied),
with progress after each chunk. igraph does the searches in C.

Definitions are networkx's: betweenness normalized over (n-1)(n-2)/2 pairs,
distances `1 / weight` (the graph's `distance` attribute); Wasserman-Faust
closeness for graphs that are not connected.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence

import igraph as ig
import numpy as np

CHUNK = 16  # sources per task: enough work per task, fine enough for progress
PARALLEL_WORK = 2_000_000  # sources x edges below which one process is faster

_GRAPH: ig.Graph | None = None  # the graph the forked workers share


def _chunk(sources: Sequence[int]) -> tuple[list[float], np.ndarray, np.ndarray]:
    """Raw betweenness summed over these sources, and their distance totals and counts."""
    g = _GRAPH
    assert g is not None
    raw = g.betweenness(directed=False, weights="distance", sources=list(sources))
    distances = np.asarray(g.distances(source=list(sources), weights="distance"), dtype=float)
    reachable = np.isfinite(distances) & (distances > 0)
    return raw, np.where(reachable, distances, 0.0).sum(axis=0), reachable.sum(axis=0)


def _quiet_worker() -> None:
    """A worker leaves signals to the parent: it is stopped, it does not report."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _workers(tasks: int, work: int) -> int:
    if work < PARALLEL_WORK or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, tasks))


def sweep(
    g: ig.Graph, sources: Sequence[int], progress: Callable[[float], None] | None = None
) -> tuple[list[float], list[float]]:
    """(betweenness, closeness) of every vertex; exact when `sources` is empty."""
    global _GRAPH  # noqa: PLW0603 - shared with forked workers, set only here
    advance = progress or (lambda _share: None)
    n = g.vcount()
    if n < 2:
        advance(1.0)
        return [0.0] * n, [0.0] * n
    chosen = list(sources) or list(range(n))
    chunks = [chosen[i : i + CHUNK] for i in range(0, len(chosen), CHUNK)]
    raw = np.zeros(n)
    total = np.zeros(n)
    count = np.zeros(n)
    _GRAPH = g
    try:
        workers = _workers(len(chunks), len(chosen) * max(g.ecount(), 1))
        if workers == 1:
            results = map(_chunk, chunks)
            for found in results:
                raw += found[0]
                total += found[1]
                count += found[2]
                advance(1 / len(chunks))
        else:
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_quiet_worker)
            try:
                for found in pool.imap_unordered(_chunk, chunks):
                    raw += found[0]
                    total += found[1]
                    count += found[2]
                    advance(1 / len(chunks))
                pool.close()  # the workers end by themselves: no SIGTERM, nothing to report
            except BaseException:
                pool.terminate()
                raise
            finally:
                pool.join()
    finally:
        _GRAPH = None
    return _betweenness(g, raw, len(chosen)), _closeness(g, total, count, bool(sources))


def _betweenness(g: ig.Graph, raw: np.ndarray, used: int) -> list[float]:
    """Normalized like networkx; an estimate from `used` sources is scaled up to all n."""
    n = g.vcount()
    if n < 3 or g.ecount() == 0:
        return [0.0] * n
    scale = 2.0 / ((n - 1) * (n - 2)) * n / used  # igraph counts an undirected pair once
    return [float(b) for b in raw * scale]


def _closeness(g: ig.Graph, total: np.ndarray, count: np.ndarray, sampled: bool) -> list[float]:
    """Wasserman-Faust closeness: (r-1)/sum(d) * (r-1)/(n-1), r = reachable nodes."""
    n = g.vcount()
    membership = np.asarray(g.connected_components().membership)
    reach = np.bincount(membership)[membership].astype(float)
    factor = (reach - 1) / (n - 1)
    estimate = np.zeros(n)
    seen = count > 0
    estimate[seen] = count[seen] / total[seen]
    if sampled:  # nodes of components no sample reached: exactly (cheap, small components)
        missing = [int(v) for v in np.flatnonzero(~seen & (reach > 1))]
        if missing:
            exact = g.closeness(vertices=missing, weights="distance", normalized=True)
            estimate[missing] = np.nan_to_num(np.asarray(exact, dtype=float))
    return [float(x) for x in estimate * factor]
