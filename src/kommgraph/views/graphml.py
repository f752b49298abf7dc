"""GraphML written as a stream, as networkx writes it but without building an XML tree.

networkx's `write_graphml` builds the whole document as ElementTree
elements first: at 200,000 edges with their evidence that is ten seconds
and a gigabyte. This writer emits the same document (key ids, attribute
types, element order) line by line, so `networkx.read_graphml` reads back
the same graph (tested in tests/test_graphml.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

# Python type -> GraphML attribute type, as networkx maps them.
_TYPES: tuple[tuple[type, str], ...] = ((bool, "boolean"), (int, "int"), (float, "double"))


def _type(value: Any) -> str:
    for python, name in _TYPES:
        if isinstance(value, python):
            return name
    return "string"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _keys(items: Iterable[dict[str, Any]], start: int) -> dict[str, tuple[str, str]]:
    """attribute -> (key id, type) in order of first appearance, ids numbered from `start`."""
    keys: dict[str, tuple[str, str]] = {}
    for data in items:
        for name, value in data.items():
            if name not in keys:
                keys[name] = (f"d{start + len(keys)}", _type(value))
    return keys


def _data(keys: dict[str, tuple[str, str]], data: dict[str, Any], indent: str) -> Iterator[str]:
    for name, value in data.items():
        yield f'{indent}<data key="{keys[name][0]}">{_text(value)}</data>\n'


def graphml_lines(graph: nx.Graph[str]) -> Iterator[str]:
    """The document, line by line (attribute values must be str, int, float or bool)."""
    graph_keys = _keys([dict(graph.graph)], 0)
    node_keys = _keys((d for _n, d in graph.nodes(data=True)), len(graph_keys))
    edge_keys = _keys((d for *_e, d in graph.edges(data=True)), len(graph_keys) + len(node_keys))
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
    direction = "directed" if graph.is_directed() else "undirected"
    yield f'  <graph edgedefault="{direction}">\n'
    yield from _data(graph_keys, dict(graph.graph), "    ")
    for node, data in graph.nodes(data=True):
        yield f"    <node id={quoteattr(str(node))}>\n"
        yield from _data(node_keys, data, "      ")
        yield "    </node>\n"
    for a, b, data in graph.edges(data=True):
        yield f"    <edge source={quoteattr(str(a))} target={quoteattr(str(b))}>\n"
        yield from _data(edge_keys, data, "      ")
        yield "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def write_graphml(graph: nx.Graph[str], stream: BinaryIO) -> None:
    """Write `graph` as GraphML (UTF-8) to a binary stream."""
    stream.writelines(line.encode("utf-8") for line in graphml_lines(graph))
