"""How the answers about the data are printed: stats, query results, the query list, validation.

JSON follows documented shapes: SPARQL 1.1 Query Results JSON for SELECT and
ASK, JSON-LD for CONSTRUCT, and kommgraph's own for stats and validation
(README, "JSON output"). Tables, CSV and Markdown come from one `Table` each.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kommgraph.check.report import Report, Validation
from kommgraph.rdf.iris import PREFIXES, shorten
from kommgraph.rdf.queries import QueryCatalogue
from kommgraph.rdf.sparql import AskResult, GraphResult, QueryResult, SelectResult
from kommgraph.rdf.stats import Stats
from kommgraph.views.tabular import Table, dumps, json_chunks, render_rows, rows_chunks
from kommgraph.vocab import TableFormat

# stats ---------------------------------------------------------------------------------


def stats_json(stats: Stats) -> dict[str, object]:
    """`stats --format json`."""
    return {
        "triples": stats.triples,
        "computed": stats.computed,
        "classes": {c.name: c.count for c in stats.classes},
        "roles": {r.name: r.count for r in stats.roles},
        "sources": [asdict(s) for s in stats.sources],
        "events": {"first": stats.first_event, "last": stats.last_event},
        "statements": {
            "total": sum(t.count for t in stats.statements),
            "by_speaker": [
                {"iri": t.iri, "label": t.label, "count": t.count} for t in stats.statements
            ],
        },
        "quantities": [
            {"counts": t.label, "qualifier": t.detail, "count": t.count} for t in stats.quantities
        ],
        "series": [{"iri": t.iri, "label": t.label, "editions": t.count} for t in stats.series],
    }


def stats_tables(stats: Stats) -> list[Table]:
    """Classes, roles and sources, each a table."""
    return [
        Table(
            ("class", "label", "count"),
            [(c.name, c.label, c.count) for c in stats.classes],
            "Classes",
        ),
        Table(
            ("role", "label", "participations"),
            [(r.name, r.label, r.count) for r in stats.roles],
            "Roles",
        ),
        Table(
            ("source", "title", "published", "facts"),
            [(s.iri, s.label, s.published or "", s.facts) for s in stats.sources],
            "Sources",
        ),
        Table(
            ("speaker", "label", "statements"),
            [(shorten(t.iri), t.label, t.count) for t in stats.statements],
            "Statements",
        ),
        Table(
            ("counts", "qualifier", "quantities"),
            [(t.label, t.detail, t.count) for t in stats.quantities],
            "Quantities",
        ),
        Table(
            ("series", "label", "editions"),
            [(shorten(t.iri), t.label, t.count) for t in stats.series],
            "Series",
        ),
    ]


def stats_text(stats: Stats, fmt: TableFormat, *, excel: bool = False) -> str:
    """As tables for people; as CSV or Markdown one table of (section, name, label, count)."""
    tables = stats_tables(stats)
    if fmt == "table":
        head = stats.caption() + "\n"
        return "\n".join([head, *(t.render("table") for t in tables)]) + "\n"
    rows = [(t.title.lower(), row[0], row[1], row[-1]) for t in tables for row in t.rows]
    return render_rows(("section", "name", "label", "count"), rows, fmt, excel=excel)


# query results -------------------------------------------------------------------------


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


def sparql_json(result: SelectResult) -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON, so other tools can read our output."""
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": _bindings(result)}}


def _bindings(result: SelectResult) -> list[dict[str, Any]]:
    return list(_binding_rows(result))


def _binding_rows(result: SelectResult) -> Iterator[dict[str, Any]]:
    for row in result.rows:
        yield {
            name: term_json(value)
            for name, value in zip(result.variables, row, strict=True)
            if value is not None
        }


def result_chunks(result: QueryResult, fmt: TableFormat, *, excel: bool = False) -> Iterator[str]:
    """Any query result in the requested format, a long table in chunks as it is written."""
    if isinstance(result, AskResult):
        if fmt == "json":
            yield json.dumps({"head": {}, "boolean": result.value}) + "\n"
        else:
            yield ("true" if result.value else "false") + "\n"
    elif isinstance(result, GraphResult):
        if fmt == "json":
            yield str(
                result.graph.serialize(
                    format="json-ld", indent=2, context=dict(PREFIXES), auto_compact=True
                )
            )
        else:
            yield str(result.graph.serialize(format="turtle"))
    elif fmt == "json":  # what dumps(sparql_json(result)) writes, binding by binding
        head = json.dumps({"head": {"vars": list(result.variables)}}, ensure_ascii=False, indent=2)
        yield head[: -len("\n}")] + ',\n  "results": {\n    "bindings": '
        yield from json_chunks(_binding_rows(result), depth=2)
        yield "\n  }\n}\n"
    else:
        yield from rows_chunks(result.variables, result.rows, fmt, excel=excel)
        if result.cut and fmt in ("table", "md"):
            yield f"\n(the first {len(result.rows):,} rows; the answer has more)\n"


# the query list ------------------------------------------------------------------------


def catalogue_json(catalogue: QueryCatalogue) -> list[dict[str, Any]]:
    """`queries --format json`: every named query with its parameters."""
    return [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "form": q.form,
            "params": [
                {
                    "name": p.name,
                    "type": p.type,
                    "example": p.example,
                    "description": p.description,
                    "optional": p.optional,
                }
                for p in q.params
            ],
            "columns": list(q.columns),
            "tags": list(q.tags),
        }
        for q in catalogue.queries
    ]


def catalogue_text(catalogue: QueryCatalogue, fmt: TableFormat, *, excel: bool = False) -> str:
    if fmt == "json":
        return dumps(catalogue_json(catalogue))
    rows = [
        (q.name, q.description, ", ".join(f"{p.name} ({p.type})" for p in q.params))
        for q in catalogue.queries
    ]
    return render_rows(("name", "description", "params"), rows, fmt, excel=excel)


# validation ----------------------------------------------------------------------------


def report_json(report: Report) -> dict[str, object]:
    """The findings grouped by rule, with the rule titles and the engine that ran."""
    return {
        "ok": report.violations == 0,
        "violations": report.violations,
        "warnings": report.warnings,
        "engine": {
            "name": report.engine,
            "version": report.engine_version,
            "fallback": report.engine_fallback,
        },
        "rules": dict(sorted(report.rules.items())),
        "findings": [asdict(f) for group in report.by_rule().values() for f in group],
    }


def validation_json(answer: Validation) -> dict[str, object]:
    """`validate --format json`: parse errors, or the report; `ok` is what the exit code says."""
    if answer.report is None:
        return {
            "ok": False,
            "parse_errors": [
                {"file": str(e.path), "line": e.line, "column": e.column, "message": e.reason}
                for e in answer.parse_errors
            ],
        }
    return {
        **report_json(answer.report),
        "ok": answer.ok,
        "files": answer.files,
        "triples": answer.triples,
    }


def report_text(report: Report, files: int, triples: int) -> str:
    """Findings grouped by rule, with the focus node's label and IRI, path and message."""
    lines: list[str] = []
    for rule, findings in report.by_rule().items():
        title = report.rules.get(rule, "")
        lines.append(f"{rule}{' — ' + title if title else ''} ({len(findings)})")
        for f in findings:
            mark = "✗" if f.severity == "violation" else "!"
            label = f' "{f.focus_label}"' if f.focus_label else ""
            path = f" [{f.path}]" if f.path else ""
            where = f" ({f.file}{f':{f.line}' if f.line else ''})" if f.file else ""
            lines.append(f"  {mark} <{f.focus}>{label}{path}{where}: {f.message}")
        lines.append("")
    if report.engine is not None:
        engine = f"SHACL engine: {report.engine} {report.engine_version}"
        lines.append(
            engine
            + (
                f" (instead of the one asked for: {report.engine_fallback})"
                if report.engine_fallback
                else ""
            )
        )
    lines.append(
        f"{report.violations} violation(s), {report.warnings} warning(s) "
        f"in {files} file(s), {triples} triples"
    )
    return "\n".join(lines) + "\n"


def findings_table(report: Report) -> Table:
    """One row per finding, for CSV and Markdown."""
    return Table(
        ("severity", "rule", "focus", "label", "path", "value", "message", "file", "line"),
        [
            (f.severity, f.rule, f.focus, f.focus_label, f.path, f.value, f.message, f.file, f.line)
            for group in report.by_rule().values()
            for f in group
        ],
    )


def validation_text(answer: Validation, fmt: TableFormat, *, excel: bool = False) -> str:
    if fmt == "json":
        return dumps(validation_json(answer))
    if answer.report is None:
        if fmt == "table":
            return "".join(f"Error: {e.message()}\n" for e in answer.parse_errors) + (
                f"{len(answer.parse_errors)} file(s) could not be parsed\n"
            )
        return render_rows(
            ("file", "line", "column", "message"),
            [(str(e.path), e.line, e.column, e.reason) for e in answer.parse_errors],
            fmt,
            excel=excel,
        )
    if fmt == "table":
        return report_text(answer.report, answer.files, answer.triples)
    return findings_table(answer.report).render(fmt, excel=excel)


def present_stats(answer: Stats, fmt: TableFormat, excel: bool) -> str:
    """`stats` in any format."""
    if fmt == "json":
        return dumps(stats_json(answer))
    return stats_text(answer, fmt, excel=excel)


def present_result(answer: QueryResult, fmt: TableFormat, excel: bool) -> Iterator[str]:
    """A query's answer in any format, in chunks (a long answer is printed as written)."""
    return result_chunks(answer, fmt, excel=excel)


def present_catalogue(answer: QueryCatalogue, fmt: TableFormat, excel: bool) -> str:
    """`queries` in any format."""
    return catalogue_text(answer, fmt, excel=excel)


def present_validation(answer: Validation, fmt: TableFormat, excel: bool) -> str:
    """`validate` in any format."""
    return validation_text(answer, fmt, excel=excel)
