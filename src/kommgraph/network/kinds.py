"""The kind of a node in the one vocabulary of `kommgraph.vocab.Kind`: the legend's words.

Nodes, the page, the figures, the exports and the tables all say "Public IT
provider", never the class name `PublicITProvider` in one place and a group
name in another. The precise class stays available as a prefixed name
(`kg:PublicITProvider`, `kg:Workshop`).
"""

from __future__ import annotations

from functools import cache

from kommgraph.rdf.iris import shorten
from kommgraph.vocab import Group, Kind

# ontology class (local name) -> kind; other agent classes are "Other organization"
KIND_OF_CLASS: dict[str, Kind] = {
    "Person": "Person",
    "Municipality": "Municipality",
    "County": "County",
    "StateGovernment": "State government",
    "Ministry": "Ministry",
    "FederalAuthority": "Federal authority",
    "PublicITProvider": "Public IT provider",
    "Company": "Company",
    "Association": "Association",
    "Network": "Network",
    "WorkingGroup": "Working group",
    "University": "University",
    "ResearchInstitute": "Research institute",
}


def local(iri: str) -> str:
    """The local name of an ontology IRI (kg:Municipality -> Municipality)."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@cache  # a few classes, asked for once per line of a hub's thousands of collaborators
def agent_kind(class_iri: str, is_person: bool = False) -> Kind:
    """The kind of an agent of this (most specific) class."""
    if is_person:
        return "Person"
    return KIND_OF_CLASS.get(local(class_iri), "Other organization")


def agent_group(kind: Kind) -> Group:
    return "person" if kind == "Person" else "organization"


@cache  # a few classes, asked for once per node of a projection
def class_name(class_iri: str) -> str:
    """The class as a prefixed name (kg:Workshop), or the IRI when no prefix fits."""
    return shorten(class_iri)
