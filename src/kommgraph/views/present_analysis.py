"""How centrality tables and communities are printed.

The JSON shapes are the documented contract for scripts (README, "JSON
output"). Centrality is a table in every format; communities are text for
people and, as CSV or Markdown, one row per member.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kommgraph.network.centrality import CentralityResult
from kommgraph.network.communities import CommunityResult
from kommgraph.views.tabular import Table, dumps
from kommgraph.vocab import METRICS, TableFormat


def centrality_json(result: CentralityResult) -> dict[str, Any]:
    """`centrality --format json`: {network, metric, filters, note, nodes: [...]}."""
    return {
        "network": result.network,
        "metric": result.metric,
        "filters": result.filters.describe(),
        "note": result.note,
        "nodes": [
            {
                "iri": r.iri,
                "label": r.label,
                "kind": r.kind,
                **r.scores,
                "degree": int(r.scores["degree"]),
            }
            for r in result.shown
        ],
    }


def centrality_table(result: CentralityResult) -> Table:
    """Rank, actor, kind and every measure (degree as a whole number)."""
    return Table(
        ("rank", "actor", "kind", *METRICS),
        [
            (
                i,
                r.label,
                r.kind,
                *(int(r.scores[m]) if m == "degree" else r.scores[m] for m in METRICS),
            )
            for i, r in enumerate(result.shown, start=1)
        ],
    )


def centrality_chunks(
    result: CentralityResult, fmt: TableFormat, *, excel: bool = False
) -> Iterator[str]:
    """The table in chunks (every node of a large network is a row), headed by what was
    measured when it is for people."""
    if fmt == "table":
        yield (
            f"{result.network} network, sorted by {result.metric}; "
            f"{result.filters.describe()}; {result.note}\n"
        )
    yield from centrality_table(result).chunks(fmt, excel=excel)


def communities_table(result: CommunityResult) -> Table:
    """One row per member: community, size, member, and whether it is among the central ones."""
    return Table(
        ("community", "size", "member", "iri", "central"),
        [
            (c.index, len(c.members), label, iri, (iri, label) in c.central)
            for c in result.communities
            for iri, label in c.members
        ],
    )


def communities_json(result: CommunityResult) -> dict[str, Any]:
    """`communities --format json`."""
    return {
        "network": result.network,
        "filters": result.filters.describe(),
        "method": result.method,
        "modularity": result.modularity,
        "communities": [
            {
                "index": c.index,
                "size": len(c.members),
                "members": [{"iri": i, "label": label} for i, label in c.members],
                "central": [{"iri": i, "label": label} for i, label in c.central],
                "topics": [{"label": t, "events": n} for t, n in c.topics],
            }
            for c in result.communities
        ],
        "bridges": [
            {
                "iri": b.iri,
                "label": b.label,
                "communities": list(b.communities),
                "participation": b.participation,
            }
            for b in result.bridges
        ],
    }


def communities_text(result: CommunityResult) -> str:
    """Each community with its size, topics, central actors and members; then the bridges."""
    lines = [
        f"{len(result.communities)} communities in the {result.network} network "
        f"({result.filters.describe()}); "
        f"{result.method}, modularity {result.modularity:.3f}",
        "",
    ]
    for c in result.communities:
        topics = ", ".join(f"{t} ({n})" for t, n in c.topics) or "–"
        lines.append(f"Community {c.index} ({len(c.members)} members); topics: {topics}")
        lines.append("  central: " + ", ".join(label for _i, label in c.central))
        if len(c.members) > len(c.central):
            lines.append("  members: " + ", ".join(label for _i, label in c.members))
        lines.append("")
    if result.bridges:
        lines.append("Bridges between communities (participation coefficient):")
        for b in result.bridges[:15]:
            lines.append(
                f"  {b.label}: communities {', '.join(map(str, b.communities))}"
                f" ({b.participation:.2f})"
            )
    else:
        lines.append("No actor links two communities.")
    return "\n".join(lines).rstrip() + "\n"


def present_centrality(answer: CentralityResult, fmt: TableFormat, excel: bool) -> Iterator[str]:
    """`centrality` in any format, in chunks (a long table is printed as it is written)."""
    if fmt == "json":
        yield dumps(centrality_json(answer))
    else:
        yield from centrality_chunks(answer, fmt, excel=excel)


def present_communities(
    answer: CommunityResult, fmt: TableFormat, excel: bool
) -> str | Iterator[str]:
    """`communities` as text, JSON, or one row per member (in chunks: long for a large
    network)."""
    if fmt == "json":
        return dumps(communities_json(answer))
    if fmt == "table":
        return communities_text(answer)
    return communities_table(answer).chunks(fmt, excel=excel)
