"""`KommGraph`: the one door that the command line, notebooks and the site all use.

It holds a backend (the embedded store or a SPARQL endpoint) and offers every
question as a method returning a typed answer (`Collaborators`, `PathAnswer`,
`CentralityResult`, `CommunityResult`, `Stats`, `Validation`, query results),
which `kommgraph.views.present` prints in any format. It owns the caching:
the evidence is fetched once, and the edges once per filters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from kommgraph.bulk import bulk
from kommgraph.errors import ActorNotInNetworkError, KommgraphError, SameActorError
from kommgraph.network.answers import Collaborator, Collaborators, PathAnswer
from kommgraph.network.edges import EdgeCache
from kommgraph.network.filters import NO_FILTERS, Filters, parse_filters
from kommgraph.rdf import queries as query_registry
from kommgraph.rdf.loading import load
from kommgraph.rdf.names import Entity, NameIndex
from kommgraph.rdf.namespaces import KG
from kommgraph.rdf.params import bind
from kommgraph.rdf.sparql import Backend, LocalBackend, QueryResult
from kommgraph.rdf.stats import Stats, compute
from kommgraph.rdf.store import GraphStore
from kommgraph.vocab import (
    AgentNetwork,
    ColorBy,
    CommunityMethod,
    Lang,
    Metric,
    Network,
    ShaclEngine,
    is_agent_network,
)

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

    from kommgraph.check.report import Validation
    from kommgraph.network.centrality import CentralityResult
    from kommgraph.network.collaboration import Collaboration
    from kommgraph.network.communities import CommunityResult
    from kommgraph.network.evidence import Evidence
    from kommgraph.network.schema import Schema
    from kommgraph.rdf.push import PushReport
    from kommgraph.rdf.queries import QueryCatalogue
    from kommgraph.views.view import View


class KommGraph:
    """A loaded or connected kommgraph."""

    def __init__(self, backend: Backend, graph: GraphStore | None = None) -> None:
        self.backend = backend
        self.graph = graph
        self._edge_cache = EdgeCache()

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

    @staticmethod
    def check(
        paths: Sequence[Path | str] | None = None,
        *,
        sources: Path | None = None,
        shacl_engine: ShaclEngine = "sparql",
        allow_warnings: bool = False,
        progress: Callable[[float], None] | None = None,
    ) -> Validation:
        """Parse every file (all parse errors at once), then SHACL, lint and the quote check.

        `progress` is called with shares of the checks done, adding up to 1.
        """
        from kommgraph.check.report import Validation
        from kommgraph.check.validate import validate
        from kommgraph.rdf.store import load_all

        graph, errors = load_all([Path(p) for p in paths] if paths else None)
        if errors:
            return Validation(tuple(errors), None, len(graph.files), len(graph))
        report = validate(graph, sources=sources, shacl_engine=shacl_engine, progress=progress)
        return Validation((), report, len(graph.files), len(graph), allow_warnings)

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

    @staticmethod
    def queries() -> QueryCatalogue:
        """The named queries with their parameters."""
        return query_registry.QueryCatalogue(tuple(query_registry.registry().values()))

    def query(self, name_or_file: str, params: Mapping[str, str] | None = None) -> QueryResult:
        """Run a named query (or a .rq file) with parameters bound as RDF terms."""
        named = query_registry.resolve(name_or_file)
        bindings = bind(named, params or {}, self._resolve)
        return self.backend.query(named.text, bindings)

    def sparql(self, text: str, bindings: Mapping[str, URIRef] | None = None) -> QueryResult:
        """Run SPARQL text as it is, with optional bindings."""
        return self.backend.query(text, bindings)

    # the data itself -------------------------------------------------------

    def stats(self) -> Stats:
        """Counts per class, roles, sources and date range."""
        return compute(self.backend)

    def rdf(self) -> Graph:
        """Everything as an rdflib graph: the loaded files, or what the endpoint holds."""
        if self.graph is not None:
            return self.graph.to_rdflib()
        from kommgraph.rdf.sparql import GraphResult

        result = self.sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert isinstance(result, GraphResult)
        return result.graph

    def push(
        self,
        endpoint: str,
        *,
        named_graph: str | None = None,
        timeout: float = 60.0,
        update_endpoint: str | None = None,
        store_endpoint: str | None = None,
    ) -> PushReport:
        """Load the embedded graph into a SPARQL server, replacing what was pushed before."""
        from kommgraph.rdf.push import push

        if self.graph is None:
            raise KommgraphError("push sends the loaded files; this graph is an endpoint")
        return push(
            self.graph,
            endpoint,
            named_graph=named_graph,
            timeout=timeout,
            update_endpoint=update_endpoint,
            store_endpoint=store_endpoint,
        )

    # collaboration ---------------------------------------------------------

    @cached_property
    def schema(self) -> Schema:
        """Classes, roles and topics: what filters are checked against."""
        from kommgraph.network.schema import Schema

        return Schema(self.backend)

    @cached_property
    def evidence(self) -> Evidence:
        """The collaboration evidence, fetched once by SPARQL."""
        from kommgraph.network.evidence import Evidence
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
        return parse_filters(self.schema, self.topic, since, until, topic, event_kinds, roles)

    @bulk
    def network(
        self,
        kind: Network = "actors",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
    ) -> nx.Graph[str]:
        """A networkx projection: persons, organizations, actors, bipartite or topics."""
        from kommgraph.network.projection import project

        edges = None
        if is_agent_network(kind):
            edges = self._edges(filters, via_people and kind != "persons")
        return project(self.evidence, kind, filters or NO_FILTERS, edges=edges)

    def _edges(
        self, filters: Filters | None, via_people: bool
    ) -> dict[tuple[str, str], Collaboration]:
        """All collaboration edges under these filters, computed once."""
        from kommgraph.progress import bar

        key = (filters or NO_FILTERS, via_people)
        if key in self._edge_cache:
            return self._edge_cache.edges(self.evidence, key)
        evidence = self.evidence
        with bar("Pairing collaborators by event tree", 1.0) as advance:
            return self._edge_cache.edges(evidence, key, advance)

    def _evidence_of(self, actor: str) -> Evidence:
        """The evidence one actor's collaborations need: all of it if fetched already."""
        from kommgraph.network.evidence import Evidence

        if "evidence" in self.__dict__:
            return self.evidence
        return Evidence(self.backend, self.schema, actor=actor)

    def collaborators(
        self, actor: str, filters: Filters | None = None, *, via_people: bool = False
    ) -> Collaborators:
        """The actor's collaborators, strongest first, each with the shared events and quotes."""
        from kommgraph.network.edges import collaborations

        me = self.actor(actor)
        key = (filters or NO_FILTERS, via_people)
        if key in self._edge_cache or via_people:
            edges = self._edges(*key)
            evidence = self.evidence
            keys = self._edge_cache.by_actor(evidence, key).get(me.iri, [])
        else:  # one actor: fetch and pair only the event trees it took part in
            evidence = self._evidence_of(me.iri)
            edges = collaborations(evidence, key[0], only=me.iri)
            keys = list(edges)
        found = []
        for pair in keys:
            edge = edges[pair]
            other = edge.other(me.iri)
            info = evidence.agents.get(other)
            entity = Entity(other, info.label if info else other, info.kind if info else "")
            found.append(Collaborator(entity, edge))
        found.sort(key=lambda c: (-c.weight, c.entity.label.casefold(), c.entity.iri))
        return Collaborators(me, key[0], tuple(found), via_people)

    def path(
        self,
        a: str,
        b: str,
        filters: Filters | None = None,
        *,
        network: AgentNetwork = "actors",
        via_people: bool = False,
        limit: int = 5,
    ) -> PathAnswer:
        """The shortest collaboration chains between two actors, with evidence per hop."""
        from kommgraph.network.paths import paths

        first, second = self.actor(a), self.actor(b)
        if first.iri == second.iri:
            raise SameActorError(a, b, first.label)
        graph = self.network(network, filters, via_people=via_people)
        chains = paths(graph, first.iri, second.iri, limit)
        return PathAnswer(
            first, second, tuple(tuple(c) for c in chains), network, filters or NO_FILTERS
        )

    def centrality(
        self,
        network: AgentNetwork = "actors",
        metric: Metric = "weighted_degree",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
        top: int = 0,
    ) -> CentralityResult:
        """Degree, weighted degree, betweenness, closeness, eigenvector, PageRank.

        `top` keeps that many rows for presenting (0: all); every row is measured.
        """
        from kommgraph.network.centrality import centrality

        result = centrality(self.network(network, filters, via_people=via_people), metric)
        return replace(result, network=network, filters=filters or NO_FILTERS, top=top)

    def communities(
        self,
        network: AgentNetwork = "actors",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
        method: CommunityMethod = "leiden",
        seed: int = 42,
        resolution: float = 1.0,
    ) -> CommunityResult:
        """Communities (Leiden or Louvain) with modularity, central members, topics, bridges."""
        from kommgraph.network.communities import communities

        chosen = filters or NO_FILTERS
        graph = self.network(network, chosen, via_people=via_people)
        found = communities(
            graph, self.evidence, chosen, method=method, seed=seed, resolution=resolution
        )
        return replace(found, network=network, filters=chosen)

    def view(
        self,
        network: Network = "actors",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
        ego: str | None = None,
        depth: int = 1,
        size_by: Metric = "weighted_degree",
        color_by: ColorBy = "kind",
        max_nodes: int = 300,
        title: str | None = None,
        seed: int = 42,
        cut_hint: str = "",
        lang: Lang = "de",
    ) -> View:
        """What a drawing of the network shows (`ego`: an actor's neighbourhood only).

        Its texts (description, legend, tooltips) are in `lang`.
        """
        from kommgraph.views.view import make_view

        chosen = filters or NO_FILTERS
        graph = self.network(network, chosen, via_people=via_people)
        center = None
        if ego is not None:
            actor = self.actor(ego)
            if actor.iri not in graph:
                raise ActorNotInNetworkError(actor.label, network, chosen.describe())
            center = actor.iri
        return make_view(
            graph,
            self.evidence,
            chosen,
            network=network,
            ego=center,
            depth=depth,
            size_by=size_by,
            color_by=color_by,
            max_nodes=max_nodes,
            title=title,
            seed=seed,
            via_people=via_people,
            cut_hint=cut_hint,
            lang=lang,
        )
