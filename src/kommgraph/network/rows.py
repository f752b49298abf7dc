"""Where the collaboration model's input comes from: rows, fetched by SPARQL or read from tables.

The model (`kommgraph.network.schema`, `kommgraph.network.evidence`) is built
from a handful of flat row lists: the class hierarchy, roles and topics, then
events, their topics, participations, relations, statements, agents and
affiliations, each for the whole graph or for the event trees one actor took
part in. `SparqlRows` fetches them from any backend (the embedded store, an
index, an endpoint); `kommgraph.network.tables.TableRows` reads the same rows
from the tables an index keeps. Both give the same rows, so the model built on
either is the same. The queries walk no property paths: they read the
computed closures (`kg:within`, `kg:subClassOfOrSelf`; `kommgraph.rdf.closures`),
so that every server gives the same rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any, Protocol, TypeGuard

Row = tuple[str | None, ...]


class Rows(Protocol):
    """The rows the model is built from; `roots` (event trees) or `None` for all.

    `tops` gives the trees of some events, `roots_of` the trees in which an
    actor holds one of these roles; `participations` may be narrowed to some
    agents. `agent_names` gives the rows actors are found by (entity, label,
    alias, type): all, or those an exact lookup matches
    (`kommgraph.rdf.names.exact_key`).
    """

    def describe(self) -> str: ...
    def subclasses(self) -> list[Row]: ...
    def roles(self) -> list[Row]: ...
    def topics(self) -> list[Row]: ...
    def tops(self, events: Iterable[str]) -> list[str]: ...
    def roots_of(self, actor: str, roles: Collection[str]) -> list[str]: ...
    def events(self, roots: Sequence[str] | None) -> list[Row]: ...
    def event_topics(self, roots: Sequence[str] | None) -> list[Row]: ...
    def participations(
        self, roots: Sequence[str] | None, agents: Collection[str] | None = None
    ) -> list[Row]: ...
    def statements(self, roots: Sequence[str] | None) -> list[Row]: ...
    def relations(self, actor: str | None) -> list[Row]: ...
    def agents(self, named: Iterable[str] | None) -> list[Row]: ...
    def affiliations(self, agents: Iterable[str] | None) -> list[Row]: ...
    def alt_labels(self, entities: Iterable[str] | None) -> list[Row]: ...
    def agent_names(self, key: tuple[str | None, str | None] | None) -> list[Row]: ...


def is_rows(source: Any) -> TypeGuard[Rows]:
    """Whether `source` gives rows itself (else it is a backend, asked by SPARQL)."""
    return hasattr(source, "participations")
