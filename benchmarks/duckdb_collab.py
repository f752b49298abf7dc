#!/usr/bin/env python3
"""`collab` the DuckDB way, as one whole process: a label in, the collaborators out.

    python benchmarks/duckdb_collab.py DATABASE LABEL

Opens the DuckDB file read-only, looks the label up and prints each collaborator
with weight and number of shared events, strongest first (no evidence: kommgraph's
`collab` also prints the events, roles and quotes behind each weight).

DuckDB's Python client imports pandas when it is installed and a query takes
parameters (about 1.2 s of start-up on this machine, more than the query); the
venv has pandas for other tools, so this process hides it (`sys.modules`) as an
environment without pandas would, and DuckDB answers without it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]  # see above

import duckdb_sql  # noqa: E402


def main(argv: Sequence[str]) -> int:
    import duckdb

    con = duckdb.connect(argv[0], read_only=True)
    try:
        rows = duckdb_sql.collaborators(con, argv[1])
    except LookupError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        con.close()
    print(f"Collaborators of {argv[1]}: {len(rows)}")
    for rank, (iri, label, weight, events) in enumerate(rows, 1):
        print(f"{rank}. {label} <{iri}>, weight {weight:g}, {events} shared")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
