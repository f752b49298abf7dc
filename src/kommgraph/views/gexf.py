"""GEXF 1.3 written as a stream, with Gephi's visual attributes: colour, size, position.

networkx writes GEXF 1.2draft by default and builds the whole document as an
XML tree first; this writer emits GEXF 1.3 (`http://gexf.net/1.3`) line by
line, like `kommgraph.views.graphml`, with `viz:color`, `viz:size` and
`viz:position` on every node, so Gephi opens the network coloured by kind,
sized by centrality and laid out. `networkx.read_gexf(path, version="1.3")`
reads it back (tests/test_exports.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

NS = "http://gexf.net/1.3"
NS_VIZ = "http://gexf.net/1.3/viz"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"

# Python type -> GEXF attribute type (bool before int: a bool is an int)
_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "double"),
)
# written as the element's own XML attributes, not as attvalues
_OWN = frozenset({"label", "weight"})


def _type(value: Any) -> str:
    for python, name in _TYPES:
        if isinstance(value, python):
            return name
    return "string"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return quoteattr("true" if value else "false")
    return quoteattr(str(value))


def _attributes(items: Iterable[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """name -> (attribute id, type) in order of first appearance."""
    found: dict[str, tuple[str, str]] = {}
    for data in items:
        for name, value in data.items():
            if name not in _OWN and name not in found:
                found[name] = (str(len(found)), _type(value))
    return found


def _declare(kind: str, attributes: dict[str, tuple[str, str]]) -> Iterator[str]:
    yield f'    <attributes class="{kind}" mode="static">\n'
    for name, (key, type_) in attributes.items():
        yield f'      <attribute id="{key}" title={quoteattr(name)} type="{type_}" />\n'
    yield "    </attributes>\n"


def _values(attributes: dict[str, tuple[str, str]], data: dict[str, Any]) -> Iterator[str]:
    own = [(attributes[k][0], v) for k, v in data.items() if k not in _OWN]
    if own:
        yield "        <attvalues>\n"
        for key, value in own:
            yield f'          <attvalue for="{key}" value={_value(value)} />\n'
        yield "        </attvalues>\n"


def _rgb(color: str) -> str:
    """#RRGGBB as viz:color attributes."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f'r="{red}" g="{green}" b="{blue}"'


def gexf_lines(
    graph: nx.Graph[str],
    colors: Mapping[str, str],
    sizes: Mapping[str, float],
    positions: Mapping[str, tuple[float, float]],
    description: str = "",
) -> Iterator[str]:
    """The document, line by line (attribute values must be str, int, float or bool).

    Nodes carry `label` as their XML label; an edge's `weight` is its own XML
    attribute, and its `edge_id` (if any) is its XML id as well as an attribute.
    Every node needs a colour (#RRGGBB), a size and a position.
    """
    node_attributes = _attributes(d for _n, d in graph.nodes(data=True))
    edge_attributes = _attributes(d for *_e, d in graph.edges(data=True))
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        f'<gexf xmlns="{NS}" xmlns:viz="{NS_VIZ}" xmlns:xsi="{NS_XSI}" '
        f'xsi:schemaLocation="{NS} {NS}/gexf.xsd" version="1.3">\n'
    )
    yield "  <meta>\n    <creator>kommgraph</creator>\n"
    if description:
        yield f"    <description>{escape(description)}</description>\n"
    yield "  </meta>\n"
    direction = "directed" if graph.is_directed() else "undirected"
    yield f'  <graph mode="static" defaultedgetype="{direction}">\n'
    yield from _declare("node", node_attributes)
    yield from _declare("edge", edge_attributes)
    yield "    <nodes>\n"
    for node, data in graph.nodes(data=True):
        label = data.get("label", node)
        yield f"      <node id={quoteattr(str(node))} label={quoteattr(str(label))}>\n"
        yield from _values(node_attributes, data)
        x, y = positions[node]
        yield f"        <viz:color {_rgb(colors[node])} />\n"
        yield f'        <viz:size value="{sizes[node]!r}" />\n'
        yield f'        <viz:position x="{x!r}" y="{y!r}" z="0.0" />\n'
        yield "      </node>\n"
    yield "    </nodes>\n    <edges>\n"
    for number, (a, b, data) in enumerate(graph.edges(data=True), start=1):
        edge_id = quoteattr(str(data.get("edge_id", number)))
        weight = float(data.get("weight", 1.0))
        yield (
            f"      <edge id={edge_id} source={quoteattr(str(a))} "
            f'target={quoteattr(str(b))} weight="{weight!r}">\n'
        )
        yield from _values(edge_attributes, data)
        yield "      </edge>\n"
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_gexf(
    graph: nx.Graph[str],
    stream: BinaryIO,
    colors: Mapping[str, str],
    sizes: Mapping[str, float],
    positions: Mapping[str, tuple[float, float]],
    description: str = "",
) -> None:
    """Write `graph` as GEXF 1.3 (UTF-8) to a binary stream."""
    lines = gexf_lines(graph, colors, sizes, positions, description)
    stream.writelines(line.encode("utf-8") for line in lines)
