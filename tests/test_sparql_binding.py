"""Parameters are bound as RDF terms: hostile values never change what a query means.

(a) `with_values` output parses (rdflib's SPARQL parser) and its algebra binds
    exactly the given value, with the query around it unchanged;
(b) bound to `SELECT ?s WHERE { ?s rdfs:label ?_name }`, a hostile value finds
    exactly the entity whose label is that value, or nothing, and the store
    keeps all its triples (the same against a real server: tests/remote/);
(c) IRIs with characters an IRI may not hold are refused with a ParameterError;
(d) `where_brace` finds the outermost WHERE group whatever strings, comments
    and IRIs hold, for every query form.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Identifier

from kommgraph.errors import KommgraphError, ParameterError
from kommgraph.rdf.graph_store import GraphStore
from kommgraph.rdf.params import to_iri
from kommgraph.rdf.query_text import (
    literal_n3,
    query_form,
    values_block,
    where_brace,
    with_prologue,
    with_values,
)
from kommgraph.rdf.sparql import GraphResult, LocalBackend, SelectResult

LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
QUERY = "SELECT ?s WHERE { ?s rdfs:label ?_name }"
PERSON = "https://w3id.org/kommgraph/id/person/"

HOSTILE: tuple[str, ...] = (
    'x" } ; DROP ALL ; #',
    "<http://evil> } UNION { ?s ?p ?o",
    '") } UNION { ?s ?p ?o } #',
    "# } UNION { ?s ?p ?o }",
    "'",
    '"',
    '"""',
    "'''",
    "\\",
    '\\"',
    'a\n\\"',  # rdflib's Literal.n3() closes this literal too early
    "line one\nline two",
    "\r\n",
    "\t",
    "\u00e4",
    "J\u00f6rn M\u00fcller-Gro\u00dfmann",
    "}",
    "{",
    "#",
    "?_name",
    "\\u0022 } UNION { ?s ?p ?o } #",  # a codepoint escape of '"', as text
    "\\U0001F600",
    "C:\\users\\u",
    "",
    "\x00",
)


def entity_iri(index: int) -> str:
    return f"{PERSON}hostile-{index}"


def hostile_store(with_hostile: bool = True) -> GraphStore:
    """A small graph: one entity labelled with each hostile value, and Erika."""
    store = ox.Store()
    label = ox.NamedNode(str(LABEL))
    person = ox.NamedNode("https://w3id.org/kommgraph/ontology#Person")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    erika = ox.NamedNode(PERSON + "erika-muster")
    store.add(ox.Quad(erika, label, ox.Literal("Erika Muster")))
    store.add(ox.Quad(erika, rdf_type, person))
    if with_hostile:
        for index, value in enumerate(HOSTILE):
            entity = ox.NamedNode(entity_iri(index))
            store.add(ox.Quad(entity, label, ox.Literal(value)))
            store.add(ox.Quad(entity, rdf_type, person))
    return GraphStore(store)


def values_nodes(node: object) -> Iterator[CompValue]:
    """Every VALUES data block in an rdflib algebra tree."""
    if isinstance(node, CompValue):
        if node.name == "values":
            yield node
        for child in node.values():
            yield from values_nodes(child)
    elif isinstance(node, list | tuple):
        for child in node:
            yield from values_nodes(child)


def triples(node: object) -> set[tuple[Identifier, ...]]:
    """The triple patterns of all BGPs in an rdflib algebra tree."""
    found: set[tuple[Identifier, ...]] = set()
    if isinstance(node, CompValue):
        if node.name == "BGP":
            found |= {tuple(t) for t in node["triples"]}
        for child in node.values():
            found |= triples(child)
    elif isinstance(node, list | tuple):
        for child in node:
            found |= triples(child)
    return found


def bound_rows(text: str) -> list[dict[Variable, Identifier]]:
    """Parse `text` with rdflib; the rows of its only VALUES block."""
    algebra = prepareQuery(text).algebra
    blocks = list(values_nodes(algebra))
    assert len(blocks) == 1, text
    return list(blocks[0]["res"])


# (a) the VALUES block parses and binds exactly one value -------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_with_values_output_parses_and_binds_exactly_the_hostile_value(value: str) -> None:
    text = with_prologue(with_values(QUERY, {"_name": Literal(value)}))
    assert "\n" not in text.split("WHERE", 1)[1]  # one line: no long strings, no line shift
    assert bound_rows(text) == [{Variable("_name"): Literal(value)}]
    algebra = prepareQuery(text).algebra
    assert algebra["PV"] == [Variable("s")]
    assert algebra["_vars"] == {Variable("s"), Variable("_name")}
    assert triples(algebra) == {(Variable("s"), LABEL, Variable("_name"))}


@pytest.mark.parametrize("value", HOSTILE[:4])
@pytest.mark.parametrize(
    "make",
    [
        lambda v: Literal(v, lang="de"),
        lambda v: Literal(v, datatype=XSD_STRING),
        lambda v: Literal(v, datatype=URIRef("https://w3id.org/kommgraph/ontology#code")),
    ],
    ids=["lang", "xsd-string", "custom-datatype"],
)
def test_tagged_and_typed_hostile_literals_bind_exactly_themselves(
    value: str, make: object
) -> None:
    assert callable(make)
    term = make(value)
    text = with_prologue(with_values(QUERY, {"_name": term}))
    # RDF 1.1: a plain literal is an xsd:string; rdflib's parser reads it back untyped
    expected = Literal(value) if term.datatype == XSD_STRING else term
    assert bound_rows(text) == [{Variable("_name"): expected}]


def test_a_value_that_breaks_rdflib_n3_cannot_turn_the_next_value_into_query_text() -> None:
    first, second = 'z\n\\"', ") } BIND(1 AS ?injected) #"
    query = "SELECT ?s WHERE { ?s rdfs:label ?_a ; rdfs:comment ?_b }"
    text = with_prologue(with_values(query, {"_a": Literal(first), "_b": Literal(second)}))
    assert bound_rows(text) == [{Variable("_a"): Literal(first), Variable("_b"): Literal(second)}]
    assert Variable("injected") not in prepareQuery(text).algebra["_vars"]


def test_an_iri_value_binds_exactly_that_iri() -> None:
    iri = URIRef(PERSON + "j\u00f6rn-riedel")
    assert bound_rows(with_prologue(with_values(QUERY, {"_name": iri}))) == [
        {Variable("_name"): iri}
    ]


def test_a_backslash_before_u_survives_parsers_that_expand_codepoint_escapes_first() -> None:
    value = "\\u0022\\U0001F600"
    written = literal_n3(Literal(value))
    assert "\\u0022" not in written.replace("\\\\", "")  # no \u left for a pre-pass to expand
    assert bound_rows(
        with_values(QUERY.replace("rdfs:label", f"<{LABEL}>"), {"_name": Literal(value)})
    ) == [{Variable("_name"): Literal(value)}]


# (b) hostile values find exactly their entity, embedded ---------------------


@pytest.mark.parametrize(("index", "value"), list(enumerate(HOSTILE)))
def test_a_hostile_value_finds_exactly_the_entity_labelled_with_it(index: int, value: str) -> None:
    graph = hostile_store()
    before = len(graph)
    result = LocalBackend(graph).query(QUERY, {"_name": Literal(value)})
    assert isinstance(result, SelectResult)
    assert result.rows == ((URIRef(entity_iri(index)),),)
    assert len(graph) == before


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_that_no_entity_carries_finds_nothing(value: str) -> None:
    graph = hostile_store(with_hostile=False)
    before = len(graph)
    result = LocalBackend(graph).query(QUERY, {"_name": Literal(value)})
    assert isinstance(result, SelectResult)
    assert result.rows == ()
    assert len(graph) == before


def test_the_embedded_store_runs_parameters_that_the_select_does_not_project() -> None:
    graph = hostile_store(with_hostile=False)
    result = LocalBackend(graph).query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?_name }", {"_name": Literal("Erika Muster")}
    )
    assert isinstance(result, SelectResult)
    assert result.rows == ((Literal(1),),)


# (c) IRIs with forbidden characters are refused ------------------------------

BAD_IRIS = (
    "<http://evil> } UNION { ?s ?p ?o",
    "http://example.org/a b",
    'http://example.org/"',
    "http://example.org/{",
    "http://example.org/}",
    "http://example.org/|",
    "http://example.org/\\",
    "http://example.org/^",
    "http://example.org/`",
    "http://example.org/<",
    "<http://example.org/>>",
    "http://example.org/\nx",
    "http://example.org/\tx",
    "person:x> } ;",
    "kg:a b",
    "not an iri",
    "",
)


@pytest.mark.parametrize("value", BAD_IRIS)
def test_to_iri_refuses_an_iri_with_forbidden_characters(value: str) -> None:
    with pytest.raises(ParameterError) as raised:
        to_iri(value, "event")
    assert raised.value.name == "event"
    assert str(raised.value) == f"parameter 'event': {value!r} is not an IRI"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("kg:Person", "https://w3id.org/kommgraph/ontology#Person"),
        ("<https://w3id.org/kommgraph/id/org/negz>", "https://w3id.org/kommgraph/id/org/negz"),
        ("http://example.org/M\u00fcnchen", "http://example.org/M\u00fcnchen"),
        ("urn:isbn:978-3-16", "urn:isbn:978-3-16"),
    ],
)
def test_to_iri_accepts_good_iris(value: str, expected: str) -> None:
    assert to_iri(value, "event") == URIRef(expected)


@pytest.mark.parametrize("value", [v for v in BAD_IRIS if v.startswith("http")])
def test_values_block_refuses_an_iri_with_forbidden_characters_built_in_code(value: str) -> None:
    with pytest.raises(ParameterError) as raised:
        values_block({"_event": URIRef(value)})
    assert raised.value.name == "_event"


def test_values_block_refuses_blank_nodes_and_bad_variable_names() -> None:
    with pytest.raises(ParameterError):
        values_block({"_x": BNode()})
    with pytest.raises(ParameterError):
        values_block({"x) } ; DROP ALL ; #": Literal("v")})


def test_a_literal_with_a_forged_language_tag_is_refused() -> None:
    forged = Literal("x", lang="de")
    object.__setattr__(forged, "_language", "de} UNION {")
    with pytest.raises(ParameterError):
        literal_n3(forged)


# (d) where_brace finds the outermost WHERE group ------------------------------

HERE = "?here ?p ?o"
GROUPS: dict[str, str] = {
    "select-where": (
        '# a comment with WHERE { and a "quote\n'
        "PREFIX ex: <http://example.org/WHERE#>\n"
        "SELECT ?here (\"{ WHERE # }\" AS ?a) ('it\\'s { WHERE' AS ?b)\n"
        '  ("""long { WHERE " \n # }""" AS ?c) (\'\'\'x { WHERE\'\'\' AS ?d) ("x"@en AS ?e)\n'
        "FROM <http://example.org/WHERE/graph>\n"
        f'WHERE {{ {HERE} . FILTER(?o != "}}") }}'
    ),
    "select-lowercase": f"select * where {{ {HERE} }}",
    "select-without-where": f"SELECT * # WHERE {{\n{{ {HERE} }}",
    "select-without-where-with-subquery": (
        f"SELECT ?here {{ {HERE} {{ SELECT ?here WHERE {{ ?here ?q ?r }} }} }}"
    ),
    "select-variable-called-where": f"SELECT ?where $WHERE WHERE {{ {HERE} . ?here ?q ?where }}",
    "select-language-tag-where": f'SELECT ("x"@where AS ?t) {{ {HERE} }}',
    "construct-template-where": (
        'CONSTRUCT { ?here <http://example.org/p> "{ WHERE }" . ?here ?p ?o }\n'
        f"WHERE {{ {HERE} }}"
    ),
    "construct-template-without-where": f"CONSTRUCT {{ ?here ?p ?o }} {{ {HERE} }}",
    "construct-where": f"CONSTRUCT WHERE {{ {HERE} }}",
    "ask": f'ASK {{ {HERE} FILTER(?o != "#{{") }}',
    "ask-where": f"ASK WHERE {{ {HERE} }}",
    "describe-where": f"DESCRIBE ?here WHERE {{ {HERE} }}",
    "describe-without-where": f"DESCRIBE ?here <http://example.org/WHERE> {{ {HERE} }}",
}


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_where_brace_finds_the_outermost_group(name: str) -> None:
    text = GROUPS[name]
    position = where_brace(text)
    assert text[position - 1] == "{"
    assert text[position:].lstrip().startswith(HERE), text[position:]


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_with_values_in_every_query_form_parses_and_binds_one_value(name: str) -> None:
    text = with_values(GROUPS[name], {"_name": Literal('x" } #')})
    assert bound_rows(text) == [{Variable("_name"): Literal('x" } #')}]


def test_a_describe_without_a_group_gets_a_trailing_values_clause() -> None:
    text = "DESCRIBE ?_actor # no WHERE { here"
    with pytest.raises(ValueError, match="no WHERE group"):
        where_brace(text)
    iri = URIRef(PERSON + "erika-muster")
    bound = with_values(text, {"_actor": iri})
    parsed = parseQuery(bound)[1]["valuesClause"]  # rdflib's algebra drops it for DESCRIBE
    assert parsed["var"] == [Variable("_actor")]
    assert [list(row) for row in parsed["value"]] == [[iri]]
    described = LocalBackend(hostile_store(with_hostile=False)).query(text, {"_actor": iri})
    assert isinstance(described, GraphResult)
    assert set(described.graph.subjects()) == {iri}
    assert len(described.graph) == 2


def test_the_query_form_ignores_comments_strings_and_iris() -> None:
    assert query_form('# DELETE everything\nSELECT ("INSERT" AS ?x) {}') == "SELECT"
    assert query_form("PREFIX drop: <http://x/DELETE>\nASK {}") == "ASK"
    assert query_form("DELETE WHERE { ?s ?p ?o }") == "DELETE"
    assert query_form("# nothing here") is None


@pytest.mark.parametrize(
    "text",
    ["DELETE WHERE { ?s ?p ?o }", "INSERT DATA { <a:b> <a:c> <a:d> }", "DROP ALL", "nonsense"],
)
def test_the_embedded_store_refuses_updates_and_non_queries(text: str) -> None:
    graph = hostile_store()
    before = len(graph)
    with pytest.raises(KommgraphError, match="refusing to run"):
        LocalBackend(graph).query(text)
    assert len(graph) == before


def test_a_construct_where_short_form_gets_a_trailing_values_clause() -> None:
    text = "CONSTRUCT WHERE { ?s rdfs:label ?_name }"
    assert text[where_brace(text) :].startswith(" ?s rdfs:label")
    bound = with_values(text, {"_name": Literal("Erika Muster")})
    assert bound.startswith(text + "\nVALUES (?_name)")
    result = LocalBackend(hostile_store(with_hostile=False)).query(
        text, {"_name": Literal("Erika Muster")}
    )
    assert isinstance(result, GraphResult)
    assert set(result.graph.subjects()) == {URIRef(PERSON + "erika-muster")}


def test_with_prologue_keeps_line_numbers() -> None:
    text = "SELECT ?s\nWHERE {\n  ?s a kg:Person\n}\n"
    assert with_prologue(text).count("\n") == text.count("\n")
    assert with_values(text, {"_x": Literal("a\nb")}).count("\n") == text.count("\n")
