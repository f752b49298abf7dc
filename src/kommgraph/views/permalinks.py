"""Where an entity's page lives in a `kommgraph site`: one rule, used by the page and the site.

An entity `https://w3id.org/kommgraph/id/<kind>/<slug>` has its page at
`<kind>/<slug>.html` under the site's root, so links can be written before the
site exists and keep working when it moves. IRIs outside that namespace have no
page. The root is a URL (http or https) or a relative path; anything else
(`javascript:`, `data:`) is refused, since the page turns it into links.
"""

from __future__ import annotations

import re
from urllib.parse import quote

ID_BASE = "https://w3id.org/kommgraph/id/"
_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~%-]*")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def permalink(iri: str) -> str | None:
    """The page of an entity, relative to the site root ("person/x.html"), or None."""
    if not iri.startswith(ID_BASE):
        return None
    parts = iri[len(ID_BASE) :].split("/")
    if len(parts) != 2 or not all(parts):
        return None
    kind, slug = (quote(p, safe="") for p in parts)
    if not (_PART.fullmatch(kind) and _PART.fullmatch(slug)):
        return None
    return f"{kind}/{slug}.html"


def site_root(root: str) -> str:
    """The root as the page will join it: no trailing slash; ValueError if it is no root.

    "https://example.org/kg/", "../site", "site" and "/" are roots; "javascript:x" is not.
    """
    text = root.strip()
    scheme = _SCHEME.match(text)
    if scheme and scheme.group(0).lower() not in ("http:", "https:"):
        raise ValueError(f"a site root is an http(s) URL or a relative path, not {root!r}")
    if not text or any(c in text for c in "\"'<>\\ \t\n?#"):
        raise ValueError(f"a site root is an http(s) URL or a relative path, not {root!r}")
    return text.rstrip("/")


def site_link(root: str, iri: str) -> str | None:
    """The URL of an entity's page under a site root, or None when it has no page."""
    page = permalink(iri)
    return None if page is None else f"{site_root(root)}/{page}"
