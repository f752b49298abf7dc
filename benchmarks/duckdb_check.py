#!/usr/bin/env python3
"""Are the DuckDB peer's answers kommgraph's? Every pair, every degree, four actors.

    python benchmarks/duckdb_check.py DATA DATABASE LABEL...     # prints JSON, exit 1 if not

kommgraph's side is the Python API on the loaded data: `collaborations("actors")`
(every edge (a, b) with its weight and number of shared events), the degrees of
`network("actors")`, and `collaborators(label)` per actor (each collaborator's weight
and its shared events as spelled out in the evidence, `len(events)`). The peer's
side is `duckdb_sql.py` on the DuckDB file. Weights are compared exactly: quarters
and halves add up exactly in binary floating point on both sides.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb_sql

SHOWN = 5  # differences listed per comparison


def differences(ours: Mapping[Any, Any], theirs: Mapping[Any, Any]) -> list[str]:
    """Keys whose values differ or that one side lacks (the first few, sorted)."""
    keys = sorted(set(ours) | set(theirs), key=str)
    out = []
    for key in keys:
        if ours.get(key) != theirs.get(key):
            out.append(f"{key}: kommgraph {ours.get(key)!r}, duckdb {theirs.get(key)!r}")
    return out


def check(data: Path, database: Path, labels: Sequence[str]) -> dict[str, Any]:
    """Compare both sides; `ok` only when every comparison found no difference."""
    import duckdb

    from kommgraph.api import KommGraph

    kg = KommGraph.load([data])
    edges = kg.collaborations("actors")
    ours_pairs = {key: (edge.weight, edge.count) for key, edge in edges.items()}
    degrees = dict(kg.network("actors").degree())
    con = duckdb.connect(str(database), read_only=True)
    try:
        theirs_pairs = duckdb_sql.pairs(con)
        theirs_degrees = duckdb_sql.degrees(con)
        actors: dict[str, dict[str, Any]] = {}
        for label in labels:
            mine = {
                c.entity.iri: (c.collaboration.weight, len(c.collaboration.events))
                for c in kg.collaborators(label).items
            }
            theirs = {iri: (w, n) for iri, _l, w, n in duckdb_sql.collaborators(con, label)}
            found = differences(mine, theirs)
            actors[label] = {
                "collaborators": len(mine),
                "duckdb_collaborators": len(theirs),
                "differences": len(found),
                "shown": found[:SHOWN],
            }
    finally:
        con.close()
    pair_diff = differences(ours_pairs, theirs_pairs)
    degree_diff = differences(degrees, theirs_degrees)
    return {
        "ok": not pair_diff
        and not degree_diff
        and all(a["differences"] == 0 and a["collaborators"] > 0 for a in actors.values()),
        "pairs": len(ours_pairs),
        "duckdb_pairs": len(theirs_pairs),
        "pair_differences": len(pair_diff),
        "pair_differences_shown": pair_diff[:SHOWN],
        "nodes": len(degrees),
        "degree_differences": len(degree_diff),
        "degree_differences_shown": degree_diff[:SHOWN],
        "actors": actors,
        "compared": "kg.collaborations('actors') weight and count per pair; "
        "kg.network('actors') degrees; kg.collaborators(label) weight and len(events) "
        "per collaborator",
    }


def main(argv: Sequence[str]) -> int:
    result = check(Path(argv[0]), Path(argv[1]), argv[2:])
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
