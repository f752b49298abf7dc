"""The servers behind the remote tests: a real Oxigraph server and a tiny fake endpoint.

Both listen on 127.0.0.1 only and are always stopped by the fixtures in
`conftest.py`, also when a test fails.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"
START_SECONDS = 15.0
STOP_SECONDS = 5.0


class ServerStartError(RuntimeError):
    """The Oxigraph server is missing, exited or never answered."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def oxigraph_executable() -> Path:
    """The `oxigraph` command of the PyPI package, next to this Python or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerStartError(
            "the Oxigraph server is not installed: `pip install oxigraph` (a dev dependency)"
        )
    return Path(found)


def _answers(url: str) -> bool:
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    try:
        with urllib.request.urlopen(probe, timeout=1) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """Run `oxigraph serve` on a free port; yield its query URL; always stop it."""
    port = free_port()
    log = location.parent / f"{location.name}.stderr"
    command = [
        str(oxigraph_executable()),
        "serve",
        "--location",
        str(location),
        "--bind",
        f"{HOST}:{port}",
    ]
    with log.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://{HOST}:{port}/query"
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                why = (
                    f"exited with code {process.returncode}"
                    if process.poll() is not None
                    else f"did not answer within {START_SECONDS:g} s"
                )
                raise ServerStartError(
                    f"the Oxigraph server ({' '.join(command)}) {why}; its stderr:\n"
                    + log.read_text(encoding="utf-8", errors="replace")
                )
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_SECONDS)


def post_update(query_url: str, update: str) -> None:
    """Send a SPARQL Update to the server's `/update` (for setting up tests)."""
    url = query_url.rsplit("/", 1)[0] + "/update"
    data = urllib.parse.urlencode({"update": update}).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


@dataclass
class Answer:
    """What the fake endpoint answers to every request."""

    status: int = 200
    body: bytes = b'{"head": {"vars": []}, "results": {"bindings": []}}'
    content_type: str = "application/sparql-results+json"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)  # more response headers
    server: str = "FakeEndpoint"  # the Server header


@dataclass
class Seen:
    """One request the fake endpoint received."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeEndpoint:
    """A tiny HTTP server on 127.0.0.1 in a thread: answers as told, records requests."""

    answer: Answer = field(default_factory=Answer)
    seen: list[Seen] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/query"


def _handler(fake: FakeEndpoint) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            fake.seen.append(Seen(self.command, self.path, dict(self.headers.items()), body))
            if fake.answer.delay:
                fake.stopping.wait(fake.answer.delay)
            try:
                self.send_response(fake.answer.status)
                self.send_header("Content-Type", fake.answer.content_type)
                self.send_header("Content-Length", str(len(fake.answer.body)))
                for name, value in fake.answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(fake.answer.body)
            except OSError:  # the client gave up (timeout test)
                pass

        do_GET = do_POST = do_PUT = _serve  # noqa: N815 (http.server's naming)

        def version_string(self) -> str:
            return fake.answer.server

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output clean."""

    return Handler


@contextmanager
def fake_endpoint() -> Iterator[FakeEndpoint]:
    """Start a FakeEndpoint; always shut it down."""
    fake = FakeEndpoint()
    server = ThreadingHTTPServer((HOST, 0), _handler(fake))
    server.daemon_threads = True
    fake.port = int(server.server_address[1])
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake", daemon=True
    )
    thread.start()
    try:
        yield fake
    finally:
        fake.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=STOP_SECONDS)
