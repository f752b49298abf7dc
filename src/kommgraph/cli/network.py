"""Network commands of the CLI: collab, path, centrality, communities, export.

Kept apart from cli.py so that each file stays one concept: cli.py is the
group and the data commands, this module the questions about collaboration.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from kommgraph.cli import State, format_option, main, pass_state

if TYPE_CHECKING:
    from kommgraph.network.collaboration import Filters

F = TypeVar("F", bound=Callable[..., Any])
NETWORK_CHOICES = ("persons", "organizations", "actors")


@dataclass(frozen=True)
class Selection:
    """The filter options of one command, collected into one value."""

    since: str | None
    until: str | None
    topic: str | None
    event_kinds: tuple[str, ...]
    roles: tuple[str, ...]
    via_people: bool

    def filters(self, state: State) -> Filters:
        """Validated filters (years, topic, event kinds and roles resolved)."""
        return state.graph.filters(self.since, self.until, self.topic, self.event_kinds, self.roles)


_SELECTION_KEYS = ("since", "until", "topic", "event_kinds", "roles", "via_people")


def filter_options(func: F) -> F:
    """--since, --until, --topic, --event-kind, --roles, --via-people as one `selection`."""
    options = [
        click.option(
            "--since", default=None, metavar="YEAR|DATE", help="Only events from then on."
        ),
        click.option("--until", default=None, metavar="YEAR|DATE", help="Only events until then."),
        click.option(
            "--topic",
            default=None,
            metavar="TOPIC",
            help="Only events on this topic or a narrower one.",
        ),
        click.option(
            "--event-kind",
            "event_kinds",
            multiple=True,
            metavar="KIND",
            help="Only events of this kind (Workshop, Panel, ...); repeatable or comma-separated.",
        ),
        click.option(
            "--roles",
            "roles",
            multiple=True,
            metavar="ROLE",
            help="Only these roles (speaker, organizer, ...); repeatable or comma-separated.",
        ),
        click.option(
            "--via-people",
            is_flag=True,
            help="Also link organizations through the collaboration of their people.",
        ),
    ]

    @functools.wraps(func)
    def collect(*args: Any, **kwargs: Any) -> Any:
        kwargs["selection"] = Selection(*(kwargs.pop(key) for key in _SELECTION_KEYS))
        return func(*args, **kwargs)

    wrapped: Any = collect
    for option in reversed(options):
        wrapped = option(wrapped)
    return cast(F, wrapped)


def network_option(
    choices: tuple[str, ...] = NETWORK_CHOICES, default: str = "actors"
) -> Callable[[F], F]:
    return click.option(
        "--network",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Which projection.",
    )


def _type_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


@main.command()
@click.argument("actor")
@filter_options
@format_option("table", "json")
@pass_state
def collab(
    state: State,
    actor: str,
    selection: Selection,
    fmt: str,
) -> None:
    """The actor's collaborators, strongest first, with shared events, roles and quotes."""
    from kommgraph.views.answers import collab_json, collab_text

    filters = selection.filters(state)
    me, found = state.graph.collaborators(actor, filters, via_people=selection.via_people)
    if fmt == "json":
        click.echo(json.dumps(collab_json(me, found, filters), ensure_ascii=False, indent=2))
    else:
        click.echo(collab_text(me, found, filters), nl=False)


@main.command()
@click.argument("first")
@click.argument("second")
@network_option()
@filter_options
@click.option("--limit", default=3, show_default=True, help="At most this many chains.")
@format_option("table", "json")
@pass_state
def path(
    state: State,
    first: str,
    second: str,
    network: str,
    selection: Selection,
    limit: int,
    fmt: str,
) -> None:
    """How two actors are connected: the shortest chains of collaboration, with evidence."""
    from kommgraph.views.answers import path_json, path_text

    filters = selection.filters(state)
    a, b, chains = state.graph.path(
        first, second, filters, network=network, via_people=selection.via_people, limit=limit
    )
    if fmt == "json":
        click.echo(json.dumps(path_json(a, b, chains), ensure_ascii=False, indent=2))
    else:
        click.echo(path_text(a, b, chains), nl=False)


@main.command()
@network_option()
@click.option(
    "--metric",
    type=click.Choice(
        ["degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank"]
    ),
    default="weighted_degree",
    show_default=True,
    help="Sort by this measure.",
)
@click.option("--top", default=20, show_default=True, help="Show the first N (0 = all).")
@filter_options
@format_option("table", "csv", "json", "md")
@pass_state
def centrality(
    state: State,
    network: str,
    metric: str,
    top: int,
    selection: Selection,
    fmt: str,
) -> None:
    """Degree, weighted degree, betweenness, closeness, eigenvector and PageRank."""
    from kommgraph.network.analysis import METRICS
    from kommgraph.views.tabular import render_rows

    filters = selection.filters(state)
    result = state.graph.centrality(network, metric, filters, via_people=selection.via_people)
    rows = result.rows[:top] if top > 0 else result.rows
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "network": network,
                    "metric": metric,
                    "filters": filters.describe(),
                    "note": result.note,
                    "nodes": [
                        {
                            "iri": r.iri,
                            "label": r.label,
                            "kind": r.kind,
                            **r.scores,
                            "degree": int(r.scores["degree"]),
                        }
                        for r in rows
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    header = ["rank", "actor", "kind", *METRICS]
    table = [
        (i, r.label, r.kind, *(int(r.scores[m]) if m == "degree" else r.scores[m] for m in METRICS))
        for i, r in enumerate(rows, start=1)
    ]
    if fmt == "table":
        click.echo(f"{network} network, sorted by {metric}; {filters.describe()}; {result.note}")
    click.echo(render_rows(header, table, fmt), nl=False)


@main.command()
@network_option()
@click.option(
    "--method",
    type=click.Choice(["leiden", "louvain"]),
    default="leiden",
    show_default=True,
    help="Leiden (connected communities, faster) or the classic Louvain method.",
)
@click.option("--seed", default=42, show_default=True, help="Seed of the method.")
@click.option(
    "--resolution", default=1.0, show_default=True, help="Modularity resolution (>1: smaller)."
)
@filter_options
@format_option("table", "json")
@pass_state
def communities(
    state: State,
    network: str,
    method: str,
    seed: int,
    resolution: float,
    selection: Selection,
    fmt: str,
) -> None:
    """Communities (Leiden or Louvain): modularity, members, central actors, topics, bridges."""
    from kommgraph.views.answers import communities_json, communities_text

    filters = selection.filters(state)
    result = state.graph.communities(
        network,
        filters,
        via_people=selection.via_people,
        method=method,
        seed=seed,
        resolution=resolution,
    )
    if fmt == "json":
        click.echo(
            json.dumps(communities_json(result, network, filters), ensure_ascii=False, indent=2)
        )
    else:
        click.echo(communities_text(result, network, filters), nl=False)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "csv", "turtle", "jsonld"]),
    required=True,
    help="GraphML/GEXF (Gephi), CSV nodes+edges, or the RDF itself.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Output file (for csv: FILE gives FILE-nodes.csv and FILE-edges.csv).",
)
@network_option(("persons", "organizations", "actors", "bipartite", "topics"))
@filter_options
@pass_state
def export(
    state: State,
    fmt: str,
    output: Path,
    network: str,
    selection: Selection,
) -> None:
    """Write the network (GraphML, GEXF, CSV) or the RDF (Turtle, JSON-LD), atomically."""
    from kommgraph.views.export import export_graph, export_rdf

    if fmt in ("turtle", "jsonld"):
        written = export_rdf(state.graph, fmt, output)
    else:
        filters = selection.filters(state)
        graph = state.graph.network(network, filters, via_people=selection.via_people)
        written = export_graph(graph, fmt, output)
    for path_written in written:
        click.echo(f"wrote {path_written}")
