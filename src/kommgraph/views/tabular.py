"""Rows printed as a table, CSV, JSON or Markdown, the same way for every answer.

Every format is written in chunks of rows (`rows_chunks`): the command line
prints each as it is made, so a large answer shows its first lines at once and
is never held as one string. Tables for people are laid out by rich (no colour
codes) up to `TABLE_MAX_ROWS` rows; rich measures every cell before it prints
the first line (about 5 s for 10,000 rows), so a longer table is laid out by
`plain_table` instead: the widths are taken from the first rows and a longer
cell is folded onto the next lines, as rich folds it. Every other format is
plain text so that scripts and diffs see stable bytes. Numbers are written in
full precision in CSV, JSON and Markdown (a betweenness of 0.00003 must not
read 0.0000); the table rounds them for the eye.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from kommgraph.rdf.iris import shorten
from kommgraph.vocab import TableFormat

TABLE_MAX_ROWS = 10_000  # above this many rows a table is laid out by `plain_table`
CHUNK_ROWS = 1_000  # rows per chunk written; a plain table's widths come from the first
WIDEST = 60  # characters of a plain table's column before a cell is folded


@dataclass(frozen=True)
class Table:
    """A header and rows: what CSV, Markdown and plain tables are made of."""

    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    title: str = ""

    def render(self, fmt: TableFormat, *, excel: bool = False) -> str:
        return render_rows(self.header, self.rows, fmt, self.title, excel=excel)

    def chunks(self, fmt: TableFormat, *, excel: bool = False) -> Iterator[str]:
        return rows_chunks(self.header, self.rows, fmt, self.title, excel=excel)


def cell(value: Any, *, rounded: bool = False, excel: bool = False) -> str:
    """A value as text: IRIs shortened, literals as their lexical form.

    Floats keep every digit (the shortest form that reads back as the same
    number) unless `rounded`, which a table for the eye asks for; `excel`
    writes them with a decimal comma.
    """
    if value is None:
        return ""
    if isinstance(value, str) and type(value) is not str:  # an rdflib term: a str subclass
        from rdflib import URIRef  # imported already, or no term could exist

        return shorten(str(value)) if isinstance(value, URIRef) else str(value)
    if isinstance(value, float):
        text = f"{value:.4f}" if rounded else repr(value)
        return text.replace(".", ",") if excel else text
    if isinstance(value, list | tuple):
        return "; ".join(cell(v, rounded=rounded, excel=excel) for v in value)
    return str(value)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], *, excel: bool = False) -> str:
    """CSV: comma-separated UTF-8 with "." decimals, or, with `excel`, what a spreadsheet
    set to German reads as numbers and umlauts: a byte order mark, semicolons, decimal
    commas and CRLF line ends (Excel's own CSV)."""
    return "".join(csv_chunks(header, rows, excel=excel))


def _batches(rows: Iterable[Sequence[Any]]) -> Iterator[list[Sequence[Any]]]:
    """The rows, `CHUNK_ROWS` at a time, read as they come."""
    found = iter(rows)
    while batch := list(islice(found, CHUNK_ROWS)):
        yield batch


def csv_chunks(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, excel: bool = False
) -> Iterator[str]:
    """`csv_text` in chunks of rows."""
    buffer = io.StringIO()
    if excel:
        buffer.write("\ufeff")
    writer = csv.writer(
        buffer, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n"
    )
    writer.writerow(header)
    for batch in _batches(rows):
        writer.writerows([cell(v, excel=excel) for v in row] for row in batch)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def rows_chunks(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    fmt: TableFormat,
    title: str = "",
    *,
    excel: bool = False,
) -> Iterator[str]:
    """Rows in one of the table formats (json here is a list of objects), in chunks read
    as they are needed; `excel`: see `csv_text`."""
    if fmt == "csv":
        yield from csv_chunks(header, rows, excel=excel)
    elif fmt == "json":
        yield from json_chunks(dict(zip(header, row, strict=True)) for row in rows)
        yield "\n"
    elif fmt == "md":
        yield "| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n"
        for batch in _batches(rows):
            yield "".join(
                "| "
                + " | ".join(cell(v).replace("|", "\\|").replace("\n", " ") for v in row)
                + " |\n"
                for row in batch
            )
    else:
        found = iter(rows)
        first = list(islice(found, TABLE_MAX_ROWS + 1))
        if len(first) <= TABLE_MAX_ROWS:
            yield table(header, first, title)
        else:
            yield from plain_table(header, first, found, title)


def json_chunks(items: Iterable[Any], depth: int = 0) -> Iterator[str]:
    """A JSON list of `items`, as `json.dumps(..., indent=2)` writes it at this nesting
    `depth`, in chunks of items (no final newline)."""
    inner = "\n" + "  " * (depth + 1)
    yield "["
    started = False
    for batch in _batches(items):
        text = ",".join(
            inner + json.dumps(item, ensure_ascii=False, indent=2, default=str).replace("\n", inner)
            for item in batch
        )
        yield ("," if started else "") + text
        started = True
    yield ("\n" + "  " * depth + "]") if started else "]"


def render_rows(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: TableFormat,
    title: str = "",
    *,
    excel: bool = False,
) -> str:
    """Rows in one of the table formats, as one text (see `rows_chunks`)."""
    return "".join(rows_chunks(header, rows, fmt, title, excel=excel))


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> str:
    """A rich table rendered to text (no colour codes when not on a terminal)."""
    from rich.console import Console
    from rich.table import Table as RichTable

    grid = RichTable(title=title or None, show_lines=False, header_style="bold")
    for name in header:
        grid.add_column(name, overflow="fold")
    for row in rows:
        grid.add_row(*(cell(v, rounded=True) for v in row))
    console = Console(
        width=160, record=True, file=io.StringIO(), force_terminal=False, color_system=None
    )
    console.print(grid)
    return console.export_text()


def plain_table(
    header: Sequence[str],
    first: list[Sequence[Any]],
    rest: Iterator[Sequence[Any]],
    title: str = "",
) -> Iterator[str]:
    """A long table, written as it is read: the columns as wide as their header and the
    cells of the first `CHUNK_ROWS` rows (at most `WIDEST`), a longer cell folded."""
    texts = [[cell(v, rounded=True) for v in row] for row in first[:CHUNK_ROWS]]
    widths = [
        min(WIDEST, max([len(name), *(len(row[i]) for row in texts)]))
        for i, name in enumerate(header)
    ]

    def lines(cells: Sequence[str]) -> str:
        folded = [
            [text[i : i + w] for i in range(0, len(text), w)] or [""]
            for text, w in zip(cells, widths, strict=True)
        ]
        height = max(len(parts) for parts in folded)
        out = []
        for k in range(height):
            parts = [
                (p[k] if k < len(p) else "").ljust(w) for p, w in zip(folded, widths, strict=True)
            ]
            out.append(" │ ".join(parts).rstrip() + "\n")
        return "".join(out)

    rule = "─┼─".join("─" * w for w in widths) + "\n"
    yield (f"{title}\n" if title else "") + lines(list(header)) + rule
    counted = 0
    for batch in _batches(chain(first, rest)):
        counted += len(batch)
        yield "".join(lines([cell(v, rounded=True) for v in row]) for row in batch)
    yield f"({counted:,} rows)\n"


def dumps(value: Any) -> str:
    """JSON as every presenter writes it: UTF-8 text, indented, one final newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
