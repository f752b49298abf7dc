"""Which SPARQL server kommgraph talks to, and where it takes updates and uploads.

Servers put SPARQL Update and the Graph Store Protocol at different URLs
(README, "Running on your triple store"), and differ in what is safe: only
Oxigraph is known to replace a graph atomically with `MOVE` (Virtuoso runs
MOVE, COPY and Graph Store PUT row by row, visible half-done). The kind is
found from the server's `Server` header (Oxigraph, Virtuoso, Fuseki) or the
URL (`/repositories/ID`: GraphDB and RDF4J); URLs given by the user win.
"""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Literal

from kommgraph.errors import EndpointError, ValueFieldError
from kommgraph.rdf.http_auth import authorization, credentials

ServerKind = Literal["oxigraph", "virtuoso", "fuseki", "rdf4j", "generic"]
_HEADER_KINDS: tuple[tuple[str, ServerKind], ...] = (
    ("oxigraph", "oxigraph"),
    ("virtuoso", "virtuoso"),
    ("fuseki", "fuseki"),
)
_REPOSITORY = re.compile(r"^(?P<repo>.*/repositories/[^/]+)/?$")


@dataclass(frozen=True)
class ServerUrls:
    """Where one server takes queries, updates and Graph Store requests."""

    kind: ServerKind
    query: str
    update: str
    store: str

    @property
    def atomic_move(self) -> bool:
        """Whether `MOVE` replaces a graph in one transaction (readers see old or new)."""
        return self.kind == "oxigraph"

    @property
    def default_graph_writable(self) -> bool:
        """Whether data can be written into the default graph (Virtuoso: SP031, no)."""
        return self.kind != "virtuoso"


def detect(endpoint: str, timeout: float) -> ServerKind:
    """The kind of server behind a query URL: from the URL, else from its `Server` header.

    One small query (`ASK {}`) is sent; a server that cannot be asked is
    "generic" (the requests that follow say what is wrong).
    """
    if _REPOSITORY.match(urllib.parse.urlsplit(endpoint).path):
        return "rdf4j"
    probe = urllib.request.Request(
        endpoint + ("&" if "?" in endpoint else "?") + urllib.parse.urlencode({"query": "ASK {}"})
    )
    try:
        header = authorization(probe.full_url, "GET", timeout)
        if header:
            probe.add_unredirected_header("Authorization", header)
        with urllib.request.urlopen(probe, timeout=timeout) as response:
            response.read()
            server = str(response.headers.get("Server", ""))
            fuseki = response.headers.get("Fuseki-Request-Id") is not None
    except urllib.error.HTTPError as exc:
        server, fuseki = str(exc.headers.get("Server", "")), False
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError, EndpointError):
        return "generic"
    if fuseki:
        return "fuseki"
    lowered = server.lower()
    return next((kind for word, kind in _HEADER_KINDS if word in lowered), "generic")


def server_urls(
    endpoint: str, kind: ServerKind, update: str | None = None, store: str | None = None
) -> ServerUrls:
    """The update and Graph Store URLs of a server of this kind (given ones are kept).

    A given URL that is not http(s)://host/... is a `ValueFieldError` on
    "update_endpoint" or "store_endpoint", before anything is sent.
    """
    for field, given in (("update_endpoint", update), ("store_endpoint", store)):
        if given is not None:
            check_url(field, given)
    return ServerUrls(
        kind, endpoint, update or _update_url(endpoint, kind), store or _store_url(endpoint, kind)
    )


def _update_url(endpoint: str, kind: ServerKind) -> str:
    if kind == "virtuoso":  # one URL for both; writes need the Digest-protected one
        return _replace_path(endpoint, "/sparql-auth") if credentials() else endpoint
    if kind == "rdf4j":
        return _repository(endpoint) + "/statements"
    return sibling(endpoint, "update")


def _store_url(endpoint: str, kind: ServerKind) -> str:
    if kind == "virtuoso":
        path = "/sparql-graph-crud-auth" if credentials() else "/sparql-graph-crud"
        return _replace_path(endpoint, path)
    if kind == "rdf4j":
        return _repository(endpoint) + "/rdf-graphs/service"
    return sibling(endpoint, "data" if kind == "fuseki" else "store")


def _repository(endpoint: str) -> str:
    found = _REPOSITORY.match(urllib.parse.urlsplit(endpoint).path)
    parts = urllib.parse.urlsplit(endpoint)
    path = str(found.group("repo")) if found else parts.path.rstrip("/")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _replace_path(endpoint: str, path: str) -> str:
    parts = urllib.parse.urlsplit(endpoint)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def sibling(endpoint: str, name: str) -> str:
    """The URL next to a query URL: .../query (or .../sparql) -> .../NAME, else .../q/NAME."""
    parsed = urllib.parse.urlsplit(endpoint)
    path = parsed.path.rstrip("/")
    head, _, last = path.rpartition("/")
    path = f"{head}/{name}" if last in ("query", "sparql") else f"{path}/{name}"
    return urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, path, "", ""))


def check_url(field: str, url: str) -> str:
    """`url` if it is an http(s) URL with a host; else a `ValueFieldError` on `field`."""
    try:
        parts = urllib.parse.urlsplit(url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        usable = False
    if not usable:
        raise ValueFieldError(field, url, "give an http:// or https:// URL with a host")
    return url
