"""GraphML written as a stream, as networkx writes it but without building an XML tree.

networkx's `write_graphml` builds the whole document as ElementTree
elements first: at 200,000 edges with their evidence that is ten seconds
and a gigabyte. This writer emits the same document (key ids, attribute
types, element order) line by line, so `networkx.read_graphml` reads back
the same graph (tested in tests/test_graphml.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, cast
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    import networkx as nx

# Python type -> GraphML attribute type, as networkx maps them.
_TYPES: tuple[tuple[type, str], ...] = ((bool, "boolean"), (int, "int"), (float, "double"))


def _type(value: Any) -> str:
    for python, name in _TYPES:
        if isinstance(value, python):
            return name
    return "string"


def _text(value: Any) -> str:
    if type(value) is str:
        # most values need no escaping, and checking is cheaper than three replacements
        return escape(value) if "&" in value or "<" in value or ">" in value else value
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _attr(value: str) -> str:
    """A quoted attribute value, as `quoteattr` writes it, quicker when nothing needs escaping."""
    if any(c in value for c in _SPECIAL):
        return quoteattr(value)
    return f'"{value}"'


_SPECIAL = ("&", "<", ">", '"', "\n", "\r", "\t")


def _keys(items: Iterable[dict[str, Any]], start: int) -> dict[str, tuple[str, str]]:
    """attribute -> (key id, type) in order of first appearance, ids numbered from `start`."""
    keys: dict[str, tuple[str, str]] = {}
    for data in items:
        for name, value in data.items():
            if name not in keys:
                keys[name] = (f"d{start + len(keys)}", _type(value))
    return keys


def _opening(keys: dict[str, tuple[str, str]], indent: str) -> dict[str, str]:
    """attribute -> its `<data key=...>` tag, written once rather than per value."""
    return {name: f'{indent}<data key="{key}">' for name, (key, _kind) in keys.items()}


def _data(opening: dict[str, str], data: dict[str, Any]) -> str:
    return "".join([f"{opening[name]}{_text(value)}</data>\n" for name, value in data.items()])


def graphml_lines(graph: nx.Graph[str]) -> Iterator[str]:
    """The document of a networkx graph, line by line (values: str, int, float or bool)."""
    return graphml_document(
        dict(graph.graph),
        cast("list[tuple[str, dict[str, Any]]]", list(graph.nodes(data=True))),
        cast("list[tuple[str, str, dict[str, Any]]]", list(graph.edges(data=True))),
        directed=graph.is_directed(),
    )


def graphml_document(
    attrs: dict[str, Any],
    nodes: Iterable[tuple[str, dict[str, Any]]],
    edges: Iterable[tuple[str, str, dict[str, Any]]],
    *,
    directed: bool = False,
) -> Iterator[str]:
    """The document of graph attributes, nodes and edges, as networkx would write it
    (nodes and edges are read twice: their attribute names first)."""
    graph_keys = _keys([attrs], 0)
    node_keys = _keys((d for _n, d in nodes), len(graph_keys))
    edge_keys = _keys((d for *_e, d in edges), len(graph_keys) + len(node_keys))
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for domain, keys in (("graph", graph_keys), ("node", node_keys), ("edge", edge_keys)):
        for name, (key, kind) in keys.items():
            yield (
                f'  <key id="{key}" for="{domain}" attr.name={quoteattr(name)} '
                f'attr.type="{kind}" />\n'
            )
    yield f'  <graph edgedefault="{"directed" if directed else "undirected"}">\n'
    yield _data(_opening(graph_keys, "    "), attrs)
    node_tags, edge_tags = _opening(node_keys, "      "), _opening(edge_keys, "      ")
    for node, data in nodes:
        yield f"    <node id={_attr(str(node))}>\n{_data(node_tags, data)}    </node>\n"
    for a, b, data in edges:
        yield (
            f"    <edge source={_attr(str(a))} target={_attr(str(b))}>\n"
            f"{_data(edge_tags, data)}    </edge>\n"
        )
    yield "  </graph>\n</graphml>\n"


def write_graphml(graph: nx.Graph[str], stream: BinaryIO) -> None:
    """Write `graph` as GraphML (UTF-8) to a binary stream."""
    write_lines(graphml_lines(graph), stream)


def write_lines(lines: Iterable[str], stream: BinaryIO, batch: int = 4096) -> None:
    """Encode and write lines in batches: one write per line costs more than the text."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= batch:
            stream.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    stream.write("".join(chunk).encode("utf-8"))
