"""Exports: GraphML and GEXF (Gephi), CSV nodes/edges, the RDF as Turtle or JSON-LD.

Graph exports copy the one collaboration model: every node keeps kind, label
and its centralities; every edge its weight, the number of shared events and
the evidence as a JSON string (GraphML and GEXF hold no lists). Files are
written through `kommgraph.views.files.atomic_write`, so a failure leaves
nothing half-written.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph

from kommgraph.bulk import bulk
from kommgraph.errors import OutputError
from kommgraph.views.files import atomic_write
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


def _write_gexf(graph: nx.Graph[str], path: Path) -> None:
    """GEXF without networkx's `lastmodifieddate`, so exports of equal data are equal files."""
    import re

    nx.write_gexf(graph, path)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1), encoding="utf-8")


@bulk
def export_graph(graph: nx.Graph[str], fmt: GraphFormat, output: Path) -> list[Path]:
    """GraphML, GEXF or CSV (two files) of a projection."""
    flat = flat_graph(graph)
    if fmt == "graphml":
        return [atomic_write(output, lambda p: write_graphml(flat, p))]
    if fmt == "gexf":
        return [atomic_write(output, lambda p: _write_gexf(flat, p))]
    if fmt == "csv":
        stem = output.with_suffix("") if output.suffix == ".csv" else output
        nodes_path = stem.parent / f"{stem.name}-nodes.csv"
        edges_path = stem.parent / f"{stem.name}-edges.csv"
        node_keys = sorted({k for _n, d in flat.nodes(data=True) for k in d})
        edge_keys = sorted({k for _a, _b, d in flat.edges(data=True) for k in d})

        def write_nodes(p: Path) -> None:
            with p.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["id", *node_keys])
                for node in sorted(flat.nodes):
                    data = flat.nodes[node]
                    writer.writerow([node, *(data.get(k, "") for k in node_keys)])

        def write_edges(p: Path) -> None:
            with p.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["source", "target", *edge_keys])
                for a, b, data in sorted(flat.edges(data=True)):
                    writer.writerow([a, b, *(data.get(k, "") for k in edge_keys)])

        return [atomic_write(nodes_path, write_nodes), atomic_write(edges_path, write_edges)]
    raise OutputError(output, f"unknown graph format {fmt!r}")


def export_rdf(rdf: Graph, fmt: RdfFormat, output: Path) -> list[Path]:
    """The RDF itself (the loaded files, or what an endpoint holds) as Turtle or JSON-LD."""
    rdf_format = "turtle" if fmt == "turtle" else "json-ld"

    def write(path: Path) -> None:
        rdf.serialize(destination=str(path), format=rdf_format, encoding="utf-8")

    return [atomic_write(output, write)]
