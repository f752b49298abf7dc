"""Run SPARQL with parameters bound as RDF terms, locally or remotely.

Parameter values never become query text by string pasting: `with_values`
writes a `VALUES` block at the start of the outermost WHERE group, in which
each value is serialized by rdflib (`term.n3()`), which escapes quotes,
backslashes and newlines; IRIs with characters an IRI may not hold are
rejected. The embedded store and remote endpoints use this same function, so
a parameter means the same thing everywhere. (Oxigraph's own `substitutions`,
its counterpart of rdflib's `initBindings`, only binds variables that the
SELECT projects, which our parameters usually are not; one mechanism for both
sides also keeps embedded and remote answers identical.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Identifier

from kommgraph.namespaces import PREFIXES
from kommgraph.store import GraphStore, to_rdflib

Row = tuple[Identifier | None, ...]


@dataclass(frozen=True)
class SelectResult:
    """Rows of a SELECT query; cells are rdflib terms or None when unbound."""

    variables: tuple[str, ...]
    rows: tuple[Row, ...]

    def dicts(self) -> list[dict[str, Identifier | None]]:
        """Rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Identifier | None]:
        """All values of one variable."""
        index = self.variables.index(name)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class AskResult:
    """The answer of an ASK query."""

    value: bool


@dataclass(frozen=True)
class GraphResult:
    """The triples of a CONSTRUCT or DESCRIBE query."""

    graph: Graph


QueryResult = SelectResult | AskResult | GraphResult


class Backend(Protocol):
    """Where queries run: the embedded store or a SPARQL endpoint."""

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        """Run `text` with `bindings` (variable name -> RDF term) fixed."""
        ...

    def describe(self) -> str:
        """A short description for messages and reports."""
        ...


def _prefixes() -> dict[str, str]:
    return dict(PREFIXES)


class LocalBackend:
    """Queries against the embedded Oxigraph store."""

    def __init__(self, graph: GraphStore) -> None:
        self.graph = graph

    def describe(self) -> str:
        return f"embedded store ({len(self.graph)} triples)"

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        answer = self.graph.store.query(with_values(text, bindings or {}), prefixes=_prefixes())
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            rows = tuple(
                tuple(None if solution[v] is None else to_rdflib(solution[v]) for v in variables)
                for solution in answer
            )
            return SelectResult(variables, rows)
        if isinstance(answer, ox.QueryBoolean):
            return AskResult(bool(answer))
        graph = Graph()
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri)
        for triple in answer:
            graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
        return GraphResult(graph)


def _skip_string(text: str, i: int) -> int:
    """Index after the string literal starting at text[i]."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        while end != -1 and _escaped(text, end):
            end = text.find(quote * 3, end + 1)
        return len(text) if end == -1 else end + 3
    j = i + 1
    while j < len(text) and text[j] != quote:
        j += 2 if text[j] == "\\" else 1
    return j + 1


def _escaped(text: str, i: int) -> bool:
    backslashes = 0
    while i > 0 and text[i - 1] == "\\":
        backslashes += 1
        i -= 1
    return backslashes % 2 == 1


def _tokens(text: str) -> list[tuple[int, str]]:
    """Top-level structure of a query: braces and bare words with positions.

    Comments, string literals and IRIs are skipped, so a `{` or `WHERE` inside
    them is never mistaken for syntax.
    """
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "#":
            nl = text.find("\n", i)
            i = len(text) if nl == -1 else nl + 1
        elif c in "\"'":
            i = _skip_string(text, i)
        elif c == "<" and _looks_like_iri(text, i):
            i = text.index(">", i) + 1
        elif c in "{}":
            out.append((i, c))
            i += 1
        elif c in "?$":
            i += 1
            while i < len(text) and (text[i].isalnum() or text[i] == "_"):
                i += 1
        elif c.isalpha():
            j = i
            while j < len(text) and (text[j].isalnum() or text[j] in "_:-"):
                j += 1
            out.append((i, text[i:j].upper()))
            i = j
        else:
            i += 1
    return out


def _looks_like_iri(text: str, i: int) -> bool:
    end = text.find(">", i)
    return end != -1 and not any(ch in text[i + 1 : end] for ch in " \n\t<\"{}|^`")


def where_brace(text: str) -> int:
    """Position just after the `{` that opens the outermost WHERE group."""
    tokens = _tokens(text)
    words = [w for _, w in tokens]
    start = words.index("WHERE") + 1 if "WHERE" in words else 0
    for position, token in tokens[start:]:
        if token == "{":
            return position + 1
    raise ValueError("query has no WHERE group")


def values_block(bindings: Mapping[str, Identifier]) -> str:
    """A VALUES block binding each variable to one term, serialized by rdflib."""
    if not bindings:
        return ""
    names = sorted(bindings)
    terms = []
    for name in names:
        term = bindings[name]
        if isinstance(term, URIRef):
            _check_iri(term)
        terms.append(term.n3())
    variables = " ".join(f"?{n}" for n in names)
    return f"\n  VALUES ({variables}) {{ ({' '.join(terms)}) }}\n"


def _check_iri(term: URIRef) -> None:
    bad = set(' <>"{}|\\^`\n\r\t')
    if any(ch in bad for ch in str(term)):
        raise ValueError(f"not a valid IRI: {str(term)!r}")


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with a VALUES block opening its outermost WHERE group."""
    if not bindings:
        return text
    position = where_brace(text)
    return text[:position] + values_block(bindings) + text[position:]


def with_prologue(text: str) -> str:
    """The query with PREFIX lines for every known prefix it does not declare.

    The embedded store receives the prefix map directly; a remote endpoint
    only knows what the query text declares.
    """
    tokens = [w for _, w in _tokens(text)]
    declared = {
        tokens[i + 1].rstrip(":").lower()
        for i, word in enumerate(tokens[:-1])
        if word == "PREFIX"
    }
    lines = [f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared]
    return "".join(lines) + text
