"""What a command imports while Oxigraph parses its files.

A first run (no current index) parses the Turtle on one core for a second or
more while the main thread waits. The modules the command will import after
loading (networkx, scipy, igraph, the page and its templates: up to half a
second) are imported in that wait instead, on the second core
(`KommGraph.load(meanwhile=...)`). A run answered from the index parses
nothing and imports as before. The lists name only what the command imports
anyway, so the work moves and is never added.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

# every embedded load that parses reads its rows by SPARQL (rdflib's terms)
_LOADED = ("kommgraph.network.sparql_rows", "kommgraph.network.model")
_ANALYSIS = (
    "kommgraph.network.projection",
    "kommgraph.network.results",
    "kommgraph.network.measures",
    "kommgraph.views.present_analysis",
)
NEEDS: dict[str, tuple[str, ...]] = {
    "collab": ("kommgraph.views.present_collab",),
    "path": ("kommgraph.views.present_collab",),
    "communities": (*_ANALYSIS, "kommgraph.network.grouping"),
    "centrality": _ANALYSIS,
    "export": (*_ANALYSIS, "kommgraph.views.export"),
    "viz": (*_ANALYSIS, "kommgraph.views.page"),
    "site": (*_ANALYSIS, "kommgraph.views.site.build"),
    "query": ("kommgraph.views.present_data",),
    "stats": ("kommgraph.views.present_data", "kommgraph.rdf.stats"),
}


def imports_for(command: str | None) -> Callable[[], None]:
    """Import what `command` will need once its data are loaded (a callable for `meanwhile`)."""
    names = (*_LOADED, *NEEDS.get(command or "", ()))

    def run() -> None:
        for name in names:
            importlib.import_module(name)

    return run
