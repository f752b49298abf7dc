"""The order in which a drawing keeps nodes: most central first, ties by label, then IRI.

The same order as `kommgraph.network.centrality.centrality` gives, whether the
measures are counted here (degrees), computed, or known from an index.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kommgraph.network.centrality import centrality, ranked_known
from kommgraph.vocab import Metric

__all__ = ["ranked_by", "ranked_known"]

if TYPE_CHECKING:
    import networkx as nx


def ranked_by(
    graph: nx.Graph[str], metric: Metric, known: Mapping[str, Mapping[str, float]] | None = None
) -> list[tuple[str, float]]:
    """(node, score), most central first; ties by label, then IRI (as `centrality.centrality`).

    Degrees are counted here: `centrality.centrality` computes every measure, and exact
    betweenness and closeness take minutes on a few thousand nodes; `known` are the
    measures of the graph where they were computed before.
    """
    if metric not in ("degree", "weighted_degree"):
        if known is not None:
            label = {
                v: str(t if t is not None else v).casefold() for v, t in graph.nodes(data="label")
            }
            found = [(v, known.get(v, {}).get(metric, 0.0)) for v in graph.nodes]
            return sorted(found, key=lambda vs: (-vs[1], label[vs[0]], vs[0]))
        rows = centrality(graph, metric).rows if graph.number_of_nodes() else ()
        return [(r.iri, r.scores[metric]) for r in rows]
    weight = "weight" if metric == "weighted_degree" else None
    scores = [(str(v), round(float(d), 6)) for v, d in graph.degree(weight=weight)]
    label = {
        v: str(v if text is None else text).casefold() for v, text in graph.nodes(data="label")
    }
    return sorted(scores, key=lambda vs: (-vs[1], label[vs[0]], vs[0]))
