"""Turn `name=value` parameter strings into RDF terms, checked by their declared type."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kommgraph.errors import EndpointError, KommgraphError, ParameterError
from kommgraph.rdf.iris import PREFIXES
from kommgraph.rdf.queries import NamedQuery

_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|\\^`]')


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`name=value` strings into a dict; a pair without `=` is an error naming it."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ParameterError(pair, "write parameters as name=value")
        if name in out:
            raise ParameterError(name, "given twice")
        out[name.strip()] = value
    return out


def to_iri(value: str, name: str) -> URIRef:
    """An IRI from `<...>`, `prefix:local` or `http(s)://...`, checked for forbidden characters."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        text = PREFIXES[prefix] + local
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) or _IRI_FORBIDDEN.search(text):
        raise ParameterError(name, f"{value!r} is not an IRI")
    return URIRef(text)


def to_term(
    name: str, kind: str, value: str, resolve: Callable[[str, str], str] | None = None
) -> Identifier:
    """One value as the RDF term its declared type asks for."""
    if kind == "iri":
        return to_iri(value, name)
    if kind in ("actor", "topic"):
        if resolve is None:
            raise ParameterError(name, f"cannot resolve a {kind} here")
        return URIRef(resolve(kind, value))
    if kind == "string":
        return Literal(value)
    if kind in ("year", "integer"):
        if not re.fullmatch(r"-?\d+", value.strip()):
            raise ParameterError(
                name, f"{value!r} is not {'a year' if kind == 'year' else 'an integer'}"
            )
        number = int(value)
        if kind == "year" and not 1000 <= number <= 9999:
            raise ParameterError(name, f"{value!r} is not a four-digit year")
        return Literal(number, datatype=XSD.integer)
    if kind == "date":
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ParameterError(name, f"{value!r} is not a date (YYYY-MM-DD)") from None
        return Literal(day.isoformat(), datatype=XSD.date)
    raise ParameterError(name, f"unknown parameter type {kind!r}")


def bind(
    query: NamedQuery, given: Mapping[str, str], resolve: Callable[[str, str], str] | None = None
) -> dict[str, Identifier]:
    """Check the given values against the query's declared parameters and convert them."""
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        declared = ", ".join(p.name for p in query.params) or "none"
        raise ParameterError(
            unknown[0], f"query {query.name!r} has no such parameter (declared: {declared})"
        )
    bindings: dict[str, Identifier] = {}
    for param in query.params:
        if param.name not in given:
            if param.optional:
                continue
            raise ParameterError(
                param.name, f"missing ({param.type}, e.g. {param.example!r})", missing=True
            )
        try:
            bindings[param.variable] = to_term(param.name, param.type, given[param.name], resolve)
        except (ParameterError, EndpointError):
            raise
        except KommgraphError as exc:
            raise ParameterError(param.name, exc.message()) from None
    return bindings
