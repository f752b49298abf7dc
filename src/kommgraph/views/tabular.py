"""Render results as a table, CSV, JSON or Markdown, the same way everywhere.

Tables go through rich when writing to a terminal; every other format is
plain text so that scripts and diffs see stable bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kommgraph.rdf.namespaces import shorten
from kommgraph.rdf.sparql import AskResult, GraphResult, QueryResult, SelectResult

FORMATS = ("table", "csv", "json", "md")


def cell(value: Any) -> str:
    """A value as display text: IRIs shortened, literals as their lexical form."""
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return shorten(str(value))
    if isinstance(value, Literal):
        return str(value)
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    return str(value)


def render_rows(
    header: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str, title: str = ""
) -> str:
    """Rows in one of FORMATS (json here is a list of objects)."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[cell(v) for v in row] for row in rows])
        return buffer.getvalue()
    if fmt == "json":
        return (
            json.dumps(
                [dict(zip(header, row, strict=True)) for row in rows],
                ensure_ascii=False,
                indent=2,
                default=str,
            )
            + "\n"
        )
    if fmt == "md":
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for row in rows:
            lines.append(
                "| "
                + " | ".join(cell(v).replace("|", "\\|").replace("\n", " ") for v in row)
                + " |"
            )
        return "\n".join(lines) + "\n"
    return table(header, rows, title)


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> str:
    """A rich table rendered to text (no colour codes when not on a terminal)."""
    from rich.console import Console
    from rich.table import Table

    grid = Table(title=title or None, show_lines=False, header_style="bold")
    for name in header:
        grid.add_column(name, overflow="fold")
    for row in rows:
        grid.add_row(*(cell(v) for v in row))
    console = Console(
        width=160, record=True, file=io.StringIO(), force_terminal=False, color_system=None
    )
    console.print(grid)
    return console.export_text()


def sparql_json(result: SelectResult) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON, so other tools can read our output."""
    bindings = []
    for row in result.rows:
        binding: dict[str, Any] = {}
        for name, value in zip(result.variables, row, strict=True):
            if value is not None:
                binding[name] = term_json(value)
        bindings.append(binding)
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def term_json(term: Identifier) -> dict[str, str]:
    """One RDF term in the SPARQL JSON results form."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "bnode", "value": str(term)}


def render_result(result: QueryResult, fmt: str) -> str:
    """Any query result in the requested format."""
    if isinstance(result, AskResult):
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.value}) + "\n"
        return ("true" if result.value else "false") + "\n"
    if isinstance(result, GraphResult):
        if fmt == "json":
            return str(result.graph.serialize(format="json-ld", indent=2))
        return str(result.graph.serialize(format="turtle"))
    if fmt == "json":
        return json.dumps(sparql_json(result), ensure_ascii=False, indent=2) + "\n"
    return render_rows(result.variables, result.rows, fmt)
