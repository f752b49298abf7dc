"""Communities of a collaboration network (Leiden or Louvain), their topics and the bridges.

The partition itself is computed in compiled code (`kommgraph.network.grouping`);
here communities are ordered (largest first), their most central members and
dominant topics named, and the actors whose ties spread over several
communities listed with their participation coefficient. Every ordering has
a deterministic tie-break (name, then IRI).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kommgraph.bulk import bulk
from kommgraph.network.evidence import Evidence
from kommgraph.network.filters import NO_FILTERS, Filters
from kommgraph.network.rule import active_participations
from kommgraph.tables import Row, Tabular
from kommgraph.vocab import AgentNetwork, CommunityMethod

if TYPE_CHECKING:
    import networkx as nx

SEED = 42


@dataclass(frozen=True, slots=True)
class Community:
    index: int
    members: tuple[tuple[str, str], ...]  # (iri, label), most central first
    central: tuple[tuple[str, str], ...]
    topics: tuple[tuple[str, int], ...]  # (topic label, events)


@dataclass(frozen=True, slots=True)  # thousands per result: slots halve the cost
class Bridge:
    iri: str
    label: str
    communities: tuple[int, ...]
    participation: float  # 1 - sum((k_c / k)^2): 0 inside one community, high for brokers


@dataclass(frozen=True)
class CommunityResult(Tabular):
    """The communities of one network, largest first, and the bridges between them.

    As a table, one row per member: community (numbered from 1, largest first),
    size, iri, label, central (among the five most central of its community),
    participation (the bridge's participation coefficient; 0.0 for an actor whose
    ties stay inside its community).
    """

    method: CommunityMethod
    modularity: float
    communities: tuple[Community, ...]
    bridges: tuple[Bridge, ...] = field(default_factory=tuple)
    network: AgentNetwork = "actors"
    filters: Filters = NO_FILTERS

    def columns(self) -> tuple[str, ...]:
        return ("community", "size", "iri", "label", "central", "participation")

    def to_dicts(self) -> list[Row]:
        bridging = {b.iri: b.participation for b in self.bridges}
        return [
            {
                "community": c.index,
                "size": len(c.members),
                "iri": iri,
                "label": label,
                "central": (iri, label) in c.central,
                "participation": bridging.get(iri, 0.0),
            }
            for c in self.communities
            for iri, label in c.members
        ]

    def caption(self) -> str:
        return (
            f"{len(self.communities)} communities in the {self.network} network "
            f"({self.filters.describe()}; {self.method}, modularity {self.modularity:.3f})"
        )


@bulk
def communities(
    graph: nx.Graph[str],
    evidence: Evidence | None = None,
    filters: Filters = NO_FILTERS,
    *,
    method: CommunityMethod = "leiden",
    seed: int = SEED,
    resolution: float = 1.0,
) -> CommunityResult:
    """Communities (Leiden or Louvain, seeded), modularity, central members, topics, bridges."""
    import numpy as np

    from kommgraph.network import grouping

    found = grouping.partition(graph, method, seed, resolution)
    label: dict[str, Any] = {v: text for v, text in graph.nodes(data="label")}
    names = [v if label.get(v) is None else str(label[v]) for v in found.nodes]
    # Ties are broken by name, then IRI: one string sort gives every vertex its rank,
    # and each ordering below is a numpy sort on numbers (17,000 members and 15,000
    # bridges at 10,000 events).
    keys = list(zip(map(str.casefold, names), found.nodes, strict=True))
    by_name = sorted(range(len(names)), key=keys.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[by_name] = np.arange(len(names))
    strength = found.strength
    # every vertex in order of centrality once; each community then lists its members
    # in that order
    central: list[int] = np.lexsort((rank, -strength)).tolist()
    parts: dict[int, list[int]] = defaultdict(list)
    for vertex in central:
        parts[found.membership[vertex]].append(vertex)
    ordered = sorted(parts.values(), key=lambda members: (-len(members), int(rank[members[0]])))
    membership = [0] * len(found.nodes)
    for index, members in enumerate(ordered, start=1):
        for vertex in members:
            membership[vertex] = index
    modularity = grouping.modularity(found, membership)
    events_of = _active_events(evidence, filters) if evidence else {}
    result = []
    for index, members in enumerate(ordered, start=1):
        iris = [found.nodes[i] for i in members]
        topics = _topics_of(iris, evidence, events_of) if evidence else []
        result.append(
            Community(
                index,
                tuple(zip(iris, [names[i] for i in members], strict=True)),
                tuple((found.nodes[i], names[i]) for i in members[:5]),
                tuple(topics[:5]),
            )
        )
    found_bridges = grouping.bridging(found, membership)
    vertices = found_bridges.vertices
    participation = [round(p, 6) for p in found_bridges.participation]
    order = np.lexsort((rank[vertices], -np.asarray(participation, dtype=float))).tolist()
    bridges = [
        Bridge(
            found.nodes[vertices[k]],
            names[vertices[k]],
            found_bridges.communities[k],
            participation[k],
        )
        for k in order
    ]
    return CommunityResult(method, round(modularity, 6), tuple(result), tuple(bridges))


def _active_events(evidence: Evidence, filters: Filters) -> dict[str, set[str]]:
    """agent -> events where its participation counts (computed once for all communities)."""
    events_of: dict[str, set[str]] = defaultdict(set)
    for _p, agent, event, _role in active_participations(evidence, filters):
        events_of[agent].add(event)
    return events_of


def _topics_of(
    members: list[str], evidence: Evidence, events_of: dict[str, set[str]]
) -> list[tuple[str, int]]:
    """The topics of the events the members were active in, each event counted once."""
    # maps and chains instead of generator expressions: the communities of a large
    # network cover every active participation once
    nothing: frozenset[str] = frozenset()
    events = set().union(*map(events_of.get, members, itertools.repeat(nothing)))
    topics = evidence.event_direct_topics
    counts = Counter(itertools.chain.from_iterable(map(topics.__getitem__, events & topics.keys())))
    return sorted(
        ((evidence.topics.get(t, t), n) for t, n in counts.items()), key=lambda x: (-x[1], x[0])
    )
