"""The site in a real browser: offline, search by folded names, links followed, no injection,
and no serious or critical accessibility finding of axe-core.

axe-core comes from npm (pinned in the Makefile, installed by `make test` into
.cache/npm); its script is run in the page through the browser's debugging
protocol, which the page's Content-Security-Policy does not govern.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from .conftest import wait_until

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / ".cache" / "npm" / "node_modules" / "axe-core"
SEARCHED = "() => window.kommgraphSite && window.kommgraphSite.ready && window.kommgraphSite.last"


def visit(page: Page, path: Path) -> tuple[list[str], list[str]]:
    """Open a page from disk; the URLs requested and the errors reported (CSP included)."""
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    # the embedded network too, so that nothing of this page is still loading at the next one
    page.wait_for_load_state("networkidle")
    return requests, errors


def search(page: Page, words: str) -> list[str]:
    """Type into the search box; the pages found, best first."""
    page.evaluate("() => { if (window.kommgraphSite) { window.kommgraphSite.last = null; } }")
    page.fill("#kg-q", words)
    found: list[str] = wait_until(page, SEARCHED)
    return found


def hit_links(page: Page) -> list[str]:
    links: list[str] = page.eval_on_selector_all(
        "#kg-hits a", "links => links.map(a => a.getAttribute('href'))"
    )
    return links


def strangers(requests: list[str]) -> list[str]:
    return [u for u in requests if not u.startswith(("file://", "data:", "blob:"))]


def test_person_page_loads_offline_without_errors(page: Page, bundled_site: Path) -> None:
    requests, errors = visit(page, bundled_site / "person" / "joern-riedel.html")
    assert page.title().startswith("Jörn Riedel")
    assert page.evaluate("() => document.documentElement.lang") == "de"
    page.wait_for_timeout(300)  # the embedded network loads its own scripts
    assert requests and strangers(requests) == []
    assert errors == []
    frame = page.frame_locator("iframe.ego")
    assert frame.locator("#kg-canvas").count() == 1


def test_search_ignores_case_and_accents_and_loads_its_index_lazily(
    page: Page, bundled_site: Path
) -> None:
    requests, errors = visit(page, bundled_site / "index.html")
    assert not [u for u in requests if u.endswith("search.js")], "index loaded before use"
    found = search(page, "jorn riedel")
    assert found[0] == "person/joern-riedel.html"
    assert [u for u in requests if u.endswith("assets/search.js")]
    found = search(page, "kdn")
    assert found[0] == "org/kdn.html"
    headings = page.eval_on_selector_all("#kg-hits h2", "hs => hs.map(h => h.textContent)")
    assert headings[0].startswith("Organisationen"), headings
    found = search(page, "JÖRN")
    assert "person/joern-riedel.html" in found
    assert errors == []


def test_following_links_from_a_search_hit(page: Page, bundled_site: Path) -> None:
    visit(page, bundled_site / "person" / "wilfried-bernhardt.html")
    search(page, "KDN")
    page.click("#kg-hits a[href$='org/kdn.html']")
    page.wait_for_url("**/org/kdn.html")
    assert page.locator("h1").inner_text() == "KDN"
    page.click("#members a[href^='../person/']")
    page.wait_for_url("**/person/*.html")
    assert page.locator("#affiliations a[href$='org/kdn.html']").count() >= 1
    page.click("a[href='../index.html']")
    page.wait_for_url("**/index.html")
    page.click("nav.kinds a[href$='lists/event.1.html']")
    page.wait_for_url("**/lists/event.1.html")
    assert page.locator("main a[href^='../event/']").count() > 10


def test_cite_text_can_be_copied(page: Page, bundled_site: Path) -> None:
    visit(page, bundled_site / "person" / "joern-riedel.html")
    page.locator("details.cite summary").first.click()
    page.locator("details.cite .kg-copy").first.click()
    # the clipboard answers asynchronously: the button says so when it has
    text: str = wait_until(
        page,
        """() => { const b = document.querySelector("details.cite .kg-copy");
                   return b.textContent !== "Kopieren" && b.textContent; }""",
        timeout=10.0,
    )
    assert text in ("Kopiert", "Markiert: mit Strg+C kopieren"), text


def test_html_in_labels_and_quotes_runs_nothing(page: Page, fixture_site_de: Path) -> None:
    for path in ("org/evil-gmbh.html", "index.html", "person/anna-aelt.html", "source/blatt.html"):
        _requests, errors = visit(page, fixture_site_de / path)
        page.wait_for_timeout(200)
        assert errors == [], (path, errors)
        assert page.evaluate("() => window.__pwned") is None, path
    visit(page, fixture_site_de / "org" / "evil-gmbh.html")
    assert page.locator("h1").inner_text() == '<img src=x onerror="window.__pwned=1">'
    found = search(page, "<svg")
    assert found == ["org/evil-gmbh.html"]
    assert page.locator("#kg-hits img, #kg-hits svg").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_a_frame_drawn_before_the_later_scripts_have_run_raises_nothing(
    page: Page, fixture_site_de: Path
) -> None:
    """A site's network page loads its scripts as files, and vis-network may draw a frame
    between two of them: what the draw handlers of the first scripts read must exist by
    then. The page with only vis-network, fold.js, core.js and edges.js must draw cleanly."""
    whole = fixture_site_de / "network" / "person.anna-aelt.html"
    html = whole.read_text(encoding="utf-8")
    later = ("labels.js", "panel.js", "find.js")
    for name in later:
        tag = f'<script src="../assets/network/{name}"></script>'
        assert tag in html, name
        html = html.replace(tag, "")
    partial = whole.with_name("person.anna-aelt.first-scripts.html")
    partial.write_text(html, encoding="utf-8")
    try:
        _requests, errors = visit(page, partial)
        page.evaluate("() => window.kommgraph.network.redraw()")
        page.wait_for_timeout(300)
    finally:
        partial.unlink()
    assert errors == []


def axe_findings(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations of impact serious or critical on the page now open."""
    script = AXE / "axe.min.js"
    if not script.exists():
        pytest.fail(f"{script} is missing: run `make test` (it installs axe-core with npm)")
    page.evaluate(script.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await window.axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => ({id: v.id, impact: v.impact,
                            nodes: v.nodes.slice(0, 3).map(n => n.html)}));
        }"""
    )
    return found


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "person/joern-riedel.html",
        "org/kdn.html",
        "event/kommdigitale-2024.html",
        "source/rueckschau-kommdigitale-2024.html",
        "lists/person.1.html",
        "more/person.wilfried-bernhardt.collaborators.1.html",
        "network/person.joern-riedel.html",
    ],
)
def test_no_serious_or_critical_accessibility_finding(
    page: Page, bundled_site: Path, path: str
) -> None:
    visit(page, bundled_site / path)
    if path == "index.html":
        search(page, "stadt")  # the search results are checked too
    assert axe_findings(page) == []


def test_the_topic_and_place_pages_pass_axe_too(page: Page, bundled_site: Path) -> None:
    topic = max((bundled_site / "topic").glob("*.html"), key=lambda p: p.stat().st_size)
    place = max((bundled_site / "place").glob("*.html"), key=lambda p: p.stat().st_size)
    for path in (topic, place):
        visit(page, path)
        assert axe_findings(page) == [], path
