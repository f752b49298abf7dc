"""Locate the bundled ontology/, data/ and queries/ in a checkout or a wheel.

In a source checkout they are top-level folders next to `src/`; an installed
wheel carries copies under `kommgraph/_bundled/`. The checkout wins so that an
editable install always sees the files being edited.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # src/kommgraph (this file is in rdf/)


def _root() -> Path:
    checkout = _PACKAGE.parent.parent
    if (checkout / "ontology" / "kommgraph.ttl").is_file() and (checkout / "src").is_dir():
        return checkout
    return _PACKAGE / "_bundled"


def ontology_dir() -> Path:
    """Folder with kommgraph.ttl, shapes.ttl and checks/."""
    return _root() / "ontology"


def ontology_file() -> Path:
    """The OWL ontology."""
    return ontology_dir() / "kommgraph.ttl"


def shapes_file() -> Path:
    """The SHACL shapes."""
    return ontology_dir() / "shapes.ttl"


def checks_dir() -> Path:
    """The lint checks, SPARQL files named *-violation.rq."""
    return ontology_dir() / "checks"


def data_dir() -> Path:
    """The curated Turtle shipped with kommgraph."""
    return _root() / "data"


def queries_dir() -> Path:
    """The named SPARQL queries shipped with kommgraph."""
    return _root() / "queries"
