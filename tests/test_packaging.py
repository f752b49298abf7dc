"""The wheel carries ontology, shapes, checks, data and queries, and runs from a fresh venv.

Builds the wheel (`python -m build`, isolated: hatchling comes from the package index),
installs it into a new virtual environment without system site-packages, and runs
`kommgraph` from a folder outside the checkout, so every file it reads must come from
`kommgraph/_bundled/` inside the installed package. Takes about 20 s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = "kommgraph/_bundled"

# checkout folder, file pattern: every match must be in the wheel under BUNDLED
BUNDLED_FILES = [
    ("ontology", "kommgraph.ttl"),
    ("ontology", "shapes.ttl"),
    ("ontology/checks", "*.rq"),
    ("data", "*.ttl"),
    ("queries", "*.rq"),
]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    outside: Path  # a working folder outside the checkout

    def bin(self, name: str) -> Path:
        return self.venv / "bin" / name


def clean_env() -> dict[str, str]:
    """The environment without anything that points into this checkout's venv."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def run(
    args: list[str | Path], cwd: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("packaging")
    dist, venv, outside = base / "dist", base / "venv", base / "elsewhere"
    outside.mkdir()
    built = run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT], cwd=base)
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = dist.glob("kommgraph-*.whl")
    # A venv without its own pip, filled by this environment's pip (`--python`): the same
    # install, 5 s faster; --no-compile saves another 20 s of byte-compiling dependencies.
    made = run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=base)
    assert made.returncode == 0, made.stderr
    pip = run(
        [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
         "--quiet", "--no-compile", wheel],
        cwd=base,
        timeout=300,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return Installed(wheel, venv, outside)


def test_wheel_bundles_ontology_shapes_checks_data_and_queries(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    for folder, pattern in BUNDLED_FILES:
        expected = {f"{BUNDLED}/{folder}/{p.name}" for p in (ROOT / folder).glob(pattern)}
        if folder != "queries":  # queries/ may still be empty; then there is nothing to ship
            assert expected, f"no {folder}/{pattern} in the checkout"
        missing = expected - names
        assert not missing, f"not in the wheel: {sorted(missing)}"
    assert {f"{BUNDLED}/ontology/kommgraph.ttl", f"{BUNDLED}/ontology/shapes.ttl"} <= names


def test_wheel_holds_the_package_and_its_entry_point(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        entry = wheel.read(entry_points).decode()
    assert {"kommgraph/__init__.py", "kommgraph/__main__.py", "kommgraph/cli/__init__.py"} <= names
    assert "kommgraph = kommgraph.cli:entry" in entry
    assert not any(n.startswith(("tests/", "src/")) for n in names)
    views = ROOT / "src" / "kommgraph" / "views"
    page_files = {f"kommgraph/views/assets/{p.name}" for p in (views / "assets").iterdir()}
    catalogues = {
        f"kommgraph/views/locale/{p.relative_to(views / 'locale')}"
        for p in (views / "locale").glob("*/LC_MESSAGES/kommgraph.mo")
    }
    assert len(page_files) >= 6 and len(catalogues) == 2
    assert not (page_files | catalogues) - names, sorted((page_files | catalogues) - names)


def test_fresh_venv_has_no_system_site_packages(installed: Installed) -> None:
    config = (installed.venv / "pyvenv.cfg").read_text()
    assert "include-system-site-packages = false" in config
    where = run(
        [installed.bin("python"), "-c", "import kommgraph; print(kommgraph.__file__)"],
        cwd=installed.outside,
    )
    assert Path(where.stdout.strip()).is_relative_to(installed.venv), where.stderr


def test_installed_package_finds_its_files_in_bundled(installed: Installed) -> None:
    code = (
        "from kommgraph.rdf import resources\n"
        "for f in (resources.ontology_file, resources.shapes_file, resources.checks_dir,\n"
        "          resources.data_dir, resources.queries_dir):\n"
        "    print(f())\n"
    )
    result = run([installed.bin("python"), "-c", code], cwd=installed.outside)
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert len(paths) == 5
    for path in paths:
        assert "/kommgraph/_bundled/" in str(path), path
        assert path.is_relative_to(installed.venv), path
        assert path.exists(), path
        assert not path.is_relative_to(ROOT), path


def test_installed_kommgraph_stats_runs_on_the_bundled_data(installed: Installed) -> None:
    result = run([installed.bin("kommgraph"), "stats", "--format", "json"], cwd=installed.outside)
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    for name in ("kg:Person", "kg:Organization", "kg:Event", "kg:Source", "kg:Participation"):
        assert stats["classes"][name] > 0, name
    assert stats["events"]["first"] is not None


def test_installed_kommgraph_validate_uses_the_bundled_shapes_and_checks(
    installed: Installed,
) -> None:
    result = run(
        [installed.bin("kommgraph"), "validate", "--format", "json"], cwd=installed.outside
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    checks = {p.name.removesuffix(".rq") for p in (ROOT / "ontology" / "checks").glob("*.rq")}
    assert checks <= set(report["rules"])
    assert report["files"] > 1


def test_installed_python_dash_m_kommgraph_shows_help(installed: Installed) -> None:
    result = run([installed.bin("python"), "-m", "kommgraph", "--help"], cwd=installed.outside)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: python -m kommgraph [OPTIONS] COMMAND [ARGS]...")
    assert "validate" in result.stdout and "stats" in result.stdout
