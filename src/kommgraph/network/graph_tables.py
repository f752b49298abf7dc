"""The unfiltered collaboration networks kept as tables beside an index.

Pairing every event tree is what building a network costs (1.1 s at 10,000
events, besides reading the evidence); without filters the answer depends on
the data only, so an index keeps the actors network's nodes (in the order the
projection adds them) and its edges (weight, number of shared events). The
persons and organizations networks are its parts in the same order, so a
network built from the tables is the one `kommgraph.network.projection`
builds (tested), node for node and edge for edge.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path

import networkx as nx

from kommgraph.network.collaboration import Collaboration
from kommgraph.vocab import AgentNetwork

EdgeRow = tuple[str, str, float, int]  # a, b, weight, shared events

NODE_COLUMNS = ("iri", "label", "kind", "grp", "class", "person")


def write_graph_tables(
    graph: nx.Graph[str],
    persons: set[str],
    edges: Mapping[tuple[str, str], Collaboration],
    path: Path,
) -> None:
    """The actors network (nodes in graph order) and its edges (sorted pairs) into `path`."""
    data = graph.nodes
    nodes = [
        (i, v, data[v]["label"], data[v]["kind"], data[v]["group"], data[v]["class"], v in persons)
        for i, v in enumerate(graph)
    ]
    rows = [
        (a, b, float(e.weight), e.count) for (a, b), e in edges.items() if a in graph and b in graph
    ]
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE graph_nodes (position, iri, label, kind, grp, class, person)")
        db.executemany("INSERT INTO graph_nodes VALUES (?, ?, ?, ?, ?, ?, ?)", nodes)
        db.execute("CREATE TABLE graph_edges (a, b, weight, events)")
        db.executemany("INSERT INTO graph_edges VALUES (?, ?, ?, ?)", rows)
    db.close()


def has_graph_tables(path: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            found = db.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('graph_nodes', 'graph_edges')"
            ).fetchone()
        db.close()
    except sqlite3.Error:
        return False
    return bool(found and found[0] == 2)


def read_graph(
    path: Path, network: AgentNetwork
) -> tuple[nx.Graph[str], list[tuple[str, str, float, int]]]:
    """The unfiltered network of that kind, and its edges as (a, b, weight, events)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        nodes = db.execute("SELECT * FROM graph_nodes ORDER BY position").fetchall()
        edges = db.execute("SELECT a, b, weight, events FROM graph_edges").fetchall()
    db.close()
    graph: nx.Graph[str] = nx.Graph(network=network, filters="no filters")
    keep = {
        iri
        for _i, iri, _l, _k, _g, _c, person in nodes
        if network == "actors" or bool(person) == (network == "persons")
    }
    graph.add_nodes_from(
        (iri, {"label": label, "kind": kind, "group": group, "class": cls, "iri": iri})
        for _i, iri, label, kind, group, cls, _p in nodes
        if iri in keep
    )
    kept = [(a, b, w, n) for a, b, w, n in edges if a in keep and b in keep]
    graph.add_edges_from((a, b, {"weight": w, "events": n}) for a, b, w, n in kept)
    return graph, kept
