"""What a network drawing shows: one `View` of a projection, cut, measured and styled.

A `View` is what is drawn: the (ego, cut) graph, each node's style and size,
the legend and a description. The HTML page (`kommgraph.views.page`) and the
static figures (`kommgraph.views.figures`) both draw a `View`, so they show the
same nodes in the same colours.

Palette: colour by kind family (Okabe & Ito's colour-blind safe colours), shape by kind
within the family, so that no two kinds share both colour and shape:

    person                   #0072B2 blue        dot
    municipality, county,    #D55E00 vermillion  square, triangleDown, hexagon,
    state government,                            diamond, star
    ministry, federal auth.
    public IT provider       #E69F00 orange      diamond
    company                  #CC79A7 purple      triangle
    association, network,    #009E73 green       hexagon, star, triangle
    working group
    university, research     #56B4E9 sky blue    square, diamond
    other organization       #999999 grey        hexagon
    event                    #F0E442 yellow      square
    topic                    #000000 black       star

`color_by="community"` colours (Leiden) communities (Paul Tol's "muted" palette, grey after
the ninth) and keeps the shapes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

import networkx as nx

from kommgraph.bulk import bulk
from kommgraph.errors import ActorNotInNetworkError
from kommgraph.network.collaboration import Collaboration
from kommgraph.network.communities import communities
from kommgraph.network.evidence import Evidence
from kommgraph.network.filters import Filters
from kommgraph.network.graph_tables import TableNetwork
from kommgraph.views.i18n import DEFAULT_LANG, N_, Translate, gettext_for
from kommgraph.views.ranking import ranked_by, ranked_known
from kommgraph.vocab import METRICS, ColorBy, Lang, Metric, Network

if TYPE_CHECKING:
    from kommgraph.network.model import CollaborationModel
    from kommgraph.rdf.index import Index
    from kommgraph.rdf.names import Entity

DEFAULT_MAX_NODES = 300


@dataclass(frozen=True)
class Style:
    label: str  # English; `kind_label` gives it in the page's language
    color: str
    shape: str  # a vis-network shape; the static figures draw the same shapes


# keyed by the node attribute `kind`: every kommgraph.vocab.KINDS, the legend's words
KIND_STYLES: dict[str, Style] = {
    "Person": Style(N_("Person"), "#0072B2", "dot"),
    "Municipality": Style(N_("Municipality"), "#D55E00", "square"),
    "County": Style(N_("County"), "#D55E00", "triangleDown"),
    "State government": Style(N_("State government"), "#D55E00", "hexagon"),
    "Ministry": Style(N_("Ministry"), "#D55E00", "diamond"),
    "Federal authority": Style(N_("Federal authority"), "#D55E00", "star"),
    "Public IT provider": Style(N_("Public IT provider"), "#E69F00", "diamond"),
    "Company": Style(N_("Company"), "#CC79A7", "triangle"),
    "Association": Style(N_("Association"), "#009E73", "hexagon"),
    "Network": Style(N_("Network"), "#009E73", "star"),
    "Working group": Style(N_("Working group"), "#009E73", "triangle"),
    "University": Style(N_("University"), "#56B4E9", "square"),
    "Research institute": Style(N_("Research institute"), "#56B4E9", "diamond"),
    "Other organization": Style(N_("Other organization"), "#999999", "hexagon"),
    "Event": Style(N_("Event"), "#F0E442", "square"),
    "Topic": Style(N_("Topic"), "#000000", "star"),
}
MUTED = "#CC6677 #332288 #DDCC77 #117733 #88CCEE #882255 #44AA99 #999933 #AA4499"  # Paul Tol
COMMUNITY_COLORS = tuple(MUTED.split())
OTHER_COMMUNITY = "#DDDDDD"
NETWORK_TEXT = {
    "persons": N_("persons linked by active roles at the same events"),
    "organizations": N_(
        "organizations linked by active roles at the same events and by "
        "relations stated in the sources"
    ),
    "actors": N_("persons and organizations linked by active roles at the same events"),
    "bipartite": N_("actors linked to the events where they held an active role"),
    "topics": N_("actors linked to the topics of the events where they were active"),
}
NETWORK_NAMES = {
    "persons": N_("persons network"),
    "organizations": N_("organizations network"),
    "actors": N_("actors network"),
    "bipartite": N_("bipartite network"),
    "topics": N_("topics network"),
}
METRIC_NAMES = {
    "degree": N_("degree"),
    "weighted_degree": N_("weighted degree"),
    "betweenness": N_("betweenness"),
    "closeness": N_("closeness"),
    "eigenvector": N_("eigenvector"),
    "pagerank": N_("pagerank"),
}
COLOR_BY_NAMES = {"kind": N_("kind"), "community": N_("community")}


def style_of(kind: str) -> Style:
    """The fixed style of a node kind; an unknown kind is a grey dot."""
    return KIND_STYLES.get(kind) or Style(kind, "#999999", "dot")


def size_of(score: float, top: float) -> float:
    """A node's size (8 to 30) from its score and the largest score: area grows with score."""
    return round(8 + 22 * math.sqrt(max(score, 0.0) / (top or 1.0)), 2)


def kind_label(kind: str, _: Translate) -> str:
    """A kind's name as the legend gives it (tooltips and panels use the same words)."""
    return _(KIND_STYLES[kind].label) if kind in KIND_STYLES else kind


def describe_filters(filters: Filters, _: Translate) -> list[str]:
    """The filters in words (`Filters.describe`, translated); empty when none is set."""
    parts = []
    if filters.since:
        parts.append(_("since {date}").format(date=filters.since))
    if filters.until:
        parts.append(_("until {date}").format(date=filters.until))
    if filters.topic:
        topic = filters.topic_label or filters.topic.rsplit("/", 1)[-1]
        parts.append(_("topic {topic}").format(topic=topic))
    if filters.event_kinds:
        kinds = ", ".join(sorted(k.rsplit("#", 1)[-1] for k in filters.event_kinds))
        parts.append(_("events {kinds}").format(kinds=kinds))
    if filters.roles:
        roles = ", ".join(sorted(r.rsplit("#", 1)[-1] for r in filters.roles))
        parts.append(_("roles {roles}").format(roles=roles))
    return parts


def short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class LegendEntry:
    label: str
    color: str
    shape: str


@dataclass
class View:
    """What is drawn: the graph plus per-node style and size, legend and description.

    It keeps the evidence and the filters it was drawn from: the page's
    tooltips and facets are built from the same participations; `edges` holds
    the collaboration behind each agent edge, keyed by (a, b), a < b (the graph
    holds plain values only).
    """

    graph: nx.Graph[str]
    # before the cut: the ego network or the whole projection (or, from an index, the
    # network read from its tables: only looked up, node by node)
    full: nx.Graph[str] | TableNetwork
    network: Network
    title: str
    description: list[str]
    size_by: Metric
    scores: dict[str, float]
    evidence: Evidence
    filters: Filters
    colors: dict[str, str] = field(default_factory=dict)
    shapes: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, float] = field(default_factory=dict)
    widths: dict[frozenset[str], float] = field(default_factory=dict)
    legend: list[LegendEntry] = field(default_factory=list)
    communities: list[LegendEntry] = field(default_factory=list)
    cut: str | None = None
    edges: Mapping[tuple[str, str], Collaboration] = field(default_factory=dict)
    lang: Lang = DEFAULT_LANG
    ego: str | None = None
    filter_parts: list[str] = field(default_factory=list)  # the filters, in words
    legend_heads: tuple[str, str, str] = ("Kinds", "Communities", "Communities and kinds")
    keep: Index | None = None  # where a layout is kept once computed (a persistent index)


def ego_network(graph: nx.Graph[str], center: str, depth: int = 1) -> nx.Graph[str]:
    """The actor and everyone within `depth` hops (a copy, attributes kept)."""
    ego: nx.Graph[str] = nx.ego_graph(graph, center, radius=depth).copy()
    return ego


class ViewOptions(TypedDict, total=False):
    """How a view is drawn, as `KommGraph.view` passes it on (defaults: `make_view`'s)."""

    depth: int
    size_by: Metric
    color_by: ColorBy
    max_nodes: int
    title: str | None
    seed: int
    cut_hint: str
    lang: Lang


@bulk
def make_view(
    graph: nx.Graph[str] | TableNetwork,
    evidence: Evidence | Callable[[frozenset[str]], Evidence],
    filters: Filters,
    *,
    network: Network,
    ego: str | None = None,
    depth: int = 1,
    size_by: Metric = "weighted_degree",
    color_by: ColorBy = "kind",
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str | None = None,
    seed: int = 42,
    via_people: bool = False,
    cut_hint: str = "",
    edges: Mapping[tuple[str, str], Collaboration] | None = None,
    scores: Mapping[str, Mapping[str, float]] | None = None,
    lang: Lang = DEFAULT_LANG,
    ranked: Sequence[tuple[str, float]] | None = None,
) -> View:
    """Select (ego network, the N most central nodes), measure, style and describe.

    `ranked`: of a network read from an index's tables, its nodes most central by
    `size_by` first, as `ranked_known` orders them (kept with the index).
    `evidence` is the evidence or how to read that of the nodes chosen (a page of a
    large network needs theirs only). `cut_hint` is added to the note a cut view
    carries: how to see more, in the
    words of whoever asked for the view (the command line names its options);
    `{total}` in it stands for the number of nodes before the cut. The texts are
    in `lang`.
    """
    if size_by not in METRICS:
        raise ValueError(f"unknown size metric {size_by!r}")
    _ = gettext_for(lang)
    full: nx.Graph[str] | TableNetwork
    if isinstance(graph, TableNetwork):  # an index's network, with its measures known
        if ego is not None or (scores is None and ranked is None):
            raise ValueError("a network read from tables is drawn whole, with known measures")
        full = graph
        if ranked is None:
            assert scores is not None  # checked above
            ranked = ranked_known(graph.labels(), size_by, scores)
        shown = graph.among([v for v, _score in ranked][: max(1, max_nodes)])
    else:
        full = ego_network(graph, ego, depth) if ego is not None else graph
        ranked = ranked_by(full, size_by, scores if ego is None else None)
        keep = [v for v, _score in ranked][: max(1, max_nodes)]
        if ego is not None and ego not in keep:
            keep[-1] = ego
        shown = full.subgraph(keep).copy() if len(keep) < full.number_of_nodes() else full
    if not isinstance(evidence, Evidence):
        evidence = evidence(frozenset(shown))
    metric = _(METRIC_NAMES[size_by])
    center = str(full.nodes[ego].get("label", ego)) if ego is not None else None
    name = _(NETWORK_NAMES.get(network, network))
    what = f"{name[:1].upper()}{name[1:]}: {_(NETWORK_TEXT.get(network, network))}"
    if center:
        what += _("; ego network of {center}, depth {depth}").format(center=center, depth=depth)
    parts = describe_filters(filters, _)
    people = _("; organizations also linked through their people") if via_people else ""
    counts = _(
        "{nodes} nodes, {edges} edges; node size: {metric}; colour: {color_by}; "
        "edge width: collaboration weight; layout seed {seed}"
    )
    view = View(
        shown,
        full,
        network,
        title
        or (
            _("kommgraph: {network} around {center}").format(network=name, center=center)
            if center
            else f"kommgraph: {name}"
        ),
        [
            what,
            _("Filters: {filters}").format(filters="; ".join(parts) or _("no filters")) + people,
            counts.format(
                nodes=shown.number_of_nodes(),
                edges=shown.number_of_edges(),
                metric=metric,
                color_by=_(COLOR_BY_NAMES[color_by]),
                seed=seed,
            ),
        ],
        size_by,
        dict(ranked),
        evidence,
        filters,
        edges=edges if edges is not None else {},
        lang=lang,
        ego=ego,
        filter_parts=parts,
        legend_heads=(_("Kinds"), _("Communities"), _("Communities and kinds")),
    )
    if shown.number_of_nodes() < full.number_of_nodes():
        total = str(full.number_of_nodes())
        view.cut = _(
            "This is a cut: it shows the {shown} most central of {total} nodes (by {metric})."
        ).format(shown=shown.number_of_nodes(), total=total, metric=metric) + (
            " " + cut_hint.replace("{total}", total) if cut_hint else ""
        )
    _style(view, color_by, seed)
    return view


def _style(view: View, color_by: ColorBy, seed: int) -> None:
    shown = view.graph
    top = max(view.scores.values(), default=0.0) or 1.0
    for v, data in shown.nodes(data=True):
        style = style_of(str(data.get("kind", "")))
        view.colors[v], view.shapes[v] = style.color, style.shape
        view.sizes[v] = size_of(view.scores.get(v, 0.0), top)
    heaviest = max((float(d.get("weight", 1.0)) for *_e, d in shown.edges(data=True)), default=1.0)
    for a, b, d in shown.edges(data=True):
        view.widths[frozenset((a, b))] = round(
            1 + 7 * math.sqrt(d.get("weight", 1.0) / heaviest), 2
        )
    present = {str(d.get("kind", "")) for _v, d in shown.nodes(data=True)}
    _ = gettext_for(view.lang)
    view.legend = [
        LegendEntry(_(s.label), s.color, s.shape) for k, s in KIND_STYLES.items() if k in present
    ]
    view.legend += [LegendEntry(k, "#999999", "dot") for k in sorted(present - set(KIND_STYLES))]
    if color_by != "community":
        return
    found = communities(shown, seed=seed).communities
    for c in found:
        color = COMMUNITY_COLORS[c.index - 1] if c.index <= len(COMMUNITY_COLORS) else None
        view.colors.update((iri, color or OTHER_COMMUNITY) for iri, _label in c.members)
        if color:
            names = ", ".join(short(label, 22) for _iri, label in c.central[:3])
            view.communities.append(LegendEntry(f"{c.index}: {names}", color, "dot"))
    if len(found) > len(COMMUNITY_COLORS):
        rest = _("{count} smaller communities").format(count=len(found) - len(COMMUNITY_COLORS))
        view.communities.append(LegendEntry(rest, OTHER_COMMUNITY, "dot"))
    view.legend = [LegendEntry(e.label, "#BBBBBB", e.shape) for e in view.legend]


def model_view(
    model: CollaborationModel,
    network: Network,
    filters: Filters,
    via_people: bool,
    ego: Entity | None,
    options: Mapping[str, Any],
) -> View:
    """`make_view` of a model's network, with its edges, evidence and kept measures.

    `ego`: draw this actor's neighbourhood only (`ActorNotInNetworkError` when
    it is not in the network). `options`: the keyword arguments of `make_view`
    (depth, size_by, ...). The evidence of the edges drawn is prepared at once.
    """
    from kommgraph.network.graph_tables import TableNetwork

    graph = model.drawable(network, filters, via_people, whole=ego is None)
    if ego is not None and ego.iri not in graph:
        raise ActorNotInNetworkError(ego.label, network, filters.describe())
    measured = ego is None and (
        options.get("size_by") not in ("degree", "weighted_degree")
        or isinstance(graph, TableNetwork)
    )
    tabled = isinstance(graph, TableNetwork)  # drawn whole, its ranking kept with the index
    size_by: Metric = options.get("size_by", "weighted_degree")
    view = make_view(
        graph,
        # an index's network: only the drawn nodes' evidence is read (not 30,000 events')
        model.evidence_among if isinstance(graph, TableNetwork) else model.evidence,
        filters,
        network=network,
        ego=None if ego is None else ego.iri,
        via_people=via_people,
        edges=model.collaborations(network, filters, via_people),
        scores=model.scores(network, filters, via_people) if measured and not tabled else None,
        ranked=(
            model.ranking(network, filters, via_people, size_by, graph.labels)
            if isinstance(graph, TableNetwork)
            else None
        ),
        **options,
    )
    model.explain_among(network, filters, via_people, frozenset(view.graph), view.evidence)
    view.keep = model.index
    return view
