"""How long `kommgraph site` takes and how large its pages are, at 1k and 10k events.

    python benchmarks/site.py                   # 1,000 and 10,000 events
    python benchmarks/site.py --events 1000

Per scale the synthetic data of `generate.py` (seed 42) is written to
`out/bench/<events>/data` unless it is there. The persistent index is built
first (`kommgraph index`, timed apart) and an earlier site removed, so the figure
is the site's own work as a user sees it on a second run: `kommgraph site -o out/bench/<events>/site
--no-timestamp`, timed as a subprocess (wall clock, with the CPU seconds of the
process and its children). Results: `results/site.json` and the table in this
folder's README.md and the project's, between `<!-- site-table -->` and
`<!-- /site-table -->`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BEGIN, END = "<!-- site-table -->", "<!-- /site-table -->"


def data_for(events: int, out: Path) -> Path:
    """The generated data of a scale, written once (as `run.py` does)."""
    sys.path.insert(0, str(HERE))
    from generate import generate

    folder = out / str(events) / "data"
    if not (folder / "events.ttl").exists():
        generate(events, folder, seed=42)
    return folder


def kommgraph(*args: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Run the command line; wall seconds, CPU seconds (children), its first output line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kommgraph", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"kommgraph {' '.join(args)} failed: {done.stderr[-2000:]}")
    return wall, cpu, (done.stdout.splitlines() or [""])[0]


def measure(events: int, out: Path) -> dict[str, Any]:
    data = data_for(events, out)
    env = dict(os.environ, KOMMGRAPH_NO_PROGRESS="1", KOMMGRAPH_BACKGROUND_INDEX="0")
    env["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="kommgraph-bench-cache-")
    index_s, _cpu, _said = kommgraph("--data", str(data), "index", env=env)
    site = out / str(events) / "site"
    shutil.rmtree(site, ignore_errors=True)  # replacing an old site would time its removal
    wall, cpu, said = kommgraph(
        "--data", str(data), "site", "-o", str(site), "--no-timestamp", env=env
    )
    pages = [p for p in site.rglob("*.html")]
    sizes = sorted(p.stat().st_size for p in pages)
    largest = max(pages, key=lambda p: p.stat().st_size)
    return {
        "events": events,
        "index_s": round(index_s, 1),
        "site_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "files": len(pages),
        "mb": round(sum(sizes) / 1e6, 1),
        "median_kb": round(sizes[len(sizes) // 2] / 1e3, 1),
        "largest_kb": round(sizes[-1] / 1e3, 1),
        "largest": str(largest.relative_to(site)),
        "said": said,
    }


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| events | pages (HTML files) | site (s) | CPU (s) | index first (s) | MB "
        "| median page (kB) | largest page (kB) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = [
        f"| {r['events']:,} | {r['files']:,} | {r['site_s']:.1f} | {r['cpu_s']:.1f} "
        f"| {r['index_s']:.1f} | {r['mb']:.1f} | {r['median_kb']:.1f} | {r['largest_kb']:.1f} |"
        for r in rows
    ]
    return head + "\n".join(lines) + "\n"


def write_readme(text: str) -> None:
    """The table into this folder's README.md and the project's, between the markers."""
    for readme in (HERE / "README.md", ROOT / "README.md"):
        old = readme.read_text(encoding="utf-8")
        if BEGIN not in old:
            raise SystemExit(f"{readme} has no {BEGIN} marker")
        before, rest = old.split(BEGIN, 1)
        readme.write_text(
            before + BEGIN + "\n" + text + END + rest.split(END, 1)[1], encoding="utf-8"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench")
    parser.add_argument("--results", type=Path, default=HERE / "results" / "site.json")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite the table")
    args = parser.parse_args(argv)
    rows = []
    for events in args.events:
        row = measure(events, args.out)
        print(f"{events} events: {row['said']} in {row['site_s']} s", flush=True)
        rows.append(row)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps({"rows": rows}, indent=1) + "\n", encoding="utf-8")
    text = table(rows)
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
