"""Rendering of `kommgraph validate`: all parse errors first, then the report.

Light to import (click only), so that the CLI module can take `shacl_engine_option`
at import time and `kommgraph --help` stays instant; kommgraph.check.validate (rdflib,
pyoxigraph) is imported when a validation runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from kommgraph.errors import EXIT_DATA, EXIT_OK, KommgraphError

if TYPE_CHECKING:
    from kommgraph.check.validate import Report, ShaclEngineName

F = TypeVar("F", bound=Callable[..., Any])

# kommgraph.check.validate.SHACL_ENGINES, repeated to keep this module light (a test compares them).
ENGINE_CHOICES = ("sparql", "pyshacl")


def shacl_engine_option(command: F) -> F:
    """The --shacl-engine option of `kommgraph validate` (the parameter is `shacl_engine`)."""
    return click.option(
        "--shacl-engine",
        "shacl_engine",
        type=click.Choice(ENGINE_CHOICES),
        default="sparql",
        show_default=True,
        help=(
            "How SHACL shapes are checked: 'sparql' compiles them to SPARQL for the embedded "
            "store (fast; pyshacl is used by itself for shapes it cannot compile), 'pyshacl' "
            "runs the reference implementation (slow on large graphs). Findings are the same."
        ),
    )(command)


def run_validate(
    paths: list[Path],
    sources: Path | None,
    allow_warnings: bool,
    fmt: str,
    shacl_engine: str = "sparql",
) -> int:
    """Validate and print; returns the exit code."""
    from kommgraph.rdf.store import load_all
    from kommgraph.check.validate import validate

    if shacl_engine not in ENGINE_CHOICES:
        raise KommgraphError(f"--shacl-engine must be one of {', '.join(ENGINE_CHOICES)}")
    engine = cast("ShaclEngineName", shacl_engine)

    if sources is not None and not sources.is_dir():
        raise KommgraphError(f"{sources}: --sources needs a folder with the article texts")
    graph, errors = load_all(paths)
    if errors:
        if fmt == "json":
            click.echo(
                json.dumps(
                    {
                        "ok": False,
                        "parse_errors": [
                            {
                                "file": str(e.path),
                                "line": e.line,
                                "column": e.column,
                                "message": e.reason,
                            }
                            for e in errors
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for error in errors:
                click.echo(f"Error: {error.message()}", err=True)
            click.echo(f"{len(errors)} file(s) could not be parsed", err=True)
        return EXIT_DATA
    from kommgraph.progress import bar

    what = f"Validating {len(graph)} triples (SHACL, lint{', quotes' if sources else ''})"
    with bar(what, 1.0) as advance:
        report = validate(graph, sources=sources, shacl_engine=engine, progress=advance)
    if fmt == "json":
        out = report.as_json()
        out["ok"] = report.ok(allow_warnings)  # the same answer as the exit code
        out["files"] = len(graph.files)
        out["triples"] = len(graph)
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(report, len(graph.files), len(graph)))
    return EXIT_OK if report.ok(allow_warnings) else EXIT_DATA


def render_text(report: Report, files: int, triples: int) -> str:
    """Findings grouped by rule, with the focus node's label and IRI, path and message."""
    lines: list[str] = []
    for rule, findings in report.by_rule().items():
        title = report.rules.get(rule, "")
        lines.append(f"{rule}{' — ' + title if title else ''} ({len(findings)})")
        for f in findings:
            mark = "✗" if f.severity == "violation" else "!"
            label = f' "{f.focus_label}"' if f.focus_label else ""
            path = f" [{f.path}]" if f.path else ""
            lines.append(f"  {mark} <{f.focus}>{label}{path}: {f.message}")
        lines.append("")
    summary = (
        f"{report.violations} violation(s), {report.warnings} warning(s) "
        f"in {files} file(s), {triples} triples"
    )
    lines.append(summary)
    return "\n".join(lines)
