"""Every wait for a server honours `--timeout`, and a timeout must be above 0.

`--timeout 0` used to reach SPARQLWrapper and urllib, where 0 means no limit
at all: a server that never answers kept the command waiting forever.
"""

from __future__ import annotations

import pytest

from kommgraph.api import KommGraph
from kommgraph.errors import ValueFieldError
from kommgraph.rdf.endpoint import RemoteBackend
from kommgraph.rdf.loading import load
from kommgraph.rdf.push import push

from .helpers import kommgraph
from .servers import FakeEndpoint


@pytest.mark.parametrize("value", ["0", "-3", "nan"])
def test_a_timeout_of_0_or_less_is_refused_before_anything_is_sent(
    fake: FakeEndpoint, value: str
) -> None:
    fake.answer.delay = 60.0  # a server that never answers in time
    result = kommgraph("--endpoint", fake.url, "--timeout", value, "stats")
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--timeout'" in result.stderr
    assert fake.seen == []


def test_push_honours_the_timeout_it_is_given(fake: FakeEndpoint) -> None:
    fake.answer.delay = 60.0
    result = kommgraph("--timeout", "0.5", "push", "--endpoint", fake.url)
    assert result.exit_code == 1, result.output
    update = fake.url.rsplit("/", 1)[0] + "/update"
    assert result.stderr == (
        f"Error: SPARQL endpoint {update}: no answer within 0.5 s (--timeout)\n"
    )
    assert len(fake.seen) == 1


def test_a_query_against_a_silent_server_ends_at_the_timeout(fake: FakeEndpoint) -> None:
    fake.answer.delay = 60.0
    result = kommgraph("--endpoint", fake.url, "--timeout", "0.5", "query", "sources")
    assert result.exit_code == 1, result.output
    assert result.stderr.endswith("no answer within 0.5 s (--timeout)\n")


def test_the_library_refuses_a_timeout_of_0_for_queries_and_push(fake: FakeEndpoint) -> None:
    with pytest.raises(ValueFieldError, match="give seconds above 0"):
        RemoteBackend(fake.url, timeout=0)
    with pytest.raises(ValueFieldError):
        KommGraph.connect(fake.url, timeout=-1)
    with pytest.raises(ValueFieldError):
        push(load(), fake.url, timeout=0)
    assert fake.seen == []
