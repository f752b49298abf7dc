"""The collaboration model of one graph: its evidence, its edges, and what is measured on them.

`KommGraph` (the API) owns one. Everything here is computed once and kept: the
schema and the evidence (from the rows of `kommgraph.network.rows`: the
index's tables or SPARQL), the edges per filters (`EdgeCache`), and, through a
persistent index, the measures and communities of earlier commands
(`kommgraph.network.results`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from kommgraph.bulk import bulk
from kommgraph.network.collaboration import Collaboration
from kommgraph.network.edges import EdgeCache, EdgeKey
from kommgraph.network.evidence import Evidence
from kommgraph.network.filters import NO_FILTERS, Filters
from kommgraph.network.indexed import rows_for
from kommgraph.network.schema import Schema
from kommgraph.rdf.index import Index
from kommgraph.rdf.sparql import Backend
from kommgraph.vocab import AgentNetwork, CommunityMethod, Metric, Network, is_agent_network

if TYPE_CHECKING:
    import networkx as nx

    from kommgraph.network.centrality import CentralityResult
    from kommgraph.network.communities import CommunityResult


class CollaborationModel:
    """Evidence, edges and measures of one graph, each computed once."""

    def __init__(self, backend: Backend, index: Index | None = None) -> None:
        self.index = index
        self.rows = rows_for(backend, index)
        self.edges = EdgeCache(
            lambda: self.evidence, lambda: "evidence" in self.__dict__, self.evidence_of
        )

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
        """Only the event trees the actor took part in, and the relations naming it."""
        return Evidence(self.rows, self.schema, actor=actor)

    def of_actor(
        self, actor: str, filters: Filters | None, via_people: bool
    ) -> tuple[Mapping[tuple[str, str], Collaboration], list[tuple[str, str]], Evidence]:
        """One actor's edges, their keys and the evidence they come from."""
        key: EdgeKey = (filters or NO_FILTERS, via_people)
        return self.edges.of_actor(actor, key)

    def collaborations(
        self, kind: Network, filters: Filters | None, via_people: bool
    ) -> Mapping[tuple[str, str], Collaboration]:
        """The edges behind `network(kind, ...)`; none for bipartite and topic networks."""
        if not is_agent_network(kind):
            return {}
        return self.edges.all((filters or NO_FILTERS, via_people and kind != "persons"))

    @bulk
    def network(self, kind: Network, filters: Filters | None, via_people: bool) -> nx.Graph[str]:
        """A networkx projection with plain attributes."""
        from kommgraph.network.projection import project

        edges = self.collaborations(kind, filters, via_people) if is_agent_network(kind) else None
        return project(self.evidence, kind, filters or NO_FILTERS, edges=edges)

    def measured(
        self, network: Network, filters: Filters, via_people: bool, metric: Metric
    ) -> CentralityResult:
        """Every node's measures, once per index, shared by centrality, viz and export."""
        from kommgraph.network.results import cached_centrality
        from kommgraph.progress import bar

        with bar("Measuring centrality", 1.0) as advance:
            return cached_centrality(
                self.index,
                lambda: self.network(network, filters, via_people),
                network,
                filters,
                via_people,
                metric,
                advance,
            )

    def scores(
        self, network: Network, filters: Filters | None, via_people: bool
    ) -> dict[str, dict[str, float]]:
        """Every node's measures by IRI."""
        found = self.measured(network, filters or NO_FILTERS, via_people, "weighted_degree")
        return {r.iri: r.scores for r in found.rows}

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
