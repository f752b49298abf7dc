"""The site's HTML: Jinja2 templates with autoescaping and the gettext catalogue.

Every value from the data reaches the HTML through a template expression, and
Jinja2 escapes each one (`autoescape=True`, `StrictUndefined` so that a
misspelt name fails the build instead of printing nothing). The interface's
words come from the same catalogue as the network page (`kommgraph.views.i18n`,
installed as Jinja2's `_`); `make locale` extracts them from the templates too.
The only text not escaped is JSON for `<script type="application/json">`
blocks, made safe for HTML by `page.json_for_html`, and the items of the lists,
drawn in Python with every value escaped (`items`, for speed).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from kommgraph.views.i18n import gettext_for, translator
from kommgraph.views.page import json_for_html
from kommgraph.views.site.items import ItemHtml
from kommgraph.views.site.world import GROUPS
from kommgraph.vocab import Lang

# Every page: its own scripts and styles only (no inline script, no handler attribute),
# the ego network in a frame of the same site, nothing from anywhere else.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; base-uri 'none'; form-action 'none'"
)
ASSETS = ("site.css", "site.js")
# where the network pages' shared scripts live (the ego networks', and fold.js, which
# the site's search shares with the network page's)
NETWORK_ASSETS = "assets/network"


@cache
def environment(lang: Lang) -> Environment:
    """The templates of `lang`, compiled once per process."""
    env = Environment(
        loader=PackageLoader("kommgraph.views.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=False,
        auto_reload=False,
    )
    env.install_gettext_translations(translator(lang), newstyle=False)  # type: ignore[attr-defined]
    return env


def group_names(lang: Lang) -> dict[str, str]:
    """Each page kind's name in the plural, as the navigation and the search say it."""
    _ = gettext_for(lang)
    return {
        "person": _("Persons"),
        "org": _("Organizations"),
        "event": _("Events"),
        "topic": _("Topics"),
        "place": _("Places"),
        "source": _("Sources"),
    }


def list_path(group: str, number: int = 1) -> str:
    """Page `number` of the list of one kind: `lists/<kind>.<n>.html`."""
    return f"lists/{group}.{number}.html"


@cache
def _common(lang: Lang) -> dict[str, Any]:
    _ = gettext_for(lang)
    names = group_names(lang)
    words = {
        "loading": _("Loading the search index…"),
        "failed": _("The search index could not be loaded."),
        "matches": _("{count} matches"),
        "none": _("Nothing matches “{query}”."),
        "group": _("{kind} ({count})"),
        "more": _("… and {count} more"),
        "copied": _("Copied"),
        "selected": _("Selected: press Ctrl+C to copy"),
    }
    return {
        "lang": lang,
        "csp": CSP,
        "network_assets": NETWORK_ASSETS,
        "nav": [{"label": names[g], "href": list_path(g)} for g in GROUPS],
        "words": Markup(json_for_html(words)),
    }


@cache
def _items(lang: Lang, root: str) -> ItemHtml:
    return ItemHtml(lang, root)


def render(template: str, lang: Lang, root: str, footer: str, **values: Any) -> str:
    """One page: `root` leads from the page to the site's root ("" or "../")."""
    drawn = _items(lang, root)
    context = {**_common(lang), "root": root, "footer": footer, **values}
    context.update(
        item_html=drawn.item,
        proof_html=lambda p: Markup(drawn.proof(p)),
        section_html=drawn.section,
    )
    return environment(lang).get_template(template).render(context)


def asset(name: str) -> str:
    """The site's own stylesheet and script, kept as files in views/site/assets/."""
    folder = resources.files("kommgraph.views.site").joinpath("assets")
    return folder.joinpath(name).read_text(encoding="utf-8")
