"""Where queries run (the embedded store or an endpoint) and what they answer.

`Backend` is the one interface both sides offer; `LocalBackend` runs queries
in the embedded Oxigraph store, with parameters bound by
`kommgraph.rdf.query_text.with_values` exactly as a remote endpoint gets them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kommgraph.bulk import bulk
from kommgraph.errors import KommgraphError
from kommgraph.rdf.namespaces import PREFIXES
from kommgraph.rdf.query_text import refuse_update, with_values
from kommgraph.rdf.store import GraphStore
from kommgraph.rdf.terms import plain, to_rdflib
from kommgraph.tables import Row as PlainRow
from kommgraph.tables import Tabular

Row = tuple[Identifier | None, ...]


@dataclass(frozen=True)
class SelectResult(Tabular):
    """Rows of a SELECT query; cells are rdflib terms or None when unbound.

    `to_dicts()` / `to_pandas()`: one column per variable, cells as plain values
    (`kommgraph.rdf.terms.plain`: IRIs as str, numbers as int or float, booleans
    as bool, dates and text as their lexical form, unbound as None).
    """

    variables: tuple[str, ...]
    rows: tuple[Row, ...]

    def dicts(self) -> list[dict[str, Identifier | None]]:
        """Rows as dictionaries keyed by variable name, cells as rdflib terms."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Identifier | None]:
        """All values of one variable."""
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def columns(self) -> tuple[str, ...]:
        return self.variables

    def to_dicts(self) -> list[PlainRow]:
        names = self.variables
        return [dict(zip(names, map(plain, row), strict=True)) for row in self.rows]

    def caption(self) -> str:
        return "SPARQL results"


@dataclass(frozen=True)
class AskResult(Tabular):
    """The answer of an ASK query (as a table: one row, column `value`)."""

    value: bool

    def columns(self) -> tuple[str, ...]:
        return ("value",)

    def to_dicts(self) -> list[PlainRow]:
        return [{"value": self.value}]


@dataclass(frozen=True)
class GraphResult(Tabular):
    """The triples of a CONSTRUCT or DESCRIBE query (as a table: subject, predicate, object)."""

    graph: Graph

    def columns(self) -> tuple[str, ...]:
        return ("subject", "predicate", "object")

    def to_dicts(self) -> list[PlainRow]:
        return [
            {"subject": plain(s), "predicate": plain(p), "object": plain(o)}
            for s, p, o in sorted(self.graph)
        ]

    def caption(self) -> str:
        return "triples"


QueryResult = SelectResult | AskResult | GraphResult


class Backend(Protocol):
    """Where queries run: the embedded store or a SPARQL endpoint."""

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run `text` with `bindings` (variable name -> RDF term) fixed."""
        ...

    def describe(self) -> str:
        """A short description for messages and reports."""
        ...

    def values(
        self, text: str, bindings: Mapping[str, Identifier] | None = None
    ) -> list[tuple[str | None, ...]]:
        """SELECT rows as plain strings (IRI or lexical form), for bulk internal use."""
        ...


def _prefixes() -> dict[str, str]:
    return dict(PREFIXES)


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else ""


class LocalBackend:
    """Queries against the embedded Oxigraph store.

    Results are converted with the cyclic collector paused (`kommgraph.bulk`):
    in a session that already holds a large network, a 10,000-row result
    otherwise triggers full collections over millions of objects (5x slower).
    """

    def __init__(self, graph: GraphStore) -> None:
        self.graph = graph

    def describe(self) -> str:
        return f"embedded store ({len(self.graph)} triples)"

    def _run(
        self, text: str, bindings: Mapping[str, Identifier] | None
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        refuse_update(text, self.describe)
        try:
            return self.graph.store.query(with_values(text, bindings or {}), prefixes=_prefixes())
        except SyntaxError as exc:
            reason = _first_line(str(exc.args[0]) if exc.args else str(exc))
            raise KommgraphError(f"SPARQL syntax {reason}") from None

    @bulk
    def values(
        self, text: str, bindings: Mapping[str, Identifier] | None = None
    ) -> list[tuple[str | None, ...]]:
        """Rows as strings straight from Oxigraph: no rdflib terms, several times faster."""
        answer = self._run(text, bindings)
        if not isinstance(answer, ox.QuerySolutions):
            raise KommgraphError("values() needs a SELECT query")
        return [tuple(None if t is None else t.value for t in solution) for solution in answer]

    @bulk
    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        answer = self._run(text, bindings)
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            convert = _converter()
            rows = tuple(tuple(map(convert, solution)) for solution in answer)
            return SelectResult(variables, rows)
        if isinstance(answer, ox.QueryBoolean):
            return AskResult(bool(answer))
        graph = Graph()
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri, override=True, replace=True)
        convert = _converter()
        for t in answer:
            graph.add((convert(t.subject), convert(t.predicate), convert(t.object)))
        return GraphResult(graph)


def _converter() -> Callable[[Any], Any]:
    """Oxigraph term -> rdflib term, each distinct term converted once.

    Terms repeat a lot in results (the same actor or predicate in many rows),
    and converting is most of the cost of a large result.
    """
    converted: dict[Any, Identifier] = {}

    def convert(term: Any) -> Any:
        if term is None:
            return None
        found = converted.get(term)
        if found is None:
            found = converted[term] = to_rdflib(term)
        return found

    return convert
