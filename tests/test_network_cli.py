"""The network commands on the bundled data: concrete answers, formats, errors.

`collab`, `path`, `centrality`, `communities` and `export` run through
click's CliRunner on `kommgraph.cli.main`. The answers are the ones the
articles support (KommDIGITALE 2024, Kommunalkongress Rheinland-Pfalz 2020,
...); the error cases must end with exit code 1, a clear message and no
traceback. The ambiguous-name case uses the network fixture, which has an
alias shared by two organizations.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic

from kommgraph.cli import main
from kommgraph.rdf.loading import load
from kommgraph.vocab import METRICS

FIXTURE = Path(__file__).parent / "fixtures" / "network"
ID = "https://w3id.org/kommgraph/id/"
PERSON = ID + "person/"
PROCUREMENT_WORKSHOP = ID + "event/kommdigitale-2024-workshop-3"
CO_SPEAKERS = ("Wilfried Bernhardt", "Tassilo Schröck", "Moritz Ahlers")

COLLAB_KEYS = {"actor", "filters", "collaborators"}
ENTITY_KEYS = {"iri", "label", "type"}
COLLABORATOR_KEYS = {"iri", "label", "type", "weight", "events", "sources"}
EVENT_KEYS = {"iri", "label", "date", "kind", "basis", "weight", "roles"}
SOURCE_KEYS = {"source", "title", "quote", "statement", "speaker"}
BASES = {"same-event", "co-organizing", "umbrella", "umbrella-only", "relation", "via-people"}


def run(*args: str) -> Result:
    """The command line, in-process."""
    return CliRunner().invoke(main, list(args))


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


@cache
def collab_json(actor: str, *options: str) -> dict[str, Any]:
    """`collab ACTOR --format json` on the bundled data, run once per arguments."""
    data: dict[str, Any] = json.loads(ok("collab", actor, "--format", "json", *options))
    return data


def collaborators(actor: str, *options: str) -> dict[str, dict[str, Any]]:
    return {c["label"]: c for c in collab_json(actor, *options)["collaborators"]}


def failure(*args: str, code: int = 1) -> str:
    """Run a command that must fail on bad input: exit 1 (3: output), one message, no traceback."""
    result = run(*args)
    assert result.exit_code == code, (result.exit_code, result.output)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: "), result.stderr
    return result.stderr


# ----- collab: concrete answers ---------------------------------------------------


@pytest.mark.parametrize("speaker", CO_SPEAKERS)
def test_the_co_speakers_of_the_procurement_workshop_are_each_others_collaborators(
    speaker: str,
) -> None:
    found = collaborators(speaker)
    for other in CO_SPEAKERS:
        if other == speaker:
            continue
        assert other in found, sorted(found)
        assert found[other]["weight"] >= 1, found[other]
        shared = {e["iri"]: e for e in found[other]["events"]}
        assert PROCUREMENT_WORKSHOP in shared, sorted(shared)
        event = shared[PROCUREMENT_WORKSHOP]
        assert (event["label"], event["kind"], event["basis"]) == (
            "Vergabe von IT-Leistungen durch Kommunen",
            "Workshop",
            "same-event",
        )
        assert sorted(event["roles"]) == [
            f"{name}: speaker @ Vergabe von IT-Leistungen durch Kommunen"
            for name in sorted((speaker, other))
        ]


def test_the_co_speakers_evidence_quotes_the_article() -> None:
    sources = collaborators("Wilfried Bernhardt")["Tassilo Schröck"]["sources"]
    assert {(s["title"], s["quote"]) for s in sources} == {
        (
            "Rückschau: KommDIGITALE 2024",
            "gingen die Referenten Wilfried Bernhardt, Tassilo Schröck und Moritz Ahlers "
            "in kontroverse Diskussionen",
        )
    }


def test_a_lead_of_another_workshop_of_the_congress_shares_only_the_umbrella() -> None:
    schachtner = collaborators("Wilfried Bernhardt")["Christian Schachtner"]
    assert schachtner["weight"] == 0.25
    assert [(e["label"], e["basis"]) for e in schachtner["events"]] == [
        ("KommDIGITALE 2024", "umbrella-only")
    ]


@pytest.mark.parametrize(
    ("actor", "other"), [("Martin Verlage", "Roger Lewentz"), ("Roger Lewentz", "Martin Verlage")]
)
def test_an_interviewer_and_his_interviewee_are_linked(actor: str, other: str) -> None:
    edge = collaborators(actor)[other]
    assert edge["weight"] >= 1
    roles = [role for e in edge["events"] for role in e["roles"]]
    assert any(r.startswith("Martin Verlage: interviewer @ ") for r in roles), roles
    assert any(r.startswith("Roger Lewentz: interviewee @ ") for r in roles), roles


@pytest.mark.parametrize(
    ("actor", "iri"),
    [
        ("Jens Flasche", PERSON + "jens-flasche"),  # named only as contact person
        ("Max Kovalenko", PERSON + "max-kovalenko"),  # only took the photos
    ],
)
def test_a_person_without_an_active_role_has_no_collaborators(actor: str, iri: str) -> None:
    data = collab_json(actor)
    assert data["actor"] == {"iri": iri, "label": actor, "type": "Person"}
    assert data["collaborators"] == []
    text = ok("collab", actor)
    assert "No collaborators: no active role shared with anyone under these filters." in text


def test_collab_text_shows_events_roles_and_quotes() -> None:
    text = ok("collab", "Wilfried Bernhardt")
    assert text.startswith(
        "Collaborators of Wilfried Bernhardt <https://w3id.org/kommgraph/id/person/"
        "wilfried-bernhardt> (no filters): "
    )
    assert "Tassilo Schröck (Person), weight 1" in text
    assert "   - Vergabe von IT-Leistungen durch Kommunen (2024) [same-event, +1]" in text
    assert "       Wilfried Bernhardt: speaker @ Vergabe von IT-Leistungen durch Kommunen" in text
    assert "— Rückschau: KommDIGITALE 2024" in text


def test_actor_names_ignore_case_and_accents() -> None:
    assert collab_json("tassilo schrock")["actor"]["iri"] == PERSON + "tassilo-schroeck"
    assert collab_json("TASSILO SCHROECK") == collab_json("Tassilo Schröck")


# ----- collab --format json: the documented schema --------------------------------


@pytest.mark.parametrize("actor", ["Wilfried Bernhardt", "KDN", "Roger Lewentz"])
def test_collab_json_has_exactly_the_documented_keys(actor: str) -> None:
    data = collab_json(actor)
    assert set(data) == COLLAB_KEYS
    assert set(data["actor"]) == ENTITY_KEYS
    assert isinstance(data["filters"], str)
    assert data["collaborators"], "an example without collaborators proves little"
    for c in data["collaborators"]:
        assert set(c) == COLLABORATOR_KEYS, c.keys()
        assert isinstance(c["weight"], float)
        assert c["events"] and c["sources"], c["label"]
        for event in c["events"]:
            assert set(event) == EVENT_KEYS, event.keys()
            assert event["basis"] in BASES
            assert isinstance(event["roles"], list) and event["roles"]
        for source in c["sources"]:
            assert set(source) == SOURCE_KEYS, source.keys()
            assert source["title"] and source["quote"]


def test_collab_json_weights_are_the_sums_of_the_event_weights() -> None:
    for c in collab_json("Wilfried Bernhardt")["collaborators"]:
        assert c["weight"] == pytest.approx(sum(e["weight"] for e in c["events"])), c["label"]


@pytest.mark.parametrize("actor", ["Wilfried Bernhardt", "KDN", "Roger Lewentz"])
def test_collab_json_is_sorted_by_weight_then_label(actor: str) -> None:
    found = [(c["weight"], c["label"]) for c in collab_json(actor)["collaborators"]]
    assert found == sorted(found, key=lambda wl: (-wl[0], wl[1].casefold()))


def test_collab_json_reports_the_filters() -> None:
    data = collab_json("Wilfried Bernhardt", "--since", "2024", "--roles", "speaker")
    assert data["filters"] == "since 2024; roles Speaker"
    found = collaborators("Wilfried Bernhardt", "--since", "2024", "--roles", "speaker")
    assert {"Moritz Ahlers", "Tassilo Schröck"} <= set(found)
    # the Arbeitskreis led the workshop: a workshop lead is no speaker
    assert "Arbeitskreis E-Government Recht" in collaborators("Wilfried Bernhardt")
    assert "Arbeitskreis E-Government Recht" not in found


def test_collab_json_is_the_same_twice() -> None:
    first = ok("collab", "NEGZ", "--format", "json")
    assert ok("collab", "NEGZ", "--format", "json") == first


# ----- filters on the bundled data ------------------------------------------------


def test_a_time_window_before_the_workshop_leaves_no_co_speakers() -> None:
    assert collab_json("Wilfried Bernhardt", "--until", "2023")["collaborators"] == []


def test_event_kind_workshop_keeps_the_co_speakers() -> None:
    found = collaborators("Wilfried Bernhardt", "--event-kind", "Workshop")
    assert {"Tassilo Schröck", "Moritz Ahlers"} <= set(found)
    kinds = {
        e["kind"] for c in found.values() for e in c["events"] if e["basis"] != "umbrella-only"
    }
    assert kinds == {"Workshop"}


def test_an_interview_is_found_as_a_talk() -> None:
    assert "Roger Lewentz" in collaborators("Martin Verlage", "--event-kind", "Talk")
    assert collaborators("Martin Verlage", "--event-kind", "Panel") == {}


def test_roles_interviewer_and_interviewee_keep_only_the_interview() -> None:
    found = collaborators("Martin Verlage", "--roles", "interviewer,interviewee")
    assert list(found) == ["Roger Lewentz"]


# ----- collab: errors -------------------------------------------------------------


def test_an_unknown_actor_gets_the_closest_candidates() -> None:
    message = failure("collab", "Wilfried Bernhard")
    assert message == "Error: unknown actor 'Wilfried Bernhard'; did you mean: Wilfried Bernhardt\n"


def test_an_unknown_actor_far_from_every_name_is_still_a_clean_error() -> None:
    assert failure("collab", "Zzyzx Qwerty").startswith("Error: unknown actor 'Zzyzx Qwerty'")


def test_an_ambiguous_actor_lists_every_match_with_its_iri() -> None:
    message = failure("--data", str(FIXTURE), "collab", "ZV")
    assert message == (
        "Error: ambiguous actor 'ZV' matches: "
        f"Zweckverband Digitale Dienste <{ID}org/zweckverband-digitale-dienste>; "
        f"Zweckverband Süd <{ID}org/zweckverband-sued> (give the IRI)\n"
    )


def test_an_ambiguous_name_is_resolved_by_the_iri() -> None:
    result = run("--data", str(FIXTURE), "collab", "org:zweckverband-sued", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["actor"]["label"] == "Zweckverband Süd"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--since",
            "letztes Jahr",
            "Error: --since 'letztes Jahr': give a year (2024), a month (2024-04) "
            "or a date (2024-04-17)\n",
        ),
        (
            "--until",
            "2024-13-45x",
            "Error: --until '2024-13-45x': give a year (2024), a month (2024-04) "
            "or a date (2024-04-17)\n",
        ),
        ("--topic", "Quantenverwaltung", "Error: --topic 'Quantenverwaltung': unknown topic"),
        ("--topic", "Smart Citi", "Error: --topic 'Smart Citi': unknown topic; did you mean:"),
        ("--event-kind", "Workshopp", "Error: --event-kind 'Workshopp': unknown; did you mean:"),
        ("--roles", "keynote", "Error: --roles 'keynote': unknown; one of: announcer, "),
    ],
)
def test_a_bad_filter_value_is_a_clear_error(option: str, value: str, message: str) -> None:
    assert failure("collab", "Wilfried Bernhardt", option, value).startswith(message)


@pytest.mark.parametrize(
    "command",
    [
        ["centrality"],
        ["communities"],
        ["path", "Wilfried Bernhardt", "Moritz Ahlers"],
        ["export", "--format", "csv", "-o", "never-written"],
    ],
)
def test_every_network_command_checks_its_filters(command: list[str]) -> None:
    assert failure(*command, "--event-kind", "Workshopp").startswith(
        "Error: --event-kind 'Workshopp': unknown; did you mean:"
    )


def test_since_after_until_is_a_clear_error() -> None:
    message = failure("collab", "NEGZ", "--since", "2024", "--until", "2020")
    assert message == "Error: --since '2024': is after --until 2020\n"


# ----- path -----------------------------------------------------------------------


def test_path_shows_the_chain_with_evidence_for_every_hop() -> None:
    text = ok("path", "Roger Lewentz", "Stadt Mainz")
    lines = text.splitlines()
    assert lines[0] == (
        "Path 1 (2 hops): Roger Lewentz → Interkommunales Netzwerk Digitale Stadt → Stadt Mainz"
    )
    hops = [line for line in lines if line.startswith("  ") and not line.startswith("    ")]
    assert hops[:2] == [
        "  Roger Lewentz and Interkommunales Netzwerk Digitale Stadt: "
        "Kommunalkongress Rheinland-Pfalz 2020 (2020-09-11) [umbrella, +0.5]",
        "  Interkommunales Netzwerk Digitale Stadt and Stadt Mainz: Zweite Videokonferenz "
        "des Interkommunalen Netzwerks Digitale Stadt (2020-09-09) [umbrella-only, +0.25]",
    ]
    assert "    » „Einer aus der Stadt Mainz“ — Unter dem Motto:" in text


def test_path_json_gives_every_hop_with_its_events_and_sources() -> None:
    data = json.loads(ok("path", "Roger Lewentz", "Stadt Mainz", "--format", "json"))
    assert set(data) == {"from", "to", "connected", "paths"}
    assert (data["from"]["label"], data["to"]["label"], data["connected"]) == (
        "Roger Lewentz",
        "Stadt Mainz",
        True,
    )
    chain = data["paths"][0]
    assert [(hop["from"]["label"], hop["to"]["label"]) for hop in chain] == [
        ("Roger Lewentz", "Interkommunales Netzwerk Digitale Stadt"),
        ("Interkommunales Netzwerk Digitale Stadt", "Stadt Mainz"),
    ]
    for hop in chain:
        assert set(hop) == {"from", "to", "weight", "events", "sources"}
        assert hop["events"] and hop["sources"]
        assert all(set(e) == EVENT_KEYS for e in hop["events"])


def test_path_between_direct_collaborators_is_one_hop() -> None:
    text = ok("path", "Wilfried Bernhardt", "Tassilo Schröck")
    assert text.startswith("Path 1 (1 hop): Wilfried Bernhardt → Tassilo Schröck\n")
    assert "Vergabe von IT-Leistungen durch Kommunen (2024) [same-event, +1]" in text


def test_path_says_so_when_two_actors_are_not_connected() -> None:
    assert ok("path", "Wilfried Bernhardt", "Roger Lewentz") == (
        "Wilfried Bernhardt and Roger Lewentz are not connected by collaboration "
        "(under these filters and in this network).\n"
    )
    data = json.loads(ok("path", "Wilfried Bernhardt", "Roger Lewentz", "--format", "json"))
    assert (data["connected"], data["paths"]) == (False, [])


def test_path_to_someone_who_only_attended_is_not_connected() -> None:
    assert "are not connected" in ok("path", "Jens Flasche", "Wilfried Bernhardt")


def test_path_from_an_actor_to_itself_is_a_clear_error() -> None:
    message = failure("path", "Wilfried Bernhardt", "wilfried bernhardt")
    assert "same actor" in message


def test_path_with_an_unknown_actor_is_a_clear_error() -> None:
    assert failure("path", "Wilfried Bernhardt", "Rodger Lewentz").startswith(
        "Error: unknown actor 'Rodger Lewentz'; did you mean: Roger Lewentz"
    )


# ----- centrality -----------------------------------------------------------------


@cache
def centrality_json(*options: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok("centrality", "--format", "json", *options))
    return data


def test_centrality_json_has_the_documented_keys_and_every_measure() -> None:
    data = centrality_json("--top", "0")
    assert set(data) == {"network", "metric", "filters", "note", "nodes"}
    assert (data["network"], data["metric"], data["filters"], data["note"]) == (
        "actors",
        "weighted_degree",
        "no filters",
        "exact betweenness and closeness",
    )
    assert {tuple(sorted(n)) for n in data["nodes"]} == {
        tuple(sorted({"iri", "label", "kind", *METRICS}))
    }


@pytest.mark.parametrize("metric", METRICS)
def test_centrality_is_sorted_by_the_metric_then_label_then_iri(metric: str) -> None:
    nodes = centrality_json("--top", "0", "--metric", metric)["nodes"]
    keys = [(-n[metric], n["label"].casefold(), n["iri"]) for n in nodes]
    assert keys == sorted(keys)


def test_centrality_top_cuts_the_list_and_zero_shows_all() -> None:
    everyone = centrality_json("--top", "0")["nodes"]
    assert len(everyone) > 40
    assert centrality_json("--top", "5")["nodes"] == everyone[:5]
    assert len(centrality_json()["nodes"]) == 20  # the default


def test_centrality_lists_only_actors_with_an_active_role() -> None:
    labels = {n["label"] for n in centrality_json("--top", "0")["nodes"]}
    assert "Wilfried Bernhardt" in labels
    assert not {"Jens Flasche", "Max Kovalenko"} & labels


def test_centrality_networks_hold_only_their_kind_of_actor() -> None:
    persons = centrality_json("--top", "0", "--network", "persons")["nodes"]
    organizations = centrality_json("--top", "0", "--network", "organizations")["nodes"]
    assert {n["kind"] for n in persons} == {"Person"}
    assert "Person" not in {n["kind"] for n in organizations}


def test_centrality_csv_has_a_header_and_top_rows() -> None:
    rows = list(csv.reader(ok("centrality", "--top", "3", "--format", "csv").splitlines()))
    assert rows[0] == ["rank", "actor", "kind", *METRICS]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    top = centrality_json("--top", "3")["nodes"]
    assert [r[1] for r in rows[1:]] == [n["label"] for n in top]


def test_centrality_markdown_is_a_table() -> None:
    lines = ok("centrality", "--top", "2", "--format", "md").splitlines()
    assert lines[0] == "| " + " | ".join(["rank", "actor", "kind", *METRICS]) + " |"
    assert lines[1] == "|" + "---|" * (3 + len(METRICS))
    assert len(lines) == 4


def test_centrality_table_names_network_metric_filters_and_method() -> None:
    text = ok("centrality", "--top", "3", "--since", "2024")
    first = text.splitlines()[0]
    assert (
        first
        == "actors network, sorted by weighted_degree; since 2024; exact betweenness and closeness"
    )
    assert "NEGZ" in text


# ----- communities ----------------------------------------------------------------


@cache
def communities_json(*options: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok("communities", "--format", "json", *options))
    return data


def test_communities_json_has_the_documented_keys() -> None:
    data = communities_json()
    assert set(data) == {"network", "filters", "method", "modularity", "communities", "bridges"}
    assert (data["network"], data["method"]) == ("actors", "leiden")
    assert 0.0 < data["modularity"] < 1.0
    for community in data["communities"]:
        assert set(community) == {"index", "size", "members", "central", "topics"}
        assert community["size"] == len(community["members"])
        assert community["central"] == community["members"][:5]
        assert all(set(t) == {"label", "events"} for t in community["topics"])
    for bridge in data["bridges"]:
        assert set(bridge) == {"iri", "label", "communities", "participation"}
        assert len(bridge["communities"]) >= 2


def test_every_actor_of_the_network_is_in_exactly_one_community() -> None:
    members = [m["iri"] for c in communities_json()["communities"] for m in c["members"]]
    assert len(members) == len(set(members))
    assert sorted(members) == sorted(n["iri"] for n in centrality_json("--top", "0")["nodes"])


def test_the_workshop_co_speakers_end_up_in_one_community() -> None:
    home = {m["label"]: c["index"] for c in communities_json()["communities"] for m in c["members"]}
    assert len({home[name] for name in CO_SPEAKERS}) == 1


def test_communities_are_the_same_for_the_same_seed() -> None:
    first = ok("communities", "--format", "json", "--seed", "7")
    assert ok("communities", "--format", "json", "--seed", "7") == first


def test_communities_can_use_the_classic_louvain_method() -> None:
    data = communities_json("--method", "louvain")
    assert data["method"] == "louvain"
    covered = sorted(m["iri"] for c in data["communities"] for m in c["members"])
    default = communities_json()
    assert covered == sorted(m["iri"] for c in default["communities"] for m in c["members"])


def test_communities_table_reports_modularity_members_and_bridges() -> None:
    text = ok("communities")
    data = communities_json()
    assert text.startswith(
        f"{len(data['communities'])} communities in the actors network (no filters); "
        f"leiden, modularity {data['modularity']:.3f}\n"
    )
    assert "Community 1 (" in text
    assert "  central: " in text
    # Louvain keeps each part of the bundled network together: nobody bridges
    assert data["bridges"] == []
    assert text.endswith("\nNo actor links two communities.\n")


def test_communities_table_lists_the_bridges_when_there_are_some() -> None:
    text = ok("--data", str(FIXTURE), "communities")
    assert "Bridges between communities (participation coefficient):\n" in text
    assert "  Stadt Nordstadt: communities 1, 2, 3 (0.65)\n" in text


# ----- export ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_read_back_with_networkx(tmp_path: Path, fmt: str) -> None:
    target, side = tmp_path / f"network.{fmt}", tmp_path / "network.evidence.json"
    assert ok("export", "--format", fmt, "-o", str(target)) == f"wrote {target}\nwrote {side}\n"
    graph = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target, version="1.3")
    expected = {n["iri"]: n for n in centrality_json("--top", "0")["nodes"]}
    assert set(graph.nodes) == set(expected)
    for node, data in graph.nodes(data=True):
        assert {"kind", "label", *METRICS} <= set(data), (node, sorted(data))
        assert (data["label"], data["kind"]) == (expected[node]["label"], expected[node]["kind"])
        assert data["weighted_degree"] == pytest.approx(expected[node]["weighted_degree"])
    weights = {frozenset((a, b)): data["weight"] for a, b, data in graph.edges(data=True) if a != b}
    assert weights, "no edges"
    bernhardt, schroeck = PERSON + "wilfried-bernhardt", PERSON + "tassilo-schroeck"
    assert weights[frozenset((bernhardt, schroeck))] == 1.0
    edge = next(d for a, b, d in graph.edges(data=True) if {a, b} == {bernhardt, schroeck})
    assert PROCUREMENT_WORKSHOP in edge["event_ids"].split()
    evidence = json.loads(side.read_text(encoding="utf-8"))["edges"][edge["edge_id"]]
    assert PROCUREMENT_WORKSHOP in [e["iri"] for e in evidence["events"]]


def test_csv_export_writes_a_nodes_and_an_edges_file_and_the_evidence(tmp_path: Path) -> None:
    out = ok("export", "--format", "csv", "-o", str(tmp_path / "network.csv"))
    nodes_file, edges_file = tmp_path / "network-nodes.csv", tmp_path / "network-edges.csv"
    side = tmp_path / "network.evidence.json"
    assert out == f"wrote {nodes_file}\nwrote {edges_file}\nwrote {side}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "network-edges.csv",
        "network-nodes.csv",
        "network.evidence.json",
    ]
    with nodes_file.open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with edges_file.open(encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert {"id", "kind", "label", *METRICS} <= set(nodes[0])
    assert {n["id"] for n in nodes} == {n["iri"] for n in centrality_json("--top", "0")["nodes"]}
    assert list(nodes[0])[:2] == ["label", "id"]
    assert {"edge_id", "source", "target", "weight", "events", "summary"} <= set(edges[0])
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    assert all(float(e["weight"]) > 0 for e in edges)


@pytest.fixture(scope="module")
def loaded() -> Graph:
    """The bundled ontology and data, as `export` should write them."""
    return load().to_rdflib()


def test_turtle_export_is_isomorphic_to_the_loaded_data(tmp_path: Path, loaded: Graph) -> None:
    target = tmp_path / "graph.ttl"
    ok("export", "--format", "turtle", "-o", str(target))
    exported = Graph().parse(target, format="turtle")
    _, only_exported, only_loaded = graph_diff(exported, loaded)
    assert isomorphic(exported, loaded), (
        f"only exported: {len(only_exported)}, only loaded: {len(only_loaded)}\n"
        + "\n".join(sorted(only_exported.serialize(format="nt").splitlines())[:10])
    )


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_export_parses_to_the_same_graph(tmp_path: Path, loaded: Graph) -> None:
    target = tmp_path / "graph.jsonld"
    ok("export", "--format", "jsonld", "-o", str(target))
    json.loads(target.read_text(encoding="utf-8"))
    parsed = Graph().parse(target, format="json-ld")
    assert len(parsed) == len(loaded)
    assert isomorphic(parsed, loaded)


def test_export_of_a_filtered_network_keeps_only_what_passes(tmp_path: Path) -> None:
    target = tmp_path / "since-2024.graphml"
    ok("export", "--format", "graphml", "-o", str(target), "--since", "2024")
    graph = nx.read_graphml(target)
    assert PERSON + "wilfried-bernhardt" in graph
    assert PERSON + "roger-lewentz" not in graph  # his interview was in 2020


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "turtle", "jsonld"])
def test_export_into_a_missing_folder_fails_clearly_and_writes_nothing(
    tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / "missing" / "out.file"
    message = failure("export", "--format", fmt, "-o", str(target), code=3)
    assert "does not exist" in message, message
    assert str(tmp_path / "missing") in message
    assert list(tmp_path.iterdir()) == []


def test_export_needs_a_format_and_an_output() -> None:
    result = run("export", "-o", "x.graphml")
    assert result.exit_code == 2
    assert "Missing option '--format'" in result.output
