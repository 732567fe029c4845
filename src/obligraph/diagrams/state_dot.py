"""Graphviz DOT for a state's diagram, laid out to fit a page.

Drawn as every node and every link (``diagram FRA`` before issue 17), a state party to twenty
treaties became a column of forty nodes and seventy crossing arrows, 4008 x 7615 px. Here the
same model is drawn by layer and by system:

* the state on the left; on the right one frame per system (the Council of Europe, the United
  Nations, ...: the organisation the treaty's bodies are organs of), holding the organisation
  (joined to the state by its membership) and one table;
* the table has a row per treaty the state is party to, with the date; the protocols it is
  party to are folded into their treaty's row (a protocol that sets up its own body, as OPCAT
  the SPT, keeps a row); each row names the bodies the treaty sets up and the powers they hold
  over the state, since when;
* a system with more than :data:`FAN` rows folds the rest into one summary row.

A focus that is not a state, or a diagram deeper than one link, is drawn by
:func:`obligraph.diagrams.dot.to_dot` as before.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field

from obligraph.diagrams.dot_parts import HEADER_EDGE, HEADER_NODE, graph_line, html_escape, node_line, quote
from obligraph.diagrams.model import Diagram, Edge, Node
from obligraph.diagrams.style import EDGE_STYLES, NODE_STYLES

FAN = 12  # rows a system's table shows before it folds the rest into one
_MAX = dt.date.max
_POWERS = 30  # characters of a line of powers
_BR = '<br align="left"/>'
_OTHER = "other"


@dataclass
class _Row:
    treaty: Node | None  # None: a body whose mandate comes from no treaty of the state
    since: str = ""
    protocols: list[str] = field(default_factory=list)  # "ICCPR-OP1 (1984-05-17)"
    bodies: list[tuple[Node, str, str]] = field(default_factory=list)  # (body, powers, since)


def applies(diagram: Diagram) -> bool:
    """Whether the diagram is a state's neighbourhood one link deep (drawn here)."""
    if diagram.kind != "relationships" or diagram.focus is None or diagram.depth != 1:
        return False
    return any(n.key == diagram.focus and n.kind == "state" for n in diagram.nodes)


def to_state_dot(diagram: Diagram) -> str:
    assert diagram.focus is not None
    nodes = {n.key: n for n in diagram.nodes}
    focus = diagram.focus
    rows, system_of = _rows(diagram, nodes)
    systems: dict[str, list[_Row]] = defaultdict(list)
    for key, row in rows.items():
        systems[system_of.get(key, _OTHER)].append(row)
    members = {e.target: e for e in diagram.edges if e.source == focus and e.relation == "member-of"}
    lines = ["digraph obligraph {", graph_line(diagram, "LR", ranksep=0.6), HEADER_NODE, HEADER_EDGE]
    lines.append(f"  {node_line(nodes[focus])}")
    drawn = {focus}
    titles = dict(diagram.clusters)
    for system in sorted(systems, key=lambda s: (s == _OTHER, _title(s, titles))):
        name = f"cluster_{_ident(system)}"
        lines.append(f"  subgraph {name} {{")
        lines.append(
            '    graph [style="rounded,dashed", color="#999999", fontcolor="#555555", fontsize=11,'
            f" labeljust=l, label={quote(_title(system, titles))}];"
        )
        if system in nodes:
            lines.append(f"    {node_line(nodes[system])}")
            drawn.add(system)
        table = f"table_{_ident(system)}"
        lines.append(f"    {_table(table, systems[system], nodes)}")
        if system in nodes:  # the organisation above its table
            lines.append(f'    {{ rank=same; {quote(system)}; "{table}"; }}')
            lines.append(f'    {quote(system)} -> "{table}" [style=invis];')
        lines.append("  }")
        count = sum(1 for r in systems[system] if r.treaty is not None)
        words = f"party to {count} treat{'y' if count == 1 else 'ies'}" if count else "under a mandate"
        colour = EDGE_STYLES["party-to"].colour
        lines.append(
            f'  {quote(focus)} -> "{table}" [label={quote(words)}, color="{colour}", fontcolor="{colour}"];'
        )
    for key, edge in sorted(members.items()):
        if key not in drawn:
            lines.append(f"  {node_line(nodes[key])}")
            drawn.add(key)
        colour = EDGE_STYLES["member-of"].colour
        lines.append(
            f'  {quote(focus)} -> {quote(key)} [label={quote(edge.label)}, color="{colour}", fontcolor="{colour}"];'
        )
    for n in diagram.nodes:  # summary nodes of groups that did not fit, and anything unplaced
        if n.kind == "more":
            lines.append(f"  {node_line(n)}")
            for e in diagram.edges:
                if n.key in (e.source, e.target) and focus in (e.source, e.target):
                    lines.append(
                        f"  {quote(e.source)} -> {quote(e.target)} [label={quote(e.label)}, style=dashed];"
                    )
    lines.append(f"  {_legend()}")
    lines.append(f'  {{ rank=same; {quote(focus)}; "legend"; }}')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _rows(diagram: Diagram, nodes: dict[str, Node]) -> tuple[dict[str, _Row], dict[str, str]]:
    """A row per treaty of the state (protocols folded into their treaty), with its bodies; and
    the system (organisation key) of each row."""
    focus = diagram.focus
    party = {e.target: e for e in diagram.edges if e.source == focus and e.relation == "party-to"}
    parent = {
        e.source: e.target
        for e in diagram.edges
        if e.relation in ("supplements", "amends") and e.source in party and e.target in party
    }
    establishes: dict[str, list[str]] = defaultdict(list)
    for e in diagram.edges:
        if e.relation == "establishes":
            establishes[e.source].append(e.target)
    powers = {e.source: e for e in diagram.edges if e.target == focus and e.relation == "has-power-over"}
    own_body = {t for t in party if any(b in powers for b in establishes[t])}
    rows: dict[str, _Row] = {}
    for key, edge in sorted(party.items(), key=lambda kv: (kv[1].since or _MAX, kv[0])):
        if key in parent and key not in own_body:
            continue
        rows[key] = _Row(nodes[key], _since(edge))
    for key, edge in sorted(party.items(), key=lambda kv: (kv[1].since or _MAX, kv[0])):
        if key in parent and key not in own_body:
            host = rows.get(parent[key])
            if host is not None:
                host.protocols.append(f"{_short(nodes[key])} ({_since(edge)})")
            else:
                rows[key] = _Row(nodes[key], _since(edge))
    system_of: dict[str, str] = {}
    for body, edge in sorted(powers.items()):
        details = dict(edge.details)
        row_key = next((v for v in edge.via if v in rows), None)
        if row_key is None:  # a mandate (a resolution) or a treaty the diagram does not show
            row_key = f"mandate/{body}"
            rows.setdefault(row_key, _Row(None))
        rows[row_key].bodies.append((nodes[body], details.get("powers", ""), details.get("since", "")))
        group = nodes[body].group
        if group:
            system_of.setdefault(row_key, group)
    for key in rows:  # a protocol's row, or a treaty without bodies: its parent's system
        treaty = parent.get(key)
        if key not in system_of and treaty is not None and treaty in system_of:
            system_of[key] = system_of[treaty]
    return rows, system_of


def _table(name: str, rows: list[_Row], nodes: dict[str, Node]) -> str:
    head = "".join(
        f'<td align="left"><font color="#555555">{t}</font></td>'
        for t in ("treaty", "party since", "body", "powers over the state")
    )
    cells = [f"<tr>{head}</tr>"]
    shown = rows[:FAN] if len(rows) > FAN + 1 else rows
    for row in shown:
        cells.append("<hr/><tr>" + _cells(row) + "</tr>")
    if len(shown) < len(rows):
        rest = rows[len(shown) :]
        names = ", ".join(_short(r.treaty) if r.treaty else "mandates" for r in rest)
        cells.append(
            f'<hr/><tr><td colspan="4" align="left"><i>{len(rest)} more: {_wrap(names, 70)}</i></td></tr>'
        )
    table = '<table border="0" cellborder="0" cellspacing="0" cellpadding="3">' + "".join(cells) + "</table>"
    style = NODE_STYLES["treaty"]
    return (
        f'"{name}" [shape=box, style="rounded,filled", fillcolor="{style.fill}", color="{style.border}",'
        f" fontsize=10, margin=0.05, label=<{table}>];"
    )


def _cells(row: _Row) -> str:
    if row.treaty is None:
        treaty = "<i>mandate</i>" + _BR
    else:
        treaty = f"<b>{html_escape(_short(row.treaty))}</b>{_BR}"
        if _short(row.treaty) != row.treaty.id:
            treaty += f'<font point-size="8" color="#555555">{html_escape(row.treaty.id)}</font>{_BR}'
        for protocol in row.protocols:
            treaty += f'<font point-size="9">+ {html_escape(protocol)}</font>{_BR}'
    texts = [(body, f"{p}{' since ' + s if s else ''}") for body, p, s in row.bodies]
    bodies = "".join(f"<b>{html_escape(b.id)}</b>{_BR}" + _blank(text) for b, text in texts) or _BR
    powers = "".join(_wrap(text, _POWERS) for _, text in texts) or _BR
    return (
        f'<td align="left" valign="top">{treaty}</td>'
        f'<td align="left" valign="top">{html_escape(row.since)}{_BR}</td>'
        f'<td align="left" valign="top">{bodies}</td>'
        f'<td align="left" valign="top">{powers}</td>'
    )


def _blank(powers: str) -> str:
    """Empty lines that keep a body's name level with the first line of its powers."""
    lines = len(textwrap.wrap(powers, _POWERS, break_on_hyphens=False)) or 1
    return _BR * (lines - 1)


def _legend() -> str:
    rows = ['<tr><td align="left"><b>Reading this diagram</b></td></tr>']
    for text in (
        "one frame per system: the organisation and the treaties whose bodies are its organs",
        "a row per treaty the state is party to, its protocols folded in (+)",
        "the bodies each treaty sets up, and the powers they hold over the state",
    ):
        rows.append(f'<tr><td align="left">{html_escape(text)}</td></tr>')
    table = '<table border="0" cellborder="0" cellspacing="1" cellpadding="1">' + "".join(rows) + "</table>"
    return f'"legend" [shape=plain, style="", fontsize=9, label=<{table}>];'


def _short(node: Node) -> str:
    return node.short or node.id


def _since(edge: Edge) -> str:
    if edge.since and edge.until:
        return f"{edge.since.isoformat()} – {edge.until.isoformat()}"
    return edge.since.isoformat() if edge.since else "date not recorded"


def _title(system: str, titles: dict[str, str]) -> str:
    if system == _OTHER:
        return "Other treaties and mandates"
    return f"{titles.get(system, system.rsplit('/', 1)[-1])} system"


def _ident(key: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in key)


def _wrap(text: str, width: int) -> str:
    lines = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False) or [""]
    return "".join(html_escape(line) + _BR for line in lines)
