"""The ontology belongs to the ontology: data may not state anything about a `kg:` term.

A data file that says `kg:Contact kg:active true .` would make a passive role
active for some code paths and not for others. Statements whose subject is a
term of the ontology namespace are therefore refused: loading checks the
terms the ontology defines (one index lookup each), validation checks every
`kg:` subject (one scan). Only statements beyond the ontology's own count; a
data file that repeats an ontology triple word for word changes nothing.
The offending file and line are looked up only when something is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.iris import KG
from kommgraph.rdf.store import parse_turtle, term_counts

ONTOLOGY_NS = str(KG)


@dataclass(frozen=True)
class OntologyStatement:
    """Statements about an ontology term that come from a data file, not the ontology."""

    term: str
    path: Path | None  # None when no single data file could be named
    line: int | None
    triples: int


def added_statements(graph: GraphStore, *, thorough: bool = False) -> list[OntologyStatement]:
    """Terms that the data says more about than the ontology does, each with where it says so.

    Without `thorough` only the terms the ontology defines are looked at (what
    loading needs, in microseconds); with it, every `kg:` subject (what
    validation needs: a data file may also invent a term in the namespace).
    """
    own = graph.ontology_counts
    if thorough:
        now = term_counts(graph.store)
    else:
        now = {
            term: sum(1 for _ in graph.store.quads_for_pattern(ox.NamedNode(term), None, None))
            for term in own
        }
    found = []
    for term, count in sorted(now.items()):
        extra = count - own.get(term, 0)
        if extra > 0:
            path, line = _where(graph, term)
            found.append(OntologyStatement(term, path, line, extra))
    return found


def _where(graph: GraphStore, term: str) -> tuple[Path | None, int | None]:
    """The first data file (and line) that states something about `term`."""
    local = term[len(ONTOLOGY_NS) :]
    subject = ox.NamedNode(term)
    for path in graph.files:
        if path in graph.ontology_files:
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if local not in text:
            continue
        if any(quad.subject == subject for quad in parse_turtle(path)):
            return path, _line(text, term, local)
    return None, None


def _line(text: str, term: str, local: str) -> int | None:
    """The line where a statement about the term begins: the term written first on it."""
    written = rf"(?:<{re.escape(term)}>|[A-Za-z0-9_.-]*:{re.escape(local)})(?=[\s;,]|$)"
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{written}", line):
            return number
    return None
