"""The start page, the list of every kind, and the search index.

The start page counts what the graph holds and names the most central actors,
from the centrality the index keeps (`KommGraph.centrality`: computed once per
index, `kommgraph.network.results`). The search index is one script,
`assets/search.js`, that the pages load only when someone searches: every
label and alternative label with the page it leads to, by kind.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from kommgraph.network.centrality import CentralityRow
from kommgraph.views.site.cite import Ref
from kommgraph.views.site.content import Item, chunks
from kommgraph.views.site.render import group_names, list_path
from kommgraph.views.site.world import GROUPS, World

CENTRAL = 20  # actors on the start page
TOPICS = 12  # topics on the start page
LIST_SIZE = 500  # names per page of a list
MEASURES = ("weighted_degree", "degree", "betweenness", "pagerank")


@dataclass(frozen=True)
class Count:
    label: str
    count: str
    href: str | None


def number(value: float, lang: str) -> str:
    """A number as the page's language writes it (1.234,5 in German, 1,234.5 in English)."""
    text = f"{value:,}" if float(value).is_integer() else f"{value:,.4g}"
    text = text.removesuffix(".0")
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def start_values(world: World, rows: Sequence[CentralityRow], facts: int) -> dict[str, object]:
    """What `templates/index.html` shows."""
    w, _, lang = world, world._, world.lang
    names = group_names(lang)
    counts = [Count(names[g], number(len(w.of_group(g)), lang), list_path(g)) for g in GROUPS]
    counts.append(Count(_("facts with their source"), number(facts, lang), None))
    central = []
    for row in rows[:CENTRAL]:
        ref = Ref(w.label(row.iri), w.path(row.iri), w.kind(row.iri))
        values = [number(round(row.scores.get(m, 0.0), 4), lang) for m in MEASURES]
        central.append({"ref": ref, "scores": values})
    topics = sorted(
        w.of_group("topic"), key=lambda t: (-len(w.events_on_topic.get(t, [])), w.label(t))
    )[:TOPICS]
    return {
        "title": _("kommgraph: who works with whom in municipal digitalization"),
        "lead": _(
            "Persons, organizations, events and topics of German municipal digitalization, "
            "each with its own page: every fact shows its source and the quote that supports it."
        ),
        "counts": counts,
        "central": central,
        "central_heads": [
            _("weighted degree"),
            _("degree"),
            _("betweenness"),
            _("pagerank"),
        ],
        "central_note": _(
            "In the network of persons and organizations linked by their collaboration, "
            "by weighted degree (the sum of the weights of an actor's ties)."
        ),
        "topics": [
            Item(
                Ref(w.label(t), w.path(t)),
                text=_("{count} event(s)").format(count=len(w.events_on_topic.get(t, []))),
            )
            for t in topics
            if w.events_on_topic.get(t)
        ],
    }


def lists(world: World) -> list[tuple[str, str, list[Item], int, list[str]]]:
    """Every page of every kind's list: (path, title, items, number, all paths of the list)."""
    names, out = group_names(world.lang), []
    for group in GROUPS:
        members = world.of_group(group)
        items = [
            Item(Ref(world.label(iri), world.path(iri)), text=world.kind(iri)) for iri in members
        ]
        pages = chunks(items, LIST_SIZE)
        paths = [list_path(group, n) for n in range(1, len(pages) + 1)]
        for n, chunk in enumerate(pages, 1):
            out.append((paths[n - 1], names[group], chunk, n, paths))
    return out


def search_index(world: World) -> str:
    """`assets/search.js`: [kind, label, page, [other names]] for every page, by kind."""
    names = group_names(world.lang)
    items = []
    for g, group in enumerate(GROUPS):
        for iri in world.of_group(group):
            entry: list[object] = [g, world.label(iri), world.paths[iri]]
            if alt := world.alt.get(iri):
                entry.append(alt)
            items.append(entry)
    data = {"groups": [names[g] for g in GROUPS], "items": items}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # U+2028/9 end a line in older JavaScript; escaped they are the same characters
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.kommgraphSearch = {text};\n"
