"""The `kommgraph` group: global options, and every command registered on it."""

from __future__ import annotations

from pathlib import Path

import click

from kommgraph.cli import data, network, viz
from kommgraph.cli.errors import KommgraphGroup
from kommgraph.cli.options import SECONDS, TEXT, InputPath, State


@click.group(cls=KommgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=InputPath(),
    help="Turtle file or folder (repeatable). Default: the bundled data.",
)
@click.option(
    "--endpoint",
    type=TEXT,
    envvar="KOMMGRAPH_ENDPOINT",
    default=None,
    metavar="URL",
    help="Read from this SPARQL 1.1 endpoint, not the embedded store (env KOMMGRAPH_ENDPOINT).",
)
@click.option(
    "--timeout",
    type=SECONDS,
    default=None,
    metavar="SECONDS",
    help=(
        "Seconds each query may take: a server's answer (default 30) and, when given, "
        "the embedded store's queries too (default: no limit)."
    ),
)
@click.option(
    "--cache",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="KOMMGRAPH_CACHE",
    default=None,
    metavar="DIR",
    help="Folder of the persistent index (env KOMMGRAPH_CACHE; default: the user cache "
    "folder, e.g. ~/.cache/kommgraph).",
)
@click.option("--no-cache", is_flag=True, help="Neither use nor build the persistent index.")
@click.version_option(package_name="kommgraph")
@click.pass_context
def main(
    ctx: click.Context,
    data_paths: tuple[Path, ...],
    endpoint: str | None,
    timeout: float | None,
    cache: Path | None,
    no_cache: bool,
) -> None:
    """Who collaborates with whom in German municipal digitalization, with the evidence.

    Exit codes: 0 ok, 1 data or input problem, 2 usage error, 3 output not written,
    130 interrupted (Ctrl-C), 141 output pipe closed, 129/143 ended by SIGHUP/SIGTERM.
    """
    if no_cache:
        folder = None
    else:
        from kommgraph.rdf.index import default_cache

        folder = cache or default_cache()
    ctx.obj = State(data_paths, endpoint, timeout, folder)


for command in (
    data.validate,
    data.stats,
    data.list_queries,
    data.query,
    data.push,
    data.index,
    network.collab,
    network.path,
    network.centrality,
    network.communities,
    network.export,
    viz.viz,
):
    main.add_command(command)
