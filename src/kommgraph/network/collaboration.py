"""The collaboration relation: derived, weighted, and explained by evidence.

"A collaborates with B" when both hold an *active* role (a kg:Role with
`kg:active true`: organizer, host, speaker, moderator, panelist, workshop
lead, interviewer, interviewee) in events of the same event tree. The weight
of a pair is the sum of what each event tree contributes (see README,
"Collaboration"):

* same event, a workshop/panel/talk (with or without talks inside) or any
  event without sub-events: 1.0
* both organize or host the same event (co-organizing), at any level: 1.0
* both active directly in the top-level event of a tree that has sub-events
  (the umbrella, e.g. both speak at conference level): 0.5
* only the same umbrella event, in different parts of it: 0.25 per tree
* organizations: a relation stated by a source (member of, cooperates
  with, unit of): 1.0; through their people (`via_people`): 0.5 x the weight
  of the people's collaboration

This module is the only place that computes collaboration. It takes the
participations that count from the one rule (`kommgraph.network.rule`),
groups them by event tree and pairs them within each tree; stated relations
and the lifting onto organizations are added by `kommgraph.network.lifting`. The
weight and the number of shared events of an edge are computed at once; the
events and quotes behind an edge are built when first read, because a
network of hundreds of thousands of edges is mostly measured and cut, and
only the edges someone looks at need their evidence spelled out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from kommgraph.network.evidence import Evidence, Quote
from kommgraph.network.filters import NO_FILTERS, Filters
from kommgraph.network.rule import active_participations
from kommgraph.rdf.iris import KG

__all__ = [
    "Collaboration",
    "Evidence",
    "Quote",
    "SharedEvent",
    "pair_event_trees",
]

W_SAME_EVENT = 1.0
W_CO_ORGANIZING = 1.0
W_UMBRELLA_DIRECT = 0.5
W_UMBRELLA_ONLY = 0.25
W_RELATION = 1.0
W_VIA_PEOPLE = 0.5

# Quarters, and halves of their sums, add up exactly in binary floating point:
# weights need rounding (against 0.30000000000000004) only if these change.
EXACT_SUMS = (W_VIA_PEOPLE * 2).is_integer() and all(
    (w * 4).is_integer()
    for w in (W_SAME_EVENT, W_CO_ORGANIZING, W_UMBRELLA_DIRECT, W_UMBRELLA_ONLY, W_RELATION)
)


@dataclass(frozen=True)
class SharedEvent:
    """One event behind a collaboration, with both sides' roles."""

    iri: str
    label: str
    date: str | None
    kind: str
    basis: str  # same-event, co-organizing, umbrella, umbrella-only, relation, via-people
    weight: float
    roles: tuple[str, ...]  # "label of agent: role @ event" lines, sorted


Explain = Callable[[], tuple[list[SharedEvent], list[Quote]]]


def _quote_order(quote: Quote) -> tuple[str, str, str, str, str]:
    return (quote.source, quote.statement, quote.quote, quote.title, quote.speaker or "")


class Collaboration:
    """The evidenced edge between two actors (a < b by IRI).

    `weight` and `count` (the number of shared events and relations) are
    known from the start; `events` and `quotes` are spelled out on first
    access and then kept, sorted. An edge found by pairing keeps only its event
    trees and the shared pairing state until then: a network has hundreds of
    thousands of edges, and each extra object per edge costs time to build.
    """

    __slots__ = (
        "_events",
        "_explain",
        "_found",
        "_iris",
        "_quotes",
        "_trees",
        "a",
        "b",
        "count",
        "weight",
    )

    def __init__(
        self,
        a: str,
        b: str,
        weight: float = 0.0,
        events: list[SharedEvent] | None = None,
        quotes: list[Quote] | None = None,
    ) -> None:
        self.a, self.b, self.weight = a, b, weight
        self._events: list[SharedEvent] = list(events or [])
        self._quotes: list[Quote] = list(quotes or [])
        self.count = len(self._events)
        self._iris: list[str] | None = None  # the events' IRIs, where known without explaining
        self._explain: tuple[Explain, ...] = ()
        self._trees: _Trees | None = None  # set while the pairing's evidence is unread
        self._found: list[tuple[str, tuple[str, ...]]] = _NOTHING

    @classmethod
    def _paired(cls, a: str, b: str, trees: _Trees) -> Collaboration:
        """An edge found by pairing; `_found` collects (root, shared events) as it goes."""
        edge = cls.__new__(cls)
        edge.a, edge.b, edge.weight, edge.count = a, b, 0.0, 0
        edge._events, edge._quotes, edge._explain = _NOTHING, _NOTHING, ()
        edge._trees, edge._found, edge._iris = trees, [], None
        return edge

    @classmethod
    def deferred(
        cls,
        a: str,
        b: str,
        weight: float,
        count: int,
        explain: Explain,
        iris: list[str] | None = None,
    ) -> Collaboration:
        """An edge made of one deferral (`defer` on a new edge), made directly: an index
        gives thousands at once."""
        edge = cls.__new__(cls)
        edge.a, edge.b, edge.weight, edge.count = a, b, weight, count
        edge._events, edge._quotes, edge._explain = _NOTHING, _NOTHING, (explain,)
        edge._trees, edge._found, edge._iris = None, _NOTHING, iris
        return edge

    def other(self, iri: str) -> str:
        return self.b if iri == self.a else self.a

    def defer(
        self, weight: float, count: int, explain: Explain, iris: list[str] | None = None
    ) -> None:
        """Add weight and shared events now, and how to explain them later (`iris`: the
        events' IRIs, where known, as an index keeps them: an edge made of one deferral)."""
        self.weight += weight
        self.count += count
        self._explain += (explain,)
        self._iris = iris if len(self._explain) == 1 and not self._events else None

    def _spell_out(self) -> None:
        if self._trees is None and not self._explain:
            return
        events, quotes = list(self._events), list(self._quotes)
        if self._trees is not None:
            found_events, found_quotes = self._trees.explain(self.a, self.b, self._found)
            events += found_events
            quotes += found_quotes
        for explain in self._explain:
            more_events, more_quotes = explain()
            events += more_events
            quotes += more_quotes
        self._trees, self._found, self._explain = None, _NOTHING, ()
        events.sort(key=lambda e: (e.date or "", e.iri, e.basis, e.roles))
        self._events = events
        # every field in the key: two speakers of one statement give quotes equal in the
        # rest, and a set's order differs from run to run (string hashing is randomized)
        self._quotes = sorted(set(quotes), key=_quote_order)

    def event_iris(self) -> list[str]:
        """The IRIs of the shared events (and stated relations), sorted, without spelling
        out roles and quotes: what an export that refers to the evidence needs, at a
        fraction of the cost (an umbrella-only tree counts by its top-level event)."""
        if self._iris is not None and self._trees is None:
            return list(self._iris)
        iris = {e.iri for e in self._events}
        for root, shared in self._found:
            iris.update(shared or (root,))
        for explain in self._explain:
            iris.update(e.iri for e in explain()[0])
        return sorted(iris)

    @property
    def events(self) -> list[SharedEvent]:
        self._spell_out()
        return self._events

    @property
    def quotes(self) -> list[Quote]:
        self._spell_out()
        return self._quotes

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Collaboration):
            return NotImplemented
        return (self.a, self.b, self.weight, self.events, self.quotes) == (
            other.a,
            other.b,
            other.weight,
            other.events,
            other.quotes,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Collaboration({self.a!r}, {self.b!r}, weight={self.weight!r}, count={self.count})"


# the empty list edges share until they have their own (never mutated: pairing gives
# each paired edge a new `_found`, spelling out makes new events and quotes)
_NOTHING: list[Any] = []


# (participation, event, role) of one agent in one event tree
Part = tuple[str, str, str]


class _Trees:
    """The active participations that count under the filters, by event tree and agent."""

    def __init__(self, evidence: Evidence, filters: Filters) -> None:
        self.evidence = evidence
        self.by_root: dict[str, dict[str, list[Part]]] = defaultdict(lambda: defaultdict(list))
        root_of = evidence.root_of
        for p, agent, event, role in active_participations(evidence, filters):
            self.by_root[root_of.get(event, event)][agent].append((p, event, role))

    def summary(self, parts: list[Part]) -> dict[str, bool]:
        """event -> whether the agent holds an organizing role there."""
        roles, out = self.evidence.roles, dict[str, bool]()
        for _p, event, role in parts:
            out[event] = out.get(event, False) or roles[role][2]
        return out

    def weight_basis(self, event: str, organizing: bool) -> tuple[float, str]:
        """What one shared event adds, and why: the one place the weight rules live."""
        if organizing:
            return W_CO_ORGANIZING, "co-organizing"
        evidence = self.evidence
        if event not in evidence.children or evidence.root_of.get(event, event) != event:
            return W_SAME_EVENT, "same-event"  # a workshop with talks inside is no umbrella
        return W_UMBRELLA_DIRECT, "umbrella"

    def explain(
        self, a: str, b: str, found: list[tuple[str, tuple[str, ...]]]
    ) -> tuple[list[SharedEvent], list[Quote]]:
        """The shared events with both sides' role lines, and the quotes behind them."""
        ev = self.evidence
        events, used, touched = list[SharedEvent](), set[str](), set[str]()
        for root, shared in found:
            mine, theirs = self.by_root[root][a], self.by_root[root][b]
            if not shared:
                lines = {_role_line(ev, a, r, e) for _p, e, r in mine}
                lines |= {_role_line(ev, b, r, e) for _p, e, r in theirs}
                used.update(p for p, _e, _r in (*mine, *theirs))
                touched.update(e for _p, e, _r in (*mine, *theirs))
                events.append(_shared(ev, root, "umbrella-only", W_UMBRELLA_ONLY, lines))
                continue
            touched.update(shared)
            for event in shared:
                here_a = [(p, r) for p, e, r in mine if e == event]
                here_b = [(p, r) for p, e, r in theirs if e == event]
                organizing = any(ev.roles[r][2] for _p, r in here_a) and any(
                    ev.roles[r][2] for _p, r in here_b
                )
                weight, basis = self.weight_basis(event, organizing)
                lines = {_role_line(ev, a, r, event) for _p, r in here_a}
                lines |= {_role_line(ev, b, r, event) for _p, r in here_b}
                used.update(p for p, _r in (*here_a, *here_b))
                events.append(_shared(ev, event, basis, weight, lines))
        quotes = [q for p in used for q in ev.quotes_of(p)]
        # what either of the two said at the events behind the edge: evidence, no weight
        quotes += [
            quote
            for event in touched
            for speaker, quote in ev.statements_at.get(event, ())
            if speaker in (a, b)
        ]
        return events, quotes


def _role_line(evidence: Evidence, agent: str, role: str, event: str) -> str:
    who = evidence.agents[agent].label if agent in evidence.agents else agent
    what = evidence.roles.get(role, (role.rsplit("#", 1)[-1], True, False))[0]
    where = evidence.events[event].label if event in evidence.events else event
    return f"{who}: {what} @ {where}"


def _shared(
    evidence: Evidence, event: str, basis: str, weight: float, lines: set[str]
) -> SharedEvent:
    info = evidence.events.get(event)
    return SharedEvent(
        iri=event,
        label=info.label if info else event,
        date=info.date if info else None,
        kind=info.kind if info else str(KG.Event),
        basis=basis,
        weight=weight,
        roles=tuple(sorted(lines)),
    )


def _pairs(agents: Iterable[str], only: str | None) -> Iterator[tuple[str, str]]:
    """Every pair (a < b) of the agents, or only those with `only` in them."""
    if only is None:
        yield from combinations(sorted(agents), 2)
        return
    for other in agents:
        if other != only:
            yield (only, other) if only < other else (other, only)


def pair_event_trees(
    evidence: Evidence,
    filters: Filters = NO_FILTERS,
    *,
    only: str | None = None,
    among: frozenset[str] | None = None,
    progress: Callable[[float], None] | None = None,
) -> dict[tuple[str, str], Collaboration]:
    """The edges that shared event trees make, keyed by (a, b), a < b, in no fixed order.

    `only` restricts the work to the edges of one agent, `among` to the edges
    between these agents (what a page of a few hundred nodes shows); `progress`
    is called with the share of the event trees done (summing to 1).
    """
    trees = _Trees(evidence, filters)
    weigh = trees.weight_basis
    found: dict[tuple[str, str], Collaboration] = {}
    paired = Collaboration._paired
    roots = sorted(trees.by_root)  # a fixed order: the same edges, whatever the rows
    for done, root in enumerate(roots, 1):
        if progress is not None and (done % 1024 == 0 or done == len(roots)):
            progress((1024 if done % 1024 == 0 else done % 1024) / len(roots))
        agents = trees.by_root[root]
        if among is not None:
            agents = {a: parts for a, parts in agents.items() if a in among}
        if len(agents) < 2 or (only is not None and only not in agents):
            continue
        summaries = {agent: trees.summary(parts) for agent, parts in agents.items()}
        for key in _pairs(agents, only):
            sa, sb = summaries[key[0]], summaries[key[1]]
            shared = sa.keys() & sb.keys()
            if shared:
                weight = 0.0
                for event in shared:
                    weight += weigh(event, sa[event] and sb[event])[0]
                count, contribution = len(shared), (root, tuple(sorted(shared)))
            else:
                weight, count, contribution = W_UMBRELLA_ONLY, 1, (root, ())
            edge = found.get(key)
            if edge is None:
                edge = found[key] = paired(key[0], key[1], trees)
            edge.weight += weight
            edge.count += count
            edge._found.append(contribution)
    return found
