"""A self-contained interactive HTML page: Cytoscape.js (vendored, inlined) draws the diagram;
the reader pans, zooms and clicks a node or edge to see its facts and sources. The page loads
nothing from the network.

For tests and links, ``page.html#select=state/RUS`` selects a node once the page has drawn, as a
click would. The page marks ``<body data-rendered-nodes="N">`` when drawn and
``data-js-error="..."`` on any script error.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import networkx as nx

from obligraph.diagrams.model import Diagram, display_label
from obligraph.diagrams.style import NODE_STYLES, edge_style, legend

_SHAPES = {
    "ellipse": "ellipse",
    "box3d": "barrel",
    "box": "round-rectangle",
    "note": "rectangle",
    "component": "cut-rectangle",
    "tab": "tag",
    "folder": "round-tag",
}
_LINE = {"solid": "solid", "bold": "solid", "dashed": "dashed", "dotted": "dotted"}


def cytoscape_js() -> str:
    return (resources.files("obligraph.diagrams") / "vendor" / "cytoscape.min.js").read_text(encoding="utf-8")


def elements(diagram: Diagram) -> list[dict[str, Any]]:
    """Cytoscape elements with their style and the facts shown on click."""
    graph = nx.Graph()
    graph.add_nodes_from(n.key for n in diagram.nodes)
    graph.add_edges_from((e.source, e.target) for e in diagram.edges)
    levels = nx.single_source_shortest_path_length(graph, diagram.focus) if diagram.focus else {}
    out: list[dict[str, Any]] = []
    for n in diagram.nodes:
        s = NODE_STYLES[n.kind]
        out.append(
            {
                "group": "nodes",
                "data": {
                    "id": n.key,
                    "label": display_label(n, 24),
                    "title": f"{n.label} ({n.id})" if n.kind != "more" else n.label.split("\n")[0],
                    "kind": n.kind,
                    "iri": n.iri or "",
                    "fill": s.fill,
                    "border": "#000000" if n.focus else s.border,
                    "borderWidth": 4 if n.focus else 1,
                    "shape": _SHAPES[s.shape],
                    "level": 100 - levels.get(n.key, 99),
                    "facts": [list(f) for f in n.facts],
                    "sources": list(n.sources),
                },
            }
        )
    for i, e in enumerate(diagram.edges):
        es = edge_style(e.relation, e.status)
        label = f"({e.order}) {e.label}" if e.order is not None else e.label
        edge_facts = [["relation", e.relation], ["status", e.status]]
        if e.since:
            edge_facts.append(["since", e.since.isoformat()])
        if e.until:
            edge_facts.append(["until", e.until.isoformat()])
        if e.confidence:
            edge_facts.append(["confidence", e.confidence])
        if e.fact:
            edge_facts.append(["record", e.fact])
        edge_facts += [list(d) for d in e.details]
        out.append(
            {
                "group": "edges",
                "data": {
                    "id": f"e{i}",
                    "source": e.source,
                    "target": e.target,
                    "label": label,
                    "title": label.replace("\n", " "),
                    "colour": es.colour,
                    "line": _LINE[es.style],
                    "width": 3 if es.style == "bold" or e.status != "current" else 1.5,
                    "facts": edge_facts,
                    "sources": list(e.sources),
                },
            }
        )
    return out


def to_html(diagram: Diagram) -> bytes:
    data = {
        "title": diagram.title,
        "subtitle": diagram.subtitle,
        "notes": [*diagram.omitted, *diagram.notes],
        "legend": [
            {"what": i.what, "text": i.text, "colour": i.colour, "fill": i.fill, "style": i.style}
            for i in legend(diagram)
        ],
        "elements": elements(diagram),
    }
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    page = (
        _TEMPLATE.replace("@@TITLE@@", _escape(f"{diagram.title}, {diagram.subtitle}"))
        .replace("@@DATA@@", payload)
        .replace("@@CYTOSCAPE@@", cytoscape_js().replace("</script", "<\\/script"))
        .replace("@@APP@@", _APP)
    )
    return page.encode("utf-8")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>@@TITLE@@</title>
<style>
  html, body { margin: 0; height: 100%; font-family: Helvetica, Arial, sans-serif; color: #222; }
  body { display: grid; grid-template-columns: 1fr 340px; grid-template-rows: auto 1fr; height: 100vh; }
  header { grid-column: 1 / 3; padding: 8px 14px; border-bottom: 1px solid #ddd; }
  header h1 { font-size: 17px; margin: 0; }
  header p { margin: 2px 0; font-size: 13px; color: #555; }
  #cy { grid-row: 2; grid-column: 1; position: relative; min-height: 400px; }
  #panel { grid-row: 2; grid-column: 2; border-left: 1px solid #ddd; padding: 10px 14px; overflow: auto; font-size: 13px; }
  #panel h2 { font-size: 15px; margin: 0 0 6px; }
  #panel dt { font-weight: bold; margin-top: 6px; }
  #panel dd { margin: 0 0 0 8px; white-space: pre-wrap; }
  #panel ol { padding-left: 18px; word-break: break-all; }
  #legend { position: absolute; left: 8px; bottom: 8px; background: rgba(255,255,255,.92); border: 1px solid #ddd; padding: 6px 8px; font-size: 12px; z-index: 5; }
  #legend div { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
  .swatch { width: 18px; height: 12px; border: 1px solid; display: inline-block; }
  .line { width: 26px; height: 0; border-top-width: 3px; display: inline-block; }
</style>
</head>
<body>
<header><h1 id="title"></h1><p id="subtitle"></p><div id="notes"></div></header>
<div id="cy"><div id="legend"></div></div>
<aside id="panel"><h2>Click a node or a link</h2><p>Its facts and sources show here. Drag to pan, scroll to zoom.</p></aside>
<script type="application/json" id="obligraph-data">@@DATA@@</script>
<script>@@CYTOSCAPE@@</script>
<script>@@APP@@</script>
</body>
</html>
"""

_APP = r"""
(function () {
  "use strict";
  window.addEventListener("error", function (e) {
    document.body.setAttribute("data-js-error", String(e.message || e));
  });
  var data = JSON.parse(document.getElementById("obligraph-data").textContent);
  function el(tag, text) { var x = document.createElement(tag); if (text !== undefined) { x.textContent = text; } return x; }
  document.getElementById("title").textContent = data.title;
  document.getElementById("subtitle").textContent = data.subtitle;
  data.notes.forEach(function (n) { document.getElementById("notes").appendChild(el("p", n)); });
  var legend = document.getElementById("legend");
  legend.appendChild(el("strong", "Legend"));
  data.legend.forEach(function (item) {
    var row = el("div"), mark = el("span");
    if (item.what === "node") {
      mark.className = "swatch"; mark.style.background = item.fill; mark.style.borderColor = item.colour;
    } else {
      mark.className = "line"; mark.style.borderTopColor = item.colour;
      mark.style.borderTopStyle = item.style === "bold" ? "solid" : item.style;
    }
    row.appendChild(mark); row.appendChild(el("span", item.text)); legend.appendChild(row);
  });
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: data.elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
          "label": "data(label)", "text-wrap": "wrap", "text-valign": "center", "text-halign": "center",
          "font-size": 11, "shape": "data(shape)", "background-color": "data(fill)",
          "border-color": "data(border)", "border-width": "data(borderWidth)",
          "width": "label", "height": "label", "padding": "10px" } },
      { selector: "edge", style: {
          "label": "data(label)", "text-wrap": "wrap", "font-size": 9, "curve-style": "bezier",
          "line-color": "data(colour)", "target-arrow-color": "data(colour)", "color": "data(colour)",
          "target-arrow-shape": "triangle", "line-style": "data(line)", "width": "data(width)",
          "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": "2px" } },
      { selector: ":selected", style: { "overlay-color": "#ffcc00", "overlay-opacity": 0.35 } }
    ],
    layout: { name: "concentric", concentric: function (n) { return n.data("level"); },
              levelWidth: function () { return 1; }, minNodeSpacing: 40, animate: false }
  });
  function show(target) {
    var d = target.data(), panel = document.getElementById("panel");
    panel.textContent = "";
    panel.appendChild(el("h2", d.title));
    var list = el("dl");
    if (d.iri) { list.appendChild(el("dt", "IRI")); list.appendChild(el("dd", d.iri)); }
    d.facts.forEach(function (f) { list.appendChild(el("dt", f[0])); list.appendChild(el("dd", f[1])); });
    panel.appendChild(list);
    panel.appendChild(el("h3", d.sources.length ? "Sources" : "No source recorded for this item"));
    var ol = el("ol");
    d.sources.forEach(function (s) {
      var li = el("li");
      if (/^https?:\/\//.test(s)) { var a = el("a", s); a.href = s; a.rel = "noopener noreferrer"; a.target = "_blank"; li.appendChild(a); }
      else { li.textContent = s; }
      ol.appendChild(li);
    });
    panel.appendChild(ol);
    panel.setAttribute("data-selected", d.id);
  }
  cy.on("tap", "node, edge", function (evt) { show(evt.target); });
  var match = /#select=(.+)$/.exec(window.location.hash);
  if (match) {
    var chosen = cy.getElementById(decodeURIComponent(match[1]));
    if (chosen.nonempty()) { chosen.select(); chosen.emit("tap"); }
  }
  document.body.setAttribute("data-rendered-nodes", String(cy.nodes().length));
  window.obligraphCy = cy;
})();
"""
