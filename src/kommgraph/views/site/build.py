"""`kommgraph site`: every page written into a new folder, which then replaces the old one.

The order of work: the facts are read (`facts`, a handful of whole-graph
queries) and joined with the collaboration model (`world`); then every page is
rendered and written into a temporary folder beside the target
(`kommgraph.views.files.write_folder`), which is renamed into place at the end.
An error or a signal leaves the old site as it was. Pages link to each other by
relative paths, so the folder works from disk and from any static host.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypedDict
from urllib.parse import unquote

from kommgraph.network.filters import NO_FILTERS
from kommgraph.network.model import CollaborationModel
from kommgraph.rdf.sparql import Backend
from kommgraph.views.files import write_folder
from kommgraph.views.page import page_assets
from kommgraph.views.site.actors import Actors
from kommgraph.views.site.cite import Proofs, Ref
from kommgraph.views.site.content import Page, chunks, more_path
from kommgraph.views.site.ego import ASSETS, EgoPages
from kommgraph.views.site.events import Events
from kommgraph.views.site.facts import read_facts
from kommgraph.views.site.home import lists, search_index, start_values
from kommgraph.views.site.others import Others
from kommgraph.views.site.render import ASSETS as SITE_ASSETS
from kommgraph.views.site.render import asset, render
from kommgraph.views.site.workers import in_parallel
from kommgraph.views.site.world import World
from kommgraph.vocab import Lang

FORMAT = {"format": "kommgraph-site", "version": 1}
# sections whose whole list ranks names only: their evidence is on the entity's page (the
# first ones) and on the pages of the shared events, not repeated on every page of the list
RANKED_ONLY = frozenset({"collaborators"})
# actors whose page embeds an ego network: the most central ones (every actor of the bundled
# data; at 10,000 events drawing all 17,000 would take most of the build)
EGO_LIMIT = 2000


@dataclass
class SiteReport:
    """What was written: the folder, the number of files and bytes, pages per kind."""

    folder: Path
    files: int = 0
    bytes: int = 0
    pages: dict[str, int] = field(default_factory=dict)
    largest: tuple[str, int] = ("", 0)

    def add(self, other: dict[str, Any]) -> None:
        """Count in what another process wrote (`dataclasses.asdict` of its report)."""
        self.files += other["files"]
        self.bytes += other["bytes"]
        for kind, count in other["pages"].items():
            self.pages[kind] = self.pages.get(kind, 0) + count
        if other["largest"][1] > self.largest[1]:
            self.largest = (other["largest"][0], other["largest"][1])


class Writer:
    """Writes the files of one site into a folder and counts them."""

    def __init__(self, folder: Path, report: SiteReport) -> None:
        self.folder, self.report = folder, report
        self.made: set[Path] = set()

    def write(self, path: str, text: str) -> None:
        """`path` is relative to the site root, as links name it (percent-encoded)."""
        target = self.folder / unquote(path)
        if target.parent not in self.made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(target.parent)
        data = text.encode("utf-8")
        target.write_bytes(data)
        self.report.files += 1
        self.report.bytes += len(data)
        if len(data) > self.report.largest[1]:
            self.report.largest = (path, len(data))


class SiteOptions(TypedDict, total=False):
    """What `build_site` takes besides the model, the folder and the language."""

    generated_at: datetime | None
    progress: Callable[[float], None] | None


def build_site(
    backend: Backend,
    model: CollaborationModel,
    output: Path,
    *,
    lang: Lang = "de",
    generated_at: datetime | None = None,
    progress: Callable[[float], None] | None = None,
) -> SiteReport:
    """Write the site of this graph into `output` (a new, empty or earlier site's folder)."""
    advance = progress or (lambda _share: None)
    network, edges = (
        model.network("actors", None, False),
        model.collaborations("actors", None, False),
    )
    central = model.measured("actors", NO_FILTERS, False, "weighted_degree").rows
    evidence = model.evidence
    world = World(evidence, read_facts(backend, lang), lang)
    proofs = Proofs(world)
    ego = EgoPages(network, edges, evidence, lang)
    ranked = sorted(central, key=lambda r: (-r.scores.get("weighted_degree", 0.0), r.iri))
    drawn = frozenset(row.iri for row in ranked[:EGO_LIMIT])
    actors = Actors(world, proofs, network, edges, ego.facts, drawn)
    events, others = Events(world, proofs), Others(world, proofs, ego.facts)
    _ = world._
    footer = _("Made by kommgraph from curated sources; every fact names its source.")
    if generated_at is not None:
        footer += " " + _("Generated {time}").format(
            time=generated_at.isoformat(timespec="seconds")
        )
    report = SiteReport(output)
    with write_folder(output, json.dumps(FORMAT)) as folder:
        out = Writer(folder, report)
        for name in SITE_ASSETS:
            out.write(f"assets/{name}", asset(name))
        for name, text in page_assets().items():
            out.write(f"{ASSETS}/{name}", text)
        out.write("assets/search.js", search_index(world))
        builders: dict[str, Callable[[str], Page]] = {
            "person": actors.page,
            "org": actors.page,
            "event": events.page,
            "topic": others.topic,
            "place": others.place,
            "source": others.source,
        }
        todo = sorted(world.group.items())
        total = max(1, len(todo))

        def work(share: Sequence[tuple[str, str]], main: bool) -> dict[str, Any]:
            mine = SiteReport(output) if not main else report
            out = Writer(folder, mine)
            for done, (iri, group) in enumerate(share, 1):
                page = builders[group](iri)
                _write_page(out, page, lang, footer)
                if page.network is not None:
                    out.write(page.network, ego.html(iri, page.title))
                mine.pages[group] = mine.pages.get(group, 0) + 1
                if main and done % 200 == 0:
                    advance(200 * len(todo) / len(share) / total)
            return asdict(mine) | {"folder": ""}

        for other in in_parallel(todo, work)[1:]:
            report.add(other)
        for path, title, items, number, paths in lists(world):
            note = _("{count} in all, by name.").format(
                count=len(world.of_group(path.split("/")[1].split(".")[0]))
            )
            out.write(
                path,
                render(
                    "list.html",
                    lang,
                    "../",
                    footer,
                    title=title,
                    note=note,
                    items=items,
                    pages=paths,
                    current=number,
                ),
            )
        values = start_values(world, central, len(world.facts.source_of))
        out.write("index.html", render("index.html", lang, "", footer, **values))
    report.folder = output
    return report


def _write_page(out: Writer, page: Page, lang: Lang, footer: str) -> None:
    """An entity's page, and the whole lists of its long sections."""
    back = Ref(page.title, page.path, page.kind)
    for section in page.sections:
        if not section.cut:
            continue
        whole, listed = section.items, section
        if section.key in RANKED_ONLY:  # the evidence of the first ones is on the page itself
            whole = [replace(x, proofs=[], children=[]) for x in whole]
            listed = replace(section, note="")
        parts = chunks(whole)
        paths = [more_path(page.path, section.key, n) for n in range(1, len(parts) + 1)]
        section.more = paths[0]
        title = f"{page.title}: {section.title}"
        for number, items in enumerate(parts, 1):
            out.write(
                paths[number - 1],
                render(
                    "more.html",
                    lang,
                    "../",
                    footer,
                    title=title,
                    back=back,
                    section=listed,
                    items=items,
                    pages=paths,
                    current=number,
                ),
            )
    out.write(page.path, render("entity.html", lang, "../", footer, title=page.title, page=page))
