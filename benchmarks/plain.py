"""The plain approach, shared by the baselines of `run.py` and `commands.py`.

rdflib's default in-memory `Graph`, the same SPARQL text kommgraph runs, and
networkx defaults for the graph work. `run.py` times these pieces one by one
in a long-lived process; `baseline_jobs.py` strings them together into whole
processes that do what one `kommgraph` command does.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any


class RdflibBackend:
    """The plain approach behind kommgraph's Backend protocol: rdflib's default store."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def describe(self) -> str:
        return "rdflib Graph (memory)"

    def values(self, text: str, bindings: Any = None) -> list[tuple[str | None, ...]]:
        result = self.query(text, bindings)
        return [tuple(None if t is None else str(t) for t in row) for row in result.rows]

    def query(self, text: str, bindings: Any = None, *, limit: int | None = None) -> Any:
        from rdflib import Graph

        from kommgraph.rdf.namespaces import PREFIXES
        from kommgraph.rdf.query_text import with_values
        from kommgraph.rdf.sparql import AskResult, GraphResult, SelectResult, limited

        answer = self.graph.query(with_values(text, bindings or {}), initNs=PREFIXES)
        if answer.type == "SELECT":
            variables = tuple(str(v) for v in answer.vars)
            return limited(SelectResult(variables, tuple(tuple(row) for row in answer)), limit)
        if answer.type == "ASK":
            return AskResult(bool(answer.askAnswer))
        graph = Graph()
        for triple in answer:
            graph.add(triple)
        return GraphResult(graph)


def parse(files: Sequence[Path]) -> Any:
    """rdflib's default in-memory graph of these Turtle files."""
    from rdflib import Graph

    graph = Graph()
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def with_closures(graph: Any) -> Any:
    """The graph with the closure triples kommgraph computes at load (`kg:within`, ...).

    kommgraph's rows and named queries read them instead of walking property paths
    (`kommgraph.rdf.closures`); the plain steps that run kommgraph's queries in rdflib
    get them here, computed by kommgraph (not timed: choosing the queries' phrasing is
    not part of the comparison; a plain user would walk the paths).
    """
    import pyoxigraph as ox
    from rdflib import URIRef

    from kommgraph.rdf.closures import COMPUTED, add_closures

    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    add_closures(store)
    for predicate in COMPUTED:
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            ends = URIRef(str(quad.subject)[1:-1]), URIRef(str(quad.object)[1:-1])  # <iri>
            graph.add((ends[0], URIRef(predicate), ends[1]))
    return graph


def validate(graph: Any) -> tuple[object, list[object]]:
    """pyshacl on the graph (kommgraph's shapes), then the lint's SPARQL checks in rdflib."""
    import pyshacl
    from rdflib import Graph

    from kommgraph.check.lint import lint_checks
    from kommgraph.rdf import resources

    shapes = Graph().parse(resources.shapes_file(), format="turtle")
    report = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
    )
    backend = RdflibBackend(graph)
    return report, [backend.query(check.text) for check in lint_checks()]


def pairs_network(rows: Iterable[Mapping[str, Any]], keep: set[str] | None = None) -> Any:
    """A networkx graph of the collaborating-pairs rows (kommgraph's rule in SPARQL).

    The plain approach gets counts, not kommgraph's weights: an edge weighs its
    shared events, or 0.25 when the two share only an event tree.
    """
    import networkx as nx

    graph: Any = nx.Graph()
    for row in rows:
        a, b = str(row["agent1"]), str(row["agent2"])
        if keep is None or (a in keep and b in keep):
            graph.add_node(a, label=str(row["agent1Label"]))
            graph.add_node(b, label=str(row["agent2Label"]))
            graph.add_edge(a, b, weight=int(str(row["sharedEvents"])) or 0.25)
    return graph


def plain_persons_projection(kg: Any) -> Any:
    """Person pairs from the collaborating-pairs query, into networkx."""
    persons = {str(row[0]) for row in kg.backend.query("SELECT ?p WHERE { ?p a kg:Person }").rows}
    return pairs_network(kg.query("collaborating-pairs").dicts(), persons)


def with_distance(graph: Any) -> Any:
    """Strong ties are short: `distance` = 1 / weight, as kommgraph's shortest-path measures."""
    for _a, _b, data in graph.edges(data=True):
        data["distance"] = 1.0 / data["weight"] if data.get("weight") else 1.0
    return graph


Measure = tuple[str, str, Callable[[], Mapping[Any, float]]]  # row label, attribute, compute


def measures(graph: Any) -> list[Measure]:
    """networkx defaults for the six measures: exact betweenness and closeness, power iteration."""
    import networkx as nx

    with_distance(graph)
    return [
        ("degree", "degree", lambda: dict(graph.degree())),
        ("weighted degree", "weighted_degree", lambda: dict(graph.degree(weight="weight"))),
        (
            "betweenness (exact)",
            "betweenness",
            lambda: nx.betweenness_centrality(graph, weight="distance"),
        ),
        (
            "closeness (exact)",
            "closeness",
            lambda: nx.closeness_centrality(graph, distance="distance"),
        ),
        (
            "eigenvector",
            "eigenvector",
            lambda: nx.eigenvector_centrality(graph, weight="weight", max_iter=1000),
        ),
        ("pagerank", "pagerank", lambda: nx.pagerank(graph, weight="weight")),
    ]


def plain_communities(
    graph: Any,
    active: Iterable[tuple[str, str]],
    topics_of: Mapping[str, Iterable[str]],
) -> tuple[list[set[str]], float, dict[str, float], dict[int, Counter[str]]]:
    """What `communities` reports, the networkx way: parts, modularity, bridges, topics.

    `active` lists (agent, event) of the active participations, `topics_of` each
    event's topics (its own and its ancestors').
    """
    import networkx as nx

    parts = nx.community.louvain_communities(graph, weight="weight", seed=42)
    modularity = nx.community.modularity(graph, parts, weight="weight")
    home = {v: i for i, part in enumerate(parts) for v in part}
    bridges: dict[str, float] = {}
    for v in graph:
        per: dict[int, float] = defaultdict(float)
        for u, data in graph[v].items():
            per[home[u]] += data["weight"]
        if len(per) > 1:
            k = sum(per.values())
            bridges[v] = 1 - sum((x / k) ** 2 for x in per.values())
    # the topics of the events each community's members were active in, each event once
    events: dict[int, set[str]] = defaultdict(set)
    for agent, event in active:
        if agent in home:
            events[home[agent]].add(event)
    topics = {
        part: Counter(t for e in found for t in topics_of.get(e, ()))
        for part, found in events.items()
    }
    return list(parts), float(modularity), bridges, topics


def plain_paths(graph: Any, source: str, target: str) -> list[list[str]]:
    """All shortest paths, the strongest first (what `path` shows)."""
    import networkx as nx

    found = list(nx.all_shortest_paths(graph, source, target))
    found.sort(key=lambda p: -sum(graph[u][v]["weight"] for u, v in itertools.pairwise(p)))
    return found[:5]


def plain_export(graph: Any, path: Path, evidence: Callable[[str, str], object]) -> None:
    """The same GraphML content as `export`, the networkx way (default, exact measures).

    `evidence(a, b)` gives what the edge stands for, stored as JSON on the edge.
    """
    import networkx as nx

    computed = {key: func() for _label, key, func in measures(graph)}
    flat = _plain(graph)
    for node, data in flat.nodes(data=True):
        data.update({name: float(values[node]) for name, values in computed.items()})
    for a, b, data in flat.edges(data=True):
        data["evidence"] = json.dumps(evidence(a, b), ensure_ascii=False)
    nx.write_graphml(flat, path)


def _plain(graph: Any) -> Any:
    import networkx as nx

    plain: Any = nx.Graph()
    plain.add_nodes_from((n, {"label": d.get("label", "")}) for n, d in graph.nodes(data=True))
    plain.add_edges_from(
        (a, b, {"weight": d.get("weight", 1.0)}) for a, b, d in graph.edges(data=True)
    )
    return plain
