"""All collaboration edges under some filters: event trees paired, relations and people added.

The one entry point for computing collaboration: the API, the projections
and the benchmarks call `collaborations`, which runs the pairing of
`kommgraph.network.collaboration` and the additions of
`kommgraph.network.lifting` and returns the edges in a fixed order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kommgraph.bulk import bulk
from kommgraph.network.collaboration import EXACT_SUMS, Collaboration, pair_event_trees
from kommgraph.network.evidence import Evidence
from kommgraph.network.filters import NO_FILTERS, Filters
from kommgraph.network.lifting import add_relations, add_via_people
from kommgraph.progress import bar


@bulk
def collaborations(
    evidence: Evidence,
    filters: Filters = NO_FILTERS,
    *,
    via_people: bool = False,
    only: str | None = None,
    among: frozenset[str] | None = None,
    progress: Callable[[float], None] | None = None,
) -> dict[tuple[str, str], Collaboration]:
    """All collaboration edges with weights and evidence, keyed by (a, b), a < b.

    `only` restricts the work to the edges of one agent (what `collab` needs),
    `among` to the edges between these agents; with `via_people` the edges of
    people are needed too, so both are ignored.
    `progress` is called with the share of the event trees done (summing to 1).
    """
    if via_people:
        only, among = None, None
    found = pair_event_trees(evidence, filters, only=only, among=among, progress=progress)
    add_relations(evidence, found, filters, only)
    if among is not None:
        found = {key: edge for key, edge in found.items() if key[0] in among and key[1] in among}
    if via_people:
        add_via_people(evidence, found)
    edges = {key: found[key] for key in sorted(found)}
    if not EXACT_SUMS:
        for edge in edges.values():
            edge.weight = round(edge.weight, 6)
    return edges


EdgeKey = tuple[Filters, bool]


class EdgeCache:
    """The edges of one graph, computed once per (filters, via_people), indexed by actor.

    `evidence` gives the evidence of the whole graph (fetched on first call),
    `fetched` says whether it is fetched already, and `partial` fetches only the
    event trees one actor is active in: what one actor's question needs when
    the whole graph was not asked for.
    """

    def __init__(
        self,
        evidence: Callable[[], Evidence],
        fetched: Callable[[], bool],
        partial: Callable[[str], Evidence],
    ) -> None:
        self._evidence, self._fetched, self._partial = evidence, fetched, partial
        self._edges: dict[EdgeKey, dict[tuple[str, str], Collaboration]] = {}
        self._by_actor: dict[EdgeKey, dict[str, list[tuple[str, str]]]] = {}

    def __contains__(self, key: EdgeKey) -> bool:
        """Whether the edges under these filters are computed already."""
        return key in self._edges

    @bulk
    def all(self, key: EdgeKey) -> dict[tuple[str, str], Collaboration]:
        """All collaboration edges under these filters."""
        if key not in self._edges:
            evidence = self._evidence()
            with bar("Pairing collaborators by event tree", 1.0) as advance:
                self._edges[key] = collaborations(
                    evidence, key[0], via_people=key[1], progress=advance
                )
        return self._edges[key]

    @bulk
    def of_actor(
        self, actor: str, key: EdgeKey
    ) -> tuple[Mapping[tuple[str, str], Collaboration], list[tuple[str, str]], Evidence]:
        """One actor's edges, their keys, and the evidence they come from.

        From all edges when they are computed already (or the people's edges are
        needed); else only the event trees the actor is active in are fetched and
        paired: milliseconds on a graph of millions of triples.
        """
        if key in self._edges or key[1]:
            edges, evidence = self.all(key), self._evidence()
            if key not in self._by_actor:
                index: dict[str, list[tuple[str, str]]] = {}
                for pair in edges:
                    index.setdefault(pair[0], []).append(pair)
                    index.setdefault(pair[1], []).append(pair)
                self._by_actor[key] = index
            return edges, self._by_actor[key].get(actor, []), evidence
        evidence = self._evidence() if self._fetched() else self._partial(actor)
        found = collaborations(evidence, key[0], only=actor)
        return found, list(found), evidence
