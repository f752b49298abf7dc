"""Oxigraph terms become rdflib terms that behave exactly like rdflib's own."""

from __future__ import annotations

import pickle

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from kommgraph.rdf.terms import to_oxigraph, to_rdflib

XSD = "http://www.w3.org/2001/XMLSchema#"  # a string: rdflib's XSD namespace warns under pytest
XSD_STRING = ox.NamedNode(XSD + "string")

# (Oxigraph term, the rdflib term made by rdflib's public constructors)
CASES: list[tuple[ox.NamedNode | ox.BlankNode | ox.Literal, URIRef | BNode | Literal]] = [
    (ox.NamedNode("https://example.org/Münster"), URIRef("https://example.org/Münster")),
    (ox.BlankNode("b0"), BNode("b0")),
    (ox.Literal("Gemeinde Bühl"), Literal("Gemeinde Bühl")),
    (ox.Literal(""), Literal("")),
    (ox.Literal("  Leerzeichen  "), Literal("  Leerzeichen  ")),
    (ox.Literal('Zeile\nzwei "zitiert"'), Literal('Zeile\nzwei "zitiert"')),
    (ox.Literal("Stadt Köln", language="de"), Literal("Stadt Köln", lang="de")),
    (ox.Literal("city", language="en-gb"), Literal("city", lang="en-gb")),
    (
        ox.Literal("2020", datatype=ox.NamedNode(XSD + "gYear")),
        Literal("2020", datatype=URIRef(XSD + "gYear")),
    ),
    (
        ox.Literal("2024-05-07", datatype=ox.NamedNode(XSD + "date")),
        Literal("2024-05-07", datatype=URIRef(XSD + "date")),
    ),
    (
        ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
        Literal("42", datatype=URIRef(XSD + "integer")),
    ),
    (
        ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
        Literal("true", datatype=URIRef(XSD + "boolean")),
    ),
    (
        ox.Literal("x", datatype=ox.NamedNode("https://example.org/dt")),
        Literal("x", datatype=URIRef("https://example.org/dt")),
    ),
]


@pytest.mark.parametrize(("term", "expected"), CASES, ids=[str(c[0]) for c in CASES])
def test_a_converted_term_is_indistinguishable_from_rdflibs_own(
    term: ox.NamedNode | ox.BlankNode | ox.Literal, expected: URIRef | BNode | Literal
) -> None:
    converted = to_rdflib(term)
    assert type(converted) is type(expected)
    assert converted == expected
    assert hash(converted) == hash(expected)
    assert str(converted) == str(expected)
    assert converted.n3() == expected.n3()
    assert repr(converted) == repr(expected)
    assert pickle.loads(pickle.dumps(converted)) == expected
    if isinstance(expected, Literal):
        assert isinstance(converted, Literal)
        assert converted.language == expected.language
        assert converted.datatype == expected.datatype
        assert converted.value == expected.value
        assert converted.ill_typed == expected.ill_typed
        assert converted.toPython() == expected.toPython()
        assert converted.eq(expected)
        assert converted.normalize() == expected.normalize()
    assert to_oxigraph(converted) == term


def test_an_explicit_xsd_string_is_the_plain_literal_it_means() -> None:
    """RDF 1.1: "a"^^xsd:string and "a" are one term; Oxigraph reports the datatype."""
    assert to_rdflib(ox.Literal("a", datatype=XSD_STRING)) == Literal("a")


def test_iris_made_by_the_fast_path_are_the_iris_rdflib_makes() -> None:
    for value in (
        "https://w3id.org/kommgraph/id/person/jörn-riedel",
        "urn:x",
        "http://example.org/a#b?c=d",
    ):
        fast = to_rdflib(ox.NamedNode(value))
        assert type(fast) is URIRef and fast == URIRef(value) and hash(fast) == hash(URIRef(value))
        assert repr(fast) == repr(URIRef(value)) and fast.n3() == URIRef(value).n3()


def test_other_terms_are_refused() -> None:
    with pytest.raises(TypeError, match="unsupported term"):
        to_rdflib(ox.DefaultGraph())
