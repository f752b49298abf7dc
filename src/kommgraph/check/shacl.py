"""SHACL validation of the files as written: the `shacl` engine, and pyshacl as reference.

Both engines read the Turtle files themselves, not the embedded store: Oxigraph's
store canonicalizes literals ("5"^^xsd:int becomes "5"^^xsd:integer, "4.0" becomes
"4"), so an engine reading it would report `sh:datatype xsd:int` violations that the
files do not have. The `shacl` engine (Rust, PyPI) passes all 98 tests of the W3C
SHACL core suite and validates 440,000 triples in about a second; pyshacl is the
reference (`--shacl-engine pyshacl`) and the fallback for shapes `shacl` does not
evaluate (SHACL-JS) or an engine failure. The ontology is one of the data files,
so that `sh:targetClass` and `sh:class` see `rdfs:subClassOf`.

shacl 0.3.4 skips a few ill-formed shapes without a word (two `sh:path`, a literal
where a shape belongs, `sh:maxCount "1"`, `sh:closed "yes"`, a qualified value shape
without a count): `check_shapes` refuses those first, as pyshacl does.
"""

from __future__ import annotations

import importlib.metadata
import io
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef

from kommgraph.check.shacl_report import ShaclResult, exact_graph, results_of_report
from kommgraph.errors import (
    DataPathError,
    InputLimitError,
    ShaclEngineError,
    ShapesError,
    UnsupportedShapesError,
)
from kommgraph.rdf.namespaces import SH
from kommgraph.rdf.reading import read_input
from kommgraph.vocab import ShaclEngine

_XSD = "http://www.w3.org/2001/XMLSchema#"
DISTRIBUTION: dict[ShaclEngine, str] = {"shacl": "shacl", "pyshacl": "pyshacl"}


def engine_version(engine: ShaclEngine) -> str:
    """The installed version of an engine's distribution (e.g. "0.3.4")."""
    return importlib.metadata.version(DISTRIBUTION[engine])


def shapes_graph(files: Sequence[Path]) -> Graph:
    """The shapes files as one rdflib graph, literals as written; unreadable ones are named."""
    graph = Graph()
    for path in files:
        try:  # only a regular file within the size limit (a FIFO would block)
            content = read_input(path)
            graph += exact_graph(content, _format(path), path.resolve().as_uri())
        except (DataPathError, InputLimitError) as exc:
            raise ShapesError(exc.reason, path) from None
        except OSError as exc:
            raise ShapesError(exc.strerror or str(exc), path) from None
        except SyntaxError as exc:
            raise ShapesError(f"does not parse: {exc}", path) from None
    return graph


def validate(
    engine: ShaclEngine, data_files: Sequence[Path], shapes_files: Sequence[Path], shapes: Graph
) -> list[ShaclResult]:
    """Validate the union of the data files against the shapes with one engine.

    `shapes` is `shapes_graph(shapes_files)`, already checked by `check_shapes`.
    """
    if engine == "pyshacl":
        return _pyshacl(data_files, shapes)
    return _shacl(data_files, shapes_files)


def _shacl(data_files: Sequence[Path], shapes_files: Sequence[Path]) -> list[ShaclResult]:
    import shacl

    text, fmt, base = _one_document(shapes_files)
    try:
        compiled = shacl.Shapes.from_text(text.decode("utf-8"), format=fmt, base=base)
    except ValueError as exc:
        raise ShapesError(str(exc)) from None
    except Exception as exc:
        raise ShaclEngineError(f"{type(exc).__name__}: {exc}") from None
    except BaseException as exc:  # a Rust panic (pyo3's PanicException) is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise ShaclEngineError(f"{type(exc).__name__}: {exc}") from None
    if len(compiled) == 0:
        raise UnsupportedShapesError("the shapes declare no shapes")
    with tempfile.TemporaryDirectory(prefix="kommgraph-shacl-") as folder:
        data_file = _as_one_file(data_files, Path(folder))
        try:
            report_text = compiled.validate_file(str(data_file)).serialize("ntriples")
        except OSError as exc:
            raise ShaclEngineError(exc.strerror or str(exc)) from None
        except Exception as exc:
            raise ShaclEngineError(f"{type(exc).__name__}: {exc}") from None
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            raise ShaclEngineError(f"{type(exc).__name__}: {exc}") from None
    return results_of_report(exact_graph(report_text.encode("utf-8"), ox.RdfFormat.N_TRIPLES, None))


def _pyshacl(data_files: Sequence[Path], shapes: Graph) -> list[ShaclResult]:
    """pyshacl on an rdflib graph of the files (rdflib normalizes some literals: "-05" is -5)."""
    import pyshacl

    data = Graph()
    for path in data_files:
        data.parse(path, format="nt" if path.suffix == ".nt" else "turtle")
    _conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    if not isinstance(report, Graph):
        raise ShaclEngineError(f"pyshacl gave no report graph: {str(text)[:200]}")
    return results_of_report(report)


# --- shapes the engine would skip in silence ---------------------------------------------

_NOT_A_LITERAL = (
    SH.path,
    SH.property,
    SH.node,
    SH["not"],
    SH.qualifiedValueShape,
    SH.targetClass,
    SH["class"],
    SH.datatype,
    SH.severity,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
)
_BOOLEANS = (SH.closed, SH.deactivated, SH.uniqueLang, SH.qualifiedValueShapesDisjoint)
_COUNTS = (
    SH.minCount,
    SH.maxCount,
    SH.minLength,
    SH.maxLength,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
)
_JAVASCRIPT = (SH.js, SH.jsFunctionName, SH.jsLibrary, SH.JSConstraint, SH.JSTarget, SH.JSRule)


def check_shapes(shapes: Graph) -> None:
    """Refuse ill-formed shapes (ShapesError); SHACL-JS is UnsupportedShapesError."""
    problems: list[str] = []
    name = shapes.namespace_manager
    for subject in set(shapes.subjects(SH.path, None)):
        paths = list(shapes.objects(subject, SH.path))
        if len(paths) > 1:
            problems.append(f"{subject.n3()} has {len(paths)} sh:path values")
    for predicate in _NOT_A_LITERAL:
        for subject, value in shapes.subject_objects(predicate):
            if isinstance(value, Literal):
                problems.append(f"{subject.n3()} {predicate.n3(name)} is a literal")
    for predicate in _BOOLEANS:
        for subject, value in shapes.subject_objects(predicate):
            ok = isinstance(value, Literal) and value.datatype == URIRef(_XSD + "boolean")
            if not (ok and str(value) in ("true", "false", "1", "0")):
                problems.append(f"{subject.n3()} {predicate.n3(name)} is not an xsd:boolean")
    for predicate in _COUNTS:
        for subject, value in shapes.subject_objects(predicate):
            ok = isinstance(value, Literal) and value.datatype == URIRef(_XSD + "integer")
            if not (ok and re.fullmatch(r"\+?\d+", str(value))):
                problems.append(f"{subject.n3()} {predicate.n3(name)} is not an xsd:integer >= 0")
    for subject in set(shapes.subjects(SH.qualifiedValueShape, None)):
        counts = (SH.qualifiedMinCount, SH.qualifiedMaxCount)
        if not any((subject, count, None) in shapes for count in counts):
            problems.append(f"{subject.n3()} has sh:qualifiedValueShape without a count")
    if problems:
        raise ShapesError("; ".join(sorted(problems)))
    for term in _JAVASCRIPT:
        if (None, term, None) in shapes or (None, RDF.type, term) in shapes:
            raise UnsupportedShapesError(f"the shacl engine does not evaluate {term.n3(name)}")


# --- the files as one document --------------------------------------------------------------

# Joining Turtle files is safe unless one has blank-node labels (they would merge across
# files), a base directive or relative IRIs (they would resolve against another base).
# Separate searches: one alternation is ten times slower on 25 MB.
_UNSAFE_TO_JOIN = (
    re.compile(rb"_:"),
    re.compile(rb"@base"),
    re.compile(rb"<(?![A-Za-z][A-Za-z0-9+.\-]*:)"),
)
_BASE = re.compile(rb"base\s*<")  # SPARQL-style BASE, searched in lower case


def _format(path: Path) -> ox.RdfFormat:
    return ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE


def _joinable(path: Path) -> bytes | None:
    """The file's content if it can be concatenated with others as Turtle, else None."""
    if path.suffix not in (".ttl", ".nt"):
        return None
    body = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    if any(p.search(body) for p in _UNSAFE_TO_JOIN) or _BASE.search(body.lower()):
        return None
    return body


def _merged_ntriples(files: Sequence[Path]) -> bytes:
    """The files as one N-Triples document, blank nodes renamed per file, literals as written."""
    buffer = io.BytesIO()
    for path in files:
        quads = ox.parse(
            path=path,
            format=_format(path),
            base_iri=path.resolve().as_uri(),
            rename_blank_nodes=True,
        )
        ox.serialize(quads, buffer, format=ox.RdfFormat.N_TRIPLES)
    return buffer.getvalue()


def _one_document(files: Sequence[Path]) -> tuple[bytes, str, str]:
    """(content, "turtle" or "nt", base IRI) of the shapes files as one document."""
    if len(files) == 1:
        fmt = "nt" if files[0].suffix == ".nt" else "turtle"
        return files[0].read_bytes(), fmt, files[0].resolve().as_uri()
    parts = [_joinable(path) for path in files]
    if all(part is not None for part in parts):
        return b"\n".join(p for p in parts if p is not None), "turtle", files[0].resolve().as_uri()
    return _merged_ntriples(files), "nt", "urn:x-kommgraph:merged:"


def _as_one_file(files: Sequence[Path], folder: Path) -> Path:
    """The data files as one file for the engine (a file costs less memory than text)."""
    if len(files) == 1:
        return files[0]
    target = folder / "data.ttl"
    with target.open("wb") as out:
        for path in files:
            body = _joinable(path)
            if body is None:
                break
            out.write(body + b"\n")
        else:
            return target
    target = folder / "data.nt"
    target.write_bytes(_merged_ntriples(files))
    return target
