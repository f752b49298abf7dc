"""One actor's unfiltered edges read from an index, their evidence spelled out by rank.

`collab` for a hub (an organization with thousands of collaborators) lists every
collaborator's weight and shared events, but as text spells out the evidence of
the strongest only. The index keeps each edge's weight, count and event IRIs
(`kommgraph.network.graph_tables`), so the list is one indexed read. Evidence
is found when an edge's is first read: for the `BATCH` strongest edges (and the
one asked for) by pairing only the event trees behind those edges, with only
those collaborators' participations read (a hub's trees hold thousands of
others'); for any edge beyond, from all of the actor's evidence at once. Either
way the edges are the ones pairing gives (tested).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial

from kommgraph.network.collaboration import Collaboration, SharedEvent
from kommgraph.network.evidence import AgentInfo, Quote

BATCH = 100  # as many as `collab` spells out as text

Pair = tuple[str, str]
Agents = Mapping[str, AgentInfo]
# the actor's edges found by pairing: the evidence of these edges' actors in the trees of
# these events, or all of the actor's evidence (None, None)
Pairing = Callable[[list[Pair] | None, list[str] | None], Mapping[Pair, Collaboration]]


def ranked(
    actor: str, rows: Iterable[tuple[str, str, float, *tuple[object, ...]]], agents: Agents
) -> list[Pair]:
    """The pairs of rows (a, b, weight, ...) in the order of the answer: strongest first,
    ties by the other's label (casefolded), then its IRI."""
    found = []
    for row in rows:
        a, b, weight = row[0], row[1], row[2]
        other = b if a == actor else a
        info = agents.get(other)
        found.append((-weight, (info.label if info else other).casefold(), other, a, b))
    found.sort()
    return [(key[3], key[4]) for key in found]


class ActorEdges(Mapping[Pair, Collaboration]):
    """The edges of `actor` from rows (a, b, weight, count, row), explained by rank.

    `order` is the rank of the pairs (the answer's order); `pairing` finds the
    actor's edges from the evidence of some edges or of all; `event_ids` gives
    the events' IRIs of some rows.
    """

    def __init__(
        self,
        actor: str,
        rows: list[tuple[str, str, float, int, int]],
        order: list[Pair],
        pairing: Pairing,
        event_ids: Callable[[list[int]], list[str]],
    ) -> None:
        self.actor = actor
        self._order = order
        self._pairing = pairing
        self._event_ids = event_ids
        self._edges: dict[Pair, Collaboration] = {}
        self._done: dict[Pair, Collaboration] = {}
        self._batched = False
        self._rows: dict[Pair, int] = {}  # the rows whose events' IRIs are read when explained
        made, explain = Collaboration.deferred, self._explain
        for a, b, weight, count, row in rows:
            self._edges[(a, b)] = made(a, b, weight, count, partial(explain, (a, b)))
            self._rows[(a, b)] = row

    def _explain(self, key: Pair) -> tuple[list[SharedEvent], list[Quote]]:
        if key not in self._done:
            if self._batched:  # beyond the first batch: every edge at once
                self._done.update(self._pairing(None, None))
            else:
                self._batched = True
                chosen = sorted({*self._order[:BATCH], key})
                events = self._event_ids([self._rows[pair] for pair in chosen])
                paired = self._pairing(chosen, events)
                self._done.update((pair, paired[pair]) for pair in chosen)
        found = self._done[key]
        return found.events, found.quotes

    def __getitem__(self, key: Pair) -> Collaboration:
        return self._edges[key]

    def __iter__(self) -> Iterator[Pair]:
        return iter(self._edges)

    def __len__(self) -> int:
        return len(self._edges)
