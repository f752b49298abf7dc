"""Options: every number and date is checked, and a message repeats at most 80 characters of it.

Queries take `--limit`, a table of more than 10,000 rows is printed plainly, and
the embedded store honours `--timeout` like an endpoint does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kommgraph.api import KommGraph
from kommgraph.errors import PATH_SHOWN, KommgraphError, QueryTimeoutError, ValueFieldError, shorten
from kommgraph.rdf.sparql import SelectResult

from .helpers import NETWORK, error_line, process, run

DATA = ("--data", str(NETWORK))
HEADER = "#+ title: t\n#+ description: d\n"
# every triple with every triple: 5 rows in the embedded store give 25, the fixture millions
PAIRS = HEADER + "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y }\n"
# three triples deep: never finishes on the bundled data
ENDLESS = HEADER + "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }\n"


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("value", ["2020-13", "2020-00", "2020-02-30", "2023-04-31"])
def test_an_impossible_month_or_day_is_refused_not_counted(option: str, value: str) -> None:
    result = run(*DATA, "collab", "Anna Alt", option, value)
    assert result.exit_code == 1
    assert error_line(result.stderr) == (
        f"Error: {option} '{value}': no such month or day; "
        "give a year (2024), a month (2024-04) or a date (2024-04-17)"
    )


def test_a_real_leap_day_is_accepted() -> None:
    assert run(*DATA, "collab", "Anna Alt", "--until", "2024-02-29").exit_code == 0


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "-inf", "1e400", "86401", "soon"])
def test_a_timeout_must_be_a_number_of_seconds_above_0(value: str) -> None:
    result = run("--timeout", value, "stats")
    assert result.exit_code == 2
    assert "Invalid value for '--timeout'" in result.stderr
    assert "Traceback" not in result.output


def test_a_timeout_of_0_is_refused_by_the_library_too() -> None:
    with pytest.raises(ValueFieldError, match="give seconds above 0"):
        KommGraph.connect("http://127.0.0.1:9/query", timeout=0)
    with pytest.raises(ValueFieldError):
        KommGraph.load([NETWORK], timeout=-1)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["centrality", "--top", "-1"], "--top"),
        (["path", "Anna Alt", "Bernd Berg", "--limit", "0"], "--limit"),
        (["communities", "--seed", "-1"], "--seed"),
        (["communities", "--seed", str(2**32)], "--seed"),
        (["communities", "--resolution", "0"], "--resolution"),
        (["communities", "--resolution", "nan"], "--resolution"),
        (["viz", "-o", "-", "--seed", "-5"], "--seed"),
        (["viz", "-o", "-", "--max-nodes", "0"], "--max-nodes"),
        (["query", "sources", "--limit", "0"], "--limit"),
    ],
)
def test_a_number_out_of_range_is_a_usage_error(args: list[str], option: str) -> None:
    result = run(*DATA, *args)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.stderr


LONG = "x" * 120_000


@pytest.mark.parametrize(
    "args",
    [
        ["collab", LONG],
        ["query", LONG],
        ["query", "sources", "--param", f"{LONG}=1"],
        ["query", "collaborators-of", "--param", f"actor={LONG}"],
        ["collab", "Anna Alt", "--since", LONG],
        ["collab", "Anna Alt", "--topic", LONG],
        ["centrality", "--top", "9" * 120_000],
        ["centrality", "--metric", LONG],
        [LONG],
        ["stats", f"--{LONG}"],
        ["--data", LONG, "stats"],
        ["export", "--format", "graphml", "-o", f"{LONG}/x"],
        ["--endpoint", f"http://{LONG}", "stats"],
        ["stats", LONG],
    ],
)
def test_a_120_kb_value_comes_back_shortened_in_one_line(args: list[str]) -> None:
    result = run(*DATA, *args)
    assert result.exit_code in (1, 2, 3), result.output
    assert "Traceback" not in result.output
    assert len(result.stderr) < 1200, result.stderr[:300]
    # values come back as 80 characters at most, paths (which users need whole) as 256
    longest = PATH_SHOWN if {"--data", "-o"} & set(args) else 80
    assert "x" * (longest + 1) not in result.stderr and "9" * 81 not in result.stderr


def test_shorten_keeps_80_characters_and_escapes_what_cannot_be_printed() -> None:
    assert shorten("a" * 200) == "a" * 79 + "…"
    assert shorten("two\nlines\x00") == "two\\nlines\\x00"
    assert shorten("caf\udce9") == "caf\\udce9"  # an undecodable byte from the shell
    assert shorten("Jörn Riedel", quote=True) == "'Jörn Riedel'"


@pytest.fixture
def pairs(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.rq"
    path.write_text(PAIRS, encoding="utf-8")
    return path


def test_query_limit_stops_reading_after_n_rows(pairs: Path) -> None:
    result = run(*DATA, "query", pairs, "--format", "csv", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1 + 3


def test_a_limited_table_says_that_the_answer_has_more(pairs: Path) -> None:
    result = run(*DATA, "query", pairs, "--limit", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("(the first 2 rows; the answer has more)\n")


def test_a_table_of_more_than_10000_rows_is_printed_plainly(pairs: Path) -> None:
    result = run(*DATA, "query", pairs, "--limit", "12000")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [part.strip() for part in lines[0].split("│")] == ["a", "b"]
    assert set(lines[1]) == {"─", "┼"}
    assert lines[-3:] == ["(12,000 rows)", "", "(the first 12,000 rows; the answer has more)"]


def test_a_limit_in_the_library_cuts_the_rows_and_says_so(pairs: Path) -> None:
    kg = KommGraph.load([NETWORK])
    answer = kg.query(str(pairs), limit=10_001)
    assert isinstance(answer, SelectResult)
    assert len(answer.rows) == 10_001 and answer.cut


def test_the_same_answer_as_csv_is_not_capped(pairs: Path) -> None:
    result = run(*DATA, "query", pairs, "--format", "csv", "--limit", "20000")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1 + 20_000


def test_the_embedded_store_honours_the_timeout(tmp_path: Path) -> None:
    endless = tmp_path / "endless.rq"
    endless.write_text(ENDLESS, encoding="utf-8")
    # a process: the abandoned query keeps its thread busy until the process ends
    done = process(["--timeout", "0.5", "query", endless], tmp_path)
    assert done.returncode == 1, done.stderr
    line = error_line(done.stderr)
    assert line.startswith("Error: the embedded store (")
    assert line.endswith("triples) gave no answer within 0.5 s (--timeout)")


def test_a_query_timeout_in_the_library_is_a_query_timeout_error() -> None:
    kg = KommGraph.load([NETWORK], timeout=0.001)
    with pytest.raises(QueryTimeoutError, match=r"gave no answer within 0\.001 s"):
        # a million pairs: far more than a millisecond, and over soon in the background
        kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d }")


def test_a_name_with_bytes_the_shell_could_not_decode_is_an_unknown_name() -> None:
    result = run(*DATA, "collab", "Anna \udcff")
    assert result.exit_code == 1
    assert error_line(result.stderr).startswith("Error: unknown actor 'Anna \\\\udcff'")


def test_a_parameter_that_is_not_text_is_one_line_in_the_library_too() -> None:
    kg = KommGraph.load([NETWORK])
    with pytest.raises(KommgraphError, match="characters that are not text"):
        kg.query("actor-timeline", {"actor": "\ud800"})
