"""Fixtures for the browser tests: Debian's chromium driven by Playwright, and a viz page.

The browser is started once per session from /usr/bin/chromium (no `playwright install`)
and always closed. The page is made by the CLI from a small fixture graph in which one
organization is labelled with an HTML injection and one quote tries to end a <script>.
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


@pytest.fixture(scope="session")
def viz_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page of the fixture graph, made by `kommgraph viz` (actors network, seed 1)."""
    folder = tmp_path_factory.mktemp("viz-browser")
    data = folder / "fixture.ttl"
    data.write_text(FIXTURE, encoding="utf-8")
    output = folder / "network.html"
    result = CliRunner().invoke(
        main, ["--data", str(data), "viz", "-o", str(output), "--seed", "1", "--no-timestamp"]
    )
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
