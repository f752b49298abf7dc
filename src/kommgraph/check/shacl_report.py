"""Reading a SHACL validation report graph into plain results, with every literal as written.

Both engines give a report graph (the `shacl` engine as N-Triples text, pyshacl as an
rdflib graph); `results_of_report` turns either into `ShaclResult`s. Reports are parsed
by pyoxigraph's parser, which keeps literals as written ("-05" stays "-05"), not by
rdflib's, which rewrites numeric shorthand even with normalization off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal as Choice

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.paths import Path as RdfPath
from rdflib.term import Node

from kommgraph.errors import ShaclEngineError
from kommgraph.rdf.namespaces import SH

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Message = tuple[str, str | None]  # (text, language tag or None)
ResultPath = URIRef | RdfPath


@dataclass(frozen=True)
class ShaclResult:
    """One sh:ValidationResult."""

    focus: Node
    path: ResultPath | None
    value: Node | None
    source_shape: Node | None
    severity: URIRef
    component: URIRef
    messages: tuple[Message, ...]


def exact_graph(content: bytes, fmt: ox.RdfFormat, base: str | None) -> Graph:
    """An rdflib Graph of RDF text with every literal as written (parsed by pyoxigraph)."""
    graph = Graph()
    for quad in ox.parse(content, format=fmt, base_iri=base):
        graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graph


def _term(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        if term.datatype.value == XSD_STRING:  # "a"^^xsd:string is "a" (RDF 1.1)
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise TypeError(f"unsupported RDF term {term!r}")


_MULTIPLIERS: tuple[tuple[URIRef, Choice["*", "+", "?"]], ...] = (
    (SH.zeroOrMorePath, "*"),
    (SH.oneOrMorePath, "+"),
    (SH.zeroOrOnePath, "?"),
)


def shacl_path(graph: Graph, node: Node) -> ResultPath:
    """The SHACL property path at `node` as an rdflib path (an IRI for a predicate path)."""
    if isinstance(node, URIRef):
        return node
    if (node, RDF.first, None) in graph:
        return SequencePath(*(shacl_path(graph, m) for m in _list(graph, node)))
    for predicate, mod in _MULTIPLIERS:
        inner = graph.value(node, predicate)
        if inner is not None:
            return MulPath(shacl_path(graph, inner), mod)
    inner = graph.value(node, SH.inversePath)
    if inner is not None:
        return InvPath(shacl_path(graph, inner))
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return AlternativePath(*(shacl_path(graph, m) for m in _list(graph, alternatives)))
    raise ShaclEngineError(f"the report holds no SHACL path at {node!r}")


def _list(graph: Graph, node: Node) -> Iterable[Node]:
    while node != RDF.nil:
        first = graph.value(node, RDF.first)
        rest = graph.value(node, RDF.rest)
        if first is None or rest is None:
            raise ShaclEngineError(f"the report holds a broken RDF list at {node!r}")
        yield first
        node = rest


def results_of_report(report: Graph) -> list[ShaclResult]:
    """The sh:result values of the one sh:ValidationReport (not nested sh:detail results)."""
    reports = list(report.subjects(RDF.type, SH.ValidationReport))
    if len(reports) != 1:
        raise ShaclEngineError(f"expected one sh:ValidationReport, found {len(reports)}")
    results = []
    for node in report.objects(reports[0], SH.result):
        focus = report.value(node, SH.focusNode)
        severity = report.value(node, SH.resultSeverity)
        component = report.value(node, SH.sourceConstraintComponent)
        if focus is None or not isinstance(severity, URIRef) or not isinstance(component, URIRef):
            raise ShaclEngineError(f"a result without focus node, severity or component: {node!r}")
        path = report.value(node, SH.resultPath)
        messages = sorted(
            (
                (str(m), m.language)
                for m in report.objects(node, SH.resultMessage)
                if isinstance(m, Literal)
            ),
            key=lambda m: (m[1] or "", m[0]),
        )
        results.append(
            ShaclResult(
                focus=focus,
                path=None if path is None else shacl_path(report, path),
                value=report.value(node, SH.value),
                source_shape=report.value(node, SH.sourceShape),
                severity=severity,
                component=component,
                messages=tuple(messages),
            )
        )
    return results
