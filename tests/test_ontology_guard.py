"""Data files may not state anything about a term of the kommgraph ontology.

`kg:Contact kg:active true .` in a data file would turn a passive role into an
active one for whatever reads the store. Loading refuses such data (every
command exits 1 naming file, line and term), and `validate` reports it as a
finding with file and line, also for terms the ontology does not define.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kommgraph.cli import main
from kommgraph.errors import OntologyStatementError
from kommgraph.rdf import resources
from kommgraph.rdf.loading import load

PREFIXES = """@prefix kg: <https://w3id.org/kommgraph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

"""
KG = "https://w3id.org/kommgraph/ontology#"


def data_file(tmp_path: Path, body: str, name: str = "extra.ttl") -> Path:
    path = tmp_path / name
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_activating_a_passive_role_is_refused_when_loading(tmp_path: Path) -> None:
    extra = data_file(tmp_path, "kg:Contact kg:active true .\n")
    with pytest.raises(OntologyStatementError) as caught:
        load([resources.data_dir(), extra])
    assert (caught.value.path, caught.value.line, caught.value.term) == (extra, 5, KG + "Contact")
    assert caught.value.triples == 1


@pytest.mark.parametrize(
    "command",
    [["collab", "Jens Flasche"], ["query", "collaborating-pairs"], ["stats"], ["centrality"]],
)
def test_every_command_refuses_such_data_with_file_line_and_term(
    tmp_path: Path, command: list[str]
) -> None:
    extra = data_file(tmp_path, "kg:Contact kg:active true .\n")
    code, out, err = run("--data", str(resources.data_dir()), "--data", str(extra), *command)
    assert code == 1 and out == ""
    assert err.startswith(
        f"Error: {extra}:5: states 1 triple(s) about the ontology term kg:Contact"
    )
    assert "Traceback" not in err


def test_validate_names_file_line_and_term(tmp_path: Path) -> None:
    extra = data_file(
        tmp_path, "\n<https://w3id.org/kommgraph/ontology#Speaker>\n  kg:active false .\n"
    )
    code, out, _err = run("--data", str(extra), "validate", "--format", "json")
    assert code == 1
    found = [
        f for f in json.loads(out)["findings"] if f["rule"] == "ontology-term-statement-violation"
    ]
    assert [(f["focus"], f["file"], f["line"]) for f in found] == [(KG + "Speaker", str(extra), 6)]


def test_validate_also_finds_a_term_the_ontology_does_not_define(tmp_path: Path) -> None:
    extra = data_file(tmp_path, 'kg:Keynote a owl:Class ;\n  rdfs:label "Keynote"@en .\n')
    code, out, _err = run("--data", str(extra), "validate")
    assert code == 1
    assert f"<{KG}Keynote> ({extra}:5): a data file states 2 triple(s)" in out


def test_repeating_an_ontology_triple_word_for_word_changes_nothing_and_passes(
    tmp_path: Path,
) -> None:
    extra = data_file(tmp_path, "kg:Speaker kg:active true .\n")
    assert len(load([resources.data_dir(), extra])) == len(load([resources.data_dir()]))


def test_own_namespaces_may_extend_the_ontology(tmp_path: Path) -> None:
    extra = data_file(
        tmp_path,
        "@prefix ex: <https://example.org/> .\n"
        'ex:Keynote a kg:Role ; rdfs:label "keynote"@en ; kg:active true .\n'
        "ex:Council rdfs:subClassOf kg:Organization .\n",
    )
    load([resources.data_dir(), extra])  # no error


def test_the_bundled_data_states_nothing_about_ontology_terms() -> None:
    from kommgraph.rdf.guard import added_statements

    assert added_statements(load(), thorough=True) == []
