"""The network page: a `View` as one self-contained, offline HTML file.

`render_html` writes one self-contained page: vis-network 9.1.2 (the build
shipped inside pyvis) and the page script are inlined, nothing refers to any
other file or server, and a Content-Security-Policy forbids every load and every
script but those two (by hash). pyvis's own template is not used: it links
Bootstrap and tom-select from CDNs and writes popups with `innerHTML`. The data
travels as JSON in a `<script type="application/json">` block with `<`, `>` and `&`
escaped; the page script builds tooltips as DOM with `textContent` only, and
vis-network shows an element title as it is. Physics runs a fixed number of
stabilization iterations from `layout.randomSeed` and is then switched off.
Tooltips and filter facets are built from the participations that count under
the view's filters (`kommgraph.network.rule`).
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import html
import json
import re
from collections import defaultdict
from datetime import datetime
from importlib import resources
from typing import Any

from kommgraph.bulk import bulk
from kommgraph.network.projection import local
from kommgraph.network.rule import active_participations
from kommgraph.views.view import LegendEntry, View, short
from kommgraph.vocab import AGENT_NETWORKS

VIS_VERSION = "9.1.2"


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

    def __init__(self, view: View) -> None:
        self.view, self.ev = view, view.evidence
        evidence = view.evidence
        self.topic_index: dict[str, int] = {}
        self.strings: dict[str, int] = {}
        self.active: dict[tuple[str, str], list[str]] = defaultdict(list)  # (agent, event)
        self.events_of: dict[str, set[str]] = defaultdict(set)
        shown = view.graph  # tooltips are built for the nodes on the page only
        for p, agent, event, _role in active_participations(evidence, view.filters):
            if agent in shown:
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
        found = self.view.edges.get((a, b))  # pairs come sorted: a < b, as the keys
        if found is not None:
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
            events = str(data.get("event_iris", "")).split() or [other]
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


def page_data(view: View) -> dict[str, Any]:
    """Nodes, edges (with tooltips and year/topic facets) and the page's filter choices."""
    return _PageData(view).build()


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
def render_html(view: View, *, seed: int = 42, generated_at: datetime | None = None) -> str:
    """The whole self-contained page (deterministic when `generated_at` is None)."""
    lines = [*view.description]
    if generated_at is not None:
        lines.append(f"Generated {generated_at.isoformat(timespec='seconds')}")
    data = {**page_data(view), "seed": seed}
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
    """The page template and its script, kept as files in kommgraph/views/assets/."""
    return resources.files("kommgraph.views").joinpath("assets", name).read_text(encoding="utf-8")
