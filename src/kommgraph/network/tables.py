"""The collaboration model's rows kept as tables beside an index (SQLite).

Fetching the rows of a large graph by SPARQL is most of what building the
collaboration model costs (1.2 s of 2.9 s at 10,000 events). An index keeps
the rows exactly as SPARQL gave them, in one SQLite file, with the top of
every event tree precomputed (`event_roots`) so that one actor's trees are two
indexed lookups. `TableRows` gives the same rows as `SparqlRows`, so the model
built on either is the same (tested).

SQLite is the standard library's: nothing to install, opened in a millisecond,
and the file holds data only (nothing in it is executed or unpickled).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

from kommgraph.network.rows import Row, Rows

# table -> columns; the rows of each are what the `Rows` method of the same name gives
COLUMNS: dict[str, tuple[str, ...]] = {
    "subclasses": ("class", "super"),
    "roles": ("role", "label", "active", "organizing"),
    "topics": ("topic", "label", "broader"),
    "events": ("event", "label", "date", "type", "parent"),
    "event_topics": ("event", "topic"),
    "participations": ("participation", "agent", "event", "role", "source", "title", "quote"),
    "statements": ("statement", "speaker", "event", "quote", "source", "title"),
    "relations": (
        "relation",
        "source_agent",
        "target_agent",
        "type",
        "type_label",
        "source",
        "title",
        "quote",
    ),
    "agents": ("agent", "label", "type"),
    "affiliations": (
        "affiliation",
        "person",
        "organization",
        "position",
        "source",
        "title",
        "quote",
    ),
    "alt_labels": ("entity", "alt"),
    "event_roots": ("event", "root"),
}
INDEXES = (
    "CREATE INDEX participations_agent ON participations(agent)",
    "CREATE INDEX participations_event ON participations(event)",
    "CREATE INDEX event_roots_root ON event_roots(root, event)",
    "CREATE INDEX event_roots_event ON event_roots(event)",
    "CREATE INDEX events_event ON events(event, label, date, type, parent)",
    "CREATE INDEX event_topics_event ON event_topics(event)",
    "CREATE INDEX statements_event ON statements(event)",
    "CREATE INDEX relations_source ON relations(source_agent)",
    "CREATE INDEX relations_target ON relations(target_agent)",
    # covering: a hub's thousands of collaborators are found in the index alone
    "CREATE INDEX agents_agent ON agents(agent, label, type)",
    "CREATE INDEX affiliations_person ON affiliations(person)",
    "CREATE INDEX affiliations_organization ON affiliations(organization)",
    "CREATE INDEX alt_labels_entity ON alt_labels(entity)",
    "CREATE INDEX alt_labels_alt ON alt_labels(alt)",
    "CREATE INDEX agents_label ON agents(label)",
)


def write_tables(rows: Rows, roots: dict[str, str], path: Path) -> None:
    """Write every row of `rows` (the whole graph) and the tree tops `roots` to `path`."""
    whole = {
        "subclasses": rows.subclasses(),
        "roles": rows.roles(),
        "topics": rows.topics(),
        "events": rows.events(None),
        "event_topics": rows.event_topics(None),
        "participations": rows.participations(None),
        "statements": rows.statements(None),
        "relations": rows.relations(None),
        "agents": rows.agents(None),
        "affiliations": rows.affiliations(None),
        "alt_labels": rows.alt_labels(None),
    }
    events = {str(row[0]) for row in whole["events"]}
    events |= {str(row[2]) for row in whole["participations"]}
    events |= {str(row[2]) for row in whole["statements"]}
    tops: list[Row] = [(event, roots.get(event, event)) for event in sorted(events)]
    with sqlite3.connect(path) as db:
        for table, columns in COLUMNS.items():
            db.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            found = tops if table == "event_roots" else whole[table]
            marks = ", ".join("?" * len(columns))
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", found)
        for statement in INDEXES:
            db.execute(statement)
    db.close()


def open_tables(path: Path) -> sqlite3.Connection:
    """The tables at `path`, read-only, read through a memory map: a fresh process reads a
    hub's thousands of rows a third faster than through the file."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    db.execute(f"PRAGMA mmap_size = {1 << 32}")
    return db


class TableRows:
    """The rows of the model, read from an index's tables (the same rows `SparqlRows` gives)."""

    def __init__(self, path: Path, description: str = "index") -> None:
        self.path = path
        self.description = description
        self._db = open_tables(path)

    def describe(self) -> str:
        return self.description

    def _all(self, table: str) -> list[Row]:
        return self._db.execute(f"SELECT * FROM {table}").fetchall()

    def _scoped(self, table: str, event_column: str, roots: Sequence[str] | None) -> list[Row]:
        """The rows of a table whose event lies in one of these trees (all for None)."""
        if roots is None:
            return self._all(table)
        columns = ", ".join(f"t.{c}" for c in COLUMNS[table])
        # CROSS JOIN keeps this order (SQLite's rule): from the few wanted roots through the
        # indexes, where the planner, knowing nothing of the temporary table, scanned
        # every event's root (90 ms at 50,000 events instead of a few)
        return self._with(
            roots,
            f"SELECT {columns} FROM json_each(?) w CROSS JOIN event_roots r CROSS JOIN {table} t "
            f"WHERE r.root = w.value AND t.{event_column} = r.event",
        )

    def _with(self, values: Iterable[str], query: str) -> list[Row]:
        """Run `query`, where each `json_each(?)` is the table of `values` (each once).

        The values go in as one JSON array: thousands of them (a hub's agents) cost a
        third of inserting them into a temporary table.
        """
        listed = json.dumps(sorted(set(values)), ensure_ascii=False)
        return self._db.execute(query, (listed,) * query.count("?")).fetchall()

    def subclasses(self) -> list[Row]:
        return self._all("subclasses")

    def roles(self) -> list[Row]:
        return self._all("roles")

    def topics(self) -> list[Row]:
        return self._all("topics")

    def tops(self, events: Iterable[str]) -> list[str]:
        """The top of each of these events' trees (unknown IRIs give none)."""
        return sorted(
            {
                str(root)
                for (root,) in self._with(
                    events,
                    "SELECT r.root FROM json_each(?) w CROSS JOIN event_roots r "
                    "WHERE r.event = w.value",
                )
            }
        )

    def roots_of(self, actor: str, roles: Collection[str]) -> list[str]:
        marks = ", ".join("?" * len(roles))
        query = (
            "SELECT DISTINCT r.root FROM participations p JOIN event_roots r ON r.event = p.event "
            f"WHERE p.agent = ? AND p.role IN ({marks}) ORDER BY r.root"
        )
        return [str(root) for (root,) in self._db.execute(query, (actor, *sorted(roles)))]

    def events(self, roots: Sequence[str] | None) -> list[Row]:
        return self._scoped("events", "event", roots)

    def event_topics(self, roots: Sequence[str] | None) -> list[Row]:
        return self._scoped("event_topics", "event", roots)

    def participations(
        self, roots: Sequence[str] | None, agents: Collection[str] | None = None
    ) -> list[Row]:
        if agents is None:
            return self._scoped("participations", "event", roots)
        if roots is None:  # these agents' rows in every tree: by the agents' index
            return self._with(
                agents,
                "SELECT t.* FROM json_each(?) w CROSS JOIN participations t "
                "WHERE t.agent = w.value",
            )
        # the trees' rows sifted by agent in SQL: a hub's trees hold thousands of others'
        # rows, and making their strings is what reading them costs
        columns = ", ".join(f"t.{c}" for c in COLUMNS["participations"])
        query = (
            f"SELECT {columns} FROM json_each(?) w CROSS JOIN event_roots r "
            "CROSS JOIN participations t WHERE r.root = w.value AND t.event = r.event "
            "AND t.agent IN (SELECT value FROM json_each(?))"
        )
        listed = [json.dumps(sorted(set(x)), ensure_ascii=False) for x in (roots, agents)]
        return self._db.execute(query, listed).fetchall()

    def statements(self, roots: Sequence[str] | None) -> list[Row]:
        return self._scoped("statements", "event", roots)

    def relations(self, actor: str | None) -> list[Row]:
        if actor is None:
            return self._all("relations")
        query = "SELECT * FROM relations WHERE source_agent = ? OR target_agent = ?"
        return self._db.execute(query, (actor, actor)).fetchall()

    def agents(self, named: Iterable[str] | None) -> list[Row]:
        if named is None:
            return self._all("agents")
        return self._with(
            named, "SELECT a.* FROM json_each(?) w CROSS JOIN agents a WHERE a.agent = w.value"
        )

    def affiliations(self, agents: Iterable[str] | None) -> list[Row]:
        if agents is None:
            return self._all("affiliations")
        # one indexed lookup per agent and side (an OR of the two made SQLite scan them all);
        # duplicates (both sides wanted) dropped here, cheaper than SQLite's UNION
        found = self._with(
            agents,
            "SELECT f.* FROM json_each(?) w CROSS JOIN affiliations f WHERE f.person = w.value "
            "UNION ALL "
            "SELECT f.* FROM json_each(?) w CROSS JOIN affiliations f "
            "WHERE f.organization = w.value",
        )
        return sorted(dict.fromkeys(found), key=lambda row: tuple(str(x) for x in row))

    def alt_labels(self, entities: Iterable[str] | None) -> list[Row]:
        if entities is None:
            return self._all("alt_labels")
        return self._with(
            entities,
            "SELECT a.* FROM json_each(?) w CROSS JOIN alt_labels a WHERE a.entity = w.value",
        )

    def agent_names(self, key: tuple[str | None, str | None] | None) -> list[Row]:
        """The rows `SparqlRows.agent_names` gives: agents with their labels and aliases."""
        if key is None:
            query = (
                "SELECT a.agent, a.label, l.alt, a.type FROM agents a "
                "LEFT JOIN alt_labels l ON l.entity = a.agent"
            )
            return self._db.execute(query).fetchall()
        iri, text = key
        if iri is not None:
            query = "SELECT agent, label, NULL, type FROM agents WHERE agent = ?"
            return self._db.execute(query, (iri,)).fetchall()
        query = (
            "SELECT agent, label, NULL, type FROM agents WHERE agent IN "
            "(SELECT agent FROM agents WHERE label = ? "
            "UNION SELECT entity FROM alt_labels WHERE alt = ?)"
        )
        return self._db.execute(query, (text, text)).fetchall()
