"""Collaboration that does not come from sharing an event tree.

Organizations are linked by relations that a source states (member of, unit
of, cooperates with), and, when asked, through their people: the
collaboration of two persons is lifted onto the organizations they are
affiliated with, at half its weight. Both add to the edges that pairing
(`kommgraph.network.collaboration`) found, with their own evidence.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from kommgraph.network.collaboration import (
    W_RELATION,
    W_VIA_PEOPLE,
    Collaboration,
    SharedEvent,
)
from kommgraph.network.evidence import AgentInfo, Evidence, Quote
from kommgraph.network.filters import Filters


def _label(evidence: Evidence, iri: str) -> str:
    agent = evidence.agents.get(iri)
    return agent.label if agent else iri


def add_relations(
    evidence: Evidence,
    edges: dict[tuple[str, str], Collaboration],
    filters: Filters,
    only: str | None = None,
) -> None:
    """Relations that a source states between agents (no event, so time/topic filters drop them)."""
    if filters.any_event_filter:
        return
    for (
        relation,
        source_agent,
        target_agent,
        _t,
        type_label,
        source,
        title,
        quote,
    ) in evidence.relations:
        a, b = sorted((str(source_agent), str(target_agent)))
        if a == b or (only is not None and only not in (a, b)):
            continue
        edge = edges.setdefault((a, b), Collaboration(a, b))
        words = (_label(evidence, str(source_agent)), str(type_label or ""))
        line = " ".join(w for w in (*words, _label(evidence, str(target_agent))) if w).strip()
        event = SharedEvent(str(relation), line, None, "relation", "relation", W_RELATION, (line,))
        quotes = [] if quote is None else [Quote(source or "", title or "", quote, str(relation))]
        edge.defer(W_RELATION, 1, partial(lambda e, q: ([e], q), event, quotes))


def add_via_people(evidence: Evidence, edges: dict[tuple[str, str], Collaboration]) -> None:
    """Lift collaborations of people onto their organizations (half weight)."""
    orgs_of: dict[str, set[str]] = defaultdict(set)
    aff_quotes: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    for affiliation, person, organization, _position, source, title, quote in evidence.affiliations:
        orgs_of[str(person)].add(str(organization))
        if quote is not None:
            aff_quotes[(str(person), str(organization))].append(
                Quote(source or "", title or "", quote, str(affiliation))
            )
    nobody = AgentInfo("", "", "", False)
    person_edges = [
        e
        for e in list(edges.values())
        if evidence.agents.get(e.a, nobody).is_person and evidence.agents.get(e.b, nobody).is_person
    ]
    for person_edge in person_edges:
        lifted: set[tuple[str, str]] = set()
        for org_a in sorted(orgs_of.get(person_edge.a, set())):
            for org_b in sorted(orgs_of.get(person_edge.b, set())):
                a, b = sorted((org_a, org_b))
                if org_a == org_b or (a, b) in lifted:
                    continue  # one person pair lifts onto one pair of organizations once
                lifted.add((a, b))
                edge = edges.setdefault((a, b), Collaboration(a, b))
                quotes = [*aff_quotes.get((person_edge.a, org_a), [])]
                quotes += aff_quotes.get((person_edge.b, org_b), [])
                explain = partial(_lifted, evidence, person_edge, quotes)
                edge.defer(person_edge.weight * W_VIA_PEOPLE, person_edge.count, explain)


def _lifted(
    evidence: Evidence, person_edge: Collaboration, quotes: list[Quote]
) -> tuple[list[SharedEvent], list[Quote]]:
    """A people's collaboration as evidence for their organizations."""
    names = f"{_label(evidence, person_edge.a)} & {_label(evidence, person_edge.b)}"
    events = [
        SharedEvent(
            shared.iri,
            shared.label,
            shared.date,
            shared.kind,
            "via-people",
            round(shared.weight * W_VIA_PEOPLE, 6),
            (*shared.roles, f"via {names}"),
        )
        for shared in person_edge.events
    ]
    return events, [*person_edge.quotes, *quotes]
