"""Long answers are written as they are read: in chunks, the same text as in one piece.

`rows_chunks` must not read more rows than its first chunk needs, must give
exactly what one string gave before (CSV, Markdown, JSON and SPARQL JSON), and
lays out a table of more than `TABLE_MAX_ROWS` rows plainly: widths from the
first rows, longer cells folded, every row there.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from rdflib import Literal, URIRef

from kommgraph.rdf.sparql import SelectResult
from kommgraph.views.present_data import result_chunks, sparql_json
from kommgraph.views.tabular import (
    CHUNK_ROWS,
    TABLE_MAX_ROWS,
    WIDEST,
    dumps,
    rows_chunks,
)

HEADER = ("name", "weight", "note")


def rows(n: int, read: list[int] | None = None) -> Iterator[Sequence[Any]]:
    for i in range(n):
        if read is not None:
            read[0] += 1
        yield (f"Akteur {i} «ä»", i / 7, None if i % 3 else "Zeile\nzwei | drei")


@pytest.mark.parametrize("fmt", ["csv", "md", "json", "table"])
def test_the_first_chunk_is_written_before_the_rows_are_all_read(fmt: str) -> None:
    read = [0]
    chunks = rows_chunks(HEADER, rows(50_000, read), fmt)  # type: ignore[arg-type]
    first = next(chunks)
    assert first
    assert read[0] <= (TABLE_MAX_ROWS + 1 if fmt == "table" else CHUNK_ROWS + 1), read


def test_csv_in_chunks_is_what_the_csv_module_writes() -> None:
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(
        ["" if v is None else repr(v) if isinstance(v, float) else v for v in row]
        for row in rows(2_500)
    )
    assert "".join(rows_chunks(HEADER, rows(2_500), "csv")) == expected.getvalue()


@pytest.mark.parametrize("n", [0, 1, 2_500])
def test_json_in_chunks_is_what_json_dumps_writes(n: int) -> None:
    expected = [dict(zip(HEADER, row, strict=True)) for row in rows(n)]
    text = "".join(rows_chunks(HEADER, rows(n), "json"))
    assert text == json.dumps(expected, ensure_ascii=False, indent=2, default=str) + "\n"


@pytest.mark.parametrize("n", [0, 1, 2_500])
def test_sparql_json_in_chunks_is_the_whole_document(n: int) -> None:
    result = SelectResult(
        ("s", "o"),
        tuple(
            (URIRef(f"urn:x:{i}"), None if i % 2 else Literal(f"Wert {i}", lang="de"))
            for i in range(n)
        ),
    )
    text = "".join(result_chunks(result, "json"))
    assert text == dumps(sparql_json(result))
    assert json.loads(text)["results"]["bindings"] == sparql_json(result)["results"]["bindings"]


def test_markdown_in_chunks_escapes_bars_and_newlines() -> None:
    text = "".join(rows_chunks(HEADER, rows(3), "md"))
    assert text.splitlines()[:2] == ["| name | weight | note |", "|---|---|---|"]
    assert "Zeile zwei \\| drei" in text
    assert len(text.splitlines()) == 2 + 3


def test_a_long_table_is_laid_out_plainly_with_every_row_and_long_cells_folded() -> None:
    n = TABLE_MAX_ROWS + 500
    data = list(rows(n))
    data.append(("x" * (3 * WIDEST + 5), 1.0, "lang " * 40))  # wider than any first row
    lines = "".join(rows_chunks(HEADER, data, "table")).splitlines()
    assert [p.strip() for p in lines[0].split("│")] == list(HEADER)
    assert lines[-1] == f"({n + 1:,} rows)"
    width = len(lines[0].split(" │ ")[0])  # from the first rows, not the long last one
    assert width == len("Akteur 999 «ä»") <= WIDEST
    body = lines[2:-1]
    assert sum(1 for line in body if line.startswith("Akteur ")) == n
    start = next(i for i, line in enumerate(body) if line.startswith("x"))
    last = [line.split("│") for line in body[start:]]  # the long row, folded
    assert all(len(parts[0]) == width + 1 for parts in last)
    assert "".join(parts[0][:width] for parts in last).strip() == "x" * (3 * WIDEST + 5)
    assert "".join(parts[2] for parts in last).replace(" ", "") == "lang" * 40


def test_a_table_of_up_to_10000_rows_is_still_laid_out_by_rich() -> None:
    text = "".join(rows_chunks(HEADER, rows(20), "table"))
    assert "┃" in text or "│" in text
    assert "(20 rows)" not in text
