"""What the commands share: the global state, and options written once as decorators.

Choices come from `kommgraph.vocab`, so the command line offers exactly what
the API accepts.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from kommgraph.errors import shorten, shorten_path
from kommgraph.vocab import AGENT_NETWORKS, LANGS, TABLE_FORMATS, TableFormat

if TYPE_CHECKING:
    from kommgraph.api import KommGraph
    from kommgraph.network.filters import Filters

F = TypeVar("F", bound=Callable[..., Any])


ENDPOINT_TIMEOUT = 30.0  # seconds an endpoint may take when --timeout is not given
SEED_MAX = 2**32 - 1  # numpy's seeded layouts take no more


class Number(click.ParamType[float]):
    """A finite number within bounds; NaN and infinity are refused (click's ranges take NaN)."""

    def __init__(self, low: float, high: float, *, low_open: bool = False) -> None:
        self.low, self.high, self.low_open = low, high, low_open
        self.name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, float):
            number = value
        else:
            try:
                number = float(str(value).strip())
            except ValueError:
                self.fail(f"{shorten(value, quote=True)} is not a number", param, ctx)
        above = number > self.low if self.low_open else number >= self.low
        if not (math.isfinite(number) and above and number <= self.high):
            low = f"above {self.low:g}" if self.low_open else f"at least {self.low:g}"
            given = shorten(value, quote=True)
            self.fail(f"{given}: give a number {low} and at most {self.high:g}", param, ctx)
        return number


class InputPath(click.Path):
    """A path to read, taken as given: the library checks it and names what is wrong.

    (click's own check stats the path and lets a NUL byte escape as a ValueError.)
    """

    def __init__(self) -> None:
        super().__init__(path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return Path(value)


class OutputPath(click.Path):
    """An output target ("-" is standard output), checked before any work is done."""

    def __init__(self) -> None:
        super().__init__(path_type=Path, dir_okay=False, allow_dash=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from kommgraph.views.files import check_target

        path = Path(value)
        check_target(path)  # an OutputError: refused target, exit code 3
        return path


class Text(click.ParamType[str]):
    """Text from the user (names, values, dates, URLs, titles), never a path.

    Bytes the shell could not decode arrive as lone surrogates, which no query,
    no UTF-8 file and no terminal can take; they become visible escapes
    (`\\udcff`), so such a name is simply unknown.
    """

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return str(value).encode("utf-8", "backslashreplace").decode("utf-8")


def shown(path: Path) -> str:
    """A path as a report line prints it: control characters and undecodable bytes escaped."""
    return shorten_path(path)


SECONDS = Number(0, 86400, low_open=True)
TEXT = Text()


class State:
    """Global options, and the graph loaded on first use."""

    def __init__(
        self,
        data: tuple[Path, ...],
        endpoint: str | None,
        timeout: float | None,
        cache: Path | None = None,
        named_graph: str | None = None,
    ) -> None:
        self.data = data
        self.endpoint = endpoint
        self.named_graph = named_graph  # --graph: the endpoint's named graph to query and push
        self.timeout = timeout  # None: endpoints get ENDPOINT_TIMEOUT, the embedded store no limit
        self.cache = cache  # the persistent index's folder; None: not used
        self._graph: KommGraph | None = None

    @property
    def endpoint_timeout(self) -> float:
        return self.timeout if self.timeout is not None else ENDPOINT_TIMEOUT

    @property
    def graph(self) -> KommGraph:
        if self._graph is None:
            from kommgraph.api import KommGraph

            if self.endpoint:
                self._graph = KommGraph.connect(
                    self.endpoint, self.endpoint_timeout, self.named_graph
                )
            elif self.named_graph is not None:
                raise click.UsageError("--graph names a graph of an endpoint: give --endpoint URL")
            else:
                self._graph = self.local_graph()
        return self._graph

    def local_graph(self) -> KommGraph:
        """The embedded graph, even when --endpoint is set (push reads the local files)."""
        from kommgraph.api import KommGraph
        from kommgraph.cli.warm import imports_for
        from kommgraph.progress import bar
        from kommgraph.rdf.reading import data_size

        paths = list(self.data) or None
        context = click.get_current_context(silent=True)
        meanwhile = imports_for(context.info_name if context is not None else None)
        with bar("Loading Turtle", data_size(paths)) as advance:
            return KommGraph.load(
                paths,
                progress=advance,
                timeout=self.timeout,
                cache=self.cache,
                meanwhile=meanwhile,
            )


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


def lang_option(what: str, default: str = LANGS[0]) -> Callable[[F], F]:
    """The shared --lang option (German first); `what` says what it translates."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=default,
        show_default=True,
        help=f"Language of {what}.",
    )


def timestamp_option(what: str) -> Callable[[F], F]:
    """The shared --timestamp/--no-timestamp option of what is written for reading."""
    return click.option(
        "--timestamp/--no-timestamp",
        default=True,
        show_default=True,
        help=f"Say when the {what} was generated (SOURCE_DATE_EPOCH is honoured).",
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
        click.option("--since", type=TEXT, metavar="YEAR|DATE", help="Only events from then on."),
        click.option("--until", type=TEXT, metavar="YEAR|DATE", help="Only events until then."),
        click.option(
            "--topic",
            type=TEXT,
            default=None,
            metavar="TOPIC",
            help="Only events on this topic or a narrower one.",
        ),
        click.option(
            "--event-kind",
            "event_kinds",
            type=TEXT,
            multiple=True,
            metavar="KIND",
            help="Only events of this kind (Workshop, Panel, ...); repeatable or comma-separated.",
        ),
        click.option(
            "--roles",
            "roles",
            type=TEXT,
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


def echo_answer(
    answer: object, fmt: TableFormat, *, excel: bool = False, err: bool = False
) -> None:
    """Print an answer chunk by chunk as its presenter writes it: a long table starts at
    once and is never held whole (`kommgraph.views.present.present_chunks`)."""
    from kommgraph.views.present import present_chunks

    for chunk in present_chunks(answer, fmt, excel=excel):
        click.echo(chunk, nl=False, err=err)
