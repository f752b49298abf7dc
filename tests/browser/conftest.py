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

FIXTURE = """\
@prefix kg: <https://w3id.org/kommgraph/ontology#> .
@prefix person: <https://w3id.org/kommgraph/id/person/> .
@prefix org: <https://w3id.org/kommgraph/id/org/> .
@prefix event: <https://w3id.org/kommgraph/id/event/> .
@prefix topic: <https://w3id.org/kommgraph/id/topic/> .
@prefix source: <https://w3id.org/kommgraph/id/source/> .
@prefix participation: <https://w3id.org/kommgraph/id/participation/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

source:blatt a kg:Source ; rdfs:label "Musterblatt" ; kg:published "2023-05-10"^^xsd:date .
topic:ozg a kg:Topic ; skos:inScheme kg:TopicScheme ; rdfs:label "OZG" .
topic:smart-city a kg:Topic ; skos:inScheme kg:TopicScheme ; rdfs:label "Smart City" .
person:anna-aelt a kg:Person ; rdfs:label "Anna Ält" .
person:bernd-berg a kg:Person ; rdfs:label "Bernd Berg" .
person:clara-christ a kg:Person ; rdfs:label "Clara Christ" .
org:stadt-musterstadt a kg:Municipality ; rdfs:label "Stadt Musterstadt" .
org:evil-gmbh a kg:Company ; rdfs:label "<img src=x onerror=\\"window.__pwned=1\\">" .

event:tag-2023 a kg:Conference ; rdfs:label "Digitaltag 2023" ; kg:date "2023-05-04"^^xsd:date ;
    kg:topic topic:ozg ; kg:source source:blatt ; kg:quote "Digitaltag 2023" .
event:treffen-2021 a kg:Meeting ; rdfs:label "Treffen 2021" ; kg:date "2021"^^xsd:gYear ;
    kg:topic topic:smart-city ; kg:source source:blatt ; kg:quote "Treffen 2021" .

participation:p1 a kg:Participation ; kg:agent person:anna-aelt ; kg:event event:tag-2023 ;
    kg:role kg:Speaker ; kg:source source:blatt ; kg:quote "Anna Ält sprach" .
participation:p2 a kg:Participation ; kg:agent person:bernd-berg ; kg:event event:tag-2023 ;
    kg:role kg:Speaker ; kg:source source:blatt ;
    kg:quote "</script><script>window.__pwned=2</script>" .
participation:p3 a kg:Participation ; kg:agent org:stadt-musterstadt ; kg:event event:tag-2023 ;
    kg:role kg:Organizer ; kg:source source:blatt ; kg:quote "veranstaltet von der Stadt" .
participation:p4 a kg:Participation ; kg:agent org:evil-gmbh ; kg:event event:tag-2023 ;
    kg:role kg:Organizer ; kg:source source:blatt ; kg:quote "und der Evil GmbH" .
participation:p5 a kg:Participation ; kg:agent person:clara-christ ; kg:event event:treffen-2021 ;
    kg:role kg:Speaker ; kg:source source:blatt ; kg:quote "Clara sprach" .
participation:p6 a kg:Participation ; kg:agent person:bernd-berg ; kg:event event:treffen-2021 ;
    kg:role kg:Moderator ; kg:source source:blatt ; kg:quote "Bernd moderierte" .
"""


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
