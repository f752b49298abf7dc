"""The terms the ontology gained for who said what, counts, series, outputs and single inferences.

Every new term is declared with labels in German and English and a comment, and is aligned
with a standard vocabulary where one fits. Then one test per term shows that it does what its
definition says: each builds a small graph on tests/fixtures/lint/clean.ttl (a Digitaltag of
the Stadt Musterstadt with Erika Muster as speaker) and validates it, or asks who collaborates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kommgraph.api import KommGraph
from kommgraph.check.validate import validate
from kommgraph.rdf import resources
from kommgraph.rdf.loading import load

CLEAN = Path(__file__).parent / "fixtures" / "lint" / "clean.ttl"
KG_NS = "https://w3id.org/kommgraph/ontology#"
ID = "https://w3id.org/kommgraph/id/"

PREFIXES = f"""\
@prefix kg:            <{KG_NS}> .
@prefix person:        <{ID}person/> .
@prefix org:           <{ID}org/> .
@prefix place:         <{ID}place/> .
@prefix event:         <{ID}event/> .
@prefix topic:         <{ID}topic/> .
@prefix source:        <{ID}source/> .
@prefix participation: <{ID}participation/> .
@prefix statement:     <{ID}statement/> .
@prefix quantity:      <{ID}quantity/> .
@prefix publication:   <{ID}publication/> .
@prefix inference:     <{ID}inference/> .
@prefix rdf:           <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:          <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:           <http://www.w3.org/2001/XMLSchema#> .
"""
SOURCE = "kg:source source:amtsblatt-2024-03 ; kg:quote"

NEW_CLASSES = ("Statement", "Quantity", "Publication", "Inference", "CountKind", "CountQualifier")
NEW_PROPERTIES = (
    "speaker",
    "atEvent",
    "about",
    "quantityOf",
    "countOf",
    "qualifier",
    "count",
    "producedBy",
    "resultOf",
    "motto",
    "timeText",
    "postponed",
)
# No standard vocabulary has a term for how exact a count is; schema.org has postponement
# only as a value of schema:eventStatus (kg:postponed names it in rdfs:seeAlso).
UNALIGNED = frozenset({"qualifier", "postponed"})
COUNT_KINDS = (
    "Participants",
    "Speakers",
    "Exhibitors",
    "Stands",
    "Talks",
    "Workshops",
    "WorkshopRounds",
    "Panels",
    "Stages",
    "ThemeIslands",
    "Dates",
    "Members",
    "Countries",
    "Hours",
    "Years",
)
QUALIFIERS = ("Exactly", "Approximately", "MoreThan", "AtLeast")
NEW_CONCEPTS = ("QuotedSpeaker", *COUNT_KINDS, *QUALIFIERS)


def kg(name: str) -> URIRef:
    return URIRef(KG_NS + name)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(resources.ontology_file(), format="turtle")


def rules(tmp_path: Path, turtle: str) -> set[str]:
    """The rules (shape or lint check) that clean.ttl plus `turtle` breaks."""
    extra = tmp_path / "extra.ttl"
    extra.write_text(PREFIXES + turtle, encoding="utf-8")
    return {finding.rule for finding in validate(load([CLEAN, extra])).findings}


def collaborators(tmp_path: Path, turtle: str, actor: str) -> dict[str, list[str]]:
    """Label of each collaborator of `actor` -> the bases of the shared events."""
    extra = tmp_path / "extra.ttl"
    extra.write_text(PREFIXES + turtle, encoding="utf-8")
    found = KommGraph.load([CLEAN, extra]).collaborators(actor).items
    return {c.entity.label: [e.basis for e in c.collaboration.events] for c in found}


MAX_BEISPIEL = """
person:max-beispiel a kg:Person ; rdfs:label "Max Beispiel" .
"""
STATEMENT = (
    MAX_BEISPIEL
    + """
statement:amtsblatt-2024-03--max-beispiel a kg:Statement ;
    kg:speaker person:max-beispiel ;
    kg:atEvent event:digitaltag-2024 ;
    kg:about topic:ozg , event:digitaltag-2024 , org:stadt-musterstadt ;
    """
    + SOURCE
    + """ "Zum Digitaltag 2024 lud die Stadt Musterstadt ins Rathaus ein" .
"""
)
QUOTED_SPEAKER = f"""
participation:digitaltag-2024--max-beispiel--quotedspeaker a kg:Participation ;
    kg:agent person:max-beispiel ; kg:event event:digitaltag-2024 ; kg:role kg:QuotedSpeaker ;
    {SOURCE} "lud die Stadt Musterstadt ins Rathaus ein" .
"""


def quantity(lines: str) -> str:
    return f"""
quantity:digitaltag-2024--participants a kg:Quantity ;
    {lines}
    {SOURCE} "Zum Digitaltag 2024 lud die Stadt Musterstadt ins Rathaus ein" .
"""


COMPLETE_QUANTITY = """kg:quantityOf event:digitaltag-2024 ; kg:countOf kg:Participants ;
    kg:count 120 ; kg:qualifier kg:Approximately ;"""


# ----- declarations -----------------------------------------------------------------


@pytest.mark.parametrize("name", NEW_CLASSES + NEW_PROPERTIES + NEW_CONCEPTS)
def test_each_new_term_has_labels_in_german_and_english_and_a_comment(
    ontology: Graph, name: str
) -> None:
    term = kg(name)
    assert (term, RDF.type, None) in ontology, f"kg:{name} is not declared"
    languages = sorted(
        str(label.language)
        for label in ontology.objects(term, RDFS.label)
        if isinstance(label, Literal)
    )
    assert languages == ["de", "en"]
    assert [c for c in ontology.objects(term, RDFS.comment) if getattr(c, "language", None) == "en"]


@pytest.mark.parametrize("name", NEW_CLASSES + NEW_PROPERTIES)
def test_each_new_class_and_property_is_aligned_with_a_standard_vocabulary(
    ontology: Graph, name: str
) -> None:
    parents = set(ontology.objects(kg(name), RDFS.subClassOf)) | set(
        ontology.objects(kg(name), RDFS.subPropertyOf)
    )
    external = {p for p in parents if not str(p).startswith(KG_NS)}
    if name in UNALIGNED:
        assert external == set()
    else:
        assert external, f"kg:{name} has no rdfs:subClassOf/subPropertyOf outside kg:"


def test_the_count_kinds_and_qualifiers_are_closed_schemes_of_the_ontology(
    ontology: Graph, tmp_path: Path
) -> None:
    kinds = set(ontology.subjects(SKOS.inScheme, kg("CountKindScheme")))
    qualifiers = set(ontology.subjects(SKOS.inScheme, kg("CountQualifierScheme")))
    assert kinds == {kg(k) for k in COUNT_KINDS}
    assert all((k, RDF.type, kg("CountKind")) in ontology for k in kinds)
    assert qualifiers == {kg(q) for q in QUALIFIERS}
    assert all((q, RDF.type, kg("CountQualifier")) in ontology for q in qualifiers)
    # A kind the data makes up is outside the scheme, and a term the ontology lacks.
    made_up = '<https://example.org/Besucher> a kg:CountKind ; rdfs:label "Besucher" .\n'
    assert rules(tmp_path, made_up) == {"kgsh:CountKindShape-inScheme"}


# ----- statements -------------------------------------------------------------------


def test_a_statement_names_who_spoke_where_and_about_what(tmp_path: Path) -> None:
    assert rules(tmp_path, STATEMENT + QUOTED_SPEAKER) == set()
    without_speaker = STATEMENT.replace("kg:speaker person:max-beispiel ;", "")
    assert "kgsh:StatementShape-speaker" in rules(tmp_path, without_speaker + QUOTED_SPEAKER)


def test_a_statement_may_have_several_speakers(tmp_path: Path) -> None:
    joint = STATEMENT.replace(
        "kg:speaker person:max-beispiel ;", "kg:speaker person:max-beispiel , person:erika-muster ;"
    )
    assert rules(tmp_path, joint + QUOTED_SPEAKER) == set()  # Erika Muster speaks there anyway


def test_a_statement_at_an_event_needs_its_speaker_active_in_that_event(tmp_path: Path) -> None:
    assert rules(tmp_path, STATEMENT) == {"statement-speaker-not-active-violation"}
    at_a_person = STATEMENT.replace(
        "kg:atEvent event:digitaltag-2024 ;", "kg:atEvent person:erika-muster ;"
    )
    assert "kgsh:StatementShape-atEvent" in rules(tmp_path, at_a_person)


def test_a_statement_is_about_a_topic_an_event_or_an_agent_but_not_a_place(
    tmp_path: Path,
) -> None:
    about_a_place = STATEMENT.replace("org:stadt-musterstadt ;", "place:musterstadt ;")
    assert rules(tmp_path, about_a_place + QUOTED_SPEAKER) == {"kgsh:StatementShape-about"}


def test_a_quoted_speaker_is_active_and_collaborates_with_the_others_active_there(
    ontology: Graph, tmp_path: Path
) -> None:
    assert (kg("QuotedSpeaker"), kg("active"), Literal(True)) in ontology
    assert (kg("QuotedSpeaker"), kg("organizing"), Literal(False)) in ontology
    found = collaborators(tmp_path, STATEMENT + QUOTED_SPEAKER, "Max Beispiel")
    assert found == {"Erika Muster": ["same-event"], "Stadt Musterstadt": ["same-event"]}


# ----- quantities -------------------------------------------------------------------


def test_a_quantity_counts_something_of_an_event_an_organization_or_a_participation(
    tmp_path: Path,
) -> None:
    assert rules(tmp_path, quantity(COMPLETE_QUANTITY)) == set()
    of_a_participation = COMPLETE_QUANTITY.replace(
        "event:digitaltag-2024", "participation:digitaltag-2024--erika-muster--speaker"
    )
    assert rules(tmp_path, quantity(of_a_participation)) == set()
    of_nothing = COMPLETE_QUANTITY.replace("kg:quantityOf event:digitaltag-2024 ;", "")
    assert rules(tmp_path, quantity(of_nothing)) == {"kgsh:QuantityShape-quantityOf"}


def test_a_quantity_counts_one_kind_of_the_ontology(tmp_path: Path) -> None:
    made_up = COMPLETE_QUANTITY.replace("kg:Participants", "kg:Besucher")
    assert rules(tmp_path, quantity(made_up)) == {
        "kgsh:QuantityShape-countOf",
        "unknown-term-violation",
    }


def test_a_quantity_keeps_its_number_as_an_integer(tmp_path: Path) -> None:
    as_text = COMPLETE_QUANTITY.replace("kg:count 120", 'kg:count "rund 120"')
    assert rules(tmp_path, quantity(as_text)) == {"kgsh:QuantityShape-count"}


@pytest.mark.parametrize("qualifier", QUALIFIERS)
def test_a_quantity_says_how_exact_its_number_is(tmp_path: Path, qualifier: str) -> None:
    qualified = COMPLETE_QUANTITY.replace("kg:Approximately", f"kg:{qualifier}")
    assert rules(tmp_path, quantity(qualified)) == set()
    unqualified = COMPLETE_QUANTITY.replace("kg:qualifier kg:Approximately ;", "")
    assert rules(tmp_path, quantity(unqualified)) == {"kgsh:QuantityShape-qualifier"}


# ----- publications -----------------------------------------------------------------


PUBLICATION = f"""
publication:nachlese a kg:Publication ;
    rdfs:label "Nachlese zum Digitaltag" ;
    kg:producedBy org:stadt-musterstadt ;
    kg:resultOf event:digitaltag-2024 ;
    kg:about topic:ozg ;
    kg:planned true ;
    {SOURCE} "Zum Digitaltag 2024 lud die Stadt Musterstadt ins Rathaus ein" .
"""


def test_a_publication_comes_from_an_agent_and_results_from_an_event(tmp_path: Path) -> None:
    assert rules(tmp_path, PUBLICATION) == set()
    by_an_event = PUBLICATION.replace(
        "kg:producedBy org:stadt-musterstadt", "kg:producedBy event:digitaltag-2024"
    )
    assert rules(tmp_path, by_an_event) == {"kgsh:PublicationShape-producedBy"}
    of_a_person = PUBLICATION.replace(
        "kg:resultOf event:digitaltag-2024", "kg:resultOf person:erika-muster"
    )
    assert rules(tmp_path, of_a_person) == {"kgsh:PublicationShape-resultOf"}


def test_a_publication_needs_a_name_a_source_and_a_quote_like_an_event(tmp_path: Path) -> None:
    unnamed = PUBLICATION.replace('rdfs:label "Nachlese zum Digitaltag" ;', "")
    assert rules(tmp_path, unnamed) == {"kgsh:EntityShape-label"}
    unquoted = PUBLICATION.replace(
        f'{SOURCE} "Zum Digitaltag 2024 lud die Stadt Musterstadt ins Rathaus ein"',
        "kg:source source:amtsblatt-2024-03",
    )
    assert rules(tmp_path, unquoted) == {"kgsh:ProvenanceShape-quote"}


# ----- inferences -------------------------------------------------------------------


INFERENCE = f"""
inference:event-digitaltag-2024--place a kg:Inference ;
    rdf:subject event:digitaltag-2024 ; rdf:predicate kg:place ; rdf:object place:musterstadt ;
    kg:inferred true ;
    kg:note "The invitation of the Stadt Musterstadt places the event in Musterstadt."@en ;
    {SOURCE} "lud die Stadt Musterstadt ins Rathaus ein" .
"""


def test_an_inference_marks_one_stated_triple_as_concluded(tmp_path: Path) -> None:
    assert rules(tmp_path, INFERENCE) == set()  # clean.ttl states the place
    elsewhere = INFERENCE.replace("rdf:object place:musterstadt", 'rdf:object "Rathaus"')
    assert rules(tmp_path, elsewhere) == {"inference-without-triple-violation"}
    unmarked = INFERENCE.replace("kg:inferred true", "kg:inferred false")
    assert rules(tmp_path, unmarked) == {"kgsh:InferenceShape-markedInferred"}
    without_note = INFERENCE.replace(
        'kg:note "The invitation of the Stadt Musterstadt places the event in Musterstadt."@en ;',
        "",
    )
    assert rules(tmp_path, without_note) == {"inferred-without-note-violation"}


# ----- events: motto, time as written, postponement, series -------------------------


def test_an_event_has_at_most_one_motto_as_written(tmp_path: Path) -> None:
    assert rules(tmp_path, 'event:digitaltag-2024 kg:motto "Digital vor Ort" .') == set()
    two = 'event:digitaltag-2024 kg:motto "Digital vor Ort" , "Vor Ort digital" .'
    assert rules(tmp_path, two) == {"kgsh:EventShape-motto"}


def test_an_event_keeps_a_vague_time_as_written_beside_its_date(tmp_path: Path) -> None:
    assert rules(tmp_path, 'event:digitaltag-2024 kg:timeText "am Donnerstagabend" .') == set()
    assert rules(tmp_path, 'event:digitaltag-2024 kg:timeText "" .') == {"kgsh:EventShape-timeText"}


def test_a_postponed_event_says_so_with_a_boolean(tmp_path: Path) -> None:
    assert rules(tmp_path, "event:digitaltag-2024 kg:postponed true .") == set()
    assert rules(tmp_path, 'event:digitaltag-2024 kg:postponed "verschoben" .') == {
        "kgsh:EventShape-postponed"
    }


SERIES = f"""
event:digitaltag a kg:EventSeries ;
    rdfs:label "Digitaltag" ; kg:date "2024"^^xsd:gYear ;
    {SOURCE} "Zum Digitaltag 2024 lud die Stadt Musterstadt ins Rathaus ein" .
event:digitaltag-2025 a kg:Conference ;
    rdfs:label "Digitaltag 2025" ; kg:date "2025"^^xsd:gYear ; kg:edition 2 ; kg:planned true ;
    {SOURCE} "Zum Digitaltag 2024 lud die Stadt Musterstadt ins Rathaus ein" .
participation:digitaltag-2025--max-beispiel--organizer a kg:Participation ;
    kg:agent person:max-beispiel ; kg:event event:digitaltag-2025 ; kg:role kg:Organizer ;
    {SOURCE} "lud die Stadt Musterstadt ins Rathaus ein" .
"""


def test_editions_in_a_series_stay_apart_while_parts_of_one_event_collaborate(
    tmp_path: Path,
) -> None:
    in_series = (
        MAX_BEISPIEL
        + SERIES
        + "event:digitaltag-2024 kg:inSeries event:digitaltag .\n"
        + "event:digitaltag-2025 kg:inSeries event:digitaltag .\n"
    )
    assert rules(tmp_path, in_series) == set()
    assert collaborators(tmp_path, in_series, "Max Beispiel") == {}
    as_parts = MAX_BEISPIEL + SERIES + "event:digitaltag-2025 kg:partOf event:digitaltag-2024 .\n"
    assert "Stadt Musterstadt" in collaborators(tmp_path, as_parts, "Max Beispiel")


def test_an_edition_number_is_a_positive_integer(tmp_path: Path) -> None:
    zeroth = MAX_BEISPIEL + SERIES.replace("kg:edition 2", "kg:edition 0")
    assert rules(tmp_path, zeroth) == {"kgsh:EventShape-edition"}


def test_the_participant_count_without_qualifier_is_deprecated(ontology: Graph) -> None:
    assert (kg("participantCount"), OWL.deprecated, Literal(True)) in ontology
