"""The persistent index: built once, used while the files are as they were, never stale.

Every kind of change (an edited, added, removed or renamed file) makes the index
unused until it is built again; touching a file without changing it does not.
Corrupt or foreign cache folders are not trusted, two builds at once both end
well, a cache folder that cannot be used costs nothing but the index, and the
answers are the same with and without it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import cast

import pytest
from click.testing import CliRunner

from kommgraph.api import KommGraph
from kommgraph.cli import main
from kommgraph.network.evidence import Evidence
from kommgraph.network.graph_tables import TableNetwork
from kommgraph.network.sparql_rows import SparqlRows
from kommgraph.network.tables import TableRows
from kommgraph.rdf import index as disk
from kommgraph.vocab import AgentNetwork, Metric

FIXTURE = Path(__file__).parent / "fixtures" / "network"


def indexed(data: Path, cache: Path) -> bool:
    return KommGraph.load([data], cache=cache).index is not None


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_index_builds_it_and_later_loads_open_it(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert not indexed(data, cache)
    assert "built the index in" in cli("--data", str(data), "--cache", str(cache), "index")
    assert indexed(data, cache)
    assert not KommGraph.load([data]).index  # no cache given: no index


@pytest.mark.parametrize(
    "args",
    [
        ["collab", "Anna Alt", "--format", "json"],
        ["path", "Stadt Südstadt", "Stadt Nordstadt", "--format", "json"],
        ["centrality", "--format", "json"],
        ["communities", "--format", "json"],
        ["stats", "--format", "json"],
        ["query", "collaborating-pairs", "--format", "json"],
        ["query", "most-active-actors", "--format", "csv"],
        ["query", "co-organizers", "--format", "csv"],
    ],
)
def test_answers_are_the_same_with_and_without_the_index(
    data: Path, tmp_path: Path, args: list[str]
) -> None:
    cache = str(tmp_path / "cache")
    cli("--data", str(data), "--cache", cache, "index")
    with_index = cli("--data", str(data), "--cache", cache, *args)
    assert with_index == cli("--data", str(data), "--no-cache", *args)


def test_the_tables_give_the_model_the_rows_sparql_gives(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    kg = KommGraph.load([data], cache=cache)
    assert kg.index is not None
    tables, sparql = TableRows(kg.index.extra("evidence.sqlite")), SparqlRows(kg.backend)
    for name in ("subclasses", "roles", "topics", "agents", "affiliations"):
        method = getattr(tables, name)
        found = method() if name in ("subclasses", "roles", "topics") else method(None)
        expected = (
            getattr(sparql, name)()
            if name in ("subclasses", "roles", "topics")
            else getattr(sparql, name)(None)
        )
        assert sorted(found, key=str) == sorted(expected, key=str), name
    full, again = Evidence(tables), Evidence(sparql)
    assert (full.events, full.participations, full.agents) == (
        again.events,
        again.participations,
        again.agents,
    )
    agents = sorted({agent for agent, _e, _r in full.participations.values()})
    for actor in agents:
        mine, theirs = Evidence(tables, actor=actor), Evidence(sparql, actor=actor)
        assert (mine.events, mine.participations, mine.agents) == (
            theirs.events,
            theirs.participations,
            theirs.agents,
        ), actor
    # what one actor's batch and a page read: trees of events, of agents, some agents' rows
    some, active = agents[::3], {r for r, role in full.roles.items() if role.active}
    events = sorted(full.events)[::5]
    assert tables.tops(events) == sparql.tops(events)
    for actor in some:
        assert tables.roots_of(actor, active) == sparql.roots_of(actor, active), actor
    trees = sorted({t for actor in some for t in tables.roots_of(actor, active)})[::2]
    assert trees and tables.tops(events) and tables.participations(trees, some)
    for roots in (None, trees):
        assert sorted(tables.participations(roots, some), key=str) == sorted(
            sparql.participations(roots, some), key=str
        ), roots
    page, again_page = (
        Evidence(tables, among=frozenset(some)),
        Evidence(sparql, among=frozenset(some)),
    )
    assert (page.events, page.participations, page.agents) == (
        again_page.events,
        again_page.participations,
        again_page.agents,
    )


def change(kind: str, data: Path) -> None:
    events = data / "events.ttl"
    if kind == "edit":
        text = events.read_text(encoding="utf-8")
        events.write_text(text.replace("Anna Alt", "Anna Alt-Neu", 1), encoding="utf-8")
    elif kind == "same size, new content":
        text = events.read_text(encoding="utf-8")
        events.write_text(text.replace("Workshop Register", "Workshop Regizter"), encoding="utf-8")
        os.utime(events, ns=(time.time_ns(), time.time_ns() + 10**9))
    elif kind == "add":
        shutil.copy(FIXTURE / "entities.ttl", data / "more.ttl")
        (data / "more.ttl").write_text("", encoding="utf-8")
    elif kind == "remove":
        (data / "entities.ttl").rename(data / "entities.ttl.off")
    elif kind == "rename":
        events.rename(data / "events-2.ttl")


@pytest.mark.parametrize("kind", ["edit", "same size, new content", "add", "remove", "rename"])
def test_every_change_of_the_files_makes_the_index_unused(
    data: Path, tmp_path: Path, kind: str
) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    assert indexed(data, cache)
    change(kind, data)
    if kind == "remove":
        return  # the fixture cannot lose its entities and stay loadable; the manifest differs
    assert not indexed(data, cache)
    fresh = cli("--data", str(data), "--no-cache", "stats", "--format", "json")
    assert cli("--data", str(data), "--cache", str(cache), "stats", "--format", "json") == fresh


def test_a_removed_file_makes_the_index_unused(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (data / "extra.ttl").write_text("", encoding="utf-8")
    KommGraph.build_index([data], cache)
    (data / "extra.ttl").unlink()
    assert not indexed(data, cache)


def test_touching_a_file_keeps_the_index(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    later = time.time() + 60
    os.utime(data / "events.ttl", (later, later))
    assert indexed(data, cache)
    current = json.loads((disk.set_folder(cache, [data]) / "CURRENT").read_text())
    times = {Path(f["path"]).name: f["mtime_ns"] for f in current["files"]}
    assert times["events.ttl"] == (data / "events.ttl").stat().st_mtime_ns


@pytest.mark.parametrize(
    "damage",
    ["garbage CURRENT", "foreign CURRENT", "other version", "no store", "broken store"],
)
def test_corrupt_or_foreign_caches_are_not_trusted_and_rebuilt(
    data: Path, tmp_path: Path, damage: str
) -> None:
    cache = tmp_path / "cache"
    build = KommGraph.build_index([data], cache)
    current = build.parent / "CURRENT"
    if damage == "garbage CURRENT":
        current.write_bytes(b"\x00\xff not json")
    elif damage == "foreign CURRENT":
        current.write_text(json.dumps({"format": "something else", "build": build.name}))
    elif damage == "other version":
        info = json.loads((build / "BUILD").read_text())
        (build / "BUILD").write_text(json.dumps({**info, "version": -1}))
    elif damage == "no store":
        shutil.rmtree(build / "store")
    else:
        for file in (build / "store").iterdir():
            file.write_bytes(b"broken")
    assert not indexed(data, cache)
    KommGraph.build_index([data], cache)
    assert indexed(data, cache)


def test_two_builds_at_once_both_end_with_a_whole_index(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "kommgraph", "--data", str(data), "--cache", str(cache)]
    runs = [subprocess.Popen([*command, "index"], stderr=subprocess.PIPE) for _ in range(2)]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read() if run.stderr else ""
    assert indexed(data, cache)
    leftovers = [
        p.name for p in disk.set_folder(cache, [data]).iterdir() if p.name.startswith("tmp-")
    ]
    assert leftovers == []


def test_a_command_without_an_index_starts_one_in_the_background(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("KOMMGRAPH_BACKGROUND_INDEX", "1")
    done = subprocess.run(
        [sys.executable, "-m", "kommgraph", "--data", str(data), "--cache", str(cache), "stats"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 120
    while not indexed(data, cache):
        assert time.monotonic() < deadline, "no index built in the background"
        time.sleep(0.2)


def test_a_cache_folder_that_cannot_be_used_costs_only_the_index(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KOMMGRAPH_BACKGROUND_INDEX", "1")
    out = cli("--data", str(data), "--cache", str(blocked / "cache"), "stats", "--format", "json")
    assert json.loads(out)["triples"] > 0


@pytest.mark.parametrize(
    "args",
    [
        ["centrality", "--format", "json", "--metric", "betweenness"],
        ["centrality", "--format", "json", "--since", "2023", "--network", "persons"],
        ["communities", "--format", "json"],
        ["communities", "--format", "json", "--method", "louvain", "--seed", "7"],
    ],
)
def test_measures_are_kept_with_the_index_and_read_back_the_same(
    data: Path, tmp_path: Path, args: list[str]
) -> None:
    cache = str(tmp_path / "cache")
    cli("--data", str(data), "--cache", cache, "index")
    before = set(disk.set_folder(Path(cache), [data]).glob("build-*/results/*.json"))
    first = cli("--data", str(data), "--cache", cache, *args)
    after = set(disk.set_folder(Path(cache), [data]).glob("build-*/results/*.json"))
    assert len(after) >= 2 and len(after - before) <= 1  # the build kept the actors network's
    assert cli("--data", str(data), "--cache", cache, *args) == first
    assert first == cli("--data", str(data), "--no-cache", *args)


@pytest.mark.parametrize("network", ["actors", "persons", "organizations"])
def test_an_unfiltered_network_from_the_tables_is_the_projection(
    data: Path, tmp_path: Path, network: str
) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    indexed_kg, plain = KommGraph.load([data], cache=cache), KommGraph.load([data])
    assert indexed_kg.index is not None
    kind = cast("AgentNetwork", network)
    mine, theirs = indexed_kg.network(kind), plain.network(kind)
    assert list(mine.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(mine.edges(data=True)) == list(theirs.edges(data=True))
    assert mine.graph == theirs.graph
    lazy, full = indexed_kg.collaborations(kind), plain.collaborations(kind)
    assert sorted(lazy) == sorted(full)
    for key in sorted(full):
        assert lazy[key].event_iris() == full[key].event_iris(), key  # kept by the index
        assert lazy[key] == full[key], key  # weight, events and quotes
        assert lazy[key].event_iris() == sorted({e.iri for e in full[key].events}), key


@pytest.mark.parametrize("which", ["fixture", "bundled"])
@pytest.mark.parametrize("cut", [[], ["--max-nodes", "12"], ["--size-by", "betweenness"]])
def test_the_page_is_the_same_from_the_index(
    data: Path, tmp_path: Path, which: str, cut: list[str]
) -> None:
    # from the index only the drawn nodes' evidence is read: the page must not differ
    folder = str(data if which == "fixture" else Path(__file__).parents[1] / "data")
    cache = str(tmp_path / "cache")
    cli("--data", folder, "--cache", cache, "index")
    args = ["viz", "-o", "-", "--no-timestamp", *cut]
    plain = cli("--data", folder, "--no-cache", *args)
    assert cli("--data", folder, "--cache", cache, *args) == plain
    assert cli("--data", folder, "--cache", cache, *args) == plain  # the kept ranking


@pytest.mark.parametrize("size_by", ["weighted_degree", "betweenness"])
def test_a_cut_drawing_from_the_index_tables_is_the_cut_of_the_projection(
    data: Path, tmp_path: Path, size_by: Metric
) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    indexed_kg, plain = KommGraph.load([data], cache=cache), KommGraph.load([data])
    mine = indexed_kg.view(max_nodes=12, size_by=size_by)
    theirs = plain.view(max_nodes=12, size_by=size_by)
    assert isinstance(mine.full, TableNetwork)  # read from the tables, not built
    assert sorted(mine.graph.nodes(data=True)) == sorted(theirs.graph.nodes(data=True))
    assert sorted(mine.graph.edges(data=True)) == sorted(theirs.graph.edges(data=True))
    assert mine.scores == pytest.approx(theirs.scores)
    assert (mine.description, mine.cut) == (theirs.description, theirs.cut)
    assert mine.cut is not None
    for a, b in mine.graph.edges:
        key = (a, b) if a < b else (b, a)
        assert mine.edges[key] == theirs.edges[key]


@pytest.mark.parametrize("network", ["actors", "persons", "organizations"])
def test_all_pairs_from_the_index_are_the_pairs_of_the_projection(
    data: Path, tmp_path: Path, network: str
) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    kind = cast("AgentNetwork", network)
    mine = KommGraph.load([data], cache=cache).pairs(kind)
    theirs = KommGraph.load([data]).pairs(kind)
    assert mine.rows == theirs.rows
    graph = KommGraph.load([data]).network(kind)
    assert len(mine.rows) == graph.number_of_edges() > 0
    for a, b, weight, events, ids in mine.rows:
        assert a < b and graph.edges[a, b]["weight"] == weight
        assert graph.edges[a, b]["events"] == events
        assert 0 < len(ids.split()) <= events
    frame = mine.to_pandas()
    assert list(frame.columns) == ["source", "target", "weight", "events", "event_ids"]
    assert len(frame) == len(mine.rows)
    assert mine.to_dicts()[0] == dict(zip(frame.columns, mine.rows[0], strict=True))


def test_a_drawing_keeps_its_ranking_with_the_index_and_reads_it_back(
    data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    first = KommGraph.load([data], cache=cache).view(max_nodes=5, size_by="betweenness")
    kept = list(cache.glob("*/build-*/results/ranking-actors-*-betweenness.json"))
    assert len(kept) == 1
    again = KommGraph.load([data], cache=cache).view(max_nodes=5, size_by="betweenness")
    assert again.scores == first.scores and list(again.graph) == list(first.graph)
    plain = KommGraph.load([data]).view(max_nodes=5, size_by="betweenness")
    assert sorted(again.graph) == sorted(plain.graph)


def test_a_layout_is_kept_with_the_index_for_exactly_its_graph_sizes_and_seed(
    data: Path, tmp_path: Path
) -> None:
    from kommgraph.views.page_layout import kept_positions, positions

    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    kg = KommGraph.load([data], cache=cache)
    assert kg.index is not None
    graph = kg.network("actors")
    sizes = {v: 10.0 + i for i, v in enumerate(sorted(graph))}

    def kept() -> list[Path]:
        return sorted(cache.glob("*/build-*/results/layout-*.json"))

    first = kept_positions(kg.index, graph, 7, sizes)
    assert first == positions(graph, 7, sizes) and len(kept()) == 1
    assert kept_positions(kg.index, graph, 7, sizes) == first and len(kept()) == 1
    kept_positions(kg.index, graph, 8, sizes)  # another seed: laid out and kept apart
    a, b = next(iter(graph.edges))
    graph.edges[a, b]["weight"] = 99.0  # another graph: the same
    assert kept_positions(kg.index, graph, 7, sizes) == positions(graph, 7, sizes)
    assert len(kept()) == 3


def test_the_builtin_digest_is_sha256_as_hashlib_gives_it(tmp_path: Path) -> None:
    import hashlib

    file = tmp_path / "data.ttl"
    file.write_bytes(b"<x:a> <x:b> <x:c> .\n" * 100_000)
    assert disk._sha256(file) == hashlib.sha256(file.read_bytes()).hexdigest()
    named = "\n".join([disk.FORMAT, str(file.resolve())]).encode()
    expected = "set-" + hashlib.sha256(named).hexdigest()[:24]
    assert disk.set_folder(tmp_path, [file]).name == expected


def test_a_query_of_all_the_data_runs_on_the_files_in_memory_others_on_the_index(
    data: Path, tmp_path: Path
) -> None:
    """`#+ scan: whole` queries read the files into memory once (Oxigraph's on-disk store
    scans 4-8 times slower); a selective one stays on the index's store."""
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    indexed_graph = KommGraph.load([data], cache=cache)
    plain = KommGraph.load([data])
    selective = indexed_graph.query("collaborators-of", {"actor": "Anna Alt"})
    assert indexed_graph._memory is None
    assert selective.to_dicts() == plain.query("collaborators-of", {"actor": "Anna Alt"}).to_dicts()
    whole = indexed_graph.query("most-active-actors")
    memory = indexed_graph._memory
    assert memory is not None and memory is not indexed_graph.backend
    assert whole.to_dicts() == plain.query("most-active-actors").to_dicts()
    indexed_graph.query("collaborating-pairs")
    assert indexed_graph._memory is memory  # loaded once per session
    assert plain.query("most-active-actors") and plain._memory is None  # no index: as loaded


def test_a_query_file_of_ones_own_can_be_marked_as_reading_all_the_data(
    data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    mine = tmp_path / "count.rq"
    mine.write_text(
        "#+ title: Everything\n#+ description: all triples\n#+ scan: whole\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    kg = KommGraph.load([data], cache=cache)
    counted = kg.query(str(mine)).to_dicts()
    assert kg._memory is not None
    assert counted == KommGraph.load([data]).query(str(mine)).to_dicts()
