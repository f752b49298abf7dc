"""What a page of the site consists of: fields, sections of items, and the lists behind them.

Every entity page has the same shape (`Page`): a heading, a few fields (kind,
other names, dates, places), and sections of items, each an entity link with a
date, some words and the proofs behind it. One template draws them all
(`templates/entity.html`), so a person, an event and a source look alike and
escape alike. A section longer than `CAP` items shows the first ones and links
to its whole list, written as pages of `PAGE_SIZE` items (`more_path`): pages
stay small however busy an actor is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kommgraph.views.site.cite import Proof, Ref

CAP = 25  # items of a section shown on an entity's page
PAGE_SIZE = 100  # items per page of a whole list


@dataclass
class Item:
    """One line of a section: a link with its date, kind and words, and what proves it."""

    ref: Ref | None = None
    date: str = ""
    text: str = ""
    lines: list[str] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    proofs: list[Proof] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)


@dataclass
class Section:
    """A titled list; `items` is the whole list, the page shows `shown()` of it."""

    key: str  # the anchor on the page and the name of its list pages
    title: str
    items: list[Item]
    note: str = ""
    cap: int = CAP
    more: str | None = None  # the first page of the whole list, set when it is written

    def shown(self) -> list[Item]:
        return self.items[: self.cap]

    @property
    def cut(self) -> bool:
        return len(self.items) > self.cap


@dataclass
class Field:
    """A fact in the page's head: a term and its values (links or plain words)."""

    term: str
    values: list[Ref]


@dataclass
class Page:
    """One entity's page."""

    iri: str
    path: str  # relative to the site root
    title: str
    kind: str
    fields: list[Field] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    proofs: list[Proof] = field(default_factory=list)  # the entity's own evidence
    network: str | None = None  # the ego network page, relative to the site root
    network_note: str = ""


def more_path(path: str, key: str, number: int) -> str:
    """Page `number` (from 1) of a section's whole list: `more/<kind>.<slug>.<key>.<n>.html`.

    Flat, so that every page but the start page lies one folder deep and links
    the same way; unambiguous, since neither the kind, the key nor the number
    holds a dot.
    """
    kind, slug = path.removesuffix(".html").split("/", 1)
    return f"more/{kind}.{slug}.{key}.{number}.html"


def chunks(items: list[Item], size: int = PAGE_SIZE) -> list[list[Item]]:
    """The items in pages of `size` (at least one page)."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]
