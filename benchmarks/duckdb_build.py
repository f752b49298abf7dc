#!/usr/bin/env python3
"""The DuckDB peer's one-off conversion: Turtle -> Parquet tables -> a DuckDB file.

    python benchmarks/duckdb_build.py --data DATA --out DIR

writes DIR/parquet/*.parquet and DIR/kommgraph.duckdb.

The ontology and every `*.ttl` under DATA are parsed once with pyoxigraph; only the
triples the collaboration rule reads are kept, and every IRI becomes an integer id
(given in IRI order, so `a < b` on ids is `a < b` on IRIs, as kommgraph orders a pair).
What becomes a table follows what kommgraph fetches (`kommgraph.network.evidence` and
`schema`), so that the peer answers from the same facts:

    terms           id, iri
    agents          id, label, person     typed with a subclass of kg:Agent, with a label;
                                          person when a type is a subclass of kg:Person
    events          id, parent, root      typed with a subclass of kg:Event, with a label
                                          (parent: kg:partOf; root: the top, walked upwards as
                                          kommgraph walks it), plus the events participations
                                          name without being such events (their own root)
    roles           id, active, organizing   every role with kg:active
    participations  id, agent, event, role   subjects with kg:agent, kg:event and kg:role
    relations       id, src, dst          kg:Relation with kg:from, kg:to and a kg:relationType

The DuckDB file holds these tables and `act`, the active participations grouped per
event tree, agent and event (the rule's first step, kept like an index); the weights
are computed by the queries of `duckdb_sql.py`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb_sql

ROOT = Path(__file__).resolve().parent.parent
KG = "https://w3id.org/kommgraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
KEPT = (
    {RDF_TYPE, LABEL, SUBCLASS}
    | {
        KG + name
        for name in ("agent", "event", "role", "partOf", "active", "organizing", "from", "to")
    }
    | {KG + "relationType"}
)


@dataclass
class Facts:
    """The triples the rule reads, by predicate: subject -> objects (in file order)."""

    by: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def of(self, predicate: str) -> dict[str, list[str]]:
        return self.by[predicate]


def read(files: Iterable[Path]) -> Facts:
    """Parse each file once with pyoxigraph, keeping the predicates the rule reads."""
    import pyoxigraph as ox

    facts = Facts()
    for path in files:
        for quad in ox.parse(path=path, format=ox.RdfFormat.TURTLE):
            predicate = quad.predicate.value
            if predicate in KEPT:
                facts.by[predicate][quad.subject.value].append(quad.object.value)
    return facts


def closure(facts: Facts) -> dict[str, set[str]]:
    """class -> itself and every superclass (rdfs:subClassOf*)."""
    direct = facts.of(SUBCLASS)
    out: dict[str, set[str]] = {}
    for start in set(direct) | {o for objs in facts.of(RDF_TYPE).values() for o in objs}:
        found, todo = {start}, [start]
        while todo:
            for up in direct.get(todo.pop(), ()):
                if up not in found:
                    found.add(up)
                    todo.append(up)
        out[start] = found
    return out


def typed(facts: Facts, supers: dict[str, set[str]], root_class: str) -> list[str]:
    """Subjects with a type that is `root_class` or below it, and with a label."""
    labels = facts.of(LABEL)
    return sorted(
        s
        for s, types in facts.of(RDF_TYPE).items()
        if s in labels and any(root_class in supers.get(t, {t}) for t in types)
    )


def truthy(values: list[str]) -> bool:
    """An xsd:boolean as SPARQL reads it; a role stated true once is true."""
    return any(v.lower() in ("true", "1") for v in values)


def roots(parent: dict[str, str | None]) -> dict[str, str]:
    """event -> the top of its tree, walking kg:partOf upwards (a cycle stops the walk)."""
    found: dict[str, str] = {}
    for start in parent:
        chain, node, seen = [], start, set()
        while node not in found and node not in seen:
            seen.add(node)
            chain.append(node)
            up = parent.get(node)
            if up is None or up in seen:
                break
            node = up
        top = found.get(node, node)
        for step in chain:
            found[step] = top
    return found


def tables(facts: Facts) -> dict[str, dict[str, list[Any]]]:
    """Column lists per table, IRIs as ids."""
    supers = closure(facts)
    labels = facts.of(LABEL)
    agents = typed(facts, supers, KG + "Agent")
    events = typed(facts, supers, KG + "Event")
    part_of = facts.of(KG + "partOf")
    parent = {e: min(part_of[e]) if e in part_of else None for e in events}
    top = roots(parent)
    agent_of, event_of, role_of = (facts.of(KG + p) for p in ("agent", "event", "role"))
    participations = [
        (p, a, e, r)
        for p in sorted(agent_of.keys() & event_of.keys() & role_of.keys())
        for a in agent_of[p]
        for e in event_of[p]
        for r in role_of[p]
    ]
    active, organizing = facts.of(KG + "active"), facts.of(KG + "organizing")
    roles = sorted(active)
    relation_types = facts.of(KG + "relationType")
    frm, to = facts.of(KG + "from"), facts.of(KG + "to")
    relations = sorted(
        {
            (r, a, b)
            for r, types in facts.of(RDF_TYPE).items()
            if KG + "Relation" in types and r in relation_types
            for a in frm.get(r, ())
            for b in to.get(r, ())
        }
    )
    named_events = sorted(set(events) | {e for _p, _a, e, _r in participations})
    iris = sorted(
        set(agents)
        | set(named_events)
        | {p for p in parent.values() if p is not None}
        | set(roles)
        | {x for row in participations for x in row}
        | {x for row in relations for x in row}
    )
    ids = {iri: n for n, iri in enumerate(iris)}
    person = KG + "Person"
    return {
        "terms": {"id": list(range(len(iris))), "iri": iris},
        "agents": {
            "id": [ids[a] for a in agents],
            "label": [min(labels[a]) for a in agents],
            "person": [
                any(person in supers.get(t, {t}) for t in facts.of(RDF_TYPE)[a]) for a in agents
            ],
        },
        "events": {
            "id": [ids[e] for e in named_events],
            "parent": [ids[p] if (p := parent.get(e)) else None for e in named_events],
            "root": [ids[top.get(e, e)] for e in named_events],
        },
        "roles": {
            "id": [ids[r] for r in roles],
            "active": [truthy(active[r]) for r in roles],
            "organizing": [truthy(organizing.get(r, [])) for r in roles],
        },
        "participations": {
            name: [ids[row[i]] for row in participations]
            for i, name in enumerate(("id", "agent", "event", "role"))
        },
        "relations": {
            name: [ids[row[i]] for row in relations] for i, name in enumerate(("id", "src", "dst"))
        },
    }


def write_parquet(columns: dict[str, dict[str, list[Any]]], folder: Path) -> None:
    """One Parquet file per table, written by DuckDB from numpy columns."""
    import duckdb
    import numpy as np

    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    for table, cols in columns.items():
        arrays = {}
        for name, values in cols.items():
            kind = duckdb_sql.COLUMN_TYPES[table][name]
            if kind == "VARCHAR":
                arrays[name] = np.array(values, dtype=object)
            elif kind == "BOOLEAN":
                arrays[name] = np.array(values, dtype=bool)
            else:  # ids; a missing parent is -1 here and NULL in the table
                arrays[name] = np.array([-1 if v is None else v for v in values], dtype=np.int32)
        con.register("cols", arrays)
        select = ", ".join(
            f"NULLIF({name}, -1) AS {name}" if name == "parent" else name for name in cols
        )
        target = str(folder / f"{table}.parquet").replace("'", "''")
        con.execute(f"COPY (SELECT {select} FROM cols) TO '{target}' (FORMAT parquet)")
        con.unregister("cols")
    con.close()


def build(parquet: Path, database: Path) -> None:
    """The DuckDB file: every Parquet table, then `act` (see `duckdb_sql.ACT`)."""
    import duckdb

    database.unlink(missing_ok=True)
    con = duckdb.connect(str(database))
    for table in duckdb_sql.COLUMN_TYPES:
        source = str(parquet / f"{table}.parquet").replace("'", "''")
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{source}')")
    con.execute(duckdb_sql.ACT)
    con.execute("CHECKPOINT")
    con.close()


def files(data: Path) -> list[Path]:
    """The ontology, then every Turtle file under the data folder (sorted)."""
    return [ROOT / "ontology" / "kommgraph.ttl", *sorted(data.rglob("*.ttl"))]


def convert(data: Path, out: Path) -> Path:
    """Turtle -> Parquet -> DuckDB under `out`; the database file's path."""
    shutil.rmtree(out / "parquet", ignore_errors=True)
    write_parquet(tables(read(files(data))), out / "parquet")
    build(out / "parquet", out / "kommgraph.duckdb")
    return out / "kommgraph.duckdb"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Turtle -> Parquet -> DuckDB, once.")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    print(convert(args.data, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
