"""The collaboration relation: derived, weighted, and explained by evidence.

"A collaborates with B" when both hold an *active* role (a kg:Role with
`kg:active true`: organizer, host, speaker, moderator, panelist, workshop
lead, interviewer, interviewee) in events of the same event tree. The weight
of a pair is the sum of what each event tree contributes (see README,
"Collaboration"):

* same event, a workshop/panel/talk or any event without sub-events: 1.0
* both organize or host the same event (co-organizing), at any level: 1.0
* both active directly in an umbrella event that has sub-events: 0.5
* only the same umbrella event, in different parts of it: 0.25 per tree
* organizations: a relation stated by a source (member of, cooperates
  with, unit of): 1.0; through their people (`via_people`): 0.5 x the weight
  of the people's collaboration

This module is the only place that computes collaboration. The rows come from
SPARQL (so an endpoint works like the embedded store); Python only groups
result rows and sums weights.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kommgraph.namespaces import KG
from kommgraph.sparql import Backend, with_prologue

W_SAME_EVENT = 1.0
W_CO_ORGANIZING = 1.0
W_UMBRELLA_DIRECT = 0.5
W_UMBRELLA_ONLY = 0.25
W_RELATION = 1.0
W_VIA_PEOPLE = 0.5

PAIRS_QUERY = """
SELECT ?a ?b ?ea ?eb ?ra ?rb ?root ?pa ?pb WHERE {
  ?pa a kg:Participation ; kg:agent ?a ; kg:event ?ea ; kg:role ?ra .
  ?ra kg:active true .
  ?ea kg:partOf* ?root .
  FILTER NOT EXISTS { ?root kg:partOf ?parent }
  ?eb kg:partOf* ?root .
  ?pb a kg:Participation ; kg:event ?eb ; kg:agent ?b ; kg:role ?rb .
  ?rb kg:active true .
  FILTER(STR(?a) < STR(?b))
}
"""

EVENTS_QUERY = """
SELECT ?event ?label ?date ?type ?parent WHERE {
  ?event a ?type .
  ?type rdfs:subClassOf* kg:Event .
  ?event rdfs:label ?label .
  OPTIONAL { ?event kg:date ?date }
  OPTIONAL { ?event kg:partOf ?parent }
}
"""

EVENT_TOPICS_QUERY = """
SELECT DISTINCT ?event ?direct ?topic WHERE {
  ?event kg:partOf* ?ancestor .
  ?ancestor kg:topic ?direct .
  ?direct skos:broader* ?topic .
}
"""

TOPICS_QUERY = """
SELECT ?topic ?label ?broader WHERE {
  ?topic a kg:Topic ; rdfs:label ?label .
  OPTIONAL { ?topic skos:broader ?broader }
}
"""

AGENTS_QUERY = """
SELECT ?agent ?label ?type WHERE {
  ?agent a ?type .
  ?type rdfs:subClassOf* kg:Agent .
  ?agent rdfs:label ?label .
}
"""

ROLES_QUERY = """
SELECT ?role ?label ?active ?organizing WHERE {
  ?role a kg:Role ; rdfs:label ?label ; kg:active ?active .
  OPTIONAL { ?role kg:organizing ?organizing }
  FILTER(LANG(?label) = "en")
}
"""

PARTICIPATIONS_QUERY = """
SELECT ?participation ?agent ?event ?role ?source ?title ?quote WHERE {
  ?participation a kg:Participation ; kg:agent ?agent ; kg:event ?event ; kg:role ?role .
  OPTIONAL { ?participation kg:source ?source . OPTIONAL { ?source rdfs:label ?title } }
  OPTIONAL { ?participation kg:quote ?quote }
}
"""

RELATIONS_QUERY = """
SELECT ?relation ?from ?to ?type ?typeLabel ?source ?title ?quote WHERE {
  ?relation a kg:Relation ; kg:from ?from ; kg:to ?to ; kg:relationType ?type .
  OPTIONAL { ?type rdfs:label ?typeLabel FILTER(LANG(?typeLabel) = "en") }
  OPTIONAL { ?relation kg:source ?source . OPTIONAL { ?source rdfs:label ?title } }
  OPTIONAL { ?relation kg:quote ?quote }
}
"""

AFFILIATIONS_QUERY = """
SELECT ?affiliation ?person ?organization ?position ?source ?title ?quote WHERE {
  ?affiliation a kg:Affiliation ; kg:person ?person ; kg:organization ?organization .
  OPTIONAL { ?affiliation kg:position ?position }
  OPTIONAL { ?affiliation kg:source ?source . OPTIONAL { ?source rdfs:label ?title } }
  OPTIONAL { ?affiliation kg:quote ?quote }
}
"""


@dataclass(frozen=True)
class Filters:
    """Which evidence counts: time window, topic (with narrower), event kinds, roles."""

    since: str | None = None
    until: str | None = None
    topic: str | None = None
    event_kinds: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    topic_label: str | None = None

    def describe(self) -> str:
        """A short human description, for titles and reports."""
        parts = []
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        if self.topic:
            parts.append(f"topic {self.topic_label or self.topic.rsplit('/', 1)[-1]}")
        if self.event_kinds:
            parts.append(
                "events " + ", ".join(sorted(k.rsplit("#", 1)[-1] for k in self.event_kinds))
            )
        if self.roles:
            parts.append("roles " + ", ".join(sorted(r.rsplit("#", 1)[-1] for r in self.roles)))
        return "; ".join(parts) or "no filters"


@dataclass(frozen=True)
class Quote:
    """A source and the verbatim passage that supports one statement."""

    source: str
    title: str
    quote: str
    statement: str


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


@dataclass
class Collaboration:
    """The evidenced edge between two actors (a < b by IRI)."""

    a: str
    b: str
    weight: float = 0.0
    events: list[SharedEvent] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def other(self, iri: str) -> str:
        return self.b if iri == self.a else self.a


@dataclass(frozen=True)
class EventInfo:
    iri: str
    label: str
    date: str | None
    kind: str
    parent: str | None


@dataclass(frozen=True)
class AgentInfo:
    iri: str
    label: str
    kind: str
    is_person: bool


def _select(backend: Backend, text: str) -> list[tuple[str | None, ...]]:
    return backend.values(with_prologue(text))


def _s(value: str | None) -> str | None:
    return None if value is None else str(value)


def _truthy(value: str | None) -> bool:
    return value is not None and str(value).lower() in ("true", "1")


class Evidence:
    """Everything collaboration needs, fetched once by SPARQL and kept."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.subclasses = self._subclass_closure()
        self.events = self._events()
        self.children: set[str] = {e.parent for e in self.events.values() if e.parent}
        self.event_topics: dict[str, set[str]] = defaultdict(set)
        self.event_direct_topics: dict[str, set[str]] = defaultdict(set)
        for event, direct, topic in _select(backend, EVENT_TOPICS_QUERY):
            self.event_topics[str(event)].add(str(topic))
            self.event_direct_topics[str(event)].add(str(direct))
        self.topics: dict[str, str] = {}
        self.broader: dict[str, set[str]] = defaultdict(set)
        for topic, label, broader in _select(backend, TOPICS_QUERY):
            self.topics.setdefault(str(topic), str(label))
            if broader is not None:
                self.broader[str(topic)].add(str(broader))
        self.agents = self._agents()
        self.roles: dict[str, tuple[str, bool, bool]] = {
            str(r): (str(label), _truthy(active), _truthy(organizing))
            for r, label, active, organizing in _select(backend, ROLES_QUERY)
        }
        self.participations: dict[str, tuple[str, str, str]] = {}
        self.participation_quotes: dict[str, list[Quote]] = defaultdict(list)
        for p, agent, event, role, source, title, quote in _select(backend, PARTICIPATIONS_QUERY):
            self.participations[str(p)] = (str(agent), str(event), str(role))
            if quote is not None:
                self.participation_quotes[str(p)].append(
                    Quote(_s(source) or "", _s(title) or "", str(quote), str(p))
                )
        self.pairs = _select(backend, PAIRS_QUERY)
        self.relations = _select(backend, RELATIONS_QUERY)
        self.affiliations = _select(backend, AFFILIATIONS_QUERY)

    def _subclass_closure(self) -> dict[str, set[str]]:
        """class -> itself and all its superclasses within kg:."""
        rows = _select(
            self.backend,
            "SELECT ?c ?super WHERE { ?c rdfs:subClassOf* ?super . "
            "FILTER(STRSTARTS(STR(?super), STR(kg:))) }",
        )
        closure: dict[str, set[str]] = defaultdict(set)
        for cls, sup in rows:
            closure[str(cls)].add(str(sup))
        return closure

    def _most_specific(self, types: Iterable[str], root: str) -> str:
        candidates = [t for t in types if root in self.subclasses.get(t, set())]
        if not candidates:
            return root
        # the most specific has the largest superclass set
        return sorted(candidates, key=lambda t: (-len(self.subclasses.get(t, ())), t))[0]

    def _events(self) -> dict[str, EventInfo]:
        types: dict[str, set[str]] = defaultdict(set)
        base: dict[str, tuple[str, str | None, str | None]] = {}
        for event, label, date, rdf_type, parent in _select(self.backend, EVENTS_QUERY):
            types[str(event)].add(str(rdf_type))
            base.setdefault(str(event), (str(label), _s(date), _s(parent)))
        return {
            iri: EventInfo(iri, label, date, self._most_specific(types[iri], str(KG.Event)), parent)
            for iri, (label, date, parent) in base.items()
        }

    def _agents(self) -> dict[str, AgentInfo]:
        types: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, str] = {}
        for agent, label_term, rdf_type in _select(self.backend, AGENTS_QUERY):
            types[str(agent)].add(str(rdf_type))
            labels.setdefault(str(agent), str(label_term))
        out = {}
        for iri, label in labels.items():
            is_person = any(str(KG.Person) in self.subclasses.get(t, ()) for t in types[iri])
            kind = self._most_specific(types[iri], str(KG.Person if is_person else KG.Organization))
            out[iri] = AgentInfo(iri, label, kind, is_person)
        return out

    # filters ------------------------------------------------------------

    def event_passes(self, iri: str, filters: Filters) -> bool:
        """Whether evidence from this event counts under the filters."""
        info = self.events.get(iri)
        date = info.date if info else None
        if filters.since and not (date and _overlaps_after(date, filters.since)):
            return False
        if filters.until and not (date and _overlaps_before(date, filters.until)):
            return False
        if filters.topic and filters.topic not in self.event_topics.get(iri, set()):
            return False
        if filters.event_kinds:
            kind_chain = self.subclasses.get(info.kind, {info.kind}) if info else set()
            if not kind_chain & filters.event_kinds:
                return False
        return True

    def role_passes(self, role: str, filters: Filters) -> bool:
        return not filters.roles or role in filters.roles


def _overlaps_after(date: str, since: str) -> bool:
    n = min(len(date), len(since))
    return date[:n] >= since[:n]


def _overlaps_before(date: str, until: str) -> bool:
    n = min(len(date), len(until))
    return date[:n] <= until[:n]


_RANK = {"umbrella": 0, "same-event": 1, "co-organizing": 2}


def _role_line(evidence: Evidence, agent: str, role: str, event: str) -> str:
    who = evidence.agents[agent].label if agent in evidence.agents else agent
    what = evidence.roles.get(role, (role.rsplit("#", 1)[-1], True, False))[0]
    where = evidence.events[event].label if event in evidence.events else event
    return f"{who}: {what} @ {where}"


def collaborations(
    evidence: Evidence,
    filters: Filters = Filters(),
    *,
    via_people: bool = False,
    only: str | None = None,
) -> dict[tuple[str, str], Collaboration]:
    """All collaboration edges with weights and evidence, keyed by (a, b), a < b.

    `only` restricts the work to the edges of one agent (what `collab` needs);
    with `via_people` the edges of its people are needed too, so it is ignored.
    """
    if via_people:
        only = None
    # (a, b) -> root -> event -> (best weight, basis, role lines, participations)
    direct: dict[tuple[str, str], dict[str, dict[str, tuple[float, str, set[str], set[str]]]]] = (
        defaultdict(lambda: defaultdict(dict))
    )
    umbrella: dict[tuple[str, str], dict[str, tuple[set[str], set[str]]]] = defaultdict(dict)
    for a, b, ea, eb, ra, rb, root, pa, pb in evidence.pairs:
        if only is not None and only not in (a, b):
            continue
        sa, sb, sea, seb, sra, srb = str(a), str(b), str(ea), str(eb), str(ra), str(rb)
        if not (evidence.event_passes(sea, filters) and evidence.event_passes(seb, filters)):
            continue
        if not (evidence.role_passes(sra, filters) and evidence.role_passes(srb, filters)):
            continue
        key, sroot = (sa, sb), str(root)
        lines = {_role_line(evidence, sa, sra, sea), _role_line(evidence, sb, srb, seb)}
        parts = {str(pa), str(pb)}
        if sea == seb:
            organizing = (
                evidence.roles.get(sra, ("", True, False))[2]
                and evidence.roles.get(srb, ("", True, False))[2]
            )
            if organizing:
                weight, basis = W_CO_ORGANIZING, "co-organizing"
            elif sea not in evidence.children:
                weight, basis = W_SAME_EVENT, "same-event"
            else:
                weight, basis = W_UMBRELLA_DIRECT, "umbrella"
            previous = direct[key][sroot].get(sea)
            if previous is None:
                direct[key][sroot][sea] = (weight, basis, lines, parts)
            else:
                # the stronger basis wins; on equal weight co-organizing beats same-event,
                # whatever order the rows came in (embedded and remote must agree)
                best = max(
                    (weight, basis),
                    (previous[0], previous[1]),
                    key=lambda wb: (wb[0], _RANK[wb[1]]),
                )
                direct[key][sroot][sea] = (*best, previous[2] | lines, previous[3] | parts)
        else:
            held = umbrella[key].setdefault(sroot, (set(), set()))
            held[0].update(lines)
            held[1].update(parts)
    edges: dict[tuple[str, str], Collaboration] = {}
    for key in set(direct) | set(umbrella):
        edge = Collaboration(*key)
        used: set[str] = set()
        for _root, events in direct.get(key, {}).items():
            for event, (weight, basis, lines, parts) in events.items():
                edge.events.append(_shared(evidence, event, basis, weight, lines))
                edge.weight += weight
                used |= parts
        for tree, (lines, parts) in umbrella.get(key, {}).items():
            if tree in direct.get(key, {}):
                continue
            edge.events.append(_shared(evidence, tree, "umbrella-only", W_UMBRELLA_ONLY, lines))
            edge.weight += W_UMBRELLA_ONLY
            used |= parts
        edge.quotes = sorted(
            {q for p in used for q in evidence.participation_quotes.get(p, [])},
            key=lambda q: (q.source, q.statement, q.quote),
        )
        edges[key] = edge
    _add_relations(evidence, edges, filters, only)
    if via_people:
        _add_via_people(evidence, edges)
    for edge in edges.values():
        edge.events.sort(key=lambda e: (e.date or "", e.iri, e.basis, e.roles))
        edge.quotes = sorted(set(edge.quotes), key=lambda q: (q.source, q.statement, q.quote))
        edge.weight = round(edge.weight, 6)
    return edges


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


def _label(evidence: Evidence, iri: str) -> str:
    agent = evidence.agents.get(iri)
    return agent.label if agent else iri


def _add_relations(
    evidence: Evidence,
    edges: dict[tuple[str, str], Collaboration],
    filters: Filters,
    only: str | None = None,
) -> None:
    """Relations that a source states between agents (no event, so time/topic filters drop them)."""
    if filters.since or filters.until or filters.topic or filters.event_kinds or filters.roles:
        return
    for (
        relation,
        source_agent,
        target_agent,
        _type,
        type_label,
        source,
        title,
        quote,
    ) in evidence.relations:
        a, b = sorted((str(source_agent), str(target_agent)))
        if a == b or (only is not None and only not in (a, b)):
            continue
        edge = edges.setdefault((a, b), Collaboration(a, b))
        line = " ".join(
            part
            for part in (
                _label(evidence, str(source_agent)),
                str(type_label or ""),
                _label(evidence, str(target_agent)),
            )
            if part
        )
        edge.events.append(
            SharedEvent(
                str(relation),
                line.strip(),
                None,
                "relation",
                "relation",
                W_RELATION,
                (line.strip(),),
            )
        )
        edge.weight += W_RELATION
        if quote is not None:
            edge.quotes.append(Quote(_s(source) or "", _s(title) or "", str(quote), str(relation)))


def _add_via_people(evidence: Evidence, edges: dict[tuple[str, str], Collaboration]) -> None:
    """Lift collaborations of people onto their organizations (half weight)."""
    orgs_of: dict[str, set[str]] = defaultdict(set)
    aff_quotes: dict[tuple[str, str], list[Quote]] = defaultdict(list)
    for affiliation, person, organization, _position, source, title, quote in evidence.affiliations:
        orgs_of[str(person)].add(str(organization))
        if quote is not None:
            aff_quotes[(str(person), str(organization))].append(
                Quote(_s(source) or "", _s(title) or "", str(quote), str(affiliation))
            )
    person_edges = [
        e
        for e in list(edges.values())
        if evidence.agents.get(e.a, AgentInfo("", "", "", False)).is_person
        and evidence.agents.get(e.b, AgentInfo("", "", "", False)).is_person
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
                names = f"{_label(evidence, person_edge.a)} & {_label(evidence, person_edge.b)}"
                for shared in person_edge.events:
                    edge.events.append(
                        SharedEvent(
                            shared.iri,
                            shared.label,
                            shared.date,
                            shared.kind,
                            "via-people",
                            round(shared.weight * W_VIA_PEOPLE, 6),
                            (*shared.roles, f"via {names}"),
                        )
                    )
                edge.weight += person_edge.weight * W_VIA_PEOPLE
                edge.quotes.extend(person_edge.quotes)
                edge.quotes.extend(aff_quotes.get((person_edge.a, org_a), []))
                edge.quotes.extend(aff_quotes.get((person_edge.b, org_b), []))
