"""One door for printing: every answer of the API, in every table format.

`present(answer, fmt)` picks the presenter of the answer's type; each answer
type has exactly one presenter module (`present_collab`, `present_analysis`,
`present_data`), so a format is added or changed in one place. Only that
module is imported: `collab` does not pay for the imports of `centrality`.
`fmt` is one of `kommgraph.vocab.TABLE_FORMATS`: a table (or text) for people,
CSV, JSON or Markdown; `excel=True` makes the CSV one for spreadsheets set to
German (byte order mark, semicolons, decimal commas).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import Any

from kommgraph.vocab import TableFormat

# the answer's class (module and name) -> its presenter (module in views, function)
PRESENTERS: dict[str, tuple[str, str]] = {
    "kommgraph.network.answers.Collaborators": ("present_collab", "present_collaborators"),
    "kommgraph.network.answers.PathAnswer": ("present_collab", "present_path"),
    "kommgraph.network.answers.Tie": ("present_collab", "present_tie"),
    "kommgraph.network.centrality.CentralityResult": ("present_analysis", "present_centrality"),
    "kommgraph.network.communities.CommunityResult": ("present_analysis", "present_communities"),
    "kommgraph.rdf.stats.Stats": ("present_data", "present_stats"),
    "kommgraph.rdf.sparql.SelectResult": ("present_data", "present_result"),
    "kommgraph.rdf.sparql.AskResult": ("present_data", "present_result"),
    "kommgraph.rdf.sparql.GraphResult": ("present_data", "present_result"),
    "kommgraph.rdf.queries.QueryCatalogue": ("present_data", "present_catalogue"),
    "kommgraph.check.report.Validation": ("present_data", "present_validation"),
}


def present_chunks(
    answer: Any, fmt: TableFormat = "table", *, excel: bool = False
) -> Iterator[str]:
    """The answer as text in `fmt`, in chunks as they are made: a presenter gives its text
    in one piece or, for answers that may be long tables, as an iterator of chunks that
    the command line prints as they come."""
    for cls in type(answer).__mro__:
        found = PRESENTERS.get(f"{cls.__module__}.{cls.__qualname__}")
        if found is not None:
            module = importlib.import_module(f"kommgraph.views.{found[0]}")
            text: str | Iterable[str] = getattr(module, found[1])(answer, fmt, excel)
            if isinstance(text, str):
                yield text
            else:
                yield from text
            return
    raise TypeError(f"no presenter for {type(answer).__name__}")


def present(answer: Any, fmt: TableFormat = "table", *, excel: bool = False) -> str:
    """The answer as text in `fmt`."""
    return "".join(present_chunks(answer, fmt, excel=excel))
