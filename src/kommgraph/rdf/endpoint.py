"""A SPARQL 1.1 endpoint as a backend (SPARQLWrapper).

Every transport failure becomes an `EndpointError` naming the endpoint and,
where there is one, the HTTP status and the first line of the server's
message, so the CLI prints one clear line. Answers are parsed here, not by
SPARQLWrapper, so that a server answering HTML, broken JSON or broken Turtle
gets a clear error too, and so that an answer the server cut short (Virtuoso
says so only in a header: `X-SPARQL-MaxRows`, `X-SQL-State`) is an error, not
a silently shorter table. With `graph`, the queries ask that named graph
(`default-graph-uri`). Booleans are read as their value: Virtuoso writes
`true` as `"1"^^xsd:boolean`, which is returned as `"true"^^xsd:boolean`.
"""

from __future__ import annotations

import ast
import contextlib
import http.client
import json
import urllib.error
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kommgraph.bulk import bulk
from kommgraph.errors import EndpointError
from kommgraph.rdf.http_auth import authorization, connection_error
from kommgraph.rdf.query_text import query_form, refuse_update, with_prologue, with_values
from kommgraph.rdf.sparql import (
    AskResult,
    GraphResult,
    QueryResult,
    SelectResult,
    limited,
)
from kommgraph.rdf.worker import check_timeout

ENV_ENDPOINT = "KOMMGRAPH_ENDPOINT"
OWN_PREFIX = "https://w3id.org/kommgraph/"
_BOOLEAN = str(XSD.boolean)
_CANONICAL_BOOLEAN = {"1": "true", "0": "false", "true": "true", "false": "false"}

# SPARQLWrapper turns these statuses into its own exceptions without the status code.
_WRAPPER_STATUS = {
    "QueryBadFormed": 400,
    "Unauthorized": 401,
    "EndPointNotFound": 404,
    "URITooLong": 414,
    "EndPointInternalError": 500,
}
_GRAPH_FORMATS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def _first_line(body: bytes | str) -> str:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0][:200] if lines else ""


def _term(binding: Mapping[str, str]) -> Identifier:
    kind = binding["type"]
    value = binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind not in ("literal", "typed-literal"):
        raise ValueError(f"unknown term type {kind!r}")
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype == _BOOLEAN:
        return Literal(_CANONICAL_BOOLEAN.get(value.strip(), value), datatype=XSD.boolean)
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


@dataclass
class RemoteBackend:
    """Queries against a SPARQL 1.1 endpoint over HTTP (`graph`: that named graph only)."""

    endpoint: str
    timeout: float = 30.0
    graph: str | None = None

    def __post_init__(self) -> None:
        check_timeout(self.timeout)  # 0 would make SPARQLWrapper and urllib wait forever

    def describe(self) -> str:
        where = f" (graph <{self.graph}>)" if self.graph else ""
        return f"SPARQL endpoint {self.endpoint}{where}"

    def _wrapper(self, url: str) -> Any:
        from SPARQLWrapper import POST, SPARQLWrapper

        wrapper: Any = SPARQLWrapper(url)
        # setTimeout() truncates to whole seconds; urllib takes the float as it is.
        wrapper.timeout = self.timeout
        wrapper.setMethod(POST)
        if self.graph is not None:
            wrapper.addParameter("default-graph-uri", self.graph)
        header = authorization(url, "POST", self.timeout)
        if header:
            wrapper.addCustomHttpHeader("Authorization", header)
        return wrapper

    def query(
        self,
        text: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        limit: int | None = None,
    ) -> QueryResult:
        from SPARQLWrapper import JSON, TURTLE

        refuse_update(text, self.describe)
        form = query_form(text)
        full = with_prologue(with_values(text, bindings or {}))
        wrapper = self._wrapper(self.endpoint)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wrapper.setQuery(full)
        wrapper.queryType = form
        construct = form in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if construct else JSON)
        body, content_type = self._run(wrapper, self.endpoint)
        if construct:
            return limited(GraphResult(self._graph(body, content_type)), limit)
        return limited(self._solutions(body, content_type), limit)

    def values(
        self, text: str, bindings: Mapping[str, Identifier] | None = None
    ) -> list[tuple[str | None, ...]]:
        """SELECT rows as plain strings (IRI or lexical form)."""
        result = self.query(text, bindings)
        if not isinstance(result, SelectResult):
            raise EndpointError(self.endpoint, "values() needs a SELECT query")
        return [tuple(None if t is None else str(t) for t in row) for row in result.rows]

    def _graph(self, body: bytes, content_type: str) -> Graph:
        media = content_type.split(";", maxsplit=1)[0].strip().lower()
        graph = Graph()
        try:
            graph.parse(data=body.decode("utf-8"), format=_GRAPH_FORMATS.get(media, "turtle"))
        except Exception as exc:  # any parser error on untrusted input is the endpoint's fault
            raise EndpointError(
                self.endpoint,
                f"answered with RDF that cannot be parsed ({media or 'no type'}: "
                f"{_first_line(str(exc)) or type(exc).__name__})",
            ) from None
        return graph

    @bulk
    def _solutions(self, body: bytes, content_type: str) -> QueryResult:
        media = content_type.split(";", maxsplit=1)[0].strip().lower() or "no content type"
        try:
            raw = json.loads(body.decode("utf-8"))
            if isinstance(raw, dict) and isinstance(raw.get("boolean"), bool):
                return AskResult(raw["boolean"])
            variables = tuple(str(v) for v in raw["head"]["vars"])
            rows = tuple(
                tuple(_term(b[v]) if v in b else None for v in variables)
                for b in raw["results"]["bindings"]
            )
        except (ValueError, KeyError, TypeError):
            start = _first_line(body)[:80]
            reason = f"answered with something that is not SPARQL JSON ({media}: {start!r})"
            raise EndpointError(self.endpoint, reason) from None
        return SelectResult(variables, rows)

    def _run(self, wrapper: Any, url: str) -> tuple[bytes, str]:
        """Send the request; the raw answer and its content type, or an EndpointError."""
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = wrapper.query()
                body = result.response.read()
                headers = result.response.headers
                content_type = str(headers.get("Content-Type", ""))
            refuse_incomplete(url, headers)
            return body, content_type
        except urllib.error.HTTPError as exc:
            raise EndpointError(url, http_reason(exc), exc.code) from None
        except urllib.error.URLError as exc:
            raise connection_error(url, exc.reason, self.timeout) from None
        except SPARQLWrapperException as exc:
            status = _WRAPPER_STATUS.get(type(exc).__name__)
            raise EndpointError(url, _wrapper_reason(exc, status), status) from None
        except (OSError, http.client.HTTPException) as exc:
            raise connection_error(url, exc, self.timeout) from None
        except ValueError as exc:  # urllib: "unknown url type", InvalidURL
            raise EndpointError(url, f"not a usable URL ({exc})") from None


def _wrapper_reason(exc: Exception, status: int | None) -> str:
    """Status phrase and the server's message, which SPARQLWrapper keeps only as a repr."""
    _, found, tail = str(exc).partition("Response:\n")
    body: object = tail
    if found:
        with contextlib.suppress(ValueError, SyntaxError):
            body = ast.literal_eval(tail.strip())
    first = _first_line(body) if found and isinstance(body, bytes | str) else ""
    phrase = HTTPStatus(status).phrase if status else type(exc).__name__
    return f"{phrase}{': ' + first if first else ''}"


def http_reason(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read()
    except (OSError, http.client.HTTPException):  # the body is only decoration for the message
        body = b""
    first = _first_line(body)
    return f"{exc.reason}{': ' + first if first else ''}"


def refuse_incomplete(url: str, headers: Message | Mapping[str, str]) -> None:
    """An error for an answer that the server says it cut short (Virtuoso's headers).

    `X-SPARQL-MaxRows` comes with an answer cut at the server's
    `ResultSetMaxRows`; `X-SQL-State` with an "anytime" answer cut by its time
    limit. Both arrive with HTTP 200 and a well-formed, shorter result.
    """
    most = headers.get("X-SPARQL-MaxRows")
    if most:
        raise EndpointError(
            url,
            f"cut its answer at {most} rows (the server's ResultSetMaxRows setting); "
            "raise that limit on the server, or ask for fewer rows",
        )
    state = headers.get("X-SQL-State")
    if state:
        said = str(headers.get("X-SQL-Message", "")).strip()
        raise EndpointError(
            url,
            f"answered with an incomplete result ({state}{': ' + said if said else ''}); "
            "the server's time limit cut the query",
        )
