"""The graph as the site's pages see it: who has a page, what it is called, and who links where.

`World` joins the collaboration model's evidence with the site's own facts
(`kommgraph.views.site.facts`) once, and indexes every fact both ways (a
participation under its agent and under its event, a relation under both
ends), so that each page is a few dictionary lookups: the site writes tens of
thousands of pages, and a scan per page would cost minutes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from kommgraph.network.evidence import Evidence
from kommgraph.network.kinds import agent_kind
from kommgraph.views.i18n import gettext_for
from kommgraph.views.permalinks import permalink
from kommgraph.views.site.facts import KG, RDF, Facts, local
from kommgraph.views.view import kind_label
from kommgraph.vocab import Lang

# page kinds, in the order the site lists them (the first part of a permalink is the IRI's)
GROUPS = ("person", "org", "event", "topic", "place", "source")


@dataclass(frozen=True)
class Part:
    """A participation: an agent in a role at an event."""

    iri: str
    agent: str
    event: str
    role: str


@dataclass(frozen=True)
class Affiliation:
    iri: str
    person: str
    org: str
    position: str | None


@dataclass(frozen=True)
class Relation:
    """A relation stated by a source: `source` (the from-agent) `kind` `target`."""

    iri: str
    source: str
    target: str
    kind: str


def _grouped(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for key, value in sorted(set(pairs)):
        out[key].append(value)
    return out


class World:
    """Every entity with a page, its words, and each fact indexed under what it is about."""

    def __init__(self, evidence: Evidence, facts: Facts, lang: Lang) -> None:
        self.ev, self.facts, self.lang = evidence, facts, lang
        self._ = gettext_for(lang)
        group: dict[str, str] = {}
        for iri, agent in evidence.agents.items():
            group[iri] = "person" if agent.is_person else "org"
        group.update((iri, "event") for iri in evidence.events)
        group.update((iri, "topic") for iri in evidence.topics)
        group.update((iri, "place") for iri in facts.places)
        group.update((iri, "source") for iri, t in facts.types.items() if t == "Source")
        self.paths = {iri: p for iri in group if (p := permalink(iri)) is not None}
        self.group = {iri: g for iri, g in group.items() if iri in self.paths}
        self.alt = evidence.alt_labels_of(self.group)
        self.parts = sorted(
            (
                Part(p, agent, event, role)
                for p, (agent, event, role) in evidence.participations.items()
            ),
            key=lambda part: (self.date(part.event), part.event, part.agent, part.role, part.iri),
        )
        self.affiliations = sorted(
            {
                Affiliation(str(a), str(p), str(o), _s(pos))
                for a, p, o, pos, *_r in evidence.affiliations
            },
            key=lambda x: (x.person, x.org, x.position or "", x.iri),
        )
        self.relations = sorted(
            {Relation(str(r), str(a), str(b), str(k)) for r, a, b, k, *_x in evidence.relations},
            key=lambda x: (x.source, x.target, x.kind, x.iri),
        )

    # names and kinds ---------------------------------------------------------

    def label(self, iri: str) -> str:
        agent = self.ev.agents.get(iri)
        if agent is not None:
            return agent.label
        event = self.ev.events.get(iri)
        if event is not None:
            return event.label
        return self.ev.topics.get(iri) or self.facts.labels.get(iri) or local(iri)

    def path(self, iri: str) -> str | None:
        """The page of an entity relative to the site root, or None when it has none."""
        return self.paths.get(iri) if iri in self.group else None

    def kind(self, iri: str) -> str:
        """What an entity is, in the page's language: the legend's words, or the ontology's."""
        agent = self.ev.agents.get(iri)
        if agent is not None:
            return kind_label(agent_kind(agent.kind, agent.is_person), self._)
        event = self.ev.events.get(iri)
        if event is not None:
            return self.facts.word(event.kind)
        if iri in self.ev.topics:
            return kind_label("Topic", self._)
        if iri in self.facts.places:
            return self.facts.word(self.facts.places[iri])
        if iri in self.facts.types:
            return self.facts.word(KG + self.facts.types[iri])
        return ""

    def date(self, event: str) -> str:
        info = self.ev.events.get(event)
        return (info.date if info else None) or ""

    def of_group(self, group: str) -> list[str]:
        """The entities of one page kind, by label (case and accents as they are), then IRI."""
        return self.by_group.get(group, [])

    @cached_property
    def by_group(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for iri, group in self.group.items():
            out[group].append(iri)
        for members in out.values():
            members.sort(key=lambda iri: (self.label(iri).casefold(), iri))
        return out

    # facts, indexed both ways ------------------------------------------------

    @cached_property
    def parts_of_agent(self) -> dict[str, list[Part]]:
        out: dict[str, list[Part]] = defaultdict(list)
        for part in self.parts:
            out[part.agent].append(part)
        return out

    @cached_property
    def parts_of_event(self) -> dict[str, list[Part]]:
        out: dict[str, list[Part]] = defaultdict(list)
        for part in self.parts:
            out[part.event].append(part)
        return out

    @cached_property
    def affiliations_of(self) -> dict[str, list[Affiliation]]:
        """A person's affiliations and an organization's members, under both."""
        out: dict[str, list[Affiliation]] = defaultdict(list)
        for found in self.affiliations:
            out[found.person].append(found)
            out[found.org].append(found)
        return out

    @cached_property
    def relations_of(self) -> dict[str, list[Relation]]:
        out: dict[str, list[Relation]] = defaultdict(list)
        for found in self.relations:
            out[found.source].append(found)
            if found.target != found.source:
                out[found.target].append(found)
        return out

    def of_type(self, name: str) -> list[str]:
        """The facts of one class of `Facts.types` (Statement, Mention, ...), sorted."""
        return self.typed.get(name, [])

    @cached_property
    def typed(self) -> dict[str, list[str]]:
        return _grouped([(t, iri) for iri, t in self.facts.types.items()])

    def _by(self, kind: str, prop: str) -> dict[str, list[str]]:
        facts = self.facts
        return _grouped([(v, f) for f in self.of_type(kind) for v in facts.prop(f, prop)])

    @cached_property
    def statements_by(self) -> dict[str, list[str]]:
        return self._by("Statement", "speaker")

    @cached_property
    def statements_at(self) -> dict[str, list[str]]:
        return self._by("Statement", "atEvent")

    @cached_property
    def statements_about(self) -> dict[str, list[str]]:
        return self._by("Statement", "about")

    @cached_property
    def publications_by(self) -> dict[str, list[str]]:
        return self._by("Publication", "producedBy")

    @cached_property
    def publications_of_event(self) -> dict[str, list[str]]:
        return self._by("Publication", "resultOf")

    @cached_property
    def publications_about(self) -> dict[str, list[str]]:
        return self._by("Publication", "about")

    @cached_property
    def quantities_of(self) -> dict[str, list[str]]:
        return self._by("Quantity", "quantityOf")

    @cached_property
    def inferences_about(self) -> dict[str, list[str]]:
        return _grouped(
            [(v, f) for f in self.of_type("Inference") for v in self.facts.prop(f, RDF + "subject")]
        )

    @cached_property
    def mentions_of(self) -> dict[str, list[str]]:
        return _grouped([(agent, m) for m, agent in self.facts.mentions.items()])

    @cached_property
    def facts_of_source(self) -> dict[str, list[str]]:
        return _grouped([(source, fact) for fact, source in self.facts.source_of.items()])

    @cached_property
    def sources_by(self) -> dict[str, list[str]]:
        """The sources an agent published."""
        return self._by("Source", "publisher")

    # events, topics, places --------------------------------------------------

    @cached_property
    def children(self) -> dict[str, list[str]]:
        """The parts of each event (kg:partOf), by date, then label."""
        out: dict[str, list[str]] = defaultdict(list)
        for iri, info in self.ev.events.items():
            if info.parent is not None:
                out[info.parent].append(iri)
        for parts in out.values():
            parts.sort(key=lambda e: (self.date(e), self.label(e).casefold(), e))
        return out

    @cached_property
    def editions(self) -> dict[str, list[str]]:
        found = _grouped([(s, e) for e in self.ev.events for s in self.facts.prop(e, "inSeries")])
        return {s: sorted(es, key=lambda e: (self.date(e), e)) for s, es in found.items()}

    @cached_property
    def events_on_topic(self) -> dict[str, list[str]]:
        """Events with the topic or a narrower one, own or inherited from a parent, newest first."""
        out: dict[str, list[str]] = defaultdict(list)
        for event, topics in self.ev.event_topics.items():
            for topic in topics:
                out[topic].append(event)
        for events in out.values():
            events.sort(key=lambda e: (self.date(e), e), reverse=True)
        return out

    @cached_property
    def narrower(self) -> dict[str, list[str]]:
        pairs = [(up, t) for t, ups in self.ev.broader.items() for up in ups]
        return _grouped(pairs)

    @cached_property
    def events_at(self) -> dict[str, list[str]]:
        found = _grouped([(p, e) for e in self.ev.events for p in self.facts.prop(e, "place")])
        return {
            p: sorted(es, key=lambda e: (self.date(e), e), reverse=True) for p, es in found.items()
        }

    @cached_property
    def based_in(self) -> dict[str, list[str]]:
        return _grouped([(p, a) for a in self.ev.agents for p in self.facts.prop(a, "basedIn")])

    @cached_property
    def places_in(self) -> dict[str, list[str]]:
        return _grouped(
            [(p, q) for q in self.facts.places for p in self.facts.prop(q, "locatedIn")]
        )


def _s(value: str | None) -> str | None:
    return None if value is None else str(value)
