"""Resolve an actor (or a topic) given by label, alias or IRI.

Matching folds case and accents ("Jörn Riedel" = "jorn riedel" =
"JOERN RIEDEL"), so users can type names the way they remember them. An
unknown name comes with the closest candidates, the way click answers an
unknown option; a name shared by several entities lists them all.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from kommgraph.bulk import bulk
from kommgraph.errors import AmbiguousActorError, UnknownActorError
from kommgraph.rdf.iris import KG, PREFIXES

if TYPE_CHECKING:
    from kommgraph.rdf.sparql import Backend

# (entity, label, alias or None, type): what a name index is built from
NameRow = tuple[str | None, ...]

_NAMES_QUERY = """
SELECT ?entity ?label ?alt ?type WHERE {
  ?entity a ?type .
  ?type kg:subClassOfOrSelf ?_class .
  ?entity rdfs:label ?label .
  OPTIONAL { ?entity skos:altLabel ?alt }
}
"""


# An exact label or alias (or the IRI itself): one index lookup, no scan. The
# class test is a filter on the types found (kg:subClassOfOrSelf is the
# computed rdfs:subClassOf*, `kommgraph.rdf.closures`; as a pattern, Oxigraph
# might evaluate it for every class first).
_EXACT_QUERY = """
SELECT ?entity ?label ?type WHERE {{
  {values}
  ?entity a ?type .
  FILTER EXISTS {{ ?type kg:subClassOfOrSelf ?_class }}
  ?entity rdfs:label ?label .
}}
"""


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Jörn Riedel' -> 'joern riedel'."""
    return _fold(text, "ae", "oe", "ue")


def _fold_loose(text: str) -> str:
    """Like fold, but 'ö' -> 'o' too, so 'Jorn' finds 'Jörn'."""
    return _fold(text, "a", "o", "u")


def _fold(text: str, ae: str, oe: str, ue: str) -> str:
    """Casefold, spell the umlauts as given, strip other accents, normalize spaces."""
    text = text.casefold()
    if not text.isascii():
        text = text.replace("ä", ae).replace("ö", oe).replace("ü", ue)
        if not text.isascii():  # other accents (é, ł, ...): decompose, drop the marks
            text = _strip_marks(text)
    return " ".join(text.split())


def _strip_marks(text: str) -> str:
    """NFKD, without the combining marks.

    Only names with accents other than the German umlauts get here: an index
    folds tens of thousands of names, and decomposing every one of them was
    most of its cost. The umlauts are replaced before, with the same result
    decomposition would give.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Entity:
    """A resolved actor or topic."""

    iri: str
    label: str
    type: str


class NameIndex:
    """All labels and aliases of the instances of one class (and subclasses).

    Built from rows (entity, label, alias, type): `names` fetches them by
    SPARQL; an index's tables give the same rows (`kommgraph.network.tables`).
    """

    @bulk
    def __init__(self, rows: Sequence[NameRow]) -> None:
        # One row per (label, alias, type) of an entity, none of them unbound but the
        # alias. The columns are taken apart in C (zip, dict, set) and each distinct
        # name is folded once; `Entity` objects are made only for what is resolved.
        iris, labels, aliases, types = (
            (cast(tuple[str, ...], column) for column in zip(*rows, strict=True))
            if rows
            else ((), (), (), ())
        )
        # an entity's smallest label is its label (the same whatever the rows' order)
        self._labels: dict[str, str] = {}
        for iri, label in sorted(zip(iris, labels, strict=True), reverse=True):
            self._labels[iri] = label
        self._types: dict[str, set[str]] = defaultdict(set)
        for iri, rdf_type in zip(iris, types, strict=True):
            self._types[iri].add(rdf_type)
        named = set(zip(labels, iris, strict=True))
        named.update((alias, iri) for alias, iri in zip(aliases, iris, strict=True) if alias)
        folded = {text: fold(text) for text, _iri in named}
        loose = {text: _fold_loose(text) for text in folded if not text.isascii()}
        self._by_name: dict[str, set[str]] = defaultdict(set)
        for text, iri in named:
            self._by_name[folded[text]].add(iri)
            if text in loose:  # an ASCII name folds the same both ways
                self._by_name[loose[text]].add(iri)

    def entity(self, iri: str) -> Entity:
        """The indexed entity with this IRI (KeyError if it is not one)."""
        return Entity(iri, self._labels[iri], _most_specific(self._types[iri]))

    def resolve(self, name: str) -> Entity:
        """The one entity called `name`; errors list candidates or all matches."""
        iri = as_iri(name)
        if iri is not None and iri in self._labels:
            return self.entity(iri)
        matches = self._by_name.get(fold(name), set()) | self._by_name.get(_fold_loose(name), set())
        if len(matches) == 1:
            return self.entity(next(iter(matches)))
        if len(matches) > 1:
            listed = sorted((self._labels[m], m) for m in matches)
            raise AmbiguousActorError(name, listed)
        import difflib  # only for a name that matches nothing

        close = difflib.get_close_matches(fold(name), list(self._by_name), n=5, cutoff=0.6)
        candidates = sorted({self._labels[i] for key in close for i in self._by_name[key]})
        if not candidates:
            needle = fold(name)
            candidates = sorted(
                {
                    self._labels[i]
                    for key, iris in self._by_name.items()
                    if needle and needle in key
                    for i in iris
                }
            )[:5]
        raise UnknownActorError(name, candidates)


def exact_key(name: str) -> tuple[str | None, str | None] | None:
    """What an exact lookup of `name` matches: (IRI, None), (None, label or alias), or None.

    A name that is an IRI (`<...>`, `http(s)://...`, `prefix:local`) matches that
    entity only; other text matches labels and aliases as written (spaces normalized).
    """
    text = " ".join(name.split())
    iri = as_iri(text)
    if iri is not None:
        return iri, None
    return (None, text) if text else None


def exact_entity(rows: Iterable[NameRow]) -> Entity | None:
    """The entity of an exact lookup's rows (entity, label, alias, type), if exactly one."""
    found = list(rows)
    if len({row[0] for row in found}) != 1:
        return None
    label = min(str(row[1]) for row in found)
    return Entity(str(found[0][0]), label, _most_specific({str(row[3]) for row in found}))


def names(
    backend: Backend, cls: str = KG.Agent, key: tuple[str | None, str | None] | None = None
) -> list[NameRow]:
    """The name rows of the instances of `cls` by SPARQL: all, or an exact lookup's (`key`).

    An exact lookup is one index lookup, no scan: most names are typed as
    written, and building the whole index takes a few hundred milliseconds on a
    large graph.
    """
    from rdflib import Literal, URIRef

    from kommgraph.rdf.query_text import literal_n3, term_n3, with_prologue

    bindings = {"_class": URIRef(cls)}
    if key is None:
        return list(backend.values(with_prologue(_NAMES_QUERY), bindings))
    iri, text = key
    if iri is not None:
        values = f"VALUES ?entity {{ {term_n3(URIRef(iri))} }}"
    else:
        forms = " ".join(literal_n3(Literal(text, lang=lang)) for lang in (None, "de", "en"))
        values = f"VALUES ?name {{ {forms} }} ?entity rdfs:label|skos:altLabel ?name ."
    rows = backend.values(with_prologue(_EXACT_QUERY.format(values=values)), bindings)
    return [(entity, label, None, rdf_type) for entity, label, rdf_type in rows]


def as_iri(name: str) -> str | None:
    """The IRI a name spells (`<...>`, `http(s)://...`, `prefix:local`), else None."""
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if text.startswith(("http://", "https://")):
        return text
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return PREFIXES[prefix] + local
    return None


_OWN = str(KG)
_GENERIC = frozenset({str(KG.Agent), str(KG.Organization)})


def _most_specific(types: set[str]) -> str:
    """The type to show: a kg: subclass rather than kg:Agent or foreign classes."""
    if len(types) == 1:
        return next(iter(types))
    own = sorted(t for t in types if t.startswith(_OWN))
    specific = [t for t in own if t not in _GENERIC]
    chosen = specific or own or sorted(types)
    return chosen[0] if chosen else ""
