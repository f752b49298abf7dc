"""Building large structures without Python's cyclic garbage collector in the way.

Creating hundreds of thousands of tuples, lists and objects (evidence rows,
collaboration edges, networkx adjacency dicts) triggers the collector again
and again, and every full pass walks everything built so far: at 10,000
events that more than doubled the time of computing the collaborations.
None of these structures form reference cycles that need collecting while
they are built, so the collector is paused for the duration and resumed
after (where it was enabled before).

On resuming, what was built joins the oldest generation directly. Left in
the youngest, it would be walked at once by the first collection after the
pause (0.3 s for a person network at 10,000 events), only to be promoted
there anyway. In the oldest generation it is still collected, by the next
full collection.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector inside the block; nesting is fine."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _promote_young()
            gc.enable()


def _promote_young() -> None:
    """Move every tracked object to the oldest generation without walking it.

    `gc.freeze` moves all objects to the permanent generation and `gc.unfreeze`
    puts them back into the oldest one (both documented so). Skipped when the
    application froze objects itself: unfreezing would undo that. (Counting the
    frozen objects walks them: an application that froze many pays for it here.)
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def bulk(function: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run `function` with the collector paused."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused_gc():
            return function(*args, **kwargs)

    return wrapper
