"""What collaboration is computed from, kept as plain strings.

`Evidence` holds events, agents, participations, relations and statements,
built from flat rows (`kommgraph.network.rows`: by SPARQL from any backend,
or from an index's tables), so an endpoint works like the embedded store and
the cost grows with the number of participations, never with the number of
pairs: pairing happens in `kommgraph.network.collaboration`.

`Evidence(rows, actor=IRI)` takes only the event trees that actor holds an
active role in (and the relations it is named in): everything `collab` for one
actor needs, in milliseconds on a graph of millions of triples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple, cast

from kommgraph.bulk import bulk
from kommgraph.network.rows import Row, Rows, is_rows
from kommgraph.network.schema import Schema
from kommgraph.rdf.iris import KG

if TYPE_CHECKING:
    from kommgraph.network.filters import Filters
    from kommgraph.rdf.sparql import Backend


@dataclass(frozen=True)
class Quote:
    """A source and the verbatim passage that supports one statement.

    `statement` is the IRI of the fact the passage supports; for the words of a
    kg:Statement (someone said something) `speaker` is who said them.
    """

    source: str
    title: str
    quote: str
    statement: str
    speaker: str | None = None


class EventInfo(NamedTuple):
    """An event as collaboration reads it (a tuple: a hub's thousands are made at once)."""

    iri: str
    label: str
    date: str | None
    kind: str
    parent: str | None


class AgentInfo(NamedTuple):
    """An agent as collaboration reads it (a tuple: a hub's thousands are made at once)."""

    iri: str
    label: str
    kind: str
    is_person: bool


def _s(value: str | None) -> str | None:
    return None if value is None else str(value)


class Evidence:
    """Everything collaboration needs, fetched once by SPARQL and kept.

    With `actor`, only the event trees the actor is active in and the
    relations naming it are fetched: enough for that actor's collaborations,
    not for anyone else's; with `among` too, only the participations of those
    agents (the actor among them): enough for the actor's edges to them; with
    `trees` too, only those trees (the tops of the events behind these edges,
    all trees the actor is active in). With `among` alone, every tree but only
    those agents' participations: enough for the edges between them and a page
    that draws them.
    """

    @bulk
    def __init__(
        self,
        source: Rows | Backend,
        schema: Schema | None = None,
        *,
        actor: str | None = None,
        among: frozenset[str] | None = None,
        trees: list[str] | None = None,
    ) -> None:
        if is_rows(source):
            self.rows: Rows = source
        else:  # a backend: asked by SPARQL (imported only then, it needs rdflib)
            from kommgraph.network.sparql_rows import SparqlRows

            self.rows = SparqlRows(cast("Backend", source))
        self.schema = schema or Schema(self.rows)
        self.actor = actor
        self.subclasses = self.schema.subclasses
        self.roles = self.schema.roles
        self.topics = self.schema.topics
        self.broader = self.schema.broader
        # what `kommgraph.network.rule` computed from this evidence, per filters
        self.active_memo: dict[Filters, tuple[tuple[str, str, str, str], ...]] = {}
        # an actor's collaborations lie in the trees where it holds an active role (the rule's
        # first condition); its other trees are not read (half of a hub's at 10,000 events)
        active = {iri for iri, role in self.roles.items() if role.active}
        scope = None if actor is None and among is None else [actor] if actor else among
        if actor is None:  # the whole graph, or these agents in every tree (a page of hubs:
            roots = None  # they are active in nearly all trees, so finding which costs more)
        else:
            roots = trees if trees is not None else self.rows.roots_of(actor, active)
        self.events = event_infos(self.rows, self.schema, roots)
        self.children: set[str] = {e.parent for e in self.events.values() if e.parent}
        self.root_of = tree_tops(self.events)
        self._roots_read = roots
        self._affiliated: tuple[frozenset[str], list[Row]] = (frozenset(), [])
        self.participations: dict[str, tuple[str, str, str]] = {}
        self._quoted: dict[str, list[Row]] = defaultdict(list)
        self._quotes: dict[str, list[Quote]] = {}
        for row in self.rows.participations(roots, among):
            p, agent, event, role, _cited, _title, quote = row
            self.participations[str(p)] = (str(agent), str(event), str(role))
            if quote is not None:
                self._quoted[str(p)].append(row)
        self.relations = self.rows.relations(actor)
        if actor is None and among is not None:  # only those naming one of them
            self.relations = [r for r in self.relations if r[1] in among or r[2] in among]
        said = self.rows.statements(roots)
        named: set[str] | None = None
        if scope is not None:  # the agents named in what was fetched (a join here is slow)
            named = set(scope) | {agent for agent, _e, _r in self.participations.values()}
            named |= among or set()
            if actor is None:  # a page of these agents names whom they are affiliated with
                named |= {str(x) for row in self.affiliations_of(scope) for x in row[1:3]}
            named |= {str(x) for row in self.relations for x in row[1:3]}
            named |= {str(row[1]) for row in said}
        self.agents = agent_infos(self.rows, self.schema, named)
        # event -> (speaker, the quoted words) of what was said there
        self.statements_at: dict[str, list[tuple[str, Quote]]] = defaultdict(list)
        for statement, speaker, event, quote, cited, title in said:
            who = self.agents.get(str(speaker))
            self.statements_at[str(event)].append(
                (
                    str(speaker),
                    Quote(
                        _s(cited) or "",
                        _s(title) or "",
                        str(quote),
                        str(statement),
                        who.label if who else str(speaker),
                    ),
                )
            )

    def quotes_of(self, participation: str) -> list[Quote]:
        """The quotes supporting a participation, made when first asked for: only the
        edges someone looks at need them, a hub's trees hold thousands."""
        found = self._quotes.get(participation)
        if found is None:
            found = self._quotes[participation] = [
                Quote(_s(cited) or "", _s(title) or "", str(quote), participation)
                for _p, _agent, _event, _role, cited, title, quote in self._quoted.get(
                    participation, ()
                )
            ]
        return found

    @cached_property
    def _topic_sets(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        return self._event_topics(self._roots_read)

    @property
    def event_direct_topics(self) -> dict[str, set[str]]:
        """event -> its own topics and those of the events it is part of (read when first
        asked: only topic filters and pages need them)."""
        return self._topic_sets[0]

    @property
    def event_topics(self) -> dict[str, set[str]]:
        """event -> `event_direct_topics` with every broader topic."""
        return self._topic_sets[1]

    @cached_property
    def affiliations(self) -> list[Row]:
        """Who works where (needed only to lift people's collaborations onto organizations)."""
        return self.rows.affiliations(None)

    def affiliations_of(self, agents: Iterable[str]) -> list[Row]:
        """The affiliations of these persons and organizations (a page shows a few hundred).

        Taken from `affiliations` when that is already fetched; otherwise asked for
        these agents only, which at 10,000 events is 5 ms instead of 200 ms.
        """
        wanted = frozenset(agents)
        if not wanted:
            return []
        if "affiliations" in self.__dict__:
            return [row for row in self.affiliations if row[1] in wanted or row[2] in wanted]
        if self._affiliated[0] != wanted:  # a page asks twice: for names, then for lines
            self._affiliated = (wanted, self.rows.affiliations(wanted))
        return self._affiliated[1]

    def alt_labels_of(self, entities: Iterable[str]) -> dict[str, list[str]]:
        """The other names (skos:altLabel) of these entities, sorted; a page searches them.

        Asked for these entities only (`Rows.alt_labels` decides how).
        """
        wanted = set(entities)
        if not wanted:
            return {}
        found: dict[str, set[str]] = defaultdict(set)
        for entity, alt in self.rows.alt_labels(wanted):
            if entity in wanted and alt is not None:
                found[str(entity)].add(str(alt))
        return {iri: sorted(names) for iri, names in sorted(found.items())}

    def _event_topics(
        self, roots: list[str] | None
    ) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """Topics of each event: its own and its ancestors' (direct), then with broader ones."""
        own: dict[str, set[str]] = defaultdict(set)
        for event, topic in self.rows.event_topics(roots):
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


def agent_infos(rows: Rows, schema: Schema, named: Iterable[str] | None) -> dict[str, AgentInfo]:
    """Label, most specific class and person-or-not of these agents (all for None)."""
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for agent, label_term, rdf_type in rows.agents(named):
        types[str(agent)].add(str(rdf_type))
        labels.setdefault(str(agent), str(label_term))
    out = {}
    person, organization = str(KG.Person), str(KG.Organization)
    known: dict[frozenset[str], tuple[str, bool]] = {}  # thousands of agents share a few
    for iri, label in labels.items():
        chosen = frozenset(types[iri])
        found = known.get(chosen)
        if found is None:
            is_person = any(person in schema.subclasses.get(t, ()) for t in chosen)
            kind = schema.most_specific(chosen, person if is_person else organization)
            found = known[chosen] = (kind, is_person)
        out[iri] = AgentInfo(iri, label, *found)
    return out


def event_infos(rows: Rows, schema: Schema, roots: list[str] | None) -> dict[str, EventInfo]:
    """The events of these trees (all for None) with their most specific class."""
    types: dict[str, set[str]] = defaultdict(set)
    base: dict[str, tuple[str, str | None, str | None]] = {}
    for event, label, date, rdf_type, parent in rows.events(roots):
        types[str(event)].add(str(rdf_type))
        base.setdefault(str(event), (str(label), _s(date), _s(parent)))
    kind, event_class = schema.most_specific, str(KG.Event)
    return {
        iri: EventInfo(iri, label, date, kind(types[iri], event_class), parent)
        for iri, (label, date, parent) in base.items()
    }


def tree_tops(events: Mapping[str, EventInfo]) -> dict[str, str]:
    """event -> the top of its tree (kg:partOf followed upwards; a cycle stops the walk)."""
    roots: dict[str, str] = {}
    for start in events:
        chain, node, seen = [], start, set()
        while node not in roots and node not in seen:
            seen.add(node)
            chain.append(node)
            info = events.get(node)
            if info is None or info.parent is None or info.parent in seen:
                break
            node = info.parent
        top = roots.get(node, node)
        for step in chain:
            roots[step] = top
    return roots
