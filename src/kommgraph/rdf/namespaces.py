"""The ontology namespace, the instance namespaces and the prefix map, as rdflib namespaces.

The plain-string forms (and the prefix map) live in `kommgraph.rdf.iris`.
"""

from __future__ import annotations

from rdflib import Namespace

from kommgraph.rdf.iris import ID, PREFIXES, SH_NS, shorten, sparql_prologue
from kommgraph.rdf.iris import KG as KG_IRI

KG = Namespace(str(KG_IRI))
PERSON = Namespace(PREFIXES["person"])
ORG = Namespace(PREFIXES["org"])
EVENT = Namespace(PREFIXES["event"])
PLACE = Namespace(PREFIXES["place"])
TOPIC = Namespace(PREFIXES["topic"])
SOURCE = Namespace(PREFIXES["source"])
PARTICIPATION = Namespace(PREFIXES["participation"])
AFFILIATION = Namespace(PREFIXES["affiliation"])
RELATION = Namespace(PREFIXES["relation"])
MENTION = Namespace(PREFIXES["mention"])
STATEMENT = Namespace(PREFIXES["statement"])
QUANTITY = Namespace(PREFIXES["quantity"])
PUBLICATION = Namespace(PREFIXES["publication"])
INFERENCE = Namespace(PREFIXES["inference"])
SH = Namespace(SH_NS)

__all__ = [
    "AFFILIATION",
    "EVENT",
    "ID",
    "INFERENCE",
    "KG",
    "MENTION",
    "ORG",
    "PARTICIPATION",
    "PERSON",
    "PLACE",
    "PREFIXES",
    "PUBLICATION",
    "QUANTITY",
    "RELATION",
    "SH",
    "SOURCE",
    "STATEMENT",
    "TOPIC",
    "shorten",
    "sparql_prologue",
]
