"""Endpoint failures end in exit code 1 and one clear line, never a traceback.

The failures are staged on 127.0.0.1: a closed port, a tiny endpoint that
answers too late, with HTTP errors, with HTML or broken JSON or broken
Turtle; credentials from the environment are checked on what that endpoint
receives; syntax errors and updates go to the real Oxigraph server.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from kommgraph.rdf.namespaces import KG

from .helpers import kommgraph
from .servers import FakeEndpoint, free_port

KOMMGRAPH = Path(sys.executable).parent / "kommgraph"
HEADER = "#+ title: Test query\n#+ description: A query written by a test.\n"
SELECT = HEADER + "SELECT ?s WHERE { ?s a kg:Person }\n"
CONSTRUCT = HEADER + "CONSTRUCT { ?s a kg:Person } WHERE { ?s a kg:Person }\n"


@pytest.fixture
def select_file(tmp_path: Path) -> Path:
    path = tmp_path / "select.rq"
    path.write_text(SELECT, encoding="utf-8")
    return path


def _one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["query", "sources"],
        ["query", "collaborators-of", "--param", "actor=Fabian Mayer"],
    ],
)
def test_an_unreachable_endpoint_gives_exit_1_and_one_line_naming_it(args: list[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    done = subprocess.run(
        [str(KOMMGRAPH), "--endpoint", url, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    line = _one_error_line(done.stderr)
    assert line.endswith(f"SPARQL endpoint {url}: cannot connect (connection refused)"), line
    assert done.stdout == ""


def test_an_endpoint_failure_while_resolving_an_actor_is_not_blamed_on_the_parameter() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = kommgraph("--endpoint", url, "query", "collaborators-of", "--param", "actor=NEGZ")
    assert _one_error_line(result.stderr) == (
        f"Error: SPARQL endpoint {url}: cannot connect (connection refused)"
    )


def test_pushing_to_an_unreachable_endpoint_gives_exit_1_and_one_line_naming_it() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = kommgraph("push", "--endpoint", url)
    assert result.exit_code == 1, result.output
    line = _one_error_line(result.stderr)
    assert line == (
        f"Error: push failed counting the target graph: SPARQL endpoint {url}: "
        "cannot connect (connection refused); nothing was changed"
    )


def test_a_url_that_is_no_url_gives_one_clear_line(select_file: Path) -> None:
    result = kommgraph("--endpoint", "localhost:7878", "query", str(select_file))
    assert result.exit_code == 1, result.output
    assert "unknown url type: localhost" in _one_error_line(result.stderr)


def test_the_timeout_is_respected(fake: FakeEndpoint, select_file: Path) -> None:
    fake.answer.delay = 10.0
    started = time.monotonic()
    result = kommgraph("--endpoint", fake.url, "--timeout", "1.5", "query", str(select_file))
    elapsed = time.monotonic() - started
    assert result.exit_code == 1, result.output
    assert _one_error_line(result.stderr) == (
        f"Error: SPARQL endpoint {fake.url}: no answer within 1.5 s (--timeout)"
    )
    assert 1.5 <= elapsed < 5, elapsed  # not cut to whole seconds, not waiting for the server
    assert len(fake.seen) == 1


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (
            500,
            b"\n  Internal failure: the disk is on fire\nsecond line",
            "(HTTP 500): Internal Server Error: Internal failure: the disk is on fire",
        ),
        (503, b"Down for maintenance", "(HTTP 503): Service Unavailable: Down for maintenance"),
        (404, b"", "(HTTP 404): Not Found"),
        (
            400,
            b"error at 1:5: expected WHERE",
            "(HTTP 400): Bad Request: error at 1:5: expected WHERE",
        ),
        (
            401,
            b"Who are you?",
            "(HTTP 401): Unauthorized: Who are you? (check the credentials; Virtuoso wants "
            "KOMMGRAPH_ENDPOINT_AUTH=digest)",
        ),
        (403, b"Forbidden fruit", "(HTTP 403): Forbidden: Forbidden fruit"),
        (
            502,
            b"<html><body>Bad gateway</body></html>",
            "(HTTP 502): Bad Gateway: <html><body>Bad gateway</body></html>",
        ),
    ],
)
def test_an_http_error_gives_one_line_with_status_and_the_servers_message(
    fake: FakeEndpoint, select_file: Path, status: int, body: bytes, expected: str
) -> None:
    fake.answer.status, fake.answer.body, fake.answer.content_type = status, body, "text/plain"
    result = kommgraph("--endpoint", fake.url, "query", str(select_file))
    assert result.exit_code == 1, result.output
    assert _one_error_line(result.stderr) == f"Error: SPARQL endpoint {fake.url} {expected}"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html", b"<html><body>Please log in</body></html>"),
        ("application/sparql-results+json", b'{"head": {"vars": ["s"]}, "results": '),
        ("application/sparql-results+json", b'{"unexpected": true}'),
        ("application/json", b"\xff\xfe not UTF-8"),
        ("text/plain", b""),
    ],
)
def test_an_answer_that_is_not_sparql_json_gives_one_clear_line(
    fake: FakeEndpoint, select_file: Path, content_type: str, body: bytes
) -> None:
    fake.answer.content_type, fake.answer.body = content_type, body
    result = kommgraph("--endpoint", fake.url, "query", str(select_file))
    assert result.exit_code == 1, result.output
    line = _one_error_line(result.stderr)
    assert line.startswith(
        f"Error: SPARQL endpoint {fake.url}: answered with something that is not SPARQL JSON ("
        f"{content_type}"
    ), line


def test_a_construct_answer_that_is_not_rdf_gives_one_clear_line(
    fake: FakeEndpoint, tmp_path: Path
) -> None:
    query = tmp_path / "construct.rq"
    query.write_text(CONSTRUCT, encoding="utf-8")
    fake.answer.content_type, fake.answer.body = "text/turtle", b"this is { not turtle"
    result = kommgraph("--endpoint", fake.url, "query", str(query))
    assert result.exit_code == 1, result.output
    line = _one_error_line(result.stderr)
    expected = f"Error: SPARQL endpoint {fake.url}: answered with RDF that cannot be parsed"
    assert line.startswith(expected), line


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_basic_auth_credentials_from_the_environment_are_sent_with_queries(
    fake: FakeEndpoint, select_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMMGRAPH_ENDPOINT_USER", "anna")
    monkeypatch.setenv("KOMMGRAPH_ENDPOINT_PASSWORD", "s3cret:with:colons")
    result = kommgraph("--endpoint", fake.url, "query", str(select_file), "--format", "json")
    assert result.exit_code == 0, result.output
    sent = [s.headers.get("Authorization") for s in fake.seen]
    assert sent == [_basic("anna", "s3cret:with:colons")]


def test_basic_auth_credentials_are_sent_with_every_request_of_a_push(
    fake: FakeEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMMGRAPH_ENDPOINT_USER", "anna")
    monkeypatch.setenv("KOMMGRAPH_ENDPOINT_PASSWORD", "")
    result = kommgraph("push", "--endpoint", fake.url)  # the fake counts no triples anywhere
    assert result.exit_code == 1, result.output
    assert "push failed counting the uploaded triples" in _one_error_line(result.stderr)
    requests = [(s.method, s.path.split("?")[0]) for s in fake.seen]
    assert requests == [
        ("GET", "/query"),  # which server is it?
        ("POST", "/query"),  # the target's count
        ("POST", "/store"),  # the upload into a temporary graph
        ("POST", "/query"),  # its count (0: wrong)
        ("POST", "/update"),  # the temporary graph dropped
    ]
    assert {s.headers.get("Authorization") for s in fake.seen} == {_basic("anna", "")}


def test_without_credentials_in_the_environment_no_authorization_is_sent(
    fake: FakeEndpoint, select_file: Path
) -> None:
    result = kommgraph("--endpoint", fake.url, "query", str(select_file))
    assert result.exit_code == 0, result.output
    assert [s.headers.get("Authorization") for s in fake.seen] == [None]


def test_the_endpoint_can_come_from_the_environment(
    fake: FakeEndpoint, select_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMMGRAPH_ENDPOINT", fake.url)
    result = kommgraph("query", str(select_file))
    assert result.exit_code == 0, result.output
    assert len(fake.seen) == 1


@pytest.mark.parametrize("where", ["embedded", "remote"])
def test_an_update_given_to_query_is_refused_and_never_sent(
    fake: FakeEndpoint, tmp_path: Path, where: str
) -> None:
    path = tmp_path / "update.rq"
    path.write_text(HEADER + "DELETE WHERE { ?s ?p ?o }\n", encoding="utf-8")
    prefix = ["--endpoint", fake.url] if where == "remote" else []
    result = kommgraph(*prefix, "query", str(path))
    assert result.exit_code == 1, result.output
    assert "refusing to run a SPARQL Update (DELETE)" in _one_error_line(result.stderr)
    assert fake.seen == []


@pytest.mark.server
def test_a_syntax_error_names_the_line_and_column_of_the_query_file(
    oxigraph: str, tmp_path: Path
) -> None:
    text = HEADER + "SELECT ?s\nWHERE {\n  ?s a kg:Person .\n  ?s nope:x ?o .\n}\n"
    path = tmp_path / "broken.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SyntaxError) as raised:  # what Oxigraph says about the file as written
        pyoxigraph.Store().query(text, prefixes={"kg": str(KG)})
    where = str(raised.value).split(": ")[0]
    assert where.startswith("error at 6:"), where  # the undeclared prefix on line 6
    remote = kommgraph("--endpoint", oxigraph, "query", str(path))
    assert remote.exit_code == 1, remote.output
    line = _one_error_line(remote.stderr)
    expected = f"Error: SPARQL endpoint {oxigraph} (HTTP 400): Bad Request: {where}: "
    assert line.startswith(expected), line
    embedded = kommgraph("query", str(path))
    assert embedded.exit_code == 1, embedded.output
    assert _one_error_line(embedded.stderr).startswith(f"Error: SPARQL syntax {where}: ")
