"""Progress display for long operations: on a terminal only, silent when piped.

The display goes to standard error so that standard output stays clean for
scripts even on a terminal. `step` is a spinner for one indivisible piece of
work (a SPARQL query); `bar` is a progress bar for work done in known parts
(bytes of Turtle, event trees, validation rules). The library reports
progress through plain callbacks, so it never depends on a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Advance = Callable[[float], None]


def enabled() -> bool:
    """Show progress only when standard error is a terminal and not disabled."""
    if os.environ.get("KOMMGRAPH_NO_PROGRESS"):
        return False
    return sys.stderr.isatty()


def _ignore(_amount: float) -> None:
    return None


@contextmanager
def step(description: str) -> Iterator[None]:
    """A spinner with `description` while the block runs (nothing when piped)."""
    if not enabled():
        yield
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status(description, spinner="dots"):
        yield


@contextmanager
def bar(description: str, total: float) -> Iterator[Advance]:
    """A progress bar towards `total`; the block calls the yielded function with each part done.

    Nothing is shown (and advancing costs nothing) when piped. The bar
    disappears when the block ends, so the command's own output follows.
    """
    if not enabled() or total <= 0:
        yield _ignore
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn())
    with Progress(
        *columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True
    ) as progress:
        task = progress.add_task(description, total=total)
        yield lambda amount: progress.advance(task, amount)
