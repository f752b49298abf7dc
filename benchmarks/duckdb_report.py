"""The markdown of `duckdb_peer.py`: one table per scale from `results/duckdb-<scale>.json`."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import procs

HEADER = [
    "measure",
    "kommgraph",
    "DuckDB peer",
    "plain rdflib + networkx",
    "kommgraph ÷ DuckDB",
    "kommgraph ÷ plain",
]

# (measure, kommgraph's figure, DuckDB's, the plain approach's); a figure is a path into
# the results ("processes" | "in_process", ...), a "+" joins two process figures (a sum)
Where = tuple[str, ...]
TIMES: list[tuple[str, Where, Where, Where]] = [
    (
        "one-off build: `kommgraph index` / Turtle → Parquet → DuckDB file",
        ("processes", "kommgraph index"),
        ("processes", "duckdb build"),
        (),
    ),
    (
        "first answer, cold: `collab <person>` on an empty cache (parses the files) / "
        "DuckDB build + `collab <person>`",
        ("processes", "kommgraph collab person first"),
        ("+", "duckdb build", "duckdb collab person"),
        ("processes", "baseline collab person"),
    ),
    (
        "`collab <person>`, whole process, later runs (index / DuckDB file)",
        ("processes", "kommgraph collab person"),
        ("processes", "duckdb collab person"),
        ("processes", "baseline collab person"),
    ),
    (
        "`collab <busiest organization>`, whole process, later runs",
        ("processes", "kommgraph collab organization"),
        ("processes", "duckdb collab organization"),
        ("processes", "baseline collab organization"),
    ),
    (
        "in process: all weighted pairs, computed (DuckDB: inside DuckDB)",
        ("in_process", "kommgraph", "pairs into Python"),
        ("in_process", "duckdb", "pairs in DuckDB"),
        (),
    ),
    (
        "in process: all weighted pairs into a Python dict keyed by IRIs",
        ("in_process", "kommgraph", "pairs into Python"),
        ("in_process", "duckdb", "pairs into Python"),
        (),
    ),
    (
        "in process: all pairs with the IRIs of their shared events (`kg.pairs()`) "
        "/ DuckDB's pairs into Python (weights only)",
        ("in_process", "kommgraph", "pairs with event IRIs"),
        ("in_process", "duckdb", "pairs into Python"),
        (),
    ),
    (
        "in process: all pairs with evidence (kommgraph: `kg.pairs()` and `kg.pair_evidence()`, "
        "the events, roles, quotes and relations their IRIs stand for) / DuckDB's pairs into "
        "Python (it has no evidence)",
        ("in_process", "kommgraph", "pairs with evidence"),
        ("in_process", "duckdb", "pairs into Python"),
        (),
    ),
    (
        "in process: all pairs with every edge's evidence spelled out edge by edge "
        "(`collaborations()`, each edge's events with role lines and quotes; one run) / "
        "DuckDB's pairs into Python",
        ("in_process", "kommgraph", "pairs with evidence spelled out"),
        ("in_process", "duckdb", "pairs into Python"),
        (),
    ),
    (
        "in process: collaborators of <person>, again and again (per call)",
        ("in_process", "kommgraph", "actor person"),
        ("in_process", "duckdb", "actor person"),
        (),
    ),
    (
        "in process: collaborators of <organization>, again and again (per call)",
        ("in_process", "kommgraph", "actor organization"),
        ("in_process", "duckdb", "actor organization"),
        (),
    ),
]
MEMORY = [
    (
        "peak RSS MB, `collab <person>` process",
        "kommgraph collab person",
        "duckdb collab person",
        "baseline collab person",
    ),
    (
        "peak RSS MB, `collab <organization>` process",
        "kommgraph collab organization",
        "duckdb collab organization",
        "baseline collab organization",
    ),
    (
        "peak RSS MB, one-off build",
        "kommgraph index",
        "duckdb build",
        "",
    ),
]


def cache_note(supported: bool) -> str:
    if supported:
        return (
            "kommgraph's first run gets an emptied `--cache DIR` (its background build "
            "switched off, the build timed as `kommgraph index`), later runs the same DIR"
        )
    return "this kommgraph has no --cache option: its first and later runs are the same command"


def _cell(result: dict[str, Any], where: Where) -> dict[str, Any] | None:
    if where[:1] == ("+",):  # a sum of process figures (min + min, median + median)
        parts = [_cell(result, ("processes", key)) for key in where[1:]]
        if not all(p and "median" in p for p in parts):
            return None
        summed: dict[str, Any] = {
            k: sum(float(p[k]) for p in parts if p) for k in ("min", "median")
        }
        summed["runs"] = min((p["runs"] for p in parts if p), key=len)
        return summed
    node: Any = result
    for key in where:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def _ratio(a: float | None, b: float | None) -> str:
    if not a or not b:
        return "—"
    value = a / b
    return f"{value:.2f}×" if value < 1 else f"{value:.1f}×" if value < 10 else f"{value:.0f}×"


def _under(ours: dict[str, Any] | None, limited: dict[str, Any] | None) -> str:
    """kommgraph ÷ a side that hit its limit: "< x×" (else the plain ratio)."""
    if ours and limited and "median" in ours and "median" not in limited and "timeout" in limited:
        value = float(ours["median"]) / float(limited["timeout"])
        return f"< {value:.2g}×" if value < 0.1 else f"< {value:.2f}×"
    return procs.fmt_ratio(ours, limited)


def table(result: dict[str, Any]) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for name, ours, theirs, plain in TIMES:
        a, b = _cell(result, ours), _cell(result, theirs)
        c = _cell(result, plain) if plain else None
        cells = [name, *(procs.fmt_cell(x) for x in (a, b, c))]
        cells += [procs.fmt_ratio(a, b), _under(a, c)]
        lines.append("| " + " | ".join(cells) + " |")
    for name, *keys in MEMORY:
        a, b, c = (result["processes"].get(k, {}).get("rss_mb") if k else None for k in keys)
        shown = [f"{x:.0f}" if x else "—" for x in (a, b, c)]
        lines.append(f"| {name} | {' | '.join(shown)} | {_ratio(a, b)} | {_ratio(a, c)} |")
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
        f"{result['rounds']} rounds ({result.get('cold_rounds', result['rounds'])} of them "
        f"building anew); {result['cache']['note']}." + (f" {pairs:,} pairs." if pairs else ""),
        "",
        identity_line(result.get("identity")),
        ""
        if not result.get("borrowed")
        else "\nThe plain approach's figures come from `commands.py`'s run at this scale "
        "(same data, same actors; `commands-<scale>.json`).\n",
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
        "exit; in process: per call, every call of every round); one figure where one run "
        "finished (the plain approach runs once when it takes over a minute). Ratios "
        'divide the medians. Method and caveats: `benchmarks/README.md`, "The DuckDB peer".',
        "",
    ]
    for result in results:
        lines += section(result)
    return "\n".join(lines)


BORROWED = {
    "baseline collab person": "collab <most active person>",
    "baseline collab organization": "collab <busiest organization>",
}


def borrow_baseline(result: dict[str, Any], commands_json: Path) -> None:
    """A peer run without the plain approach shows that of `commands.py` (same data, actors)."""
    if not commands_json.is_file():
        return
    other = json.loads(commands_json.read_text(encoding="utf-8"))
    if other.get("picks") != result.get("picks"):
        return
    for key, name in BORROWED.items():
        row = other.get("commands", {}).get(name)
        if key not in result["processes"] and row and row.get("baseline", {}).get("runs"):
            result["processes"][key] = dict(row["baseline"], borrowed="commands.py")
            result.setdefault("borrowed", []).append(key)


def render(results_dir: Path) -> None:
    """Write duckdb.md from every duckdb-<scale>.json in the folder."""
    found = [json.loads(p.read_text(encoding="utf-8")) for p in results_dir.glob("duckdb-*.json")]
    found.sort(key=lambda r: int(r["scale"]))
    for result in found:
        borrow_baseline(result, results_dir / f"commands-{result['scale']}.json")
    (results_dir / "duckdb.md").write_text(markdown(found), encoding="utf-8")
    print(f"wrote {results_dir / 'duckdb.md'}", file=sys.stderr)
