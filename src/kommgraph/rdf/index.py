"""The persistent index: the loaded data kept on disk, so that later commands skip parsing.

Parsing all Turtle again is most of what every command costs on a large data
set. The first command on a set of data files therefore builds an on-disk
Oxigraph store of them, with what the commands need precomputed beside it
(`extras`: the collaboration tables of `kommgraph.network.tables`), in a cache
folder; later commands open it read-only in milliseconds.

    <cache>/set-<key>/        one set of data paths (key: their resolved paths)
        CURRENT               JSON: format, version, the build in use, and the
                              files it was built from (path, size, mtime, sha256)
        build-<id>/           a complete build: store/, BUILD (JSON), extras,
                              results/ (answers computed later, cached)
        tmp-<id>/             a build in progress (readers never look here)

An index is used only while every file is as it was: same paths (none added,
none removed), same size and modification time, or, where those changed, the
same content (SHA-256). Anything else means the index is stale and is not
used. A build is written into a temporary folder and renamed into place, and
`CURRENT` is replaced in one step, so two commands building at once each
finish a whole build and readers never see half of one. `CURRENT` or a build
that does not parse, has another format or version, or whose store does not
open, is not trusted: the caller builds anew. Nothing in the folder is ever
executed or unpickled; it holds RDF, JSON and SQLite only.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kommgraph.rdf import resources
from kommgraph.rdf.closures import subject_count
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.reading import collect_files, default_paths

if TYPE_CHECKING:
    import pyoxigraph as ox

FORMAT = "kommgraph-index"
VERSION = 8  # raise when the layout or the extras change: older builds are then rebuilt
STALE_SECONDS = 3600.0  # a temporary build or lock this old belongs to a process that died


def default_cache() -> Path:
    """`$XDG_CACHE_HOME/kommgraph`, else `~/.cache/kommgraph` (the XDG base directory rules)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "kommgraph"


def data_files(paths: Sequence[Path] | None) -> list[Path]:
    """The files a load reads, in its order: the ontology, then the data files."""
    ontology = resources.ontology_file()
    files = collect_files(list(paths) if paths else default_paths())
    return [ontology, *(f for f in files if f.resolve() != ontology.resolve())]


def _hasher() -> Callable[[], Any]:
    """SHA-256 from the interpreter's own module where it has one (`_sha2` from Python
    3.12, `_sha256` before): `hashlib` loads OpenSSL first, 4 ms of every command's
    start, for the same digest."""
    for name in ("_sha2", "_sha256"):
        try:
            return cast(Callable[[], Any], importlib.import_module(name).sha256)
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256


def set_folder(cache: Path, paths: Sequence[Path] | None) -> Path:
    """The folder of one set of data paths (folders count as they are named, not their files)."""
    named = sorted(str(Path(p).resolve()) for p in (paths or default_paths()))
    digest = _hasher()()
    digest.update("\n".join([FORMAT, *named]).encode())
    return cache / f"set-{digest.hexdigest()[:24]}"


def _sha256(path: Path) -> str:
    digest = _hasher()()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return str(digest.hexdigest())


def _state(path: Path, sha256: str | None = None) -> dict[str, Any]:
    info = path.stat()
    return {
        "path": str(path.resolve()),
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "sha256": sha256 if sha256 is not None else _sha256(path),
    }


@dataclass
class Index:
    """An opened build: its store (read-only, opened when first queried), files and folder."""

    folder: Path
    graph: GraphStore
    info: dict[str, Any]

    def extra(self, name: str) -> Path:
        """A file precomputed beside the store (it may be absent in an older build)."""
        return self.folder / name

    def result(self, name: str) -> Any | None:
        """A cached answer (JSON), or None when it was not computed yet or is unreadable."""
        text = self.result_text(name)
        try:
            return None if text is None else json.loads(text)
        except ValueError:
            return None

    def result_text(self, name: str) -> str | None:
        """A cached answer as its JSON text (what a file export copies as it is)."""
        try:
            return (self.folder / "results" / f"{name}.json").read_text("utf-8")
        except (OSError, ValueError):
            return None

    def keep_result(self, name: str, value: Any) -> None:
        """Cache an answer beside the build (atomically; a failure only loses the cache)."""
        self.keep_text(name, json.dumps(value, ensure_ascii=False))

    def keep_text(self, name: str, text: str) -> None:
        """Cache an answer's JSON text (atomically; a failure only loses the cache)."""
        folder = self.folder / "results"
        with contextlib.suppress(OSError):
            folder.mkdir(exist_ok=True)
            temporary = folder / f".{name}.{uuid.uuid4().hex}"
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, folder / f"{name}.json")


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ours = isinstance(value, dict) and value.get("format") == FORMAT
    return value if ours and value.get("version") == VERSION else None


def _fresh(recorded: list[dict[str, Any]], files: list[Path]) -> list[dict[str, Any]] | None:
    """The manifest for `files` if they are what was recorded (content decides), else None.

    A file whose size and modification time are unchanged is taken as unchanged;
    only the others are read and hashed.
    """
    by_path = {str(entry.get("path")): entry for entry in recorded if isinstance(entry, dict)}
    if sorted(by_path) != sorted(str(f.resolve()) for f in files):
        return None
    manifest = []
    for path in files:
        entry = by_path[str(path.resolve())]
        info = path.stat()
        if (info.st_size, info.st_mtime_ns) == (entry.get("size"), entry.get("mtime_ns")):
            manifest.append(entry)
            continue
        if info.st_size != entry.get("size") or _sha256(path) != entry.get("sha256"):
            return None
        manifest.append(_state(path, str(entry["sha256"])))
    return manifest


def open_index(
    cache: Path, paths: Sequence[Path] | None, fallback: Callable[[], ox.Store] | None = None
) -> Index | None:
    """The index of these data paths if it is current and whole; None otherwise.

    Its store opens when first queried; if it turns out damaged then, the build
    is forgotten and `fallback()` (the files, loaded) serves instead.
    """
    folder = set_folder(cache, paths)
    current = _read_json(folder / "CURRENT")
    if current is None:
        return None
    files = data_files(paths)
    manifest = _fresh(list(current.get("files", [])), files)
    build = folder / str(current.get("build", ""))
    info = _read_json(build / "BUILD") if build.name.startswith("build-") else None
    if manifest is None or info is None:
        return None
    counts = {str(k): int(v) for k, v in dict(info.get("ontology_counts", {})).items()}
    if not _looks_whole(build):
        return None
    if manifest != current["files"]:  # files touched, content unchanged: remember the new times
        _write_current(folder, {**current, "files": manifest})
    graph = GraphStore(
        lambda: _open_or_fall_back(index, counts, fallback),
        files,
        (files[0],),
        counts,
        int(info.get("triples", 0)),
        int(info.get("computed", 0)),
    )
    index = Index(build, graph, info)
    return index


def _open_or_fall_back(
    index: Index, counts: dict[str, int], fallback: Callable[[], ox.Store] | None
) -> ox.Store:
    try:
        return open_store(index.folder, counts)
    except DamagedIndexError:
        forget(index)
        if fallback is None:
            raise
        return fallback()


def _looks_whole(build: Path) -> bool:
    """Whether a build has its parts, as far as can be seen without opening them.

    The store itself is opened (and checked) when a query first needs it:
    `open_store`. Commands answered from the tables never open it.
    """
    try:
        pointer = (build / "store" / "CURRENT").read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return False
    return pointer.startswith("MANIFEST-") and (build / "store" / pointer).is_file()


class DamagedIndexError(RuntimeError):
    """The store of an index does not read back what was written (the caller loads the files)."""


def open_store(build: Path, counts: dict[str, int]) -> ox.Store:
    """Open a build's store read-only and check that the ontology reads back as written."""
    import pyoxigraph as ox

    try:  # RocksDB reports a damaged store as a RuntimeError ("Corruption: ...")
        store = ox.Store.read_only(str(build / "store"))
        probe = next(iter(sorted(counts)), None)
        found = None if probe is None else subject_count(store, probe)
    except (OSError, RuntimeError, ValueError) as error:
        raise DamagedIndexError(f"{build}: {error}") from None
    if probe is not None and found != counts[probe]:
        raise DamagedIndexError(f"{build}: the store does not hold what was written")
    return store


def forget(index: Index) -> None:
    """Stop using this build: the next command builds anew (a damaged store was found)."""
    folder = index.folder.parent
    current = _read_json(folder / "CURRENT")
    if current is not None and current.get("build") == index.folder.name:
        with contextlib.suppress(OSError):
            (folder / "CURRENT").unlink()


def _write_current(folder: Path, current: dict[str, Any]) -> None:
    temporary = folder / f".CURRENT.{uuid.uuid4().hex}"
    temporary.write_text(json.dumps(current, indent=1), encoding="utf-8")
    os.replace(temporary, folder / "CURRENT")


def build_index(
    cache: Path,
    paths: Sequence[Path] | None,
    graph: GraphStore,
    extras: Callable[[GraphStore, Path], None] | None = None,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """Write a build of the loaded `graph` (from `paths`) and make it the current one.

    `extras(graph, folder)` writes what the commands want precomputed into the
    build folder. `progress` is called with shares of the work (adding up to 1).
    Returns the build folder.
    """
    import pyoxigraph as ox

    advance = progress or (lambda _share: None)
    folder = set_folder(cache, paths)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = [_state(path) for path in data_files(paths)]
    building = folder / f"tmp-{uuid.uuid4().hex}"
    building.mkdir()
    try:
        store = ox.Store(str(building / "store"))
        store.bulk_extend(graph.store)
        store.flush()
        triples = len(store)
        del store  # closes the database before the folder is renamed
        advance(0.6)
        if extras is not None:
            extras(graph, building)
        advance(0.35)
        info = {
            "format": FORMAT,
            "version": VERSION,
            "triples": triples,
            "computed": graph.computed,
            "ontology_counts": graph.ontology_counts,
            "built": time.time(),
        }
        (building / "BUILD").write_text(json.dumps(info, indent=1), encoding="utf-8")
        final = folder / f"build-{uuid.uuid4().hex}"
        os.rename(building, final)
    except BaseException:
        import shutil

        shutil.rmtree(building, ignore_errors=True)
        raise
    _write_current(
        folder, {"format": FORMAT, "version": VERSION, "build": final.name, "files": manifest}
    )
    _sweep(folder, keep=final.name)
    advance(0.05)
    return final


def _sweep(folder: Path, keep: str) -> None:
    """Remove builds that are no longer current and temporary builds of dead processes.

    A replaced build is kept a while: a command that opened it may still read.
    """
    import shutil

    now = time.time()
    for entry in folder.iterdir():
        old = now - entry.stat().st_mtime > STALE_SECONDS
        replaced = entry.name.startswith("build-") and entry.name != keep
        if entry.is_dir() and old and (replaced or entry.name.startswith("tmp-")):
            shutil.rmtree(entry, ignore_errors=True)


@contextlib.contextmanager
def build_lock(cache: Path, paths: Sequence[Path] | None) -> Any:
    """Yield True when this process may build the index of these paths (no other is building).

    The lock is a file created exclusively; one older than `STALE_SECONDS`
    belongs to a build that died and is taken over.
    """
    folder = set_folder(cache, paths)
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / "building.lock"
    with contextlib.suppress(OSError):
        if time.time() - lock.stat().st_mtime > STALE_SECONDS:
            lock.unlink()
    try:
        handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        yield False
        return
    try:
        os.write(handle, str(os.getpid()).encode())
        os.close(handle)
        yield True
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
