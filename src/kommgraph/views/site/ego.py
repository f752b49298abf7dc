"""The ego network on an actor's page: the network page of `kommgraph viz`, small.

Each actor with collaborators gets `network/<kind>.<slug>.html`: the very page
`viz --ego` draws (`kommgraph.views.page.render_html`, its scripts, its
tooltips and panel), embedded in the actor's page by a frame. To keep tens of
thousands of them small and quick to build, each shows the actor and its
`NEIGHBOURS` strongest collaborators with the ties among them, and refers to
one shared copy of vis-network and the page scripts (`assets/network/`)
instead of inlining them.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from kommgraph.network.collaboration import Collaboration
from kommgraph.network.evidence import Evidence
from kommgraph.network.filters import NO_FILTERS
from kommgraph.views.i18n import gettext_for
from kommgraph.views.node_facts import NodeFacts
from kommgraph.views.page import render_html
from kommgraph.views.site.render import NETWORK_ASSETS
from kommgraph.views.view import make_view
from kommgraph.vocab import Lang

NEIGHBOURS = 8  # collaborators drawn around the actor
ASSETS = NETWORK_ASSETS  # where the shared scripts of the network pages live


def network_path(page: str) -> str:
    """The network page of an actor's page: `person/x.html` -> `network/person.x.html`."""
    return "network/" + page.replace("/", ".", 1)


class EgoPages:
    """Draws the ego networks of one actors network."""

    def __init__(
        self,
        network: nx.Graph[str],
        edges: Mapping[tuple[str, str], Collaboration],
        evidence: Evidence,
        lang: Lang,
        seed: int = 42,
    ) -> None:
        self.network, self.edges, self.evidence = network, edges, evidence
        self.lang, self.seed, self._ = lang, seed, gettext_for(lang)
        self.facts = NodeFacts.for_all(evidence, NO_FILTERS)

    def strongest(self, iri: str) -> list[str]:
        """The actor's strongest collaborators, ties by label, then IRI."""
        adj = self.network.adj[iri]

        def key(other: str) -> tuple[float, str, str]:
            label = str(self.network.nodes[other].get("label", other))
            return (-float(adj[other].get("weight", 1.0)), label.casefold(), other)

        return sorted(adj, key=key)[:NEIGHBOURS]

    def among(self, nodes: list[str]) -> nx.Graph[str]:
        """The actors and the ties among them, attributes shared with the whole network
        (what `subgraph(...).copy()` gives, without its views: a few ties, not all)."""
        small: nx.Graph[str] = nx.Graph()
        graph, adj = self.network, self.network.adj
        small.graph.update(graph.graph)
        small.add_nodes_from((n, graph.nodes[n]) for n in nodes)
        chosen = set(nodes)
        for n in nodes:
            for m, data in adj[n].items():
                if m in chosen and not small.has_edge(n, m):
                    small.add_edge(n, m, **data)
        return small

    def html(self, iri: str, name: str) -> str:
        """The page, for a file in `network/` (the site's root is one folder up)."""
        _ = self._
        around = self.strongest(iri)
        small = self.among([iri, *around])
        view = make_view(
            small,
            self.evidence,
            NO_FILTERS,
            network="actors",
            ego=iri,
            edges=self.edges,
            max_nodes=small.number_of_nodes(),
            title=_("Network of {name}").format(name=name),
            seed=self.seed,
            lang=self.lang,
        )
        total = self.network.degree(iri)
        if total > len(around):
            view.cut = _(
                "It shows the {shown} strongest of {total} collaborators; the page of "
                "{name} lists them all."
            ).format(shown=len(around), total=total, name=name)
        return render_html(view, seed=self.seed, site="..", assets=f"../{ASSETS}", facts=self.facts)
