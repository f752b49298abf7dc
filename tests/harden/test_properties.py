"""Arbitrary strings as names, parameters, dates, numbers and paths: never a traceback.

Every run must end with a documented exit code (README, "Exit codes"), no
traceback, and messages of bounded length. Strings include what a shell can
pass: any character, undecodable bytes as surrogates, very long text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kommgraph.api import KommGraph
from kommgraph.cli.options import State
from kommgraph.rdf.queries import registry

from .helpers import DOCUMENTED, NETWORK, run

CHECKS = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# any character, and the surrogates that stand for bytes a shell passes undecoded
CHAR = st.one_of(
    st.characters(),
    st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF, categories=["Cs"]),
)
TEXT = st.one_of(
    st.text(CHAR, max_size=40),
    st.text(CHAR, min_size=1, max_size=8).map(lambda s: s * 500),  # long: thousands of chars
)
QUERIES = sorted(registry())
DATE = st.one_of(TEXT, st.from_regex(r"\A-?\d{1,6}(-\d{1,3}){0,3}\Z"))


@pytest.fixture(scope="module")
def loaded() -> KommGraph:
    return KommGraph.load([NETWORK])


@pytest.fixture
def shared_graph(loaded: KommGraph, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every run uses one loaded graph: names, not loading, are what is tried here."""
    monkeypatch.setattr(State, "local_graph", lambda _self: loaded)
    yield


def well_ended(result: Result) -> None:
    """A documented exit code, no traceback, no exception but SystemExit, short messages."""
    assert result.exit_code in DOCUMENTED, (result.exit_code, result.output[-500:])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    assert all(len(line) <= 1000 for line in result.stderr.splitlines()), result.stderr[:300]


@CHECKS
@given(name=TEXT, other=TEXT)
def test_any_actor_name_ends_well(shared_graph: None, name: str, other: str) -> None:
    well_ended(run("collab", name, "--format", "json"))
    well_ended(run("path", name, other))


@CHECKS
@given(name=st.one_of(TEXT, st.sampled_from(QUERIES)), key=TEXT, value=TEXT)
def test_any_query_name_and_parameter_end_well(
    shared_graph: None, name: str, key: str, value: str
) -> None:
    well_ended(run("query", name, "--param", f"{key}={value}", "--format", "csv"))
    well_ended(run("query", name, "--param", value, "--format", "json"))


@CHECKS
@given(query=st.sampled_from(QUERIES), value=TEXT)
def test_any_value_of_a_declared_parameter_ends_well(
    shared_graph: None, query: str, value: str
) -> None:
    for param in registry()[query].params:
        well_ended(run("query", query, "--param", f"{param.name}={value}", "--format", "csv"))


@CHECKS
@given(since=DATE, until=DATE, topic=TEXT, kind=TEXT)
def test_any_dates_and_filters_end_well(
    shared_graph: None, since: str, until: str, topic: str, kind: str
) -> None:
    well_ended(run("collab", "Anna Alt", "--since", since, "--until", until))
    well_ended(run("centrality", "--topic", topic, "--event-kind", kind, "--roles", kind))


@CHECKS
@given(top=TEXT, seed=TEXT, resolution=TEXT, timeout=TEXT, limit=TEXT)
def test_any_number_ends_well(
    shared_graph: None, top: str, seed: str, resolution: str, timeout: str, limit: str
) -> None:
    well_ended(run("centrality", "--top", top))
    well_ended(run("communities", "--seed", seed, "--resolution", resolution))
    well_ended(run("--timeout", timeout, "query", "sources", "--limit", limit))


SEGMENT = st.text(CHAR.filter(lambda c: c != "/"), min_size=1, max_size=30).filter(
    lambda s: s not in (".", "..")
)


@CHECKS
@given(parts=st.lists(SEGMENT, min_size=1, max_size=4), dash=st.booleans())
@example(parts=["a\x00b"], dash=False)
@example(parts=["\udcff", "x" * 300], dash=False)
def test_any_output_path_ends_well(tmp_path: Path, parts: list[str], dash: bool) -> None:
    target = "-" if dash else str(tmp_path.joinpath(*parts))
    well_ended(run("--data", NETWORK, "export", "--format", "graphml", "-o", target))
    well_ended(run("--data", NETWORK, "export", "--format", "csv", "-o", target))


@CHECKS
@given(parts=st.lists(SEGMENT, min_size=1, max_size=4))
@example(parts=["a\x00b"])
@example(parts=["\ud800"])
@example(parts=["x" * 300])
def test_any_data_path_ends_well(tmp_path: Path, parts: list[str]) -> None:
    path = tmp_path.joinpath(*parts)
    well_ended(run("--data", path, "stats"))
    if len(parts) == 1 and writable_name(parts[0]):
        # a file of that name holding the name itself: Turtle, or (mostly) not
        turtle = tmp_path / f"{parts[0]}.ttl"
        turtle.write_text(parts[0], encoding="utf-8", errors="surrogateescape")
        well_ended(run("--data", turtle, "stats"))
        well_ended(run("--data", turtle, "validate"))


def writable_name(name: str) -> bool:
    """Whether the file system takes `name` (+ ".ttl") and its text can be written."""
    try:
        encoded = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return b"\x00" not in encoded and len(encoded) < 200
