"""The items of the site's lists as HTML: written in Python, every value escaped.

A site of 10,000 events holds millions of items and proofs; drawn by Jinja2
macros they took most of the build. Here each item is a few f-strings with
`markupsafe.escape` on every value from the data, and each proof (the same
participation is shown on the person's page, the event's page and their
collaborators' lists) is drawn once per site root and then reused. The
templates call `item(x)` and `section(s)` and get `Markup`, the HTML the macros wrote.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from kommgraph.views.i18n import gettext_for
from kommgraph.views.site.cite import Proof, Ref
from kommgraph.views.site.content import Item, Section
from kommgraph.vocab import Lang

EXTERNAL = ' rel="external noopener noreferrer"'


class ItemHtml:
    """Draws items, links and proofs in one language under one site root."""

    def __init__(self, lang: Lang, root: str) -> None:
        _ = gettext_for(lang)
        self.root = escape(root)
        self.source = escape(_("Source:"))
        self.inferred = escape(_("Inferred by the curators"))
        self.cite = escape(_("Cite"))
        self.copy = escape(_("Copy"))
        self.whole = _("The whole list ({count})")
        self._proofs: dict[Proof, str] = {}

    def link(self, ref: Ref) -> str:
        if ref.external and ref.href:
            return f'<a href="{escape(ref.href)}"{EXTERNAL}>{escape(ref.label)}</a>'
        if ref.href:
            return f'<a href="{self.root}{escape(ref.href)}">{escape(ref.label)}</a>'
        return str(escape(ref.label))

    def proof(self, p: Proof) -> str:
        found = self._proofs.get(p)
        if found is None:
            found = self._proofs[p] = self._proof(p)
        return found

    def _proof(self, p: Proof) -> str:
        out = ['<div class="proof">']
        out += [f"<blockquote>{escape(q)}</blockquote>" for q in p.quotes]
        if p.source:
            s = p.source
            out.append(f'<p class="source">{self.source} {self.link(s.title)}')
            if s.publisher:
                out.append(f", {self.link(s.publisher)}")
            if s.date:
                out.append(f", {escape(s.date)}")
            if s.url:
                url = escape(s.url)
                out.append(f', <a href="{url}"{EXTERNAL}>{url}</a>')
            out.append("</p>")
        if p.inferred:
            note = f': <span lang="en">{escape(p.note)}</span>' if p.note else ""
            out.append(f'<p class="inferred">{self.inferred}{note}</p>')
        out.append(
            f'<details class="cite"><summary>{self.cite}</summary><p class="cite-text">'
            f'{escape(p.cite)}</p><button type="button" class="kg-copy">{self.copy}</button>'
            "</details>\n</div>"
        )
        return "".join(out)

    def item(self, x: Item) -> Markup:
        out = ["<li>"]
        if x.date:
            out.append(f'<span class="date">{escape(x.date)}</span> ')
        if x.ref:
            out.append(self.link(x.ref))
        if x.text:
            out.append(" · " if x.ref or x.date else "")
            out.append(f'<span class="text">{escape(x.text)}</span>')
        if x.refs:
            out.append(' <span class="refs">' + ", ".join(map(self.link, x.refs)) + "</span>")
        if x.lines:
            lines = "".join(f"<li>{escape(line)}</li>" for line in x.lines)
            out.append(f'<ul class="lines">{lines}</ul>')
        out += [self.proof(p) for p in x.proofs]
        if x.children:
            out.append("<ul>" + "".join(map(self.item, x.children)) + "</ul>")
        out.append("</li>")
        return Markup("".join(out))

    def section(self, s: Section, items: list[Item] | None = None) -> Markup:
        """A section of a page: its first items (`items`: these instead, on a list's page)."""
        key = escape(s.key)
        out = [
            f'<section id="{key}" aria-labelledby="{key}-h">\n<h2 id="{key}-h">'
            f'{escape(s.title)} <span class="count">({len(s.items)})</span></h2>\n'
        ]
        if s.note:
            out.append(f'<p class="note">{escape(s.note)}</p>\n')
        out.append('<ul class="items">\n')
        out += [self.item(x) + "\n" for x in (s.shown() if items is None else items)]
        out.append("</ul>\n")
        if items is None and s.cut and s.more:
            words = escape(self.whole.format(count=len(s.items)))
            out.append(f'<p class="more"><a href="{self.root}{escape(s.more)}">{words}</a></p>\n')
        out.append("</section>")
        return Markup("".join(out))
