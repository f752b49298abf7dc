"""The viz page in a real browser: offline, drawn, exact data, search, filter, no injection."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .conftest import ANNA, BERND, CLARA, EVIL, EVIL_ORG, EVIL_QUOTE, STADT, wait_until

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


def open_page(page: Page, path: Path) -> list[str]:
    """Load the file, wait until the layout is done; return the URLs of all requests."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    wait_until(page, "() => window.kommgraph !== undefined && window.kommgraph.stabilized")
    return requests


def hover_node(page: Page, node: str) -> None:
    """Move the mouse onto a node: its canvas position, to DOM, plus the canvas offset."""
    x, y = page.evaluate(
        """(id) => {
            const net = window.kommgraph.network;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.querySelector("#kg-canvas canvas").getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""",
        node,
    )
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)


def tooltip_text(page: Page) -> str:
    text: str = wait_until(
        page,
        """() => { const t = document.querySelector("div.vis-tooltip");
                   return t && t.style.visibility !== "hidden" && t.textContent; }""",
        timeout=5.0,
    )
    return text


def test_page_loads_from_file_with_no_request_to_another_origin(page: Page, viz_page: Path) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    requests = open_page(page, viz_page)
    assert requests, "no request recorded at all"
    strangers = [u for u in requests if not u.startswith(("file://", "data:", "blob:"))]
    assert strangers == []
    assert errors == []  # includes Content-Security-Policy violations


def test_network_canvas_is_drawn(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    width, height, painted = page.evaluate(
        """() => {
            const c = document.querySelector("#kg-canvas canvas");
            const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
            let painted = 0;
            for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) { painted++; } }
            return [c.width, c.height, painted];
        }"""
    )
    assert width > 300 and height > 300
    assert painted > 1000, painted


def test_dataset_holds_exactly_the_expected_nodes_and_edges(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    nodes, edges = page.evaluate(
        "() => [window.kommgraph.nodes.getIds().sort(), window.kommgraph.edges.getIds().sort()]"
    )
    assert nodes == NODES
    assert edges == EDGES


def test_physics_stops_after_stabilization(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    before = page.evaluate("() => window.kommgraph.network.getPositions()")
    page.wait_for_timeout(400)
    assert page.evaluate("() => window.kommgraph.network.getPositions()") == before
    assert page.text_content("#kg-status") == "Layout done; physics stopped."


def test_search_finds_an_actor_ignoring_case_and_accents(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    page.fill("#kg-search", "ANNA alt")
    page.press("#kg-search", "Enter")
    assert page.text_content("#kg-found") == "Found: Anna Ält"
    assert page.evaluate("() => window.kommgraph.network.getSelectedNodes()") == [ANNA]
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
    assert page.text_content("#kg-found") == "No actor matches “Zacharias”."


def test_filter_narrows_to_a_topic_and_a_year_range(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    shown = "() => window.kommgraph.nodes.get({filter: n => !n.hidden}).map(n => n.id).sort()"
    page.select_option("#kg-topic", label="Smart City")
    assert page.evaluate(shown) == sorted([BERND, CLARA])
    page.click("#kg-reset")
    page.fill("#kg-from", "2022")
    page.dispatch_event("#kg-from", "change")
    assert page.evaluate(shown) == sorted([ANNA, BERND, STADT, EVIL_ORG])
    assert page.text_content("#kg-shown") == "4 of 5 nodes match."
    page.click("#kg-reset")
    assert page.evaluate(shown) == NODES


@pytest.mark.parametrize("page", [False, True], ids=["with-csp", "csp-bypassed"], indirect=True)
def test_injected_label_shows_as_text_and_runs_nothing(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    hover_node(page, EVIL_ORG)
    assert EVIL in tooltip_text(page)
    assert "Company" in tooltip_text(page)
    page.mouse.move(5, 5)
    page.fill("#kg-search", "img src")
    page.press("#kg-search", "Enter")
    assert page.text_content("#kg-found") == f"Found: {EVIL}"
    page.wait_for_timeout(400)
    hover_node(page, EVIL_ORG)
    assert EVIL in tooltip_text(page)
    assert page.evaluate("() => [typeof window.__pwned, document.images.length]") == [
        "undefined",
        0,
    ]


def test_edge_tooltip_shows_the_quote_as_text(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    x, y = page.evaluate(
        """([a, b]) => {
            const net = window.kommgraph.network, p = net.getPositions([a, b]);
            const box = document.querySelector("#kg-canvas canvas").getBoundingClientRect();
            const mid = net.canvasToDOM({x: (p[a].x + p[b].x) / 2, y: (p[a].y + p[b].y) / 2});
            return [box.left + mid.x, box.top + mid.y];
        }""",
        [BERND, CLARA],
    )
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=4)
    text = tooltip_text(page)
    assert "Bernd Berg — Clara Christ" in text and "Treffen 2021 (2021)" in text
    assert "„Bernd moderierte“ — Musterblatt" in text
    hover_node(page, BERND)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert EVIL_QUOTE not in page.content().split('id="kg-data"')[0]


def test_screenshot_is_taken(page: Page, viz_page: Path, tmp_path: Path) -> None:
    open_page(page, viz_page)
    shot = tmp_path / "network.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
