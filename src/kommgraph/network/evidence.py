"""What collaboration is computed from, fetched by SPARQL and kept as plain strings.

`Schema` is the small fixed part (class hierarchy, roles, topics) that
filters need; `Evidence` adds events, agents, participations and relations.
Each is one pass of a handful of flat SELECTs, so an endpoint works like the
embedded store and the cost grows with the number of participations, never
with the number of pairs: pairing happens in `kommgraph.network.collaboration`.

`Evidence(backend, actor=IRI)` fetches only the event trees that actor took
part in (and the relations it is named in): everything `collab` for one
actor needs, in milliseconds on a graph of millions of triples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rdflib import URIRef

from kommgraph.bulk import bulk
from kommgraph.network.schema import Schema
from kommgraph.rdf.namespaces import KG
from kommgraph.rdf.query_text import term_n3, with_prologue
from kommgraph.rdf.sparql import Backend

if TYPE_CHECKING:
    from kommgraph.network.filters import Filters

# The actor's event trees: the roots above every event it took part in.
ROOTS_QUERY = """
SELECT DISTINCT ?root WHERE {
  ?participation kg:agent ?_actor ; kg:event ?event .
  ?event kg:partOf* ?root .
  FILTER NOT EXISTS { ?root kg:partOf ?parent }
}
"""

# {scope} is empty, or restricts ?event to the event trees in scope.
EVENTS_QUERY = """
SELECT ?event ?label ?date ?type ?parent WHERE {{
  {scope}
  ?event a ?type .
  ?type rdfs:subClassOf* kg:Event .
  ?event rdfs:label ?label .
  OPTIONAL {{ ?event kg:date ?date }}
  OPTIONAL {{ ?event kg:partOf ?parent }}
}}
"""

EVENT_TOPICS_QUERY = """
SELECT ?event ?topic WHERE {{
  {scope}
  ?event kg:topic ?topic .
}}
"""

PARTICIPATIONS_QUERY = """
SELECT ?participation ?agent ?event ?role ?source ?title ?quote WHERE {{
  {scope}
  ?participation kg:agent ?agent ; kg:event ?event ; kg:role ?role .
  OPTIONAL {{ ?participation kg:source ?source . OPTIONAL {{ ?source rdfs:label ?title }} }}
  OPTIONAL {{ ?participation kg:quote ?quote }}
}}
"""

# {agents} is empty, or a VALUES block listing the agents in scope.
AGENTS_QUERY = """
SELECT ?agent ?label ?type WHERE {{
  {agents}
  ?agent a ?type .
  ?type rdfs:subClassOf* kg:Agent .
  ?agent rdfs:label ?label .
}}
"""

RELATIONS_QUERY = """
SELECT ?relation ?from ?to ?type ?typeLabel ?source ?title ?quote WHERE {{
  {scope}
  ?relation a kg:Relation ; kg:from ?from ; kg:to ?to ; kg:relationType ?type .
  OPTIONAL {{ ?type rdfs:label ?typeLabel FILTER(LANG(?typeLabel) = "en") }}
  OPTIONAL {{ ?relation kg:source ?source . OPTIONAL {{ ?source rdfs:label ?title }} }}
  OPTIONAL {{ ?relation kg:quote ?quote }}
}}
"""

AFFILIATIONS_QUERY = """
SELECT ?affiliation ?person ?organization ?position ?source ?title ?quote WHERE {{
  {scope}
  ?affiliation a kg:Affiliation ; kg:person ?person ; kg:organization ?organization .
  OPTIONAL {{ ?affiliation kg:position ?position }}
  OPTIONAL {{ ?affiliation kg:source ?source . OPTIONAL {{ ?source rdfs:label ?title }} }}
  OPTIONAL {{ ?affiliation kg:quote ?quote }}
}}
"""


# {scope} is empty, or a VALUES block listing the entities in scope.
ALT_LABELS_QUERY = """
SELECT ?entity ?alt WHERE {{
  {scope}
  ?entity skos:altLabel ?alt .
}}
"""


@dataclass(frozen=True)
class Quote:
    """A source and the verbatim passage that supports one statement."""

    source: str
    title: str
    quote: str
    statement: str


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


Row = tuple[str | None, ...]

AFFILIATIONS_LISTED = 500  # entities; for more, all rows are fetched and sifted


def _select(backend: Backend, text: str, bindings: Mapping[str, URIRef] | None = None) -> list[Row]:
    return backend.values(with_prologue(text), bindings)


def _listed(iris: Iterable[str]) -> str:
    """IRIs for a VALUES block, escaped, in a stable order."""
    return " ".join(term_n3(URIRef(i)) for i in sorted(iris))


def _s(value: str | None) -> str | None:
    return None if value is None else str(value)


class Evidence:
    """Everything collaboration needs, fetched once by SPARQL and kept.

    With `actor`, only the event trees the actor took part in and the
    relations naming it are fetched: enough for that actor's collaborations,
    not for anyone else's.
    """

    @bulk
    def __init__(
        self, backend: Backend, schema: Schema | None = None, *, actor: str | None = None
    ) -> None:
        self.backend = backend
        self.schema = schema or Schema(backend)
        self.actor = actor
        self.subclasses = self.schema.subclasses
        self.roles = self.schema.roles
        self.topics = self.schema.topics
        self.broader = self.schema.broader
        # what `kommgraph.network.rule` computed from this evidence, per filters
        self.active_memo: dict[Filters, tuple[tuple[str, str, str, str], ...]] = {}
        scope = relations = ""
        if actor is not None:
            roots = [str(r) for (r,) in _select(backend, ROOTS_QUERY, {"_actor": URIRef(actor)})]
            scope = f"VALUES ?root {{ {_listed(roots)} }} ?event kg:partOf* ?root ."
            me = term_n3(URIRef(actor))
            relations = f"{{ ?relation kg:from {me} }} UNION {{ ?relation kg:to {me} }}"
        self.events = self._events(scope)
        self.children: set[str] = {e.parent for e in self.events.values() if e.parent}
        self.root_of = self._roots()
        self.event_direct_topics, self.event_topics = self._event_topics(scope)
        self.participations: dict[str, tuple[str, str, str]] = {}
        self.participation_quotes: dict[str, list[Quote]] = defaultdict(list)
        for p, agent, event, role, source, title, quote in _select(
            backend, PARTICIPATIONS_QUERY.format(scope=scope)
        ):
            self.participations[str(p)] = (str(agent), str(event), str(role))
            if quote is not None:
                self.participation_quotes[str(p)].append(
                    Quote(_s(source) or "", _s(title) or "", str(quote), str(p))
                )
        self.relations = _select(backend, RELATIONS_QUERY.format(scope=relations))
        agents = ""
        if actor is not None:  # the agents named in what was fetched (a join here is slow)
            named = {actor} | {agent for agent, _e, _r in self.participations.values()}
            named |= {str(x) for row in self.relations for x in row[1:3]}
            agents = f"VALUES ?agent {{ {_listed(named)} }}"
        self.agents = self._agents(agents)

    @cached_property
    def affiliations(self) -> list[Row]:
        """Who works where (needed only to lift people's collaborations onto organizations)."""
        return _select(self.backend, AFFILIATIONS_QUERY.format(scope=""))

    def affiliations_of(self, agents: Iterable[str]) -> list[Row]:
        """The affiliations of these persons and organizations (a page shows a few hundred).

        Taken from `affiliations` when that is already fetched; otherwise asked for
        these agents only, which at 10,000 events is 5 ms instead of 200 ms. A long
        VALUES list is slow in the store (2,000 agents: 7.7 s, all affiliations: 0.5 s),
        so above `AFFILIATIONS_LISTED` agents all are fetched and sifted here.
        """
        wanted = set(agents)
        if not wanted:
            return []
        if "affiliations" in self.__dict__ or len(wanted) > AFFILIATIONS_LISTED:
            return [row for row in self.affiliations if row[1] in wanted or row[2] in wanted]
        listed = _listed(wanted)
        found: dict[Row, None] = {}
        for side in ("person", "organization"):
            scope = f"VALUES ?{side} {{ {listed} }}"
            found.update(
                dict.fromkeys(_select(self.backend, AFFILIATIONS_QUERY.format(scope=scope)))
            )
        return sorted(found, key=lambda row: tuple(str(x) for x in row))

    def alt_labels_of(self, entities: Iterable[str]) -> dict[str, list[str]]:
        """The other names (skos:altLabel) of these entities, sorted; a page searches them.

        Asked for these entities only, or, above `AFFILIATIONS_LISTED` of them (a
        long VALUES list is slow), for every entity and sifted here.
        """
        wanted = set(entities)
        if not wanted:
            return {}
        scope = (
            "" if len(wanted) > AFFILIATIONS_LISTED else f"VALUES ?entity {{ {_listed(wanted)} }}"
        )
        found: dict[str, set[str]] = defaultdict(set)
        for entity, alt in _select(self.backend, ALT_LABELS_QUERY.format(scope=scope)):
            if entity in wanted and alt is not None:
                found[str(entity)].add(str(alt))
        return {iri: sorted(names) for iri, names in sorted(found.items())}

    def _events(self, scope: str) -> dict[str, EventInfo]:
        types: dict[str, set[str]] = defaultdict(set)
        base: dict[str, tuple[str, str | None, str | None]] = {}
        for event, label, date, rdf_type, parent in _select(
            self.backend, EVENTS_QUERY.format(scope=scope)
        ):
            types[str(event)].add(str(rdf_type))
            base.setdefault(str(event), (str(label), _s(date), _s(parent)))
        kind = self.schema.most_specific
        return {
            iri: EventInfo(iri, label, date, kind(types[iri], str(KG.Event)), parent)
            for iri, (label, date, parent) in base.items()
        }

    def _roots(self) -> dict[str, str]:
        """event -> the top of its tree (kg:partOf followed upwards; a cycle stops the walk)."""
        roots: dict[str, str] = {}
        for start in self.events:
            chain, node, seen = [], start, set()
            while node not in roots and node not in seen:
                seen.add(node)
                chain.append(node)
                info = self.events.get(node)
                if info is None or info.parent is None or info.parent in seen:
                    break
                node = info.parent
            top = roots.get(node, node)
            for step in chain:
                roots[step] = top
        return roots

    def _event_topics(self, scope: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Topics of each event: its own and its ancestors' (direct), then with broader ones."""
        own: dict[str, set[str]] = defaultdict(set)
        for event, topic in _select(self.backend, EVENT_TOPICS_QUERY.format(scope=scope)):
            own[str(event)].add(str(topic))
        direct: dict[str, set[str]] = defaultdict(set)
        closed: dict[str, set[str]] = defaultdict(set)
        for event in set(self.events) | set(own):
            found: set[str] = set()
            node: str | None = event
            seen: set[str] = set()
            while node is not None and node not in seen:
                seen.add(node)
                found |= own.get(node, set())
                info = self.events.get(node)
                node = info.parent if info else None
            if found:
                direct[event] = found
                closed[event] = {up for t in found for up in self.schema.with_broader(t)}
        return direct, closed

    def _agents(self, scope: str) -> dict[str, AgentInfo]:
        types: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, str] = {}
        for agent, label_term, rdf_type in _select(self.backend, AGENTS_QUERY.format(agents=scope)):
            types[str(agent)].add(str(rdf_type))
            labels.setdefault(str(agent), str(label_term))
        out = {}
        person, organization = str(KG.Person), str(KG.Organization)
        for iri, label in labels.items():
            is_person = any(person in self.subclasses.get(t, ()) for t in types[iri])
            kind = self.schema.most_specific(types[iri], person if is_person else organization)
            out[iri] = AgentInfo(iri, label, kind, is_person)
        return out
