"""How each kind of node and each relation looks, shared by every output format, and the legend."""

from __future__ import annotations

from dataclasses import dataclass

from obligraph.diagrams.model import RELATION_WORDS, Diagram


@dataclass(frozen=True)
class NodeStyle:
    shape: str  # Graphviz shape (a "box" is drawn with rounded corners)
    fill: str
    border: str
    title: str  # legend text


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    style: str  # Graphviz: solid, dashed, dotted, bold
    title: str


NODE_STYLES: dict[str, NodeStyle] = {
    "state": NodeStyle("ellipse", "#dbe9f6", "#2b5d8a", "state"),
    "organisation": NodeStyle("box3d", "#fde2b8", "#9a5b00", "organisation"),
    "treaty": NodeStyle("note", "#fff7c2", "#8a7a00", "treaty"),
    "protocol": NodeStyle("component", "#fffbe0", "#8a7a00", "protocol"),
    "body": NodeStyle("box", "#e6dcf5", "#5b3b8c", "body"),
    "resolution": NodeStyle("tab", "#eeeeee", "#555555", "resolution"),
    "more": NodeStyle("folder", "#ffffff", "#777777", "left-out group"),
}

EDGE_STYLES: dict[str, EdgeStyle] = {
    "member-of": EdgeStyle("#9a5b00", "solid", RELATION_WORDS["member-of"]),
    "party-to": EdgeStyle("#2b5d8a", "solid", RELATION_WORDS["party-to"]),
    "has-power-over": EdgeStyle("#5b3b8c", "bold", RELATION_WORDS["has-power-over"]),
    "establishes": EdgeStyle("#8a7a00", "solid", RELATION_WORDS["establishes"]),
    "organ-of": EdgeStyle("#999999", "dotted", RELATION_WORDS["organ-of"]),
    "amends": EdgeStyle("#8a7a00", "dotted", RELATION_WORDS["amends"]),
    "supplements": EdgeStyle("#8a7a00", "dotted", RELATION_WORDS["supplements"]),
    "adopts": EdgeStyle("#555555", "dotted", RELATION_WORDS["adopts"]),
    "constitutes": EdgeStyle("#9a5b00", "dotted", RELATION_WORDS["constitutes"]),
}

# Impact diagrams: a link the scenario removes, a link it keeps.
STATUS_STYLES: dict[str, EdgeStyle] = {
    "removed": EdgeStyle("#c62828", "dashed", "removed, from the date shown"),
    "kept": EdgeStyle("#2e7d32", "solid", "kept, with its legal basis"),
}

FOCUS_BORDER = "#000000"
FONT = "Helvetica"


def edge_style(relation: str, status: str) -> EdgeStyle:
    return STATUS_STYLES.get(status) or EDGE_STYLES[relation]


@dataclass(frozen=True)
class LegendEntry:
    what: str  # "node" or "edge"
    key: str  # kind, relation or status
    text: str
    colour: str
    fill: str
    style: str


def legend(diagram: Diagram) -> tuple[LegendEntry, ...]:
    """Legend entries for what the diagram actually shows, in a fixed order."""
    kinds = {n.kind for n in diagram.nodes}
    relations = {e.relation for e in diagram.edges if e.status == "current"}
    statuses = {e.status for e in diagram.edges if e.status != "current"}
    out = [
        LegendEntry("node", k, s.title, s.border, s.fill, s.shape)
        for k, s in NODE_STYLES.items()
        if k in kinds
    ]
    out += [
        LegendEntry("edge", r, s.title, s.colour, "", s.style)
        for r, s in EDGE_STYLES.items()
        if r in relations
    ]
    out += [
        LegendEntry("edge", k, s.title, s.colour, "", s.style)
        for k, s in STATUS_STYLES.items()
        if k in statuses
    ]
    return tuple(out)
