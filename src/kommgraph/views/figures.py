"""Static figures of a `View` for papers and slides: PNG or SVG with matplotlib.

Same colours and shapes as the HTML page (`kommgraph.views.page.KIND_STYLES`), a legend, and a
deterministic layout (`networkx.spring_layout` with a seed). The Agg canvas is attached
to a bare `Figure`, so no pyplot state or GUI backend is involved; SVG output carries a
fixed hash salt and no date, so the same input gives the same bytes. Files are written
atomically.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import networkx as nx

from kommgraph.views.files import atomic_write
from kommgraph.views.view import View

MARKERS = {
    "dot": "o",
    "square": "s",
    "diamond": "D",
    "triangle": "^",
    "triangleDown": "v",
    "star": "*",
    "hexagon": "h",
}
KAMADA_KAWAI_LIMIT = 150  # nodes of a component
GAP = 1.8  # between components, in layout units
LABEL_LIMIT = 60  # above this many nodes only the most central get a label


def positions(view: View, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Seeded spring (then Kamada-Kawai) layout per component; components packed in rows."""
    graph, placed = view.graph, {}
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    side_of = [max(1.0, len(c) ** 0.6 * 2.4) for c in parts]
    row_width = max([sum(s * s for s in side_of) ** 0.5 * 1.5, *side_of]) if parts else 0.0
    x = y = row_height = 0.0
    for members, side in zip(parts, side_of, strict=True):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height - GAP, 0.0
        sub = graph.subgraph(members)
        local: dict[str, Any] = {members[0]: (0.0, 0.0)}
        if len(members) > 1:  # both scaled into [-1, 1]
            local = nx.spring_layout(sub, k=2.0 / len(members) ** 0.5, seed=seed, iterations=200)
            if len(members) <= KAMADA_KAWAI_LIMIT:
                local = nx.rescale_layout_dict(nx.kamada_kawai_layout(sub, pos=local, weight=None))
        for v, (px, py) in local.items():
            placed[v] = (x + (1 + float(px)) * side / 2, y - (1 - float(py)) * side / 2)
        x, row_height = x + side + GAP, max(row_height, side)
    return dict(sorted(placed.items()))


def write_figure(view: View, path: Path, fmt: str, *, seed: int = 42) -> Path:
    """Draw the view and write it as `fmt` (png or svg) to `path`, atomically."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown figure format {fmt!r}")
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patheffects import withStroke

    with mpl.rc_context({"svg.hashsalt": "kommgraph", "font.size": 9}):
        figure = Figure(figsize=(14, 9), dpi=110, layout="constrained")
        FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        ax.set_axis_off()
        pos = positions(view, seed)
        graph = view.graph
        segments = [(pos[a], pos[b]) for a, b in graph.edges]
        widths = [0.4 * view.widths.get(frozenset(e), 1.0) for e in graph.edges]
        ax.add_collection(
            LineCollection(segments, linewidths=widths, colors="#505050", alpha=0.35, zorder=1)
        )
        for shape in sorted({view.shapes[v] for v in graph}):
            members = sorted(v for v in graph if view.shapes[v] == shape)
            ax.scatter(
                [pos[v][0] for v in members],
                [pos[v][1] for v in members],
                s=[(view.sizes[v] * 0.7) ** 2 for v in members],
                c=[view.colors[v] for v in members],
                marker=MARKERS.get(shape, "o"),
                edgecolors="#333333",
                linewidths=0.6,
                zorder=2,
            )
        ranked = sorted(graph, key=lambda v: (-view.scores.get(v, 0.0), v))
        for v in ranked[:LABEL_LIMIT]:
            label = str(graph.nodes[v].get("label", v))
            label = label if len(label) <= 34 else label[:32] + "…"
            ax.annotate(
                label,
                pos[v],
                xytext=(0, -(view.sizes[v] * 0.35 + 4)),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8,
                zorder=3,
                path_effects=[withStroke(linewidth=3, foreground="white")],
            )
        ax.autoscale_view()
        ax.margins(0.06)
        handles = [
            Line2D(
                [],
                [],
                linestyle="",
                marker=MARKERS.get(e.shape, "o"),
                markersize=9,
                markerfacecolor=e.color,
                markeredgecolor="#333333",
                label=e.label,
            )
            for e in view.legend + view.communities
        ]
        if handles:
            ax.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(1.0, 1.0),
                frameon=False,
                title="Communities and kinds" if view.communities else "Kinds",
            )
        figure.suptitle(view.title, fontsize=14, fontweight="bold", x=0.01, ha="left")
        notes = [*view.description, *([view.cut] if view.cut else [])]
        text = "\n".join(textwrap.fill(line, 160) for line in notes)
        ax.set_title(text, fontsize=8.5, loc="left", color="#444444")
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        return atomic_write(path, lambda p: figure.savefig(p, format=fmt, metadata=metadata))
