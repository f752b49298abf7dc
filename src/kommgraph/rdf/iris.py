"""The ontology's and the instances' IRIs and the prefix map, as plain strings.

No rdflib here: the commands that answer from the index (`collab`, `path`) never
import rdflib, whose import alone costs more than their answer. Code that works
with rdflib terms uses `kommgraph.rdf.namespaces`, which builds on this module.
"""

from __future__ import annotations


class Vocabulary(str):
    """A namespace IRI whose attributes are the IRIs in it, as str: `KG.Agent`."""

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return f"{self}{name}"


KG = Vocabulary("https://w3id.org/kommgraph/ontology#")
ID = "https://w3id.org/kommgraph/id/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SH_NS = "http://www.w3.org/ns/shacl#"

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "person": ID + "person/",
    "org": ID + "org/",
    "event": ID + "event/",
    "place": ID + "place/",
    "topic": ID + "topic/",
    "source": ID + "source/",
    "participation": ID + "participation/",
    "affiliation": ID + "affiliation/",
    "relation": ID + "relation/",
    "mention": ID + "mention/",
    "statement": ID + "statement/",
    "quantity": ID + "quantity/",
    "publication": ID + "publication/",
    "inference": ID + "inference/",
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "owl": OWL_NS,
    "skos": SKOS_NS,
    "xsd": XSD_NS,
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org-w3c": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": SH_NS,
}


def sparql_prologue() -> str:
    """PREFIX lines for every prefix above, for queries that omit them."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def shorten(iri: str) -> str:
    """Write an IRI as prefix:local when a known prefix fits, for display."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIXES[best]) :]
        if local and all(c.isalnum() or c in "-_." for c in local):
            return f"{best}:{local}"
    return iri
