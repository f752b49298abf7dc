"""Parse Turtle into the embedded store, with file:line:column errors.

The embedded store is Oxigraph (pyoxigraph), chosen by measurement (see
README, "Choice of the embedded store"): it parses and answers the
collaboration aggregations one to two orders of magnitude faster than
rdflib's in-memory store. rdflib is still used where its ecosystem is needed
(pyshacl, serializers): `GraphStore.to_rdflib()` converts on demand.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kommgraph.errors import ParseError
from kommgraph.rdf import resources
from kommgraph.rdf.closures import not_computed_filter, remove_stated
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.iris import KG
from kommgraph.rdf.reading import (
    TURTLE_SUFFIXES,
    collect_files,
    default_paths,
    read_input,
    stat_input,
)
from kommgraph.rdf.worker import in_worker

if TYPE_CHECKING:
    pass


def _decode(path: Path, raw: bytes | None = None) -> str:
    """Read a file as UTF-8 (dropping a byte-order mark), naming the first byte that is not."""
    raw = read_input(path) if raw is None else raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ParseError(path, None, None, "binary file, not Turtle") from None
        start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[start : exc.start].decode("utf-8", errors="replace")) + 1
        reason = f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        raise ParseError(path, line, column, reason) from None


def _end_of_content(text: str, line: int, column: int) -> tuple[int, int]:
    """An error found past the last statement (a missing final dot) points just after it."""
    content = re.split(r"\r\n|\r|\n", text.rstrip())
    end = (len(content), len(content[-1]) + 1)
    return min((line, column), end)


def _text(path: Path) -> str:
    text = _decode(path)
    if "\x00" in text:
        raise ParseError(path, None, None, "binary file, not Turtle")
    return text


def _checked_bytes(path: Path) -> bytes:
    """The file's bytes, checked as `_text` checks its text (UTF-8, no NUL), without
    the byte-order mark: what Oxigraph parses, without a decoded copy to encode again."""
    raw = read_input(path)
    _decode(path, raw)  # raises, naming the byte, unless UTF-8 (Oxigraph lets comments pass)
    if b"\x00" in raw:
        raise ParseError(path, None, None, "binary file, not Turtle")
    return raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw


def _syntax_error(path: Path, text: str, exc: SyntaxError) -> ParseError:
    """Oxigraph's syntax error as file:line:column and a reason without the preamble."""
    reason = str(exc.args[0]) if exc.args else str(exc)
    if ": " in reason and reason.startswith("Parser error"):
        reason = reason.split(": ", 1)[1]
    if path.suffix not in TURTLE_SUFFIXES:
        reason += f" (is {path.name} Turtle? kommgraph reads Turtle files, *.ttl)"
    line, column = exc.lineno, exc.offset
    if line is not None and column is not None:
        line, column = _end_of_content(text, line, column)
    return ParseError(path, line, column, reason)


def parse_turtle(path: Path) -> list[ox.Quad]:
    """Parse one Turtle file completely into quads (for code that needs the terms)."""
    text = _text(path)
    try:
        return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=None))
    except SyntaxError as exc:
        raise _syntax_error(path, text, exc) from None


def load_turtle(store: ox.Store, path: Path, meanwhile: Callable[[], object] | None = None) -> None:
    """Add one Turtle file to the store, all or nothing (Oxigraph's load is a transaction).

    Parsing inside Oxigraph, without a Python object per triple, loads about
    twice as fast as parsing to quads first. `meanwhile()` runs while it parses.
    """
    data = _checked_bytes(path)
    try:  # in a worker, so that Ctrl-C and SIGTERM are not held up by a large file
        in_worker(lambda: store.load(data, format=ox.RdfFormat.TURTLE), meanwhile=meanwhile)
    except SyntaxError as exc:
        raise _syntax_error(path, _decode(path, data), exc) from None


def load_all(
    paths: Sequence[Path] | None = None,
    *,
    ontology: bool = True,
    progress: Callable[[float], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[GraphStore, list[ParseError]]:
    """Load what parses and collect every parse error, so `validate` can report them all.

    The graph holds what the files state: triples of the computed properties
    are removed (`kommgraph.rdf.closures`; `loading.load` computes them).
    `progress` is called with the size in bytes of each file read;
    `meanwhile()` runs once, while the largest file parses.
    """
    files = collect_files(list(paths) if paths else default_paths())
    store = ox.Store()
    errors: list[ParseError] = []
    onto: tuple[Path, ...] = ()
    counts: dict[str, int] = {}
    if ontology:
        onto = (resources.ontology_file(),)
        files = [*onto, *(f for f in files if f.resolve() != onto[0].resolve())]
    sizes = {path: stat_input(path).st_size for path in files}
    largest = max(files, key=sizes.__getitem__, default=None)
    for path in files:
        try:
            load_turtle(store, path, meanwhile if path == largest else None)
        except ParseError as exc:
            errors.append(exc)
        if progress is not None:
            progress(sizes[path])
        if path in onto:
            counts = term_counts(store)
    remove_stated(store)
    return GraphStore(store, files, onto, counts), errors


_COUNTS = f"""
SELECT ?term (COUNT(*) AS ?n) WHERE {{
  ?term ?p ?o .
  FILTER(isIRI(?term) && STRSTARTS(STR(?term), "{KG}"))
  {not_computed_filter("?p")}
}}
GROUP BY ?term
"""


def term_counts(store: ox.Store) -> dict[str, int]:
    """How many stated triples each `kg:` term is the subject of (a scan of the whole store).

    Computed triples do not count: `kg:Workshop kg:subClassOfOrSelf kg:Event` is code's.
    """
    rows = store.query(_COUNTS)
    assert isinstance(rows, ox.QuerySolutions)
    return {row[0].value: int(row[1].value) for row in rows}
