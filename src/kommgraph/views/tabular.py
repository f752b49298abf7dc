"""Rows printed as a table, CSV, JSON or Markdown, the same way for every answer.

Tables are laid out by rich (no colour codes); every other format is plain
text so that scripts and diffs see stable bytes. Rich measures every cell
before it prints the first line (about 5 s for 10,000 rows), so a table is
refused above `TABLE_MAX_ROWS` rows; CSV, JSON and Markdown take any size.
Numbers are written in full precision in CSV, JSON and Markdown (a
betweenness of 0.00003 must not read 0.0000); the table rounds them for the
eye.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kommgraph.errors import TooManyRowsError
from kommgraph.rdf.iris import shorten
from kommgraph.vocab import TableFormat

TABLE_MAX_ROWS = 10_000


@dataclass(frozen=True)
class Table:
    """A header and rows: what CSV, Markdown and plain tables are made of."""

    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    title: str = ""

    def render(self, fmt: TableFormat, *, excel: bool = False) -> str:
        return render_rows(self.header, self.rows, fmt, self.title, excel=excel)


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
    buffer = io.StringIO()
    if excel:
        buffer.write("\ufeff")
    writer = csv.writer(
        buffer, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n"
    )
    writer.writerow(header)
    writer.writerows([cell(v, excel=excel) for v in row] for row in rows)
    return buffer.getvalue()


def render_rows(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: TableFormat,
    title: str = "",
    *,
    excel: bool = False,
) -> str:
    """Rows in one of the table formats (json here is a list of objects); `excel`: see
    `csv_text`."""
    if fmt == "csv":
        return csv_text(header, rows, excel=excel)
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
    """A rich table rendered to text (no colour codes when not on a terminal).

    More than `TABLE_MAX_ROWS` rows are refused rather than measured for minutes.
    """
    if len(rows) > TABLE_MAX_ROWS:
        raise TooManyRowsError(len(rows), TABLE_MAX_ROWS)
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


def dumps(value: Any) -> str:
    """JSON as every presenter writes it: UTF-8 text, indented, one final newline."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
