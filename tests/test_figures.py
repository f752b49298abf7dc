"""Static figures without matplotlib: valid, escaped, deterministic SVG and PNG of a view."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kommgraph.views import figures as module
from kommgraph.views.figure_layout import Drawable, scene
from kommgraph.views.figures import _font, _printable, figure_bytes, positions, write_figure

EVIL = "<img src=x onerror=alert(1)> & „Zitat“ 'x' \"y\""
SHORT_EVIL = "<img src=x onerror=alert(1)> & „Z…"  # labels are cut at 34 characters
SVG = "{http://www.w3.org/2000/svg}"
SHAPES = ("dot", "square", "diamond", "triangle", "triangleDown", "star", "hexagon", "weird")


@dataclass(frozen=True)
class Entry:
    label: str
    color: str
    shape: str


@dataclass
class FakeView:
    graph: nx.Graph[str]
    title: str = "kommgraph: actors network – Müller & <Söhne> " + EVIL
    description: list[str] = field(default_factory=lambda: ["Actors network", "Filters: none"])
    cut: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    colors: dict[str, str] = field(default_factory=dict)
    shapes: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, float] = field(default_factory=dict)
    widths: dict[frozenset[str], float] = field(default_factory=dict)
    legend: list[Entry] = field(default_factory=list)
    communities: list[Entry] = field(default_factory=list)
    legend_heads: tuple[str, str, str] = ("Kinds", "Communities", "Communities and kinds")


def make_view(graph: nx.Graph[str]) -> FakeView:
    view = FakeView(graph, legend=[Entry(s, "#0072B2", s) for s in SHAPES])
    for i, v in enumerate(sorted(graph)):
        view.scores[v] = float(graph.degree(v)) + i / 100
        view.colors[v] = ("#D55E00", "#009E73", "#CC79A7", "not a colour")[i % 4]
        view.shapes[v] = SHAPES[i % len(SHAPES)]
        view.sizes[v] = 8 + i % 22
    for a, b in graph.edges:
        view.widths[frozenset((a, b))] = 1 + (len(a) + len(b)) % 8
    return view


def three_components() -> FakeView:
    graph: nx.Graph[str] = nx.Graph()
    for c, n in enumerate((16, 9, 5)):
        ring = [f"c{c}n{i:02d}" for i in range(n)]
        graph.add_edges_from(zip(ring, ring[1:] + ring[:1], strict=True))
        graph.add_edges_from((ring[0], v) for v in ring[2::3])
    for v in graph:
        graph.nodes[v]["label"] = f"Akteurin {v} Ä ö ß"
    graph.nodes["c0n00"]["label"] = EVIL
    graph.nodes["c1n00"]["label"] = "Bad\x00control\x1fchars\ud800 here"
    view = make_view(graph)
    view.scores["c0n00"] = 100.0  # most central: always labelled
    view.cut = "This is a cut: it shows the 30 most central of 99 nodes."
    return view


def parse(svg: bytes) -> ET.Element:
    return ET.fromstring(svg)


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_png_has_signature_and_size() -> None:
    assert png_size(figure_bytes(three_components(), "png")) == (1540, 990)


def test_svg_is_xml_with_text_title_and_viewbox() -> None:
    svg = figure_bytes(three_components(), "svg")
    root = parse(svg)
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == "0 0 1540 990"
    title = "kommgraph: actors network – Müller & <Söhne> " + EVIL
    assert root.findtext(f"{SVG}title") == title
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert title in texts and SHORT_EVIL in texts and "Bad control chars here" in texts
    assert all(t.get("font-family") == "sans-serif" for t in root.iter(f"{SVG}text"))
    assert "Akteurin c0n01 Ä ö ß" in texts and "Kinds" in texts and "weird" in texts
    assert b"<img" not in svg and b"&lt;img src=x onerror=alert(1)&gt; &amp; " in svg
    assert not list(root.iter(f"{SVG}path")) and not list(root.iter(f"{SVG}image"))
    assert any(t.startswith("This is a cut") for t in texts)


def test_labels_do_not_overlap() -> None:
    caves: nx.Graph[Any] = nx.connected_caveman_graph(6, 10)
    graph: nx.Graph[str] = nx.relabel_nodes(caves, {v: f"n{v:02d}" for v in caves})
    view = make_view(graph)
    for v in view.graph:
        view.graph.nodes[v]["label"] = f"A rather long label for node {v}"
    labels, font = [t for t in scene(view).texts if t.halo], _font(12.0, False)
    half = [font.getlength(t.text) / 2 for t in labels]  # as drawn in the PNG
    boxes = [(t.x - w, t.y - 9, t.x + w, t.y + 3) for t, w in zip(labels, half, strict=True)]
    assert 10 < len(labels) < 60
    for i, a in enumerate(boxes):
        for b in boxes[:i]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_same_view_gives_same_bytes(fmt: str) -> None:
    assert figure_bytes(three_components(), fmt) == figure_bytes(three_components(), fmt)


def test_same_bytes_under_any_hash_seed() -> None:
    """A subgraph view iterates its nodes in set order: the layout must not follow it."""
    code = (
        f"import sys, hashlib; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "from test_figures import three_components as v; "
        "from kommgraph.views.figures import figure_bytes as f; "
        "print(hashlib.sha256(f(v(), 'svg') + f(v(), 'png')).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_empty_graph_and_single_node(fmt: str) -> None:
    empty = FakeView(nx.Graph(), title="", description=[])
    single: nx.Graph[str] = nx.Graph()
    single.add_node("only", label="Nur ich")
    for view in (empty, make_view(single)):
        data = figure_bytes(view, fmt)
        if fmt == "svg":
            parse(data)
        else:
            assert png_size(data) == (1540, 990)
    assert positions(make_view(single)) == {"only": (1.2, -1.2)}


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown figure format"):
        figure_bytes(three_components(), "pdf")


def test_write_figure_writes_the_file_and_nothing_beside_it(tmp_path: Path) -> None:
    path = write_figure(three_components(), tmp_path / "a.svg", "svg")
    assert path.read_bytes() == figure_bytes(three_components(), "svg")
    assert write_figure(three_components(), tmp_path / "b.png", "png").stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.svg", "b.png"]


def test_png_text_falls_back_only_where_the_font_lacks_glyphs() -> None:
    from PIL import ImageFont

    own = ImageFont.load_default(12)  # Pillow's Aileron: ASCII and a few more
    assert _printable("Müller „Zitat“ – Straße", own) == 'Mueller "Zitat“ - Strasse'
    assert _printable("café", own) == "cafe"
    # with a system font (DejaVu, Liberation, Noto) the text stays as written
    expected = (
        "Müller „Zitat“ – Straße" if module._font_file(False) else 'Mueller "Zitat“ - Strasse'
    )
    assert _printable("Müller „Zitat“ – Straße", _font(12.0, False)) == expected


def test_png_without_system_fonts_uses_pillows_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "FONTS", ())
    module._font.cache_clear()
    module._font_file.cache_clear()
    try:
        assert module._font_file(False) is None
        assert png_size(figure_bytes(three_components(), "png")) == (1540, 990)
    finally:
        module._font.cache_clear()
        module._font_file.cache_clear()


def test_protocol_accepts_the_fake_view() -> None:
    view: Drawable = three_components()  # checked by mypy
    assert view.graph.number_of_nodes() == 30
