"""Turn the user's filter words into a `Filters` value, with clear errors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kommgraph.network.collaboration import Filters
from kommgraph.errors import (
    AmbiguousActorError,
    FilterError,
    KommgraphError,
    UnknownActorError,
)
from kommgraph.rdf.namespaces import KG

if TYPE_CHECKING:
    from kommgraph.api import KommGraph

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date(option: str, value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if not _DATE.match(text):
        raise FilterError(
            option, value, "give a year (2024), a month (2024-04) or a date (2024-04-17)"
        )
    return text


def _words(values: Sequence[str]) -> list[str]:
    return [w.strip() for v in values for w in v.split(",") if w.strip()]


def _pick(option: str, word: str, known: dict[str, str]) -> str:
    key = word.replace("-", "").replace("_", "").replace(" ", "").casefold()
    if key in known:
        return known[key]
    import difflib

    close = difflib.get_close_matches(key, list(known), n=3, cutoff=0.5)
    hint = (
        f"; did you mean: {', '.join(close)}" if close else f"; one of: {', '.join(sorted(known))}"
    )
    raise FilterError(option, word, "unknown" + hint)


def make_filters(
    graph: KommGraph,
    since: str | None,
    until: str | None,
    topic: str | None,
    event_kinds: Sequence[str],
    roles: Sequence[str],
) -> Filters:
    """Validate and resolve every filter; names are matched loosely (case, hyphens)."""
    schema = graph.schema
    start, end = _date("--since", since), _date("--until", until)
    if start and end and start[: len(end)] > end[: len(start)]:
        raise FilterError("--since", since or "", f"is after --until {until}")
    topic_iri = topic_label = None
    if topic:
        try:
            found = graph.topic(topic)
            topic_iri, topic_label = found.iri, found.label
        except UnknownActorError as exc:  # the name index speaks of actors; this is a topic
            hint = f"; did you mean: {', '.join(exc.candidates)}" if exc.candidates else ""
            raise FilterError("--topic", topic, "unknown topic" + hint) from None
        except AmbiguousActorError as exc:
            listed = "; ".join(f"{label} <{iri}>" for label, iri in exc.matches)
            raise FilterError("--topic", topic, f"ambiguous topic, matches: {listed}") from None
        except KommgraphError as exc:
            raise FilterError("--topic", topic, exc.message()) from None
    event_classes = {
        cls.rsplit("#", 1)[-1].casefold(): cls
        for cls, supers in schema.subclasses.items()
        if str(KG.Event) in supers
    }
    role_names: dict[str, str] = {}
    for iri, (label, _active, _organizing) in schema.roles.items():
        role_names[iri.rsplit("#", 1)[-1].casefold()] = iri
        role_names[label.replace(" ", "").casefold()] = iri
    kinds = frozenset(_pick("--event-kind", w, event_classes) for w in _words(event_kinds))
    role_set = frozenset(_pick("--roles", w, role_names) for w in _words(roles))
    return Filters(start, end, topic_iri, kinds, role_set, topic_label)
