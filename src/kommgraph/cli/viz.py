"""The `viz` command: an offline HTML page of a network, and static PNG/SVG figures.

Everything comes from `state.graph`, so `--data` and `--endpoint` work as for the other
network commands. Heavy libraries (networkx, Pillow) are imported inside the command.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import click

from kommgraph.cli.options import (
    SEED_MAX,
    TEXT,
    OutputPath,
    Selection,
    State,
    filter_options,
    lang_option,
    network_option,
    pass_state,
    shown,
    timestamp_option,
)
from kommgraph.vocab import (
    COLOR_BY,
    METRICS,
    NETWORKS,
    ColorBy,
    FigureFormat,
    Lang,
    Metric,
    Network,
)


def generation_time(enabled: bool) -> datetime | None:
    """Now (UTC), or SOURCE_DATE_EPOCH when set (reproducible builds); None when disabled."""
    if not enabled:
        return None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


@click.command()
@click.option(
    "-o",
    "--output",
    type=OutputPath(),
    required=True,
    help="The HTML file to write (self-contained, works offline); - for standard output.",
)
@network_option(NETWORKS)
@click.option(
    "--ego",
    type=TEXT,
    default=None,
    metavar="ACTOR",
    help="Only this actor and its neighbourhood (label, alias or IRI).",
)
@click.option(
    "--depth",
    default=1,
    show_default=True,
    type=click.IntRange(1, 10),
    help="Steps from the --ego actor.",
)
@filter_options
@click.option(
    "--size-by",
    type=click.Choice(METRICS),
    default="weighted_degree",
    show_default=True,
    help="Node size by this centrality.",
)
@click.option(
    "--color-by",
    type=click.Choice(COLOR_BY),
    default="kind",
    show_default=True,
    help="Node colour by kind, or by (Leiden) community.",
)
@click.option(
    "--seed",
    default=42,
    show_default=True,
    type=click.IntRange(0, SEED_MAX),
    help="Seed of the layout (and of the communities).",
)
@click.option(
    "--max-nodes",
    default=300,
    show_default=True,
    type=click.IntRange(1),
    help="Keep only the N most central nodes (by --size-by); the page says so.",
)
@click.option("--title", default=None, type=TEXT, help="Page and figure title.")
@timestamp_option("page")
@lang_option("the page and the figures")
@click.option(
    "--site-root",
    default=None,
    type=TEXT,
    metavar="URL_OR_PATH",
    help="Root of a `kommgraph site`: each actor then links to its page there.",
)
@click.option("--png", type=OutputPath(), default=None, help="Also write a static PNG figure.")
@click.option("--svg", type=OutputPath(), default=None, help="Also write a static SVG figure.")
@pass_state
def viz(
    state: State,
    output: Path,
    network: Network,
    ego: str | None,
    depth: int,
    selection: Selection,
    size_by: Metric,
    color_by: ColorBy,
    seed: int,
    max_nodes: int,
    title: str | None,
    timestamp: bool,
    lang: Lang,
    site_root: str | None,
    png: Path | None,
    svg: Path | None,
) -> None:
    """Draw a network as an interactive, offline HTML page (and optional PNG/SVG figures).

    Hover nodes and edges for the evidence, click to pin it in a side panel; search by
    name or abbreviation and filter by topic or years in the page.
    """
    from kommgraph.views.files import is_stdout, write_text
    from kommgraph.views.i18n import gettext_for
    from kommgraph.views.permalinks import site_root as checked_root

    if site_root is not None:
        try:
            checked_root(site_root)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--site-root") from None
    _ = gettext_for(lang)

    outputs = {"-o": output, "--png": png, "--svg": svg}
    to_stdout = [name for name, path in outputs.items() if path is not None and is_stdout(path)]
    if len(to_stdout) > 1:
        raise click.UsageError(f"only one output can be standard output ({', '.join(to_stdout)})")

    view = state.graph.view(
        network,
        selection.filters(state),
        via_people=selection.via_people,
        ego=ego,
        depth=depth,
        size_by=size_by,
        color_by=color_by,
        max_nodes=max_nodes,
        title=title,
        seed=seed,
        cut_hint=_(
            "To see more, raise --max-nodes (e.g. --max-nodes {total}) or narrow the "
            "network with --ego, --topic or --since/--until."
        ),
        lang=lang,
    )
    from kommgraph.views.page import render_html  # imported while the files parse (cli.warm)

    page = render_html(view, seed=seed, generated_at=generation_time(timestamp), site=site_root)
    notes = bool(to_stdout)  # reports go to standard error when standard output is a file's
    write_text(output, page)
    click.echo(
        f"wrote {'the page' if is_stdout(output) else shown(output)} "
        f"({view.graph.number_of_nodes()} nodes, {view.graph.number_of_edges()} edges, "
        f"{len(page.encode('utf-8')) // 1024} KiB)",
        err=notes,
    )
    if view.cut:
        click.echo(view.cut, err=notes)
    figures: tuple[tuple[Path | None, FigureFormat], ...] = ((png, "png"), (svg, "svg"))
    for path, fmt in figures:
        if path is not None:
            from kommgraph.views.figures import write_figure

            write_figure(view, path, fmt, seed=seed)
            click.echo(
                f"wrote {'the ' + fmt.upper() if is_stdout(path) else shown(path)}", err=notes
            )
