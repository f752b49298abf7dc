"""Exports: GraphML and GEXF (Gephi), CSV nodes/edges, the RDF as Turtle or JSON-LD.

Graph exports copy the one collaboration model into plain attributes. Every
node keeps `label`, `kind` (the legend's word), `group`, `class`, `iri` and
its centralities; every edge an `edge_id` (`e1`, `e2`, ... in the order of
the sorted pairs; an attribute, since igraph misreads GraphML's own edge
ids), `weight`, `events`, `bases`, a short `summary` and the IRIs behind it
(`event_ids`, `source_ids`, space-separated). The full evidence (events with
roles, sources with quotes) goes to a side file `<output>.evidence.json`
keyed by edge id: GraphML and GEXF hold no lists, and a whole edge's evidence
as one escaped string helps nobody. GEXF is 1.3 with the page's colours,
sizes by weighted degree and a seeded layout (`kommgraph.views.layout`).
CSV has `label` first, every digit of a float, and an `excel` dialect.
Output goes through `kommgraph.views.files`: "-" is standard output, a device
or FIFO is streamed, a file is replaced atomically, so a failure leaves nothing
half-written. CSV is two files and needs a file name; the evidence side file
is written only beside a file (a stream has no name to put it beside).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx
from rdflib import Graph

from kommgraph.bulk import bulk
from kommgraph.errors import OutputError
from kommgraph.network.collaboration import Collaboration
from kommgraph.rdf.iris import PREFIXES
from kommgraph.views.files import Writer, check_target, write_output, write_outputs
from kommgraph.views.gexf import write_gexf
from kommgraph.views.graphml import write_graphml
from kommgraph.views.layout import positions
from kommgraph.views.present_collab import collaboration_json
from kommgraph.views.tabular import csv_text
from kommgraph.views.view import size_of, style_of
from kommgraph.vocab import METRICS, GraphFormat, RdfFormat

Edges = Mapping[tuple[str, str], Collaboration]
NODE_FIRST = ("label", "kind", "group", "class", "iri")  # then the rest, then the measures
SUMMARY_EVENTS = 3


def summary(edge: Collaboration) -> str:
    """A line for a tooltip or a table: the weight and the first shared events."""
    events = edge.events
    shown = [
        f"{e.label}{f' ({e.date})' if e.date else ''} [{e.basis}]" for e in events[:SUMMARY_EVENTS]
    ]
    more = f"; and {len(events) - SUMMARY_EVENTS} more" if len(events) > SUMMARY_EVENTS else ""
    return f"weight {edge.weight:g}: " + "; ".join(shown) + more


def _evidence_attrs(edge: Collaboration) -> dict[str, Any]:
    return {
        "bases": "; ".join(sorted({e.basis for e in edge.events})),
        "summary": summary(edge),
        "event_ids": " ".join(dict.fromkeys(e.iri for e in edge.events)),
        "source_ids": " ".join(sorted({q.source for q in edge.quotes})),
    }


@bulk
def flat_graph(
    graph: nx.Graph[str],
    edges: Edges | None = None,
    scores: Mapping[str, Mapping[str, float]] | None = None,
) -> nx.Graph[str]:
    """A copy for files: ordered node attributes with centralities, edge ids and summaries.

    `edges` holds the collaboration behind each agent edge, keyed by (a, b), a < b;
    `scores` the measures of each node where they are known already (else computed).
    """
    from kommgraph.network.centrality import centrality

    flat: nx.Graph[str] = nx.Graph()
    if scores is None:
        measured = centrality(graph).rows if graph.number_of_nodes() else ()
        scores = {r.iri: r.scores for r in measured}

    def node_attrs(node: str, data: dict[str, Any]) -> dict[str, Any]:
        attrs = {k: data[k] for k in NODE_FIRST if k in data}
        attrs.update((k, v) for k, v in data.items() if k not in attrs)
        for metric in METRICS:
            value = scores.get(node, {}).get(metric, 0.0)
            attrs[metric] = int(value) if metric == "degree" else float(value)
        return attrs

    # nodes sorted and edges added in the order of the sorted pairs: then the graph lists
    # its edges as e1, e2, ... and every file comes out in one stable order
    flat.add_nodes_from((n, node_attrs(n, graph.nodes[n])) for n in sorted(graph.nodes))
    found = edges or {}
    pairs = sorted((a, b) if a < b else (b, a) for a, b in graph.edges)
    for number, (a, b) in enumerate(pairs, start=1):
        attrs: dict[str, Any] = {"edge_id": f"e{number}", **graph.edges[a, b]}
        edge = found.get((a, b))
        if edge is not None:
            attrs.update(_evidence_attrs(edge))
        flat.add_edge(a, b, **attrs)
    flat.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, str)})
    return flat


def evidence_json(flat: nx.Graph[str], edges: Edges) -> dict[str, Any]:
    """The side file: every edge's full evidence, keyed by the edge id of the export."""
    out: dict[str, Any] = {}
    for a, b, data in flat.edges(data=True):
        key = (a, b) if a < b else (b, a)
        if key in edges:
            out[str(data["edge_id"])] = {"source": key[0], "target": key[1]} | collaboration_json(
                edges[key]
            )
    return {
        "network": flat.graph.get("network", ""),
        "filters": flat.graph.get("filters", ""),
        "edges": out,
    }


def evidence_path(output: Path) -> Path:
    """`network.graphml` -> `network.evidence.json` (and `network.csv` alike)."""
    return output.with_name(f"{output.with_suffix('').name}.evidence.json")


def _write_text(text: str) -> Writer:
    def write(stream: BinaryIO) -> None:
        stream.write(text.encode("utf-8"))

    return write


def _gexf(flat: nx.Graph[str], stream: BinaryIO, seed: int) -> None:
    weighted = {str(v): float(d) for v, d in flat.degree(weight="weight")}
    top = max(weighted.values(), default=0.0)
    write_gexf(
        flat,
        stream,
        colors={v: style_of(str(d.get("kind", ""))).color for v, d in flat.nodes(data=True)},
        sizes={v: size_of(weighted[v], top) for v in flat.nodes},
        positions=positions(flat, seed),
        description=f"kommgraph {flat.graph.get('network', '')} network "
        f"({flat.graph.get('filters', '')}); colour: kind, size: weighted degree",
    )


def csv_paths(output: Path) -> tuple[Path, Path]:
    """FILE (or FILE.csv) -> FILE-nodes.csv and FILE-edges.csv; a stream cannot hold two files."""
    if check_target(output).is_stream:
        raise OutputError(
            output,
            "a CSV export is two files (FILE-nodes.csv and FILE-edges.csv); "
            "give a file name, not standard output, a device or a FIFO",
        )
    stem = output.with_suffix("") if output.suffix == ".csv" else output
    return stem.parent / f"{stem.name}-nodes.csv", stem.parent / f"{stem.name}-edges.csv"


def _csv(flat: nx.Graph[str], output: Path, excel: bool) -> list[tuple[Path, Writer]]:
    nodes_path, edges_path = csv_paths(output)
    keys = list(dict.fromkeys(k for _n, d in flat.nodes(data=True) for k in d))
    node_keys = ["label", "id", *(k for k in keys if k != "label")]
    edge_keys = list(dict.fromkeys(k for *_e, d in flat.edges(data=True) for k in d))
    edge_keys = ["edge_id", "source", "target", "source_label", "target_label"] + [
        k for k in edge_keys if k != "edge_id"
    ]
    label = {n: d.get("label", n) for n, d in flat.nodes(data=True)}
    node_rows = []
    for node in sorted(flat.nodes):
        data = {"id": node, **flat.nodes[node]}
        node_rows.append([data.get(k, "") for k in node_keys])
    edge_rows = []
    for a, b, attrs in flat.edges(data=True):
        ends = {"source": a, "target": b, "source_label": label[a], "target_label": label[b]}
        data = ends | attrs
        edge_rows.append([data.get(k, "") for k in edge_keys])

    return [
        (nodes_path, _write_text(csv_text(node_keys, node_rows, excel=excel))),
        (edges_path, _write_text(csv_text(edge_keys, edge_rows, excel=excel))),
    ]


@bulk
def export_graph(
    graph: nx.Graph[str],
    fmt: GraphFormat,
    output: Path,
    *,
    edges: Edges | None = None,
    excel: bool = False,
    seed: int = 42,
    scores: Mapping[str, Mapping[str, float]] | None = None,
) -> list[Path]:
    """GraphML, GEXF or CSV (two files) of a projection, and the evidence beside it.

    `edges`: the collaborations behind the graph's agent edges; with them (even
    none) an `<output>.evidence.json` is written too. `excel`: CSV for spreadsheets set to
    German. `seed`: of the GEXF layout. `scores`: the nodes' measures, if known.
    """
    if fmt == "csv":
        csv_paths(output)  # a stream is refused before the work
    flat = flat_graph(graph, edges, scores)
    outputs: list[tuple[Path, Writer]]
    if fmt == "graphml":
        outputs = [(output, lambda stream: write_graphml(flat, stream))]
    elif fmt == "gexf":
        outputs = [(output, lambda stream: _gexf(flat, stream, seed))]
    elif fmt == "csv":
        outputs = _csv(flat, output, excel)
    else:
        raise OutputError(output, f"unknown graph format {fmt!r}")
    if edges is not None and not check_target(output).is_stream:
        text = json.dumps(evidence_json(flat, edges), ensure_ascii=False, indent=2) + "\n"
        outputs.append((evidence_path(output), _write_text(text)))
    return write_outputs(outputs)


def export_rdf(rdf: Graph, fmt: RdfFormat, output: Path) -> list[Path]:
    """The RDF itself (the loaded files, or what an endpoint holds) as Turtle or JSON-LD.

    Turtle uses the project's prefixes; JSON-LD is compacted with an `@context`
    of the same prefixes, so its keys read `kg:agent`, its ids `person:fabian-mayer`.
    """

    def write(stream: BinaryIO) -> None:
        if fmt == "turtle":
            rdf.serialize(destination=stream, format="turtle", encoding="utf-8")
        else:
            text = rdf.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
            stream.write(text.encode("utf-8"))

    return [write_output(output, write)]
