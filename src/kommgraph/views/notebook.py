"""What a notebook shows for a `KommGraph`: where it lives and how many of what it holds."""

from __future__ import annotations

from kommgraph.rdf.stats import Stats
from kommgraph.tables import Row, html_table

SHOWN = ("Person", "Organization", "Event", "Topic", "Source", "Participation")


def summary_html(stats: Stats, where: str) -> str:
    """A small escaped HTML table: the backend, the date range, the main classes' counts."""
    counts = {c.name.removeprefix("kg:"): c.count for c in stats.classes}
    rows: list[Row] = [{"class": name, "count": counts[name]} for name in SHOWN if name in counts]
    note = f"KommGraph: {where}; events from {stats.first_event} to {stats.last_event}"
    return html_table(("class", "count"), rows, note=note)
