#!/usr/bin/env python3
"""First runs beside the code issue 23 measured: "the first run no slower than today".

    python benchmarks/first_runs.py --scale 10000 --rounds 3

A first run is a command on files that no index holds yet: it parses the Turtle.
Issue 23 asked that this stay no slower than before the index existed. Its
table was measured on a quiet machine that this one is not, so the harness
measures both codes here, in the same rounds: the source of `--against` (by
default 11b3688, the last commit before the index) is exported with
`git archive` into a temporary folder and run with this venv's packages
(`PYTHONPATH`), interleaved with this checkout's command on an empty `--cache`
(background build off, as `commands.py` runs first runs). The order of the two
alternates between rounds; each ratio is this code's time over the old one's in
the same round. Writes `first-runs-<scale>.json` and `.md` to `--results`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import procs

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
BEFORE_THE_INDEX = "11b3688"  # issue 23's "today": the last commit before the index
COMMANDS = (
    "collab",
    "path",
    "communities",
    "centrality",
    "viz",
    "export",
    "query-csv",
    "query-table",
)


def export_source(revision: str, into: Path) -> Path:
    """The tree of `revision` (its `src`, ontology and queries), unpacked into `into`."""
    archive = into / "source.tar"
    subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), revision],
        check=True,
        timeout=120,
    )
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


def arguments(name: str, picks: dict[str, Any], work: Path) -> list[str]:
    """The command's words after `--data DATA` (the same for both codes)."""
    if name == "collab":
        return ["collab", picks["person"]["label"]]
    if name == "path":
        return ["path", *(end["label"] for end in picks["path"])]
    if name == "viz":
        return ["viz", "-o", str(work / "viz.html")]
    if name == "export":
        return ["export", "--format", "graphml", "-o", str(work / "export.graphml")]
    if name.startswith("query-"):
        table = ["--format", "csv"] if name == "query-csv" else []
        return ["query", "most-active-actors", *table]
    return [name]


def measure(args: argparse.Namespace) -> dict[str, Any]:
    import commands

    data = commands.ensure_data(args.scale, args.out, args.seed)
    picks = commands.pick(data)
    procs.compile_all(ROOT)
    py = str(ROOT / ".venv" / "bin" / "python")
    runs: dict[str, dict[str, list[procs.Run]]] = {n: {"old": [], "new": []} for n in args.only}
    with tempfile.TemporaryDirectory(prefix="kommgraph-first-") as folder:
        work = Path(folder)
        old_tree = export_source(args.against, work)
        subprocess.run([py, "-m", "compileall", "-q", str(old_tree / "src")], check=False)
        old_env = procs.environment(PYTHONPATH=str(old_tree / "src"))
        new_env = procs.environment(KOMMGRAPH_BACKGROUND_INDEX="0")
        cache = work / "cache"
        for number in range(args.rounds):
            for name in args.only:
                words = arguments(name, picks, work)
                sides = ("old", "new") if number % 2 == 0 else ("new", "old")
                for side in sides:
                    if side == "old":
                        argv = [py, "-m", "kommgraph", "--data", str(data), *words]
                        found = procs.run(argv, args.limit, cwd=work, env=old_env)
                    else:
                        shutil.rmtree(cache, ignore_errors=True)
                        argv = [py, "-m", "kommgraph", "--cache", str(cache), "--data", str(data)]
                        found = procs.run([*argv, *words], args.limit, cwd=work, env=new_env)
                    runs[name][side].append(found)
                    print(f"round {number} {name} {side}: {found.seconds} s", file=sys.stderr)
    rows = []
    for name, both in runs.items():
        paired = [
            n.seconds / o.seconds
            for o, n in zip(both["old"], both["new"], strict=True)
            if o.ok and n.ok and o.seconds and n.seconds
        ]
        rows.append(
            {
                "command": name,
                "old": procs.summary(both["old"]),
                "new": procs.summary(both["new"]),
                "ratios": [round(r, 3) for r in paired],
                "ratio_median": round(statistics.median(paired), 3) if paired else None,
            }
        )
    return {
        "scale": args.scale,
        "rounds": args.rounds,
        "against": args.against,
        "commit": procs.commit(ROOT),
        "rows": rows,
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"## First runs at {result['scale']:,} events: this code ({result['commit']}) "
        f"beside {result['against']} (before the index)",
        "",
        f"{result['rounds']} interleaved rounds; min / median; the ratio is this code's time "
        "over the old code's in the same round.",
        "",
        "| command | before the index | now (empty cache) | ratio per round | median ratio |",
        "|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        ratios = " ".join(f"{r:.2f}" for r in row["ratios"]) or "—"
        median = f"{row['ratio_median']:.2f}×" if row["ratio_median"] is not None else "—"
        lines.append(
            f"| `{row['command']}` | {procs.fmt_cell(row['old'])} | "
            f"{procs.fmt_cell(row['new'])} | {ratios} | {median} |"
        )
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", default=BEFORE_THE_INDEX, help="the old code's revision")
    parser.add_argument("--only", default=",".join(COMMANDS), help="commands, comma-separated")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds per run")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    args.only = [n for n in args.only.split(",") if n]
    unknown = set(args.only) - set(COMMANDS)
    if unknown:
        parser.error(f"unknown commands: {', '.join(sorted(unknown))}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    result = measure(args)
    args.results.mkdir(parents=True, exist_ok=True)
    stem = args.results / f"first-runs-{args.scale}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    stem.with_suffix(".md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
