"""The words of the page, the figures and the site, in German and English: one catalogue.

Messages are written in English in the code (`_("Sources")`, or `N_("Sources")` where
a text is only named and translated later) and translated by gettext catalogues
in `kommgraph/views/locale/<lang>/LC_MESSAGES/kommgraph.po`, compiled to `.mo`
with Babel (`make locale` extracts, updates and compiles; a test checks that the
`.mo` files match the `.po` files and that every marked message is translated).
Only this module opens the catalogues; the page script gets its words from the
page data, already translated, so the JavaScript holds no sentence of its own.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from importlib import resources

from kommgraph.vocab import LANGS, Lang

DOMAIN = "kommgraph"
DEFAULT_LANG: Lang = "de"

Translate = Callable[[str], str]


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "mark, translate later")
    """Mark a message for the catalogue without translating it here."""
    return message


@cache
def translator(lang: Lang = DEFAULT_LANG) -> gettext.NullTranslations:
    """The catalogue of `lang` (one of `vocab.LANGS`), loaded once."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (one of {', '.join(LANGS)})")
    folder = resources.files("kommgraph.views").joinpath("locale", lang, "LC_MESSAGES")
    with folder.joinpath(f"{DOMAIN}.mo").open("rb") as catalogue:
        return gettext.GNUTranslations(catalogue)


def gettext_for(lang: Lang = DEFAULT_LANG) -> Translate:
    """`translator(lang).gettext`: what a module calls `_`."""
    return translator(lang).gettext
