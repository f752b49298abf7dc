"""Parse Turtle into the embedded store, with file:line:column errors.

The embedded store is Oxigraph (pyoxigraph), chosen by measurement (see
README, "Choice of the embedded store"): it parses and answers the
collaboration aggregations one to two orders of magnitude faster than
rdflib's in-memory store. rdflib is still used where its ecosystem is needed
(pyshacl, serializers): `GraphStore.to_rdflib()` converts on demand.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kommgraph.errors import DataPathError, KommgraphError, ParseError
from kommgraph.rdf import resources
from kommgraph.rdf.closures import is_computed, not_computed_filter, remove_stated
from kommgraph.rdf.namespaces import KG
from kommgraph.rdf.reading import check_input, input_limit, read_input, stat_input, walk_files
from kommgraph.rdf.terms import to_rdflib
from kommgraph.rdf.worker import in_worker

TURTLE_SUFFIXES = (".ttl",)


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


def _decode(path: Path) -> str:
    """Read a file as UTF-8 (dropping a byte-order mark), naming the first byte that is not."""
    raw = read_input(path)
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


def load_turtle(store: ox.Store, path: Path) -> None:
    """Add one Turtle file to the store, all or nothing (Oxigraph's load is a transaction).

    Parsing inside Oxigraph, without a Python object per triple, loads about
    twice as fast as parsing to quads first.
    """
    text = _text(path)
    data = text.encode("utf-8")
    try:  # in a worker, so that Ctrl-C and SIGTERM are not held up by a large file
        in_worker(lambda: store.load(data, format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise _syntax_error(path, text, exc) from None


@dataclass
class GraphStore:
    """The loaded graph: an Oxigraph store plus the files it came from."""

    store: ox.Store
    files: list[Path] = field(default_factory=list)
    # the ontology files loaded, and how many triples each kg: term is the subject
    # of in them (what `kommgraph.rdf.guard` compares the data with)
    ontology_files: tuple[Path, ...] = ()
    ontology_counts: dict[str, int] = field(default_factory=dict)
    known_size: int = 0  # the number of triples where it is known (an index records it)
    computed: int = 0  # how many of them kommgraph computed (`kommgraph.rdf.closures`)

    def __len__(self) -> int:
        """The number of triples (counting an on-disk store's is a scan: it is kept)."""
        return self.known_size or len(self.store)

    @property
    def stated(self) -> int:
        """The number of triples the files state (without the computed closures)."""
        return len(self) - self.computed

    def triples(self) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        """All triples as rdflib terms (for export and SHACL)."""
        for quad in self.store:
            yield (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))

    def to_rdflib(self) -> Graph:
        """A copy as an rdflib Graph, for pyshacl and rdflib's serializers.

        The project's prefixes replace rdflib's defaults where they clash (`org:` is
        kommgraph's organizations, W3C ORG is `org-w3c:`), so Turtle never says `org1:`.
        """
        graph = Graph()
        for prefix, iri in _bind_prefixes():
            graph.bind(prefix, iri, override=True, replace=True)
        for triple in self.triples():
            graph.add(triple)
        return graph


def _bind_prefixes() -> Iterable[tuple[str, str]]:
    from kommgraph.rdf.namespaces import PREFIXES

    return PREFIXES.items()


def data_size(paths: Sequence[Path] | None = None, *, ontology: bool = True) -> int:
    """Bytes of Turtle that `load` would read (for a progress bar); 0 if a path is missing."""
    try:
        files = collect_files(list(paths) if paths else default_paths())
        extra = [resources.ontology_file()] if ontology else []
        return sum(f.stat().st_size for f in {f.resolve() for f in [*files, *extra]})
    except (KommgraphError, OSError, RuntimeError):  # loading itself reports what is wrong
        return 0


def default_paths() -> list[Path]:
    """The bundled data folder."""
    return [resources.data_dir()]


def load_all(
    paths: Sequence[Path] | None = None,
    *,
    ontology: bool = True,
    progress: Callable[[float], None] | None = None,
) -> tuple[GraphStore, list[ParseError]]:
    """Load what parses and collect every parse error, so `validate` can report them all.

    The graph holds what the files state: triples of the computed properties
    are removed (`kommgraph.rdf.closures`; `loading.load` computes them).
    `progress` is called with the size in bytes of each file read.
    """
    files = collect_files(list(paths) if paths else default_paths())
    store = ox.Store()
    errors: list[ParseError] = []
    onto: tuple[Path, ...] = ()
    counts: dict[str, int] = {}
    if ontology:
        onto = (resources.ontology_file(),)
        files = [*onto, *(f for f in files if f.resolve() != onto[0].resolve())]
    for path in files:
        try:
            load_turtle(store, path)
        except ParseError as exc:
            errors.append(exc)
        if progress is not None:
            progress(stat_input(path).st_size)
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


def subject_count(store: ox.Store, term: str) -> int:
    """How many stated triples `term` is the subject of (an index lookup)."""
    quads = store.quads_for_pattern(ox.NamedNode(term), None, None)
    return sum(1 for quad in quads if not is_computed(quad.predicate.value))
