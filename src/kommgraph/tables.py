"""Answers as tables of plain values, for pandas, R, notebooks and scripts.

Every tabular answer of the API (collaborators, path hops, centrality,
communities, query results, stats, validation findings, the query list) is
a `Tabular`: `to_dicts()` gives one dict per row holding only plain Python
values (str, int, float, bool or None), `to_pandas()` the same rows as a
DataFrame with the documented columns even when there are no rows, and
`_repr_html_()` an escaped HTML table that notebooks show. pandas is an
optional extra (`pip install kommgraph[pandas]`): a library that prints
tables on a terminal should not pull in pandas for everyone.

This module sits below the rdf, network and check layers, which define the
answers; it imports nothing of kommgraph but the errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from kommgraph.errors import MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

Plain = str | int | float | bool | None
Row = dict[str, Plain]

HTML_ROWS = 25  # a notebook shows this many rows; to_pandas() has them all


class Tabular:
    """An answer that is (also) a table: subclasses say their columns and rows."""

    __slots__ = ()

    def columns(self) -> tuple[str, ...]:
        """The column names, in order (documented with each answer)."""
        raise NotImplementedError

    def to_dicts(self) -> list[Row]:
        """One dict per row, keyed by `columns()`, holding plain values only."""
        raise NotImplementedError

    def caption(self) -> str:
        """What the table shows, for its notebook display."""
        return type(self).__name__

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (needs the `pandas` extra)."""
        return data_frame(self.to_dicts(), self.columns())

    def _repr_html_(self) -> str:
        return html_table(self.columns(), self.to_dicts(), self.caption())


def data_frame(rows: Sequence[Mapping[str, Plain]], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame of `rows` with exactly `columns`, in order, even for no rows."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("pandas", "pandas", "to_pandas()") from None
    return pd.DataFrame.from_records(list(rows), columns=list(columns))


def joined(values: Iterable[str], separator: str = "; ") -> str:
    """A list as one plain value: names joined by '; ', IRIs by ' ' (they hold no spaces)."""
    return separator.join(values)


def _cell(value: Plain) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    from html import escape  # for notebooks only: not on every command's path

    return escape(str(value))


def html_table(
    columns: Sequence[str],
    rows: Sequence[Mapping[str, Plain]],
    caption: str = "",
    limit: int = HTML_ROWS,
    note: str = "",
) -> str:
    """An HTML table of the first `limit` rows; every text is escaped."""
    from html import escape

    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(row.get(c))}</td>" for c in columns) + "</tr>"
        for row in rows[:limit]
    )
    more = len(rows) - limit
    foot = (
        f"<p>… {more} more row(s); <code>.to_pandas()</code> has them all.</p>" if more > 0 else ""
    )
    title = f"<caption>{escape(caption)} ({len(rows)} row(s))</caption>" if caption else ""
    extra = f"<p>{escape(note)}</p>" if note else ""
    return (
        f"<div>{extra}<table>{title}<thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>{foot}</div>"
    )
