"""The markdown of `commands.py`: one table per scale from `results/commands-<scale>.json`."""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import procs

HEADER = [
    "command",
    "kommgraph first",
    "kommgraph later",
    "baseline (rdflib + nx)",
    "kommgraph later ÷ baseline",
    "peak RSS MB (kommgraph / baseline)",
    "issue 23 target (later runs)",
]

# issue 23: second and later runs, whole process, 2 cores (seconds), per scale
TARGETS: dict[int, dict[str, float]] = {
    10_000: {
        "collab <most active person>": 0.3,
        "collab <busiest organization>": 0.3,
        "path A B": 0.5,
        "communities": 1.0,
        "viz": 1.5,
        "centrality": 4.0,
        "export graphml": 5.0,
    },
    50_000: {
        "collab <most active person>": 0.5,
        "collab <busiest organization>": 0.5,
        "centrality": 20.0,
    },
}


def target_cell(scale: int, name: str, later: dict[str, Any]) -> str:
    """ "≤ 0.3 s ✓" when the median of the later runs meets issue 23's target, else ✗."""
    target = TARGETS.get(scale, {}).get(name)
    if target is None:
        return ""
    met = "median" in later and later["median"] <= target
    return f"≤ {target:g} s {'✓' if met else '✗'}"


def _inverse_ratio(fast: dict[str, Any], slow: dict[str, Any]) -> str:
    """kommgraph ÷ baseline of the medians ("< x" when the baseline hit its limit)."""
    if "median" not in fast:
        return "—"
    if "median" in slow:
        value = float(fast["median"]) / max(float(slow["median"]), 1e-9)
        return f"{value:.2g}" if value < 0.1 else f"{value:.2f}"
    if "timeout" in slow:
        value = float(fast["median"]) / float(slow["timeout"])
        return f"< {value:.2g}" if value < 0.1 else f"< {value:.2f}"
    return "—"


def cache_note(supported: bool) -> str:
    if supported:
        return (
            "first runs: `--cache DIR` emptied at the round's start, no background build; "
            "then `kommgraph index` into DIR; later runs: the same DIR"
        )
    return (
        "this kommgraph has no --cache option: first and later runs are the same command "
        "(the first of each round pair, and the one after it)"
    )


def shown_argv(argv: Sequence[str], root: Path) -> str:
    """The command line as a user types it: paths relative to the repository."""
    prefix = str(root) + "/"
    shown = [
        ".venv/bin/python" if word == sys.executable else word.removeprefix(prefix) for word in argv
    ]
    return shlex.join(shown)


def _rss(row: dict[str, Any]) -> str:
    own = max((row[k].get("rss_mb", 0) for k in ("first", "later")), default=0)
    other = row["baseline"].get("rss_mb")
    return f"{own:.0f} / {other:.0f}" if other else f"{own:.0f} / —"


def table(result: dict[str, Any]) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for name, row in result["commands"].items():
        baseline = procs.fmt_cell(row["baseline"])
        if row.get("baseline_limited"):
            baseline += f" (2nd try, limit {result['long_timeout']:g} s)"
        cells = [
            f"`{name}`",
            procs.fmt_cell(row["first"]),
            procs.fmt_cell(row["later"]),
            baseline,
            _inverse_ratio(row["later"], row["baseline"]),
            _rss(row),
            target_cell(int(result["scale"]), name, row["later"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    build = result.get("index_build")
    if build and build.get("runs"):
        cells = ["`index` (the build a first run starts)", procs.fmt_cell(build), "", "", ""]
        cells += [f"{build.get('rss_mb', 0):.0f} / —", ""]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def section(result: dict[str, Any]) -> list[str]:
    data, picks = result["data"], result["picks"]
    lines = [
        f"## {result['scale']:,} events".replace(",", " "),
        "",
        f"Data: `{data['folder']}` ({data['files']} files, {data['megabytes']} MB of Turtle, "
        f"seed {result['seed']}). Cache: {result['cache']['note']}. "
        f"Person: {picks['person']['label']}; organization: {picks['organization']['label']}; "
        f"path: {picks['path'][0]['label']} → {picks['path'][1]['label']}. "
        f"{result['rounds']} rounds; limit {result['timeout']:g} s per run, "
        f"baseline limit {result.get('baseline_timeout', result['timeout']):g} s"
        + (
            f", {result['long_timeout']:g} s for its second try."
            if result["long_timeout"] > 0
            else " (no second try with a longer limit in this run)."
        )
        + ("" if result.get("baseline", True) else " No baseline at this scale."),
        *(["", result["remark"]] if result.get("remark") else []),
        "",
        *table(result),
        "",
        "Invocations:",
        "",
    ]
    for name, row in result["commands"].items():
        lines.append(f"- `{name}`: `{row['kommgraph']}` — baseline `{row['baseline_job']}`")
    for where, message in result.get("errors", {}).items():
        lines.append(f"- error, {where}: {message}")
    lines.append("")
    return lines


def markdown(results: Sequence[dict[str, Any]]) -> str:
    if not results:
        return ""
    info = results[0]["machine"]
    lines = [
        "# Whole commands: kommgraph beside the plain approach",
        "",
        f"Machine: {info['nproc']} cores, {info['ram_gb']} GB RAM, {info['cpu']}; "
        f"Python {info['python']}; "
        + ", ".join(f"{k} {v}" for k, v in info["packages"].items())
        + ".",
        "",
        "Each cell is min / median of the runs (wall time of the whole process, from start to "
        "exit, interpreter start included); one figure where one run finished. A baseline "
        'that took longer than the repeat threshold ran once; "> N s" is a run that hit '
        "its limit. Peak RSS is `ru_maxrss` of the process (the largest of its runs). "
        'Method and caveats: `benchmarks/README.md`, "Whole commands".',
        "",
    ]
    for result in results:
        lines += section(result)
    return "\n".join(lines)


def render(results_dir: Path) -> None:
    """Write commands.md from every commands-<scale>.json in the folder."""
    found = []
    for path in sorted(results_dir.glob("commands-*.json")):
        found.append(json.loads(path.read_text(encoding="utf-8")))
    found.sort(key=lambda r: int(r["scale"]))
    (results_dir / "commands.md").write_text(markdown(found), encoding="utf-8")
    print(f"wrote {results_dir / 'commands.md'}", file=sys.stderr)
