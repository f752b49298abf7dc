"""One exception tree for everything that bad input can cause.

Each subclass carries structured fields so that the CLI can print a precise
message and choose an exit code in one place; a traceback always means a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_DATA = 1  # the data or the user's input is wrong
EXIT_USAGE = 2  # the command line itself is wrong (click uses 2 as well)
EXIT_OUTPUT = 3  # the answer could not be written (disk full, folder not writable, refused target)
# ended by a signal: 128 + the signal's number, as a shell reports a process killed by it
EXIT_HANGUP = 129  # SIGHUP (the terminal went away)
EXIT_INTERRUPTED = 130  # SIGINT (Ctrl-C)
EXIT_BROKEN_PIPE = 141  # SIGPIPE: the reader of standard output went away (`| head`)
EXIT_TERMINATED = 143  # SIGTERM

SHORT = 80  # characters of a user's value that a message repeats


def shorten(value: object, *, quote: bool = False, limit: int = SHORT) -> str:
    """A value from the user as a message repeats it: at most `limit` characters, one line.

    A 120 KB argument must not come back as a 120 KB error line; characters that
    cannot be printed (newlines, control characters, undecodable bytes) are
    escaped so that the message stays one readable line. `quote` writes it as
    Python writes a string ('...'), the form messages use for names and values.
    """
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if quote:
        return repr(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


PATH_SHOWN = 256  # a path is shown whole unless absurdly long: the user needs all of it


def shorten_path(path: object) -> str:
    """A path as a message shows it: whole, unless absurdly long, and on one line."""
    return shorten(path, limit=PATH_SHOWN)


class KommgraphError(Exception):
    """Base of every error that bad input can cause."""

    exit_code: int = EXIT_DATA

    def _keep(self, **fields: object) -> None:
        """The fields as attributes (declared on the class) and as `args` (so that the
        error pickles and its repr names them): what a dataclass would make, without
        the 0.5 ms per class that making one costs at every start."""
        super().__init__(*fields.values())
        self.__dict__.update(fields)

    def message(self) -> str:
        """One human line (or a few) describing what is wrong and where."""
        return str(self)


class DataPathError(KommgraphError):
    """A data path that does not exist, is empty, or holds no Turtle."""

    path: Path
    reason: str

    def __init__(self, path: Path, reason: str) -> None:
        self._keep(path=path, reason=reason)

    def __str__(self) -> str:
        return f"{shorten_path(self.path)}: {self.reason}"


class ParseError(KommgraphError):
    """Turtle that cannot be parsed, with file, line and column."""

    path: Path
    line: int | None
    column: int | None
    reason: str

    def __init__(self, path: Path, line: int | None, column: int | None, reason: str) -> None:
        self._keep(path=path, line=line, column=column, reason=reason)

    def __str__(self) -> str:
        where = shorten_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"


class UnknownActorError(KommgraphError):
    """A name that matches no actor; `candidates` are the closest labels."""

    name: str
    candidates: Sequence[str]

    def __init__(self, name: str, candidates: Sequence[str] = ()) -> None:
        self._keep(name=name, candidates=candidates)

    def __str__(self) -> str:
        text = f"unknown actor {shorten(self.name, quote=True)}"
        if self.candidates:
            text += "; did you mean: " + ", ".join(self.candidates)
        return text


class AmbiguousActorError(KommgraphError):
    """A name that matches several actors; `matches` lists (label, IRI)."""

    name: str
    matches: Sequence[tuple[str, str]]

    def __init__(self, name: str, matches: Sequence[tuple[str, str]]) -> None:
        self._keep(name=name, matches=matches)

    def __str__(self) -> str:
        listed = "; ".join(f"{label} <{iri}>" for label, iri in self.matches)
        return f"ambiguous actor {shorten(self.name, quote=True)} matches: {listed} (give the IRI)"


class UnknownQueryError(KommgraphError):
    """A query name that is not in the registry."""

    name: str
    candidates: Sequence[str]

    def __init__(self, name: str, candidates: Sequence[str] = ()) -> None:
        self._keep(name=name, candidates=candidates)

    def __str__(self) -> str:
        text = f"unknown query {shorten(self.name, quote=True)}"
        if self.candidates:
            text += "; did you mean: " + ", ".join(self.candidates)
        return text + " (see `kommgraph queries`)"


class QueryFileError(KommgraphError):
    """A .rq file with a broken header or query text."""

    path: Path
    line: int | None
    reason: str

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        self._keep(path=path, line=line, reason=reason)

    def __str__(self) -> str:
        where = shorten_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.reason}"


class ParameterError(KommgraphError):
    """A missing, unknown or malformed query parameter (`missing`: not given at all)."""

    name: str
    reason: str
    missing: bool

    def __init__(self, name: str, reason: str, missing: bool = False) -> None:
        self._keep(name=name, reason=reason, missing=missing)

    def __str__(self) -> str:
        return f"parameter {shorten(self.name, quote=True)}: {self.reason}"


class EndpointError(KommgraphError):
    """A SPARQL endpoint that cannot be reached or answers with an error."""

    endpoint: str
    reason: str
    status: int | None
    timed_out: bool  # the wait for an answer hit its limit

    def __init__(
        self,
        endpoint: str,
        reason: str,
        status: int | None = None,
        timed_out: bool = False,
    ) -> None:
        self._keep(endpoint=endpoint, reason=reason, status=status, timed_out=timed_out)

    def __str__(self) -> str:
        status = f" (HTTP {self.status})" if self.status is not None else ""
        return f"SPARQL endpoint {shorten(self.endpoint)}{status}: {self.reason}"


class PushError(KommgraphError):
    """A push that failed at `step`; `state` says what the server holds now.

    `needs_graph`: the server has no writable default graph, so the push needs
    a named graph.
    """

    endpoint: str
    step: str  # what it was doing, in words ("uploading into a temporary graph")
    reason: str
    state: str
    status: int | None
    needs_graph: bool

    def __init__(
        self,
        endpoint: str,
        step: str,
        reason: str,
        state: str,
        status: int | None = None,
        needs_graph: bool = False,
    ) -> None:
        self._keep(
            endpoint=endpoint,
            step=step,
            reason=reason,
            state=state,
            status=status,
            needs_graph=needs_graph,
        )

    def with_state(self, state: str) -> PushError:
        """The same failure, with what the server holds after the clean-up."""
        return PushError(
            self.endpoint, self.step, self.reason, state, self.status, self.needs_graph
        )

    def __str__(self) -> str:
        return f"push failed {self.step}: {self.reason}; {self.state}"


class OutputError(KommgraphError):
    """An output that cannot be written, or a target refused (`path` "-": standard output)."""

    path: Path
    reason: str
    exit_code = EXIT_OUTPUT

    def __init__(self, path: Path, reason: str) -> None:
        self._keep(path=path, reason=reason)

    def __str__(self) -> str:
        where = "standard output" if str(self.path) == "-" else shorten_path(self.path)
        return f"{where}: {self.reason}"


class FilterError(KommgraphError):
    """A bad filter value; `field` is since, until, topic, event_kinds or roles.

    `after` names the field whose value this one must not come after (a window
    whose start lies after its end); `reason` then says by how much.
    """

    field: str
    value: str
    reason: str
    after: str | None

    def __init__(self, field: str, value: str, reason: str, after: str | None = None) -> None:
        self._keep(field=field, value=value, reason=reason, after=after)

    def __str__(self) -> str:
        return f"{self.field} {shorten(self.value, quote=True)}: {self.reason}"


class SameActorError(KommgraphError):
    """Two names for a path that are one actor."""

    first: str
    second: str
    label: str

    def __init__(self, first: str, second: str, label: str) -> None:
        self._keep(first=first, second=second, label=label)

    def __str__(self) -> str:
        first, second = shorten(self.first, quote=True), shorten(self.second, quote=True)
        return f"{first} and {second} are the same actor ({self.label}); give two"


class ActorNotInNetworkError(KommgraphError):
    """An actor asked to be the centre of a view that it is not part of."""

    label: str
    network: str
    filters: str

    def __init__(self, label: str, network: str, filters: str) -> None:
        self._keep(label=label, network=network, filters=filters)

    def __str__(self) -> str:
        return (
            f"{self.label} is not in the {self.network} network ({self.filters}): "
            "it holds no active role there"
        )


class ValueFieldError(KommgraphError):
    """A value given for a setting of the library (`field`: graph, timeout, ...) that is wrong."""

    field: str
    value: str
    reason: str

    def __init__(self, field: str, value: str, reason: str) -> None:
        self._keep(field=field, value=value, reason=reason)

    def __str__(self) -> str:
        return f"{self.field} {shorten(self.value, quote=True)}: {self.reason}"


class OntologyStatementError(KommgraphError):
    """A data file that states something about a term of the kommgraph ontology."""

    path: Path | None
    line: int | None
    term: str
    triples: int

    def __init__(self, path: Path | None, line: int | None, term: str, triples: int) -> None:
        self._keep(path=path, line=line, term=term, triples=triples)

    def __str__(self) -> str:
        where = shorten_path(self.path or "the data")
        if self.line:
            where += f":{self.line}"
        local = self.term.rsplit("#", 1)[-1]
        return (
            f"{where}: states {self.triples} triple(s) about the ontology term kg:{local}; "
            "only the ontology defines kg: terms (give your own classes, properties and "
            "roles an IRI of your own namespace)"
        )


class InputLimitError(KommgraphError):
    """An input file larger than the limit; refused before it is read."""

    path: Path
    size: int
    limit: int
    setting: str  # the environment variable that raises the limit

    def __init__(self, path: Path, size: int, limit: int, setting: str) -> None:
        self._keep(path=path, size=size, limit=limit, setting=setting)

    @property
    def reason(self) -> str:
        """What is wrong, without the path."""
        return (
            f"{_bytes(self.size)} is more than the limit of {_bytes(self.limit)} per input "
            f"file (raise it with {self.setting}=BYTES)"
        )

    def __str__(self) -> str:
        return f"{shorten_path(self.path)}: {self.reason}"


def _bytes(size: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"


class QueryTimeoutError(KommgraphError):
    """A query that did not finish within the time it was given."""

    backend: str
    seconds: float

    def __init__(self, backend: str, seconds: float) -> None:
        self._keep(backend=backend, seconds=seconds)

    def __str__(self) -> str:
        return f"the {self.backend} gave no answer within {self.seconds:g} s"


class ShapesError(KommgraphError):
    """SHACL shapes that are not well-formed (or cannot be read): fix the shapes."""

    reason: str
    path: Path | None

    def __init__(self, reason: str, path: Path | None = None) -> None:
        self._keep(reason=reason, path=path)

    def __str__(self) -> str:
        where = shorten_path(self.path) if self.path else "SHACL shapes"
        return f"{where}: {self.reason}"


class ShaclEngineError(KommgraphError):
    """The SHACL engine failed on shapes it should evaluate (the caller may fall back)."""


class UnsupportedShapesError(ShaclEngineError):
    """Shapes that use what the engine does not evaluate (SHACL-JS), or no shapes at all."""


class MissingExtraError(KommgraphError):
    """An optional package that a method needs and that is not installed."""

    package: str
    extra: str
    needed_for: str

    def __init__(self, package: str, extra: str, needed_for: str) -> None:
        self._keep(package=package, extra=extra, needed_for=needed_for)

    def __str__(self) -> str:
        return (
            f"{self.needed_for} needs {self.package}, which is not installed: "
            f"pip install 'kommgraph[{self.extra}]'"
        )
