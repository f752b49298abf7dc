"""A SPARQL 1.1 endpoint as a backend (SPARQLWrapper), and `push`.

Every transport failure becomes an `EndpointError` naming the endpoint and,
where there is one, the HTTP status, so the CLI prints one clear line.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kommgraph.errors import EndpointError
from kommgraph.sparql import AskResult, GraphResult, QueryResult, SelectResult, with_prologue, with_values
from kommgraph.store import GraphStore

ENV_ENDPOINT = "KOMMGRAPH_ENDPOINT"
ENV_USER = "KOMMGRAPH_ENDPOINT_USER"
ENV_PASSWORD = "KOMMGRAPH_ENDPOINT_PASSWORD"
OWN_PREFIX = "https://w3id.org/kommgraph/"


def _credentials() -> tuple[str, str] | None:
    user = os.environ.get(ENV_USER)
    return (user, os.environ.get(ENV_PASSWORD, "")) if user else None


def _term(binding: Mapping[str, str]) -> Identifier:
    kind = binding["type"]
    value = binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


@dataclass
class RemoteBackend:
    """Queries against a SPARQL 1.1 endpoint over HTTP."""

    endpoint: str
    timeout: float = 30.0

    def describe(self) -> str:
        return f"SPARQL endpoint {self.endpoint}"

    def _wrapper(self, url: str | None = None) -> Any:
        from SPARQLWrapper import POST, SPARQLWrapper

        wrapper = SPARQLWrapper(url or self.endpoint)
        wrapper.setTimeout(int(max(1, self.timeout)))
        wrapper.setMethod(POST)
        credentials = _credentials()
        if credentials:
            wrapper.setCredentials(*credentials)
        return wrapper

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None) -> QueryResult:
        from SPARQLWrapper import JSON, TURTLE

        full = with_prologue(with_values(text, bindings or {}))
        wrapper = self._wrapper()
        wrapper.setQuery(full)
        kind = wrapper.queryType
        construct = kind in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if construct else JSON)
        raw = self._run(wrapper)
        if construct:
            graph = Graph()
            graph.parse(data=raw if isinstance(raw, str | bytes) else str(raw), format="turtle")
            return GraphResult(graph)
        if not isinstance(raw, dict):
            raise EndpointError(self.endpoint, "answered with something that is not SPARQL JSON")
        if "boolean" in raw:
            return AskResult(bool(raw["boolean"]))
        variables = tuple(raw["head"]["vars"])
        rows = tuple(
            tuple(_term(b[v]) if v in b else None for v in variables) for b in raw["results"]["bindings"]
        )
        return SelectResult(variables, rows)

    def update(self, text: str, url: str | None = None) -> None:
        """Run a SPARQL Update at `url` (default: derived from the query endpoint)."""
        wrapper = self._wrapper(url or update_url(self.endpoint))
        wrapper.setQuery(text)
        self._run(wrapper, update=True)

    def _run(self, wrapper: Any, update: bool = False) -> Any:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        try:
            result = wrapper.query()
            return None if update else result.convert()
        except urllib.error.HTTPError as exc:
            raise EndpointError(self.endpoint, _http_reason(exc), exc.code) from None
        except urllib.error.URLError as exc:
            raise EndpointError(self.endpoint, f"cannot connect ({exc.reason})") from None
        except (TimeoutError, socket.timeout):
            raise EndpointError(self.endpoint, f"no answer within {self.timeout:g} s (--timeout)") from None
        except SPARQLWrapperException as exc:
            status = getattr(exc, "code", None)
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EndpointError(self.endpoint, first, status if isinstance(status, int) else None) from None
        except (ConnectionError, OSError) as exc:
            raise EndpointError(self.endpoint, f"cannot connect ({exc})") from None
        except json.JSONDecodeError:
            raise EndpointError(self.endpoint, "answered with invalid JSON") from None


def _http_reason(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read().decode("utf-8", "replace").strip()
    except Exception:  # the body is only decoration for the message
        body = ""
    first = body.splitlines()[0][:200] if body else ""
    return f"{exc.reason}{': ' + first if first else ''}"


def _sibling(endpoint: str, name: str) -> str:
    parsed = urllib.parse.urlsplit(endpoint)
    path = parsed.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last in ("query", "sparql"):
        path = f"{head}/{name}"
    else:
        path = f"{path}/{name}"
    return urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, path, "", ""))


def update_url(endpoint: str) -> str:
    """The SPARQL Update URL next to a query URL (.../query -> .../update)."""
    return _sibling(endpoint, "update")


def store_url(endpoint: str) -> str:
    """The Graph Store Protocol URL next to a query URL (.../query -> .../store)."""
    return _sibling(endpoint, "store")


@dataclass(frozen=True)
class PushReport:
    """What `push` did."""

    endpoint: str
    graph: str | None
    triples: int
    method: str  # "graph-store" or "update"


def _request(url: str, method: str, body: bytes, content_type: str, timeout: float) -> int:
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Content-Type", content_type)
    credentials = _credentials()
    if credentials:
        token = base64.b64encode(f"{credentials[0]}:{credentials[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return int(response.status)


def push(
    graph: GraphStore,
    endpoint: str,
    *,
    named_graph: str | None = None,
    timeout: float = 120.0,
    update_endpoint: str | None = None,
    store_endpoint: str | None = None,
) -> PushReport:
    """Load ontology and data into a server, replacing what kommgraph pushed before.

    Into a named graph: the graph is replaced as a whole. Into the default
    graph: first every triple whose subject is a kommgraph IRI is deleted, so
    that other data in the default graph stays and pushing twice leaves the
    same triples. The Graph Store Protocol is tried first; a server without
    it gets SPARQL Update.
    """
    if named_graph is not None:
        from kommgraph.params import to_iri

        named_graph = str(to_iri(named_graph, "--graph"))
    remote = RemoteBackend(endpoint, timeout)
    rdf = graph.to_rdflib()
    turtle = rdf.serialize(format="nt", encoding="utf-8")
    count = len(rdf)
    update = update_endpoint or update_url(endpoint)
    gsp = store_endpoint or store_url(endpoint)
    if named_graph is None:
        remote.update(
            "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o "
            f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{OWN_PREFIX}")) }}',
            update,
        )
        target = f"{gsp}?default"
        method = "POST"
    else:
        target = f"{gsp}?{urllib.parse.urlencode({'graph': named_graph})}"
        method = "PUT"
    try:
        _request(target, method, turtle, "application/n-triples", timeout)
        return PushReport(endpoint, named_graph, count, "graph-store")
    except urllib.error.HTTPError as exc:
        if exc.code not in (400, 404, 405, 415, 501):
            raise EndpointError(gsp, _http_reason(exc), exc.code) from None
    except urllib.error.URLError as exc:
        raise EndpointError(gsp, f"cannot connect ({exc.reason})") from None
    except (TimeoutError, OSError) as exc:
        raise EndpointError(gsp, f"failed ({exc})") from None
    _push_by_update(remote, rdf, named_graph, update)
    return PushReport(endpoint, named_graph, count, "update")


def _push_by_update(remote: RemoteBackend, rdf: Graph, named_graph: str | None, url: str) -> None:
    triples = [f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in rdf]
    if named_graph is not None:
        remote.update(f"DROP SILENT GRAPH <{named_graph}>", url)
    for start in range(0, len(triples), 5000):
        chunk = "\n".join(triples[start : start + 5000])
        body = f"GRAPH <{named_graph}> {{\n{chunk}\n}}" if named_graph else chunk
        remote.update(f"INSERT DATA {{\n{body}\n}}", url)
