"""`KommGraph`: the one door that the CLI and notebooks both use.

It holds a backend (the embedded store or a SPARQL endpoint) and offers the
operations of the command line as methods returning plain typed objects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from kommgraph.rdf import queries as query_registry
from kommgraph.rdf.names import Entity, NameIndex
from kommgraph.bulk import bulk
from kommgraph.errors import KommgraphError
from kommgraph.rdf.namespaces import KG
from kommgraph.rdf.params import bind
from kommgraph.rdf.sparql import Backend, LocalBackend, QueryResult
from kommgraph.rdf.stats import Stats, compute
from kommgraph.rdf.store import GraphStore, load
from kommgraph.check.validate import Report, ShaclEngineName, validate

if TYPE_CHECKING:
    import networkx as nx

    from kommgraph.network.analysis import CentralityResult, CommunityResult, Hop
    from kommgraph.network.collaboration import Collaboration, Evidence, Filters
    from kommgraph.network.evidence import Schema


@dataclass(frozen=True)
class Collaborator:
    """One collaborator of an actor, with the evidence."""

    entity: Entity
    collaboration: Collaboration

    @property
    def weight(self) -> float:
        return self.collaboration.weight


class KommGraph:
    """A loaded or connected kommgraph."""

    def __init__(self, backend: Backend, graph: GraphStore | None = None) -> None:
        self.backend = backend
        self.graph = graph
        self._edge_cache: dict[tuple[Filters, bool], dict[tuple[str, str], Collaboration]] = {}
        self._by_actor: dict[tuple[Filters, bool], dict[str, list[tuple[str, str]]]] = {}

    @classmethod
    def load(
        cls,
        paths: Sequence[Path | str] | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> KommGraph:
        """Parse the ontology and Turtle files or folders (default: the bundled data).

        `progress` is called with the bytes of each file read.
        """
        graph = load([Path(p) for p in paths] if paths else None, progress=progress)
        return cls(LocalBackend(graph), graph)

    @classmethod
    def connect(cls, endpoint: str, timeout: float = 30.0) -> KommGraph:
        """Work against a SPARQL 1.1 endpoint instead of the embedded store."""
        from kommgraph.rdf.endpoint import RemoteBackend

        return cls(RemoteBackend(endpoint, timeout))

    # names -----------------------------------------------------------------

    @cached_property
    def _actors(self) -> NameIndex:
        return NameIndex(self.backend, KG.Agent)

    @cached_property
    def _topics(self) -> NameIndex:
        return NameIndex(self.backend, KG.Topic)

    def actor(self, name: str) -> Entity:
        """The actor called `name` (label, alias or IRI; case and accents ignored).

        A name that is exactly one actor's label, alias or IRI is that actor (one
        lookup, no index); otherwise the folded name index decides.
        """
        found = NameIndex.exact(self.backend, name, KG.Agent)
        return found if found is not None else self._actors.resolve(name)

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

    def validate(
        self,
        sources: Path | None = None,
        *,
        shacl_engine: ShaclEngineName = "sparql",
        progress: Callable[[float], None] | None = None,
    ) -> Report:
        """SHACL (compiled to SPARQL, or pyshacl), lint and (given texts) the quote check."""
        if self.graph is None:
            raise KommgraphError("validate works on local files, not on an endpoint")
        return validate(self.graph, sources=sources, shacl_engine=shacl_engine, progress=progress)

    # collaboration ---------------------------------------------------------

    @cached_property
    def schema(self) -> Schema:
        """Classes, roles and topics: what filters are checked against."""
        from kommgraph.network.evidence import Schema

        return Schema(self.backend)

    @cached_property
    def evidence(self) -> Evidence:
        """The collaboration evidence, fetched once by SPARQL."""
        from kommgraph.network.collaboration import Evidence
        from kommgraph.progress import step

        with step(f"Fetching collaboration evidence from the {self.backend.describe()} …"):
            return Evidence(self.backend, self.schema)

    def filters(
        self,
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
        event_kinds: Sequence[str] = (),
        roles: Sequence[str] = (),
    ) -> Filters:
        """Filters from user words: years or dates, a topic name, event kinds, role names."""
        from kommgraph.network.filters import make_filters

        return make_filters(self, since, until, topic, event_kinds, roles)

    @bulk
    def network(
        self, kind: str = "actors", filters: Filters | None = None, *, via_people: bool = False
    ) -> nx.Graph[str]:
        """A networkx projection: persons, organizations, actors, bipartite or topics."""
        from kommgraph.network.collaboration import Filters as _Filters
        from kommgraph.network.projection import project

        edges = None
        if kind in ("persons", "organizations", "actors"):
            edges = self._edges(filters, via_people and kind != "persons")
        return project(self.evidence, kind, filters or _Filters(), edges=edges)

    @bulk
    def _edges(
        self, filters: Filters | None, via_people: bool
    ) -> dict[tuple[str, str], Collaboration]:
        """All collaboration edges under these filters, computed once."""
        from kommgraph.network.collaboration import Filters as _Filters
        from kommgraph.network.collaboration import collaborations
        from kommgraph.progress import bar

        key = (filters or _Filters(), via_people)
        if key not in self._edge_cache:
            evidence = self.evidence
            with bar("Pairing collaborators by event tree", 1.0) as advance:
                edges = collaborations(evidence, key[0], via_people=via_people, progress=advance)
            self._edge_cache[key] = edges
        return self._edge_cache[key]

    @bulk
    def _edges_by_actor(
        self, key: tuple[Filters, bool]
    ) -> tuple[dict[tuple[str, str], Collaboration], dict[str, list[tuple[str, str]]]]:
        """The edges and an index of them by actor (built when `collab` first needs it)."""
        edges = self._edges(*key)
        if key not in self._by_actor:
            by_actor: dict[str, list[tuple[str, str]]] = {}
            for pair in edges:
                by_actor.setdefault(pair[0], []).append(pair)
                by_actor.setdefault(pair[1], []).append(pair)
            self._by_actor[key] = by_actor
        return edges, self._by_actor[key]

    def _evidence_of(self, actor: str) -> Evidence:
        """The evidence one actor's collaborations need: all of it if fetched already."""
        from kommgraph.network.collaboration import Evidence

        if "evidence" in self.__dict__:
            return self.evidence
        return Evidence(self.backend, self.schema, actor=actor)

    def collaborators(
        self, actor: str, filters: Filters | None = None, *, via_people: bool = False
    ) -> tuple[Entity, list[Collaborator]]:
        """The actor's collaborators, strongest first, each with the shared events and quotes."""
        from kommgraph.network.collaboration import Filters as _Filters
        from kommgraph.network.collaboration import collaborations

        me = self.actor(actor)
        cached = (filters or _Filters(), via_people)
        if cached in self._edge_cache or via_people:
            edges, by_actor = self._edges_by_actor(cached)
            keys, evidence = by_actor.get(me.iri, []), self.evidence
        else:  # one actor: fetch and pair only the event trees it took part in
            evidence = self._evidence_of(me.iri)
            edges = collaborations(evidence, filters or _Filters(), only=me.iri)
            keys = list(edges)
        found = []
        for key in keys:
            edge = edges[key]
            other = edge.other(me.iri)
            info = evidence.agents.get(other)
            entity = Entity(other, info.label if info else other, info.kind if info else "")
            found.append(Collaborator(entity, edge))
        found.sort(key=lambda c: (-c.weight, c.entity.label.casefold(), c.entity.iri))
        return me, found

    def path(
        self,
        a: str,
        b: str,
        filters: Filters | None = None,
        *,
        network: str = "actors",
        via_people: bool = False,
        limit: int = 5,
    ) -> tuple[Entity, Entity, list[list[Hop]]]:
        """The shortest collaboration chains between two actors, with evidence per hop."""
        from kommgraph.network.analysis import paths

        first, second = self.actor(a), self.actor(b)
        if first.iri == second.iri:
            raise KommgraphError(f"{a!r} and {b!r} are the same actor ({first.label}); give two")
        graph = self.network(network, filters, via_people=via_people)
        return first, second, paths(graph, first.iri, second.iri, limit)

    def centrality(
        self,
        network: str = "actors",
        metric: str = "weighted_degree",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
    ) -> CentralityResult:
        """Degree, weighted degree, betweenness, closeness, eigenvector, PageRank."""
        from kommgraph.network.analysis import centrality

        return centrality(self.network(network, filters, via_people=via_people), metric)

    def communities(
        self,
        network: str = "actors",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
        method: str = "leiden",
        seed: int = 42,
        resolution: float = 1.0,
    ) -> CommunityResult:
        """Communities (Leiden or Louvain) with modularity, central members, topics, bridges."""
        from kommgraph.network.analysis import communities

        graph = self.network(network, filters, via_people=via_people)
        return communities(graph, self.evidence, method=method, seed=seed, resolution=resolution)
