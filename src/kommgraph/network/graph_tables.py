"""The unfiltered collaboration networks kept as tables beside an index.

Pairing every event tree is what building a network costs (1.1 s at 10,000
events, besides reading the evidence); without filters the answer depends on
the data only, so an index keeps the actors network's nodes (in the order the
projection adds them) and its edges (weight, number of shared events, and the
IRIs of those events, which an export refers to). The
persons and organizations networks are its parts in the same order, so a
network built from the tables is the one `kommgraph.network.projection`
builds (tested), node for node and edge for edge.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kommgraph.network.evidence import AgentInfo
from kommgraph.network.tables import open_tables
from kommgraph.vocab import AgentNetwork

if TYPE_CHECKING:
    import networkx as nx

    from kommgraph.network.collaboration import Collaboration

EdgeRow = tuple[str, str, float, int]  # a, b, weight, shared events
NodeRow = tuple[str, dict[str, Any]]  # iri, the attributes the projection gives it
ExportRow = tuple[str, str, float, int, str]  # an EdgeRow and its events' IRIs, space-separated
ActorRow = tuple[str, str, float, int, int]  # an EdgeRow and its row id (`event_ids`)

NODE_COLUMNS = ("iri", "label", "kind", "grp", "class", "person")


def write_graph_tables(
    graph: nx.Graph[str],
    agents: Mapping[str, AgentInfo],
    edges: Mapping[tuple[str, str], Collaboration],
    path: Path,
) -> None:
    """The actors network (nodes in graph order, with each agent's class IRI) and its edges
    (sorted pairs, with their nodes' positions: one actor's neighbours are then found by
    number, not by IRI) into `path`."""
    data = graph.nodes
    position = {v: i for i, v in enumerate(graph)}
    nodes = [
        (
            i,
            v,
            data[v]["label"],
            data[v]["kind"],
            data[v]["group"],
            data[v]["class"],
            agents[v].is_person,
            agents[v].kind,
        )
        for v, i in position.items()
    ]
    rows = [
        (a, b, float(e.weight), e.count, " ".join(e.event_iris()), position[a], position[b])
        for (a, b), e in edges.items()
        if a in position and b in position
    ]
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE graph_nodes "
            "(position INTEGER PRIMARY KEY, iri, label, kind, grp, class, person, type)"
        )
        db.executemany("INSERT INTO graph_nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", nodes)
        db.execute("CREATE TABLE graph_edges (a, b, weight, events, event_ids, a_at, b_at)")
        db.executemany("INSERT INTO graph_edges VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("CREATE INDEX graph_nodes_iri ON graph_nodes(iri)")
        db.execute("CREATE INDEX graph_edges_a ON graph_edges(a, b)")
        db.execute("CREATE INDEX graph_edges_b ON graph_edges(b)")
        # one actor's edges by its position, read from the index alone (`edges_of`)
        db.execute("CREATE INDEX graph_edges_a_at ON graph_edges(a_at, weight, events, b_at)")
        db.execute("CREATE INDEX graph_edges_b_at ON graph_edges(b_at, weight, events, a_at)")
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


def _read(db: sqlite3.Connection, network: AgentNetwork, ids: bool) -> list[Any]:
    """The edges of that network in sorted pair order: (a, b, weight, events[, event_ids])."""
    columns = "e.a, e.b, e.weight, e.events" + (", e.event_ids" if ids else "")
    if network == "actors":
        return db.execute(f"SELECT {columns} FROM graph_edges e ORDER BY e.rowid").fetchall()
    persons = network == "persons"
    query = (
        f"SELECT {columns} FROM graph_edges e "
        "JOIN graph_nodes x ON x.iri = e.a JOIN graph_nodes y ON y.iri = e.b "
        "WHERE x.person = ? AND y.person = ? ORDER BY e.rowid"
    )
    return db.execute(query, (persons, persons)).fetchall()


def _nodes(db: sqlite3.Connection, network: AgentNetwork) -> list[NodeRow]:
    """The nodes of that network in projection order, with the projection's attributes."""
    rows = db.execute(
        "SELECT iri, label, kind, grp, class, person FROM graph_nodes ORDER BY position"
    ).fetchall()
    return [
        (iri, {"label": label, "kind": kind, "group": group, "class": cls, "iri": iri})
        for iri, label, kind, group, cls, person in rows
        if network == "actors" or bool(person) == (network == "persons")
    ]


def _connected(path: Path) -> sqlite3.Connection:
    return open_tables(path)


def read_rows(path: Path, network: AgentNetwork) -> tuple[list[NodeRow], list[ExportRow]]:
    """The unfiltered network of that kind as rows: its nodes in projection order with
    their attributes, its edges in sorted pair order with their events' IRIs."""
    with _connected(path) as db:
        found = _nodes(db, network), _read(db, network, ids=True)
    db.close()
    return found


def read_pairs(path: Path, network: AgentNetwork) -> list[ExportRow]:
    """The unfiltered network's edges (sorted pairs) with their events' IRIs, and nothing else."""
    with _connected(path) as db:
        rows: list[ExportRow] = _read(db, network, ids=True)
    db.close()
    return rows


def read_graph(path: Path, network: AgentNetwork) -> tuple[nx.Graph[str], list[EdgeRow]]:
    """The unfiltered network of that kind, and its edges as (a, b, weight, events)."""
    import networkx as nx

    with _connected(path) as db:
        nodes, edges = _nodes(db, network), _read(db, network, ids=False)
    db.close()
    graph: nx.Graph[str] = nx.Graph(network=network, filters="no filters")
    graph.add_nodes_from(nodes)
    graph.add_edges_from((a, b, {"weight": w, "events": n}) for a, b, w, n in edges)
    return graph, edges


class TableNetwork:
    """An unfiltered network read from the tables as it is walked, without building it.

    What a search from one or two actors needs (`kommgraph.network.paths`): whether
    an actor is in it, its neighbours with their edge data (`adj[node]`), its
    attributes (`nodes[node]`), as a networkx graph offers them. Each is one
    indexed lookup, so a path between two actors reads their neighbourhoods
    only, not the 200,000 edges of a large network.
    """

    def __init__(self, path: Path, network: AgentNetwork) -> None:
        self.network = network
        self._db = open_tables(path)
        self.adj = _Lookup(self._neighbours)
        self.nodes = _Lookup(self._node)
        self._labels: dict[str, str] | None = None
        self._known: dict[tuple[str, str], tuple[float, int, str]] = {}  # rows `among` read

    def _keeps(self, person: object) -> bool:
        return self.network == "actors" or bool(person) == (self.network == "persons")

    def _node(self, iri: str) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT label, kind, grp, class, person FROM graph_nodes WHERE iri = ?", (iri,)
        ).fetchone()
        if row is None or not self._keeps(row[4]):
            return None
        label, kind, group, cls, _person = row
        return {"label": label, "kind": kind, "group": group, "class": cls, "iri": iri}

    def _neighbours(self, iri: str) -> dict[str, dict[str, Any]] | None:
        if iri not in self:
            return None
        if self.network == "actors":  # every neighbour belongs: no join
            rows = self._db.execute(
                "SELECT b, weight, events FROM graph_edges WHERE a = ? UNION ALL "
                "SELECT a, weight, events FROM graph_edges WHERE b = ?",
                (iri, iri),
            ).fetchall()
            return {other: {"weight": weight, "events": events} for other, weight, events in rows}
        query = (
            "SELECT e.b, e.weight, e.events, n.person FROM graph_edges e "
            "JOIN graph_nodes n ON n.iri = e.b WHERE e.a = ? UNION ALL "
            "SELECT e.a, e.weight, e.events, n.person FROM graph_edges e "
            "JOIN graph_nodes n ON n.iri = e.a WHERE e.b = ?"
        )
        rows = self._db.execute(query, (iri, iri)).fetchall()
        return {
            other: {"weight": weight, "events": events}
            for other, weight, events, person in rows
            if self._keeps(person)
        }

    def __contains__(self, iri: object) -> bool:
        if self._labels is not None:  # all nodes read already: no query
            return iri in self._labels
        return isinstance(iri, str) and self.nodes.get(iri) is not None

    def edge(self, a: str, b: str) -> tuple[float, int, str] | None:
        """(weight, shared events, their IRIs) of the edge (a, b), a < b, or None."""
        if (a, b) in self._known:
            return self._known[(a, b)]
        row = self._db.execute(
            "SELECT weight, events, event_ids FROM graph_edges WHERE a = ? AND b = ?", (a, b)
        ).fetchone()
        return None if row is None else (float(row[0]), int(row[1]), str(row[2]))

    def edges_of(self, iri: str) -> tuple[list[ActorRow], dict[str, AgentInfo]]:
        """The edges of one actor in the actors network as (a, b, weight, events, row id),
        and who the others are (label, class, person or not), in one read (a hub has
        thousands): by the actor's position, from covering indexes, without the events'
        IRIs (`event_ids` reads those of the edges explained)."""
        found = self._db.execute("SELECT position FROM graph_nodes WHERE iri = ?", (iri,))
        position = found.fetchone()
        if position is None:
            return [], {}
        query = (
            "SELECT n.iri, e.weight, e.events, e.rowid, n.label, n.type, n.person "
            "FROM graph_edges e CROSS JOIN graph_nodes n WHERE e.a_at = ?1 "
            "AND n.position = e.b_at UNION ALL "
            "SELECT n.iri, e.weight, e.events, e.rowid, n.label, n.type, n.person "
            "FROM graph_edges e CROSS JOIN graph_nodes n WHERE e.b_at = ?1 "
            "AND n.position = e.a_at"
        )
        rows: list[ActorRow] = []
        agents: dict[str, AgentInfo] = {}
        for other, weight, events, row, label, kind, person in self._db.execute(query, position):
            if iri < other:
                rows.append((iri, other, weight, events, row))
            else:
                rows.append((other, iri, weight, events, row))
            agents[other] = AgentInfo(other, label, kind, bool(person))
        return rows, agents

    def event_ids(self, rows: list[int]) -> list[str]:
        """The shared events' IRIs of these edges (row ids from `edges_of`)."""
        found = self._db.execute(
            "SELECT e.event_ids FROM json_each(?) w CROSS JOIN graph_edges e "
            "WHERE e.rowid = w.value",
            (json.dumps(rows),),
        )
        return [iri for (ids,) in found for iri in str(ids).split()]

    def edges(self) -> list[ExportRow]:
        """Every edge of the actors network as (a, b, weight, events, their IRIs)."""
        return self._db.execute(
            "SELECT a, b, weight, events, event_ids FROM graph_edges"
        ).fetchall()

    def labels(self) -> dict[str, str]:
        """Every node of this network and its label (one query: what a ranking needs)."""
        if self._labels is None:
            rows = self._db.execute("SELECT iri, label, person FROM graph_nodes ORDER BY position")
            self._labels = {iri: label for iri, label, person in rows if self._keeps(person)}
        return self._labels

    def number_of_nodes(self) -> int:
        return len(self.labels())

    def among(self, keep: list[str]) -> nx.Graph[str]:
        """The network between these nodes, as `read_graph` builds the whole one (nodes in
        projection order, edges in sorted pair order), in two reads: their attributes, and
        the edges with both ends among them (whose rows `edge` then gives without a query).
        A page's 300 hubs have 100,000 neighbours; only the 3,000 edges between them are
        read."""
        import networkx as nx

        listed = json.dumps(sorted(set(keep)), ensure_ascii=False)
        attrs: dict[str, dict[str, Any]] = {}
        for iri, label, kind, group, cls, person in self._db.execute(
            "SELECT n.iri, n.label, n.kind, n.grp, n.class, n.person FROM json_each(?) w "
            "CROSS JOIN graph_nodes n WHERE n.iri = w.value",
            (listed,),
        ):
            if self._keeps(person):
                attrs[iri] = {
                    "label": label,
                    "kind": kind,
                    "group": group,
                    "class": cls,
                    "iri": iri,
                }
        graph: nx.Graph[str] = nx.Graph(network=self.network, filters="no filters")
        graph.add_nodes_from((v, attrs[v]) for v in self.labels() if v in attrs)
        rows = self._db.execute(
            "SELECT e.a, e.b, e.weight, e.events, e.event_ids FROM json_each(?) w "
            "CROSS JOIN graph_edges e WHERE e.a = w.value "
            "AND e.b IN (SELECT value FROM json_each(?))",
            (listed, listed),
        ).fetchall()
        rows.sort()
        for a, b, weight, events, ids in rows:
            if a in attrs and b in attrs:
                self._known[(a, b)] = (float(weight), int(events), str(ids))
                graph.add_edge(a, b, weight=weight, events=events)
        return graph

    def strongest(self, iri: str, n: int) -> tuple[int, list[tuple[str, float]]]:
        """How many neighbours `iri` has in this network, and those at least as strong as
        its n-th strongest (what a tooltip ranks), counted and chosen by SQLite: a hub has
        thousands."""
        if self.network == "actors":
            near = (
                "SELECT b AS other, weight FROM graph_edges WHERE a = :iri UNION ALL "
                "SELECT a, weight FROM graph_edges WHERE b = :iri"
            )
        else:
            near = (
                "SELECT e.b AS other, e.weight AS weight FROM graph_edges e CROSS JOIN "
                "graph_nodes n WHERE e.a = :iri AND n.position = e.b_at AND n.person = :person "
                "UNION ALL SELECT e.a, e.weight FROM graph_edges e CROSS JOIN graph_nodes n "
                "WHERE e.b = :iri AND n.position = e.a_at AND n.person = :person"
            )
        person = self.network == "persons"
        values = {"iri": iri, "person": person, "k": n - 1}
        total = self._db.execute(f"SELECT COUNT(*) FROM ({near})", values).fetchone()[0]
        cut = self._db.execute(
            f"SELECT weight FROM ({near}) ORDER BY weight DESC LIMIT 1 OFFSET :k", values
        ).fetchone()
        found = self._db.execute(
            f"SELECT other, weight FROM ({near}) WHERE weight >= :cut",
            values | {"cut": cut[0] if cut else float("-inf")},
        ).fetchall()
        return int(total), [(o, float(w)) for o, w in found]


class _Lookup(Mapping[str, Any]):
    """A mapping whose values are looked up (once each) by a function; None means absent."""

    def __init__(self, find: Any) -> None:
        self._find = find
        self._found: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._found:
            self._found[key] = self._find(key)
        value = self._found[key]
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        raise TypeError("a network read from the tables is walked, not listed")

    def __len__(self) -> int:
        raise TypeError("a network read from the tables is walked, not counted")
