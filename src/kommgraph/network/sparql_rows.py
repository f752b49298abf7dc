"""The collaboration model's rows fetched by flat SPARQL SELECTs (`SparqlRows`).

One query per kind of row, each for the whole graph or for the event trees of
one actor (`VALUES ?root`), with no pairing in SPARQL: see `kommgraph.network.rows`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from rdflib import URIRef

from kommgraph.network.rows import Row
from kommgraph.rdf.iris import KG
from kommgraph.rdf.names import names
from kommgraph.rdf.query_text import term_n3, with_prologue
from kommgraph.rdf.sparql import Backend

SUBCLASSES_QUERY = """
SELECT ?c ?super WHERE {
  { ?c a owl:Class } UNION { ?c a rdfs:Class } UNION { ?c rdfs:subClassOf ?any }
  ?c kg:subClassOfOrSelf ?super .
  FILTER(STRSTARTS(STR(?super), STR(kg:)))
}
"""

ROLES_QUERY = """
SELECT ?role ?label ?active ?organizing WHERE {
  ?role kg:active ?active .
  OPTIONAL { ?role rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?role rdfs:label ?other FILTER(LANG(?other) != "en") }
  OPTIONAL { ?role kg:organizing ?organizing }
  BIND(COALESCE(?en, ?other, REPLACE(STR(?role), "^.*[#/]", "")) AS ?label)
}
ORDER BY ?role ?label
"""

TOPICS_QUERY = """
SELECT ?topic ?label ?broader WHERE {
  ?topic a kg:Topic ; rdfs:label ?label .
  OPTIONAL { ?topic skos:broader ?broader }
}
"""

ROOTS_QUERY = """
SELECT DISTINCT ?root WHERE {{
  VALUES ?role {{ {roles} }}
  ?participation kg:agent ?_actor ; kg:event ?event ; kg:role ?role .
  ?event kg:within ?root .
  FILTER NOT EXISTS {{ ?root kg:partOf ?parent }}
}}
"""

TOPS_QUERY = """
SELECT DISTINCT ?root WHERE {{
  VALUES ?event {{ {events} }}
  ?event kg:within ?root .
  FILTER NOT EXISTS {{ ?root kg:partOf ?parent }}
}}
"""

EVENTS_QUERY = """
SELECT ?event ?label ?date ?type ?parent WHERE {{
  {scope}
  ?event a ?type .
  ?type kg:subClassOfOrSelf kg:Event .
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

STATEMENTS_QUERY = """
SELECT ?statement ?speaker ?event ?quote ?source ?title WHERE {{
  {scope}
  ?statement kg:atEvent ?event ; kg:speaker ?speaker ; kg:quote ?quote .
  OPTIONAL {{ ?statement kg:source ?source . OPTIONAL {{ ?source rdfs:label ?title }} }}
}}
"""

AGENTS_QUERY = """
SELECT ?agent ?label ?type WHERE {{
  {agents}
  ?agent a ?type .
  ?type kg:subClassOfOrSelf kg:Agent .
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

# A long VALUES list is slow in the store (2,000 agents: 7.7 s; all affiliations:
# 0.5 s), so for more entities than this all rows are fetched and sifted here.
LISTED = 500


def listed(iris: Iterable[str]) -> str:
    """IRIs for a VALUES block, escaped, in a stable order."""
    return " ".join(term_n3(URIRef(i)) for i in sorted(iris))


class SparqlRows:
    """The rows, fetched by flat SELECTs from a backend (one pass each, no pairing)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def describe(self) -> str:
        return self.backend.describe()

    def _select(self, text: str, bindings: Mapping[str, URIRef] | None = None) -> list[Row]:
        return self.backend.values(with_prologue(text), bindings)

    @staticmethod
    def _scope(roots: Sequence[str] | None) -> str:
        if roots is None:
            return ""
        return f"VALUES ?root {{ {listed(roots)} }} ?event kg:within ?root ."

    def subclasses(self) -> list[Row]:
        return self._select(SUBCLASSES_QUERY)

    def roles(self) -> list[Row]:
        return self._select(ROLES_QUERY)

    def topics(self) -> list[Row]:
        return self._select(TOPICS_QUERY)

    def tops(self, events: Iterable[str]) -> list[str]:
        chosen = sorted(set(events))
        found: set[str] = set()
        for start in range(0, len(chosen), LISTED):
            query = TOPS_QUERY.format(events=listed(chosen[start : start + LISTED]))
            found.update(str(root) for (root,) in self._select(query))
        return sorted(found)

    def roots_of(self, actor: str, roles: Collection[str]) -> list[str]:
        if not roles:
            return []
        query = ROOTS_QUERY.format(roles=listed(roles))
        return sorted(str(r) for (r,) in self._select(query, {"_actor": URIRef(actor)}))

    def events(self, roots: Sequence[str] | None) -> list[Row]:
        return self._select(EVENTS_QUERY.format(scope=self._scope(roots)))

    def event_topics(self, roots: Sequence[str] | None) -> list[Row]:
        return self._select(EVENT_TOPICS_QUERY.format(scope=self._scope(roots)))

    def participations(
        self, roots: Sequence[str] | None, agents: Collection[str] | None = None
    ) -> list[Row]:
        """The participations in these trees (all for None), of these agents only if given."""
        if agents is not None and len(agents) > LISTED:
            rows = self.participations(roots)
            return [row for row in rows if row[1] in agents]
        scope = self._scope(roots)
        if agents is not None:
            if not agents:
                return []
            scope = f"VALUES ?agent {{ {listed(agents)} }} " + scope
        return self._select(PARTICIPATIONS_QUERY.format(scope=scope))

    def statements(self, roots: Sequence[str] | None) -> list[Row]:
        return self._select(STATEMENTS_QUERY.format(scope=self._scope(roots)))

    def relations(self, actor: str | None) -> list[Row]:
        scope = ""
        if actor is not None:
            me = term_n3(URIRef(actor))
            scope = f"{{ ?relation kg:from {me} }} UNION {{ ?relation kg:to {me} }}"
        return self._select(RELATIONS_QUERY.format(scope=scope))

    def agents(self, named: Iterable[str] | None) -> list[Row]:
        scope = "" if named is None else f"VALUES ?agent {{ {listed(named)} }}"
        return self._select(AGENTS_QUERY.format(agents=scope))

    def affiliations(self, agents: Iterable[str] | None) -> list[Row]:
        """All affiliations, or those of these persons and organizations (sorted, distinct)."""
        if agents is None:
            return self._select(AFFILIATIONS_QUERY.format(scope=""))
        chosen = set(agents)
        if len(chosen) > LISTED:
            rows = self._select(AFFILIATIONS_QUERY.format(scope=""))
            return sorted(
                {r: None for r in rows if r[1] in chosen or r[2] in chosen},
                key=lambda row: tuple(str(x) for x in row),
            )
        wanted = listed(chosen)
        if not wanted:
            return []
        found: dict[Row, None] = {}
        for side in ("person", "organization"):
            scope = f"VALUES ?{side} {{ {wanted} }}"
            found.update(dict.fromkeys(self._select(AFFILIATIONS_QUERY.format(scope=scope))))
        return sorted(found, key=lambda row: tuple(str(x) for x in row))

    def alt_labels(self, entities: Iterable[str] | None) -> list[Row]:
        """The other names (skos:altLabel) of all entities, or of these (entity, name)."""
        chosen = None if entities is None else set(entities)
        if chosen is not None and not chosen:
            return []
        scope = ""
        if chosen is not None and len(chosen) <= LISTED:
            scope = f"VALUES ?entity {{ {listed(chosen)} }}"
        rows = self._select(ALT_LABELS_QUERY.format(scope=scope))
        return [r for r in rows if chosen is None or r[0] in chosen]

    def agent_names(self, key: tuple[str | None, str | None] | None) -> list[Row]:
        return names(self.backend, KG.Agent, key)
