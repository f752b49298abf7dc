"""Writing: `-` is standard output, devices and FIFOs are streams, files are replaced whole.

Nothing is ever lost or replaced that should not be: a device node stays a
device, a symbolic link stays a link, a read-only file or folder is refused,
and a failed write leaves the old file and no temporary file beside it.
"""

from __future__ import annotations

import os
import select
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from kommgraph.errors import OutputError
from kommgraph.views import files

from .helpers import NETWORK, error_line, process, run

DATA = ("--data", str(NETWORK))


def leftovers(folder: Path) -> list[str]:
    """Hidden temporary files that a write left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_dash_writes_a_graphml_export_to_standard_output_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*DATA, "export", "--format", "graphml", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<?xml")
    assert nx.parse_graphml(result.stdout).number_of_nodes() > 5
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["gexf", "turtle", "jsonld"])
def test_dash_writes_every_single_file_export_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*DATA, "export", "--format", fmt, "-o", "-")
    assert result.exit_code == 0, result.output
    assert len(result.stdout) > 1000
    assert "wrote" not in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_csv_export_to_standard_output_is_refused_before_any_file_is_named_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*DATA, "export", "--format", "csv", "-o", "-")
    assert result.exit_code == 3
    assert "a CSV export is two files" in error_line(result.stderr)
    assert list(tmp_path.iterdir()) == []  # no file named "-" or "--edges.csv"


def test_the_page_and_a_figure_go_to_standard_output_with_the_report_on_standard_error(
    tmp_path: Path,
) -> None:
    page = run(*DATA, "viz", "-o", "-", "--no-timestamp")
    assert page.exit_code == 0, page.output
    assert page.stdout.startswith("<!DOCTYPE html>")
    assert page.stderr.startswith("wrote the page (")
    svg = run(*DATA, "viz", "-o", tmp_path / "p.html", "--svg", "-")
    assert svg.exit_code == 0, svg.output
    assert svg.stdout.startswith("<?xml") and "<svg" in svg.stdout
    assert f"wrote {tmp_path / 'p.html'}" in svg.stderr


def test_two_outputs_to_standard_output_are_a_usage_error(tmp_path: Path) -> None:
    result = run(*DATA, "viz", "-o", "-", "--png", "-")
    assert result.exit_code == 2
    assert "only one output can be standard output (-o, --png)" in result.stderr


def test_dev_full_as_output_gives_one_line_exit_3_and_stays_a_device() -> None:
    result = run(*DATA, "export", "--format", "graphml", "-o", "/dev/full")
    assert result.exit_code == 3
    assert error_line(result.stderr) == "Error: /dev/full: no space left on device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_dev_null_as_output_is_written_as_a_stream_and_stays_a_device() -> None:
    result = run(*DATA, "export", "--format", "gexf", "-o", "/dev/null")
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.graphml"
    os.mkfifo(path)
    return path


def test_a_fifo_with_a_reader_is_written_as_a_stream_and_stays_a_fifo(fifo: Path) -> None:
    # the reader is open before the export starts (a non-blocking open needs no writer);
    # an empty read means the end only once the writer has come and gone
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    received = bytearray()
    finished = threading.Event()

    def read() -> None:
        while True:
            select.select([fd], [], [], 0.05)
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                continue
            received.extend(chunk)
            if not chunk and finished.is_set():
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        result = run(*DATA, "export", "--format", "graphml", "-o", fifo)
    finally:
        finished.set()
        reader.join(timeout=60)
        os.close(fd)
    assert result.exit_code == 0, result.output
    assert bytes(received).startswith(b"<?xml")
    assert bytes(received).rstrip().endswith(b"</graphml>")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_refused_at_once_instead_of_waited_on(fifo: Path) -> None:
    result = run(*DATA, "export", "--format", "graphml", "-o", fifo)
    assert result.exit_code == 3
    assert error_line(result.stderr).endswith("pipe.graphml: no process reads from this FIFO")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        yield path


def test_a_socket_as_output_is_refused_and_stays_a_socket(unix_socket: Path) -> None:
    result = run(*DATA, "export", "--format", "graphml", "-o", unix_socket)
    assert result.exit_code == 3
    assert "is a socket" in error_line(result.stderr)
    assert stat.S_ISSOCK(os.stat(unix_socket).st_mode)


def block_device(tmp_path: Path) -> Path:
    """A block device: one of /dev's, or one made here (root only)."""
    for candidate in sorted(Path("/dev").iterdir()):
        if candidate.is_block_device():
            return candidate
    if os.geteuid() != 0:
        pytest.skip("no block device in /dev, and only root may make one")
    made = tmp_path / "disk"
    os.mknod(made, stat.S_IFBLK | 0o600, os.makedev(7, 0))
    return made


def test_a_block_device_as_output_is_refused_so_no_disk_is_overwritten(tmp_path: Path) -> None:
    device = block_device(tmp_path)
    result = run(*DATA, "export", "--format", "graphml", "-o", device)
    assert result.exit_code == 3
    assert "is a block device" in error_line(result.stderr)
    assert stat.S_ISBLK(os.stat(device).st_mode)


def test_a_symbolic_link_as_output_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.graphml"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.graphml"
    link.symlink_to(target)
    result = run(*DATA, "export", "--format", "graphml", "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("<?xml")
    assert leftovers(tmp_path) == []


def test_a_dangling_symbolic_link_gets_its_target_written(tmp_path: Path) -> None:
    link = tmp_path / "link.ttl"
    link.symlink_to(tmp_path / "new.ttl")
    result = run(*DATA, "export", "--format", "turtle", "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert (tmp_path / "new.ttl").read_text(encoding="utf-8").startswith("@prefix")


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "net.gexf"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run(*DATA, "export", "--format", "gexf", "-o", target).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8").startswith("<?xml")


def test_a_folder_as_output_is_refused(tmp_path: Path) -> None:
    result = run(*DATA, "export", "--format", "graphml", "-o", tmp_path)
    assert result.exit_code == 3
    assert error_line(result.stderr).endswith("is a folder; give a file name")


def test_a_file_as_folder_of_the_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run(*DATA, "export", "--format", "graphml", "-o", tmp_path / "file" / "out")
    assert result.exit_code == 3
    assert "a part of the path is a file, not a folder" in error_line(result.stderr)


def test_a_failing_csv_export_replaces_neither_file(tmp_path: Path) -> None:
    nodes, edges = tmp_path / "n-nodes.csv", tmp_path / "n-edges.csv"
    nodes.write_text("old nodes", encoding="utf-8")
    edges.mkdir()  # the second file cannot be written
    result = run(*DATA, "export", "--format", "csv", "-o", tmp_path / "n.csv")
    assert result.exit_code == 3
    assert nodes.read_text(encoding="utf-8") == "old nodes"
    assert leftovers(tmp_path) == []


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def broken(stream: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="no space left on device"):
        files.write_output(target, broken)
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []
    assert not files._PENDING


# ----- as an unprivileged user: folders and files one may not write -----


def test_output_into_a_folder_one_may_not_write_is_refused_before_any_work(shared: Path) -> None:
    locked = shared / "locked"
    locked.mkdir()
    locked.chmod(0o555)  # writable for no one but root, and the command runs as nobody
    done = process(
        ["export", "--format", "graphml", "-o", locked / "x.graphml"], shared, as_nobody=True
    )
    assert done.returncode == 3, done.stderr
    assert error_line(done.stderr).endswith("(permission denied)")
    assert list(locked.iterdir()) == []


def test_a_read_only_file_is_not_replaced_even_in_a_writable_folder(shared: Path) -> None:
    target = shared / "keep.graphml"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    done = process(["export", "--format", "graphml", "-o", target], shared, as_nobody=True)
    assert done.returncode == 3, done.stderr
    assert "read-only" in error_line(done.stderr)
    assert target.read_text(encoding="utf-8") == "keep me"
    assert leftovers(shared) == []


def test_an_undecodable_file_name_is_written_and_reported_escaped(tmp_path: Path) -> None:
    target = tmp_path / "net\udcff.graphml"  # the byte 0xff, as Python receives it from a shell
    result = run(*DATA, "export", "--format", "graphml", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"wrote {tmp_path}/net\\udcff.graphml\nwrote {tmp_path}/net\\udcff.evidence.json\n"
    )
    assert os.path.exists(os.fsencode(tmp_path) + b"/net\xff.graphml")


def test_an_undecodable_title_ends_up_escaped_in_the_page() -> None:
    result = run(*DATA, "viz", "-o", "-", "--title", "Netz \udcff")
    assert result.exit_code == 0, result.output
    assert "Netz \\udcff" in result.stdout
