"""Counts per class, roles, sources and the date range, all by SPARQL.

Written as queries (not Python over triples) so that `stats` gives the same
answer on the embedded store and on a remote endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass

from kommgraph.rdf.iris import shorten
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

# a series is dated by the span of its editions: only the editions count
_DATES = """
SELECT (MIN(STR(?date)) AS ?first) (MAX(STR(?date)) AS ?last) (COUNT(?event) AS ?dated) WHERE {
  ?event kg:date ?date .
  FILTER NOT EXISTS { ?event a kg:EventSeries }
}
"""

_STATEMENTS = """
SELECT ?speaker ?label (COUNT(DISTINCT ?statement) AS ?count) WHERE {
  ?statement a kg:Statement ; kg:speaker ?speaker .
  OPTIONAL { ?speaker rdfs:label ?label }
}
GROUP BY ?speaker ?label
ORDER BY DESC(?count) ?label ?speaker
"""

_QUANTITIES = """
SELECT ?kind ?kindLabel ?qualifier ?qualifierLabel (COUNT(DISTINCT ?quantity) AS ?count) WHERE {
  ?quantity a kg:Quantity ; kg:countOf ?kind .
  OPTIONAL {
    ?quantity kg:qualifier ?qualifier .
    OPTIONAL { ?qualifier rdfs:label ?qualifierLabel FILTER(LANG(?qualifierLabel) = "en") }
  }
  OPTIONAL { ?kind rdfs:label ?kindLabel FILTER(LANG(?kindLabel) = "en") }
}
GROUP BY ?kind ?kindLabel ?qualifier ?qualifierLabel
ORDER BY DESC(?count) ?kind ?qualifier
"""

_SERIES = """
SELECT ?series ?label (COUNT(DISTINCT ?edition) AS ?editions) WHERE {
  ?series a kg:EventSeries ; rdfs:label ?label .
  OPTIONAL { ?edition kg:inSeries ?series }
}
GROUP BY ?series ?label
ORDER BY DESC(?editions) ?label ?series
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
class Tally:
    """A count of one thing: statements of a speaker, quantities of a kind, editions of a
    series; `detail` says more where there is more (the qualifier of a quantity)."""

    iri: str
    label: str
    count: int
    detail: str = ""


@dataclass(frozen=True)
class Stats(Tabular):
    """Counts per class and role, the sources, the date range: what `stats` reports.

    As a table, one row per class, role, source, speaker, kind of quantity and
    series: section ("classes", "roles", "sources", "statements", "quantities",
    "series"), iri, name (prefixed), label (a source's title), count
    (instances, participations, facts a source supports, statements,
    quantities, editions) and published (a source's date, else None).
    """

    triples: int
    classes: tuple[ClassCount, ...]
    roles: tuple[ClassCount, ...]
    sources: tuple[SourceInfo, ...]
    first_event: str | None
    last_event: str | None
    statements: tuple[Tally, ...] = ()  # per speaker
    quantities: tuple[Tally, ...] = ()  # per kind counted and qualifier
    series: tuple[Tally, ...] = ()  # editions per series

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
        return (
            counts
            + [
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
            + [
                {
                    "section": section,
                    "iri": t.iri,
                    "name": shorten(t.iri),
                    "label": f"{t.label} ({t.detail})" if t.detail else t.label,
                    "count": t.count,
                    "published": None,
                }
                for section, found in (
                    ("statements", self.statements),
                    ("quantities", self.quantities),
                    ("series", self.series),
                )
                for t in found
            ]
        )

    def caption(self) -> str:
        return f"{self.triples} triples; events from {self.first_event} to {self.last_event}"


def _select(backend: Backend, text: str) -> SelectResult:
    result = backend.query(text)
    assert isinstance(result, SelectResult)
    return result


def _label(iri: object, label: object) -> str:
    """A term's label, else its short name, else nothing."""
    if label is not None:
        return str(label)
    return shorten(str(iri)) if iri is not None else ""


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
        tuple(
            Tally(str(s), str(label or shorten(str(s))), _int(n))
            for s, label, n in _select(backend, _STATEMENTS).rows
        ),
        tuple(
            Tally(
                str(k),
                str(kl or shorten(str(k))),
                _int(n),
                str(ql or (q and shorten(str(q))) or ""),
            )
            for k, kl, q, ql, n in _select(backend, _QUANTITIES).rows
        ),
        tuple(Tally(str(s), str(label), _int(n)) for s, label, n in _select(backend, _SERIES).rows),
    )
