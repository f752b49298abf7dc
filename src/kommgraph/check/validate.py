"""SHACL shapes, lint checks and the quote check, merged into one report.

SHACL (ontology/shapes.ttl) checks the form of every node. By default the
shapes are compiled to SPARQL and run in the embedded store (`kommgraph.check.shacl`;
1.5 s instead of 24 s on 440,000 triples). pyshacl stays the reference
implementation: chosen with `shacl_engine="pyshacl"`, and used by itself when
the shapes hold a construct the compiler does not implement (the Report names
the engine). Both give the same findings. The lint
checks, SPARQL files `ontology/checks/*-violation.rq` that must return no
rows, find what shapes cannot see: typos in IRIs, terms the ontology does not
define, duplicate labels, entities nothing refers to, sources never cited.
Near-duplicate names ("Stadt Stuttgart" / "Landeshauptstadt Stuttgart") are
found here in Python because they need fuzzy comparison. `check_quotes`
proves every quote occurs verbatim in the text of its source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal as Choice

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kommgraph.rdf import resources
from kommgraph.rdf.names import fold
from kommgraph.rdf.namespaces import SH, shorten
from kommgraph.rdf.queries import NamedQuery, parse_query_file
from kommgraph.check.shacl import ShaclEngine, UnsupportedShapeError
from kommgraph.rdf.sparql import LocalBackend, SelectResult
from kommgraph.rdf.store import GraphStore, parse_turtle, to_rdflib


@dataclass(frozen=True)
class Finding:
    """One problem: which node, which rule, what is wrong."""

    kind: str  # "shacl", "lint" or "quote"
    severity: str  # "violation" or "warning"
    rule: str  # shape IRI, check name or "quote-in-source"
    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str


ShaclEngineName = Choice["sparql", "pyshacl"]
SHACL_ENGINES: tuple[ShaclEngineName, ...] = ("sparql", "pyshacl")


@dataclass
class Report:
    """All findings of one validation run."""

    findings: list[Finding] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # rule -> title
    # The SHACL engine that ran ("sparql" or "pyshacl"; None: SHACL was not run), and why
    # pyshacl ran when "sparql" was asked for (a construct the compiler does not implement).
    engine: ShaclEngineName | None = None
    engine_fallback: str | None = None

    @property
    def violations(self) -> int:
        return sum(1 for f in self.findings if f.severity == "violation")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def ok(self, allow_warnings: bool = False) -> bool:
        """Clean: no violations, and no warnings unless they are allowed."""
        return self.violations == 0 and (allow_warnings or self.warnings == 0)

    def by_rule(self) -> dict[str, list[Finding]]:
        """Findings grouped by rule, rules and findings in a stable order."""
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in sorted(
            self.findings, key=lambda f: (f.rule, f.focus, f.path or "", f.value or "")
        ):
            grouped[finding.rule].append(finding)
        return dict(sorted(grouped.items()))

    def as_json(self) -> dict[str, object]:
        """The stable JSON form (see README, `validate --format json`)."""
        return {
            "ok": self.violations == 0,
            "violations": self.violations,
            "warnings": self.warnings,
            "rules": dict(sorted(self.rules.items())),
            "findings": [asdict(f) for group in self.by_rule().values() for f in group],
        }


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


@dataclass(frozen=True)
class ShaclRun:
    """SHACL findings with their rule titles, and the engine that found them."""

    findings: list[Finding]
    rules: dict[str, str]
    engine: ShaclEngineName
    fallback: str | None = None  # why pyshacl ran instead of the SPARQL engine


def shacl_findings(
    graph: GraphStore, labels: dict[str, str], engine: ShaclEngineName = "sparql"
) -> tuple[list[Finding], dict[str, str]]:
    """Validate with the bundled shapes; the ontology is part of the data graph."""
    run = run_shacl(graph, labels, engine)
    return run.findings, run.rules


def run_shacl(
    graph: GraphStore,
    labels: dict[str, str],
    engine: ShaclEngineName = "sparql",
    shapes: Graph | None = None,
    progress: Callable[[float], None] | None = None,
) -> ShaclRun:
    """Run one SHACL engine; "sparql" falls back to pyshacl on shapes it cannot compile.

    `progress` is called with shares of the work done, adding up to 1.
    """
    advance = progress or _ignore
    if engine not in SHACL_ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {SHACL_ENGINES}")
    if shapes is None:
        shapes = bundled_shapes()
    fallback = None
    if engine == "sparql":
        try:
            engine_ = ShaclEngine(shapes)
        except UnsupportedShapeError as exc:
            fallback = str(exc)
        else:
            results = engine_.validate(graph, advance)
            raw: list[_RawResult] = [
                (r.shape, r.focus, r.path, r.value, r.severity, []) for r in results
            ]
            findings, rules = _findings(shapes, raw, labels)
            return ShaclRun(findings, rules, "sparql")
    findings, rules = _findings(shapes, _pyshacl_results(graph, shapes), labels)
    advance(1.0)
    return ShaclRun(findings, rules, "pyshacl", fallback)


def bundled_shapes() -> Graph:
    """ontology/shapes.ttl as an rdflib graph (parsed by Oxigraph, like the data)."""
    shapes = Graph()
    for triple in _rdflib_triples(resources.shapes_file()):
        shapes.add(triple)
    return shapes


# sh:sourceShape, sh:focusNode, sh:resultPath, sh:value, sh:resultSeverity, sh:resultMessage
_RawResult = tuple[Node | None, Node | None, Node | None, Node | None, Node | None, list[Literal]]


def _pyshacl_results(graph: GraphStore, shapes: Graph) -> list[_RawResult]:
    """pyshacl's results: shape, focus, path, value, severity, messages."""
    import pyshacl

    _conforms, results, _text = pyshacl.validate(
        graph.to_rdflib(),
        shacl_graph=_flattened(shapes),
        inference="none",
        allow_warnings=True,
    )
    assert isinstance(results, Graph)
    raw: list[_RawResult] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]
        raw.append(
            (
                results.value(result, SH.sourceShape),
                results.value(result, SH.focusNode),
                results.value(result, SH.resultPath),
                results.value(result, SH.value),
                results.value(result, SH.resultSeverity),
                messages,
            )
        )
    return raw


def _findings(
    shapes: Graph, raw: list[_RawResult], labels: dict[str, str]
) -> tuple[list[Finding], dict[str, str]]:
    """Findings from either engine's results, named and worded from the shapes graph."""
    findings: list[Finding] = []
    rules: dict[str, str] = {}
    for shape, focus, path, value, severity, messages in raw:
        rule = _shape_name(shapes, shape)
        rules[rule] = _shape_title(shapes, shape)
        findings.append(
            Finding(
                kind="shacl",
                severity="violation" if severity == SH.Violation else "warning",
                rule=rule,
                focus=str(focus),
                focus_label=labels.get(str(focus)),
                path=shorten(str(path)) if path is not None else None,
                value=str(value) if value is not None else None,
                message=_message(shapes, shape, messages),
            )
        )
    return findings, rules


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def _flattened(shapes: Graph) -> Graph:
    """The same rules with each property shape carrying its node shape's targets.

    pyshacl validates a property shape reached through `sh:property` once per
    focus node, but a targeted property shape once for all of them: the same
    results (same focus nodes, same sh:sourceShape) in half the time.
    """
    flat = Graph()
    for triple in shapes:
        flat.add(triple)
    for node_shape, property_shape in list(flat.subject_objects(SH.property)):
        if any(True for _ in flat.predicate_objects(node_shape) if _[0] in _TARGETS):
            for predicate in _TARGETS:
                for target in flat.objects(node_shape, predicate):
                    flat.add((property_shape, predicate, target))
            flat.remove((node_shape, SH.property, property_shape))
    return flat


def _rdflib_triples(path: Path) -> Iterable[tuple[URIRef, URIRef, URIRef]]:
    for triple in parse_turtle(path):
        yield (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))  # type: ignore[misc]


def _shape_name(shapes: Graph, shape: object) -> str:
    if isinstance(shape, URIRef):
        return shorten(str(shape)).replace("https://w3id.org/kommgraph/shapes#", "kgsh:")
    return "kgsh:(anonymous shape)"


def _shape_title(shapes: Graph, shape: object) -> str:
    if shape is None:
        return ""
    for label in shapes.objects(shape, RDFS.label):  # type: ignore[arg-type]
        if isinstance(label, Literal) and label.language in (None, "en"):
            return str(label)
    return ""


def _message(shapes: Graph, shape: object, messages: list[Literal]) -> str:
    """The English message; pyshacl drops language tags on SPARQL constraints,
    so the shape's own sh:message is preferred over the result's `messages`
    (which the SPARQL engine leaves empty: its shapes all have sh:message)."""
    own = [m for m in shapes.objects(shape, SH.message) if isinstance(m, Literal)] if shape else []  # type: ignore[arg-type]
    own_en = [m for m in own if m.language == "en"]
    if own_en:
        return str(own_en[0])
    messages = messages or own
    english = [m for m in messages if m.language == "en"]
    chosen = english or [m for m in messages if m.language is None] or messages
    return str(chosen[0]) if chosen else "violates the shape"


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
    advance = progress or _ignore
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
    near, title = near_duplicate_findings(graph, labels)
    advance(1 / (len(checks) + 1))
    rules["near-duplicate-name-violation"] = title
    return findings + near, rules


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
            cache[name] = path.read_text(encoding="utf-8") if path.is_file() else None
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


def validate(
    graph: GraphStore,
    *,
    shacl: bool = True,
    lint: bool = True,
    sources: Path | None = None,
    shacl_engine: ShaclEngineName = "sparql",
    progress: Callable[[float], None] | None = None,
) -> Report:
    """Validate a loaded graph; parse errors were already raised by loading.

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
        run = run_shacl(graph, labels, shacl_engine, progress=lambda x: advance(x * shacl_share))
        report.findings += run.findings
        report.rules.update(run.rules)
        report.engine, report.engine_fallback = run.engine, run.fallback
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


__all__ = [
    "SHACL_ENGINES",
    "Finding",
    "Report",
    "ShaclRun",
    "check_quotes",
    "lint_checks",
    "run_shacl",
    "shacl_findings",
    "validate",
]
