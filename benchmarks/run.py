#!/usr/bin/env python3
"""kommgraph benchmark: every user-facing step at several scales, against a plain baseline.

    python benchmarks/run.py                      # 1k, 10k and 50k events
    python benchmarks/run.py --quick              # 1k only
    python benchmarks/run.py --scales 1000,10000 --repeat 5 --timeout 300

For each scale the synthetic data of `benchmarks/generate.py` (seeded) is written to
`out/bench/<scale>/` and every *step family* runs in a fresh Python subprocess:

    embedded  load; validate (SHACL, lint); the name index; each named query; collab cold
              (evidence fetched by SPARQL + the actor's edges) and warm (after load, with
              evidence kept); each projection; each centrality measure; communities; path;
              viz with the default node cap; export graphml
    server    the same SPARQL-based steps against an Oxigraph server (`oxigraph serve`,
              started here on 127.0.0.1, filled with `kommgraph.rdf.endpoint.push`, stopped
              afterwards), through `KommGraph.connect(url)`
    baseline  the plain approach doing the same job on the same files: rdflib's default
              in-memory `Graph().parse`, `graph.query` of the same SPARQL, pyshacl on
              that graph, the collaboration pairs as one SPARQL query (collaborating-pairs)
              and networkx defaults for the graph work (exact betweenness, networkx
              Louvain with modularity and bridges, all_shortest_paths ranked by weight,
              write_graphml with the same measures and evidence). "collab, warm" has no
              baseline: the plain approach keeps nothing between calls.

Times are wall-clock seconds, the median of `--repeat` runs for steps whose first run
took under `--repeat-below` seconds (default 10; one run otherwise). A step whose runs
take under `TINY` (2 ms) is timed again timeit-style: each run is a batch of calls
lasting about `BATCH` (50 ms), divided by the number of calls, so that the cost of
starting a timer is not what is measured (the JSON says `batch`). Every step has a
time limit (`--timeout`, default 300 s); a step that exceeds it is reported as "> 300 s"
and its family goes on.
Memory: each family's peak resident set size, read with `os.wait4` from the
subprocess's rusage (`ru_maxrss`), and per step the peak RSS of the subprocess up to
the end of that step (`getrusage(RUSAGE_SELF)`); peaks are per family, so later steps
include what earlier ones allocated.

Output: a table on the terminal (with a progress display on a TTY, plain lines when
piped), `benchmarks/results/bench-<scale>.json` per scale and
`benchmarks/results/bench.md` (all scales run in this invocation, ready for the README).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import math
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import plain
from picks import agents_for, busiest_organization
from plain import RdflibBackend

if TYPE_CHECKING:
    from kommgraph.vocab import Network

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
FAMILIES = ("embedded", "server", "baseline")
ALL_CENTRALITIES = "all centralities (actors)"
DEFAULT_TIMEOUT = 300.0  # seconds per step
CHEAP = 10.0  # seconds: steps faster than this are repeated (--repeat-below)
EARLIER_CHEAP = 2.0  # what families recorded before the option existed used
TINY = 0.002  # seconds: a step faster than this is timed in batches of calls
BATCH = 0.05  # seconds: about how long one batch of a tiny step lasts
# Targets of issue 7 at 10k events (embedded store): step -> seconds
TARGETS: dict[str, float] = {
    "load": 3.0,
    "validate (SHACL + lint)": 10.0,
    "collab after load (active person)": 0.2,
    "persons projection with evidence": 3.0,
    ALL_CENTRALITIES: 15.0,
    "communities (actors)": 2.0,
    "viz (default node cap)": 2.0,
}
PACKAGES = (
    "kommgraph",
    "rdflib",
    "pyoxigraph",
    "oxigraph",
    "pyshacl",
    "networkx",
    "scipy",
    "numpy",
)


class StepTimeoutError(Exception):
    """Raised by SIGALRM inside a child when a step runs past its limit."""


# ---------------------------------------------------------------------------------------
# child side: run one family, write one JSON line per step
# ---------------------------------------------------------------------------------------


CHILDREN: list[subprocess.Popen[bytes]] = []  # servers a child started; stopped by the watchdog


class Recorder:
    """Times steps; a step that outlives its limit ends the child (see `run_family`)."""

    def __init__(self, out: Path, repeat: int, timeout: float, cheap: float = CHEAP) -> None:
        self.previous: dict[str, dict[str, Any]] = {}
        if out.exists():  # a restart after a step hit its limit: skip what is recorded
            for line in out.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                if row.get("event") == "step":
                    self.previous[row["step"]] = row
        self.out = out.open("a", encoding="utf-8")
        self.repeat = repeat
        self.timeout = timeout
        self.cheap = cheap
        self.seconds: dict[str, float | None] = {
            name: row.get("seconds") for name, row in self.previous.items()
        }

    def emit(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.out.flush()

    def step(
        self,
        name: str,
        func: Callable[[], object],
        *,
        repeat: bool = True,
        note: str = "",
        value: bool = False,
    ) -> object:
        """Time `func` (median of runs when cheap); record seconds, runs and RSS so far.

        Python code is interrupted by SIGALRM at the limit; work inside Rust (a
        pyoxigraph query) cannot be, so a watchdog thread records the timeout, stops the
        servers of this child and ends it; the parent starts the family again and
        recorded steps are skipped (steps whose result is needed, `value=True`, are
        run again untimed).
        """
        if name in self.previous:
            done = self.previous[name]
            return func() if value and "seconds" in done else None
        self.emit({"event": "start", "step": name})
        runs: list[float] = []
        result: object = None
        batch = 1
        try:
            for index in range(self.repeat if repeat else 1):
                seconds, result = self._timed(name, note, func, 1)
                runs.append(seconds)
                if index == 0 and runs[0] >= self.cheap:
                    break
            if repeat and statistics.median(runs) < TINY:
                batch = max(2, math.ceil(BATCH / max(min(runs), 1e-7)))
                runs = [self._timed(name, note, func, batch)[0] / batch for _ in runs]
        except StepTimeoutError:
            self._emit_timeout(name, note)
            self.seconds[name] = None
            return None
        self.seconds[name] = statistics.median(runs)
        record = {
            "event": "step",
            "step": name,
            "seconds": statistics.median(runs),
            "runs": runs,
            "note": note,
            "rss_mb": _rss_mb(),
        }
        if batch > 1:
            record["batch"] = batch
        self.emit(record)
        return result

    def _timed(
        self, name: str, note: str, func: Callable[[], object], calls: int
    ) -> tuple[float, object]:
        """Seconds for `calls` calls of `func` in a row (and the last result), under the limit."""
        # start from a collected heap (untimed): otherwise a step pays, at random, for
        # a full collection over what earlier steps built (viz once 1.4 s -> 2.6 s)
        gc.collect()
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, self.timeout)
        watchdog = threading.Timer(self.timeout + 5, self._expire, (name, note))
        watchdog.daemon = True
        watchdog.start()
        result: object = None
        start = time.perf_counter()
        try:
            for _ in range(calls):
                result = func()
            return time.perf_counter() - start, result
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            watchdog.cancel()

    def _emit_timeout(self, name: str, note: str) -> None:
        self.emit(
            {
                "event": "step",
                "step": name,
                "timeout": self.timeout,
                "note": note,
                "rss_mb": _rss_mb(),
            }
        )

    def _expire(self, name: str, note: str) -> None:
        self._emit_timeout(name, note)
        for child in CHILDREN:
            child.kill()
        os._exit(3)

    def record(self, name: str, seconds: float | None, note: str = "") -> None:
        """A derived figure (a sum of measured steps)."""
        if name in self.previous:
            return
        self.seconds[name] = seconds
        if seconds is None:
            self.emit({"event": "step", "step": name, "timeout": self.timeout, "note": note})
        else:
            self.emit(
                {
                    "event": "step",
                    "step": name,
                    "seconds": seconds,
                    "runs": [seconds],
                    "note": note,
                    "rss_mb": _rss_mb(),
                }
            )


def _alarm(_signum: int, _frame: object) -> None:
    raise StepTimeoutError


def _rss_mb() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def seconds_of(rec: Recorder, name: str) -> float | None:
    """The time of a step this child already measured (None if it timed out)."""
    return rec.seconds.get(name)


def sample_params(graph: Any) -> dict[str, dict[str, str]]:
    """Example parameters that exist in the synthetic data, by query.

    The registry's examples are actors of the real data; here they are replaced by the
    most active synthetic actor of the same kind (person or organization), a busy topic,
    a city, a Land and a top-level event.
    """
    from kommgraph.rdf import queries

    def first(text: str) -> str:
        result = graph.sparql(text)
        return str(result.rows[0][0]) if result.rows else ""

    person = first("""SELECT ?l WHERE { { SELECT ?a (COUNT(*) AS ?n) WHERE { ?p kg:agent ?a .
        ?a a kg:Person } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1 } ?a rdfs:label ?l }""")
    org = first("""SELECT ?l WHERE { { SELECT ?a (COUNT(*) AS ?n) WHERE { ?p kg:agent ?a .
        ?a a/rdfs:subClassOf* kg:Organization } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1 }
        ?a rdfs:label ?l }""")
    staff = first("""SELECT ?l WHERE { { SELECT ?o (COUNT(*) AS ?n) WHERE { ?f kg:organization ?o }
        GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 1 } ?o rdfs:label ?l }""")
    city = first(
        "SELECT ?l WHERE { ?e kg:place/kg:locatedIn? ?c . ?c a kg:City ; rdfs:label ?l } "
        "ORDER BY ?l LIMIT 1"
    )
    land = first(
        "SELECT ?l WHERE { ?c kg:locatedIn ?s . ?s a kg:State ; rdfs:label ?l } ORDER BY ?l LIMIT 1"
    )
    event = first("SELECT ?e WHERE { ?s kg:partOf ?e } ORDER BY ?e LIMIT 1")
    values = {
        "Fabian Mayer": person,
        "Steffi Brauer": person,
        "NEGZ": org,
        "Stadt Mainz": org,
        "KDN": staff,
        "Hamburg": city,
        "Rheinland-Pfalz": land,
        "event:kommdigitale-2024": event,
    }
    out: dict[str, dict[str, str]] = {}
    for name, named in queries.registry().items():
        out[name] = {p.name: values.get(p.example, p.example) for p in named.params}
    return out


def run_queries(
    rec: Recorder, graph: Any, params: dict[str, dict[str, str]], prefix: str = ""
) -> None:
    from kommgraph.rdf import queries

    for name in queries.registry():
        rec.step(f"{prefix}query {name}", partial(graph.query, name, params[name]))


def collab_steps(rec: Recorder, fresh: Callable[[], Any], person: str, organization: str) -> None:
    """`collab` right after load (a fresh API object over the loaded store).

    That is name resolution, the actor's own evidence and its edges, for an active
    person and for the busiest organization (a hub in hundreds of event trees).
    """
    rec.step("collab after load (active person)", lambda: fresh().collaborators(person))
    rec.step(
        "collab after load (busiest organization)", lambda: fresh().collaborators(organization)
    )


def child_embedded(rec: Recorder, data: Path, work: Path) -> None:
    from kommgraph.api import KommGraph
    from kommgraph.check.validate import validate
    from kommgraph.network import communities as communities_module
    from kommgraph.network import paths as paths_module
    from kommgraph.network.evidence import Evidence

    kg: Any = rec.step("load", lambda: KommGraph.load([data]), value=True) or KommGraph.load([data])
    assert kg.graph is not None
    store = kg.graph
    rec.step("validate: SHACL", lambda: validate(store, shacl=True, lint=False), repeat=False)
    rec.step("validate: lint", lambda: validate(store, shacl=False, lint=True), repeat=False)
    shacl, lint = seconds_of(rec, "validate: SHACL"), seconds_of(rec, "validate: lint")
    rec.record("validate (SHACL + lint)", None if shacl is None or lint is None else shacl + lint)
    from kommgraph.rdf.names import NameIndex, names

    rec.step("name index (folded names, built once)", lambda: NameIndex(names(kg.backend)))
    params = sample_params(kg)
    kg.actor(agents_for(kg)[0])
    kg.topic("Smart City")
    run_queries(rec, kg, params)
    first, second = agents_for(kg)
    collab_steps(rec, lambda: KommGraph(kg.backend, store), first, busiest_organization(kg))
    rec.step("evidence fetch (SPARQL)", lambda: Evidence(kg.backend))
    _ = kg.evidence
    rec.step("collab, warm (evidence and edges kept)", lambda: kg.collaborators(first))
    for network in ("persons", "organizations", "actors", "bipartite", "topics"):
        rec.step(f"projection {network}", partial(first_projection, kg, network))
    actors = kg.network("actors")  # untimed: the steps below work on this session's network
    rec.step(
        "evidence of every actors edge spelled out",
        lambda: sum(len(e.events) for e in kg.collaborations("actors").values()),
        repeat=False,
        note="events and quotes are built when first read; here for all edges at once",
    )
    evidence, persons = (
        seconds_of(rec, "evidence fetch (SPARQL)"),
        seconds_of(rec, "projection persons"),
    )
    rec.record(
        "persons projection with evidence",
        None if evidence is None or persons is None else evidence + persons,
    )
    centrality_steps(rec, actors)
    rec.step("communities (actors)", lambda: communities_module.communities(actors, kg.evidence))
    rec.step("path (api, incl. projection)", lambda: kg.path(first, second))
    # the two ends resolved beforehand, as the baseline's step gets them
    ends = kg.actor(first).iri, kg.actor(second).iri
    edges = kg.collaborations("actors")
    rec.step("path (on a built network)", lambda: paths_module.paths(actors, *ends, edges))
    viz_step(rec, kg, data, work)
    rec.step(
        "export graphml (actors)",
        lambda: kg.export("graphml", work / "actors.graphml", evidence="full"),
        repeat=False,
    )


def first_projection(kg: Any, network: Network) -> Any:
    """`kg.network(network)` as the first projection of a session that has the evidence.

    A KommGraph keeps the collaboration edges it paired, and the persons,
    organizations and actors networks share them; each run here starts without
    them, so every projection row includes the pairing.
    """
    from kommgraph.api import KommGraph

    fresh = KommGraph(kg.backend, kg.graph)
    fresh.model.__dict__["evidence"] = kg.evidence  # fetched once, timed in its own row
    return fresh.network(network)


def centrality_steps(rec: Recorder, graph: Any) -> None:
    """`centrality.centrality` as the CLI runs it (all measures), then each measure alone.

    The per-measure rows call the functions of `kommgraph.network.measures` that
    `centrality.centrality` uses; if that module changes shape they are skipped (the
    total stays, it goes through the public API).
    """
    from kommgraph.network import centrality as centrality_module

    n, m = graph.number_of_nodes(), graph.number_of_edges()
    result: Any = rec.step(
        ALL_CENTRALITIES,
        lambda: centrality_module.centrality(graph),
        repeat=False,
        note=f"{n} nodes, {m} edges; centrality.centrality",
        value=True,
    )
    if result is not None:
        rec.emit({"event": "info", "step": ALL_CENTRALITIES, "note": result.note})
    try:
        import random

        from kommgraph.network import measures
        from kommgraph.network.sweep import sweep

        lists = measures.edge_lists(graph)
        g = measures.add_distance(measures.from_edge_lists(lists))
        exact = n * m <= measures.EXACT_WORK_LIMIT
        rng = random.Random(measures.SEED)
        sources = [] if exact else sorted(rng.sample(range(n), min(measures.SAMPLES, n)))
        how = "exact" if exact else f"sampled k={len(sources)}"
        steps: list[tuple[str, Callable[[], object]]] = [
            (
                "to igraph",
                lambda: measures.add_distance(measures.from_edge_lists(measures.edge_lists(graph))),
            ),
            ("degree", g.degree),
            ("weighted degree", lambda: measures.strength(lists)),
            (f"betweenness and closeness, one sweep ({how})", lambda: sweep(g, sources)),
            ("eigenvector", lambda: measures._eigenvector(g)),
            ("pagerank", lambda: measures._pagerank(lists)),
        ]
    except (ImportError, AttributeError) as exc:
        rec.emit(
            {"event": "info", "step": "centrality", "note": f"per-measure rows skipped: {exc}"}
        )
        return
    from kommgraph.bulk import bulk

    for name, func in steps:
        # as centrality.centrality runs them: with the cyclic collector paused (kommgraph.bulk)
        rec.step(f"centrality {name}", bulk(func))


def baseline_centrality_steps(rec: Recorder, graph: Any) -> None:
    """networkx defaults: exact betweenness and closeness, power-iteration eigenvector."""
    total: float | None = 0.0
    for name, _key, func in plain.measures(graph):
        label = f"centrality {name}"
        rec.step(label, func)
        seconds = seconds_of(rec, label)
        total = None if seconds is None or total is None else total + seconds
    rec.record(
        ALL_CENTRALITIES,
        total,
        note=f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; sum",
    )


def viz_step(rec: Recorder, kg: Any, data: Path, work: Path) -> None:
    """`kommgraph viz -o FILE` with the default node cap, on the already loaded graph."""
    try:
        from kommgraph import cli_viz  # noqa: F401
    except ImportError:
        rec.emit(
            {
                "event": "step",
                "step": "viz (default node cap)",
                "unavailable": True,
                "note": "not available",
            }
        )
        return
    from unittest import mock

    from click.testing import CliRunner

    from kommgraph.api import KommGraph
    from kommgraph.cli import main

    def run() -> object:
        with mock.patch.object(KommGraph, "load", classmethod(lambda cls, *_a, **_k: kg)):
            result = CliRunner().invoke(
                main, ["--data", str(data), "viz", "-o", str(work / "viz.html"), "--no-timestamp"]
            )
        if isinstance(result.exception, StepTimeoutError):  # CliRunner catches it
            raise result.exception
        if result.exit_code != 0:
            raise RuntimeError(f"viz failed: {result.exception!r} {result.output[-500:]}")
        return result

    rec.step("viz (default node cap)", run, note="CLI on the loaded graph, evidence warm")


def child_server(rec: Recorder, data: Path, work: Path) -> None:
    from kommgraph.api import KommGraph
    from kommgraph.rdf.push import PushTarget, push

    port = _free_port()
    location = Path(tempfile.mkdtemp(prefix="oxigraph-", dir=work))
    binary = Path(sys.executable).parent / "oxigraph"
    server = subprocess.Popen(
        [
            str(binary),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout-s",
            str(int(rec.timeout)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    CHILDREN.append(server)
    try:
        url = f"http://127.0.0.1:{port}/query"
        _wait_for(port)
        local = KommGraph.load([data])
        assert local.graph is not None
        store = local.graph
        rec.step(
            "server: push",
            lambda: push(store, PushTarget(url, timeout=600)),
            repeat=False,
            value=True,
        )
        kg = KommGraph.connect(url, timeout=600)
        params = sample_params(kg)
        first, _second = agents_for(kg)
        kg.actor(first)
        kg.topic("Smart City")
        run_queries(rec, kg, params, prefix="")

        collab_steps(
            rec, lambda: KommGraph.connect(url, timeout=600), first, busiest_organization(kg)
        )
        from kommgraph.network.evidence import Evidence

        rec.step("evidence fetch (SPARQL)", lambda: Evidence(kg.backend))
        _ = kg.evidence
        rec.step("collab, warm (evidence and edges kept)", lambda: kg.collaborators(first))
        rec.step("projection persons", partial(first_projection, kg, "persons"))
        evidence, persons = (
            seconds_of(rec, "evidence fetch (SPARQL)"),
            seconds_of(rec, "projection persons"),
        )
        rec.record(
            "persons projection with evidence",
            None if evidence is None or persons is None else evidence + persons,
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def child_baseline(rec: Recorder, data: Path, work: Path) -> None:
    from rdflib import Graph

    from kommgraph.api import KommGraph
    from kommgraph.rdf import resources
    from kommgraph.rdf.reading import collect_files

    files = [resources.ontology_file(), *collect_files([data])]
    graph: Any = rec.step("load", partial(plain.parse, files), repeat=False, value=True)
    if graph is None:
        return
    plain.with_closures(graph)  # what kommgraph's queries read (untimed; see plain.py)

    def shacl() -> object:
        import pyshacl

        shapes = Graph().parse(resources.shapes_file(), format="turtle")
        return pyshacl.validate(
            graph, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
        )

    rec.step("validate: SHACL", shacl, repeat=False)

    def lint() -> object:
        from kommgraph.check.lint import lint_checks

        backend = RdflibBackend(graph)
        return [backend.query(check.text) for check in lint_checks()]

    rec.step(
        "validate: lint", lint, repeat=False, note="SPARQL checks only (no near-duplicate pass)"
    )
    shacl_s, lint_s = seconds_of(rec, "validate: SHACL"), seconds_of(rec, "validate: lint")
    rec.record(
        "validate (SHACL + lint)", None if shacl_s is None or lint_s is None else shacl_s + lint_s
    )
    kg = KommGraph(RdflibBackend(graph))
    # Parameters and name resolution come from the embedded store: choosing them is not
    # part of the comparison (and the choosing aggregations alone take minutes in rdflib).
    helper = KommGraph.load([data])
    params = sample_params(helper)
    first, second = agents_for(helper)
    from kommgraph.rdf.names import NameIndex, names

    rec.step("name index (folded names, built once)", lambda: NameIndex(names(kg.backend)))

    # names are resolved by the embedded store's index, so that the query rows time the
    # query (kommgraph's exact-name lookup is phrased for Oxigraph: 2 s in rdflib at 10k)
    def resolving(graph_api: Any) -> Any:
        graph_api.actor = helper.actor
        graph_api.__dict__["_topics"] = helper._topics
        return graph_api

    resolving(kg)
    for name in params:
        rec.step(f"query {name}", partial(kg.query, name, params[name]))
    collab_steps(
        rec,
        lambda: resolving(KommGraph(RdflibBackend(graph))),
        first,
        busiest_organization(helper),
    )
    from kommgraph.network.evidence import Evidence

    evidence = rec.step(
        "evidence fetch (SPARQL)", lambda: Evidence(kg.backend), repeat=False, value=True
    )
    if evidence is None:
        # rdflib did not finish: the networkx steps below still run, on the same evidence
        # fetched from the embedded store (the graph algorithms do not depend on the store)
        evidence = helper.evidence
    kg.model.__dict__["evidence"] = evidence
    # no baseline for "collab, warm": the plain approach keeps no evidence between calls
    # the plain approach has no evidence cache to build on: its projection is one query
    rec.step(
        "persons projection with evidence",
        lambda: plain.plain_persons_projection(kg),
        repeat=False,
        note="the collaborating-pairs query (kommgraph's rules in SPARQL) in rdflib, then "
        "networkx; it gives counts and years, not the events and quotes",
    )
    # the graph algorithms run on kommgraph's actors network: they do not depend on the store
    actors = kg.network("actors")
    baseline_centrality_steps(rec, actors)
    first_iri, second_iri = kg.actor(first).iri, kg.actor(second).iri
    rec.step(
        "communities (actors)",
        lambda: plain.plain_communities(actors, *active_topics(evidence)),
        note="networkx Louvain, modularity, participation coefficients and topics",
    )
    rec.step(
        "path (on a built network)",
        lambda: plain.plain_paths(actors, first_iri, second_iri),
        note="networkx all_shortest_paths, ranked by weight",
    )
    rec.step(
        "export graphml (actors)",
        lambda: plain.plain_export(actors, work / "plain.graphml", evidence_json(kg)),
        repeat=False,
        note="networkx centralities (defaults), evidence as JSON, networkx write_graphml",
    )


def active_topics(evidence: Any) -> tuple[list[tuple[str, str]], Any]:
    """(agent, event) of the active participations, and each event's topics, from evidence."""
    active = [
        (agent, event)
        for agent, event, role in evidence.participations.values()
        if evidence.roles.get(role, ("", False))[1]
    ]
    return active, evidence.event_direct_topics


def evidence_json(kg: Any) -> Callable[[str, str], object]:
    """Every actors edge's events and quotes, in the shape of `collab --format json`."""
    from kommgraph.views.present_collab import collaboration_json

    edges = kg.collaborations("actors")
    return lambda a, b: collaboration_json(edges[(a, b) if a < b else (b, a)])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"oxigraph server did not start on port {port}")


def child_main(
    family: str, data: Path, out: Path, work: Path, repeat: int, timeout: float, cheap: float
) -> int:
    rec = Recorder(out, repeat, timeout, cheap)
    {"embedded": child_embedded, "server": child_server, "baseline": child_baseline}[family](
        rec, data, work
    )
    rec.emit({"event": "done"})
    return 0


# ---------------------------------------------------------------------------------------
# parent side: generate, run families, collect, render
# ---------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = 0.0
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = round(int(line.split()[1]) / 1024 / 1024, 1)
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "nproc": os.cpu_count(),
        "ram_gb": ram,
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


class Display:
    """rich progress on a terminal, plain lines when piped."""

    def __init__(self, total: int) -> None:
        self.tty = sys.stderr.isatty()
        self.progress: Any = None
        if self.tty:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("benchmark", total=total)

    def status(self, text: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=text[:70])
        else:
            print(text, file=sys.stderr, flush=True)

    def advance(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def run_family(
    family: str, data: Path, work: Path, args: argparse.Namespace, display: Display, scale: int
) -> dict[str, Any]:
    """Run one family in subprocesses; start it again after a step ended its child."""
    out = work / f"{family}.jsonl"
    errors = work / f"{family}.stderr"
    if not args.resume:
        out.unlink(missing_ok=True)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        family,
        "--data",
        str(data),
        "--child-out",
        str(out),
        "--work",
        str(work),
        "--repeat",
        str(args.repeat),
        "--repeat-below",
        str(args.repeat_below),
        "--timeout",
        str(args.timeout),
    ]
    started = time.monotonic()
    peak = 0.0
    seen = 0
    attempts = 0
    recorded = 0
    exits: list[int] = []
    while True:
        attempts += 1
        with errors.open("ab") as stderr:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        while True:
            pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
            for line in lines[seen:]:
                row = json.loads(line)
                if row.get("event") == "start":
                    display.status(f"{scale:>6} events · {family} · {row['step']}")
            seen = len(lines)
            if time.monotonic() - started > args.family_timeout:
                process.kill()
                pid, status, rusage = os.wait4(process.pid, 0)
                break
            time.sleep(0.2)
        peak = max(peak, rusage.ru_maxrss / 1024)
        exits.append(os.waitstatus_to_exitcode(status))
        rows = (
            [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            if out.exists()
            else []
        )
        steps = {r["step"]: r for r in rows if r.get("event") == "step"}
        for info in (r for r in rows if r.get("event") == "info" and r["step"] in steps):
            notes = [n for n in (steps[info["step"]].get("note") or "").split("; ") if n]
            if info["note"] not in notes:  # a resumed child says it again
                steps[info["step"]]["note"] = "; ".join([*notes, info["note"]])
        complete = any(r.get("event") == "done" for r in rows)
        if complete or attempts >= 40 or time.monotonic() - started > args.family_timeout:
            break
        if len(rows) == recorded:  # no progress in this attempt: give up on the family
            break
        recorded = len(rows)
        # a step ended the child (limit or crash): record it as failed if it left nothing, go on
        hanging = [r["step"] for r in rows if r.get("event") == "start" and r["step"] not in steps]
        tail = errors.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        with out.open("a", encoding="utf-8") as handle:
            for name in hanging:
                handle.write(
                    json.dumps(
                        {"event": "step", "step": name, "error": (tail or ["killed"])[-1][:300]}
                    )
                    + "\n"
                )
    peak = max([peak, *(float(r["rss_mb"]) for r in steps.values() if r.get("rss_mb"))])
    return {
        "steps": steps,
        "peak_rss_mb": round(peak, 1),
        "complete": complete,
        "repeat_below": args.repeat_below,
        "exits": exits,
        "wall": round(time.monotonic() - started, 1),
    }


def triple_count(data: Path) -> int:
    from kommgraph.rdf.loading import load

    return len(load([data]))


def fmt_seconds(row: dict[str, Any] | None, timeout: float) -> str:
    if row is None:
        return "—"
    if row.get("unavailable"):
        return "not available"
    if "timeout" in row:
        return f"> {row['timeout']:g} s"
    if "error" in row:
        return "error"
    seconds = float(row["seconds"])
    if seconds < 0.001:  # batched steps: tenths of a millisecond and less
        return f"{seconds * 1000:.2g} ms"
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    return (
        f"{seconds * 1000:.0f} ms"
        if seconds < 1
        else f"{seconds:.2f} s"
        if seconds < 10
        else f"{seconds:.1f} s"
    )


def ratio(embedded: dict[str, Any] | None, baseline: dict[str, Any] | None) -> str:
    if not embedded or "seconds" not in embedded or not baseline:
        return "—"
    own = max(float(embedded["seconds"]), 1e-6)
    if "timeout" in baseline:
        return f"> {baseline['timeout'] / own:.0f}×"
    if "seconds" not in baseline:
        return "—"
    value = float(baseline["seconds"]) / own
    return f"{value:.1f}×" if value < 10 else f"{value:.0f}×"


def table_rows(result: dict[str, Any], timeout: float) -> list[list[str]]:
    families = result["families"]
    names: list[str] = []
    for family in FAMILIES:
        for name in families.get(family, {}).get("steps", {}):
            if name not in names:
                names.append(name)
    rows = []
    for name in names:
        cells = [families.get(f, {}).get("steps", {}).get(name) for f in FAMILIES]
        target = TARGETS.get(name)
        verdict = ""
        if target is not None and result["scale"] == 10_000 and cells[0]:
            seconds = cells[0].get("seconds")
            verdict = (
                f"≤ {target:g} s ✓"
                if seconds is not None and seconds <= target
                else f"≤ {target:g} s ✗"
            )
        elif target is not None:
            verdict = f"(≤ {target:g} s at 10k)"
        rss = cells[0].get("rss_mb") if cells[0] else None
        rows.append(
            [
                name,
                fmt_seconds(cells[0], timeout),
                fmt_seconds(cells[1], timeout),
                fmt_seconds(cells[2], timeout),
                ratio(cells[0], cells[2]),
                f"{rss:.0f}" if rss else "—",
                verdict,
            ]
        )
    return rows


HEADER = [
    "step",
    "embedded",
    "Oxigraph server",
    "baseline (rdflib + nx)",
    "baseline ÷ embedded",
    "RSS MB (embedded)",
    "target",
]


GROWTH_FLOOR = 0.05  # seconds: below this, timings are too noisy to compare across scales


def network_size(result: dict[str, Any]) -> tuple[int, int] | None:
    """Nodes and edges of the actors network, from the embedded centrality note."""
    steps = result["families"].get("embedded", {}).get("steps", {})
    found = re.search(r"(\d+) nodes, (\d+) edges", steps.get(ALL_CENTRALITIES, {}).get("note", ""))
    return (int(found[1]), int(found[2])) if found else None


def control_row(results: list[dict[str, Any]], controls: dict[str, Any]) -> list[str]:
    """The growth of `machine.py`'s Dijkstra control between the same networks' sizes.

    A textbook O(k (E + V log V)) algorithm on random graphs of the sizes the scales
    produced: how much of a step's growth the machine adds, whatever the algorithm.
    """
    seconds = {(r["nodes"], r["edges"]): r["seconds"] for r in controls["default"]["dijkstra"]}
    ordered = sorted(results, key=lambda r: r["scale"])
    cells = ["control: Dijkstra on a random graph of the actors network's size (machine.py)"]
    for small, large in itertools.pairwise(ordered):
        a, b = network_size(small), network_size(large)
        if a in seconds and b in seconds:
            cells.append(f"×{seconds[b] / seconds[a]:.1f} (edges ×{b[1] / a[1]:.1f})")
        else:
            cells.append("—")
    return cells


def growth_rows(results: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """How each embedded step's time grew between consecutive scales, against the data.

    Each column compares two scales: the factor of triples, the factor n log n
    would give, and per step the factor of time, marked "▲" where it is above
    n log n. Steps under `GROWTH_FLOOR` at the smaller scale are left out.
    """
    ordered = sorted(results, key=lambda r: r["scale"])
    pairs = list(itertools.pairwise(ordered))
    header = ["step"]
    for small, large in pairs:
        n, m = small["data"]["triples"], large["data"]["triples"]
        header.append(
            f"{small['scale'] // 1000}k → {large['scale'] // 1000}k "
            f"(triples ×{m / n:.1f}, n log n ×{m * math.log(m) / (n * math.log(n)):.1f})"
        )
    names: list[str] = []
    for result in ordered:
        for name in result["families"].get("embedded", {}).get("steps", {}):
            if name not in names:
                names.append(name)
    rows = []
    for name in names:
        cells, compared = [name], False
        for small, large in pairs:
            before = small["families"].get("embedded", {}).get("steps", {}).get(name, {})
            after = large["families"].get("embedded", {}).get("steps", {}).get(name, {})
            a, b = before.get("seconds"), after.get("seconds")
            if a is None or b is None or a < GROWTH_FLOOR:
                cells.append("—")
                continue
            n, m = small["data"]["triples"], large["data"]["triples"]
            bound = m * math.log(m) / (n * math.log(n))
            factor = b / a
            cells.append(f"×{factor:.1f}" + (" ▲" if factor > bound else ""))
            compared = True
        if compared:
            rows.append(cells)
    return header, rows


def repeats(results: list[dict[str, Any]]) -> str:
    """How many runs stand behind a figure, per family and scale where thresholds differ."""
    count = results[0].get("repeat", 3)
    below: dict[float, list[str]] = {}
    for result in results:
        for family in FAMILIES:
            if family in result["families"]:
                limit = float(result["families"][family].get("repeat_below", EARLIER_CHEAP))
                below.setdefault(limit, []).append(f"{family} at {result['scale'] // 1000}k")
    parts = [
        f"under {limit:g} s" + (f" ({', '.join(where)})" if len(below) > 1 else "")
        for limit, where in sorted(below.items(), reverse=True)
    ]
    batched = any(
        "batch" in step
        for result in results
        for family in result["families"].values()
        for step in family["steps"].values()
    )
    return (
        f"the median of {count} runs for steps "
        + " or ".join(parts)
        + ", one run above (every run is in the JSON)"
        + (
            f"; a step under {TINY * 1000:g} ms is timed in batches of calls lasting about "
            f"{BATCH * 1000:g} ms each, per call"
            if batched
            else ""
        )
    )


def markdown(
    results: list[dict[str, Any]], timeout: float, controls: dict[str, Any] | None = None
) -> str:
    if not results:
        return ""
    info = results[0]["machine"]
    lines = [
        "# kommgraph benchmark",
        "",
        f"Machine: {info['nproc']} cores, {info['ram_gb']} GB RAM, {info['cpu']}; "
        f"Python {info['python']}; "
        + ", ".join(f"{k} {v}" for k, v in info["packages"].items())
        + ".",
        "",
        f"Times are wall-clock: {repeats(results)}. "
        "RSS is the peak resident set size of the embedded family's subprocess "
        "up to the end of the step. "
        "Baseline: the plain approach doing the same job (rdflib in-memory store + SPARQL + "
        "pyshacl + networkx defaults); per-step limit "
        + ", ".join(f"{r.get('timeout', timeout):g} s at {r['scale']:,} events" for r in results)
        + ".",
        "",
    ]
    for result in results:
        data = result["data"]
        peaks = ", ".join(
            f"{f} {result['families'][f]['peak_rss_mb']} MB"
            for f in FAMILIES
            if f in result["families"]
        )
        lines += [
            f"## {result['scale']:,} events".replace(",", " "),
            "",
            f"{data['triples']:,} triples in {data['files']} files "
            f"({data['megabytes']} MB of Turtle); "
            f"generated in {data['generate_seconds']} s. Peak RSS per family: {peaks}.",
            "",
            *([result["remark"], ""] if result.get("remark") else []),
            "| " + " | ".join(HEADER) + " |",
            "|" + "---|" * len(HEADER),
        ]
        lines += ["| " + " | ".join(row) + " |" for row in table_rows(result, timeout)]
        lines.append("")
        for family in FAMILIES:
            for name, row in result["families"].get(family, {}).get("steps", {}).items():
                detail = row.get("note") or row.get("error")
                if detail:
                    lines.append(f"- {family}, {name}: {detail}")
        lines.append("")
    if len(results) > 1:
        lines += growth_section(results, controls)
    return "\n".join(lines)


def growth_section(results: list[dict[str, Any]], controls: dict[str, Any] | None) -> list[str]:
    """The growth table of bench.md, ending with the machine control when it was measured."""
    header, rows = growth_rows(results)
    if controls:
        rows.append(control_row(results, controls))
    return [
        "## Growth with the data (embedded)",
        "",
        "Factor of time between consecutive scales, per step that takes at least "
        f"{GROWTH_FLOOR * 1000:.0f} ms at the smaller one; ▲ marks growth above n log n "
        "in the number of triples.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
    ]


def print_table(result: dict[str, Any], timeout: float, display: Display) -> None:
    rows = table_rows(result, timeout)
    title = f"{result['scale']} events, {result['data']['triples']} triples"
    if display.progress is not None:
        from rich.table import Table

        table = Table(title=title)
        for name in HEADER:
            table.add_column(name, justify="left" if name in ("step", "target") else "right")
        for row in rows:
            table.add_row(*row)
        display.progress.console.print(table)
        return
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    print(title)
    for row in [HEADER, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print()


def run_scale(scale: int, args: argparse.Namespace, display: Display) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from generate import generate

    data = Path(args.out) / str(scale) / "data"
    work = Path(args.out) / str(scale)
    work.mkdir(parents=True, exist_ok=True)
    display.status(f"{scale:>6} events · generating")
    start = time.perf_counter()
    if args.resume and (data / "events.ttl").exists():
        counts = json.loads((Path(args.results) / f"bench-{scale}.json").read_text())["data"][
            "counts"
        ]
    else:
        counts = generate(scale, data, seed=args.seed)
    generate_seconds = round(time.perf_counter() - start, 1)
    files = sorted(data.glob("*.ttl"))
    result: dict[str, Any] = {
        "scale": scale,
        "seed": args.seed,
        "machine": machine(),
        "timeout": args.timeout,
        "repeat": args.repeat,
        "targets": TARGETS,
        "data": {
            "files": len(files),
            "megabytes": round(sum(f.stat().st_size for f in files) / 1e6, 1),
            "triples": triple_count(data),
            "generate_seconds": generate_seconds,
            "counts": counts,
        },
        "families": {},
    }
    previous = Path(args.results) / f"bench-{scale}.json"
    if args.resume and previous.exists():
        old = json.loads(previous.read_text(encoding="utf-8"))
        result["families"], result["data"] = old["families"], old["data"]
        if old.get("remark"):
            result["remark"] = old["remark"]
    for family in args.families:
        display.status(f"{scale:>6} events · {family}")
        result["families"][family] = run_family(family, data, work, args, display, scale)
        display.advance()
    return result


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark kommgraph on synthetic data at several scales."
    )
    parser.add_argument("--scales", default="1000,10000,50000", help="comma-separated event counts")
    parser.add_argument("--quick", action="store_true", help="1000 events only")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cheap step (median)")
    parser.add_argument(
        "--repeat-below",
        type=float,
        default=CHEAP,
        help="seconds: a step whose first run is faster runs --repeat times",
    )
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per step")
    parser.add_argument(
        "--family-timeout", type=float, default=3600.0, help="seconds per step family"
    )
    parser.add_argument(
        "--families", default=",".join(FAMILIES), help="which of embedded,server,baseline"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep the steps recorded under --out, run only the missing ones, and merge into "
        "the existing bench-<scale>.json",
    )
    parser.add_argument(
        "--out", default=str(ROOT / "out" / "bench"), help="folder for data and scratch files"
    )
    parser.add_argument(
        "--results", default=str(RESULTS), help="folder for bench-<scale>.json and bench.md"
    )
    parser.add_argument("--child", choices=FAMILIES, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.families = [f for f in args.families.split(",") if f]
    unknown = set(args.families) - set(FAMILIES)
    if unknown:
        parser.error(f"unknown families: {', '.join(sorted(unknown))}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return child_main(
            args.child,
            args.data,
            args.child_out,
            args.work,
            args.repeat,
            args.timeout,
            args.repeat_below,
        )
    scales = [1000] if args.quick else [int(s) for s in args.scales.split(",") if s.strip()]
    results_dir = Path(args.results)
    results_dir.mkdir(parents=True, exist_ok=True)
    display = Display(len(scales) * len(args.families))
    results = []
    try:
        for scale in scales:
            result = run_scale(scale, args, display)
            results.append(result)
            (results_dir / f"bench-{scale}.json").write_text(
                json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            print_table(result, args.timeout, display)
    finally:
        display.close()
    render(results_dir, args.timeout, results)
    return 0


def render(results_dir: Path, timeout: float, fresh: Sequence[dict[str, Any]] = ()) -> None:
    """Write bench.md from every recorded scale and the machine controls, if measured.

    `machine.py` calls it too, so a fresh control shows in the growth table.
    """
    merged = sorted(_previous(results_dir, list(fresh)), key=lambda r: int(r["scale"]))
    machine = results_dir / "machine.json"
    controls = json.loads(machine.read_text(encoding="utf-8")) if machine.exists() else None
    (results_dir / "bench.md").write_text(markdown(merged, timeout, controls), encoding="utf-8")
    print(f"wrote {results_dir / 'bench.md'}")


def _previous(results_dir: Path, fresh: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """This run's results, plus earlier bench-<scale>.json of other scales (for bench.md)."""
    done = {int(r["scale"]) for r in fresh}
    yield from fresh
    for path in sorted(results_dir.glob("bench-*.json")):
        with contextlib.suppress(ValueError, KeyError, OSError):
            old = json.loads(path.read_text(encoding="utf-8"))
            if int(old["scale"]) not in done:
                yield old


if __name__ == "__main__":
    sys.exit(main())
