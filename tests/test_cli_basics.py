"""The command line's frame: help, `python -m kommgraph`, light imports, usage errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import kommgraph
from kommgraph.cli import main

HEAVY = ("rdflib", "pyoxigraph", "pyshacl", "networkx", "pyvis", "SPARQLWrapper", "matplotlib")
FOUNDATION_COMMANDS = {"validate", "stats", "queries", "query", "push"}


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A fresh interpreter of this environment, outside the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def listed_commands(help_text: str) -> set[str]:
    """The command names in the `Commands:` section of a click help page."""
    section = help_text.split("\nCommands:\n", 1)[1]
    return {
        line.split()[0] for line in section.splitlines() if line.startswith("  ") and line.strip()
    }


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: main [OPTIONS] COMMAND [ARGS]...")
    with click.Context(main) as ctx:
        registered = set(main.list_commands(ctx))
    assert listed_commands(result.output) == registered
    assert registered >= FOUNDATION_COMMANDS


def test_help_documents_the_exit_codes_and_global_options() -> None:
    result = CliRunner().invoke(main, ["--help"])
    text = " ".join(result.output.split())
    assert (
        "Exit codes: 0 ok, 1 data or input problem, 2 usage error, 3 output not written, "
        "130 interrupted (Ctrl-C), 141 output pipe closed, 129/143 ended by SIGHUP/SIGTERM."
    ) in text
    assert "--data PATH" in result.output
    assert "--endpoint URL" in result.output


def test_short_help_option_works_too() -> None:
    assert CliRunner().invoke(main, ["-h"]).output == CliRunner().invoke(main, ["--help"]).output


def test_version_is_the_package_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert kommgraph.__version__ in result.output


def test_python_dash_m_kommgraph_shows_help(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-m", "kommgraph", "--help"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: python -m kommgraph [OPTIONS] COMMAND [ARGS]...")
    assert listed_commands(result.stdout) >= FOUNDATION_COMMANDS


def test_import_kommgraph_imports_no_heavy_module(tmp_path: Path) -> None:
    code = f"import sys, kommgraph; print([m for m in {HEAVY!r} if m in sys.modules])"
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_import_kommgraph_leaves_rdflib_and_pyoxigraph_unloaded(tmp_path: Path) -> None:
    code = "import kommgraph, sys; print('rdflib' in sys.modules, 'pyoxigraph' in sys.modules)"
    result = run_python(code, tmp_path)
    assert result.stdout.strip() == "False False", result.stderr


def test_help_imports_no_heavy_module(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from kommgraph.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)\n"
    )
    result = run_python(code, tmp_path)
    assert result.stderr.strip() == "[]"


def test_public_api_names_resolve_on_first_use() -> None:
    assert set(kommgraph.__all__) == {"KommGraph", "KommgraphError", "__version__"}
    assert kommgraph.KommGraph.__name__ == "KommGraph"
    with pytest.raises(AttributeError):
        _ = kommgraph.NoSuchThing


@pytest.mark.parametrize(
    "args",
    [
        ["no-such-command"],
        ["validate", "--format", "xml"],
        ["stats", "--no-such-option"],
        ["--data"],
        ["push"],
    ],
    ids=["unknown command", "bad choice", "unknown option", "missing value", "push without URL"],
)
def test_usage_error_exits_2_without_traceback(args: list[str]) -> None:
    result = CliRunner(env={"KOMMGRAPH_ENDPOINT": None}).invoke(main, args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "Error:" in result.stderr
