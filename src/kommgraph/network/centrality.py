"""Centrality of every actor in a collaboration network, as one sorted table.

Weights are collaboration strength; for betweenness and closeness a strong
tie must be a short distance, so those use `distance = 1 / weight`
(`kommgraph.network.measures`). Rows are sorted by the chosen measure with a
deterministic tie-break (label, then IRI) so that outputs can be diffed;
every score keeps six significant digits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kommgraph.bulk import bulk
from kommgraph.network.filters import NO_FILTERS, Filters
from kommgraph.tables import Row, Tabular
from kommgraph.vocab import METRICS, AgentNetwork, Metric

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class CentralityRow:
    """All measures for one node."""

    iri: str
    label: str
    kind: str
    scores: dict[str, float]


@dataclass(frozen=True)
class CentralityResult(Tabular):
    """Every measure for every node of one network, sorted by `metric`.

    As a table, one row per node shown (`top` rows, or all): rank, iri, label,
    kind (the legend's word), then degree (int) and the other measures (float).
    """

    rows: tuple[CentralityRow, ...]
    metric: Metric
    note: str  # e.g. how betweenness was computed
    network: AgentNetwork = "actors"
    filters: Filters = NO_FILTERS
    top: int = 0  # rows a presenter shows (0: all)

    @property
    def shown(self) -> tuple[CentralityRow, ...]:
        return self.rows[: self.top] if self.top > 0 else self.rows

    def columns(self) -> tuple[str, ...]:
        return ("rank", "iri", "label", "kind", *METRICS)

    def to_dicts(self) -> list[Row]:
        rows: list[Row] = []
        for rank, r in enumerate(self.shown, start=1):
            row: Row = {"rank": rank, "iri": r.iri, "label": r.label, "kind": r.kind}
            row.update(r.scores)
            row["degree"] = int(r.scores["degree"])
            rows.append(row)
        return rows

    def caption(self) -> str:
        return (
            f"Centrality in the {self.network} network, sorted by {self.metric} "
            f"({self.filters.describe()}; {self.note})"
        )


def significant(value: float) -> float:
    """Six significant digits: the same on every machine, and a betweenness of 3e-8 on a
    large network stays 3e-8 (six decimal places made it 0.0)."""
    return float(f"{value:.6g}")


@bulk
def centrality(
    graph: nx.Graph[str],
    metric: Metric = "weighted_degree",
    progress: Callable[[float], None] | None = None,
) -> CentralityResult:
    """Every measure for every node, sorted by `metric` (desc), then label and IRI.

    `progress` is called with shares of the work (adding up to 1).
    """
    from kommgraph.network.measures import compute

    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    measures = compute(graph, progress=progress)
    rows = [
        CentralityRow(
            v,
            graph.nodes[v].get("label", v),
            graph.nodes[v].get("kind", ""),
            {m: significant(measures.scores[v][m]) for m in METRICS},
        )
        for v in graph.nodes
    ]
    rows.sort(key=lambda r: (-r.scores[metric], r.label.casefold(), r.iri))
    return CentralityResult(tuple(rows), metric, measures.note)


def ranked_known(
    labels: Mapping[str, str], metric: Metric, known: Mapping[str, Mapping[str, float]]
) -> list[tuple[str, float]]:
    """Nodes most central first, ties by label, then IRI, from known measures: the order and
    scores `views.ranking.ranked_by` gives (degrees rounded as counted there)."""
    digits = metric in ("degree", "weighted_degree")  # counted and rounded there
    found = [
        (v, round(float(score), 6) if digits else score)
        for v in labels
        for score in (known.get(v, {}).get(metric, 0.0),)
    ]
    order = {v: str(label).casefold() for v, label in labels.items()}
    return sorted(found, key=lambda vs: (-vs[1], order[vs[0]], vs[0]))
