#!/usr/bin/env python3
"""How this machine's cost per operation grows with the working set.

    python benchmarks/machine.py                 # writes results/machine.{json,md}

The growth table of `results/bench.md` compares wall time between scales with
n log n in the triples. Big-O counts operations; wall time also pays for where
the data sits. Two controls separate the two, so a step that grows faster than
n log n can be read against the machine rather than the algorithm:

* a gather: `values[permutation]` over n float64 values, i.e. n operations
  with random access, against the same gather in order, from 16 K to 64 M
  values. A constant time per value would mean the machine adds nothing.
* Dijkstra from 64 sources (igraph `distances` with weights, O(k (E + V log V)))
  on random graphs of the sizes of the bench's actors networks, the core of
  sampled betweenness and closeness.

Each control runs twice, in fresh subprocesses: with glibc's default
allocator and with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, which makes glibc
ask for transparent huge pages (2 MB instead of 4 KB, so one TLB entry covers
512 times more memory) where the kernel offers them on request
(`/sys/kernel/mm/transparent_hugepage/enabled` = madvise or always).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
HUGE_PAGES = "glibc.malloc.hugetlb=1"
SOURCES = 64
GATHER_SIZES = [2**k for k in range(14, 27, 2)]


def _best(run: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of `repeat` runs: the machine's cost, without the noise of neighbours."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def gather(sizes: list[int]) -> list[dict[str, float]]:
    """Nanoseconds per value of a random and of an in-order gather at each size."""
    import numpy as np

    rng = np.random.default_rng(42)
    rows = []
    for n in sizes:
        values = rng.random(n)
        shuffled = rng.permutation(n)
        ordered = np.arange(n)
        rows.append(
            {
                "values": n,
                "megabytes": round(values.nbytes * 2 / 1e6, 1),
                "random_ns": _best(partial(np.take, values, shuffled)) / n * 1e9,
                "ordered_ns": _best(partial(np.take, values, ordered)) / n * 1e9,
            }
        )
    return rows


def dijkstra(sizes: list[tuple[int, int]]) -> list[dict[str, float]]:
    """Seconds and nanoseconds per (source × edge) of weighted Dijkstra on random graphs."""
    import igraph
    import numpy as np

    rows = []
    for nodes, edges in sizes:
        igraph.set_random_number_generator(random.Random(42))
        graph = igraph.Graph.Erdos_Renyi(n=nodes, m=edges)
        weights = np.random.default_rng(42).random(graph.ecount()) + 0.5
        graph.es["distance"] = weights.tolist()
        sources = list(range(0, nodes, max(1, nodes // SOURCES)))[:SOURCES]
        seconds = _best(partial(graph.distances, source=sources, weights="distance"), repeat=3)
        rows.append(
            {
                "nodes": nodes,
                "edges": edges,
                "seconds": seconds,
                "ns_per_source_edge": seconds / (len(sources) * edges) * 1e9,
            }
        )
    return rows


def network_sizes(results: Path) -> list[tuple[int, int]]:
    """The actors network of each recorded scale, read from the bench's notes."""
    from run import network_size

    recorded = sorted(results.glob("bench-*.json"), key=lambda p: int(p.stem.split("-")[1]))
    found = (network_size(json.loads(p.read_text(encoding="utf-8"))) for p in recorded)
    return [size for size in found if size is not None]


def run_child(sizes: list[tuple[int, int]], gather_sizes: list[int], huge: bool) -> dict[str, Any]:
    """Both controls in a fresh interpreter: the tunable is read when glibc starts."""
    env = dict(os.environ)
    env.pop("GLIBC_TUNABLES", None)
    if huge:
        env["GLIBC_TUNABLES"] = HUGE_PAGES
    spec = ",".join(f"{n}:{m}" for n, m in sizes)
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            spec,
            "--gather",
            ",".join(map(str, gather_sizes)),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _factor(rows: list[dict[str, float]], key: str, i: int) -> str:
    return "" if i == 0 else f"×{rows[i][key] / rows[i - 1][key]:.2f}"


def markdown(result: dict[str, Any]) -> str:
    plain, huge = result["default"], result["huge_pages"]
    lines = [
        "# Machine controls: cost per operation against the working set",
        "",
        f"{result['cpu']}, {result['nproc']} cores; transparent huge pages: "
        f"`{result['thp']}`. Produced by `benchmarks/machine.py` (best of 5 runs; "
        f'Dijkstra best of 3). "huge pages" = `GLIBC_TUNABLES={HUGE_PAGES}`.',
        "",
        "## Gather: n values read in random order (one operation each)",
        "",
        "| values | MB (values + index) | random, ns/value | in order, ns/value | "
        "random, huge pages | in order, huge pages |",
        "|---|---|---|---|---|---|",
    ]
    for a, b in zip(plain["gather"], huge["gather"], strict=True):
        lines.append(
            f"| {a['values']:,} | {a['megabytes']:g} | {a['random_ns']:.2f} | "
            f"{a['ordered_ns']:.2f} | {b['random_ns']:.2f} | {b['ordered_ns']:.2f} |"
        )
    lines += [
        "",
        f"## Weighted Dijkstra from {SOURCES} sources on random graphs of the actors "
        "networks' sizes",
        "",
        "| nodes | edges | seconds | ns per source × edge | growth | huge pages: seconds "
        "| ns per source × edge | growth |",
        "|---|---|---|---|---|---|---|---|",
    ]
    a_rows, b_rows = plain["dijkstra"], huge["dijkstra"]
    for i, (a, b) in enumerate(zip(a_rows, b_rows, strict=True)):
        lines.append(
            f"| {a['nodes']:,} | {a['edges']:,} | {a['seconds']:.3f} | "
            f"{a['ns_per_source_edge']:.1f} | {_factor(a_rows, 'seconds', i)} | "
            f"{b['seconds']:.3f} | {b['ns_per_source_edge']:.1f} | "
            f"{_factor(b_rows, 'seconds', i)} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--results", default=str(RESULTS), help="bench results to read and write")
    parser.add_argument(
        "--gather",
        default=",".join(map(str, GATHER_SIZES)),
        help="comma-separated numbers of values for the gather",
    )
    args = parser.parse_args(argv)
    gather_sizes = [int(n) for n in args.gather.split(",")]
    if args.child is not None:
        pairs = [p.split(":") for p in args.child.split(",") if p]
        sizes = [(int(n), int(m)) for n, m in pairs]
        print(json.dumps({"gather": gather(gather_sizes), "dijkstra": dijkstra(sizes)}))
        return 0
    results = Path(args.results)
    sizes = network_sizes(results)
    if not sizes:
        print(f"no bench-<scale>.json with network sizes in {results}", file=sys.stderr)
        return 1
    import run

    thp = Path("/sys/kernel/mm/transparent_hugepage/enabled")
    info = run.machine()
    result = {
        "cpu": info["cpu"],
        "nproc": info["nproc"],
        "thp": thp.read_text().strip() if thp.exists() else "unknown",
        "default": run_child(sizes, gather_sizes, huge=False),
        "huge_pages": run_child(sizes, gather_sizes, huge=True),
    }
    (results / "machine.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    text = markdown(result)
    (results / "machine.md").write_text(text, encoding="utf-8")
    print(text)
    run.render(results, run.DEFAULT_TIMEOUT)  # bench.md's growth table ends with the control
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
