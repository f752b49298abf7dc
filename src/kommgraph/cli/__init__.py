"""The `kommgraph` command line: a thin click layer over `KommGraph`.

Each command parses its options, calls one API function and formats the
result. Errors from bad input are translated into messages and exit codes in
one place (`KommgraphGroup.invoke`); heavy libraries are imported inside the
commands that need them so that `--help` is instant.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kommgraph.errors import KommgraphError
from kommgraph.cli.validate import shacl_engine_option

if TYPE_CHECKING:
    from kommgraph.api import KommGraph

F = TypeVar("F", bound=Callable[..., Any])


class KommgraphGroup(click.Group):
    """A group that turns every KommgraphError into one clear line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KommgraphError as exc:
            click.echo(f"Error: {exc.message()}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)


class State:
    """Global options, and the graph loaded on first use."""

    def __init__(self, data: tuple[Path, ...], endpoint: str | None, timeout: float) -> None:
        self.data = data
        self.endpoint = endpoint
        self.timeout = timeout
        self._graph: KommGraph | None = None

    @property
    def graph(self) -> KommGraph:
        if self._graph is None:
            from kommgraph.api import KommGraph

            if self.endpoint:
                self._graph = KommGraph.connect(self.endpoint, self.timeout)
            else:
                self._graph = self.local_graph()
        return self._graph

    def local_graph(self) -> KommGraph:
        """The embedded graph, even when --endpoint is set (push reads the local files)."""
        from kommgraph.api import KommGraph
        from kommgraph.progress import bar
        from kommgraph.rdf.store import data_size

        paths = list(self.data) or None
        with bar("Loading Turtle", data_size(paths)) as advance:
            return KommGraph.load(paths, progress=advance)


pass_state = click.make_pass_decorator(State)


def format_option(*choices: str, default: str = "table") -> Callable[[F], F]:
    """The shared --format option."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


@click.group(cls=KommgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Turtle file or folder (repeatable). Default: the bundled data.",
)
@click.option(
    "--endpoint",
    envvar="KOMMGRAPH_ENDPOINT",
    default=None,
    metavar="URL",
    help="Read from this SPARQL 1.1 endpoint, not the embedded store (env KOMMGRAPH_ENDPOINT).",
)
@click.option("--timeout", default=30.0, show_default=True, help="Seconds to wait for an endpoint.")
@click.version_option(package_name="kommgraph")
@click.pass_context
def main(ctx: click.Context, data: tuple[Path, ...], endpoint: str | None, timeout: float) -> None:
    """Who collaborates with whom in German municipal digitalization, with the evidence.

    Exit codes: 0 ok, 1 data or input problem, 2 usage error.
    """
    ctx.obj = State(data, endpoint, timeout)


@main.command()
@click.option(
    "--sources",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder with the article texts; checks every quote occurs verbatim in its source.",
)
@click.option("--allow-warnings", is_flag=True, help="Exit 0 when only warnings are found.")
@shacl_engine_option
@format_option("table", "json")
@pass_state
def validate(
    state: State, sources: Path | None, allow_warnings: bool, shacl_engine: str, fmt: str
) -> None:
    """Parse, check SHACL shapes and lint rules; exit 1 on any finding."""
    from kommgraph.cli.validate import run_validate

    code = run_validate(list(state.data), sources, allow_warnings, fmt, shacl_engine)
    sys.exit(code)


@main.command()
@format_option("table", "json")
@pass_state
def stats(state: State, fmt: str) -> None:
    """Counts per class, participations per role, sources, date range."""
    from kommgraph.views.tabular import render_rows

    result = state.graph.stats()
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{result.triples} triples; events from {result.first_event} to {result.last_event}\n"
    )
    click.echo(
        render_rows(
            ["class", "label", "count"],
            [(c.name, c.label, c.count) for c in result.classes],
            "table",
            "Classes",
        )
    )
    click.echo(
        render_rows(
            ["role", "label", "participations"],
            [(r.name, r.label, r.count) for r in result.roles],
            "table",
            "Roles",
        )
    )
    click.echo(
        render_rows(
            ["source", "title", "published", "facts"],
            [(s.iri, s.label, s.published or "", s.facts) for s in result.sources],
            "table",
            "Sources",
        )
    )


@main.command("queries")
@format_option("table", "json")
def list_queries(fmt: str) -> None:
    """List the named queries and their parameters."""
    from kommgraph.rdf.queries import registry

    named = registry()
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "name": q.name,
                        "title": q.title,
                        "description": q.description,
                        "form": q.form,
                        "params": [
                            {
                                "name": p.name,
                                "type": p.type,
                                "example": p.example,
                                "description": p.description,
                                "optional": p.optional,
                            }
                            for p in q.params
                        ],
                        "columns": list(q.columns),
                        "tags": list(q.tags),
                    }
                    for q in named.values()
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    from kommgraph.views.tabular import render_rows

    rows = [
        (q.name, q.description, ", ".join(f"{p.name} ({p.type})" for p in q.params))
        for q in named.values()
    ]
    click.echo(render_rows(["name", "description", "params"], rows, "table"))


@main.command()
@click.argument("name")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter (repeatable); actor parameters take a label, alias or IRI.",
)
@format_option("table", "csv", "json", "md")
@pass_state
def query(state: State, name: str, params: tuple[str, ...], fmt: str) -> None:
    """Run a named query (see `kommgraph queries`) or a .rq file.

    JSON output is SPARQL 1.1 Query Results JSON; CONSTRUCT and DESCRIBE give
    Turtle (or JSON-LD with --format json).
    """
    from kommgraph.views.tabular import render_result
    from kommgraph.rdf.params import parse_assignments

    result = state.graph.query(name, parse_assignments(params))
    click.echo(render_result(result, fmt), nl=False)


@main.command()
@click.option(
    "--endpoint",
    "target",
    required=False,
    default=None,
    metavar="URL",
    help="The server's SPARQL query URL (default: the global --endpoint).",
)
@click.option(
    "--graph",
    "named_graph",
    default=None,
    metavar="IRI",
    help="Load into this named graph instead of the default graph.",
)
@click.option(
    "--update-endpoint",
    default=None,
    metavar="URL",
    help="SPARQL Update URL (default: .../update).",
)
@click.option(
    "--store-endpoint",
    default=None,
    metavar="URL",
    help="Graph Store Protocol URL (default: .../store).",
)
@pass_state
def push(
    state: State,
    target: str | None,
    named_graph: str | None,
    update_endpoint: str | None,
    store_endpoint: str | None,
) -> None:
    """Load ontology and data into a SPARQL server, replacing what was pushed before."""
    from kommgraph.rdf.endpoint import push as do_push

    endpoint = target or state.endpoint
    if not endpoint:
        raise click.UsageError("give --endpoint URL (or set KOMMGRAPH_ENDPOINT)")
    local = state.local_graph()
    assert local.graph is not None
    report = do_push(
        local.graph,
        endpoint,
        named_graph=named_graph,
        timeout=max(state.timeout, 60.0),
        update_endpoint=update_endpoint,
        store_endpoint=store_endpoint,
    )
    where = f"graph <{report.graph}>" if report.graph else "the default graph"
    click.echo(
        f"pushed {report.triples} triples into {where} of {report.endpoint} ({report.method})"
    )


# The network and viz commands register themselves on `main` when imported.
import kommgraph.cli.viz  # noqa: E402, F401
import kommgraph.cli.network  # noqa: E402, F401
