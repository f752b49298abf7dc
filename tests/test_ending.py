"""The installed command ends without tearing its objects down, and loses nothing by it.

`kommgraph.cli.ending.finish` flushes, runs the exit handlers and ends the
process; it ends as usual where that could lose something (a thread Python
would wait for, an output that cannot be flushed, a message as the code).
The errors a command ends with keep every field when a worker process hands
them back pickled.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

NETWORK = Path(__file__).parent / "fixtures" / "network"


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )


def test_finish_flushes_runs_the_exit_handlers_and_keeps_the_code(tmp_path: Path) -> None:
    done = run_python(
        """
        import atexit, sys
        from pathlib import Path
        from kommgraph.cli.ending import finish
        atexit.register(lambda: Path("handler-ran").write_text("yes"))
        sys.stdout.write("x" * 100_000)  # buffered, no newline
        sys.stderr.write("to stderr")
        finish(3)
        """,
        tmp_path,
    )
    assert done.returncode == 3
    assert done.stdout == "x" * 100_000
    assert done.stderr == "to stderr"
    assert (tmp_path / "handler-ran").read_text() == "yes"


def test_finish_waits_for_a_thread_python_would_wait_for(tmp_path: Path) -> None:
    done = run_python(
        """
        import threading, time
        from pathlib import Path
        from kommgraph.cli.ending import finish
        def late():
            time.sleep(0.5)
            Path("thread-done").write_text("yes")
        threading.Thread(target=late).start()
        finish(0)
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "thread-done").read_text() == "yes"


def test_finish_with_a_message_prints_it_and_exits_1(tmp_path: Path) -> None:
    done = run_python(
        "from kommgraph.cli.ending import finish\nfinish('stopped: because')\n", tmp_path
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "stopped: because"


def kommgraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kommgraph", "--data", str(NETWORK), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_writes_whole_answers_and_files_and_keeps_exit_codes(
    tmp_path: Path,
) -> None:
    stats = kommgraph("stats", "--format", "json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)
    graphml = tmp_path / "network.graphml"
    export = kommgraph("export", "--format", "graphml", "-o", str(graphml))
    assert export.returncode == 0, export.stderr
    assert ET.parse(graphml).getroot().tag.endswith("graphml")
    unknown = kommgraph("collab", "Nobody At All")
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("Error: unknown actor")
    usage = kommgraph("collab")
    assert usage.returncode == 2


def test_errors_keep_their_fields_as_args_and_survive_pickling() -> None:
    """A worker process hands its errors back pickled; every field must come through."""
    import pickle

    from kommgraph.errors import ParseError, PushError

    error = ParseError(Path("a.ttl"), 3, 4, "bad")
    again = pickle.loads(pickle.dumps(error))
    assert (again.path, again.line, again.column, again.reason) == (Path("a.ttl"), 3, 4, "bad")
    assert str(again) == "a.ttl:3:4: bad"
    pushed = PushError("http://x", "uploading", "boom", "nothing changed", 500).with_state("kept")
    assert (pushed.state, pushed.status, pushed.needs_graph) == ("kept", 500, False)
