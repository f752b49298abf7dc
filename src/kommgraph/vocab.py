"""The closed vocabularies of kommgraph, written once.

Each is a `Literal` type, for the signatures of the API and for mypy, plus the
tuple of its values, for click choices, checks and documentation. Every other
module takes its lists from here, so a new network or format is added in one
place.
"""

from __future__ import annotations

from typing import Literal, TypeGuard, get_args

# projections of the collaboration model (kommgraph.network.projection)
Network = Literal["persons", "organizations", "actors", "bipartite", "topics"]
AgentNetwork = Literal["persons", "organizations", "actors"]

# centrality measures (kommgraph.network.measures)
Metric = Literal["degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank"]

CommunityMethod = Literal["leiden", "louvain"]

# how an answer is printed (kommgraph.views.present)
TableFormat = Literal["table", "csv", "json", "md"]

# what `export` writes: a projection, or the RDF itself
GraphFormat = Literal["graphml", "gexf", "csv"]
RdfFormat = Literal["turtle", "jsonld"]
ExportFormat = Literal["graphml", "gexf", "csv", "turtle", "jsonld"]

FigureFormat = Literal["png", "svg"]
ColorBy = Literal["kind", "community"]

# languages of the page and figures (kommgraph.views.i18n): German first, the default
Lang = Literal["de", "en"]

# SHACL engines (kommgraph.check.shacl)
ShaclEngine = Literal["sparql", "pyshacl"]

NETWORKS: tuple[Network, ...] = get_args(Network)
AGENT_NETWORKS: tuple[AgentNetwork, ...] = get_args(AgentNetwork)
METRICS: tuple[Metric, ...] = get_args(Metric)
COMMUNITY_METHODS: tuple[CommunityMethod, ...] = get_args(CommunityMethod)
TABLE_FORMATS: tuple[TableFormat, ...] = get_args(TableFormat)
GRAPH_FORMATS: tuple[GraphFormat, ...] = get_args(GraphFormat)
RDF_FORMATS: tuple[RdfFormat, ...] = get_args(RdfFormat)
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
FIGURE_FORMATS: tuple[FigureFormat, ...] = get_args(FigureFormat)
COLOR_BY: tuple[ColorBy, ...] = get_args(ColorBy)
LANGS: tuple[Lang, ...] = get_args(Lang)
SHACL_ENGINES: tuple[ShaclEngine, ...] = get_args(ShaclEngine)


def is_agent_network(network: str) -> TypeGuard[AgentNetwork]:
    """Whether a projection links agents to agents (and so carries collaboration edges)."""
    return network in AGENT_NETWORKS


def is_rdf_format(fmt: str) -> TypeGuard[RdfFormat]:
    """Whether an export format writes the RDF itself rather than a projection."""
    return fmt in RDF_FORMATS
