"""Signals and exit codes: Ctrl-C is 130, SIGTERM 143, a closed pipe 141, a full disk 3.

Run as real processes: a signal arrives while an export of generated data is
being written (the target stays as it was, no temporary file stays behind) or
while the embedded store evaluates a query that never ends.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kommgraph import errors

from .helpers import DOCUMENTED, NETWORK, ROOT, command, environment, error_line, process

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate

HEADER = "#+ title: t\n#+ description: d\n"
ENDLESS = HEADER + "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }\n"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,000 generated events: an export whose writing takes seconds."""
    folder = tmp_path_factory.mktemp("signals") / "data"
    generate(1000, folder, seed=11)
    return folder


def started(args: list[str | Path], tmp_path: Path) -> subprocess.Popen[str]:
    """kommgraph started with Ctrl-C as at a terminal. A test run started in the background
    (`make test &`) ignores SIGINT and a child inherits that, so Python would never turn it
    into KeyboardInterrupt; a handled signal is reset to its default on exec instead."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(
            command(args),
            cwd=tmp_path,
            env=environment(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        signal.signal(signal.SIGINT, before)


def temporaries(folder: Path, name: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(f".{name}.")]


@pytest.fixture
def exporting(generated: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """An export of the generated data over an existing file, caught while it writes."""
    target = tmp_path / "graph.ttl"
    target.write_text("the old export\n", encoding="utf-8")
    args: list[str | Path] = ["--data", generated, "export", "--format", "turtle", "-o", target]
    child = started(args, tmp_path)
    try:
        deadline = time.monotonic() + 120  # a guard against hanging, not a measurement
        while not temporaries(tmp_path, target.name):
            assert child.poll() is None, "the export ended before it began to write"
            assert time.monotonic() < deadline, "the export never began to write"
            time.sleep(0.01)
        yield child, target
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=60)


@pytest.mark.parametrize(("sent", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_while_writing_ends_the_export_with_its_code_and_leaves_the_target(
    exporting: tuple[subprocess.Popen[str], Path], sent: signal.Signals, code: int
) -> None:
    child, target = exporting
    child.send_signal(sent)
    out, err = child.communicate(timeout=60)
    assert child.returncode == code, err
    assert "Traceback" not in err
    assert out == ""
    assert target.read_text(encoding="utf-8") == "the old export\n"
    assert temporaries(target.parent, target.name) == []


def wait_for_a_worker(child: subprocess.Popen[str]) -> None:
    """Until the command runs a second thread: loading or querying, past the start-up."""
    deadline = time.monotonic() + 120  # a guard against hanging, not a measurement
    while len(os.listdir(f"/proc/{child.pid}/task")) < 2:
        assert child.poll() is None, "the command ended before it queried"
        assert time.monotonic() < deadline, "the command never started its query"
        time.sleep(0.01)


@pytest.mark.parametrize(
    ("sent", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130), (signal.SIGHUP, 129)]
)
def test_a_signal_during_an_endless_query_ends_it_at_once(
    tmp_path: Path, sent: signal.Signals, code: int
) -> None:
    endless = tmp_path / "endless.rq"
    endless.write_text(ENDLESS, encoding="utf-8")
    child = started(["query", endless], tmp_path)
    try:
        wait_for_a_worker(child)
        child.send_signal(sent)
        _out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate(timeout=60)
    assert child.returncode == code, err
    assert "Traceback" not in err


def test_a_closed_pipe_ends_quietly_with_141(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte (`| head` done early)
    try:
        done = process(
            ["--data", NETWORK, "export", "--format", "turtle", "-o", "-"],
            tmp_path,
            stdout=write_end,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert done.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--format", "json"],
        ["query", "sources", "--format", "csv"],
        ["validate"],
    ],
)
def test_a_full_disk_on_standard_output_is_one_line_and_exit_3(
    tmp_path: Path, args: list[str]
) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = process(["--data", NETWORK, *args], tmp_path, stdout=full)
    assert done.returncode == 3, done.stderr
    assert error_line(done.stderr) == "Error: standard output: no space left on device"


def test_the_exit_code_table_of_the_readme_lists_every_code_of_the_library() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Exit codes") :]
    section = section[: section.index("\n#")]
    listed = {int(code) for code in re.findall(r"^\| (\d+) \|", section, flags=re.M)}
    constants = {getattr(errors, name) for name in dir(errors) if name.startswith("EXIT_")}
    assert listed == constants == DOCUMENTED
