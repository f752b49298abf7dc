"""Rendering of `kommgraph validate`: all parse errors first, then the report."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kommgraph.errors import EXIT_DATA, EXIT_OK, KommgraphError
from kommgraph.validate import Report


def run_validate(paths: list[Path], sources: Path | None, allow_warnings: bool, fmt: str) -> int:
    """Validate and print; returns the exit code."""
    from kommgraph.store import load_all
    from kommgraph.validate import validate

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
    from kommgraph.progress import step

    with step(f"Validating {len(graph)} triples (SHACL, lint{', quotes' if sources else ''}) …"):
        report = validate(graph, sources=sources)
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
