#!/usr/bin/env python3
"""The DuckDB peer (issue 27): kommgraph's collaboration rule in SQL, timed beside kommgraph.

    python benchmarks/duckdb_peer.py                       # 1k and 10k events
    python benchmarks/duckdb_peer.py --scales 1000,10000,50000 --rounds 3

Per scale, on the data of `generate.py` in `out/bench/<scale>/data` (generated if
missing) and the actors of `picks.py`, each round runs, interleaved:

    cold (the first --cold rounds): an emptied --cache folder, then
      kommgraph collab <person>, first run (parses the files; its background build is
        switched off, KOMMGRAPH_BACKGROUND_INDEX=0, and timed instead as:)
      kommgraph index (the persistent index, in the foreground)
      DuckDB: Turtle -> Parquet -> DuckDB file (`duckdb_build.py`), a whole process
    for the person, then the busiest organization:
      kommgraph collab (index)   DuckDB collab (`duckdb_collab.py`)   plain rdflib +
      networkx collab (`baseline_jobs.py`; once when it took over --repeat-below s)
    in-process figures: kommgraph over its index, DuckDB over its file (`duckdb_inproc.py`)

After the first round, `duckdb_check.py` compares the answers (kommgraph's from its
index): every pair's weight and shared events, every degree, and four actors'
collaborators; the run fails if they differ. Bytecode is compiled before the first
round and the processes run without PYTHONDONTWRITEBYTECODE (`procs.py`).
Results: `benchmarks/results/duckdb-<scale>.json` and `results/duckdb.md`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import commands
import commands_report
import duckdb_report
import procs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable


class Peer:
    """The runs of one scale, kommgraph's and DuckDB's side by side."""

    def __init__(self, scale: int, args: argparse.Namespace) -> None:
        self.scale, self.args = scale, args
        out = Path(args.out)
        self.data = commands.ensure_data(scale, out, args.seed)
        self.work = out / f"duckdb-{scale}"
        self.work.mkdir(parents=True, exist_ok=True)
        self.database = self.work / "build" / "kommgraph.duckdb"
        self.cache_dir = out / f"cache-{scale}"
        self.kommgraph = Path(args.kommgraph)
        self.cache = commands.cache_supported(self.kommgraph)
        self.picks = commands.pick(self.data)
        self.person = self.picks["person"]["label"]
        self.organization = self.picks["organization"]["label"]
        self.runs: dict[str, list[procs.Run]] = {}
        self.inproc: dict[str, dict[str, list[float]]] = {"kommgraph": {}, "duckdb": {}}
        self.identity: dict[str, Any] | None = None
        self.errors: dict[str, str] = {}

    def kg(self, *words: str) -> list[str]:
        cache = ["--cache", str(self.cache_dir)] if self.cache else []
        return [str(self.kommgraph), "--data", str(self.data), *cache, *words]

    def _stem(self, key: str) -> Path:
        return self.work / key.replace(" ", "-")

    def _run(self, key: str, argv: list[str], env: dict[str, str] | None = None) -> procs.Run:
        stem = self._stem(key)
        done = procs.run(
            argv,
            self.args.timeout,
            stdout=stem.with_suffix(".out"),
            stderr=stem.with_suffix(".err"),
            cwd=ROOT,
            env=env,
        )
        if done.seconds is not None and done.exit != 0:
            tail = stem.with_suffix(".err").read_text(errors="replace").strip().splitlines()
            self.errors[key] = (tail or [f"exit {done.exit}"])[-1][:300]
        shown = "> limit" if done.seconds is None else procs.fmt_seconds(done.seconds)
        print(
            f"{self.scale:>6} · {key}: {shown}, {done.rss_mb:.0f} MB", file=sys.stderr, flush=True
        )
        self.runs.setdefault(key, []).append(done)
        return done

    def _inproc(self, side: str, source: Path) -> None:
        argv = [PY, str(HERE / "duckdb_inproc.py"), side, str(source)]
        argv += ["--person", self.person, "--organization", self.organization]
        argv += ["--pair-runs", str(self.args.pair_runs)]
        if side == "kommgraph" and self.cache:
            argv += ["--cache", str(self.cache_dir)]
        key = f"in-process {side}"
        stem = self._stem(key)
        done = self._run(key, argv)
        if done.ok:
            figures = json.loads(stem.with_suffix(".out").read_text(encoding="utf-8"))
            for name, value in figures.items():
                if isinstance(value, list):
                    self.inproc[side].setdefault(name, []).extend(value)
                else:
                    self.inproc[side].setdefault(name, []).append(value)

    def round(self, number: int) -> None:
        if number < self.args.cold or not self.database.exists():
            if self.cache:
                shutil.rmtree(self.cache_dir, ignore_errors=True)
                self.cache_dir.mkdir(parents=True)
            first_env = procs.environment(KOMMGRAPH_BACKGROUND_INDEX="0")
            self._run("kommgraph collab person first", self.kg("collab", self.person), first_env)
            if self.cache:
                self._run("kommgraph index", self.kg("index"))
            shutil.rmtree(self.database.parent, ignore_errors=True)
            build = [PY, str(HERE / "duckdb_build.py"), "--data", str(self.data)]
            self._run("duckdb build", [*build, "--out", str(self.database.parent)])
        for who, label in (("person", self.person), ("organization", self.organization)):
            self._run(f"kommgraph collab {who}", self.kg("collab", label))
            collab = [PY, str(HERE / "duckdb_collab.py"), str(self.database), label]
            self._run(f"duckdb collab {who}", collab)
            if self._baseline_due(f"baseline collab {who}"):
                plain = [PY, str(HERE / "baseline_jobs.py"), "--data", str(self.data)]
                self._run(f"baseline collab {who}", [*plain, "collab", label])
        if number < self.args.inproc_rounds:
            self._inproc("kommgraph", self.data)
            self._inproc("duckdb", self.database)

    def _baseline_due(self, key: str) -> bool:
        """The plain approach runs every round while it is cheap, else once."""
        if self.args.no_baseline:
            return False
        earlier = self.runs.get(key, [])
        return not earlier or all(
            r.seconds is not None and r.seconds < self.args.repeat_below for r in earlier
        )

    def check(self) -> None:
        """The identity check on this round's file (untimed)."""
        labels = [self.person, self.organization, *(end["label"] for end in self.picks["path"])]
        cache = ["--cache", str(self.cache_dir)] if self.cache else []
        done = subprocess.run(
            [
                PY,
                str(HERE / "duckdb_check.py"),
                *cache,
                str(self.data),
                str(self.database),
                *labels,
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        try:
            self.identity = json.loads(done.stdout)
        except json.JSONDecodeError:
            self.identity = {"ok": False, "error": done.stderr.strip()[-500:]}
        verdict = "identical" if self.identity and self.identity.get("ok") else "DIFFERENT"
        print(f"{self.scale:>6} · identity check: {verdict}", file=sys.stderr, flush=True)

    def result(self) -> dict[str, Any]:
        import duckdb
        import run

        return {
            "scale": self.scale,
            "seed": self.args.seed,
            "commit": procs.commit(ROOT),
            "machine": run.machine(),
            "duckdb": {"version": duckdb.__version__, "threads": _threads()},
            "data": commands_data(self.data),
            "cache": {"supported": self.cache, "note": duckdb_report.cache_note(self.cache)},
            "picks": self.picks,
            "rounds": self.args.rounds,
            "cold_rounds": min(self.args.cold, self.args.rounds),
            "in_process_rounds": min(self.args.inproc_rounds, self.args.rounds),
            "repeat_below": self.args.repeat_below,
            "timeout": self.args.timeout,
            "identity": self.identity,
            "processes": {k: procs.summary(v) for k, v in self.runs.items()},
            "in_process": {
                side: {k: seconds_summary(v) for k, v in figures.items()}
                for side, figures in self.inproc.items()
            },
            "invocations": {
                "kommgraph collab": commands_report.shown_argv(
                    self.kg("collab", self.person), ROOT
                ),
                "duckdb build": f"python benchmarks/duckdb_build.py --data {self.data} --out DIR",
                "duckdb collab": "python benchmarks/duckdb_collab.py DIR/kommgraph.duckdb LABEL",
                "kommgraph index": commands_report.shown_argv(self.kg("index"), ROOT),
                "baseline collab": "python benchmarks/baseline_jobs.py --data DATA collab LABEL",
            },
            "errors": self.errors,
        }


def _threads() -> str:
    import duckdb

    row = duckdb.connect().execute("SELECT current_setting('threads')").fetchone()
    return str(row[0]) if row else "?"


def commands_data(data: Path) -> dict[str, Any]:
    files = sorted(data.glob("*.ttl"))
    return {
        "folder": commands_report.shown_argv([str(data)], ROOT),
        "files": len(files),
        "megabytes": round(sum(f.stat().st_size for f in files) / 1e6, 1),
    }


def seconds_summary(values: list[float]) -> dict[str, Any]:
    """min and median of in-process seconds (or of counts, for `pairs`)."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    median = ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return {"min": ordered[0], "median": median, "runs": values}


def run_scale(scale: int, args: argparse.Namespace) -> dict[str, Any]:
    started = time.monotonic()
    peer = Peer(scale, args)
    procs.compile_all(ROOT)
    target = Path(args.results) / f"duckdb-{scale}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    for index in range(args.rounds):
        peer.round(index)
        if index == 0:
            peer.check()
        target.write_text(json.dumps(peer.result(), ensure_ascii=False, indent=2) + "\n")
    result = peer.result()
    result["wall_seconds"] = round(time.monotonic() - started, 1)
    target.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return result


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="kommgraph beside its DuckDB peer.")
    parser.add_argument("--scales", default="1000,10000", help="comma-separated event counts")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", type=int, default=3, help="rounds that build anew")
    parser.add_argument("--pair-runs", type=int, default=3, help="in process: runs of all pairs")
    parser.add_argument(
        "--inproc-rounds", type=int, default=1000, help="rounds with the in-process figures (all)"
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per process")
    parser.add_argument(
        "--repeat-below", type=float, default=60.0, help="seconds: a faster baseline is repeated"
    )
    parser.add_argument("--no-baseline", action="store_true", help="kommgraph and DuckDB only")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--kommgraph", default=str(commands.KOMMGRAPH))
    parser.add_argument("--out", default=str(ROOT / "out" / "bench"))
    parser.add_argument("--results", default=str(HERE / "results"))
    args = parser.parse_args(argv)
    args.scales = [int(s) for s in args.scales.split(",") if s.strip()]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    same = True
    for scale in args.scales:
        result = run_scale(scale, args)
        same = same and bool(result["identity"] and result["identity"].get("ok"))
    duckdb_report.render(Path(args.results))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
