"""Geometry of a static network figure, shared by the SVG and the PNG writer (`figures`).

`scene` places everything once, in pixels of a 1540 x 990 canvas (14 x 9 inches at 110 dpi),
so that the writers only paint lines, marks and texts and both files show the same picture.
Text widths are estimated, not measured with a font: the SVG then does not depend on the
fonts installed, and both files keep (and skip) the same labels. The view is duck-typed
(`Drawable`), so nothing here imports kommgraph.
"""

from __future__ import annotations

import math
import re
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import networkx as nx

WIDTH, HEIGHT, MARGIN = 1540, 990, 12.0
PT = 110 / 72  # pixels per point: node sizes and edge widths are in points, as with matplotlib
KAMADA_KAWAI_LIMIT = 150  # nodes of a component
GAP = 1.8  # between components, in layout units
LABEL_LIMIT = 60  # only the most central nodes get a label
LABEL_SIZE, NOTE_SIZE, TITLE_SIZE, LEGEND_SIZE = 12.0, 13.0, 21.0, 13.0
GREY = "#999999"
NARROW, WIDE = frozenset("fijlrtI.,:;!'|()[]/- "), frozenset("mwMW@&%…—")  # 0.34 and 0.92 em
# vertices, angle of the first (degrees, counter-clockwise from east), radius / marker radius
POLYGONS = {
    "square": (4, 45.0, 1.2),
    "diamond": (4, 90.0, 1.3),
    "triangle": (3, 90.0, 1.4),
    "triangleDown": (3, 270.0, 1.4),
    "hexagon": (6, 0.0, 1.12),
    "star": (5, 90.0, 1.5),  # ten vertices, every other one pulled in
}
_NOT_XML = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_COLOR = re.compile("#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3}")
Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom
Line = tuple[float, float, float, float, float]  # x1, y1, x2, y2, width


class LegendItem(Protocol):
    """One legend row (`LegendEntry`)."""

    @property
    def label(self) -> str: ...
    @property
    def color(self) -> str: ...
    @property
    def shape(self) -> str: ...


class Drawable(Protocol):
    """What a figure reads of a `View`, without importing kommgraph; read-only properties,
    so that the dataclass with its list and dict fields fits."""

    @property
    def graph(self) -> nx.Graph[str]: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> Sequence[str]: ...
    @property
    def cut(self) -> str | None: ...
    @property
    def scores(self) -> Mapping[str, float]: ...
    @property
    def colors(self) -> Mapping[str, str]: ...
    @property
    def shapes(self) -> Mapping[str, str]: ...
    @property
    def sizes(self) -> Mapping[str, float]: ...
    @property
    def widths(self) -> Mapping[frozenset[str], float]: ...
    @property
    def legend(self) -> Sequence[LegendItem]: ...
    @property
    def communities(self) -> Sequence[LegendItem]: ...
    @property
    def legend_heads(self) -> tuple[str, str, str]: ...  # kinds, communities, both


@dataclass(frozen=True)
class Mark:
    """A node (or legend) marker: a circle of radius `r`, or a polygon around it."""

    x: float
    y: float
    r: float
    shape: str
    color: str

    def points(self) -> list[Point]:
        """The polygon's vertices; none for a dot (and unknown shapes, drawn as dots)."""
        if self.shape not in POLYGONS:
            return []
        sides, start, grow = POLYGONS[self.shape]
        count, out = 2 * sides if self.shape == "star" else sides, []
        for i in range(count):
            angle = math.radians(start + 360 * i / count)
            radius = self.r * grow * (0.45 if self.shape == "star" and i % 2 else 1.0)
            out.append((self.x + radius * math.cos(angle), self.y - radius * math.sin(angle)))
        return out


@dataclass(frozen=True)
class Text:
    """One line of text; (x, y) is on the baseline, at its start or its middle."""

    x: float
    y: float
    text: str
    size: float
    middle: bool = False
    bold: bool = False
    color: str = "#000000"
    halo: bool = False


@dataclass
class Scene:
    title: str
    notes: list[str]
    lines: list[Line] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)


def positions(view: Drawable, seed: int = 42) -> dict[str, Point]:
    """The figure's layout of the view's graph (`graph_positions`)."""
    return graph_positions(view.graph, seed)


def graph_positions(graph: nx.Graph[str], seed: int = 42) -> dict[str, Point]:
    """Seeded spring (then Kamada-Kawai) layout per component; components packed in rows."""
    placed = dict[str, Point]()
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c))
    side_of = [max(1.0, len(c) ** 0.6 * 2.4) for c in parts]
    row_width = max([sum(s * s for s in side_of) ** 0.5 * 1.5, *side_of]) if parts else 0.0
    x = y = row_height = 0.0
    for members, side in zip(parts, side_of, strict=True):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height - GAP, 0.0
        sub: nx.Graph[str] = nx.Graph()  # nodes in order, not a view's set (hash seed) order
        sub.add_nodes_from(members)
        sub.add_edges_from(graph.subgraph(members).edges(data=True))
        local: dict[str, Any] = {members[0]: (0.0, 0.0)}
        if len(members) > 1:  # both scaled into [-1, 1]
            local = nx.spring_layout(sub, k=2.0 / len(members) ** 0.5, seed=seed, iterations=200)
            if len(members) <= KAMADA_KAWAI_LIMIT:
                local = nx.rescale_layout_dict(nx.kamada_kawai_layout(sub, pos=local, weight=None))
        for v, (px, py) in local.items():
            placed[v] = (x + (1 + float(px)) * side / 2, y - (1 - float(py)) * side / 2)
        x, row_height = x + side + GAP, max(row_height, side)
    return dict(sorted(placed.items()))


def clean(text: object) -> str:
    """NFC, one line, nothing XML 1.0 forbids: labels come from crawled sources."""
    return " ".join(_NOT_XML.sub(" ", unicodedata.normalize("NFC", str(text))).split())


def short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def color(value: str) -> str:
    """A #rgb or #rrggbb colour, else grey: colours go into SVG attributes and to Pillow."""
    return value if _COLOR.fullmatch(value) else GREY


def text_width(text: str, size: float) -> float:
    """Estimated advance in a sans-serif; rather wide (DejaVu Sans), so labels keep apart."""
    ems = (0.34 if c in NARROW else 0.92 if c in WIDE else 0.62 + 0.1 * c.isupper() for c in text)
    return size * sum(ems)


def scene(view: Drawable, seed: int = 42) -> Scene:
    """Title and notes on top, legend on the right, the network in the rest."""
    notes = [clean(n) for n in [*view.description, *([view.cut] if view.cut else [])]]
    out = Scene(short(clean(view.title), 110), notes)
    out.texts.append(Text(MARGIN, MARGIN + TITLE_SIZE * 0.8, out.title, TITLE_SIZE, bold=True))
    y, chars = MARGIN + TITLE_SIZE, int((WIDTH - 2 * MARGIN) / (NOTE_SIZE * 0.62))
    for part in [p for note in notes for p in textwrap.wrap(note, chars)][:8]:
        y += NOTE_SIZE * 1.35
        out.texts.append(Text(MARGIN, y, part, NOTE_SIZE, color="#444444"))
    top = y + NOTE_SIZE * 1.2
    _network(out, view, seed, (MARGIN, top, _legend(out, view, top), HEIGHT - MARGIN))
    return out


def _legend(out: Scene, view: Drawable, top: float) -> float:
    """Kinds and communities, one row each; returns the network's right edge."""
    entries = [*view.legend, *view.communities]
    if not entries:
        return WIDTH - MARGIN
    head = view.legend_heads[2] if view.communities else view.legend_heads[0]
    row, labels = LEGEND_SIZE * 1.7, [short(clean(e.label)) for e in entries]
    room = max(1, int((HEIGHT - MARGIN - top) / row) - 1)
    if len(entries) > room:  # the last row says how many did not fit
        more = f"… {len(entries) - room + 1} more"
        entries, labels = entries[: room - 1], [*labels[: room - 1], more]
    x = WIDTH - MARGIN - max(text_width(s, LEGEND_SIZE) for s in [head, *labels]) - 30
    out.texts.append(Text(x, top + LEGEND_SIZE, head, LEGEND_SIZE, bold=True))
    for i, label in enumerate(labels, 1):
        y = top + LEGEND_SIZE + i * row
        if i <= len(entries):
            shape, fill = entries[i - 1].shape, color(entries[i - 1].color)
            out.marks.append(Mark(x + 8, y - 0.35 * LEGEND_SIZE, 4.5 * PT, shape, fill))
        out.texts.append(Text(x + 24, y, label, LEGEND_SIZE))
    return x - MARGIN


def _network(out: Scene, view: Drawable, seed: int, box: Box) -> None:
    """Scaled alike on both axes: edges, nodes (largest first: small ones stay visible), labels."""
    if not (pos := positions(view, seed)):
        return
    left, top, right, bottom = box
    radius = {v: max(float(view.sizes.get(v, 8.0)), 1.0) * 0.35 * PT for v in pos}
    xs, ys, pad = [p[0] for p in pos.values()], [p[1] for p in pos.values()], max(radius.values())
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    room_x, room_y = right - left - 2 * pad - 8, bottom - top - 2 * pad - 8 - LABEL_SIZE * 1.3
    scale = max(1e-3, min(room_x / span_x, room_y / span_y))
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    at_x, at_y = (left + right) / 2, (top + bottom - LABEL_SIZE * 1.3) / 2
    xy = {v: (at_x + (p[0] - mid_x) * scale, at_y - (p[1] - mid_y) * scale) for v, p in pos.items()}
    for a, b in sorted(tuple(sorted(e)) for e in view.graph.edges):
        width = 0.4 * float(view.widths.get(frozenset((a, b)), 1.0)) * PT
        out.lines.append((*xy[a], *xy[b], width))
    for v in sorted(pos, key=lambda v: (-radius[v], v)):
        fill = color(view.colors.get(v, GREY))
        out.marks.append(Mark(*xy[v], radius[v], view.shapes.get(v, "dot"), fill))
    nodes = [(m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r) for m in out.marks]
    placed: list[Box] = []  # most central first: below, above, right or left of the node,
    # where no label is yet and preferably no node either; no free spot: no label
    for v in sorted(view.graph, key=lambda v: (-float(view.scores.get(v, 0.0)), v))[:LABEL_LIMIT]:
        text = short(clean(view.graph.nodes[v].get("label", v)))
        (x, y), r, half = xy[v], radius[v], text_width(text, LABEL_SIZE) / 2 + 2  # 2 px apart
        middle, base = min(max(x, left + half), right - half), y + 0.35 * LABEL_SIZE
        spots = [(middle, y + r + 2 + 0.8 * LABEL_SIZE), (middle, y - r - 2 - 0.25 * LABEL_SIZE)]
        spots += [(x + r + 3 + half, base), (x - r - 3 - half, base)]
        rects = [(a - half, b - LABEL_SIZE * 0.8, a + half, b + LABEL_SIZE / 4) for a, b in spots]
        free = [b for b in rects if _inside(b, box) and not _overlaps(b, placed)]
        if text and free:
            placed.append(next((b for b in free if not _overlaps(b, nodes)), free[0]))
            at = ((placed[-1][0] + placed[-1][2]) / 2, placed[-1][1] + 0.8 * LABEL_SIZE)
            out.texts.append(Text(*at, text, LABEL_SIZE, middle=True, halo=True))


def _inside(b: Box, box: Box) -> bool:
    return box[0] <= b[0] and b[2] <= box[2] and box[1] <= b[1] and b[3] <= box[3]


def _overlaps(b: Box, others: list[Box]) -> bool:
    return any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in others)
