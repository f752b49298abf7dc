"""SPARQL as text: finding a query's form and outer group, and binding values without pasting.

Parameter values never become query text by string pasting. `with_values`
opens the outermost WHERE group with a `VALUES` block in which each value is
one escaped RDF term (IRIs checked for characters an IRI may not hold,
literals written as one-line strings by `literal_n3`). The embedded store and
every remote endpoint evaluate the very same text, so their answers cannot
drift apart.

Oxigraph's own `substitutions` are not used: Oxigraph refuses them for every
variable that the SELECT clause does not project ("does not contains
variable ?_class in its SELECT projection"), i.e. for counts and for any
query that does not return its parameter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from kommgraph.errors import KommgraphError, ParameterError
from kommgraph.rdf.iris import PREFIXES, XSD_NS

if TYPE_CHECKING:
    from rdflib import Literal, URIRef
    from rdflib.term import Identifier

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`]')
# Tabs, backspaces and form feeds too: pyparsing-based parsers (rdflib) turn raw tabs into spaces.
_SHORT_STRING_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_CODEPOINT_U = {"u": "\\U00000075", "U": "\\U00000055"}  # 8 digits: nothing can extend them
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def refuse_update(text: str, target: Callable[[], str]) -> None:
    """Raise unless `text` is a SELECT, ASK, CONSTRUCT or DESCRIBE query: queries are read-only.

    `target` describes the backend for the message; it is called only on refusal
    (counting the triples of a large store is not free).
    """
    form = query_form(text)
    if form not in QUERY_FORMS:
        what = f"a SPARQL Update ({form})" if form else "text that is no SPARQL query"
        raise KommgraphError(
            f"refusing to run {what} on the {target()}: only SELECT, ASK, CONSTRUCT and DESCRIBE "
            "queries are run (queries are read-only)"
        )


def _skip_string(text: str, i: int) -> int:
    """Index after the string literal starting at text[i] (and its language tag)."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        while end != -1 and _escaped(text, end):
            end = text.find(quote * 3, end + 1)
        j = len(text) if end == -1 else end + 3
    else:
        j = i + 1
        while j < len(text) and text[j] != quote:
            j += 2 if text[j] == "\\" else 1
        j += 1
    if j < len(text) and text[j] == "@":
        j += 1
        while j < len(text) and (text[j].isalnum() or text[j] == "-"):
            j += 1
    return j


def _escaped(text: str, i: int) -> bool:
    backslashes = 0
    while i > 0 and text[i - 1] == "\\":
        backslashes += 1
        i -= 1
    return backslashes % 2 == 1


def _tokens(text: str) -> list[tuple[int, str]]:
    """Top-level structure of a query: braces and bare words with positions.

    Comments, string literals (with their language tags), IRIs and variables
    are skipped, so a `{` or `WHERE` inside them is never mistaken for syntax.
    """
    return list(_iter_tokens(text))


def _iter_tokens(text: str) -> Iterator[tuple[int, str]]:
    """The tokens of `_tokens` one by one, for callers that only need the prologue."""
    i = 0
    while i < len(text):
        c = text[i]
        if c == "#":
            nl = text.find("\n", i)
            i = len(text) if nl == -1 else nl + 1
        elif c in "\"'":
            i = _skip_string(text, i)
        elif c == "<" and _looks_like_iri(text, i):
            i = text.index(">", i) + 1
        elif c in "{}":
            yield (i, c)
            i += 1
        elif c in "?$":
            i += 1
            while i < len(text) and (text[i].isalnum() or text[i] == "_"):
                i += 1
        elif c.isalpha():
            j = i
            while j < len(text) and (text[j].isalnum() or text[j] in "_:-"):
                j += 1
            yield (i, text[i:j].upper())
            i = j
        else:
            i += 1


def _looks_like_iri(text: str, i: int) -> bool:
    end = text.find(">", i)
    return end != -1 and not any(ch in text[i + 1 : end] for ch in ' \n\t<"{}|^`')


QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = (
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "CREATE",
    "DROP",
    "COPY",
    "MOVE",
    "ADD",
    "WITH",
)


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK; an update keyword for an update; None if neither."""
    for _, word in _iter_tokens(text):
        if word in QUERY_FORMS or word in UPDATE_WORDS:
            return word
    return None


def _outer_group(text: str) -> tuple[int, bool] | None:
    """Where the outermost WHERE group opens (just after its `{`), or None if there is none.

    The flag says whether the group is the template-only group of the short
    form `CONSTRUCT WHERE { ... }`, which may hold triple patterns only (no
    VALUES). Only braces at nesting depth 0 count, so a subquery's WHERE is
    never taken for the outer one; a CONSTRUCT template (`CONSTRUCT { ... }
    WHERE? { ... }`) is skipped; `SELECT ... { ... }` without the keyword, ASK
    and DESCRIBE find their group too. A trailing `VALUES ... { }` is not a
    group.
    """
    tokens = _tokens(text)
    index = next((k for k, (_, word) in enumerate(tokens) if word in QUERY_FORMS), None)
    if index is None:
        return None
    construct = tokens[index][1] == "CONSTRUCT"
    index += 1
    template = construct and index < len(tokens) and tokens[index][1] == "{"
    if template:
        depth = 0
        for k in range(index, len(tokens)):
            depth += {"{": 1, "}": -1}.get(tokens[k][1], 0)
            if depth == 0:
                index = k + 1
                break
        else:
            return None
    for k in range(index, len(tokens)):
        position, word = tokens[k]
        if word == "{":
            if k > 0 and tokens[k - 1][1] == "VALUES":
                return None
            short_form = construct and not template and tokens[k - 1][1] == "WHERE"
            return position + 1, short_form
    return None


def where_brace(text: str) -> int:
    """Position just after the `{` that opens the outermost WHERE group."""
    group = _outer_group(text)
    if group is None:
        raise ValueError("query has no WHERE group")
    return group[0]


def literal_n3(term: Literal) -> str:
    """A literal in SPARQL syntax, always as a one-line short string.

    rdflib's `Literal.n3()` is not used for literals: it writes a value that
    holds a newline as a long string and mis-escapes one that ends in a
    backslash and a quote (`a<LF><backslash><quote>` comes out as a long
    string plus a stray quote), so the literal closes early and the next value
    becomes query text. Here every character that may not stand in a short
    string (backslash, quote, LF, CR) is escaped, and so are tab, backspace
    and form feed. A `u` or `U` right after a
    backslash of the value is written as a codepoint escape, because SPARQL
    parsers that expand `\\uXXXX` before parsing (rdflib does) would otherwise
    read the escaped backslash and the `uXXXX` after it as a character escape.
    It takes the 8-digit form, so that hex digits following it in the value
    cannot be read as part of it.
    """
    lexical = _short_string(str(term))
    if term.language:
        if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", term.language):
            raise ParameterError("language", f"{term.language!r} is not a language tag")
        return f'"{lexical}"@{term.language}'
    if term.datatype is not None and str(term.datatype) != XSD_NS + "string":
        return f'"{lexical}"^^{_iri_n3(term.datatype, "datatype")}'
    return f'"{lexical}"'


def _short_string(value: str) -> str:
    """The body of a one-line SPARQL string holding exactly `value`."""
    out: list[str] = []
    previous = ""
    for char in value:
        if previous == "\\" and char in _CODEPOINT_U:
            out.append(_CODEPOINT_U[char])
        else:
            out.append(_SHORT_STRING_ESCAPES.get(char, char))
        previous = char
    return "".join(out)


def _iri_n3(term: URIRef, name: str) -> str:
    if _IRI_FORBIDDEN.search(str(term)):
        raise ParameterError(name, f"not a valid IRI: {str(term)!r}")
    return term.n3()


def term_n3(term: Identifier, name: str = "value") -> str:
    """One term as it may stand in a VALUES block (blank nodes may not)."""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return _iri_n3(term, name)
    if isinstance(term, Literal):
        return literal_n3(term)
    raise ParameterError(name, f"{term!r} cannot be bound (only IRIs and literals can)")


def values_block(bindings: Mapping[str, Identifier]) -> str:
    """A VALUES block binding each variable to one term, each term escaped."""
    if not bindings:
        return ""
    names = sorted(bindings)
    for name in names:
        if not _VARIABLE.fullmatch(name):
            raise ParameterError(name, "not a SPARQL variable name")
    terms = " ".join(term_n3(bindings[name], name) for name in names)
    variables = " ".join(f"?{n}" for n in names)
    return f" VALUES ({variables}) {{ ({terms}) }} "


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with a VALUES block opening its outermost WHERE group.

    A query without a group (`DESCRIBE ?_actor`) and the short form
    `CONSTRUCT WHERE { ... }` (whose group may hold triple patterns only) get
    the block as their trailing VALUES clause instead. The block is one line,
    so line numbers in error messages still point into the query as written.
    """
    if not bindings:
        return text
    group = _outer_group(text)
    if group is None or group[1]:
        return text + "\n" + values_block(bindings).strip() + "\n"
    return text[: group[0]] + values_block(bindings) + text[group[0] :]


def with_prologue(text: str) -> str:
    """The query with PREFIX lines for every known prefix it does not declare.

    The embedded store receives the prefix map directly; a remote endpoint
    only knows what the query text declares. The declarations go in front of
    the first line, so line numbers in the server's messages stay right.
    """
    declared: set[str] = set()
    previous = ""
    for _, word in _iter_tokens(text):  # the prologue ends where the query form begins
        if word in QUERY_FORMS or word in UPDATE_WORDS:
            break
        if previous == "PREFIX":
            declared.add(word.rstrip(":").lower())
        previous = word
    missing = [f"PREFIX {p}: <{iri}> " for p, iri in PREFIXES.items() if p not in declared]
    return "".join(missing) + text
