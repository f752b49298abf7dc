"""The quote check: every quote occurs verbatim in the text of its own source."""

from __future__ import annotations

import os
from pathlib import Path

from kommgraph.check.report import Finding
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.reading import read_input
from kommgraph.rdf.sparql import LocalBackend, SelectResult

_QUOTES_QUERY = """
SELECT ?fact ?quote ?source ?file WHERE {
  ?fact kg:quote ?quote ; kg:source ?source .
  OPTIONAL { ?source kg:textFile ?file }
}
"""


def check_quotes(graph: GraphStore, texts: Path, labels: dict[str, str]) -> list[Finding]:
    """Every quote must occur verbatim in the text file of its own source."""
    result = LocalBackend(graph).query(_QUOTES_QUERY)
    assert isinstance(result, SelectResult)
    cache: dict[str, str | None] = {}
    findings: list[Finding] = []
    for fact, quote, source, file in result.rows:
        if file is None:
            findings.append(
                Finding(
                    "quote",
                    "violation",
                    "quote-in-source",
                    str(source),
                    labels.get(str(source)),
                    "kg:textFile",
                    None,
                    "source names no kg:textFile to check quotes against",
                )
            )
            continue
        name = str(file)
        if name not in cache:
            path = texts / name
            # a text that is there but cannot be read is an error naming it, not "not found"
            found = os.path.lexists(path)
            cache[name] = read_input(path).decode("utf-8", "replace") if found else None
        text = cache[name]
        if text is None:
            findings.append(
                Finding(
                    "quote",
                    "violation",
                    "quote-in-source",
                    str(fact),
                    labels.get(str(fact)),
                    "kg:source",
                    str(source),
                    f"text of the source not found: {texts / name}",
                )
            )
        elif str(quote) not in text:
            findings.append(
                Finding(
                    "quote",
                    "violation",
                    "quote-in-source",
                    str(fact),
                    labels.get(str(fact)),
                    "kg:quote",
                    str(quote),
                    f"quote does not occur verbatim in {name}",
                )
            )
    unique = {(f.rule, f.focus, f.value, f.message): f for f in findings}
    return list(unique.values())
