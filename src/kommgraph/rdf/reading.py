"""Reading input files so that nothing hangs, nothing is skipped and nothing is too large.

Every file kommgraph reads from the user (Turtle, `.rq` queries, source texts)
goes through `read_input`: only regular files are read (a FIFO or a device
would block or never end), a file above the size limit is refused before a
byte is read, and every failure is a `DataPathError` naming the path. Folders
are walked by `walk_files`, which reports an unreadable subfolder instead of
skipping it (`Path.rglob` skips it silently, and the answers would be computed
on part of the data).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from kommgraph.errors import DataPathError, InputLimitError, KommgraphError, ValueFieldError
from kommgraph.rdf import resources

LIMIT_SETTING = "KOMMGRAPH_MAX_INPUT_BYTES"
TURTLE_SUFFIXES = (".ttl",)
DEFAULT_LIMIT = 2 << 30  # 2 GiB per file: far above any curated data, below exhausting memory


def input_limit() -> int:
    """The largest input file read, in bytes: KOMMGRAPH_MAX_INPUT_BYTES or 2 GiB."""
    given = os.environ.get(LIMIT_SETTING, "").strip()
    if not given:
        return DEFAULT_LIMIT
    if not given.isdigit() or int(given) <= 0:
        raise ValueFieldError(LIMIT_SETTING, given, "give a whole number of bytes above 0")
    return int(given)


def why_unreadable(exc: OSError | ValueError) -> str:
    """The reason of a failed open or stat, in a few words."""
    if isinstance(exc, ValueError):
        return "not a usable file name"
    if isinstance(exc, PermissionError):
        return "cannot be read (permission denied)"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if exc.errno == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return f"cannot be read ({(exc.strerror or str(exc)).lower()})"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def check_input(path: Path, info: os.stat_result, limit: int) -> None:
    """Refuse what is not a regular file, or is larger than `limit` bytes."""
    if not stat.S_ISREG(info.st_mode):
        raise DataPathError(path, f"is {_kind(info.st_mode)}; only regular files are read")
    if info.st_size > limit:
        raise InputLimitError(path, info.st_size, limit, LIMIT_SETTING)


def stat_input(path: Path) -> os.stat_result:
    """`os.stat`, with every failure a `DataPathError` naming the path."""
    try:
        return os.stat(path)
    except (OSError, ValueError) as exc:
        raise DataPathError(path, why_unreadable(exc)) from None


def read_input(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (default: `input_limit()`).

    The file is opened without blocking, then checked on the open handle: a
    FIFO named like a Turtle file cannot make the command wait forever, and a
    file swapped between a check and the read is still checked.
    """
    limit = input_limit() if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except (OSError, ValueError) as exc:
        raise DataPathError(path, why_unreadable(exc)) from None
    try:
        check_input(path, os.fstat(fd), limit)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DataPathError(path, why_unreadable(exc)) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise InputLimitError(path, len(data), limit, LIMIT_SETTING)
    return data


def walk_files(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """The files below `folder` whose names end in `suffixes`, sorted; unreadable folders raise.

    Symbolic links to folders are not followed (as `Path.rglob` did not); every
    other entry with a matching name is listed, FIFOs and devices included, so
    that reading refuses them by name instead of leaving them out unnoticed.
    """

    def fail(exc: OSError) -> None:
        raise DataPathError(Path(exc.filename or folder), why_unreadable(exc))

    found: list[Path] = []
    for root, _dirs, files in os.walk(folder, onerror=fail):
        found.extend(Path(root, name) for name in files if name.endswith(suffixes))
    return iter(sorted(found))


def collect_files(paths: Sequence[Path]) -> list[Path]:
    """Expand folders into their Turtle files (sorted, recursive); check every one before reading.

    Every path must be readable at every depth, a regular file and within the
    size limit (`kommgraph.rdf.reading`); the first that is not is an error
    naming it, before any file is parsed.
    """
    files: list[Path] = []
    limit = input_limit()
    for path in paths:
        info = stat_input(path)
        if stat.S_ISDIR(info.st_mode):
            found = list(walk_files(path, TURTLE_SUFFIXES))
            if not found:
                raise DataPathError(path, "folder holds no Turtle (*.ttl) files")
            for file in found:
                check_input(file, stat_input(file), limit)
            files.extend(found)
        else:
            check_input(path, info, limit)
            files.append(path)
    return files


def default_paths() -> list[Path]:
    """The bundled data folder."""
    return [resources.data_dir()]


def data_size(paths: Sequence[Path] | None = None, *, ontology: bool = True) -> int:
    """Bytes of Turtle that `load` would read (for a progress bar); 0 if a path is missing."""
    try:
        files = collect_files(list(paths) if paths else default_paths())
        extra = [resources.ontology_file()] if ontology else []
        return sum(f.stat().st_size for f in {f.resolve() for f in [*files, *extra]})
    except (KommgraphError, OSError, RuntimeError):  # loading itself reports what is wrong
        return 0
