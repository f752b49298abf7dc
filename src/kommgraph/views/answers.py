"""Text and JSON forms of collaboration answers (collab, path, communities).

The JSON shapes are the documented, stable contract for scripts (README,
"JSON output"); the text forms are for people and always show the evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kommgraph.rdf.names import Entity
from kommgraph.network.collaboration import Collaboration, Filters, Quote, SharedEvent

if TYPE_CHECKING:
    from kommgraph.network.analysis import CommunityResult, Hop
    from kommgraph.api import Collaborator


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


def quote_json(quote: Quote) -> dict[str, str]:
    return {
        "source": quote.source,
        "title": quote.title,
        "quote": quote.quote,
        "statement": quote.statement,
    }


def collaboration_json(edge: Collaboration) -> dict[str, Any]:
    return {
        "weight": edge.weight,
        "events": [event_json(e) for e in edge.events],
        "sources": [quote_json(q) for q in edge.quotes],
    }


def collab_json(me: Entity, found: list[Collaborator], filters: Filters) -> dict[str, Any]:
    """`collab --format json`: {actor, filters, collaborators: [...]}."""
    return {
        "actor": entity_json(me),
        "filters": filters.describe(),
        "collaborators": [
            {**entity_json(c.entity), **collaboration_json(c.collaboration)} for c in found
        ],
    }


def _distinct_quotes(quotes: list[Quote]) -> list[tuple[str, str]]:
    """Quotes as (title, text), each passage once even when several statements cite it."""
    seen: dict[tuple[str, str], None] = {}
    for quote in quotes:
        seen.setdefault((quote.title, quote.quote), None)
    return list(seen)


def _event_line(event: SharedEvent) -> str:
    date = f" ({event.date})" if event.date else ""
    return f"{event.label}{date} [{event.basis}, +{event.weight:g}]"


def collab_text(me: Entity, found: list[Collaborator], filters: Filters) -> str:
    lines = [f"Collaborators of {me.label} <{me.iri}> ({filters.describe()}): {len(found)}", ""]
    if not found:
        lines.append("No collaborators: no active role shared with anyone under these filters.")
    for rank, c in enumerate(found, start=1):
        lines.append(f"{rank}. {c.entity.label} ({_kind(c.entity.type)}), weight {c.weight:g}")
        for event in c.collaboration.events:
            lines.append(f"   - {_event_line(event)}")
            for role in event.roles:
                lines.append(f"       {role}")
        for title, text in _distinct_quotes(c.collaboration.quotes):
            lines.append(f"   » „{text}“ — {title}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def path_json(a: Entity, b: Entity, chains: list[list[Hop]]) -> dict[str, Any]:
    """`path --format json`: {from, to, connected, paths: [[hop, ...], ...]}."""
    return {
        "from": entity_json(a),
        "to": entity_json(b),
        "connected": bool(chains),
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


def path_text(a: Entity, b: Entity, chains: list[list[Hop]]) -> str:
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
                lines.append(f"    » „{text}“ — {title}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def communities_json(result: CommunityResult, network: str, filters: Filters) -> dict[str, Any]:
    """`communities --format json`."""
    return {
        "network": network,
        "filters": filters.describe(),
        "method": result.method,
        "modularity": result.modularity,
        "communities": [
            {
                "index": c.index,
                "size": len(c.members),
                "members": [{"iri": i, "label": label} for i, label in c.members],
                "central": [{"iri": i, "label": label} for i, label in c.central],
                "topics": [{"label": t, "events": n} for t, n in c.topics],
            }
            for c in result.communities
        ],
        "bridges": [
            {
                "iri": b.iri,
                "label": b.label,
                "communities": list(b.communities),
                "participation": b.participation,
            }
            for b in result.bridges
        ],
    }


def communities_text(result: CommunityResult, network: str, filters: Filters) -> str:
    lines = [
        f"{len(result.communities)} communities in the {network} network ({filters.describe()}); "
        f"{result.method}, modularity {result.modularity:.3f}",
        "",
    ]
    for c in result.communities:
        topics = ", ".join(f"{t} ({n})" for t, n in c.topics) or "–"
        lines.append(f"Community {c.index} ({len(c.members)} members); topics: {topics}")
        lines.append("  central: " + ", ".join(label for _i, label in c.central))
        if len(c.members) > len(c.central):
            lines.append("  members: " + ", ".join(label for _i, label in c.members))
        lines.append("")
    if result.bridges:
        lines.append("Bridges between communities (participation coefficient):")
        for b in result.bridges[:15]:
            lines.append(
                f"  {b.label}: communities {', '.join(map(str, b.communities))}"
                f" ({b.participation:.2f})"
            )
    else:
        lines.append("No actor links two communities.")
    return "\n".join(lines).rstrip() + "\n"
