"""The bundled data states what the five articles say: a sample of facts per article.

Each test asks the loaded graph (`KommGraph.load()`, the curated `data/`) through
SPARQL or through `collaborators`, and names the fact it checks: events and roles,
statements (who said what), quantities with their qualifiers, series and editions,
publications and the inferences of single facts. The counts per source catch
accidental deletions; when an article is curated further, update them on purpose
(see data/README.md, "How to add a new article").
"""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.term import Identifier

from kommgraph import KommGraph
from kommgraph.check.validate import validate
from kommgraph.rdf.sparql import SelectResult

ID = "https://w3id.org/kommgraph/id/"
KOMMDIGITALE = ID + "source/rueckschau-kommdigitale-2024"
NRW_SERIES = ID + "source/rund-550-interessierte-besucherinnen-und-besucher"
BW_CONFERENCE = ID + "source/digitalisierungskonferenzkommunen-als-zukunftsmacher"
AUFBRUCH = ID + "source/digitaler-aufbruch-2024-gipfeltreffen-der-kommunalen-cdos"
IKONE = ID + "source/unter-dem-motto-wenn-nicht-analog-dann-gerne-digital"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
KG = "https://w3id.org/kommgraph/ontology#"
# Kinds of nodes the package's prologue does not declare (yet).
NEW_KINDS = (
    f"PREFIX statement: <{ID}statement/>\n"
    f"PREFIX quantity: <{ID}quantity/>\n"
    f"PREFIX publication: <{ID}publication/>\n"
    f"PREFIX inference: <{ID}inference/>\n"
)

Row = tuple[Identifier | None, ...]


@pytest.fixture(scope="module")
def kg() -> KommGraph:
    """The bundled data, loaded once for the whole module."""
    return KommGraph.load()


def rows(kg: KommGraph, text: str) -> list[Row]:
    result = kg.sparql(NEW_KINDS + text)
    assert isinstance(result, SelectResult)
    return list(result.rows)


def strings(kg: KommGraph, text: str) -> set[str]:
    """The first column of a SELECT as plain strings."""
    return {str(row[0]) for row in rows(kg, text) if row[0] is not None}


def agents_in_role(kg: KommGraph, event: str, role: str) -> set[str]:
    """Labels of the agents that hold `role` (e.g. kg:Speaker) in `event` (e.g. event:x)."""
    return strings(
        kg,
        f"""SELECT ?label WHERE {{
              ?p a kg:Participation ; kg:event {event} ; kg:role {role} ; kg:agent ?agent .
              ?agent rdfs:label ?label .
            }}""",
    )


def collaborator_labels(kg: KommGraph, actor: str) -> set[str]:
    found = kg.collaborators(actor).items
    return {c.entity.label for c in found}


def count_of(kg: KommGraph, of: str, kind: str) -> tuple[int, str]:
    """(number, qualifier local name) of the one kg:Quantity counting `kind` of `of`."""
    found = rows(
        kg,
        f"""SELECT ?n ?q WHERE {{
              ?x a kg:Quantity ; kg:quantityOf {of} ; kg:countOf kg:{kind} ;
                 kg:count ?n ; kg:qualifier ?q .
            }}""",
    )
    assert len(found) == 1, found
    n, qualifier = found[0]
    return int(str(n)), str(qualifier).rsplit("#", 1)[1]


def inferred_triples(kg: KommGraph, subject: str) -> set[tuple[str, str]]:
    """(predicate, object) of the triples of `subject` marked by a kg:Inference."""
    found = rows(
        kg,
        f"""SELECT ?p ?o WHERE {{
              ?i a kg:Inference ; rdf:subject {subject} ; rdf:predicate ?p ; rdf:object ?o ;
                 kg:inferred true ; kg:note ?note ; kg:quote ?quote .
              {subject} ?p ?o .
            }}""",
    )
    return {(str(p).rsplit("#", 1)[-1], str(o)) for p, o in found}


def statements_of(kg: KommGraph, speaker: str) -> list[Row]:
    """(statement, event it was made at or None) for every statement of `speaker`."""
    return rows(
        kg,
        f"""SELECT DISTINCT ?s ?event WHERE {{
              ?s a kg:Statement ; kg:speaker {speaker} ; kg:quote ?q .
              OPTIONAL {{ ?s kg:atEvent ?event }}
            }}""",
    )


# --- the data as a whole -------------------------------------------------------


def test_the_bundled_data_validates_without_violations_or_warnings(kg: KommGraph) -> None:
    assert kg.graph is not None
    report = validate(kg.graph)
    problems = [f"{f.rule}: {f.focus} {f.message}" for f in report.findings]
    assert (report.violations, report.warnings) == (0, 0), problems


def test_every_source_names_the_file_that_holds_its_text(kg: KommGraph) -> None:
    found = rows(
        kg,
        """SELECT ?source ?file WHERE {
             ?source a kg:Source .
             OPTIONAL { ?source kg:textFile ?file }
           }""",
    )
    assert len(found) == 5
    assert all(file is not None and str(file).endswith(".txt") for _, file in found)


# events (series included), series, participations, affiliations, relations, mentions,
# statements, quantities, publications, inferences
COUNTS = {
    KOMMDIGITALE: (12, 1, 24, 5, 2, 0, 2, 0, 1, 12),
    NRW_SERIES: (3, 1, 8, 2, 1, 0, 2, 4, 1, 7),
    BW_CONFERENCE: (27, 9, 20, 8, 0, 4, 10, 12, 2, 20),
    AUFBRUCH: (10, 1, 6, 3, 0, 0, 2, 1, 0, 12),
    IKONE: (13, 2, 12, 4, 1, 1, 1, 8, 1, 16),
}
PATTERNS = (
    "?x a/rdfs:subClassOf* kg:Event .",
    "?x a kg:EventSeries .",
    "?x a kg:Participation .",
    "?x a kg:Affiliation .",
    "?x a kg:Relation .",
    "?x a kg:Mention .",
    "?x a kg:Statement .",
    "?x a kg:Quantity .",
    "?x a kg:Publication .",
    "?x a kg:Inference .",
)


@pytest.mark.parametrize(("source", "expected"), sorted(COUNTS.items()))
def test_each_source_supports_exactly_the_curated_number_of_facts(
    kg: KommGraph, source: str, expected: tuple[int, ...]
) -> None:
    def count(pattern: str) -> int:
        found = rows(
            kg, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} ?x kg:source <{source}> }}"
        )
        return int(str(found[0][0]))

    assert tuple(count(pattern) for pattern in PATTERNS) == expected


def test_a_whole_entity_is_marked_inferred_only_where_the_entity_itself_is_concluded(
    kg: KommGraph,
) -> None:
    """Single concluded facts of an entity are kg:Inference nodes; the entity stays unmarked."""
    marked = strings(
        kg,
        """SELECT ?x WHERE {
             VALUES ?kind { kg:Person kg:Organization kg:Event kg:Place kg:Topic kg:Source }
             ?x a/rdfs:subClassOf* ?kind ; kg:inferred true .
           }""",
    )
    assert marked == {
        ID + "event/digitaler-aufbruch-2024-workshop-" + topic
        for topic in ("finanzierung", "change-management", "digitales-mindset")
    }


def test_every_inference_marks_a_triple_the_data_states(kg: KommGraph) -> None:
    missing = rows(
        kg,
        """SELECT ?i WHERE {
             ?i a kg:Inference ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
             FILTER NOT EXISTS { ?s ?p ?o }
           }""",
    )
    assert missing == []
    assert len(strings(kg, "SELECT ?i WHERE { ?i a kg:Inference }")) == 67


def test_the_deprecated_participant_count_is_no_longer_used(kg: KommGraph) -> None:
    assert rows(kg, "SELECT ?e WHERE { ?e kg:participantCount ?n }") == []


@pytest.mark.parametrize(
    ("topic", "event"),
    [
        ("Interoperabilität", "kommdigitale-2024-workshop-4"),
        ("Nachnutzbarkeit", "digitale-services-von-kommunen-fuer-kommunen"),
        ("Interkommunale Zusammenarbeit", "digitale-services-von-kommunen-fuer-kommunen"),
        ("Interkommunale Zusammenarbeit", "2-interkommunales-bijeenkomst"),
        ("Interkommunale Zusammenarbeit", "kommunalkongress-rheinland-pfalz-2020"),
        (
            "Erfahrungsaustausch",
            "zweite-videokonferenz-des-interkommunalen-netzwerks-digitale-stadt",
        ),
        ("Best Practices", "kommdigitale-2024-cdo-zirkel-workshop-2"),
        ("Digitalisierungsprojekte", "digitaler-aufbruch-2024-vortrag-johannes-schurr"),
        ("Digitale Transformation", "digitalisierungskonferenz-baden-wuerttemberg-2020"),
        ("Zusammenarbeit", "digitalisierungskonferenz-baden-wuerttemberg-2020"),
        ("Pandemie", "kommunalkongress-rheinland-pfalz-2020-interview"),
        ("Containerlogistik", "digitaler-aufbruch-2024-tour-smartport"),
        ("Nachhaltigkeit", "22-regionalkonferenz-des-bundesprogramms-modellprojekte-smart-cities"),
    ],
)
def test_themes_the_articles_name_are_topics_of_their_events(
    kg: KommGraph, topic: str, event: str
) -> None:
    assert topic in strings(kg, f"SELECT ?l WHERE {{ event:{event} kg:topic/rdfs:label ?l }}")


# --- article 000: KommDIGITALE 2024 ----------------------------------------------


def test_the_procurement_law_workshop_at_kommdigitale_2024_has_three_speakers(
    kg: KommGraph,
) -> None:
    workshop = rows(
        kg,
        """SELECT ?workshop WHERE {
             ?workshop a kg:Workshop ; rdfs:label "Vergabe von IT-Leistungen durch Kommunen" ;
                       kg:partOf event:kommdigitale-2024 ; kg:topic topic:vergaberecht .
           }""",
    )
    assert workshop == [(URIRef(ID + "event/kommdigitale-2024-workshop-3"),)]
    assert agents_in_role(kg, "event:kommdigitale-2024-workshop-3", "kg:Speaker") == {
        "Wilfried Bernhardt",
        "Tassilo Schröck",
        "Moritz Ahlers",
    }


def test_the_three_procurement_law_speakers_share_that_workshop(kg: KommGraph) -> None:
    shared = strings(
        kg,
        """SELECT ?event WHERE {
             ?event a kg:Workshop .
             ?p1 kg:event ?event ; kg:agent person:wilfried-bernhardt ; kg:role kg:Speaker .
             ?p2 kg:event ?event ; kg:agent person:tassilo-schroeck ; kg:role kg:Speaker .
             ?p3 kg:event ?event ; kg:agent person:moritz-ahlers ; kg:role kg:Speaker .
           }""",
    )
    assert shared == {ID + "event/kommdigitale-2024-workshop-3"}


@pytest.mark.parametrize(
    ("speaker", "others"),
    [
        ("Wilfried Bernhardt", {"Tassilo Schröck", "Moritz Ahlers"}),
        ("Tassilo Schröck", {"Wilfried Bernhardt", "Moritz Ahlers"}),
        ("Moritz Ahlers", {"Wilfried Bernhardt", "Tassilo Schröck"}),
    ],
)
def test_each_procurement_law_speaker_collaborates_with_the_other_two(
    kg: KommGraph, speaker: str, others: set[str]
) -> None:
    assert others <= collaborator_labels(kg, speaker)


def test_kommdigitale_2024_has_six_workshops_with_their_leads(kg: KommGraph) -> None:
    workshops = strings(
        kg, "SELECT ?w WHERE { ?w a kg:Workshop ; kg:partOf event:kommdigitale-2024 }"
    )
    assert len(workshops) == 6
    assert agents_in_role(kg, "event:kommdigitale-2024-workshop-2", "kg:WorkshopLead") == {
        "]init[ AG"
    }
    assert agents_in_role(
        kg, "event:kommdigitale-2024-cdo-zirkel-workshop-2", "kg:WorkshopLead"
    ) == {"Christian Schachtner", "NEGZ CDO-Zirkel"}


def test_the_cdo_zirkel_leads_its_two_workshops_only_by_inference(kg: KommGraph) -> None:
    found = rows(
        kg,
        """SELECT ?workshop ?inferred WHERE {
             ?p a kg:Participation ; kg:agent org:negz-cdo-zirkel ; kg:role kg:WorkshopLead ;
                kg:event ?workshop ; kg:note ?note .
             OPTIONAL { ?p kg:inferred ?inferred }
           }""",
    )
    assert sorted((str(w).rsplit("/", 1)[1], str(i)) for w, i in found) == [
        ("kommdigitale-2024-cdo-zirkel-workshop-1", "true"),
        ("kommdigitale-2024-cdo-zirkel-workshop-2", "true"),
    ]


def test_johannes_schwall_gave_his_input_in_the_workflow_workshop_itself(kg: KommGraph) -> None:
    assert "Johannes Schwall" in agents_in_role(
        kg, "event:kommdigitale-2024-cdo-zirkel-workshop-2", "kg:Speaker"
    )
    assert "Johannes Schwall" in agents_in_role(
        kg, "event:kommdigitale-2024-cdo-zirkel-workshop-2-input", "kg:Speaker"
    )
    found = kg.collaborators("Johannes Schwall").items
    [schachtner] = [c for c in found if c.entity.label == "Christian Schachtner"]
    shared = {event.iri for event in schachtner.collaboration.events}
    assert shared == {ID + "event/kommdigitale-2024-cdo-zirkel-workshop-2"}  # not only the fair
    assert schachtner.weight > 0.25


def test_the_speakers_of_the_standards_workshop_stated_that_standards_foster_interoperability(
    kg: KommGraph,
) -> None:
    found = rows(
        kg,
        """SELECT ?speaker ?event WHERE {
             ?s a kg:Statement ; kg:speaker ?p ; kg:atEvent ?event ;
                kg:about topic:interoperabilitaet .
             ?p rdfs:label ?speaker .
           }""",
    )
    assert {(str(s), str(e).rsplit("/", 1)[1]) for s, e in found} == {
        ("Steffi Brauer", "kommdigitale-2024-workshop-4"),
        ("Katja Rose", "kommdigitale-2024-workshop-4"),
    }


def test_the_cdo_zirkel_announced_a_paper_from_its_workshop_and_the_smart_country_convention(
    kg: KommGraph,
) -> None:
    found = rows(
        kg,
        """SELECT ?from WHERE {
             ?paper a kg:Publication ; rdfs:label "Paper des CDO-Zirkels" ;
                    kg:producedBy org:negz-cdo-zirkel ; kg:planned true ; kg:resultOf ?from .
           }""",
    )
    assert {str(f).rsplit("/", 1)[1] for (f,) in found} == {
        "kommdigitale-2024-cdo-zirkel-workshop-1",
        "smart-country-convention-2024",
    }


def test_kommdigitale_2024_lies_in_bielefeld_by_inference_while_the_fair_itself_is_stated(
    kg: KommGraph,
) -> None:
    assert inferred_triples(kg, "event:kommdigitale-2024") == {("place", ID + "place/bielefeld")}
    assert rows(kg, "SELECT ?i WHERE { event:kommdigitale-2024 kg:inferred ?i }") == []
    assert "KommDIGITALE" in strings(
        kg, "SELECT ?a WHERE { event:kommdigitale-2024 skos:altLabel ?a }"
    )
    assert strings(
        kg, "SELECT ?t WHERE { event:kommdigitale-2024-netzwerkumtrunk kg:timeText ?t }"
    ) == {"am Montagabend"}


def test_the_smart_country_convention_2024_is_a_dated_edition_of_its_series(kg: KommGraph) -> None:
    found = rows(
        kg,
        """SELECT ?label ?series WHERE {
             event:smart-country-convention-2024 rdfs:label ?label ;
                 kg:inSeries/rdfs:label ?series .
           }""",
    )
    assert [(str(a), str(b)) for a, b in found] == [
        ("Smart Country Convention 2024", "Smart Country Convention")
    ]


def test_the_negz_cdo_zirkel_is_a_unit_of_the_negz(kg: KommGraph) -> None:
    found = rows(
        kg,
        """SELECT ?r WHERE {
             ?r a kg:Relation ; kg:from org:negz-cdo-zirkel ; kg:to org:negz ;
                kg:relationType kg:SubOrganizationOf .
           }""",
    )
    assert len(found) == 1


# --- article 001: »Digitale Services – von Kommunen für Kommunen« -----------------


def test_the_nrw_series_has_three_co_organizers(kg: KommGraph) -> None:
    assert agents_in_role(
        kg, "event:digitale-services-von-kommunen-fuer-kommunen", "kg:Organizer"
    ) == {
        "Ministerium für Wirtschaft, Innovation, Digitalisierung und Energie des Landes "
        "Nordrhein-Westfalen",
        "KDN",
        "Digitale Modellregionen NRW",
    }


def test_the_kdn_is_labelled_by_its_name_with_its_description_as_alternative(
    kg: KommGraph,
) -> None:
    assert strings(kg, "SELECT ?l WHERE { org:kdn rdfs:label ?l }") == {"KDN"}
    assert "Dachverband kommunaler IT-Dienstleister" in strings(
        kg, "SELECT ?a WHERE { org:kdn skos:altLabel ?a }"
    )
    assert inferred_triples(kg, "org:kdn") == {("basedIn", ID + "place/nordrhein-westfalen")}


def test_andreas_meyer_falcke_is_cio_of_the_land_nordrhein_westfalen(kg: KommGraph) -> None:
    found = rows(
        kg,
        """SELECT ?organization ?position WHERE {
             ?a a kg:Affiliation ; kg:person person:andreas-meyer-falcke ;
                kg:organization ?org ; kg:position ?position .
             ?org rdfs:label ?organization .
           }""",
    )
    assert [(str(o), str(p)) for o, p in found] == [
        ("Land Nordrhein-Westfalen", "CIO des Landes Nordrhein-Westfalen")
    ]


def test_the_kommunalportal_discussion_round_has_three_it_providers_as_panelists(
    kg: KommGraph,
) -> None:
    assert agents_in_role(kg, "event:diskussionsrunde-zum-kommunalportal-nrw", "kg:Panelist") == {
        "regio iT",
        "Südwestfalen-IT",
        "KDN",
    }


@pytest.mark.parametrize(
    ("kind", "count", "qualifier"),
    [
        ("Participants", 550, "Approximately"),
        ("Dates", 5, "Exactly"),
        ("Stands", 70, "Approximately"),
        ("Talks", 30, "MoreThan"),
    ],
)
def test_the_nrw_series_counts_keep_their_qualifiers(
    kg: KommGraph, kind: str, count: int, qualifier: str
) -> None:
    series = "event:digitale-services-von-kommunen-fuer-kommunen"
    assert count_of(kg, series, kind) == (count, qualifier)


def test_meyer_falcke_and_engel_are_quoted_without_being_placed_at_an_event(
    kg: KommGraph,
) -> None:
    for speaker in ("person:andreas-meyer-falcke", "person:andreas-engel"):
        [(_statement, event)] = statements_of(kg, speaker)
        assert event is None
    assert collaborator_labels(kg, "Andreas Engel") == set()  # no role at any event


def test_the_series_material_is_on_the_kdn_website_published_by_the_kdn_by_inference(
    kg: KommGraph,
) -> None:
    publication = (
        "publication:praesentationen-videomitschnitte-und-faq-listen-zu-der-virtuellen-"
        "veranstaltungsreihe"
    )
    assert inferred_triples(kg, publication) == {("producedBy", ID + "org/kdn")}
    assert strings(kg, f"SELECT ?e WHERE {{ {publication} kg:resultOf ?e }}") == {
        ID + "event/digitale-services-von-kommunen-fuer-kommunen"
    }


@pytest.mark.parametrize(
    ("entity", "abbreviation"),
    [
        ("topic:onlinezugangsgesetz", "OZG"),
        ("org:suedwestfalen-it", "SIT"),
        (
            "org:ministerium-fuer-wirtschaft-innovation-digitalisierung-und-energie-des-landes-"
            "nordrhein-westfalen",
            "MWIDE",
        ),
        ("org:interkommunales-netzwerk-digitale-stadt", "IKONE DS"),
        ("topic:kuenstliche-intelligenz", "KI"),
    ],
)
def test_abbreviations_are_alternative_labels_of_the_full_name(
    kg: KommGraph, entity: str, abbreviation: str
) -> None:
    assert abbreviation in strings(kg, f"SELECT ?alt WHERE {{ {entity} skos:altLabel ?alt }}")
    assert abbreviation not in strings(kg, f"SELECT ?l WHERE {{ {entity} rdfs:label ?l }}")


# --- article 002: Digitalisierungskonferenz Baden-Württemberg and the notices ----


def test_the_stuttgart_conference_is_organized_by_the_city_and_kommune_2_0(
    kg: KommGraph,
) -> None:
    assert agents_in_role(
        kg, "event:digitalisierungskonferenz-baden-wuerttemberg-2020", "kg:Organizer"
    ) == {"Stadt Stuttgart", "Innovationsnetzwerk Kommune 2.0"}
    place = strings(
        kg,
        "SELECT ?p WHERE { event:digitalisierungskonferenz-baden-wuerttemberg-2020 kg:place ?p }",
    )
    assert place == {ID + "place/stuttgarter-rathaus"}


def test_the_photo_caption_panel_has_seven_panelists(kg: KommGraph) -> None:
    panel = "event:diskurs-zur-digitalisierung-welche-neuen-rollen-kommen-auf-die-kommunen-zu"
    assert agents_in_role(kg, panel, "kg:Panelist") == {
        "Ivan Acimovic",
        "Steffen Jäger",
        "Wolfgang Forderer",
        "Max Schulze-Vorberg",
        "Ralf Armbruster",
        "Martin Schmeling",
        "Fabian Mayer",
    }


def test_the_truncated_willia_of_the_caption_is_not_a_person(kg: KommGraph) -> None:
    found = strings(
        kg,
        """SELECT ?name WHERE {
             ?person a kg:Person .
             { ?person rdfs:label ?name } UNION { ?person skos:altLabel ?name }
             FILTER(CONTAINS(LCASE(STR(?name)), "willia"))
           }""",
    )
    assert found == set()


NOTICES = {
    "Learntec 2025": "Learntec",
    "22. Regionalkonferenz des Bundesprogramms Modellprojekte Smart Cities": (
        "Regionalkonferenz des Bundesprogramms Modellprojekte Smart Cities"
    ),
    "Vitako-Mitgliederversammlung": None,
    "Infotag E-Government und Digitalisierung": None,
    "ANGA COM 2025": "ANGA COM",
    "Innovatives Management 2025": "Innovatives Management",
    "Verwaltung.digiTal": None,
    "Governikus Summit 2025": "Governikus Summit",
    "GovTech-Gipfel 2025": None,
    "Hausmesse 2025": None,
    "2. Interkommunales bijeenkomst": "Interkommunales bijeenkomst",
    "fiberdays 2025": "fiberdays",
    "4. SmartCity-Summit Niederrhein": "SmartCity-Summit Niederrhein",
}


@pytest.mark.parametrize(("label", "series"), sorted(NOTICES.items()))
def test_every_notice_of_article_002_is_one_event_and_an_edition_where_it_recurs(
    kg: KommGraph, label: str, series: str | None
) -> None:
    found = rows(
        kg,
        f"""SELECT ?event ?series WHERE {{
              ?event a/rdfs:subClassOf* kg:Event ; rdfs:label "{label}" ;
                     kg:source <{BW_CONFERENCE}> .
              OPTIONAL {{ ?event kg:inSeries/rdfs:label ?series }}
              FILTER NOT EXISTS {{ ?event a kg:EventSeries }}
            }}""",
    )
    assert [(None if s is None else str(s)) for _e, s in found] == [series]


def test_the_stuttgart_and_freiburg_conferences_are_two_editions_of_one_series(
    kg: KommGraph,
) -> None:
    found = rows(
        kg,
        """SELECT ?edition ?date ?planned WHERE {
             ?edition kg:inSeries event:digitalisierungskonferenz ; kg:date ?date .
             OPTIONAL { ?edition kg:planned ?planned }
           }""",
    )
    assert sorted((str(e).rsplit("/", 1)[1], str(d), str(p)) for e, d, p in found) == [
        ("digitalisierungskonferenz-2020-in-freiburg-im-breisgau", "2020", "true"),
        ("digitalisierungskonferenz-baden-wuerttemberg-2020", "2020-02", "None"),
    ]
    assert strings(
        kg,
        """SELECT ?t WHERE {
             event:digitalisierungskonferenz-2020-in-freiburg-im-breisgau kg:timeText ?t
           }""",
    ) == {"im Herbst 2020"}


def test_editions_of_a_series_are_never_parts_of_it(kg: KommGraph) -> None:
    """kg:partOf makes one event tree (collaboration); a series' editions stay apart."""
    assert rows(kg, "SELECT ?e WHERE { ?e kg:inSeries ?s ; kg:partOf ?s }") == []
    assert (
        rows(kg, "SELECT ?e WHERE { ?e kg:inSeries ?s . ?e kg:partOf+ ?p . ?p kg:inSeries ?s }")
        == []
    )


@pytest.mark.parametrize(
    ("of", "kind", "count", "qualifier"),
    [
        (
            "event:digitalisierungskonferenz-baden-wuerttemberg-2020",
            "Participants",
            100,
            "MoreThan",
        ),
        ("org:initiative-digitale-landkreiskonvois", "Members", 35, "Exactly"),
        ("event:infotag-e-government-und-digitalisierung", "Participants", 150, "Exactly"),
        ("event:infotag-e-government-und-digitalisierung", "Talks", 35, "Exactly"),
        ("event:anga-com-2025", "Panels", 60, "MoreThan"),
        ("event:anga-com-2025", "Speakers", 200, "MoreThan"),
        ("event:anga-com-2025", "Exhibitors", 480, "Exactly"),
        ("event:anga-com-2025", "Countries", 40, "Exactly"),
        ("event:innovatives-management", "Years", 25, "MoreThan"),
        ("event:hausmesse-2025", "Stages", 5, "Exactly"),
        ("event:hausmesse-2025", "ThemeIslands", 13, "Exactly"),
        ("event:hausmesse-2025", "Talks", 30, "Exactly"),
    ],
)
def test_the_counts_of_article_002_keep_their_qualifiers(
    kg: KommGraph, of: str, kind: str, count: int, qualifier: str
) -> None:
    assert count_of(kg, of, kind) == (count, qualifier)


@pytest.mark.parametrize(
    ("speaker", "atevent"),
    [
        (
            "person:fabian-mayer",
            ID + "event/eroeffnung-der-digitalisierungskonferenz-baden-wuerttemberg",
        ),
        ("person:steffen-jaeger", None),
        ("person:alexis-von-komorowski", None),
        ("person:andreas-meyer-falcke", None),
        ("person:andreas-engel", None),
        ("person:roger-lewentz", ID + "event/kommunalkongress-rheinland-pfalz-2020"),
    ],
)
def test_each_of_the_six_quoted_people_has_a_statement_placed_at_an_event_only_where_stated(
    kg: KommGraph, speaker: str, atevent: str | None
) -> None:
    found = statements_of(kg, speaker)
    assert found
    assert {None if e is None else str(e) for _s, e in found} == {atevent}


def test_a_speaker_quoted_at_an_event_holds_an_active_role_in_it(kg: KommGraph) -> None:
    found = rows(
        kg,
        """SELECT ?s ?speaker WHERE {
             ?s a kg:Statement ; kg:atEvent ?event ; kg:speaker ?speaker .
             FILTER NOT EXISTS {
               ?p kg:agent ?speaker ; kg:event ?event ; kg:role ?role . ?role kg:active true .
             }
           }""",
    )
    assert found == []


def test_alexis_von_komorowski_spoke_about_the_conference_but_not_at_it(kg: KommGraph) -> None:
    about = strings(
        kg,
        """SELECT ?about WHERE {
             ?s a kg:Statement ; kg:speaker person:alexis-von-komorowski ; kg:about ?about .
           }""",
    )
    assert ID + "event/digitalisierungskonferenz-baden-wuerttemberg-2020" in about
    assert ID + "topic/onlinezugangsgesetz" in about
    assert collaborator_labels(kg, "Alexis von Komorowski") == set()


def test_the_stadt_stuttgart_press_release_is_a_publication_and_the_source_of_four_statements(
    kg: KommGraph,
) -> None:
    assert strings(
        kg, "SELECT ?o WHERE { publication:pressemeldung-der-stadt-stuttgart kg:producedBy ?o }"
    ) == {ID + "org/stadt-stuttgart"}
    assert len(statements_of(kg, "org:stadt-stuttgart")) == 4


@pytest.mark.parametrize(
    "association", ["gemeindetag-baden-wuerttemberg", "landkreistag-baden-wuerttemberg"]
)
def test_the_municipal_associations_are_based_in_baden_wuerttemberg(
    kg: KommGraph, association: str
) -> None:
    assert strings(kg, f"SELECT ?p WHERE {{ org:{association} kg:basedIn ?p }}") == {
        ID + "place/baden-wuerttemberg"
    }
    assert inferred_triples(kg, f"org:{association}") == set()  # the name says so


@pytest.mark.parametrize(
    ("organization", "how"),
    [
        ("landesregierung", "Mention"),
        ("governikus", "Mention"),
        ("bundesregierung", "Mention"),
        ("youtube", "Mention"),
        ("fraunhofer", "Relation"),
    ],
)
def test_organizations_named_in_passing_or_inside_a_name_are_recorded(
    kg: KommGraph, organization: str, how: str
) -> None:
    found = strings(
        kg,
        f"""SELECT ?x WHERE {{
              ?x a kg:{how} ; kg:source ?s ; kg:quote ?q .
              {{ ?x kg:agent org:{organization} }} UNION {{ ?x kg:to org:{organization} }}
            }}""",
    )
    assert len(found) == 1


def test_anga_com_2025_is_one_event_from_3_to_5_june_in_koeln(kg: KommGraph) -> None:
    found = rows(
        kg,
        """SELECT ?event ?date ?end ?city WHERE {
             ?event a/rdfs:subClassOf* kg:Event ; kg:date ?date ; kg:endDate ?end ;
                    kg:place/rdfs:label ?city .
             { ?event rdfs:label ?name } UNION { ?event skos:altLabel ?name }
             FILTER(STRSTARTS(STR(?name), "ANGA COM"))
           }""",
    )
    assert len({row[0] for row in found}) == 1
    _, date, end, city = found[0]
    assert (str(date), str(end), str(city)) == ("2025-06-03", "2025-06-05", "Köln")
    assert getattr(date, "datatype", None) == URIRef(XSD_DATE)


def test_the_two_leipzig_notices_are_one_infotag_organized_by_nolis(kg: KommGraph) -> None:
    assert agents_in_role(kg, "event:infotag-e-government-und-digitalisierung", "kg:Organizer") == {
        "NOLIS"
    }
    quotes = strings(
        kg, "SELECT ?q WHERE { event:infotag-e-government-und-digitalisierung kg:quote ?q }"
    )
    assert {  # one from the announcement of 06.03.2025, one from the report of 10.04.2025
        "Interessierte auf dem Infotag E-Government und Digitalisierung Anfang April in Leipzig "
        "in Praxisvorträgen erfahren",
        "Mit dem Infotag E-Government und Digitalisierung in Leipzig zeigt sich Veranstalter "
        "NOLIS zufrieden",
    } <= quotes


# --- article 003: Digitaler Aufbruch 2024 ------------------------------------------


def test_digitaler_aufbruch_2024_was_hosted_by_hamburg_in_april_2024(kg: KommGraph) -> None:
    assert agents_in_role(kg, "event:digitaler-aufbruch-2024", "kg:Host") == {"Hamburg"}
    found = rows(
        kg,
        "SELECT ?date ?edition WHERE { event:digitaler-aufbruch-2024 kg:date ?date ; "
        "kg:edition ?edition }",
    )
    assert [(str(d), int(str(e))) for d, e in found] == [("2024-04", 2)]


def test_digitaler_aufbruch_2024_is_the_second_edition_under_its_motto_with_over_50(
    kg: KommGraph,
) -> None:
    assert strings(kg, "SELECT ?m WHERE { event:digitaler-aufbruch-2024 kg:motto ?m }") == {
        "Verantwortliche setzen Kurs"
    }
    assert strings(
        kg, "SELECT ?s WHERE { event:digitaler-aufbruch-2024 kg:inSeries/skos:altLabel ?s }"
    ) == {"Digitale Aufbruch"}
    assert count_of(kg, "event:digitaler-aufbruch-2024", "Participants") == (50, "MoreThan")


def test_hamburg_is_a_city_and_a_land_a_municipality_and_a_state_government(
    kg: KommGraph,
) -> None:
    def kinds(entity: str) -> set[str]:
        return {t.rsplit("#", 1)[1] for t in strings(kg, f"SELECT ?t WHERE {{ {entity} a ?t }}")}

    assert kinds("place:hamburg") == {"City", "State"}
    assert kinds("org:hamburg") == {"Municipality", "StateGovernment"}
    assert "Hansestadt" in strings(kg, "SELECT ?a WHERE { org:hamburg skos:altLabel ?a }")


def test_joern_riedels_affiliation_to_hamburg_is_inferred_from_der_hansestadt(
    kg: KommGraph,
) -> None:
    assert strings(kg, "SELECT ?i WHERE { affiliation:joern-riedel--hamburg kg:inferred ?i }") == {
        "true"
    }


def test_the_smartport_and_the_hamburger_hafen_are_two_places(kg: KommGraph) -> None:
    assert strings(kg, "SELECT ?l WHERE { place:smartport rdfs:label ?l }") == {"smartPORT"}
    assert strings(kg, "SELECT ?l WHERE { place:hamburger-hafen rdfs:label ?l }") == {
        "Hamburger Hafen"
    }
    assert inferred_triples(kg, "place:smartport") == {("locatedIn", ID + "place/hamburger-hafen")}
    topics = strings(
        kg,
        "SELECT ?l WHERE { event:digitaler-aufbruch-2024-tour-smartport kg:topic/rdfs:label ?l }",
    )
    assert topics == {"Verkehrssteuerung", "Containerlogistik", "Zollabwicklung"}


def test_the_two_talks_of_the_first_day_carry_their_speakers_statements(kg: KommGraph) -> None:
    assert [str(e) for _s, e in statements_of(kg, "person:joern-riedel")] == [
        ID + "event/digitaler-aufbruch-2024-eingangsvortrag"
    ]
    assert [str(e) for _s, e in statements_of(kg, "person:johannes-schurr")] == [
        ID + "event/digitaler-aufbruch-2024-vortrag-johannes-schurr"
    ]


def test_hamburg_is_one_organization_also_called_hansestadt_in_a_position(
    kg: KommGraph,
) -> None:
    hamburgs = strings(
        kg,
        """SELECT ?org WHERE {
             ?org a/rdfs:subClassOf* kg:Organization .
             { ?org rdfs:label ?name } UNION { ?org skos:altLabel ?name }
             FILTER(CONTAINS(STR(?name), "Hamburg") || CONTAINS(STR(?name), "Hansestadt"))
           }""",
    )
    assert hamburgs == {ID + "org/hamburg"}
    positions = strings(
        kg,
        "SELECT ?p WHERE { ?a kg:person person:joern-riedel ; kg:organization org:hamburg ; "
        "kg:position ?p }",
    )
    assert positions == {"CIO der Hansestadt"}


# --- article 004: IKONE DS and the Kommunalkongress Rheinland-Pfalz ----------------


def test_martin_verlage_interviewed_roger_lewentz_at_the_kommunalkongress(
    kg: KommGraph,
) -> None:
    found = rows(
        kg,
        """SELECT ?interview ?congress WHERE {
             ?interview a kg:Interview ; kg:partOf ?c .
             ?c rdfs:label ?congress .
             ?p1 kg:event ?interview ; kg:agent person:martin-verlage ; kg:role kg:Interviewer .
             ?p2 kg:event ?interview ; kg:agent person:roger-lewentz ; kg:role kg:Interviewee .
           }""",
    )
    assert [str(congress) for _, congress in found] == ["Kommunalkongress Rheinland-Pfalz 2020"]


def test_verlage_and_lewentz_are_collaborators(kg: KommGraph) -> None:
    assert "Roger Lewentz" in collaborator_labels(kg, "Martin Verlage")
    assert "Martin Verlage" in collaborator_labels(kg, "Roger Lewentz")


def test_the_kommunalkongress_was_organized_by_the_ministry_and_kl_digital(
    kg: KommGraph,
) -> None:
    assert agents_in_role(kg, "event:kommunalkongress-rheinland-pfalz-2020", "kg:Organizer") == {
        "Ministerium des Innern und für Sport",
        "KL.digital GmbH",
    }


def test_the_second_ikone_video_conference_had_two_guest_talks(kg: KommGraph) -> None:
    conference = "event:zweite-videokonferenz-des-interkommunalen-netzwerks-digitale-stadt"
    assert strings(kg, f"SELECT ?date WHERE {{ {conference} kg:date ?date }}") == {"2020-09-09"}
    assert count_of(kg, conference, "Participants") == (21, "Exactly")
    assert count_of(kg, conference, "Hours") == (2, "Exactly")
    assert count_of(kg, conference, "Talks") == (2, "Exactly")
    talks = strings(kg, f"SELECT ?t WHERE {{ ?t a kg:Talk ; kg:partOf {conference} }}")
    assert len(talks) == 2


def test_the_next_ikone_video_conference_is_the_third_of_the_series_by_inference(
    kg: KommGraph,
) -> None:
    planned = "event:videokonferenz-des-interkommunalen-netzwerks-digitale-stadt-im-november-2020"
    assert inferred_triples(kg, planned) == {("edition", "3")}
    assert strings(kg, f"SELECT ?s WHERE {{ {planned} kg:inSeries ?s }}") == strings(
        kg,
        """SELECT ?s WHERE {
             event:zweite-videokonferenz-des-interkommunalen-netzwerks-digitale-stadt kg:inSeries ?s
           }""",
    )
    assert count_of(kg, "org:interkommunales-netzwerk-digitale-stadt", "Members") == (10, "Exactly")


def test_both_events_of_article_004_share_the_motto_and_the_congress_was_postponed(
    kg: KommGraph,
) -> None:
    assert strings(
        kg, 'SELECT ?e WHERE { ?e kg:motto "Wenn nicht analog, dann gerne digital" }'
    ) == {
        ID + "event/zweite-videokonferenz-des-interkommunalen-netzwerks-digitale-stadt",
        ID + "event/kommunalkongress-rheinland-pfalz-2020",
    }
    found = rows(
        kg,
        """SELECT ?postponed ?online ?series WHERE {
             event:kommunalkongress-rheinland-pfalz-2020 kg:postponed ?postponed ;
                 kg:online ?online ; kg:inSeries/rdfs:label ?series .
           }""",
    )
    assert [tuple(str(x) for x in row) for row in found] == [
        ("true", "true", "Kommunalkongress Rheinland-Pfalz")
    ]
    congress = "event:kommunalkongress-rheinland-pfalz-2020"
    assert count_of(kg, congress, "Workshops") == (12, "Exactly")
    assert count_of(kg, congress, "WorkshopRounds") == (2, "Exactly")


def test_five_ikone_contact_persons_ran_four_workshops_of_the_congress(kg: KommGraph) -> None:
    participation = (
        "participation:kommunalkongress-rheinland-pfalz-2020--"
        "interkommunales-netzwerk-digitale-stadt--workshoplead"
    )
    assert count_of(kg, participation, "Speakers") == (5, "Exactly")
    assert count_of(kg, participation, "Workshops") == (4, "Exactly")


def test_roger_lewentz_spoke_at_the_congress_itself_and_so_shares_it_with_its_organizers(
    kg: KommGraph,
) -> None:
    assert "Roger Lewentz" in agents_in_role(
        kg, "event:kommunalkongress-rheinland-pfalz-2020", "kg:QuotedSpeaker"
    )
    assert {"Ministerium des Innern und für Sport", "KL.digital GmbH"} <= collaborator_labels(
        kg, "Roger Lewentz"
    )


@pytest.mark.parametrize("city", ["kaiserslautern", "mainz", "enkenbach-alsenborn"])
def test_the_cities_of_article_004_lie_in_rheinland_pfalz_by_one_and_the_same_inference(
    kg: KommGraph, city: str
) -> None:
    assert inferred_triples(kg, f"place:{city}") == {("locatedIn", ID + "place/rheinland-pfalz")}


def test_the_videos_of_the_congress_record_its_three_talks(kg: KommGraph) -> None:
    talks = strings(kg, "SELECT ?t WHERE { publication:einspielvideos kg:resultOf ?t }")
    assert {t.rsplit("-", 1)[1] for t in talks} == {"grussworte", "interview", "fachvortrag"}


def test_kaiserslautern_is_one_city_and_one_municipality_based_there(kg: KommGraph) -> None:
    found = rows(
        kg,
        """SELECT ?thing ?kind WHERE {
             ?thing rdfs:label "Kaiserslautern" ; a ?kind .
             FILTER(?kind IN (kg:City, kg:Municipality))
           }""",
    )
    assert {(str(t), str(k).rsplit("#", 1)[1]) for t, k in found} == {
        (ID + "place/kaiserslautern", "City"),
        (ID + "org/kaiserslautern", "Municipality"),
    }
    assert strings(kg, "SELECT ?p WHERE { org:kaiserslautern kg:basedIn ?p }") == {
        ID + "place/kaiserslautern"
    }


# --- positions, written as the sources write them ------------------------------------


@pytest.mark.parametrize(
    ("person", "position"),
    [
        ("fabian-mayer", "Erster Bürgermeister der Stadt Stuttgart"),
        ("andreas-meyer-falcke", "CIO des Landes Nordrhein-Westfalen"),
        ("alexis-von-komorowski", "Hauptgeschäftsführer des Landkreistags Baden-Württemberg"),
        ("steffen-jaeger", "Erster Beigeordneter beim Gemeindetag Baden-Württemberg"),
        ("andreas-engel", "Geschäftsführer des KDN"),
        ("joern-riedel", "CIO der Hansestadt"),
        ("johannes-schurr", "Bürgermeister der kleinen Gemeinde Spraitbach"),
        ("martin-verlage", "KL.digital Geschäftsführer"),
        ("peter-liggesmeyer", "Leiter des Fraunhofer- IESE"),
    ],
)
def test_each_position_is_written_as_in_the_source(
    kg: KommGraph, person: str, position: str
) -> None:
    found = strings(kg, f"SELECT ?p WHERE {{ ?a kg:person person:{person} ; kg:position ?p }}")
    assert found == {position}


# --- photographers and contacts --------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "role"), [("Max Kovalenko", "Photographer"), ("Jens Flasche", "Contact")]
)
def test_a_person_who_is_only_photographer_or_contact_has_no_collaborators(
    kg: KommGraph, person: str, role: str
) -> None:
    roles = strings(
        kg,
        f"""SELECT ?role WHERE {{
              ?p kg:agent ?agent ; kg:role ?role . ?agent rdfs:label "{person}" .
            }}""",
    )
    assert roles == {KG + role}
    assert collaborator_labels(kg, person) == set()
