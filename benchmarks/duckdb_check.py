#!/usr/bin/env python3
"""Are the DuckDB peer's answers kommgraph's? Every pair, every degree, four actors.

    python benchmarks/duckdb_check.py [--cache DIR] DATA DATABASE LABEL...   # JSON; exit 1 if not

kommgraph's side is the Python API on the loaded data (with `--cache DIR`, opened
from the persistent index there, as the timed commands are): `collaborations("actors")`
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


Answers = dict[str, Any]  # pairs: (a, b) -> (weight, count); degrees; actors: label -> {...}


def kommgraph_answers(data: Path, labels: Sequence[str], cache: Path | None = None) -> Answers:
    """kommgraph's answers through its Python API, on the loaded data (or its index)."""
    from kommgraph.api import KommGraph

    kg = KommGraph.load([data], cache=cache)
    return {
        "pairs": {key: (e.weight, e.count) for key, e in kg.collaborations("actors").items()},
        "degrees": dict(kg.network("actors").degree()),
        "actors": {
            label: {
                c.entity.iri: (c.collaboration.weight, len(c.collaboration.events))
                for c in kg.collaborators(label).items
            }
            for label in labels
        },
    }


def duckdb_answers(database: Path, labels: Sequence[str]) -> Answers:
    """The peer's answers: the SQL of `duckdb_sql.py` on the DuckDB file."""
    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    try:
        return {
            "pairs": duckdb_sql.pairs(con),
            "degrees": duckdb_sql.degrees(con),
            "actors": {
                label: {iri: (w, n) for iri, _l, w, n in duckdb_sql.collaborators(con, label)}
                for label in labels
            },
        }
    finally:
        con.close()


def compare(ours: Answers, theirs: Answers) -> dict[str, Any]:
    """Every difference counted; `ok` only when there is none (and each actor has some)."""
    actors: dict[str, dict[str, Any]] = {}
    for label, mine in ours["actors"].items():
        found = differences(mine, theirs["actors"].get(label, {}))
        actors[label] = {
            "collaborators": len(mine),
            "duckdb_collaborators": len(theirs["actors"].get(label, {})),
            "differences": len(found),
            "shown": found[:SHOWN],
        }
    pair_diff = differences(ours["pairs"], theirs["pairs"])
    degree_diff = differences(ours["degrees"], theirs["degrees"])
    return {
        "ok": not pair_diff
        and not degree_diff
        and all(a["differences"] == 0 and a["collaborators"] > 0 for a in actors.values()),
        "pairs": len(ours["pairs"]),
        "duckdb_pairs": len(theirs["pairs"]),
        "pair_differences": len(pair_diff),
        "pair_differences_shown": pair_diff[:SHOWN],
        "nodes": len(ours["degrees"]),
        "degree_differences": len(degree_diff),
        "degree_differences_shown": degree_diff[:SHOWN],
        "actors": actors,
        "compared": "kg.collaborations('actors') weight and count per pair; "
        "kg.network('actors') degrees; kg.collaborators(label) weight and len(events) "
        "per collaborator",
    }


def check(
    data: Path, database: Path, labels: Sequence[str], cache: Path | None = None
) -> dict[str, Any]:
    """Compare both sides on this data and this DuckDB file."""
    ours = kommgraph_answers(data, labels, cache)
    result = compare(ours, duckdb_answers(database, labels))
    result["kommgraph_from"] = "index" if cache is not None else "files"
    return result


def main(argv: Sequence[str]) -> int:
    cache = None
    if argv[:1] == ["--cache"]:
        cache, argv = Path(argv[1]), argv[2:]
    result = check(Path(argv[0]), Path(argv[1]), argv[2:], cache)
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
