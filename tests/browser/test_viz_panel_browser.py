"""The viz page in a real browser: tooltip, detail panel, permalink, language, ego, communities."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from .conftest import (
    ANNA,
    BERND,
    CLARA,
    EVIL_ORG,
    edge_point,
    hover,
    leave,
    node_point,
    open_page,
    panel_text,
    tooltip_text,
    wait_until,
)

pytestmark = pytest.mark.browser

QUOTE = "„Bernd moderierte“ — Musterblatt <b>2023</b>"
SELECT_PANEL = """() => { const sel = window.getSelection();
    sel.selectAllChildren(document.querySelector("#kg-panel-body"));
    return sel.toString(); }"""


def fragment(kind: str, *iris: str) -> str:
    return f"#{kind}=" + "|".join(quote(iri, safe="") for iri in iris)


def test_tooltip_stays_while_the_pointer_moves_into_it(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    hover(page, *node_point(page, BERND))
    assert "Bernd Berg" in tooltip_text(page)
    page.wait_for_timeout(400)  # rested on: the tooltip can be entered
    box = page.evaluate(
        "() => { const b = document.querySelector('#kg-tip').getBoundingClientRect();"
        " return [b.left + b.width / 2, b.top + b.height / 2]; }"
    )
    page.mouse.move(box[0], box[1], steps=8)
    page.wait_for_timeout(700)
    assert "Bernd Berg" in tooltip_text(page)
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('#kg-tip')).userSelect"
    ) in (
        "text",
        "auto",
    )
    corner = page.evaluate(
        "() => { const b = document.querySelector('#kg-canvas').getBoundingClientRect();"
        " return [b.right - 5, b.bottom - 5]; }"
    )
    page.mouse.move(*corner, steps=4)
    wait_until(page, "() => document.querySelector('#kg-tip').hidden")


def test_clicking_an_edge_pins_its_evidence_as_selectable_text(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    page.mouse.click(*edge_point(page, BERND, CLARA))
    text = panel_text(page)
    assert "Bernd Berg — Clara Christ" in text and QUOTE in text
    assert page.evaluate("() => location.hash") == fragment("edge", BERND, CLARA)
    assert QUOTE in page.evaluate(SELECT_PANEL)
    page.click("#kg-copy")
    status = wait_until(page, "() => document.querySelector('#kg-copy-status').textContent")
    assert status in ("Kopiert.", "Markiert: Strg+C kopiert.")


def test_clicking_a_node_pins_it_and_the_close_button_unpins(page: Page, viz_page: Path) -> None:
    open_page(page, viz_page)
    page.mouse.click(*node_point(page, ANNA))
    assert panel_text(page).startswith("Anna Ält\nPerson · gewichteter Grad: 3")
    assert page.evaluate("() => location.hash") == fragment("node", ANNA)
    assert page.evaluate("() => window.kommgraph.network.getSelectedNodes()") == [ANNA]
    page.click("#kg-close")
    assert page.evaluate("() => [document.querySelector('#kg-panel').hidden, location.hash]") == [
        True,
        "",
    ]


@pytest.mark.parametrize(
    ("kind", "iris", "expected"),
    [("node", [CLARA], "Clara Christ"), ("edge", [BERND, CLARA], QUOTE)],
)
def test_a_permalink_restores_the_selection(
    page: Page, viz_page: Path, kind: str, iris: list[str], expected: str
) -> None:
    open_page(page, viz_page, fragment(kind, *iris))
    assert expected in panel_text(page)
    pinned = page.evaluate("() => window.kommgraph.pinned()")
    assert pinned == (iris[0] if kind == "node" else " -- ".join(sorted(iris)))
    page.reload()
    wait_until(page, "() => document.body.dataset.state === 'ready'")
    assert expected in panel_text(page)


def test_english_page_speaks_english_and_links_to_the_site(page: Page, english_page: Path) -> None:
    open_page(page, english_page)
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert page.text_content("#kg-search-form h2") == "Find an actor"
    hover(page, *node_point(page, EVIL_ORG))
    assert "Company · weighted degree" in tooltip_text(page)
    leave(page)
    page.mouse.click(*node_point(page, ANNA))
    assert panel_text(page).startswith("Anna Ält\nPerson · weighted degree: 3")
    link = page.evaluate(
        "() => [...document.querySelectorAll('#kg-panel a')].map(a => [a.textContent, a.href])"
    )
    site = english_page.parent.parent.as_uri() + "/site/person/anna-aelt.html"
    assert link[0] == ["Page of this actor", site]
    assert link[1] == ["Link to this selection", english_page.as_uri() + fragment("node", ANNA)]


def test_ego_is_highlighted_and_in_the_middle(page: Page, ego_page: Path) -> None:
    open_page(page, ego_page)
    off = page.evaluate(
        """(id) => { const net = window.kommgraph.network, p = net.body.nodes[id],
                           v = net.getViewPosition();
                     return Math.hypot(p.x - v.x, p.y - v.y); }""",
        BERND,
    )
    assert off < 1.0
    assert page.evaluate(f"() => window.kommgraph.nodes.get('{BERND}').borderWidth") == 5
    ring = page.evaluate(
        """(id) => {
            const net = window.kommgraph.network, n = net.body.nodes[id], s = net.getScale();
            const p = net.canvasToDOM({x: n.x, y: n.y}), r = n.options.size * s + 7;
            const c = document.querySelector("#kg-canvas canvas"), k = window.devicePixelRatio;
            const px = c.getContext("2d").getImageData(Math.round((p.x) * k),
                                                       Math.round((p.y - r) * k), 1, 1).data;
            return [px[0], px[1], px[2]];
        }""",
        BERND,
    )
    assert ring[0] > 150 and ring[1] < 80 and ring[2] < 80, ring


def test_a_community_node_opens_on_click(page: Page, grouped_page: Path) -> None:
    open_page(page, grouped_page)
    first = page.evaluate("() => window.kommgraph.visible()")
    groups = page.evaluate("() => window.kommgraph.data.groups.length")
    assert len(first) == groups and all(i.startswith("group:") for i in first)
    hover(page, *node_point(page, "group:0"))
    assert "Community 1" in tooltip_text(page) or "Community 1" in page.inner_text("#kg-tip")
    page.mouse.click(*node_point(page, "group:0"))
    members = page.evaluate(
        "() => window.kommgraph.data.groups[0].members.map(i => window.kommgraph.data.nodes[i].id)"
    )
    opened = page.evaluate("() => window.kommgraph.visible()")
    assert "group:0" not in opened and set(members) <= set(opened)
    page.click("#kg-close-groups")
    assert page.evaluate("() => window.kommgraph.visible()") == first


def test_search_opens_the_community_of_a_hit(page: Page, grouped_page: Path) -> None:
    open_page(page, grouped_page)
    page.fill("#kg-search", "clara")
    page.press("#kg-search", "Enter")
    assert CLARA in page.evaluate("() => window.kommgraph.visible()")
    assert page.evaluate("() => window.kommgraph.pinned()") == CLARA
