"""The network page: a `View` as one self-contained, offline HTML file.

`render_html` writes one self-contained page: vis-network 9.1.2 (the build
shipped inside pyvis) and the page scripts are inlined, nothing refers to any
other file or server, and a Content-Security-Policy forbids every load and every
script but those (by hash). pyvis's own template is not used: it links Bootstrap
and tom-select from CDNs and writes popups with `innerHTML`. The data travels as
JSON in a `<script type="application/json">` block with `<`, `>` and `&` escaped
(`page_data`); the page scripts build every text as DOM with `textContent` only.
Positions are computed before (`page_layout`): the page draws once, with physics off.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import re
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from kommgraph.bulk import bulk
from kommgraph.views.i18n import gettext_for
from kommgraph.views.node_facts import NodeFacts
from kommgraph.views.page_data import GROUP_ABOVE, page_data, ui_words
from kommgraph.views.permalinks import site_root
from kommgraph.views.view import LegendEntry, View

VIS_VERSION = "9.1.2"
VIS_JS, VIS_CSS = "vis-network.min.js", "vis-network.css"


def json_for_html(value: Any) -> str:
    """JSON that cannot end a <script> block or open a comment: <, >, & as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis package; CSS rules with images are dropped.

    The package is found, not imported: importing pyvis imports IPython (0.2 s).
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis, whose vis-network files the page embeds")
    folder = Path(next(iter(spec.submodule_search_locations))) / "lib" / f"vis-{VIS_VERSION}"
    js = folder.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    css = folder.joinpath("vis-network.css").read_text(encoding="utf-8")
    return js, "".join(r + "}" for r in css.split("}") if r.strip() and "url(" not in r)


def _legend_html(entries: list[LegendEntry], head: str) -> str:
    rows = "".join(
        f'<li><span class="kg-mark kg-{html.escape(e.shape)}" style="--c:{html.escape(e.color)}">'
        f"</span>{html.escape(e.label)}</li>"
        for e in entries
    )
    return f'<h2>{html.escape(head)}</h2><ul class="kg-legend">{rows}</ul>' if entries else ""


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


# The page scripts, in the order they run; each is inlined and allowed by its hash.
SCRIPTS = ("fold.js", "core.js", "edges.js", "labels.js", "panel.js", "find.js")


@bulk
def render_html(
    view: View,
    *,
    seed: int = 42,
    generated_at: datetime | None = None,
    site: str | None = None,
    group_above: int = GROUP_ABOVE,
    assets: str | None = None,
    facts: NodeFacts | None = None,
) -> str:
    """The whole self-contained page (deterministic when `generated_at` is None).

    `site` is the root of a `kommgraph site` (a URL or a relative path): each actor
    then links to its page there (`permalinks`). Above `group_above` nodes the page
    opens on one node per community (`page_data`).

    `assets` is the relative URL of a folder holding `page_assets()`: the page then
    refers to those files instead of inlining them, so that the thousands of small
    pages of a site share one copy of vis-network (470 KB). Its policy allows
    scripts and styles from the page's own origin ('self') instead of by hash;
    inline scripts stay forbidden. `facts`: the nodes' facts, gathered once for
    many pages (`node_facts.NodeFacts.for_all`).
    """
    _ = gettext_for(view.lang)
    lines = [*view.description]
    if generated_at is not None:
        lines.append(_("Generated {time}").format(time=generated_at.isoformat(timespec="seconds")))
    root = None if site is None else site_root(site)
    data = page_data(view, seed=seed, site=root, group_above=group_above, facts=facts)
    if assets is None:
        js, css = vis_assets()
        scripts = [js, *(_asset(name) for name in SCRIPTS)]
        hashes = " ".join(f"'sha256-{_sha256(s)}'" for s in scripts)
        csp = (
            f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
        script_tags = "\n".join(f"<script>{s}</script>" for s in scripts)
        style = f"<style>{css}</style>"
    else:
        folder = html.escape(assets.rstrip("/"))
        csp = (
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
        script_tags = "\n".join(
            f'<script src="{folder}/{name}"></script>' for name in (VIS_JS, *SCRIPTS)
        )
        style = f'<link rel="stylesheet" href="{folder}/{VIS_CSS}">'
    cut = f'<p class="kg-cut" id="kg-cut">{html.escape(view.cut)}</p>' if view.cut else ""
    described = [f"<p>{html.escape(line)}</p>" for line in lines]
    described[1:2] = [f'<p id="kg-filters">{html.escape(lines[1])}</p>'] if len(lines) > 1 else []
    values = {
        "lang": view.lang,
        "csp": html.escape(csp, quote=False),
        "title": html.escape(view.title),
        "vis_css": style,
        "scripts": script_tags,
        "data": json_for_html(data),
        "description": "".join(described) + cut,
        "legend": _legend_html(view.legend, view.legend_heads[0])
        + _legend_html(view.communities, view.legend_heads[1]),
        **{f"ui.{k}": html.escape(v) for k, v in ui_words(_).items()},
    }
    return re.sub(r"\{\{([\w.]+)\}\}", lambda m: values[m.group(1)], _asset("page.html"))


def page_assets() -> dict[str, str]:
    """The files a page made with `assets=` refers to: vis-network and the page scripts."""
    js, css = vis_assets()
    return {VIS_JS: js, VIS_CSS: css, **{name: _asset(name) for name in SCRIPTS}}


def _asset(name: str) -> str:
    """The page template and its script, kept as files in kommgraph/views/assets/."""
    return resources.files("kommgraph.views").joinpath("assets", name).read_text(encoding="utf-8")
