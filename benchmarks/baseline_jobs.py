#!/usr/bin/env python3
"""The plain approach doing one `kommgraph` command's job, as one whole process.

    python benchmarks/baseline_jobs.py --data DATA JOB [ARGS...]

Every job parses the ontology (`ontology/kommgraph.ttl`) and every `*.ttl` under
DATA into rdflib's default in-memory `Graph`, then asks the same SPARQL that
kommgraph asks, in rdflib, and does the graph work with networkx defaults
(`plain.py`, shared with `run.py`'s baseline family). Names are looked up as
exact `rdfs:label`s. The jobs, by the command they stand beside:

    stats                kommgraph's stats queries in rdflib
    collab NAME          collaborators-of (+ the relations naming the actor), weights summed
    path A B             collaborating-pairs -> networkx; all_shortest_paths, strongest first
    communities          collaborating-pairs -> networkx Louvain, modularity, bridges, topics
    centrality           collaborating-pairs -> the six measures with networkx defaults
    viz FILE             collaborating-pairs -> the 300 nodes of highest weighted degree, pyvis
    export FILE          collaborating-pairs -> the six measures -> networkx write_graphml
    query-csv, query-table   most-active-actors in rdflib, as CSV or as an aligned table
    validate             pyshacl with kommgraph's shapes, then the lint's SPARQL checks
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import plain

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "kommgraph.ttl"
VIZ_NODES = 300  # kommgraph viz's default node cap
TOP = 20  # kommgraph centrality's default --top

# what one shared event adds, by the basis collaborators-of gives it (README, "Collaboration")
WEIGHTS = {"same-event": 1.0, "co-organizing": 1.0, "umbrella": 0.5}
RELATIONS = """
SELECT DISTINCT ?relation ?other WHERE {
  { ?relation a kg:Relation ; kg:from ?_actor ; kg:to ?other ; kg:relationType ?type }
  UNION
  { ?relation a kg:Relation ; kg:to ?_actor ; kg:from ?other ; kg:relationType ?type }
  FILTER(?other != ?_actor)
}
"""
ACTIVE = """SELECT DISTINCT ?agent ?event WHERE {
  ?p kg:agent ?agent ; kg:event ?event ; kg:role ?role . ?role kg:active true }"""
TOPICS = "SELECT DISTINCT ?event ?topic WHERE { ?event kg:partOf* ?up . ?up kg:topic ?topic }"


PLAIN_QUERIES = Path(__file__).parent / "plain_queries"


def named(name: str) -> str:
    """The text of a named query as the plain approach writes it: with property paths
    (`kg:partOf*`, `rdfs:subClassOf*`), as kommgraph's queries read before they used the
    closures kommgraph computes at load (which a plain rdflib load does not have)."""
    return (PLAIN_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def resolve(graph: Any, name: str) -> str:
    """The IRI whose rdfs:label is exactly `name`."""
    from rdflib import Literal
    from rdflib.namespace import RDFS

    found = graph.value(predicate=RDFS.label, object=Literal(name))
    if found is None:
        raise SystemExit(f"unknown actor {name!r}")
    return str(found)


def pairs(backend: plain.RdflibBackend) -> list[dict[str, Any]]:
    return list(backend.query(named("collaborating-pairs")).dicts())


def job_stats(backend: plain.RdflibBackend, _args: list[str]) -> None:
    from kommgraph.rdf.stats import compute

    stats = compute(backend)
    print(f"{stats.triples} triples")
    for item in (*stats.classes, *stats.roles):
        print(f"{item.name}\t{item.count}")


def job_collab(backend: plain.RdflibBackend, args: list[str]) -> None:
    """collaborators-of, summed the way kommgraph weighs it: each event once, each tree once."""
    from rdflib import URIRef

    actor = URIRef(resolve(backend.graph, args[0]))
    rows = backend.query(named("collaborators-of"), {"_actor": actor}).dicts()
    basis: dict[tuple[str, str], set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in rows:
        other = str(row["collaborator"])
        labels[other] = str(row["collaboratorLabel"])
        basis[(other, str(row["sharedEvent"]))].add(str(row["basis"]))
    weight: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for (other, _event), found in basis.items():
        if "co-organizing" in found:
            weight[other] += WEIGHTS["co-organizing"]
        elif found == {"umbrella-only"}:
            weight[other] += 0.25
        else:
            weight[other] += min(WEIGHTS[b] for b in found - {"umbrella-only"})
        count[other] += 1
    for row in backend.query(RELATIONS, {"_actor": actor}).rows:
        weight[str(row[1])] += 1.0
        count[str(row[1])] += 1
    for other in sorted(weight, key=lambda o: (-weight[o], labels.get(o, o), o)):
        print(f"{labels.get(other, other)}\t{weight[other]:g}\t{count[other]}")


def job_path(backend: plain.RdflibBackend, args: list[str]) -> None:
    a, b = resolve(backend.graph, args[0]), resolve(backend.graph, args[1])
    graph = plain.pairs_network(pairs(backend))
    for chain in plain.plain_paths(graph, a, b):
        print(" -> ".join(graph.nodes[n]["label"] for n in chain))


def job_communities(backend: plain.RdflibBackend, _args: list[str]) -> None:
    graph = plain.pairs_network(pairs(backend))
    active = [(str(a), str(e)) for a, e in backend.query(ACTIVE).rows]
    topics: dict[str, list[str]] = defaultdict(list)
    for event, topic in backend.query(TOPICS).rows:
        topics[str(event)].append(str(topic))
    parts, modularity, bridges, _topics = plain.plain_communities(graph, active, topics)
    print(f"{len(parts)} communities, modularity {modularity:.3f}, {len(bridges)} bridges")


def _by_weighted_degree(graph: Any) -> list[str]:
    strength = dict(graph.degree(weight="weight"))
    return sorted(graph, key=lambda n: (-strength[n], n))


def job_centrality(backend: plain.RdflibBackend, _args: list[str]) -> None:
    graph = plain.pairs_network(pairs(backend))
    computed = {key: func() for _label, key, func in plain.measures(graph)}
    for node in _by_weighted_degree(graph)[:TOP]:
        cells = "\t".join(f"{computed[k][node]:.4f}" for k in computed)
        print(f"{graph.nodes[node]['label']}\t{cells}")


def job_viz(backend: plain.RdflibBackend, args: list[str]) -> None:
    from pyvis.network import Network

    graph = plain.pairs_network(pairs(backend))
    shown = graph.subgraph(_by_weighted_degree(graph)[:VIZ_NODES]).copy()
    page = Network(height="800px", width="100%", cdn_resources="in_line")
    page.from_nx(shown)
    page.write_html(args[0], notebook=False, open_browser=False)


def job_export(backend: plain.RdflibBackend, args: list[str]) -> None:
    rows = pairs(backend)
    graph = plain.pairs_network(rows)
    counts = {
        (str(r["agent1"]), str(r["agent2"])): {
            k: str(r[k]) for k in ("sharedEvents", "sharedEventTrees", "firstYear", "lastYear")
        }
        for r in rows
    }
    plain.plain_export(
        graph, Path(args[0]), lambda a, b: counts.get((a, b)) or counts.get((b, a)) or {}
    )


def _most_active(backend: plain.RdflibBackend) -> tuple[list[str], list[list[str]]]:
    result = backend.query(named("most-active-actors"))
    return list(result.variables), [["" if c is None else str(c) for c in r] for r in result.rows]


def job_query_csv(backend: plain.RdflibBackend, _args: list[str]) -> None:
    header, rows = _most_active(backend)
    writer = csv.writer(sys.stdout)
    writer.writerow(header)
    writer.writerows(rows)


def job_query_table(backend: plain.RdflibBackend, _args: list[str]) -> None:
    header, rows = _most_active(backend)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def job_validate(backend: plain.RdflibBackend, _args: list[str]) -> None:
    report, lint = plain.validate(backend.graph)
    conforms = report[0] if isinstance(report, tuple) else report
    print(f"conforms: {conforms}; lint checks: {len(lint)}")


JOBS: dict[str, Callable[[plain.RdflibBackend, list[str]], None]] = {
    "stats": job_stats,
    "collab": job_collab,
    "path": job_path,
    "communities": job_communities,
    "centrality": job_centrality,
    "viz": job_viz,
    "export": job_export,
    "query-csv": job_query_csv,
    "query-table": job_query_table,
    "validate": job_validate,
}


def files(data: Path) -> list[Path]:
    """The ontology, then every Turtle file under the data folder (sorted)."""
    return [ONTOLOGY, *sorted(data.rglob("*.ttl") if data.is_dir() else [data])]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="One kommgraph job, the plain way.")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("job", choices=sorted(JOBS))
    parser.add_argument("args", nargs="*")
    args = parser.parse_args(argv)
    graph = plain.parse(files(args.data))
    JOBS[args.job](plain.RdflibBackend(graph), list(args.args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
