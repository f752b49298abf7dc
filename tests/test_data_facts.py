"""The bundled data states what the five articles say: a sample of facts per article.

Each test asks the loaded graph (`KommGraph.load()`, the curated `data/`) through
SPARQL or through `collaborators`, and names the fact it checks. The counts per
source at the end catch accidental deletions; when an article is curated further,
update them on purpose (see data/README.md, "How to add a new article").
"""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.term import Identifier

from kommgraph import KommGraph
from kommgraph.sparql import SelectResult
from kommgraph.validate import validate

ID = "https://w3id.org/kommgraph/id/"
KOMMDIGITALE = ID + "source/rueckschau-kommdigitale-2024"
NRW_SERIES = ID + "source/rund-550-interessierte-besucherinnen-und-besucher"
BW_CONFERENCE = ID + "source/digitalisierungskonferenzkommunen-als-zukunftsmacher"
AUFBRUCH = ID + "source/digitaler-aufbruch-2024-gipfeltreffen-der-kommunalen-cdos"
IKONE = ID + "source/unter-dem-motto-wenn-nicht-analog-dann-gerne-digital"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
KG = "https://w3id.org/kommgraph/ontology#"

Row = tuple[Identifier | None, ...]


@pytest.fixture(scope="module")
def kg() -> KommGraph:
    """The bundled data, loaded once for the whole module."""
    return KommGraph.load()


def rows(kg: KommGraph, text: str) -> list[Row]:
    result = kg.sparql(text)
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
    _, found = kg.collaborators(actor)
    return {c.entity.label for c in found}


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


@pytest.mark.parametrize(
    ("source", "events", "participations", "affiliations", "relations", "mentions"),
    [
        (KOMMDIGITALE, 11, 23, 5, 2, 0),
        (NRW_SERIES, 3, 8, 2, 1, 0),
        (BW_CONFERENCE, 18, 20, 8, 0, 1),
        (AUFBRUCH, 9, 6, 3, 0, 0),
        (IKONE, 11, 11, 4, 0, 0),
    ],
)
def test_each_source_supports_exactly_the_curated_number_of_facts(
    kg: KommGraph,
    source: str,
    events: int,
    participations: int,
    affiliations: int,
    relations: int,
    mentions: int,
) -> None:
    def count(pattern: str) -> int:
        found = rows(
            kg, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} ?x kg:source <{source}> }}"
        )
        return int(str(found[0][0]))

    assert count("?x a/rdfs:subClassOf* kg:Event .") == events
    assert count("?x a kg:Participation .") == participations
    assert count("?x a kg:Affiliation .") == affiliations
    assert count("?x a kg:Relation .") == relations
    assert count("?x a kg:Mention .") == mentions


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
        "Dachverband kommunaler IT-Dienstleister",
        "Digitale Modellregionen NRW",
    }


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
        "Dachverband kommunaler IT-Dienstleister",
    }


@pytest.mark.parametrize(
    ("entity", "abbreviation"),
    [
        ("topic:onlinezugangsgesetz", "OZG"),
        ("org:kdn", "KDN"),
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


@pytest.mark.parametrize(
    "label",
    [
        "Learntec",
        "22. Regionalkonferenz des Bundesprogramms Modellprojekte Smart Cities",
        "Vitako-Mitgliederversammlung",
        "Infotag E-Government und Digitalisierung",
        "ANGA COM 2025",
        "Innovatives Management 2025",
        "Verwaltung.digiTal",
        "Governikus Summit",
        "GovTech-Gipfel",
        "Hausmesse 2025",
        "2. Interkommunales bijeenkomst",
        "fiberdays",
        "4. SmartCity-Summit Niederrhein",
    ],
)
def test_every_notice_of_article_002_is_one_event(kg: KommGraph, label: str) -> None:
    found = strings(
        kg,
        f"""SELECT ?event WHERE {{
              ?event a/rdfs:subClassOf* kg:Event ; rdfs:label "{label}" ;
                     kg:source <{BW_CONFERENCE}> .
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
    assert len(quotes) == 2


# --- article 003: Digitaler Aufbruch 2024 ------------------------------------------


def test_digitaler_aufbruch_2024_was_hosted_by_hamburg_in_april_2024(kg: KommGraph) -> None:
    assert agents_in_role(kg, "event:digitaler-aufbruch-2024", "kg:Host") == {"Hamburg"}
    found = rows(
        kg,
        "SELECT ?date ?edition WHERE { event:digitaler-aufbruch-2024 kg:date ?date ; "
        "kg:edition ?edition }",
    )
    assert [(str(d), int(str(e))) for d, e in found] == [("2024-04", 2)]


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
    assert [str(congress) for _, congress in found] == ["Kommunalkongress Rheinland-Pfalz"]


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
    found = rows(
        kg, f"SELECT ?date ?n WHERE {{ {conference} kg:date ?date ; kg:participantCount ?n }}"
    )
    assert [(str(d), int(str(n))) for d, n in found] == [("2020-09-09", 21)]
    talks = strings(kg, f"SELECT ?t WHERE {{ ?t a kg:Talk ; kg:partOf {conference} }}")
    assert len(talks) == 2


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
