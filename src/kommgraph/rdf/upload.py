"""The embedded graph as N-Triples in chunks that servers take, blank nodes kept whole.

Servers limit what one request may hold: Virtuoso 7.2 refuses `INSERT DATA`
of more than about 4,990 triples, and an `INSERT ... WHERE {}` of more than
about 1,425 ("generated SQL text has exceeded 10000 lines"), and hangs on one
Graph Store request of several hundred thousand new triples. So the triples
go in chunks: `GRAPH_STORE_CHUNK` per Graph Store request, `UPDATE_CHUNK` per
SPARQL Update. A blank node is known only within one request, so every
triple that shares a blank node with another (directly or through others)
goes into the same chunk; Virtuoso also refuses blank nodes in `INSERT DATA`,
so a chunk that holds any is sent as `INSERT { ... } WHERE {}`, which creates
each of them once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

GRAPH_STORE_CHUNK = 25_000
UPDATE_CHUNK = 1_000


@dataclass(frozen=True)
class Chunk:
    """N-Triples lines for one request; `blank`: some hold blank nodes."""

    lines: tuple[str, ...]
    blank: bool

    def ntriples(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode("utf-8")

    def insert(self, graph: str | None) -> str:
        """A SPARQL Update adding these triples to `graph` (None: the default graph)."""
        body = "\n".join(self.lines)
        if graph is not None:
            body = f"GRAPH <{graph}> {{\n{body}\n}}"
        if self.blank:
            return f"INSERT {{\n{body}\n}} WHERE {{}}"
        return f"INSERT DATA {{\n{body}\n}}"


@dataclass(frozen=True)
class Triples:
    """The default graph of a store as N-Triples lines, grouped for chunking."""

    plain: tuple[str, ...]  # lines without blank nodes
    groups: tuple[tuple[str, ...], ...]  # lines joined by shared blank nodes

    def __len__(self) -> int:
        return len(self.plain) + sum(len(group) for group in self.groups)

    def chunks(self, size: int) -> list[Chunk]:
        """Chunks of at most `size` triples each.

        A group of triples joined by blank nodes that is larger than `size` is
        one chunk of its own (it cannot be split without changing the data).
        """
        found = [Chunk(tuple(part), False) for part in _packed(([x] for x in self.plain), size)]
        found += [Chunk(tuple(part), True) for part in _packed(self.groups, size)]
        return found


def triples(store: ox.Store) -> Triples:
    """The default graph of `store` as lines, those sharing blank nodes grouped together."""
    dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    plain: list[str] = []
    blank: list[tuple[str, list[str]]] = []  # (line, its blank node ids)
    for line in (dumped or b"").decode("utf-8").splitlines():
        if "_:" not in line:  # the quick test; a literal may hold "_:" too
            plain.append(line)
            continue
        subject, _predicate, rest = line.split(" ", 2)  # as Oxigraph writes N-Triples
        ids = [term[2:] for term in (subject, rest[:-2]) if term.startswith("_:")]
        if ids:
            blank.append((line, ids))
        elif line.strip():
            plain.append(line)
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for _, ids in blank:
        for other in ids[1:]:
            parent[root(other)] = root(ids[0])
    grouped: dict[str, list[str]] = {}
    for line, ids in blank:
        grouped.setdefault(root(ids[0]), []).append(line)
    return Triples(tuple(plain), tuple(tuple(group) for group in grouped.values()))


def _packed(groups: Iterable[Sequence[str]], size: int) -> Iterator[list[str]]:
    current: list[str] = []
    for group in groups:
        if current and len(current) + len(group) > size:
            yield current
            current = []
        current.extend(group)
    if current:
        yield current
