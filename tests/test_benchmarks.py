"""The benchmark generator is deterministic and valid; the harness starts (no timing here)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from generate import generate  # noqa: E402

from kommgraph.check.validate import validate  # noqa: E402
from kommgraph.rdf.loading import load  # noqa: E402

EVENTS = 30
FILES = (
    "affiliations.ttl",
    "events.ttl",
    "organizations.ttl",
    "persons.ttl",
    "places.ttl",
    "sources.ttl",
    "topics.ttl",
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "a"
    generate(EVENTS, folder, seed=7)
    return folder


def test_generator_writes_the_expected_files(generated: Path) -> None:
    assert tuple(sorted(p.name for p in generated.glob("*.ttl"))) == FILES


def test_generator_is_byte_identical_for_a_seed(generated: Path, tmp_path: Path) -> None:
    again = tmp_path / "b"
    generate(EVENTS, again, seed=7)
    for name in FILES:
        assert (generated / name).read_bytes() == (again / name).read_bytes(), name


def test_generator_output_depends_on_the_seed(generated: Path, tmp_path: Path) -> None:
    other = tmp_path / "c"
    generate(EVENTS, other, seed=8)
    assert (generated / "events.ttl").read_bytes() != (other / "events.ttl").read_bytes()


def test_generated_data_passes_shacl_and_lint(generated: Path) -> None:
    graph = load([generated])
    report = validate(graph)
    assert [(f.rule, f.focus, f.message) for f in report.findings] == []
    assert report.violations == 0
    assert report.warnings == 0


def test_generated_data_has_the_requested_number_of_events(generated: Path) -> None:
    graph = load([generated])
    from kommgraph.rdf.sparql import LocalBackend, SelectResult

    result = LocalBackend(graph).query(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a/rdfs:subClassOf* kg:Event }"
    )
    assert isinstance(result, SelectResult)
    assert int(str(result.rows[0][0])) == EVENTS


def test_run_help_works() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "--scales" in done.stdout
    assert "--quick" in done.stdout


def test_site_benchmark_measures_a_small_site(tmp_path: Path) -> None:
    """`benchmarks/site.py` at 30 events: the index, the site, its table row (no README)."""
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "site.py"),
            "--events",
            "30",
            "--out",
            str(tmp_path),
            "--results",
            str(tmp_path / "site.json"),
            "--no-readme",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "| 30 |" in done.stdout
    assert (tmp_path / "30" / "site" / "index.html").is_file()


def _result(scale: int, triples: int, steps: dict[str, float]) -> dict[str, object]:
    return {
        "scale": scale,
        "data": {"triples": triples},
        "families": {"embedded": {"steps": {k: {"seconds": v} for k, v in steps.items()}}},
    }


def test_growth_compares_each_step_with_n_log_n_between_scales() -> None:
    import run

    results = [
        _result(10_000, 400_000, {"linear": 1.0, "quadratic": 1.0, "tiny": 0.001}),
        _result(1_000, 40_000, {"linear": 0.1, "quadratic": 0.05, "tiny": 0.0001}),
        _result(50_000, 2_000_000, {"linear": 5.0, "quadratic": 25.0, "tiny": 0.1}),
    ]
    header, rows = run.growth_rows(results)
    assert header == [
        "step",
        "1k → 10k (triples ×10.0, n log n ×12.2)",
        "10k → 50k (triples ×5.0, n log n ×5.6)",
    ]
    by_step = {row[0]: row[1:] for row in rows}
    assert by_step["linear"] == ["×10.0", "×5.0"]
    assert by_step["quadratic"] == ["×20.0 ▲", "×25.0 ▲"]
    assert "tiny" not in by_step  # under the noise floor at every smaller scale


def test_machine_controls_measure_each_recorded_network_with_and_without_huge_pages(
    tmp_path: Path,
) -> None:
    import json
    import shutil

    import machine

    recorded = BENCHMARKS / "results" / "bench-1000.json"  # a real run: 1,647 nodes, 17,575 edges
    shutil.copy(recorded, tmp_path / recorded.name)
    assert machine.main(["--results", str(tmp_path), "--gather", "1024,4096"]) == 0
    result = json.loads((tmp_path / "machine.json").read_text(encoding="utf-8"))
    for mode in ("default", "huge_pages"):
        assert [row["values"] for row in result[mode]["gather"]] == [1024, 4096]
        assert all(row["random_ns"] > 0 for row in result[mode]["gather"])
        [graph] = result[mode]["dijkstra"]
        assert (graph["nodes"], graph["edges"]) == (1647, 17575)
    text = (tmp_path / "machine.md").read_text(encoding="utf-8")
    assert "| 4,096 |" in text and "| 1,647 | 17,575 |" in text
    assert (tmp_path / "bench.md").read_text(encoding="utf-8").startswith("# kommgraph benchmark")


def test_machine_controls_need_recorded_networks(tmp_path: Path) -> None:
    import machine

    assert machine.main(["--results", str(tmp_path)]) == 1


def test_growth_table_ends_with_the_machine_control_between_the_same_sizes() -> None:
    import run

    results = [_result(1_000, 40_000, {}), _result(10_000, 400_000, {})]
    for result, note in zip(results, ("10 nodes, 100 edges", "50 nodes, 1000 edges"), strict=True):
        result["families"]["embedded"]["steps"][run.ALL_CENTRALITIES] = {"note": note}  # type: ignore[index]
    controls = {
        "default": {
            "dijkstra": [
                {"nodes": 10, "edges": 100, "seconds": 0.5},
                {"nodes": 50, "edges": 1000, "seconds": 12.0},
            ]
        }
    }
    row = run.control_row(results, controls)
    assert row[1:] == ["×24.0 (edges ×10.0)"]
    assert run.growth_section(results, controls)[-2] == "| " + " | ".join(row) + " |"
    assert not any("control" in line for line in run.growth_section(results, None))


def test_repeats_name_the_families_whose_threshold_differs() -> None:
    import run

    old, new = _result(1_000, 1, {}), _result(10_000, 1, {})
    new["families"]["embedded"]["repeat_below"] = 10.0  # type: ignore[index]
    assert run.repeats([new]).startswith("the median of 3 runs for steps under 10 s, one run")
    assert "under 10 s (embedded at 10k) or under 2 s (embedded at 1k)" in run.repeats([old, new])


def test_a_step_under_two_milliseconds_is_timed_in_batches_of_calls(tmp_path: Path) -> None:
    import json

    import run

    recorder = run.Recorder(tmp_path / "steps.jsonl", repeat=3, timeout=60.0)
    calls = {"tiny": 0, "slow": 0}

    def tiny() -> int:
        calls["tiny"] += 1
        return calls["tiny"]

    def slow() -> None:
        calls["slow"] += 1
        time.sleep(run.TINY * 2)

    assert recorder.step("tiny", tiny) == 3  # the result of the last single run
    recorder.step("slow", slow)
    recorder.out.close()
    rows = {
        row["step"]: row
        for row in map(json.loads, (tmp_path / "steps.jsonl").read_text().splitlines())
        if row["event"] == "step"
    }
    batch = rows["tiny"]["batch"]
    assert batch > 1 and calls["tiny"] == 3 + 3 * batch
    assert len(rows["tiny"]["runs"]) == 3 and rows["tiny"]["seconds"] < run.TINY
    assert "batch" not in rows["slow"] and calls["slow"] == 3
    assert rows["slow"]["seconds"] >= run.TINY * 2
    assert "timed in batches of calls" in run.repeats(
        [{"scale": 1000, "families": {"embedded": {"steps": rows}}}]
    )


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0.000019, "0.019 ms"),
        (0.00013, "0.13 ms"),
        (0.0021, "2.1 ms"),
        (0.035, "35 ms"),
        (1.244, "1.24 s"),
        (14.02, "14.0 s"),
    ],
)
def test_seconds_are_shown_with_the_digits_their_size_needs(seconds: float, shown: str) -> None:
    import run

    assert run.fmt_seconds({"seconds": seconds}, 60.0) == shown
    assert run.fmt_seconds({"timeout": 60.0}, 60.0) == "> 60 s"


# ---------------------------------------------------------------------------------------
# whole commands (commands.py) and the DuckDB peer (duckdb_peer.py), at 40 events
# ---------------------------------------------------------------------------------------

TINY = 40
TINY_SEED = 7


@pytest.fixture(scope="module")
def tiny_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An `--out` folder holding the data of a 40-event scale, as the harnesses lay it out."""
    out = tmp_path_factory.mktemp("bench-out")
    generate(TINY, out / str(TINY) / "data", seed=TINY_SEED)
    return out


def _json(path: Path) -> dict[str, Any]:
    import json

    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def test_a_whole_process_reports_its_peak_rss_and_a_run_past_its_limit_has_no_time() -> None:
    import procs

    touch = "x = bytearray(200 * 2**20); x[::4096] = b'1' * len(range(0, len(x), 4096))"
    big = procs.run([sys.executable, "-c", touch], 60)
    assert big.ok and big.seconds is not None and big.rss_mb >= 200, big
    slow = procs.run([sys.executable, "-c", "import time; time.sleep(30)"], 0.3)
    assert slow.seconds is None and not slow.ok, slow
    summary = procs.summary([big, slow])
    assert summary["min"] == summary["median"] == round(big.seconds, 4)
    assert summary["rss_mb"] == big.rss_mb and len(summary["runs"]) == 2
    assert procs.fmt_cell(procs.summary([slow])) == "> 0.3 s"


def test_the_command_harness_times_first_and_later_runs_beside_the_baseline(
    tiny_out: Path, tmp_path: Path
) -> None:
    import commands

    results = tmp_path / "results"
    argv = ["--scales", str(TINY), "--rounds", "1", "--later", "2", "--only", "path A B"]
    argv += ["--repeat-below", "0"]  # each baseline once: a slower one is not repeated
    argv += ["--out", str(tiny_out), "--results", str(results), "--seed", str(TINY_SEED)]
    assert commands.main(argv) == 0
    result = _json(results / "commands-40.json")
    assert list(result["commands"]) == ["path A B"]
    assert result["errors"] == {}
    assert result["cache"]["supported"] == commands.cache_supported(commands.KOMMGRAPH)
    for row in result["commands"].values():
        for side, runs in (("first", 1), ("later", 2)):
            assert len(row[side]["runs"]) == runs, row
            assert 0 < row[side]["min"] <= row[side]["median"] and row[side]["rss_mb"] > 20
        assert len(row["baseline"]["runs"]) == 1 and row["baseline"]["median"] > 0
        assert row["baseline_limited"] is None
    assert result["commands"]["path A B"]["kommgraph"].startswith(".venv/bin/kommgraph --data ")
    # the runs did the job: both sides printed a chain between the picked ends
    ends = [end["label"] for end in result["picks"]["path"]]
    for side in ("later", "baseline"):
        shown = (tiny_out / "commands-40" / f"path-a-b.{side}.out").read_text(encoding="utf-8")
        assert all(end in shown for end in ends), shown
    table = (results / "commands.md").read_text(encoding="utf-8")
    assert "| `path A B` |" in table and all(end in table for end in ends)


def test_a_baseline_over_its_limit_is_tried_once_more_with_the_longer_limit(
    tiny_out: Path, tmp_path: Path
) -> None:
    import commands

    results = tmp_path / "results"
    argv = ["--scales", str(TINY), "--rounds", "2", "--later", "1", "--only", "stats"]
    argv += ["--timeout", "0.05"]
    argv += ["--long-timeout", "0.1", "--out", str(tiny_out), "--results", str(results)]
    assert commands.main(argv) == 0
    row = _json(results / "commands-40.json")["commands"]["stats"]
    assert row["first"]["timeout"] == row["later"]["timeout"] == 0.05
    assert len(row["baseline_limited"]["runs"]) == 1  # not repeated once past the limit
    assert row["baseline_limited"]["timeout"] == 0.05
    assert row["baseline"]["timeout"] == 0.1 and len(row["baseline"]["runs"]) == 1
    assert "> 0.1 s (2nd try, limit 0.1 s)" in (results / "commands.md").read_text()


FAKE_CLI = """#!{python}
import json, os, sys
args = sys.argv[1:]
if "--help" in args:
    print("Options:\\n  --data PATH\\n  --cache DIR  Keep the index here.\\n  --no-cache")
    sys.exit(0)
cache = args[args.index("--cache") + 1]
with open(os.environ["FAKE_LOG"], "a") as log:
    keys = ("KOMMGRAPH_BACKGROUND_INDEX", "PYTHONDONTWRITEBYTECODE")
    seen = {{k: os.environ.get(k) for k in keys}}
    log.write(json.dumps({{"argv": args, "found": sorted(os.listdir(cache)), "env": seen}}) + "\\n")
if args[-1] == "index":
    open(os.path.join(cache, "index"), "w").close()
"""


def test_each_round_runs_first_runs_on_an_empty_cache_then_the_index_then_later_runs(
    tiny_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import commands

    fake = tmp_path / "kommgraph"
    fake.write_text(FAKE_CLI.format(python=sys.executable))
    fake.chmod(0o755)
    log = tmp_path / "calls.jsonl"
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")  # as in the shell: dropped for the runs
    monkeypatch.delenv("KOMMGRAPH_BACKGROUND_INDEX", raising=False)  # the suite sets it
    results = tmp_path / "results"
    argv = ["--scales", str(TINY), "--rounds", "2", "--later", "2", "--only", "stats,validate"]
    argv += ["--no-baseline", "--kommgraph", str(fake)]
    argv += ["--out", str(tiny_out), "--results", str(results)]
    assert commands.main(argv) == 0
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    cache = str(tiny_out / "cache-40")
    order = ["stats", "validate", "index", "stats", "stats", "validate", "validate"]
    assert [c["argv"][-1] for c in calls] == order * 2
    assert all(c["argv"][2:4] == ["--cache", cache] for c in calls)
    assert [c["found"] for c in calls] == ([[]] * 3 + [["index"]] * 4) * 2
    # first runs build no index behind the timer's back; nothing runs without bytecode
    assert [c["env"]["KOMMGRAPH_BACKGROUND_INDEX"] for c in calls] == (["0", "0"] + [None] * 5) * 2
    assert all(c["env"]["PYTHONDONTWRITEBYTECODE"] is None for c in calls)
    result = _json(results / "commands-40.json")
    assert result["cache"]["supported"] is True
    assert result["commands"]["stats"]["baseline"] == {"runs": []}
    assert len(result["commands"]["stats"]["later"]["runs"]) == 4
    assert len(result["index_build"]["runs"]) == 2


def test_run_pys_baseline_pieces_work_on_kommgraphs_network(tiny_out: Path, tmp_path: Path) -> None:
    import plain
    import run

    from kommgraph.api import KommGraph

    kg = KommGraph.load([tiny_out / str(TINY) / "data"])
    actors = kg.network("actors")
    parts, modularity, bridges, topics = plain.plain_communities(
        actors, *run.active_topics(kg.evidence)
    )
    assert sum(len(p) for p in parts) == actors.number_of_nodes() and modularity > 0
    assert topics and bridges
    target = tmp_path / "plain.graphml"
    plain.plain_export(actors, target, run.evidence_json(kg))
    text = target.read_text(encoding="utf-8")
    assert text.count("<edge ") == actors.number_of_edges() and "betweenness" in text


@pytest.fixture(scope="module")
def peer(tiny_out: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    """One round of the DuckDB peer at 40 events: its exit code and results folder."""
    import duckdb_peer

    results = tmp_path_factory.mktemp("duckdb-results")
    argv = ["--scales", str(TINY), "--rounds", "1", "--seed", str(TINY_SEED), "--no-baseline"]
    argv += ["--pair-runs", "1"]
    code = duckdb_peer.main([*argv, "--out", str(tiny_out), "--results", str(results)])
    return code, results


def test_the_duckdb_peer_gives_exactly_kommgraphs_answers(peer: tuple[int, Path]) -> None:
    code, results = peer
    identity = _json(results / "duckdb-40.json")["identity"]
    assert code == 0 and identity["ok"], identity
    assert identity["pairs"] == identity["duckdb_pairs"] > 100
    assert identity["pair_differences"] == identity["degree_differences"] == 0
    assert identity["nodes"] > 50
    assert len(identity["actors"]) == 4
    assert all(
        a["collaborators"] > 0 and a["differences"] == 0 for a in identity["actors"].values()
    )


def test_the_duckdb_peer_records_both_sides_of_each_measure(peer: tuple[int, Path]) -> None:
    _code, results = peer
    result = _json(results / "duckdb-40.json")
    assert result["errors"] == {}
    for key in ("kommgraph collab person first", "duckdb build", "duckdb collab organization"):
        assert result["processes"][key]["median"] > 0 and result["processes"][key]["rss_mb"] > 20
    for side, figures in result["in_process"].items():
        assert figures["pairs"]["min"] == result["identity"]["pairs"], side
        assert len(figures["actor person"]["runs"]) == 10 and figures["actor person"]["min"] > 0
    assert result["in_process"]["duckdb"]["pairs in DuckDB"]["median"] > 0
    assert result["in_process"]["kommgraph"]["pairs with evidence"]["median"] > 0
    assert result["in_process"]["kommgraph"]["pairs with evidence spelled out"]["median"] > 0
    assert result["in_process"]["kommgraph"]["pairs with event IRIs"]["median"] > 0
    assert result["processes"]["kommgraph index"]["median"] > 0
    table = (results / "duckdb.md").read_text(encoding="utf-8")
    assert "Identity check (identical)" in table
    assert table.count("\n| `collab <") == 2 and table.count("\n| in process: ") == 7


@pytest.fixture(scope="module")
def answers(tiny_out: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """kommgraph's answers at 40 events, and a DuckDB file built from the same data."""
    import duckdb_build
    import duckdb_check

    data = tiny_out / str(TINY) / "data"
    database = duckdb_build.convert(data, tmp_path_factory.mktemp("duckdb"))
    return duckdb_check.kommgraph_answers(data, []), database


def test_the_peer_built_by_the_harness_module_agrees_before_any_change(
    answers: tuple[Any, Path],
) -> None:
    import duckdb_check

    ours, database = answers
    result = duckdb_check.compare(ours, duckdb_check.duckdb_answers(database, []))
    assert result["ok"] and result["pairs"] > 100, result


# Each changes one part of the rule in the peer's SQL (the pairs query, or `act`, which
# the build keeps); the check must notice every one, so the 40 events exercise every
# case: co-organizing, umbrella, umbrella-only, relation, active roles, umbrella = top.
MUTATIONS = [
    ("PAIRS_IRI", "WHEN x.org AND y.org THEN 1.0", "WHEN x.org AND y.org THEN 2.0"),
    ("PAIRS_IRI", "WHEN x.umbrella THEN 0.5", "WHEN x.umbrella THEN 1.0"),
    ("PAIRS_IRI", "0.25 AS w", "0.5 AS w"),
    ("PAIRS_IRI", "1.0 AS w FROM relations", "2.0 AS w FROM relations"),
    ("ACT", "AND r.active", ""),
    ("ACT", "p.event = e.root AND p.event IN (SELECT id FROM tops)", "p.event = e.root"),
]


@pytest.mark.parametrize(("name", "old", "new"), MUTATIONS)
def test_the_identity_check_notices_a_change_to_any_part_of_the_rule(
    answers: tuple[Any, Path],
    tiny_out: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    old: str,
    new: str,
) -> None:
    import duckdb_build
    import duckdb_check
    import duckdb_sql

    ours, database = answers
    assert old in getattr(duckdb_sql, name)
    monkeypatch.setattr(duckdb_sql, name, getattr(duckdb_sql, name).replace(old, new))
    if name == "ACT":
        database = duckdb_build.convert(tiny_out / str(TINY) / "data", tmp_path)
    result = duckdb_check.compare(ours, duckdb_check.duckdb_answers(database, []))
    assert not result["ok"] and result["pair_differences"] > 0, result


def test_first_runs_time_both_codes_in_the_same_rounds(tiny_out: Path, tmp_path: Path) -> None:
    """`first_runs.py` against HEAD (a shallow clone has no older commit): both sides run,
    alternate, and each round's ratio is the new run over the old one."""
    import first_runs

    results = tmp_path / "results"
    argv = ["--scale", str(TINY), "--rounds", "2", "--only", "collab,path", "--against", "HEAD"]
    argv += ["--out", str(tiny_out), "--results", str(results), "--seed", str(TINY_SEED)]
    assert first_runs.main(argv) == 0
    result = _json(results / f"first-runs-{TINY}.json")
    assert [row["command"] for row in result["rows"]] == ["collab", "path"]
    for row in result["rows"]:
        old, new = row["old"]["runs"], row["new"]["runs"]
        assert len(old) == len(new) == 2
        assert all(run["exit"] == 0 for run in old + new)
        expected = [n["seconds"] / o["seconds"] for o, n in zip(old, new, strict=True)]
        assert row["ratios"] == pytest.approx(expected, abs=0.002)  # from unrounded times
    assert "| `collab` |" in (results / f"first-runs-{TINY}.md").read_text()
