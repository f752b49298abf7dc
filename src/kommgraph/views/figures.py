"""Static figures of a network view: SVG written by hand, PNG painted with Pillow.

No matplotlib: with it installed, `import igraph` loads pyplot (0.6 s). Both writers paint
the same `figure_layout.Scene`, so the files look alike. The SVG keeps every text as an
escaped, editable <text>; it has no date and no generated ids, and Pillow writes no
timestamp: the same view gives the same bytes. `write_figure` writes through `views.files`.
"""

from __future__ import annotations

import functools
import html
import io
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from kommgraph.views.figure_layout import HEIGHT, WIDTH, Drawable, Scene, positions, scene
from kommgraph.views.files import write_bytes
from kommgraph.vocab import FigureFormat

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont, ImageFont

    Font = FreeTypeFont | ImageFont

__all__ = ["Drawable", "figure_bytes", "png_bytes", "positions", "svg_bytes", "write_figure"]

OUTLINE, EDGE, EDGE_OPACITY, HALO = "#333333", "#505050", 0.35, "#ffffff"
HALO_SVG = f' stroke="{HALO}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
SUPERSAMPLE = 2  # Pillow draws shapes without anti-aliasing: draw them large, then shrink
# (regular, bold), looked up by Pillow in the system's font folders; DejaVu Sans is what
# the figures used when matplotlib drew them. Pillow's own font (Aileron) is the last
# resort: it has no umlauts, ß, „, – or €, so `_printable` replaces them (ä → ae).
FONTS = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("arial.ttf", "arialbd.ttf"),
)
SUBSTITUTES = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
SUBSTITUTES |= {"„": '"', "‚": "'", "–": "-", "—": "-", "€": "EUR"}


def figure_bytes(view: Drawable, fmt: str, *, seed: int = 42) -> bytes:
    """The view drawn as `fmt` ("png" or "svg"); the same bytes for the same view and seed."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown figure format {fmt!r}")
    return svg_bytes(scene(view, seed)) if fmt == "svg" else png_bytes(scene(view, seed))


def write_figure(view: Drawable, path: Path, fmt: FigureFormat, *, seed: int = 42) -> Path:
    """Draw, then write (`kommgraph.views.files`: atomically, or "-" for standard output)."""
    return write_bytes(path, figure_bytes(view, fmt, seed=seed))


def svg_bytes(drawn: Scene) -> bytes:
    """One element a line; the edges share one opacity (a group), as in the PNG."""
    esc = html.escape  # <, >, &, " and '
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">',
        f"<title>{esc(drawn.title)}</title>\n<desc>{esc(chr(10).join(drawn.notes))}</desc>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<g stroke="{EDGE}" stroke-linecap="round" opacity="{EDGE_OPACITY}">',
    ]
    for x1, y1, x2, y2, lw in drawn.lines:
        ends = f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"'
        out.append(f'<line {ends} stroke-width="{lw:.2f}"/>')
    out.append(f'</g>\n<g stroke="{OUTLINE}" stroke-width="0.9" stroke-linejoin="round">')
    for m in drawn.marks:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in m.points())
        dot = f'circle cx="{m.x:.1f}" cy="{m.y:.1f}" r="{m.r:.1f}"'
        shape = f'polygon points="{points}"' if points else dot
        out.append(f'<{shape} fill="{esc(m.color)}"/>')
    out.append("</g>")
    for t in drawn.texts:
        style = f'font-family="sans-serif" font-size="{t.size:g}" fill="{esc(t.color)}"'
        style += ' font-weight="bold"' * t.bold + ' text-anchor="middle"' * t.middle
        style += HALO_SVG * t.halo
        out.append(f'<text x="{t.x:.1f}" y="{t.y:.1f}" {style}>{esc(t.text)}</text>')
    return "\n".join([*out, "</svg>\n"]).encode("utf-8")


def png_bytes(drawn: Scene) -> bytes:
    """Lines and marks drawn at twice the size and shrunk; text drawn at the final size."""
    from PIL import Image, ImageDraw

    k = SUPERSAMPLE
    canvas = Image.new("RGBA", (WIDTH * k, HEIGHT * k), "#ffffff")
    edges = Image.new("RGBA", canvas.size, (0, 0, 0, 0))  # one opacity for all, as in the SVG
    pen, alpha = ImageDraw.Draw(edges), round(EDGE_OPACITY * 255)
    for x1, y1, x2, y2, width in drawn.lines:
        ends = [(x1 * k, y1 * k), (x2 * k, y2 * k)]
        pen.line(ends, fill=(80, 80, 80, alpha), width=max(1, round(width * k)))
    canvas.alpha_composite(edges)
    pen = ImageDraw.Draw(canvas)
    for m in drawn.marks:
        if points := m.points():
            pen.polygon([(x * k, y * k) for x, y in points], m.color, OUTLINE, width=k)
        else:
            box = ((m.x - m.r) * k, (m.y - m.r) * k, (m.x + m.r) * k, (m.y + m.r) * k)
            pen.ellipse(box, m.color, OUTLINE, width=k)
    image = canvas.convert("RGB").resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    pen = ImageDraw.Draw(image)
    for t in drawn.texts:
        font, anchor = _font(t.size, t.bold), "ms" if t.middle else "ls"
        text, halo = _printable(t.text, font), 2 if t.halo else 0
        pen.text((t.x, t.y), text, t.color, font, anchor, stroke_width=halo, stroke_fill=HALO)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@functools.cache
def _font(size: float, bold: bool) -> Font:
    """Basic layout (no raqm), so that the PNG does not depend on an optional library."""
    from PIL import ImageFont

    if found := _font_file(bold) or _font_file(False):
        return ImageFont.truetype(found, size, layout_engine=ImageFont.Layout.BASIC)
    return ImageFont.load_default(size)


@functools.cache
def _font_file(bold: bool) -> str | None:
    """The first of `FONTS` that Pillow finds (looked up once: it walks the font folders)."""
    from PIL import ImageFont

    for pair in FONTS:
        try:
            return str(ImageFont.truetype(pair[bold], 10).path)
        except OSError:
            continue
    return None


@functools.cache
def _has_glyph(font: Font, ch: str) -> bool:
    """Whether `font` draws `ch`, rather than its "missing glyph" box."""
    missing, mask = font.getmask("\U0010fffd"), font.getmask(ch)
    return ch.isspace() or mask.size != missing.size or bytes(mask) != bytes(missing)


def _printable(text: str, font: Font) -> str:
    """`text` with what `font` lacks replaced: German by rule, accents dropped, else "?"."""
    out = []
    for ch in text:
        bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        other = ch if _has_glyph(font, ch) else SUBSTITUTES.get(ch) or bare
        out.append(other if other and all(_has_glyph(font, c) for c in other) else "?")
    return "".join(out)
