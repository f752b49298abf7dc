"""The server fixture keeps its promises: 127.0.0.1 only, stopped afterwards, clear failures."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from .servers import ServerStartError, oxigraph_server, post_update

pytestmark = pytest.mark.server


def _refused(url: str) -> bool:
    port = int(url.split(":")[2].split("/", maxsplit=1)[0])
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_the_server_listens_on_127_0_0_1_and_is_stopped_afterwards(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "store") as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/query")
        post_update(url, "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
        assert not _refused(url)
    assert _refused(url)


def test_the_server_is_stopped_when_the_test_inside_fails(tmp_path: Path) -> None:
    with pytest.raises(AssertionError), oxigraph_server(tmp_path / "store") as url:
        raise AssertionError("a failing test")
    assert _refused(url)


def test_a_server_that_cannot_start_fails_with_its_stderr(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    with pytest.raises(ServerStartError) as raised, oxigraph_server(not_a_folder):
        pass
    message = str(raised.value)
    assert "exited with code 1" in message
    assert "is not a directory" in message  # Oxigraph's own stderr
