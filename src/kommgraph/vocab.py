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

# What a node is, in one vocabulary: the words of the legend, used alike by the graph
# attribute `kind`, the page, the figures, the exports and the tables. `Group` is the family.
Kind = Literal[
    "Person",
    "Municipality",
    "County",
    "State government",
    "Ministry",
    "Federal authority",
    "Public IT provider",
    "Company",
    "Association",
    "Network",
    "Working group",
    "University",
    "Research institute",
    "Other organization",
    "Event",
    "Topic",
]
Group = Literal["person", "organization", "event", "topic"]

# how an answer is printed (kommgraph.views.present)
TableFormat = Literal["table", "csv", "json", "md"]

# what `export` writes: a projection, or the RDF itself
GraphFormat = Literal["graphml", "gexf", "csv"]
RdfFormat = Literal["turtle", "jsonld"]
ExportFormat = Literal["graphml", "gexf", "csv", "turtle", "jsonld"]

FigureFormat = Literal["png", "svg"]
ColorBy = Literal["kind", "community"]

# SHACL engines (kommgraph.check.shacl)
ShaclEngine = Literal["shacl", "pyshacl"]

# languages of messages, pages, figures and the site (kommgraph.views.i18n);
# German first, the default
Lang = Literal["de", "en"]

NETWORKS: tuple[Network, ...] = get_args(Network)
AGENT_NETWORKS: tuple[AgentNetwork, ...] = get_args(AgentNetwork)
METRICS: tuple[Metric, ...] = get_args(Metric)
COMMUNITY_METHODS: tuple[CommunityMethod, ...] = get_args(CommunityMethod)
KINDS: tuple[Kind, ...] = get_args(Kind)
GROUPS: tuple[Group, ...] = get_args(Group)
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


def is_graph_format(fmt: str) -> TypeGuard[GraphFormat]:
    """Whether an export format writes a projection (a network) rather than the RDF."""
    return fmt in GRAPH_FORMATS


def is_rdf_format(fmt: str) -> TypeGuard[RdfFormat]:
    """Whether an export format writes the RDF itself rather than a projection."""
    return fmt in RDF_FORMATS
