"""The diagram model: nodes and labelled, dated edges, built once from the graph and drawn by
every output format (DOT, SVG/PNG, Mermaid, GraphML, HTML).

Nodes are states, organisations, treaties, protocols, bodies and resolutions; edges are the
relations ``member-of``, ``party-to``, ``establishes``, ``has-power-over`` and the undated
structure (``organ-of``, ``amends``, ``supplements``, ``adopts``, ``constitutes``). A diagram is
a focus (one node), a date and a depth; when the neighbourhood is larger than ``max_nodes``,
whole groups (say, the 46 member states of an organisation) are folded into one summary node
and the diagram says what it left out.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field, replace

import networkx as nx

from obligraph.analysis import facts
from obligraph.queries import run_named
from obligraph.resolve import short_id
from obligraph.store import IRI, KnowledgeGraph, short_name_of

KINDS = ("state", "organisation", "treaty", "protocol", "body", "resolution")
RELATIONS = (
    "member-of",
    "party-to",
    "establishes",
    "has-power-over",
    "organ-of",
    "amends",
    "supplements",
    "adopts",
    "constitutes",
)
RELATION_WORDS = {
    "member-of": "member of",
    "party-to": "party to",
    "establishes": "establishes",
    "has-power-over": "has powers over",
    "organ-of": "organ of",
    "amends": "amends",
    "supplements": "supplements",
    "adopts": "adopted",
    "constitutes": "constitutes",
}
# Order in which groups of nodes at the same distance enter a diagram of limited size.
_KIND_PRIORITY = {"organisation": 0, "body": 1, "treaty": 2, "protocol": 3, "resolution": 4, "state": 5}
_ID_PREFIX = "https://w3id.org/obligraph/id/"


@dataclass(frozen=True)
class Node:
    key: str  # unique and stable: "state/RUS", "treaty/ETS-126", "more/state"
    id: str  # short id users type: RUS, ETS-126, CPT
    label: str
    kind: str  # one of KINDS, or "more" for a summary of left-out nodes
    iri: str | None = None
    short: str | None = None  # an acronym such as ECPT, where the graph has one
    group: str | None = None  # key of the organisation a body is an organ of (for clustering)
    confidence: str | None = None
    sources: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()  # extra name/value pairs shown on click (HTML)
    focus: bool = False


@dataclass(frozen=True)
class Edge:
    source: str  # node key
    target: str  # node key
    relation: str  # one of RELATIONS
    label: str  # the text drawn on the edge
    since: dt.date | None = None
    until: dt.date | None = None
    status: str = "current"  # "current"; in impact diagrams "removed" or "kept"
    order: int | None = None  # cascade step in impact diagrams
    confidence: str | None = None
    sources: tuple[str, ...] = ()
    fact: str | None = None  # the record's IRI (membership, participation, article)
    details: tuple[
        tuple[str, str], ...
    ] = ()  # name/value pairs (powers, since, basis) a renderer may tabulate
    via: tuple[str, ...] = ()  # has-power-over: the keys of the treaties or resolutions granting the powers


@dataclass(frozen=True)
class Diagram:
    title: str
    subtitle: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    focus: str | None = None
    on: dt.date | None = None
    depth: int | None = None
    omitted: tuple[str, ...] = ()  # what was left out, one sentence each
    notes: tuple[str, ...] = ()  # warnings shown under the diagram
    kind: str = "relationships"  # or "impact"
    clusters: tuple[tuple[str, str], ...] = ()  # (group key, title) of groups drawn together (impact)

    def node(self, key: str) -> Node:
        for n in self.nodes:
            if n.key == key:
                return n
        raise KeyError(key)


def node_key(iri: str) -> str:
    """``https://w3id.org/obligraph/id/state/RUS`` -> ``state/RUS``."""
    return iri.removeprefix(_ID_PREFIX)


def display_label(node: Node, width: int = 28) -> str:
    """The text inside a node's shape, lines separated by ``\\n``."""
    if node.kind in ("state", "organisation"):
        return f"{node.short or node.label}\n({node.id})"
    if node.kind in ("treaty", "protocol"):
        head = f"{node.short} · {node.id}" if node.short else node.id
        return head + "\n" + "\n".join(textwrap.wrap(node.label, width))
    if node.kind in ("body", "resolution"):
        if node.label == node.id:
            return node.id
        return node.id + "\n" + "\n".join(textwrap.wrap(node.label, width))
    return node.label


def to_networkx(diagram: Diagram) -> nx.MultiDiGraph:
    """The diagram as a networkx multigraph; attribute values are plain strings for GraphML/GEXF."""
    g = nx.MultiDiGraph(title=diagram.title, subtitle=diagram.subtitle)
    for n in diagram.nodes:
        g.add_node(
            n.key,
            short_id=n.id,  # not "id": GEXF writers take that as the node id
            label=n.label,
            kind=n.kind,
            iri=n.iri or "",
            short=n.short or "",
            group=n.group or "",
            confidence=n.confidence or "",
            sources=" ".join(n.sources),
            focus=n.focus,
        )
    for e in diagram.edges:
        g.add_edge(
            e.source,
            e.target,
            key=f"{e.relation}:{e.fact or ''}",
            relation=e.relation,
            label=e.label,
            since=e.since.isoformat() if e.since else "",
            until=e.until.isoformat() if e.until else "",
            status=e.status,
            order=e.order if e.order is not None else 0,
            confidence=e.confidence or "",
            sources=" ".join(e.sources),
            fact=e.fact or "",
        )
    return g


# ---- building from the graph ----------------------------------------------------------------


@dataclass
class _Universe:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)


def universe(kg: KnowledgeGraph, on: dt.date) -> tuple[dict[str, Node], list[Edge]]:
    """Every node, and every edge that holds on ``on``, without sources (added after pruning)."""
    u = _Universe()
    rows = sorted(run_named(kg, "things-by-kind"), key=lambda r: r["kind"] != "protocol")
    alts_of: dict[str, list[str]] = {}
    confidences_of: dict[str, list[str]] = {}
    for r in rows:  # one row per alternative label and confidence
        iri = str(r["thing"])
        alts_of.setdefault(iri, [])
        confidences_of.setdefault(iri, [])
        if r["alt"] and str(r["alt"]) not in alts_of[iri]:
            alts_of[iri].append(str(r["alt"]))
        if r["confidence"] and str(r["confidence"]) not in confidences_of[iri]:
            confidences_of[iri].append(str(r["confidence"]))
    names = {  # the short names researchers write (graph/names.ttl, the states importer)
        str(r["thing"]): str(r["name"])
        for r in kg.query(
            "SELECT ?thing ?name WHERE { ?thing skosxl:altLabel ?l . ?l a og:ShortName ; skosxl:literalForm ?name }"
        )
    }
    for r in rows:
        iri = str(r["thing"])
        key = node_key(iri)
        if key in u.nodes:  # a protocol is also a treaty; the protocol row came first
            continue
        alts = alts_of[iri]
        ident = short_id(iri)
        short = names.get(iri) or facts.short_name(alts, ident)
        u.nodes[key] = Node(
            key=key,
            id=ident,
            label=str(r["label"] or ident),
            kind=str(r["kind"]),
            iri=iri,
            short=short,
            confidence=_lowest("|".join(confidences_of[iri])),
        )
    for r in run_named(kg, "memberships-on-date", on=on):
        status = facts.kind_name(str(r["status"]))
        since, until = _date(r["since"]), _date(r["until"])
        word = "member" if status == "member" else status
        year = str(r["sinceYear"]) if r["sinceYear"] and since is None else None
        u.edges.append(
            Edge(
                node_key(str(r["state"])),
                node_key(str(r["organisation"])),
                "member-of",
                f"{word} since {year} (year only)" if year else f"{word} {_span(since, until)}",
                since,
                until,
                fact=str(r["fact"]),
                details=(("since", f"{year} (the source gives the year, no day)"),) if year else (),
            )
        )
    for r in run_named(kg, "participations-on-date", on=on):
        since, until = _date(r["since"]), _date(r["until"])
        u.edges.append(
            Edge(
                node_key(str(r["state"])),
                node_key(str(r["treaty"])),
                "party-to",
                f"party {_span(since, until)}",
                since,
                until,
                confidence=str(r["confidence"]) if r["confidence"] else None,
                fact=str(r["fact"]),
            )
        )
    u.edges.extend(_power_edges(kg, on))
    for r in run_named(kg, "structure-links"):
        u.edges.append(
            Edge(
                node_key(str(r["source"])),
                node_key(str(r["target"])),
                str(r["relation"]),
                _structure_label(kg, str(r["relation"]), r["article"]),
                fact=str(r["article"]) if r["article"] else None,
            )
        )
    known = set(u.nodes)
    edges = [e for e in u.edges if e.source in known and e.target in known]
    groups = {e.source: e.target for e in edges if e.relation == "organ-of"}
    nodes = {k: replace(n, group=groups.get(k)) for k, n in u.nodes.items()}
    return nodes, edges


def build(
    kg: KnowledgeGraph,
    focus: str,
    on: dt.date,
    depth: int = 1,
    max_nodes: int = 40,
) -> Diagram:
    """The neighbourhood of ``focus`` (an IRI) on ``on``, ``depth`` links away, at most
    ``max_nodes`` nodes plus one summary node per kind that did not fit."""
    nodes, edges = universe(kg, on)
    focus_key = node_key(focus)
    if focus_key not in nodes:
        raise KeyError(focus)
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((e.source, e.target) for e in edges)
    distance: dict[str, int] = nx.single_source_shortest_path_length(graph, focus_key, cutoff=depth)
    rings: dict[tuple[int, str], list[str]] = defaultdict(list)
    for key, d in distance.items():
        if key != focus_key:
            rings[(d, nodes[key].kind)].append(key)
    keep = {focus_key}
    folded: dict[str, list[str]] = defaultdict(list)
    budget = max(max_nodes - 1, 0)
    if nodes[focus_key].kind == "state" and depth == 1:
        # a state's own neighbourhood is drawn by diagrams.state_dot, which folds protocols into
        # their treaty's row and long tables into a summary row itself
        budget = len(nodes)
    for d, kind in sorted(rings, key=lambda r: (r[0], _KIND_PRIORITY[r[1]])):
        members = sorted(rings[(d, kind)])
        if kind not in folded and len(members) <= budget - len(folded):
            keep.update(members)
            budget -= len(members)
        else:
            folded[kind].extend(members)
    kept_edges = [e for e in edges if e.source in keep and e.target in keep]
    out_nodes = [_with_facts(kg, nodes[k], focus=k == focus_key) for k in sorted(keep)]
    out_edges = [_with_sources(kg, e) for e in kept_edges]
    omitted: list[str] = []
    for kind, members in sorted(folded.items()):
        summary, summary_edges = _fold(kind, sorted(members), nodes, edges, keep)
        out_nodes.append(summary)
        out_edges.extend(summary_edges)
        ids = ", ".join(nodes[m].id for m in sorted(members))
        omitted.append(f"{len(members)} {_plural(kind, len(members))} drawn as one summary node: {ids}")
    centre = nodes[focus_key]
    groups = sorted({n.group for n in out_nodes if n.group and n.group in nodes})
    return Diagram(
        title=f"{centre.short if centre.kind == 'state' and centre.short else centre.label} ({centre.id})",
        subtitle=f"as of {on.isoformat()}, {depth} link{'s' if depth != 1 else ''} away",
        nodes=tuple(out_nodes),
        edges=tuple(sorted(out_edges, key=_edge_order)),
        focus=focus_key,
        on=on,
        depth=depth,
        omitted=tuple(omitted),
        clusters=tuple((g, nodes[g].label) for g in groups),
    )


def whole(kg: KnowledgeGraph, on: dt.date) -> Diagram:
    """Every node and every edge on ``on``, unpruned (for GraphML and GEXF exports)."""
    nodes, edges = universe(kg, on)
    return Diagram(
        title="obligraph: the whole graph",
        subtitle=f"as of {on.isoformat()}",
        nodes=tuple(_with_facts(kg, nodes[k], focus=False) for k in sorted(nodes)),
        edges=tuple(sorted((_with_sources(kg, e) for e in edges), key=_edge_order)),
        on=on,
    )


def _fold(
    kind: str, members: list[str], nodes: dict[str, Node], edges: list[Edge], keep: set[str]
) -> tuple[Node, list[Edge]]:
    key = f"more/{kind}"
    ids = [nodes[m].id for m in members]
    summary = Node(
        key=key,
        id=key,
        label=f"{len(members)} {_plural(kind, len(members))}\n"
        + "\n".join(textwrap.wrap(", ".join(ids), 30)),
        kind="more",
        facts=(("left out", ", ".join(ids)),),
    )
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    inside = set(members)
    for e in edges:
        if e.source in inside and e.target in keep:
            counts[(key, e.target, e.relation)] += 1
        elif e.target in inside and e.source in keep:
            counts[(e.source, key, e.relation)] += 1
    folded_edges = [
        Edge(src, dst, rel, f"{RELATION_WORDS[rel]} ({n})") for (src, dst, rel), n in sorted(counts.items())
    ]
    return summary, folded_edges


def _power_edges(kg: KnowledgeGraph, on: dt.date) -> list[Edge]:
    """One edge per body and state: the power kinds, the articles granting them, the earliest date."""
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    powers: dict[tuple[str, str], set[str]] = defaultdict(set)
    instruments: dict[tuple[str, str], set[str]] = defaultdict(set)
    since: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    for r in run_named(kg, "powers-on-date", on=on):
        pair = (str(r["body"]), str(r["state"]))
        kinds[pair].add(facts.kind_name(str(r["kind"])))
        articles[pair].add(str(r["article"]))
        powers[pair].add(str(r["power"]))
        instruments[pair].add(node_key(str(r["instrument"])))
        day = _date(r["since"])
        if day:
            since[pair].append(day)
    out = []
    for pair in sorted(kinds):
        start = min(since[pair], default=None)
        text = ", ".join(sorted(kinds[pair]))
        out.append(
            Edge(
                node_key(pair[0]),
                node_key(pair[1]),
                "has-power-over",
                "\n".join(textwrap.wrap(text, 26, break_on_hyphens=False))
                + (f"\nsince {start.isoformat()}" if start else ""),
                since=start,
                fact=" ".join(sorted(powers[pair])),
                details=(("powers", text), *((("since", start.isoformat()),) if start else ())),
                via=tuple(sorted(instruments[pair])),
            )
        )
    return out


def describe(kg: KnowledgeGraph, node: Node) -> Node:
    """``node`` with its short name, confidence, facts and sources read from the graph."""
    assert node.iri is not None
    alts = kg.query(
        "SELECT ?thing ?alt WHERE { ?thing skos:altLabel ?alt } ORDER BY ?alt", {"thing": IRI(node.iri)}
    )
    short = short_name_of(kg, node.iri) or facts.short_name([str(r["alt"]) for r in alts], node.id)
    return _with_facts(kg, replace(node, short=short, confidence=facts.confidence(kg, node.iri)), node.focus)


def _structure_label(kg: KnowledgeGraph, relation: str, article: object) -> str:
    if relation == "establishes" and article:
        where = facts.article_label(kg, str(article))
        return f"establishes ({where})" if " Art. " in where else "establishes"
    return RELATION_WORDS[relation]


def _with_facts(kg: KnowledgeGraph, node: Node, focus: bool) -> Node:
    assert node.iri is not None
    found: list[tuple[str, str]] = [("kind", node.kind), ("id", node.id)]
    if node.short:
        found.append(("short name", node.short))
    if node.confidence:
        found.append(("confidence", node.confidence))
    rows = kg.query(
        "SELECT ?thing ?p ?v WHERE { ?thing ?p ?v . "
        "FILTER(?p IN (og:note, og:scopeNote, eli:first_date_entry_in_force, eli:date_document)) } "
        "ORDER BY ?p ?v",
        {"thing": IRI(node.iri)},
    )
    names = {
        "note": "note",
        "scopeNote": "scope",
        "first_date_entry_in_force": "in force",
        "date_document": "adopted",
    }
    for r in rows:
        prop = re.split(r"[#/]", str(r["p"]))[-1]
        value = r["v"].isoformat() if isinstance(r["v"], dt.date) else str(r["v"])
        found.append((names.get(prop, prop), value))
    return replace(node, sources=facts.sources(kg, node.iri), facts=tuple(found), focus=focus)


def _with_sources(kg: KnowledgeGraph, edge: Edge) -> Edge:
    if not edge.fact:
        return edge
    sources: set[str] = set()
    for iri in edge.fact.split():
        sources.update(facts.sources(kg, iri))
    return replace(edge, sources=tuple(sorted(sources)))


def _edge_order(e: Edge) -> tuple[str, str, str, str]:
    return (e.relation, e.source, e.target, e.fact or "")


def _lowest(confidences: str) -> str | None:
    order = {"low": 0, "medium": 1, "high": 2}
    values = [c for c in confidences.split("|") if c]
    return min(values, key=lambda c: order.get(c, 3)) if values else None


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _span(since: dt.date | None, until: dt.date | None) -> str:
    if since and until:
        return f"{since.isoformat()} – {until.isoformat()}"
    if since:
        return f"since {since.isoformat()}"
    return "(dates not recorded)"


def _plural(kind: str, n: int) -> str:
    names = {"body": "bodies", "treaty": "treaties", "protocol": "protocols"}
    return kind if n == 1 else names.get(kind, kind + "s")
