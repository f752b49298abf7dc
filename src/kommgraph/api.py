"""`KommGraph`: the one door that the CLI and notebooks both use.

It holds a backend (the embedded store or a SPARQL endpoint) and offers the
operations of the command line as methods returning plain typed objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path

from rdflib import URIRef

from kommgraph import queries as query_registry
from kommgraph.actors import Entity, NameIndex
from kommgraph.errors import KommgraphError
from kommgraph.namespaces import KG
from kommgraph.params import bind
from kommgraph.sparql import Backend, LocalBackend, QueryResult
from kommgraph.stats import Stats, compute
from kommgraph.store import GraphStore, load
from kommgraph.validate import Report, validate


class KommGraph:
    """A loaded or connected kommgraph."""

    def __init__(self, backend: Backend, graph: GraphStore | None = None) -> None:
        self.backend = backend
        self.graph = graph

    @classmethod
    def load(cls, paths: Sequence[Path | str] | None = None) -> KommGraph:
        """Parse the ontology and Turtle files or folders (default: the bundled data)."""
        graph = load([Path(p) for p in paths] if paths else None)
        return cls(LocalBackend(graph), graph)

    @classmethod
    def connect(cls, endpoint: str, timeout: float = 30.0) -> KommGraph:
        """Work against a SPARQL 1.1 endpoint instead of the embedded store."""
        from kommgraph.endpoint import RemoteBackend

        return cls(RemoteBackend(endpoint, timeout))

    # names -----------------------------------------------------------------

    @cached_property
    def _actors(self) -> NameIndex:
        return NameIndex(self.backend, KG.Agent, "actor")

    @cached_property
    def _topics(self) -> NameIndex:
        return NameIndex(self.backend, KG.Topic, "topic")

    def actor(self, name: str) -> Entity:
        """The actor called `name` (label, alias or IRI; case and accents ignored)."""
        return self._actors.resolve(name)

    def topic(self, name: str) -> Entity:
        """The topic called `name` (label, alias or IRI)."""
        return self._topics.resolve(name)

    def _resolve(self, kind: str, value: str) -> str:
        return (self.actor(value) if kind == "actor" else self.topic(value)).iri

    # queries ---------------------------------------------------------------

    def query(self, name_or_file: str, params: Mapping[str, str] | None = None) -> QueryResult:
        """Run a named query (or a .rq file) with parameters bound as RDF terms."""
        named = query_registry.resolve(name_or_file)
        bindings = bind(named, params or {}, self._resolve)
        return self.backend.query(named.text, bindings)

    def sparql(self, text: str, bindings: Mapping[str, URIRef] | None = None) -> QueryResult:
        """Run SPARQL text as it is, with optional bindings."""
        return self.backend.query(text, bindings)

    # checks and numbers ----------------------------------------------------

    def stats(self) -> Stats:
        """Counts per class, roles, sources and date range."""
        return compute(self.backend)

    def validate(self, sources: Path | None = None) -> Report:
        """SHACL, lint and (given a folder of texts) the quote check."""
        if self.graph is None:
            raise KommgraphError("validate works on local files, not on an endpoint")
        return validate(self.graph, sources=sources)
