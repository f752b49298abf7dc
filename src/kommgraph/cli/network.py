"""Commands about collaboration: collab, path, centrality, communities, export."""

from __future__ import annotations

from pathlib import Path

import click

from kommgraph.cli.options import (
    SEED_MAX,
    TEXT,
    Number,
    OutputPath,
    Selection,
    State,
    echo_answer,
    filter_options,
    format_option,
    network_option,
    pass_state,
    shown,
)
from kommgraph.vocab import (
    COMMUNITY_METHODS,
    EVIDENCE_MODES,
    EXPORT_FORMATS,
    METRICS,
    NETWORKS,
    AgentNetwork,
    CommunityMethod,
    EvidenceMode,
    ExportFormat,
    Metric,
    Network,
    TableFormat,
    is_rdf_format,
)


@click.command()
@click.argument("actor", type=TEXT)
@filter_options
@format_option
@pass_state
def collab(state: State, actor: str, selection: Selection, fmt: TableFormat, excel: bool) -> None:
    """The actor's collaborators, strongest first, with shared events, roles and quotes."""
    answer = state.graph.collaborators(
        actor, selection.filters(state), via_people=selection.via_people
    )
    echo_answer(answer, fmt, excel=excel)


@click.command()
@click.argument("first", type=TEXT)
@click.argument("second", type=TEXT)
@network_option()
@filter_options
@click.option(
    "--limit",
    default=3,
    show_default=True,
    type=click.IntRange(1),
    help="At most this many chains.",
)
@format_option
@pass_state
def path(
    state: State,
    first: str,
    second: str,
    network: AgentNetwork,
    selection: Selection,
    limit: int,
    fmt: TableFormat,
    excel: bool,
) -> None:
    """How two actors are connected: the shortest chains of collaboration, with evidence."""
    answer = state.graph.path(
        first,
        second,
        selection.filters(state),
        network=network,
        via_people=selection.via_people,
        limit=limit,
    )
    echo_answer(answer, fmt, excel=excel)


@click.command()
@network_option()
@click.option(
    "--metric",
    type=click.Choice(METRICS),
    default="weighted_degree",
    show_default=True,
    help="Sort by this measure.",
)
@click.option(
    "--top",
    default=20,
    show_default=True,
    type=click.IntRange(0),
    help="Show the first N (0 = all).",
)
@filter_options
@format_option
@pass_state
def centrality(
    state: State,
    network: AgentNetwork,
    metric: Metric,
    top: int,
    selection: Selection,
    fmt: TableFormat,
    excel: bool,
) -> None:
    """Degree, weighted degree, betweenness, closeness, eigenvector and PageRank."""
    answer = state.graph.centrality(
        network, metric, selection.filters(state), via_people=selection.via_people, top=top
    )
    echo_answer(answer, fmt, excel=excel)


@click.command()
@network_option()
@click.option(
    "--method",
    type=click.Choice(COMMUNITY_METHODS),
    default="leiden",
    show_default=True,
    help="Leiden (connected communities, faster) or the classic Louvain method.",
)
@click.option(
    "--seed",
    default=42,
    show_default=True,
    type=click.IntRange(0, SEED_MAX),
    help="Seed of the method.",
)
@click.option(
    "--resolution",
    default=1.0,
    show_default=True,
    type=Number(0, 1000, low_open=True),
    help="Modularity resolution (>1: smaller).",
)
@filter_options
@format_option
@pass_state
def communities(
    state: State,
    network: AgentNetwork,
    method: CommunityMethod,
    seed: int,
    resolution: float,
    selection: Selection,
    fmt: TableFormat,
    excel: bool,
) -> None:
    """Communities (Leiden or Louvain): modularity, members, central actors, topics, bridges."""
    answer = state.graph.communities(
        network,
        selection.filters(state),
        via_people=selection.via_people,
        method=method,
        seed=seed,
        resolution=resolution,
    )
    echo_answer(answer, fmt, excel=excel)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="GraphML/GEXF (Gephi), CSV nodes+edges, or the RDF itself.",
)
@click.option(
    "-o",
    "--output",
    type=OutputPath(),
    required=True,
    help=(
        "Output file, or - for standard output (csv: FILE gives FILE-nodes.csv and "
        "FILE-edges.csv, and needs a file name); a network also gets its evidence in "
        "FILE.evidence.json (not beside standard output)."
    ),
)
@network_option(NETWORKS)
@filter_options
@click.option(
    "--excel",
    is_flag=True,
    help="With --format csv: for spreadsheets set to German "
    "(UTF-8 with BOM, semicolons, decimal commas).",
)
@click.option(
    "--evidence",
    type=click.Choice(EVIDENCE_MODES),
    default="ids",
    show_default=True,
    help="What edges carry of the evidence: ids (the shared events' IRIs; the side file "
    "describes each event once), none (weights only, no side file), full (summaries, "
    "and every edge's evidence copied into the side file: large and slow).",
)
@click.option("--seed", default=42, show_default=True, help="Seed of the GEXF layout.")
@pass_state
def export(
    state: State,
    fmt: ExportFormat,
    output: Path,
    network: Network,
    selection: Selection,
    evidence: EvidenceMode,
    excel: bool,
    seed: int,
) -> None:
    """Write the network (GraphML, GEXF, CSV) or the RDF (Turtle, JSON-LD), atomically."""
    from kommgraph.views.files import is_stdout

    if excel and fmt != "csv":
        raise click.UsageError("--excel goes with --format csv")
    filters = None if is_rdf_format(fmt) else selection.filters(state)
    written = state.graph.export(
        fmt,
        output,
        network,
        filters,
        via_people=selection.via_people,
        evidence=evidence,
        excel=excel,
        seed=seed,
    )
    if not is_stdout(output):
        for path_written in written:
            click.echo(f"wrote {shown(path_written)}")
