"""The pages of topics, places and sources.

A topic lists its events (its own and those of narrower topics, also inherited
from the event a part belongs to: the filter rule of `--topic`) and the actors
most active on it, over all and year by year. A place lists what happened and
who is based there. A source lists every fact taken from it, each with its
quotes and a text to cite it by.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cached_property

from kommgraph.views.node_facts import NodeFacts
from kommgraph.views.site.cite import Proofs, Ref
from kommgraph.views.site.content import Field, Item, Page, Section
from kommgraph.views.site.world import World

YEAR_TOP = 5  # actors named per year of a topic

# the kinds of facts a source page groups, in this order (`Facts.types` and the model's)
FACT_GROUPS = (
    "Event",
    "Participation",
    "Affiliation",
    "Relation",
    "Statement",
    "Mention",
    "Quantity",
    "Publication",
    "Inference",
    "Other",
)


class Others:
    """Builds the pages of topics, places and sources."""

    def __init__(self, world: World, proofs: Proofs, node_facts: NodeFacts) -> None:
        self.w, self.p, self._, self.nf = world, proofs, world._, node_facts

    def _head(self, iri: str) -> Page:
        w = self.w
        page = Page(iri, w.paths[iri], w.label(iri), w.kind(iri))
        page.fields = [Field(self._("Kind"), [Ref(w.kind(iri), None)])]
        if names := w.alt.get(iri):
            page.fields.append(Field(self._("Also called"), [Ref(n, None) for n in names]))
        return page

    def _identifier(self, page: Page) -> None:
        page.fields.append(Field(self._("Identifier"), [Ref(page.iri, None)]))

    # topics ------------------------------------------------------------------

    @cached_property
    def active_at(self) -> dict[str, list[str]]:
        """event -> the agents with an active role there."""
        out: dict[str, list[str]] = defaultdict(list)
        for agent, event in sorted(self.nf.active):
            out[event].append(agent)
        return out

    def topic(self, iri: str) -> Page:
        w, _ = self.w, self._
        page = self._head(iri)
        if up := sorted(w.ev.broader.get(iri, ()), key=lambda t: w.label(t).casefold()):
            page.fields.append(Field(_("Broader topics"), [self.p.ref(t) for t in up]))
        if down := sorted(w.narrower.get(iri, []), key=lambda t: w.label(t).casefold()):
            page.fields.append(Field(_("Narrower topics"), [self.p.ref(t) for t in down]))
        self._identifier(page)
        events = w.events_on_topic.get(iri, [])
        overall: Counter[str] = Counter()
        by_year: dict[str, Counter[str]] = defaultdict(Counter)
        count_of_year: Counter[str] = Counter()
        for event in events:
            year = w.date(event)[:4] or _("undated")
            count_of_year[year] += 1
            agents = self.active_at.get(event, [])
            overall.update(agents)
            by_year[year].update(agents)
        years = []
        for year in sorted(count_of_year, reverse=True):
            top = _ranked(by_year[year], w)[:YEAR_TOP]
            text = _("{count} event(s)").format(count=count_of_year[year])
            refs = [self._counted(a, n) for a, n in top]
            years.append(Item(date=year, text=text, refs=refs))
        statements = [
            Item(refs=[self.p.ref(s) for s in w.facts.prop(x, "speaker")], proofs=[self.p.of(x)])
            for x in w.statements_about.get(iri, [])
        ]
        publications = [
            Item(Ref(w.label(x), None), proofs=[self.p.of(x)])
            for x in w.publications_about.get(iri, [])
        ]
        sections = [
            Section("years", _("Over time: events and the most active actors"), years, cap=30),
            Section(
                "actors",
                _("Most active actors"),
                [
                    Item(self.p.ref(a), text=_("{count} event(s)").format(count=n))
                    for a, n in _ranked(overall, w)
                ],
                _("Counted by the events on this topic where the actor held an active role."),
            ),
            Section("events", _("Events"), [self._event(e) for e in events]),
            Section("statements", _("Statements about this topic"), statements),
            Section("publications", _("Publications"), publications),
        ]
        page.sections = [s for s in sections if s.items]
        return page

    def _counted(self, agent: str, count: int) -> Ref:
        ref = self.p.ref(agent)
        return Ref(f"{ref.label} ({count})", ref.href, ref.kind)

    def _event(self, event: str) -> Item:
        return Item(self.p.ref(event), self.w.date(event), self.w.kind(event))

    # places ------------------------------------------------------------------

    def place(self, iri: str) -> Page:
        w, _ = self.w, self._
        page = self._head(iri)
        chain, seen = [], {iri}
        up = w.facts.first(iri, "locatedIn")
        while up is not None and up not in seen:
            chain.append(up)
            seen.add(up)
            up = w.facts.first(up, "locatedIn")
        if chain:
            page.fields.append(Field(_("Located in"), [self.p.ref(x) for x in chain]))
        self._identifier(page)
        within = sorted(w.places_in.get(iri, []), key=lambda x: w.label(x).casefold())
        based = sorted(w.based_in.get(iri, []), key=lambda x: w.label(x).casefold())
        inferred = []
        for fact in w.inferences_about.get(iri, []):
            proof = self.p.of(fact)
            inferred.append(Item(text=proof.what, refs=list(proof.refs), proofs=[proof]))
        sections = [
            Section("places", _("Places within"), [Item(self.p.ref(x)) for x in within]),
            Section("events", _("Events here"), [self._event(e) for e in w.events_at.get(iri, [])]),
            Section(
                "organizations", _("Organizations based here"), [Item(self.p.ref(a)) for a in based]
            ),
            Section("inferred", _("Inferred facts"), inferred),
        ]
        page.sections = [s for s in sections if s.items]
        return page

    # sources -----------------------------------------------------------------

    def source(self, iri: str) -> Page:
        w, facts, _ = self.w, self.w.facts, self._
        page = self._head(iri)
        if publisher := facts.first(iri, "publisher"):
            page.fields.append(Field(_("Publisher"), [self.p.ref(publisher)]))
        if published := facts.first(iri, "published"):
            page.fields.append(Field(_("Published"), [Ref(published, None)]))
        if url := facts.url(iri):
            page.fields.append(Field(_("Web address"), [Ref(url, url, external=True)]))
        self._identifier(page)
        grouped: dict[str, list[Item]] = defaultdict(list)
        for fact in w.facts_of_source.get(iri, []):
            proof = self.p.of(fact)
            grouped[self._group_of(fact)].append(
                Item(text=proof.what, refs=list(proof.refs), proofs=[proof])
            )
        titles = {
            "Event": _("Events"),
            "Participation": _("Participations"),
            "Affiliation": _("Affiliations"),
            "Relation": _("Relations"),
            "Statement": _("Statements"),
            "Mention": _("Mentions"),
            "Quantity": _("Numbers"),
            "Publication": _("Publications"),
            "Inference": _("Inferred facts"),
            "Other": _("Other facts"),
        }
        total = sum(len(items) for items in grouped.values())
        note = _("{count} facts are taken from this source.").format(count=total)
        page.sections = [
            Section(key.lower(), titles[key], grouped[key], note if not n else "")
            for n, key in enumerate(k for k in FACT_GROUPS if grouped.get(k))
        ]
        return page

    def _group_of(self, fact: str) -> str:
        w = self.w
        if fact in w.ev.participations:
            return "Participation"
        if fact in w.ev.events:
            return "Event"
        kind = w.facts.types.get(fact)
        if kind in FACT_GROUPS:
            return kind
        if fact in self._affiliations:
            return "Affiliation"
        if fact in self._relations:
            return "Relation"
        return "Other"

    @cached_property
    def _affiliations(self) -> set[str]:
        return {a.iri for a in self.w.affiliations}

    @cached_property
    def _relations(self) -> set[str]:
        return {r.iri for r in self.w.relations}


def _ranked(counts: Counter[str], world: World) -> list[tuple[str, int]]:
    """Most first, ties by name."""
    return sorted(counts.items(), key=lambda an: (-an[1], world.label(an[0]).casefold(), an[0]))
