"""Whole processes, timed as a user meets them: wall time from start to exit, peak RSS, a limit.

Shared by `commands.py` and `duckdb_peer.py`. A command runs in a fresh process
of its own session; the parent blocks in `os.wait4`, which returns the child's
rusage, so `ru_maxrss` is the peak resident set size of exactly that process
(and of any children it waited for). A timer kills the child's process group
when the limit is reached (the group is the session this module started, so
nothing else is touched); such a run has no time, only "> limit".

Every process gets this process's environment without `PYTHONDONTWRITEBYTECODE`
(`environment`): users run with cached bytecode, so the timed processes read the
`.pyc` files that `compile_all` wrote before the first round instead of compiling
kommgraph's modules anew each time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    """One run of one command: seconds (None past the limit), peak RSS, exit code."""

    seconds: float | None
    limit: float
    rss_mb: float
    exit: int
    load: float = 0.0  # the machine's 1-minute load average when the run started

    @property
    def ok(self) -> bool:
        return self.seconds is not None and self.exit == 0

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rss_mb": self.rss_mb, "exit": self.exit, "limit": self.limit}
        out["load"] = self.load
        if self.seconds is None:
            out["timeout"] = True
        else:
            out["seconds"] = round(self.seconds, 4)
        return out


def run(
    argv: Sequence[str],
    limit: float,
    *,
    stdout: Path | None = None,
    stderr: Path | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Run:
    """Run `argv` to its end or to `limit` seconds; output goes to files (or nowhere)."""
    expired = threading.Event()
    with contextlib.ExitStack() as files:
        out = files.enter_context(stdout.open("wb")) if stdout else subprocess.DEVNULL
        err = files.enter_context(stderr.open("wb")) if stderr else subprocess.DEVNULL
        load = os.getloadavg()[0]
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv),
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            env=environment() if env is None else dict(env),
            start_new_session=True,
        )

        def kill() -> None:
            expired.set()
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(limit, kill)
        timer.daemon = True
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)  # reaped by wait4
    return Run(
        None if expired.is_set() else seconds,
        limit,
        round(usage.ru_maxrss / 1024, 1),
        code,
        round(load, 2),
    )


def environment(**extra: str) -> dict[str, str]:
    """This environment as users have it: bytecode may be cached (plus `extra`)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def compile_all(root: Path) -> None:
    """Write the bytecode of kommgraph, the benchmarks and the venv's packages (untimed)."""
    import sysconfig

    folders = [
        root / "src" / "kommgraph",
        root / "benchmarks",
        Path(sysconfig.get_paths()["purelib"]),
    ]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *map(str, folders)],
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )


def commit(root: Path) -> str:
    """The commit the harness ran at (recorded with the results), or "" outside git."""
    done = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip()


def summary(runs: Sequence[Run]) -> dict[str, Any]:
    """Min and median of the runs that finished, the peak RSS, and every run."""
    done = [r.seconds for r in runs if r.seconds is not None and r.exit == 0]
    out: dict[str, Any] = {"runs": [r.json() for r in runs]}
    if runs:
        out["rss_mb"] = max(r.rss_mb for r in runs)
        out["load_median"] = round(statistics.median(r.load for r in runs), 2)
    if done:
        out["min"] = round(min(done), 4)
        out["median"] = round(statistics.median(done), 4)
    elif any(r.seconds is None for r in runs):
        out["timeout"] = max(r.limit for r in runs if r.seconds is None)
    elif runs:
        out["error"] = f"exit {runs[-1].exit}"
    return out


def fmt_seconds(seconds: float) -> str:
    """Seconds with the digits their size needs (as bench.md shows them)."""
    if seconds < 0.001:
        return f"{seconds * 1000:.2g} ms"
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def fmt_cell(cell: Mapping[str, Any] | None) -> str:
    """A summary as "min / median", "> limit", "error" or "—"."""
    if not cell:
        return "—"
    if "median" in cell:
        runs = cell.get("runs", [])
        if len([r for r in runs if not isinstance(r, dict) or "seconds" in r]) <= 1:
            return fmt_seconds(cell["median"])
        return f"{fmt_seconds(cell['min'])} / {fmt_seconds(cell['median'])}"
    if "timeout" in cell:
        return f"> {cell['timeout']:g} s"
    if "error" in cell:
        ended = sorted(r["seconds"] for r in cell.get("runs", []) if "seconds" in r)
        if ended:
            middle = statistics.median(ended)
            shown = fmt_seconds(middle) if len(ended) == 1 else fmt_seconds(ended[0])
            if len(ended) > 1:
                shown += f" / {fmt_seconds(middle)}"
            return f"{cell['error']} after {shown}"
        return "error"
    return "—"


def fmt_ratio(slow: Mapping[str, Any] | None, fast: Mapping[str, Any] | None) -> str:
    """How many times `slow`'s median takes `fast`'s; "> N×" when `slow` hit its limit."""
    if not slow or not fast or "median" not in fast:
        return "—"
    own = max(float(fast["median"]), 1e-9)
    if "median" in slow:
        value = float(slow["median"]) / own
    elif "timeout" in slow:
        return f"> {float(slow['timeout']) / own:.0f}×"
    else:
        return "—"
    return f"{value:.2f}×" if value < 1 else f"{value:.1f}×" if value < 10 else f"{value:.0f}×"
