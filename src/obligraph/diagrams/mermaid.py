"""Mermaid flowchart source, for Markdown pages (GitHub, GitLab and most wikis render it)."""

from __future__ import annotations

import re

from obligraph.diagrams.model import Diagram, Node, display_label
from obligraph.diagrams.style import NODE_STYLES, edge_style, legend

_SHAPES = {
    "state": ('(["', '"])'),
    "organisation": ('[["', '"]]'),
    "treaty": ('["', '"]'),
    "protocol": ('[/"', '"/]'),
    "body": ('("', '")'),
    "resolution": ('>"', '"]'),
    "more": ('[("', '")]'),
}


def ident(key: str) -> str:
    """A Mermaid node id: letters, digits and underscores only."""
    return "n_" + re.sub(r"[^A-Za-z0-9]", "_", key)


def text(value: str) -> str:
    """Label text safe inside Mermaid quotes; line breaks as <br/>."""
    escaped = value.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    return escaped.replace("\n", "<br/>")


def to_mermaid(diagram: Diagram) -> str:
    lines = [
        "---",
        f"title: {text(diagram.title)}, {text(diagram.subtitle)}",
        "---",
        "flowchart LR",
    ]
    for n in diagram.nodes:
        lines.append("  " + _node(n))
    link_styles = []
    for i, e in enumerate(diagram.edges):
        label = f"({e.order}) {e.label}" if e.order is not None else e.label
        arrow = "-.->" if edge_style(e.relation, e.status).style in ("dashed", "dotted") else "-->"
        lines.append(f'  {ident(e.source)} {arrow}|"{text(label)}"| {ident(e.target)}')
        s = edge_style(e.relation, e.status)
        link_styles.append(f"  linkStyle {i} stroke:{s.colour},color:{s.colour}")
    lines += link_styles
    lines.append('  subgraph legend["Legend"]')
    for item in legend(diagram):
        if item.what == "node":
            lines.append(f"    {ident('legend/' + item.key)}{_wrap(item.key, item.text)}:::{item.key}")
    lines.append("  end")
    edge_items = [i for i in legend(diagram) if i.what == "edge"]
    if edge_items:
        words = "; ".join(f"{i.text}: {i.colour} {i.style}" for i in edge_items)
        lines.append(f"  %% edges: {words}")
    for kind, style in NODE_STYLES.items():
        lines.append(f"  classDef {kind} fill:{style.fill},stroke:{style.border},color:#000")
    lines.append("  classDef focus stroke-width:3px,stroke:#000")
    for note in (*diagram.omitted, *diagram.notes):
        lines.append(f"  %% {note}")
    return "\n".join(lines) + "\n"


def _wrap(kind: str, label: str) -> str:
    start, end = _SHAPES[kind]
    return f"{start}{text(label)}{end}"


def _node(n: Node) -> str:
    line = f"{ident(n.key)}{_wrap(n.kind, display_label(n))}:::{n.kind}"
    if n.focus:
        line += f"\n  class {ident(n.key)} focus"
    return line
