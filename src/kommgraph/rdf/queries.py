"""The registry of named queries: `.rq` files with `#+` metadata headers.

A query file opens with comment lines such as::

    #+ title: Collaborators of an actor
    #+ description: Everyone who held an active role in an event with the actor.
    #+ param: actor | actor | Fabian Mayer | the actor whose collaborators to list
    #+ columns: collaborator, label, events
    #+ tags: collaboration

Parameters are the query variables whose names start with an underscore
(`?_actor` for the parameter `actor`), the convention of grlc. They are bound
as RDF terms, never pasted into the text.

`#+ scan: whole` marks a query that reads all of the data (an aggregate over
every participation): from a persistent index it runs on the files loaded into
memory, where Oxigraph answers it 4–8 times faster than from its on-disk store
(`KommGraph.query`).
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kommgraph.errors import DataPathError, InputLimitError, QueryFileError, UnknownQueryError
from kommgraph.rdf import resources
from kommgraph.rdf.reading import read_input
from kommgraph.tables import Row, Tabular

PARAM_TYPES = ("iri", "actor", "topic", "string", "year", "integer", "date")
_HEADER = re.compile(r"^#\+\s*(?P<key>[a-z]+)\s*:\s*(?P<value>.*?)\s*$")
_PARAM_VARIABLE = re.compile(r"[?$]_([A-Za-z][A-Za-z0-9_]*)")
KEYS = ("title", "description", "param", "columns", "tags", "severity", "scan")
SCANS = ("whole",)


@dataclass(frozen=True)
class Param:
    """One declared parameter of a named query."""

    name: str
    type: str
    example: str
    description: str
    optional: bool = False

    @property
    def variable(self) -> str:
        """The query variable (without `?`) that carries the value."""
        return "_" + self.name


@dataclass(frozen=True)
class NamedQuery:
    """A `.rq` file with its parsed header."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    tags: tuple[str, ...]
    text: str
    severity: str = "violation"
    whole: bool = False  # `#+ scan: whole`: it reads all of the data

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, ASK or DESCRIBE."""
        body = "\n".join(
            line for line in self.text.splitlines() if not line.lstrip().startswith("#")
        )
        match = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", body, re.IGNORECASE)
        return match.group(1).upper() if match else "SELECT"

    def param(self, name: str) -> Param | None:
        """The parameter called `name`, if declared."""
        return next((p for p in self.params if p.name == name), None)


def _parse_param(path: Path, line_no: int, value: str) -> Param:
    parts = [part.strip() for part in value.split("|")]
    if len(parts) not in (4, 5):
        raise QueryFileError(
            path, line_no, "param needs 'name | type | example | description [| optional]'"
        )
    name, kind, example, description = parts[:4]
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
        raise QueryFileError(path, line_no, f"bad parameter name {name!r}")
    if kind not in PARAM_TYPES:
        raise QueryFileError(
            path, line_no, f"unknown parameter type {kind!r} (one of {', '.join(PARAM_TYPES)})"
        )
    optional = len(parts) == 5
    if optional and parts[4] != "optional":
        raise QueryFileError(path, line_no, f"expected 'optional', got {parts[4]!r}")
    return Param(name, kind, example, description, optional)


def parse_query_file(path: Path, *, ad_hoc: bool = False) -> NamedQuery:
    """Read one `.rq` file; a broken header is an error naming file and line.

    `ad_hoc` is for a file the user names on the command line: it may have no
    header at all (title and description then default to the file name).
    """
    try:
        text = read_input(path).decode("utf-8")
    except (DataPathError, InputLimitError) as exc:
        raise QueryFileError(path, None, exc.reason) from None
    except UnicodeDecodeError as exc:
        raise QueryFileError(path, None, f"not UTF-8 text ({exc.reason})") from None
    fields: dict[str, str] = {}
    params: list[Param] = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            continue
        match = _HEADER.match(line)
        if not match:
            raise QueryFileError(path, line_no, "header lines look like '#+ key: value'")
        key, value = match.group("key"), match.group("value")
        if key not in KEYS:
            raise QueryFileError(
                path, line_no, f"unknown header key {key!r} (one of {', '.join(KEYS)})"
            )
        if key == "param":
            param = _parse_param(path, line_no, value)
            if any(p.name == param.name for p in params):
                raise QueryFileError(path, line_no, f"parameter {param.name!r} declared twice")
            params.append(param)
        elif key in fields:
            raise QueryFileError(path, line_no, f"header key {key!r} given twice")
        else:
            fields[key] = value
    if ad_hoc:
        fields.setdefault("title", path.stem)
        fields.setdefault("description", f"ad-hoc query from {path.name}")
    for required in ("title", "description"):
        if not fields.get(required):
            raise QueryFileError(path, 1, f"missing '#+ {required}:' header")
    used = set(_PARAM_VARIABLE.findall(_strip_comments(text)))
    declared = {p.name for p in params}
    if used - declared:
        raise QueryFileError(
            path,
            None,
            f"variables {sorted('?_' + n for n in used - declared)} are not declared as params",
        )
    if declared - used:
        raise QueryFileError(path, None, f"params {sorted(declared - used)} are not used as ?_name")
    return NamedQuery(
        name=path.stem,
        path=path,
        title=fields["title"],
        description=fields["description"],
        params=tuple(params),
        columns=_split(fields.get("columns", "")),
        tags=_split(fields.get("tags", "")),
        text=text,
        severity=_severity(path, fields.get("severity", "violation")),
        whole=_scan(path, fields.get("scan")),
    )


def _severity(path: Path, value: str) -> str:
    if value not in ("violation", "warning"):
        raise QueryFileError(
            path, None, f"severity must be 'violation' or 'warning', not {value!r}"
        )
    return value


def _scan(path: Path, value: str | None) -> bool:
    if value is not None and value not in SCANS:
        raise QueryFileError(path, None, f"scan {value!r} is not one of {', '.join(SCANS)}")
    return value == "whole"


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class QueryCatalogue(Tabular):
    """The named queries, by name: what `queries` lists.

    As a table: name, title, description, form, params ("name (type), ..."),
    columns and tags (", "-joined).
    """

    queries: tuple[NamedQuery, ...]

    def columns(self) -> tuple[str, ...]:
        return ("name", "title", "description", "form", "params", "columns", "tags")

    def to_dicts(self) -> list[Row]:
        return [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "form": q.form,
                "params": ", ".join(f"{p.name} ({p.type})" for p in q.params),
                "columns": ", ".join(q.columns),
                "tags": ", ".join(q.tags),
            }
            for q in self.queries
        ]

    def caption(self) -> str:
        return "Named queries"


def catalogue() -> QueryCatalogue:
    """The bundled named queries with their parameters, in name order."""
    return QueryCatalogue(tuple(registry().values()))


def registry(folder: Path | None = None) -> dict[str, NamedQuery]:
    """All named queries of a folder (default: the bundled queries), by name."""
    base = folder or resources.queries_dir()
    return {q.name: q for q in (parse_query_file(p) for p in sorted(base.glob("*.rq")))}


def resolve(name_or_file: str, folder: Path | None = None) -> NamedQuery:
    """A named query, or a `.rq` file given by path; unknown names get candidates."""
    path = Path(name_or_file)
    # os.path answers False for names the system refuses (too long, NUL); pathlib raises
    if name_or_file.endswith(".rq") and os.path.lexists(path):
        return parse_query_file(path, ad_hoc=True)
    own = (folder or resources.queries_dir()) / f"{name_or_file}.rq"
    if "/" not in name_or_file and os.path.isfile(own):
        return parse_query_file(own)  # one file, not the whole folder
    queries = registry(folder)
    if name_or_file in queries:
        return queries[name_or_file]
    if name_or_file.endswith(".rq"):
        raise QueryFileError(path, None, "no such query file")
    close = difflib.get_close_matches(name_or_file, list(queries), n=5, cutoff=0.5)
    raise UnknownQueryError(name_or_file, close)
