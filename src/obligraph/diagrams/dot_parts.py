"""The pieces of a Graphviz DOT text that every diagram shares: quoting, the graph, node, edge
and legend lines."""

from __future__ import annotations

import textwrap

from obligraph.diagrams.model import Diagram, Edge, Node, display_label
from obligraph.diagrams.style import FOCUS_BORDER, FONT, NODE_STYLES, edge_style, legend


def quote(text: str) -> str:
    """A DOT double-quoted string; newlines become centred line breaks."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


HEADER_NODE = f'  node [fontname={quote(FONT)}, fontsize=11, style=filled, margin="0.12,0.06"];'
HEADER_EDGE = f"  edge [fontname={quote(FONT)}, fontsize=10, arrowsize=0.7];"


def graph_line(diagram: Diagram, rankdir: str = "LR", ranksep: float = 0.9) -> str:
    return (
        f"  graph [rankdir={rankdir}, fontname={quote(FONT)}, fontsize=14, labelloc=t, labeljust=l,"
        f" nodesep=0.35, ranksep={ranksep}, pad=0.3, newrank=true,"
        f" label={_title(diagram)}];"
    )


def _title(diagram: Diagram) -> str:
    rows = [
        f"<b>{html_escape(line)}</b>" for line in textwrap.wrap(diagram.title, 64, break_on_hyphens=False)
    ]
    rows += [html_escape(line) for line in textwrap.wrap(diagram.subtitle, 80, break_on_hyphens=False)]
    for colour, texts in (("#555555", diagram.omitted), ("#8a4b00", diagram.notes)):
        for t in texts:
            rows += [
                f'<font point-size="10" color="{colour}">{html_escape(line)}</font>'
                for line in textwrap.wrap(t, 96)
            ]
    return "<" + '<br align="left"/>'.join(rows) + '<br align="left"/>>'


def node_line(n: Node) -> str:
    s = NODE_STYLES[n.kind]
    attrs = [
        f"label={quote(display_label(n))}",
        f"shape={s.shape}",
        f'fillcolor="{s.fill}"',
        f'color="{FOCUS_BORDER if n.focus else s.border}"',
        f"penwidth={3 if n.focus else 1}",
    ]
    if n.iri:
        attrs.append(f"tooltip={quote(n.iri)}")
    if n.kind == "more":
        attrs.append('style="filled,dashed"')
    elif s.shape == "box":
        attrs.append('style="filled,rounded"')
    return f"{quote(n.key)} [{', '.join(attrs)}];"


def edge_line(e: Edge, reverse: bool = False) -> str:
    """One edge; ``reverse`` draws it from target to source with the arrowhead unchanged, which
    keeps the focus of an impact diagram in the last column."""
    s = edge_style(e.relation, e.status)
    label = f"({e.order}) {e.label}" if e.order is not None else e.label
    attrs = [
        f"label={quote(label)}",
        f'color="{s.colour}"',
        f'fontcolor="{s.colour}"',
        f"style={s.style}",
    ]
    if e.status != "current":
        attrs.append("penwidth=2")
    if e.relation in ("organ-of", "adopts", "constitutes", "amends", "supplements"):
        attrs.append("weight=2")
    if reverse:
        attrs.append("dir=back")
        return f"{quote(e.target)} -> {quote(e.source)} [{', '.join(attrs)}];"
    return f"{quote(e.source)} -> {quote(e.target)} [{', '.join(attrs)}];"


def legend_line(diagram: Diagram) -> str:
    rows = ['<tr><td colspan="2" align="left"><b>Legend</b></td></tr>']
    for item in legend(diagram):
        if item.what == "node":
            swatch = f'<td bgcolor="{item.fill}" border="1" color="{item.colour}" width="24"> </td>'
        else:
            dash = {"dashed": "- - -", "dotted": "· · ·", "bold": "━━━"}.get(item.style, "───")
            swatch = f'<td><font color="{item.colour}">{dash}▶</font></td>'
        rows.append(f'<tr>{swatch}<td align="left">{html_escape(item.text)}</td></tr>')
    table = '<table border="0" cellborder="0" cellspacing="2" cellpadding="2">' + "".join(rows) + "</table>"
    return f'"legend" [shape=plain, style="", fontsize=10, label=<{table}>];'
