"""An impact result as a diagram: the state at the centre, the links the scenario removes (red,
dashed, with the date they end, numbered in cascade order) and the links it keeps (green, with
their legal basis). Built only from the :class:`obligraph.analysis.impact.Impact` dataclass, so it draws
whatever the consequence engine computed and nothing else.

With the graph at hand, each body is grouped with the organisation it is an organ of
(``og:parentOrganisation``), so a picture can say "the Council of Europe's CPT loses access, eight
United Nations bodies keep theirs" at a glance; the powers, start and basis of a kept link are
also given as ``Edge.details`` for renderers that tabulate them."""

from __future__ import annotations

import re
import textwrap
from collections import OrderedDict

from obligraph.analysis import facts
from obligraph.analysis.facts import Ref
from obligraph.analysis.results import BodyAccess, Impact
from obligraph.diagrams.model import Diagram, Edge, Node, describe, node_key
from obligraph.queries import run_named
from obligraph.store import KnowledgeGraph
from obligraph.wording import the

WRAP = 30  # characters per line of an edge label: keeps the picture narrow enough for A4


def impact_diagram(result: Impact, kg: KnowledgeGraph | None = None) -> Diagram:
    """The diagram of ``result``; with ``kg``, nodes also get short names (ECPT) and sources."""
    organ_iri = _organisations(kg) if kg is not None else {}
    organ_of = {body: node_key(org) for body, org in organ_iri.items()}
    state, treaty = _node(result.state, "state", focus=True), _node(result.treaty, "treaty")
    nodes: dict[str, Node] = {state.key: state, treaty.key: treaty}
    edges: list[Edge] = []
    ends = result.effective.isoformat() if result.effective else "date unknown"
    order = 1
    edges.append(
        Edge(
            state.key,
            treaty.key,
            "party-to",
            f"party to: ends {ends}",
            until=result.effective,
            status="removed",
            order=order,
        )
    )
    for body in result.bodies_losing_access:
        order += 1
        node = _node(body.body, "body", group=organ_of.get(node_key(body.body.iri)))
        nodes.setdefault(node.key, node)
        when = body.from_.isoformat() if body.from_ else "date unknown"
        text = f"loses {_powers(body)}\nfrom {when}\nbasis: {compact_bases(body.basis)}"
        if body.limitation:
            text += f"\n({body.limitation})"
        edges.append(
            Edge(node.key, state.key, "has-power-over", text, until=body.from_, status="removed", order=order)
        )
    for body in result.bodies_retaining_access:
        node = _node(body.body, "body", group=organ_of.get(node_key(body.body.iri)))
        nodes.setdefault(node.key, node)
        since = f"\nsince {body.from_.isoformat()}" if body.from_ else ""
        text = f"keeps {_powers(body)}{since}\nbasis: {compact_bases(body.basis)}"
        details = (
            ("powers", ", ".join(body.powers)),
            ("since", body.from_.isoformat() if body.from_ else "not recorded"),
            ("basis", "; ".join(basis_parts(body.basis))),
        )
        edges.append(
            Edge(
                node.key, state.key, "has-power-over", text, since=body.from_, status="kept", details=details
            )
        )
    notified = {
        "argument": f"notified {result.notified} (as given)",
        "graph": f"notified {result.notified} (recorded)",
        "unknown": "notification date unknown (no source gives it)",
    }[result.notified_from]
    effective = f"effective {result.effective}" if result.effective else "effective date cannot be computed"
    rule = result.effective_rule
    rule_text = ""
    if rule:
        rule_text = f" under {rule.article}" + (f" (confidence {rule.confidence})" if rule.confidence else "")
    notes = [_shorten(w) for w in result.warnings]
    clusters: dict[str, str] = {}
    if kg is not None:
        nodes = {k: describe(kg, n) for k, n in nodes.items()}
        for n in nodes.values():
            if n.group and n.group not in clusters:
                org = facts.ref(kg, organ_iri[n.key])
                clusters[n.group] = f"{org.label} ({org.id})"
    return Diagram(
        title=f"If {the(result.state.name, 'state')} ({result.state.id}) withdraws from {the(result.treaty.name, 'treaty')} ({result.treaty.id})",
        subtitle=f"{notified}; {effective}{rule_text}. Numbers give the cascade order.",
        nodes=tuple(nodes.values()),
        edges=tuple(edges),
        focus=state.key,
        on=result.effective,
        notes=tuple(notes),
        kind="impact",
        clusters=tuple(clusters.items()),
    )


def compact_bases(bases: tuple[str, ...]) -> str:
    """``("UN-IV-9 Art. 19(1)", "UN-IV-9 Art. 20")`` -> ``"UN-IV-9 Art. 19(1), 20"``, wrapped."""
    parts = [textwrap.shorten(p, 40, placeholder="…") for p in basis_parts(bases)]
    return "\n".join(line for part in parts for line in textwrap.wrap(part, WRAP, break_on_hyphens=False))


def basis_parts(bases: tuple[str, ...]) -> list[str]:
    """The bases, one entry per document with its articles: ``["UN-IV-9 Art. 19(1), 20"]``."""
    grouped: OrderedDict[str, list[str]] = OrderedDict()
    others: list[str] = []
    for basis in bases:
        match = re.match(r"^(\S+) Art\. (.+)$", basis)
        if match:
            grouped.setdefault(match.group(1), []).append(match.group(2))
        else:
            others.append(basis)
    parts = [f"{doc} Art. {', '.join(sorted(arts, key=_article_key))}" for doc, arts in grouped.items()]
    return parts + others


def _article_key(article: str) -> tuple[int, str]:
    digits = re.match(r"\d+", article)
    return (int(digits.group(0)) if digits else 10**6, article)


def _powers(body: BodyAccess) -> str:
    return "\n".join(textwrap.wrap(", ".join(body.powers), WRAP, break_on_hyphens=False))


def _node(ref: Ref, kind: str, focus: bool = False, group: str | None = None) -> Node:
    short = ref.name if ref.name != ref.label else None  # ECPT, Russia: the names researchers write
    return Node(
        key=node_key(ref.iri),
        id=ref.id,
        label=ref.label,
        kind=kind,
        iri=ref.iri,
        short=short,
        focus=focus,
        group=group,
    )


def _organisations(kg: KnowledgeGraph) -> dict[str, str]:
    """Body key -> IRI of the organisation it is an organ of (``og:parentOrganisation``)."""
    return {
        node_key(str(r["source"])): str(r["target"])
        for r in run_named(kg, "structure-links")
        if r["relation"] == "organ-of"
    }


def _shorten(text: str) -> str:
    return textwrap.shorten(text, 240, placeholder=" … (see `obligraph impact` for the full text)")
