"""Running SHACL for `validate`: the bundled and the user's shapes, one engine, worded findings.

The engine is `shacl` unless pyshacl is asked for; shapes that `shacl` cannot
evaluate, or a failure of the engine, make pyshacl run instead, and the run says
so (`fallback`). Findings are named after their shape (`kgsh:EventShape-date`) and
worded in the user's language from the shapes' `sh:message` (German and English).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.paths import Path as RdfPath
from rdflib.term import Node

from kommgraph.check.report import Finding
from kommgraph.check.shacl import check_shapes, engine_version, shapes_graph, validate
from kommgraph.check.shacl_report import Message, ShaclResult
from kommgraph.errors import ShaclEngineError
from kommgraph.rdf import resources
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.namespaces import SH, shorten
from kommgraph.vocab import SHACL_ENGINES, Lang, ShaclEngine

KGSH = "https://w3id.org/kommgraph/shapes#"


@dataclass(frozen=True)
class ShaclRun:
    """SHACL findings with their rule titles, and the engine (and version) that found them."""

    findings: list[Finding]
    rules: dict[str, str]
    engine: ShaclEngine
    version: str
    fallback: str | None = None  # why pyshacl ran instead of the engine asked for


def run_shacl(
    graph: GraphStore,
    labels: dict[str, str],
    engine: ShaclEngine = "shacl",
    shapes: Sequence[Path] = (),
    lang: Lang = "en",
    progress: Callable[[float], None] | None = None,
) -> ShaclRun:
    """Validate the loaded files against the bundled shapes plus `shapes`.

    `progress` is called once with the whole share (the engines report no steps).
    """
    if engine not in SHACL_ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {SHACL_ENGINES}")
    files = [resources.shapes_file(), *shapes]
    graph_of_shapes = shapes_graph(files)
    fallback = None
    try:
        check_shapes(graph_of_shapes)
        results = validate(engine, graph.files, files, graph_of_shapes)
    except ShaclEngineError as exc:
        if engine == "pyshacl":
            raise
        fallback, engine = exc.message(), "pyshacl"
        results = validate(engine, graph.files, files, graph_of_shapes)
    if progress is not None:
        progress(1.0)
    findings, rules = _findings(graph_of_shapes, results, labels, lang)
    return ShaclRun(findings, rules, engine, engine_version(engine), fallback)


def _findings(
    shapes: Graph, results: list[ShaclResult], labels: dict[str, str], lang: Lang
) -> tuple[list[Finding], dict[str, str]]:
    findings: list[Finding] = []
    rules: dict[str, str] = {}
    for result in results:
        rule = _shape_name(result.source_shape)
        rules[rule] = _shape_title(shapes, result.source_shape, lang)
        findings.append(
            Finding(
                kind="shacl",
                severity="violation" if result.severity == SH.Violation else "warning",
                rule=rule,
                focus=str(result.focus),
                focus_label=labels.get(str(result.focus)),
                path=_path_text(result.path),
                value=str(result.value) if result.value is not None else None,
                message=_message(shapes, result.source_shape, result.messages, lang),
            )
        )
    return findings, rules


def _path_text(path: URIRef | RdfPath | None) -> str | None:
    if path is None:
        return None
    return shorten(str(path)) if isinstance(path, URIRef) else path.n3()


def _shape_name(shape: Node | None) -> str:
    if isinstance(shape, URIRef):
        return shorten(str(shape)).replace(KGSH, "kgsh:")
    return "kgsh:(anonymous shape)"


def _in_language(texts: list[Message], lang: Lang) -> str | None:
    """The text in `lang`, else English, else untagged, else any."""
    for wanted in (lang, "en", None):
        for text, language in texts:
            if language == wanted:
                return text
    return texts[0][0] if texts else None


def _shape_title(shapes: Graph, shape: Node | None, lang: Lang) -> str:
    if shape is None:
        return ""
    labels = [
        (str(t), t.language) for t in shapes.objects(shape, RDFS.label) if isinstance(t, Literal)
    ]
    return _in_language(labels, lang) or ""


def _message(shapes: Graph, shape: Node | None, messages: tuple[Message, ...], lang: Lang) -> str:
    """The result's message in `lang`, else the shape's own sh:message in `lang` (pyshacl
    drops the language tags of some messages), else the closest of either."""
    own: list[Message] = []
    if shape is not None:
        own = [
            (str(m), m.language)
            for m in shapes.objects(shape, SH.message)
            if isinstance(m, Literal)
        ]
    for texts in (list(messages), own):
        exact = [text for text, language in texts if language == lang]
        if exact:
            return exact[0]
    return _in_language(list(messages) or own, lang) or "violates the shape"
