"""Loading Turtle: broken files name file, line and column; bad paths get one clear line.

Every case is tried through the API (`kommgraph.rdf.loading.load`) and through the command
line, where it must end in exit code 1 and one `Error: ...` line, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kommgraph.cli import main
from kommgraph.errors import DataPathError, ParseError
from kommgraph.rdf import resources
from kommgraph.rdf.loading import load

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken"
CLEAN = FIXTURES / "lint" / "clean.ttl"

# file -> (line, column, reason): exactly what the error must say.
BROKEN_FILES: dict[str, tuple[int | None, int | None, str]] = {
    # the dot is missing right after the last statement, not on the line after it
    "missing-final-dot.ttl": (9, 32, "Triples should be followed by a dot"),
    "undefined-prefix.ttl": (5, 1, "The prefix person: has not been declared"),
    # Oxigraph points at the start of the IRI that holds the space
    "bad-iri.ttl": (7, 16, "Invalid IRI code point ' '"),
    # ... and at the opening quote of the string that is never closed
    "unterminated-string.ttl": (6, 16, "Unexpected end of file"),
    "latin1-umlauts.ttl": (6, 18, "not UTF-8 text (byte 0xf6); save the file as UTF-8"),
    "binary.ttl": (None, None, "binary file, not Turtle"),
}

NOT_TURTLE = BROKEN / "not-turtle.json"
NOT_TURTLE_REASON = (
    "{ is not a valid subject or graph name"
    " (is not-turtle.json Turtle? kommgraph reads Turtle files, *.ttl)"
)

PERSON = "https://w3id.org/kommgraph/id/person/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TURTLE_HEADER = "@prefix kg: <https://w3id.org/kommgraph/ontology#> .\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def where(path: Path, line: int | None, column: int | None) -> str:
    """`file:line:column` as the error messages write it."""
    text = str(path)
    if line is not None:
        text += f":{line}"
        if column is not None:
            text += f":{column}"
    return text


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def assert_clean_failure(result: Result) -> None:
    """Exit code 1, through SystemExit, and no traceback anywhere."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def write_person(path: Path, slug: str, label: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        TURTLE_HEADER + f'<{PERSON}{slug}> a kg:Person ; <{RDFS_LABEL}> "{label}" .\n',
        encoding="utf-8",
    )
    return path


# ----- broken files, through the API ------------------------------------------------


def test_every_broken_fixture_has_an_expectation() -> None:
    found = sorted(path.name for path in BROKEN.glob("*.ttl"))
    assert len(found) == 6
    assert found == sorted(BROKEN_FILES)


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_file_raises_parse_error_with_file_line_and_column(name: str) -> None:
    path = BROKEN / name
    line, column, reason = BROKEN_FILES[name]
    with pytest.raises(ParseError) as caught:
        load([path])
    error = caught.value
    assert (error.path, error.line, error.column, error.reason) == (path, line, column, reason)
    assert error.message() == f"{where(path, line, column)}: {reason}"


def test_json_file_raises_parse_error_that_asks_whether_it_is_turtle() -> None:
    with pytest.raises(ParseError) as caught:
        load([NOT_TURTLE])
    assert (caught.value.path, caught.value.line, caught.value.column) == (NOT_TURTLE, 1, 1)
    assert caught.value.reason == NOT_TURTLE_REASON


def test_missing_final_dot_in_a_file_without_final_newline_points_after_the_last_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "no-newline.ttl"
    last = f"<{PERSON}a> a kg:Person"
    path.write_text(TURTLE_HEADER + last, encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        load([path])
    assert (caught.value.line, caught.value.column) == (2, len(last) + 1)


def test_windows_line_ends_count_as_one_line_each(tmp_path: Path) -> None:
    path = tmp_path / "crlf.ttl"
    path.write_bytes(b"# comment\r\n<x:a> <x:b> <x:c> .\r\n<x:a> <x:b> undefined:c .\r\n")
    with pytest.raises(ParseError) as caught:
        load([path])
    assert (caught.value.line, caught.value.column) == (3, 13)


def test_utf8_file_with_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.ttl"
    write_person(path, "joerg-mueller", "Jörg Müller")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    graph = load([path])
    assert path in graph.files


def test_utf16_file_is_named_as_not_utf8_rather_than_binary(tmp_path: Path) -> None:
    path = tmp_path / "utf16.ttl"
    path.write_text(TURTLE_HEADER, encoding="utf-16")
    with pytest.raises(ParseError) as caught:
        load([path])
    assert caught.value.message() == (
        f"{path}:1:1: not UTF-8 text (byte 0xff); save the file as UTF-8"
    )


def test_latin1_error_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ttl"
    path.write_bytes("# Grüße aus Köln: ".encode() + b"M\xfcnchen\n")
    with pytest.raises(ParseError) as caught:
        load([path])
    assert (caught.value.line, caught.value.column) == (1, 20)


def test_a_byte_that_is_not_utf8_is_refused_even_in_a_comment(tmp_path: Path) -> None:
    # Oxigraph lets bytes in comments pass; kommgraph reads UTF-8 text only
    path = tmp_path / "comment.ttl"
    path.write_bytes(b"<x:a> <x:b> <x:c> .\n# M\xfcnchen\n")
    with pytest.raises(ParseError) as caught:
        load([path])
    assert caught.value.message() == (
        f"{path}:2:4: not UTF-8 text (byte 0xfc); save the file as UTF-8"
    )


def test_a_nul_byte_in_utf8_text_is_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "nul.ttl"
    path.write_bytes(b"<x:a> <x:b> <x:c> .\n\x00\n")
    with pytest.raises(ParseError) as caught:
        load([path])
    assert caught.value.message() == f"{path}: binary file, not Turtle"


# ----- broken files, through the command line ---------------------------------------


@pytest.mark.parametrize("command", ["validate", "stats"])
@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_broken_file_gives_exit_1_and_one_error_line(name: str, command: str) -> None:
    path = BROKEN / name
    line, column, reason = BROKEN_FILES[name]
    result = invoke("--data", str(path), command)
    assert_clean_failure(result)
    assert error_lines(result) == [f"Error: {where(path, line, column)}: {reason}"]


@pytest.mark.parametrize("command", ["validate", "stats"])
def test_json_file_passed_as_data_gives_exit_1_and_one_error_line(command: str) -> None:
    result = invoke("--data", str(NOT_TURTLE), command)
    assert_clean_failure(result)
    assert error_lines(result) == [f"Error: {NOT_TURTLE}:1:1: {NOT_TURTLE_REASON}"]


def test_validate_reports_every_broken_file_not_only_the_first() -> None:
    first, second = BROKEN / "missing-final-dot.ttl", BROKEN / "undefined-prefix.ttl"
    result = invoke("--data", str(first), "--data", str(CLEAN), "--data", str(second), "validate")
    assert_clean_failure(result)
    assert error_lines(result) == [
        f"Error: {first}:9:32: Triples should be followed by a dot",
        f"Error: {second}:5:1: The prefix person: has not been declared",
    ]
    assert "2 file(s) could not be parsed" in result.stderr


def test_validate_json_lists_every_parse_error() -> None:
    first, second = BROKEN / "bad-iri.ttl", BROKEN / "latin1-umlauts.ttl"
    result = invoke("--data", str(first), "--data", str(second), "validate", "--format", "json")
    assert_clean_failure(result)
    assert json.loads(result.stdout) == {
        "ok": False,
        "parse_errors": [
            {"file": str(first), "line": 7, "column": 16, "message": "Invalid IRI code point ' '"},
            {
                "file": str(second),
                "line": 6,
                "column": 18,
                "message": "not UTF-8 text (byte 0xf6); save the file as UTF-8",
            },
        ],
    }


def test_broken_file_inside_a_folder_is_named_by_its_own_path(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    write_person(folder / "a.ttl", "a", "A")
    broken = folder / "sub" / "b.ttl"
    broken.parent.mkdir()
    broken.write_bytes((BROKEN / "undefined-prefix.ttl").read_bytes())
    result = invoke("--data", str(folder), "stats")
    assert_clean_failure(result)
    assert error_lines(result) == [f"Error: {broken}:5:1: The prefix person: has not been declared"]


# ----- bad paths ----------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "stats"])
def test_missing_data_path_gives_one_clear_line(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nowhere.ttl"
    result = invoke("--data", str(missing), command)
    assert_clean_failure(result)
    assert result.stderr.splitlines() == [f"Error: {missing}: no such file or folder"]


@pytest.mark.parametrize("command", ["validate", "stats"])
def test_empty_folder_gives_one_clear_line(tmp_path: Path, command: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("--data", str(empty), command)
    assert_clean_failure(result)
    assert result.stderr.splitlines() == [f"Error: {empty}: folder holds no Turtle (*.ttl) files"]


def test_folder_without_turtle_files_is_as_empty(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "README.md").write_text("# not data\n", encoding="utf-8")
    with pytest.raises(DataPathError) as caught:
        load([folder])
    assert caught.value.message() == f"{folder}: folder holds no Turtle (*.ttl) files"


def test_missing_path_after_good_ones_is_still_reported(tmp_path: Path) -> None:
    with pytest.raises(DataPathError) as caught:
        load([CLEAN, tmp_path / "gone"])
    assert caught.value.path == tmp_path / "gone"


# ----- what loading reads -----------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order_ttl_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    b = write_person(folder / "b.ttl", "b", "B")
    a = write_person(folder / "a.ttl", "a", "A")
    c = write_person(folder / "sub" / "c.ttl", "c", "C")
    (folder / "notes.txt").write_text("not Turtle", encoding="utf-8")
    (folder / "sub" / "d.json").write_text("{}", encoding="utf-8")
    graph = load([folder])
    assert graph.files == [resources.ontology_file(), a, b, c]


def test_ontology_is_loaded_with_the_data() -> None:
    graph = load([CLEAN])
    assert graph.files == [resources.ontology_file(), CLEAN]
    assert len(graph) > len(load([CLEAN], ontology=False))


def test_repeated_data_option_combines_files(tmp_path: Path) -> None:
    first = write_person(tmp_path / "one.ttl", "anna-alt", "Anna Alt")
    second = write_person(tmp_path / "two" / "two.ttl", "bernd-berg", "Bernd Berg")
    result = invoke("--data", str(first), "--data", str(second.parent), "stats", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["classes"]["kg:Person"] == 2
    assert load([first, second.parent]).files == [resources.ontology_file(), first, second]


def test_a_broken_file_adds_none_of_its_triples(tmp_path: Path) -> None:
    from kommgraph.rdf.store import load_all

    good = tmp_path / "a.ttl"
    good.write_text("<urn:x:a> <urn:x:p> <urn:x:b> .\n", encoding="utf-8")
    broken = tmp_path / "b.ttl"
    broken.write_text(
        "<urn:x:c> <urn:x:p> <urn:x:d> .\n<urn:x:c> <urn:x:p> not-a-term .\n", encoding="utf-8"
    )
    graph, errors = load_all([tmp_path], ontology=False)
    assert [(e.line, e.column) for e in errors] == [(2, 21)]
    assert {str(q.subject.value) for q in graph.store} == {"urn:x:a"}
