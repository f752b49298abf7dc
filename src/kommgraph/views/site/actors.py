"""The page of a person or an organization: names, affiliations, timeline, collaborators.

Collaborators are the actor's edges in the actors network (the one
collaboration model: `kommgraph.network.collaboration`), strongest first; the
strongest `TOP` come with their evidence (shared events with both sides' roles,
the quotes and their sources), all of them are listed on pages of their own.
Roles are named in the page's language from the participations that count
(`kommgraph.network.rule`), as the model paired them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import networkx as nx

from kommgraph.network.collaboration import Collaboration, SharedEvent
from kommgraph.views.node_facts import NodeFacts
from kommgraph.views.site.cite import BASIS_WORDS, Proofs, Ref
from kommgraph.views.site.content import Field, Item, Page, Section
from kommgraph.views.site.ego import network_path
from kommgraph.views.site.facts import KG
from kommgraph.views.site.world import Part, World

TOP = 5  # collaborators shown with their evidence on the actor's page


class Actors:
    """Builds the pages of persons and organizations from one world and one network."""

    def __init__(
        self,
        world: World,
        proofs: Proofs,
        network: nx.Graph[str],
        edges: Mapping[tuple[str, str], Collaboration],
        node_facts: NodeFacts,
        drawn: frozenset[str] | None = None,
    ) -> None:
        self.w, self.p, self._ = world, proofs, world._
        self.network, self.edges, self.nf = network, edges, node_facts
        self.drawn = frozenset(network) if drawn is None else drawn  # with an ego network

    def page(self, iri: str) -> Page:
        w, _ = self.w, self._
        person = w.group[iri] == "person"
        page = Page(iri, w.paths[iri], w.label(iri), w.kind(iri))
        page.fields = self.fields(iri)
        sections = [
            self.affiliations(iri) if person else self.members(iri),
            *([] if person else self.structure(iri)),
            self.relations(iri),
            self.timeline(iri),
            self.collaborators(iri),
            self.statements(iri),
            self.topics(iri),
            self.publications(iri),
            *([] if person else [self.published(iri)]),
            self.mentions(iri),
        ]
        page.sections = [s for s in sections if s.items]
        if iri in self.drawn and iri in self.network and self.network.degree(iri):
            page.network = network_path(page.path)
            page.network_note = self._(
                "{name} and the strongest collaborators, with the ties among them: hover or "
                "click a node or a line for the evidence."
            ).format(name=page.title)
        return page

    def fields(self, iri: str) -> list[Field]:
        w, facts, _ = self.w, self.w.facts, self._
        out = [Field(_("Kind"), [Ref(w.kind(iri), None)])]
        if names := w.alt.get(iri):
            out.append(Field(_("Also called"), [Ref(n, None) for n in names]))
        if titles := facts.prop(iri, "honorificPrefix"):
            out.append(Field(_("Title"), [Ref(t, None) for t in titles]))
        if seats := facts.prop(iri, "basedIn"):
            out.append(Field(_("Based in"), [self.p.ref(s) for s in seats]))
        out.append(Field(_("Identifier"), [Ref(iri, None)]))
        return out

    def affiliations(self, iri: str) -> Section:
        w, facts, _ = self.w, self.w.facts, self._
        items = []
        for found in w.affiliations_of.get(iri, []):
            if found.person != iri:
                continue
            since, until = facts.first(found.iri, "date"), facts.first(found.iri, "endDate")
            period = " – ".join(x or "…" for x in (since, until)) if since or until else ""
            source = facts.source_of.get(found.iri)
            published = facts.first(source, "published") if source else None
            note = _("as of {date}").format(date=published) if published and not period else ""
            items.append(
                Item(
                    self.p.ref(found.org),
                    period,
                    found.position or "",
                    [note] if note else [],
                    proofs=[self.p.of(found.iri)],
                )
            )
        return Section("affiliations", _("Affiliations"), items)

    def members(self, iri: str) -> Section:
        items = [
            Item(self.p.ref(a.person), text=a.position or "", proofs=[self.p.of(a.iri)])
            for a in self.w.affiliations_of.get(iri, [])
            if a.org == iri
        ]
        items.sort(key=lambda x: (x.ref.label.casefold() if x.ref else "", x.text))
        return Section("members", self._("People and members"), items)

    def structure(self, iri: str) -> list[Section]:
        """Sub-organizations (kg:SubOrganizationOf pointing here) and what this one is part of."""
        sub, up = [], []
        for r in self.w.relations_of.get(iri, []):
            if r.kind != KG + "SubOrganizationOf":
                continue
            if r.target == iri and r.source != iri:
                sub.append(Item(self.p.ref(r.source), proofs=[self.p.of(r.iri)]))
            elif r.source == iri:
                up.append(Item(self.p.ref(r.target), proofs=[self.p.of(r.iri)]))
        return [
            Section("sub-organizations", self._("Sub-organizations"), sub),
            Section("part-of", self._("Part of"), up),
        ]

    def relations(self, iri: str) -> Section:
        facts, items = self.w.facts, []
        for r in self.w.relations_of.get(iri, []):
            if r.kind == KG + "SubOrganizationOf" and self.w.group[iri] == "org":
                continue  # in their own sections
            other, word = (r.target, facts.word(r.kind)) if r.source == iri else (r.source, "")
            text = word or self._("{relation} this").format(relation=facts.word(r.kind))
            items.append(Item(self.p.ref(other), text=text, proofs=[self.p.of(r.iri)]))
        return Section("relations", self._("Relations stated by sources"), items)

    def timeline(self, iri: str) -> Section:
        """Every participation, newest first; sub-events name the event they are part of."""
        w, facts, items = self.w, self.w.facts, []
        by_event: dict[str, list[Part]] = {}
        for part in w.parts_of_agent.get(iri, []):
            by_event.setdefault(part.event, []).append(part)
        for event in sorted(by_event, key=lambda e: (w.date(e), e), reverse=True):
            mine, info = by_event[event], w.ev.events.get(event)
            roles = ", ".join(dict.fromkeys(facts.word(p.role) for p in mine))
            items.append(
                Item(
                    self.p.ref(event),
                    w.date(event),
                    roles,
                    refs=[self.p.ref(info.parent)] if info and info.parent else [],
                    proofs=[self.p.of(p.iri) for p in mine],
                )
            )
        return Section("timeline", self._("Timeline: events and roles"), items)

    def collaborators(self, iri: str) -> Section:
        """All collaborators, strongest first (ties by name); the first `TOP` with evidence."""
        w, _ = self.w, self._
        if iri not in self.network:
            return Section("collaborators", _("Collaborators"), [])
        ranked = sorted(
            self.network.adj[iri].items(),
            key=lambda od: (-float(od[1].get("weight", 1.0)), w.label(od[0]).casefold(), od[0]),
        )
        items = []
        for rank, (other, data) in enumerate(ranked):
            weight, count = float(data.get("weight", 1.0)), int(data.get("events", 0))
            text = _("weight {weight}, {count} shared event(s) or relation(s)").format(
                weight=f"{weight:g}", count=count
            )
            item = Item(self.p.ref(other), text=text)
            if rank < TOP:
                self._evidence(item, iri, other)
            items.append(item)
        note = _(
            "Ranked by the weight of the collaboration (active roles at the same events, "
            "stated relations); the first {top} with their evidence."
        ).format(top=TOP)
        return Section("collaborators", _("Collaborators"), items, note, cap=TOP)

    def _evidence(self, item: Item, a: str, b: str) -> None:
        edge = self.edges.get((a, b) if a < b else (b, a))
        if edge is None:
            return
        item.children = [self._shared(e, a, b) for e in edge.events]
        seen = dict.fromkeys(q.statement for q in edge.quotes)
        item.proofs = [self.p.of(fact) for fact in seen]

    def _shared(self, shared: SharedEvent, a: str, b: str) -> Item:
        w, facts, _ = self.w, self.w.facts, self._
        basis = _(BASIS_WORDS.get(shared.basis, shared.basis))
        text = f"{basis}, +{shared.weight:g}"
        if shared.basis == "relation":
            return Item(None, text=f"{self.p.describe(shared.iri)[0]} ({text})")
        lines = []
        for agent in (a, b):
            if shared.basis == "umbrella-only":
                root_of = w.ev.root_of
                events = sorted(
                    e for e in self.nf.events_of.get(agent, ()) if root_of.get(e) == shared.iri
                )
            else:
                events = [shared.iri]
            for event in events:
                roles = {w.ev.participations[p][2] for p in self.nf.active.get((agent, event), [])}
                words = ", ".join(sorted(facts.word(r) for r in roles))
                where = "" if event == shared.iri else f" – {w.label(event)}"
                lines.append(f"{w.label(agent)}: {words}{where}")
        return Item(self.p.ref(shared.iri), shared.date or "", text, lines)

    def statements(self, iri: str) -> Section:
        items = [self._statement(s) for s in self.w.statements_by.get(iri, [])]
        return Section("statements", self._("Statements"), items)

    def _statement(self, statement: str) -> Item:
        facts = self.w.facts
        about = [self.p.ref(x) for x in facts.prop(statement, "about")]
        at = facts.first(statement, "atEvent")
        return Item(
            self.p.ref(at) if at else None,
            self.w.date(at) if at else "",
            refs=about,
            proofs=[self.p.of(statement)],
        )

    def topics(self, iri: str) -> Section:
        """Topics of the events the actor was active at (own or inherited), most events first."""
        counts: Counter[str] = Counter()
        for event in self.nf.events_of.get(iri, ()):
            counts.update(self.w.ev.event_direct_topics.get(event, ()))
        for statement in self.w.statements_by.get(iri, []):
            counts.update(t for t in self.w.facts.prop(statement, "about") if t in self.w.ev.topics)
        ranked = sorted(counts.items(), key=lambda tc: (-tc[1], self.w.label(tc[0]).casefold()))
        text = self._("{count} event(s) or statement(s)")
        items = [Item(self.p.ref(t), text=text.format(count=n)) for t, n in ranked]
        return Section("topics", self._("Topics"), items)

    def publications(self, iri: str) -> Section:
        items = [
            Item(Ref(self.w.label(x), None), proofs=[self.p.of(x)])
            for x in self.w.publications_by.get(iri, [])
        ]
        return Section("publications", self._("Publications"), items)

    def published(self, iri: str) -> Section:
        items = [
            Item(self.p.ref(s), self.w.facts.first(s, "published") or "")
            for s in self.w.sources_by.get(iri, [])
        ]
        return Section("sources", self._("Sources published"), items)

    def mentions(self, iri: str) -> Section:
        items = [Item(proofs=[self.p.of(m)]) for m in self.w.mentions_of.get(iri, [])]
        return Section("mentions", self._("Mentioned in sources"), items)
