"""`push`: load the ontology and the data into a SPARQL server, replacing what was pushed before."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from kommgraph.errors import EndpointError, ParameterError, ValueFieldError
from kommgraph.rdf.endpoint import (
    OWN_PREFIX,
    RemoteBackend,
    authorization_header,
    connection_error,
    http_reason,
    store_url,
    update_url,
)
from kommgraph.rdf.graph_store import GraphStore


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
    header = authorization_header()
    if header:
        request.add_header("Authorization", header)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
        return int(response.status)


def _own(term: str) -> str:
    return f'(isIRI({term}) && STRSTARTS(STR({term}), "{OWN_PREFIX}"))'


# Blank nodes have no name to recognise them by. Those that kommgraph pushed are
# taken to be the ones tied to a kommgraph IRI (`[] a kg:Participation ;
# kg:agent ...`, OWL restrictions on kg: properties, the object of a kg:
# subject), the blank nodes those point to directly (`kg:period [ ... ]`), and
# the rest of an RDF list starting at any of them. They go before the IRIs.
_DELETE_OWN = f"""
DELETE {{ ?b ?p ?o }} WHERE {{
  {{
    SELECT DISTINCT ?b WHERE {{
      {{ ?first ?q ?x FILTER(isBlank(?first) && ({_own("?q")} || {_own("?x")})) }}
      UNION {{ ?s ?r ?first FILTER(isBlank(?first) && {_own("?s")}) }}
      ?first (!<urn:kommgraph:no-such-property>)? ?middle .
      FILTER(isBlank(?middle))
      ?middle <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest>* ?b .
      FILTER(isBlank(?b))
    }}
  }}
  ?b ?p ?o .
}} ;
DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER {_own("?s")} }}
"""


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
    graph: first every triple whose subject is a kommgraph IRI (or a blank
    node tied to one) is deleted, so that other data in the default graph
    stays and pushing twice leaves the same triples. The Graph Store Protocol
    is tried first; a server without it gets SPARQL Update. The data is
    serialized by Oxigraph as N-Triples, exactly as the embedded store holds
    it (no literal normalization on the way).
    """
    if named_graph is not None:
        from kommgraph.rdf.params import to_iri

        try:
            named_graph = str(to_iri(named_graph, "graph"))
        except ParameterError as exc:
            raise ValueFieldError("graph", named_graph, exc.reason) from None
    remote = RemoteBackend(endpoint, timeout)
    ntriples = graph.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    assert ntriples is not None
    lines = [line for line in ntriples.decode("utf-8").splitlines() if line.strip()]
    update = update_endpoint or update_url(endpoint)
    gsp = store_endpoint or store_url(endpoint)
    if named_graph is None:
        remote.update(_DELETE_OWN, update)
        target = f"{gsp}?default"
        method = "POST"
    else:
        target = f"{gsp}?{urllib.parse.urlencode({'graph': named_graph})}"
        method = "PUT"
    try:
        _request(target, method, ntriples, "application/n-triples", timeout)
        return PushReport(endpoint, named_graph, len(lines), "graph-store")
    except urllib.error.HTTPError as exc:
        if exc.code not in (400, 404, 405, 415, 501):
            raise EndpointError(gsp, http_reason(exc), exc.code) from None
    except urllib.error.URLError as exc:
        raise connection_error(gsp, exc.reason, timeout) from None
    except (OSError, http.client.HTTPException) as exc:
        raise connection_error(gsp, exc, timeout) from None
    except ValueError as exc:
        raise EndpointError(gsp, f"not a usable URL ({exc})") from None
    blank = any(isinstance(t, ox.BlankNode) for q in graph.store for t in (q.subject, q.object))
    _push_by_update(remote, lines, named_graph, update, chunk=len(lines) if blank else 5000)
    return PushReport(endpoint, named_graph, len(lines), "update")


def _push_by_update(
    remote: RemoteBackend, lines: list[str], named_graph: str | None, url: str, chunk: int
) -> None:
    """INSERT DATA in chunks of N-Triples lines (one chunk when blank nodes must stay one)."""
    if named_graph is not None:
        remote.update(f"DROP SILENT GRAPH <{named_graph}>", url)
    for start in range(0, len(lines), max(chunk, 1)):
        body = "\n".join(lines[start : start + max(chunk, 1)])
        if named_graph is not None:
            body = f"GRAPH <{named_graph}> {{\n{body}\n}}"
        remote.update(f"INSERT DATA {{\n{body}\n}}", url)
