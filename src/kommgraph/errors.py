"""One exception tree for everything that bad input can cause.

Each subclass carries structured fields so that the CLI can print a precise
message and choose an exit code in one place; a traceback always means a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

EXIT_OK = 0
EXIT_DATA = 1  # the data or the user's input is wrong
EXIT_USAGE = 2  # the command line itself is wrong (click uses 2 as well)


class KommgraphError(Exception):
    """Base of every error that bad input can cause."""

    exit_code: int = EXIT_DATA

    def message(self) -> str:
        """One human line (or a few) describing what is wrong and where."""
        return str(self)


@dataclass
class DataPathError(KommgraphError):
    """A data path that does not exist, is empty, or holds no Turtle."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class ParseError(KommgraphError):
    """Turtle that cannot be parsed, with file, line and column."""

    path: Path
    line: int | None
    column: int | None
    reason: str

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"


@dataclass
class UnknownActorError(KommgraphError):
    """A name that matches no actor; `candidates` are the closest labels."""

    name: str
    candidates: Sequence[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"unknown actor {self.name!r}"
        if self.candidates:
            text += "; did you mean: " + ", ".join(self.candidates)
        return text


@dataclass
class AmbiguousActorError(KommgraphError):
    """A name that matches several actors; `matches` lists (label, IRI)."""

    name: str
    matches: Sequence[tuple[str, str]]

    def __str__(self) -> str:
        listed = "; ".join(f"{label} <{iri}>" for label, iri in self.matches)
        return f"ambiguous actor {self.name!r} matches: {listed} (give the IRI)"


@dataclass
class UnknownQueryError(KommgraphError):
    """A query name that is not in the registry."""

    name: str
    candidates: Sequence[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"unknown query {self.name!r}"
        if self.candidates:
            text += "; did you mean: " + ", ".join(self.candidates)
        return text + " (see `kommgraph queries`)"


@dataclass
class QueryFileError(KommgraphError):
    """A .rq file with a broken header or query text."""

    path: Path
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.reason}"


@dataclass
class ParameterError(KommgraphError):
    """A missing, unknown or malformed query parameter (`missing`: not given at all)."""

    name: str
    reason: str
    missing: bool = False

    def __str__(self) -> str:
        return f"parameter {self.name!r}: {self.reason}"


@dataclass
class EndpointError(KommgraphError):
    """A SPARQL endpoint that cannot be reached or answers with an error."""

    endpoint: str
    reason: str
    status: int | None = None
    timed_out: bool = False  # the wait for an answer hit its limit

    def __str__(self) -> str:
        status = f" (HTTP {self.status})" if self.status is not None else ""
        return f"SPARQL endpoint {self.endpoint}{status}: {self.reason}"


@dataclass
class OutputError(KommgraphError):
    """An output file that cannot be written."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class FilterError(KommgraphError):
    """A bad filter value; `field` is since, until, topic, event_kinds or roles.

    `after` names the field whose value this one must not come after (a window
    whose start lies after its end); `reason` then says by how much.
    """

    field: str
    value: str
    reason: str
    after: str | None = None

    def __str__(self) -> str:
        return f"{self.field} {self.value!r}: {self.reason}"


@dataclass
class SameActorError(KommgraphError):
    """Two names for a path that are one actor."""

    first: str
    second: str
    label: str

    def __str__(self) -> str:
        return f"{self.first!r} and {self.second!r} are the same actor ({self.label}); give two"


@dataclass
class ActorNotInNetworkError(KommgraphError):
    """An actor asked to be the centre of a view that it is not part of."""

    label: str
    network: str
    filters: str

    def __str__(self) -> str:
        return (
            f"{self.label} is not in the {self.network} network ({self.filters}): "
            "it holds no active role there"
        )


@dataclass
class ValueFieldError(KommgraphError):
    """A value given for a setting of the library (`field`: graph, timeout, ...) that is wrong."""

    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field} {self.value!r}: {self.reason}"


@dataclass
class OntologyStatementError(KommgraphError):
    """A data file that states something about a term of the kommgraph ontology."""

    path: Path | None
    line: int | None
    term: str
    triples: int

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path or "the data")
        local = self.term.rsplit("#", 1)[-1]
        return (
            f"{where}: states {self.triples} triple(s) about the ontology term kg:{local}; "
            "only the ontology defines kg: terms (give your own classes, properties and "
            "roles an IRI of your own namespace)"
        )


@dataclass
class ShapesError(KommgraphError):
    """SHACL shapes that are not well-formed (or cannot be read): fix the shapes."""

    reason: str
    path: Path | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else f"SHACL shapes: {self.reason}"


class ShaclEngineError(KommgraphError):
    """The SHACL engine failed on shapes it should evaluate (the caller may fall back)."""


class UnsupportedShapesError(ShaclEngineError):
    """Shapes that use what the engine does not evaluate (SHACL-JS), or no shapes at all."""


@dataclass
class MissingExtraError(KommgraphError):
    """An optional package that a method needs and that is not installed."""

    package: str
    extra: str
    needed_for: str

    def __str__(self) -> str:
        return (
            f"{self.needed_for} needs {self.package}, which is not installed: "
            f"pip install 'kommgraph[{self.extra}]'"
        )
