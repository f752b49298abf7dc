"""The site's pages written by more than one process: the work split, not the data copied.

Rendering tens of thousands of pages is pure Python, one core each. Once the
world is read and joined, `in_parallel` forks (POSIX) so that each child
renders every n-th page into the same folder, sharing the parent's memory
copy-on-write; a child reports what it wrote through a pipe as JSON and ends
with `os._exit` (no atexit handler, no cleanup of the parent's folder). A child
that fails makes the whole build fail; the parent then removes the folder as
for any error. Small sites, and systems without `fork`, use one process.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kommgraph.errors import KommgraphError

T = TypeVar("T")
Report = dict[str, Any]

MIN_PER_WORKER = 1500  # fewer pages than this per process: not worth a fork


def workers(count: int) -> int:
    """How many processes render `count` pages: up to the usable cores, at least one."""
    if not hasattr(os, "fork") or os.environ.get("KOMMGRAPH_SITE_WORKERS") == "1":
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, 4, count // MIN_PER_WORKER))


def in_parallel(items: Sequence[T], work: Callable[[Sequence[T], bool], Report]) -> list[Report]:
    """`work(share, main)` over shares of `items` (every n-th); the reports of all shares.

    `main` is True in the calling process only (which may report progress).
    """
    n = workers(len(items))
    if n == 1:
        return [work(items, True)]
    children: list[tuple[int, int]] = []
    for k in range(1, n):
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: its share, its report, and out without cleanup
            os.close(read)
            code = 1
            try:
                text = json.dumps(work(items[k::n], False))
                code = 0
            except BaseException:  # reported to the parent, which fails the build
                text = json.dumps({"error": traceback.format_exc(limit=5)})
            finally:
                with os.fdopen(write, "w", encoding="utf-8") as pipe:
                    pipe.write(text)
                os._exit(code)
        os.close(write)
        children.append((pid, read))
    try:
        reports = [work(items[0::n], True)]
    except BaseException:
        for pid, read in children:  # the build fails: the others' work is not wanted
            os.close(read)
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        raise
    failed = []
    for pid, read in children:
        with os.fdopen(read, encoding="utf-8") as pipe:
            text = pipe.read()
        _pid, status = os.waitpid(pid, 0)
        found = json.loads(text) if text else {"error": f"status {status}"}
        if status != 0 or "error" in found:
            failed.append(str(found.get("error", "")))
        else:
            reports.append(found)
    if failed:
        raise KommgraphError("a process writing the site's pages failed:\n" + failed[0])
    return reports
