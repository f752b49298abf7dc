"""`kommgraph viz` without a browser: offline, escaped, exact data, cuts, ego networks, figures.

The fixture graph (written to tmp_path) has five actors in the network: Anna Ält, Bernd
Berg and two organizations at one conference in 2023 (topic OZG), and Clara Christ with
Bernd at a meeting in 2021 (topic Smart City). One organization is labelled with an HTML
injection (and has another name with one), and a quote tries to close the data's <script>
block. Pages are made in English unless a test is about the language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from kommgraph.api import KommGraph
from kommgraph.cli import main
from kommgraph.network.centrality import centrality
from kommgraph.network.filters import NO_FILTERS
from kommgraph.views.figures import write_figure
from kommgraph.views.page import SCRIPTS, json_for_html, render_html
from kommgraph.views.page_data import page_data
from kommgraph.views.view import KIND_STYLES, make_view
from kommgraph.vocab import FigureFormat, Metric

EVIL = '<img src=x onerror="window.__pwned=1">'
EVIL_QUOTE = "</script><script>window.__pwned=2</script>"
ID = "https://w3id.org/kommgraph/id/"
ANNA, BERND, CLARA = f"{ID}person/anna-aelt", f"{ID}person/bernd-berg", f"{ID}person/clara-christ"
STADT, EVIL_ORG = f"{ID}org/stadt-musterstadt", f"{ID}org/evil-gmbh"

FIXTURE = (Path(__file__).parent / "fixtures" / "viz" / "evil.ttl").read_text(encoding="utf-8")

NODES = {ANNA, BERND, CLARA, STADT, EVIL_ORG}


def edge_id(a: str, b: str) -> str:
    """Edge ids are "a -- b" with the IRIs in order, like the collaboration model's pairs."""
    return " -- ".join(sorted((a, b)))


EDGES = {
    edge_id(ANNA, BERND),
    edge_id(ANNA, EVIL_ORG),
    edge_id(ANNA, STADT),
    edge_id(EVIL_ORG, STADT),
    edge_id(BERND, CLARA),
    edge_id(BERND, EVIL_ORG),
    edge_id(BERND, STADT),
}


@pytest.fixture(scope="module")
def fixture_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("viz") / "fixture.ttl"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def kg(fixture_file: Path) -> KommGraph:
    return KommGraph.load([fixture_file])


def page(kg: KommGraph, **options: Any) -> str:
    options.setdefault("lang", "en")
    return render_html(kg.view(options.pop("network", "actors"), **options))


def embedded(html_text: str) -> dict[str, Any]:
    """The JSON data block of a page, parsed."""
    found = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', html_text, re.S
    )
    assert found, "no data block"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def edge_ids(data: dict[str, Any]) -> list[str]:
    """The ids the page gives the edges: node ids by index, "a -- b"."""
    nodes = data["nodes"]
    return [f"{nodes[e['from']]['id']} -- {nodes[e['to']]['id']}" for e in data["edges"]]


def find_edge(data: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    edge: dict[str, Any] = data["edges"][edge_ids(data).index(edge_id(a, b))]
    return edge


def find_node(data: dict[str, Any], iri: str) -> dict[str, Any]:
    return next(n for n in data["nodes"] if n["id"] == iri)


def lines(data: dict[str, Any], tip: dict[str, Any], head: str) -> list[tuple[str, list[str]]]:
    """A tooltip section's items as (line, sub-lines), looked up in the string table."""
    strings = data["strings"]
    section = next(s for s in tip["sections"] if strings[s["head"]] == head)
    return [(strings[text], [strings[x] for x in sub]) for text, sub in section["items"]]


def test_page_references_no_other_origin(kg: KommGraph) -> None:
    text = page(kg)
    for needle in ('src="http', "src='http", 'href="http', "href='http", "url(http", "@import"):
        assert needle not in text, needle
    assert "cdn" not in text.lower()
    assert "sourceMappingURL" not in text
    assert re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", text) is None


def test_page_forbids_every_load_by_content_security_policy(kg: KommGraph) -> None:
    text = page(kg)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    assert csp, "no CSP"
    assert "default-src 'none'" in csp.group(1)
    assert "unsafe-inline" not in csp.group(1).split("script-src", 1)[1].split(";")[0]


def test_page_embeds_vis_network_inline(kg: KommGraph) -> None:
    text = page(kg)
    assert "vis-network" in text and "@version 9.1.2" in text
    assert text.count("</script>") == 2 + len(SCRIPTS)  # data, vis-network, page scripts
    assert "<!--" not in text


def test_dataset_holds_exactly_the_expected_nodes_and_edges(kg: KommGraph) -> None:
    data = embedded(page(kg))
    assert {n["id"] for n in data["nodes"]} == NODES
    assert set(edge_ids(data)) == EDGES and len(data["edges"]) == len(EDGES)


def test_data_block_escapes_markup_and_labels_arrive_intact(kg: KommGraph) -> None:
    text = page(kg)
    block = re.search(r'id="kg-data">(.*?)</script>', text, re.S)
    assert block is not None
    assert "<" not in block.group(1) and ">" not in block.group(1) and "&" not in block.group(1)
    assert EVIL not in text and EVIL_QUOTE not in text and "<i>Digitales</i>" not in text
    data = embedded(text)
    assert {n["name"] for n in data["nodes"]} >= {EVIL, "Anna Ält"}
    assert any(EVIL_QUOTE in line for line in data["strings"])
    bernd = find_node(data, BERND)
    assert lines(data, bernd["tip"], "Affiliations") == [
        ("Leiter <i>Digitales</i> & Co, Stadt Musterstadt", [])
    ]


def test_json_for_html_cannot_close_a_script_block() -> None:
    text = json_for_html({"a": "</script><!-- & -->"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"}'
    assert json.loads(text) == {"a": "</script><!-- & -->"}


def test_title_and_description_are_escaped(kg: KommGraph) -> None:
    text = page(kg, title="<b>Mein</b> & Netz")
    assert "<title>&lt;b&gt;Mein&lt;/b&gt; &amp; Netz</title>" in text
    assert "<b>Mein</b>" not in text


def test_edge_tooltip_has_events_dates_roles_and_quotes(kg: KommGraph) -> None:
    data = embedded(page(kg))
    tip = find_edge(data, BERND, CLARA)["tip"]
    assert data["strings"][tip["sub"]] == "weight 1, 1 shared event(s) or relation(s)"
    assert lines(data, tip, "Shared events, with roles") == [
        (
            "Treffen 2021 (2021) · same-event +1",
            ["Bernd Berg: moderator @ Treffen 2021", "Clara Christ: speaker @ Treffen 2021"],
        )
    ]
    assert lines(data, tip, "Sources") == [  # in the model's order: source, then statement
        ("„Clara sprach“ — Musterblatt <b>2023</b>", []),
        ("„Bernd moderierte“ — Musterblatt <b>2023</b>", []),
    ]


def test_node_tooltip_lists_kind_and_top_collaborators(kg: KommGraph) -> None:
    data = embedded(page(kg))
    clara = find_node(data, CLARA)
    assert clara["name"] == "Clara Christ"
    assert data["strings"][clara["tip"]["sub"]] == "Person · weighted degree: 1"
    assert lines(data, clara["tip"], "Top collaborators") == [("Bernd Berg (weight 1)", [])]
    stadt = find_node(data, STADT)
    assert lines(data, stadt["tip"], "People, members, relations") == [
        ("Bernd Berg (Leiter <i>Digitales</i> & Co)", [])
    ]


def test_facets_give_years_and_topics_per_event(kg: KommGraph) -> None:
    data = embedded(page(kg))
    topics = {t["label"]: t["index"] for t in data["topics"]}
    assert set(topics) == {"OZG", "Smart City"} and data["years"] == [2021, 2023]
    assert find_edge(data, BERND, CLARA)["facets"] == [[2021, [topics["Smart City"]]]]


def test_max_nodes_keeps_the_most_central_and_says_it_is_a_cut(kg: KommGraph) -> None:
    text = page(kg, max_nodes=2, size_by="degree")
    data = embedded(text)
    # Bernd has degree 4, the other four 3: ties go by label, and "<img ..." sorts first
    assert {n["id"] for n in data["nodes"]} == {BERND, EVIL_ORG}
    assert 'id="kg-cut"' in text
    assert "This is a cut: it shows the 2 most central of 5 nodes (by degree)" in text
    assert "--max-nodes" not in text  # the library names no option; the command line adds them
    assert 'id="kg-cut"' not in page(kg)


def test_ego_network_holds_the_actor_and_its_neighbours(kg: KommGraph) -> None:
    view = kg.view("actors", ego=CLARA, depth=1, lang="en")
    assert set(view.graph.nodes) == {CLARA, BERND}
    wider = kg.view("actors", ego=CLARA, depth=2, lang="en")
    assert set(wider.graph.nodes) == NODES
    assert view.description[0].endswith("; ego network of Clara Christ, depth 1")


def test_filters_narrow_the_network_before_drawing(kg: KommGraph) -> None:
    view = kg.view("actors", kg.filters(since="2022"))
    data = page_data(view)
    assert {n["id"] for n in data["nodes"]} == {ANNA, BERND, STADT, EVIL_ORG}


def test_bipartite_edge_tooltip_has_roles_and_quotes(kg: KommGraph) -> None:
    data = embedded(page(kg, network="bipartite"))
    tip = find_edge(data, f"{ID}event/treffen-2021", BERND)["tip"]
    assert lines(data, tip, "Events, roles and sources") == [
        ("Treffen 2021 (2021)", ["role: moderator", "„Bernd moderierte“ — Musterblatt <b>2023</b>"])
    ]


@pytest.mark.parametrize("metric", ["degree", "weighted_degree", "pagerank"])
def test_sizes_rank_like_the_analysis_module(kg: KommGraph, metric: Metric) -> None:
    graph = kg.network("actors")
    view = make_view(graph, kg.evidence, NO_FILTERS, network="actors", size_by=metric, max_nodes=3)
    rows = centrality(graph.copy(), metric).rows
    assert view.scores == {r.iri: r.scores[metric] for r in rows}
    assert set(view.graph.nodes) == {r.iri for r in rows[:3]}


@pytest.mark.parametrize("network", ["persons", "organizations", "bipartite", "topics"])
def test_every_projection_renders(kg: KommGraph, network: str) -> None:
    data = embedded(page(kg, network=network))
    assert data["nodes"], network
    groups = {n["shape"] for n in data["nodes"]}
    assert groups


def test_community_colouring_adds_a_community_legend(kg: KommGraph) -> None:
    text = page(kg, color_by="community")
    assert "<h2>Communities</h2>" in text and "<h2>Kinds</h2>" in text


def test_page_is_deterministic_without_a_timestamp(kg: KommGraph) -> None:
    assert page(kg) == page(kg)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_static_figures_are_written(kg: KommGraph, tmp_path: Path, fmt: FigureFormat) -> None:
    view = kg.view("actors")
    path = write_figure(view, tmp_path / f"net.{fmt}", fmt)
    content = path.read_bytes()
    assert content.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in content[:500]
    assert [p.name for p in tmp_path.iterdir()] == [f"net.{fmt}"]
    if fmt == "svg":
        assert write_figure(view, tmp_path / "again.svg", fmt).read_bytes() == content
        assert b"Person" in content or b"Kinds" in content


def test_cli_writes_page_and_figures(fixture_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "net.html"
    result = CliRunner().invoke(
        main,
        [
            "--data",
            str(fixture_file),
            "viz",
            "-o",
            str(out),
            "--png",
            str(tmp_path / "net.png"),
            "--svg",
            str(tmp_path / "net.svg"),
            "--no-timestamp",
            "--seed",
            "7",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out} (5 nodes, 7 edges, ")
    assert (tmp_path / "net.png").stat().st_size > 0 and (tmp_path / "net.svg").stat().st_size > 0
    data = embedded(out.read_text(encoding="utf-8"))
    assert data["seed"] == 7 and "Generated" not in out.read_text(encoding="utf-8")


def test_cli_timestamp_comes_from_source_date_epoch(fixture_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "net.html"
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1700000000"}).invoke(
        main, ["--data", str(fixture_file), "viz", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Erstellt 2023-11-14T22:13:20+00:00" in out.read_text(encoding="utf-8")


def test_cli_ego_network_with_filters(fixture_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "ego.html"
    result = CliRunner().invoke(
        main,
        [
            "--data",
            str(fixture_file),
            "viz",
            "-o",
            str(out),
            "--ego",
            "anna alt",
            "--topic",
            "OZG",
            "--no-timestamp",
        ],
    )
    assert result.exit_code == 0, result.output
    data = embedded(out.read_text(encoding="utf-8"))
    assert {n["id"] for n in data["nodes"]} == {ANNA, BERND, STADT, EVIL_ORG}


def test_cli_unknown_ego_actor_lists_candidates(fixture_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    result = CliRunner().invoke(
        main, ["--data", str(fixture_file), "viz", "-o", str(out), "--ego", "Berndt Berg"]
    )
    assert result.exit_code == 1
    assert "unknown actor 'Berndt Berg'; did you mean: Bernd Berg" in result.output
    assert not out.exists()


def test_cli_ego_actor_outside_the_network_is_an_error(fixture_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["--data", str(fixture_file), "viz", "-o", str(tmp_path / "x.html"), "--ego", "Dora Dorn"],
    )
    assert result.exit_code == 1
    assert "Dora Dorn is not in the actors network" in result.output


def test_cli_reports_a_cut(fixture_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["--data", str(fixture_file), "viz", "-o", str(tmp_path / "x.html"), "--max-nodes", "3"],
    )
    assert result.exit_code == 0, result.output
    assert "Dies ist ein Ausschnitt: Er zeigt die 3 zentralsten von 5 Knoten" in result.output
    assert "Mehr zeigt ein höheres --max-nodes (etwa --max-nodes 5)" in result.output
    english = CliRunner().invoke(
        main,
        ["--data", str(fixture_file), "viz", "-o", str(tmp_path / "y.html"), "--lang", "en"],
    )
    assert "This is a cut" not in english.output
    shorter = CliRunner().invoke(
        main,
        [
            *("--data", str(fixture_file), "viz", "-o", str(tmp_path / "z.html")),
            *("--lang", "en", "--max-nodes", "3"),
        ],
    )
    assert "This is a cut: it shows the 3 most central of 5 nodes" in shorter.output
    assert "To see more, raise --max-nodes (e.g. --max-nodes 5)" in shorter.output


def test_cli_missing_output_folder_is_a_clear_error(fixture_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--data", str(fixture_file), "viz", "-o", str(tmp_path / "missing" / "x.html")]
    )
    assert result.exit_code == 3  # the output could not be written
    assert "does not exist" in result.output


def test_cli_choices_come_from_the_vocabulary() -> None:
    """The command line offers exactly the networks and metrics of `kommgraph.vocab`."""
    from kommgraph.cli.viz import viz
    from kommgraph.vocab import COLOR_BY, METRICS, NETWORKS

    choices = {p.name: getattr(p.type, "choices", None) for p in viz.params}
    assert choices["network"] is not None and tuple(choices["network"]) == NETWORKS
    assert choices["size_by"] is not None and tuple(choices["size_by"]) == METRICS
    assert choices["color_by"] is not None and tuple(choices["color_by"]) == COLOR_BY


EVIL_ALT = '<svg onload="window.__pwned=3">'


def test_page_is_german_by_default_and_english_on_request(kg: KommGraph) -> None:
    german = render_html(kg.view("actors"))
    assert german.startswith('<!DOCTYPE html>\n<html lang="de">')
    assert ">Akteur finden<" in german and "Filter: keine Filter" in german
    assert "<li>" in german and "Unternehmen</li>" in german and "Kommune</li>" in german
    data = embedded(german)
    assert data["lang"] == "de" and data["ui"]["found"] == "Gefunden: {name}"
    english = page(kg)
    assert english.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert ">Find an actor<" in english and "Filters: no filters" in english
    assert embedded(english)["ui"]["found"] == "Found: {name}"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_tooltips_name_kinds_as_the_legend_does(lang: str) -> None:
    """On the bundled data: "Public IT provider" everywhere, never the class name."""
    view = KommGraph.load().view("actors", lang=lang)  # type: ignore[arg-type]
    data = page_data(view)
    legend = {e.label for e in view.legend}
    kinds = {n["kind"] for n in data["nodes"]}
    assert kinds <= legend and len(kinds) > 4, (kinds, legend)
    for node in data["nodes"]:
        assert data["strings"][node["tip"]["sub"]].startswith(node["kind"] + " · ")
    assert ("Öffentlicher IT-Dienstleister" if lang == "de" else "Public IT provider") in kinds
    # the ontology's class names are the kinds' words joined: "Public IT provider"
    class_names = {
        "".join(w[:1].upper() + w[1:] for w in k.split()) for k in KIND_STYLES if " " in k
    }
    assert "PublicITProvider" in class_names and not class_names & kinds


def test_every_node_carries_a_seeded_position(kg: KommGraph) -> None:
    data = embedded(page(kg, seed=3))
    points = [(n["x"], n["y"]) for n in data["nodes"]]
    assert all(isinstance(c, float) for p in points for c in p)
    assert len(set(points)) == len(points)
    assert [(n["x"], n["y"]) for n in embedded(page(kg, seed=3))["nodes"]] == points


def test_other_names_travel_with_their_nodes(kg: KommGraph) -> None:
    data = embedded(page(kg))
    assert find_node(data, STADT)["alt"] == ["Musterhausen", "Verwaltung Musterstadt"]
    assert find_node(data, EVIL_ORG)["alt"] == [EVIL_ALT]
    assert "alt" not in find_node(data, ANNA)
    assert EVIL_ALT not in page(kg)


def test_site_root_gives_each_actor_its_page(kg: KommGraph) -> None:
    data = embedded(render_html(kg.view("actors"), site="../site/"))
    assert data["site"] == "../site"
    assert find_node(data, ANNA)["path"] == "person/anna-aelt.html"
    assert find_node(data, STADT)["path"] == "org/stadt-musterstadt.html"
    plain = embedded(render_html(kg.view("actors")))
    assert plain["site"] is None and "path" not in find_node(plain, ANNA)


def test_cli_refuses_a_site_root_that_is_no_url_or_path(fixture_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    result = CliRunner().invoke(
        main, ["--data", str(fixture_file), "viz", "-o", str(out), "--site-root", "javascript:x"]
    )
    assert result.exit_code == 2
    assert "Invalid value for --site-root" in result.output
    assert "http(s) URL or a relative path" in result.output
    assert not out.exists()


def test_cli_writes_site_links_and_language(fixture_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    result = CliRunner().invoke(
        main,
        [
            *("--data", str(fixture_file), "viz", "-o", str(out), "--lang", "en"),
            *("--site-root", "https://example.org/kg", "--no-timestamp"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = embedded(out.read_text(encoding="utf-8"))
    assert data["lang"] == "en" and data["site"] == "https://example.org/kg"


def test_ego_is_named_in_the_data(kg: KommGraph) -> None:
    data = embedded(page(kg, ego=BERND))
    assert data["nodes"][data["ego"]]["id"] == BERND
    assert embedded(page(kg))["ego"] is None


def test_filters_line_can_be_updated_by_the_page(kg: KommGraph) -> None:
    text = page(kg, filters=kg.filters(since="2022"))
    assert '<p id="kg-filters">Filters: since 2022</p>' in text
    assert embedded(text)["filters"] == ["since 2022"]


def test_large_page_starts_with_one_node_per_community(kg: KommGraph) -> None:
    view = kg.view("actors", lang="en")
    data = page_data(view, group_above=2)
    groups = data["groups"]
    assert groups and len(groups) >= 2
    members = sorted(i for g in groups for i in g["members"])
    assert members == list(range(len(data["nodes"])))
    assert all(g["name"].startswith(f"Community {k}: ") for k, g in enumerate(groups, 1))
    assert page_data(view)["groups"] is None


def test_svg_figure_keeps_its_german_words_as_text(kg: KommGraph, tmp_path: Path) -> None:
    from xml.etree import ElementTree

    path = write_figure(kg.view("actors", max_nodes=4), tmp_path / "net.svg", "svg")
    root = ElementTree.parse(path).getroot()
    svg = "{http://www.w3.org/2000/svg}"
    texts = [t.text or "" for t in root.iter(f"{svg}text")]
    assert "Arten" in texts and "Bernd Berg" in texts and "Unternehmen" in texts
    assert any(t.startswith("Dies ist ein Ausschnitt") for t in texts)
    assert not list(root.iter(f"{svg}path"))
