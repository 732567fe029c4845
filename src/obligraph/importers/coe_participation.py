"""Participation in Council of Europe treaties from the curated record, with the fact checks
folded in, withdrawal records of other treaties, and the entry-into-force claims the clauses
give."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from obligraph.errors import SourceDataError
from obligraph.importers import curation, emit, fact_checks
from obligraph.importers.fact_checks import FactChecks
from obligraph.importers.rows import CONFIDENCE_RANK, Row, verified_sources
from obligraph.importers.treaty_rules import Rule, load_rule
from obligraph.rdf_terms import OG, entity, state, treaty
from obligraph.store import IRI, KnowledgeGraph

# --------------------------------------------------------------------------------------------
# Treaty participation
# --------------------------------------------------------------------------------------------

PARTICIPATION_FIELDS = {
    "signature_date": OG.signatureDate,
    "ratification_date": OG.ratificationDateAsReported,
    "entry_into_force_date": OG.entryIntoForceDate,
    "denunciation_notified_date": OG.denunciationNotifiedDate,
    "denunciation_effective_date": OG.denunciationEffectiveDate,
}


def build_participation(rows: list[Row], withdrawals: list[Row], checks: FactChecks | None = None) -> Graph:
    """Participation in the CoE treaties; ``checks`` (graph/fact-checks/) cite the pages that
    confirm a value (raising its confidence) or state another one (a competing claim)."""
    checks = checks or FactChecks([])
    g = emit.new_graph()
    steps = _withdrawal_steps(withdrawals)
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    ids = curation.identifiers("coe-curated")
    for row in rows:
        if row["treaty"] not in ids:
            raise SourceDataError(
                f"{row.where}: treaty {row['treaty']!r} is not in graph/curation/source-identifiers.csv"
            )
        groups[(ids[row["treaty"]], row["iso3"])].append(row)
    for (code, iso3), group in sorted(groups.items()):
        conflicting = [r for r in group if r["conflict"] == "1"]
        periods = [[r] for r in group if r["conflict"] != "1"] + ([conflicting] if conflicting else [])
        for period in periods:
            primary = max(period, key=_primary_rank)
            _participation(
                g, code, iso3, primary, period, steps.get((code, iso3), []), len(periods) > 1, checks
            )
    return g


def _primary_rank(row: Row) -> tuple[int, int, int]:
    filled = sum(1 for f in PARTICIPATION_FIELDS if emit.parse_date(row[f]))
    return (
        0 if row["note"].startswith("[page value]") else 1,
        filled,
        CONFIDENCE_RANK.get(row["confidence"], 0),
    )


@dataclass(frozen=True)
class _Checked:
    """One field of a curated row with the fact checks of its value folded in."""

    confidence: str
    sources: list[str]  # verified URLs: the curated pass's and the fact checks'
    notes: list[str]


def _checked(checks: FactChecks, code: str, iso3: str, row: Row, field: str) -> _Checked:
    confirming = checks.confirming(code, iso3, field, row[field]) if row[field] else []
    return _Checked(
        fact_checks.raised(row["confidence"], confirming),
        verified_sources(row, field) + [c.source_url for c in confirming],
        [c.describe() for c in confirming],
    )


def _participation(
    g: Graph,
    code: str,
    iso3: str,
    primary: Row,
    period: list[Row],
    steps: list[Row],
    several: bool,
    checks: FactChecks,
) -> None:
    key = (primary["entry_into_force_date"] or primary["ratification_date"])[:4] if several else "1"
    node = entity("participation", iso3, code, key)
    entry = _checked(checks, code, iso3, primary, "entry_into_force_date")
    g.add((node, RDF.type, OG.Participation))
    g.add((node, OG.party, state(iso3)))
    g.add((node, OG.treaty, treaty(code)))
    g.add((node, OG.confidence, Literal(entry.confidence)))
    g.add((node, OG.sourceRow, Literal(primary.where)))
    if primary["note"]:
        g.add((node, OG.note, Literal(primary["note"])))
    emit.add_sources(g, node, primary["source_url"], entry.sources)
    for row in period:
        for field, prop in PARTICIPATION_FIELDS.items():
            if not row[field]:
                continue
            checked = _checked(checks, code, iso3, row, field)
            emit.claim(
                g,
                node,
                prop,
                row[field],
                row["source_url"],
                confidence=checked.confidence,
                note="\n".join([row["note"], *checked.notes]).strip(),
                accepted=row is primary,
                row=row.where,
                extra_sources=checked.sources,
            )
            recorded = {r[field] for r in period}
            for check in checks.contradicting(code, iso3, field, row[field]):
                if check.page_value in recorded:
                    continue  # the curated data already holds the page's value as a claim
                emit.claim(
                    g,
                    node,
                    prop,
                    check.page_value,
                    check.source_url,
                    confidence=check.confidence,
                    note=f"{check.describe()} (It disagrees with the curated value {row[field]}.)",
                    accepted=False,
                    row=check.where,
                )
    start = primary["entry_into_force_date"] if emit.parse_date(primary["entry_into_force_date"]) else None
    end_date = primary["denunciation_effective_date"]
    ceased = [s for s in steps if s["event"] == "ceased_party"]
    if start and ceased and not end_date:
        end_date = ceased[0]["date"]
    emit.interval(g, node, start, end_date if emit.parse_date(end_date) else None)

    base = entity("action", iso3, code, key)
    if emit.parse_date(primary["signature_date"]):
        sig = URIRef(f"{base}/signature")
        _action(
            g, sig, iso3, code, OG.Signature, primary, _checked(checks, code, iso3, primary, "signature_date")
        )
        g.add((sig, OG.depositDate, Literal(primary["signature_date"], datatype=XSD.date)))
    if emit.parse_date(primary["ratification_date"]):
        rat = URIRef(f"{base}/ratification")
        # A successor state bound by its predecessor's ratification (the row's note says so:
        # Czech Republic, Slovakia, Montenegro) consents by succession.
        by_succession = "succession" in primary["note"].lower()
        _action(
            g,
            rat,
            iso3,
            code,
            OG.Succession if by_succession else OG.Ratification,
            primary,
            _checked(checks, code, iso3, primary, "ratification_date"),
        )
        if by_succession:
            g.add(
                (
                    rat,
                    OG.note,
                    Literal("Bound by succession; the deposit date is the predecessor's ratification."),
                )
            )
        g.add((rat, OG.depositDate, Literal(primary["ratification_date"], datatype=XSD.date)))
        if start:
            g.add((rat, OG.effectiveDate, Literal(start, datatype=XSD.date)))
        g.add((node, OG.establishedByAction, rat))
    notice = _checked(checks, code, iso3, primary, "denunciation_notified_date")
    _denunciation(g, node, base, iso3, code, primary, steps if start else [], notice)


def _action(
    g: Graph, node: URIRef, iso3: str, code: str, kind: URIRef, row: Row, checked: _Checked | None = None
) -> None:
    g.add((node, RDF.type, OG.TreatyAction))
    g.add((node, OG.actor, state(iso3)))
    g.add((node, OG.treaty, treaty(code)))
    g.add((node, OG.actionKind, kind))
    g.add((node, OG.confidence, Literal(checked.confidence if checked else row["confidence"])))
    g.add((node, OG.sourceRow, Literal(row.where)))
    emit.add_sources(g, node, row["source_url"], checked.sources if checked else ())


def _denunciation(
    g: Graph,
    participation: URIRef,
    base: str,
    iso3: str,
    code: str,
    primary: Row,
    steps: list[Row],
    checked: _Checked | None = None,
) -> None:
    notified = primary["denunciation_notified_date"]
    effective = primary["denunciation_effective_date"]
    ceased = [s for s in steps if s["event"] == "ceased_party"]
    if ceased:
        node = URIRef(f"{base}/cessation")
        _action(g, node, iso3, code, OG.CessationByMembershipCondition, ceased[0])
        g.add((node, OG.effectiveDate, Literal(ceased[0]["date"], datatype=XSD.date)))
        g.add((node, OG.note, Literal(ceased[0]["note"])))
        g.add((participation, OG.endedByAction, node))
        if notified:
            intent = URIRef(f"{base}/denunciation")
            _action(g, intent, iso3, code, OG.DenunciationNotification, primary, checked)
            g.add((intent, OG.depositDate, Literal(notified, datatype=XSD.date)))
            g.add((intent, OG.tookEffect, Literal(False)))
            for step in steps:
                if step["event"] == "notification":
                    emit.add_sources(g, intent, step["source_url"])
                    g.add((intent, OG.note, Literal(step["note"])))
        return
    if not (notified or effective or steps):
        return
    node = URIRef(f"{base}/denunciation")
    _action(g, node, iso3, code, OG.DenunciationNotification, primary, checked)
    if emit.parse_date(notified):
        g.add((node, OG.depositDate, Literal(notified, datatype=XSD.date)))
    if emit.parse_date(effective):
        g.add((node, OG.effectiveDate, Literal(effective, datatype=XSD.date)))
        g.add((participation, OG.endedByAction, node))
    domestic = sorted(
        (s for s in steps if s["event"] == "domestic_decision" and emit.parse_date(s["date"])),
        key=lambda s: s["date"],
    )
    for number, step in enumerate(domestic, start=1):
        # Each domestic step is its own node, so that sources disagreeing on one step's date
        # (and not the different dates of different steps) show as a conflict.
        value = step["date"]
        step_node = URIRef(f"{node}/step/{number}")
        g.add((step_node, RDF.type, OG.DomesticStep))
        g.add((step_node, OG.stepOf, node))
        g.add((step_node, OG.domesticDecisionDate, Literal(value, datatype=XSD.date)))
        g.add((step_node, OG.confidence, Literal(step["confidence"])))
        g.add((step_node, OG.note, Literal(step["note"])))
        emit.add_sources(g, step_node, step["source_url"])
        g.add((node, OG.domesticDecisionDate, Literal(value, datatype=XSD.date)))
        emit.add_sources(g, node, step["source_url"])
        emit.claim(
            g,
            step_node,
            OG.domesticDecisionDate,
            value,
            step["source_url"],
            confidence=step["confidence"],
            note=step["note"],
            accepted=True,
            row=step.where,
        )
    for step in steps:
        value = step["date"]
        if step["event"] == "domestic_decision":
            continue
        elif step["event"] in ("notification", "effective") and not value:
            prop = "depositDate" if step["event"] == "notification" else "effectiveDate"
            g.add((node, OG.dateUnknown, Literal(prop)))
            g.add((node, OG.note, Literal(f"{prop} unknown: {step['note']}")))
        elif step["event"] in ("notification", "effective"):
            prop_iri = OG.depositDate if step["event"] == "notification" else OG.effectiveDate
            emit.claim(
                g,
                node,
                prop_iri,
                value,
                step["source_url"],
                confidence=step["confidence"],
                note=step["note"],
                row=step.where,
            )


def _withdrawal_steps(rows: list[Row]) -> dict[tuple[str, str], list[Row]]:
    out: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        match = re.search(r"\((?:[^)]*, )?(C?ETS) (\d+)\)", row["instrument"])
        if match:
            code = f"{match.group(1)}-{int(match.group(2)):03d}"
        else:
            named = curation.identifiers("coe-curated-instrument").items()
            code = next((c for name, c in named if row["instrument"].startswith(name)), "")
        if code:
            out[(code, row["iso3"])].append(row)
    return out


def build_withdrawal_records(withdrawals: list[Row], started: frozenset[str] = frozenset()) -> Graph:
    """Withdrawals from treaties whose full party list is not in the curated data (Rome Statute,
    ACHR): the state's participation, and its withdrawal steps. Its start is unknown here; where
    another importer records it (``started``: participation IRIs with a start, from the
    hand-compiled facts of graph/compiled/), the record says nothing about the start."""
    g = emit.new_graph()
    for (code, iso3), steps in sorted(_withdrawal_steps(withdrawals).items()):
        if code not in curation.identifiers("coe-curated-instrument").values():
            continue
        node = entity("participation", iso3, code, "1")
        g.add((node, RDF.type, OG.Participation))
        g.add((node, OG.party, state(iso3)))
        g.add((node, OG.treaty, treaty(code)))
        if str(node) not in started:
            g.add(
                (
                    node,
                    OG.note,
                    Literal(
                        "Party before its withdrawal; the date it became bound is not in the curated data."
                    ),
                )
            )
            g.add((node, OG.dateUnknown, Literal("entryIntoForceDate")))
        for step in steps:
            emit.add_sources(g, node, step["source_url"])
        action = entity("action", iso3, code, "1", "denunciation")
        _action(g, action, iso3, code, OG.DenunciationNotification, steps[0])
        _competing_dates(g, action, steps, "notification", OG.depositDate)
        best_effect = _competing_dates(g, action, steps, "effective", OG.effectiveDate)
        if best_effect is not None:
            g.add((node, OG.endedByAction, action))
            emit.interval(g, node, None, best_effect["date"])
        for step in steps:
            if step["event"] == "revoked":
                g.add((action, OG.tookEffect, Literal(False)))
                g.add(
                    (action, OG.note, Literal(f"Withdrawal notice revoked on {step['date']}: {step['note']}"))
                )
            elif step["event"] in ("domestic_decision", "announcement") and emit.parse_date(step["date"]):
                g.add((action, OG.domesticDecisionDate, Literal(step["date"], datatype=XSD.date)))
            if step["note"]:
                g.add((action, OG.note, Literal(f"{step['event']} {step['date']}: {step['note']}")))
    return g


def _competing_dates(g: Graph, action: URIRef, steps: list[Row], event: str, prop: URIRef) -> Row | None:
    """Record every row's date for ``event`` as a claim; accept and assert the best-ranked one
    (highest confidence, then a row not flagged as conflicting)."""
    rows = [s for s in steps if s["event"] == event and emit.parse_date(s["date"])]
    best = max(
        rows, key=lambda s: (CONFIDENCE_RANK.get(s["confidence"], 0), s["conflict"] != "1"), default=None
    )
    for row in rows:
        emit.claim(
            g,
            action,
            prop,
            row["date"],
            row["source_url"],
            confidence=row["confidence"],
            note=row["note"],
            accepted=row is best,
            row=row.where,
        )
    if best is not None:
        g.add((action, prop, Literal(best["date"], datatype=XSD.date)))
    return best


def computed_entry_claims(participation: Graph, kg: KnowledgeGraph) -> None:
    """Add, beside each stated entry-into-force date, the date the treaty's clause gives.

    The computed value is a claim derived from the clause (PROV-O), never merged into the stated
    one: where the two differ, `obligraph sources --conflicts` shows it.
    """
    rules: dict[str, Rule] = {}
    for part in sorted(
        {s for s in participation.subjects(RDF.type, OG.Participation) if isinstance(s, URIRef)}
    ):
        code = str(participation.value(part, OG.treaty)).rsplit("/", 1)[-1]
        deposit = _accepted(participation, part, OG.ratificationDateAsReported)
        if deposit is None:
            continue
        if code not in rules:
            general = kg.query(
                "SELECT ?t ?d WHERE { ?t eli:first_date_entry_in_force ?d }", {"t": IRI(str(treaty(code)))}
            )
            first = general[0]["d"] if general else None
            rules[code] = load_rule(kg, code, first if isinstance(first, dt.date) else None)
        rule = rules[code]
        computed = rule.entry_into_force(deposit)
        if computed is None or rule.entry_clause is None:
            continue
        node = entity("claim", "computed", *str(part).split("/id/", 1)[1].split("/"), "entryIntoForceDate")
        participation.add((node, RDF.type, OG.Claim))
        participation.add((node, OG.claimAbout, part))
        participation.add((node, OG.claimedProperty, OG.entryIntoForceDate))
        participation.add((node, OG.claimedValue, Literal(computed.isoformat(), datatype=XSD.date)))
        clause = URIRef(rule.entry_clause)
        participation.add((node, OG.computedBy, clause))
        participation.add((node, PROV.wasDerivedFrom, clause))
        participation.add((node, OG.accepted, Literal(False)))
        participation.add(
            (node, OG.note, Literal(f"computed from the deposit {deposit} by the treaty's clause"))
        )


def _accepted(g: Graph, about: URIRef, prop: URIRef) -> dt.date | None:
    for claim_node in g.subjects(OG.claimAbout, about):
        if g.value(claim_node, OG.claimedProperty) == prop and g.value(claim_node, OG.accepted) == Literal(
            True
        ):
            value = str(g.value(claim_node, OG.claimedValue))
            parsed = emit.parse_date(value)
            if parsed:
                return parsed
    return None
