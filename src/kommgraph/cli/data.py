"""Commands about the data itself: validate, stats, queries, query, push."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kommgraph.cli.options import (
    TEXT,
    InputPath,
    State,
    echo_answer,
    format_option,
    lang_option,
    pass_state,
    shown,
)
from kommgraph.errors import KommgraphError, shorten
from kommgraph.vocab import SHACL_ENGINES, Lang, ShaclEngine, TableFormat


@click.command()
@click.option(
    "--sources",
    type=InputPath(),
    default=None,
    help="Folder with the article texts; checks every quote occurs verbatim in its source.",
)
@click.option("--allow-warnings", is_flag=True, help="Exit 0 when only warnings are found.")
@click.option(
    "--shacl-engine",
    "shacl_engine",
    type=click.Choice(SHACL_ENGINES),
    default=SHACL_ENGINES[0],
    show_default=True,
    help=(
        "The SHACL engine: 'shacl' (fast, complete on the W3C core tests; pyshacl runs "
        "instead for shapes it does not evaluate) or 'pyshacl', the reference (slow on "
        "large graphs)."
    ),
)
@click.option(
    "--shapes",
    "shapes",
    multiple=True,
    type=InputPath(),
    help="Your own SHACL shapes (Turtle), checked beside the bundled ones; repeatable.",
)
@lang_option("the SHACL messages (the shapes have German and English ones)", default="en")
@format_option
@pass_state
def validate(
    state: State,
    sources: Path | None,
    allow_warnings: bool,
    shacl_engine: ShaclEngine,
    shapes: tuple[Path, ...],
    lang: Lang,
    fmt: TableFormat,
    excel: bool,
) -> None:
    """Parse, check SHACL shapes and lint rules; exit 1 on any finding."""
    from kommgraph.api import KommGraph
    from kommgraph.progress import bar

    if sources is not None and not sources.is_dir():
        raise KommgraphError(f"{shorten(sources)}: --sources needs a folder with the article texts")
    what = f"Validating (SHACL, lint{', quotes' if sources else ''})"
    with bar(what, 1.0) as advance:
        answer = KommGraph.check(
            list(state.data) or None,
            sources=sources,
            shacl_engine=shacl_engine,
            shapes=shapes,
            lang=lang,
            allow_warnings=allow_warnings,
            progress=advance,
        )
    # parse errors are what went wrong, not a report: people read them on stderr
    to_stderr = answer.report is None and fmt == "table"
    echo_answer(answer, fmt, excel=excel, err=to_stderr)
    sys.exit(0 if answer.ok else 1)


@click.command()
@format_option
@pass_state
def stats(state: State, fmt: TableFormat, excel: bool) -> None:
    """Counts per class, participations per role, sources, date range."""
    echo_answer(state.graph.stats(), fmt, excel=excel)


@click.command("queries")
@format_option
def list_queries(fmt: TableFormat, excel: bool) -> None:
    """List the named queries and their parameters."""
    from kommgraph.api import KommGraph

    echo_answer(KommGraph.queries(), fmt, excel=excel)


@click.command()
@click.argument("name")
@click.option(
    "--param",
    "-p",
    "params",
    type=TEXT,
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter (repeatable); actor parameters take a label, alias or IRI.",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=None,
    metavar="N",
    help="At most N rows (or triples); reading the answer stops there.",
)
@format_option
@pass_state
def query(
    state: State,
    name: str,
    params: tuple[str, ...],
    limit: int | None,
    fmt: TableFormat,
    excel: bool,
) -> None:
    """Run a named query (see `kommgraph queries`) or a .rq file.

    JSON output is SPARQL 1.1 Query Results JSON; CONSTRUCT and DESCRIBE give
    Turtle (or JSON-LD with --format json). Every format is printed as it is
    written; a table of more than 10,000 rows is laid out plainly, its column
    widths taken from the first rows.
    """
    from kommgraph.rdf.params import parse_assignments

    answer = state.graph.query(name, parse_assignments(params), limit=limit)
    echo_answer(answer, fmt, excel=excel)


@click.command()
@click.option(
    "--endpoint",
    "target",
    type=TEXT,
    required=False,
    default=None,
    metavar="URL",
    help="The server's SPARQL query URL (default: the global --endpoint).",
)
@click.option(
    "--graph",
    "named_graph",
    type=TEXT,
    default=None,
    metavar="IRI",
    help="Load into this named graph (default: the global --graph, else the default graph).",
)
@click.option(
    "--update-endpoint",
    type=TEXT,
    default=None,
    metavar="URL",
    help="SPARQL Update URL (default: found from the kind of server, e.g. .../update).",
)
@click.option(
    "--store-endpoint",
    type=TEXT,
    default=None,
    metavar="URL",
    help="Graph Store Protocol URL (default: found from the kind of server, e.g. .../store).",
)
@pass_state
def push(
    state: State,
    target: str | None,
    named_graph: str | None,
    update_endpoint: str | None,
    store_endpoint: str | None,
) -> None:
    """Load ontology, data and computed closures into a SPARQL server, replacing what was
    pushed before.

    The data goes into a temporary graph first; the target is replaced only once
    the server holds all of it, so a failed push leaves the target as it was
    (the message says what the server holds).
    """
    from kommgraph.progress import bar
    from kommgraph.rdf.push import PushTarget

    endpoint = target or state.endpoint
    if not endpoint:
        raise click.UsageError("give --endpoint URL (or set KOMMGRAPH_ENDPOINT)")
    graph = state.local_graph()
    where = PushTarget(
        endpoint,
        named_graph if named_graph is not None else state.named_graph,
        update_endpoint,
        store_endpoint,
        state.endpoint_timeout,
    )
    with bar("Pushing triples", len(graph.graph) if graph.graph else 0) as advance:
        report = graph.push(where, advance)
    into = f"graph <{report.graph}>" if report.graph else "the default graph"
    click.echo(
        f"pushed {report.triples} triples ({report.computed} computed) into {into} of "
        f"{report.endpoint} ({report.method}, {report.replaced_by}); "
        f"it holds {report.on_server} triples"
    )
    if report.leftover:
        click.echo(
            f"Warning: the temporary graph <{report.leftover}> could not be removed; "
            "drop it (DROP SILENT GRAPH)",
            err=True,
        )


@click.command()
@pass_state
def index(state: State) -> None:
    """Build the persistent index of the data now, so that later commands skip parsing.

    Every command builds it by itself in the background when it finds none
    current; this builds it in the foreground, with progress.
    """
    import time

    from kommgraph.api import KommGraph
    from kommgraph.progress import bar
    from kommgraph.rdf.index import default_cache

    started = time.monotonic()
    with bar("Building the persistent index", 1.0) as advance:
        folder = KommGraph.build_index(
            list(state.data) or None, state.cache or default_cache(), advance
        )
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    click.echo(
        f"built the index in {shown(folder)} ({size / 2**20:.1f} MiB, "
        f"{time.monotonic() - started:.1f} s)"
    )
