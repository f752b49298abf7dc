"""Every tabular answer is a table of plain values: to_dicts, to_pandas and a notebook display.

Answers come from the network fixture (tests/fixtures/network/), whose
collaborations are listed in the header of its events.ttl.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal, URIRef

from kommgraph.api import KommGraph
from kommgraph.cli import main
from kommgraph.errors import MissingExtraError
from kommgraph.network.answers import Tie
from kommgraph.rdf.terms import plain
from kommgraph.tables import HTML_ROWS, Row, Tabular, data_frame, html_table
from kommgraph.views.present import present
from kommgraph.vocab import METRICS

FIXTURE = Path(__file__).parent / "fixtures" / "network"
ID = "https://w3id.org/kommgraph/id/"
PLAIN = (str, int, float, bool, type(None))
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def kg() -> KommGraph:
    return KommGraph.load([FIXTURE])


def answers(kg: KommGraph) -> dict[str, Tabular]:
    """One of every tabular answer the API gives."""
    return {
        "collaborators": kg.collaborators("Anna Alt"),
        "tie": kg.collaboration("Anna Alt", "Carla Christ"),
        "path": kg.path("Bernd Berg", "Mia Möller"),
        "centrality": kg.centrality("actors", "betweenness"),
        "communities": kg.communities("actors"),
        "select": kg.query("collaborators-of", {"actor": "Anna Alt"}),
        "ask": kg.sparql("ASK { ?s ?p ?o }"),
        "construct": kg.sparql("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3"),
        "stats": kg.stats(),
        "queries": KommGraph.queries(),
        "validation": KommGraph.check([FIXTURE]),
    }


def test_every_answer_gives_rows_of_plain_values_under_its_columns(kg: KommGraph) -> None:
    for name, answer in answers(kg).items():
        rows = answer.to_dicts()
        assert rows or name == "validation", name
        for row in rows:
            assert tuple(row) == answer.columns(), name
            assert all(isinstance(v, PLAIN) for v in row.values()), (name, row)


def test_every_answer_becomes_a_data_frame_with_its_columns(kg: KommGraph) -> None:
    for name, answer in answers(kg).items():
        frame = answer.to_pandas()
        assert tuple(frame.columns) == answer.columns(), name
        assert len(frame) == len(answer.to_dicts()), name


def test_a_centrality_table_is_one_line_of_pandas(kg: KommGraph) -> None:
    frame = kg.centrality("actors", "weighted_degree").to_pandas()
    assert list(frame.columns) == ["rank", "iri", "label", "kind", *METRICS]
    assert frame["degree"].dtype == "int64"
    assert frame["betweenness"].dtype == "float64"
    top = frame.iloc[0]
    assert (top["rank"], top["label"], top["kind"]) == (1, "Anna Alt", "Person")


def test_collaborators_are_one_row_each_with_their_evidence_counted(kg: KommGraph) -> None:
    rows = {r["label"]: r for r in kg.collaborators("Anna Alt").to_dicts()}
    assert rows["Carla Christ"] == {
        "actor": ID + "person/anna-alt",
        "iri": ID + "person/carla-christ",
        "label": "Carla Christ",
        "kind": "Person",
        "weight": 1.25,
        "events": 2,
        "bases": "same-event; umbrella-only",
        "sources": 1,
    }


def test_a_tie_lists_its_events_and_its_sources(kg: KommGraph) -> None:
    tie = kg.collaboration("Anna Alt", "Carla Christ")
    assert [(r["label"], r["date"], r["basis"], r["weight"]) for r in tie.to_dicts()] == [
        ("Digitaltag 2022", "2022", "same-event", 1.0),
        ("Testkongress 2023", "2023-05-10", "umbrella-only", 0.25),
    ]
    assert tie.sources_to_pandas()["source"].str.startswith(ID + "source/").all()
    assert tie.to_dicts()[0]["roles"] == (
        "Anna Alt: speaker @ Digitaltag 2022; Carla Christ: moderator @ Digitaltag 2022"
    )


def test_a_tie_is_the_same_from_one_actors_evidence_and_from_the_whole_network() -> None:
    fresh = KommGraph.load([FIXTURE])
    alone = fresh.collaboration("Stadt Südstadt", "Netzwerk Ost")  # nothing computed yet
    fresh.network("organizations")
    assert fresh.collaboration("Stadt Südstadt", "Netzwerk Ost") == alone
    assert [e.basis for e in alone.events] == ["relation"]


def test_actors_who_never_collaborated_have_an_empty_tie(kg: KommGraph) -> None:
    tie = kg.collaboration("Anna Alt", "René Kern")
    assert (tie.collaboration, tie.weight, tie.to_dicts()) == (None, 0.0, [])
    assert list(tie.to_pandas().columns) == list(tie.columns())
    assert present(tie) == "Anna Alt and René Kern do not collaborate (no filters).\n"


def test_a_tie_is_presented_in_every_format(kg: KommGraph) -> None:
    tie = kg.collaboration("Anna Alt", "Carla Christ")
    assert present(tie).startswith("Anna Alt and Carla Christ: weight 1.25 (no filters)\n")
    assert present(tie, "csv").splitlines()[0] == "event,iri,date,kind,basis,weight,roles"
    assert '"weight": 1.25' in present(tie, "json")
    assert present(tie, "md").startswith("| event | iri |")


def test_path_rows_are_the_hops_of_every_chain(kg: KommGraph) -> None:
    rows = kg.path("Bernd Berg", "Mia Möller").to_dicts()
    assert [(r["path"], r["hop"], r["from_label"], r["to_label"]) for r in rows] == [
        (1, 1, "Bernd Berg", "Anna Alt"),
        (1, 2, "Anna Alt", "Mia Möller"),
        (2, 1, "Bernd Berg", "Carla Christ"),
        (2, 2, "Carla Christ", "Mia Möller"),
    ]


def test_community_rows_mark_the_central_members_and_the_bridges(kg: KommGraph) -> None:
    rows = kg.communities("actors").to_dicts()
    nordstadt = next(r for r in rows if r["label"] == "Stadt Nordstadt")
    assert nordstadt["participation"] == pytest.approx(0.65, abs=0.01)
    assert sum(r["participation"] == 0.0 for r in rows) > 0
    assert {type(r["central"]) for r in rows} == {bool}


def test_rdf_terms_become_plain_values() -> None:
    assert plain(URIRef(ID + "person/anna-alt")) == ID + "person/anna-alt"
    assert plain(Literal(3)) == 3
    assert plain(Literal("0.25", datatype=URIRef(XSD + "decimal"))) == 0.25
    assert plain(Literal("1e-9", datatype=URIRef(XSD + "double"))) == 1e-9
    assert plain(Literal(True)) is True
    assert plain(Literal("Stadt", lang="de")) == "Stadt"
    assert plain(Literal(date(2024, 4, 17))) == "2024-04-17"
    assert plain(Literal("2024", datatype=URIRef(XSD + "gYear"))) == "2024"
    assert plain(Literal("viele", datatype=URIRef(XSD + "integer"))) == "viele"
    assert plain(BNode("b0")) == "_:b0"
    assert plain(None) is None


def test_query_rows_hold_plain_values_and_none_when_unbound(kg: KommGraph) -> None:
    result = kg.sparql(
        "SELECT ?event ?date ?n ?nothing WHERE { ?event kg:date ?date . "
        "OPTIONAL { ?event kg:noSuchProperty ?nothing } BIND(1 AS ?n) } ORDER BY ?event"
    )
    rows = result.to_dicts()
    assert all(str(r["event"]).startswith(ID + "event/") for r in rows)
    assert {type(r["date"]) for r in rows} == {str}
    assert {r["n"] for r in rows} == {1}
    assert {r["nothing"] for r in rows} == {None}


def test_without_pandas_to_pandas_says_how_to_get_it(
    kg: KommGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError) as caught:
        kg.stats().to_pandas()
    assert str(caught.value) == (
        "to_pandas() needs pandas, which is not installed: pip install 'kommgraph[pandas]'"
    )


def test_no_rows_still_give_the_columns() -> None:
    frame = data_frame([], ("a", "b"))
    assert (list(frame.columns), len(frame)) == (["a", "b"], 0)
    assert isinstance(frame, pd.DataFrame)


def test_the_notebook_table_escapes_every_text_and_shows_the_first_rows() -> None:
    rows: list[Row] = [{"label": f"<img src=x onerror=alert({i})>", "n": i} for i in range(40)]
    page = html_table(("label", "n"), rows, "a <caption> & more")
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(0)&gt;" in page
    assert "a &lt;caption&gt; &amp; more (40 row(s))" in page
    assert page.count("<tr>") == HTML_ROWS + 1  # the header and the rows shown
    assert f"… {40 - HTML_ROWS} more row(s)" in page


def test_answers_and_the_graph_show_themselves_in_a_notebook(kg: KommGraph) -> None:
    html = kg.centrality("actors")._repr_html_()
    assert html.startswith("<div><table><caption>Centrality in the actors network")
    assert "<td>Anna Alt</td>" in html
    tie = kg.collaboration("Anna Alt", "Carla Christ")
    assert isinstance(tie, Tie)
    assert "Sources" in tie._repr_html_()
    summary = kg._repr_html_()
    assert "KommGraph: embedded store (" in summary
    assert "<td>Person</td>" in summary
    assert repr(kg).startswith("<KommGraph: embedded store (")


def test_excel_csv_on_the_command_line_has_a_bom_semicolons_and_decimal_commas() -> None:
    args = ["--data", str(FIXTURE), "centrality", "--format", "csv", "--excel"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.decode("utf-8").split("\r\n")  # .stdout folds CRLF
    assert lines[0] == "\ufeffrank;actor;kind;" + ";".join(METRICS)
    assert lines[1].startswith("1;Anna Alt;Person;")
    assert ",25;" in lines[1] or ",0;" in lines[1]


def test_excel_without_csv_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["stats", "--excel"])
    assert result.exit_code == 2
    assert "--excel goes with --format csv" in result.output
