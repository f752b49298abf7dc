"""Plain HTTP for writing to a server: SPARQL Update, Graph Store requests, triple counts.

Each request waits at most its `timeout` and carries the credentials of the
environment (`kommgraph.rdf.http_auth`); every failure becomes one
`EndpointError` naming the URL, the HTTP status and the server's first line.
Queries for answers go through `kommgraph.rdf.endpoint.RemoteBackend`; these
are the few small requests `push` needs, without SPARQLWrapper.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from kommgraph.errors import EndpointError
from kommgraph.rdf.endpoint import http_reason, refuse_incomplete
from kommgraph.rdf.http_auth import authorization, connection_error


@dataclass(frozen=True)
class Answer:
    """What a server answered: status and body."""

    status: int
    body: bytes


def send(
    url: str,
    method: str,
    body: bytes | None,
    content_type: str | None,
    timeout: float,
    accept: str | None = None,
) -> Answer:
    """One request with the environment's credentials; an EndpointError unless 2xx."""
    try:
        request = urllib.request.Request(url, data=body, method=method)
    except ValueError as exc:
        raise EndpointError(url, f"not a usable URL ({exc})") from None
    if content_type:
        request.add_header("Content-Type", content_type)
    if accept:
        request.add_header("Accept", accept)
    header = authorization(url, method, timeout)
    if header:
        request.add_unredirected_header("Authorization", header)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            refuse_incomplete(url, response.headers)
            return Answer(int(response.status), response.read())
    except urllib.error.HTTPError as exc:
        raise EndpointError(url, http_reason(exc), exc.code) from None
    except urllib.error.URLError as exc:
        raise connection_error(url, exc.reason, timeout) from None
    except (OSError, http.client.HTTPException) as exc:
        raise connection_error(url, exc, timeout) from None
    except ValueError as exc:
        raise EndpointError(url, f"not a usable URL ({exc})") from None


def update(url: str, text: str, timeout: float) -> None:
    """Run a SPARQL Update (form-encoded, as every server takes it)."""
    body = urllib.parse.urlencode({"update": text}).encode("utf-8")
    send(url, "POST", body, "application/x-www-form-urlencoded", timeout)


def count(url: str, graph: str | None, timeout: float) -> int:
    """How many triples a named graph (or, with None, the default graph) holds."""
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    answer = send(
        url,
        "POST",
        body,
        "application/x-www-form-urlencoded",
        timeout,
        accept="application/sparql-results+json",
    )
    try:
        bindings = json.loads(answer.body.decode("utf-8"))["results"]["bindings"]
        return int(bindings[0]["n"]["value"]) if bindings else 0
    except (ValueError, KeyError, TypeError, IndexError):
        raise EndpointError(
            url, "answered a count with something that is not SPARQL JSON"
        ) from None


def graph_url(store: str, graph: str | None) -> str:
    """The Graph Store URL of one graph (`?graph=IRI`, or `?default`)."""
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    return f"{store}{'&' if '?' in store else '?'}{query}"
