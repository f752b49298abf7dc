"""How the answers about collaboration are printed: an actor's collaborators, a path.

The JSON shapes are the documented, stable contract for scripts (README,
"JSON output"); the text forms are for people and always show the evidence;
CSV and Markdown give one row per collaborator or per hop. The evidence of an
edge is turned into JSON here only (`collaboration_json`); the graph exports
use the same function.
"""

from __future__ import annotations

from typing import Any

from kommgraph.network.actor_edges import BATCH
from kommgraph.network.answers import Collaborators, PathAnswer, Tie
from kommgraph.network.collaboration import Collaboration, SharedEvent
from kommgraph.network.evidence import Quote
from kommgraph.network.kinds import agent_kind
from kommgraph.rdf.names import Entity
from kommgraph.views.tabular import Table, dumps
from kommgraph.vocab import TableFormat


def _kind(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def entity_json(entity: Entity) -> dict[str, str]:
    return {"iri": entity.iri, "label": entity.label, "type": _kind(entity.type)}


def event_json(event: SharedEvent) -> dict[str, Any]:
    return {
        "iri": event.iri,
        "label": event.label,
        "date": event.date,
        "kind": _kind(event.kind),
        "basis": event.basis,
        "weight": event.weight,
        "roles": list(event.roles),
    }


def quote_json(quote: Quote) -> dict[str, str | None]:
    """A quote; `speaker` names who said the words of a statement (else null)."""
    return {
        "source": quote.source,
        "title": quote.title,
        "quote": quote.quote,
        "statement": quote.statement,
        "speaker": quote.speaker,
    }


def collaboration_json(edge: Collaboration) -> dict[str, Any]:
    return {
        "weight": edge.weight,
        "events": [event_json(e) for e in edge.events],
        "sources": [quote_json(q) for q in edge.quotes],
    }


def collab_json(answer: Collaborators) -> dict[str, Any]:
    """`collab --format json`: {actor, filters, collaborators: [...]}."""
    return {
        "actor": entity_json(answer.actor),
        "filters": answer.filters.describe(),
        "collaborators": [
            {**entity_json(c.entity), **collaboration_json(c.collaboration)} for c in answer.items
        ],
    }


def _distinct_quotes(quotes: list[Quote]) -> list[tuple[str, str]]:
    """Quotes as (title, text), each passage once even when several facts cite it; the
    words of a statement are headed by who said them."""
    seen: dict[tuple[str, str], None] = {}
    for quote in quotes:
        said = f"{quote.speaker}: „{quote.quote}“" if quote.speaker else f"„{quote.quote}“"
        seen.setdefault((quote.title, said), None)
    return list(seen)


def _event_line(event: SharedEvent) -> str:
    date = f" ({event.date})" if event.date else ""
    return f"{event.label}{date} [{event.basis}, +{event.weight:g}]"


# the text spells out the evidence of this many collaborators (the strongest); a hub's
# thousands more are listed a line each: 2,400 collaborators' evidence is 1.8 MB of text.
# As many as an index explains at once (`kommgraph.network.actor_edges`).
TEXT_EVIDENCE = BATCH


def collab_text(answer: Collaborators) -> str:
    """The collaborators with every shared event, both sides' roles and the quotes (for
    the `TEXT_EVIDENCE` strongest; the others a line each, all in CSV and JSON)."""
    me, found = answer.actor, answer.items
    lines = [
        f"Collaborators of {me.label} <{me.iri}> ({answer.filters.describe()}): {len(found)}",
        "",
    ]
    if not found:
        lines.append("No collaborators: no active role shared with anyone under these filters.")
    for rank, c in enumerate(found, start=1):
        if rank > TEXT_EVIDENCE:
            lines.append(
                f"{rank}. {c.entity.label} ({agent_kind(c.entity.type)}), weight {c.weight:g}, "
                f"{c.collaboration.count} shared event(s) or relation(s)"
            )
            continue
        lines.append(f"{rank}. {c.entity.label} ({agent_kind(c.entity.type)}), weight {c.weight:g}")
        for event in c.collaboration.events:
            lines.append(f"   - {_event_line(event)}")
            for role in event.roles:
                lines.append(f"       {role}")
        for title, text in _distinct_quotes(c.collaboration.quotes):
            lines.append(f"   » {text} — {title}")
        lines.append("")
    if len(found) > TEXT_EVIDENCE:
        lines += [
            "",
            f"The evidence is shown for the {TEXT_EVIDENCE} strongest of {len(found)}; "
            "as CSV, JSON or Markdown, the answer has every collaborator's.",
        ]
    return "\n".join(lines).rstrip() + "\n"


def tie_json(answer: Tie) -> dict[str, Any]:
    """One tie: {from, to, filters, connected, weight, events: [...], sources: [...]}."""
    edge = answer.collaboration
    return {
        "from": entity_json(answer.first),
        "to": entity_json(answer.second),
        "filters": answer.filters.describe(),
        "connected": edge is not None,
        **(collaboration_json(edge) if edge else {"weight": 0.0, "events": [], "sources": []}),
    }


def tie_text(answer: Tie) -> str:
    """The shared events with both sides' roles, then the quotes."""
    a, b, edge = answer.first, answer.second, answer.collaboration
    if edge is None:
        return f"{a.label} and {b.label} do not collaborate ({answer.filters.describe()}).\n"
    lines = [f"{a.label} and {b.label}: weight {edge.weight:g} ({answer.filters.describe()})"]
    for event in edge.events:
        lines.append(f"  - {_event_line(event)}")
        lines.extend(f"      {role}" for role in event.roles)
    lines.extend(f"  » „{text}“ — {title}" for title, text in _distinct_quotes(edge.quotes))
    return "\n".join(lines) + "\n"


def tie_table(answer: Tie) -> Table:
    """One row per shared event or relation, for CSV and Markdown."""
    return Table(
        ("event", "iri", "date", "kind", "basis", "weight", "roles"),
        [
            (e.label, e.iri, e.date, _kind(e.kind), e.basis, e.weight, list(e.roles))
            for e in answer.events
        ],
    )


def path_json(answer: PathAnswer) -> dict[str, Any]:
    """`path --format json`: {from, to, connected, paths: [[hop, ...], ...]}."""
    chains = answer.chains
    return {
        "from": entity_json(answer.first),
        "to": entity_json(answer.second),
        "connected": answer.connected,
        "paths": [
            [
                {
                    "from": {"iri": h.a, "label": h.a_label},
                    "to": {"iri": h.b, "label": h.b_label},
                    **collaboration_json(h.collaboration),
                }
                for h in chain
            ]
            for chain in chains
        ],
    }


def path_text(answer: PathAnswer) -> str:
    """Each chain as names joined by arrows, then each hop's events and first quotes."""
    a, b, chains = answer.first, answer.second, answer.chains
    if not chains:
        return (
            f"{a.label} and {b.label} are not connected by collaboration "
            "(under these filters and in this network).\n"
        )
    lines = []
    for number, chain in enumerate(chains, start=1):
        names = " → ".join([chain[0].a_label, *(h.b_label for h in chain)])
        lines.append(f"Path {number} ({len(chain)} hop{'s' if len(chain) != 1 else ''}): {names}")
        for hop in chain:
            events = "; ".join(_event_line(e) for e in hop.collaboration.events)
            lines.append(f"  {hop.a_label} and {hop.b_label}: {events}")
            for title, text in _distinct_quotes(hop.collaboration.quotes)[:3]:
                lines.append(f"    » {text} — {title}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def collab_table(answer: Collaborators) -> Table:
    """One row per collaborator, for CSV and Markdown."""
    return Table(
        ("rank", "collaborator", "iri", "kind", "weight", "events", "shared", "sources"),
        [
            (
                rank,
                c.entity.label,
                c.entity.iri,
                agent_kind(c.entity.type),
                c.weight,
                c.collaboration.count,
                "; ".join(_event_line(e) for e in c.collaboration.events),
                "; ".join(sorted({q.title for q in c.collaboration.quotes})),
            )
            for rank, c in enumerate(answer.items, start=1)
        ],
    )


def path_table(answer: PathAnswer) -> Table:
    """One row per hop of every chain, for CSV and Markdown."""
    return Table(
        ("path", "hop", "from", "to", "weight", "events"),
        [
            (
                number,
                step,
                hop.a_label,
                hop.b_label,
                hop.collaboration.weight,
                "; ".join(_event_line(e) for e in hop.collaboration.events),
            )
            for number, chain in enumerate(answer.chains, start=1)
            for step, hop in enumerate(chain, start=1)
        ],
    )


def present_collaborators(answer: Collaborators, fmt: TableFormat, excel: bool) -> str:
    """`collab`: the evidence as text, JSON, or one row per collaborator."""
    if fmt == "json":
        return dumps(collab_json(answer))
    if fmt == "table":
        return collab_text(answer)
    return collab_table(answer).render(fmt, excel=excel)


def present_path(answer: PathAnswer, fmt: TableFormat, excel: bool) -> str:
    """`path`: the chains as text, JSON, or one row per hop."""
    if fmt == "json":
        return dumps(path_json(answer))
    if fmt == "table":
        return path_text(answer)
    return path_table(answer).render(fmt, excel=excel)


def present_tie(answer: Tie, fmt: TableFormat, excel: bool) -> str:
    """One pair's collaboration as text, JSON, or one row per shared event."""
    if fmt == "json":
        return dumps(tie_json(answer))
    if fmt == "table":
        return tie_text(answer)
    return tie_table(answer).render(fmt, excel=excel)
