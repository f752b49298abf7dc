"""The evidence beside a network export: `<output>.evidence.json`.

GraphML, GEXF and CSV hold no lists, and an edge's whole evidence as one
escaped string helps nobody, so the evidence goes to a side file in one of two
shapes (`kommgraph.views.flat` says what the edges carry):

* `ids` (the default): every event of the event trees the edges refer to, once,
  with its parent, its participants (role, whether the role counts, the quotes
  behind the participation) and what was said there, and every stated relation
  an edge refers to. An edge's `event_ids` are keys of `events` or `relations`.
  At 10,000 events this is a few megabytes where a copy per edge was 350.
* `full`: every edge's evidence by its `edge_id`, in the shape of
  `collab --format json` (events with both sides' roles, sources with quotes).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kommgraph.network.evidence import Evidence
from kommgraph.views.flat import Edges, Flat
from kommgraph.views.present_collab import collaboration_json, quote_json


def _short(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def _head(flat: Flat, mode: str) -> dict[str, Any]:
    return {
        "network": flat.attrs.get("network", ""),
        "filters": flat.attrs.get("filters", ""),
        "evidence": mode,
    }


def edges_json(flat: Flat, edges: Edges) -> dict[str, Any]:
    """`full`: every edge's evidence, keyed by the edge id of the export."""
    out: dict[str, Any] = {}
    for a, b, data in flat.edges:
        key = (a, b) if a < b else (b, a)
        if key in edges:
            out[str(data["edge_id"])] = {"source": key[0], "target": key[1]} | collaboration_json(
                edges[key]
            )
    return _head(flat, "full") | {"edges": out}


def events_json(flat: Flat, evidence: Evidence) -> dict[str, Any]:
    """`ids`: the events and relations the edges refer to, each once."""
    referred = flat.event_ids()
    root_of = evidence.root_of
    roots = {root_of.get(iri, iri) for iri in referred if iri in evidence.events}
    chosen = sorted(e for e in evidence.events if root_of.get(e, e) in roots)
    taking_part: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for participation, (agent, event, role) in sorted(evidence.participations.items()):
        if event not in roots and root_of.get(event, event) not in roots:
            continue
        known, who = evidence.roles.get(role), evidence.agents.get(agent)
        taking_part[event].append(
            {
                "participation": participation,
                "agent": agent,
                "label": who.label if who else agent,
                "role": known.label if known else _short(role),
                "active": bool(known and known.active),
                "sources": [quote_json(q) for q in evidence.quotes_of(participation)],
            }
        )
    events = {}
    for iri in chosen:
        info = evidence.events[iri]
        events[iri] = {
            "label": info.label,
            "date": info.date,
            "kind": _short(info.kind),
            "parent": info.parent,
            "participants": sorted(taking_part.get(iri, []), key=lambda p: (p["label"], p["role"])),
            "said": [quote_json(q) for _speaker, q in evidence.statements_at.get(iri, [])],
        }
    relations = {}
    for relation, source, target, _t, kind, cited, title, quote in evidence.relations:
        if str(relation) in referred:
            relations[str(relation)] = {
                "source": str(source),
                "target": str(target),
                "relation": str(kind or ""),
                "sources": []
                if quote is None
                else [{"source": cited or "", "title": title or "", "quote": str(quote)}],
            }
    return _head(flat, "ids") | {"events": events, "relations": relations}
