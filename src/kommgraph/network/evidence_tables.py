"""The evidence behind every edge as tables: events, participations, relations, statements.

`kg.pairs()` gives every collaborating pair with the IRIs of the events (and
stated relations) behind it; `kg.pair_evidence()` gives what those IRIs stand
for, each fact once, with its source and quote. An edge's evidence is then a
join, as one keeps it in a database: `event_ids` -> `events.event` (an
umbrella-only tree is named by its top-level event) -> `participations.event`
(both actors' roles there, `active` says which count, with the quotes), or ->
`relations.relation`; `events.root` names each event's tree, and
`statements` what was said at an event. At 10,000 events the 200,000 pairs'
evidence spelled out edge by edge is millions of role lines; the facts behind
them are some 40,000 rows, read in a fraction of a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kommgraph.network.evidence import event_infos, tree_tops
from kommgraph.network.tables import COLUMNS
from kommgraph.tables import Plain, Row, Tabular, data_frame

if TYPE_CHECKING:
    import pandas as pd

    from kommgraph.network.rows import Rows
    from kommgraph.network.schema import Schema

EVENT_COLUMNS = ("event", "label", "date", "kind", "parent", "root")
PARTICIPATION_COLUMNS = (
    "participation",
    "agent",
    "event",
    "role",
    "role_label",
    "active",
    "organizing",
    "source",
    "title",
    "quote",
)
RELATION_COLUMNS = COLUMNS["relations"]
STATEMENT_COLUMNS = COLUMNS["statements"]  # as the index keeps them, and SPARQL gives


@dataclass(frozen=True)
class FactTable(Tabular):
    """One kind of fact, a row each, under its documented columns."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[Plain, ...], ...]

    def columns(self) -> tuple[str, ...]:
        return self.header

    def to_dicts(self) -> list[Row]:
        return [dict(zip(self.header, row, strict=True)) for row in self.rows]

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a DataFrame, made from the tuples (quicker than from dicts)."""
        frame = data_frame([], self.header)
        if not self.rows:
            return frame
        return type(frame).from_records(self.rows, columns=list(self.header))

    def caption(self) -> str:
        return f"Evidence: {self.name}"


@dataclass(frozen=True)
class PairEvidence:
    """What the `event_ids` of `kg.pairs()` stand for (see the module's docstring)."""

    events: FactTable
    participations: FactTable
    relations: FactTable
    statements: FactTable


def _events(rows: Rows, schema: Schema) -> tuple[tuple[Plain, ...], ...]:
    """One row per event: its most specific class, its parent and the top of its tree."""
    events = event_infos(rows, schema, None)
    tops = tree_tops(events)
    return tuple(
        (iri, e.label, e.date, e.kind, e.parent, tops[iri]) for iri, e in sorted(events.items())
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _order(row: tuple[object, ...]) -> tuple[str, ...]:
    """Rows in a fixed order, whatever the source gave (None first)."""
    return tuple("" if x is None else str(x) for x in row)


def pair_evidence(rows: Rows, schema: Schema) -> PairEvidence:
    """Every event, participation, relation and statement of the graph, as tables."""
    roles = schema.roles
    participations = []
    for p, agent, event, role, cited, title, quote in sorted(rows.participations(None), key=_order):
        known = roles.get(str(role))
        participations.append(
            (
                str(p),
                str(agent),
                str(event),
                str(role),
                known.label if known else str(role).rsplit("#", 1)[-1],
                bool(known and known.active),
                bool(known and known.organizing),
                _text(cited),
                _text(title),
                _text(quote),
            )
        )
    relations = tuple(tuple(map(_text, row)) for row in sorted(rows.relations(None), key=_order))
    statements = tuple(tuple(map(_text, row)) for row in sorted(rows.statements(None), key=_order))
    return PairEvidence(
        FactTable("events", EVENT_COLUMNS, _events(rows, schema)),
        FactTable("participations", PARTICIPATION_COLUMNS, tuple(participations)),
        FactTable("relations", RELATION_COLUMNS, relations),
        FactTable("statements", STATEMENT_COLUMNS, statements),
    )
