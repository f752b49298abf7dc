#!/usr/bin/env python3
"""In-process figures of the DuckDB peer and of kommgraph, one side per process.

    python benchmarks/duckdb_inproc.py duckdb DATABASE --person L --organization L
    python benchmarks/duckdb_inproc.py kommgraph DATA --person L --organization L [--cache DIR]

Prints JSON with the seconds of each run. DuckDB: every pair computed inside DuckDB
(only a count and sums leave it), every pair into a Python dict keyed by IRIs, and
one actor's collaborators asked again and again over the open connection (the label
looked up each time). kommgraph: after `KommGraph.load` (timed as "load"; with
`--cache DIR` it opens the persistent index there instead of parsing), `collaborations
("actors")` of a fresh `KommGraph` over the loaded store — the evidence fetched by
SPARQL and every pair made — and `collaborators(label)` again and again on one
loaded `KommGraph` (name lookup, the actor's event trees fetched and paired: the
collab command after load; nothing of it is kept between calls). Each run starts
from a collected heap (untimed), as in `run.py`.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb_sql

PAIR_RUNS = 3  # --pair-runs
ACTOR_RUNS = 10


def timed(func: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        func()
        out.append(round(time.perf_counter() - start, 6))
    return out


def duckdb_side(database: Path, person: str, organization: str) -> dict[str, Any]:
    import duckdb

    start = time.perf_counter()
    con = duckdb.connect(str(database), read_only=True)
    opened = time.perf_counter() - start
    count = duckdb_sql.pairs_in_duckdb(con)[0]
    return {
        "open": round(opened, 6),
        "pairs": count,
        "pairs in DuckDB": timed(lambda: duckdb_sql.pairs_in_duckdb(con), PAIR_RUNS),
        "pairs into Python": timed(lambda: duckdb_sql.pairs(con), PAIR_RUNS),
        "actor person": timed(lambda: duckdb_sql.collaborators(con, person), ACTOR_RUNS),
        "actor organization": timed(
            lambda: duckdb_sql.collaborators(con, organization), ACTOR_RUNS
        ),
    }


def kommgraph_side(
    data: Path, person: str, organization: str, cache: Path | None = None
) -> dict[str, Any]:
    from kommgraph.api import KommGraph

    start = time.perf_counter()
    kg = KommGraph.load([data], cache=cache)
    loaded = time.perf_counter() - start

    def pairs() -> int:  # a fresh model each time: nothing kept between runs
        edges = KommGraph(kg.backend, kg.graph, kg.index).collaborations("actors")
        return len({key: (edge.weight, edge.count) for key, edge in edges.items()})

    def pair_table() -> int:  # kg.pairs(): every pair with its shared events' IRIs
        return len(KommGraph(kg.backend, kg.graph, kg.index).pairs().rows)

    def with_evidence() -> int:  # kg.pairs() and the facts its event IRIs stand for
        fresh = KommGraph(kg.backend, kg.graph, kg.index)
        facts = fresh.pair_evidence()
        tables = (facts.events, facts.participations, facts.relations, facts.statements)
        return len(fresh.pairs().rows) + sum(len(table.rows) for table in tables)

    def spelled_out() -> int:  # every edge's shared events spelled out (quotes with them)
        edges = KommGraph(kg.backend, kg.graph, kg.index).collaborations("actors")
        return sum(len(edge.events) for edge in edges.values())

    return {
        "load": round(loaded, 6),
        "pairs": pairs(),
        "pairs into Python": timed(pairs, PAIR_RUNS),
        "pairs with event IRIs": timed(pair_table, PAIR_RUNS),
        "pairs with evidence": timed(with_evidence, PAIR_RUNS),
        "pairs with evidence spelled out": timed(spelled_out, 1),
        "actor person": timed(lambda: kg.collaborators(person), ACTOR_RUNS),
        "actor organization": timed(lambda: kg.collaborators(organization), ACTOR_RUNS),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="In-process figures of one side.")
    parser.add_argument("side", choices=("duckdb", "kommgraph"))
    parser.add_argument("source", type=Path, help="the DuckDB file, or the data folder")
    parser.add_argument("--person", required=True)
    parser.add_argument("--organization", required=True)
    parser.add_argument("--cache", type=Path, default=None, help="kommgraph: the index's folder")
    parser.add_argument("--pair-runs", type=int, default=PAIR_RUNS, help="runs of the pairs")
    args = parser.parse_args(argv)
    globals()["PAIR_RUNS"] = args.pair_runs
    if args.side == "duckdb":
        figures = duckdb_side(args.source, args.person, args.organization)
    else:
        figures = kommgraph_side(args.source, args.person, args.organization, args.cache)
    print(json.dumps(figures, ensure_ascii=False))
    print("from index" if args.cache else "from files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
