"""How fast the network page is ready and answers, in headless Chromium.

    python benchmarks/page.py                       # 1k and 10k events; 300, 2000, 10000 nodes
    python benchmarks/page.py --events 1000 --max-nodes 300 --repeat 1

Per scale the synthetic data of `generate.py` (seed 42) is written to
`out/bench/<events>/data` unless it is there; `kommgraph viz --max-nodes N
--no-timestamp` writes each page (timed as a subprocess). Each page is opened
`--repeat` times in a fresh browser context of one Debian chromium (Playwright, no
download, `--disable-gpu`). Times are taken inside the page with `performance.now()`:
ready is the time from navigation start until the page sets
`document.body.dataset.state = "ready"` (drawn and interactive); an interaction is
the time from the input event's timestamp to the second animation frame after it,
i.e. until the frame that shows the answer is painted: typing a search (the hit
list), hovering a node (the tooltip), choosing a topic (hidden items, fit, header),
clicking a node (the pinned panel) and, on a page of communities, opening the
largest one. Results: `results/page.json` and the table in this folder's README.md and
the project's, between the markers `<!-- page-table -->` and `<!-- /page-table -->`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--headless"]
STEPS = ("ready", "search", "hover", "filter", "click", "open")
BEGIN, END = "<!-- page-table -->", "<!-- /page-table -->"


def data_for(events: int, out: Path) -> Path:
    """The generated data of a scale, written once (as `run.py` does)."""
    sys.path.insert(0, str(HERE))
    from generate import generate

    folder = out / str(events) / "data"
    if not (folder / "events.ttl").exists():
        generate(events, folder, seed=42)
    return folder


def write_page(data: Path, max_nodes: int, out: Path) -> tuple[Path, float, str]:
    """`kommgraph viz` as a user runs it: the page, seconds taken, what it printed."""
    page = out / f"page-{max_nodes}.html"
    command = [sys.executable, "-m", "kommgraph", "--data", str(data), "viz", "-o", str(page)]
    command += ["--max-nodes", str(max_nodes), "--no-timestamp"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"viz failed: {done.stderr[-2000:]}")
    return page, seconds, done.stdout.splitlines()[0]


def poll(page: Page, expression: str, timeout: float) -> Any:
    """Evaluate until truthy (the page's CSP forbids wait_for_function's eval)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(expression)
        time.sleep(0.02)


def start(page: Page, step: str) -> None:
    """Forget an earlier time of this step (a later hover would overwrite it otherwise)."""
    page.evaluate(f"() => {{ delete window.kommgraph.timing[{json.dumps(step)}]; }}")


def timed(page: Page, step: str, timeout: float = 60.0) -> float:
    value: float = poll(page, f"() => window.kommgraph.timing[{json.dumps(step)}]", timeout)
    return round(value, 1)


def node_point(page: Page, rank: int = 0) -> tuple[float, float, str]:
    """Page coordinates of the rank-th largest node drawn on screen, and its id."""
    found: tuple[float, float, str] = page.evaluate(
        """(rank) => {
            const net = window.kommgraph.network, box = document.querySelector("#kg-canvas")
                .getBoundingClientRect();
            const ids = net.body.nodeIndices.filter((id) => {
                const p = net.canvasToDOM(net.getPositions([id])[id]);
                return p.x > 40 && p.y > 40 && p.x < box.width - 40 && p.y < box.height - 40;
            }).sort((a, b) => net.body.nodes[b].options.size - net.body.nodes[a].options.size);
            const id = ids[Math.min(rank, ids.length - 1)];
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            return [box.left + p.x, box.top + p.y, id];
        }""",
        rank,
    )
    return found


def one_run(browser: Browser, path: Path, query: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=300_000)
        poll(page, "() => document.body && document.body.dataset.state === 'ready'", 300.0)
        out = {"ready": timed(page, "ready")}
        start(page, "search")
        page.fill("#kg-search", query)
        out["search"] = timed(page, "search")
        x, y, _id = node_point(page)
        page.mouse.move(5, 5)  # the header: nothing is hovered on the way
        start(page, "hover")
        page.mouse.move(x, y)
        out["hover"] = timed(page, "hover")
        page.mouse.move(5, 5)
        poll(page, "() => document.querySelector('#kg-tip').hidden", 10.0)
        start(page, "filter")
        page.select_option("#kg-topic", index=1)
        out["filter"] = timed(page, "filter")
        page.click("#kg-reset")
        x, y, clicked = node_point(page)
        step = "open" if clicked.startswith("group:") else "click"
        start(page, step)
        page.mouse.click(x, y)
        out[step] = timed(page, step, 120.0)
        return out
    finally:
        context.close()


def measure(path: Path, repeat: int) -> dict[str, Any]:
    data = json.loads(
        path.read_text(encoding="utf-8").split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    )
    nodes = sorted(data["nodes"], key=lambda n: -n["score"])
    query = nodes[len(nodes) // 2]["name"].split()[0][:5]
    runs: list[dict[str, float]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            runs = [one_run(browser, path, query) for _ in range(repeat)]
        finally:
            browser.close()
    return {
        "nodes": len(data["nodes"]),
        "edges": len(data["edges"]),
        "communities": len(data["groups"]) if data["groups"] else None,
        "query": query,
        "runs": runs,
        "min": {s: min(r[s] for r in runs) for s in STEPS if s in runs[0]},
        "median": {s: statistics.median(r[s] for r in runs) for s in STEPS if s in runs[0]},
    }


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| events | --max-nodes | nodes | edges | drawn as | page MB | viz (s) | ready (s) "
        "| search (ms) | hover (ms) | filter (ms) | pin / open (ms) |\n"
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n"
    )

    def cell(row: dict[str, Any], step: str, scale: float = 1.0, digits: int = 0) -> str:
        if step not in row["median"]:
            return "–"
        lo, mid = row["min"][step] / scale, row["median"][step] / scale
        return f"{lo:.{digits}f} / {mid:.{digits}f}"

    lines = []
    for r in rows:
        drawn = f"{r['communities']} communities" if r["communities"] else "nodes"
        pin = "open" if "open" in r["median"] else "click"
        lines.append(
            f"| {r['events']:,} | {r['max_nodes']:,} | {r['nodes']:,} | {r['edges']:,} | {drawn} "
            f"| {r['mb']:.1f} | {r['viz_s']:.1f} | {cell(r, 'ready', 1000, 2)} "
            f"| {cell(r, 'search')} | {cell(r, 'hover')} | {cell(r, 'filter')} | {cell(r, pin)} |"
        )
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
    parser.add_argument("--max-nodes", type=int, nargs="+", default=[300, 2000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench")
    parser.add_argument("--results", type=Path, default=HERE / "results" / "page.json")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite the table")
    parser.add_argument(
        "--table-only", action="store_true", help="rewrite the tables from the results file"
    )
    args = parser.parse_args(argv)
    if args.table_only:
        write_readme(table(json.loads(args.results.read_text(encoding="utf-8"))["rows"]))
        return 0
    rows = []
    for events in args.events:
        data = data_for(events, args.out)
        for max_nodes in args.max_nodes:
            page, seconds, said = write_page(data, max_nodes, args.out / str(events))
            print(
                f"{events} events, --max-nodes {max_nodes}: {said} in {seconds:.1f} s", flush=True
            )
            row = {"events": events, "max_nodes": max_nodes, "viz_s": round(seconds, 1)}
            row["mb"] = round(page.stat().st_size / 1e6, 1)
            row |= measure(page, args.repeat)
            print(f"  min {row['min']}  median {row['median']}", flush=True)
            rows.append(row)
            if row["nodes"] < max_nodes:
                break  # the network has no more nodes: a higher cap draws the same page
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps({"rows": rows}, indent=1) + "\n", encoding="utf-8")
    text = table(rows)
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
