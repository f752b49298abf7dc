"""The answers to "who collaborates with whom" as typed values: one actor's collaborators, a path.

The API returns these; `kommgraph.views.present` prints them. Each keeps the
question it answers (the actor, the filters, the network) so that a
presenter needs nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from kommgraph.network.collaboration import Collaboration
from kommgraph.network.filters import Filters
from kommgraph.network.paths import Hop
from kommgraph.rdf.names import Entity
from kommgraph.vocab import AgentNetwork


@dataclass(frozen=True)
class Collaborator:
    """One collaborator of an actor, with the evidence."""

    entity: Entity
    collaboration: Collaboration

    @property
    def weight(self) -> float:
        return self.collaboration.weight


@dataclass(frozen=True)
class Collaborators:
    """An actor's collaborators, strongest first (ties by label, then IRI)."""

    actor: Entity
    filters: Filters
    items: tuple[Collaborator, ...]
    via_people: bool = False


@dataclass(frozen=True)
class PathAnswer:
    """The shortest chains between two actors; none when they are not connected."""

    first: Entity
    second: Entity
    chains: tuple[tuple[Hop, ...], ...]
    network: AgentNetwork
    filters: Filters

    @property
    def connected(self) -> bool:
        return bool(self.chains)
