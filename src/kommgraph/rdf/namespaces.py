"""The ontology namespace, the instance namespaces and the prefix map."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

KG = Namespace("https://w3id.org/kommgraph/ontology#")
ID = "https://w3id.org/kommgraph/id/"
PERSON = Namespace(ID + "person/")
ORG = Namespace(ID + "org/")
EVENT = Namespace(ID + "event/")
PLACE = Namespace(ID + "place/")
TOPIC = Namespace(ID + "topic/")
SOURCE = Namespace(ID + "source/")
PARTICIPATION = Namespace(ID + "participation/")
AFFILIATION = Namespace(ID + "affiliation/")
RELATION = Namespace(ID + "relation/")
MENTION = Namespace(ID + "mention/")
STATEMENT = Namespace(ID + "statement/")
QUANTITY = Namespace(ID + "quantity/")
PUBLICATION = Namespace(ID + "publication/")
INFERENCE = Namespace(ID + "inference/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "person": str(PERSON),
    "org": str(ORG),
    "event": str(EVENT),
    "place": str(PLACE),
    "topic": str(TOPIC),
    "source": str(SOURCE),
    "participation": str(PARTICIPATION),
    "affiliation": str(AFFILIATION),
    "relation": str(RELATION),
    "mention": str(MENTION),
    "statement": str(STATEMENT),
    "quantity": str(QUANTITY),
    "publication": str(PUBLICATION),
    "inference": str(INFERENCE),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org-w3c": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": str(SH),
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
