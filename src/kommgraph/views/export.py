"""Exports: GraphML and GEXF (Gephi), CSV nodes/edges, the RDF as Turtle or JSON-LD.

Graph exports copy the one collaboration model: every node keeps kind, label
and its centralities; every edge its weight, the number of shared events and
the evidence as a JSON string (GraphML and GEXF hold no lists). Output goes
through `kommgraph.views.files`: "-" is standard output, a device or FIFO is
streamed, a file is replaced atomically, so a failure leaves nothing
half-written. CSV is two files and therefore needs a file name.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx
from rdflib import Graph

from kommgraph.bulk import bulk
from kommgraph.errors import OutputError
from kommgraph.views.files import check_target, text_stream, write_output, write_outputs
from kommgraph.views.graphml import write_graphml
from kommgraph.views.present_collab import collaboration_json
from kommgraph.vocab import METRICS, GraphFormat, RdfFormat


@bulk
def flat_graph(graph: nx.Graph[str]) -> nx.Graph[str]:
    """A copy with only scalar attributes: centralities added, evidence as JSON."""
    from kommgraph.network.centrality import centrality

    flat: nx.Graph[str] = nx.Graph()
    scores = {r.iri: r.scores for r in centrality(graph).rows} if graph.number_of_nodes() else {}

    def node_attrs(node: str, data: dict[str, Any]) -> dict[str, Any]:
        attrs = {k: v for k, v in data.items() if isinstance(v, str | int | float | bool)}
        for metric in METRICS:
            attrs[metric] = float(scores.get(node, {}).get(metric, 0.0))
        return attrs

    def edge_attrs(data: dict[str, Any]) -> dict[str, Any]:
        attrs = {k: v for k, v in data.items() if isinstance(v, str | int | float | bool)}
        attrs.pop("distance", None)
        edge = data.get("collaboration")
        if edge is not None:
            attrs["evidence"] = json.dumps(
                collaboration_json(edge), ensure_ascii=False, sort_keys=True
            )
        for key in ("roles", "event_iris"):
            if key in data:
                attrs[key] = "; ".join(data[key])
        return attrs

    flat.add_nodes_from((n, node_attrs(n, d)) for n, d in graph.nodes(data=True))
    flat.add_edges_from((a, b, edge_attrs(d)) for a, b, d in graph.edges(data=True))
    flat.graph.update({k: v for k, v in graph.graph.items() if isinstance(v, str)})
    return flat


def _write_gexf(graph: nx.Graph[str], stream: BinaryIO) -> None:
    """GEXF without networkx's `lastmodifieddate`, so exports of equal data are equal files."""
    import re

    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    stream.write(re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue(), count=1))


@bulk
def export_graph(graph: nx.Graph[str], fmt: GraphFormat, output: Path) -> list[Path]:
    """GraphML, GEXF or CSV (two files) of a projection."""
    if fmt == "csv":
        nodes_path, edges_path = csv_paths(output)
    flat = flat_graph(graph)
    if fmt == "graphml":
        return [write_output(output, lambda stream: write_graphml(flat, stream))]
    if fmt == "gexf":
        return [write_output(output, lambda stream: _write_gexf(flat, stream))]
    if fmt == "csv":
        node_keys = sorted({k for _n, d in flat.nodes(data=True) for k in d})
        edge_keys = sorted({k for _a, _b, d in flat.edges(data=True) for k in d})

        def write_nodes(stream: BinaryIO) -> None:
            with text_stream(stream, newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["id", *node_keys])
                for node in sorted(flat.nodes):
                    data = flat.nodes[node]
                    writer.writerow([node, *(data.get(k, "") for k in node_keys)])

        def write_edges(stream: BinaryIO) -> None:
            with text_stream(stream, newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["source", "target", *edge_keys])
                for a, b, data in sorted(flat.edges(data=True)):
                    writer.writerow([a, b, *(data.get(k, "") for k in edge_keys)])

        return write_outputs([(nodes_path, write_nodes), (edges_path, write_edges)])
    raise OutputError(output, f"unknown graph format {fmt!r}")


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


def export_rdf(rdf: Graph, fmt: RdfFormat, output: Path) -> list[Path]:
    """The RDF itself (the loaded files, or what an endpoint holds) as Turtle or JSON-LD."""
    rdf_format = "turtle" if fmt == "turtle" else "json-ld"

    def write(stream: BinaryIO) -> None:
        rdf.serialize(destination=stream, format=rdf_format, encoding="utf-8")

    return [write_output(output, write)]
