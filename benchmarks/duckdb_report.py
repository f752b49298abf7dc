"""The markdown of `duckdb_peer.py`: one table per scale from `results/duckdb-<scale>.json`."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import procs

HEADER = ["measure", "kommgraph", "DuckDB peer", "kommgraph ÷ DuckDB"]

# (measure, where kommgraph's figure is, where DuckDB's is): ("processes" | "in_process", key)
TIMES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    (
        "(1) first run: kommgraph `collab <person>` (empty cache) / DuckDB conversion + build",
        ("processes", "kommgraph collab person first"),
        ("processes", "duckdb build"),
    ),
    (
        "(2) `collab <person>`, whole process (later run / existing file)",
        ("processes", "kommgraph collab person"),
        ("processes", "duckdb collab person"),
    ),
    (
        "(2) `collab <organization>`, whole process",
        ("processes", "kommgraph collab organization"),
        ("processes", "duckdb collab organization"),
    ),
    (
        "(3) all weighted pairs in process: computed (DuckDB: inside DuckDB)",
        ("in_process", "kommgraph", "pairs into Python"),
        ("in_process", "duckdb", "pairs in DuckDB"),
    ),
    (
        "(3) all weighted pairs in process: into a Python dict keyed by IRIs",
        ("in_process", "kommgraph", "pairs into Python"),
        ("in_process", "duckdb", "pairs into Python"),
    ),
    (
        "(4) collaborators of <person>, again in an open process (per call)",
        ("in_process", "kommgraph", "actor person"),
        ("in_process", "duckdb", "actor person"),
    ),
    (
        "(4) collaborators of <organization>, again in an open process (per call)",
        ("in_process", "kommgraph", "actor organization"),
        ("in_process", "duckdb", "actor organization"),
    ),
]
MEMORY = [
    (
        "(5) peak RSS MB, `collab <person>` process",
        "kommgraph collab person",
        "duckdb collab person",
    ),
    (
        "(5) peak RSS MB, `collab <organization>` process",
        "kommgraph collab organization",
        "duckdb collab organization",
    ),
    (
        "peak RSS MB, first run / conversion + build",
        "kommgraph collab person first",
        "duckdb build",
    ),
]


def cache_note(supported: bool) -> str:
    if supported:
        return "kommgraph's first run gets an emptied `--cache DIR`, later runs the same DIR"
    return "this kommgraph has no --cache option: its first and later runs are the same command"


def _cell(result: dict[str, Any], where: tuple[str, ...]) -> dict[str, Any] | None:
    node: Any = result
    for key in where:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def _ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "—"
    value = a / b
    return f"{value:.2f}×" if value < 1 else f"{value:.1f}×" if value < 10 else f"{value:.0f}×"


def table(result: dict[str, Any]) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for name, ours, theirs in TIMES:
        a, b = _cell(result, ours), _cell(result, theirs)
        cells = [name, procs.fmt_cell(a), procs.fmt_cell(b), procs.fmt_ratio(a, b)]
        lines.append("| " + " | ".join(cells) + " |")
    for name, ours_key, theirs_key in MEMORY:
        a = result["processes"].get(ours_key, {}).get("rss_mb")
        b = result["processes"].get(theirs_key, {}).get("rss_mb")
        shown = [f"{x:.0f}" if x else "—" for x in (a, b)]
        lines.append(f"| {name} | {shown[0]} | {shown[1]} | {_ratio(a, b)} |")
    return lines


def identity_line(identity: dict[str, Any] | None) -> str:
    if not identity:
        return "Identity check: not run."
    if "pairs" not in identity:
        return f"Identity check: FAILED to run ({identity.get('error', '?')})."
    actors = "; ".join(
        f"{label}: {a['collaborators']} collaborators, {a['differences']} differences"
        for label, a in identity["actors"].items()
    )
    verdict = "identical" if identity["ok"] else "**DIFFERENT**"
    return (
        f"Identity check ({verdict}): {identity['pairs']:,} pairs in kommgraph, "
        f"{identity['duckdb_pairs']:,} in DuckDB, {identity['pair_differences']} differing in "
        f"weight or shared events; {identity['nodes']:,} degrees, "
        f"{identity['degree_differences']} differing; {actors}."
    )


def section(result: dict[str, Any]) -> list[str]:
    data, picks = result["data"], result["picks"]
    pairs = result["in_process"].get("duckdb", {}).get("pairs", {}).get("min")
    return [
        f"## {result['scale']:,} events".replace(",", " "),
        "",
        f"Data: `{data['folder']}` ({data['files']} files, {data['megabytes']} MB of Turtle). "
        f"Person: {picks['person']['label']}; organization: {picks['organization']['label']}. "
        f"DuckDB {result['duckdb']['version']} ({result['duckdb']['threads']} threads); "
        f"{result['rounds']} rounds; {result['cache']['note']}."
        + (f" {pairs:,} pairs." if pairs else ""),
        "",
        identity_line(result.get("identity")),
        "",
        *table(result),
        "",
        *(f"- error, {k}: {v}" for k, v in result.get("errors", {}).items()),
        "",
    ]


def markdown(results: Sequence[dict[str, Any]]) -> str:
    if not results:
        return ""
    info = results[0]["machine"]
    lines = [
        "# kommgraph beside a DuckDB peer of its collaboration rule",
        "",
        f"Machine: {info['nproc']} cores, {info['ram_gb']} GB RAM, {info['cpu']}; "
        f"Python {info['python']}.",
        "",
        "Cells are min / median over the rounds (whole processes: wall time from start to "
        "exit; in process: per call, every call of every round). The ratio divides the "
        'medians. Method and caveats: `benchmarks/README.md`, "The DuckDB peer".',
        "",
    ]
    for result in results:
        lines += section(result)
    return "\n".join(lines)


def render(results_dir: Path) -> None:
    """Write duckdb.md from every duckdb-<scale>.json in the folder."""
    found = [json.loads(p.read_text(encoding="utf-8")) for p in results_dir.glob("duckdb-*.json")]
    found.sort(key=lambda r: int(r["scale"]))
    (results_dir / "duckdb.md").write_text(markdown(found), encoding="utf-8")
    print(f"wrote {results_dir / 'duckdb.md'}", file=sys.stderr)
