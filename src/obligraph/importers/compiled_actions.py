"""States' acts on treaties from graph/compiled/<topic>/treaty-actions.csv: signatures, consents,
entry into force, denunciations, withdrawn signatures and consents; one participation per state
and treaty. Declarations under an article are :mod:`obligraph.importers.compiled_declarations`.

Where the graph already holds the participation (a withdrawal the curated CoE record gives with
no start) the rows are written onto it: the start, the consent, and each row's date as a claim
beside the recorded ones; a date already recorded is not asserted a second time.

A ``party_by`` row is a page listing the state as a party on its date, where no page gives the
consent's date: the participation is written with ``og:partyNoLaterThan`` and no start.

Entry into force for the state: a date a page states (the acceptance rule of
:mod:`obligraph.importers.compiled_rows`, a row not marked as conflicting first); where no unmarked
page states one, the date the treaty's own clause gives for the accepted deposit, as a claim
computed by that clause, with the confidence of its weaker input and never high. Without a
recorded general entry into force, a computed date earlier than the earliest one any page states
for the treaty is not used (it might precede the treaty's own entry into force).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from obligraph.errors import SourceDataError
from obligraph.importers import compiled_rows as cr
from obligraph.importers import emit
from obligraph.importers.compiled_context import Existing
from obligraph.importers.rows import CONFIDENCE_RANK, Row
from obligraph.rdf_terms import OG, entity, state, treaty

CONSENT = {
    "ratification": OG.Ratification,
    "accession": OG.AccessionToTreaty,
    "succession": OG.Succession,
    "acceptance": OG.Acceptance,
    "approval": OG.Approval,
}
OTHER_EVENTS = (
    "signature",
    "entry_into_force",
    "denunciation_notified",
    "denunciation_effective",
    "withdrawal_revoked",
    "signature_withdrawn",
    "consent_withdrawn",
    "party_by",  # a page lists the state as a party on that date; its consent's date is not known
)
DECLARATION_EVENTS = (
    "declaration",
    "declaration_withdrawn_notified",
    "declaration_withdrawal_effective",
    "declaration_expired",
)
EVENTS = (*CONSENT, *OTHER_EVENTS, *DECLARATION_EVENTS)
NEVER_A_PARTY = "The instrument was withdrawn before the treaty entered into force for the state; it never became a party."


def split(rows: list[Row], ctx: Existing) -> tuple[list[Row], list[Row]]:
    """Check every row; return (treaty actions, declarations under an article)."""
    for row in rows:
        cr.check(row, needs_date=not row["event"].startswith("declaration"))
        if row["event"] not in EVENTS:
            raise SourceDataError(f"{row.where}: unknown event {row['event']!r} (one of {', '.join(EVENTS)})")
        if row["iso3"] not in ctx.states:
            raise SourceDataError(f"{row.where}: {row['iso3']!r} is not a state of the graph")
        if cr.code(row["treaty"]) not in ctx.treaties:
            raise SourceDataError(f"{row.where}: treaty {row['treaty']!r} is not in the graph")
    declared = {(r["treaty"], r["iso3"], r["article"]) for r in rows if r["event"].startswith("declaration")}
    in_declaration = [r for r in rows if (r["treaty"], r["iso3"], r["article"]) in declared]
    return [r for r in rows if r not in in_declaration], in_declaration


def build_actions(rows: list[Row], ctx: Existing) -> Graph:
    g = emit.new_graph()
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        groups[(cr.code(row["treaty"]), row["iso3"])].append(row)
    earliest: dict[str, dt.date] = {}
    for (code, _), group in groups.items():
        for row in group:
            day = emit.parse_date(row["date"])
            if row["event"] == "entry_into_force" and day and not cr.computed(row):
                earliest[code] = min(earliest.get(code, day), day)
    for (code, iso3), group in sorted(groups.items()):
        _state_on_treaty(g, code, iso3, group, ctx, earliest.get(code))
    return g


def _events(group: list[Row]) -> dict[str, list[Row]]:
    by: dict[str, list[Row]] = defaultdict(list)
    for row in group:
        by["consent" if row["event"] in CONSENT else row["event"]].append(row)
    return by


def _state_on_treaty(
    g: Graph, code: str, iso3: str, group: list[Row], ctx: Existing, earliest: dt.date | None
) -> None:
    by = _events(group)
    known = ctx.participations.get((iso3, code))
    part = URIRef(known.iri) if known else entity("participation", iso3, code, "1")
    base = entity("action", iso3, code, "1")
    consent = cr.best(by["consent"]) if by["consent"] else None
    deposit = cr.full_date(consent["date"]) if consent else None
    if by["signature"]:
        _signature(g, code, iso3, by["signature"], deposit)
    if by["signature_withdrawn"]:
        node = entity("action", iso3, code, "signature-withdrawal")
        cr.action(g, node, iso3, code, OG.SignatureWithdrawal, by["signature_withdrawn"])
        cr.dated(g, node, OG.depositDate, by["signature_withdrawn"])
    consent_node = URIRef(f"{base}/consent")
    if consent is not None:
        cr.action(g, consent_node, iso3, code, CONSENT[consent["event"]], by["consent"])
        cr.dated(g, consent_node, OG.depositDate, by["consent"])
    if by["consent_withdrawn"]:
        node = URIRef(f"{base}/consent-withdrawal")
        cr.action(g, node, iso3, code, OG.ConsentWithdrawal, by["consent_withdrawn"])
        cr.dated(g, node, OG.depositDate, by["consent_withdrawn"])
        g.add((consent_node, OG.tookEffect, Literal(False)))
        g.add((consent_node, OG.note, Literal(NEVER_A_PARTY)))
        return
    if consent is None and not by["entry_into_force"] and not by["party_by"] and known is None:
        return  # a signatory only
    start, confidence = _start(g, part, code, by, deposit, ctx, earliest)
    if confidence is None and by["party_by"]:
        confidence = cr.best(by["party_by"])["confidence"]
    g.add((part, RDF.type, OG.Participation))
    g.add((part, OG.party, state(iso3)))
    g.add((part, OG.treaty, treaty(code)))
    first = consent or (by["entry_into_force"] or by["party_by"] or group)[0]
    g.add((part, OG.sourceRow, Literal(first.where)))
    if confidence:
        g.add((part, OG.confidence, Literal(confidence)))
    cr.cite(g, part, by["consent"] + by["entry_into_force"] + by["party_by"])
    if by["party_by"]:
        # the earliest date a page lists the state as a party: a party then and after, from a
        # date no page gives
        earliest_listing = min(r for r in (cr.full_date(row["date"]) for row in by["party_by"]) if r)
        g.add((part, OG.partyNoLaterThan, Literal(earliest_listing, datatype=XSD.date)))
    if consent is not None:
        g.add((part, OG.establishedByAction, consent_node))
        if start:
            g.add((consent_node, OG.effectiveDate, Literal(start, datatype=XSD.date)))
    end = _denunciation(g, part, base, code, iso3, by, ctx, known.end if known else None)
    if start or end:
        emit.interval(g, part, start, end)
    if not start:
        g.add((part, OG.dateUnknown, Literal("entryIntoForceDate")))


def _signature(g: Graph, code: str, iso3: str, rows: list[Row], deposit: str | None) -> None:
    node = entity("action", iso3, code, "signature")
    cr.action(g, node, iso3, code, OG.Signature, rows)
    value = cr.full_date(cr.best(rows)["date"])
    later = bool(value and deposit and value > deposit)
    cr.dated(g, node, OG.depositDate, rows, assert_it=not later)
    if later:
        g.add(
            (
                node,
                OG.note,
                Literal(
                    f"The signature date given ({value}) is later than the deposit of consent ({deposit}); "
                    "kept as a claim, not recorded as the signature's date."
                ),
            )
        )


def _start(
    g: Graph,
    part: URIRef,
    code: str,
    by: dict[str, list[Row]],
    deposit: str | None,
    ctx: Existing,
    earliest: dt.date | None,
) -> tuple[str | None, str | None]:
    """The accepted entry into force for the state and its confidence (see the module's rule)."""
    rows = by["entry_into_force"]
    rule = ctx.rules.get(code)
    computed: str | None = None
    if deposit and rule is not None and rule.entry_clause:
        day = rule.entry_into_force(dt.date.fromisoformat(deposit))
        if day and (rule.general is not None or (earliest is not None and day >= earliest)):
            computed = day.isoformat()
    stated = [r for r in rows if not cr.computed(r) and cr.full_date(r["date"])]
    unmarked = [r for r in stated if not cr.competing(r)]
    accepted: str | None
    confidence: str | None
    if unmarked:
        top = cr.best(unmarked)
        accepted, confidence = top["date"], top["confidence"]
    elif computed and rule is not None and rule.entry_clause:
        accepted = computed
        inputs = (cr.best(by["consent"])["confidence"], ctx.clause_confidence.get(rule.entry_clause, "low"))
        confidence = min((*inputs, "medium"), key=lambda c: CONFIDENCE_RANK[c])
    elif rows and cr.full_date(cr.best(rows)["date"]):
        top = cr.best(rows)
        accepted, confidence = top["date"], top["confidence"]
    else:
        accepted, confidence = None, (cr.best(by["consent"])["confidence"] if by["consent"] else None)
    cr.claims(g, part, OG.entryIntoForceDate, rows, accepted, rule.entry_clause if rule else None)
    if computed and rule is not None and rule.entry_clause:
        cr.computed_claim(g, part, OG.entryIntoForceDate, computed, rule.entry_clause, computed == accepted)
    return accepted, confidence


def _denunciation(
    g: Graph,
    part: URIRef,
    base: URIRef,
    code: str,
    iso3: str,
    by: dict[str, list[Row]],
    ctx: Existing,
    recorded_end: dt.date | None,
) -> str | None:
    """The denunciation's notice and effect; the participation's end where no record gives it."""
    notices, effects = by["denunciation_notified"], by["denunciation_effective"]
    revoked = by["withdrawal_revoked"]
    if not (notices or effects or revoked):
        return None
    node = URIRef(f"{base}/denunciation")
    recorded = ctx.action_dates.get(str(node), {})
    if str(node) not in ctx.actions:
        cr.action(g, node, iso3, code, OG.DenunciationNotification, notices + effects + revoked)
    else:
        cr.cite(g, node, notices + effects + revoked)
    notified = _kept(g, node, OG.depositDate, notices, recorded.get("depositDate"), ctx)
    effect = _kept(g, node, OG.effectiveDate, effects, recorded.get("effectiveDate"), ctx)
    if not effects and notified and not revoked and not effect:
        rule = ctx.rules.get(code)
        day = rule.denunciation_effect(dt.date.fromisoformat(notified)) if rule else None
        if day and rule is not None and rule.denunciation_clause:
            effect = day.isoformat()
            g.add((node, OG.effectiveDate, Literal(effect, datatype=XSD.date)))
            cr.computed_claim(g, node, OG.effectiveDate, effect, rule.denunciation_clause, True)
    for row in revoked:
        g.add((node, OG.tookEffect, Literal(False)))
        revocation = f"Withdrawal revoked ({row['date']}): “{row['quote']}” {row['note']}"
        g.add((node, OG.note, Literal(revocation.strip())))
    if revoked or not effect or recorded_end is not None:
        return None
    g.add((part, OG.endedByAction, node))
    return effect


def _kept(
    g: Graph, node: URIRef, prop: URIRef, rows: list[Row], recorded: str | None, ctx: Existing
) -> str | None:
    """The date another import records for ``prop``, else the accepted row's; rows stay claims."""
    if not rows:
        return recorded
    value = recorded or cr.full_date(cr.best(rows)["date"])
    if not recorded and value:
        g.add((node, prop, Literal(value, datatype=XSD.date)))
    cr.claims(g, node, prop, rows, value, known=ctx.claims)
    return value
