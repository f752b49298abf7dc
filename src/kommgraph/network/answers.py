"""The answers to "who collaborates with whom" as typed values: collaborators, a tie, a path.

The API returns these; `kommgraph.views.present` prints them. Each keeps the
question it answers (the actor, the filters, the network) so that a
presenter needs nothing else. Each is also a table of plain values
(`kommgraph.tables.Tabular`: `to_dicts()`, `to_pandas()`, a notebook display);
the columns are listed in each class.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from kommgraph.network.collaboration import Collaboration, SharedEvent
from kommgraph.network.evidence import AgentInfo, Quote
from kommgraph.network.filters import NO_FILTERS, Filters
from kommgraph.network.kinds import agent_kind, local
from kommgraph.rdf.names import Entity
from kommgraph.tables import Row, Tabular, data_frame, html_table, joined
from kommgraph.vocab import AgentNetwork

if TYPE_CHECKING:
    import pandas as pd

    from kommgraph.network.paths import Hop

EVENT_COLUMNS = ("event", "label", "date", "event_kind", "basis", "weight", "roles")
SOURCE_COLUMNS = ("source", "title", "quote", "statement")


def _bases(edge: Collaboration) -> str:
    return joined(sorted({e.basis for e in edge.events}))


def _event_row(event: SharedEvent) -> Row:
    return {
        "event": event.iri,
        "label": event.label,
        "date": event.date,
        "event_kind": local(event.kind),
        "basis": event.basis,
        "weight": event.weight,
        "roles": joined(event.roles),
    }


def _source_row(quote: Quote) -> Row:
    return {
        "source": quote.source,
        "title": quote.title,
        "quote": quote.quote,
        "statement": quote.statement,
    }


class Collaborator(NamedTuple):
    """One collaborator of an actor, with the evidence (a tuple: a hub has thousands)."""

    entity: Entity
    collaboration: Collaboration

    @property
    def weight(self) -> float:
        return self.collaboration.weight


@dataclass(frozen=True)
class Collaborators(Tabular):
    """An actor's collaborators, strongest first (ties by label, then IRI).

    As a table, one row per collaborator: actor (IRI), iri, label, kind (the
    legend's word), weight, events (shared events and relations), bases (the
    kinds of evidence, "same-event; umbrella"), sources (distinct sources).
    """

    actor: Entity
    filters: Filters
    items: tuple[Collaborator, ...]
    via_people: bool = False

    def columns(self) -> tuple[str, ...]:
        return ("actor", "iri", "label", "kind", "weight", "events", "bases", "sources")

    def to_dicts(self) -> list[Row]:
        return [
            {
                "actor": self.actor.iri,
                "iri": c.entity.iri,
                "label": c.entity.label,
                "kind": agent_kind(c.entity.type),
                "weight": c.weight,
                "events": c.collaboration.count,
                "bases": _bases(c.collaboration),
                "sources": len({q.source for q in c.collaboration.quotes}),
            }
            for c in self.items
        ]

    def caption(self) -> str:
        return f"Collaborators of {self.actor.label} ({self.filters.describe()})"


@dataclass(frozen=True)
class Tie(Tabular):
    """The collaboration of two actors under some filters, with its evidence.

    `collaboration` is None when they do not collaborate. As a table, one row
    per shared event or relation: event (IRI), label, date (as the source gives
    it: "2024", "2024-04" or "2024-04-17"), event_kind (class name), basis,
    weight, roles ("; "-joined lines); `sources()` lists the quotes behind them
    (source, title, quote, statement).
    """

    first: Entity
    second: Entity
    collaboration: Collaboration | None
    filters: Filters
    via_people: bool = False

    @property
    def weight(self) -> float:
        return self.collaboration.weight if self.collaboration is not None else 0.0

    @property
    def events(self) -> list[SharedEvent]:
        return self.collaboration.events if self.collaboration is not None else []

    @property
    def quotes(self) -> list[Quote]:
        return self.collaboration.quotes if self.collaboration is not None else []

    def columns(self) -> tuple[str, ...]:
        return EVENT_COLUMNS

    def to_dicts(self) -> list[Row]:
        return [_event_row(e) for e in self.events]

    def sources(self) -> list[Row]:
        """The source quotes behind the tie, one row each."""
        return [_source_row(q) for q in self.quotes]

    def sources_to_pandas(self) -> pd.DataFrame:
        return data_frame(self.sources(), SOURCE_COLUMNS)

    def caption(self) -> str:
        return (
            f"{self.first.label} and {self.second.label}: weight {self.weight:g} "
            f"({self.filters.describe()})"
        )

    def _repr_html_(self) -> str:
        return html_table(self.columns(), self.to_dicts(), self.caption()) + html_table(
            SOURCE_COLUMNS, self.sources(), "Sources"
        )


@dataclass(frozen=True)
class PathAnswer(Tabular):
    """The shortest chains between two actors; none when they are not connected.

    As a table, one row per hop: path and hop (numbered from 1), from, from_label,
    to, to_label, weight, events, bases.
    """

    first: Entity
    second: Entity
    chains: tuple[tuple[Hop, ...], ...]
    network: AgentNetwork
    filters: Filters

    @property
    def connected(self) -> bool:
        return bool(self.chains)

    def columns(self) -> tuple[str, ...]:
        return ("path", "hop", "from", "from_label", "to", "to_label", "weight", "events", "bases")

    def to_dicts(self) -> list[Row]:
        return [
            {
                "path": number,
                "hop": step,
                "from": hop.a,
                "from_label": hop.a_label,
                "to": hop.b,
                "to_label": hop.b_label,
                "weight": hop.collaboration.weight,
                "events": hop.collaboration.count,
                "bases": _bases(hop.collaboration),
            }
            for number, chain in enumerate(self.chains, start=1)
            for step, hop in enumerate(chain, start=1)
        ]

    def caption(self) -> str:
        return f"Paths from {self.first.label} to {self.second.label} ({self.network} network)"


PairRow = tuple[str, str, float, int, str]  # source, target, weight, events, event_ids


@dataclass(frozen=True)
class Pairs(Tabular):
    """Every collaboration edge of a network, with the events behind it by IRI.

    As a table, one row per pair (source < target by IRI, sorted): source,
    target, weight, events (shared events and stated relations), event_ids
    (their IRIs, space-separated; `kg.collaboration(source, target)` spells
    them out with roles and quotes).
    """

    rows: tuple[PairRow, ...]
    network: AgentNetwork
    filters: Filters

    def columns(self) -> tuple[str, ...]:
        return ("source", "target", "weight", "events", "event_ids")

    def to_dicts(self) -> list[Row]:
        names = self.columns()
        return [dict(zip(names, row, strict=True)) for row in self.rows]

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a DataFrame, made from the tuples (quicker than from dicts)."""
        frame = data_frame([], self.columns())
        return (
            frame
            if not self.rows
            else type(frame).from_records(self.rows, columns=list(self.columns()))
        )

    def caption(self) -> str:
        return f"Collaborating pairs ({self.network} network, {self.filters.describe()})"


def collaborators_of(
    me: Entity,
    edges: Iterable[Collaboration],
    agents: Mapping[str, AgentInfo],
    filters: Filters | None,
    via_people: bool,
) -> Collaborators:
    """The answer for `me` from its edges in the answer's order (`actor_edges.ranked`);
    `agents` says who the others are."""
    found = []
    for edge in edges:
        other = edge.other(me.iri)
        info = agents.get(other)
        entity = Entity(other, info.label if info else other, info.kind if info else "")
        found.append(Collaborator(entity, edge))
    return Collaborators(me, filters or NO_FILTERS, tuple(found), via_people)
