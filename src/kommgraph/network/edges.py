"""All collaboration edges under some filters: event trees paired, relations and people added.

The one entry point for computing collaboration: the API, the projections
and the benchmarks call `collaborations`, which runs the pairing of
`kommgraph.network.collaboration` and the additions of
`kommgraph.network.lifting` and returns the edges in a fixed order.
"""

from __future__ import annotations

from collections.abc import Callable

from kommgraph.bulk import bulk
from kommgraph.network.collaboration import EXACT_SUMS, Collaboration, pair_event_trees
from kommgraph.network.evidence import Evidence
from kommgraph.network.filters import NO_FILTERS, Filters
from kommgraph.network.lifting import add_relations, add_via_people


@bulk
def collaborations(
    evidence: Evidence,
    filters: Filters = NO_FILTERS,
    *,
    via_people: bool = False,
    only: str | None = None,
    progress: Callable[[float], None] | None = None,
) -> dict[tuple[str, str], Collaboration]:
    """All collaboration edges with weights and evidence, keyed by (a, b), a < b.

    `only` restricts the work to the edges of one agent (what `collab` needs);
    with `via_people` the edges of its people are needed too, so it is ignored.
    `progress` is called with the share of the event trees done (summing to 1).
    """
    if via_people:
        only = None
    found = pair_event_trees(evidence, filters, only=only, progress=progress)
    add_relations(evidence, found, filters, only)
    if via_people:
        add_via_people(evidence, found)
    edges = {key: found[key] for key in sorted(found)}
    if not EXACT_SUMS:
        for edge in edges.values():
            edge.weight = round(edge.weight, 6)
    return edges


EdgeKey = tuple[Filters, bool]


class EdgeCache:
    """The edges of one evidence, computed once per (filters, via_people), and indexed by actor."""

    def __init__(self) -> None:
        self._edges: dict[EdgeKey, dict[tuple[str, str], Collaboration]] = {}
        self._by_actor: dict[EdgeKey, dict[str, list[tuple[str, str]]]] = {}

    def __contains__(self, key: EdgeKey) -> bool:
        return key in self._edges

    @bulk
    def edges(
        self,
        evidence: Evidence,
        key: EdgeKey,
        progress: Callable[[float], None] | None = None,
    ) -> dict[tuple[str, str], Collaboration]:
        """All collaboration edges under these filters."""
        if key not in self._edges:
            self._edges[key] = collaborations(
                evidence, key[0], via_people=key[1], progress=progress
            )
        return self._edges[key]

    @bulk
    def by_actor(self, evidence: Evidence, key: EdgeKey) -> dict[str, list[tuple[str, str]]]:
        """The keys of every actor's edges (built when `collab` first needs them)."""
        if key not in self._by_actor:
            index: dict[str, list[tuple[str, str]]] = {}
            for pair in self.edges(evidence, key):
                index.setdefault(pair[0], []).append(pair)
                index.setdefault(pair[1], []).append(pair)
            self._by_actor[key] = index
        return self._by_actor[key]
