"""The collaboration model of one graph: its evidence, its edges, and what is measured on them.

`KommGraph` (the API) owns one. Everything here is computed once and kept: the
schema and the evidence (from the rows of `kommgraph.network.rows`: the
index's tables or SPARQL), the edges per filters (`EdgeCache`), and, through a
persistent index, the measures and communities of earlier commands
(`kommgraph.network.results`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kommgraph.bulk import bulk
from kommgraph.network.actor_edges import ActorEdges, ranked
from kommgraph.network.collaboration import Collaboration
from kommgraph.network.edges import EdgeCache, EdgeKey, collaborations
from kommgraph.network.evidence import AgentInfo, Evidence
from kommgraph.network.filters import NO_FILTERS, Filters
from kommgraph.network.indexed import TABLES, rows_for
from kommgraph.network.lazy_edges import LazyEdges
from kommgraph.network.schema import Schema
from kommgraph.vocab import AgentNetwork, CommunityMethod, Metric, Network, is_agent_network

if TYPE_CHECKING:
    import networkx as nx

    from kommgraph.network.answers import PathAnswer
    from kommgraph.network.centrality import CentralityResult
    from kommgraph.network.communities import CommunityResult
    from kommgraph.network.graph_tables import ExportRow, NodeRow, TableNetwork
    from kommgraph.network.paths import Walkable
    from kommgraph.rdf.index import Index
    from kommgraph.rdf.names import Entity
    from kommgraph.rdf.sparql import Backend

Agents = Mapping[str, AgentInfo]
T = TypeVar("T")


class CollaborationModel:
    """Evidence, edges and measures of one graph, each computed once."""

    def __init__(self, backend: Backend, index: Index | None = None) -> None:
        self.index = index
        self.rows = rows_for(backend, index)
        self.edges = EdgeCache(
            lambda: self.evidence, lambda: "evidence" in self.__dict__, self.evidence_of
        )
        self._graph_tables: bool | None = None
        self._lazy: LazyEdges | None = None
        self._graphs: dict[str, tuple[nx.Graph[str], list[tuple[str, str, float, int]]]] = {}
        self._walkables: dict[str, TableNetwork] = {}

    @cached_property
    def schema(self) -> Schema:
        """Classes, roles and topics: what filters are checked against."""
        return Schema(self.rows)

    @cached_property
    def evidence(self) -> Evidence:
        """The evidence of the whole graph."""
        from kommgraph.progress import step

        with step(f"Reading collaboration evidence from the {self.rows.describe()} …"):
            return Evidence(self.rows, self.schema)

    def evidence_of(self, actor: str) -> Evidence:
        """Only the event trees the actor is active in, and the relations naming it."""
        return Evidence(self.rows, self.schema, actor=actor)

    def of_actor(
        self, actor: str, filters: Filters | None, via_people: bool
    ) -> tuple[Mapping[tuple[str, str], Collaboration], list[tuple[str, str]], Agents]:
        """One actor's edges, their keys in the answer's order, and who the agents are.

        Unfiltered and with an index, from its tables (`ActorEdges`: weights at once,
        evidence when read), unless all edges are computed already.
        """
        key: EdgeKey = (filters or NO_FILTERS, via_people)
        tables = self._kept("actors", filters, via_people)
        if tables is None or via_people or key in self.edges:
            edges, keys, evidence = self.edges.of_actor(actor, key)
            weighed = ((a, b, edges[(a, b)].weight) for a, b in keys)
            return edges, ranked(actor, weighed, evidence.agents), evidence.agents
        table = self._walkable(tables, "actors")
        rows, agents = table.edges_of(actor)
        order = ranked(actor, rows, agents)

        def pairing(
            chosen: list[tuple[str, str]] | None, events: list[str] | None
        ) -> Mapping[tuple[str, str], Collaboration]:
            if chosen is None or events is None:
                scoped = Evidence(self.rows, self.schema, actor=actor)
            else:  # the chosen edges' actors, in the trees of the edges' events
                among = frozenset(x for pair in chosen for x in pair)
                trees = self.rows.tops(events)
                scoped = Evidence(self.rows, self.schema, actor=actor, among=among, trees=trees)
            return collaborations(scoped, NO_FILTERS, only=actor)

        return ActorEdges(actor, rows, order, pairing, table.event_ids), order, agents

    def _kept(self, kind: Network, filters: Filters | None, via_people: bool) -> Path | None:
        """The index's tables of the unfiltered networks, when they answer this question."""
        tables = self.index.extra(TABLES) if self.index is not None else None
        plain = (filters or NO_FILTERS) == NO_FILTERS and not (via_people and kind != "persons")
        if tables is None or not plain or not is_agent_network(kind):
            return None
        if self._graph_tables is None:
            from kommgraph.network.graph_tables import has_graph_tables

            self._graph_tables = has_graph_tables(tables)
        return tables if self._graph_tables else None

    def _table_graph(
        self, tables: Path, kind: AgentNetwork
    ) -> tuple[nx.Graph[str], list[tuple[str, str, float, int]]]:
        """An unfiltered network from the tables, read once per kind."""
        if kind not in self._graphs:
            from kommgraph.network.graph_tables import read_graph

            self._graphs[kind] = read_graph(tables, kind)
        return self._graphs[kind]

    def collaborations(
        self, kind: Network, filters: Filters | None, via_people: bool
    ) -> Mapping[tuple[str, str], Collaboration]:
        """The edges behind `network(kind, ...)`; none for bipartite and topic networks.

        From an index, the unfiltered edges come from its tables with their weights,
        and spell out their evidence when it is read (`LazyEdges`).
        """
        if not is_agent_network(kind):
            return {}
        key: EdgeKey = (filters or NO_FILTERS, via_people and kind != "persons")
        tables = self._kept(kind, filters, via_people)
        if tables is not None and key not in self.edges:
            if self._lazy is None:
                self._lazy = LazyEdges(self._walkable(tables, "actors"), self.edges)
            return self._lazy
        return self.edges.all(key)

    def table_rows(
        self, kind: Network, filters: Filters | None, via_people: bool
    ) -> tuple[list[NodeRow], list[ExportRow]] | None:
        """The network as the index's rows (nodes, edges with their events' IRIs), when an
        index answers it: an export then writes them without building a graph."""
        tables = self._kept(kind, filters, via_people)
        if tables is None or not is_agent_network(kind):
            return None
        from kommgraph.network.graph_tables import read_rows

        return read_rows(tables, kind)

    def pairs(
        self, kind: AgentNetwork, filters: Filters | None, via_people: bool
    ) -> list[ExportRow]:
        """Every edge as (a, b, weight, events, event IRIs): from the index's table when it
        answers, else from the collaborations (the same rows either way; tested)."""
        tables = self._kept(kind, filters, via_people)
        if tables is not None:
            from kommgraph.network.graph_tables import read_pairs

            return read_pairs(tables, kind)
        graph = self.network(kind, filters, via_people)
        edges = self.collaborations(kind, filters, via_people)
        return [
            (a, b, e.weight, e.count, " ".join(e.event_iris()))
            for (a, b), e in edges.items()
            if a in graph and b in graph
        ]

    def _walkable(self, tables: Path, kind: AgentNetwork) -> TableNetwork:
        if kind not in self._walkables:
            from kommgraph.network.graph_tables import TableNetwork

            self._walkables[kind] = TableNetwork(tables, kind)
        return self._walkables[kind]

    def walkable(self, kind: AgentNetwork, filters: Filters | None, via_people: bool) -> Walkable:
        """The network to search from one or two actors: read as it is walked from an
        index's tables (no network built), else the projection."""
        tables = self._kept(kind, filters, via_people)
        if tables is not None and "actors" not in self._graphs:
            return self._walkable(tables, kind)
        return self.network(kind, filters, via_people)

    def drawable(
        self, kind: Network, filters: Filters | None, via_people: bool, *, whole: bool
    ) -> nx.Graph[str] | TableNetwork:
        """The network to draw: the `whole` of an unfiltered one from an index is read from
        its tables (its N most central nodes, by the measures kept), else the projection."""
        tables = self._kept(kind, filters, via_people)
        if whole and tables is not None and is_agent_network(kind) and kind not in self._graphs:
            return self._walkable(tables, kind)
        return self.network(kind, filters, via_people)

    @bulk
    def network(self, kind: Network, filters: Filters | None, via_people: bool) -> nx.Graph[str]:
        """A networkx projection with plain attributes (unfiltered ones from an index's tables)."""
        from kommgraph.network.projection import project

        tables = self._kept(kind, filters, via_people)
        if tables is not None and is_agent_network(kind):
            return self._table_graph(tables, kind)[0]
        edges = self.collaborations(kind, filters, via_people) if is_agent_network(kind) else None
        return project(self.evidence, kind, filters or NO_FILTERS, edges=edges)

    def measured(
        self, network: Network, filters: Filters, via_people: bool, metric: Metric
    ) -> CentralityResult:
        """Every node's measures, once per index, shared by centrality, viz and export."""
        from kommgraph.network.results import cached_centrality

        return self._measuring(
            partial(cached_centrality, metric=metric), network, filters, via_people
        )

    def _measuring(
        self, measure: Callable[..., T], network: Network, filters: Filters, via_people: bool
    ) -> T:
        """`measure(index, graph, network, filters, via_people, progress=...)` under the one
        progress bar of measuring (the network is built only when nothing is kept)."""
        from kommgraph.progress import bar

        with bar("Measuring centrality", 1.0) as advance:
            graph = partial(self.network, network, filters, via_people)
            return measure(self.index, graph, network, filters, via_people, progress=advance)

    def path(
        self,
        first: Entity,
        second: Entity,
        network: AgentNetwork,
        filters: Filters | None,
        via_people: bool,
        limit: int,
    ) -> PathAnswer:
        """The shortest collaboration chains between two actors, with evidence per hop."""
        from kommgraph.network.answers import PathAnswer
        from kommgraph.network.paths import paths

        graph = self.walkable(network, filters, via_people)
        edges = self.collaborations(network, filters, via_people)
        chains = paths(graph, first.iri, second.iri, edges, limit)
        chosen = filters or NO_FILTERS
        return PathAnswer(first, second, tuple(tuple(c) for c in chains), network, chosen)

    def explain_among(
        self,
        kind: Network,
        filters: Filters | None,
        via_people: bool,
        agents: frozenset[str],
        evidence: Evidence | None = None,
    ) -> None:
        """Prepare the evidence of the edges between these agents (what a page shows), from
        `evidence` that holds theirs (default: the whole graph's)."""
        edges = self.collaborations(kind, filters, via_people)
        if isinstance(edges, LazyEdges):
            edges.explain_among(agents, evidence or self.evidence)

    def evidence_among(self, agents: frozenset[str]) -> Evidence:
        """The evidence of these agents only: the trees any of them is active in, their
        participations, and whom they are affiliated with (what a page of them shows)."""
        return Evidence(self.rows, self.schema, among=agents)

    def scores(
        self, network: Network, filters: Filters | None, via_people: bool
    ) -> dict[str, dict[str, float]]:
        """Every node's measures by IRI."""
        from kommgraph.network.results import cached_scores

        return self._measuring(cached_scores, network, filters or NO_FILTERS, via_people)

    def ranking(
        self,
        network: Network,
        filters: Filters | None,
        via_people: bool,
        metric: Metric,
        labels: Callable[[], Mapping[str, str]],
    ) -> list[tuple[str, float]]:
        """The nodes most central by `metric` first (ties by label), with their scores: kept
        with the index once computed."""
        from kommgraph.network.results import cached_ranking

        chosen = filters or NO_FILTERS
        return cached_ranking(
            self.index,
            lambda: self.scores(network, chosen, via_people),
            labels,
            network,
            chosen,
            via_people,
            metric,
        )

    def communities(
        self,
        network: AgentNetwork,
        filters: Filters,
        via_people: bool,
        method: CommunityMethod,
        seed: int,
        resolution: float,
    ) -> CommunityResult:
        """The communities, once per index and method."""
        from kommgraph.network.results import cached_communities

        graph: Callable[[], nx.Graph[str]] = lambda: self.network(network, filters, via_people)  # noqa: E731
        return cached_communities(
            self.index,
            graph,
            lambda: self.evidence,
            network,
            filters,
            via_people,
            method,
            seed,
            resolution,
        )
