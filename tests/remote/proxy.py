"""A fault-injecting HTTP proxy on 127.0.0.1, in front of a real SPARQL server.

Every request is passed on unchanged (path, query string, headers, body) and
the server's answer returned, including its `Server` header (kommgraph tells
servers apart by it). The requests that do work are numbered and described
(`log`): updates by their first word, Graph Store requests, counts. The one
numbered `fail_at` is answered by the proxy itself, without passing it on,
with HTTP 500 (`mode="refuse"`); with `mode="lose-answer"` it is passed on
and the server's answer replaced by a 500, as when a connection drops after
the server did the work. Digest challenges (a GET without a SPARQL query) and the
server-kind probe (`ASK {}`) are passed on but not numbered.
"""

from __future__ import annotations

import http.client
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

HOST = "127.0.0.1"
TIMEOUT = 120.0
_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "host", "content-length"}

Mode = Literal["refuse", "lose-answer"]


@dataclass
class FaultProxy:
    """The proxy's address, what it saw, and which request it breaks."""

    upstream: str  # http://host:port of the real server
    port: int = 0
    fail_at: int | None = None
    mode: Mode = "refuse"
    log: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        """The proxy's URL for a path of the server (`/sparql`)."""
        return f"http://{HOST}:{self.port}{path}"

    def reset(self, fail_at: int | None = None, mode: Mode = "refuse") -> None:
        with self.lock:
            self.fail_at, self.mode = fail_at, mode
            self.log.clear()
            self.failed.clear()


def describe(method: str, path: str, query: str, body: bytes) -> str | None:
    """What a request does, in a few words; None for those that are not numbered."""
    form = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if body else {}
    asked = urllib.parse.parse_qs(query)
    if "update" in form:
        words = form["update"][0].split()
        return f"update {words[0].upper()}" if words else "update"
    text = (form.get("query") or asked.get("query") or [""])[0]
    if text:
        return None if text.strip() == "ASK {}" else "query " + ("COUNT" if "COUNT" in text else "")
    if method == "GET":
        return None  # a Digest challenge (push reads no graph)
    return f"store {method}"


@contextmanager
def fault_proxy(upstream: str) -> Iterator[FaultProxy]:
    """Run a proxy in front of `upstream` (http://host:port) until the block ends."""
    proxy = FaultProxy(upstream)
    target = urllib.parse.urlsplit(upstream)

    class Handler(BaseHTTPRequestHandler):
        upstream_server = ""

        def log_message(self, format: str, *args: object) -> None:
            pass

        def version_string(self) -> str:
            return self.upstream_server or "FaultProxy"

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path, _, query = self.path.partition("?")
            what = describe(self.command, path, query, body)
            with proxy.lock:
                number = None
                if what is not None:
                    number = len(proxy.log)
                    proxy.log.append(what)
                breaking = number is not None and number == proxy.fail_at
                if breaking:
                    proxy.failed.append(str(what))
            if breaking and proxy.mode == "refuse":
                self._answer(500, b"injected failure", "text/plain")
                return
            connection = http.client.HTTPConnection(
                str(target.hostname), target.port, timeout=TIMEOUT
            )
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_HEADERS}
                connection.request(self.command, self.path, body or None, headers)
                answer = connection.getresponse()
                data = answer.read()
                self.upstream_server = answer.getheader("Server", "")
                if breaking:  # the server did it; the answer is lost on the way back
                    self._answer(500, b"injected failure after the server answered", "text/plain")
                    return
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in _HOP_HEADERS and key.lower() != "server":
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            finally:
                connection.close()

        def _answer(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815

    server = ThreadingHTTPServer((HOST, 0), Handler)
    server.daemon_threads = True
    proxy.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
