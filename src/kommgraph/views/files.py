"""Where output goes, and how it gets there without losing or half-writing a file.

Every command that writes uses this one module. A target is one of:

- `-` (or `/dev/stdout`): standard output, written as a stream;
- a character device or a FIFO: written as a stream, never replaced (a FIFO
  that no process reads from is refused rather than waited on);
- a regular file, or a name not yet taken: written to a temporary file in the
  same folder, flushed to disk, then renamed over the target in one step, so
  the old file stays whole until the new one is complete. A symbolic link is
  followed: the file it points to is replaced, the link stays.

Refused with an `OutputError`: folders, sockets, block devices (disks), read-only
files, folders that do not exist or cannot be written. Temporary files are
removed on every exit: on errors and on the exceptions that SIGINT and SIGTERM
raise, and at interpreter exit for whatever an unexpected path left behind.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, TextIO

from kommgraph.errors import OutputError

STDOUT = Path("-")
_STDOUT_NAMES = ("-", "/dev/stdout")
Writer = Callable[[BinaryIO], None]
Kind = Literal["stdout", "stream", "file"]

# temporary files being written right now; removed at exit if anything is left
_PENDING: set[str] = set()


@atexit.register
def remove_pending() -> None:
    """Remove every temporary file still registered (also called by the CLI on signals)."""
    for name in list(_PENDING):
        _discard(name)


@dataclass(frozen=True)
class Target:
    """A checked output target: how it is written, and the path that is really written."""

    path: Path
    kind: Kind
    real: Path

    @property
    def is_stream(self) -> bool:
        """Standard output, a device or a FIFO: written in place, never replaced."""
        return self.kind != "file"


def is_stdout(path: Path | str) -> bool:
    """Whether `path` names standard output (`-` or `/dev/stdout`)."""
    return str(path) in _STDOUT_NAMES


def _reason(exc: OSError) -> str:
    """The system's words for an error, without Python's "[Errno 28]"."""
    return exc.strerror.lower() if exc.strerror else str(exc)


def check_target(path: Path) -> Target:
    """Check where output to `path` would go, before any work is done; refuse what cannot be."""
    if is_stdout(path):
        return Target(path, "stdout", path)
    try:
        found: os.stat_result | None = os.stat(path)  # follows symbolic links
    except FileNotFoundError:
        found = None
    except NotADirectoryError:
        raise OutputError(path, "a part of the path is a file, not a folder") from None
    except (OSError, ValueError) as exc:
        reason = _reason(exc) if isinstance(exc, OSError) else "not a usable file name"
        raise OutputError(path, reason) from None
    if found is not None:
        mode = found.st_mode
        if stat.S_ISDIR(mode):
            raise OutputError(path, "is a folder; give a file name")
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            return Target(path, "stream", path)
        if stat.S_ISSOCK(mode):
            raise OutputError(path, "is a socket; output goes to files, devices or FIFOs")
        if stat.S_ISBLK(mode):
            raise OutputError(path, "is a block device (a disk); refused, it would be overwritten")
        if not os.access(path, os.W_OK):
            raise OutputError(path, "the file is read-only (permission denied)")
    real = Path(os.path.realpath(path))
    folder = real.parent
    if not folder.is_dir():
        raise OutputError(path, f"folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(path, f"cannot write in folder {folder} (permission denied)")
    return Target(path, "file", real)


def write_output(path: Path, write: Writer) -> Path:
    """Write to `path` ("-" is standard output) as `check_target` describes; return `path`."""
    return write_outputs([(path, write)])[0]


def write_outputs(outputs: Sequence[tuple[Path, Writer]]) -> list[Path]:
    """Write several outputs; the regular files are renamed into place only when all are written.

    So an export of two files (CSV nodes and edges) never leaves one new and one old.
    """
    targets = [(check_target(path), write) for path, write in outputs]
    staged: list[tuple[str, Target]] = []
    try:
        for target, write in targets:
            if target.is_stream:
                _stream(target, write)
            else:
                staged.append((_stage(target, write), target))
        for temporary, target in staged:
            try:
                os.replace(temporary, target.real)
            except OSError as exc:
                raise OutputError(target.path, _reason(exc)) from None
            _PENDING.discard(temporary)
    finally:
        for temporary, _target in staged:
            if temporary in _PENDING:
                _discard(temporary)
    return [path for path, _write in outputs]


def _stage(target: Target, write: Writer) -> str:
    """Write into a new temporary file beside the target (registered for removal)."""
    folder = target.real.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.real.name}.", dir=folder)
    except OSError as exc:
        reason = f"cannot write in folder {folder} ({_reason(exc)})"
        raise OutputError(target.path, reason) from None
    _PENDING.add(temporary)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        _set_mode(temporary, target.real)
    except BaseException as exc:  # SIGINT and SIGTERM arrive as exceptions too
        _discard(temporary)
        if isinstance(exc, OSError):
            raise OutputError(target.path, _reason(exc)) from None
        raise
    return temporary


def _discard(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)
    _PENDING.discard(temporary)


def _set_mode(temporary: str, real: Path) -> None:
    """The replaced file's permissions (and owner, when root writes), else the umask's."""
    try:
        old = os.stat(real)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        return
    os.chmod(temporary, stat.S_IMODE(old.st_mode))
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        with contextlib.suppress(OSError):
            os.chown(temporary, old.st_uid, old.st_gid)


def _stream(target: Target, write: Writer) -> None:
    """Write in place: standard output, a character device or a FIFO."""
    if target.kind == "stdout":
        sys.stdout.flush()
        out = sys.stdout.buffer
        try:
            write(out)
            out.flush()
        except BrokenPipeError:
            raise  # the reader went away (`| head`): the command line ends quietly
        except OSError as exc:
            raise OutputError(target.path, _reason(exc)) from None
        return
    try:
        # O_NONBLOCK: opening a FIFO that nobody reads fails at once instead of waiting forever
        fd = os.open(target.path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(target.path, "no process reads from this FIFO") from None
        raise OutputError(target.path, _reason(exc)) from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as stream:
            write(stream)
    except OSError as exc:
        raise OutputError(target.path, _reason(exc)) from None


@contextlib.contextmanager
def text_stream(stream: BinaryIO, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text view of a binary stream that leaves the stream open (it may be stdout)."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline=newline, write_through=True)
    try:
        yield text
        text.flush()
    finally:
        text.detach()


def write_text(path: Path, text: str) -> Path:
    """Write `text` as UTF-8 to `path` ("-" is standard output)."""
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to `path` ("-" is standard output)."""

    def write(stream: BinaryIO) -> None:
        stream.write(data)

    return write_output(path, write)
