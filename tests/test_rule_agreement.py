"""The participation rule in Python and in SPARQL find the same collaborating pairs.

`kommgraph.network.rule` decides in Python which participations count; the
named query `collaborating-pairs` states the same rule in SPARQL. For the
bundled data and for generated data of a few hundred events, every pair the
query lists is a pair the Python model links through events, with the same
number of events both were active in, and the other way round.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from kommgraph.api import KommGraph
from kommgraph.network.edges import collaborations
from kommgraph.rdf.sparql import SelectResult

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from generate import generate  # noqa: E402

# bases of a shared event in which both agents held an active role themselves
SAME_EVENT_BASES = ("same-event", "co-organizing", "umbrella")

Pairs = dict[tuple[str, str], int]


def pairs_by_sparql(kg: KommGraph) -> Pairs:
    result = kg.query("collaborating-pairs")
    assert isinstance(result, SelectResult)
    found: Pairs = {}
    for row in result.dicts():
        key = (str(row["agent1"]), str(row["agent2"]))
        assert key not in found, f"pair listed twice: {key}"
        found[key] = int(str(row["sharedEvents"]))
    return found


def pairs_by_python(kg: KommGraph) -> Pairs:
    found: Pairs = {}
    for key, edge in collaborations(kg.evidence).items():
        bases = Counter(e.basis for e in edge.events)
        if sum(n for basis, n in bases.items() if basis != "relation"):
            found[key] = sum(bases[b] for b in SAME_EVENT_BASES)
    return found


def assert_agree(kg: KommGraph) -> int:
    by_sparql, by_python = pairs_by_sparql(kg), pairs_by_python(kg)
    only_sparql = sorted(set(by_sparql) - set(by_python))
    only_python = sorted(set(by_python) - set(by_sparql))
    assert not only_sparql, f"pairs only the query finds: {only_sparql[:5]}"
    assert not only_python, f"pairs only the Python model finds: {only_python[:5]}"
    differ = {k: (by_sparql[k], by_python[k]) for k in by_sparql if by_sparql[k] != by_python[k]}
    assert not differ, f"shared events differ (query, Python): {dict(list(differ.items())[:5])}"
    return len(by_sparql)


def test_bundled_data_gives_the_same_pairs_by_sparql_and_python() -> None:
    assert assert_agree(KommGraph.load()) > 100


@pytest.mark.parametrize("seed", [3, 11])
def test_generated_data_gives_the_same_pairs_by_sparql_and_python(
    tmp_path: Path, seed: int
) -> None:
    generate(400, tmp_path, seed=seed)
    assert assert_agree(KommGraph.load([tmp_path])) > 1000
