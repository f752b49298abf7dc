"""Where queries run (the embedded store or an endpoint) and what they answer.

`Backend` is the one interface both sides offer; `LocalBackend` runs queries
in the embedded Oxigraph store, with parameters bound by
`kommgraph.rdf.query_text.with_values` exactly as a remote endpoint gets them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeAlias

from kommgraph.bulk import bulk
from kommgraph.errors import KommgraphError, QueryTimeoutError, ValueFieldError
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.iris import PREFIXES
from kommgraph.rdf.query_text import refuse_update, with_values
from kommgraph.rdf.worker import check_timeout, in_worker
from kommgraph.tables import Row as PlainRow
from kommgraph.tables import Tabular

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.term import Identifier

Row: TypeAlias = "tuple[Identifier | None, ...]"


@dataclass(frozen=True)
class SelectResult(Tabular):
    """Rows of a SELECT query; cells are rdflib terms or None when unbound.

    `to_dicts()` / `to_pandas()`: one column per variable, cells as plain values
    (`kommgraph.rdf.terms.plain`: IRIs as str, numbers as int or float, booleans
    as bool, dates and text as their lexical form, unbound as None). `cut` says
    that a limit left rows out (there were more than `rows`).
    """

    variables: tuple[str, ...]
    rows: tuple[Row, ...]
    cut: bool = False

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
        from kommgraph.rdf.terms import plain

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
        from kommgraph.rdf.terms import plain

        return [
            {"subject": plain(s), "predicate": plain(p), "object": plain(o)}
            for s, p, o in sorted(self.graph)
        ]

    def caption(self) -> str:
        return "triples"


QueryResult = SelectResult | AskResult | GraphResult


def limited(result: QueryResult, limit: int | None) -> QueryResult:
    """At most `limit` rows (or triples) of a result; `cut` records that some were left out."""
    if limit is None:
        return result
    if isinstance(result, SelectResult) and len(result.rows) > limit:
        return SelectResult(result.variables, result.rows[:limit], cut=True)
    if isinstance(result, GraphResult) and len(result.graph) > limit:
        from rdflib import Graph

        graph = Graph(namespace_manager=result.graph.namespace_manager)
        for triple in sorted(result.graph)[:limit]:
            graph.add(triple)
        return GraphResult(graph)
    return result


def bounded_query(
    backend: Backend,
    text: str,
    bindings: Mapping[str, Identifier] | None,
    *,
    limit: int | None = None,
) -> QueryResult:
    """At most `limit` rows (`SelectResult.cut` says whether there were more)."""
    if limit is not None and limit < 0:
        raise ValueFieldError("limit", str(limit), "give a number of rows, 0 or more")
    return backend.query(text, bindings, limit=limit)


def whole_graph(backend: Backend) -> Graph:
    """Every triple a backend answers with, as an rdflib graph (an endpoint: its graph)."""
    result = backend.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(result, GraphResult)
    return result.graph


class Backend(Protocol):
    """Where queries run: the embedded store or a SPARQL endpoint."""

    def query(
        self,
        text: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        limit: int | None = None,
    ) -> QueryResult:
        """Run `text` with `bindings` (variable name -> RDF term) fixed; at most `limit` rows."""
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

    Queries run in a worker thread (`kommgraph.rdf.worker`), so that Ctrl-C,
    SIGTERM and the `timeout` end the wait even while Oxigraph evaluates.
    Oxigraph cannot cancel a running query: the worker stops reading rows and
    is otherwise left to finish in the background; a command-line run ends
    there, and the thread with it.
    """

    def __init__(self, graph: GraphStore, timeout: float | None = None) -> None:
        self.graph = graph
        self.timeout = check_timeout(timeout)

    def describe(self) -> str:
        return f"embedded store ({len(self.graph)} triples)"

    def _run(
        self, text: str, bindings: Mapping[str, Identifier] | None
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        refuse_update(text, self.describe)
        try:
            return self.graph.store.query(with_values(text, bindings or {}), prefixes=_prefixes())
        except UnicodeEncodeError:  # a lone surrogate: bytes that were never decoded as text
            raise KommgraphError("the query holds characters that are not text") from None
        except SyntaxError as exc:
            reason = _first_line(str(exc.args[0]) if exc.args else str(exc))
            raise KommgraphError(f"SPARQL syntax {reason}") from None

    def _evaluate(
        self, text: str, bindings: Mapping[str, Identifier] | None, limit: int | None
    ) -> _Raw:
        """Run the query and read its answer (at most `limit` + 1 rows), within the timeout."""
        import pyoxigraph as ox

        stop = threading.Event()

        def work() -> _Raw:
            answer = self._run(text, bindings)
            if isinstance(answer, ox.QueryBoolean):
                return _Raw("ask", (), [], bool(answer))
            select = isinstance(answer, ox.QuerySolutions)
            variables: tuple[str, ...] = ()
            if isinstance(answer, ox.QuerySolutions):
                variables = tuple(v.value for v in answer.variables)
            items: Iterable[Any] = answer
            if limit is not None:
                items = islice(answer, limit + 1)
            items = _until(stop, items)
            return _Raw("select" if select else "graph", variables, list(items))

        return in_worker(
            work,
            timeout=self.timeout,
            on_timeout=lambda: QueryTimeoutError(self.describe(), self.timeout or 0.0),
            stop=stop,
        )

    @bulk
    def values(
        self, text: str, bindings: Mapping[str, Identifier] | None = None
    ) -> list[tuple[str | None, ...]]:
        """Rows as strings straight from Oxigraph: no rdflib terms, several times faster."""
        raw = self._evaluate(text, bindings, None)
        if raw.kind != "select":
            raise KommgraphError("values() needs a SELECT query")
        return [tuple(None if t is None else t.value for t in solution) for solution in raw.items]

    @bulk
    def query(
        self,
        text: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        limit: int | None = None,
    ) -> QueryResult:
        raw = self._evaluate(text, bindings, limit)
        if raw.kind == "ask":
            return AskResult(bool(raw.boolean))
        convert = _converter()
        if raw.kind == "select":
            rows = tuple(tuple(map(convert, solution)) for solution in raw.items)
            return limited(SelectResult(raw.variables, rows), limit)
        from rdflib import Graph

        graph = Graph()
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri, override=True, replace=True)
        for t in raw.items[: len(raw.items) if limit is None else limit]:
            graph.add((convert(t.subject), convert(t.predicate), convert(t.object)))
        return GraphResult(graph)


@dataclass
class _Raw:
    """An answer as Oxigraph gave it: solutions or triples, or the boolean of an ASK."""

    kind: Literal["select", "graph", "ask"]
    variables: tuple[str, ...]
    items: list[Any]
    boolean: bool | None = None


def _until(stop: threading.Event, items: Iterable[Any]) -> Iterator[Any]:
    """The items, until the caller has given up waiting."""
    for item in items:
        if stop.is_set():
            return
        yield item


def _converter() -> Callable[[Any], Any]:
    """Oxigraph term -> rdflib term, each distinct term converted once.

    Terms repeat a lot in results (the same actor or predicate in many rows),
    and converting is most of the cost of a large result.
    """
    from kommgraph.rdf.terms import to_rdflib

    converted: dict[Any, Identifier] = {}

    def convert(term: Any) -> Any:
        if term is None:
            return None
        found = converted.get(term)
        if found is None:
            found = converted[term] = to_rdflib(term)
        return found

    return convert
