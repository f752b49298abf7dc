"""Exports: GraphML and GEXF (Gephi), CSV nodes/edges, the RDF as Turtle or JSON-LD.

Graph exports write a `Flat` network (`kommgraph.views.flat`: plain attributes,
numbered edges, as much evidence on the edges as asked for) and, for
collaboration networks, the evidence beside it in `<output>.evidence.json`
(`kommgraph.views.evidence_files`). GEXF is 1.3 with the page's colours, sizes
by weighted degree and a seeded layout (`kommgraph.views.layout`). CSV has
`label` first, every digit of a float, and an `excel` dialect.
Output goes through `kommgraph.views.files`: "-" is standard output, a device
or FIFO is streamed, a file is replaced atomically, so a failure leaves nothing
half-written. CSV is two files and needs a file name; the evidence side file
is written only beside a file (a stream has no name to put it beside).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kommgraph.bulk import bulk
from kommgraph.errors import OutputError
from kommgraph.progress import step
from kommgraph.rdf.iris import PREFIXES
from kommgraph.views.files import Writer, check_target, write_output, write_outputs
from kommgraph.views.flat import Flat
from kommgraph.views.graphml import graphml_document, write_lines
from kommgraph.views.tabular import csv_text
from kommgraph.vocab import GraphFormat, RdfFormat

if TYPE_CHECKING:
    from rdflib import Graph


def evidence_path(output: Path) -> Path:
    """`network.graphml` -> `network.evidence.json` (and `network.csv` alike)."""
    return output.with_name(f"{output.with_suffix('').name}.evidence.json")


def _write_text(text: str) -> Writer:
    def write(stream: BinaryIO) -> None:
        stream.write(text.encode("utf-8"))

    return write


def _gexf(flat: Flat, stream: BinaryIO, seed: int) -> None:
    from kommgraph.views.gexf import write_gexf
    from kommgraph.views.layout import positions
    from kommgraph.views.view import size_of, style_of

    graph = flat.networkx()
    weighted = {str(v): float(d) for v, d in graph.degree(weight="weight")}
    top = max(weighted.values(), default=0.0)
    write_gexf(
        graph,
        stream,
        colors={v: style_of(str(d.get("kind", ""))).color for v, d in flat.nodes},
        sizes={v: size_of(weighted[v], top) for v, _d in flat.nodes},
        positions=positions(graph, seed),
        description=f"kommgraph {flat.attrs.get('network', '')} network "
        f"({flat.attrs.get('filters', '')}); colour: kind, size: weighted degree",
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


def _csv(flat: Flat, output: Path, excel: bool) -> list[tuple[Path, Writer]]:
    nodes_path, edges_path = csv_paths(output)
    keys = list(dict.fromkeys(k for _n, d in flat.nodes for k in d))
    node_keys = ["label", "id", *(k for k in keys if k != "label")]
    edge_keys = list(dict.fromkeys(k for *_e, d in flat.edges for k in d))
    edge_keys = ["edge_id", "source", "target", "source_label", "target_label"] + [
        k for k in edge_keys if k != "edge_id"
    ]
    label = {n: d.get("label", n) for n, d in flat.nodes}
    node_rows = []
    for node, attrs in flat.nodes:
        data = {"id": node, **attrs}
        node_rows.append([data.get(k, "") for k in node_keys])
    edge_rows = []
    for a, b, attrs in flat.edges:
        ends = {"source": a, "target": b, "source_label": label[a], "target_label": label[b]}
        data = ends | attrs
        edge_rows.append([data.get(k, "") for k in edge_keys])

    return [
        (nodes_path, _write_text(csv_text(node_keys, node_rows, excel=excel))),
        (edges_path, _write_text(csv_text(edge_keys, edge_rows, excel=excel))),
    ]


@bulk
def export_graph(
    flat: Flat,
    fmt: GraphFormat,
    output: Path,
    *,
    evidence: Callable[[], str] | None = None,
    excel: bool = False,
    seed: int = 42,
) -> list[Path]:
    """GraphML, GEXF or CSV (two files) of a network, and its evidence beside it.

    `evidence` gives the side file's text (`kommgraph.views.exported`);
    with it, an `<output>.evidence.json` is written beside a file, never beside a
    stream. `excel`: CSV for spreadsheets set to German. `seed`: of the GEXF layout.
    """
    if fmt == "csv":
        csv_paths(output)  # a stream is refused before the work
    outputs: list[tuple[Path, Writer]]
    if fmt == "graphml":
        outputs = [
            (
                output,
                lambda stream: write_lines(
                    graphml_document(flat.attrs, flat.nodes, flat.edges), stream
                ),
            )
        ]
    elif fmt == "gexf":
        outputs = [(output, lambda stream: _gexf(flat, stream, seed))]
    elif fmt == "csv":
        outputs = _csv(flat, output, excel)
    else:
        raise OutputError(output, f"unknown graph format {fmt!r}")
    with step(f"Writing {len(flat.nodes):,} nodes and {len(flat.edges):,} edges …"):
        if evidence is not None and not check_target(output).is_stream:
            outputs.append((evidence_path(output), _write_text(evidence())))
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
