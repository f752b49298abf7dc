"""The query library (queries/*.rq): every file parses, runs on the curated data, and answers.

Each named query runs with the example values of its header against the bundled data; SELECT
results must project exactly the declared columns and, on the curated data, return rows.
Concrete answers are checked against facts the curators recorded, and the `kommgraph query`
command is exercised with every output format and with bad parameters. Parity with a real
SPARQL server is proven in tests/remote/test_remote_queries.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import RDFS, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.term import Identifier

from kommgraph.api import KommGraph
from kommgraph.cli import main
from kommgraph.errors import QueryFileError
from kommgraph.rdf.namespaces import EVENT, KG
from kommgraph.rdf.queries import NamedQuery, parse_query_file, registry
from kommgraph.rdf.sparql import GraphResult, QueryResult, SelectResult

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
QUERY_FILES = sorted(QUERY_DIR.glob("*.rq"))
QUERY_NAMES = [path.stem for path in QUERY_FILES]
MIN_QUERIES = 18
GRAPH_COLUMNS = ("subject", "predicate", "object")

# Queries whose example finds nothing in the curated data (keep this empty: an example that
# answers nothing proves little and helps nobody reading `kommgraph queries`).
EMPTY_ON_BUNDLED_DATA: frozenset[str] = frozenset()

STUTTGART_PANEL = "Diskurs zur Digitalisierung: Welche neuen Rollen kommen auf die Kommunen zu?"
STUTTGART_CONFERENCE = "Digitalisierungskonferenz Baden-Württemberg 2020"


# helpers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kg() -> KommGraph:
    return KommGraph.load()


@pytest.fixture(scope="module")
def queries() -> dict[str, NamedQuery]:
    return registry(QUERY_DIR)


def examples(query: NamedQuery) -> dict[str, str]:
    """The example value of every parameter, as the header gives it."""
    return {param.name: param.example for param in query.params}


def select(kg: KommGraph, name: str, params: Mapping[str, str] | None = None) -> SelectResult:
    result = kg.query(name, dict(params or {}))
    assert isinstance(result, SelectResult), f"{name} is not a SELECT query"
    return result


def text_column(result: SelectResult, name: str) -> list[str]:
    """One column as strings ('' for unbound cells)."""
    return ["" if value is None else str(value) for value in result.column(name)]


def body(query: NamedQuery) -> str:
    """The query text without comment lines, string literals and IRIs in angle brackets."""
    text = "\n".join(line for line in query.text.splitlines() if not line.lstrip().startswith("#"))
    text = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)
    return re.sub(r"<[^<>\s{}]*>", "<>", text)


def outermost_group(query: NamedQuery) -> str:
    """The text of the outermost WHERE group with every nested group cut out."""
    return group_levels(query)[0]


def union_branches(query: NamedQuery) -> list[str] | None:
    """The branches of a WHERE group that is one UNION, each without its nested groups."""
    outer, branches = group_levels(query)
    return branches if branches and re.fullmatch(r"(\s*UNION\s*)*", outer) else None


def group_levels(query: NamedQuery) -> tuple[str, list[str]]:
    """The outermost WHERE group's own text, and that of each group directly in it."""
    text = body(query)
    match = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
    assert match, f"{query.name} has no WHERE group"
    depth, kept = 1, []
    children: list[list[str]] = []
    for char in text[match.end() :]:
        if char == "{":
            depth += 1
            if depth == 2:
                children.append([])
        elif char == "}":
            depth -= 1
            if depth == 0:
                break
        elif depth == 1:
            kept.append(char)
        elif depth == 2:
            children[-1].append(char)
    return "".join(kept), ["".join(child) for child in children]


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_clean_failure(result: Result, *expected: str) -> None:
    """Exit code 1, one clear message containing `expected`, and no traceback."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output, result.output
    for fragment in expected:
        assert fragment in result.output, result.output


# the registry ------------------------------------------------------------------------------


def test_every_query_file_parses_into_the_registry(queries: dict[str, NamedQuery]) -> None:
    assert len(QUERY_FILES) >= MIN_QUERIES, QUERY_NAMES
    assert len(queries) == len(QUERY_FILES)
    assert sorted(queries) == QUERY_NAMES


def test_the_bundled_registry_is_the_query_folder_of_the_checkout() -> None:
    assert sorted(registry()) == QUERY_NAMES


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_has_title_description_columns_and_tags(
    queries: dict[str, NamedQuery], name: str
) -> None:
    query = queries[name]
    assert query.title and query.description and query.tags, query
    assert "\n" not in query.description
    assert query.columns, f"{name} declares no columns"
    assert len(set(query.columns)) == len(query.columns), query.columns


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_parameter_has_an_example_and_a_description(
    queries: dict[str, NamedQuery], name: str
) -> None:
    for param in queries[name].params:
        assert param.example and param.description, param


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_declares_the_prefixes_it_uses(
    queries: dict[str, NamedQuery], name: str
) -> None:
    text = body(queries[name])
    declared = set(re.findall(r"\bPREFIX\s+([A-Za-z][\w-]*)\s*:", text, re.IGNORECASE))
    used = set(re.findall(r"(?<![\w?$:-])([A-Za-z][\w-]*):(?=[A-Za-z_])", text))
    assert used <= declared, f"{name} uses undeclared prefixes {sorted(used - declared)}"


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_parameter_is_used_in_the_outermost_group(
    queries: dict[str, NamedQuery], name: str
) -> None:
    # remotely the parameter is bound by a VALUES block opening the outermost group; a
    # parameter only used inside a subquery or a nested group would not see that binding,
    # unless the group is a UNION whose every branch binds it itself (joined with VALUES),
    # or a UNION beside other patterns one of whose branches binds it (actors-bridging-topics:
    # one branch per topic; the other branch leaves that parameter free)
    outer, children = group_levels(queries[name])
    branches = union_branches(queries[name]) or [outer]
    for param in queries[name].params:
        used = rf"\?{param.variable}\b"
        whole_union = union_branches(queries[name]) is not None
        if not whole_union and re.search(r"\bUNION\b", outer) and not re.search(used, outer):
            assert any(re.search(rf"{used}\s*[.;]", child) for child in children), (
                f"{name}: ?{param.variable} is bound by no triple pattern of a UNION branch"
            )
            continue
        for text in branches:
            assert re.search(used, text), (
                f"{name}: ?{param.variable} is not used in the outermost group"
            )


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_select_query_orders_its_rows(queries: dict[str, NamedQuery], name: str) -> None:
    query = queries[name]
    if query.form == "SELECT":
        assert re.search(r"\bORDER\s+BY\b", body(query), re.IGNORECASE), name


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_no_query_hard_codes_the_list_of_active_roles(
    queries: dict[str, NamedQuery], name: str
) -> None:
    text = body(queries[name])
    hard_coded = {"kg:Speaker", "kg:Panelist", "kg:Moderator", "kg:WorkshopLead"}
    assert not {role for role in hard_coded if role in text}, name


# running the examples -----------------------------------------------------------------------


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_runs_on_the_bundled_data_with_its_examples(
    kg: KommGraph, queries: dict[str, NamedQuery], name: str
) -> None:
    query = queries[name]
    result: QueryResult = kg.query(name, examples(query))
    if query.form == "CONSTRUCT":
        assert isinstance(result, GraphResult)
        assert query.columns == GRAPH_COLUMNS
        assert len(result.graph) > 0 or name in EMPTY_ON_BUNDLED_DATA
        return
    assert isinstance(result, SelectResult)
    assert result.variables == query.columns
    if name not in EMPTY_ON_BUNDLED_DATA:
        assert result.rows, f"{name} with {examples(query)} finds nothing in the bundled data"


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_no_select_query_returns_the_same_row_twice(
    kg: KommGraph, queries: dict[str, NamedQuery], name: str
) -> None:
    result = kg.query(name, examples(queries[name]))
    if isinstance(result, SelectResult):
        assert len(set(result.rows)) == len(result.rows)


def test_the_queries_that_answer_nothing_are_only_those_declared(
    kg: KommGraph, queries: dict[str, NamedQuery]
) -> None:
    empty = set()
    for name, query in queries.items():
        result = kg.query(name, examples(query))
        if isinstance(result, SelectResult) and not result.rows:
            empty.add(name)
        if isinstance(result, GraphResult) and len(result.graph) == 0:
            empty.add(name)
    assert empty == EMPTY_ON_BUNDLED_DATA


# concrete answers on the curated data ----------------------------------------------------------
# Entities are named by label (the name as the source writes it), not by IRI slug.


def test_collaborators_of_fabian_mayer_include_the_other_panelists_of_the_stuttgart_panel(
    kg: KommGraph,
) -> None:
    result = select(kg, "collaborators-of", {"actor": "Fabian Mayer"})
    on_panel = {
        str(row["collaboratorLabel"])
        for row in result.dicts()
        if str(row["sharedEventLabel"]) == STUTTGART_PANEL and str(row["basis"]) == "same-event"
    }
    assert on_panel >= {
        "Ivan Acimovic",
        "Steffen Jäger",
        "Wolfgang Forderer",
        "Max Schulze-Vorberg",
        "Ralf Armbruster",
        "Martin Schmeling",
    }
    assert "Fabian Mayer" not in text_column(result, "collaboratorLabel")


def test_collaborators_of_fabian_mayer_include_the_conference_organizers_only_as_umbrella(
    kg: KommGraph,
) -> None:
    result = select(kg, "collaborators-of", {"actor": "Fabian Mayer"})
    stuttgart = [
        row for row in result.dicts() if str(row["collaboratorLabel"]) == "Stadt Stuttgart"
    ]
    assert stuttgart
    assert {str(row["basis"]) for row in stuttgart} == {"umbrella-only"}
    assert {str(row["sharedEventLabel"]) for row in stuttgart} == {STUTTGART_CONFERENCE}


def test_collaborators_are_found_by_alias_and_by_iri_alike(kg: KommGraph) -> None:
    by_label = select(kg, "collaborators-of", {"actor": "Fabian Mayer"})
    by_alias = select(kg, "collaborators-of", {"actor": "Dr. Fabian Mayer"})
    by_iri = select(kg, "collaborators-of", {"actor": kg.actor("Fabian Mayer").iri})
    assert by_label.rows == by_alias.rows == by_iri.rows


def test_collaborators_never_include_mere_photographers(kg: KommGraph) -> None:
    result = select(kg, "collaborators-of", {"actor": "Stadt Stuttgart"})
    assert result.rows
    assert "Max Kovalenko" not in text_column(result, "collaboratorLabel")


def test_collaborating_pairs_are_listed_once_each_with_the_panel_counted(kg: KommGraph) -> None:
    result = select(kg, "collaborating-pairs")
    pairs = [(str(row["agent1"]), str(row["agent2"])) for row in result.dicts()]
    assert all(a < b for a, b in pairs)
    assert len(set(pairs)) == len(pairs)
    panel_pair = next(
        row
        for row in result.dicts()
        if {str(row["agent1Label"]), str(row["agent2Label"])} == {"Fabian Mayer", "Steffen Jäger"}
    )
    assert panel_pair["sharedEvents"] == Literal(1)
    assert panel_pair["sharedEventTrees"] == Literal(1)
    assert panel_pair["firstYear"] == Literal("2020")


def test_two_steps_from_stadt_mainz_reach_the_kommunalkongress_through_the_network(
    kg: KommGraph,
) -> None:
    result = select(kg, "two-steps-from", {"actor": "Stadt Mainz"})
    assert "Roger Lewentz" in text_column(result, "personLabel")
    assert set(text_column(result, "viaLabel")) == {"Interkommunales Netzwerk Digitale Stadt"}


def test_two_steps_from_never_lists_a_direct_collaborator(kg: KommGraph) -> None:
    for actor in ("NEGZ", "Stadt Mainz", "Interkommunales Netzwerk Digitale Stadt"):
        direct = set(select(kg, "collaborators-of", {"actor": actor}).column("collaborator"))
        two_steps = set(select(kg, "two-steps-from", {"actor": actor}).column("person"))
        assert not direct & two_steps, actor


# The collaboration queries are written for Oxigraph's join order (see their comments); these
# checks pin their meaning to the collaboration model for every actor, not just the examples.

EVENT_BASES = {"same-event", "co-organizing", "umbrella", "umbrella-only"}


def active_agents(kg: KommGraph) -> list[str]:
    """Every agent with an active role, by IRI."""
    result = kg.sparql(
        "SELECT DISTINCT ?agent WHERE { ?p kg:agent ?agent ; kg:role/kg:active true } "
        "ORDER BY ?agent"
    )
    assert isinstance(result, SelectResult)
    return [str(row[0]) for row in result.rows]


def test_collaborators_of_agrees_with_the_collaboration_model_for_every_actor(
    kg: KommGraph,
) -> None:
    agents = active_agents(kg)
    assert len(agents) > 20
    for actor in agents:
        bases: dict[tuple[str, str], set[str]] = {}
        for row in select(kg, "collaborators-of", {"actor": actor}).dicts():
            key = (str(row["collaborator"]), str(row["sharedEvent"]))
            bases.setdefault(key, set()).add(str(row["basis"]))
        found = kg.collaborators(actor).items
        model = {
            (c.entity.iri, shared.iri): shared.basis
            for c in found
            for shared in c.collaboration.events
            if shared.basis in EVENT_BASES
        }
        assert set(bases) == set(model), actor
        for key, basis in model.items():
            assert basis in bases[key], (actor, key, basis, bases[key])


def test_two_steps_from_are_the_collaborators_of_collaborators_for_every_actor(
    kg: KommGraph,
) -> None:
    agents = active_agents(kg)
    result = kg.sparql("SELECT ?p WHERE { ?p a/rdfs:subClassOf* kg:Person }")
    assert isinstance(result, SelectResult)
    persons = {str(row[0]) for row in result.rows}
    direct = {
        agent: set(text_column(select(kg, "collaborators-of", {"actor": agent}), "collaborator"))
        for agent in agents
    }
    reached = 0
    for actor in agents:
        expected = {
            (person, via)
            for via in direct[actor]
            for person in direct.get(via, set())
            if person in persons and person != actor and person not in direct[actor]
        }
        rows = select(kg, "two-steps-from", {"actor": actor}).dicts()
        assert {(str(row["person"]), str(row["via"])) for row in rows} == expected, actor
        assert all(row["firstEvent"] != row["secondEvent"] for row in rows)
        reached += bool(expected)
    assert reached >= 2


def test_events_on_topic_smart_city_include_events_on_narrower_topics(kg: KommGraph) -> None:
    result = select(kg, "events-on-topic", {"topic": "Smart City"})
    matched = {(str(row["eventLabel"]), str(row["matchedTopicLabel"])) for row in result.dicts()}
    assert ("Die digitale Stadt der Zukunft", "Digitale Stadt") in matched
    assert ("Ohne Standards keine smarten Cities", "Smart City") in matched


def test_events_on_topic_accept_an_alias_of_the_topic(kg: KommGraph) -> None:
    by_alias = select(kg, "events-on-topic", {"topic": "Onlinezugangsgesetz"})
    assert by_alias.rows
    assert by_alias.rows == select(kg, "events-on-topic", {"topic": "OZG"}).rows


def test_actors_on_a_topic_include_those_in_parts_of_an_event_on_it(kg: KommGraph) -> None:
    # the opening talk has no topic of its own; its conference is about the OZG
    result = select(kg, "actors-on-topic", {"topic": "OZG"})
    assert "Fabian Mayer" in text_column(result, "actorLabel")


def test_people_of_the_kdn_include_andreas_engel_as_its_geschaeftsfuehrer(kg: KommGraph) -> None:
    result = select(kg, "people-of-organization", {"organization": "KDN"})
    rows = [row for row in result.dicts() if str(row["personLabel"]) == "Andreas Engel"]
    assert {str(row["position"]) for row in rows} == {"Geschäftsführer des KDN"}
    assert all(row["source"] is not None and row["quote"] is not None for row in rows)


def test_events_of_2024_include_events_dated_by_year_and_by_month_only(kg: KommGraph) -> None:
    result = select(kg, "events-by-year", {"year": "2024"})
    events = set(text_column(result, "eventLabel"))
    assert "KommDIGITALE 2024" in events  # xsd:gYear
    assert "Digitaler Aufbruch 2024" in events  # xsd:gYearMonth
    assert all(date.startswith("2024") for date in text_column(result, "date"))


def test_events_in_hamburg_include_the_parts_of_an_event_held_there(kg: KommGraph) -> None:
    result = select(kg, "events-in-city", {"city": "hamburg"})
    events = set(text_column(result, "eventLabel"))
    assert "Digitaler Aufbruch 2024" in events
    assert "Prompt-a-thon" in events  # no place of its own: its conference's
    assert "Tour durch den Hamburger smartPORT" in events  # at a venue in Hamburg


def test_organizations_in_rheinland_pfalz_are_found_through_their_city(kg: KommGraph) -> None:
    result = select(kg, "organizations-in-place", {"place": "Rheinland-Pfalz"})
    found = set(text_column(result, "organizationLabel"))
    assert "Kaiserslautern" in found  # based in Kaiserslautern, which lies in the Land
    assert "Ministerium des Innern und für Sport" in found


def test_organizations_by_kind_count_the_subclasses(kg: KommGraph) -> None:
    everything = select(kg, "organizations-by-kind", {"kind": "kg:Organization"})
    municipalities = select(kg, "organizations-by-kind", {"kind": "kg:Municipality"})
    assert set(municipalities.column("organization")) < set(everything.column("organization"))
    assert set(municipalities.column("kind")) == {KG.Municipality}
    assert len(set(everything.rows)) == len(everything.rows)  # distinct without DISTINCT
    assert select(kg, "organizations-by-kind", {"kind": "kg:Event"}).rows == ()


def test_the_programme_of_kommdigitale_reaches_a_talk_inside_a_workshop(
    kg: KommGraph, queries: dict[str, NamedQuery]
) -> None:
    example = queries["sub-events-of"].params[0].example
    assert example == "event:kommdigitale-2024"
    result = select(kg, "sub-events-of", {"event": example})
    talk = "Input von Johannes Schwall"
    rows = [row for row in result.dicts() if str(row["subEventLabel"]) == talk]
    assert [(str(row["agentLabel"]), row["role"]) for row in rows] == [
        ("Johannes Schwall", KG.Speaker)
    ]
    assert rows[0]["parent"] != EVENT["kommdigitale-2024"]  # part of a workshop, not the fair


def test_co_organizers_list_both_organizers_of_the_kommunalkongress(kg: KommGraph) -> None:
    result = select(kg, "co-organizers")
    organizers = {
        str(row["organizerLabel"])
        for row in result.dicts()
        if str(row["eventLabel"]).startswith("Kommunalkongress Rheinland-Pfalz")
    }
    assert organizers == {"KL.digital GmbH", "Ministerium des Innern und für Sport"}
    assert all(int(str(count)) >= 2 for count in result.column("organizers"))


def test_the_timeline_of_an_actor_is_in_date_order(kg: KommGraph) -> None:
    result = select(kg, "actor-timeline", {"actor": "Interkommunales Netzwerk Digitale Stadt"})
    dates = text_column(result, "date")
    assert dates == sorted(dates)
    assert len(set(dates)) > 1


def test_evidence_about_fabian_mayer_gives_a_source_and_quote_for_every_statement(
    kg: KommGraph,
) -> None:
    result = select(kg, "evidence-about-actor", {"actor": "Fabian Mayer"})
    assert {KG.Participation, KG.Affiliation} <= set(result.column("kind"))
    assert all(row["source"] is not None and row["quote"] for row in result.dicts())
    assert STUTTGART_PANEL in text_column(result, "aboutLabel")
    assert "Stadt Stuttgart" in text_column(result, "aboutLabel")


def test_topics_of_a_person_come_from_their_events(kg: KommGraph) -> None:
    result = select(kg, "topics-of-person", {"person": "Steffi Brauer"})
    assert {"Smart City", "Standardisierung"} <= set(text_column(result, "topicLabel"))


def test_inferred_facts_each_carry_a_note(kg: KommGraph) -> None:
    result = select(kg, "inferred-facts")
    facts = set(result.column("fact"))
    assert KG.Participation in set(result.column("kind"))
    noted = {row["fact"] for row in result.dicts() if row["note"] is not None}
    assert noted == facts


def test_sources_count_the_facts_they_support(kg: KommGraph) -> None:
    result = select(kg, "sources")
    counts: dict[Identifier | None, int] = {
        row["source"]: int(str(row["events"])) + int(str(row["statements"]))
        for row in result.dicts()
    }
    assert len(counts) == len(result.rows) >= 5
    assert all(count > 0 for count in counts.values())


def test_the_ego_graph_holds_the_actors_participations_and_the_other_panelists(
    kg: KommGraph,
) -> None:
    result = kg.query("ego-graph-of", {"actor": "Fabian Mayer"})
    assert isinstance(result, GraphResult)
    agents = {str(agent) for agent in result.graph.objects(None, KG.agent)}
    assert {kg.actor("Fabian Mayer").iri, kg.actor("Steffen Jäger").iri} <= agents
    labels = {str(label) for label in result.graph.objects(None, RDFS.label)}
    assert STUTTGART_PANEL in labels


# the command line ---------------------------------------------------------------------------


def test_cli_queries_lists_every_query() -> None:
    result = run_cli("queries")
    assert result.exit_code == 0, result.output
    for name in QUERY_NAMES:
        assert name in result.output


def test_cli_queries_json_lists_every_query_with_its_parameters() -> None:
    result = run_cli("queries", "--format", "json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert [entry["name"] for entry in listed] == QUERY_NAMES
    by_name = {entry["name"]: entry for entry in listed}
    assert by_name["collaborators-of"]["params"][0]["example"] == "Fabian Mayer"
    assert by_name["ego-graph-of"]["form"] == "CONSTRUCT"


COLLAB_ARGS = ("query", "collaborators-of", "--param", "actor=Fabian Mayer")


def test_cli_query_prints_a_table() -> None:
    result = run_cli("query", "topics-of-person", "--param", "person=Steffi Brauer")
    assert result.exit_code == 0, result.output
    assert "topicLabel" in result.output and "Standardisierung" in result.output


def test_cli_query_csv_has_the_declared_columns_as_header(queries: dict[str, NamedQuery]) -> None:
    result = run_cli(*COLLAB_ARGS, "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ",".join(queries["collaborators-of"].columns)
    assert any(",Steffen Jäger,same-event," in line for line in lines)


def test_cli_query_json_is_sparql_results_json(queries: dict[str, NamedQuery]) -> None:
    result = run_cli(*COLLAB_ARGS, "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["head"]["vars"] == list(queries["collaborators-of"].columns)
    bindings = answer["results"]["bindings"]
    assert bindings
    first = bindings[0]
    assert first["collaborator"]["type"] == "uri"
    assert first["collaboratorLabel"]["type"] == "literal"
    assert {"type": "literal", "value": "Steffen Jäger"} in [
        b["collaboratorLabel"] for b in bindings
    ]


def test_cli_query_json_keeps_the_datatype_of_numbers() -> None:
    result = run_cli("query", "collaborating-pairs", "--format", "json")
    assert result.exit_code == 0, result.output
    first = json.loads(result.output)["results"]["bindings"][0]
    assert first["sharedEvents"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_cli_query_markdown_is_a_table_with_the_columns(
    kg: KommGraph, queries: dict[str, NamedQuery]
) -> None:
    result = run_cli(*COLLAB_ARGS, "--format", "md")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "| " + " | ".join(queries["collaborators-of"].columns) + " |"
    assert lines[1].startswith("|---|")
    rows = select(kg, "collaborators-of", {"actor": "Fabian Mayer"}).rows
    assert len(lines) == 2 + len(rows)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_cli_construct_gives_turtle_and_json_ld_of_the_same_graph() -> None:
    args = ("query", "ego-graph-of", "-p", "actor=Fabian Mayer")
    turtle = run_cli(*args)
    jsonld = run_cli(*args, "--format", "json")
    assert turtle.exit_code == 0 and jsonld.exit_code == 0, turtle.output + jsonld.output
    from_turtle = Graph().parse(data=turtle.output, format="turtle")
    from_jsonld = Graph().parse(data=jsonld.output, format="json-ld")
    assert len(from_turtle) > 0
    assert isomorphic(from_turtle, from_jsonld)


def test_cli_query_runs_a_query_file_given_by_path() -> None:
    result = run_cli("query", str(QUERY_DIR / "sources.rq"), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("source,title,")


def test_cli_query_runs_a_users_own_query_file_with_parameters(tmp_path: Path) -> None:
    own = tmp_path / "speakers-of-year.rq"
    own.write_text(
        "#+ title: Speakers of a year\n"
        "#+ description: Who spoke in a year.\n"
        "#+ param: year | year | 2024 | the year\n"
        "#+ columns: label\n"
        "PREFIX kg: <https://w3id.org/kommgraph/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT DISTINCT ?label WHERE {\n"
        "  ?p kg:agent ?agent ; kg:event ?event ; kg:role kg:Speaker .\n"
        "  ?event kg:date ?date . FILTER(SUBSTR(STR(?date), 1, 4) = STR(?_year))\n"
        "  ?agent rdfs:label ?label .\n"
        "} ORDER BY ?label\n",
        encoding="utf-8",
    )
    result = run_cli("query", str(own), "-p", "year=2024", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Steffi Brauer" in result.output.splitlines()


def test_cli_missing_parameter_is_named() -> None:
    assert_clean_failure(run_cli("query", "collaborators-of"), "'actor'", "missing")


def test_cli_unknown_parameter_is_named() -> None:
    result = run_cli(*COLLAB_ARGS, "--param", "since=2020")
    assert_clean_failure(result, "'since'", "no such parameter")


def test_cli_parameter_without_value_is_named() -> None:
    assert_clean_failure(run_cli("query", "collaborators-of", "-p", "actor"), "name=value")


@pytest.mark.parametrize(
    ("args", "param"),
    [
        (("query", "events-by-year", "-p", "year=zweitausend"), "'year'"),
        (("query", "events-by-year", "-p", "year=24"), "'year'"),
        (("query", "sub-events-of", "-p", "event=<http://evil> } UNION { ?s ?p ?o"), "'event'"),
        (("query", "organizations-by-kind", "-p", "kind=not an iri"), "'kind'"),
        (("query", "events-on-topic", "-p", "topic=Smart Citty"), "'topic'"),
    ],
)
def test_cli_malformed_parameter_is_named(args: tuple[str, ...], param: str) -> None:
    assert_clean_failure(run_cli(*args), param)


def test_cli_unknown_actor_is_named_with_candidates() -> None:
    result = run_cli("query", "collaborators-of", "-p", "actor=Fabian Meyer")
    assert_clean_failure(result, "'actor'", "Fabian Mayer")


def test_cli_unknown_query_lists_close_candidates() -> None:
    result = run_cli("query", "collaborator-of", "-p", "actor=Fabian Mayer")
    assert_clean_failure(result, "unknown query 'collaborator-of'", "collaborators-of")


def test_cli_missing_query_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.rq"
    assert_clean_failure(run_cli("query", str(missing)), "nowhere.rq")


@pytest.mark.parametrize("hostile", ['x" } ; DROP ALL ; #', 'Hamburg" || "1" = "1', "Hamburg\\"])
def test_string_parameters_are_bound_not_pasted(kg: KommGraph, hostile: str) -> None:
    assert select(kg, "events-in-city", {"city": hostile}).rows == ()
    assert select(kg, "events-in-city", {"city": "Hamburg"}).rows


def test_the_queries_of_all_the_data_are_marked_and_a_wrong_scan_is_refused(
    tmp_path: Path,
) -> None:
    found = registry()
    assert {name for name, q in found.items() if q.whole} == {
        "most-active-actors",
        "collaborating-pairs",
    }
    broken = tmp_path / "broken.rq"
    broken.write_text(
        "#+ title: t\n#+ description: d\n#+ scan: everything\nSELECT * WHERE { ?s ?p ?o }\n"
    )
    with pytest.raises(QueryFileError, match="scan 'everything' is not one of whole"):
        parse_query_file(broken)
