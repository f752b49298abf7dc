"""`push`: load the embedded graph into a SPARQL server, and never lose what it held before.

The data goes into a temporary named graph first (`urn:kommgraph:push:UUID`),
by the Graph Store Protocol or, where a server has none, by SPARQL Update, in
chunks (`kommgraph.rdf.upload`). Only when the server counts exactly the
triples sent is the target replaced:

- on Oxigraph with `MOVE` (one transaction: readers see the old graph or the
  new one);
- elsewhere with `COPY`, then the target is counted, and only then is the
  temporary graph dropped: Virtuoso runs MOVE, COPY and Graph Store PUT row by
  row, so a failure half-way must leave a complete copy somewhere (and
  `MOVE` from a missing graph empties the target there);
- the default graph (where the server has a writable one) with one update
  request: what kommgraph pushed before is deleted, the temporary graph added.

A failure before the replacement leaves the target untouched and the
temporary graph removed; a failure during it is looked into (both graphs
counted), and the `PushError` says what state the server is in. Every wait
is limited: requests by the push's timeout, clean-up by `CLEANUP_SECONDS`.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from kommgraph.errors import EndpointError, PushError
from kommgraph.rdf.endpoint import OWN_PREFIX
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.params import graph_iri
from kommgraph.rdf.servers import ServerUrls, check_url, detect, server_urls
from kommgraph.rdf.transport import count, graph_url, send, update
from kommgraph.rdf.upload import GRAPH_STORE_CHUNK, UPDATE_CHUNK, Chunk, Triples, triples
from kommgraph.rdf.worker import check_timeout

CLEANUP_SECONDS = 30.0  # the most a clean-up request waits, whatever the push's timeout
DETECT_SECONDS = 10.0
TEMPORARY = "urn:kommgraph:push:"
# the steps, as a message names them ("push failed uploading into ...")
_COUNT_TARGET = "counting the target graph"
_UPLOAD = "uploading into a temporary graph"
_COUNT_UPLOAD = "counting the uploaded triples"
_REPLACE = "replacing the target graph"
_COUNT_COPY = "counting the copy"
_COUNT_RESULT = "counting the result"
# statuses that mean "no Graph Store Protocol here" (then SPARQL Update is used)
_NO_STORE = (400, 404, 405, 415, 501)


@dataclass(frozen=True)
class PushTarget:
    """Where a push goes: the query URL, the graph, and (optionally) where updates go."""

    endpoint: str
    graph: str | None = None  # a named graph IRI; None: the default graph
    update_endpoint: str | None = None  # default: found from the server's kind
    store_endpoint: str | None = None
    timeout: float = 120.0  # per request


@dataclass(frozen=True)
class PushReport:
    """What `push` did, and what the server holds afterwards."""

    endpoint: str
    graph: str | None
    triples: int  # sent: the stated triples and the computed closures
    computed: int
    method: str  # "graph-store" or "update"
    replaced_by: str  # "move", "copy" or "update" (the default graph)
    server: str  # the kind of server found
    on_server: int  # triples in the target graph afterwards (the default graph: all of it)
    leftover: str | None = None  # a temporary graph that could not be removed


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
    graph: GraphStore, target: PushTarget, progress: Callable[[float], None] | None = None
) -> PushReport:
    """Load ontology, data and computed closures into `target`, replacing what it held.

    `progress` is called with the number of triples sent, chunk by chunk.
    """
    check_timeout(target.timeout)
    named = graph_iri(target.graph)
    check_url("endpoint", target.endpoint)
    server_urls(target.endpoint, "generic", target.update_endpoint, target.store_endpoint)
    data = triples(graph.store)
    kind = detect(target.endpoint, min(target.timeout, DETECT_SECONDS))
    urls = server_urls(target.endpoint, kind, target.update_endpoint, target.store_endpoint)
    if named is None and not urls.default_graph_writable:
        raise PushError(
            target.endpoint,
            "to start",
            "Virtuoso has no writable default graph; push into a named graph and query that graph",
            "nothing was sent",
            needs_graph=True,
        )
    run = _Push(urls, named, target.timeout, len(data), progress or (lambda _n: None))
    return run.run(data, graph.computed)


@dataclass
class _Push:
    """One push: the steps, and what to say when one of them fails."""

    urls: ServerUrls
    named: str | None
    timeout: float
    expected: int
    advance: Callable[[float], None]

    def __post_init__(self) -> None:
        self.temporary = f"{TEMPORARY}{uuid.uuid4()}"
        self.where = f"graph <{self.named}>" if self.named else "the default graph"

    def run(self, data: Triples, computed: int) -> PushReport:
        before = self._step(_COUNT_TARGET, lambda: self._count(self.named))
        try:
            method = self._upload(data)
            found = self._step(_COUNT_UPLOAD, lambda: self._count(self.temporary))
            if found != self.expected:
                raise self._failure(
                    _COUNT_UPLOAD, f"the server holds {found} of the {self.expected} triples sent"
                )
        except BaseException as exc:  # Ctrl-C and SIGTERM too: the temporary graph goes
            leftover = self._drop_temporary()
            if isinstance(exc, PushError):
                raise exc.with_state(self._untouched(before, leftover)) from None
            raise
        replaced_by, leftover = self._replace(before)
        try:
            on_server = self._count(self.named)
        except EndpointError as exc:
            state = f"{self.where} was replaced, but could not be counted"
            raise PushError(self.urls.query, _COUNT_RESULT, exc.message(), state) from None
        return PushReport(
            self.urls.query,
            self.named,
            self.expected,
            computed,
            method,
            replaced_by,
            self.urls.kind,
            on_server,
            leftover,
        )

    # the steps -------------------------------------------------------------

    def _upload(self, data: Triples) -> str:
        """Send every triple into the temporary graph; "graph-store" or "update"."""
        store = graph_url(self.urls.store, self.temporary)
        first, *rest = data.chunks(GRAPH_STORE_CHUNK)
        try:
            self._post(store, first)
        except EndpointError as exc:
            if exc.status not in _NO_STORE:
                raise self._failure(_UPLOAD, exc.message(), exc.status) from None
            for chunk in data.chunks(UPDATE_CHUNK):
                self._send_update(chunk)
            return "update"
        for chunk in rest:
            try:
                self._post(store, chunk)
            except EndpointError as exc:
                raise self._failure(_UPLOAD, exc.message(), exc.status) from None
        return "graph-store"

    def _post(self, store: str, chunk: Chunk) -> None:
        send(store, "POST", chunk.ntriples(), "application/n-triples", self.timeout)
        self.advance(len(chunk.lines))

    def _send_update(self, chunk: Chunk) -> None:
        text = chunk.insert(self.temporary)
        self._step(_UPLOAD, lambda: update(self.urls.update, text, self.timeout))
        self.advance(len(chunk.lines))

    def _replace(self, before: int) -> tuple[str, str | None]:
        """Put the temporary graph in the target's place; how, and a graph left over."""
        if self.named is None:
            text = f"{_DELETE_OWN} ;\nADD GRAPH <{self.temporary}> TO DEFAULT ;\n{self._drop()}"
            self._replacing(before, lambda: update(self.urls.update, text, self.timeout))
            return "update", None
        if self.urls.atomic_move:
            text = f"MOVE GRAPH <{self.temporary}> TO GRAPH <{self.named}>"
            self._replacing(before, lambda: update(self.urls.update, text, self.timeout))
            return "move", None
        text = f"COPY GRAPH <{self.temporary}> TO GRAPH <{self.named}>"
        self._replacing(before, lambda: update(self.urls.update, text, self.timeout))
        try:
            copied = self._count(self.named)
        except EndpointError as exc:
            state = (
                f"{self.where} was replaced by a copy that could not be counted; the new data "
                f"also stays in graph <{self.temporary}>: push again"
            )
            reason = exc.message()
            raise PushError(self.urls.query, _COUNT_COPY, reason, state, exc.status) from None
        if copied != self.expected:
            raise PushError(
                self.urls.query,
                _COUNT_COPY,
                f"{self.where} holds {copied} triples after the copy, not {self.expected}",
                f"{self.where} may be incomplete; the complete new data stays in graph "
                f"<{self.temporary}>: push again",
            )
        return "copy", self._drop_temporary()

    def _replacing(self, before: int, action: Callable[[], None]) -> None:
        """Run the replacing request; when it fails, find out and say what the server holds."""
        try:
            action()
        except EndpointError as exc:
            state = self._inspect(before)
            if state is None:  # it happened after all; only the answer was lost
                return
            raise PushError(self.urls.query, _REPLACE, exc.message(), state, exc.status) from None

    def _inspect(self, before: int) -> str | None:
        """What the server holds after a failed replacement (None: the push is complete)."""
        try:
            now = self._count(self.named, CLEANUP_SECONDS)
            kept = self._count(self.temporary, CLEANUP_SECONDS)
        except EndpointError:
            return (
                f"the server's state is unknown: {self.where} may be partly replaced, and "
                f"graph <{self.temporary}> may be left over (DROP SILENT GRAPH it)"
            )
        if kept == self.expected and now == before:
            return self._untouched(before, self._drop_temporary())
        if self.named is not None and now == self.expected and kept in (0, self.expected):
            return None  # moved (or copied): only the answer was lost; the copy is checked next
        return (
            f"{self.where} holds {now} triples (it held {before}); the complete new data "
            f"stays in graph <{self.temporary}> ({kept} triples): push again"
        )

    # helpers ---------------------------------------------------------------

    def _drop(self) -> str:
        return f"DROP SILENT GRAPH <{self.temporary}>"

    def _count(self, graph: str | None, timeout: float | None = None) -> int:
        return count(self.urls.query, graph, timeout or self.timeout)

    def _drop_temporary(self) -> str | None:
        """Remove the temporary graph (best effort, a limited wait); the graph if it stays."""
        with contextlib.suppress(EndpointError):
            update(self.urls.update, self._drop(), min(self.timeout, CLEANUP_SECONDS))
            return None
        return self.temporary

    def _untouched(self, before: int, leftover: str | None) -> str:
        state = f"{self.where} was not changed ({before} triples)"
        if leftover:
            return f"{state}; the temporary graph <{leftover}> could not be removed"
        return f"{state}; the temporary graph was removed"

    def _step(self, step: str, action: Callable[[], int | None]) -> int:
        """Run one step; its failure as a PushError (whose state the caller fills in)."""
        try:
            return int(action() or 0)
        except EndpointError as exc:
            raise self._failure(step, exc.message(), exc.status) from None

    def _failure(self, step: str, reason: str, status: int | None = None) -> PushError:
        return PushError(self.urls.query, step, reason, "nothing was changed", status)
