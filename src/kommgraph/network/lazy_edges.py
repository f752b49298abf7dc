"""The unfiltered edges of an index, as a mapping: weights read from its tables, evidence
spelled out when an edge's is first read (`LazyEdges`).

A network of 200,000 edges is mostly measured and cut; only the edges someone
looks at (a page's, an export's with `--evidence full`) need their events and
quotes, and those are found by pairing then.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from functools import partial
from typing import TYPE_CHECKING

from kommgraph.bulk import bulk
from kommgraph.network.collaboration import Collaboration, SharedEvent
from kommgraph.network.edges import EdgeCache, collaborations
from kommgraph.network.evidence import Evidence, Quote
from kommgraph.network.filters import NO_FILTERS

if TYPE_CHECKING:
    from kommgraph.network.graph_tables import TableNetwork


class LazyEdges(Mapping[tuple[str, str], Collaboration]):
    """The unfiltered edges of an index: weights from its tables, evidence when read.

    An edge object is made when it is first looked up; its events and quotes are
    found by pairing the event trees of its first actor (milliseconds). Once the
    evidence of many actors is asked for (a page, an export), every edge is
    paired at once instead, which is then cheaper.
    """

    MANY = 20  # actors whose edges are explained one by one before all are paired

    def __init__(self, table: TableNetwork, cache: EdgeCache) -> None:
        self._cache = cache  # the model's edges, computed when all are needed
        self._table = table
        self._explained: dict[str, Mapping[tuple[str, str], Collaboration]] = {}
        self._all: dict[tuple[str, str], tuple[float, int, str]] | None = None
        self._made: dict[tuple[str, str], Collaboration] = {}

    @property
    def _rows(self) -> dict[tuple[str, str], tuple[float, int, str]]:
        """Every edge's (weight, shared events, their IRIs), read when all are wanted."""
        if self._all is None:
            self._all = {(a, b): (w, n, ids) for a, b, w, n, ids in self._table.edges()}
        return self._all

    def _row(self, key: tuple[str, str]) -> tuple[float, int, str] | None:
        if self._all is not None:
            return self._all.get(key)
        return self._table.edge(*key)

    def explain_among(self, agents: frozenset[str], evidence: Evidence) -> None:
        """Spell out the edges between these agents at once (a page shows a few hundred),
        from evidence that holds theirs."""
        found = collaborations(evidence, NO_FILTERS, among=agents)
        for agent in agents:
            self._explained.setdefault(agent, found)

    def _explain(self, a: str, b: str) -> tuple[list[SharedEvent], list[Quote]]:
        cache, key = self._cache, (NO_FILTERS, False)
        if a in self._explained and (a, b) in self._explained[a]:
            found = self._explained[a][(a, b)]
        elif key in cache or len(self._explained) >= self.MANY:
            found = cache.all(key)[(a, b)]
        else:
            self._explained[a] = cache.of_actor(a, key)[0]
            found = self._explained[a][(a, b)]
        return found.events, found.quotes

    def __getitem__(self, key: tuple[str, str]) -> Collaboration:
        edge = self._made.get(key)
        if edge is None:
            row = self._row(key)
            if row is None:
                raise KeyError(key)
            weight, count, iris = row
            explain = partial(self._explain, *key)
            edge = self._made[key] = Collaboration.deferred(
                *key, weight, count, explain, iris.split()
            )
        return edge

    def __contains__(self, key: object) -> bool:
        if not (isinstance(key, tuple) and len(key) == 2):
            return False
        return key in self._made or self._row((str(key[0]), str(key[1]))) is not None

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    @bulk
    def _make_all(self) -> dict[tuple[str, str], Collaboration]:
        """Every edge object at once (what iterating over all edges needs), in row order."""
        made, explain, deferred = self._made, self._explain, Collaboration.deferred
        for key, (weight, count, iris) in self._rows.items():
            if key not in made:
                made[key] = deferred(*key, weight, count, partial(explain, *key), iris.split())
        return {key: made[key] for key in self._rows}

    def values(self) -> ValuesView[Collaboration]:
        return self._make_all().values()

    def items(self) -> ItemsView[tuple[str, str], Collaboration]:
        return self._make_all().items()
