"""The data of the network page: nodes with positions, edges, evidence, facets and words.

Everything the page script shows comes from here, already translated: the tooltips and
the detail panel (built from the participations that count under the view's filters,
`kommgraph.network.rule`), the filter facets, other names for the search, the fixed
positions (`page_layout`), links into a `kommgraph site` (`permalinks`), and the
interface's words (`ui_words`). Above `GROUP_ABOVE` nodes the communities are also
sent, and the page starts with one node per community that opens on click.
"""

from __future__ import annotations

import math
from typing import Any

from kommgraph.network.communities import communities
from kommgraph.network.graph_tables import TableNetwork
from kommgraph.network.projection import local
from kommgraph.views.i18n import Translate, gettext_for
from kommgraph.views.node_facts import NodeFacts, strongest_neighbours
from kommgraph.views.page_layout import kept_positions
from kommgraph.views.permalinks import permalink
from kommgraph.views.view import (
    COMMUNITY_COLORS,
    METRIC_NAMES,
    OTHER_COMMUNITY,
    View,
    kind_label,
    short,
)
from kommgraph.vocab import AGENT_NETWORKS

# Nodes above which the page opens on communities: vis-network redraws 2,000 nodes and
# 28,000 edges in 50-75 ms, 10,000 nodes and 149,000 edges in about 1 s (benchmarks/).
GROUP_ABOVE = 3000


def ui_words(_: Translate) -> dict[str, str]:
    """The interface's words for the page template and script (`{name}` marks a value)."""
    return {
        "find_head": _("Find an actor"),
        "find_hint": _("a name or an abbreviation, e.g. jorn riedel"),
        "find": _("Find"),
        "found": _("Found: {name}"),
        "no_match": _("No actor matches “{query}”."),
        "matches": _("{count} matches"),
        "also": _("also: {names}"),
        "filter_head": _("Filter"),
        "topic": _("Topic"),
        "all_topics": _("all topics"),
        "years": _("Years"),
        "to": _("to"),
        "show_all": _("Show all"),
        "shown": _("{shown} of {total} nodes match."),
        "filters": _("Filters: {filters}"),
        "no_filters": _("no filters"),
        "topic_is": _("topic {topic}"),
        "since": _("since {date}"),
        "until": _("until {date}"),
        "more": _("… and {count} more"),
        "help_head": _("How to read"),
        "help": _(
            "Hover a node or an edge for the evidence: events, roles and source quotes. "
            "Click it to pin the evidence in the side panel, where it can be selected and "
            "copied. Drag to move, scroll to zoom."
        ),
        "pin_hint": _("Click to pin this in the side panel."),
        "ties": _("{count} ties, weight {weight}"),
        "open_hint": _("Click to open this community."),
        "close_groups": _("Close all communities"),
        "copy": _("Copy"),
        "copied": _("Copied."),
        "selected": _("Selected: press Ctrl+C to copy."),
        "close": _("Close"),
        "permalink": _("Link to this selection"),
        "site_page": _("Page of this actor"),
        "loading": _("Loading…"),
        "ready": _("Ready."),
        "kinds": _("Kinds"),
        "communities": _("Communities"),
    }


def _quote_lines(quotes: Any) -> list[str]:
    return list(dict.fromkeys(f"„{q.quote}“ — {q.title}" for q in quotes))


class PageData:
    """The JSON the page script reads.

    A facet is [year or null, [topic index, ...]] for one event behind a node or edge; the
    page shows an edge when some facet fits both the year range and the topic. Tooltip lines
    repeat across edges (role lines, quotes), so each is stored once in `strings` and an
    item is [line index, [sub-line index, ...]]; an edge names its nodes by index.
    """

    def __init__(
        self,
        view: View,
        *,
        seed: int = 42,
        site: str | None = None,
        group_above: int = GROUP_ABOVE,
        facts: NodeFacts | None = None,
    ) -> None:
        self.view, self.ev, self.seed, self.site = view, view.evidence, seed, site
        self.group_above = group_above
        self._ = gettext_for(view.lang)
        self.topic_index: dict[str, int] = {}
        self.strings: dict[str, int] = {}
        known = facts or NodeFacts.for_nodes(view.evidence, view.filters, view.graph)
        self.active, self.events_of, self.alt = known.active, known.events_of, known.alt
        self.known = known
        self._facets: dict[str, list[Any]] = {}

    def affiliations(self, iri: str) -> list[str]:
        """The affiliation and relation lines of a node's tooltip."""
        out = []
        for side, other, what in self.known.affiliations.get(iri, ()):
            name = self.label(other)
            if side == "position":
                out.append(f"{what}, {name}" if what else name)
            elif side == "person":
                out.append(f"{name} ({what})" if what else name)
            elif side == "relation":
                out.append(f"{what} {name}")
            else:
                out.append(self._("{label} ({relation} this)").format(label=name, relation=what))
        return out

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
        full = self.view.full  # a network from an index's tables reads its labels at once
        if isinstance(full, TableNetwork) and (found := full.labels().get(iri)) is not None:
            return found
        if not isinstance(full, TableNetwork) and iri in full:
            return str(full.nodes[iri].get("label", iri))
        agent = self.ev.agents.get(iri)
        return agent.label if agent else iri

    def facet(self, event: str) -> list[Any]:
        """[year or None, [topic index, ...]] of an event (remembered: edges share events)."""
        found = self._facets.get(event)
        if found is None:
            found = self._facets[event] = self._facet(event)
        return found

    def _facet(self, event: str) -> list[Any]:
        info = self.ev.events.get(event)
        date = (info.date if info else None) or ""
        topics = sorted(
            self.topic_index.setdefault(t, len(self.topic_index))
            for t in sorted(self.ev.event_topics.get(event, ()))
        )
        return [int(date[:4]) if date[:4].isdigit() else None, topics]

    def node(self, iri: str, data: dict[str, Any], at: tuple[float, float]) -> dict[str, Any]:
        _, group, view = self._, str(data.get("group", "")), self.view
        name = str(data.get("label", iri))
        kind = kind_label(str(data.get("kind", "")), _)
        sub = kind
        sections = []
        if group == "event":
            info = self.ev.events.get(iri)
            sub += f", {info.date}" if info and info.date else ""
        elif group != "topic":
            head = _("Affiliations") if group == "person" else _("People, members, relations")
            sections.append(self.section(head, [(x, []) for x in sorted(self.affiliations(iri))]))
        # the strongest first, ties by label; a hub has thousands, the tooltip shows six
        full = view.full
        if isinstance(full, TableNetwork):
            total, strongest = full.strongest(iri, 6)
        else:
            total, strongest = strongest_neighbours(full.adj[iri], 6)
        ranked = sorted(strongest, key=lambda kv: (-kv[1], self.label(kv[0])))
        weighted = _("{label} (weight {weight})")
        sections.append(
            self.section(
                _("Top collaborators") if view.network in AGENT_NETWORKS else _("Connected to"),
                [(weighted.format(label=self.label(o), weight=f"{w:g}"), []) for o, w in ranked],
                6,
                total=total,
            )
        )
        metric = _(METRIC_NAMES[view.size_by])
        score = f"{metric}: {view.scores.get(iri, 0.0):g}"
        events = [iri] if group == "event" else sorted(self.events_of.get(iri, ()))
        out: dict[str, Any] = {
            "id": iri,
            "name": name,
            "label": short(name),
            "kind": kind,
            "color": view.colors[iri],
            "shape": view.shapes[iri],
            "size": view.sizes[iri],
            "score": view.scores.get(iri, 0.0),
            "x": at[0],
            "y": at[1],
            "tip": {"sub": self.text(f"{sub} · {score}"), "sections": sections},
            "facets": [self.facet(e) for e in events],
        }
        if iri in self.alt:
            out["alt"] = self.alt[iri]
        if self.site is not None and (path := permalink(iri)):
            out["path"] = path
        return out

    def edge(self, a: str, b: str, data: dict[str, Any], index: dict[str, int]) -> Any:
        _ = self._
        found = self.view.edges.get((a, b))  # pairs come sorted: a < b, as the keys
        if found is not None:
            tip = {
                "sub": self.text(
                    _("weight {weight}, {count} shared event(s) or relation(s)").format(
                        weight=f"{found.weight:g}", count=len(found.events)
                    )
                ),
                "sections": [
                    self.section(
                        _("Shared events, with roles"),
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
                    self.section(_("Sources"), [(q, []) for q in _quote_lines(found.quotes)], 8),
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
                quotes = [q for p in parts for q in self.ev.quotes_of(p)]
                date = f" ({info.date})" if info and info.date else ""
                items.append(
                    (
                        f"{info.label if info else event}{date}",
                        [_("role: {roles}").format(roles=", ".join(roles)), *_quote_lines(quotes)],
                    )
                )
            tip = {
                "sub": self.text(
                    _("weight {weight}").format(weight=f"{data.get('weight', 1.0):g}")
                ),
                "sections": [self.section(_("Events, roles and sources"), items, 12)],
            }
        return {
            "from": index[a],
            "to": index[b],
            "weight": data.get("weight", 1.0),
            "width": self.view.widths.get(frozenset((a, b)), 1.0),
            "tip": tip,
            "facets": [self.facet(e) for e in events],
        }

    def groups(self, order: list[str], at: dict[str, tuple[float, float]]) -> list[Any]:
        """The communities as super-nodes: members (by node index), place, size and tooltip."""
        _, index = self._, {v: i for i, v in enumerate(order)}
        found = communities(self.view.graph, self.ev, self.view.filters, seed=self.seed)
        out = []
        for c in found.communities:
            members = [index[iri] for iri, _label in c.members]
            names = ", ".join(short(label, 22) for _iri, label in c.central[:3])
            central: list[tuple[str, list[str]]] = [(label, []) for _iri, label in c.central]
            topics: list[tuple[str, list[str]]] = [(f"{t} ({n})", []) for t, n in c.topics]
            sections = [self.section(_("Most central"), central, 5, total=len(members))]
            if topics:
                sections.append(self.section(_("Topics"), topics, 5))
            color = COMMUNITY_COLORS[c.index - 1] if c.index <= len(COMMUNITY_COLORS) else None
            out.append(
                {
                    "name": _("Community {index}: {names}").format(index=c.index, names=names),
                    "members": members,
                    "x": round(sum(at[iri][0] for iri, _l in c.members) / len(members), 1),
                    "y": round(sum(at[iri][1] for iri, _l in c.members) / len(members), 1),
                    "size": round(min(12 + 3 * math.sqrt(len(members)), 90), 1),
                    "color": color or OTHER_COMMUNITY,
                    "tip": {
                        "sub": self.text(_("{count} nodes").format(count=len(members))),
                        "sections": sections,
                    },
                }
            )
        return out

    def build(self) -> dict[str, Any]:
        graph, order = self.view.graph, sorted(self.view.graph.nodes)
        at = kept_positions(self.view.keep, graph, self.seed, self.view.sizes)
        nodes = [self.node(v, graph.nodes[v], at[v]) for v in order]
        index = {v: i for i, v in enumerate(order)}
        pairs = sorted(tuple(sorted(e)) for e in graph.edges)
        edges = [self.edge(a, b, graph.edges[a, b], index) for a, b in pairs]
        years = [y for item in nodes + edges for y, _t in item["facets"] if y is not None]
        topics = sorted(self.topic_index, key=lambda t: self.ev.topics.get(t, local(t)).casefold())
        groups = self.groups(order, at) if len(order) > self.group_above else None
        return {
            "lang": self.view.lang,
            "ui": ui_words(self._),
            "strings": list(self.strings),
            "nodes": nodes,
            "edges": edges,
            "groups": groups,
            "years": [min(years), max(years)] if years else [],
            "topics": [
                {"index": self.topic_index[t], "label": self.ev.topics.get(t, local(t))}
                for t in topics
            ],
            "filters": self.view.filter_parts,
            "ego": index.get(self.view.ego) if self.view.ego else None,
            "site": self.site,
            "seed": self.seed,
        }


def page_data(
    view: View,
    *,
    seed: int = 42,
    site: str | None = None,
    group_above: int = GROUP_ABOVE,
    facts: NodeFacts | None = None,
) -> dict[str, Any]:
    """Nodes, edges (with tooltips and year/topic facets) and the page's filter choices.

    `site` is the root of a `kommgraph site` (links to each actor's page); above
    `group_above` nodes the communities are sent too and the page opens on them.
    `facts` are the nodes' facts when they were gathered once for many pages.
    """
    return PageData(view, seed=seed, site=site, group_above=group_above, facts=facts).build()
