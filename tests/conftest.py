"""Settings for the whole test session: the persistent index stays inside the session.

Every command uses a persistent index in the user's cache folder and builds one
in the background when it finds none. Tests must neither write into the real
cache folder nor leave background processes behind: the cache goes to a folder
of this session, and indexes are built only where a test asks for one
(`kommgraph index`, or the tests of the background build, which turn it on).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner


def pytest_configure(config: pytest.Config) -> None:
    """Before any test or subprocess runs (workers of pytest-xdist included)."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="kommgraph-test-cache-")
    os.environ["KOMMGRAPH_BACKGROUND_INDEX"] = "0"
    os.environ.pop("KOMMGRAPH_CACHE", None)


FIXTURE = Path(__file__).parent / "fixtures" / "viz" / "evil.ttl"
NETWORK = Path(__file__).parent / "fixtures" / "network"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the network fixture that a test may change (and index)."""
    folder = tmp_path / "data"
    shutil.copytree(NETWORK, folder)
    return folder


def make_site(folder: Path, *data: str, lang: str = "de") -> Path:
    """`kommgraph [--data D] site -o FOLDER --no-timestamp --lang L`; the folder."""
    from kommgraph.cli import main

    command = [*data, "site", "-o", str(folder), "--no-timestamp", "--lang", lang]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the bundled data, German (made once per session)."""
    return make_site(tmp_path_factory.mktemp("site") / "bundled")


@pytest.fixture(scope="session")
def fixture_site_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the viz fixture graph (hostile labels and quotes), English."""
    return make_site(tmp_path_factory.mktemp("site") / "en", "--data", str(FIXTURE), lang="en")


@pytest.fixture(scope="session")
def fixture_site_de(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same fixture graph's site in German."""
    return make_site(tmp_path_factory.mktemp("site") / "de", "--data", str(FIXTURE))
