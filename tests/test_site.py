"""`kommgraph site`: every internal link resolves, pages are safe, small, German or English.

Two sites are built once per session (`conftest.py`): the bundled data in German,
and the viz fixture graph (hostile labels and quotes) in English.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from kommgraph.api import KommGraph
from kommgraph.cli import main
from kommgraph.views.files import FOLDER_MARK
from kommgraph.views.permalinks import permalink

LINKING = {"a": "href", "link": "href", "script": "src", "iframe": "src", "img": "src"}
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; base-uri 'none'; form-action 'none'"
)
# the embedded network pages are the viz page's, with its policy (vis-network styles inline)
NETWORK_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


@pytest.fixture(scope="module")
def site(bundled_site: Path) -> Path:
    return bundled_site


@pytest.fixture(scope="module")
def english(fixture_site_en: Path) -> Path:
    return fixture_site_en


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text of inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.tags.append((tag, found))
        if tag == "script":
            self._script = found
            self.scripts.append((found, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def tags_of(page: Path) -> Tags:
    parsed = Tags()
    parsed.feed(page.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def ids_of(page: Path, cache: dict[Path, set[str]]) -> set[str]:
    if page not in cache:
        cache[page] = {a["id"] for _tag, a in tags_of(page).tags if "id" in a}
    return cache[page]


def broken_links(site: Path) -> tuple[int, list[str]]:
    """How many internal links the pages hold, and those that lead nowhere."""
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    count = 0
    for page in pages(site):
        for tag, attrs in tags_of(page).tags:
            target = attrs.get(LINKING.get(tag, ""), None)
            if target is None:
                continue
            if EXTERNAL.match(target):
                assert tag == "a" and target.startswith(("http://", "https://")), (page, target)
                continue
            count += 1
            parts = urlsplit(target)
            resolved = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            where = f"{page.relative_to(site)}: {target}"
            if not resolved.is_file() or site.resolve() not in resolved.parents:
                broken.append(where)
            elif parts.fragment and unquote(parts.fragment) not in ids_of(resolved, ids):
                broken.append(where + " (no such id)")
    return count, broken


def search_items(site: Path) -> list[list[object]]:
    text = (site / "assets" / "search.js").read_text(encoding="utf-8")
    prefix = "window.kommgraphSearch = "
    assert text.startswith(prefix)
    items: list[list[object]] = json.loads(text[len(prefix) :].rstrip().rstrip(";"))["items"]
    return items


def test_every_internal_link_of_the_bundled_site_resolves(site: Path) -> None:
    count, broken = broken_links(site)
    assert count > 5000, count
    assert broken == []


def test_every_internal_link_of_the_fixture_site_resolves(english: Path) -> None:
    count, broken = broken_links(english)
    assert count > 100, count
    assert broken == []


def test_every_search_hit_leads_to_a_page(site: Path) -> None:
    items = search_items(site)
    assert len(items) == len(pages(site / "person")) + len(pages(site / "org")) + sum(
        len(pages(site / kind)) for kind in ("event", "topic", "place", "source")
    )
    assert [p for _g, _l, p, *_a in items if not (site / str(p)).is_file()] == []


def test_search_index_holds_the_other_names(site: Path) -> None:
    items = search_items(site)
    names = {
        str(item[2]): [item[1], *cast(list[str], item[3] if len(item) > 3 else [])]
        for item in items
    }
    assert "Dachverband kommunaler IT-Dienstleister" in names["org/kdn.html"]
    kdn = [item for item in items if "KDN" in names[str(item[2])]]
    assert [item[2] for item in kdn] == ["org/kdn.html"]
    riedel = [item for item in items if item[1] == "Jörn Riedel"]
    assert [item[2] for item in riedel] == ["person/joern-riedel.html"]


def test_the_viz_pages_permalinks_are_the_sites_pages(site: Path) -> None:
    """`viz --site-root` links each actor to `permalink(iri)`: every one of them exists."""
    network = KommGraph.load().network("actors")
    assert network.number_of_nodes() > 50
    missing = [iri for iri in network if not (site / str(permalink(iri))).is_file()]
    assert missing == []
    assert (site / "person" / "wilfried-bernhardt.html").is_file()


def test_a_person_page_shows_names_affiliations_timeline_collaborators_statements(
    site: Path,
) -> None:
    text = (site / "person" / "joern-riedel.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in text
    assert "<h1>Jörn Riedel</h1>" in text
    for section in ("network", "affiliations", "timeline", "collaborators", "statements", "topics"):
        assert f'<section id="{section}"' in text, section
    assert '<iframe class="ego" src="../network/person.joern-riedel.html"' in text
    assert "<blockquote>" in text and "Zitieren" in text and "Quelle:" in text
    assert (site / "network" / "person.joern-riedel.html").is_file()


def test_organizations_events_topics_sources_have_their_sections(site: Path) -> None:
    def sections(path: str) -> set[str]:
        return {a["id"] for tag, a in tags_of(site / path).tags if tag == "section" and "id" in a}

    assert {"members", "collaborators", "timeline"} <= sections("org/kdn.html")
    assert "programme" in sections("event/kommdigitale-2024.html")
    topic = max(pages(site / "topic"), key=lambda p: p.stat().st_size)
    assert {"years", "actors", "events"} <= sections(str(topic.relative_to(site)))
    source = site / "source" / "rueckschau-kommdigitale-2024.html"
    assert {"event", "participation", "statement"} <= sections(str(source.relative_to(site)))


def test_long_lists_are_capped_with_a_link_to_the_whole_list(site: Path) -> None:
    text = (site / "person" / "wilfried-bernhardt.html").read_text(encoding="utf-8")
    found = re.search(r'<p class="more"><a href="\.\./(more/[^"]+)">', text)
    assert found, "no link to the whole list of collaborators"
    assert (site / found.group(1)).is_file()


def test_every_page_has_the_csp_and_runs_no_inline_code(site: Path, english: Path) -> None:
    checked = 0
    for page in [*pages(site), *pages(english)]:
        parsed = tags_of(page)
        metas = [a for t, a in parsed.tags if t == "meta" and "http-equiv" in a]
        policy = NETWORK_CSP if page.parent.name == "network" else CSP
        assert [m["content"] for m in metas] == [policy], page
        for tag, attrs in parsed.tags:
            handlers = [name for name in attrs if name.startswith("on")]
            assert handlers == [], (page, tag, handlers)
            assert not attrs.get("href", "").lower().startswith("javascript:"), page
        for attrs, _text in parsed.scripts:
            assert "src" in attrs or attrs.get("type") == "application/json", page
        checked += 1
    assert checked > 300, checked


def test_hostile_labels_and_quotes_are_escaped(english: Path) -> None:
    text = (english / "org" / "evil-gmbh.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=" in text
    assert "<img" not in text and "<svg" not in text
    for page in pages(english):
        body = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in body, page
        assert "<img src=x" not in body and "<svg onload" not in body, page


def test_english_site_speaks_english(english: Path) -> None:
    text = (english / "person" / "bernd-berg.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    assert "Collaborators" in text and "Zusammenarbeit" not in text
    assert "Timeline: events and roles" in text


def test_pages_stay_small(site: Path) -> None:
    largest = max(pages(site), key=lambda p: p.stat().st_size)
    assert largest.stat().st_size < 200_000, largest


def test_site_replaces_an_earlier_site_and_refuses_other_folders(tmp_path: Path) -> None:
    data = ["--data", str(Path(__file__).parent / "fixtures" / "viz" / "evil.ttl")]
    target = tmp_path / "site"
    for _ in range(2):
        result = CliRunner().invoke(main, [*data, "site", "-o", str(target), "--no-timestamp"])
        assert result.exit_code == 0, result.output
        assert "wrote the site to" in result.output
    assert (target / FOLDER_MARK).is_file() and (target / "index.html").is_file()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, [*data, "site", "-o", str(tmp_path / "other")])
    assert result.exit_code == 3, result.output
    assert "not a kommgraph site" in result.output
    assert (tmp_path / "other" / "keep.txt").read_text(encoding="utf-8") == "mine"
    result = CliRunner().invoke(main, [*data, "site", "-o", str(target / "index.html")])
    assert result.exit_code == 3, result.output
    result = CliRunner().invoke(main, [*data, "site", "-o", str(tmp_path / "n"), "--lang", "fr"])
    assert result.exit_code == 2, result.output
