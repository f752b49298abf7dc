"""The page of an event: when and where, its programme tree, participants by role, topics."""

from __future__ import annotations

from kommgraph.views.site.cite import Proofs, Ref
from kommgraph.views.site.content import Field, Item, Page, Section
from kommgraph.views.site.world import Part, World

DEPTH = 6  # levels of a programme tree drawn on one page (trees are two or three deep)


class Events:
    """Builds the pages of events."""

    def __init__(self, world: World, proofs: Proofs) -> None:
        self.w, self.p, self._ = world, proofs, world._

    def page(self, iri: str) -> Page:
        w = self.w
        page = Page(iri, w.paths[iri], w.label(iri), w.kind(iri))
        page.fields = self.fields(iri)
        page.proofs = [self.p.of(iri)] if iri in w.facts.source_of else []
        sections = [
            Section("programme", self._("Programme"), self.programme(iri, DEPTH)),
            *self.participants(iri),
            self.statements(iri),
            self._facts("quantities", self._("Numbers"), w.quantities_of.get(iri, [])),
            self._facts(
                "publications", self._("Publications"), w.publications_of_event.get(iri, [])
            ),
            self.editions(iri),
            self._facts("inferred", self._("Inferred facts"), w.inferences_about.get(iri, [])),
        ]
        page.sections = [s for s in sections if s.items]
        return page

    def fields(self, iri: str) -> list[Field]:
        w, facts, _ = self.w, self.w.facts, self._
        out = [Field(_("Kind"), [Ref(w.kind(iri), None)])]
        if names := w.alt.get(iri):
            out.append(Field(_("Also called"), [Ref(n, None) for n in names]))
        date, end = w.date(iri), facts.first(iri, "endDate")
        when = [Ref(f"{date} – {end}" if end else date, None)] if date else []
        when += [Ref(t, None) for t in facts.prop(iri, "timeText")]
        if when:
            out.append(Field(_("Date"), when))
        status = [
            Ref(word, None)
            for flag, word in (
                ("planned", _("announced, still to come")),
                ("postponed", _("postponed")),
                ("online", _("online")),
            )
            if facts.flag(iri, flag)
        ]
        if status:
            out.append(Field(_("Status"), status))
        if places := facts.prop(iri, "place"):
            out.append(Field(_("Place"), [self.p.ref(x) for x in places]))
        chain = self._ancestors(iri)
        if chain:
            out.append(Field(_("Part of"), [self.p.ref(x) for x in chain]))
        for series in facts.prop(iri, "inSeries"):
            edition = facts.first(iri, "edition")
            words = [self.p.ref(series)]
            words += [Ref(_("edition {number}").format(number=edition), None)] if edition else []
            out.append(Field(_("Series"), words))
        if mottos := facts.prop(iri, "motto"):
            out.append(Field(_("Motto"), [Ref(m, None) for m in mottos]))
        own = sorted(w.ev.event_direct_topics.get(iri, ()), key=lambda t: w.label(t).casefold())
        if own:
            out.append(Field(_("Topics"), [self.p.ref(t) for t in own]))
        out.append(Field(_("Identifier"), [Ref(iri, None)]))
        return out

    def _ancestors(self, iri: str) -> list[str]:
        """The events this one is part of, outermost first (a cycle stops the walk)."""
        chain: list[str] = []
        info = self.w.ev.events.get(iri)
        while info is not None and info.parent is not None and info.parent not in chain:
            if info.parent == iri:
                break
            chain.append(info.parent)
            info = self.w.ev.events.get(info.parent)
        return chain[::-1]

    def programme(self, iri: str, depth: int, seen: frozenset[str] = frozenset()) -> list[Item]:
        """The parts of the event, each with its own parts, down to `depth` levels."""
        if depth == 0:
            return []
        items = []
        for child in self.w.children.get(iri, []):
            if child in seen or child == iri:
                continue
            items.append(
                Item(
                    self.p.ref(child),
                    self.w.date(child),
                    self.w.kind(child),
                    children=self.programme(child, depth - 1, seen | {iri}),
                )
            )
        return items

    def participants(self, iri: str) -> list[Section]:
        """One section per role: organizers and hosts first, then the active roles, then others."""
        w, facts = self.w, self.w.facts
        by_role: dict[str, list[Part]] = {}
        for part in w.parts_of_event.get(iri, []):
            by_role.setdefault(part.role, []).append(part)
        roles = w.ev.roles

        def order(role: str) -> tuple[bool, bool, str]:
            known = roles.get(role)
            return (
                not (known and known.organizing),
                not (known and known.active),
                facts.word(role),
            )

        sections: list[Section] = []
        used: set[str] = set()
        for role in sorted(by_role, key=order):
            items = [
                Item(self.p.ref(part.agent), proofs=[self.p.of(part.iri)])
                for part in sorted(
                    by_role[role], key=lambda p: (w.label(p.agent).casefold(), p.iri)
                )
            ]
            title = self._("Participants: {role}").format(role=facts.word(role))
            key = f"role-{_key(role)}"
            key = key if key not in used else f"{key}{len(used)}"
            used.add(key)
            sections.append(Section(key, title, items))
        return sections

    def statements(self, iri: str) -> Section:
        items = []
        for statement in self.w.statements_at.get(iri, []):
            speakers = [self.p.ref(s) for s in self.w.facts.prop(statement, "speaker")]
            about = [self.p.ref(x) for x in self.w.facts.prop(statement, "about")]
            items.append(Item(refs=speakers + about, proofs=[self.p.of(statement)]))
        return Section("statements", self._("Statements"), items)

    def editions(self, iri: str) -> Section:
        items = [
            Item(self.p.ref(e), self.w.date(e), self.w.kind(e))
            for e in self.w.editions.get(iri, [])
        ]
        return Section("editions", self._("Editions"), items)

    def _facts(self, key: str, title: str, facts: list[str]) -> Section:
        items = []
        for fact in facts:
            proof = self.p.of(fact)
            items.append(Item(text=proof.what, refs=list(proof.refs), proofs=[proof]))
        return Section(key, title, items)


def _key(iri: str) -> str:
    """An anchor from a role's IRI: its local name in lower case."""
    name = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return "".join(c for c in name.lower() if c.isalnum()) or "role"
