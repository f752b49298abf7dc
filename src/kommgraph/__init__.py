"""kommgraph: a knowledge graph of the actors in German municipal digitalization.

Importing the package touches no file and no network, and imports nothing
heavy: the public names are loaded on first use, so `kommgraph --help` stays
instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kommgraph.api import KommGraph
    from kommgraph.errors import KommgraphError

__all__ = ["KommGraph", "KommgraphError", "__version__"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "KommGraph":
        from kommgraph.api import KommGraph

        return KommGraph
    if name == "KommgraphError":
        from kommgraph.errors import KommgraphError

        return KommgraphError
    raise AttributeError(f"module 'kommgraph' has no attribute {name!r}")
