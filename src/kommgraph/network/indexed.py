"""Loading through the persistent index: open it when current, else load and build it.

`kommgraph.rdf.index` keeps the data as an on-disk store; this module adds what
the collaboration model wants precomputed beside it (`kommgraph.network.tables`)
and decides when to build. A command that finds no current index loads the
files into memory as before, so it is no slower than without an index, and
starts one build in the background (a separate process, at most one per set of
data files at a time); the next command opens the index instead of parsing.
`kommgraph index` builds it in the foreground.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kommgraph.network.tables import TableRows
from kommgraph.rdf import index as disk

if TYPE_CHECKING:
    from kommgraph.network.rows import Rows
    from kommgraph.rdf.graph_store import GraphStore
    from kommgraph.rdf.sparql import Backend

TABLES = "evidence.sqlite"
# set to "0" to build indexes only when asked (`kommgraph index`); tests do
BACKGROUND = "KOMMGRAPH_BACKGROUND_INDEX"


def open_or_load(
    paths: Sequence[Path] | None,
    cache: Path | None,
    progress: Callable[[float], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[GraphStore, disk.Index | None]:
    """The data from the current index, or loaded from the files (and an index started);
    `meanwhile()` runs while the files parse, not when the index answers."""
    if cache is not None:
        try:
            found = disk.open_index(cache, paths, lambda: _load(paths).store)
        except (OSError, RuntimeError, ValueError, sqlite3.Error):  # an unusable cache: none
            found = None
        if found is not None:
            return found.graph, found
    graph = _load(paths, progress, meanwhile)
    if cache is not None and os.environ.get(BACKGROUND, "1") != "0":
        start_background_build(paths, cache)
    return graph, None


def _load(
    paths: Sequence[Path] | None,
    progress: Callable[[float], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> GraphStore:
    """The files, parsed (imported only then: an answer from the index needs no parser)."""
    from kommgraph.rdf.loading import load

    return load(paths, progress=progress, meanwhile=meanwhile)


def rows_for(backend: Backend, index: disk.Index | None) -> Rows:
    """Where the model's rows come from: the index's tables, else SPARQL."""
    if index is not None and index.extra(TABLES).is_file():
        return TableRows(index.extra(TABLES), backend.describe())
    from kommgraph.network.sparql_rows import SparqlRows

    return SparqlRows(backend)


def build(
    paths: Sequence[Path] | None,
    cache: Path,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """Load the files and write their index (store and tables) now; the build folder."""
    from kommgraph.network.edges import collaborations
    from kommgraph.network.evidence import Evidence
    from kommgraph.network.filters import NO_FILTERS
    from kommgraph.network.graph_tables import write_graph_tables
    from kommgraph.network.projection import collaboration_graph
    from kommgraph.network.results import cached_centrality, cached_communities
    from kommgraph.network.sparql_rows import SparqlRows
    from kommgraph.network.tables import write_tables
    from kommgraph.rdf.sparql import LocalBackend

    advance = progress or (lambda _share: None)
    graph = _load(paths)
    advance(0.25)

    def extras(loaded: GraphStore, folder: Path) -> None:
        rows = SparqlRows(LocalBackend(loaded))
        evidence = Evidence(rows)
        write_tables(rows, evidence.root_of, folder / TABLES)
        edges = collaborations(evidence)
        actors = collaboration_graph(evidence, "actors", edges=edges)
        write_graph_tables(actors, evidence.agents, edges, folder / TABLES)
        # what later commands ask for most: every measure and the communities of the
        # whole actors network (minutes on a large graph, here in the background)
        (folder / "results").mkdir(exist_ok=True)
        kept = disk.Index(folder, loaded, {})
        cached_centrality(kept, lambda: actors, "actors", NO_FILTERS, False, "weighted_degree")
        cached_communities(
            kept, lambda: actors, lambda: evidence, "actors", NO_FILTERS, False, "leiden", 42, 1.0
        )

    return disk.build_index(cache, paths, graph, extras, lambda share: advance(share * 0.75))


def start_background_build(paths: Sequence[Path] | None, cache: Path) -> None:
    """Start `build` in a detached process, unless one is building these files already.

    A cache folder this user cannot use means no index, never an error.
    """
    try:
        if (disk.set_folder(cache, paths) / "building.lock").exists():
            return
    except OSError:
        return
    import subprocess

    order = json.dumps({"paths": [str(p) for p in paths or ()], "cache": str(cache)})
    code = "from kommgraph.network.indexed import build_in_background as b; b()"
    try:
        subprocess.Popen(
            [sys.executable, "-c", code, order],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError:
        return  # no index this time; the command itself is unaffected


def build_in_background() -> None:
    """The detached build's entry point (its order is the last argument, JSON)."""
    order = json.loads(sys.argv[-1])
    paths = [Path(p) for p in order["paths"]] or None
    cache = Path(order["cache"])
    with disk.build_lock(cache, paths) as mine:
        if mine:
            try:
                build(paths, cache)
            except Exception:
                return
