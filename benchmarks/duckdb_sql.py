"""kommgraph's collaboration rule in DuckDB SQL (no filters, no via-people).

README, "Collaboration": only active roles count; two agents collaborate within one
event tree. Per tree, every event both hold an active role in adds 1.0 when both
organize or host it (co-organizing), else 0.5 when it is the tree's top and has parts
(umbrella; a workshop with talks inside is no umbrella), else 1.0 (same-event); a
pair that shares no event of a tree gets 0.25 once for that tree (umbrella-only).
Each kg:Relation between two different agents adds 1.0. The weight is the sum; the
number of shared events counts each event, each umbrella-only tree and each relation
once, as kommgraph's `Collaboration.count` does.
"""

from __future__ import annotations

from typing import Any

COLUMN_TYPES: dict[str, dict[str, str]] = {
    "terms": {"id": "INTEGER", "iri": "VARCHAR"},
    "agents": {"id": "INTEGER", "label": "VARCHAR", "person": "BOOLEAN"},
    "events": {"id": "INTEGER", "parent": "INTEGER", "root": "INTEGER"},
    "roles": {"id": "INTEGER", "active": "BOOLEAN", "organizing": "BOOLEAN"},
    "participations": {"id": "INTEGER", "agent": "INTEGER", "event": "INTEGER", "role": "INTEGER"},
    "relations": {"id": "INTEGER", "src": "INTEGER", "dst": "INTEGER"},
}

# Active participations, one row per (tree, agent, event): whether the agent organizes
# or hosts there (any of its roles), and whether the event is an umbrella (the top of
# its tree, with parts). Kept in the file, sorted by agent for one actor's lookups.
ACT = """
CREATE TABLE act AS
WITH tops AS (SELECT DISTINCT parent AS id FROM events WHERE parent IS NOT NULL)
SELECT e.root, p.agent, p.event, bool_or(r.organizing) AS org,
       (p.event = e.root AND p.event IN (SELECT id FROM tops)) AS umbrella
FROM participations p
JOIN roles r ON r.id = p.role AND r.active
JOIN events e ON e.id = p.event
GROUP BY e.root, p.agent, p.event
ORDER BY p.agent, e.root, p.event
"""

# What one shared event adds: the one place the weights live on this side.
SHARED_WEIGHT = "CASE WHEN x.org AND y.org THEN 1.0 WHEN x.umbrella THEN 0.5 ELSE 1.0 END"

# Every pair (a < b by id, which is IRI order) with its weight and shared events.
PAIRS = f"""
WITH shared AS (
  SELECT x.agent AS a, y.agent AS b, x.root, {SHARED_WEIGHT} AS w
  FROM act x JOIN act y ON x.event = y.event AND x.agent < y.agent
),
members AS (SELECT DISTINCT root, agent FROM act),
trees AS (
  SELECT x.agent AS a, y.agent AS b, x.root
  FROM members x JOIN members y ON x.root = y.root AND x.agent < y.agent
),
umbrella_only AS (
  SELECT a, b, 0.25 AS w FROM trees
  ANTI JOIN (SELECT DISTINCT a, b, root FROM shared) s USING (a, b, root)
),
stated AS (
  SELECT least(src, dst) AS a, greatest(src, dst) AS b, 1.0 AS w FROM relations WHERE src <> dst
),
parts AS (
  SELECT a, b, w FROM shared
  UNION ALL SELECT a, b, w FROM umbrella_only
  UNION ALL SELECT a, b, w FROM stated
)
SELECT a, b, sum(w)::DOUBLE AS weight, count(*) AS events FROM parts GROUP BY a, b
"""

PAIRS_IRI = f"""
SELECT ta.iri, tb.iri, p.weight, p.events
FROM ({PAIRS}) p JOIN terms ta ON ta.id = p.a JOIN terms tb ON tb.id = p.b
"""

PAIRS_IN_DUCKDB = f"SELECT count(*), sum(weight), sum(events) FROM ({PAIRS})"

# One actor's collaborators ($actor is its id): its own trees only.
COLLABORATORS = f"""
WITH mine AS (SELECT root, event, org, umbrella FROM act WHERE agent = $actor),
others AS (
  SELECT root, agent, event, org FROM act
  WHERE root IN (SELECT root FROM mine) AND agent <> $actor
),
shared AS (
  SELECT y.agent, y.root, {SHARED_WEIGHT} AS w FROM mine x JOIN others y ON x.event = y.event
),
trees AS (SELECT DISTINCT agent, root FROM others),
umbrella_only AS (
  SELECT agent, 0.25 AS w FROM trees
  ANTI JOIN (SELECT DISTINCT agent, root FROM shared) s USING (agent, root)
),
stated AS (
  SELECT CASE WHEN src = $actor THEN dst ELSE src END AS agent, 1.0 AS w
  FROM relations WHERE (src = $actor OR dst = $actor) AND src <> dst
),
parts AS (
  SELECT agent, w FROM shared
  UNION ALL SELECT agent, w FROM umbrella_only
  UNION ALL SELECT agent, w FROM stated
)
SELECT t.iri, coalesce(g.label, t.iri) AS label, sum(w)::DOUBLE AS weight, count(*) AS events
FROM parts JOIN terms t ON t.id = parts.agent LEFT JOIN agents g ON g.id = parts.agent
GROUP BY t.iri, g.label
ORDER BY weight DESC, label, t.iri
"""

# Degrees in the actors network: agents with an active participation or an edge,
# edges between two agents.
DEGREES = f"""
WITH p AS (
  SELECT a, b FROM ({PAIRS})
  WHERE a IN (SELECT id FROM agents) AND b IN (SELECT id FROM agents)
),
ends AS (SELECT a AS n FROM p UNION ALL SELECT b FROM p),
nodes AS (
  SELECT DISTINCT agent AS n FROM act WHERE agent IN (SELECT id FROM agents)
  UNION SELECT n FROM ends
)
SELECT t.iri, count(e.n) AS degree
FROM nodes LEFT JOIN ends e ON e.n = nodes.n JOIN terms t ON t.id = nodes.n
GROUP BY t.iri
"""


def actor_id(con: Any, label: str) -> int:
    """The agent whose label is exactly `label` (the peer does no folding)."""
    found = con.execute("SELECT id FROM agents WHERE label = $label", {"label": label}).fetchall()
    if len(found) != 1:
        raise LookupError(f"{len(found)} agents labelled {label!r}")
    return int(found[0][0])


def collaborators(con: Any, label: str) -> list[tuple[str, str, float, int]]:
    """(iri, label, weight, shared events) of the actor's collaborators, strongest first."""
    rows = con.execute(COLLABORATORS, {"actor": actor_id(con, label)}).fetchall()
    return [(str(i), str(n), float(w), int(c)) for i, n, w, c in rows]


def pairs(con: Any) -> dict[tuple[str, str], tuple[float, int]]:
    """Every pair (a, b), a < b by IRI, with its weight and shared events, into Python."""
    return {(a, b): (float(w), int(c)) for a, b, w, c in con.execute(PAIRS_IRI).fetchall()}


def pairs_in_duckdb(con: Any) -> tuple[int, float, int]:
    """The pairs computed inside DuckDB, only their count and sums leave it."""
    n, w, c = con.execute(PAIRS_IN_DUCKDB).fetchone()
    return int(n), float(w or 0.0), int(c or 0)


def degrees(con: Any) -> dict[str, int]:
    return {str(i): int(d) for i, d in con.execute(DEGREES).fetchall()}
