"""What a page's tooltips say about nodes beyond the drawn graph, gathered once.

`NodeFacts` sifts the participations, affiliations, relations and other names
of the nodes a page shows (or of every agent, for a site's thousands of small
pages); `strongest_neighbours` picks a node's strongest neighbours from a networkx graph,
as `TableNetwork.strongest` does from an index's tables.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Collection, Mapping
from typing import Any

from kommgraph.network.evidence import Evidence
from kommgraph.network.filters import Filters
from kommgraph.network.projection import local
from kommgraph.network.rule import active_participations


class NodeFacts:
    """What the tooltips say about nodes beyond the graph: events, roles, affiliations, names.

    Built for the nodes of one page (`for_nodes`), or once for every agent of the
    evidence (`for_all`): a site draws thousands of small ego networks, and sifting
    every participation and affiliation again for each of them would cost minutes.
    """

    def __init__(self, evidence: Evidence, filters: Filters, shown: Collection[str] | None) -> None:
        self.active: dict[tuple[str, str], list[str]] = defaultdict(list)  # (agent, event)
        self.events_of: dict[str, set[str]] = defaultdict(set)
        for p, agent, event, _role in active_participations(evidence, filters):
            if shown is None or agent in shown:
                self.active[(agent, event)].append(p)
                self.events_of[agent].add(event)
        # (who or what, the other side's IRI, the position or relation)
        self.affiliations: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
        wanted = evidence.agents if shown is None else shown
        rows = evidence.affiliations if shown is None else evidence.affiliations_of(wanted)
        for _a, person, org, position, *_source in rows:
            self.affiliations[str(person)].append(("position", str(org), _s(position)))
            self.affiliations[str(org)].append(("person", str(person), _s(position)))
        for _r, a, b, kind, name, *_source in evidence.relations:
            if shown is not None and a not in shown and b not in shown:
                continue
            what = str(name or local(str(kind)))
            self.affiliations[str(a)].append(("relation", str(b), what))
            self.affiliations[str(b)].append(("related", str(a), what))
        self.alt = evidence.alt_labels_of(wanted)

    @classmethod
    def for_nodes(cls, evidence: Evidence, filters: Filters, shown: Collection[str]) -> NodeFacts:
        """The facts of the nodes one page shows."""
        return cls(evidence, filters, shown)

    @classmethod
    def for_all(cls, evidence: Evidence, filters: Filters) -> NodeFacts:
        """The facts of every agent, for many pages drawn from the same evidence."""
        return cls(evidence, filters, None)


def _s(value: str | None) -> str | None:
    return None if value is None else str(value)


def strongest_neighbours(
    neighbours: Mapping[str, Any], n: int
) -> tuple[int, list[tuple[str, float]]]:
    """How many neighbours, and those at least as strong as the n-th strongest (as
    `TableNetwork.strongest` gives them from the tables)."""
    weights = {o: float(d.get("weight", 1.0)) for o, d in neighbours.items()}
    top = heapq.nsmallest(n, weights, key=lambda o: -weights[o])
    cut = weights[top[-1]] if top else 0.0
    return len(weights), [(o, w) for o, w in weights.items() if w >= cut]
