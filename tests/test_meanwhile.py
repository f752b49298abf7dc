"""Work for the main thread while Oxigraph parses: run once, never when the index answers.

A first run imports what its command needs while the largest file parses
(`kommgraph.cli.warm`): the work moves, so it must neither be lost (its
errors and a Ctrl-C still reach the caller) nor stretch a timeout.
"""

from __future__ import annotations

import importlib.util
import threading
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kommgraph.api import KommGraph
from kommgraph.cli import main, warm
from kommgraph.rdf.loading import load
from kommgraph.rdf.worker import in_worker


def test_meanwhile_runs_before_the_wait_and_the_work_still_answers() -> None:
    seen: list[str] = []
    started = threading.Event()

    def work() -> str:
        started.wait(5)
        seen.append("work")
        return "answer"

    def meanwhile() -> None:
        seen.append("meanwhile")
        started.set()  # the work waits for it: both run at once

    assert in_worker(work, meanwhile=meanwhile) == "answer"
    assert seen == ["meanwhile", "work"]


def test_an_error_in_meanwhile_reaches_the_caller_and_stops_the_work() -> None:
    stop = threading.Event()

    def meanwhile() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        in_worker(lambda: stop.wait(5), meanwhile=meanwhile, stop=stop)
    assert stop.is_set()


def test_the_time_meanwhile_takes_counts_toward_the_timeout() -> None:
    begun = time.monotonic()
    with pytest.raises(TimeoutError):
        in_worker(lambda: time.sleep(3), timeout=0.3, meanwhile=lambda: time.sleep(0.3))
    assert time.monotonic() - begun < 1.5  # not 0.3 s of meanwhile and 0.3 s more of waiting


def test_load_runs_meanwhile_once_whatever_the_number_of_files(data: Path) -> None:
    calls: list[int] = []
    graph = load([data], meanwhile=lambda: calls.append(1))
    assert calls == [1]
    assert len(graph.files) > 2


def test_meanwhile_is_not_run_when_the_index_answers(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    KommGraph.build_index([data], cache)
    calls: list[int] = []
    graph = KommGraph.load([data], cache=cache, meanwhile=lambda: calls.append(1))
    assert graph.index is not None
    assert calls == []


def test_every_command_warm_names_exists_and_every_module_imports() -> None:
    assert isinstance(main, click.Group)
    for command, modules in warm.NEEDS.items():
        assert command in main.commands, command
        for name in modules:
            assert importlib.util.find_spec(name) is not None, name


def test_the_cli_warms_the_imports_of_the_command_it_runs(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str | None] = []
    real = warm.imports_for

    def recording(command: str | None) -> object:
        asked.append(command)
        return real(command)

    monkeypatch.setattr(warm, "imports_for", recording)
    result = CliRunner().invoke(main, ["--data", str(data), "communities"])
    assert result.exit_code == 0, result.output
    assert asked == ["communities"]
