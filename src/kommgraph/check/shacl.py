"""SHACL validation compiled to SPARQL and run inside the embedded Oxigraph store.

Why: pyshacl validates an rdflib copy of the graph node by node; on 440,000
triples that takes about 25 s. Here each (shape, constraint) pair becomes one
SPARQL query that finds the violations of the whole focus set at once, so the
cost grows with the data about linearly and most of the work stays in Oxigraph.

The results are meant to be the ones pyshacl gives (with the shapes flattened
as `kommgraph.check.validate` does: a property shape takes the targets of its node
shape), down to pyshacl's quirks, and the tests compare both engines. Where
SPARQL and pyshacl disagree on details (well-formed lexical forms, Python's
regular expressions, comparing literals), the engine fetches the distinct
values of the path and decides in Python with rdflib terms, as pyshacl does.
Every result's focus node and value are rdflib terms made by
`kommgraph.rdf.store.to_rdflib`, like the copy pyshacl validates.

Understood: sh:targetClass (with rdfs:subClassOf* in the data), sh:targetSubjectsOf,
sh:targetObjectsOf, sh:targetNode; sh:property with an IRI sh:path; sh:minCount,
sh:maxCount, sh:datatype, sh:class, sh:hasValue, sh:min/maxIn/Exclusive,
sh:pattern with sh:flags, sh:or and sh:not (of shapes built from these value
constraints), on property and node shapes; sh:severity and sh:message. Any other
SHACL term (SPARQL-based constraints and targets, complex paths, sh:node, sh:in,
qualified shapes, ...) raises `UnsupportedShapeError` naming it, so that the caller
runs pyshacl instead of silently skipping a rule. So does a constraint in a shape
without sh:message, whose generic message only pyshacl writes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from itertools import count

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Identifier, Node

from kommgraph.rdf.namespaces import SH
from kommgraph.rdf.store import GraphStore
from kommgraph.rdf.terms import to_oxigraph, to_rdflib

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Check = Callable[[Term, "_Run"], bool]
Expr = Callable[[str, "_Run"], str]

_TYPE = f"<{RDF.type}>"
_SUBCLASS = f"<{RDFS.subClassOf}>"
_XSD_STRING = str(XSD.string)

# Predicates of the SHACL namespace that the compiler understands. Non-validating
# ones (sh:name, sh:order, ...) are accepted and ignored, as by pyshacl; sh:declare,
# sh:prefix and sh:namespace only matter to SPARQL-based constraints, which would
# themselves be refused.
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
_RANGES = {
    SH.minExclusive: (SH.MinExclusiveConstraintComponent, lambda c: c > 0),
    SH.minInclusive: (SH.MinInclusiveConstraintComponent, lambda c: c >= 0),
    SH.maxExclusive: (SH.MaxExclusiveConstraintComponent, lambda c: c < 0),
    SH.maxInclusive: (SH.MaxInclusiveConstraintComponent, lambda c: c <= 0),
}
_VALUE_PARAMETERS = (
    SH.datatype,
    SH["class"],
    SH.hasValue,
    SH.pattern,
    SH["or"],
    SH["not"],
    *_RANGES,
)
_NON_VALIDATING = (
    SH.severity,
    SH.message,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.defaultValue,
    SH.flags,
)
_SUPPORTED = frozenset(
    (
        *_TARGETS,
        *_VALUE_PARAMETERS,
        *_NON_VALIDATING,
        SH.property,
        SH.path,
        SH.minCount,
        SH.maxCount,
        SH.declare,
        SH.prefix,
        SH.namespace,
    )
)
_SUPPORTED_TYPES = frozenset((SH.NodeShape, SH.PropertyShape, SH.PrefixDeclaration))
_VALUES_CHUNK = 500


class UnsupportedShapeError(Exception):
    """The shapes use a construct this compiler does not implement; use pyshacl."""

    def __init__(self, construct: str, shape: Node | None = None) -> None:
        self.construct = construct
        self.shape = shape
        where = f" (shape {shape.n3() if isinstance(shape, URIRef) else 'blank node'})"
        super().__init__(f"unsupported SHACL construct: {construct}{where if shape else ''}")


@dataclass(frozen=True)
class ShaclResult:
    """One validation result, with the fields of a pyshacl sh:ValidationResult."""

    shape: Node  # sh:sourceShape
    component: URIRef  # sh:sourceConstraintComponent
    focus: Identifier
    path: URIRef | None
    value: Identifier | None
    severity: URIRef


@dataclass(frozen=True)
class _Focus:
    """The targets of one shape; the focus nodes are computed by the store."""

    classes: frozenset[URIRef] = frozenset()
    subjects_of: frozenset[URIRef] = frozenset()
    objects_of: frozenset[URIRef] = frozenset()
    nodes: frozenset[Identifier] = frozenset()

    def __or__(self, other: _Focus) -> _Focus:
        return _Focus(
            self.classes | other.classes,
            self.subjects_of | other.subjects_of,
            self.objects_of | other.objects_of,
            self.nodes | other.nodes,
        )


@dataclass(frozen=True)
class _Test:
    """When a value node conforms: an exact Python check, and an exact SPARQL expression if any.

    With SPARQL the store finds the bad values; otherwise the distinct values of
    the path are fetched once and checked in Python.
    """

    python: Check
    sparql: Expr | None = None
    classes: frozenset[URIRef] = frozenset()  # a plain sh:class test, run as MINUS (faster)


@dataclass(frozen=True)
class _Check:
    """One (shape, constraint) pair: one query, or one fetch of values plus Python."""

    shape: Node
    component: URIRef
    severity: URIRef
    focus: _Focus
    path: URIRef | None  # None: a node shape, the focus node is the value node
    kind: str  # "min", "max", "has" or "value"
    number: int = 0
    term: Identifier | None = None
    test: _Test | None = None


class ShaclEngine:
    """Shapes compiled once; `validate` runs them against a loaded graph."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        _refuse_unknown_terms(shapes)
        self.checks = _compile(shapes)

    def validate(
        self, graph: GraphStore, progress: Callable[[float], None] | None = None
    ) -> list[ShaclResult]:
        """All results, as pyshacl would report them (order aside).

        `progress` is called with the share of the checks done after each one.
        """
        run = _Run(graph.store)
        results: list[ShaclResult] = []
        for check in self.checks:
            results.extend(run.evaluate(check))
            if progress is not None:
                progress(1 / len(self.checks))
        return results


# ----- compiling ----------------------------------------------------------------------


def _refuse_unknown_terms(shapes: Graph) -> None:
    """Fail on any SHACL predicate or class the compiler does not implement."""
    unknown = sorted(
        _short(p)
        for p in set(shapes.predicates())
        if str(p).startswith(str(SH)) and p not in _SUPPORTED
    )
    if unknown:
        raise UnsupportedShapeError(", ".join(unknown))
    for node, kind in shapes.subject_objects(RDF.type):
        if str(kind).startswith(str(SH)) and kind not in _SUPPORTED_TYPES:
            raise UnsupportedShapeError(f"rdf:type {_short(kind)}", node)
    for kind in (RDFS.Class, OWL.Class):
        for node in shapes.subjects(RDF.type, kind):
            if _is_shape(shapes, node):
                raise UnsupportedShapeError("implicit class target (a shape that is a class)", node)


def _is_shape(shapes: Graph, node: Node) -> bool:
    return any(
        (node, predicate, None) in shapes
        for predicate in (*_TARGETS, SH.property, SH.path, *_VALUE_PARAMETERS)
    ) or any((node, RDF.type, kind) in shapes for kind in (SH.NodeShape, SH.PropertyShape))


def _compile(shapes: Graph) -> list[_Check]:
    """Checks for every shape with targets, property shapes taking their node shape's."""
    focus_of: dict[Node, _Focus] = {}
    for predicate in _TARGETS:
        for shape, target in shapes.subject_objects(predicate):
            focus_of[shape] = focus_of.get(shape, _Focus()) | _target(predicate, target, shape)
    flattened = dict(focus_of)
    for shape, focus in focus_of.items():
        if (shape, SH.path, None) in shapes:
            continue
        for child in shapes.objects(shape, SH.property):
            if (child, SH.path, None) not in shapes:
                raise UnsupportedShapeError("sh:property without sh:path", child)
            flattened[child] = flattened.get(child, _Focus()) | focus
    checks: list[_Check] = []
    for shape, focus in sorted(flattened.items(), key=lambda item: str(item[0])):
        own = list(_shape_checks(shapes, shape, focus))
        if own and (shape, SH.message, None) not in shapes:
            # pyshacl then writes a generic message of its own, which only pyshacl gives.
            raise UnsupportedShapeError("a constraint in a shape without sh:message", shape)
        checks.extend(own)
    return checks


def _target(predicate: URIRef, target: Node, shape: Node) -> _Focus:
    if predicate == SH.targetNode:
        if isinstance(target, BNode):
            raise UnsupportedShapeError("sh:targetNode with a blank node", shape)
        assert isinstance(target, URIRef | Literal)
        return _Focus(nodes=frozenset((target,)))
    if not isinstance(target, URIRef):
        raise UnsupportedShapeError(f"{_short(predicate)} with a non-IRI value", shape)
    if predicate == SH.targetClass:
        return _Focus(classes=frozenset((target,)))
    if predicate == SH.targetSubjectsOf:
        return _Focus(subjects_of=frozenset((target,)))
    return _Focus(objects_of=frozenset((target,)))


def _shape_checks(shapes: Graph, shape: Node, focus: _Focus) -> Iterator[_Check]:
    """The checks of one shape with its (flattened) focus set."""
    severity = shapes.value(shape, SH.severity) or SH.Violation
    if not isinstance(severity, URIRef):
        raise UnsupportedShapeError("sh:severity that is not an IRI", shape)

    paths = list(shapes.objects(shape, SH.path))
    path: URIRef | None = None
    if paths:
        if len(paths) > 1 or not isinstance(paths[0], URIRef):
            raise UnsupportedShapeError("sh:path that is not a single IRI", shape)
        path = paths[0]
        if (shape, SH.property, None) in shapes:
            raise UnsupportedShapeError("sh:property on a property shape", shape)

    def check(
        component: URIRef,
        kind: str,
        number: int = 0,
        term: Identifier | None = None,
        test: _Test | None = None,
    ) -> _Check:
        return _Check(shape, component, severity, focus, path, kind, number, term, test)

    for predicate, component, kind in (
        (SH.minCount, SH.MinCountConstraintComponent, "min"),
        (SH.maxCount, SH.MaxCountConstraintComponent, "max"),
    ):
        values = list(shapes.objects(shape, predicate))
        if not values:
            continue
        if path is None:
            raise UnsupportedShapeError(f"{_short(predicate)} on a node shape", shape)
        number = _single_integer(values, predicate, shape)
        if kind == "min" and number == 0:
            continue  # pyshacl: "MinCount of zero always passes"
        yield check(component, kind, number=number)
    for value in shapes.objects(shape, SH.hasValue):
        yield check(SH.HasValueConstraintComponent, "has", term=_value_term(value, shape))
    for component, test in _value_tests(shapes, shape, set()):
        yield check(component, "value", test=test)


def _value_term(value: Node, shape: Node) -> URIRef | Literal:
    if not isinstance(value, URIRef | Literal):
        raise UnsupportedShapeError("sh:hasValue with a blank node", shape)
    return value


def _single_integer(values: list[Node], predicate: URIRef, shape: Node) -> int:
    if len(values) != 1 or not isinstance(values[0], Literal):
        raise UnsupportedShapeError(f"{_short(predicate)} that is not one literal", shape)
    number = values[0].value
    if not isinstance(number, int) or isinstance(number, bool):
        raise UnsupportedShapeError(f"{_short(predicate)} that is not an integer", shape)
    return number


def _value_tests(shapes: Graph, shape: Node, seen: set[Node]) -> Iterator[tuple[URIRef, _Test]]:
    """The value-node constraints of a shape, one test per constraint component."""
    datatypes = list(shapes.objects(shape, SH.datatype))
    if len(datatypes) > 1:
        raise UnsupportedShapeError("more than one sh:datatype", shape)
    for datatype in datatypes:
        if not isinstance(datatype, URIRef):
            raise UnsupportedShapeError("sh:datatype that is not an IRI", shape)
        yield SH.DatatypeConstraintComponent, _datatype_test(datatype)
    for cls in shapes.objects(shape, SH["class"]):
        if not isinstance(cls, URIRef):
            raise UnsupportedShapeError("sh:class that is not an IRI", shape)
        yield SH.ClassConstraintComponent, _class_test(cls)
    for predicate, (component, accept) in _RANGES.items():
        for bound in shapes.objects(shape, predicate):
            if not isinstance(bound, Literal):
                raise UnsupportedShapeError(f"{_short(predicate)} that is not a literal", shape)
            yield component, _Test(_range_check(bound, accept))
    patterns = list(shapes.objects(shape, SH.pattern))
    if patterns:
        flags = next(iter(set(shapes.objects(shape, SH.flags))), None)
        for pattern in patterns:
            if not isinstance(pattern, Literal):
                raise UnsupportedShapeError("sh:pattern that is not a literal", shape)
            yield SH.PatternConstraintComponent, _Test(_pattern_check(pattern, flags))
    for members in shapes.objects(shape, SH["or"]):
        tests = [_member_test(shapes, m, seen | {shape}) for m in _list(shapes, members, shape)]
        yield SH.OrConstraintComponent, _any(tests)
    for member in shapes.objects(shape, SH["not"]):
        yield SH.NotConstraintComponent, _negate(_member_test(shapes, member, seen | {shape}))


def _list(shapes: Graph, head: Node, shape: Node) -> list[Node]:
    if not isinstance(head, URIRef | BNode):
        raise UnsupportedShapeError("sh:or without a list", shape)
    members = list(dict.fromkeys(Collection(shapes, head)))
    if not members:
        raise UnsupportedShapeError("empty sh:or list", shape)
    return members


def _member_test(shapes: Graph, member: Node, seen: set[Node]) -> _Test:
    """Conformance of a value node to a member shape of sh:or or sh:not."""
    if member in seen:
        raise UnsupportedShapeError("recursive shapes", member)
    if isinstance(member, Literal):
        raise UnsupportedShapeError("a literal where a shape is expected", member)
    for predicate in (SH.path, SH.property, SH.minCount, SH.maxCount):
        if (member, predicate, None) in shapes:
            raise UnsupportedShapeError(f"{_short(predicate)} inside sh:or or sh:not", member)
    tests = [test for _component, test in _value_tests(shapes, member, seen)]
    for value in shapes.objects(member, SH.hasValue):
        tests.append(_has_value_test(_value_term(value, member)))
    return _all(tests)


def _all(tests: list[_Test]) -> _Test:
    """A shape conforms when every one of its constraints does."""
    return _combine(tests, " && ", all, "true")


def _any(tests: list[_Test]) -> _Test:
    """sh:or: a value conforms to at least one member shape."""
    return _combine(tests, " || ", any, "false")


def _combine(
    tests: list[_Test], operator: str, reduce: Callable[[Iterable[bool]], bool], empty: str
) -> _Test:
    """Join tests in Python, and in SPARQL when every test has SPARQL."""
    exprs = [t.sparql for t in tests if t.sparql is not None]
    checks = [t.python for t in tests]

    def sparql(v: str, run: _Run) -> str:
        return "(" + operator.join(_safe(e(v, run)) for e in exprs) + ")" if exprs else empty

    def python(term: Term, run: _Run) -> bool:
        return reduce(check(term, run) for check in checks)

    return _Test(python, sparql if len(exprs) == len(tests) else None)


def _negate(test: _Test) -> _Test:
    """sh:not: a value must not conform to the member shape."""
    expr, check = test.sparql, test.python

    def sparql(v: str, run: _Run) -> str:
        assert expr is not None
        return f"!{_safe(expr(v, run))}"

    def python(term: Term, run: _Run) -> bool:
        return not check(term, run)

    return _Test(python, sparql if expr else None)


def _safe(expression: str) -> str:
    """An expression that is false where it would raise an error (FILTER drops errors)."""
    return f"COALESCE({expression}, false)"


# ----- the tests of single constraints ----------------------------------------------


def _class_test(cls: URIRef) -> _Test:
    """sh:class: an instance of the class or a subclass; literals never are."""

    def sparql(v: str, run: _Run) -> str:
        t = run.fresh()
        return f"EXISTS {{ {v} {_TYPE} {t} VALUES {t} {{ {run.closure(frozenset((cls,)))} }} }}"

    def python(term: Term, run: _Run) -> bool:
        return term in run.instances(frozenset((cls,)))

    return _Test(python, sparql, classes=frozenset((cls,)))


def _has_value_test(value: Identifier) -> _Test:
    """sh:hasValue in a member shape: rdflib term equality, as pyshacl.

    sameTerm is the same for IRIs; literals are compared in Python, since rdflib
    and Oxigraph write some typed literals in different canonical forms.
    """
    text = _n3(value)

    def python(term: Term, run: _Run) -> bool:
        return bool(to_rdflib(term) == value)

    if isinstance(value, URIRef):
        return _Test(python, lambda v, run: f"sameTerm({v}, {text})")
    return _Test(python)


_SPARQL_DATATYPES: dict[URIRef, Callable[[str], str]] = {
    XSD.string: lambda v: f"(isLiteral({v}) && datatype({v}) = <{_XSD_STRING}>)",
    RDF.langString: lambda v: f'(isLiteral({v}) && lang({v}) != "")',
    RDFS.Literal: lambda v: f"isLiteral({v})",
}


def _datatype_test(datatype: URIRef) -> _Test:
    """sh:datatype: exact in SPARQL for strings; else rdflib judges lexical forms, as pyshacl."""
    python = _datatype_check(datatype)
    exact = _SPARQL_DATATYPES.get(datatype)
    if exact is not None:
        return _Test(python, lambda v, run: exact(v))
    return _Test(python)


def _datatype_check(rule: URIRef) -> Check:
    """pyshacl's DatatypeConstraintComponent on one value node."""

    def check(term: Term, run: _Run) -> bool:
        if not isinstance(term, ox.Literal):
            return False
        value = to_rdflib(term)
        assert isinstance(value, Literal)
        if value.datatype == rule:
            return value.ill_typed is not True and _actual_datatype(value, rule)
        if rule == RDFS.Literal:
            return True
        if rule == RDFS.Datatype and value.datatype:
            return True
        if value.datatype is None and value.language is None and rule == XSD.string:
            return _actual_datatype(value, rule)
        if rule == RDF.langString and value.language:
            return _actual_datatype(value, rule)
        return False

    return check


_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


def _actual_datatype(value: Literal, rule: URIRef) -> bool:
    expected = _PYTHON_TYPES.get(rule)
    return expected is None or isinstance(value.value, expected)


def _pattern_check(pattern: Literal, flags: Node | None) -> Check:
    """sh:pattern with Python's `re`, as pyshacl (only the flags i and m count)."""
    re_flags = 0
    if isinstance(flags, Literal):
        text = str(flags.value).lower()
        re_flags |= re.I if "i" in text else 0
        re_flags |= re.M if "m" in text else 0
    value = pattern.value
    matcher = re.compile(
        str(value) if value is not None and len(value) > 1 else str(pattern), re_flags
    )

    def check(term: Term, run: _Run) -> bool:
        if isinstance(term, ox.BlankNode):
            return False
        return matcher.search(_string(term)) is not None

    return check


def _range_check(bound: Literal, accept: Callable[[int], bool]) -> Check:
    """sh:min/maxIn/Exclusive as pyshacl compares (rdflib literal order)."""
    bound_is_string = isinstance(bound.value, str)

    def check(term: Term, run: _Run) -> bool:
        if not isinstance(term, ox.Literal):
            return False
        value = to_rdflib(term)
        assert isinstance(value, Literal)
        if isinstance(value.value, str) != bound_is_string:
            return False
        try:
            return accept(_compare_literal(value, bound))
        except (TypeError, NotImplementedError):
            return False

    return check


def _compare_literal(left: Literal, right: Literal) -> int:
    """pyshacl.rdfutil.compare.compare_literal: -1, 0 or 1."""
    if left.eq(right):
        return 0
    if left.value.__class__ in (datetime, time):
        if left.value == right.value:
            return 0
        if left.value > right.value:
            return 1
    elif left > right:
        return 1
    return -1


# ----- running ------------------------------------------------------------------------


@dataclass
class _Run:
    """One validation: the store, and what several checks share."""

    store: ox.Store
    _closures: dict[frozenset[URIRef], str] = field(default_factory=dict)
    _values: dict[URIRef, list[Term]] = field(default_factory=dict)
    _foci: dict[_Focus, list[Term]] = field(default_factory=dict)
    _instances: dict[frozenset[URIRef], frozenset[Term]] = field(default_factory=dict)
    _names: Iterator[int] = field(default_factory=count)

    def fresh(self) -> str:
        """A variable name no other part of a query uses."""
        return f"?_v{next(self._names)}"

    def rows(self, query: str) -> Iterator[list[Term]]:
        """Solutions of a SELECT whose variables are always bound."""
        answer = self.store.query(query)
        assert isinstance(answer, ox.QuerySolutions)
        for solution in answer:
            row = [term for term in solution if not isinstance(term, ox.Triple | None)]
            assert len(row) == len(answer.variables)
            yield row

    def pairs(self, query: str) -> Iterator[tuple[Term, Term]]:
        """(focus node, value node) rows."""
        for row in self.rows(query):
            yield row[0], row[1]

    def closure(self, classes: frozenset[URIRef]) -> str:
        """The classes and their subclasses (rdfs:subClassOf*) in the data, as VALUES terms.

        Computed once per class set, so that each query matches rdf:type against a
        list instead of walking the hierarchy for every node.
        """
        if classes not in self._closures:
            found = {ox.NamedNode(str(c)) for c in classes}
            terms = " ".join(_n3(c) for c in sorted(classes))
            query = f"SELECT DISTINCT ?c WHERE {{ VALUES ?s {{ {terms} }} ?c {_SUBCLASS}* ?s }}"
            for (cls,) in self.rows(query):
                if not isinstance(cls, ox.NamedNode):
                    raise UnsupportedShapeError("a blank node in the data's rdfs:subClassOf tree")
                found.add(cls)
            self._closures[classes] = " ".join(sorted(str(c) for c in found))
        return self._closures[classes]

    def instances(self, classes: frozenset[URIRef]) -> frozenset[Term]:
        """Instances of the classes or their subclasses, for sh:class checked in Python."""
        if classes not in self._instances:
            t, closure = self.fresh(), self.closure(classes)
            query = f"SELECT DISTINCT ?x WHERE {{ ?x {_TYPE} {t} VALUES {t} {{ {closure} }} }}"
            self._instances[classes] = frozenset(row[0] for row in self.rows(query))
        return self._instances[classes]

    def focus(self, focus: _Focus) -> str:
        """A group pattern binding ?this to each focus node (maybe more than once)."""
        parts: list[str] = []
        if focus.classes:
            t = self.fresh()
            parts.append(f"?this {_TYPE} {t} VALUES {t} {{ {self.closure(focus.classes)} }}")
        for predicate in sorted(focus.subjects_of):
            parts.append(f"?this {_n3(predicate)} {self.fresh()}")
        for predicate in sorted(focus.objects_of):
            parts.append(f"{self.fresh()} {_n3(predicate)} ?this")
        if focus.nodes:
            parts.append(f"VALUES ?this {{ {' '.join(sorted(_n3(n) for n in focus.nodes))} }}")
        return " UNION ".join(f"{{ {p} }}" for p in parts)

    def distinct_focus(self, focus: _Focus) -> str:
        return f"{{ SELECT DISTINCT ?this WHERE {{ {self.focus(focus)} }} }}"

    def focus_nodes(self, focus: _Focus) -> list[Term]:
        if focus not in self._foci:
            query = f"SELECT DISTINCT ?this WHERE {{ {self.focus(focus)} }}"
            self._foci[focus] = [row[0] for row in self.rows(query)]
        return self._foci[focus]

    def values(self, path: URIRef) -> list[Term]:
        """The distinct objects of a predicate, whatever the subject (shared by several checks)."""
        if path not in self._values:
            query = f"SELECT DISTINCT ?value WHERE {{ ?s {_n3(path)} ?value }}"
            self._values[path] = [row[0] for row in self.rows(query)]
        return self._values[path]

    def evaluate(self, check: _Check) -> Iterator[ShaclResult]:
        """The results of one check, each (focus, value) once as pyshacl gives them."""
        seen: set[tuple[Identifier, Identifier | None]] = set()
        for focus, value in self._violations(check):
            node = to_rdflib(focus)
            found = None if value is None else to_rdflib(value)
            if (node, found) not in seen:
                seen.add((node, found))
                yield ShaclResult(
                    check.shape, check.component, node, check.path, found, check.severity
                )

    def _violations(self, check: _Check) -> Iterable[tuple[Term, Term | None]]:
        if check.kind == "min":
            return self._min_count(check)
        if check.kind == "max":
            return self._max_count(check)
        if check.kind == "has":
            return self._has_value(check)
        assert check.test is not None
        if check.path is None:
            return self._node_values(check, check.test)
        if check.test.sparql is not None:
            return self._path_values_sparql(check, check.test)
        return self._path_values_python(check, check.test)

    def _min_count(self, check: _Check) -> Iterator[tuple[Term, None]]:
        """Focus nodes with too few values.

        For more than one value the values are counted as rdflib terms: rdflib reads
        some spellings Oxigraph keeps apart (" 5 " and "5" as integers) as one value.
        """
        path = _path(check)
        if check.number == 1:
            query = (
                f"SELECT ?this WHERE {{ {self.distinct_focus(check.focus)} "
                f"FILTER NOT EXISTS {{ ?this {path} ?value }} }}"
            )
            for (this,) in self.rows(query):
                yield this, None
            return
        query = (
            f"SELECT ?this ?value WHERE {{ {self.distinct_focus(check.focus)} "
            f"OPTIONAL {{ ?this {path} ?value }} }}"
        )
        answer = self.store.query(query)
        assert isinstance(answer, ox.QuerySolutions)
        values: dict[Term, set[Identifier]] = defaultdict(set)
        for this, value in answer:
            assert isinstance(this, ox.NamedNode | ox.BlankNode | ox.Literal)
            values[this].update(() if value is None else (to_rdflib(value),))
        for this, distinct in values.items():
            if len(distinct) < check.number:
                yield this, None

    def _max_count(self, check: _Check) -> Iterator[tuple[Term, None]]:
        """Counted in the store, then again on rdflib terms: rdflib merges some literals."""
        path = _path(check)
        query = (
            f"SELECT ?this ?value WHERE {{ {{ SELECT ?this WHERE {{ ?this {path} ?v }} "
            f"GROUP BY ?this HAVING (COUNT(?v) > {check.number}) }} "
            f"FILTER EXISTS {{ {self.focus(check.focus)} }} ?this {path} ?value }}"
        )
        values: dict[Term, set[Identifier]] = defaultdict(set)
        for this, value in self.rows(query):
            values[this].add(to_rdflib(value))
        for this, distinct in values.items():
            if len(distinct) > check.number:
                yield this, None

    def _has_value(self, check: _Check) -> Iterator[tuple[Term, None]]:
        """Focus nodes without the value; for a literal, rdflib equality has the last word."""
        assert check.term is not None
        value = _n3(check.term)
        if check.path is None:
            query = (
                f"SELECT DISTINCT ?this WHERE {{ {self.focus(check.focus)} "
                f"FILTER (!sameTerm(?this, {value})) }}"
            )
            for (this,) in self.rows(query):
                if to_rdflib(this) != check.term:
                    yield this, None
            return
        missing = (
            f"{self.distinct_focus(check.focus)} "
            f"FILTER NOT EXISTS {{ ?this {_path(check)} {value} }}"
        )
        found: set[Term] = set()
        if isinstance(check.term, Literal):
            query = f"SELECT ?this ?value WHERE {{ {missing} ?this {_path(check)} ?value }}"
            found = {this for this, v in self.pairs(query) if to_rdflib(v) == check.term}
        for (this,) in self.rows(f"SELECT ?this WHERE {{ {missing} }}"):
            if this not in found:
                yield this, None

    def _node_values(self, check: _Check, test: _Test) -> Iterator[tuple[Term, Term]]:
        """Constraints of a node shape: the focus node is the value node."""
        if test.sparql is not None:
            query = (
                f"SELECT DISTINCT ?this WHERE {{ {self.focus(check.focus)} "
                f"FILTER (!{_safe(test.sparql('?this', self))}) }}"
            )
            for (this,) in self.rows(query):
                yield this, this
            return
        for this in self.focus_nodes(check.focus):
            if not test.python(this, self):
                yield this, this

    def _path_values_sparql(self, check: _Check, test: _Test) -> Iterator[tuple[Term, Term]]:
        """Bad values found in the store first, then kept if their subject is a focus node."""
        path = _path(check)
        if test.classes:
            t = self.fresh()
            bad = f"MINUS {{ ?value {_TYPE} {t} VALUES {t} {{ {self.closure(test.classes)} }} }}"
        else:
            assert test.sparql is not None
            bad = f"FILTER (!{_safe(test.sparql('?value', self))})"
        query = (
            f"SELECT ?this ?value WHERE {{ "
            f"{{ SELECT ?this ?value WHERE {{ ?this {path} ?value {bad} }} }} "
            f"FILTER EXISTS {{ {self.focus(check.focus)} }} }}"
        )
        return self.pairs(query)

    def _path_values_python(self, check: _Check, test: _Test) -> Iterator[tuple[Term, Term]]:
        """Distinct values checked in Python once each; then the focus nodes of the bad ones."""
        assert check.path is not None
        bad = [value for value in self.values(check.path) if not test.python(value, self)]
        if not bad:
            return
        path = _path(check)
        focus = self.focus(check.focus)
        named = [v for v in bad if not isinstance(v, ox.BlankNode)]
        for start in range(0, len(named), _VALUES_CHUNK):
            terms = " ".join(str(v) for v in named[start : start + _VALUES_CHUNK])
            query = (
                f"SELECT ?this ?value WHERE {{ VALUES ?value {{ {terms} }} "
                f"?this {path} ?value FILTER EXISTS {{ {focus} }} }}"
            )
            yield from self.pairs(query)
        blank = set(bad) - set(named)
        if blank:
            query = (
                f"SELECT ?this ?value WHERE {{ ?this {path} ?value FILTER (isBlank(?value)) "
                f"FILTER EXISTS {{ {focus} }} }}"
            )
            for this, value in self.pairs(query):
                if value in blank:
                    yield this, value


# ----- terms --------------------------------------------------------------------------


def _path(check: _Check) -> str:
    assert check.path is not None
    return _n3(check.path)


def _n3(term: Identifier) -> str:
    """A shapes-graph term in SPARQL syntax (IRIs and literals; N-Triples form)."""
    return str(to_oxigraph(term))


def _string(term: Term) -> str:
    """str() of the rdflib term, without building one for plain and tagged strings."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal) and (term.language or term.datatype.value == _XSD_STRING):
        return term.value
    return str(to_rdflib(term))


def _short(term: Node) -> str:
    text = str(term)
    return "sh:" + text[len(str(SH)) :] if text.startswith(str(SH)) else text


__all__ = ["ShaclEngine", "ShaclResult", "UnsupportedShapeError"]
