"""Graphviz DOT for an impact diagram, laid out for a printed page.

The state sits in the last column. Each link the scenario removes is drawn on its own (red,
dashed, dated, numbered in cascade order). The bodies that keep their powers are gathered, per
organisation, into one table (body, powers, since, basis) joined to the state by one green link:
eight kept bodies then take the height of eight table rows, not of eight labelled arrows, and the
picture stays readable at A4 width. Bodies are drawn inside a frame named after the organisation
they are an organ of (``Diagram.clusters``).
"""

from __future__ import annotations

import textwrap

from obligraph.diagrams.dot_parts import (
    HEADER_EDGE,
    HEADER_NODE,
    edge_line,
    graph_line,
    html_escape,
    legend_line,
    node_line,
    quote,
)
from obligraph.diagrams.model import Diagram, Edge, Node
from obligraph.diagrams.style import STATUS_STYLES

_KEPT = STATUS_STYLES["kept"]
_FILL = "#eef6ee"
_BR = '<br align="left"/>'
_COLUMNS = ("body", "keeps", "since", "basis")


def to_impact_dot(diagram: Diagram) -> str:
    lines = ["digraph obligraph {", graph_line(diagram, rankdir="TB", ranksep=0.5), HEADER_NODE, HEADER_EDGE]
    nodes = {n.key: n for n in diagram.nodes}
    kept = [e for e in diagram.edges if e.status == "kept" and e.details and e.source in nodes]
    tabled = {e.source for e in kept}
    titles = dict(diagram.clusters)
    drawn = [n for n in diagram.nodes if n.key not in tabled]
    lines += [f"  {node_line(n)}" for n in drawn if n.group not in titles]
    for group, title in titles.items():
        members = [n for n in drawn if n.group == group]
        if not members:
            continue
        lines.append(f"  subgraph cluster_{group.replace('/', '_').replace('-', '_')} {{")
        lines.append(
            '    graph [style="rounded,dashed", color="#999999", fontcolor="#555555", fontsize=11,'
            f" labeljust=l, label={quote(title)}];"
        )
        lines += [f"    {node_line(n)}" for n in members]
        lines.append("  }")
    if kept:
        lines.append(f"  {_table(kept, nodes, titles)}")
    for e in diagram.edges:
        if e.source in tabled and e.status == "kept":
            continue
        lines.append(f"  {edge_line(e, reverse=e.source == diagram.focus)}")
    if kept and diagram.focus:
        # Drawn from the state down to the table (arrowhead at the state): kept links sit below it.
        lines.append(
            f'  {quote(diagram.focus)} -> "kept" [color="{_KEPT.colour}", style=solid, penwidth=2, dir=back];'
        )
    # The legend shares the state's row, which is otherwise empty beside the state.
    lines.append(f"  {legend_line(diagram)}")
    if diagram.focus:
        lines.append(f'  {{ rank=same; {quote(diagram.focus)}; "legend"; }}')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _table(rows: list[Edge], nodes: dict[str, Node], titles: dict[str, str]) -> str:
    """One table of the bodies that keep their powers, a section per organisation."""
    count = len(rows)
    heading = f"{count} {'body keeps its' if count == 1 else 'bodies keep their'} powers"
    cells = [
        f'<tr><td colspan="4" align="left"><font color="{_KEPT.colour}"><b>{heading}</b></font></td></tr>'
    ]
    head = "".join(f'<td align="left"><font color="#555555">{t}</font></td>' for t in _COLUMNS)
    cells.append(f"<tr>{head}</tr>")
    sections = [*titles, None]
    for group in sections:
        section = [
            e for e in rows if (nodes[e.source].group if nodes[e.source].group in titles else None) == group
        ]
        if not section:
            continue
        if group is not None and len(sections) > 1:
            title = html_escape(titles[group])
            cells.append(
                f'<hr/><tr><td colspan="4" align="left"><font color="#555555"><i>{title}</i></font></td></tr>'
            )
        cells += [_row(e, nodes[e.source]) for e in section]
    table = '<table border="0" cellborder="0" cellspacing="0" cellpadding="3">' + "".join(cells) + "</table>"
    return (
        f'"kept" [shape=box, style="rounded,filled", fillcolor="{_FILL}", color="{_KEPT.colour}",'
        f" penwidth=1.5, fontsize=10, margin=0.05, label=<{table}>];"
    )


def _row(e: Edge, node: Node) -> str:
    details = dict(e.details)
    who = f"<b>{html_escape(node.id)}</b>{_BR}"
    if node.label != node.id:
        who += f'<font point-size="9">{_wrap(node.label, 30)}</font>'
    basis = "".join(_wrap(part, 24) for part in details.get("basis", "").split("; "))
    return (
        "<hr/><tr>"
        f'<td align="left" valign="top">{who}</td>'
        f'<td align="left" valign="top">{_wrap(details.get("powers", ""), 26)}</td>'
        f'<td align="left" valign="top">{_wrap(details.get("since", ""), 10)}</td>'
        f'<td align="left" valign="top">{basis}</td>'
        "</tr>"
    )


def _wrap(text: str, width: int) -> str:
    """Escaped, wrapped at ``width`` characters, every line left-aligned (a trailing break too)."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False) or [""]
    return "".join(html_escape(line) + _BR for line in lines)
