"""Loading for every command: parse the files, and refuse data that redefines the ontology."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from kommgraph.errors import OntologyStatementError
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.guard import added_statements
from kommgraph.rdf.store import load_all


def load(
    paths: Sequence[Path] | None = None,
    *,
    ontology: bool = True,
    progress: Callable[[float], None] | None = None,
) -> GraphStore:
    """Load the ontology and the given Turtle files or folders (default: bundled data).

    Data that states anything about a term of the ontology is refused
    (`kommgraph.rdf.guard`): it would make the answers depend on the code path.
    """
    graph, errors = load_all(paths, ontology=ontology, progress=progress)
    if errors:
        raise errors[0]
    for found in added_statements(graph):
        raise OntologyStatementError(found.path, found.line, found.term, found.triples)
    return graph
