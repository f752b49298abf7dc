"""Progress display for long operations: on a terminal only, silent when piped.

The display goes to standard error so that standard output stays clean for
scripts even on a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def enabled() -> bool:
    """Show progress only when standard error is a terminal and not disabled."""
    if os.environ.get("KOMMGRAPH_NO_PROGRESS"):
        return False
    return sys.stderr.isatty()


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
