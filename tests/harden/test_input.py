"""Reading: every path that cannot be read is an error naming it, at any depth.

Only regular files are parsed (a FIFO or a device is refused, so nothing waits
forever), files above the size limit are refused before they are read, and no
folder is skipped silently.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kommgraph.rdf.reading import DEFAULT_LIMIT, collect_files, input_limit, read_input

from .helpers import NETWORK, error_line, process, run


@pytest.fixture
def data(shared: Path) -> Path:
    """A copy of the network fixture in a folder every user can read."""
    folder = shared / "data"
    shutil.copytree(NETWORK, folder)
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


def test_the_data_copy_reads_fine_as_nobody(data: Path) -> None:
    done = process(["--data", data, "stats", "--format", "json"], data.parent, as_nobody=True)
    assert done.returncode == 0, done.stderr


def test_an_unreadable_data_file_is_an_error_naming_it(data: Path) -> None:
    (data / "events.ttl").chmod(0o000)
    done = process(["--data", data, "stats"], data.parent, as_nobody=True)
    assert done.returncode == 1, done.stderr
    assert error_line(done.stderr) == (
        f"Error: {data / 'events.ttl'}: cannot be read (permission denied)"
    )


def test_an_unreadable_subfolder_is_an_error_not_skipped(data: Path) -> None:
    hidden = data / "more" / "deeper"
    hidden.mkdir(parents=True)
    shutil.copy(data / "events.ttl", hidden / "extra.ttl")
    hidden.chmod(0o000)
    done = process(["--data", data, "stats"], data.parent, as_nobody=True)
    assert done.returncode == 1, done.stderr
    assert error_line(done.stderr) == f"Error: {hidden}: cannot be read (permission denied)"


def test_a_subfolder_that_can_be_listed_but_not_entered_names_its_file(data: Path) -> None:
    half = data / "half"
    half.mkdir()
    shutil.copy(data / "events.ttl", half / "events-2.ttl")
    half.chmod(0o644)  # listing the names is allowed, entering (x) is not
    done = process(["--data", data, "stats"], data.parent, as_nobody=True)
    assert done.returncode == 1, done.stderr
    assert error_line(done.stderr) == (
        f"Error: {half / 'events-2.ttl'}: cannot be read (permission denied)"
    )


def test_validate_reports_an_unreadable_file_too(data: Path) -> None:
    (data / "entities.ttl").chmod(0o000)
    done = process(["--data", data, "validate"], data.parent, as_nobody=True)
    assert done.returncode == 1, done.stderr
    assert "entities.ttl: cannot be read (permission denied)" in error_line(done.stderr)


def test_an_unreadable_source_text_is_an_error_not_a_missing_quote(data: Path) -> None:
    texts = data.parent / "texts"
    texts.mkdir(mode=0o755)
    for name in ("bericht-testkongress.txt", "gespraech-suedstadt.txt"):
        (texts / name).write_text("", encoding="utf-8")
    (texts / "gespraech-suedstadt.txt").chmod(0o000)
    done = process(["--data", data, "validate", "--sources", texts], data.parent, as_nobody=True)
    assert done.returncode == 1, done.stderr
    assert error_line(done.stderr) == (
        f"Error: {texts / 'gespraech-suedstadt.txt'}: cannot be read (permission denied)"
    )


def test_a_fifo_given_as_data_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "data.ttl"
    os.mkfifo(fifo)
    result = run("--data", fifo, "stats")
    assert result.exit_code == 1
    assert error_line(result.stderr) == f"Error: {fifo}: is a FIFO; only regular files are read"


def test_a_fifo_inside_a_data_folder_is_refused_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(NETWORK, folder)
    os.mkfifo(folder / "late.ttl")
    result = run("--data", folder, "stats")
    assert result.exit_code == 1
    assert error_line(result.stderr).endswith("late.ttl: is a FIFO; only regular files are read")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/stdin"])
def test_a_device_given_as_data_is_refused(device: str) -> None:
    result = run("--data", device, "stats")
    assert result.exit_code == 1
    assert "only regular files are read" in error_line(result.stderr)


def test_a_fifo_given_as_query_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "q.rq"
    os.mkfifo(fifo)
    result = run("--data", NETWORK, "query", fifo)
    assert result.exit_code == 1
    assert error_line(result.stderr) == f"Error: {fifo}: is a FIFO; only regular files are read"


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.ttl"
    big.write_bytes(b"# " + b"x" * 4096 + b"\n")
    monkeypatch.setenv("KOMMGRAPH_MAX_INPUT_BYTES", "1024")
    result = run("--data", big, "stats")
    assert result.exit_code == 1
    assert error_line(result.stderr) == (
        f"Error: {big}: 4.0 KiB is more than the limit of 1.0 KiB per input file "
        "(raise it with KOMMGRAPH_MAX_INPUT_BYTES=BYTES)"
    )


def test_the_size_limit_is_2_gib_unless_the_environment_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert input_limit() == DEFAULT_LIMIT == 2 * 1024**3
    monkeypatch.setenv("KOMMGRAPH_MAX_INPUT_BYTES", "5000000000")
    assert input_limit() == 5_000_000_000


@pytest.mark.parametrize("value", ["0", "-5", "lots", "1e9"])
def test_a_bad_size_limit_setting_is_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("KOMMGRAPH_MAX_INPUT_BYTES", value)
    result = run("--data", NETWORK, "stats")
    assert result.exit_code == 1
    assert error_line(result.stderr) == (
        "Error: KOMMGRAPH_MAX_INPUT_BYTES: give a whole number of bytes above 0"
    )


def test_a_file_that_grows_past_the_limit_is_refused_by_the_read_itself(tmp_path: Path) -> None:
    path = tmp_path / "a.ttl"
    path.write_bytes(b"x" * 100)
    with pytest.raises(Exception, match="is more than the limit"):
        read_input(path, limit=10)


def test_a_missing_path_names_the_path(tmp_path: Path) -> None:
    result = run("--data", tmp_path / "nope.ttl", "stats")
    assert result.exit_code == 1
    assert error_line(result.stderr) == f"Error: {tmp_path / 'nope.ttl'}: no such file or folder"


def test_a_path_with_a_nul_byte_or_a_very_long_name_is_one_line() -> None:
    nul = run("--data", "a\0b.ttl", "stats")
    assert nul.exit_code == 1
    assert error_line(nul.stderr) == r"Error: a\x00b.ttl: not a usable file name"
    long = run("--data", "d" * 5000, "stats")
    assert long.exit_code == 1
    assert error_line(long.stderr) == f"Error: {'d' * 255}…: cannot be read (file name too long)"


def test_folders_are_still_read_recursively_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "c").mkdir(parents=True)
    for name in ("b/2.ttl", "a/c/1.ttl", "a/0.ttl", "a/ignored.txt"):
        (tmp_path / name).write_text("", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_files([tmp_path])]
    assert found == ["a/0.ttl", "a/c/1.ttl", "b/2.ttl"]


def test_a_fifo_given_as_shapes_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "shapes.ttl"
    os.mkfifo(fifo)
    result = run("--data", NETWORK, "validate", "--shapes", fifo)
    assert result.exit_code == 1
    assert error_line(result.stderr) == f"Error: {fifo}: is a FIFO; only regular files are read"
