"""What the hardening tests share: the command line in-process, as a process, as nobody."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner, Result

from kommgraph.cli import main

ROOT = Path(__file__).resolve().parents[2]
NETWORK = ROOT / "tests" / "fixtures" / "network"  # small valid data: fast to load
NOBODY = 65534  # the unprivileged user and group of Debian
# every exit code the README documents (the table under "Exit codes")
DOCUMENTED = {0, 1, 2, 3, 129, 130, 141, 143}


def run(*args: str | Path, input: str | None = None) -> Result:
    """The command line in-process, standard output and error kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def error_line(text: str) -> str:
    """The one line an error prints: 'Error: ...', and no traceback."""
    assert "Traceback" not in text, text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert lines[0].startswith("Error: "), text
    return lines[0]


def unprivileged() -> list[str]:
    """The prefix that runs a command as nobody when the tests run as root (else nothing)."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


@cache
def nobody_cannot_run() -> str | None:
    """Why nobody cannot run this checkout's kommgraph (None: it can).

    A checkout inside a folder only root may enter (say, under a `mktemp -d` folder,
    mode 700) hides the package and its virtualenv from every other user; the tests
    that show what another user may not read then have nobody to run as.
    """
    probe = [*unprivileged(), sys.executable, "-c", "import kommgraph.cli"]
    done = subprocess.run(probe, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode == 0:
        return None
    return (
        f"nobody (uid {NOBODY}) cannot import kommgraph from {ROOT} (is a folder above it "
        f"closed to other users?): {done.stderr.strip().splitlines()[-1:]}"
    )


def environment(home: Path) -> dict[str, str]:
    """This Python's environment for a child, without endpoint settings or progress bars."""
    env = {
        k: v
        for k, v in os.environ.items()
        if (not k.startswith("KOMMGRAPH_") or k == "KOMMGRAPH_BACKGROUND_INDEX")
        and k not in ("PYTHONPATH", "PYTHONSTARTUP")
    }
    env.update(HOME=str(home), KOMMGRAPH_NO_PROGRESS="1", PYTHONDONTWRITEBYTECODE="1")
    return env


def command(args: Sequence[str | Path], *, as_nobody: bool = False) -> list[str]:
    """`python -m kommgraph ARGS`, as nobody if asked and possible."""
    prefix = unprivileged() if as_nobody else []
    return [*prefix, sys.executable, "-m", "kommgraph", *(str(a) for a in args)]


def process(
    args: Sequence[str | Path],
    cwd: Path,
    *,
    as_nobody: bool = False,
    stdout: int | IO[Any] | None = subprocess.PIPE,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the command line as a process; a hang fails the test after two minutes."""
    if as_nobody and unprivileged() and (why := nobody_cannot_run()):
        pytest.skip(why)
    return subprocess.run(
        command(args, as_nobody=as_nobody),
        cwd=cwd,
        env=env or environment(cwd),
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )
