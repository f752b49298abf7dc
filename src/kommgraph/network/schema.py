"""The small fixed part of the graph that every filter and rule reads: classes, roles, topics.

Built once from three row lists (`kommgraph.network.rows`). Roles come with their two flags from the
ontology: `kg:active` (the role makes collaboration) and `kg:organizing`
(sharing it counts as co-organizing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple, cast

from kommgraph.network.rows import Rows, is_rows

if TYPE_CHECKING:
    from kommgraph.rdf.sparql import Backend


class Role(NamedTuple):
    """A role at events: its (English) label and its two flags."""

    label: str
    active: bool
    organizing: bool


def truthy(value: str | None) -> bool:
    """An xsd:boolean as SPARQL reads it: `true` or `1`."""
    return value is not None and str(value).lower() in ("true", "1")


class Schema:
    """The class hierarchy, the roles and the topic scheme: small, and all filters need it."""

    def __init__(self, source: Rows | Backend) -> None:
        if is_rows(source):
            rows: Rows = source
        else:  # a backend: asked by SPARQL (imported only then, it needs rdflib)
            from kommgraph.network.sparql_rows import SparqlRows

            rows = SparqlRows(cast("Backend", source))
        closure: dict[str, set[str]] = defaultdict(set)
        for cls, sup in rows.subclasses():
            closure[str(cls)].add(str(sup))
        self.subclasses: dict[str, set[str]] = dict(closure)
        self.roles: dict[str, Role] = {}
        for role, label, active, organizing in rows.roles():
            known = self.roles.get(str(role))
            # a role stated active twice over (true and false) is active, as for SPARQL
            self.roles[str(role)] = Role(
                known.label if known else str(label),
                truthy(active) or (known is not None and known.active),
                truthy(organizing) or (known is not None and known.organizing),
            )
        self.topics: dict[str, str] = {}
        self.broader: dict[str, set[str]] = defaultdict(set)
        self._closure: dict[str, frozenset[str]] = {}
        self._specific: dict[tuple[frozenset[str], str], str] = {}
        for topic, label, broader in rows.topics():
            self.topics.setdefault(str(topic), str(label))
            if broader is not None:
                self.broader[str(topic)].add(str(broader))

    def with_broader(self, topic: str) -> frozenset[str]:
        """The topic and every broader topic (skos:broader*), computed once per topic."""
        known = self._closure.get(topic)
        if known is not None:
            return known
        found, todo = {topic}, [topic]
        while todo:
            for up in self.broader.get(todo.pop(), ()):
                if up not in found:
                    found.add(up)
                    todo.append(up)
        self._closure[topic] = frozenset(found)
        return self._closure[topic]

    def most_specific(self, types: Iterable[str], root: str) -> str:
        """Of an entity's types, the deepest subclass of `root` (or `root` itself); remembered
        per set of types, since thousands of entities share a few."""
        key = (frozenset(types), root)
        found = self._specific.get(key)
        if found is None:
            found = self._specific[key] = self._most_specific(key[0], root)
        return found

    def _most_specific(self, types: Iterable[str], root: str) -> str:
        candidates = [t for t in types if root in self.subclasses.get(t, set())]
        if not candidates:
            return root
        # the most specific has the largest superclass set
        return sorted(candidates, key=lambda t: (-len(self.subclasses.get(t, ())), t))[0]
