"""Exports: GraphML and GEXF (Gephi), CSV nodes/edges, the RDF as Turtle or JSON-LD.

Graph exports copy the one collaboration model: every node keeps kind, label
and its centralities; every edge its weight, the number of shared events and
the evidence as a JSON string (GraphML and GEXF hold no lists). Files are
written to a temporary name and renamed, so a failure leaves nothing
half-written.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kommgraph.bulk import bulk
from kommgraph.errors import OutputError
from kommgraph.views.graphml import write_graphml
from kommgraph.views.answers import collaboration_json

if TYPE_CHECKING:
    from kommgraph.api import KommGraph


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Write through a temporary file in the same folder, then rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(path, f"folder {folder} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    os.close(handle)
    try:
        write(Path(temporary))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(path, exc.strerror or str(exc)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


@bulk
def flat_graph(graph: nx.Graph[str]) -> nx.Graph[str]:
    """A copy with only scalar attributes: centralities added, evidence as JSON."""
    from kommgraph.network.analysis import METRICS, centrality

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
def export_graph(graph: nx.Graph[str], fmt: str, output: Path) -> list[Path]:
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


def export_rdf(graph: KommGraph, fmt: str, output: Path) -> list[Path]:
    """The RDF itself: the loaded files, or everything an endpoint holds."""
    if graph.graph is not None:
        rdf = graph.graph.to_rdflib()
    else:
        from kommgraph.rdf.sparql import GraphResult

        result = graph.sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert isinstance(result, GraphResult)
        rdf = result.graph
    rdf_format = "turtle" if fmt == "turtle" else "json-ld"

    def write(path: Path) -> None:
        rdf.serialize(destination=str(path), format=rdf_format, encoding="utf-8")

    return [atomic_write(output, write)]
