"""Filters on the evidence (time window, topic, event kinds, roles), and how user words become them.

`Filters` is a frozen value: the API caches computed edges by it. `parse_filters`
checks every word against the schema and raises `FilterError` naming the field
(`since`, `until`, `topic`, `event_kinds`, `roles`); the command line words the
field as its option.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kommgraph.errors import AmbiguousActorError, FilterError, KommgraphError, UnknownActorError
from kommgraph.rdf.iris import KG

if TYPE_CHECKING:
    from kommgraph.network.schema import Schema
    from kommgraph.rdf.names import Entity


@dataclass(frozen=True)
class Filters:
    """Which evidence counts: time window, topic (with narrower), event kinds, roles."""

    since: str | None = None
    until: str | None = None
    topic: str | None = None
    event_kinds: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    topic_label: str | None = None

    def describe(self) -> str:
        """A short human description, for titles and reports."""
        parts = []
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        if self.topic:
            parts.append(f"topic {self.topic_label or self.topic.rsplit('/', 1)[-1]}")
        if self.event_kinds:
            parts.append("events " + ", ".join(sorted(_local(k) for k in self.event_kinds)))
        if self.roles:
            parts.append("roles " + ", ".join(sorted(_local(r) for r in self.roles)))
        return "; ".join(parts) or "no filters"

    @property
    def any_event_filter(self) -> bool:
        """Whether some filter looks at events (relations have none, so they drop out)."""
        return bool(self.since or self.until or self.topic or self.event_kinds or self.roles)


NO_FILTERS = Filters()

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def parse_period(field: str, value: str | None) -> str | None:
    """A year, a month or a day as written (`2024`, `2024-04`, `2024-04-17`), checked for real.

    Impossible months and days (`2020-13`, `2020-02-30`) are refused rather than
    compared as text, where they would silently give other counts.
    """
    if value is None:
        return None
    text = value.strip()
    found = _DATE.match(text)
    hint = "give a year (2024), a month (2024-04) or a date (2024-04-17)"
    if not found:
        raise FilterError(field, value, hint)
    year, month, day = found.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise FilterError(field, value, "no such month or day; " + hint) from None
    if int(year) == 0:
        raise FilterError(field, value, "there is no year 0; " + hint)
    return text


def _words(values: Sequence[str]) -> list[str]:
    return [w.strip() for v in values for w in v.split(",") if w.strip()]


def _pick(field: str, word: str, known: dict[str, str]) -> str:
    key = word.replace("-", "").replace("_", "").replace(" ", "").casefold()
    if key in known:
        return known[key]
    import difflib  # only for a mistyped name: not on every command's path

    close = difflib.get_close_matches(key, list(known), n=3, cutoff=0.5)
    hint = (
        f"; did you mean: {', '.join(close)}" if close else f"; one of: {', '.join(sorted(known))}"
    )
    raise FilterError(field, word, "unknown" + hint)


def _topic(resolve: Callable[[str], Entity], topic: str) -> tuple[str, str]:
    try:
        found = resolve(topic)
    except UnknownActorError as exc:  # the name index speaks of actors; this is a topic
        hint = f"; did you mean: {', '.join(exc.candidates)}" if exc.candidates else ""
        raise FilterError("topic", topic, "unknown topic" + hint) from None
    except AmbiguousActorError as exc:
        listed = "; ".join(f"{label} <{iri}>" for label, iri in exc.matches)
        raise FilterError("topic", topic, f"ambiguous topic, matches: {listed}") from None
    except KommgraphError as exc:
        raise FilterError("topic", topic, exc.message()) from None
    return found.iri, found.label


def parse_filters(
    schema: Schema,
    resolve_topic: Callable[[str], Entity],
    since: str | None = None,
    until: str | None = None,
    topic: str | None = None,
    event_kinds: Sequence[str] = (),
    roles: Sequence[str] = (),
) -> Filters:
    """Validate and resolve every filter word; kinds and roles match loosely (case, hyphens)."""
    start, end = parse_period("since", since), parse_period("until", until)
    if start and end and start[: len(end)] > end[: len(start)]:
        raise FilterError("since", since or "", f"is after until {until}", after="until")
    topic_iri, topic_label = _topic(resolve_topic, topic) if topic else (None, None)
    event_classes = {
        cls.rsplit("#", 1)[-1].casefold(): cls
        for cls, supers in schema.subclasses.items()
        if str(KG.Event) in supers
    }
    role_names: dict[str, str] = {}
    for iri, role in schema.roles.items():
        role_names[iri.rsplit("#", 1)[-1].casefold()] = iri
        role_names[role.label.replace(" ", "").casefold()] = iri
    kinds = frozenset(_pick("event_kinds", w, event_classes) for w in _words(event_kinds))
    role_set = frozenset(_pick("roles", w, role_names) for w in _words(roles))
    return Filters(start, end, topic_iri, kinds, role_set, topic_label)
