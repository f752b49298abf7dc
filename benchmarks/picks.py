#!/usr/bin/env python3
"""The actors every whole-command benchmark asks about, picked deterministically.

    python benchmarks/picks.py DATA_FOLDER        # prints JSON

The most active person (most active participations, ties by IRI), the busiest
organization (most participations, as `run.py` picks it), and two persons for
`path`: of the 40 most active persons sorted by label, the first and the last
(as `run.py` picks them), or the next pair in that order that the actors network
connects, so that `path` has a chain to show. Picking is not timed; it runs in
its own process so that the harness's parent stays small.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

PERSON = """SELECT ?a ?l WHERE { { SELECT ?a (COUNT(*) AS ?n) WHERE { ?p kg:agent ?a ;
    kg:role/kg:active true . ?a a kg:Person } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1 }
    ?a rdfs:label ?l }"""
ORGANIZATION = """SELECT ?a ?l WHERE { { SELECT ?a (COUNT(*) AS ?n) WHERE { ?p kg:agent ?a .
    ?a a/rdfs:subClassOf* kg:Organization } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1 }
    ?a rdfs:label ?l }"""
ACTIVE_PERSONS = """SELECT ?a ?l WHERE { { SELECT ?a (COUNT(*) AS ?n) WHERE { ?p kg:agent ?a ;
    kg:role/kg:active true . ?a a kg:Person } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 40 }
    ?a rdfs:label ?l } ORDER BY ?l ?a"""


def busiest_organization(graph: Any) -> str:
    """The label of the organization with the most participations."""
    result = graph.sparql(ORGANIZATION)
    return str(result.rows[0][1]) if result.rows else ""


def agents_for(graph: Any) -> tuple[str, str]:
    """Two well-connected persons (labels): first and last of the 40 most active by label."""
    labels = [str(row[1]) for row in graph.sparql(ACTIVE_PERSONS).rows]
    return labels[0], labels[-1]


def _actor(row: Any) -> dict[str, str]:
    return {"iri": str(row[0]), "label": str(row[1])}


def _rows(kg: Any, text: str) -> list[Any]:
    return list(kg.sparql(text).rows)


def pick(data: Path) -> dict[str, Any]:
    """Labels and IRIs of the person, the organization and the two ends of `path`."""
    import networkx as nx

    from kommgraph.api import KommGraph

    kg = KommGraph.load([data])
    person = _actor(_rows(kg, PERSON)[0])
    organization = _actor(_rows(kg, ORGANIZATION)[0])
    candidates = [_actor(row) for row in _rows(kg, ACTIVE_PERSONS)]
    network = kg.network("actors")
    ends = (candidates[0], candidates[-1])
    ordered = [ends, *itertools.combinations(candidates, 2)]
    taken = {person["iri"], organization["iri"]}
    for a, b in ordered:
        if (
            a["iri"] != b["iri"]
            and not {a["iri"], b["iri"]} & taken
            and nx.has_path(network, a["iri"], b["iri"])
        ):
            ends = (a, b)
            break
    return {"person": person, "organization": organization, "path": list(ends)}


def main(argv: list[str]) -> int:
    print(json.dumps(pick(Path(argv[0])), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
