"""Graphviz DOT source for a diagram: kinds as shapes and colours, bodies clustered inside their
organisation, labelled and dated edges, a legend and a title. Pure text; ``graphviz.py`` turns it
into SVG or PNG."""

from __future__ import annotations

from obligraph.diagrams.dot_parts import (
    HEADER_EDGE,
    HEADER_NODE,
    edge_line,
    graph_line,
    legend_line,
    node_line,
    quote,
)
from obligraph.diagrams.model import Diagram, Node


def to_dot(diagram: Diagram, rankdir: str = "LR") -> str:
    if diagram.kind == "impact":
        from obligraph.diagrams.impact_dot import to_impact_dot

        return to_impact_dot(diagram)
    from obligraph.diagrams import state_dot

    if state_dot.applies(diagram):
        return state_dot.to_state_dot(diagram)
    lines = ["digraph obligraph {", graph_line(diagram, rankdir), HEADER_NODE, HEADER_EDGE]
    groups: dict[str, list[Node]] = {}
    for n in diagram.nodes:
        owner = n.group if n.group and any(m.key == n.group for m in diagram.nodes) else None
        if n.kind == "organisation":
            owner = n.key
        if owner:
            groups.setdefault(owner, []).append(n)
    clustered = {n.key for members in groups.values() for n in members}
    for owner, members in sorted(groups.items()):
        name = owner.replace("/", "_").replace("-", "_")
        lines.append(f"  subgraph cluster_{name} {{")
        org = next((m for m in members if m.key == owner), None)
        title = f"{org.label} and its organs" if org else ""
        lines.append(
            f'    graph [style="rounded,dashed", color="#bbbbbb", fontcolor="#777777", fontsize=10,'
            f" labeljust=r, label={quote(title)}];"
        )
        lines += [f"    {node_line(n)}" for n in members]
        lines.append("  }")
    lines += [f"  {node_line(n)}" for n in diagram.nodes if n.key not in clustered]
    lines += [f"  {edge_line(e)}" for e in diagram.edges]
    lines.append(f"  {legend_line(diagram)}")
    lines.append("}")
    return "\n".join(lines) + "\n"
