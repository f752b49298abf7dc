"""The viz page in a real browser: offline, ready, exact data, search, filters, no injection."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .conftest import (
    ANNA,
    BERND,
    CLARA,
    EVIL,
    EVIL_ORG,
    EVIL_QUOTE,
    STADT,
    hover,
    node_point,
    open_page,
    panel_text,
    tooltip_text,
    wait_until,
)

pytestmark = pytest.mark.browser

NODES = sorted([ANNA, BERND, CLARA, STADT, EVIL_ORG])
EDGE_PAIRS = [
    (ANNA, BERND),
    (ANNA, EVIL_ORG),
    (ANNA, STADT),
    (EVIL_ORG, STADT),
    (BERND, CLARA),
    (BERND, EVIL_ORG),
    (BERND, STADT),
]
EDGES = sorted(" -- ".join(sorted(pair)) for pair in EDGE_PAIRS)
EVIL_ALT = '<svg onload="window.__pwned=3">'
VISIBLE = "() => window.kommgraph.visible()"


def hits(page: Page) -> list[str]:
    names: list[str] = page.eval_on_selector_all(
        "#kg-hits li", "items => items.map(i => i.innerText)"
    )
    return names


def test_page_loads_from_file_with_no_request_to_another_origin(page: Page, viz_page: Path) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests = open_page(page, viz_page)
    assert requests, "no request recorded at all"
    strangers = [u for u in requests if not u.startswith(("file://", "data:", "blob:"))]
    assert strangers == []
    assert errors == []  # includes Content-Security-Policy violations


def test_page_is_ready_with_the_positions_computed_before(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    assert page.evaluate("() => document.body.dataset.state") == "ready"
    assert page.text_content("#kg-status") == "Bereit."
    drawn = """() => { const nodes = window.kommgraph.network.body.nodes;
                        return Object.keys(nodes).sort().map(i => [i, nodes[i].x, nodes[i].y]); }"""
    before = page.evaluate(drawn)
    sent = page.evaluate("() => window.kommgraph.data.nodes.map(n => [n.id, n.x, n.y]).sort()")
    assert [b[0] for b in before] == [s[0] for s in sent]
    assert all(
        abs(b[1] - s[1]) < 1 and abs(b[2] - s[2]) < 1 for b, s in zip(before, sent, strict=True)
    )
    page.wait_for_timeout(300)
    assert page.evaluate(drawn) == before
    painted = page.evaluate(
        """() => {
            const c = document.querySelector("#kg-canvas canvas");
            const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
            let painted = 0;
            for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) { painted++; } }
            return painted;
        }"""
    )
    assert painted > 1000, painted


def test_dataset_holds_exactly_the_expected_nodes_and_edges(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    nodes, edges = page.evaluate(
        """() => [window.kommgraph.nodes.getIds().sort(),
                  window.kommgraph.shown().edges.map(e => e.id).sort()]"""
    )
    assert nodes == NODES
    assert edges == EDGES


def test_search_finds_an_actor_ignoring_case_and_accents(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    page.fill("#kg-search", "ANNA alt")
    page.press("#kg-search", "Enter")
    assert page.text_content("#kg-found") == "Gefunden: Anna Ält"
    assert page.evaluate("() => window.kommgraph.network.getSelectedNodes()") == [ANNA]
    assert "Anna Ält" in panel_text(page)
    page.wait_for_timeout(450)  # the focus animation
    centred = page.evaluate(
        """(id) => { const net = window.kommgraph.network, p = net.getPositions([id])[id],
                           v = net.getViewPosition();
                     return Math.hypot(p.x - v.x, p.y - v.y); }""",
        ANNA,
    )
    assert centred < 1.0
    page.fill("#kg-search", "Zacharias")
    page.press("#kg-search", "Enter")
    assert page.text_content("#kg-found") == "Kein Akteur passt zu „Zacharias“."
    assert hits(page) == []


def test_search_lists_every_hit_best_first(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    page.fill("#kg-search", "st")
    assert hits(page) == ["Stadt Musterstadt", "Clara Christ"]
    assert page.text_content("#kg-found") == "2 Treffer"
    page.click("#kg-hits li:nth-child(2) button")
    assert page.evaluate("() => window.kommgraph.pinned()") == CLARA


def test_search_finds_other_names(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    page.fill("#kg-search", "musterhausen")
    assert hits(page) == ["Stadt Musterstadt (Musterhausen)"]
    page.click("#kg-hits button")
    text = panel_text(page)
    assert "Stadt Musterstadt" in text and "auch: Musterhausen, Verwaltung Musterstadt" in text


def test_search_finds_the_kdn_by_its_long_name(page: Page, bundled_page: Path) -> None:
    open_page(page, bundled_page)
    page.fill("#kg-search", "Dachverband kommunaler")
    assert any(hit.startswith("KDN (") for hit in hits(page)), hits(page)
    page.press("#kg-search", "Enter")
    assert page.text_content("#kg-found") == "Gefunden: KDN"
    assert (
        page.evaluate("() => window.kommgraph.pinned()") == "https://w3id.org/kommgraph/id/org/kdn"
    )


# how far the middle of the view is from the middle of these nodes' bounding box
CENTRE_OFF = """(ids) => {
    const net = window.kommgraph.network, v = net.getViewPosition();
    const boxes = ids.map(i => net.body.nodes[i].shape.boundingBox);
    const xs = boxes.flatMap(b => [b.left, b.right]), ys = boxes.flatMap(b => [b.top, b.bottom]);
    const mx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const my = (Math.min(...ys) + Math.max(...ys)) / 2;
    return Math.hypot(mx - v.x, my - v.y);
}"""


def inside_view(page: Page, nodes: list[str]) -> bool:
    box = page.evaluate(
        "() => { const b = document.querySelector('#kg-canvas').getBoundingClientRect();"
        " return [b.left, b.top, b.right, b.bottom]; }"
    )
    points = [node_point(page, n) for n in nodes]
    return all(box[0] < x < box[2] and box[1] < y < box[3] for x, y in points)


def test_filter_refits_the_view_and_says_so_in_the_header(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    assert page.text_content("#kg-filters") == "Filter: keine Filter"
    page.select_option("#kg-topic", label="Smart City")
    assert page.evaluate(VISIBLE) == sorted([BERND, CLARA])
    assert page.text_content("#kg-filters") == "Filter: Thema Smart City"
    assert page.text_content("#kg-shown") == "2 von 5 Knoten passen."
    assert inside_view(page, [BERND, CLARA])
    assert page.evaluate(CENTRE_OFF, [BERND, CLARA]) < 1.0
    page.click("#kg-reset")
    page.fill("#kg-from", "2022")
    page.dispatch_event("#kg-from", "change")
    shown = sorted([ANNA, BERND, STADT, EVIL_ORG])
    assert page.evaluate(VISIBLE) == shown
    assert inside_view(page, shown)
    assert page.evaluate(CENTRE_OFF, shown) < 1.0
    assert page.text_content("#kg-filters") == "Filter: seit 2022"
    assert page.text_content("#kg-shown") == "4 von 5 Knoten passen."
    page.click("#kg-reset")
    assert page.evaluate(VISIBLE) == NODES
    assert page.text_content("#kg-filters") == "Filter: keine Filter"
    assert page.text_content("#kg-shown") == ""


@pytest.mark.parametrize("page", [False, True], ids=["with-csp", "csp-bypassed"], indirect=True)
def test_injected_label_shows_as_text_and_runs_nothing(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    hover(page, *node_point(page, EVIL_ORG))
    text = tooltip_text(page)
    assert EVIL in text and EVIL_ALT in text and "Unternehmen" in text
    page.mouse.move(5, 5)
    page.fill("#kg-search", "img src")
    assert hits(page) == [EVIL]
    page.press("#kg-search", "Enter")
    assert page.text_content("#kg-found") == f"Gefunden: {EVIL}"
    assert EVIL in panel_text(page)
    page.fill("#kg-search", "svg onload")
    assert hits(page) == [f"{EVIL} ({EVIL_ALT})"]
    page.wait_for_timeout(300)
    found = "() => [typeof window.__pwned, document.images.length, document.querySelectorAll('svg')"
    assert page.evaluate(found + ".length]") == ["undefined", 0, 0]
    assert EVIL_QUOTE not in page.content().split('id="kg-data"')[0]


def test_screenshot_is_taken(page: Page, viz_page: Path, tmp_path: Path) -> None:
    open_page(page, viz_page)
    shot = tmp_path / "network.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
    assert wait_until(page, "() => window.kommgraph.labels.placed") >= 3
