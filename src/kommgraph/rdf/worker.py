"""Long calls into Oxigraph, run so that the caller can still stop waiting.

Python runs signal handlers only in the main thread and only between
bytecodes: while the main thread is inside a Rust call (a query, a load),
Ctrl-C and SIGTERM wait until it returns, which for a runaway query is never.
Oxigraph releases the GIL while it works, so the call runs in a daemon
thread instead and the main thread waits on an event, which signals do
interrupt. A timeout ends the wait the same way. Oxigraph cannot cancel a
call, so the worker is left to finish in the background (`stop` tells
cooperative work to end early); a command-line run exits there, and the
thread ends with the process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from kommgraph.errors import ValueFieldError

MAX_TIMEOUT = 86400.0  # a day: longer waits are a typo, and urllib cannot take every float


def check_timeout(seconds: float | None) -> float | None:
    """A wait in seconds must be a finite number above 0 (0 would mean "forever" to urllib)."""
    if seconds is not None and not (0 < seconds <= MAX_TIMEOUT):
        raise ValueFieldError(
            "timeout", f"{seconds:g}", f"give seconds above 0 and at most {MAX_TIMEOUT:g}"
        )
    return seconds


T = TypeVar("T")


def in_worker(
    work: Callable[[], T],
    *,
    timeout: float | None = None,
    on_timeout: Callable[[], BaseException] | None = None,
    stop: threading.Event | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> T:
    """`work()` in a daemon thread; its result or its exception, raised here.

    After `timeout` seconds the exception from `on_timeout()` is raised (and
    `stop` is set); an exception raised while waiting (KeyboardInterrupt, a
    signal's) sets `stop` too and passes on. `meanwhile()` runs here before
    the wait: the main thread's own work, on the second core while Oxigraph
    holds no GIL (its time counts toward `timeout`).
    """
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as exc:  # handed to the waiting thread
            box["error"] = exc
        finally:
            done.set()

    started = time.monotonic()
    threading.Thread(target=run, name="kommgraph-worker", daemon=True).start()
    try:
        if meanwhile is not None:
            meanwhile()
        if timeout is not None:
            timeout = max(0.0, timeout - (time.monotonic() - started))
        finished = done.wait(timeout)
    except BaseException:
        if stop is not None:
            stop.set()
        raise
    if not finished:
        if stop is not None:
            stop.set()
        raise on_timeout() if on_timeout is not None else TimeoutError()
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value
