#!/usr/bin/env python3
"""Benchmark: which embedded RDF store should kommgraph use?

Generates seeded synthetic kommgraph-shaped Turtle (events, persons with
German-umlaut labels, n-ary participation nodes) at one or more scales and
measures, per store configuration and each in its own subprocess:

* wall time to parse/load the Turtle file (the triple count is taken
  afterwards as a separate, untabulated "count" phase),
* wall time of a simple lookup (labels of persons with a given role, the
  role passed as a bound variable: ``initBindings`` / ``substitutions``;
  Oxigraph requires the bound variable to be projected),
* wall time of an aggregation ("pairs of persons sharing events, with count"),
* peak RSS of the subprocess.

Configurations:

* ``rdflib-memory``      -- ``rdflib.Graph()`` (default in-memory store), rdflib Turtle parser
* ``oxrdflib``           -- ``rdflib.Graph(store="Oxigraph")``, ``format="ox-turtle"`` (native load)
* ``oxrdflib-rdfparser`` -- ``rdflib.Graph(store="Oxigraph")``, ``format="turtle"``
  (rdflib's parser, triples added one by one)
* ``pyoxigraph``         -- ``pyoxigraph.Store()`` used directly

Each configuration runs in a subprocess with a wall-clock timeout; a phase
that is still running when the timeout hits is reported as
``> N s (timeout)``. Results are printed as a Markdown table and written as
JSON to ``benchmarks/results/store_choice.json``.

Usage::

    python benchmarks/store_choice.py [--scales 10000,1000000] [--timeout 300]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

KG = "https://w3id.org/kommgraph/ontology#"
ID = "https://w3id.org/kommgraph/id/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

CONFIGS: tuple[str, ...] = ("rdflib-memory", "oxrdflib", "oxrdflib-rdfparser", "pyoxigraph")
PHASES: tuple[str, ...] = ("load", "count", "lookup", "pairs")

#: Roles (from the kommgraph RoleScheme) with sampling weights.
ROLES: tuple[tuple[str, int], ...] = (
    ("Attendee", 40),
    ("Speaker", 20),
    ("Panelist", 10),
    ("Moderator", 8),
    ("Organizer", 6),
    ("Host", 5),
    ("WorkshopLead", 4),
    ("Exhibitor", 3),
    ("Contact", 2),
    ("Interviewer", 1),
    ("Interviewee", 1),
)
LOOKUP_ROLE = KG + "Moderator"

FIRST_NAMES: tuple[str, ...] = (
    "Jürgen",
    "Käthe",
    "Björn",
    "Gülşen",
    "Sören",
    "Ömer",
    "Änne",
    "Günther",
    "Lüder",
    "Märta",
    "Jörg",
    "Bärbel",
    "Uwe",
    "Hélène",
    "Maximilian",
    "Zoë",
)
LAST_NAMES: tuple[str, ...] = (
    "Müller",
    "Schäfer",
    "Größ",
    "Köhler",
    "Bäcker",
    "Wöhler",
    "Jäger",
    "Küster",
    "Möller",
    "Hölzl",
    "Weiß",
    "Strauß",
    "Schmidt",
    "Öztürk",
)
EVENT_KINDS: tuple[str, ...] = (
    "Fachtagung Digitale Verwaltung",
    "Workshop Onlinezugangsgesetz",
    "Sitzung des Ausschusses für Straßenbau",
    "Vortrag zur E-Akte",
    "Podiumsdiskussion Smart City",
)

PREFIXES = f"""PREFIX kg: <{KG}>
PREFIX rdfs: <{RDFS}>
"""

#: ``?role`` is bound per call (``initBindings`` / ``substitutions``). Oxigraph
#: implements SEP-0007 substitution and rejects it with ``RuntimeError: The SPARQL
#: query does not contains variable ?role in its SELECT projection`` unless the
#: bound variable is projected (or ``SELECT *``), so ``?role`` is selected here.
LOOKUP_QUERY = (
    PREFIXES
    + """SELECT DISTINCT ?person ?label ?role WHERE {
  ?p kg:role ?role ;
     kg:agent ?person .
  ?person rdfs:label ?label .
}"""
)

PAIRS_QUERY = (
    PREFIXES
    + """SELECT ?a ?b (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?p1 kg:agent ?a ; kg:event ?e .
  ?p2 kg:agent ?b ; kg:event ?e .
  FILTER(STR(?a) < STR(?b))
} GROUP BY ?a ?b"""
)

LOOKUP_REPEATS = 3


# --------------------------------------------------------------------------
# Data generation
# --------------------------------------------------------------------------


def _turtle_string(value: str) -> str:
    """Escape a Python string as a Turtle short string literal."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate_turtle(target_triples: int, path: Path, seed: int = 42) -> dict[str, int]:
    """Write seeded synthetic kommgraph Turtle with about ``target_triples`` triples.

    Per event: 3 triples (type, label, date) plus 3-6 participations of 4
    triples each; persons (2 triples each) number about half the events.
    Returns counts of the generated entities and the exact triple count.
    """
    rng = random.Random(seed)
    # ~3 + 4.5 * 4 + 0.5 * 2 = 22 triples per event
    n_events = max(10, target_triples // 22)
    n_persons = max(20, n_events // 2)
    role_names = [r for r, _ in ROLES]
    role_weights = [w for _, w in ROLES]
    start = date(2015, 1, 1)
    triples = 0
    n_participations = 0

    with path.open("w", encoding="utf-8") as out:
        out.write(
            f"@prefix kg: <{KG}> .\n@prefix rdfs: <{RDFS}> .\n@prefix xsd: <{XSD}> .\n"
            f"@prefix ev: <{ID}event/> .\n@prefix pe: <{ID}person/> .\n"
            f"@prefix pa: <{ID}participation/> .\n\n"
        )
        for i in range(n_persons):
            label = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            out.write(f"pe:p{i:07d} a kg:Person ;\n    rdfs:label {_turtle_string(label)} .\n")
            triples += 2
        for i in range(n_events):
            day = start + timedelta(days=rng.randrange(0, 3650))
            label = f"{rng.choice(EVENT_KINDS)} {i}"
            out.write(
                f"ev:e{i:07d} a kg:Event ;\n    rdfs:label {_turtle_string(label)}@de ;\n"
                f'    kg:date "{day.isoformat()}"^^xsd:date .\n'
            )
            triples += 3
            k = rng.randint(3, 6)
            people = rng.sample(range(n_persons), k)
            roles = rng.choices(role_names, weights=role_weights, k=k)
            for person, role in zip(people, roles, strict=True):
                out.write(
                    f"pa:x{n_participations:08d} a kg:Participation ;\n"
                    f"    kg:agent pe:p{person:07d} ; kg:event ev:e{i:07d} ; kg:role kg:{role} .\n"
                )
                n_participations += 1
                triples += 4
    return {
        "triples": triples,
        "events": n_events,
        "persons": n_persons,
        "participations": n_participations,
        "bytes": path.stat().st_size,
    }


# --------------------------------------------------------------------------
# Child process: one configuration
# --------------------------------------------------------------------------


def _rss_kb() -> int:
    """Peak resident set size of this process in KiB (Linux semantics)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _digest(rows: Iterable[tuple[str, ...]]) -> str:
    """Order-independent short digest of result rows (for cross-store checks)."""
    h = hashlib.sha256()
    for row in sorted(rows):
        h.update("\x1f".join(row).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()[:12]


class _Progress:
    """Append JSON-lines progress events so the parent survives a kill."""

    def __init__(self, path: Path) -> None:
        self._fh = path.open("a", encoding="utf-8")

    def emit(self, **event: Any) -> None:
        """Write one event and flush it to disk immediately."""
        event["t"] = time.time()
        event["rss_kb"] = _rss_kb()
        self._fh.write(json.dumps(event) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())


def _timed(progress: _Progress, phase: str, fn: Callable[[], dict[str, Any]]) -> None:
    """Run ``fn`` as ``phase``, emitting start/done events with wall time."""
    progress.emit(event="start", phase=phase)
    t0 = time.perf_counter()
    info = fn()
    progress.emit(event="done", phase=phase, seconds=time.perf_counter() - t0, **info)


def _run_rdflib(config: str, ttl: Path, progress: _Progress) -> None:
    """Benchmark rdflib with the default Memory store or the Oxigraph store."""
    import rdflib
    from rdflib import URIRef

    if TYPE_CHECKING:
        from rdflib.query import ResultRow

    if config != "rdflib-memory":
        import oxrdflib  # noqa: F401  (registers the store plugin)
    progress.emit(event="imported")

    graph = rdflib.Graph(store="Oxigraph") if config.startswith("oxrdflib") else rdflib.Graph()
    fmt = "ox-turtle" if config == "oxrdflib" else "turtle"

    def load() -> dict[str, Any]:
        graph.parse(str(ttl), format=fmt)
        return {}

    def count() -> dict[str, Any]:
        # oxrdflib's len(graph) runs COUNT(DISTINCT TRIPLE(?s, ?p, ?o)), which
        # materialises every triple in a hash set (seconds and hundreds of MB
        # at 1M triples); a plain COUNT(*) query streams instead.
        if config.startswith("oxrdflib"):
            result = graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
            row = next(iter(cast("Iterable[ResultRow]", result)))
            return {"triples": int(str(row[0]))}
        return {"triples": len(graph)}

    def lookup() -> dict[str, Any]:
        times: list[float] = []
        rows: list[tuple[str, ...]] = []
        for _ in range(LOOKUP_REPEATS):
            t0 = time.perf_counter()
            result = graph.query(LOOKUP_QUERY, initBindings={"role": URIRef(LOOKUP_ROLE)})
            rows = [(str(r[0]), str(r[1])) for r in cast("Iterable[ResultRow]", result)]
            times.append(time.perf_counter() - t0)
        return {"rows": len(rows), "digest": _digest(rows), "runs": times}

    def pairs() -> dict[str, Any]:
        result = graph.query(PAIRS_QUERY)
        rows = [(str(r[0]), str(r[1]), str(r[2])) for r in cast("Iterable[ResultRow]", result)]
        return {"rows": len(rows), "sum_n": sum(int(r[2]) for r in rows), "digest": _digest(rows)}

    _timed(progress, "load", load)
    _timed(progress, "count", count)
    _timed(progress, "lookup", lookup)
    _timed(progress, "pairs", pairs)


def _run_pyoxigraph(ttl: Path, progress: _Progress) -> None:
    """Benchmark a pyoxigraph in-memory ``Store`` used directly."""
    import pyoxigraph as ox

    progress.emit(event="imported")
    store = ox.Store()

    def load() -> dict[str, Any]:
        store.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
        return {}

    def count() -> dict[str, Any]:
        return {"triples": len(store)}

    def lookup() -> dict[str, Any]:
        times: list[float] = []
        rows: list[tuple[str, ...]] = []
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable("role"): ox.NamedNode(LOOKUP_ROLE)
        }
        for _ in range(LOOKUP_REPEATS):
            t0 = time.perf_counter()
            result = cast(ox.QuerySolutions, store.query(LOOKUP_QUERY, substitutions=subs))
            rows = [(s["person"].value, s["label"].value) for s in result]
            times.append(time.perf_counter() - t0)
        return {"rows": len(rows), "digest": _digest(rows), "runs": times}

    def pairs() -> dict[str, Any]:
        result = cast(ox.QuerySolutions, store.query(PAIRS_QUERY))
        rows = [(s["a"].value, s["b"].value, s["n"].value) for s in result]
        return {"rows": len(rows), "sum_n": sum(int(r[2]) for r in rows), "digest": _digest(rows)}

    _timed(progress, "load", load)
    _timed(progress, "count", count)
    _timed(progress, "lookup", lookup)
    _timed(progress, "pairs", pairs)


def child_main(config: str, ttl: Path, progress_path: Path) -> None:
    """Entry point of the per-configuration subprocess."""
    progress = _Progress(progress_path)
    progress.emit(event="begin")
    if config == "pyoxigraph":
        _run_pyoxigraph(ttl, progress)
    else:
        _run_rdflib(config, ttl, progress)
    progress.emit(event="end")


# --------------------------------------------------------------------------
# Parent: orchestration
# --------------------------------------------------------------------------


@dataclass
class PhaseResult:
    """Outcome of one measured phase."""

    status: str  # "ok" | "timeout" | "not run" | "error"
    seconds: float | None = None
    info: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunResult:
    """Outcome of one configuration at one scale."""

    scale: int
    config: str
    phases: dict[str, PhaseResult]
    peak_rss_mb: float | None
    import_rss_mb: float | None
    wall_seconds: float
    returncode: int | None
    stderr_tail: str = ""


def _vmhwm_kb(pid: int) -> int | None:
    """Read a live process's peak RSS (VmHWM) from /proc, if available."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def run_config(config: str, scale: int, ttl: Path, timeout: float, workdir: Path) -> RunResult:
    """Run one configuration in a subprocess with a timeout and collect its results."""
    progress_path = workdir / f"progress-{config}-{scale}.jsonl"
    progress_path.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        config,
        "--ttl",
        str(ttl),
        "--progress",
        str(progress_path),
    ]
    t0 = time.time()
    err_path = workdir / f"stderr-{config}-{scale}.txt"
    with err_path.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        peak_kb = 0
        timed_out = False
        while True:
            try:
                proc.wait(timeout=0.25)
                break
            except subprocess.TimeoutExpired:
                peak_kb = max(peak_kb, _vmhwm_kb(proc.pid) or 0)
                if time.time() - t0 > timeout:
                    timed_out = True
                    proc.kill()
                    proc.wait()
                    break
    killed_at = time.time()

    events: list[dict[str, Any]] = []
    if progress_path.exists():
        for line in progress_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                events.append(json.loads(line))
    import_rss = next((e["rss_kb"] for e in events if e["event"] == "imported"), None)
    for e in events:
        peak_kb = max(peak_kb, int(e.get("rss_kb", 0)))

    phases: dict[str, PhaseResult] = {}
    for phase in PHASES:
        start = next((e for e in events if e["event"] == "start" and e["phase"] == phase), None)
        done = next((e for e in events if e["event"] == "done" and e["phase"] == phase), None)
        if done is not None:
            info = {
                k: v
                for k, v in done.items()
                if k not in ("event", "phase", "seconds", "t", "rss_kb")
            }
            info["peak_rss_mb_after_phase"] = round(int(done["rss_kb"]) / 1024, 1)
            seconds = float(done["seconds"])
            if phase == "lookup" and info.get("runs"):
                runs = sorted(info["runs"])
                seconds = runs[len(runs) // 2]  # median of the repeats
            phases[phase] = PhaseResult("ok", seconds, info)
        elif start is not None:
            status = "timeout" if timed_out else "error"
            phases[phase] = PhaseResult(status, killed_at - float(start["t"]))
        else:
            phases[phase] = PhaseResult("not run")

    stderr_tail = err_path.read_text(encoding="utf-8", errors="replace")[-2000:]
    return RunResult(
        scale=scale,
        config=config,
        phases=phases,
        peak_rss_mb=round(peak_kb / 1024, 1) if peak_kb else None,
        import_rss_mb=round(import_rss / 1024, 1) if import_rss else None,
        wall_seconds=round(killed_at - t0, 2),
        returncode=None if timed_out else proc.returncode,
        stderr_tail=stderr_tail,
    )


def _fmt_phase(p: PhaseResult, rows: bool = False) -> str:
    """Format one phase cell for the Markdown table."""
    if p.status == "ok" and p.seconds is not None:
        cell = f"{p.seconds:.3f}" if p.seconds < 10 else f"{p.seconds:.1f}"
        if rows and "rows" in p.info:
            cell += f" ({p.info['rows']:,} rows)"
        return cell
    if p.status == "timeout":
        return f"> {p.seconds:.0f} s (timeout)"
    return p.status


def markdown_table(results: list[RunResult]) -> str:
    """Render the results as a Markdown table (times in seconds)."""
    lines = [
        "| triples | store | load (s) | lookup, median of 3 (s) | pairs aggregation (s) "
        "| peak RSS (MB) | RSS after imports (MB) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        triples = r.phases["count"].info.get("triples", r.scale)
        lines.append(
            f"| {triples:,} | {r.config} | {_fmt_phase(r.phases['load'])} | "
            f"{_fmt_phase(r.phases['lookup'], rows=True)} | "
            f"{_fmt_phase(r.phases['pairs'], rows=True)} | "
            f"{r.peak_rss_mb if r.peak_rss_mb is not None else '?'} | "
            f"{r.import_rss_mb if r.import_rss_mb is not None else '?'} |"
        )
    return "\n".join(lines)


def consistency(results: list[RunResult]) -> dict[str, dict[str, bool]]:
    """Check per scale and query that all completed stores returned identical rows."""
    out: dict[str, dict[str, bool]] = {}
    for scale in sorted({r.scale for r in results}):
        out[str(scale)] = {}
        for phase in ("lookup", "pairs"):
            digests = {
                r.phases[phase].info.get("digest")
                for r in results
                if r.scale == scale and r.phases[phase].status == "ok"
            }
            out[str(scale)][phase] = len(digests) <= 1
    return out


def _versions() -> dict[str, str]:
    """Installed versions of the benchmarked packages."""
    from importlib.metadata import PackageNotFoundError, version

    vs: dict[str, str] = {}
    for pkg in ("rdflib", "oxrdflib", "pyoxigraph"):
        try:
            vs[pkg] = version(pkg)
        except PackageNotFoundError:
            vs[pkg] = "not installed"
    return vs


def main(argv: list[str] | None = None) -> int:
    """Parse arguments; run the benchmark (parent) or one configuration (child)."""
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--scales", default="10000,1000000", help="comma-separated target triple counts"
    )
    ap.add_argument(
        "--configs",
        default=",".join(CONFIGS),
        help="comma-separated subset of " + ",".join(CONFIGS),
    )
    ap.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        help="wall-clock seconds per configuration and scale",
    )
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument(
        "--json",
        type=Path,
        default=Path(__file__).resolve().parent / "results" / "store_choice.json",
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--ttl", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--progress", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        child_main(args.child, args.ttl, args.progress)
        return 0

    scales = [int(s.replace("_", "")) for s in args.scales.split(",") if s.strip()]
    configs = [c for c in args.configs.split(",") if c]
    unknown = set(configs) - set(CONFIGS)
    if unknown:
        ap.error(f"unknown configs: {sorted(unknown)}")

    results: list[RunResult] = []
    datasets: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="kommgraph-bench-") as tmp:
        workdir = Path(tmp)
        for scale in scales:
            ttl = workdir / f"synthetic-{scale}.ttl"
            t0 = time.perf_counter()
            stats = generate_turtle(scale, ttl, seed=args.seed)
            gen_seconds = round(time.perf_counter() - t0, 2)
            datasets[str(scale)] = {**stats, "generate_seconds": gen_seconds}
            print(
                f"# scale {scale}: generated {stats['triples']:,} triples "
                f"({stats['bytes'] / 1e6:.1f} MB) in {gen_seconds} s",
                file=sys.stderr,
            )
            for config in configs:
                r = run_config(config, scale, ttl, args.timeout, workdir)
                results.append(r)
                print(
                    f"#   {config}: "
                    + ", ".join(f"{k}={_fmt_phase(v)}" for k, v in r.phases.items())
                    + f", peak RSS {r.peak_rss_mb} MB",
                    file=sys.stderr,
                )
                if r.returncode not in (0, None):
                    print(r.stderr_tail, file=sys.stderr)

    table = markdown_table(results)
    print(table)
    checks = consistency(results)
    print("\nIdentical results across completed stores: " + json.dumps(checks))

    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": {
            "nproc": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "packages": _versions(),
        },
        "settings": {
            "scales": scales,
            "configs": configs,
            "timeout_s": args.timeout,
            "seed": args.seed,
            "lookup_repeats": LOOKUP_REPEATS,
            "lookup_role": LOOKUP_ROLE,
        },
        "queries": {"lookup": LOOKUP_QUERY, "pairs": PAIRS_QUERY},
        "datasets": datasets,
        "results": [asdict(r) for r in results],
        "identical_results": checks,
        "markdown_table": table,
    }
    args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
