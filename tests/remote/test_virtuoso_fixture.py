"""The Virtuoso fixture keeps its promises: its own folder, 127.0.0.1 only, writes need
Digest, stopped afterwards (also when the test inside fails), and clear start failures.
"""

from __future__ import annotations

import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .virtuoso import VirtuosoServer, VirtuosoStartError, virtuoso_server

pytestmark = pytest.mark.server


def _open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _update(url: str, text: str) -> urllib.request.Request:
    body = urllib.parse.urlencode({"update": text}).encode()
    return urllib.request.Request(url, data=body, method="POST")


def test_the_session_server_lives_in_its_folder_on_127_0_0_1_and_writes_need_digest(
    virtuoso: VirtuosoServer,
) -> None:
    assert virtuoso.query_url.startswith("http://127.0.0.1:")
    assert (virtuoso.folder / "db" / "virtuoso.db").is_file()
    assert _open(virtuoso.http_port) and _open(virtuoso.sql_port)
    insert = "INSERT DATA { GRAPH <urn:fixture> { <urn:a> <urn:b> <urn:c> } }"
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(_update(virtuoso.query_url, insert), timeout=30)
    assert anonymous.value.code == 500  # SR186: no permission
    with virtuoso.opener().open(_update(virtuoso.auth_url, insert), timeout=30) as answer:
        assert answer.status == 200


def test_a_server_is_stopped_when_the_block_fails(tmp_path: Path) -> None:
    with pytest.raises(AssertionError), virtuoso_server(tmp_path / "v") as server:
        assert _alive(server.pid)
        raise AssertionError("a failing test")
    assert not _alive(server.pid)
    assert not _open(server.http_port) and not _open(server.sql_port)


def test_a_folder_that_holds_a_database_is_refused_before_starting(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "virtuoso.db").write_bytes(b"")
    with (
        pytest.raises(VirtuosoStartError, match="already holds a database"),
        virtuoso_server(tmp_path),
    ):
        pass
