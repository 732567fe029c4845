"""Declarations under an article from graph/compiled/<topic>/treaty-actions.csv (the rows whose
``article`` names the article and whose events are ``declaration...``): acceptances of a court's
jurisdiction (ACHR Art. 62, African Court Protocol Art. 34(6)), of inter-state communications
(ACHR Art. 45), ad hoc acceptances of the ICC's jurisdiction (Rome Statute Art. 12(3)), and their
withdrawals.

A declaration switches on the power granted by its article (``og:accepts``) where the graph has an
opt-in clause in that article; an ad hoc acceptance is recorded under its article only. Rows of
one state and article with the same date, or marked as another page's date for the same act, are
one declaration; other dates are separate declarations (Ukraine's two under Art. 12(3)). A
withdrawal ends the declaration on the date a page gives for its effect; without one, on the date
the treaty's clause for withdrawing that declaration gives (the African Court's one-year notice),
as a computed claim; a withdrawal that was revoked ends nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from obligraph.analysis import law
from obligraph.importers import compiled_rows as cr
from obligraph.importers import emit
from obligraph.importers.compiled_context import Existing
from obligraph.importers.rows import Row
from obligraph.rdf_terms import OG, article, article_key, entity, state, treaty

WITHDRAWAL_EVENTS = (
    "declaration_withdrawn_notified",
    "declaration_withdrawal_effective",
    "declaration_expired",
)


def build_declarations(rows: list[Row], ctx: Existing) -> Graph:
    g = emit.new_graph()
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        groups[(cr.code(row["treaty"]), row["iso3"], row["article"])].append(row)
    for (code, iso3, number), group in sorted(groups.items()):
        nodes = _declarations(g, code, iso3, number, [r for r in group if r["event"] == "declaration"], ctx)
        _withdrawal(g, code, iso3, number, group, nodes, ctx)
    return g


def _clusters(rows: list[Row]) -> list[list[Row]]:
    """Separate declarations: unmarked rows grouped by date; marked rows join the nearest."""
    unmarked = sorted((r for r in rows if not cr.competing(r)), key=lambda r: (r["date"] or "9999", r.number))
    clusters: list[list[Row]] = []
    for row in unmarked:
        if clusters and clusters[-1][0]["date"] == row["date"]:
            clusters[-1].append(row)
        else:
            clusters.append([row])
    for row in (r for r in rows if cr.competing(r)):
        if not clusters:
            clusters.append([row])
            continue
        day = emit.parse_date(row["date"])
        nearest = min(
            clusters,
            key=lambda c: (
                abs((day - first).days) if day and (first := emit.parse_date(c[0]["date"])) else 10**6
            ),
        )
        nearest.append(row)
    return clusters


def _declarations(
    g: Graph, code: str, iso3: str, number: str, rows: list[Row], ctx: Existing
) -> list[tuple[URIRef, str | None]]:
    art = (
        cr.article_node(g, code, number, rows[0]["source_url"], ctx.articles)
        if rows
        else article(code, number)
    )
    nodes: list[tuple[URIRef, str | None]] = []
    for index, cluster in enumerate(_clusters(rows)):
        suffix = f"-{index + 1}" if index else ""
        node = entity("declaration", f"{iso3}-{code}-art{article_key(number)}{suffix}")
        top = cr.best(cluster)
        g.add((node, RDF.type, OG.Declaration))
        g.add((node, RDFS.label, Literal(f"{iso3}: declaration under {code} Art. {number}", lang="en")))
        g.add((node, OG.declarant, state(iso3)))
        g.add((node, OG.underArticle, art))
        if ctx.accepts(code, number):
            g.add((node, OG.accepts, art))
        g.add((node, OG.confidence, Literal(top["confidence"])))
        g.add((node, OG.sourceRow, Literal(top.where)))
        for row in cluster:
            g.add((node, OG.note, Literal(f"{row['source_url']}: “{row['quote']}” {row['note']}".strip())))
        cr.cite(g, node, cluster)
        value = cr.full_date(top["date"])
        if value:
            g.add((node, OG.declarationDate, Literal(value, datatype=XSD.date)))
        else:
            g.add((node, OG.dateUnknown, Literal("declarationDate")))
        cr.claims(g, node, OG.declarationDate, [r for r in cluster if r["date"]], value)
        nodes.append((node, value))
    return nodes


def _withdrawal(
    g: Graph,
    code: str,
    iso3: str,
    number: str,
    group: list[Row],
    nodes: list[tuple[URIRef, str | None]],
    ctx: Existing,
) -> None:
    notices = [r for r in group if r["event"] == "declaration_withdrawn_notified"]
    effects = [r for r in group if r["event"] in ("declaration_withdrawal_effective", "declaration_expired")]
    revoked = [r for r in group if r["event"] == "withdrawal_revoked"]
    if not (notices or effects) or not nodes:
        return
    action = entity("action", iso3, code, f"art{article_key(number)}", "withdrawal")
    top = cr.best(notices or effects)
    g.add((action, RDF.type, OG.TreatyAction))
    g.add((action, OG.actor, state(iso3)))
    g.add((action, OG.treaty, treaty(code)))
    g.add((action, OG.actionKind, OG.DeclarationWithdrawal))
    g.add((action, OG.withdrawsDeclarationUnder, article(code, number)))
    g.add((action, OG.confidence, Literal(top["confidence"])))
    g.add((action, OG.sourceRow, Literal(top.where)))
    cr.cite(g, action, notices + effects + revoked)
    notified = cr.full_date(cr.best(notices)["date"]) if notices else None
    if notified:
        g.add((action, OG.depositDate, Literal(notified, datatype=XSD.date)))
    cr.claims(g, action, OG.depositDate, notices, notified)
    # the declaration withdrawn: the last one made before the notice
    target = nodes[-1][0]
    if notified:
        before = [n for n, made in nodes if made is None or made <= notified]
        target = before[-1] if before else target
    if revoked:
        g.add((action, OG.tookEffect, Literal(False)))
        for row in revoked:
            text = f"Withdrawal revoked ({row['date']}): “{row['quote']}” {row['note']}"
            g.add((action, OG.note, Literal(text.strip())))
        cr.cite(g, target, revoked)
        return
    dated = [r for r in effects if cr.full_date(r["date"]) and not cr.competing(r)]
    effect = cr.full_date(cr.best(dated)["date"]) if dated else None
    computed = _computed_effect(code, number, notified, ctx)
    if effect is None and computed is not None:
        effect = computed[0]
    cr.claims(g, action, OG.effectiveDate, effects, effect)
    if computed is not None:
        cr.computed_claim(g, action, OG.effectiveDate, computed[0], computed[1], computed[0] == effect)
    if effect:
        g.add((action, OG.effectiveDate, Literal(effect, datatype=XSD.date)))
        g.add((target, OG.withdrawalDate, Literal(effect, datatype=XSD.date)))
    else:
        g.add((target, OG.note, Literal("Withdrawal notified; no page gives the date it took effect.")))


def _computed_effect(code: str, number: str, notified: str | None, ctx: Existing) -> tuple[str, str] | None:
    """The date the treaty's clause on withdrawing this declaration gives, with the clause."""
    if not notified:
        return None
    clause = ctx.clause_for(code, "DeclarationWithdrawalNotice", number)
    timing = ctx.clause_timing.get(clause or "")
    if clause is None or timing is None:
        return None
    amount, unit, alignment = timing
    day = law.effect_date(dt.date.fromisoformat(notified), law.read_period(amount, unit), alignment)
    return (day.isoformat(), clause) if day else None
