"""Fixtures of the hardening tests: a folder that nobody may use, restored and removed after."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A folder in /tmp that every user may enter and write (pytest's own is root's only)."""
    folder = Path(tempfile.mkdtemp(prefix="kommgraph-harden-", dir="/tmp"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for root, dirs, _files in os.walk(folder):
            for name in dirs:
                Path(root, name).chmod(0o777)
        shutil.rmtree(folder)


@pytest.fixture(autouse=True)
def _no_settings_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Endpoint and input limit come from each test, never from the caller's shell."""
    for name in ("KOMMGRAPH_ENDPOINT", "KOMMGRAPH_MAX_INPUT_BYTES"):
        monkeypatch.delenv(name, raising=False)
