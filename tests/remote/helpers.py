"""Small helpers shared by the remote tests: ask a server what it holds, run the CLI."""

from __future__ import annotations

import re

from click.testing import CliRunner, Result
from rdflib import Graph

from kommgraph.cli import main
from kommgraph.rdf.endpoint import RemoteBackend
from kommgraph.rdf.sparql import GraphResult, SelectResult


def count_triples(endpoint: str, graph: str | None = None) -> int:
    """How many triples the server holds in its default graph (or in `graph`)."""
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    result = RemoteBackend(endpoint).query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    assert isinstance(result, SelectResult)
    return int(str(result.rows[0][0]))


def server_graph(endpoint: str, graph: str | None = None) -> Graph:
    """Everything the server holds in its default graph (or in `graph`), as an rdflib Graph."""
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    result = RemoteBackend(endpoint).query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}")
    assert isinstance(result, GraphResult)
    return result.graph


def kommgraph(*args: str) -> Result:
    """Run the command line in-process."""
    return CliRunner().invoke(main, list(args))


PUSHED = re.compile(
    r"pushed (\d+) triples \((\d+) computed\) into .+ \((graph-store|update), "
    r"(move|copy|update)\); it holds (\d+) triples\n"
)


def pushed_count(result: Result) -> int:
    """The triple count that `kommgraph push` reports (and checks it is the server's)."""
    assert result.exit_code == 0, result.output
    match = PUSHED.fullmatch(result.stdout)
    assert match, result.stdout
    return int(match.group(1))
