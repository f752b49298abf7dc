"""The participation rule: which participations make collaboration, under which filters.

This is the one place the rule is written. A participation counts when its
role is active (`kg:active true` in the ontology: organizer, host, speaker,
moderator, panelist, workshop lead, interviewer, interviewee, ...) and its
event passes the filters: the time window (an event dated only by year or
month counts when that period overlaps the window), the topic (the event's
own topics and those of the events it is part of, with every broader topic),
the event kinds (with subclasses) and the role set. Pairing
(`collaboration`), the projections, the communities' topics and the page all
take their participations from `active_participations`.

The named queries that compute collaboration in SPARQL
(`queries/collaborating-pairs.rq`, `queries/collaborators-of.rq`) state the
same rule without filters; `tests/test_rule_agreement.py` proves that they
find the same pairs as this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kommgraph.bulk import bulk

if TYPE_CHECKING:
    from kommgraph.network.evidence import Evidence
    from kommgraph.network.filters import Filters

# (participation, agent, event, role)
ActivePart = tuple[str, str, str, str]


def role_counts(evidence: Evidence, role: str, filters: Filters) -> bool:
    """Whether a participation in this role counts: an active role, in the role filter if any."""
    known = evidence.schema.roles.get(role)
    return known is not None and known.active and (not filters.roles or role in filters.roles)


def event_passes(evidence: Evidence, iri: str, filters: Filters) -> bool:
    """Whether what happened at this event counts under the filters."""
    info = evidence.events.get(iri)
    date = info.date if info else None
    if filters.since and not (date and _overlaps_after(date, filters.since)):
        return False
    if filters.until and not (date and _overlaps_before(date, filters.until)):
        return False
    if filters.topic and filters.topic not in evidence.event_topics.get(iri, ()):
        return False
    if filters.event_kinds:
        kind_chain = evidence.schema.subclasses.get(info.kind, {info.kind}) if info else set()
        if not kind_chain & filters.event_kinds:
            return False
    return True


@bulk
def active_participations(evidence: Evidence, filters: Filters) -> tuple[ActivePart, ...]:
    """Every participation that counts, sorted by participation IRI (computed once per filters)."""
    memo = evidence.active_memo.get(filters)
    if memo is not None:
        return memo
    found: list[ActivePart] = []
    passes: dict[str, bool] = {}
    role_ok: dict[str, bool] = {}
    for participation, (agent, event, role) in evidence.participations.items():
        ok = role_ok.get(role)
        if ok is None:
            ok = role_ok[role] = role_counts(evidence, role, filters)
        if not ok:
            continue
        ok = passes.get(event)
        if ok is None:
            ok = passes[event] = event_passes(evidence, event, filters)
        if ok:
            found.append((participation, agent, event, role))
    found.sort()
    result = tuple(found)
    evidence.active_memo[filters] = result
    return result


def _overlaps_after(date: str, since: str) -> bool:
    n = min(len(date), len(since))
    return date[:n] >= since[:n]


def _overlaps_before(date: str, until: str) -> bool:
    n = min(len(date), len(until))
    return date[:n] <= until[:n]
