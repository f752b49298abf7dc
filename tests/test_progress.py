"""Progress: reported by the library through callbacks, shown only on a terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from kommgraph import progress
from kommgraph.api import KommGraph
from kommgraph.cli import main
from kommgraph.network.edges import collaborations
from kommgraph.rdf.reading import data_size
from kommgraph.rdf.store import load_all

FIXTURE = Path(__file__).parent / "fixtures" / "network"


def test_loading_reports_every_byte_it_reads() -> None:
    seen: list[float] = []
    load_all([FIXTURE], progress=seen.append)
    assert len(seen) == len(list(FIXTURE.glob("*.ttl"))) + 1  # and the ontology
    assert sum(seen) == data_size([FIXTURE]) > 0


def test_pairing_reports_shares_that_add_up_to_the_whole() -> None:
    seen: list[float] = []
    collaborations(KommGraph.load([FIXTURE]).evidence, progress=seen.append)
    assert seen and sum(seen) == pytest.approx(1.0)


def test_a_bar_is_silent_and_free_when_not_on_a_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with progress.bar("Loading", 10) as advance:
        advance(5)
        advance(5)
    assert capsys.readouterr().err == ""


def test_a_bar_draws_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.delenv("KOMMGRAPH_NO_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    with progress.bar("Loading Turtle", 4) as advance:
        advance(4)
    assert "Loading Turtle" in screen.getvalue()


def test_no_progress_switch_silences_even_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    monkeypatch.setenv("KOMMGRAPH_NO_PROGRESS", "1")
    assert not progress.enabled()


def test_piped_commands_print_no_progress() -> None:
    result = CliRunner().invoke(main, ["--data", str(FIXTURE), "centrality", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "Loading" not in result.stderr and "Pairing" not in result.stderr


@pytest.mark.parametrize("engine", ["shacl", "pyshacl"])
def test_validation_reports_shares_that_add_up_to_the_whole(engine: str) -> None:
    from kommgraph.check.validate import validate
    from kommgraph.rdf.loading import load

    seen: list[float] = []
    validate(load([FIXTURE]), shacl_engine=engine, progress=seen.append)  # type: ignore[arg-type]
    assert len(seen) > 3 and sum(seen) == pytest.approx(1.0)


def test_the_api_validates_with_the_chosen_engine_and_reports_progress() -> None:
    seen: list[float] = []
    answer = KommGraph.check([FIXTURE], shacl_engine="pyshacl", progress=seen.append)
    assert answer.report is not None and answer.ok
    assert answer.report.engine == "pyshacl" and answer.report.violations == 0
    assert sum(seen) == pytest.approx(1.0)
