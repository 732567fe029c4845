"""Diagrams of the graph for reports, slides and notebooks.

Build the model once, draw it in any format::

    from obligraph import diagrams
    d = diagrams.relationships(kg, "https://w3id.org/obligraph/id/state/RUS", on=date(2021, 6, 1))
    g = diagrams.to_networkx(d)            # networkx MultiDiGraph
    src = diagrams.to_dot(d)               # Graphviz DOT source
    svg = diagrams.render(d, "svg")        # bytes; also png, mermaid, graphml, gexf, html
    diagrams.write(d, Path("rus.html"))    # format from the extension

``impact_diagram(result)`` draws an :func:`obligraph.analysis.impact.withdraw` result; the timeline of a
state is in :mod:`obligraph.analysis.timeline` (data) and :mod:`obligraph.diagrams.timeline_plot` (figure).
"""

from __future__ import annotations

import datetime as dt

from obligraph.diagrams.dot import to_dot
from obligraph.diagrams.formats import FORMATS, render, write
from obligraph.diagrams.impact_view import impact_diagram
from obligraph.diagrams.mermaid import to_mermaid
from obligraph.diagrams.model import Diagram, Edge, Node, build, to_networkx
from obligraph.store import KnowledgeGraph

__all__ = [
    "FORMATS",
    "Diagram",
    "Edge",
    "Node",
    "impact_diagram",
    "relationships",
    "render",
    "to_dot",
    "to_mermaid",
    "to_networkx",
    "write",
]


def relationships(
    kg: KnowledgeGraph, focus: str, on: dt.date | None = None, depth: int = 1, max_nodes: int = 40
) -> Diagram:
    """The relationship diagram around ``focus`` (an IRI) on ``on`` (default today)."""
    return build(kg, focus, on or dt.date.today(), depth, max_nodes)
