"""Fixtures for the browser tests: Debian's chromium driven by Playwright, and a viz page.

The browser is started once per session from /usr/bin/chromium (no `playwright install`)
and always closed. The pages are made by the CLI from a small fixture graph in which one
organization is labelled (and also named) with an HTML injection and one quote tries to
end a <script>; one page is made from the bundled data.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, sync_playwright

from kommgraph.cli import main

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--headless"]
ID = "https://w3id.org/kommgraph/id/"
ANNA, BERND, CLARA = f"{ID}person/anna-aelt", f"{ID}person/bernd-berg", f"{ID}person/clara-christ"
STADT, EVIL_ORG = f"{ID}org/stadt-musterstadt", f"{ID}org/evil-gmbh"
EVIL = '<img src=x onerror="window.__pwned=1">'
EVIL_QUOTE = "</script><script>window.__pwned=2</script>"

FIXTURE = (Path(__file__).parent.parent / "fixtures" / "viz" / "evil.ttl").read_text(
    encoding="utf-8"
)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=ARGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


def make_page(folder: Path, name: str, *args: str) -> Path:
    """A page of the fixture graph made by `kommgraph viz ARGS` (seed 1, no timestamp)."""
    data = folder / "fixture.ttl"
    if not data.exists():
        data.write_text(FIXTURE, encoding="utf-8")
    output = folder / name
    result = CliRunner().invoke(
        main,
        ["--data", str(data), "viz", "-o", str(output), "--seed", "1", "--no-timestamp", *args],
    )
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(scope="session")
def pages_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("viz-browser")


@pytest.fixture(scope="session")
def viz_page(pages_folder: Path) -> Path:
    """The page of the fixture graph (actors network, German, the default)."""
    return make_page(pages_folder, "network.html")


@pytest.fixture(scope="session")
def english_page(pages_folder: Path) -> Path:
    """The same page in English, linked into a site at ../site."""
    return make_page(pages_folder, "english.html", "--lang", "en", "--site-root", "../site")


@pytest.fixture(scope="session")
def ego_page(pages_folder: Path) -> Path:
    """Bernd Berg's ego network, depth 2."""
    return make_page(pages_folder, "ego.html", "--ego", "Bernd Berg", "--depth", "2")


@pytest.fixture(scope="session")
def grouped_page(pages_folder: Path) -> Path:
    """The fixture graph as a large network is drawn: one node per community first."""
    from kommgraph.api import KommGraph
    from kommgraph.views.page import render_html

    data = pages_folder / "fixture.ttl"
    if not data.exists():
        data.write_text(FIXTURE, encoding="utf-8")
    output = pages_folder / "grouped.html"
    view = KommGraph.load([data]).view("actors", seed=1)
    output.write_text(render_html(view, seed=1, group_above=2), encoding="utf-8")
    return output


@pytest.fixture(scope="session")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The actors network of the bundled data (where the KDN has its long name as altLabel)."""
    output = tmp_path_factory.mktemp("viz-bundled") / "bundled.html"
    result = CliRunner().invoke(main, ["viz", "-o", str(output), "--no-timestamp"])
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture()
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page (own context); `bypass_csp` via indirect parametrization."""
    bypass = bool(getattr(request, "param", False))
    context = browser.new_context(viewport={"width": 1200, "height": 800}, bypass_csp=bypass)
    try:
        yield context.new_page()
    finally:
        context.close()


def wait_until(page: Page, expression: str, timeout: float = 20.0) -> Any:
    """Poll a JS function expression until truthy (wait_for_function would need eval, which
    the page's Content-Security-Policy forbids)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.05)


def open_page(page: Page, path: Path, fragment: str = "") -> list[str]:
    """Load the file, wait until the page says it is ready; return the URLs of all requests."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri() + fragment)
    wait_until(page, "() => document.body.dataset.state === 'ready'")
    return requests


def node_point(page: Page, node: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    x, y = page.evaluate(
        """(id) => {
            const net = window.kommgraph.network;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.querySelector("#kg-canvas canvas").getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""",
        node,
    )
    return float(x), float(y)


def edge_point(page: Page, a: str, b: str) -> tuple[float, float]:
    """The middle of the line between two nodes, in page coordinates."""
    (ax, ay), (bx, by) = node_point(page, a), node_point(page, b)
    return (ax + bx) / 2, (ay + by) / 2


def hover(page: Page, x: float, y: float) -> None:
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)


def leave(page: Page) -> None:
    """Move the pointer off the network and wait until the tooltip is gone (it lingers a
    moment so that the pointer can move into it; a click before then may land on it)."""
    page.mouse.move(5, 5)
    wait_until(
        page,
        """() => { const t = document.querySelector("#kg-tip");
                                return !t || t.hidden; }""",
    )


def tooltip_text(page: Page) -> str:
    text: str = wait_until(
        page,
        """() => { const t = document.querySelector("#kg-tip");
                   return t && !t.hidden && t.textContent; }""",
        timeout=5.0,
    )
    return text


def panel_text(page: Page) -> str:
    text: str = wait_until(
        page,
        """() => { const p = document.querySelector("#kg-panel");
                   return !p.hidden && document.querySelector("#kg-panel-body").innerText; }""",
    )
    return text
