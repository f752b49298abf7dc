"""The README says what the code does: commands, module map, JSON keys, exit codes."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from kommgraph.check.report import Finding
from kommgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SRC = ROOT / "src" / "kommgraph"


def test_every_command_is_in_the_command_list() -> None:
    listed = set(re.findall(r"^    kommgraph (\w+)", README, flags=re.M))
    assert listed == set(main.commands)


def test_the_module_map_names_modules_that_exist() -> None:
    section = README[README.index("### The package in two minutes") :]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert len(rows) == 7
    for row in rows:
        layer = re.match(r"\| `([\w/.]+)`", row)
        assert layer is not None
        folder = SRC / layer.group(1).rstrip("/")
        for module in re.findall(r"`(\w+\.py)`", row):
            where = folder if folder.is_dir() else SRC
            assert (where / module).is_file(), f"{layer.group(1)} {module}"


def test_every_package_folder_is_in_the_module_map() -> None:
    folders = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    section = README[README.index("### The package in two minutes") :]
    assert {f for f in folders if f"`{f}/`" in section} == folders


def test_the_validate_json_keys_are_the_finding_fields() -> None:
    documented = README[README.index("- `validate --format json`") :]
    documented = documented[: documented.index("\n- ")]
    listed = documented[documented.index('"findings": [{') : documented.index("}]")]
    keys = re.findall(r'"(\w+)"', listed)[1:]
    assert keys == [f.name for f in dataclasses.fields(Finding)]
