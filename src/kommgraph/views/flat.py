"""A network as the export files hold it: plain attributes in a fixed order, edges numbered.

Every node keeps `label`, `kind` (the legend's word), `group`, `class`, `iri`
and its centralities; every edge an `edge_id` (`e1`, `e2`, ... in the order of
the sorted pairs; an attribute, since igraph misreads GraphML's own edge ids),
`weight`, `events`, and as much of the evidence as asked for (`EvidenceMode`):

* `none`: nothing more;
* `ids`: `event_ids`, the IRIs of the shared events (space-separated), which
  the side file describes once each (`kommgraph.views.evidence_files`);
* `full`: also `bases`, a short `summary` and `source_ids`, and the side file
  holds every edge's whole evidence.

A `Flat` is built from a networkx projection, or straight from the rows of an
index (`flat_rows`): 200,000 edges are then written without building a graph
twice, which is what made a large export slow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kommgraph.bulk import bulk
from kommgraph.network.collaboration import Collaboration
from kommgraph.vocab import METRICS, EvidenceMode

if TYPE_CHECKING:
    import networkx as nx

    from kommgraph.network.graph_tables import ExportRow, NodeRow

Edges = Mapping[tuple[str, str], Collaboration]
Scores = Mapping[str, Mapping[str, float]]
NODE_FIRST = ("label", "kind", "group", "class", "iri")  # then the rest, then the measures
SUMMARY_EVENTS = 3


@dataclass
class Flat:
    """Graph attributes, nodes sorted by IRI, edges in sorted pair order with their ids."""

    attrs: dict[str, str]
    nodes: list[tuple[str, dict[str, Any]]]
    edges: list[tuple[str, str, dict[str, Any]]]

    def networkx(self) -> nx.Graph[str]:
        """The same as a networkx graph (for the GEXF layout, and for tests)."""
        import networkx as nx

        graph: nx.Graph[str] = nx.Graph()
        graph.graph.update(self.attrs)
        graph.add_nodes_from(self.nodes)
        graph.add_edges_from(self.edges)
        return graph

    def event_ids(self) -> set[str]:
        """Every event (or relation) IRI an edge refers to."""
        return {iri for *_e, data in self.edges for iri in str(data.get("event_ids", "")).split()}


def summary(edge: Collaboration) -> str:
    """A line for a tooltip or a table: the weight and the first shared events."""
    events = edge.events
    shown = [
        f"{e.label}{f' ({e.date})' if e.date else ''} [{e.basis}]" for e in events[:SUMMARY_EVENTS]
    ]
    more = f"; and {len(events) - SUMMARY_EVENTS} more" if len(events) > SUMMARY_EVENTS else ""
    return f"weight {edge.weight:g}: " + "; ".join(shown) + more


def _evidence_attrs(edge: Collaboration, mode: EvidenceMode) -> dict[str, Any]:
    if mode == "none":
        return {}
    if mode == "ids":
        return {"event_ids": " ".join(edge.event_iris())}
    return {
        "bases": "; ".join(sorted({e.basis for e in edge.events})),
        "summary": summary(edge),
        "event_ids": " ".join(sorted({e.iri for e in edge.events})),
        "source_ids": " ".join(sorted({q.source for q in edge.quotes})),
    }


def _node_attrs(node: str, data: Mapping[str, Any], scores: Scores) -> dict[str, Any]:
    attrs = {k: data[k] for k in NODE_FIRST if k in data}
    attrs.update((k, v) for k, v in data.items() if k not in attrs)
    measured = scores.get(node, {})
    for metric in METRICS:
        value = measured.get(metric, 0.0)
        attrs[metric] = int(value) if metric == "degree" else float(value)
    return attrs


@bulk
def flat_graph(
    graph: nx.Graph[str],
    edges: Edges | None = None,
    scores: Scores | None = None,
    evidence: EvidenceMode = "full",
) -> Flat:
    """A projection for files. `edges` holds the collaboration behind each agent edge,
    keyed by (a, b), a < b; `scores` the measures of each node (computed if not given)."""
    if scores is None:
        from kommgraph.network.centrality import centrality

        measured = centrality(graph).rows if graph.number_of_nodes() else ()
        scores = {r.iri: r.scores for r in measured}
    nodes = [(n, _node_attrs(n, graph.nodes[n], scores)) for n in sorted(graph.nodes)]
    found = edges if edges is not None else {}
    pairs = sorted((a, b) if a < b else (b, a) for a, b in graph.edges)
    flat_edges = []
    for number, (a, b) in enumerate(pairs, start=1):
        attrs: dict[str, Any] = {"edge_id": f"e{number}", **graph.edges[a, b]}
        edge = found.get((a, b))
        if edge is not None:
            attrs.update(_evidence_attrs(edge, evidence))
        flat_edges.append((a, b, attrs))
    kept = {k: v for k, v in graph.graph.items() if isinstance(v, str)}
    return Flat(kept, nodes, flat_edges)


@bulk
def flat_rows(
    nodes: Sequence[NodeRow],
    edges: Sequence[ExportRow],
    scores: Scores,
    attrs: dict[str, str],
    evidence: EvidenceMode = "ids",
) -> Flat:
    """The same from an index's rows (edges in sorted pair order, with their events' IRIs).

    The full evidence is spelled out from a graph's collaborations (`flat_graph`), so
    `evidence` is "none" or "ids" here.
    """
    if evidence == "full":
        raise ValueError("the full evidence comes from the collaborations, not the rows")
    ordered = sorted(nodes, key=lambda row: row[0])
    flat_nodes = [(iri, _node_attrs(iri, data, scores)) for iri, data in ordered]
    if evidence == "ids":
        flat_edges = [
            (a, b, {"edge_id": f"e{number}", "weight": w, "events": n, "event_ids": ids})
            for number, (a, b, w, n, ids) in enumerate(edges, start=1)
        ]
    else:
        flat_edges = [
            (a, b, {"edge_id": f"e{number}", "weight": w, "events": n})
            for number, (a, b, w, n, _ids) in enumerate(edges, start=1)
        ]
    return Flat(attrs, flat_nodes, flat_edges)
