"""GraphML (for Gephi, yEd, Cytoscape desktop) and GEXF (Gephi) through networkx."""

from __future__ import annotations

import networkx as nx

from obligraph.diagrams.model import Diagram, to_networkx


def to_graphml(diagram: Diagram) -> bytes:
    text = "\n".join(nx.generate_graphml(to_networkx(diagram), prettyprint=True))
    return (text + "\n").encode("utf-8")


def to_gexf(diagram: Diagram) -> bytes:
    g = nx.DiGraph()
    multi = to_networkx(diagram)
    g.graph.update(multi.graph)
    g.add_nodes_from(multi.nodes(data=True))
    for source, target, data in multi.edges(data=True):
        if g.has_edge(source, target):  # GEXF has one edge per pair: join the labels
            g[source][target]["label"] += "; " + str(data["label"])
            g[source][target]["relation"] += "; " + str(data["relation"])
        else:
            g.add_edge(source, target, **data)
    text = "\n".join(nx.generate_gexf(g, prettyprint=True))
    return (text + "\n").encode("utf-8")
