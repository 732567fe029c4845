"""Bodies' powers from graph/compiled/<topic>/bodies.csv: one og:Power per body, kind and
instrument, granted by the rows' articles, citing every row's page.

Columns beyond the research brief's, filled by the compiler where the row's page says so:
``requires_declaration_under`` (the article of the declaration the power needs: ACHR Art. 62 for
the Inter-American Court; the power then needs an opt-in, ``og:requiresOptIn``, and that article
is one of its granting articles, so that a declaration accepting it switches the power on) and
``reaches_through`` (``TREATY ARTICLE``: for a power an organ's statute or rules give, the article
of the organisation's constituent treaty through which it reaches the member states,
``og:reachesThrough``, also a granting article, so that the power queries find it through the
state's participation in that treaty).

A power the graph already holds (same body, kind and instrument) is not written twice: the rows'
pages are added to it. Rows with no article at all (a practice, not an article) are kept as notes
and sources on the body. The body must be in the graph (graph/regional-bodies.ttl).
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from obligraph.errors import SourceDataError
from obligraph.importers import compiled_rows as cr
from obligraph.importers import emit
from obligraph.importers.compiled_context import Existing
from obligraph.importers.rows import Row
from obligraph.rdf_terms import OG, article_key, body, entity
from obligraph.vocab import OG_NS

KINDS = {
    "state-reporting": OG.StateReporting,
    "individual-complaints": OG.IndividualComplaints,
    "inter-state-complaints": OG.InterStateComplaints,
    "inquiry": OG.InquiryPower,
    "visits": OG.VisitPower,
    "binding-judgments": OG.BindingJudgments,
    "advisory-opinions": OG.AdvisoryOpinions,
    "collective-complaints": OG.CollectiveComplaints,
    "country-monitoring": OG.CountryMonitoring,
    "criminal-jurisdiction": OG.CriminalJurisdiction,
    "provisional-measures": OG.ProvisionalMeasures,
}


def build_bodies(rows: list[Row], ctx: Existing) -> Graph:
    g = emit.new_graph()
    groups: dict[tuple[str, str, str, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        cr.check(row)
        who = cr.code(row["body"], "compiled-body")
        if who not in ctx.bodies:
            raise SourceDataError(
                f"{row.where}: body {row['body']!r} is not in the graph (graph/regional-bodies.ttl)"
            )
        if row["power"] not in KINDS:
            raise SourceDataError(f"{row.where}: unknown power {row['power']!r} (one of {', '.join(KINDS)})")
        if cr.code(row["treaty"]) not in ctx.instruments:
            raise SourceDataError(f"{row.where}: instrument {row['treaty']!r} is not in the graph")
        for extra in (row["requires_declaration_under"], row["reaches_through"].rpartition(" ")[2]):
            if extra and not cr.ARTICLE.match(extra):
                raise SourceDataError(f"{row.where}: {extra!r} is not an article number")
        key = (
            who,
            row["power"],
            cr.code(row["treaty"]),
            row["requires_declaration_under"],
            row["reaches_through"],
        )
        groups[key].append(row)
    for (who, kind, code, optin, through), group in sorted(groups.items()):
        _power(g, who, kind, code, optin, through, group, ctx)
    return g


def _quote(row: Row) -> Literal:
    where = f"{row['treaty']} Art. {row['article']}" if row["article"] else row["treaty"]
    return Literal(f"{where}: “{row['quote']}” ({row['source_url']}) {row['note']}".strip())


def _power(
    g: Graph, who: str, kind: str, code: str, optin: str, through: str, rows: list[Row], ctx: Existing
) -> None:
    existing = ctx.powers.get((who, str(KINDS[kind]).removeprefix(OG_NS), code))
    articled = [r for r in rows if r["article"]]
    if existing is not None:
        node = URIRef(existing)
        cr.cite(g, node, rows)
        for row in rows:
            g.add((node, OG.note, _quote(row)))
        return
    if not articled:
        holder = body(who)
        cr.cite(g, holder, rows)
        for row in rows:
            g.add((holder, OG.note, Literal(f"{kind} (no article: a practice): {_quote(row)}")))
        return
    top = cr.best(rows)
    slug = f"{who}-{kind}-{code}" + (f"-art{article_key(optin)}" if optin else "")
    node = entity("power", slug)
    g.add((node, RDF.type, OG.Power))
    g.add((node, OG.heldBy, body(who)))
    g.add((node, OG.powerKind, KINDS[kind]))
    g.add((node, OG.requiresOptIn, Literal(bool(optin))))
    g.add((node, OG.confidence, Literal(top["confidence"])))
    g.add((node, OG.sourceRow, Literal(top.where)))
    numbers = sorted({r["article"] for r in articled})
    for number in numbers:
        source = next(r["source_url"] for r in articled if r["article"] == number)
        g.add((node, OG.grantedBy, cr.article_node(g, code, number, source, ctx.articles)))
    if optin:
        g.add((node, OG.grantedBy, cr.article_node(g, code, optin, top["source_url"], ctx.articles)))
    label = f"{who}: {kind} ({code} Art. {', '.join(numbers)})"
    if through:
        other, _, number = through.rpartition(" ")
        target = cr.code(other)
        if target not in ctx.treaties:
            raise SourceDataError(f"{top.where}: reaches_through names {other!r}, not a treaty of the graph")
        reach = cr.article_node(g, target, number, top["source_url"], ctx.articles)
        g.add((node, OG.grantedBy, reach))
        g.add((node, OG.reachesThrough, reach))
        label += f", reaching the members through {target} Art. {number}"
    g.add((node, RDFS.label, Literal(label, lang="en")))
    cr.cite(g, node, rows)
    for row in rows:
        g.add((node, OG.note, _quote(row)))
