"""Settings for the whole test session: the persistent index stays inside the session.

Every command uses a persistent index in the user's cache folder and builds one
in the background when it finds none. Tests must neither write into the real
cache folder nor leave background processes behind: the cache goes to a folder
of this session, and indexes are built only where a test asks for one
(`kommgraph index`, or the tests of the background build, which turn it on).
"""

from __future__ import annotations

import os
import tempfile

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Before any test or subprocess runs (workers of pytest-xdist included)."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="kommgraph-test-cache-")
    os.environ["KOMMGRAPH_BACKGROUND_INDEX"] = "0"
    os.environ.pop("KOMMGRAPH_CACHE", None)
