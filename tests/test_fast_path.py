"""Answers from the index: the same as by SPARQL, without rdflib, networkx or the store.

`collab` and the other one-actor answers read the index's tables (SQLite) only:
the actor is found in its tables, the evidence is read from them, and the
on-disk store opens only when a query needs it. These tests prove that the
names resolve the same either way, that such a command imports none of the
heavy libraries, and that a store found damaged when it is opened is replaced
by the files themselves (and the index forgotten, so the next command rebuilds).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kommgraph.api import KommGraph
from kommgraph.cli import main
from kommgraph.errors import AmbiguousActorError, UnknownActorError
from kommgraph.network.graph_tables import TableNetwork
from kommgraph.network.sparql_rows import SparqlRows
from kommgraph.network.tables import TableRows
from kommgraph.rdf.names import NameIndex, exact_entity, exact_key
from kommgraph.vocab import AgentNetwork

FIXTURE = Path(__file__).parent / "fixtures" / "network"


@pytest.fixture
def both(data: Path, tmp_path: Path) -> tuple[TableRows, SparqlRows]:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    kg = KommGraph.load([data], cache=cache)
    assert kg.index is not None
    return TableRows(kg.index.extra("evidence.sqlite")), SparqlRows(kg.backend)


def test_the_tables_give_the_name_rows_sparql_gives(both: tuple[TableRows, SparqlRows]) -> None:
    tables, sparql = both
    mine, theirs = tables.agent_names(None), sparql.agent_names(None)
    assert sorted(mine, key=str) == sorted(theirs, key=str)
    assert any(row[2] == "ZV" for row in mine)  # aliases are there


def names_to_try(rows: list[tuple[str | None, ...]]) -> list[str]:
    found = {str(r[1]) for r in rows} | {str(r[2]) for r in rows if r[2]}
    found |= {str(r[0]) for r in rows} | {f"<{r[0]}>" for r in rows}
    # typed differently: folded, partial, unknown, prefixed, empty
    found |= {str(r[1]).upper() for r in rows} | {str(r[1])[:4] for r in rows}
    return sorted(found | {"Niemand Bekanntes", "person:anna-alt", "  ", "org:nowhere"})


def test_exact_and_folded_lookups_agree_on_every_name(both: tuple[TableRows, SparqlRows]) -> None:
    tables, sparql = both
    by_tables = NameIndex(tables.agent_names(None))
    by_sparql = NameIndex(sparql.agent_names(None))
    for name in names_to_try(tables.agent_names(None)):
        key = exact_key(name)
        if key is not None:
            assert exact_entity(tables.agent_names(key)) == exact_entity(sparql.agent_names(key))
        outcomes: list[object] = []
        for index in (by_tables, by_sparql):
            try:
                outcomes.append(index.resolve(name))
            except (AmbiguousActorError, UnknownActorError) as error:
                outcomes.append(str(error))
        assert outcomes[0] == outcomes[1], name


def test_an_answer_from_the_index_imports_no_heavy_library(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    script = (
        "import sys\n"
        "from kommgraph.cli import main\n"
        "try:\n"
        f"    main(['--data', {str(data)!r}, '--cache', {str(cache)!r},"
        " 'collab', 'Anna Alt', '--format', 'json'])\n"
        "except SystemExit as end:\n"
        "    assert end.code in (0, None), end.code\n"
        "heavy = ('rdflib', 'networkx', 'pyoxigraph', 'numpy', 'SPARQLWrapper')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "[]"
    assert json.loads(run.stdout)["collaborators"]


def test_a_store_found_damaged_on_opening_gives_way_to_the_files(
    data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    build = KommGraph.build_index([data], cache)
    expected = KommGraph.load([data], cache=None).query("co-organizers")
    tables = [p for p in (build / "store").iterdir() if p.suffix == ".sst"]
    assert tables, "the store keeps its data in SST files"
    for table in tables:
        table.write_bytes(b"damaged")
    kg = KommGraph.load([data], cache=cache)
    assert kg.index is not None  # it looks whole until the store is opened
    assert kg.query("co-organizers") == expected  # on the index's store (not a whole scan)
    assert not (build.parent / "CURRENT").exists()  # forgotten: the next command rebuilds
    assert KommGraph.load([data], cache=cache).index is None


def test_collab_from_the_index_is_the_answer_without_it(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    runner = CliRunner()
    runner.invoke(main, ["--data", str(data), "--cache", str(cache), "index"])
    for name in ("anna alt", "Anna Alt", "ZV", "person:anna-alt", "bernd berg", "Nobody"):
        args = ["collab", name, "--format", "json"]
        with_index = runner.invoke(main, ["--data", str(data), "--cache", str(cache), *args])
        without = runner.invoke(main, ["--data", str(data), "--no-cache", *args])
        assert (with_index.exit_code, with_index.output) == (without.exit_code, without.output)


@pytest.mark.parametrize("network", ["actors", "persons", "organizations"])
def test_paths_walked_in_the_tables_are_the_paths_of_the_projection(
    data: Path, tmp_path: Path, network: AgentNetwork
) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    indexed, plain = KommGraph.load([data], cache=cache), KommGraph.load([data], cache=None)
    walked = indexed.model.walkable(network, None, False)
    assert isinstance(walked, TableNetwork)
    actors = sorted(plain.network(network))
    assert len(actors) >= 5
    for a in actors:
        for b in actors:
            if a != b:
                mine = indexed.path(a, b, network=network)
                assert mine == plain.path(a, b, network=network), (a, b)
    assert "urn:nobody" not in walked
