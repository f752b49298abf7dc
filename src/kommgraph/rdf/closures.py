"""The computed closures: the paths the queries walk, written out as plain `kg:` triples.

SPARQL property paths with `*` and `+` are where servers disagree: Virtuoso 7.2
answers a path whose two ends are both bound for the first input row only,
and two such paths in one query give rows twice or not at all (README,
"Running on your triple store"). So the queries walk no such paths; they read
four properties whose triples kommgraph computes itself, with Oxigraph (whose
paths are right), every time it loads data, and `push` sends along:

    kg:within            ?event kg:partOf* ?tree         events, themselves included
    kg:broaderOrSelf     ?concept skos:broader* ?upper   SKOS concepts (topics, roles)
    kg:locatedWithin     ?place kg:locatedIn* ?larger    places
    kg:subClassOfOrSelf  ?class rdfs:subClassOf* ?super  classes (class level: its size
                                                         does not grow with the data)

Each is computed for every node that is one of its kind by type or by where
it stands (the object of kg:event is an event even without a type), so that
a query that walked `kg:partOf*` from any event finds the same with
`kg:within`. What data files state with these properties is removed before
they are computed: the closure is always the one of the stated data.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from kommgraph.rdf.iris import KG

if TYPE_CHECKING:
    import pyoxigraph as ox

COMPUTED: tuple[str, ...] = tuple(
    KG + name for name in ("within", "broaderOrSelf", "locatedWithin", "subClassOfOrSelf")
)

# Each closure is computed for these nodes (SPARQL: Oxigraph's paths are right, and
# fast from a constant end) along these edges (walked here: Oxigraph evaluates
# `?node p* ?up` after a sub-SELECT of nodes for every term of the store).
_PREFIXES = """
PREFIX kg:   <https://w3id.org/kommgraph/ontology#>
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl:  <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_CLOSURES: tuple[tuple[str, str, str], ...] = (
    (
        "subClassOfOrSelf",
        "rdfs:subClassOf",
        """{ ?node rdfs:subClassOf ?any } UNION { ?any rdfs:subClassOf ?node }
        UNION { ?any rdf:type ?node }
        UNION { ?node rdf:type owl:Class } UNION { ?node rdf:type rdfs:Class }""",
    ),
    (
        "within",
        "kg:partOf",
        """{ ?node rdf:type/rdfs:subClassOf* kg:Event }
        UNION { ?node kg:partOf ?any } UNION { ?any kg:partOf ?node }
        UNION { ?any kg:event ?node } UNION { ?any kg:atEvent ?node }""",
    ),
    (
        "broaderOrSelf",
        "skos:broader",
        """{ ?node rdf:type/rdfs:subClassOf* skos:Concept }
        UNION { ?node skos:broader ?any } UNION { ?any skos:broader ?node }
        UNION { ?any kg:topic ?node }""",
    ),
    (
        "locatedWithin",
        "kg:locatedIn",
        """{ ?node rdf:type/rdfs:subClassOf* kg:Place }
        UNION { ?node kg:locatedIn ?any } UNION { ?any kg:locatedIn ?node }
        UNION { ?any kg:place ?node } UNION { ?any kg:basedIn ?node }""",
    ),
)


def remove_stated(store: ox.Store) -> int:
    """Remove what the data states with a computed property; how many triples that was."""
    import pyoxigraph as ox

    removed = 0
    for iri in COMPUTED:
        found = list(store.quads_for_pattern(None, ox.NamedNode(iri), None, ox.DefaultGraph()))
        for quad in found:
            store.remove(quad)
        removed += len(found)
    return removed


def add_closures(store: ox.Store) -> int:
    """Compute the closures into the default graph of `store`; how many triples they are.

    What the store held with these properties before is removed first.
    """
    import pyoxigraph as ox

    remove_stated(store)
    added = 0
    for name, edge, nodes in _CLOSURES:
        found = _select(
            store, f"SELECT DISTINCT ?node WHERE {{ {nodes} FILTER(!isLiteral(?node)) }}"
        )
        up: dict[Any, list[Any]] = defaultdict(list)
        for lower, upper in _select(store, f"SELECT ?a ?b WHERE {{ ?a {edge} ?b }}"):
            up[lower].append(upper)
        predicate = ox.NamedNode(KG + name)
        quads = [  # a Quad without a graph is in the default graph: made 3x faster
            ox.Quad(node, predicate, upper) for (node,) in found for upper in _reachable(node, up)
        ]
        store.extend(quads)
        added += len(quads)
    return added


def _select(store: ox.Store, text: str) -> list[tuple[Any, ...]]:
    import pyoxigraph as ox

    solutions = store.query(_PREFIXES + text)
    assert isinstance(solutions, ox.QuerySolutions)
    return [tuple(solution) for solution in solutions]


def _reachable(start: Any, up: dict[Any, list[Any]]) -> set[Any]:
    """`start` and everything above it (a cycle in the data ends the walk, as in SPARQL)."""
    seen = {start}
    todo = [start]
    while todo:
        for upper in up.get(todo.pop(), ()):
            if upper not in seen:
                seen.add(upper)
                todo.append(upper)
    return seen


def count_computed(store: ox.Store) -> int:
    """How many computed triples the store holds (a lookup per property)."""
    import pyoxigraph as ox

    return sum(
        sum(1 for _ in store.quads_for_pattern(None, ox.NamedNode(iri), None, ox.DefaultGraph()))
        for iri in COMPUTED
    )


def subject_count(store: ox.Store, term: str) -> int:
    """How many stated triples `term` is the subject of (an index lookup)."""
    import pyoxigraph as ox

    quads = store.quads_for_pattern(ox.NamedNode(term), None, None)
    return sum(1 for quad in quads if not is_computed(quad.predicate.value))


def is_computed(predicate: str) -> bool:
    """Whether triples with this predicate are computed by kommgraph, not stated by data."""
    return predicate in COMPUTED


def not_computed_filter(variable: str) -> str:
    """A SPARQL FILTER that keeps the triples whose predicate `variable` is not computed."""
    listed = ", ".join(f"<{iri}>" for iri in COMPUTED)
    return f"FILTER({variable} NOT IN ({listed}))"
