"""The one place where errors become messages and exit codes.

Library errors carry fields; here they are worded for the command line, which
names its own options (`since` is `--since`). A traceback always means a bug:
everything that bad input can cause is a `KommgraphError` (exit 1) or a
usage error of click (exit 2).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from kommgraph.errors import (
    ActorNotInNetworkError,
    EndpointError,
    FilterError,
    KommgraphError,
    ParameterError,
    ValueFieldError,
)

# library field -> command-line option
OPTION_OF_FIELD = {
    "since": "--since",
    "until": "--until",
    "topic": "--topic",
    "event_kinds": "--event-kind",
    "roles": "--roles",
    "graph": "--graph",
}


def message(exc: KommgraphError) -> str:
    """The error in the words of the command line."""
    if isinstance(exc, FilterError):
        reason = exc.reason
        if exc.after is not None:
            reason = reason.replace(f" {exc.after} ", f" {OPTION_OF_FIELD[exc.after]} ", 1)
        return f"{OPTION_OF_FIELD.get(exc.field, exc.field)} {exc.value!r}: {reason}"
    if isinstance(exc, ValueFieldError):
        return f"{OPTION_OF_FIELD.get(exc.field, exc.field)}: {exc.reason}"
    if isinstance(exc, ParameterError) and exc.missing:
        return f"{exc.message()}; give --param {exc.name}=VALUE"
    if isinstance(exc, EndpointError) and exc.timed_out:
        return f"{exc.message()} (--timeout)"
    if isinstance(exc, ActorNotInNetworkError):
        return f"{exc.message()}; try another --network or fewer filters"
    return exc.message()


class KommgraphGroup(click.Group):
    """A group that turns every KommgraphError into one clear line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KommgraphError as exc:
            click.echo(f"Error: {message(exc)}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)
