"""One door for printing: every answer of the API, in every table format.

`present(answer, fmt)` picks the presenter of the answer's type; each answer
type has exactly one presenter module (`present_collab`, `present_analysis`,
`present_data`), so a format is added or changed in one place. `fmt` is one
of `kommgraph.vocab.TABLE_FORMATS`: a table (or text) for people, CSV,
JSON or Markdown; `excel=True` makes the CSV one for spreadsheets set to
German (byte order mark, semicolons, decimal commas).
"""

from __future__ import annotations

from functools import singledispatch

from kommgraph.check.report import Validation
from kommgraph.network.answers import Collaborators, PathAnswer, Tie
from kommgraph.network.centrality import CentralityResult
from kommgraph.network.communities import CommunityResult
from kommgraph.rdf.queries import QueryCatalogue
from kommgraph.rdf.sparql import AskResult, GraphResult, SelectResult
from kommgraph.rdf.stats import Stats
from kommgraph.views import present_analysis as analysis
from kommgraph.views import present_collab as collab
from kommgraph.views import present_data as data
from kommgraph.vocab import TableFormat


@singledispatch
def present(answer: object, fmt: TableFormat = "table", *, excel: bool = False) -> str:
    """The answer as text in `fmt`."""
    raise TypeError(f"no presenter for {type(answer).__name__}")


@present.register
def _(answer: Collaborators, fmt: TableFormat = "table", *, excel: bool = False) -> str:
    if fmt == "json":
        return data.dumps(collab.collab_json(answer))
    if fmt == "table":
        return collab.collab_text(answer)
    return collab.collab_table(answer).render(fmt, excel=excel)


@present.register
def _(answer: PathAnswer, fmt: TableFormat = "table", *, excel: bool = False) -> str:
    if fmt == "json":
        return data.dumps(collab.path_json(answer))
    if fmt == "table":
        return collab.path_text(answer)
    return collab.path_table(answer).render(fmt, excel=excel)


@present.register
def _(answer: Tie, fmt: TableFormat = "table", *, excel: bool = False) -> str:
    if fmt == "json":
        return data.dumps(collab.tie_json(answer))
    if fmt == "table":
        return collab.tie_text(answer)
    return collab.tie_table(answer).render(fmt, excel=excel)


@present.register
def _(answer: CentralityResult, fmt: TableFormat = "table", *, excel: bool = False) -> str:
    if fmt == "json":
        return data.dumps(analysis.centrality_json(answer))
    return analysis.centrality_text(answer, fmt, excel=excel)


@present.register
def _(answer: CommunityResult, fmt: TableFormat = "table", *, excel: bool = False) -> str:
    if fmt == "json":
        return data.dumps(analysis.communities_json(answer))
    if fmt == "table":
        return analysis.communities_text(answer)
    return analysis.communities_table(answer).render(fmt, excel=excel)


@present.register
def _(answer: Stats, fmt: TableFormat = "table", *, excel: bool = False) -> str:
    if fmt == "json":
        return data.dumps(data.stats_json(answer))
    return data.stats_text(answer, fmt, excel=excel)


@present.register(SelectResult)
@present.register(AskResult)
@present.register(GraphResult)
def _(
    answer: SelectResult | AskResult | GraphResult,
    fmt: TableFormat = "table",
    *,
    excel: bool = False,
) -> str:
    return data.result_text(answer, fmt, excel=excel)


@present.register
def _(answer: QueryCatalogue, fmt: TableFormat = "table", *, excel: bool = False) -> str:
    return data.catalogue_text(answer, fmt, excel=excel)


@present.register
def _(answer: Validation, fmt: TableFormat = "table", *, excel: bool = False) -> str:
    return data.validation_text(answer, fmt, excel=excel)
