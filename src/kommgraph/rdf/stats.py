"""Counts per class, roles, sources and the date range, all by SPARQL.

Written as queries (not Python over triples) so that `stats` gives the same
answer on the embedded store and on a remote endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass

from kommgraph.rdf.namespaces import shorten
from kommgraph.rdf.sparql import Backend, SelectResult
from kommgraph.tables import Row, Tabular

_CLASS_COUNTS = """
SELECT ?class ?label (COUNT(DISTINCT ?instance) AS ?count) WHERE {
  ?class a owl:Class .
  FILTER(STRSTARTS(STR(?class), STR(kg:)))
  OPTIONAL { ?class rdfs:label ?label FILTER(LANG(?label) = "en") }
  OPTIONAL { ?sub rdfs:subClassOf* ?class . ?instance a ?sub . }
}
GROUP BY ?class ?label
ORDER BY ?class
"""

_ROLE_COUNTS = """
SELECT ?role ?label (COUNT(DISTINCT ?participation) AS ?count) WHERE {
  ?role a kg:Role .
  OPTIONAL { ?role rdfs:label ?label FILTER(LANG(?label) = "en") }
  OPTIONAL { ?participation a kg:Participation ; kg:role ?role . }
}
GROUP BY ?role ?label
ORDER BY DESC(?count) ?role
"""

_SOURCES = """
SELECT ?source ?label ?published (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?source a kg:Source ; rdfs:label ?label .
  OPTIONAL { ?source kg:published ?published }
  OPTIONAL { ?fact kg:source ?source }
}
GROUP BY ?source ?label ?published
ORDER BY ?source
"""

_DATES = """
SELECT (MIN(STR(?date)) AS ?first) (MAX(STR(?date)) AS ?last) (COUNT(?event) AS ?dated) WHERE {
  ?event kg:date ?date .
}
"""

_TRIPLES = "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }"


@dataclass(frozen=True)
class ClassCount:
    iri: str
    name: str
    label: str
    count: int


@dataclass(frozen=True)
class SourceInfo:
    iri: str
    label: str
    published: str | None
    facts: int


@dataclass(frozen=True)
class Stats(Tabular):
    """Counts per class and role, the sources, the date range: what `stats` reports.

    As a table, one row per class, role and source: section ("classes", "roles"
    or "sources"), iri, name (prefixed), label (a source's title), count
    (instances, participations, or the facts a source supports) and published
    (a source's date, else None).
    """

    triples: int
    classes: tuple[ClassCount, ...]
    roles: tuple[ClassCount, ...]
    sources: tuple[SourceInfo, ...]
    first_event: str | None
    last_event: str | None

    def columns(self) -> tuple[str, ...]:
        return ("section", "iri", "name", "label", "count", "published")

    def to_dicts(self) -> list[Row]:
        counts: list[Row] = [
            {
                "section": section,
                "iri": c.iri,
                "name": c.name,
                "label": c.label,
                "count": c.count,
                "published": None,
            }
            for section, found in (("classes", self.classes), ("roles", self.roles))
            for c in found
        ]
        return counts + [
            {
                "section": "sources",
                "iri": s.iri,
                "name": shorten(s.iri),
                "label": s.label,
                "count": s.facts,
                "published": s.published,
            }
            for s in self.sources
        ]

    def caption(self) -> str:
        return f"{self.triples} triples; events from {self.first_event} to {self.last_event}"


def _select(backend: Backend, text: str) -> SelectResult:
    result = backend.query(text)
    assert isinstance(result, SelectResult)
    return result


def _int(value: object) -> int:
    return int(str(value)) if value is not None else 0


def compute(backend: Backend) -> Stats:
    """Run the stats queries against any backend."""
    classes = tuple(
        ClassCount(str(c), shorten(str(c)), str(label or ""), _int(n))
        for c, label, n in _select(backend, _CLASS_COUNTS).rows
    )
    roles = tuple(
        ClassCount(str(r), shorten(str(r)), str(label or ""), _int(n))
        for r, label, n in _select(backend, _ROLE_COUNTS).rows
    )
    sources = tuple(
        SourceInfo(str(s), str(label), str(published) if published is not None else None, _int(n))
        for s, label, published, n in _select(backend, _SOURCES).rows
    )
    dates = _select(backend, _DATES).rows
    first, last = (dates[0][0], dates[0][1]) if dates else (None, None)
    triples = _int(_select(backend, _TRIPLES).rows[0][0])
    return Stats(
        triples,
        classes,
        roles,
        sources,
        str(first) if first is not None else None,
        str(last) if last is not None else None,
    )
