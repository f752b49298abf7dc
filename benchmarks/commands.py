#!/usr/bin/env python3
"""Whole `kommgraph` commands in fresh processes, beside the plain approach doing the same job.

    python benchmarks/commands.py                        # 1k and 10k events
    python benchmarks/commands.py --scales 1000 --rounds 3 --timeout 300 --long-timeout 900
    python benchmarks/commands.py --with-50k             # 50k too (slow: ~10-30 s per command)

Per scale the seeded data of `generate.py` is written to `out/bench/<scale>/data` (the
folder `run.py` uses, so both time the same files) unless it is there, and the actors
are picked (`picks.py`). Then, in rounds, each command runs as a user runs it,
`.venv/bin/kommgraph --data DATA ...`: a *first run* and a *later run*, then the plain
rdflib + networkx job doing the same work (`baseline_jobs.py`), so that each round
measures all three side by side. When `kommgraph --help` lists a `--cache` option, each
round empties `out/bench/cache-<scale>`, runs every command's *first run* there (no
index yet: the command parses the files; the build it would start in the background is
switched off with KOMMGRAPH_BACKGROUND_INDEX=0 so it cannot overlap the next timed
runs), then times `kommgraph index` (that very build, in the foreground), then every
command's *later runs* (`--later` each) on the index. Without `--cache` the first and
later runs are the same command (the results say so). Bytecode is compiled before the
first round and the processes run without PYTHONDONTWRITEBYTECODE (`procs.py`).

Each run's wall time and peak RSS come from `os.wait4` (`procs.py`); each has a limit
(`--timeout`). A baseline step whose first run took more than `--repeat-below` seconds
runs once; one that hits the limit is run once more, after the rounds, with
`--long-timeout`, so that its ratio is measured rather than bounded by the limit.
Results: `benchmarks/results/commands-<scale>.json` and `benchmarks/results/commands.md`.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import commands_report
import procs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
KOMMGRAPH = ROOT / ".venv" / "bin" / "kommgraph"
CACHE_OPTION = re.compile(r"(?<![\w-])--cache\b")


@dataclass(frozen=True)
class Command:
    """One row: kommgraph's arguments after `--data DATA` and the baseline job's."""

    name: str
    kommgraph: list[str]
    baseline: list[str]


def command_list(picks: dict[str, Any], work: Path) -> list[Command]:
    """Issue 23's commands, with the picked actors and output files under `work`."""
    person, organization = picks["person"]["label"], picks["organization"]["label"]
    a, b = (end["label"] for end in picks["path"])
    html, graphml = str(work / "viz.html"), str(work / "export.graphml")
    return [
        Command("stats", ["stats"], ["stats"]),
        Command("collab <most active person>", ["collab", person], ["collab", person]),
        Command(
            "collab <busiest organization>", ["collab", organization], ["collab", organization]
        ),
        Command("path A B", ["path", a, b], ["path", a, b]),
        Command("communities", ["communities"], ["communities"]),
        Command("centrality", ["centrality"], ["centrality"]),
        Command("viz", ["viz", "-o", html, "--no-timestamp"], ["viz", str(work / "plain.html")]),
        Command(
            "export graphml",
            ["export", "--format", "graphml", "-o", graphml],
            ["export", str(work / "plain.graphml")],
        ),
        Command(
            "query most-active-actors --format csv",
            ["query", "most-active-actors", "--format", "csv"],
            ["query-csv"],
        ),
        Command(
            "query most-active-actors (table)", ["query", "most-active-actors"], ["query-table"]
        ),
        Command("validate", ["validate"], ["validate"]),
    ]


def cache_supported(kommgraph: Path) -> bool:
    """Whether this kommgraph has the global `--cache DIR` option (read from its --help)."""
    done = subprocess.run(
        [str(kommgraph), "--help"], capture_output=True, text=True, check=False, timeout=120
    )
    return bool(CACHE_OPTION.search(done.stdout))


def ensure_data(scale: int, out: Path, seed: int) -> Path:
    """The generated data of this scale (generated now if missing)."""
    data = out / str(scale) / "data"
    if not (data / "events.ttl").exists():
        sys.path.insert(0, str(HERE))
        from generate import generate

        generate(scale, data, seed=seed)
    return data


def pick(data: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "picks.py"), str(data)],
        capture_output=True,
        text=True,
        check=True,
    )
    picked: dict[str, Any] = json.loads(done.stdout)
    return picked


class Scale:
    """The runs of one scale: rounds of kommgraph first / later / baseline, per command."""

    def __init__(self, scale: int, args: argparse.Namespace) -> None:
        self.scale, self.args = scale, args
        out = Path(args.out)
        self.data = ensure_data(scale, out, args.seed)
        self.work = out / f"commands-{scale}"
        self.work.mkdir(parents=True, exist_ok=True)
        self.cache_dir = out / f"cache-{scale}"
        self.kommgraph = Path(args.kommgraph)
        self.cache = cache_supported(self.kommgraph)
        self.picks = pick(self.data)
        self.commands = [
            c for c in command_list(self.picks, self.work) if not args.only or c.name in args.only
        ]
        self.runs: dict[str, dict[str, list[procs.Run]]] = {
            c.name: {"first": [], "later": [], "baseline": [], "baseline_long": []}
            for c in self.commands
        }
        self.index_runs: list[procs.Run] = []
        self.errors: dict[str, str] = {}

    def kommgraph_argv(self, command: Command) -> list[str]:
        cache = ["--cache", str(self.cache_dir)] if self.cache else []
        return [str(self.kommgraph), "--data", str(self.data), *cache, *command.kommgraph]

    def baseline_argv(self, command: Command) -> list[str]:
        script = str(HERE / "baseline_jobs.py")
        return [sys.executable, script, "--data", str(self.data), *command.baseline]

    def _run(
        self,
        command: Command,
        side: str,
        argv: list[str],
        limit: float,
        env: dict[str, str] | None = None,
    ) -> procs.Run:
        slug = re.sub(r"[^a-z0-9]+", "-", command.name.lower()).strip("-")
        out, err = (self.work / f"{slug}.{side}.{kind}" for kind in ("out", "err"))
        done = procs.run(argv, limit, stdout=out, stderr=err, cwd=ROOT, env=env)
        if done.seconds is not None and done.exit != 0:
            tail = err.read_text(errors="replace").strip().splitlines()
            self.errors[f"{command.name} ({side})"] = (tail or [f"exit {done.exit}"])[-1][:300]
        shown = "> limit" if done.seconds is None else procs.fmt_seconds(done.seconds)
        print(
            f"{self.scale:>6} · {command.name} · {side}: {shown}, {done.rss_mb:.0f} MB",
            file=sys.stderr,
            flush=True,
        )
        if command.name in self.runs:
            self.runs[command.name][side].append(done)
        return done

    def baseline_due(self, command: Command) -> bool:
        """A baseline runs every round while it is cheap, and never again after the limit."""
        if self.args.no_baseline:
            return False
        earlier = self.runs[command.name]["baseline"]
        return not earlier or all(
            r.seconds is not None and r.seconds < self.args.repeat_below for r in earlier
        )

    def round(self) -> None:
        """First runs (and the baseline), the index build, then the later runs."""
        limit = self.args.timeout
        if self.args.later_only:  # the index another run built: later runs only
            for command in self.commands:
                for _ in range(self.args.later):
                    self._run(command, "later", self.kommgraph_argv(command), limit)
            return
        if self.cache:
            shutil.rmtree(self.cache_dir, ignore_errors=True)
            self.cache_dir.mkdir(parents=True)
        first_env = procs.environment(KOMMGRAPH_BACKGROUND_INDEX="0")
        for command in self.commands:
            self._run(command, "first", self.kommgraph_argv(command), limit, first_env)
            if self.baseline_due(command):
                baseline_limit = self.args.baseline_timeout or limit
                self._run(command, "baseline", self.baseline_argv(command), baseline_limit)
        if self.cache:
            index = Command("index", ["index"], [])
            self.index_runs.append(self._run(index, "build", self.kommgraph_argv(index), limit))
        for command in self.commands:
            for _ in range(self.args.later):
                self._run(command, "later", self.kommgraph_argv(command), limit)

    def longer_limits(self) -> None:
        """Once per baseline step that hit the limit: again with the longer limit."""
        if self.args.long <= 0:
            return
        for command in self.commands:
            runs = self.runs[command.name]["baseline"]
            if runs and all(r.seconds is None for r in runs):
                self._run(command, "baseline_long", self.baseline_argv(command), self.args.long)

    def result(self) -> dict[str, Any]:
        import run

        files = sorted(self.data.glob("*.ttl"))
        rows = {}
        for command in self.commands:
            runs = self.runs[command.name]
            baseline = runs["baseline_long"] or runs["baseline"]
            rows[command.name] = {
                "kommgraph": commands_report.shown_argv(self.kommgraph_argv(command), ROOT),
                "baseline_job": commands_report.shown_argv(self.baseline_argv(command), ROOT),
                "first": procs.summary(runs["first"]),
                "later": procs.summary(runs["later"]),
                "baseline": procs.summary(baseline),
                "baseline_limited": procs.summary(runs["baseline"])
                if runs["baseline_long"]
                else None,
            }
        return {
            "scale": self.scale,
            "seed": self.args.seed,
            "commit": procs.commit(ROOT),
            "machine": run.machine(),
            "data": {
                "folder": str(
                    self.data.relative_to(ROOT) if self.data.is_relative_to(ROOT) else self.data
                ),
                "files": len(files),
                "megabytes": round(sum(f.stat().st_size for f in files) / 1e6, 1),
            },
            "cache": {
                "supported": self.cache,
                "folder": str(self.cache_dir) if self.cache else None,
                "note": commands_report.cache_note(self.cache),
            },
            "picks": self.picks,
            "rounds": self.args.rounds,
            "timeout": self.args.timeout,
            "baseline_timeout": self.args.baseline_timeout or self.args.timeout,
            "long_timeout": self.args.long,
            "repeat_below": self.args.repeat_below,
            "baseline": not self.args.no_baseline,
            "later_only": self.args.later_only,
            "later_per_round": self.args.later,
            "index_build": procs.summary(self.index_runs) if self.cache else None,
            "index_build_invocation": commands_report.shown_argv(
                self.kommgraph_argv(Command("index", ["index"], [])), ROOT
            ),
            "commands": rows,
            "errors": self.errors,
        }


def run_scale(scale: int, args: argparse.Namespace) -> dict[str, Any]:
    started = time.monotonic()
    bench = Scale(scale, args)
    procs.compile_all(ROOT)
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    target = results / f"commands-{scale}.json"
    for _ in range(args.rounds):
        bench.round()
        target.write_text(json.dumps(bench.result(), ensure_ascii=False, indent=2) + "\n")
    bench.longer_limits()
    result = bench.result()
    result["wall_seconds"] = round(time.monotonic() - started, 1)
    target.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return result


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Time whole kommgraph commands.")
    parser.add_argument("--scales", default="1000,10000", help="comma-separated event counts")
    parser.add_argument("--with-50k", action="store_true", help="add 50,000 events (slow)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (first runs per cell)")
    parser.add_argument("--later", type=int, default=2, help="later runs per command per round")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument(
        "--baseline-timeout", type=float, default=0.0, help="seconds per baseline run (--timeout)"
    )
    parser.add_argument(
        "--long-timeout",
        dest="long",
        type=float,
        default=900.0,
        help="the baseline's second try (0: none)",
    )
    parser.add_argument(
        "--repeat-below", type=float, default=60.0, help="seconds: a faster baseline is repeated"
    )
    parser.add_argument("--no-baseline", action="store_true", help="kommgraph only")
    parser.add_argument(
        "--later-only",
        action="store_true",
        help="later runs only, on the index already in out/bench/cache-<scale>",
    )
    parser.add_argument(
        "--only", default="", help="comma-separated command names (default: all), e.g. stats"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--kommgraph", default=str(KOMMGRAPH), help="the kommgraph executable")
    parser.add_argument("--out", default=str(ROOT / "out" / "bench"), help="data and scratch")
    parser.add_argument("--results", default=str(RESULTS), help="JSON and commands.md")
    args = parser.parse_args(argv)
    args.scales = [int(s) for s in args.scales.split(",") if s.strip()]
    args.only = [name.strip() for name in args.only.split(",") if name.strip()]
    if args.with_50k and 50_000 not in args.scales:
        args.scales.append(50_000)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    for scale in args.scales:
        run_scale(scale, args)
    commands_report.render(Path(args.results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
