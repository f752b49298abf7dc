"""Lint checks: what shapes cannot see.

SPARQL files `ontology/checks/*-violation.rq` (or `*-warning.rq`) must return
no rows: typos in IRIs, terms the ontology does not define, duplicate labels,
entities nothing refers to, sources never cited. Near-duplicate names
("Stadt Stuttgart" / "Landeshauptstadt Stuttgart") are found here in Python
because they need fuzzy comparison.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from kommgraph.check.report import Finding
from kommgraph.rdf import resources
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.guard import added_statements
from kommgraph.rdf.iris import shorten
from kommgraph.rdf.names import fold
from kommgraph.rdf.queries import NamedQuery, parse_query_file
from kommgraph.rdf.sparql import LocalBackend, SelectResult


def lint_checks(folder: Path | None = None) -> list[NamedQuery]:
    """The lint checks: every `*-violation.rq` (or `*-warning.rq`) in ontology/checks/."""
    base = folder or resources.checks_dir()
    return [parse_query_file(p) for p in sorted(base.glob("*-*.rq"))]


def lint_findings(
    graph: GraphStore,
    labels: dict[str, str],
    progress: Callable[[float], None] | None = None,
) -> tuple[list[Finding], dict[str, str]]:
    """Run the SPARQL lint checks and the near-duplicate name check.

    `progress` is called with shares of the checks done, adding up to 1.
    """
    backend = LocalBackend(graph)
    findings: list[Finding] = []
    rules: dict[str, str] = {}
    checks = lint_checks()
    advance = progress or (lambda _share: None)
    for check in checks:
        advance(1 / (len(checks) + 1))
        rules[check.name] = check.title
        result = backend.query(check.text)
        assert isinstance(result, SelectResult)
        for row in result.dicts():
            focus = str(row["focus"])
            path = row.get("path")
            value = row.get("value")
            findings.append(
                Finding(
                    kind="lint",
                    severity=check.severity,
                    rule=check.name,
                    focus=focus,
                    focus_label=labels.get(focus),
                    path=shorten(str(path)) if path is not None else None,
                    value=str(value) if value is not None else None,
                    message=str(row.get("message") or check.description),
                )
            )
    findings += ontology_statement_findings(graph)
    rules[ONTOLOGY_RULE] = "Data states nothing about ontology terms"
    near, title = near_duplicate_findings(graph, labels)
    advance(1 / (len(checks) + 1))
    rules["near-duplicate-name-violation"] = title
    return findings + near, rules


ONTOLOGY_RULE = "ontology-term-statement-violation"


def ontology_statement_findings(graph: GraphStore) -> list[Finding]:
    """Every `kg:` term a data file states something about, with the file and line."""
    return [
        Finding(
            kind="lint",
            severity="violation",
            rule=ONTOLOGY_RULE,
            focus=found.term,
            focus_label=None,
            path=None,
            value=None,
            message=(
                f"a data file states {found.triples} triple(s) about this ontology term; only "
                "the ontology defines kg: terms (use an IRI of your own namespace)"
            ),
            file=str(found.path) if found.path else None,
            line=found.line,
        )
        for found in added_statements(graph, thorough=True)
    ]


# Words that name the kind of a body rather than the body itself.
_GENERIC = {
    "stadt",
    "landeshauptstadt",
    "hansestadt",
    "freie",
    "und",
    "gemeinde",
    "kreisstadt",
    "stadtverwaltung",
    "verbandsgemeinde",
    "vg",
    "landkreis",
    "kreis",
    "der",
    "die",
    "das",
    "des",
    "dem",
    "den",
    "e",
    "v",
    "ev",
    "gmbh",
    "ag",
    "co",
    "kg",
    "mbh",
    "ggmbh",
}

_NEAR_QUERY = """
SELECT ?entity ?kind ?name WHERE {
  VALUES ?kind { kg:Person kg:Organization kg:Place kg:Event }
  ?entity a/rdfs:subClassOf* ?kind .
  { ?entity rdfs:label ?name } UNION { ?entity skos:altLabel ?name }
}
"""


def _core(name: str) -> str:
    words = re.findall(r"[0-9a-z]+", fold(name))
    core = [w for w in words if w not in _GENERIC]
    return " ".join(core or words)


def near_duplicate_findings(graph: GraphStore, labels: dict[str, str]) -> tuple[list[Finding], str]:
    """Entities of one kind whose names differ only in generic words.

    Names are reduced to their core ("Landeshauptstadt Stuttgart" ->
    "stuttgart") and grouped by it, so the check is a sort, not a comparison
    of all pairs. Aliases count: an entity that lists the other spelling as
    its own skos:altLabel is one entity and is not reported.
    """
    title = "Near-duplicate names"
    result = LocalBackend(graph).query(_NEAR_QUERY)
    assert isinstance(result, SelectResult)
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entity, kind, name in result.rows:
        core = _core(str(name))
        if len(core) >= 3:
            groups[(str(kind), core)].add(str(entity))
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for (_kind, core), members in sorted(groups.items()):
        if len(members) < 2:
            continue
        for focus in sorted(members):
            for other in sorted(members - {focus}):
                if (focus, other) in seen:
                    continue
                seen.add((focus, other))
                findings.append(
                    Finding(
                        kind="lint",
                        severity="violation",
                        rule="near-duplicate-name-violation",
                        focus=focus,
                        focus_label=labels.get(focus),
                        path="rdfs:label",
                        value=other,
                        message=(
                            f"name is close to {labels.get(other, other)!r} <{other}> "
                            f"(both reduce to {core!r}); one actor with two IRIs?"
                        ),
                    )
                )
    return findings, title
