"""Citable evidence: each fact in words, its quotes, its source, and a text to cite it by.

Every page shows facts the same way (`Proof`): what the fact says, the verbatim
passages that support it, the source with title, publisher, date and URL where
the data has them, whether it was inferred (with the curator's note), and a
"cite" text that can be copied whole. A fact's proof is built once and shared
by every page that shows it (the person's, the event's and the source's).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from kommgraph.views.i18n import N_
from kommgraph.views.site.facts import KG, RDF
from kommgraph.views.site.world import Affiliation, Part, Relation, World

# how a shared event counts (`kommgraph.network.collaboration`), in the page's words
BASIS_WORDS = {
    "same-event": N_("same event"),
    "co-organizing": N_("co-organizing"),
    "umbrella": N_("both at the umbrella event"),
    "umbrella-only": N_("only the same umbrella event"),
    "relation": N_("stated relation"),
    "via-people": N_("through their people"),
}


@dataclass(frozen=True)
class Ref:
    """A link to an entity's page (`href` relative to the site root; None: no page)."""

    label: str
    href: str | None
    kind: str = ""
    external: bool = False  # `href` is a web address of its own, not a page of the site


@dataclass(frozen=True)
class SourceRef:
    title: Ref
    publisher: Ref | None
    date: str | None
    url: str | None

    def text(self) -> str:
        """The source as one line: title, publisher, date, URL (what the data has)."""
        parts = [self.title.label]
        parts += [self.publisher.label] if self.publisher else []
        parts += [p for p in (self.date, self.url) if p]
        return ", ".join(parts)


@dataclass(frozen=True)
class Proof:
    """One fact with its evidence."""

    fact: str
    what: str
    refs: tuple[Ref, ...]
    quotes: tuple[str, ...]
    source: SourceRef | None
    inferred: bool
    note: str | None
    cite: str


class Proofs:
    """Builds and keeps the proof of every fact a page shows."""

    def __init__(self, world: World) -> None:
        self.w, self.facts, self._ = world, world.facts, world._
        self._made: dict[str, Proof] = {}
        self._sources: dict[str, SourceRef] = {}

    def ref(self, iri: str) -> Ref:
        w = self.w
        return Ref(w.label(iri), w.path(iri), w.kind(iri))

    def source(self, iri: str) -> SourceRef:
        found = self._sources.get(iri)
        if found is None:
            publisher = self.facts.first(iri, "publisher")
            found = self._sources[iri] = SourceRef(
                self.ref(iri),
                self.ref(publisher) if publisher else None,
                self.facts.first(iri, "published"),
                self.facts.url(iri),
            )
        return found

    @cached_property
    def _parts(self) -> dict[str, Part]:
        return {p.iri: p for p in self.w.parts}

    @cached_property
    def _affiliations(self) -> dict[str, Affiliation]:
        return {a.iri: a for a in self.w.affiliations}

    @cached_property
    def _relations(self) -> dict[str, Relation]:
        return {r.iri: r for r in self.w.relations}

    def of(self, fact: str) -> Proof:
        """The proof of a fact (participation, affiliation, relation, statement, event, ...)."""
        found = self._made.get(fact)
        if found is None:
            found = self._made[fact] = self._make(fact)
        return found

    def _make(self, fact: str) -> Proof:
        facts, _ = self.facts, self._
        what, refs = self.describe(fact)
        source_iri = facts.source_of.get(fact)
        source = self.source(source_iri) if source_iri else None
        inferred = facts.flag(fact, "inferred")
        quotes = tuple(facts.quotes.get(fact, ()))
        lines = [what + "."]
        lines += [_("“{quote}”").format(quote=q) for q in quotes]
        if source is not None:
            lines.append(_("Source: {source}.").format(source=source.text()))
        if inferred:
            lines.append(_("Inferred by the curators."))
        lines.append(_("Record: {iri}").format(iri=fact))
        return Proof(
            fact,
            what,
            refs,
            quotes,
            source,
            inferred,
            facts.first(fact, "note") if inferred else None,
            " ".join(lines),
        )

    def describe(self, fact: str) -> tuple[str, tuple[Ref, ...]]:
        """A fact in words, and the entities it names."""
        w, facts, _ = self.w, self.facts, self._
        part = self._parts.get(fact)
        if part is not None:
            text = _("{agent}: {role} at {event}").format(
                agent=w.label(part.agent), role=facts.word(part.role), event=w.label(part.event)
            )
            return text, (self.ref(part.agent), self.ref(part.event))
        affiliation = self._affiliations.get(fact)
        if affiliation is not None:
            person, org = w.label(affiliation.person), w.label(affiliation.org)
            text = (
                _("{person}: {position}, {organization}").format(
                    person=person, position=affiliation.position, organization=org
                )
                if affiliation.position
                else _("{person} belongs to {organization}").format(person=person, organization=org)
            )
            return text, (self.ref(affiliation.person), self.ref(affiliation.org))
        relation = self._relations.get(fact)
        if relation is not None:
            text = (
                f"{w.label(relation.source)} {facts.word(relation.kind)} {w.label(relation.target)}"
            )
            return text, (self.ref(relation.source), self.ref(relation.target))
        if fact in w.ev.events:
            text = _("{kind}: {label}").format(kind=w.kind(fact), label=w.label(fact))
            date = w.date(fact)
            return (f"{text} ({date})" if date else text), (self.ref(fact),)
        return self._describe_other(fact, facts.types.get(fact, ""))

    def _describe_other(self, fact: str, kind: str) -> tuple[str, tuple[Ref, ...]]:
        w, facts, _ = self.w, self.facts, self._
        if kind == "Statement":
            speakers = facts.prop(fact, "speaker")
            who = ", ".join(w.label(s) for s in speakers)
            at = facts.first(fact, "atEvent")
            text = (
                _("Statement by {speakers} at {event}").format(speakers=who, event=w.label(at))
                if at
                else _("Statement by {speakers}").format(speakers=who)
            )
            return text, tuple(self.ref(x) for x in [*speakers, *([at] if at else [])])
        if kind == "Mention":
            agent = facts.mentions.get(fact, "")
            return _("Mention of {agent}").format(agent=w.label(agent)), (self.ref(agent),)
        if kind == "Quantity":
            of = facts.first(fact, "quantityOf") or ""
            qualifier = facts.first(fact, "qualifier")
            counted = facts.first(fact, "countOf")
            words = [facts.word(qualifier) if qualifier and qualifier != KG + "Exactly" else ""]
            words += [facts.first(fact, "count") or "", facts.word(counted) if counted else ""]
            text = " ".join(x for x in words if x)
            return f"{text}: {w.label(of)}", (self.ref(of),)
        if kind == "Inference":
            subject = facts.first(fact, RDF + "subject") or ""
            predicate = facts.first(fact, RDF + "predicate") or ""
            value = facts.first(fact, RDF + "object") or ""
            said = _("is a") if predicate == RDF + "type" else facts.word(predicate)
            shown = (
                facts.word(value)
                if value.startswith(KG)
                else w.label(value)
                if value.startswith(("https://", "http://"))
                else value
            )
            named = [self.ref(subject), *([self.ref(value)] if w.path(value) else [])]
            return f"{w.label(subject)}: {said} {shown}", tuple(named)
        if kind == "Publication":
            return _("Publication: {label}").format(label=w.label(fact)), ()
        return w.label(fact), ((self.ref(fact),) if w.path(fact) else ())
