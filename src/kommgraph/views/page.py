"""Drawing a network: one `View` of a projection, as an offline HTML page (static figures:
`kommgraph.views.figures`).

A `View` is what is drawn: the (ego, cut) graph, each node's style and size, the legend
and a description. `render_html` writes it as one self-contained page: vis-network 9.1.2
(the build shipped inside pyvis) and the page script are inlined, nothing refers to any
other file or server, and a Content-Security-Policy forbids every load and every script
but those two (by hash). pyvis's own template is not used: it links Bootstrap and
tom-select from CDNs and writes popups with `innerHTML`. The data travels as JSON in a
`<script type="application/json">` block with `<`, `>` and `&` escaped; the page script
builds tooltips as DOM with `textContent` only, and vis-network shows an element title
as it is. Physics runs a fixed number of stabilization iterations from `layout.randomSeed`
and is then switched off.

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

import base64
import hashlib
import heapq
import html
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any

import networkx as nx

from kommgraph.network.analysis import METRICS, centrality, communities
from kommgraph.bulk import bulk
from kommgraph.network.collaboration import Collaboration, Evidence
from kommgraph.network.projection import local

DEFAULT_MAX_NODES = 300
VIS_VERSION = "9.1.2"
AGENT_NETWORKS = ("persons", "organizations", "actors")


@dataclass(frozen=True)
class Style:
    label: str
    color: str
    shape: str  # a vis-network shape; figures map it to a matplotlib marker


KIND_STYLES: dict[str, Style] = {
    "person": Style("Person", "#0072B2", "dot"),
    "Municipality": Style("Municipality", "#D55E00", "square"),
    "County": Style("County", "#D55E00", "triangleDown"),
    "StateGovernment": Style("State government", "#D55E00", "hexagon"),
    "Ministry": Style("Ministry", "#D55E00", "diamond"),
    "FederalAuthority": Style("Federal authority", "#D55E00", "star"),
    "PublicITProvider": Style("Public IT provider", "#E69F00", "diamond"),
    "Company": Style("Company", "#CC79A7", "triangle"),
    "Association": Style("Association", "#009E73", "hexagon"),
    "Network": Style("Network", "#009E73", "star"),
    "WorkingGroup": Style("Working group", "#009E73", "triangle"),
    "University": Style("University", "#56B4E9", "square"),
    "ResearchInstitute": Style("Research institute", "#56B4E9", "diamond"),
    "Organization": Style("Other organization", "#999999", "hexagon"),
    "event": Style("Event", "#F0E442", "square"),
    "topic": Style("Topic", "#000000", "star"),
}
MUTED = "#CC6677 #332288 #DDCC77 #117733 #88CCEE #882255 #44AA99 #999933 #AA4499"  # Paul Tol
COMMUNITY_COLORS = tuple(MUTED.split())
OTHER_COMMUNITY = "#DDDDDD"
NETWORK_TEXT = {
    "persons": "persons linked by active roles at the same events",
    "organizations": "organizations linked by active roles at the same events and by "
    "relations stated in the sources",
    "actors": "persons and organizations linked by active roles at the same events",
    "bipartite": "actors linked to the events where they held an active role",
    "topics": "actors linked to the topics of the events where they were active",
}


def style_of(group: str) -> Style:
    """The fixed style of a node group; an unknown kind is a grey dot."""
    return KIND_STYLES.get(group) or Style(group, "#999999", "dot")


def short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class LegendEntry:
    label: str
    color: str
    shape: str


@dataclass
class View:
    """What is drawn: the graph plus per-node style and size, legend and description."""

    graph: nx.Graph[str]
    full: nx.Graph[str]  # before the cut: the ego network or the whole projection
    network: str
    title: str
    description: list[str]
    size_by: str
    scores: dict[str, float]
    colors: dict[str, str] = field(default_factory=dict)
    shapes: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, float] = field(default_factory=dict)
    widths: dict[frozenset[str], float] = field(default_factory=dict)
    legend: list[LegendEntry] = field(default_factory=list)
    communities: list[LegendEntry] = field(default_factory=list)
    cut: str | None = None


def ego_network(graph: nx.Graph[str], center: str, depth: int = 1) -> nx.Graph[str]:
    """The actor and everyone within `depth` hops (a copy, attributes kept)."""
    ego: nx.Graph[str] = nx.ego_graph(graph, center, radius=depth).copy()
    return ego


@bulk
def make_view(
    graph: nx.Graph[str],
    *,
    network: str,
    filters: str,
    ego: str | None = None,
    depth: int = 1,
    size_by: str = "weighted_degree",
    color_by: str = "kind",
    max_nodes: int = DEFAULT_MAX_NODES,
    title: str | None = None,
    seed: int = 42,
    via_people: bool = False,
) -> View:
    """Select (ego network, the N most central nodes), measure, style and describe."""
    if size_by not in METRICS:
        raise ValueError(f"unknown size metric {size_by!r}")
    full = ego_network(graph, ego, depth) if ego is not None else graph
    ranked = _ranked(full, size_by)
    keep = [v for v, _score in ranked][: max(1, max_nodes)]
    if ego is not None and ego not in keep:
        keep[-1] = ego
    shown = full.subgraph(keep).copy() if len(keep) < full.number_of_nodes() else full
    metric = size_by.replace("_", " ")
    center = str(full.nodes[ego].get("label", ego)) if ego is not None else None
    what = f"{network.capitalize()} network: {NETWORK_TEXT.get(network, network)}"
    what += f"; ego network of {center}, depth {depth}" if center else ""
    people = "; organizations also linked through their people" if via_people else ""
    view = View(
        shown,
        full,
        network,
        title or f"kommgraph: {network} network" + (f" around {center}" if center else ""),
        [
            what,
            f"Filters: {filters}{people}",
            f"{shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges; "
            f"node size: {metric}; colour: {color_by}; edge width: collaboration weight; "
            f"layout seed {seed}",
        ],
        size_by,
        dict(ranked),
    )
    if shown.number_of_nodes() < full.number_of_nodes():
        view.cut = (
            f"This is a cut: it shows the {shown.number_of_nodes()} most central of "
            f"{full.number_of_nodes()} nodes (by {metric}). To see more, raise --max-nodes "
            f"(e.g. --max-nodes {full.number_of_nodes()}) or narrow the network with --ego, "
            "--topic or --since/--until."
        )
    _style(view, color_by, seed)
    return view


def _ranked(graph: nx.Graph[str], metric: str) -> list[tuple[str, float]]:
    """(node, score), most central first; ties by label, then IRI (as `analysis.centrality`).

    Degrees are counted here: `analysis.centrality` computes every measure, and exact
    betweenness and closeness take minutes on a few thousand nodes.
    """
    if metric not in ("degree", "weighted_degree"):
        rows = centrality(graph, metric).rows if graph.number_of_nodes() else ()
        return [(r.iri, r.scores[metric]) for r in rows]
    weight = "weight" if metric == "weighted_degree" else None
    scores = [(str(v), round(float(d), 6)) for v, d in graph.degree(weight=weight)]
    label = {
        v: str(v if text is None else text).casefold() for v, text in graph.nodes(data="label")
    }
    return sorted(scores, key=lambda vs: (-vs[1], label[vs[0]], vs[0]))


def _style(view: View, color_by: str, seed: int) -> None:
    shown = view.graph
    top = max(view.scores.values(), default=0.0) or 1.0
    for v, data in shown.nodes(data=True):
        style = style_of(str(data.get("group", "")))
        view.colors[v], view.shapes[v] = style.color, style.shape
        view.sizes[v] = round(8 + 22 * math.sqrt(max(view.scores.get(v, 0.0), 0.0) / top), 2)
    heaviest = max((float(d.get("weight", 1.0)) for *_e, d in shown.edges(data=True)), default=1.0)
    for a, b, d in shown.edges(data=True):
        view.widths[frozenset((a, b))] = round(
            1 + 7 * math.sqrt(d.get("weight", 1.0) / heaviest), 2
        )
    present = {str(d.get("group", "")) for _v, d in shown.nodes(data=True)}
    view.legend = [
        LegendEntry(s.label, s.color, s.shape) for g, s in KIND_STYLES.items() if g in present
    ]
    view.legend += [LegendEntry(g, "#999999", "dot") for g in sorted(present - set(KIND_STYLES))]
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
        rest = f"{len(found) - len(COMMUNITY_COLORS)} smaller communities"
        view.communities.append(LegendEntry(rest, OTHER_COMMUNITY, "dot"))
    view.legend = [LegendEntry(e.label, "#BBBBBB", e.shape) for e in view.legend]


# page data ---------------------------------------------------------------------------


def _quote_lines(quotes: Any) -> list[str]:
    return list(dict.fromkeys(f"„{q.quote}“ — {q.title}" for q in quotes))


class _PageData:
    """The JSON the page script reads: nodes, edges, tooltips and per-event filter facets.

    A facet is [year or null, [topic index, ...]] for one event behind a node or edge; the
    page shows an edge when some facet fits both the year range and the topic. Tooltip lines
    repeat across edges (role lines, quotes), so each is stored once in `strings` and an
    item is [line index, [sub-line index, ...]]; an edge names its nodes by index.
    """

    def __init__(self, view: View, evidence: Evidence) -> None:
        self.view, self.ev = view, evidence
        self.topic_index: dict[str, int] = {}
        self.strings: dict[str, int] = {}
        self.active: dict[tuple[str, str], list[str]] = defaultdict(list)  # (agent, event)
        self.events_of: dict[str, set[str]] = defaultdict(set)
        shown = view.graph  # tooltips are built for the nodes on the page only
        for p, (agent, event, role) in sorted(
            (p, row) for p, row in evidence.participations.items() if row[0] in shown
        ):
            if evidence.roles.get(role, ("", False, False))[1]:
                self.active[(agent, event)].append(p)
                self.events_of[agent].add(event)
        self.affiliations: dict[str, list[str]] = defaultdict(list)
        for _a, person, org, position, *_source in evidence.affiliations_of(shown):
            who, where = self.label(str(person)), self.label(str(org))
            self.affiliations[str(person)].append(f"{position}, {where}" if position else where)
            self.affiliations[str(org)].append(f"{who} ({position})" if position else who)
        for _r, a, b, kind, name, *_source in evidence.relations:
            if a not in shown and b not in shown:
                continue
            what = str(name or local(str(kind)))
            self.affiliations[str(a)].append(f"{what} {self.label(str(b))}")
            self.affiliations[str(b)].append(f"{self.label(str(a))} ({what} this)")

    def text(self, line: str) -> int:
        return self.strings.setdefault(line, len(self.strings))

    def section(
        self,
        head: str,
        items: list[tuple[str, list[str]]],
        limit: int = 10,
        total: int | None = None,
    ) -> Any:
        """A tooltip section: the first `limit` items and how many more (of `total`) exist."""
        shown = [[self.text(line), [self.text(x) for x in sub]] for line, sub in items[:limit]]
        more = (len(items) if total is None else total) - len(shown)
        return {"head": self.text(head), "items": shown, "more": max(0, more)}

    def label(self, iri: str) -> str:
        if iri in self.view.full:
            return str(self.view.full.nodes[iri].get("label", iri))
        agent = self.ev.agents.get(iri)
        return agent.label if agent else iri

    def facet(self, event: str) -> list[Any]:
        info = self.ev.events.get(event)
        date = (info.date if info else None) or ""
        topics = sorted(
            self.topic_index.setdefault(t, len(self.topic_index))
            for t in sorted(self.ev.event_topics.get(event, ()))
        )
        return [int(date[:4]) if date[:4].isdigit() else None, topics]

    def node(self, iri: str, data: dict[str, Any]) -> dict[str, Any]:
        group, view, name = str(data.get("group", "")), self.view, str(data.get("label", iri))
        sub = str(data.get("kind", group))
        sections = []
        if group == "event":
            info = self.ev.events.get(iri)
            sub += f", {info.date}" if info and info.date else ""
        elif group != "topic":
            head = "Affiliations" if group == "person" else "People, members, relations"
            sections.append(self.section(head, [(x, []) for x in sorted(self.affiliations[iri])]))
        neighbours = view.full.adj[iri]
        # the strongest first, ties by label; a hub has thousands, the tooltip shows six
        strongest = heapq.nsmallest(
            6, neighbours, key=lambda o: -float(neighbours[o].get("weight", 1.0))
        )
        cut = float(neighbours[strongest[-1]].get("weight", 1.0)) if strongest else 0.0
        ranked = sorted(
            ((o, d) for o, d in neighbours.items() if float(d.get("weight", 1.0)) >= cut),
            key=lambda kv: (-float(kv[1].get("weight", 1.0)), self.label(kv[0])),
        )
        sections.append(
            self.section(
                "Top collaborators" if view.network in AGENT_NETWORKS else "Connected to",
                [(f"{self.label(o)} (weight {d.get('weight', 1.0):g})", []) for o, d in ranked],
                6,
                total=len(neighbours),
            )
        )
        score = f"{view.size_by.replace('_', ' ')}: {view.scores.get(iri, 0.0):g}"
        events = [iri] if group == "event" else sorted(self.events_of.get(iri, ()))
        return {
            "id": iri,
            "name": name,
            "label": short(name),
            "color": view.colors[iri],
            "shape": view.shapes[iri],
            "size": view.sizes[iri],
            "score": view.scores.get(iri, 0.0),
            "tip": {"sub": self.text(f"{sub} · {score}"), "sections": sections},
            "facets": [self.facet(e) for e in events],
        }

    def edge(self, a: str, b: str, data: dict[str, Any], index: dict[str, int]) -> Any:
        found = data.get("collaboration")
        if isinstance(found, Collaboration):
            tip = {
                "sub": self.text(
                    f"weight {found.weight:g}, {len(found.events)} shared event(s) or relation(s)"
                ),
                "sections": [
                    self.section(
                        "Shared events, with roles",
                        [
                            (
                                f"{e.label}{f' ({e.date})' if e.date else ''} · {e.basis} "
                                f"+{e.weight:g}",
                                list(e.roles),
                            )
                            for e in found.events
                        ],
                        12,
                    ),
                    self.section("Sources", [(q, []) for q in _quote_lines(found.quotes)], 8),
                ],
            }
            events = [e.iri for e in found.events if e.basis != "relation"]
        else:  # bipartite (agent, event) or topics (agent, topic with `event_iris`)
            agent, other = (a, b) if a in self.ev.agents else (b, a)
            events = [str(e) for e in data.get("event_iris", [])] or [other]
            items = []
            for event in events:
                info, parts = self.ev.events.get(event), self.active.get((agent, event), [])
                roles = sorted({self.ev.roles[self.ev.participations[p][2]][0] for p in parts})
                quotes = [q for p in parts for q in self.ev.participation_quotes.get(p, [])]
                date = f" ({info.date})" if info and info.date else ""
                items.append(
                    (
                        f"{info.label if info else event}{date}",
                        [f"role: {', '.join(roles)}", *_quote_lines(quotes)],
                    )
                )
            tip = {
                "sub": self.text(f"weight {data.get('weight', 1.0):g}"),
                "sections": [self.section("Events, roles and sources", items, 12)],
            }
        return {
            "from": index[a],
            "to": index[b],
            "weight": data.get("weight", 1.0),
            "width": self.view.widths.get(frozenset((a, b)), 1.0),
            "tip": tip,
            "facets": [self.facet(e) for e in events],
        }

    def build(self) -> dict[str, Any]:
        graph, order = self.view.graph, sorted(self.view.graph.nodes)
        nodes = [self.node(v, graph.nodes[v]) for v in order]
        index = {v: i for i, v in enumerate(order)}
        pairs = sorted(tuple(sorted(e)) for e in graph.edges)
        edges = [self.edge(a, b, graph.edges[a, b], index) for a, b in pairs]
        years = [y for item in nodes + edges for y, _t in item["facets"] if y is not None]
        topics = sorted(self.topic_index, key=lambda t: self.ev.topics.get(t, local(t)).casefold())
        return {
            "strings": list(self.strings),
            "nodes": nodes,
            "edges": edges,
            "years": [min(years), max(years)] if years else [],
            "topics": [
                {"index": self.topic_index[t], "label": self.ev.topics.get(t, local(t))}
                for t in topics
            ],
        }


def page_data(view: View, evidence: Evidence) -> dict[str, Any]:
    """Nodes, edges (with tooltips and year/topic facets) and the page's filter choices."""
    return _PageData(view, evidence).build()


# the page ----------------------------------------------------------------------------


def json_for_html(value: Any) -> str:
    """JSON that cannot end a <script> block or open a comment: <, >, & as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis package; CSS rules with images are dropped."""
    folder = resources.files("pyvis").joinpath("lib", f"vis-{VIS_VERSION}")
    js = folder.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    css = folder.joinpath("vis-network.css").read_text(encoding="utf-8")
    return js, "".join(r + "}" for r in css.split("}") if r.strip() and "url(" not in r)


def _legend_html(entries: list[LegendEntry], head: str) -> str:
    rows = "".join(
        f'<li><span class="kg-mark kg-{html.escape(e.shape)}" style="--c:{html.escape(e.color)}">'
        f"</span>{html.escape(e.label)}</li>"
        for e in entries
    )
    return f'<h2>{html.escape(head)}</h2><ul class="kg-legend">{rows}</ul>' if entries else ""


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@bulk
def render_html(
    view: View, evidence: Evidence, *, seed: int = 42, generated_at: datetime | None = None
) -> str:
    """The whole self-contained page (deterministic when `generated_at` is None)."""
    lines = [*view.description]
    if generated_at is not None:
        lines.append(f"Generated {generated_at.isoformat(timespec='seconds')}")
    data = {**page_data(view, evidence), "seed": seed}
    js, css = vis_assets()
    app_js = _asset("app.js")
    hashes = " ".join(f"'sha256-{_sha256(s)}'" for s in (js, app_js))
    csp = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    cut = f'<p class="kg-cut" id="kg-cut">{html.escape(view.cut)}</p>' if view.cut else ""
    values = {
        "csp": html.escape(csp, quote=False),
        "title": html.escape(view.title),
        "vis_css": css,
        "vis_js": js,
        "app_js": app_js,
        "data": json_for_html(data),
        "description": "".join(f"<p>{html.escape(line)}</p>" for line in lines) + cut,
        "legend": _legend_html(view.legend, "Kinds")
        + _legend_html(view.communities, "Communities"),
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _asset("page.html"))


def _asset(name: str) -> str:
    """The page template and its script, kept as files in kommgraph/page/."""
    return resources.files("kommgraph.views").joinpath("assets", name).read_text(encoding="utf-8")
