"""The one place where errors, signals and closed pipes become messages and exit codes.

Library errors carry fields; here they are worded for the command line, which
names its own options (`since` is `--since`). A traceback always means a bug:
everything that bad input can cause ends in one line on standard error and
one of the exit codes of `kommgraph.errors` (README, "Exit codes"):

- a `KommgraphError`: its own code, 1 (data or input) or 3 (output not written);
- a usage error found by click: 2, its message with long values shortened;
- Ctrl-C: 130; SIGTERM: 143; SIGHUP: 129 (the signals become exceptions, so
  temporary output files are removed on the way out);
- the reader of standard output going away (`| head`): 141, quietly;
- standard output that cannot be written (a full disk): 3.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import click

from kommgraph.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_DATA,
    EXIT_INTERRUPTED,
    ActorNotInNetworkError,
    EndpointError,
    FilterError,
    KommgraphError,
    OutputError,
    ParameterError,
    PushError,
    QueryTimeoutError,
    ValueFieldError,
    shorten,
)

# library field -> command-line option
OPTION_OF_FIELD = {
    "since": "--since",
    "until": "--until",
    "topic": "--topic",
    "event_kinds": "--event-kind",
    "roles": "--roles",
    "graph": "--graph",
    "auth": "KOMMGRAPH_ENDPOINT_AUTH",
    "endpoint": "--endpoint",
    "update_endpoint": "--update-endpoint",
    "store_endpoint": "--store-endpoint",
    "timeout": "--timeout",
    "limit": "--limit",
}
LINE = 400  # a message line longer than this is cut in the middle, whatever it repeats
# errors of writing that mean "the output did not get written", not a bug
OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


class Terminated(BaseException):
    """A signal that asks the process to end (SIGTERM, SIGHUP), raised where the program is.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def message(exc: KommgraphError) -> str:
    """The error in the words of the command line."""
    if isinstance(exc, FilterError):
        reason = exc.reason
        if exc.after is not None:
            reason = reason.replace(f" {exc.after} ", f" {OPTION_OF_FIELD[exc.after]} ", 1)
        option = OPTION_OF_FIELD.get(exc.field, exc.field)
        return f"{option} {shorten(exc.value, quote=True)}: {reason}"
    if isinstance(exc, ValueFieldError):
        return f"{OPTION_OF_FIELD.get(exc.field, exc.field)}: {exc.reason}"
    if isinstance(exc, PushError) and exc.needs_graph:
        return f"{exc.message()} (give --graph IRI)"
    if isinstance(exc, PushError) and "no answer within" in exc.reason:
        return f"{exc.message()} (--timeout)"
    if isinstance(exc, (EndpointError, PushError)) and exc.status == 401:
        hint = "check the credentials; Virtuoso wants KOMMGRAPH_ENDPOINT_AUTH=digest"
        return f"{exc.message()} ({hint})"
    if isinstance(exc, ParameterError) and exc.missing:
        return f"{exc.message()}; give --param {exc.name}=VALUE"
    if isinstance(exc, QueryTimeoutError) or (isinstance(exc, EndpointError) and exc.timed_out):
        return f"{exc.message()} (--timeout)"
    if isinstance(exc, ActorNotInNetworkError):
        return f"{exc.message()}; try another --network or fewer filters"
    return exc.message()


def bounded(text: str) -> str:
    """Every line at most `LINE` characters: the start and the end of a longer one."""
    lines = [
        line if len(line) <= LINE else f"{line[: LINE - 81]}…{line[-80:]}"
        for line in text.splitlines()
    ]
    return "\n".join(lines)


# a quoted or bracketed value, or a word, longer than `shorten` keeps
_QUOTED = re.compile(r"'[^']{81,}'|\"[^\"]{81,}\"|\([^()]{81,}\)|\S{81,}")


def shorten_values(text: str) -> str:
    """Click's messages repeat values in full: shorten quoted, bracketed and long words."""

    def cut(found: re.Match[str]) -> str:
        word = found.group(0)
        if word[0] in "'\"(" and word[-1] in "'\")":
            return word[0] + shorten(word[1:-1]) + word[-1]
        return shorten(word)

    return bounded(_QUOTED.sub(cut, text))


def shortened(exc: click.ClickException) -> click.ClickException:
    """The same error with the values it repeats shortened (click keeps messages final)."""
    text = shorten_values(exc.format_message())
    if text == exc.format_message():
        return exc
    if isinstance(exc, click.UsageError):
        return click.UsageError(text, exc.ctx)
    return click.ClickException(text)


def _say(text: str) -> None:
    """A line on standard error; a closed or full standard error cannot stop the exit."""
    with contextlib.suppress(OSError, ValueError):
        click.echo(text, err=True)


def _quiet_stdout() -> None:
    """After a closed pipe: point standard output at /dev/null, so exiting flushes nothing."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _flush_stdout() -> None:
    """Write out what is buffered now, while errors can still be reported."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(Path("-"), (exc.strerror or str(exc)).lower()) from None


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `Terminated` in the main thread while the block runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_terminated(signum: int, _frame: FrameType | None) -> None:
        raise Terminated(signum)

    wanted = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {signum: signal.signal(signum, raise_terminated) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _ending(exc: BaseException) -> int | None:
    """The exit code for an exception that ends the command, or None when it is a bug."""
    from kommgraph.views.files import remove_pending

    if isinstance(exc, KommgraphError):
        _say(f"Error: {bounded(message(exc))}")
        return exc.exit_code
    if isinstance(exc, BrokenPipeError):
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    if isinstance(exc, KeyboardInterrupt | Terminated):
        remove_pending()
        return 128 + exc.signum if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    if isinstance(exc, OSError):
        if exc.filename is None and exc.errno in OUTPUT_ERRNOS:  # writing standard output
            return _ending(OutputError(Path("-"), (exc.strerror or str(exc)).lower()))
        where = f"{shorten(exc.filename)}: " if exc.filename else ""
        _say(f"Error: {where}{(exc.strerror or str(exc)).lower()}")
        return EXIT_DATA
    return None


class KommgraphGroup(click.Group):
    """A group that ends every command with one clear line and a documented exit code."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            raise shortened(exc) from None
        except (KommgraphError, KeyboardInterrupt, OSError) as exc:
            code = _ending(exc)
            if code is None:
                raise
            raise click.exceptions.Exit(code) from None

    def invoke(self, ctx: click.Context) -> Any:
        with signals_as_exceptions():
            try:
                try:
                    result = super().invoke(ctx)
                except SystemExit:  # validate ends with its own code: flush first
                    _flush_stdout()
                    raise
                _flush_stdout()
                return result
            except click.ClickException as exc:
                raise shortened(exc) from None
            except (KommgraphError, KeyboardInterrupt, Terminated, OSError) as exc:
                code = _ending(exc)
                if code is None:
                    raise
                ctx.exit(code)
