"""Validation: SHACL shapes, lint checks and the quote check, merged into one report.

SHACL (ontology/shapes.ttl) checks the form of every node
(`kommgraph.check.shacl_run`); the lint checks find what shapes cannot see
(`kommgraph.check.lint`); given the article texts, every quote is checked
against its source (`kommgraph.check.quotes`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Literal

from kommgraph.check.lint import lint_findings
from kommgraph.check.quotes import check_quotes
from kommgraph.check.report import Report, Validation
from kommgraph.check.shacl_run import run_shacl
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.sparql import LocalBackend, SelectResult
from kommgraph.rdf.store import load_all
from kommgraph.vocab import Lang, ShaclEngine


def _labels(graph: GraphStore) -> dict[str, str]:
    result = LocalBackend(graph).query("SELECT ?s ?l WHERE { ?s rdfs:label ?l }")
    assert isinstance(result, SelectResult)
    labels: dict[str, str] = {}
    for subject, label in result.rows:
        if isinstance(label, Literal) and (
            label.language in (None, "de") or str(subject) not in labels
        ):
            labels[str(subject)] = str(label)
    return labels


def validate(
    graph: GraphStore,
    *,
    shacl: bool = True,
    lint: bool = True,
    sources: Path | None = None,
    shacl_engine: ShaclEngine = "shacl",
    shapes: Sequence[Path] = (),
    lang: Lang = "en",
    progress: Callable[[float], None] | None = None,
) -> Report:
    """Validate a loaded graph; parse errors were already raised by loading.

    `shapes` are the user's shapes files, checked beside the bundled ones; SHACL
    messages and rule titles are given in `lang`.

    `progress` is called with shares of the work done, adding up to 1: about
    half is SHACL, the rest the lint checks (and the quote check, if asked).
    """
    advance = progress or _ignore
    shacl_share, lint_share = (0.5, 0.45) if sources is not None else (0.5, 0.5)
    labels = _labels(graph)
    report = Report()
    if not shacl:
        advance(shacl_share)
    if not lint:
        advance(lint_share)
    if shacl:
        run = run_shacl(
            graph, labels, shacl_engine, shapes, lang, progress=lambda x: advance(x * shacl_share)
        )
        report.findings += run.findings
        report.rules.update(run.rules)
        report.engine, report.engine_version = run.engine, run.version
        report.engine_fallback = run.fallback
    if lint:
        findings, rules = lint_findings(graph, labels, lambda x: advance(x * lint_share))
        report.findings += findings
        report.rules.update(rules)
    if sources is not None:
        report.findings += check_quotes(graph, sources, labels)
        report.rules["quote-in-source"] = "Quote occurs verbatim in its source"
        advance(1 - shacl_share - lint_share)
    return report


def _ignore(_share: float) -> None:
    return None


def check_files(
    paths: Sequence[Path | str] | None = None,
    *,
    sources: Path | None = None,
    shacl_engine: ShaclEngine = "shacl",
    shapes: Sequence[Path] = (),
    lang: Lang = "en",
    allow_warnings: bool = False,
    progress: Callable[[float], None] | None = None,
) -> Validation:
    """Parse every file (all parse errors at once), then SHACL, lint and the quote check.

    `shapes` are the user's SHACL files, checked beside the bundled shapes;
    messages come in `lang`. `progress` is called with shares of the checks
    done, adding up to 1.
    """
    graph, errors = load_all([Path(p) for p in paths] if paths else None)
    if errors:
        return Validation(tuple(errors), None, len(graph.files), len(graph))
    report = validate(
        graph,
        sources=sources,
        shacl_engine=shacl_engine,
        shapes=shapes,
        lang=lang,
        progress=progress,
    )
    return Validation((), report, len(graph.files), len(graph), allow_warnings)
