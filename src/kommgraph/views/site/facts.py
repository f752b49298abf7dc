"""What the site's pages show beyond the collaboration model, read once for the whole graph.

The collaboration model already holds the events, participations, affiliations,
relations, agents, topics and alternative names (`kommgraph.network.evidence`).
The rest — places, sources (publisher, date, URL), statements, mentions,
publications, quantities, inferences, the other properties of events and the
provenance of every fact — comes from a handful of whole-graph SELECTs here,
each one simple pattern (about a second at 10,000 events), never one query per
page. Every value is a plain string (an IRI or a literal's lexical form).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kommgraph.rdf.query_text import with_prologue
from kommgraph.rdf.sparql import Backend
from kommgraph.vocab import Lang

KG = "https://w3id.org/kommgraph/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# the URL of a source (kg:Source is a schema:CreativeWork); the bundled data states none
URL_PROPERTIES = ("https://schema.org/url", "http://schema.org/url")

# entities that are neither agents, events nor topics (those come from the evidence)
TYPED_QUERY = """
SELECT ?entity ?type ?label WHERE {
  VALUES ?type { kg:Statement kg:Mention kg:Quantity kg:Inference kg:Publication kg:Source }
  ?entity a ?type .
  OPTIONAL { ?entity rdfs:label ?label }
}
"""

PLACES_QUERY = """
SELECT ?place ?type ?label WHERE {
  ?type rdfs:subClassOf* kg:Place .
  ?place a ?type ; rdfs:label ?label .
}
"""

# the properties the pages show, for every subject at once
PROPERTIES_QUERY = """
SELECT ?subject ?property ?value WHERE {
  VALUES ?property {
    kg:endDate kg:timeText kg:place kg:inSeries kg:edition kg:motto kg:planned kg:postponed
    kg:online kg:publisher kg:published kg:locatedIn kg:basedIn kg:honorificPrefix
    kg:producedBy kg:resultOf kg:quantityOf kg:countOf kg:count kg:qualifier kg:speaker
    kg:atEvent kg:about kg:note kg:inferred rdf:subject rdf:predicate rdf:object
    <https://schema.org/url> <http://schema.org/url>
  }
  ?subject ?property ?value .
}
"""

DATES_QUERY = """
SELECT ?affiliation ?property ?value WHERE {
  VALUES ?property { kg:date kg:endDate }
  ?affiliation a kg:Affiliation ; ?property ?value .
}
"""

MENTIONS_QUERY = "SELECT ?mention ?agent WHERE { ?mention a kg:Mention ; kg:agent ?agent . }"
SOURCES_QUERY = "SELECT ?fact ?source WHERE { ?fact kg:source ?source . }"
QUOTES_QUERY = "SELECT ?fact ?quote WHERE { ?fact kg:quote ?quote . }"

# the ontology's own words (classes, roles, relation types, counts) in one language
WORDS_QUERY = """
SELECT ?term ?label WHERE {
  ?term rdfs:label ?label .
  FILTER(STRSTARTS(STR(?term), STR(kg:)) && LANGMATCHES(LANG(?label), "{lang}"))
}
"""


def local(iri: str) -> str:
    """The local name of an IRI (kg:Speaker -> Speaker)."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class Facts:
    """Plain maps of what the queries found; `kommgraph.views.site.world` joins them."""

    types: dict[str, str] = field(default_factory=dict)  # entity -> class (local name)
    labels: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)  # place -> class IRI
    props: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    mentions: dict[str, str] = field(default_factory=dict)  # mention -> agent
    source_of: dict[str, str] = field(default_factory=dict)  # fact -> source
    quotes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    words: dict[str, str] = field(default_factory=dict)  # ontology term -> label in `lang`

    def prop(self, subject: str, name: str) -> list[str]:
        """The values of kg:`name` (or of a full IRI) on `subject`, sorted; [] when none."""
        found = self.props.get(subject)
        if found is None:
            return []
        return found.get(name if ":" in name else KG + name, [])

    def first(self, subject: str, name: str) -> str | None:
        values = self.prop(subject, name)
        return values[0] if values else None

    def flag(self, subject: str, name: str) -> bool:
        return any(v.lower() in ("true", "1") for v in self.prop(subject, name))

    def url(self, subject: str) -> str | None:
        """A web address stated for `subject`: http(s) only, never another scheme."""
        for name in URL_PROPERTIES:
            for value in self.prop(subject, name):
                if value.startswith(("https://", "http://")):
                    return value
        return None

    def word(self, term: str) -> str:
        """The ontology's label of a class, role or other term; its local name when none."""
        return self.words.get(term) or local(term)


def read_facts(backend: Backend, lang: Lang) -> Facts:
    """Everything `Facts` holds, in nine queries over the whole graph."""

    def rows(text: str) -> list[tuple[str | None, ...]]:
        return backend.values(with_prologue(text))

    facts = Facts()
    for entity, rdf_type, label in rows(TYPED_QUERY):
        if entity is not None and rdf_type is not None:
            facts.types.setdefault(entity, local(rdf_type))
            if label is not None:
                facts.labels.setdefault(entity, label)
    for place, rdf_type, label in sorted(rows(PLACES_QUERY), key=_text):
        if place is not None and rdf_type is not None and label is not None:
            known = facts.places.get(place)
            # the most specific class: kg:Place itself only when nothing else is said
            if known is None or known == KG + "Place":
                facts.places[place] = rdf_type
            facts.labels.setdefault(place, label)
    for subject, prop, value in [*rows(PROPERTIES_QUERY), *rows(DATES_QUERY)]:
        if subject is not None and prop is not None and value is not None:
            facts.props[subject][prop].append(value)
    for found in facts.props.values():
        for values in found.values():
            values.sort()
    for mention, agent in rows(MENTIONS_QUERY):
        if mention is not None and agent is not None:
            facts.mentions[mention] = agent
    for fact, source in sorted(rows(SOURCES_QUERY), key=_text):
        if fact is not None and source is not None:
            facts.source_of.setdefault(fact, source)
    for fact, quote in rows(QUOTES_QUERY):
        if fact is not None and quote is not None:
            facts.quotes[fact].append(quote)
    for quoted in facts.quotes.values():
        quoted.sort()
    for term, label in sorted(rows(WORDS_QUERY.replace("{lang}", lang)), key=_text):
        if term is not None and label is not None:
            facts.words.setdefault(term, label)
    return facts


def _text(row: tuple[str | None, ...]) -> tuple[str, ...]:
    return tuple(value or "" for value in row)
