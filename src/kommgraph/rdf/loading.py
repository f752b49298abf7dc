"""Loading for every command: parse the files, refuse data that redefines the ontology, and
compute the closures that the queries read (`kommgraph.rdf.closures`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from kommgraph.errors import OntologyStatementError
from kommgraph.rdf.closures import add_closures
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.guard import added_statements
from kommgraph.rdf.store import load_all


def load(
    paths: Sequence[Path] | None = None,
    *,
    ontology: bool = True,
    progress: Callable[[float], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> GraphStore:
    """Load the ontology and the given Turtle files or folders (default: bundled data).

    Data that states anything about a term of the ontology is refused
    (`kommgraph.rdf.guard`): it would make the answers depend on the code path.
    Then the closures are computed into the store (after the guard: they are
    code's statements, not the data's). `meanwhile()` runs while the largest
    file parses (`store.load_all`).
    """
    graph, errors = load_all(paths, ontology=ontology, progress=progress, meanwhile=meanwhile)
    if errors:
        raise errors[0]
    for found in added_statements(graph):
        raise OntologyStatementError(found.path, found.line, found.term, found.triples)
    graph.computed = add_closures(graph.store)
    return graph
