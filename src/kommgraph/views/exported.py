"""What a network export writes, gathered from the collaboration model.

Without filters and with an index, the network is read as rows from the index's
tables with its edges' event IRIs precomputed (`kommgraph.network.graph_tables`),
and written without building a graph: at 10,000 events that is what brings an
export from over a minute to seconds. Otherwise the projection is flattened
(`kommgraph.views.flat`), the evidence taken from its collaborations.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from kommgraph.network.filters import NO_FILTERS, Filters
from kommgraph.network.model import CollaborationModel
from kommgraph.views.evidence_files import edges_json, events_json
from kommgraph.views.flat import Flat, flat_graph, flat_rows
from kommgraph.vocab import EvidenceMode, Network, is_agent_network

SideFile = Callable[[], str]  # the side file's text, made when it is written


def _text(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def flat_network(
    model: CollaborationModel,
    network: Network,
    filters: Filters | None,
    via_people: bool,
    evidence: EvidenceMode,
) -> tuple[Flat, SideFile | None]:
    """The network for the files, and the content of its evidence side file (None: no
    side file, for networks without collaboration edges or with `evidence="none"`)."""
    scores = model.scores(network, filters, via_people)
    rows = model.table_rows(network, filters, via_people) if evidence != "full" else None
    if rows is not None:
        attrs = {"network": network, "filters": (filters or NO_FILTERS).describe()}
        flat = flat_rows(*rows, scores, attrs, evidence)
        if evidence == "ids" and model.index is not None:
            # the same for every export of these data: kept with the index's results
            index, name = model.index, f"export-evidence-ids-{network}"

            def kept() -> str:
                text = index.result_text(name)
                if text is None:
                    text = _text(events_json(flat, model.evidence))
                    index.keep_text(name, text)
                return text

            return flat, kept
    else:
        graph = model.network(network, filters, via_people)
        agents = is_agent_network(network)  # only collaboration edges have evidence
        edges = model.collaborations(network, filters, via_people) if agents else None
        flat = flat_graph(graph, edges, scores, evidence)
        if edges is None:
            return flat, None
        if evidence == "full":
            return flat, lambda: _text(edges_json(flat, edges))
    if evidence == "none":
        return flat, None
    return flat, lambda: _text(events_json(flat, model.evidence))
