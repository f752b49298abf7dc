"""Measures and communities computed once per index and kept beside it.

All centralities of a network take seconds to minutes on a large graph; the
answer only changes with the data, so a graph opened from the persistent index
keeps what it computed in the index's `results/` (JSON, keyed by network,
filters and method), and `centrality`, `viz` and `export` of later commands
read it back instead of computing. Without an index they are computed as
before. A cached answer is a plain value: scores, labels and IRIs, never code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from kommgraph.network.centrality import (
    CentralityResult,
    CentralityRow,
    centrality,
    ranked_known,
)
from kommgraph.network.communities import Bridge, Community, CommunityResult, communities
from kommgraph.network.filters import Filters
from kommgraph.rdf.index import Index
from kommgraph.vocab import METRICS, AgentNetwork, CommunityMethod, Metric, Network

if TYPE_CHECKING:
    import networkx as nx

    from kommgraph.network.evidence import Evidence


def filters_key(filters: Filters, via_people: bool) -> str:
    """A stable name for filters (frozensets print in no fixed order)."""
    words = [
        filters.since or "",
        filters.until or "",
        filters.topic or "",
        *sorted(filters.event_kinds),
        "|",
        *sorted(filters.roles),
        str(via_people),
    ]
    return hashlib.sha256("\n".join(words).encode()).hexdigest()[:16]


def _kept_measures(
    index: Index | None, network: Network, filters: Filters, via_people: bool
) -> tuple[str, object]:
    """The name every node's measures are kept under, and what is kept there (or None)."""
    name = f"centrality-{network}-{filters_key(filters, via_people)}"
    return name, index.result(name) if index is not None else None


def cached_centrality(
    index: Index | None,
    graph: Callable[[], nx.Graph[str]],
    network: Network,
    filters: Filters,
    via_people: bool,
    metric: Metric,
    progress: Callable[[float], None] | None = None,
) -> CentralityResult:
    """Every measure of the network (`graph()` builds it only when needed), sorted by `metric`."""
    name, found = _kept_measures(index, network, filters, via_people)
    if isinstance(found, dict):
        try:
            return _centrality_from(found, metric)
        except (KeyError, TypeError, ValueError):
            pass  # not what this version writes: computed anew below
    result = centrality(graph(), metric, progress)
    if index is not None:
        index.keep_result(name, _centrality_data(result))
    return result


def cached_scores(
    index: Index | None,
    graph: Callable[[], nx.Graph[str]],
    network: Network,
    filters: Filters,
    via_people: bool,
    progress: Callable[[float], None] | None = None,
) -> dict[str, dict[str, float]]:
    """Every node's measures by IRI: read straight from what `cached_centrality` keeps (a
    page needs no sorted table of 17,000 rows), else computed and kept by it."""
    _name, found = _kept_measures(index, network, filters, via_people)
    if isinstance(found, dict):
        try:
            return {
                str(iri): dict(zip(METRICS, map(float, scores), strict=True))
                for iri, _label, _kind, scores in found["rows"]
            }
        except (KeyError, TypeError, ValueError):
            pass  # not what this version writes: computed anew below
    result = cached_centrality(
        index, graph, network, filters, via_people, "weighted_degree", progress
    )
    return {r.iri: r.scores for r in result.rows}


def cached_ranking(
    index: Index | None,
    scores: Callable[[], Mapping[str, Mapping[str, float]]],
    labels: Callable[[], Mapping[str, str]],
    network: Network,
    filters: Filters,
    via_people: bool,
    metric: Metric,
) -> list[tuple[str, float]]:
    """The nodes most central by `metric` first, with their scores (`ranked_known`), kept
    once per index: a page of a large network reads one list instead of every measure
    of every node and sorting them."""
    name = f"ranking-{network}-{filters_key(filters, via_people)}-{metric}"
    found = index.result(name) if index is not None else None
    if isinstance(found, dict):
        try:
            nodes, values = found["nodes"], found["scores"]
            return [(str(v), float(x)) for v, x in zip(nodes, values, strict=True)]
        except (KeyError, TypeError, ValueError):
            pass  # not what this version writes: computed anew below
    ranked = ranked_known(labels(), metric, scores())
    if index is not None:
        index.keep_result(
            name, {"nodes": [v for v, _x in ranked], "scores": [x for _v, x in ranked]}
        )
    return ranked


def _centrality_data(result: CentralityResult) -> dict[str, Any]:
    return {
        "note": result.note,
        "rows": [[r.iri, r.label, r.kind, [r.scores[m] for m in METRICS]] for r in result.rows],
    }


def _centrality_from(data: dict[str, Any], metric: Metric) -> CentralityResult:
    rows = [
        CentralityRow(
            str(iri), str(label), str(kind), dict(zip(METRICS, map(float, scores), strict=True))
        )
        for iri, label, kind, scores in data["rows"]
    ]
    rows.sort(key=lambda r: (-r.scores[metric], r.label.casefold(), r.iri))
    return CentralityResult(tuple(rows), metric, str(data["note"]))


def cached_communities(
    index: Index | None,
    graph: Callable[[], nx.Graph[str]],
    evidence: Callable[[], Evidence],
    network: AgentNetwork,
    filters: Filters,
    via_people: bool,
    method: CommunityMethod,
    seed: int,
    resolution: float,
) -> CommunityResult:
    """The communities of the network, computed once per index and method."""
    key = f"{filters_key(filters, via_people)}-{method}-{seed}-{resolution!r}"
    name = f"communities-{network}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
    found = index.result(name) if index is not None else None
    if isinstance(found, dict):
        try:
            return _communities_from(found)
        except (KeyError, TypeError, ValueError):
            pass
    result = communities(
        graph(), evidence(), filters, method=method, seed=seed, resolution=resolution
    )
    if index is not None:
        index.keep_result(name, _communities_data(result))
    return result


def _communities_data(result: CommunityResult) -> dict[str, Any]:
    return {
        "method": result.method,
        "modularity": result.modularity,
        "communities": [
            [
                c.index,
                [list(m) for m in c.members],
                [list(m) for m in c.central],
                [list(t) for t in c.topics],
            ]
            for c in result.communities
        ],
        "bridges": [[b.iri, b.label, list(b.communities), b.participation] for b in result.bridges],
    }


def _communities_from(data: dict[str, Any]) -> CommunityResult:
    def pairs(items: list[list[Any]]) -> tuple[tuple[str, str], ...]:
        return tuple((str(a), str(b)) for a, b in items)

    found = tuple(
        Community(
            int(index),
            pairs(members),
            pairs(central),
            tuple((str(label), int(n)) for label, n in topics),
        )
        for index, members, central, topics in data["communities"]
    )
    bridges = tuple(
        Bridge(str(iri), str(label), tuple(int(c) for c in parts), float(share))
        for iri, label, parts, share in data["bridges"]
    )
    method: CommunityMethod = "louvain" if data["method"] == "louvain" else "leiden"
    return CommunityResult(method, float(data["modularity"]), found, bridges)
