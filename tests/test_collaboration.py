"""The collaboration relation on a purpose-built graph (tests/fixtures/network/).

Every weight rule of the README ("Collaboration: what 'A collaborates with B'
means") appears in the fixture once, with the expected weights written down
in the header of `events.ttl`. The tests check exact weights and bases, the
evidence (events with label, date, kind, roles; quotes with source title),
symmetry, every filter (time window with year, month and day precision and
partial-date overlap, topic with narrower and inherited topics, event kind
with subclasses, roles), relations under filters, `via_people` and
determinism.
"""

from __future__ import annotations

import copy
import json
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import networkx as nx
import pytest

from kommgraph.api import KommGraph
from kommgraph.errors import AmbiguousActorError, FilterError
from kommgraph.network import collaboration
from kommgraph.network.collaboration import Collaboration, SharedEvent
from kommgraph.network.edges import collaborations
from kommgraph.network.evidence import Evidence, Quote
from kommgraph.network.filters import Filters
from kommgraph.rdf.names import Entity, NameIndex, _fold_loose, fold, names
from kommgraph.rdf.namespaces import KG
from kommgraph.vocab import AgentNetwork

FIXTURE = Path(__file__).parent / "fixtures" / "network"
ID = "https://w3id.org/kommgraph/id/"

# short names of the fixture's agents and events -> IRIs
AGENTS = {
    "anna": "person/anna-alt",
    "bernd": "person/bernd-berg",
    "carla": "person/carla-christ",
    "doerte": "person/doerte-duerr",
    "emil": "person/emil-esser",
    "frieda": "person/frieda-froehlich",
    "gustav": "person/gustav-gast",
    "hanna": "person/hanna-hell",
    "ida": "person/ida-imhof",
    "jana": "person/jana-jansen",
    "rene": "person/rene-kern",
    "lena": "person/lena-lorenz",
    "mia": "person/mia-moeller",
    "nordstadt": "org/stadt-nordstadt",
    "suedstadt": "org/stadt-suedstadt",
    "landkreis": "org/landkreis-west",
    "netzwerk": "org/netzwerk-ost",
    "zdd": "org/zweckverband-digitale-dienste",
    "zvsued": "org/zweckverband-sued",
}
CONGRESS = ID + "event/testkongress-2023"
WORKSHOP_REGISTER = ID + "event/testkongress-2023-workshop-register"
DIGITALTAG = ID + "event/digitaltag-2022"
ARBEITSTREFFEN = ID + "event/arbeitstreffen-sued-2023"
INTERVIEW = ID + "event/gespraech-jana-jansen-2024"
BERICHT = ID + "source/bericht-testkongress"
GESPRAECH = ID + "source/gespraech-suedstadt"

Pair = tuple[str, str]


def iri(name: str) -> str:
    return ID + AGENTS[name]


def key(first: str, second: str) -> Pair:
    """The edge key of two short names (IRIs, smaller first)."""
    a, b = sorted((iri(first), iri(second)))
    return a, b


def short(pair: Pair) -> str:
    names = {ID + path: name for name, path in AGENTS.items()}
    return "-".join(sorted(names.get(x, x) for x in pair))


def weights(edges: dict[Pair, Collaboration]) -> dict[str, float]:
    """Edges as {"anna-bernd": weight}, easy to read in a failing assert."""
    return {short(pair): edge.weight for pair, edge in edges.items()}


def bases(edge: Collaboration) -> list[tuple[str, str, float]]:
    """(event IRI, basis, weight) of each piece of evidence."""
    return [(e.iri, e.basis, e.weight) for e in edge.events]


def _pairs(spec: str, weight: float) -> dict[str, float]:
    return {"-".join(sorted(p.split("-"))): weight for p in spec.split()}


# Everything the fixture must give without filters: 35 edges.
TREE_ONE = {
    # Testkongress 2023: organizers, conference-level speakers, workshop people
    **_pairs("nordstadt-zdd", 1.0),
    **_pairs("carla-doerte carla-nordstadt carla-zdd doerte-nordstadt doerte-zdd", 0.5),
    **_pairs("anna-bernd anna-emil bernd-emil", 1.0),
    **_pairs(
        "anna-nordstadt anna-zdd anna-doerte bernd-nordstadt bernd-zdd bernd-carla "
        "bernd-doerte emil-nordstadt emil-zdd emil-carla emil-doerte frieda-nordstadt "
        "frieda-zdd frieda-carla frieda-doerte anna-frieda bernd-frieda emil-frieda",
        0.25,
    ),
}
EXPECTED = {
    **TREE_ONE,
    **_pairs("anna-carla", 1.25),  # 0.25 at the Testkongress + 1.0 at the Digitaltag
    **_pairs("anna-mia carla-mia", 1.0),  # Digitaltag 2022
    **_pairs("netzwerk-nordstadt netzwerk-suedstadt", 1.0),  # relations
    **_pairs("suedstadt-zvsued", 1.0),  # Arbeitstreffen Süd
    **_pairs("ida-jana", 1.0),  # interview
    **_pairs("lena-rene", 1.0),  # Zukunftsforum 2021
}


@pytest.fixture(scope="module")
def kg() -> KommGraph:
    return KommGraph.load([FIXTURE])


@pytest.fixture(scope="module")
def evidence(kg: KommGraph) -> Evidence:
    return kg.evidence


@pytest.fixture(scope="module")
def edges(evidence: Evidence) -> dict[Pair, Collaboration]:
    return collaborations(evidence)


def collab(kg: KommGraph, **words: str) -> dict[str, float]:
    """Weights of all edges under filters given as the CLI's words."""
    filters = kg.filters(
        since=words.get("since"),
        until=words.get("until"),
        topic=words.get("topic"),
        event_kinds=[words["kind"]] if "kind" in words else [],
        roles=[words["roles"]] if "roles" in words else [],
    )
    return weights(collaborations(kg.evidence, filters))


def test_the_fixture_holds_the_expected_files() -> None:
    assert sorted(p.name for p in FIXTURE.glob("*.ttl")) == ["entities.ttl", "events.ttl"]


def test_the_fixture_is_valid_against_shapes_and_lint_checks() -> None:
    answer = KommGraph.check([FIXTURE])
    assert answer.report is not None and answer.ok
    assert [(f.rule, f.focus, f.message) for f in answer.report.findings] == []


# ----- the weight rules ---------------------------------------------------------


def test_the_fixture_gives_exactly_the_expected_edges_and_weights(
    edges: dict[Pair, Collaboration],
) -> None:
    assert weights(edges) == EXPECTED


def test_speakers_of_the_same_workshop_collaborate_fully_as_same_event(
    edges: dict[Pair, Collaboration],
) -> None:
    edge = edges[key("anna", "bernd")]
    assert edge.weight == 1.0
    assert bases(edge) == [(WORKSHOP_REGISTER, "same-event", 1.0)]


NESTED_TALK = """@prefix kg: <https://w3id.org/kommgraph/ontology#> .
@prefix person: <https://w3id.org/kommgraph/id/person/> .
@prefix event: <https://w3id.org/kommgraph/id/event/> .
@prefix source: <https://w3id.org/kommgraph/id/source/> .
@prefix participation: <https://w3id.org/kommgraph/id/participation/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

person:ida-input a kg:Person ; rdfs:label "Ida Input" .
event:testkongress-2023-workshop-register-input a kg:Talk ;
    rdfs:label "Input Register" ; kg:partOf event:testkongress-2023-workshop-register ;
    kg:date "2023-05-10"^^xsd:date ;
    kg:source source:bericht-testkongress ; kg:quote "Im Workshop Register ging es um die E-Akte" .
participation:testkongress-2023-workshop-register-input--ida-input--speaker a kg:Participation ;
    kg:agent person:ida-input ; kg:event event:testkongress-2023-workshop-register-input ;
    kg:role kg:Speaker ;
    kg:source source:bericht-testkongress ; kg:quote "Im Workshop Register ging es um die E-Akte" .
"""


def test_a_workshop_with_a_talk_inside_is_no_umbrella_and_the_talk_is_a_part_of_it(
    tmp_path: Path,
) -> None:
    """Only the top of a tree (the congress) is an umbrella: sharing a workshop counts 1.0
    even when a talk is nested in it; the talk's speaker shares only parts with the lead."""
    extra = tmp_path / "talk.ttl"
    extra.write_text(NESTED_TALK, encoding="utf-8")
    nested = collaborations(KommGraph.load([FIXTURE, extra]).evidence)
    assert bases(nested[key("anna", "bernd")]) == [(WORKSHOP_REGISTER, "same-event", 1.0)]
    emil, ida = iri("emil"), ID + "person/ida-input"
    talk_and_lead = nested[(min(emil, ida), max(emil, ida))]
    assert [(e.basis, e.weight) for e in talk_and_lead.events] == [("umbrella-only", 0.25)]


def test_organizers_of_the_same_conference_collaborate_fully_as_co_organizing(
    edges: dict[Pair, Collaboration],
) -> None:
    edge = edges[key("nordstadt", "zdd")]
    assert edge.weight == 1.0
    assert bases(edge) == [(CONGRESS, "co-organizing", 1.0)]


def test_a_host_and_an_organizer_co_organize_even_when_the_organizer_also_speaks(
    edges: dict[Pair, Collaboration],
) -> None:
    edge = edges[key("suedstadt", "zvsued")]
    assert bases(edge) == [(ARBEITSTREFFEN, "co-organizing", 1.0)]
    assert edge.events[0].roles == (
        "Stadt Südstadt: host @ Arbeitstreffen Süd",
        "Zweckverband Süd: organizer @ Arbeitstreffen Süd",
        "Zweckverband Süd: speaker @ Arbeitstreffen Süd",
    )


def test_speakers_at_the_level_of_an_umbrella_event_get_half(
    edges: dict[Pair, Collaboration],
) -> None:
    edge = edges[key("carla", "doerte")]
    assert edge.weight == 0.5
    assert bases(edge) == [(CONGRESS, "umbrella", 0.5)]


def test_an_organizer_and_a_speaker_of_an_umbrella_event_get_half(
    edges: dict[Pair, Collaboration],
) -> None:
    assert bases(edges[key("nordstadt", "carla")]) == [(CONGRESS, "umbrella", 0.5)]


def test_leads_of_two_workshops_of_one_conference_share_only_the_umbrella(
    edges: dict[Pair, Collaboration],
) -> None:
    edge = edges[key("emil", "frieda")]
    assert edge.weight == 0.25
    assert bases(edge) == [(CONGRESS, "umbrella-only", 0.25)]
    assert edge.events[0].roles == (
        "Emil Esser: workshop lead @ Workshop Register",
        "Frieda Fröhlich: workshop lead @ Workshop Prozesse",
    )


def test_weights_add_up_over_event_trees(edges: dict[Pair, Collaboration]) -> None:
    edge = edges[key("anna", "carla")]
    assert edge.weight == 1.25
    assert bases(edge) == [(DIGITALTAG, "same-event", 1.0), (CONGRESS, "umbrella-only", 0.25)]


def test_every_weight_is_the_sum_of_its_evidence(edges: dict[Pair, Collaboration]) -> None:
    wrong = {
        short(pair): (edge.weight, [e.weight for e in edge.events])
        for pair, edge in edges.items()
        if abs(edge.weight - sum(e.weight for e in edge.events)) > 1e-9
    }
    assert wrong == {}


def test_an_attendee_and_a_photographer_collaborate_with_nobody(
    edges: dict[Pair, Collaboration],
) -> None:
    passive = {iri("gustav"), iri("hanna")}
    assert [short(pair) for pair in edges if passive & set(pair)] == []


def test_an_interviewer_and_the_interviewee_collaborate(edges: dict[Pair, Collaboration]) -> None:
    edge = edges[key("ida", "jana")]
    assert bases(edge) == [(INTERVIEW, "same-event", 1.0)]
    assert edge.events[0].kind == str(KG.Interview)
    assert edge.events[0].roles == (
        "Ida Imhof: interviewer @ Gespräch mit Jana Jansen",
        "Jana Jansen: interviewee @ Gespräch mit Jana Jansen",
    )


def test_a_membership_stated_by_a_source_links_two_organizations(
    edges: dict[Pair, Collaboration],
) -> None:
    edge = edges[key("nordstadt", "netzwerk")]
    relation = ID + "relation/stadt-nordstadt--memberof--netzwerk-ost"
    assert edge.events == [
        SharedEvent(
            relation,
            "Stadt Nordstadt member of Netzwerk Ost",
            None,
            "relation",
            "relation",
            1.0,
            ("Stadt Nordstadt member of Netzwerk Ost",),
        )
    ]
    assert edge.quotes == [
        Quote(
            BERICHT,
            "Bericht vom Testkongress 2023",
            "Nordstadt ist Mitglied im Netzwerk Ost",
            relation,
        )
    ]


# ----- evidence -------------------------------------------------------------------


def test_a_shared_event_names_label_date_kind_and_both_roles(
    edges: dict[Pair, Collaboration],
) -> None:
    assert edges[key("anna", "bernd")].events == [
        SharedEvent(
            WORKSHOP_REGISTER,
            "Workshop Register",
            "2023-05-10",
            str(KG.Workshop),
            "same-event",
            1.0,
            (
                "Anna Alt: speaker @ Workshop Register",
                "Bernd Berg: speaker @ Workshop Register",
            ),
        )
    ]


def test_partial_dates_are_kept_as_written(edges: dict[Pair, Collaboration]) -> None:
    dates = {e.iri: e.date for edge in edges.values() for e in edge.events}
    assert (dates[DIGITALTAG], dates[ARBEITSTREFFEN], dates[INTERVIEW]) == (
        "2022",
        "2023-09",
        "2024-02",
    )


def test_quotes_name_their_statement_and_the_title_of_their_source(
    edges: dict[Pair, Collaboration],
) -> None:
    participation = ID + "participation/gespraech-jana-jansen-2024--"
    text = "Ida Imhof sprach mit Jana Jansen"
    title = "Gespräch mit der Bürgermeisterin"
    assert edges[key("ida", "jana")].quotes == [
        Quote(GESPRAECH, title, text, participation + "ida-imhof--interviewer"),
        Quote(GESPRAECH, title, text, participation + "jana-jansen--interviewee"),
    ]


def test_umbrella_only_evidence_quotes_both_sides(edges: dict[Pair, Collaboration]) -> None:
    quotes = [q.quote for q in edges[key("emil", "frieda")].quotes]  # sorted by statement IRI
    assert quotes == ["geleitet von Frieda Fröhlich", "Den Workshop leitete Emil Esser"]


def test_collaborators_are_ranked_by_weight_then_label(kg: KommGraph) -> None:
    answer = kg.collaborators("Anna Alt")
    me, found = answer.actor, list(answer.items)
    assert me == Entity(iri("anna"), "Anna Alt", str(KG.Person))
    assert [(c.entity.label, c.weight) for c in found] == [
        ("Carla Christ", 1.25),
        ("Bernd Berg", 1.0),
        ("Emil Esser", 1.0),
        ("Mia Möller", 1.0),
        ("Dörte Dürr", 0.25),
        ("Frieda Fröhlich", 0.25),
        ("Stadt Nordstadt", 0.25),
        ("Zweckverband Digitale Dienste", 0.25),
    ]


# ----- symmetry --------------------------------------------------------------------


def test_each_pair_is_keyed_once_with_the_smaller_iri_first(
    edges: dict[Pair, Collaboration],
) -> None:
    assert [pair for pair in edges if not pair[0] < pair[1]] == []
    assert [pair for pair, edge in edges.items() if (edge.a, edge.b) != pair] == []


def test_collaboration_looks_the_same_from_either_side(
    kg: KommGraph, edges: dict[Pair, Collaboration]
) -> None:
    seen: dict[Pair, list[float]] = {}
    for name in AGENTS:
        found = kg.collaborators(iri(name)).items
        for c in found:
            a, b = sorted((iri(name), c.entity.iri))
            seen.setdefault((a, b), []).append(c.weight)
            assert c.collaboration.other(iri(name)) == c.entity.iri
    assert {short(p): w for p, w in seen.items()} == {
        short(p): [e.weight, e.weight] for p, e in edges.items()
    }


# ----- names ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Dörte Dürr", "dorte durr", "DOERTE DUERR", "  dörte   dürr "])
def test_accented_names_resolve_however_they_are_typed(kg: KommGraph, name: str) -> None:
    assert kg.actor(name).iri == iri("doerte")


@pytest.mark.parametrize(
    "name",
    ["Dörte Dürr", " Dörte  Dürr ", f"<{ID}person/doerte-duerr>", f"{ID}person/doerte-duerr"],
)
def test_an_exact_name_or_iri_resolves_without_building_the_name_index(
    kg: KommGraph, name: str
) -> None:
    fresh = KommGraph(kg.backend, kg.graph)
    assert fresh.actor(name) == Entity(iri("doerte"), "Dörte Dürr", str(KG.Person))
    assert "_actors" not in fresh.__dict__


def test_an_exact_label_wins_over_a_name_that_only_folds_to_it(tmp_path: Path) -> None:
    (tmp_path / "people.ttl").write_text(
        "@prefix kg: <https://w3id.org/kommgraph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<urn:x:joern> a kg:Person ; rdfs:label "Jörn Riedel"@de .\n'
        '<urn:x:joern2> a kg:Person ; rdfs:label "Joern Riedel"@de .\n',
        encoding="utf-8",
    )
    graph = KommGraph.load([tmp_path])
    for _ in range(2):  # the same answers before and after the folded index is built
        assert graph.actor("Jörn Riedel").iri == "urn:x:joern"
        assert graph.actor("Joern Riedel").iri == "urn:x:joern2"
        with pytest.raises(AmbiguousActorError):
            graph.actor("joern riedel")


def test_an_alias_of_two_organizations_is_ambiguous(kg: KommGraph) -> None:
    with pytest.raises(AmbiguousActorError) as caught:
        kg.actor("zv")
    assert list(caught.value.matches) == [
        ("Zweckverband Digitale Dienste", iri("zdd")),
        ("Zweckverband Süd", iri("zvsued")),
    ]


def _fold_by_decomposition(text: str, umlauts: bool) -> str:
    """The folds as first written: umlauts spelled out (or not), then NFKD for everything."""
    text = text.casefold()
    if umlauts:
        text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@pytest.mark.parametrize(
    "name",
    [
        "Jörn Riedel",
        "JÖRN  RIEDEL ",
        "Jo\u0308rn Riedel",  # o + combining diaeresis, as some editors write it
        "Straße der Einheit",
        "José Łukasiewicz-Çelik",
        "Zoë Müller–Lüdenscheidt",  # en dash: no decomposition, kept
        "Ärztekammer Öhringen Überlingen",
        "ﬁnanzamt Köln",  # ligature: NFKD spells it out
        "Stadt Musterstadt",
        "",
    ],
)
def test_folding_skips_decomposition_only_where_it_cannot_change_the_result(name: str) -> None:
    assert fold(name) == _fold_by_decomposition(name, umlauts=True)
    assert _fold_loose(name) == _fold_by_decomposition(name, umlauts=False)


def test_the_name_index_makes_an_entity_only_for_what_is_resolved(kg: KommGraph) -> None:
    index = NameIndex(names(kg.backend))
    assert index.entity(iri("doerte")) == Entity(iri("doerte"), "Dörte Dürr", str(KG.Person))
    assert index.resolve("dorte durr") == index.entity(iri("doerte"))
    with pytest.raises(KeyError):
        index.entity("urn:not:indexed")


# ----- filters: time --------------------------------------------------------------

DIGITALTAG_EDGES = {"anna-carla": 1.0, "anna-mia": 1.0, "carla-mia": 1.0}
WORKSHOP_REGISTER_EDGES = {"anna-bernd": 1.0, "anna-emil": 1.0, "bernd-emil": 1.0}


def test_since_a_year_drops_earlier_events(kg: KommGraph) -> None:
    expected = {**TREE_ONE, "anna-carla": 0.25, "suedstadt-zvsued": 1.0, "ida-jana": 1.0}
    assert collab(kg, since="2023") == expected


def test_until_a_year_drops_later_events(kg: KommGraph) -> None:
    assert collab(kg, until="2022") == {**DIGITALTAG_EDGES, "lena-rene": 1.0}


def test_since_a_month_keeps_events_of_that_month(kg: KommGraph) -> None:
    assert collab(kg, since="2023-09") == {"suedstadt-zvsued": 1.0, "ida-jana": 1.0}
    assert collab(kg, since="2023-10") == {"ida-jana": 1.0}


def test_until_a_month_keeps_events_of_that_month(kg: KommGraph) -> None:
    assert "suedstadt-zvsued" in collab(kg, until="2023-09")
    assert "ida-jana" not in collab(kg, until="2024-01")


def test_since_a_day_cuts_between_the_days_of_a_conference(kg: KommGraph) -> None:
    # the workshop on 2023-05-11 passes, the conference and the workshop of 2023-05-10
    # do not, so nothing of the Testkongress is left
    assert collab(kg, since="2023-05-11") == {"suedstadt-zvsued": 1.0, "ida-jana": 1.0}


def test_a_day_window_keeps_only_that_day(kg: KommGraph) -> None:
    assert collab(kg, since="2023-05-10", until="2023-05-10") == {
        "nordstadt-zdd": 1.0,
        **_pairs("carla-doerte carla-nordstadt carla-zdd doerte-nordstadt doerte-zdd", 0.5),
        **WORKSHOP_REGISTER_EDGES,
        **_pairs(
            "anna-nordstadt anna-zdd anna-doerte anna-carla bernd-nordstadt bernd-zdd "
            "bernd-carla bernd-doerte emil-nordstadt emil-zdd emil-carla emil-doerte",
            0.25,
        ),
    }


def test_an_event_dated_by_year_counts_when_the_year_overlaps_the_window(kg: KommGraph) -> None:
    assert collab(kg, since="2022-06-15", until="2022-12") == DIGITALTAG_EDGES


def test_an_event_dated_by_month_counts_when_the_month_overlaps_the_window(
    kg: KommGraph,
) -> None:
    assert collab(kg, since="2024-02-20") == {"ida-jana": 1.0}
    assert collab(kg, since="2023-09-20", until="2023-09-25") == {"suedstadt-zvsued": 1.0}
    assert "ida-jana" in collab(kg, until="2024-02-01")


@pytest.mark.parametrize("value", ["24", "2024-4", "2024/04", "April 2024", "2024-04-17T10:00"])
def test_a_malformed_date_is_a_filter_error(kg: KommGraph, value: str) -> None:
    with pytest.raises(FilterError) as caught:
        kg.filters(since=value)
    assert caught.value.field == "since"
    assert "give a year (2024), a month (2024-04) or a date (2024-04-17)" in caught.value.message()


def test_since_after_until_is_a_filter_error(kg: KommGraph) -> None:
    with pytest.raises(FilterError) as caught:
        kg.filters(since="2024-03", until="2024-02-28")
    assert (caught.value.field, caught.value.after) == ("since", "until")
    assert "is after until 2024-02-28" in caught.value.message()


# ----- filters: topic -------------------------------------------------------------


def test_a_topic_includes_its_narrower_topics_at_every_depth(kg: KommGraph) -> None:
    # Workshop Register is on E-Akte < OZG < Digitalisierung
    assert collab(kg, topic="Digitalisierung") == {
        **WORKSHOP_REGISTER_EDGES,
        **DIGITALTAG_EDGES,
        "ida-jana": 1.0,
        "suedstadt-zvsued": 1.0,
    }
    assert collab(kg, topic="OZG") == {
        **WORKSHOP_REGISTER_EDGES,
        "ida-jana": 1.0,
        "suedstadt-zvsued": 1.0,
    }
    assert collab(kg, topic="E-Akte") == WORKSHOP_REGISTER_EDGES


def test_a_topic_is_found_by_its_alias(kg: KommGraph) -> None:
    assert collab(kg, topic="onlinezugangsgesetz") == collab(kg, topic="OZG")


def test_events_inherit_the_topics_of_the_events_they_are_part_of(kg: KommGraph) -> None:
    # Workshop Prozesse has no topic of its own; the Testkongress is on Smart City
    found = collab(kg, topic="Smart City")
    assert found == {**TREE_ONE, "anna-carla": 0.25, "lena-rene": 1.0}
    assert found["emil-frieda"] == 0.25


def test_an_unknown_topic_is_a_filter_error_that_says_topic(kg: KommGraph) -> None:
    with pytest.raises(FilterError) as caught:
        kg.filters(topic="E-Akten")
    assert caught.value.message() == "topic 'E-Akten': unknown topic; did you mean: E-Akte"


# ----- filters: event kind and roles ----------------------------------------------


def test_event_kind_keeps_only_events_of_that_kind(kg: KommGraph) -> None:
    assert collab(kg, kind="Meeting") == {**DIGITALTAG_EDGES, "suedstadt-zvsued": 1.0}
    assert collab(kg, kind="panel") == {"lena-rene": 1.0}


def test_event_kind_includes_subclasses(kg: KommGraph) -> None:
    assert collab(kg, kind="Talk") == {"ida-jana": 1.0}  # an Interview is a Talk
    events_only = {k: v for k, v in EXPECTED.items() if not k.startswith("netzwerk")}
    assert collab(kg, kind="Event") == events_only


def test_event_kind_workshop_keeps_two_workshops_of_one_conference_as_umbrella_only(
    kg: KommGraph,
) -> None:
    filters = kg.filters(event_kinds=["Workshop"])
    found = collaborations(kg.evidence, filters)
    assert weights(found) == {
        **WORKSHOP_REGISTER_EDGES,
        **_pairs("anna-frieda bernd-frieda emil-frieda", 0.25),
    }
    assert bases(found[key("emil", "frieda")]) == [(CONGRESS, "umbrella-only", 0.25)]


def test_several_event_kinds_are_combined(kg: KommGraph) -> None:
    filters = kg.filters(event_kinds=["Talk,Panel"])
    assert weights(collaborations(kg.evidence, filters)) == {"ida-jana": 1.0, "lena-rene": 1.0}


def test_roles_keep_only_pairs_where_both_hold_one_of_them(kg: KommGraph) -> None:
    assert collab(kg, roles="speaker") == {
        "carla-doerte": 0.5,
        "anna-bernd": 1.0,
        "anna-mia": 1.0,
        **_pairs("anna-carla bernd-carla anna-doerte bernd-doerte", 0.25),
    }
    assert collab(kg, roles="organizer") == {"nordstadt-zdd": 1.0}
    assert collab(kg, roles="organizer,host") == {"nordstadt-zdd": 1.0, "suedstadt-zvsued": 1.0}


def test_roles_are_named_by_label_or_by_term(kg: KommGraph) -> None:
    assert collab(kg, roles="workshop lead") == {"emil-frieda": 0.25}
    assert collab(kg, roles="WorkshopLead") == {"emil-frieda": 0.25}
    assert collab(kg, roles="interviewer,Interviewee") == {"ida-jana": 1.0}


def test_passive_roles_never_make_collaboration_even_when_asked_for(kg: KommGraph) -> None:
    assert collab(kg, roles="attendee,photographer") == {}


@pytest.mark.parametrize(
    ("kinds", "roles", "option"),
    [(["Workshopp"], [], "event_kinds"), ([], ["speeker"], "roles")],
)
def test_an_unknown_event_kind_or_role_is_a_filter_error_with_candidates(
    kg: KommGraph, kinds: list[str], roles: list[str], option: str
) -> None:
    with pytest.raises(FilterError) as caught:
        kg.filters(event_kinds=kinds, roles=roles)
    assert caught.value.field == option
    assert "did you mean" in caught.value.message()


@pytest.mark.parametrize(
    "words",
    [{"since": "2000"}, {"until": "2100"}, {"topic": "Digitalisierung"}, {"kind": "Event"}],
)
def test_relations_are_left_out_under_any_filter(kg: KommGraph, words: dict[str, str]) -> None:
    found = collab(kg, **words)
    assert [pair for pair in found if "netzwerk" in pair] == []


def test_roles_filter_leaves_relations_out_too(kg: KommGraph) -> None:
    filters = kg.filters(roles=["organizer", "host"])
    bases_found = {
        e.basis for edge in collaborations(kg.evidence, filters).values() for e in edge.events
    }
    assert bases_found == {"co-organizing"}


def test_the_filters_describe_themselves(kg: KommGraph) -> None:
    filters = kg.filters("2023", "2024-02", "OZG", ["Workshop"], ["speaker"])
    assert (
        filters.describe() == "since 2023; until 2024-02; topic OZG; events Workshop; roles Speaker"
    )
    assert Filters().describe() == "no filters"


# ----- via people -----------------------------------------------------------------


def test_via_people_lifts_the_collaboration_of_people_onto_their_organizations_at_half(
    evidence: Evidence,
) -> None:
    lifted = collaborations(evidence, via_people=True)
    edge = lifted[key("nordstadt", "landkreis")]
    # Anna Alt and Emil Esser (Stadt Nordstadt) each worked with Bernd Berg (Landkreis West)
    # in Workshop Register: 0.5 x 1.0 twice
    assert edge.weight == 1.0
    assert bases(edge) == [
        (WORKSHOP_REGISTER, "via-people", 0.5),
        (WORKSHOP_REGISTER, "via-people", 0.5),
    ]
    assert [e.roles[-1] for e in edge.events] == [
        "via Anna Alt & Bernd Berg",
        "via Bernd Berg & Emil Esser",
    ]
    quotes = [q.quote for q in edge.quotes]
    assert "Bernd Berg vom Landkreis West" in quotes
    assert "Anna Alt, Digitallotsin der Stadt Nordstadt" in quotes
    assert "Es referierten Anna Alt und Bernd Berg" in quotes


def test_via_people_adds_only_the_lifted_edge_and_no_self_loop(
    evidence: Evidence, edges: dict[Pair, Collaboration]
) -> None:
    lifted = weights(collaborations(evidence, via_people=True))
    assert lifted == {**weights(edges), "landkreis-nordstadt": 1.0}


def test_two_people_of_the_same_two_organizations_lift_their_collaboration_once(
    evidence: Evidence,
) -> None:
    both = copy.copy(evidence)
    both.affiliations = [
        (f"urn:{person}-{org}", iri(person), iri(org), None, None, None, None)
        for person in ("anna", "bernd")
        for org in ("nordstadt", "landkreis")
    ]
    edge = collaborations(both, via_people=True)[key("nordstadt", "landkreis")]
    assert (edge.weight, bases(edge)) == (0.5, [(WORKSHOP_REGISTER, "via-people", 0.5)])


def test_via_people_lifts_only_what_passes_the_filters(kg: KommGraph) -> None:
    filters = kg.filters(since="2024")
    assert weights(collaborations(kg.evidence, filters, via_people=True)) == {"ida-jana": 1.0}


def test_without_via_people_organizations_are_not_linked_through_people(
    edges: dict[Pair, Collaboration],
) -> None:
    assert key("nordstadt", "landkreis") not in edges


# ----- determinism -----------------------------------------------------------------


def test_collaborations_are_the_same_when_computed_twice(kg: KommGraph) -> None:
    first = collaborations(Evidence(kg.backend), via_people=True)
    second = collaborations(Evidence(kg.backend), via_people=True)
    assert first == second


def test_collaboration_does_not_depend_on_the_order_of_the_query_rows(
    evidence: Evidence, edges: dict[Pair, Collaboration]
) -> None:
    expected = collaborations(evidence, via_people=True)
    for seed in range(5):
        shuffled = copy.copy(evidence)
        rng = random.Random(seed)
        participations = list(evidence.participations.items())
        rng.shuffle(participations)
        shuffled.participations = dict(participations)
        shuffled.relations = rng.sample(evidence.relations, len(evidence.relations))
        shuffled.__dict__["affiliations"] = rng.sample(
            evidence.affiliations, len(evidence.affiliations)
        )
        assert collaborations(shuffled, via_people=True) == expected, f"seed {seed}"


LANDKREIS_VIA_PEOPLE = ("collab", "Landkreis West", "--via-people", "--format", "json")


def test_collab_json_is_the_same_under_different_hash_seeds() -> None:
    outputs = []
    for seed in ("1", "3"):
        result = subprocess.run(
            [sys.executable, "-m", "kommgraph", "--data", str(FIXTURE), *LANDKREIS_VIA_PEOPLE],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]


def test_the_edges_of_one_agent_equal_its_part_of_all_edges(
    evidence: Evidence, edges: dict[Pair, Collaboration]
) -> None:
    for agent in sorted(evidence.agents):
        mine = {pair: edge for pair, edge in edges.items() if agent in pair}
        assert collaborations(evidence, only=agent) == mine, agent


@pytest.mark.parametrize(
    "filters",
    [Filters(), Filters(since="2024"), Filters(roles=frozenset({str(KG.Speaker)}))],
    ids=["no filters", "since 2024", "speakers"],
)
def test_the_evidence_fetched_for_one_actor_gives_its_edges(
    kg: KommGraph, evidence: Evidence, filters: Filters
) -> None:
    for agent in sorted(evidence.agents):
        mine = {
            pair: edge for pair, edge in collaborations(evidence, filters).items() if agent in pair
        }
        scoped = Evidence(kg.backend, actor=agent)
        assert collaborations(scoped, filters, only=agent) == mine, agent


def test_collab_for_one_actor_fetches_only_its_event_trees(kg: KommGraph) -> None:
    fresh = KommGraph(kg.backend, kg.graph)
    answer = fresh.collaborators("Anna Alt")
    me, found = answer.actor, answer.items
    assert "evidence" not in fresh.__dict__  # the full evidence was not fetched
    assert found == fresh.collaborators("Anna Alt").items
    full = KommGraph(kg.backend, kg.graph)
    _ = full.evidence
    assert [(c.entity.iri, c.collaboration) for c in full.collaborators("Anna Alt").items] == [
        (c.entity.iri, c.collaboration) for c in found
    ]
    assert me.label == "Anna Alt"


def test_one_actors_evidence_reads_only_the_trees_it_is_active_in(kg: KommGraph) -> None:
    passive = Evidence(kg.backend, actor=iri("gustav"))  # only attends
    assert passive.events == {} and passive.participations == {}
    interviewer = Evidence(kg.backend, actor=iri("ida"))
    assert {agent for agent, _e, _r in interviewer.participations.values()} >= {
        iri("ida"),
        iri("jana"),
    }


def test_affiliations_of_some_agents_are_those_of_the_whole_list(kg: KommGraph) -> None:
    whole = Evidence(kg.backend).affiliations
    people = sorted({str(row[1]) for row in whole})
    organizations = sorted({str(row[2]) for row in whole})
    for agents in ([people[0]], organizations[:2], [people[-1], organizations[-1]], ["urn:x"]):
        expected = sorted(
            (row for row in whole if row[1] in agents or row[2] in agents),
            key=lambda row: tuple(str(x) for x in row),
        )
        fresh = Evidence(kg.backend)  # nothing fetched yet: asks for these agents only
        assert fresh.affiliations_of(agents) == expected, agents
        assert "affiliations" not in fresh.__dict__
        cached = Evidence(kg.backend)
        _ = cached.affiliations  # fetched: filtered from the whole list
        assert sorted(cached.affiliations_of(agents), key=lambda r: tuple(map(str, r))) == expected
    nobody = Evidence(kg.backend)
    assert nobody.affiliations_of([]) == []
    assert "affiliations" not in nobody.__dict__


@pytest.mark.parametrize("network", ["persons", "organizations", "actors"])
def test_a_projection_is_the_graph_networkx_builds_from_the_same_edges(
    kg: KommGraph, network: AgentNetwork
) -> None:
    graph = KommGraph(kg.backend, kg.graph).network(network, via_people=True)
    reference: nx.Graph[str] = nx.Graph()
    reference.add_nodes_from(graph.nodes(data=True))
    reference.add_edges_from(graph.edges(data=True))
    assert list(graph.nodes(data=True)) == list(reference.nodes(data=True))
    assert sorted(graph.edges(data=True), key=str) == sorted(reference.edges(data=True), key=str)
    assert dict(graph.degree(weight="weight")) == dict(reference.degree(weight="weight"))
    for a, b, data in graph.edges(data=True):
        assert graph.adj[b][a] is data  # one data dict, seen from both ends
    a, b = next(iter(graph.edges()))
    graph.remove_edge(a, b)  # the graph stays an ordinary, mutable networkx graph
    assert not graph.has_edge(b, a) and graph.number_of_edges() == reference.number_of_edges() - 1


def test_edges_come_sorted_even_when_relations_and_lifted_edges_are_added_last(
    evidence: Evidence,
) -> None:
    for via_people in (False, True):
        found = collaborations(evidence, via_people=via_people)
        assert list(found) == sorted(found)


def test_weights_are_exact_sums_so_no_rounding_is_needed() -> None:
    assert collaboration.EXACT_SUMS
    # the same sum in any order, as for any multiples of a quarter
    parts = [0.25, 0.5, 1.0, 0.25 * 0.5, 0.5 * 0.5] * 7
    assert sum(parts) == sum(reversed(parts)) == sum(sorted(parts))


def test_quotes_are_in_one_order_whatever_order_they_were_found_in() -> None:
    """Two speakers of one statement give quotes equal but for the speaker: they are
    ordered by every field, not by the order a set happened to give them in."""
    said = [
        Quote("src", "Title", "Wir brauchen Standards.", "st:1", "Steffi Brauer"),
        Quote("src", "Title", "Wir brauchen Standards.", "st:1", "Katja Rose"),
        Quote("src", "Title", "Anderes.", "st:0", None),
    ]
    orders = []
    for found in (said, said[::-1], [said[1], said[2], said[0]]):

        def explain(found: list[Quote] = found) -> tuple[list[SharedEvent], list[Quote]]:
            return [], list(found)

        orders.append(Collaboration.deferred("a", "b", 1.0, 1, explain).quotes)
    assert orders[0] == orders[1] == orders[2]
    assert [q.speaker for q in orders[0]] == [None, "Katja Rose", "Steffi Brauer"]


def test_an_answer_is_the_same_under_any_string_hashing() -> None:
    """Python randomizes string hashes per process; no answer may depend on them."""
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-m", "kommgraph", "collab", "Katja Rose", "--format", "json"],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
