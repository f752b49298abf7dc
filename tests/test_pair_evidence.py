"""`kg.pair_evidence()`: the facts behind `kg.pairs()`, each once, enough to explain every edge.

The tables must be the same from an index and without one, every IRI a pair
refers to must be in them, and every edge's evidence as `kg.collaboration`
spells it out (both sides' active roles at each shared event, the umbrella
tree, the stated relation, every quote) must be found in them by a join.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from kommgraph.api import KommGraph
from kommgraph.network.evidence_tables import PairEvidence

BUNDLED = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def bundled() -> KommGraph:
    return KommGraph.load([BUNDLED])


def test_the_tables_from_an_index_are_the_tables_without_it(data: Path, tmp_path: Path) -> None:
    for folder in (data, BUNDLED):
        cache = tmp_path / folder.name
        KommGraph.build_index([folder], cache)
        indexed = KommGraph.load([folder], cache=cache)
        assert indexed.index is not None
        assert indexed.pair_evidence() == KommGraph.load([folder]).pair_evidence(), folder


def test_every_iri_a_pair_refers_to_is_an_event_or_a_relation(bundled: KommGraph) -> None:
    facts = bundled.pair_evidence()
    known = {row[0] for row in facts.events.rows} | {row[0] for row in facts.relations.rows}
    referred = {iri for row in bundled.pairs().rows for iri in row[4].split()}
    assert referred and referred <= known


def test_every_edges_evidence_is_found_in_the_tables(bundled: KommGraph) -> None:
    facts: PairEvidence = bundled.pair_evidence()
    root = {row[0]: row[5] for row in facts.events.rows}
    active: dict[str, set[str]] = defaultdict(set)  # agent -> events it is active at
    quotes = {row[9] for row in facts.participations.rows if row[9]}
    for row in facts.participations.rows:
        if row[5]:
            active[str(row[1])].add(str(row[2]))
    related = {frozenset(row[1:3]) for row in facts.relations.rows}
    quotes |= {row[7] for row in facts.relations.rows if row[7]}
    quotes |= {row[3] for row in facts.statements.rows if row[3]}
    checked = 0
    for (a, b), edge in bundled.collaborations("actors").items():
        for event in edge.events:
            if event.basis == "relation":
                assert frozenset((a, b)) in related, (a, b)
            elif event.basis == "umbrella-only":
                trees = [{root[e] for e in active[x]} for x in (a, b)]
                assert event.iri in trees[0] & trees[1], (a, b, event.iri)
            elif event.basis != "via-people":
                assert event.iri in active[a] & active[b], (a, b, event.iri)
            checked += 1
        assert {q.quote for q in edge.quotes} <= quotes, (a, b)
    assert checked > 100


def test_the_tables_become_data_frames_with_their_columns(bundled: KommGraph) -> None:
    facts = bundled.pair_evidence()
    for table in (facts.events, facts.participations, facts.relations, facts.statements):
        frame = table.to_pandas()
        assert list(frame.columns) == list(table.columns())
        assert len(frame) == len(table.rows) == len(table.to_dicts())


def test_the_readme_example_finds_both_actors_roles_behind_an_edge(bundled: KommGraph) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python\npairs = kg.pairs().to_pandas()")
    code = readme[start + len("```python\n") : readme.index("```", start + 3)]
    scope: dict[str, object] = {"kg": bundled}
    exec(compile(code, "README.md", "exec"), scope)  # the README's own example, as written
    roles, edge = scope["roles"], scope["edge"]
    assert {edge.source, edge.target} <= set(roles.agent)  # type: ignore[attr-defined]
    assert roles.active.all()  # type: ignore[attr-defined]
