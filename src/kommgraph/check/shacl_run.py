"""Running SHACL: the bundled shapes, either engine, and findings worded from the shapes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kommgraph.check.report import Finding
from kommgraph.check.shacl import ShaclEngine, UnsupportedShapeError
from kommgraph.rdf import resources
from kommgraph.rdf.namespaces import SH, shorten
from kommgraph.rdf.store import GraphStore, parse_turtle
from kommgraph.rdf.terms import to_rdflib
from kommgraph.vocab import SHACL_ENGINES
from kommgraph.vocab import ShaclEngine as ShaclEngineName


def _ignore(_share: float) -> None:
    return None


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
