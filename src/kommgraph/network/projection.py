"""networkx projections, all built from the one collaboration model.

persons / organizations / actors: agents linked by evidenced collaboration.
bipartite: agents linked to the events where they held an active role.
topics: agents linked to the topics of those events (weight = events).

Every attribute is a plain value (str, int, float or bool), so that
`nx.write_graphml`, `pickle` and `nx.to_pandas_edgelist` work on the graph as
it is. Node ids are IRIs; every node carries `label`, `kind` (the legend's
word, `kommgraph.vocab.Kind`), `group` (person, organization, event or topic),
`class` (the most specific class, `kg:Municipality`) and `iri`. Agent edges
carry `weight` (float) and `events` (int: shared events and relations); their
evidence stays with the edges the API keeps (`KommGraph.collaboration(a, b)`),
never on the graph. Bipartite edges carry `roles` ("speaker; moderator"), topic
edges `event_iris` (space-separated IRIs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import networkx as nx

from kommgraph.bulk import bulk
from kommgraph.network.collaboration import Collaboration
from kommgraph.network.edges import collaborations
from kommgraph.network.evidence import Evidence
from kommgraph.network.filters import NO_FILTERS, Filters
from kommgraph.network.kinds import agent_group, agent_kind, class_name, local
from kommgraph.network.rule import active_participations
from kommgraph.rdf.iris import KG
from kommgraph.vocab import AGENT_NETWORKS, NETWORKS, AgentNetwork, Network

__all__ = ["bipartite_graph", "collaboration_graph", "local", "project", "topic_graph"]


def _keep_agent(evidence: Evidence, iri: str, network: str) -> bool:
    agent = evidence.agents.get(iri)
    if agent is None:
        return False
    if network == "persons":
        return agent.is_person
    if network == "organizations":
        return not agent.is_person
    return True


def _add_agent(graph: nx.Graph[str], evidence: Evidence, iri: str) -> None:
    agent = evidence.agents[iri]
    kind = agent_kind(agent.kind, agent.is_person)
    graph.add_node(
        iri,
        label=agent.label,
        kind=kind,
        group=agent_group(kind),
        **{"class": class_name(agent.kind)},
        iri=iri,
    )


@bulk
def collaboration_graph(
    evidence: Evidence,
    network: AgentNetwork = "actors",
    filters: Filters = NO_FILTERS,
    *,
    via_people: bool = False,
    edges: Mapping[tuple[str, str], Collaboration] | None = None,
) -> nx.Graph[str]:
    """Agents (of the chosen kind) and their weighted collaboration edges.

    `edges` are the collaborations already computed for these filters (the API
    caches them); without them they are computed here. Edges are added in the
    order of `edges` (`collaborations` sorts them), so the graph is the same
    from run to run.
    """
    if network not in AGENT_NETWORKS:
        raise ValueError(f"not an agent network: {network}")
    graph: nx.Graph[str] = nx.Graph(network=network, filters=filters.describe())
    keep = {iri for iri in evidence.agents if _keep_agent(evidence, iri, network)}
    for _p, agent, _e, _r in active_participations(evidence, filters):
        if agent in keep and agent not in graph:
            _add_agent(graph, evidence, agent)
    if edges is None:
        edges = collaborations(evidence, filters, via_people=via_people and network != "persons")
    kept = [(a, b, edge) for (a, b), edge in edges.items() if a in keep and b in keep]
    for node in sorted({n for a, b, _e in kept for n in (a, b)} - set(graph)):
        _add_agent(graph, evidence, node)  # in no active participation: a stated relation
    graph.add_edges_from((a, b, {"weight": float(e.weight), "events": e.count}) for a, b, e in kept)
    return graph


@bulk
def bipartite_graph(evidence: Evidence, filters: Filters = NO_FILTERS) -> nx.Graph[str]:
    """Agents and events, linked by active participations (edge attribute `roles`)."""
    graph: nx.Graph[str] = nx.Graph(network="bipartite", filters=filters.describe())
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _p, agent, event, role in active_participations(evidence, filters):
        if agent not in evidence.agents:
            continue
        _add_agent(graph, evidence, agent)
        info = evidence.events.get(event)
        graph.add_node(
            event,
            label=info.label if info else event,
            kind="Event",
            group="event",
            **{"class": class_name(info.kind if info else str(KG.Event))},
            iri=event,
            date=(info.date if info else None) or "",
            bipartite=1,
        )
        graph.nodes[agent]["bipartite"] = 0
        roles[(agent, event)].add(evidence.roles[role][0])
    for (agent, event), names in sorted(roles.items()):
        graph.add_edge(agent, event, weight=float(len(names)), roles="; ".join(sorted(names)))
    return graph


@bulk
def topic_graph(evidence: Evidence, filters: Filters = NO_FILTERS) -> nx.Graph[str]:
    """Agents and the topics of their events; weight = number of events on the topic."""
    graph: nx.Graph[str] = nx.Graph(network="topics", filters=filters.describe())
    events: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _p, agent, event, _role in active_participations(evidence, filters):
        if agent not in evidence.agents:
            continue
        for topic in evidence.event_direct_topics.get(event, set()):
            events[(agent, topic)].add(event)
    for (agent, topic), shared in sorted(events.items()):
        _add_agent(graph, evidence, agent)
        graph.nodes[agent]["bipartite"] = 0
        graph.add_node(
            topic,
            label=evidence.topics.get(topic, local(topic)),
            kind="Topic",
            group="topic",
            **{"class": "kg:Topic"},
            iri=topic,
            bipartite=1,
        )
        graph.add_edge(agent, topic, weight=float(len(shared)), event_iris=" ".join(sorted(shared)))
    return graph


def project(
    evidence: Evidence,
    network: Network = "actors",
    filters: Filters = NO_FILTERS,
    *,
    via_people: bool = False,
    edges: Mapping[tuple[str, str], Collaboration] | None = None,
) -> nx.Graph[str]:
    """Any projection by name (see `kommgraph.vocab.NETWORKS`); `edges` as for
    `collaboration_graph`."""
    if network not in NETWORKS:
        raise ValueError(f"unknown network {network!r} (one of {', '.join(NETWORKS)})")
    if network == "bipartite":
        return bipartite_graph(evidence, filters)
    if network == "topics":
        return topic_graph(evidence, filters)
    return collaboration_graph(evidence, network, filters, via_people=via_people, edges=edges)
