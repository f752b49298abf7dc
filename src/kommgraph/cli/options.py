"""What the commands share: the global state, and options written once as decorators.

Choices come from `kommgraph.vocab`, so the command line offers exactly what
the API accepts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from kommgraph.vocab import AGENT_NETWORKS, TABLE_FORMATS

if TYPE_CHECKING:
    from kommgraph.api import KommGraph
    from kommgraph.network.filters import Filters

F = TypeVar("F", bound=Callable[..., Any])


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


def format_option(command: F) -> F:
    """The shared --format option (table, csv, json or md for every answer) and --excel."""

    @functools.wraps(command)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if kwargs["excel"] and kwargs["fmt"] != "csv":
            raise click.UsageError("--excel goes with --format csv")
        return command(*args, **kwargs)

    wrapped = click.option(
        "--excel",
        is_flag=True,
        help="With --format csv: for spreadsheets set to German "
        "(UTF-8 with BOM, semicolons, decimal commas).",
    )(checked)
    return cast(
        F,
        click.option(
            "--format",
            "fmt",
            type=click.Choice(TABLE_FORMATS),
            default="table",
            show_default=True,
            help="Output format.",
        )(wrapped),
    )


def network_option(
    choices: tuple[str, ...] = AGENT_NETWORKS, default: str = "actors"
) -> Callable[[F], F]:
    return click.option(
        "--network",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Which projection.",
    )


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
