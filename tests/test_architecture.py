"""The package is what DESIGN.md says: layers, no import circles, small modules, one vocabulary.

The layers contract itself is checked by import-linter (`make test` runs
`lint-imports`, configured in pyproject.toml); here the module graph is read
with grimp, the library import-linter is built on.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import grimp
import networkx as nx

SRC = Path(__file__).resolve().parent.parent / "src" / "kommgraph"
LAYERS = ("cli", "api", "views", "check", "network", "rdf")


def module_graph() -> nx.DiGraph[str]:
    imports = grimp.build_graph("kommgraph", include_external_packages=False)
    graph: nx.DiGraph[str] = nx.DiGraph()
    for module in imports.modules:
        graph.add_node(module)
        for imported in imports.find_modules_directly_imported_by(module):
            graph.add_edge(module, imported)
    return graph


def test_no_module_imports_itself_in_a_circle_init_files_included() -> None:
    graph = module_graph()
    assert graph.number_of_nodes() > 50
    cycles = sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)
    assert cycles == []


def test_the_layers_are_folders_and_the_bottom_imports_nothing_of_kommgraph() -> None:
    assert all((SRC / layer).is_dir() or (SRC / f"{layer}.py").is_file() for layer in LAYERS)
    graph = module_graph()
    for bottom in ("kommgraph.vocab", "kommgraph.errors"):
        assert list(graph.successors(bottom)) == [], bottom


def docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_library_messages_never_name_a_command_line_option() -> None:
    """Errors carry fields; only kommgraph.cli words them as options (`--since`)."""
    option = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.is_relative_to(SRC / "cli"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = docstrings(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or id(node) in skip:
                continue
            if isinstance(node.value, str) and option.search(node.value):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value[:60]!r}")
    assert found == []
