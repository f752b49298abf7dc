"""The benchmark generator is deterministic and valid; the harness starts (no timing here)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

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
