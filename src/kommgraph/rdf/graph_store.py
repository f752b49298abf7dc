"""The loaded graph: an Oxigraph store and the files it came from.

Kept apart from loading (`kommgraph.rdf.store`) so that a command answered from
an index's tables never imports pyoxigraph or rdflib: the store is opened, and
pyoxigraph imported, only when a query first needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.term import Identifier


class GraphStore:
    """The loaded graph: an Oxigraph store plus the files it came from.

    `store` may be given as a function that opens it: an index's on-disk store
    is then opened when a query first needs it (opening takes tens of
    milliseconds, and answers read from the index's tables need no store).
    """

    def __init__(
        self,
        store: ox.Store | Callable[[], ox.Store],
        files: list[Path] | None = None,
        ontology_files: tuple[Path, ...] = (),
        ontology_counts: dict[str, int] | None = None,
        known_size: int = 0,
    ) -> None:
        self._store: ox.Store | None = None
        self._open: Callable[[], ox.Store] | None = None
        if callable(store):  # an opener (a Store is not callable)
            self._open = store
        else:
            self._store = store
        self.files = files or []
        # the ontology files loaded, and how many triples each kg: term is the subject
        # of in them (what `kommgraph.rdf.guard` compares the data with)
        self.ontology_files = ontology_files
        self.ontology_counts = ontology_counts or {}
        self.known_size = known_size  # the number of triples where it is known (an index)

    @property
    def store(self) -> ox.Store:
        """The Oxigraph store (opened now if it was given as an opener)."""
        if self._store is None:
            assert self._open is not None
            self._store = self._open()
        return self._store

    def __len__(self) -> int:
        """The number of triples (counting an on-disk store's is a scan: it is kept)."""
        return self.known_size or len(self.store)

    def triples(self) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        """All triples as rdflib terms (for export and SHACL)."""
        from kommgraph.rdf.terms import to_rdflib

        for quad in self.store:
            yield (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))

    def to_rdflib(self) -> Graph:
        """A copy as an rdflib Graph, for pyshacl and rdflib's serializers.

        The project's prefixes replace rdflib's defaults where they clash (`org:` is
        kommgraph's organizations, W3C ORG is `org-w3c:`), so Turtle never says `org1:`.
        """
        from rdflib import Graph

        graph = Graph()
        for prefix, iri in _bind_prefixes():
            graph.bind(prefix, iri, override=True, replace=True)
        for triple in self.triples():
            graph.add(triple)
        return graph


def _bind_prefixes() -> Iterable[tuple[str, str]]:
    from kommgraph.rdf.iris import PREFIXES

    return PREFIXES.items()
